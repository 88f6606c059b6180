// ProjectService: validation, the Cooperation commands and GetProject.
#include "services/project/project_service.h"

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/project/project.h"
#include "services/common/cooperation_fields.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"

namespace concordia {
namespace {

using access::Action;
using domain::InvalidField;
namespace project = domain::project;

// The longest project, in days (its reports are durable timers).
constexpr int kMaxProjectDays = 3653;

// request_id, consortium_id and project_id of a project mutation.
template <typename Request>
absl::Status RequireProjectAddress(const Request& r) {
  CONCORDIA_RETURN_IF_ERROR(RequireRequestId(r.request_id()));
  CONCORDIA_RETURN_IF_ERROR(RequireId(r.consortium_id(), "consortium_id"));
  return RequireId(r.project_id(), "project_id");
}

absl::Status RequireFunding(const v1::FundingSource& f, bool present) {
  if (!present) return InvalidField("funding", "required");
  CONCORDIA_RETURN_IF_ERROR(
      RequireEnum(f.kind(), v1::FundingSourceKind_IsValid, "funding.kind"));
  CONCORDIA_RETURN_IF_ERROR(
      RequireText(f.name(), "funding.name", kMaxNameBytes));
  CONCORDIA_RETURN_IF_ERROR(
      RequireText(f.grantor(), "funding.grantor", kMaxNameBytes, false));
  CONCORDIA_RETURN_IF_ERROR(
      RequireAct(f.grant_act(), f.has_grant_act(), "funding.grant_act", false));
  CONCORDIA_RETURN_IF_ERROR(RequireText(f.cup(), "funding.cup", 32, false));
  return RequireCents(f.granted_cents(), "funding.granted_cents", false);
}

absl::StatusOr<project::ProjectState> ProjectAt(
    const ServiceEnv& env, const std::string& consortium_id,
    const std::string& project_id, uint64_t position) {
  CONCORDIA_ASSIGN_OR_RETURN(
      domain::Folded<project::ProjectState> f,
      domain::FoldStream<project::ProjectState>(
          *env.log, project::ProjectStream(consortium_id, project_id),
          project::ApplyProjectEvent, position));
  return std::move(f.state);
}

v1::ReportStatus StatusOn(const project::Report& r, absl::CivilDay on) {
  if (r.submission.has_value() &&
      domain::DayOf(r.submission->submitted_on()) <= on) {
    return r.submission->late() ? v1::REPORT_STATUS_SUBMITTED_LATE
                                : v1::REPORT_STATUS_SUBMITTED;
  }
  if (on <= domain::DayOf(r.schedule.period_to())) {
    return v1::REPORT_STATUS_UPCOMING;
  }
  if (on <= domain::DayOf(r.schedule.due_on())) return v1::REPORT_STATUS_DUE;
  return v1::REPORT_STATUS_OVERDUE;
}

void ToApi(const project::ProjectState& s, absl::CivilDay on,
           v1::Project* out) {
  *out->mutable_registration() = s.registration;
  for (const auto& [id, report] : s.reports) {
    v1::ProjectReport* r = out->add_reports();
    *r->mutable_schedule() = report.schedule;
    if (report.submission.has_value()) {
      *r->mutable_submission() = *report.submission;
    }
    r->set_marked_overdue(report.overdue);
    r->set_status(StatusOn(report, on));
  }
  for (const auto& [id, e] : s.expenses) *out->add_expenses() = e;
  for (const v1::CostsAllocated& a : s.allocations) *out->add_allocations() = a;
  out->set_spent_cents(s.spent_cents);
  out->set_funded_cents(s.funded_cents);
  for (const auto& [member, cents] : s.AllocatedTo()) {
    v1::CostShare* share = out->add_allocated();
    share->set_member_id(member);
    share->set_amount_cents(cents);
  }
}

}  // namespace

grpc::ServerUnaryReactor* ProjectService::RegisterProject(
    grpc::CallbackServerContext* context, const v1::RegisterProjectRequest* req,
    v1::RegisterProjectResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireProjectAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->title(), "title", kMaxTitleBytes));
        CONCORDIA_RETURN_IF_ERROR(
            RequireFunding(req->funding(), req->has_funding()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireCents(req->budget_cents(), "budget_cents", true));
        project::RegisterProject cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.starts_on,
            RequiredDay(req->starts_on(), req->has_starts_on(), "starts_on"));
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.ends_on,
            RequiredDay(req->ends_on(), req->has_ends_on(), "ends_on"));
        if (cmd.ends_on < cmd.starts_on) {
          return InvalidField("ends_on", "before starts_on");
        }
        if (cmd.ends_on - cmd.starts_on > kMaxProjectDays) {
          return InvalidField("ends_on", "a project runs at most ten years");
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.participant_ids,
            DistinctIds(req->participant_ids(), "participant_ids", 1));
        CONCORDIA_RETURN_IF_ERROR(RequireCostSharing(req->cost_sharing(),
                                                     req->has_cost_sharing(),
                                                     "cost_sharing", false));
        if (!req->accord_id().empty()) {
          CONCORDIA_RETURN_IF_ERROR(RequireId(req->accord_id(), "accord_id"));
        }
        CONCORDIA_RETURN_IF_ERROR(RequireEnum(
            req->function(), v1::Function_IsValid, "function", false));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        cmd.consortium_id = req->consortium_id();
        cmd.project_id = req->project_id();
        cmd.title = req->title();
        cmd.funding = req->funding();
        cmd.budget_cents = req->budget_cents();
        cmd.cost_sharing = req->cost_sharing();
        cmd.accord_id = req->accord_id();
        cmd.function = req->function();
        cmd.reporting = req->reporting();
        CONCORDIA_ASSIGN_OR_RETURN(domain::Outcome outcome,
                                   cooperation_.RegisterProject(ctx, cmd));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(
            project::ProjectState after,
            ProjectAt(env_, req->consortium_id(), req->project_id(),
                      outcome.last_position));
        for (const v1::ReportScheduled& r :
             project::ScheduleReports(after.registration)) {
          *resp->add_reports() = r;
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProjectService::RecordExpense(
    grpc::CallbackServerContext* context, const v1::RecordExpenseRequest* req,
    v1::RecordExpenseResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireProjectAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->expense_id(), "expense_id"));
        project::RecordExpense cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.incurred_on,
            RequiredDay(req->incurred_on(), req->has_incurred_on(),
                        "incurred_on"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireCents(req->amount_cents(), "amount_cents", true));
        CONCORDIA_RETURN_IF_ERROR(
            RequireCents(req->funded_cents(), "funded_cents", false));
        if (req->funded_cents() > req->amount_cents()) {
          return InvalidField("funded_cents", "between 0 and the amount");
        }
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->category(), "category", kMaxNameBytes));
        CONCORDIA_RETURN_IF_ERROR(RequireText(req->description(), "description",
                                              kMaxTextBytes, false));
        CONCORDIA_RETURN_IF_ERROR(
            RequireSha256(req->document_sha256(), "document_sha256"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(cmd.incurred_on)));
        cmd.expense_id = req->expense_id();
        cmd.amount_cents = req->amount_cents();
        cmd.funded_cents = req->funded_cents();
        cmd.category = req->category();
        cmd.description = req->description();
        cmd.document_sha256 = req->document_sha256();
        return Written(env_, context,
                       cooperation_.RecordExpense(ctx, req->consortium_id(),
                                                  req->project_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* ProjectService::SubmitReport(
    grpc::CallbackServerContext* context, const v1::SubmitReportRequest* req,
    v1::SubmitReportResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireProjectAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->report_id(), "report_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireSha256(req->document_sha256(), "document_sha256"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->summary(), "summary", kMaxTextBytes, false));
        const absl::Time now = env_.clock->Now();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), now));
        project::SubmitReport cmd;
        cmd.report_id = req->report_id();
        cmd.day = calendar::RomeDay(now);
        cmd.document_sha256 = req->document_sha256();
        cmd.summary = req->summary();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            cooperation_.SubmitReport(ctx, req->consortium_id(),
                                      req->project_id(), cmd));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(
            project::ProjectState after,
            ProjectAt(env_, req->consortium_id(), req->project_id(),
                      outcome.last_position));
        const project::Report& r = after.reports.at(req->report_id());
        if (r.submission.has_value()) *resp->mutable_report() = *r.submission;
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProjectService::AllocateCosts(
    grpc::CallbackServerContext* context, const v1::AllocateCostsRequest* req,
    v1::AllocateCostsResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireProjectAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->allocation_id(), "allocation_id"));
        project::AllocateCosts cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.period_from,
            RequiredDay(req->period_from(), req->has_period_from(),
                        "period_from"));
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.period_to,
            RequiredDay(req->period_to(), req->has_period_to(), "period_to"));
        if (cmd.period_to < cmd.period_from) {
          return InvalidField("period_to", "before period_from");
        }
        for (const auto& [figures, name] :
             {std::make_pair(&req->basis().inhabitants(), "inhabitants"),
              std::make_pair(&req->basis().uses(), "uses")}) {
          for (int i = 0; i < figures->size(); ++i) {
            const std::string field = absl::StrCat("basis.", name, "[", i, "]");
            CONCORDIA_RETURN_IF_ERROR(
                RequireId(figures->Get(i).member_id(), field + ".member_id"));
            if (figures->Get(i).value() < 0 ||
                figures->Get(i).value() > kMaxCents) {
              return InvalidField(field + ".value", "must not be negative");
            }
          }
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        cmd.allocation_id = req->allocation_id();
        cmd.basis = req->basis();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            cooperation_.AllocateCosts(ctx, req->consortium_id(),
                                       req->project_id(), cmd));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(
            project::ProjectState after,
            ProjectAt(env_, req->consortium_id(), req->project_id(),
                      outcome.last_position));
        for (const v1::CostsAllocated& a : after.allocations) {
          if (a.allocation_id() == req->allocation_id()) {
            *resp->mutable_allocation() = a;
          }
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProjectService::GetProject(
    grpc::CallbackServerContext* context, const v1::GetProjectRequest* req,
    v1::GetProjectResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->project_id(), "project_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay on, DayOrToday(env_, req->as_of_date(),
                                          req->has_as_of_date(), "as_of_date"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Folded<project::ProjectState> f,
            domain::FoldStream<project::ProjectState>(
                *env_.log,
                project::ProjectStream(req->consortium_id(), req->project_id()),
                project::ApplyProjectEvent, position));
        if (!f.state.exists) {
          return domain::UnknownEntity("project", req->project_id());
        }
        ToApi(f.state, on, resp->mutable_project());
        *resp->mutable_as_of_date() = domain::ToDate(on);
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

}  // namespace concordia
