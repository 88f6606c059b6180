// Cooperation: funded projects — registration with its report timers,
// expenses, reports and cost allocations.
#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/cooperation/cooperation.h"
#include "engine/domain/cooperation/cooperation_internal.h"
#include "engine/domain/core/dates.h"

namespace concordia::domain {

using cooperation_internal::kApplyProject;
using cooperation_internal::Step;
using project::ProjectState;

absl::StatusOr<Outcome> Cooperation::RegisterProject(
    const CommandContext& ctx, const project::RegisterProject& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.project_id, "project_id"));
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(cmd.consortium_id));
  if (!c.registered) return UnknownEntity("consortium", cmd.consortium_id);
  std::optional<accord::AccordState> under;
  if (IsValidId(cmd.accord_id)) {
    CONCORDIA_ASSIGN_OR_RETURN(under, Accord(cmd.consortium_id, cmd.accord_id));
  }
  const std::string stream =
      project::ProjectStream(cmd.consortium_id, cmd.project_id);
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome registered,
      Execute<ProjectState>(
          log_, stream, ctx, kApplyProject, [&](const Folded<ProjectState>& f) {
            return project::DecideRegister(
                f.state, cmd, c, under.has_value() ? &*under : nullptr);
          }));
  // Each report's due day becomes a durable timer: the day after it, the
  // report is overdue unless submitted.
  CONCORDIA_ASSIGN_OR_RETURN(ProjectState p,
                             Project(cmd.consortium_id, cmd.project_id));
  for (const auto& [id, report] : p.reports) {
    workflow::TimerSpec timer;
    timer.consortium_id = cmd.consortium_id;
    timer.timer_id = absl::StrCat("report-", cmd.project_id, "-", id);
    timer.kind = kReportDueTimer;
    timer.subject = stream;
    timer.due = calendar::StartOfRomeDay(DayOf(report.schedule.due_on()) + 1);
    timer.payload = absl::StrCat(cmd.project_id, "/", id);
    CONCORDIA_RETURN_IF_ERROR(
        workflow::ScheduleTimer(log_, Step(ctx, absl::StrCat("timer/", id)),
                                timer)
            .status());
  }
  return registered;
}

#define CONCORDIA_ON_PROJECT(decide_expr)                                 \
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));  \
  CONCORDIA_RETURN_IF_ERROR(ValidateId(project_id, "project_id"));        \
  return Execute<ProjectState>(                                           \
      log_, project::ProjectStream(consortium_id, project_id), ctx,       \
      kApplyProject,                                                      \
      [&](const Folded<ProjectState>& f) -> absl::StatusOr<Events> {      \
        if (!f.state.exists) return UnknownEntity("project", project_id); \
        return decide_expr;                                               \
      })

absl::StatusOr<Outcome> Cooperation::RecordExpense(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& project_id, const project::RecordExpense& cmd) {
  CONCORDIA_ON_PROJECT(project::DecideExpense(f.state, cmd));
}

absl::StatusOr<Outcome> Cooperation::SubmitReport(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& project_id, const project::SubmitReport& cmd) {
  CONCORDIA_ON_PROJECT(project::DecideSubmitReport(f.state, cmd));
}

absl::StatusOr<Outcome> Cooperation::MarkReportOverdue(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& project_id, const std::string& report_id,
    absl::CivilDay day) {
  CONCORDIA_ON_PROJECT(project::DecideOverdue(f.state, report_id, day));
}

absl::StatusOr<std::map<std::string, project::Charge>> Cooperation::ChargesOf(
    const ProjectState& p, absl::CivilDay from, absl::CivilDay to) {
  const v1::ProjectRegistered& r = p.registration;
  const std::string& cid = r.consortium_id();
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(cid));
  std::optional<accord::AccordState> under;
  if (!r.accord_id().empty()) {
    CONCORDIA_ASSIGN_OR_RETURN(under, Accord(cid, r.accord_id()));
  }
  std::map<std::string, delegation::DelegationState> delegations;
  std::map<std::string, accord::AccordState> delegation_accords;
  if (r.function() != v1::FUNCTION_UNSPECIFIED) {
    for (const std::string& m : r.participant_ids()) {
      CONCORDIA_ASSIGN_OR_RETURN(delegations[m],
                                 Delegation(cid, m, r.function()));
      for (const delegation::Period& period : delegations[m].periods) {
        const std::string& a = period.basis.accord_id();
        if (!a.empty() && delegation_accords.count(a) == 0) {
          CONCORDIA_ASSIGN_OR_RETURN(delegation_accords[a], Accord(cid, a));
        }
      }
    }
  }
  project::SharingContext in{&c, under.has_value() ? &*under : nullptr,
                             &delegations, &delegation_accords};
  std::map<std::string, project::Charge> charges;
  for (const v1::ExpenseRecorded* e : p.Unallocated(from, to)) {
    CONCORDIA_ASSIGN_OR_RETURN(charges[e->expense_id()],
                               project::ChargeFor(p, *e, in));
  }
  return charges;
}

absl::StatusOr<Outcome> Cooperation::AllocateCosts(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& project_id, const project::AllocateCosts& cmd) {
  CONCORDIA_ON_PROJECT([&]() -> absl::StatusOr<Events> {
    CONCORDIA_ASSIGN_OR_RETURN(
        auto charges, ChargesOf(f.state, cmd.period_from, cmd.period_to));
    return project::DecideAllocate(f.state, cmd, charges);
  }());
}

#undef CONCORDIA_ON_PROJECT

}  // namespace concordia::domain
