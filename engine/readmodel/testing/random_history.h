// Test helper: random but plausible histories, made by the real command
// handlers (domain::Governance; domain::Cooperation for accords) over a real
// log, from a seed.
//
// Each step picks a command at random — draft, opinion, convene, add an
// item, roll call, delegate, conflict, vote, proclaim, defer, close,
// publish, interrupt, make executive, revoke or annul, change shares, adopt a
// statute, change a representative, admit, withdraw or merge members, draft,
// approve or sign a convenzione, delegate or revoke a function, draft,
// adopt or update a programme, collect, withdraw and aggregate needs and
// start purchases, register a project, record its expenses, submit or mark
// overdue its reports and allocate its costs, propose, approve and sign a
// convenzione's amendments,
// end its term, open a needs collection, submit or withdraw a need,
// register a funded project, submit its reports — with
// arguments chosen from the current state (read through the handlers'
// folds), and moves the simulated clock forward now and then. Commands the
// domain rejects append nothing and are counted apart. Two consortia share
// the log, so histories interleave. The same seed gives the same commands.
//
// Thread-safety: one per District, on one thread.
//
// Example:
//   District d;
//   RandomHistory history(d, /*seed=*/42);
//   ASSERT_TRUE(history.Run(500).ok());
#ifndef CONCORDIA_ENGINE_READMODEL_TESTING_RANDOM_HISTORY_H_
#define CONCORDIA_ENGINE_READMODEL_TESTING_RANDOM_HISTORY_H_

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "engine/domain/cooperation/cooperation.h"
#include "engine/domain/governance/testing/district.h"

namespace concordia::readmodel::testing {

class RandomHistory {
 public:
  // Registers the district (and a second consortium) on `d`'s log.
  RandomHistory(domain::testing::District& d, uint64_t seed);

  // Runs `steps` random commands. Fails only on an error no command should
  // give (not a rejection, a malformed command or an unknown entity).
  absl::Status Run(int steps);

  int accepted() const { return accepted_; }
  int rejected() const { return rejected_; }
  // Rejections by reason code (for a person reading a failed test).
  std::string RejectionSummary() const;
  // The consortia in the history.
  const std::vector<std::string>& consortia() const { return consortia_; }

 private:
  struct Consortium {
    std::string id;
    std::vector<std::string> proposals;
    std::vector<std::string> sessions;
    std::vector<std::string> accords;
    std::vector<std::string> programmes;
    std::vector<std::string> projects;
  };

  absl::Status Step();
  absl::Status Register(const std::string& id);
  // One command of each kind; each returns the handler's status.
  absl::Status Draft(Consortium& c);
  absl::Status Opinion(Consortium& c);
  absl::Status Convene(Consortium& c);
  absl::Status AddItem(Consortium& c);
  absl::Status Progress(Consortium& c);
  absl::Status Attendance(Consortium& c);
  absl::Status AttendanceAt(Consortium& c, const std::string& session);
  absl::Status VoteOn(Consortium& c, const std::string& session, int item,
                      bool executability);
  absl::Status Delegate(Consortium& c);
  absl::Status Conflict(Consortium& c);
  absl::Status Vote(Consortium& c);
  absl::Status Proclaim(Consortium& c);
  absl::Status Defer(Consortium& c);
  absl::Status Close(Consortium& c);
  absl::Status Publish(Consortium& c);
  absl::Status Interrupt(Consortium& c);
  absl::Status MakeExecutive(Consortium& c);
  absl::Status Withdraw(Consortium& c);
  absl::Status ChangeShares(Consortium& c);
  absl::Status AdoptStatute(Consortium& c);
  absl::Status ChangeRepresentative(Consortium& c);
  absl::Status Admit(Consortium& c);
  absl::Status WithdrawMember(Consortium& c);
  absl::Status Merge(Consortium& c);
  // Domain II (random_history_cooperation.cc).
  absl::Status DraftAccord(Consortium& c);
  absl::Status ApproveAccord(Consortium& c);
  absl::Status SignAccord(Consortium& c);
  // Domain II (random_history_functions.cc).
  absl::Status DelegateFunction(Consortium& c);
  absl::Status RevokeFunction(Consortium& c);
  absl::Status DraftProgramme(Consortium& c);
  absl::Status AdoptOrUpdateProgramme(Consortium& c);
  absl::Status CollectNeeds(Consortium& c);
  absl::Status TenderNeeds(Consortium& c);
  absl::Status RegisterProject(Consortium& c);
  absl::Status ProjectActivity(Consortium& c);
  std::vector<std::string> MembersToday(Consortium& c);
  v1::ProgrammeItem NewItem(int year, bool purchase);
  // Domain II tasks of the agenda (random_history_agenda.cc).
  absl::Status OpenNeeds(Consortium& c);
  absl::Status SubmitNeed(Consortium& c);
  absl::Status WithdrawNeed(Consortium& c);
  absl::Status RegisterReportingProject(Consortium& c);
  absl::Status SubmitReport(Consortium& c);
  absl::Status ProposeAmendment(Consortium& c);
  absl::Status SettleAmendment(Consortium& c);
  absl::Status EndAccordTerm(Consortium& c);

  // Helpers over the current state.
  std::string Pick(const std::vector<std::string>& from);
  bool Chance(int percent);
  int Uniform(int lo, int hi);  // inclusive
  std::string OpenSession(Consortium& c);  // "" when none
  std::string Proposal(Consortium& c, bool adopted);
  // An adopted deliberation executive today, for authorisations; "" if none.
  std::string ExecutiveDeliberation(Consortium& c);
  absl::CivilDay Today() const;

  domain::testing::District& d_;
  domain::Cooperation coop_;
  std::mt19937_64 rng_;
  std::vector<Consortium> state_;
  std::vector<std::string> consortia_;
  int next_id_ = 0;
  int accepted_ = 0;
  int rejected_ = 0;
  std::map<std::string, int> reasons_;
  // Projects registered, by consortium (random_history_agenda.cc).
  std::map<std::string, std::vector<std::string>> projects_;
};

}  // namespace concordia::readmodel::testing

#endif  // CONCORDIA_ENGINE_READMODEL_TESTING_RANDOM_HISTORY_H_
