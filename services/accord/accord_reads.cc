// AccordService.GetAccord: the accord folded up to the requested position,
// answered for a date.
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "services/accord/accord_service.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"

namespace concordia {
namespace {

using access::Action;
namespace accord = domain::accord;

v1::AccordStage StageOf(accord::Stage stage) {
  switch (stage) {
    case accord::Stage::kDraft:
      return v1::ACCORD_STAGE_DRAFT;
    case accord::Stage::kBeingSigned:
      return v1::ACCORD_STAGE_BEING_SIGNED;
    case accord::Stage::kConcluded:
      return v1::ACCORD_STAGE_CONCLUDED;
    case accord::Stage::kApproved:
      return v1::ACCORD_STAGE_APPROVED;
    case accord::Stage::kInForce:
      return v1::ACCORD_STAGE_IN_FORCE;
    case accord::Stage::kExpired:
      return v1::ACCORD_STAGE_EXPIRED;
    case accord::Stage::kDissolved:
      return v1::ACCORD_STAGE_DISSOLVED;
    case accord::Stage::kNone:
      break;
  }
  return v1::ACCORD_STAGE_UNSPECIFIED;
}

void ToApi(const accord::Party& p, absl::CivilDay on,
           v1::AccordPartyStatus* out) {
  *out->mutable_party() = p.info;
  out->set_active_on_date(p.ActiveOn(on));
  if (p.adhesion.has_value()) *out->mutable_adhesion() = *p.adhesion;
  if (p.withdrawal_notice.has_value()) {
    *out->mutable_withdrawal_notice() = *p.withdrawal_notice;
  }
  if (p.withdrawn_from.has_value()) {
    *out->mutable_withdrawn_from() = domain::ToDate(*p.withdrawn_from);
  }
  if (p.non_renewal.has_value()) *out->mutable_non_renewal() = *p.non_renewal;
}

void ToApi(const accord::AccordState& s, const accord::Instrument& i,
           absl::CivilDay on, v1::AccordInstrument* out) {
  out->set_number(i.number);
  out->set_kind(i.number == 0 ? v1::INSTRUMENT_KIND_ACCORD : i.kind);
  if (i.number > 0) *out->mutable_proposal() = i.proposal;
  for (const auto& [party, approval] : i.approvals) {
    *out->add_approvals() = approval;
  }
  for (const auto& [party, signature] : i.signatures) {
    *out->add_signatures() = signature;
  }
  if (i.concluded_on.has_value()) {
    *out->mutable_concluded_on() = domain::ToDate(*i.concluded_on);
  } else {
    for (const std::string& p : s.MissingSignatures(i.number, on)) {
      out->add_missing_party_ids(p);
    }
  }
  if (i.approval_act.has_value())
    *out->mutable_approval_act() = *i.approval_act;
  if (i.publication.has_value()) *out->mutable_publication() = *i.publication;
  out->set_took_effect(i.took_effect);
}

void ToApi(const accord::AccordState& s, absl::CivilDay on, v1::Accord* out) {
  *out->mutable_draft() = s.draft;
  out->set_stage(StageOf(s.stage()));
  for (const auto& [id, party] : s.parties) {
    ToApi(party, on, out->add_parties());
  }
  for (const auto& [number, instrument] : s.instruments) {
    ToApi(s, instrument, on, out->add_instruments());
  }
  if (s.in_force_from.has_value()) {
    *out->mutable_in_force_from() = domain::ToDate(*s.in_force_from);
  }
  if (s.ends_on.has_value()) {
    *out->mutable_ends_on() = domain::ToDate(*s.ends_on);
  }
  for (const v1::AccordRenewed& r : s.renewals) *out->add_renewals() = r;
  for (const v1::AccordAmended& a : s.amendments) *out->add_amendments() = a;
  if (s.expired_on.has_value()) {
    *out->mutable_expired_on() = domain::ToDate(*s.expired_on);
  }
  if (s.dissolution.has_value()) *out->mutable_dissolution() = *s.dissolution;
  out->set_in_force_on_date(s.InForceOn(on));
  for (const std::string& p : s.RequiredPartiesOn(on)) {
    out->add_required_party_ids(p);
  }
}

}  // namespace

grpc::ServerUnaryReactor* AccordService::GetAccord(
    grpc::CallbackServerContext* context, const v1::GetAccordRequest* req,
    v1::GetAccordResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->accord_id(), "accord_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay on, DayOrToday(env_, req->as_of_date(),
                                          req->has_as_of_date(), "as_of_date"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Folded<accord::AccordState> f,
            domain::FoldStream<accord::AccordState>(
                *env_.log,
                accord::AccordStream(req->consortium_id(), req->accord_id()),
                accord::ApplyAccordEvent, position));
        if (!f.state.exists) {
          return domain::UnknownEntity("accord", req->accord_id());
        }
        ToApi(f.state, on, resp->mutable_accord());
        *resp->mutable_as_of_date() = domain::ToDate(on);
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

}  // namespace concordia
