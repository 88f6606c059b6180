// DeliberationService: validation, existence, the Governance commands, and
// GetDeliberation.
#include "services/deliberation/deliberation_service.h"

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"

namespace concordia {
namespace {

using access::Action;
using domain::InvalidField;
namespace deliberation = domain::deliberation;

v1::DeliberationStatus StatusOf(const deliberation::DeliberationState& d) {
  if (d.withdrawal.has_value()) {
    return d.withdrawal->annulment() ? v1::DELIBERATION_STATUS_ANNULLED
                                     : v1::DELIBERATION_STATUS_REVOKED;
  }
  if (d.executive_on.has_value()) return v1::DELIBERATION_STATUS_EXECUTIVE;
  if (d.adoption.has_value()) return v1::DELIBERATION_STATUS_ADOPTED;
  if (d.rejected) return v1::DELIBERATION_STATUS_REJECTED;
  return v1::DELIBERATION_STATUS_PROPOSED;
}

void ToApi(const deliberation::DeliberationState& d, absl::CivilDay on,
           v1::Deliberation* out) {
  *out->mutable_proposal() = d.proposal;
  if (d.technical.has_value()) *out->mutable_technical_opinion() = *d.technical;
  if (d.accounting.has_value()) {
    *out->mutable_accounting_opinion() = *d.accounting;
  }
  out->set_status(StatusOf(d));
  if (d.adoption.has_value()) *out->mutable_adoption() = *d.adoption;
  if (d.publication.has_value()) {
    *out->mutable_publication() = *d.publication;
    *out->mutable_albo_last_day() = domain::ToDate(d.AlboLastDay());
  }
  out->set_interrupted_days(d.interrupted_days);
  if (d.executive_on.has_value()) {
    *out->mutable_executive_on() = domain::ToDate(*d.executive_on);
  }
  if (d.withdrawal.has_value()) *out->mutable_withdrawal() = *d.withdrawal;
  out->set_in_force_on_date(d.ExecutiveOn(on));
  out->set_on_albo_on_date(d.OnAlboOn(on));
}

}  // namespace

absl::StatusOr<deliberation::DeliberationState> DeliberationService::Existing(
    const std::string& consortium_id, const std::string& body_id,
    const std::string& proposal_id) {
  CONCORDIA_ASSIGN_OR_RETURN(
      deliberation::DeliberationState d,
      governance_.Deliberation(consortium_id, proposal_id));
  if (!d.exists || (!body_id.empty() && d.proposal.body_id() != body_id)) {
    return absl::NotFoundError(absl::StrCat(
        "deliberation '", proposal_id, "'",
        body_id.empty() ? "" : absl::StrCat(" of body '", body_id, "'"),
        " does not exist"));
  }
  return d;
}

grpc::ServerUnaryReactor* DeliberationService::DraftProposal(
    grpc::CallbackServerContext* context, const v1::DraftProposalRequest* req,
    v1::DraftProposalResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->body_id(), "body_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->proposal_id(), "proposal_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->act_kind(), v1::ActKind_IsValid, "act_kind"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->title(), "title", kMaxTitleBytes));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        deliberation::DraftProposal cmd;
        cmd.consortium_id = req->consortium_id();
        cmd.proposal_id = req->proposal_id();
        cmd.body_id = req->body_id();
        cmd.act_kind = req->act_kind();
        cmd.title = req->title();
        cmd.financial_effects = req->financial_effects();
        cmd.mere_policy_act = req->mere_policy_act();
        cmd.grants_economic_benefit = req->grants_economic_benefit();
        return Written(env_, context, governance_.DraftProposal(ctx, cmd), resp);
      });
}

grpc::ServerUnaryReactor* DeliberationService::GiveOpinion(
    grpc::CallbackServerContext* context, const v1::GiveOpinionRequest* req,
    v1::GiveOpinionResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->proposal_id(), "proposal_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->kind(), v1::OpinionKind_IsValid, "kind"));
        CONCORDIA_RETURN_IF_ERROR(RequireText(req->given_by(), "given_by",
                                              kMaxNameBytes, false));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->text(), "text", kMaxTextBytes, false));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        CONCORDIA_RETURN_IF_ERROR(
            Existing(req->consortium_id(), "", req->proposal_id()).status());
        deliberation::GiveOpinion cmd;
        cmd.kind = req->kind();
        cmd.favourable = req->favourable();
        cmd.given_by = req->given_by().empty() ? principal : req->given_by();
        cmd.text = req->text();
        return Written(env_, context,
                       governance_.GiveOpinion(ctx, req->consortium_id(),
                                               req->proposal_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* DeliberationService::PublishDeliberation(
    grpc::CallbackServerContext* context,
    const v1::PublishDeliberationRequest* req,
    v1::PublishDeliberationResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->body_id(), "body_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->proposal_id(), "proposal_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay first_day,
            RequiredDay(req->first_day(), req->has_first_day(), "first_day"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(first_day)));
        CONCORDIA_RETURN_IF_ERROR(
            Existing(req->consortium_id(), req->body_id(), req->proposal_id())
                .status());
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            governance_.Publish(ctx, req->consortium_id(), req->proposal_id(),
                                first_day));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        // The publication as recorded by this command (the same on retries).
        CONCORDIA_ASSIGN_OR_RETURN(
            deliberation::DeliberationState d,
            governance_.Deliberation(req->consortium_id(), req->proposal_id(),
                                     outcome.last_position));
        if (d.publication.has_value()) {
          *resp->mutable_publication() = *d.publication;
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DeliberationService::InterruptPublication(
    grpc::CallbackServerContext* context,
    const v1::InterruptPublicationRequest* req,
    v1::InterruptPublicationResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->body_id(), "body_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->proposal_id(), "proposal_id"));
        if (req->days() < 1 || req->days() > 365) {
          return InvalidField("days", "1..365 days");
        }
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->reason(), "reason", kMaxTextBytes));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        CONCORDIA_RETURN_IF_ERROR(
            Existing(req->consortium_id(), req->body_id(), req->proposal_id())
                .status());
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            governance_.InterruptPublication(ctx, req->consortium_id(),
                                             req->proposal_id(), req->days(),
                                             req->reason()));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(
            deliberation::DeliberationState d,
            governance_.Deliberation(req->consortium_id(), req->proposal_id(),
                                     outcome.last_position));
        if (d.publication.has_value()) {
          *resp->mutable_albo_last_day() = domain::ToDate(d.AlboLastDay());
        }
        return absl::OkStatus();
      });
}

template <typename Request, typename Response>
grpc::ServerUnaryReactor* DeliberationService::Withdraw(
    grpc::CallbackServerContext* context, const Request* req, Response* resp,
    bool annulment) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->body_id(), "body_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->proposal_id(), "proposal_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->by_proposal_id(), "by_proposal_id"));
        if (req->by_proposal_id() == req->proposal_id()) {
          return InvalidField("by_proposal_id",
                              "a deliberation does not withdraw itself");
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay day,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(day)));
        CONCORDIA_RETURN_IF_ERROR(
            Existing(req->consortium_id(), req->body_id(), req->proposal_id())
                .status());
        CONCORDIA_RETURN_IF_ERROR(
            Existing(req->consortium_id(), "", req->by_proposal_id()).status());
        return Written(env_, context,
                       governance_.Withdraw(ctx, req->consortium_id(),
                                            req->proposal_id(),
                                            req->by_proposal_id(), annulment,
                                            day),
                       resp);
      });
}

grpc::ServerUnaryReactor* DeliberationService::RevokeDeliberation(
    grpc::CallbackServerContext* context,
    const v1::RevokeDeliberationRequest* req,
    v1::RevokeDeliberationResponse* resp) {
  return Withdraw(context, req, resp, /*annulment=*/false);
}

grpc::ServerUnaryReactor* DeliberationService::AnnulDeliberation(
    grpc::CallbackServerContext* context,
    const v1::AnnulDeliberationRequest* req,
    v1::AnnulDeliberationResponse* resp) {
  return Withdraw(context, req, resp, /*annulment=*/true);
}

grpc::ServerUnaryReactor* DeliberationService::GetDeliberation(
    grpc::CallbackServerContext* context,
    const v1::GetDeliberationRequest* req,
    v1::GetDeliberationResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->proposal_id(), "proposal_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay on,
            DayOrToday(env_, req->as_of_date(), req->has_as_of_date(),
                       "as_of_date"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Folded<deliberation::DeliberationState> f,
            domain::FoldStream<deliberation::DeliberationState>(
                *env_.log,
                deliberation::DeliberationStream(req->consortium_id(),
                                                 req->proposal_id()),
                deliberation::ApplyDeliberationEvent, position));
        if (!f.state.exists) {
          return domain::UnknownEntity("deliberation", req->proposal_id());
        }
        ToApi(f.state, on, resp->mutable_deliberation());
        *resp->mutable_as_of_date() = domain::ToDate(on);
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

}  // namespace concordia
