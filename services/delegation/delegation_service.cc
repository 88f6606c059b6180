// DelegationService: validation, the Cooperation commands, and the reads
// (the delegation's history; who exercises a function on a date).
#include "services/delegation/delegation_service.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/delegation/delegation.h"
#include "services/common/cooperation_fields.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"

namespace concordia {
namespace {

using access::Action;
using domain::InvalidField;
namespace accord = domain::accord;
namespace delegation = domain::delegation;

// The member and function every request names, and the consortium.
template <typename Request>
absl::Status RequireMemberFunction(const Request& r) {
  CONCORDIA_RETURN_IF_ERROR(RequireId(r.consortium_id(), "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(RequireId(r.member_id(), "member_id"));
  return RequireEnum(r.function(), v1::Function_IsValid, "function");
}

void ToApi(const delegation::DelegationState& s, v1::Delegation* out) {
  out->set_member_id(s.member_id);
  out->set_function(s.function);
  for (const delegation::Period& p : s.periods) {
    v1::DelegationPeriod* period = out->add_periods();
    *period->mutable_effective_from() = domain::ToDate(p.from);
    if (p.until.has_value())
      *period->mutable_until() = domain::ToDate(*p.until);
    *period->mutable_delegate() = p.delegate;
    *period->mutable_basis() = p.basis;
  }
  if (s.ceased_on.has_value()) {
    *out->mutable_ceased_on() = domain::ToDate(*s.ceased_on);
    out->set_successor_id(s.successor_id);
  }
}

}  // namespace

absl::Status DelegationService::RequireMember(const std::string& consortium_id,
                                              const std::string& member_id,
                                              uint64_t position) {
  CONCORDIA_ASSIGN_OR_RETURN(domain::consortium::ConsortiumState c,
                             governance_.Consortium(consortium_id, position));
  if (!c.registered) return domain::UnknownEntity("consortium", consortium_id);
  if (c.members.count(member_id) == 0) {
    return absl::NotFoundError(absl::StrCat("member '", member_id,
                                            "' of consortium '", consortium_id,
                                            "' does not exist"));
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* DelegationService::DelegateFunction(
    grpc::CallbackServerContext* context,
    const v1::DelegateFunctionRequest* req,
    v1::DelegateFunctionResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kActForMember, req->consortium_id(), req->member_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireMemberFunction(*req));
        CONCORDIA_RETURN_IF_ERROR(
            RequireDelegate(req->delegate(), req->has_delegate(), "delegate"));
        if (req->delegate().lead_member_id() == req->member_id()) {
          return InvalidField("delegate.lead_member_id",
                              "a member does not delegate to itself");
        }
        delegation::Delegate cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.effective_from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        const bool by_accord = !req->accord_id().empty();
        if (by_accord == (req->has_act() && domain::acts::IsSet(req->act()))) {
          return InvalidField("accord_id",
                              "a delegation is made under an accord or by a "
                              "deliberation: exactly one");
        }
        if (by_accord) {
          CONCORDIA_RETURN_IF_ERROR(RequireId(req->accord_id(), "accord_id"));
        } else {
          CONCORDIA_RETURN_IF_ERROR(
              RequireAct(req->act(), req->has_act(), "act"));
        }
        CONCORDIA_RETURN_IF_ERROR(RequireCostSharing(
            req->cost_sharing(), req->has_cost_sharing(), "cost_sharing",
            /*required=*/true));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(cmd.effective_from)));
        cmd.member_id = req->member_id();
        cmd.function = req->function();
        cmd.delegate = req->delegate();
        cmd.accord_id = req->accord_id();
        cmd.act = req->act();
        cmd.cost_sharing = req->cost_sharing();
        return Written(env_, context,
                       cooperation_.Delegate(ctx, req->consortium_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* DelegationService::RevokeDelegation(
    grpc::CallbackServerContext* context,
    const v1::RevokeDelegationRequest* req,
    v1::RevokeDelegationResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kActForMember, req->consortium_id(), req->member_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireMemberFunction(*req));
        delegation::Revoke cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.effective_from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireAct(req->act(), req->has_act(), "act"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->reason(), "reason", kMaxTextBytes, false));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(cmd.effective_from)));
        CONCORDIA_RETURN_IF_ERROR(
            RequireMember(req->consortium_id(), req->member_id(), UINT64_MAX));
        cmd.act = req->act();
        cmd.reason = req->reason();
        return Written(env_, context,
                       cooperation_.RevokeDelegation(ctx, req->consortium_id(),
                                                     req->member_id(),
                                                     req->function(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* DelegationService::GetDelegation(
    grpc::CallbackServerContext* context, const v1::GetDelegationRequest* req,
    v1::GetDelegationResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireMemberFunction(*req));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireMember(req->consortium_id(), req->member_id(), position));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Folded<delegation::DelegationState> f,
            domain::FoldStream<delegation::DelegationState>(
                *env_.log,
                delegation::DelegationStream(req->consortium_id(),
                                             req->member_id(), req->function()),
                delegation::ApplyDelegationEvent, position));
        f.state.member_id = req->member_id();
        f.state.function = req->function();
        ToApi(f.state, resp->mutable_delegation());
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DelegationService::GetExerciser(
    grpc::CallbackServerContext* context, const v1::GetExerciserRequest* req,
    v1::GetExerciserResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireMemberFunction(*req));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay on, DayOrToday(env_, req->as_of_date(),
                                          req->has_as_of_date(), "as_of_date"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireMember(req->consortium_id(), req->member_id(), position));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Folded<delegation::DelegationState> f,
            domain::FoldStream<delegation::DelegationState>(
                *env_.log,
                delegation::DelegationStream(req->consortium_id(),
                                             req->member_id(), req->function()),
                delegation::ApplyDelegationEvent, position));
        f.state.member_id = req->member_id();
        f.state.function = req->function();
        // As Cooperation::ExerciserOn, at the requested position: a
        // delegation under an accord holds only while the accord binds.
        delegation::FunctionExercise e = f.state.ExerciseOn(on);
        if (e.delegation.has_value() && !e.delegation->accord_id().empty()) {
          CONCORDIA_ASSIGN_OR_RETURN(
              accord::AccordState a,
              cooperation_.Accord(req->consortium_id(),
                                  e.delegation->accord_id(), position));
          e = delegation::UnderAccord(std::move(e), &a, on);
        }
        *resp->mutable_exerciser() = e.exerciser;
        if (e.delegation.has_value())
          *resp->mutable_delegation() = *e.delegation;
        resp->set_lapsed(e.lapsed);
        resp->set_ceased(e.ceased);
        resp->set_successor_id(e.successor_id);
        *resp->mutable_as_of_date() = domain::ToDate(on);
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

}  // namespace concordia
