// Test fixture for governance domain II: the Sud Est Milano district of
// domain I (testing/district.h) with a Tavolo degli Aderenti, the
// Cooperation handlers, a timer scheduler running both domains' timers, and
// builders for the data accords, delegations and projects carry — the 11
// public parties of scenario S3 among them.
//
// Thread-safety: one fixture per test.
//
// Example:
//   Cooperative c;
//   absl::CivilDay executive = c.Deliberate("p-pdz", absl::CivilDay(2026, 3,
//   9)); c.AdvanceTo(executive);
#ifndef CONCORDIA_ENGINE_DOMAIN_COOPERATION_TESTING_COOPERATIVE_H_
#define CONCORDIA_ENGINE_DOMAIN_COOPERATION_TESTING_COOPERATIVE_H_

#include <string>
#include <vector>

#include "engine/domain/cooperation/cooperation.h"
#include "engine/domain/governance/testing/district.h"

namespace concordia::domain::testing {

// The nine comuni's ids, largest first.
std::vector<std::string> ComuneIds();
// The 11 public parties of S3: the nine comuni, ATS Città Metropolitana di
// Milano ("ats-milano") and ASST Melegnano e della Martesana
// ("asst-melegnano-martesana").
std::vector<v1::AccordParty> S3Parties();
// A third-sector organisation adhering to a plan.
v1::AccordParty Adherent(const std::string& id, const std::string& name);

// An act outside Concordia (a comune's council, a health agency's decree),
// dated `executive` - 11 days and declared executive on `executive`.
v1::ApprovingAct ExternalAct(const std::string& body, const std::string& number,
                             absl::CivilDay executive);
// A deliberation in Concordia.
v1::ApprovingAct InternalAct(const std::string& proposal_id);
// A qualified electronic signature by `signer` at `at`.
v1::Signature QualifiedSignature(const std::string& signer, absl::Time at);
// A cost-sharing rule of one method.
v1::CostSharingRule SharingRule(v1::CostSharingMethod method);
v1::Exerciser ToConsortium();
v1::Exerciser ToLead(const std::string& member_id);

class Cooperative {
 public:
  // Registers the district (domain I) under `statute` and creates its
  // Tavolo degli Aderenti ("tavolo-aderenti"); starts the scheduler.
  explicit Cooperative(std::string consortium_id = kDistrict,
                       v1::Statute statute = DistrictStatute());

  CommandContext Ctx(const std::string& principal = "segretario@sudestmilano") {
    return district.Ctx(principal);
  }
  // Moves the clock to 00:00 of `day` (Europe/Rome) and runs due timers.
  void AdvanceTo(absl::CivilDay day, int hour = 0);
  // The last position of the log.
  uint64_t Last() { return district.log.log->LastPosition(); }

  // Drafts `proposal` for the Assemblea, convenes a session on `day` (the
  // clock must be at least five days before), adopts it with the five
  // largest comuni, publishes it the next day and returns the day it
  // becomes executive (the executivity timer makes it so when the clock
  // gets there).
  absl::CivilDay Deliberate(const std::string& proposal, absl::CivilDay day);

  District district;
  Cooperation cooperation;
  workflow::TimerScheduler scheduler;
  const std::string& id;
};

}  // namespace concordia::domain::testing

#endif  // CONCORDIA_ENGINE_DOMAIN_COOPERATION_TESTING_COOPERATIVE_H_
