// Test fixture: the Sud Est Milano social district of scenarios.md — nine
// comuni with their shares, an Assemblea dei Sindaci with the S1 rules and a
// Tavolo Tecnico — on a fresh log with a simulated clock.
//
// Thread-safety: one fixture per test.
//
// Example:
//   District d;
//   d.Register();
//   d.DraftReady("p-1");
//   d.ConveneAssemblea("s-1", absl::CivilDay(2026, 3, 2), {"p-1"});
#ifndef CONCORDIA_ENGINE_DOMAIN_GOVERNANCE_TESTING_DISTRICT_H_
#define CONCORDIA_ENGINE_DOMAIN_GOVERNANCE_TESTING_DISTRICT_H_

#include <string>
#include <vector>

#include "engine/domain/governance/governance.h"
#include "engine/log/testing/events.h"

namespace concordia::domain::testing {

inline constexpr char kDistrict[] = "sudestmilano";

// The nine comuni and their shares (‰), largest first.
std::vector<consortium::Founder> DistrictComuni();
// The statute of scenario S1 (quorum > 500‰ and a majority of members;
// absolute majority of votanti's shares; immediate executability > 500‰ of
// all shares; 5/3 days and 24 hours' notice; 15 days on the albo; executive
// 10 days from the start of publication).
v1::Statute DistrictStatute();
// "sindaco@<member>": the person representing a comune on the Assemblea.
std::string Sindaco(const std::string& member_id);
// A time in Europe/Rome.
absl::Time Rome(int y, int m, int d, int hh = 0, int mm = 0);

class District {
 public:
  explicit District(std::string consortium_id = kDistrict,
                    v1::Statute statute = DistrictStatute());

  // A command context from the clock, with a fresh request id.
  CommandContext Ctx(const std::string& principal = "segretario@sudestmilano");
  // Registers the consortium (constituted on 1 Jan 2024), creates the
  // Assemblea and the Tavolo Tecnico and designates every sindaco.
  void Register();
  // Drafts `proposal_id` for the Assemblea with a favourable technical
  // opinion.
  void DraftReady(const std::string& proposal_id,
                  v1::ActKind kind = v1::ACT_KIND_ORDINARY,
                  bool economic_benefit = false);
  // Convenes the Assemblea on `day` at 10:00 with one item per proposal.
  absl::StatusOr<Outcome> ConveneAssemblea(
      const std::string& session_id, absl::CivilDay day,
      const std::vector<std::string>& proposals,
      v1::SessionKind kind = v1::SESSION_KIND_ORDINARY);
  // Records attendance and has each member vote `choice` on `item`.
  absl::Status Vote(const std::string& session_id, int item,
                    const std::vector<std::pair<std::string, v1::VoteChoice>>&
                        votes,
                    v1::Ballot ballot = v1::BALLOT_MAIN);

  const std::string id;
  const v1::Statute statute;
  log::testing::TestLog log;
  SimulatedClock& clock;
  Governance governance;

 private:
  int next_request_ = 0;
};

}  // namespace concordia::domain::testing

#endif  // CONCORDIA_ENGINE_DOMAIN_GOVERNANCE_TESTING_DISTRICT_H_
