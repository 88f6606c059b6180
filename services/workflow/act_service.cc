// ActService's mutations: StartAct, PerformAction, AttachOpinion. The reads
// are in act_reads.cc.
#include "services/workflow/act_service.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/command.h"
#include "engine/domain/core/dates.h"
#include "engine/workflow/act.h"
#include "engine/workflow/caller.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"

namespace concordia {
namespace {

using access::Action;
using domain::InvalidField;

// Every call of the service needs a role in the consortium first.
Permission AnyRoleIn(const std::string& consortium_id) {
  return {Action::kRead, consortium_id, ""};
}

// The address every request of an act carries.
template <typename Request>
absl::Status RequireActAddress(const Request& req) {
  CONCORDIA_RETURN_IF_ERROR(RequireId(req.consortium_id(), "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(RequireId(req.act_kind(), "act_kind"));
  return workflow::ValidateActId(req.act_id(), "act_id");
}

absl::Status OptionalId(const std::string& id, const std::string& field) {
  if (id.empty()) return absl::OkStatus();
  return RequireId(id, field);
}

absl::Status OptionalSha256(const std::string& digest,
                            const std::string& field) {
  if (digest.empty()) return absl::OkStatus();
  if (digest.size() != 64 ||
      digest.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return InvalidField(field, "64 lowercase hex digits");
  }
  return absl::OkStatus();
}

// The caller's grants in the consortium, for the workflow's performers.
workflow::Caller CallerOf(const ServiceEnv& env, const std::string& principal,
                          const std::string& consortium_id) {
  return workflow::CallerFrom(*env.access, principal, consortium_id);
}

// The act as the command left it: folded up to its last event (the same on
// every retry).
absl::StatusOr<workflow::ActState> AfterCommand(
    workflow::Workflows& workflows, const std::string& consortium_id,
    const std::string& act_kind, const std::string& act_id,
    const domain::Outcome& outcome) {
  return workflows.Act(consortium_id, act_kind, act_id,
                       outcome.last_position);
}

}  // namespace

grpc::ServerUnaryReactor* ActService::StartAct(
    grpc::CallbackServerContext* context, const v1::StartActRequest* req,
    v1::StartActResponse* resp) {
  return ServeUnary(
      env_, context, AnyRoleIn(req->consortium_id()),
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireActAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->title(), "title", kMaxTitleBytes));
        CONCORDIA_RETURN_IF_ERROR(OptionalId(req->body_id(), "body_id"));
        CONCORDIA_RETURN_IF_ERROR(OptionalId(req->member_id(), "member_id"));
        if (req->has_subject()) {
          CONCORDIA_RETURN_IF_ERROR(
              RequireId(req->subject().act_kind(), "subject.act_kind"));
          CONCORDIA_RETURN_IF_ERROR(workflow::ValidateActId(
              req->subject().act_id(), "subject.act_id"));
        }
        if (req->flags_size() > 64) return InvalidField("flags", "at most 64");
        for (int i = 0; i < req->flags_size(); ++i) {
          CONCORDIA_RETURN_IF_ERROR(
              RequireId(req->flags(i), absl::StrCat("flags[", i, "]")));
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        workflow::StartAct cmd;
        cmd.act_kind = req->act_kind();
        cmd.act_id = req->act_id();
        cmd.title = req->title();
        cmd.body_id = req->body_id();
        cmd.member_id = req->member_id();
        if (req->has_subject()) cmd.subject = req->subject();
        cmd.flags.assign(req->flags().begin(), req->flags().end());
        const workflow::Caller caller =
            CallerOf(env_, principal, req->consortium_id());
        absl::StatusOr<domain::Outcome> outcome =
            workflows_.Start(ctx, caller, req->consortium_id(), cmd);
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(
            workflow::ActState act,
            AfterCommand(workflows_, req->consortium_id(), req->act_kind(),
                         req->act_id(), *outcome));
        resp->set_state(act.started.state());
        resp->set_statute_version(act.started.statute_version());
        if (act.deadline.has_value()) *resp->mutable_deadline() = *act.deadline;
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActService::PerformAction(
    grpc::CallbackServerContext* context, const v1::PerformActionRequest* req,
    v1::PerformActionResponse* resp) {
  return ServeUnary(
      env_, context, AnyRoleIn(req->consortium_id()),
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireActAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->action(), "action"));
        CONCORDIA_RETURN_IF_ERROR(
            OptionalId(req->acting_member_id(), "acting_member_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->note(), "note", kMaxTextBytes, false));
        CONCORDIA_RETURN_IF_ERROR(
            OptionalSha256(req->document_sha256(), "document_sha256"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        workflow::PerformAction cmd;
        cmd.action = req->action();
        cmd.acting_member_id = req->acting_member_id();
        cmd.favourable = req->favourable();
        cmd.note = req->note();
        cmd.document_sha256 = req->document_sha256();
        const workflow::Caller caller =
            CallerOf(env_, principal, req->consortium_id());
        absl::StatusOr<domain::Outcome> outcome =
            workflows_.Perform(ctx, caller, req->consortium_id(),
                               req->act_kind(), req->act_id(), cmd);
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(
            workflow::ActState act,
            AfterCommand(workflows_, req->consortium_id(), req->act_kind(),
                         req->act_id(), *outcome));
        if (!act.transitions.empty()) {
          *resp->mutable_transition() = act.transitions.back();
        }
        if (act.deadline.has_value()) *resp->mutable_deadline() = *act.deadline;
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActService::AttachOpinion(
    grpc::CallbackServerContext* context, const v1::AttachOpinionRequest* req,
    v1::AttachOpinionResponse* resp) {
  return ServeUnary(
      env_, context, AnyRoleIn(req->consortium_id()),
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireActAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->opinion(), "opinion"));
        CONCORDIA_RETURN_IF_ERROR(OptionalId(req->body_id(), "body_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->text(), "text", kMaxTextBytes, false));
        CONCORDIA_RETURN_IF_ERROR(
            OptionalSha256(req->document_sha256(), "document_sha256"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        workflow::AttachOpinion cmd;
        cmd.opinion = req->opinion();
        cmd.body_id = req->body_id();
        cmd.favourable = req->favourable();
        cmd.given_by = principal;
        cmd.text = req->text();
        cmd.document_sha256 = req->document_sha256();
        const workflow::Caller caller =
            CallerOf(env_, principal, req->consortium_id());
        return Written(env_, context,
                       workflows_.Attach(ctx, caller, req->consortium_id(),
                                         req->act_kind(), req->act_id(), cmd),
                       resp);
      });
}

}  // namespace concordia
