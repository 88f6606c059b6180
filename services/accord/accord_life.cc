// AccordService once an accord is in force: proposals of amendments,
// renewals and dissolutions, notices of withdrawal and of non-renewal,
// third-sector adherents.
#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "services/accord/accord_requests.h"
#include "services/accord/accord_service.h"
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

// The new last day of a renewal, or the first day after a dissolution.
absl::Status InstrumentDates(const v1::ProposeAmendmentRequest&,
                             accord::ProposeInstrument&) {
  return absl::OkStatus();
}
absl::Status InstrumentDates(const v1::ProposeRenewalRequest& r,
                             accord::ProposeInstrument& cmd) {
  CONCORDIA_ASSIGN_OR_RETURN(
      cmd.new_ends_on,
      RequiredDay(r.new_ends_on(), r.has_new_ends_on(), "new_ends_on"));
  return absl::OkStatus();
}
absl::Status InstrumentDates(const v1::ProposeDissolutionRequest& r,
                             accord::ProposeInstrument& cmd) {
  CONCORDIA_ASSIGN_OR_RETURN(
      cmd.dissolves_on,
      RequiredDay(r.dissolves_on(), r.has_dissolves_on(), "dissolves_on"));
  return absl::OkStatus();
}

}  // namespace

template <typename Request, typename Response>
grpc::ServerUnaryReactor* AccordService::Propose(
    grpc::CallbackServerContext* context, const Request* req, Response* resp,
    v1::InstrumentKind kind) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAccordAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->summary(), "summary", kMaxTextBytes));
        CONCORDIA_RETURN_IF_ERROR(
            RequireSha256(req->document_sha256(), "document_sha256"));
        accord::ProposeInstrument cmd;
        CONCORDIA_RETURN_IF_ERROR(InstrumentDates(*req, cmd));
        const absl::Time now = env_.clock->Now();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), now));
        cmd.kind = kind;
        cmd.summary = req->summary();
        cmd.document_sha256 = req->document_sha256();
        cmd.day = calendar::RomeDay(now);
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            cooperation_.ProposeInstrument(ctx, req->consortium_id(),
                                           req->accord_id(), cmd));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        // The instrument this command proposed: the last one as of its event.
        CONCORDIA_ASSIGN_OR_RETURN(
            accord::AccordState after,
            AccordAt(env_, req->consortium_id(), req->accord_id(),
                     outcome.last_position));
        resp->set_instrument(after.instruments.rbegin()->first);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AccordService::ProposeAmendment(
    grpc::CallbackServerContext* context,
    const v1::ProposeAmendmentRequest* req,
    v1::ProposeAmendmentResponse* resp) {
  return Propose(context, req, resp, v1::INSTRUMENT_KIND_AMENDMENT);
}

grpc::ServerUnaryReactor* AccordService::ProposeRenewal(
    grpc::CallbackServerContext* context, const v1::ProposeRenewalRequest* req,
    v1::ProposeRenewalResponse* resp) {
  return Propose(context, req, resp, v1::INSTRUMENT_KIND_RENEWAL);
}

grpc::ServerUnaryReactor* AccordService::ProposeDissolution(
    grpc::CallbackServerContext* context,
    const v1::ProposeDissolutionRequest* req,
    v1::ProposeDissolutionResponse* resp) {
  return Propose(context, req, resp, v1::INSTRUMENT_KIND_DISSOLUTION);
}

grpc::ServerUnaryReactor* AccordService::NotifyWithdrawal(
    grpc::CallbackServerContext* context,
    const v1::NotifyWithdrawalRequest* req,
    v1::NotifyWithdrawalResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kActForMember, req->consortium_id(), req->party_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAccordAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->party_id(), "party_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireAct(req->act(), req->has_act(), "act"));
        CONCORDIA_RETURN_IF_ERROR(RequireAct(req->taken_note_by(),
                                             req->has_taken_note_by(),
                                             "taken_note_by", false));
        accord::NotifyWithdrawal cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.notified_on,
            PastDayOrToday(env_, req->notified_on(), req->has_notified_on(),
                           "notified_on"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(cmd.notified_on)));
        cmd.party_id = req->party_id();
        cmd.act = req->act();
        cmd.taken_note_by = req->taken_note_by();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            cooperation_.NotifyWithdrawal(ctx, req->consortium_id(),
                                          req->accord_id(), cmd));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(
            accord::AccordState after,
            AccordAt(env_, req->consortium_id(), req->accord_id(),
                     outcome.last_position));
        const accord::Party& party = after.parties.at(req->party_id());
        if (party.withdrawal_notice.has_value()) {
          *resp->mutable_effective_on() =
              party.withdrawal_notice->effective_on();
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AccordService::NotifyNonRenewal(
    grpc::CallbackServerContext* context,
    const v1::NotifyNonRenewalRequest* req,
    v1::NotifyNonRenewalResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kActForMember, req->consortium_id(), req->party_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAccordAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->party_id(), "party_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireAct(req->act(), req->has_act(), "act"));
        accord::NotifyNonRenewal cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.notified_on,
            PastDayOrToday(env_, req->notified_on(), req->has_notified_on(),
                           "notified_on"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(cmd.notified_on)));
        cmd.party_id = req->party_id();
        cmd.act = req->act();
        return Written(env_, context,
                       cooperation_.NotifyNonRenewal(ctx, req->consortium_id(),
                                                     req->accord_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* AccordService::JoinAdherent(
    grpc::CallbackServerContext* context, const v1::JoinAdherentRequest* req,
    v1::JoinAdherentResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAccordAddress(*req));
        if (!req->has_adherent()) return InvalidField("adherent", "required");
        CONCORDIA_RETURN_IF_ERROR(
            RequireParty(req->adherent(), "adherent", req->consortium_id()));
        if (req->adherent().role() != v1::PARTY_ROLE_THIRD_SECTOR_ADHERENT) {
          return InvalidField("adherent.role",
                              "public parties are named in the accord; only "
                              "third-sector organisations adhere later");
        }
        accord::JoinAdherent cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.signature,
            SignatureOrNow(env_, req->signature(), req->has_signature(),
                           "signature", ""));
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->tavolo_body_id(), "tavolo_body_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequirePrincipal(req->representative(), "representative"));
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.joined_on, PastDayOrToday(env_, req->joined_on(),
                                          req->has_joined_on(), "joined_on"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(cmd.joined_on)));
        cmd.adherent = req->adherent();
        cmd.tavolo_body_id = req->tavolo_body_id();
        cmd.representative = req->representative();
        return Written(env_, context,
                       cooperation_.JoinAdherent(ctx, req->consortium_id(),
                                                 req->accord_id(), cmd),
                       resp);
      });
}

}  // namespace concordia
