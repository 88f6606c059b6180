// The Project aggregate ("<consortium>/project/<project-id>"): funded
// projects — a funding source (ministerial, EU, regional), a budget,
// expenses, periodic, final and annual activity reports with deadlines, and
// the allocation of the members' part of the costs by the sharing rule.
//
// Reports are scheduled at registration from the reporting schedule; each
// report is submitted after its period ends (late when after its due day)
// and closes its period to new expenses; a durable timer marks it overdue
// the day after its due day. An allocation shares the members' part (amount
// minus the funded part) of the unallocated expenses of a period among the
// participants sharing each expense on its own day, by largest remainder in
// cents: the parts always sum exactly to the total.
//
// Invariant 22: who shares an expense is decided on the expense's day — the
// participants that are members of the consortium, bound by the project's
// accord and (for a project financing a delegated function) delegating that
// function to the consortium on that day. A member that withdrew gets no
// allocation of costs incurred from its withdrawal on, and still gets its
// part of costs incurred before, whenever they are allocated.
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   ProjectState p;  // folded
//   auto charge = ChargeFor(p, p.expenses.at("e-1"), context);
#ifndef CONCORDIA_ENGINE_DOMAIN_PROJECT_PROJECT_H_
#define CONCORDIA_ENGINE_DOMAIN_PROJECT_PROJECT_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/project_events.pb.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/aggregate.h"
#include "engine/domain/delegation/delegation.h"

namespace concordia::domain::project {

// "<consortium>/project/<project-id>".
std::string ProjectStream(absl::string_view consortium_id,
                          absl::string_view project_id);

struct Report {
  v1::ReportScheduled schedule;
  std::optional<v1::ReportSubmitted> submission;
  bool overdue = false;
};

struct ProjectState {
  bool exists = false;
  v1::ProjectRegistered registration;
  std::map<std::string, Report> reports;
  std::map<std::string, v1::ExpenseRecorded> expenses;
  std::map<std::string, std::string> allocation_of_expense;
  std::vector<v1::CostsAllocated> allocations;
  int64_t spent_cents = 0;
  int64_t funded_cents = 0;

  // The expenses incurred in [from, to] not yet allocated, by id.
  std::vector<const v1::ExpenseRecorded*> Unallocated(absl::CivilDay from,
                                                      absl::CivilDay to) const;
  // Each member's total over every allocation, in cents.
  std::map<std::string, int64_t> AllocatedTo() const;
};

absl::Status ApplyProjectEvent(ProjectState& s,
                               const google::protobuf::Message& event,
                               const log::Record& record);

// The reports a registration schedules: periodic ("periodic-N"), the final
// ("final") and one annual activity report per calendar year ("annual-Y").
std::vector<v1::ReportScheduled> ScheduleReports(
    const v1::ProjectRegistered& registration);

// --- What is shared, by whom (invariant 22).

// What the sharing of a project's costs depends on, loaded by the handler.
struct SharingContext {
  const consortium::ConsortiumState* consortium = nullptr;
  // The project's accord, when it names one.
  const accord::AccordState* accord = nullptr;
  // A project financing a function: each participant's delegation of it,
  // and the accords those delegations were made under.
  const std::map<std::string, delegation::DelegationState>* delegations =
      nullptr;
  const std::map<std::string, accord::AccordState>* delegation_accords =
      nullptr;
};

// The participants sharing a cost incurred on `day`.
std::set<std::string> SharingMembers(const ProjectState& s, absl::CivilDay day,
                                     const SharingContext& in);

// How one expense is shared.
struct Charge {
  std::set<std::string> members;
  v1::CostSharingRule rule;
  std::map<std::string, int64_t> shares;  // ‰ on the expense's day
};

// The charge of `expense`: its sharing members, the rule (the project's, or
// the common rule of the members' delegations: COST_RULES_DIFFER when they
// differ) and the shares on its day.
absl::StatusOr<Charge> ChargeFor(const ProjectState& s,
                                 const v1::ExpenseRecorded& expense,
                                 const SharingContext& in);

// --- Commands.

struct RegisterProject {
  std::string consortium_id;
  std::string project_id;
  std::string title;
  v1::FundingSource funding;
  int64_t budget_cents = 0;
  absl::CivilDay starts_on;
  absl::CivilDay ends_on;
  std::vector<std::string> participant_ids;
  v1::CostSharingRule cost_sharing;
  std::string accord_id;
  v1::Function function = v1::FUNCTION_UNSPECIFIED;
  v1::ReportingSchedule reporting;
};
// `consortium`, `accord` (nullptr when none is named).
absl::StatusOr<Events> DecideRegister(const ProjectState& s,
                                      const RegisterProject& cmd,
                                      const consortium::ConsortiumState& c,
                                      const accord::AccordState* accord);

struct RecordExpense {
  std::string expense_id;
  absl::CivilDay incurred_on;
  int64_t amount_cents = 0;
  int64_t funded_cents = 0;
  std::string category;
  std::string description;
  std::string document_sha256;
};
absl::StatusOr<Events> DecideExpense(const ProjectState& s,
                                     const RecordExpense& cmd);

struct SubmitReport {
  std::string report_id;
  absl::CivilDay day;
  std::string document_sha256;
  std::string summary;
};
absl::StatusOr<Events> DecideSubmitReport(const ProjectState& s,
                                          const SubmitReport& cmd);

// The report's timer fell due on `day`. Idempotent: nothing when submitted
// or already marked.
absl::StatusOr<Events> DecideOverdue(const ProjectState& s,
                                     const std::string& report_id,
                                     absl::CivilDay day);

struct AllocateCosts {
  std::string allocation_id;
  absl::CivilDay period_from;
  absl::CivilDay period_to;
  v1::AllocationBasis basis;
};
// `charges`: ChargeFor each of Unallocated(period_from, period_to).
absl::StatusOr<Events> DecideAllocate(
    const ProjectState& s, const AllocateCosts& cmd,
    const std::map<std::string, Charge>& charges);

}  // namespace concordia::domain::project

#endif  // CONCORDIA_ENGINE_DOMAIN_PROJECT_PROJECT_H_
