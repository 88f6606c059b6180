#include "engine/domain/deliberation/deliberation.h"

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"

namespace concordia::domain::deliberation {
namespace {

using absl::CivilDay;

template <typename T>
void Push(Events& events, T event) {
  events.push_back(std::make_unique<T>(std::move(event)));
}

std::string DayText(CivilDay d) { return absl::FormatCivilTime(d); }

}  // namespace

std::string DeliberationStream(absl::string_view consortium_id,
                               absl::string_view proposal_id) {
  return absl::StrCat(consortium_id, "/deliberation/", proposal_id);
}

std::string RegisterStream(absl::string_view consortium_id,
                           absl::string_view body_id, int year) {
  return absl::StrCat(consortium_id, "/register/", body_id, "/", year);
}

bool DeliberationState::ReadyForAgenda(std::string* why) const {
  if (!exists) {
    *why = "the proposal does not exist";
    return false;
  }
  if (adoption.has_value() || rejected) {
    *why = "the proposal was already decided";
    return false;
  }
  if (!proposal.mere_policy_act() && !technical.has_value()) {
    *why = absl::StrCat("proposal ", proposal.proposal_id(),
                        " has no technical opinion (TUEL art. 49)");
    return false;
  }
  if (proposal.financial_effects() && !accounting.has_value()) {
    *why = absl::StrCat("proposal ", proposal.proposal_id(),
                        " has financial effects but no accounting opinion");
    return false;
  }
  return true;
}

bool DeliberationState::HasNegativeOpinion() const {
  return (technical.has_value() && !technical->favourable()) ||
         (accounting.has_value() && !accounting->favourable());
}

bool DeliberationState::ExecutiveOn(CivilDay day) const {
  if (!executive_on.has_value() || *executive_on > day) return false;
  return !withdrawal.has_value() || day < DayOf(withdrawal->effective_from());
}

CivilDay DeliberationState::AlboLastDay() const {
  return DayOf(publication->last_day());
}

bool DeliberationState::OnAlboOn(CivilDay day) const {
  return publication.has_value() && DayOf(publication->first_day()) <= day &&
         day <= AlboLastDay();
}

absl::Status ApplyDeliberationEvent(DeliberationState& s,
                                    const google::protobuf::Message& event,
                                    const log::Record&) {
  if (const auto* e = dynamic_cast<const v1::ProposalDrafted*>(&event)) {
    s.exists = true;
    s.proposal = *e;
  } else if (const auto* e = dynamic_cast<const v1::OpinionGiven*>(&event)) {
    (e->kind() == v1::OPINION_KIND_ACCOUNTING ? s.accounting : s.technical) = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::DeliberationAdopted*>(&event)) {
    s.adoption = *e;
  } else if (dynamic_cast<const v1::DeliberationRejected*>(&event) != nullptr) {
    s.rejected = true;
  } else if (const auto* e =
                 dynamic_cast<const v1::DeliberationPublished*>(&event)) {
    s.publication = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::PublicationInterrupted*>(&event)) {
    s.interrupted_days += e->days();
    *s.publication->mutable_last_day() = e->last_day();
  } else if (dynamic_cast<const v1::PublicationEnded*>(&event) != nullptr) {
    s.publication_ended = true;
  } else if (const auto* e =
                 dynamic_cast<const v1::DeliberationExecutive*>(&event)) {
    s.executive_on = DayOf(e->executive_on());
  } else if (const auto* e =
                 dynamic_cast<const v1::DeliberationWithdrawn*>(&event)) {
    s.withdrawal = *e;
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> DecideDraft(const DeliberationState& s,
                                   const DraftProposal& c, bool body_exists) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.proposal_id, "proposal_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.body_id, "body_id"));
  if (c.act_kind == v1::ACT_KIND_UNSPECIFIED) {
    return InvalidField("act_kind", "required");
  }
  if (c.title.empty()) return InvalidField("title", "required");
  if (!body_exists) return UnknownEntity("body", c.body_id);
  if (s.exists) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("proposal ", c.proposal_id, " exists"));
  }
  Events events;
  v1::ProposalDrafted e;
  e.set_consortium_id(c.consortium_id);
  e.set_proposal_id(c.proposal_id);
  e.set_body_id(c.body_id);
  e.set_act_kind(c.act_kind);
  e.set_title(c.title);
  e.set_financial_effects(c.financial_effects);
  e.set_mere_policy_act(c.mere_policy_act);
  e.set_grants_economic_benefit(c.grants_economic_benefit);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideOpinion(const DeliberationState& s,
                                     const GiveOpinion& c) {
  if (c.kind == v1::OPINION_KIND_UNSPECIFIED) {
    return InvalidField("kind", "technical or accounting");
  }
  if (c.given_by.empty()) return InvalidField("given_by", "required");
  if (!s.exists) return UnknownEntity("proposal", "");
  if (s.adoption.has_value() || s.rejected) {
    return Rejected(reasons::kInvalidStateTransition,
                    "opinions precede the vote; the proposal was decided");
  }
  Events events;
  v1::OpinionGiven e;
  e.set_consortium_id(s.proposal.consortium_id());
  e.set_proposal_id(s.proposal.proposal_id());
  e.set_kind(c.kind);
  e.set_favourable(c.favourable);
  e.set_given_by(c.given_by);
  e.set_text(c.text);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideOutcome(const DeliberationState& s,
                                     const Outcome& o) {
  if (!s.exists) return UnknownEntity("proposal", "");
  Events events;
  if (s.adoption.has_value() || s.rejected) return events;  // already recorded
  if (!o.adopted) {
    v1::DeliberationRejected e;
    e.set_consortium_id(s.proposal.consortium_id());
    e.set_proposal_id(s.proposal.proposal_id());
    e.set_session_id(o.session_id);
    Push(events, e);
    return events;
  }
  v1::DeliberationAdopted e;
  e.set_consortium_id(s.proposal.consortium_id());
  e.set_proposal_id(s.proposal.proposal_id());
  e.set_body_id(s.proposal.body_id());
  e.set_number(o.number);
  e.set_year(static_cast<int32_t>(o.decided_on.year()));
  e.set_session_id(o.session_id);
  *e.mutable_adopted_on() = ToDate(o.decided_on);
  e.set_immediately_executable(o.immediately_executable);
  e.set_reason_against_opinion(o.reason_against_opinion);
  Push(events, e);
  if (o.immediately_executable) {
    // TUEL art. 134 c.4: executive at once.
    v1::DeliberationExecutive x;
    x.set_consortium_id(s.proposal.consortium_id());
    x.set_proposal_id(s.proposal.proposal_id());
    *x.mutable_executive_on() = ToDate(o.decided_on);
    Push(events, x);
  }
  return events;
}

absl::StatusOr<Events> DecidePublish(const DeliberationState& s,
                                     CivilDay first_day,
                                     const v1::Statute& statute) {
  if (!s.exists) return UnknownEntity("proposal", "");
  if (!s.adoption.has_value()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "only an adopted deliberation is published");
  }
  if (s.publication.has_value()) {
    return Rejected(reasons::kInvalidStateTransition, "already published");
  }
  if (first_day < DayOf(s.adoption->adopted_on())) {
    return InvalidField("first_day", "before the adoption");
  }
  const calendar::Window albo =
      calendar::AlboWindow(first_day, statute.publication_days());
  const CivilDay base =
      statute.executivity_start() == v1::EXECUTIVITY_START_PUBLICATION_END
          ? albo.last
          : albo.first;
  Events events;
  v1::DeliberationPublished e;
  e.set_consortium_id(s.proposal.consortium_id());
  e.set_proposal_id(s.proposal.proposal_id());
  *e.mutable_first_day() = ToDate(albo.first);
  *e.mutable_last_day() = ToDate(albo.last);
  *e.mutable_executive_on() =
      ToDate(s.executive_on.has_value()
                 ? *s.executive_on
                 : calendar::ExecutiveDay(base, statute.executivity_days()));
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideInterrupt(const DeliberationState& s, int days,
                                       const std::string& reason) {
  if (days <= 0) return InvalidField("days", "at least one day");
  if (!s.publication.has_value()) {
    return Rejected(reasons::kNotPublished, "the deliberation is not published");
  }
  Events events;
  v1::PublicationInterrupted e;
  e.set_consortium_id(s.proposal.consortium_id());
  e.set_proposal_id(s.proposal.proposal_id());
  e.set_days(days);
  e.set_reason(reason);
  *e.mutable_last_day() = ToDate(s.AlboLastDay() + days);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideEndPublication(const DeliberationState& s,
                                            CivilDay day) {
  if (!s.publication.has_value()) {
    return Rejected(reasons::kNotPublished,
                    "the deliberation is not published");
  }
  Events events;
  if (s.publication_ended || day <= s.AlboLastDay()) return events;
  v1::PublicationEnded e;
  e.set_consortium_id(s.proposal.consortium_id());
  e.set_proposal_id(s.proposal.proposal_id());
  *e.mutable_last_day() = s.publication->last_day();
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideExecutive(const DeliberationState& s,
                                       CivilDay day) {
  Events events;
  if (s.executive_on.has_value()) return events;  // already executive
  if (!s.publication.has_value()) {
    return Rejected(reasons::kNotPublished,
                    "a deliberation is never executive before publication "
                    "unless declared immediately executable");
  }
  const CivilDay due = DayOf(s.publication->executive_on());
  if (day < due) {
    return Rejected(reasons::kInvalidStateTransition,
                    absl::StrCat("executive only from ", DayText(due)));
  }
  v1::DeliberationExecutive e;
  e.set_consortium_id(s.proposal.consortium_id());
  e.set_proposal_id(s.proposal.proposal_id());
  *e.mutable_executive_on() = ToDate(due);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideWithdraw(const DeliberationState& s,
                                      const DeliberationState& by,
                                      bool annulment, CivilDay day,
                                      const v1::Statute& statute) {
  if (!s.exists) return UnknownEntity("proposal", "");
  if (!s.adoption.has_value()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "only an adopted deliberation can be revoked or annulled");
  }
  if (s.withdrawal.has_value()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "already revoked or annulled");
  }
  if (!by.exists || !by.adoption.has_value()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "revocation and annulment need an adopted deliberation");
  }
  if (by.proposal.body_id() != s.proposal.body_id()) {
    return Rejected(reasons::kWrongBody,
                    absl::StrCat("only ", s.proposal.body_id(),
                                 " may revoke or annul its own acts, not ",
                                 by.proposal.body_id()));
  }
  const CivilDay adopted = DayOf(s.adoption->adopted_on());
  // The withdrawing act decides on its own adoption day at the earliest:
  // nothing is revoked (or annulled) before the act doing it exists, nor
  // before the act it withdraws.
  const CivilDay by_adopted = DayOf(by.adoption->adopted_on());
  if (day < by_adopted || day < adopted) {
    return Rejected(
        reasons::kRetroactiveChange,
        absl::StrCat(annulment ? "an annulment" : "a revocation",
                     " by deliberation ", by.proposal.proposal_id(),
                     " (adopted on ", DayText(by_adopted),
                     ") cannot be dated ", DayText(day)));
  }
  if (annulment && s.proposal.grants_economic_benefit()) {
    const CivilDay limit =
        calendar::AddMonths(adopted, statute.annulment_limit_months());
    if (day > limit) {
      return Rejected(
          reasons::kAnnulmentTimeLimitExceeded,
          absl::StrCat("an act granting an economic benefit can be annulled "
                       "only within ",
                       statute.annulment_limit_months(),
                       " months of its adoption (until ", DayText(limit), ")"));
    }
  }
  Events events;
  v1::DeliberationWithdrawn e;
  e.set_consortium_id(s.proposal.consortium_id());
  e.set_proposal_id(s.proposal.proposal_id());
  e.set_by_proposal_id(by.proposal.proposal_id());
  e.set_annulment(annulment);
  // Annulment works ex tunc (from adoption), revocation ex nunc.
  *e.mutable_effective_from() = ToDate(annulment ? adopted : day);
  Push(events, e);
  return events;
}

absl::Status ApplyRegisterEvent(RegisterState& s,
                                const google::protobuf::Message& event,
                                const log::Record& record) {
  if (const auto* e =
          dynamic_cast<const v1::DeliberationNumberAssigned*>(&event)) {
    if (static_cast<uint64_t>(e->number()) != record.stream_version) {
      return absl::DataLossError(
          absl::StrCat("register ", record.stream, ": number ", e->number(),
                       " at version ", record.stream_version));
    }
    s.numbers[e->proposal_id()] = e->number();
    s.last = e->number();
  }
  return absl::OkStatus();
}

Events DecideNumber(const RegisterState& s, absl::string_view consortium_id,
                    absl::string_view body_id, int year,
                    absl::string_view proposal_id) {
  Events events;
  if (s.numbers.count(std::string(proposal_id)) > 0) return events;
  v1::DeliberationNumberAssigned e;
  e.set_consortium_id(std::string(consortium_id));
  e.set_body_id(std::string(body_id));
  e.set_year(year);
  e.set_number(s.last + 1);
  e.set_proposal_id(std::string(proposal_id));
  Push(events, e);
  return events;
}

}  // namespace concordia::domain::deliberation
