#include "engine/readmodel/accord_codec.h"

#include "engine/domain/core/dates.h"

namespace concordia::readmodel {

using absl::CivilDay;
using domain::DayOf;
using domain::ToDate;
using domain::accord::Instrument;
using domain::accord::Party;
using domain::accord::Stage;

v1::AccordStage AccordStageOf(Stage stage) {
  switch (stage) {
    case Stage::kNone:
      return v1::ACCORD_STAGE_UNSPECIFIED;
    case Stage::kDraft:
      return v1::ACCORD_STAGE_DRAFT;
    case Stage::kBeingSigned:
      return v1::ACCORD_STAGE_BEING_SIGNED;
    case Stage::kConcluded:
      return v1::ACCORD_STAGE_CONCLUDED;
    case Stage::kApproved:
      return v1::ACCORD_STAGE_APPROVED;
    case Stage::kInForce:
      return v1::ACCORD_STAGE_IN_FORCE;
    case Stage::kExpired:
      return v1::ACCORD_STAGE_EXPIRED;
    case Stage::kDissolved:
      return v1::ACCORD_STAGE_DISSOLVED;
  }
  return v1::ACCORD_STAGE_UNSPECIFIED;
}

v1::AccordView AccordViewOf(const AccordState& s) {
  v1::AccordView v;
  v.set_exists(s.exists);
  *v.mutable_draft() = s.draft;
  v.set_stage(AccordStageOf(s.stage()));
  for (const auto& [id, p] : s.parties) {
    v1::AccordPartyView* out = v.add_parties();
    *out->mutable_info() = p.info;
    if (p.joined_on) *out->mutable_joined_on() = ToDate(*p.joined_on);
    if (p.adhesion) *out->mutable_adhesion() = *p.adhesion;
    if (p.withdrawal_notice) {
      *out->mutable_withdrawal_notice() = *p.withdrawal_notice;
    }
    if (p.withdrawn_from) {
      *out->mutable_withdrawn_from() = ToDate(*p.withdrawn_from);
    }
    if (p.non_renewal) *out->mutable_non_renewal() = *p.non_renewal;
    out->set_non_renewal_term(p.non_renewal_term);
  }
  for (const auto& [n, i] : s.instruments) {
    v1::AccordInstrumentView* out = v.add_instruments();
    out->set_number(n);
    out->set_kind(i.kind);
    *out->mutable_proposal() = i.proposal;
    for (const auto& [party, a] : i.approvals) *out->add_approvals() = a;
    for (const auto& [party, sig] : i.signatures) *out->add_signatures() = sig;
    if (i.concluded_on) *out->mutable_concluded_on() = ToDate(*i.concluded_on);
    if (i.approval_act) *out->mutable_approval_act() = *i.approval_act;
    if (i.publication) *out->mutable_publication() = *i.publication;
    out->set_took_effect(i.took_effect);
  }
  if (s.in_force_from) *v.mutable_in_force_from() = ToDate(*s.in_force_from);
  if (s.ends_on) *v.mutable_ends_on() = ToDate(*s.ends_on);
  for (const v1::AccordRenewed& r : s.renewals) *v.add_renewals() = r;
  for (const v1::AccordAmended& a : s.amendments) *v.add_amendments() = a;
  if (s.expired_on) *v.mutable_expired_on() = ToDate(*s.expired_on);
  if (s.dissolution) *v.mutable_dissolution() = *s.dissolution;
  return v;
}

AccordState AccordStateOf(const v1::AccordView& v) {
  AccordState s;
  s.exists = v.exists();
  s.draft = v.draft();
  for (const v1::AccordPartyView& in : v.parties()) {
    Party& p = s.parties[in.info().party_id()];
    p.info = in.info();
    if (in.has_joined_on()) p.joined_on = DayOf(in.joined_on());
    if (in.has_adhesion()) p.adhesion = in.adhesion();
    if (in.has_withdrawal_notice()) p.withdrawal_notice = in.withdrawal_notice();
    if (in.has_withdrawn_from()) p.withdrawn_from = DayOf(in.withdrawn_from());
    if (in.has_non_renewal()) p.non_renewal = in.non_renewal();
    p.non_renewal_term = in.non_renewal_term();
  }
  for (const v1::AccordInstrumentView& in : v.instruments()) {
    Instrument& i = s.instruments[in.number()];
    i.number = in.number();
    i.kind = in.kind();
    i.proposal = in.proposal();
    for (const v1::AccordPartyApproved& a : in.approvals()) {
      i.approvals[a.party_id()] = a;
    }
    for (const v1::AccordSigned& sig : in.signatures()) {
      i.signatures[sig.party_id()] = sig;
    }
    if (in.has_concluded_on()) i.concluded_on = DayOf(in.concluded_on());
    if (in.has_approval_act()) i.approval_act = in.approval_act();
    if (in.has_publication()) i.publication = in.publication();
    i.took_effect = in.took_effect();
  }
  if (v.has_in_force_from()) s.in_force_from = DayOf(v.in_force_from());
  if (v.has_ends_on()) s.ends_on = DayOf(v.ends_on());
  s.renewals.assign(v.renewals().begin(), v.renewals().end());
  s.amendments.assign(v.amendments().begin(), v.amendments().end());
  if (v.has_expired_on()) s.expired_on = DayOf(v.expired_on());
  if (v.has_dissolution()) s.dissolution = v.dissolution();
  return s;
}

v1::AccordInForceView AccordInForceOn(const AccordState& s, CivilDay day) {
  v1::AccordInForceView out;
  *out.mutable_day() = ToDate(day);
  out.set_in_force(s.InForceOn(day));
  for (const auto& [id, p] : s.parties) {
    if (p.ActiveOn(day)) out.add_active_parties(id);
    if (p.withdrawn_from.has_value() && *p.withdrawn_from <= day) {
      out.add_withdrawn_parties(id);
    }
  }
  const auto accord = s.instruments.find(0);
  for (const std::string& id : s.RequiredPartiesOn(day)) {
    out.add_required_parties(id);
    if (accord == s.instruments.end() ||
        accord->second.approvals.count(id) == 0) {
      out.add_missing_approvals(id);
    }
  }
  for (const std::string& id : s.MissingSignatures(0, day)) {
    out.add_missing_signatures(id);
  }
  if (s.ends_on) *out.mutable_ends_on() = ToDate(*s.ends_on);
  return out;
}

}  // namespace concordia::readmodel
