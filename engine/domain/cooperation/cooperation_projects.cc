// Cooperation: funded projects — registration with its report timers,
// expenses, reports and cost allocations.
#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/cooperation/cooperation.h"
#include "engine/domain/cooperation/cooperation_internal.h"
#include "engine/domain/core/dates.h"
#include "engine/workflow/kinds.h"

namespace concordia::domain {

using cooperation_internal::kApplyProject;
using cooperation_internal::Step;
using project::ProjectState;

workflow::StartAct Cooperation::ReportAct(const v1::ProjectRegistered& p,
                                          const std::string& report_id) {
  workflow::StartAct a;
  a.act_kind = workflow::kReportSubmission;
  a.act_id = absl::StrCat(p.project_id(), "/", report_id);
  a.title = absl::StrCat("Rendiconto ", report_id, ": ", p.title());
  a.record_stream = project::ProjectStream(p.consortium_id(), p.project_id());
  return a;
}

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
  // Each report is an act of kind "report-submission".
  v1::ProjectRegistered described;
  described.set_consortium_id(cmd.consortium_id);
  described.set_project_id(cmd.project_id);
  described.set_title(cmd.title);
  workflow::Workflows& workflows = governance_.workflows();
  const absl::Status acts_ok = workflows.CheckStart(
      c, ReportAct(described, "final"), ctx.effective_time);
  const std::string stream =
      project::ProjectStream(cmd.consortium_id, cmd.project_id);
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome registered,
      Execute<ProjectState>(
          log_, stream, ctx, kApplyProject,
          [&](const Folded<ProjectState>& f) -> absl::StatusOr<Events> {
            CONCORDIA_ASSIGN_OR_RETURN(
                Events events,
                project::DecideRegister(f.state, cmd, c,
                                        under.has_value() ? &*under : nullptr));
            CONCORDIA_RETURN_IF_ERROR(acts_ok);
            return events;
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
    CONCORDIA_RETURN_IF_ERROR(
        workflows
            .StartFor(Step(ctx, absl::StrCat("act/", id)), c,
                      ReportAct(p.registration, id))
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
    const std::string& project_id, const project::SubmitReport& cmd,
    const workflow::Caller* caller) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(project_id, "project_id"));
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(consortium_id));
  CONCORDIA_ASSIGN_OR_RETURN(ProjectState before,
                             Project(consortium_id, project_id));
  // The workflow's "submit", checked after the law's rules.
  workflow::Workflows& workflows = governance_.workflows();
  std::optional<workflow::StartAct> act;
  absl::Status act_ok;
  if (before.exists && c.registered && before.reports.count(cmd.report_id) > 0) {
    act = ReportAct(before.registration, cmd.report_id);
    act_ok = workflows.Check(c, workflow::kReportSubmission, act->act_id,
                             workflow::ActionOf(workflow::kSubmit),
                             ctx.effective_time, caller, {}, &*act);
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome submitted,
      Execute<ProjectState>(
          log_, project::ProjectStream(consortium_id, project_id), ctx,
          kApplyProject,
          [&](const Folded<ProjectState>& f) -> absl::StatusOr<Events> {
            if (!f.state.exists) return UnknownEntity("project", project_id);
            CONCORDIA_ASSIGN_OR_RETURN(
                Events events, project::DecideSubmitReport(f.state, cmd));
            CONCORDIA_RETURN_IF_ERROR(act_ok);
            return events;
          }));
  if (act.has_value()) {
    workflow::PerformAction done = workflow::ActionOf(workflow::kSubmit);
    done.note = cmd.summary;
    done.document_sha256 = cmd.document_sha256;
    CONCORDIA_RETURN_IF_ERROR(
        workflows
            .Record(Step(ctx, "act"), c, workflow::kReportSubmission,
                    act->act_id, done, caller, &*act)
            .status());
  }
  return submitted;
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
