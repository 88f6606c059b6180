// ActService's reads: GetAct (an act folded up to a position, answered for
// a date), ListActKinds and GetWorkflowDefinition (the definitions in force
// on a date).
#include <string>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/command.h"
#include "engine/domain/core/dates.h"
#include "engine/workflow/act.h"
#include "engine/workflow/caller.h"
#include "engine/workflow/definition.h"
#include "engine/workflow/kinds.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"
#include "services/workflow/act_service.h"

namespace concordia {
namespace {

using access::Action;

void ToApi(const workflow::DefinitionInForce& d, v1::ActKindInForce* out) {
  *out->mutable_definition() = d.definition;
  out->set_statute_version(d.statute_version);
  const workflow::BoundKind* bound =
      workflow::FindBoundKind(d.definition.act_kind());
  if (bound == nullptr) return;
  out->set_started_by(bound->started_by);
  for (const std::string& a : bound->guarded_actions) {
    out->add_aggregate_actions(a);
  }
  for (const std::string& a : bound->recorded_actions) {
    out->add_aggregate_actions(a);
  }
}

// The act as of the fold, with what the definition in force on `on` says
// of its state (`definition` is null when none is in force then).
void ToApi(const workflow::ActState& s, const v1::WorkflowDefinition* definition,
           absl::CivilDay on, v1::WorkflowAct* out) {
  *out->mutable_started() = s.started;
  out->set_state(s.state);
  for (const v1::ActTransitioned& t : s.transitions) {
    *out->add_transitions() = t;
  }
  for (const auto& [name, opinion] : s.opinions) *out->add_opinions() = opinion;
  if (s.deadline.has_value()) {
    *out->mutable_deadline() = *s.deadline;
    out->set_deadline_passed_on_date(domain::DayOf(s.deadline->last_day()) <
                                     on);
  }
  if (s.passed.has_value()) {
    *out->mutable_deadline_passed() = *s.passed;
    out->set_deadline_passed_on_date(true);
  }
  out->set_overdue(s.overdue());
  if (definition == nullptr) return;
  const v1::WorkflowState* state = workflow::FindState(*definition, s.state);
  out->set_terminal(state != nullptr && state->terminal());
  if (out->terminal()) return;
  for (const v1::WorkflowTransition& t : definition->transitions()) {
    if (!workflow::AllowedIn(t, s.state)) continue;
    v1::AllowedAction* a = out->add_allowed_actions();
    a->set_action(t.action());
    a->set_title(t.title());
    a->set_performers(workflow::DescribePerformers(t.performers()));
    a->set_to_state(t.to_state());
  }
}

}  // namespace

grpc::ServerUnaryReactor* ActService::GetAct(
    grpc::CallbackServerContext* context, const v1::GetActRequest* req,
    v1::GetActResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->act_kind(), "act_kind"));
        CONCORDIA_RETURN_IF_ERROR(
            workflow::ValidateActId(req->act_id(), "act_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay on, DayOrToday(env_, req->as_of_date(),
                                          req->has_as_of_date(), "as_of_date"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            workflow::ActState act,
            workflows_.Act(req->consortium_id(), req->act_kind(),
                           req->act_id(), position));
        if (!act.exists) {
          return domain::UnknownEntity(
              "act", absl::StrCat(req->act_kind(), " ", req->act_id()));
        }
        // The definition on the date; none (a date before the statute, a
        // kind no longer defined) leaves terminal and allowed_actions unset.
        absl::StatusOr<workflow::DefinitionInForce> definition =
            workflows_.DefinitionOn(req->consortium_id(), req->act_kind(), on);
        ToApi(act, definition.ok() ? &definition->definition : nullptr, on,
              resp->mutable_act());
        *resp->mutable_as_of_date() = domain::ToDate(on);
        resp->set_log_position(position);
        resp->set_version(act.version);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActService::ListActKinds(
    grpc::CallbackServerContext* context, const v1::ListActKindsRequest* req,
    v1::ListActKindsResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay on,
            DayOrToday(env_, req->effective_date(), req->has_effective_date(),
                       "effective_date"));
        int32_t statute_version = 0;
        CONCORDIA_ASSIGN_OR_RETURN(
            std::vector<workflow::DefinitionInForce> kinds,
            workflows_.DefinitionsOn(req->consortium_id(), on,
                                     &statute_version));
        for (const workflow::DefinitionInForce& d : kinds) {
          ToApi(d, resp->add_kinds());
        }
        *resp->mutable_effective_date() = domain::ToDate(on);
        resp->set_statute_version(statute_version);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActService::GetWorkflowDefinition(
    grpc::CallbackServerContext* context,
    const v1::GetWorkflowDefinitionRequest* req,
    v1::GetWorkflowDefinitionResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->act_kind(), "act_kind"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay on,
            DayOrToday(env_, req->effective_date(), req->has_effective_date(),
                       "effective_date"));
        CONCORDIA_ASSIGN_OR_RETURN(
            workflow::DefinitionInForce d,
            workflows_.DefinitionOn(req->consortium_id(), req->act_kind(), on));
        ToApi(d, resp->mutable_kind());
        *resp->mutable_effective_date() = domain::ToDate(on);
        return absl::OkStatus();
      });
}

}  // namespace concordia
