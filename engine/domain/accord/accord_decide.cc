// The Accord's decisions up to its entry into force: draft, approvals,
// signatures, conclusion, approval act, BUR publication (accord.h).
// accord_life.cc has the rest of its life.
#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/calendar/statutory_defaults.h"
#include "engine/common/status_macros.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/accord/accord_internal.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::domain::accord {

using absl::CivilDay;

namespace internal {

using google::protobuf::util::TimeUtil;

absl::Status RequireDrafted(const AccordState& s) {
  if (!s.exists) {
    return Rejected(reasons::kInvalidStateTransition,
                    "the accord was never drafted");
  }
  return absl::OkStatus();
}

absl::StatusOr<const Instrument*> FindInstrument(const AccordState& s,
                                                 int number) {
  auto it = s.instruments.find(number);
  if (it == s.instruments.end()) {
    return UnknownEntity("instrument", absl::StrCat(number));
  }
  return &it->second;
}

absl::Status RequireInForce(const AccordState& s, CivilDay day,
                            absl::string_view what) {
  if (!s.InForceOn(day)) {
    return Rejected(reasons::kNotInForce,
                    absl::StrCat("accord ", s.draft.accord_id(), " is ",
                                 StageName(s.stage()), ", not in force on ",
                                 DayText(day), "; ", what));
  }
  return absl::OkStatus();
}

// The party may act on `day` as a public party.
absl::Status RequirePublicParty(const AccordState& s,
                                const std::string& party_id, CivilDay day) {
  auto it = s.parties.find(party_id);
  if (it == s.parties.end()) {
    return Rejected(reasons::kNotAParty,
                    absl::StrCat(party_id, " is not a party of accord ",
                                 s.draft.accord_id()));
  }
  if (!it->second.is_public()) {
    return Rejected(reasons::kNotAParty,
                    absl::StrCat(party_id,
                                 " adheres to the accord but is not one of its "
                                 "public parties; adherents neither approve "
                                 "nor sign its instruments"));
  }
  if (!it->second.ActiveOn(day)) {
    return Rejected(
        reasons::kMemberWithdrawn,
        absl::StrCat(party_id, " withdrew from accord ", s.draft.accord_id(),
                     " from ", DayText(*it->second.withdrawn_from)));
  }
  return absl::OkStatus();
}

absl::Status ValidateSignature(const v1::Signature& sig,
                               const std::string& field) {
  if (sig.signer().empty()) return InvalidField(field + ".signer", "required");
  if (sig.type() == v1::SIGNATURE_TYPE_UNSPECIFIED) {
    return InvalidField(field + ".type",
                        "a qualified or advanced electronic signature");
  }
  if (!sig.has_signed_at() || sig.signed_at().seconds() <= 0) {
    return InvalidField(field + ".signed_at", "required");
  }
  return acts::ValidateSha256Hex(sig.document_sha256(),
                                 field + ".document_sha256");
}

CivilDay SignatureDay(const v1::Signature& sig) {
  return calendar::RomeDay(
      absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(sig.signed_at())));
}

// `consortium_id`: the consortium itself may be a party (e.g. the azienda
// consortile in the accordo di programma of its plan); its kind is its legal
// form, so it has no member kind.
absl::Status ValidateParty(const v1::AccordParty& p, const std::string& field,
                           absl::string_view consortium_id) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(p.party_id(), field + ".party_id"));
  if (p.name().empty()) return InvalidField(field + ".name", "required");
  if (p.role() == v1::PARTY_ROLE_UNSPECIFIED) {
    return InvalidField(field + ".role", "required");
  }
  if (p.party_id() == consortium_id) {
    if (p.role() != v1::PARTY_ROLE_PUBLIC_PARTY ||
        p.kind() != v1::MEMBER_KIND_UNSPECIFIED) {
      return InvalidField(field + ".kind",
                          "the consortium itself is a public party without a "
                          "member kind");
    }
    return absl::OkStatus();
  }
  if (p.kind() == v1::MEMBER_KIND_UNSPECIFIED) {
    return InvalidField(field + ".kind", "required");
  }
  if (p.role() == v1::PARTY_ROLE_THIRD_SECTOR_ADHERENT &&
      p.kind() != v1::MEMBER_KIND_TERZO_SETTORE) {
    return InvalidField(field + ".kind",
                        "an adherent is a third-sector organisation");
  }
  return absl::OkStatus();
}

// The effect of instrument `number` from `day`: the accord enters into
// force, or the amendment, renewal or dissolution applies.
absl::Status TakeEffect(const AccordState& s, int number, CivilDay day,
                        Events& events) {
  const v1::AccordDrafted& d = s.draft;
  if (number == 0) {
    CivilDay from = day;
    if (d.term().has_starts_on())
      from = std::max(from, DayOf(d.term().starts_on()));
    const CivilDay ends =
        d.term().has_ends_on()
            ? DayOf(d.term().ends_on())
            : calendar::AddMonths(from, d.term().duration_months()) - 1;
    if (ends < from) {
      return Rejected(reasons::kDeadlinePassed,
                      absl::StrCat("the term ends on ", DayText(ends),
                                   ", before the accord could enter into "
                                   "force on ",
                                   DayText(from), "; amend the term first"));
    }
    v1::AccordInForce e;
    e.set_consortium_id(d.consortium_id());
    e.set_accord_id(d.accord_id());
    *e.mutable_in_force_from() = ToDate(from);
    *e.mutable_ends_on() = ToDate(ends);
    Push(events, e);
    return absl::OkStatus();
  }
  const Instrument& i = s.instruments.at(number);
  switch (i.kind) {
    case v1::INSTRUMENT_KIND_AMENDMENT: {
      v1::AccordAmended e;
      e.set_consortium_id(d.consortium_id());
      e.set_accord_id(d.accord_id());
      e.set_instrument(number);
      *e.mutable_effective_on() = ToDate(day);
      Push(events, e);
      return absl::OkStatus();
    }
    case v1::INSTRUMENT_KIND_RENEWAL: {
      v1::AccordRenewed e;
      e.set_consortium_id(d.consortium_id());
      e.set_accord_id(d.accord_id());
      e.set_instrument(number);
      e.set_tacit(false);
      *e.mutable_new_ends_on() = i.proposal.new_ends_on();
      Push(events, e);
      return absl::OkStatus();
    }
    case v1::INSTRUMENT_KIND_DISSOLUTION: {
      v1::AccordDissolved e;
      e.set_consortium_id(d.consortium_id());
      e.set_accord_id(d.accord_id());
      e.set_instrument(number);
      *e.mutable_dissolved_on() =
          ToDate(std::max(day, DayOf(i.proposal.dissolves_on())));
      e.set_reason("dissolved by mutual consent of the parties");
      Push(events, e);
      return absl::OkStatus();
    }
    default:
      return absl::InternalError(
          absl::StrCat("instrument ", number, " has no kind"));
  }
}

// Instrument `number` is concluded on `day`; a convenzione's instrument
// takes effect at once, an accordo di programma's after the approval act and
// the publication.
absl::Status Conclude(const AccordState& s, int number, CivilDay day,
                      const std::vector<std::string>& signed_by,
                      Events& events) {
  v1::AccordInstrumentConcluded e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  e.set_instrument(number);
  *e.mutable_concluded_on() = ToDate(day);
  for (const std::string& p : signed_by) e.add_signed_by(p);
  Push(events, e);
  if (s.is_programme_accord()) return absl::OkStatus();
  return TakeEffect(s, number, day, events);
}

absl::Status ValidateTerm(const v1::AccordTerm& t) {
  std::optional<CivilDay> starts;
  if (t.has_starts_on()) {
    CONCORDIA_ASSIGN_OR_RETURN(starts,
                               FromDate(t.starts_on(), "term.starts_on"));
  }
  if (t.has_ends_on() == (t.duration_months() != 0)) {
    return InvalidField("term",
                        "either duration_months or ends_on, exactly one");
  }
  if (t.has_ends_on()) {
    CONCORDIA_ASSIGN_OR_RETURN(CivilDay ends,
                               FromDate(t.ends_on(), "term.ends_on"));
    if (starts.has_value() && ends < *starts) {
      return InvalidField("term.ends_on", "before term.starts_on");
    }
  } else if (t.duration_months() < 1 || t.duration_months() > 1200) {
    return InvalidField("term.duration_months", "1..1200 months");
  }
  return absl::OkStatus();
}

}  // namespace internal

using internal::Conclude;
using internal::DayText;
using internal::FindInstrument;
using internal::Push;
using internal::RequireDrafted;
using internal::RequireInForce;
using internal::RequirePublicParty;
using internal::SignatureDay;
using internal::TakeEffect;
using internal::ValidateParty;
using internal::ValidateSignature;
using internal::ValidateTerm;

absl::StatusOr<Events> DecideDraft(const AccordState& s, const DraftAccord& c,
                                   const DraftInputs& in) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.accord_id, "accord_id"));
  if (c.kind == v1::ACCORD_KIND_UNSPECIFIED) {
    return InvalidField("kind", "required");
  }
  if (c.title.empty()) return InvalidField("title", "required");
  if (c.object.empty()) return InvalidField("object", "required");
  std::set<std::string> ids;
  int public_parties = 0;
  for (size_t i = 0; i < c.parties.size(); ++i) {
    const std::string f = absl::StrCat("parties[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(ValidateParty(c.parties[i], f, c.consortium_id));
    if (!ids.insert(c.parties[i].party_id()).second) {
      return InvalidField(f + ".party_id", "given twice");
    }
    if (c.parties[i].role() == v1::PARTY_ROLE_PUBLIC_PARTY) ++public_parties;
  }
  if (public_parties < 2) {
    return InvalidField("parties", "an accord has two or more public parties");
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateTerm(c.term));
  v1::RenewalClause renewal = c.renewal;
  if (renewal.kind() == v1::RENEWAL_KIND_UNSPECIFIED) {
    renewal.set_kind(v1::RENEWAL_KIND_NONE);
  }
  if (renewal.kind() == v1::RENEWAL_KIND_TACIT) {
    if (renewal.renewal_months() < 1 || renewal.renewal_months() > 1200) {
      return InvalidField("renewal.renewal_months", "1..1200 months");
    }
    if (renewal.non_renewal_notice().unit() == v1::DEADLINE_UNIT_UNSPECIFIED) {
      *renewal.mutable_non_renewal_notice() =
          calendar::ToProto(calendar::Period(6, calendar::Unit::kMonths));
    }
    absl::StatusOr<calendar::DeadlineRule> rule =
        calendar::FromProto(renewal.non_renewal_notice());
    if (!rule.ok()) {
      return InvalidField("renewal.non_renewal_notice",
                          rule.status().message());
    }
  } else if (renewal.renewal_months() != 0 ||
             renewal.has_non_renewal_notice()) {
    return InvalidField("renewal", "months and notice apply to tacit renewal");
  }
  v1::WithdrawalClause withdrawal = c.withdrawal;
  if (withdrawal.notice().unit() == v1::DEADLINE_UNIT_UNSPECIFIED) {
    *withdrawal.mutable_notice() =
        calendar::ToProto(calendar::defaults::WithdrawalNotice());
  }
  absl::StatusOr<calendar::DeadlineRule> notice =
      calendar::FromProto(withdrawal.notice());
  if (!notice.ok()) {
    return InvalidField("withdrawal.notice", notice.status().message());
  }
  if (c.constitutive) {
    if (c.kind != v1::ACCORD_KIND_CONVENZIONE) {
      return InvalidField("constitutive",
                          "a consortium is constituted by a convenzione");
    }
    for (const v1::AccordParty& p : c.parties) {
      if (p.role() == v1::PARTY_ROLE_PUBLIC_PARTY &&
          (in.consortium == nullptr ||
           !in.consortium->IsMemberOn(p.party_id(), in.day))) {
        return Rejected(
            reasons::kNotAMember,
            absl::StrCat(p.party_id(), " is not a member of the consortium on ",
                         DayText(in.day),
                         "; the parties of its constitutive "
                         "convenzione are its members"));
      }
    }
  }
  if (!c.programme_id.empty()) {
    CONCORDIA_RETURN_IF_ERROR(ValidateId(c.programme_id, "programme_id"));
    if (!in.programme_exists) return UnknownEntity("programme", c.programme_id);
    if (in.programme_kind == v1::PROGRAMME_KIND_PURCHASING_PROGRAMME ||
        in.programme_kind == v1::PROGRAMME_KIND_ANNUAL_OPERATING_PLAN) {
      return InvalidField("programme_id",
                          "accords implement triennial plans (Piano di Zona, "
                          "PIS, PIZ)");
    }
    if (c.kind != v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA) {
      return InvalidField("kind",
                          "a plan is implemented by an accordo di programma "
                          "(L. 328/2000 art. 19)");
    }
  }
  if (s.exists) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("accord ", c.accord_id, " exists"));
  }
  Events events;
  v1::AccordDrafted e;
  e.set_consortium_id(c.consortium_id);
  e.set_accord_id(c.accord_id);
  e.set_kind(c.kind);
  e.set_title(c.title);
  e.set_object(c.object);
  for (const v1::AccordParty& p : c.parties) *e.add_parties() = p;
  *e.mutable_term() = c.term;
  *e.mutable_renewal() = renewal;
  *e.mutable_withdrawal() = withdrawal;
  e.set_constitutive(c.constitutive);
  e.set_programme_id(c.programme_id);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideApproval(const AccordState& s,
                                      const RecordApproval& c) {
  CONCORDIA_RETURN_IF_ERROR(RequireDrafted(s));
  CONCORDIA_ASSIGN_OR_RETURN(const Instrument* i,
                             FindInstrument(s, c.instrument));
  CONCORDIA_RETURN_IF_ERROR(acts::ValidateAct(c.act, "act"));
  if (i->concluded_on.has_value()) {
    return Rejected(
        reasons::kInvalidStateTransition,
        absl::StrCat("instrument ", c.instrument, " is already concluded"));
  }
  CONCORDIA_RETURN_IF_ERROR(RequirePublicParty(s, c.party_id, c.day));
  if (i->signatures.count(c.party_id) > 0) {
    return Rejected(
        reasons::kInvalidStateTransition,
        absl::StrCat(c.party_id, " has already signed instrument ",
                     c.instrument, "; its approval can no longer change"));
  }
  Events events;
  v1::AccordPartyApproved e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  e.set_instrument(c.instrument);
  e.set_party_id(c.party_id);
  *e.mutable_act() = c.act;
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideSign(const AccordState& s, const Sign& c,
                                  bool approval_executive) {
  CONCORDIA_RETURN_IF_ERROR(RequireDrafted(s));
  CONCORDIA_ASSIGN_OR_RETURN(const Instrument* i,
                             FindInstrument(s, c.instrument));
  CONCORDIA_RETURN_IF_ERROR(ValidateSignature(c.signature, "signature"));
  const CivilDay day = SignatureDay(c.signature);
  if (i->concluded_on.has_value()) {
    return Rejected(
        reasons::kInvalidStateTransition,
        absl::StrCat("instrument ", c.instrument, " is already concluded"));
  }
  if (c.instrument > 0) {
    CONCORDIA_RETURN_IF_ERROR(
        RequireInForce(s, day, "its instruments are signed while it is"));
  }
  CONCORDIA_RETURN_IF_ERROR(RequirePublicParty(s, c.party_id, day));
  if (i->signatures.count(c.party_id) > 0) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat(c.party_id, " has already signed instrument ",
                                 c.instrument));
  }
  auto approval = i->approvals.find(c.party_id);
  if (approval == i->approvals.end()) {
    return Rejected(
        reasons::kDeliberationNotExecutive,
        absl::StrCat(c.party_id,
                     " has no approving act recorded for instrument ",
                     c.instrument, "; it cannot sign"));
  }
  if (!approval_executive) {
    return Rejected(
        reasons::kDeliberationNotExecutive,
        absl::StrCat(acts::Describe(approval->second.act()), ", approving for ",
                     c.party_id, ", is not executive on ", DayText(day),
                     "; the party cannot sign yet"));
  }
  Events events;
  v1::AccordSigned e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  e.set_instrument(c.instrument);
  e.set_party_id(c.party_id);
  *e.mutable_signature() = c.signature;
  *e.mutable_signed_on() = ToDate(day);
  Push(events, e);
  std::vector<std::string> missing = s.MissingSignatures(c.instrument, day);
  missing.erase(std::remove(missing.begin(), missing.end(), c.party_id),
                missing.end());
  if (missing.empty()) {
    CONCORDIA_RETURN_IF_ERROR(
        Conclude(s, c.instrument, day, s.RequiredPartiesOn(day), events));
  }
  return events;
}

absl::StatusOr<Events> DecideApprovalAct(const AccordState& s,
                                         const RecordApprovalAct& c,
                                         bool act_executive) {
  CONCORDIA_RETURN_IF_ERROR(RequireDrafted(s));
  CONCORDIA_ASSIGN_OR_RETURN(const Instrument* i,
                             FindInstrument(s, c.instrument));
  CONCORDIA_RETURN_IF_ERROR(acts::ValidateAct(c.act, "act"));
  if (!s.is_programme_accord()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "a convenzione is in force with its signatures; it has no "
                    "approval act");
  }
  if (!i->concluded_on.has_value()) {
    return Rejected(
        reasons::kMissingSignature,
        absl::StrCat(
            "instrument ", c.instrument,
            " is not signed by every public party (missing: ",
            absl::StrJoin(s.MissingSignatures(c.instrument, c.day), ", "),
            "); it cannot be approved"));
  }
  if (i->approval_act.has_value()) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("instrument ", c.instrument,
                                 " already has its approval act"));
  }
  if (!act_executive) {
    return Rejected(reasons::kDeliberationNotExecutive,
                    absl::StrCat("the approval act ", acts::Describe(c.act),
                                 " is not executive on ", DayText(c.day)));
  }
  Events events;
  v1::AccordApprovalActRecorded e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  e.set_instrument(c.instrument);
  *e.mutable_act() = c.act;
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecidePublication(const AccordState& s,
                                         const RecordPublication& c) {
  CONCORDIA_RETURN_IF_ERROR(RequireDrafted(s));
  CONCORDIA_ASSIGN_OR_RETURN(const Instrument* i,
                             FindInstrument(s, c.instrument));
  if (c.bulletin.empty()) return InvalidField("bulletin", "required");
  if (c.issue.empty()) return InvalidField("issue", "required");
  if (!s.is_programme_accord()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "a convenzione is not published in the regional bulletin");
  }
  if (!i->concluded_on.has_value()) {
    return Rejected(
        reasons::kMissingSignature,
        absl::StrCat(
            "instrument ", c.instrument,
            " is not signed by every public party (missing: ",
            absl::StrJoin(s.MissingSignatures(c.instrument, c.published_on),
                          ", "),
            ")"));
  }
  if (!i->approval_act.has_value()) {
    return Rejected(reasons::kApprovalActRequired,
                    absl::StrCat("instrument ", c.instrument,
                                 " has no approval act; it is published after "
                                 "its approval (TUEL art. 34 c.4)"));
  }
  if (i->publication.has_value()) {
    return Rejected(
        reasons::kAlreadyExists,
        absl::StrCat("instrument ", c.instrument, " is already published"));
  }
  if (c.published_on < *i->concluded_on) {
    return InvalidField("published_on", "before the conclusion");
  }
  if (c.instrument > 0) {
    CONCORDIA_RETURN_IF_ERROR(RequireInForce(
        s, c.published_on, "its instruments take effect while it is"));
  }
  Events events;
  v1::AccordPublished e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_accord_id(s.draft.accord_id());
  e.set_instrument(c.instrument);
  e.set_bulletin(c.bulletin);
  e.set_issue(c.issue);
  *e.mutable_published_on() = ToDate(c.published_on);
  Push(events, e);
  CONCORDIA_RETURN_IF_ERROR(
      TakeEffect(s, c.instrument, c.published_on, events));
  return events;
}

}  // namespace concordia::domain::accord
