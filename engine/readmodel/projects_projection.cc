#include "engine/readmodel/projects_projection.h"

#include "concordia/v1/project_events.pb.h"
#include "engine/common/status_macros.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {

ProjectsProjection::ProjectsProjection()
    : ReadModelProjection(
          kProjects, kVersion,
          {TypeName<v1::ProjectRegistered>(), TypeName<v1::ReportScheduled>(),
           TypeName<v1::ExpenseRecorded>(), TypeName<v1::ReportSubmitted>(),
           TypeName<v1::ReportOverdue>(), TypeName<v1::CostsAllocated>()}) {}

absl::Status ProjectsProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record& record,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<std::string> pid = IdField(event, "project_id");
  if (!pid.ok()) return pid.status();
  const auto* expense = dynamic_cast<const v1::ExpenseRecorded*>(&event);
  if (expense != nullptr) {
    absl::StatusOr<std::string> eid = IdField(event, "expense_id");
    if (!eid.ok()) return eid.status();
    // The expense is an entity of its own; the project keeps the totals.
    Store(writer, keys::ProjectExpense(*cid, *pid, *eid), *expense);
  }
  const auto* allocation = dynamic_cast<const v1::CostsAllocated*>(&event);
  if (allocation != nullptr) {
    absl::StatusOr<std::string> aid = IdField(event, "allocation_id");
    if (!aid.ok()) return aid.status();
    Store(writer, keys::ProjectAllocation(*cid, *pid, *aid), *allocation);
  }
  return fold_.Apply<v1::ProjectView>(
      writer, keys::Project(*cid, *pid), StoredProjectOf,
      [](const StoredProject& s) { return Serialize(ProjectViewOf(s)); },
      [&](StoredProject& s) {
        CONCORDIA_RETURN_IF_ERROR(
            domain::project::ApplyProjectEvent(s.state, event, record));
        if (expense != nullptr) {
          ++s.expense_count;
          s.unallocated_cents +=
              expense->amount_cents() - expense->funded_cents();
          s.state.expenses.clear();
        }
        if (allocation != nullptr) {
          ++s.allocation_count;
          s.unallocated_cents -= allocation->total_cents();
          for (const v1::CostShare& share : allocation->shares()) {
            s.allocated[share.member_id()] += share.amount_cents();
          }
          s.state.allocations.clear();
          s.state.allocation_of_expense.clear();
        }
        return absl::OkStatus();
      },
      dynamic_cast<const v1::ProjectRegistered*>(&event) != nullptr,
      "project");
}

}  // namespace concordia::readmodel
