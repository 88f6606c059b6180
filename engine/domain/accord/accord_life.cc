// The Accord's life once in force: changes (amendments, renewals,
// dissolutions), adherents, withdrawals, notices of non-renewal, the end of
// the term (accord.h).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/common/status_macros.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/accord/accord_internal.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"

namespace concordia::domain::accord {

using absl::CivilDay;
using internal::Conclude;
using internal::DayText;
using internal::Push;
using internal::RequireDrafted;
using internal::RequireInForce;
using internal::RequirePublicParty;
using internal::ValidateParty;
using internal::ValidateSignature;

absl::StatusOr<Events> DecidePropose(const AccordState& s,
                                     const ProposeInstrument& c) {
  CONCORDIA_RETURN_IF_ERROR(RequireDrafted(s));
  if (c.kind != v1::INSTRUMENT_KIND_AMENDMENT &&
      c.kind != v1::INSTRUMENT_KIND_RENEWAL &&
      c.kind != v1::INSTRUMENT_KIND_DISSOLUTION) {
    return InvalidField("kind", "an amendment, a renewal or a dissolution");
  }
  if (c.summary.empty()) return InvalidField("summary", "required");
  CONCORDIA_RETURN_IF_ERROR(
      acts::ValidateSha256Hex(c.document_sha256, "document_sha256"));
  if (c.kind == v1::INSTRUMENT_KIND_RENEWAL) {
    if (!c.new_ends_on.has_value()) {
      return InvalidField("new_ends_on", "required for a renewal");
    }
  } else if (c.new_ends_on.has_value()) {
    return InvalidField("new_ends_on", "only for a renewal");
  }
  if (c.kind == v1::INSTRUMENT_KIND_DISSOLUTION) {
    if (!c.dissolves_on.has_value()) {
      return InvalidField("dissolves_on", "required for a dissolution");
    }
    if (*c.dissolves_on < c.day) {
      return InvalidField("dissolves_on", "in the past");
    }
  } else if (c.dissolves_on.has_value()) {
    return InvalidField("dissolves_on", "only for a dissolution");
  }
  CONCORDIA_RETURN_IF_ERROR(
      RequireInForce(s, c.day, "only an accord in force is changed"));
  if (const Instrument* pending = s.Pending()) {
    return Rejected(reasons::kInvalidStateTransition,
                    absl::StrCat("instrument ", pending->number,
                                 " is still pending; one change at a time"));
  }
  if (c.kind == v1::INSTRUMENT_KIND_RENEWAL) {
    if (s.draft.renewal().kind() == v1::RENEWAL_KIND_NONE) {
      return Rejected(reasons::kNotRenewable,
                      absl::StrCat("accord ", s.draft.accord_id(),
                                   " has no renewal clause; change its term by "
                                   "an amendment"));
    }
    if (*c.new_ends_on <= *s.ends_on) {
      return InvalidField("new_ends_on",
                          absl::StrCat("must be after the current last day ",
                                       DayText(*s.ends_on)));
    }
  }
  Events events;
  v1::AccordInstrumentProposed e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  e.set_instrument(s.instruments.rbegin()->first + 1);
  e.set_kind(c.kind);
  e.set_summary(c.summary);
  e.set_document_sha256(c.document_sha256);
  if (c.new_ends_on.has_value())
    *e.mutable_new_ends_on() = ToDate(*c.new_ends_on);
  if (c.dissolves_on.has_value()) {
    *e.mutable_dissolves_on() = ToDate(*c.dissolves_on);
  }
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideJoin(
    const AccordState& s, const JoinAdherent& c,
    const consortium::ConsortiumState& consortium) {
  CONCORDIA_RETURN_IF_ERROR(RequireDrafted(s));
  CONCORDIA_RETURN_IF_ERROR(ValidateParty(c.adherent, "adherent"));
  if (c.adherent.role() != v1::PARTY_ROLE_THIRD_SECTOR_ADHERENT) {
    return InvalidField("adherent.role",
                        "public parties are named in the accord; only "
                        "third-sector organisations adhere later");
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateSignature(c.signature, "signature"));
  if (c.representative.empty()) {
    return InvalidField("representative", "required");
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.tavolo_body_id, "tavolo_body_id"));
  CONCORDIA_RETURN_IF_ERROR(
      RequireInForce(s, c.joined_on, "adherents join an accord in force"));
  if (s.parties.count(c.adherent.party_id()) > 0) {
    return Rejected(
        reasons::kAlreadyExists,
        absl::StrCat(c.adherent.party_id(), " is already a party of accord ",
                     s.draft.accord_id()));
  }
  auto body = consortium.bodies.find(c.tavolo_body_id);
  if (body == consortium.bodies.end()) {
    return UnknownEntity("body", c.tavolo_body_id);
  }
  if (body->second.kind() != v1::BODY_KIND_TAVOLO_ADERENTI) {
    return Rejected(
        reasons::kWrongBody,
        absl::StrCat(c.tavolo_body_id, " is not a Tavolo degli Aderenti"));
  }
  Events events;
  v1::AccordAdherentJoined e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  *e.mutable_adherent() = c.adherent;
  *e.mutable_joined_on() = ToDate(c.joined_on);
  *e.mutable_signature() = c.signature;
  e.set_tavolo_body_id(c.tavolo_body_id);
  e.set_representative(c.representative);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideNotifyWithdrawal(const AccordState& s,
                                              const NotifyWithdrawal& c,
                                              bool act_executive,
                                              const calendar::Calendar& cal,
                                              bool taken_note_executive) {
  CONCORDIA_RETURN_IF_ERROR(RequireDrafted(s));
  CONCORDIA_RETURN_IF_ERROR(acts::ValidateAct(c.act, "act"));
  CONCORDIA_RETURN_IF_ERROR(RequireInForce(
      s, c.notified_on, "a party withdraws from an accord in force"));
  auto party = s.parties.find(c.party_id);
  if (party == s.parties.end()) {
    return Rejected(reasons::kNotAParty,
                    absl::StrCat(c.party_id, " is not a party of accord ",
                                 s.draft.accord_id()));
  }
  if (!party->second.ActiveOn(c.notified_on)) {
    return Rejected(reasons::kMemberWithdrawn,
                    absl::StrCat(c.party_id, " is no longer bound on ",
                                 DayText(c.notified_on)));
  }
  if (party->second.withdrawal_notice.has_value()) {
    return Rejected(
        reasons::kInvalidStateTransition,
        absl::StrCat(
            c.party_id, " already gave notice of withdrawal, effective ",
            DayText(DayOf(party->second.withdrawal_notice->effective_on()))));
  }
  const bool leaves_consortium =
      s.draft.constitutive() && party->second.is_public();
  if (leaves_consortium) {
    if (!acts::IsInternal(c.taken_note_by)) {
      return InvalidField("taken_note_by",
                          "withdrawing from the constitutive convenzione is "
                          "withdrawing from the consortium: the consortium's "
                          "deliberation taking note is required");
    }
    CONCORDIA_RETURN_IF_ERROR(
        acts::ValidateAct(c.taken_note_by, "taken_note_by"));
  } else if (acts::IsSet(c.taken_note_by)) {
    return InvalidField("taken_note_by", "only for constitutive accords");
  }
  if (!act_executive) {
    return Rejected(
        reasons::kDeliberationNotExecutive,
        absl::StrCat(acts::Describe(c.act), ", deciding ", c.party_id,
                     "'s withdrawal, is not executive on ",
                     DayText(c.notified_on)));
  }
  if (leaves_consortium && !taken_note_executive) {
    return Rejected(
        reasons::kDeliberationNotExecutive,
        absl::StrCat(acts::Describe(c.taken_note_by), ", taking note of ",
                     c.party_id, "'s withdrawal, is not executive on ",
                     DayText(c.notified_on)));
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      calendar::DeadlineRule rule,
      calendar::FromProto(s.draft.withdrawal().notice()));
  Events events;
  v1::AccordWithdrawalNotified e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  e.set_party_id(c.party_id);
  *e.mutable_notified_on() = ToDate(c.notified_on);
  *e.mutable_effective_on() = ToDate(cal.Deadline(c.notified_on, rule));
  *e.mutable_act() = c.act;
  if (leaves_consortium) *e.mutable_taken_note_by() = c.taken_note_by;
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideWithdrawalEffect(const AccordState& s,
                                              const std::string& party_id,
                                              CivilDay day) {
  CONCORDIA_RETURN_IF_ERROR(RequireDrafted(s));
  auto party = s.parties.find(party_id);
  if (party == s.parties.end() ||
      !party->second.withdrawal_notice.has_value()) {
    return Rejected(reasons::kInvalidStateTransition,
                    absl::StrCat(party_id, " gave no notice of withdrawal"));
  }
  Events events;
  const CivilDay effective =
      DayOf(party->second.withdrawal_notice->effective_on());
  if (party->second.withdrawn_from.has_value() || !s.InForceOn(effective)) {
    return events;  // done already, or moot: the accord ended first
  }
  if (day < effective) {
    return Rejected(reasons::kInvalidStateTransition,
                    absl::StrCat(party_id, "'s withdrawal takes effect on ",
                                 DayText(effective)));
  }
  v1::AccordPartyWithdrawn e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  e.set_party_id(party_id);
  *e.mutable_effective_on() = ToDate(effective);
  Push(events, e);
  std::vector<std::string> remaining = s.RequiredPartiesOn(effective);
  remaining.erase(std::remove(remaining.begin(), remaining.end(), party_id),
                  remaining.end());
  if (remaining.size() < 2) {
    v1::AccordDissolved d;
    d.set_consortium_id(s.draft.consortium_id());
    d.set_accord_id(s.draft.accord_id());
    d.set_instrument(0);
    *d.mutable_dissolved_on() = ToDate(effective);
    d.set_reason(absl::StrCat("fewer than two public parties remain after ",
                              party_id, "'s withdrawal"));
    Push(events, d);
    return events;
  }
  // A pending instrument that every remaining party has signed is concluded.
  if (const Instrument* pending = s.Pending();
      pending != nullptr && !pending->concluded_on.has_value() &&
      std::all_of(remaining.begin(), remaining.end(),
                  [&](const std::string& p) {
                    return pending->signatures.count(p) > 0;
                  })) {
    CONCORDIA_RETURN_IF_ERROR(
        Conclude(s, pending->number, effective, remaining, events));
  }
  return events;
}

absl::StatusOr<Events> DecideNonRenewal(const AccordState& s,
                                        const NotifyNonRenewal& c,
                                        bool act_executive,
                                        const calendar::Calendar& cal) {
  CONCORDIA_RETURN_IF_ERROR(RequireDrafted(s));
  CONCORDIA_RETURN_IF_ERROR(acts::ValidateAct(c.act, "act"));
  if (s.draft.renewal().kind() != v1::RENEWAL_KIND_TACIT) {
    return Rejected(reasons::kInvalidStateTransition,
                    absl::StrCat("accord ", s.draft.accord_id(),
                                 " does not renew tacitly"));
  }
  CONCORDIA_RETURN_IF_ERROR(RequireInForce(
      s, c.notified_on, "notice of non-renewal is given while it is"));
  CONCORDIA_RETURN_IF_ERROR(RequirePublicParty(s, c.party_id, c.notified_on));
  const Party& party = s.parties.at(c.party_id);
  if (party.non_renewal.has_value() &&
      party.non_renewal_term == static_cast<int>(s.renewals.size())) {
    return Rejected(
        reasons::kAlreadyExists,
        absl::StrCat(c.party_id, " already gave notice of non-renewal"));
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      calendar::DeadlineRule rule,
      calendar::FromProto(s.draft.renewal().non_renewal_notice()));
  if (!cal.IsNoticeRespected(c.notified_on, *s.ends_on, rule)) {
    return Rejected(
        reasons::kDeadlinePassed,
        absl::StrCat("notice of non-renewal for the term ending ",
                     DayText(*s.ends_on), " was due by ",
                     DayText(cal.LatestDelivery(*s.ends_on, rule))));
  }
  if (!act_executive) {
    return Rejected(reasons::kDeliberationNotExecutive,
                    absl::StrCat(acts::Describe(c.act), " is not executive on ",
                                 DayText(c.notified_on)));
  }
  Events events;
  v1::AccordNonRenewalNotified e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  e.set_party_id(c.party_id);
  *e.mutable_notified_on() = ToDate(c.notified_on);
  *e.mutable_act() = c.act;
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideTermEnd(const AccordState& s, CivilDay day) {
  CONCORDIA_RETURN_IF_ERROR(RequireDrafted(s));
  Events events;
  if (s.ended() || !s.ends_on.has_value() || day != *s.ends_on + 1) {
    return events;  // ended already, or the term changed since
  }
  bool refused = false;
  for (const auto& [id, p] : s.parties) {
    if (p.is_public() && p.ActiveOn(*s.ends_on) && p.non_renewal.has_value() &&
        p.non_renewal_term == static_cast<int>(s.renewals.size())) {
      refused = true;
    }
  }
  if (s.draft.renewal().kind() == v1::RENEWAL_KIND_TACIT && !refused) {
    v1::AccordRenewed e;
    e.set_consortium_id(s.draft.consortium_id());
    e.set_accord_id(s.draft.accord_id());
    e.set_instrument(0);
    e.set_tacit(true);
    *e.mutable_new_ends_on() = ToDate(
        calendar::AddMonths(day, s.draft.renewal().renewal_months()) - 1);
    Push(events, e);
    return events;
  }
  v1::AccordExpired e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  *e.mutable_ended_on() = ToDate(*s.ends_on);
  Push(events, e);
  return events;
}

}  // namespace concordia::domain::accord
