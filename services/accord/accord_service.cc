// AccordService up to the entry into force: the draft, approvals,
// signatures, the approval act and the BUR publication. The later life is
// in accord_life.cc, GetAccord in accord_reads.cc.
#include "services/accord/accord_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "google/protobuf/util/time_util.h"
#include "services/accord/accord_requests.h"
#include "services/common/cooperation_fields.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"

namespace concordia {
namespace {

using access::Action;
using accord_requests::AccordAt;
using accord_requests::RequireAccordAddress;
using domain::InvalidField;
namespace accord = domain::accord;

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixMicros(
      google::protobuf::util::TimeUtil::TimestampToMicroseconds(t));
}

}  // namespace

grpc::ServerUnaryReactor* AccordService::DraftAccord(
    grpc::CallbackServerContext* context, const v1::DraftAccordRequest* req,
    v1::DraftAccordResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAccordAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->kind(), v1::AccordKind_IsValid, "kind"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->title(), "title", kMaxTitleBytes));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->object(), "object", kMaxTextBytes));
        if (req->parties_size() < 2) {
          return InvalidField("parties",
                              "an accord has two or more public parties");
        }
        if (req->parties_size() > 1000) {
          return InvalidField("parties", "at most 1000");
        }
        for (int i = 0; i < req->parties_size(); ++i) {
          CONCORDIA_RETURN_IF_ERROR(
              RequireParty(req->parties(i), absl::StrCat("parties[", i, "]"),
                           req->consortium_id()));
        }
        if (!req->has_term()) return InvalidField("term", "required");
        CONCORDIA_RETURN_IF_ERROR(RequireEnum(req->renewal().kind(),
                                              v1::RenewalKind_IsValid,
                                              "renewal.kind", false));
        if (!req->programme_id().empty()) {
          CONCORDIA_RETURN_IF_ERROR(
              RequireId(req->programme_id(), "programme_id"));
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        accord::DraftAccord cmd;
        cmd.consortium_id = req->consortium_id();
        cmd.accord_id = req->accord_id();
        cmd.kind = req->kind();
        cmd.title = req->title();
        cmd.object = req->object();
        cmd.parties.assign(req->parties().begin(), req->parties().end());
        cmd.term = req->term();
        cmd.renewal = req->renewal();
        cmd.withdrawal = req->withdrawal();
        cmd.constitutive = req->constitutive();
        cmd.programme_id = req->programme_id();
        return Written(env_, context, cooperation_.DraftAccord(ctx, cmd), resp);
      });
}

grpc::ServerUnaryReactor* AccordService::RecordPartyApproval(
    grpc::CallbackServerContext* context,
    const v1::RecordPartyApprovalRequest* req,
    v1::RecordPartyApprovalResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kActForMember, req->consortium_id(), req->party_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAccordAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireInstrument(req->instrument()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->party_id(), "party_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireAct(req->act(), req->has_act(), "act"));
        const absl::Time now = env_.clock->Now();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), now));
        accord::RecordApproval cmd;
        cmd.instrument = req->instrument();
        cmd.party_id = req->party_id();
        cmd.act = req->act();
        cmd.day = calendar::RomeDay(now);
        return Written(env_, context,
                       cooperation_.RecordApproval(ctx, req->consortium_id(),
                                                   req->accord_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* AccordService::SignAccord(
    grpc::CallbackServerContext* context, const v1::SignAccordRequest* req,
    v1::SignAccordResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kActForMember, req->consortium_id(), req->party_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAccordAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireInstrument(req->instrument()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->party_id(), "party_id"));
        accord::Sign cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.signature,
            SignatureOrNow(env_, req->signature(), req->has_signature(),
                           "signature", principal));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              TimeOf(cmd.signature.signed_at())));
        cmd.instrument = req->instrument();
        cmd.party_id = req->party_id();
        CONCORDIA_ASSIGN_OR_RETURN(domain::Outcome outcome,
                                   cooperation_.Sign(ctx, req->consortium_id(),
                                                     req->accord_id(), cmd));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        // What this signature did, as recorded (the same on every retry).
        CONCORDIA_ASSIGN_OR_RETURN(
            accord::AccordState before,
            AccordAt(env_, req->consortium_id(), req->accord_id(),
                     outcome.first_position == 0 ? outcome.last_position
                                                 : outcome.first_position - 1));
        CONCORDIA_ASSIGN_OR_RETURN(
            accord::AccordState after,
            AccordAt(env_, req->consortium_id(), req->accord_id(),
                     outcome.last_position));
        auto was = before.instruments.find(req->instrument());
        const bool concluded_before = was != before.instruments.end() &&
                                      was->second.concluded_on.has_value();
        const accord::Instrument& now = after.instruments.at(req->instrument());
        resp->set_concluded(!concluded_before && now.concluded_on.has_value());
        resp->set_in_force(!before.in_force_from.has_value() &&
                           after.in_force_from.has_value());
        const absl::CivilDay day =
            domain::DayOf(now.signatures.at(req->party_id()).signed_on());
        if (!now.concluded_on.has_value()) {
          for (const std::string& p :
               after.MissingSignatures(req->instrument(), day)) {
            resp->add_missing_party_ids(p);
          }
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AccordService::RecordApprovalAct(
    grpc::CallbackServerContext* context,
    const v1::RecordApprovalActRequest* req,
    v1::RecordApprovalActResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAccordAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireInstrument(req->instrument()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireAct(req->act(), req->has_act(), "act"));
        const absl::Time now = env_.clock->Now();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), now));
        accord::RecordApprovalAct cmd;
        cmd.instrument = req->instrument();
        cmd.act = req->act();
        cmd.day = calendar::RomeDay(now);
        return Written(env_, context,
                       cooperation_.RecordApprovalAct(ctx, req->consortium_id(),
                                                      req->accord_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* AccordService::RecordBulletinPublication(
    grpc::CallbackServerContext* context,
    const v1::RecordBulletinPublicationRequest* req,
    v1::RecordBulletinPublicationResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAccordAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireInstrument(req->instrument()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->bulletin(), "bulletin", kMaxNameBytes));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->issue(), "issue", kMaxNameBytes));
        if (!req->has_published_on()) {
          return InvalidField("published_on", "required");
        }
        accord::RecordPublication cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.published_on,
            PastDayOrToday(env_, req->published_on(), true, "published_on"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(cmd.published_on)));
        cmd.instrument = req->instrument();
        cmd.bulletin = req->bulletin();
        cmd.issue = req->issue();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            cooperation_.RecordPublication(ctx, req->consortium_id(),
                                           req->accord_id(), cmd));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(
            accord::AccordState after,
            AccordAt(env_, req->consortium_id(), req->accord_id(),
                     outcome.last_position));
        if (after.in_force_from.has_value()) {
          *resp->mutable_in_force_from() = domain::ToDate(*after.in_force_from);
        }
        if (after.ends_on.has_value()) {
          *resp->mutable_ends_on() = domain::ToDate(*after.ends_on);
        }
        return absl::OkStatus();
      });
}

}  // namespace concordia
