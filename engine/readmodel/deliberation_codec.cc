#include "engine/readmodel/deliberation_codec.h"

#include "engine/domain/core/dates.h"

namespace concordia::readmodel {

DeliberationState DeliberationStateOf(const v1::DeliberationView& view) {
  DeliberationState s;
  s.exists = view.has_proposal();
  s.proposal = view.proposal();
  if (view.has_technical_opinion()) s.technical = view.technical_opinion();
  if (view.has_accounting_opinion()) s.accounting = view.accounting_opinion();
  if (view.has_adoption()) s.adoption = view.adoption();
  s.rejected = view.has_rejection();
  if (view.has_publication()) s.publication = view.publication();
  for (const v1::PublicationInterrupted& i : view.interruptions()) {
    s.interrupted_days += i.days();
  }
  if (view.has_executive_on()) {
    s.executive_on = domain::DayOf(view.executive_on());
  }
  if (view.has_withdrawal()) s.withdrawal = view.withdrawal();
  s.publication_ended = view.has_publication_ended();
  return s;
}

DeliberationState TakeDeliberationState(v1::DeliberationView* view) {
  DeliberationState s;
  s.exists = view->has_proposal();
  s.proposal = std::move(*view->mutable_proposal());
  if (view->has_technical_opinion()) {
    s.technical = std::move(*view->mutable_technical_opinion());
  }
  if (view->has_accounting_opinion()) {
    s.accounting = std::move(*view->mutable_accounting_opinion());
  }
  if (view->has_adoption()) s.adoption = std::move(*view->mutable_adoption());
  s.rejected = view->has_rejection();
  s.publication_ended = view->has_publication_ended();
  if (view->has_publication()) {
    s.publication = std::move(*view->mutable_publication());
  }
  for (const v1::PublicationInterrupted& i : view->interruptions()) {
    s.interrupted_days += i.days();
  }
  if (view->has_executive_on()) {
    s.executive_on = domain::DayOf(view->executive_on());
  }
  if (view->has_withdrawal()) {
    s.withdrawal = std::move(*view->mutable_withdrawal());
  }
  view->clear_proposal();
  view->clear_technical_opinion();
  view->clear_accounting_opinion();
  view->clear_adoption();
  view->clear_publication();
  view->clear_executive_on();
  view->clear_withdrawal();
  return s;
}

void PutDeliberationState(DeliberationState&& s, v1::DeliberationView* view) {
  if (s.exists) *view->mutable_proposal() = std::move(s.proposal);
  if (s.technical.has_value()) {
    *view->mutable_technical_opinion() = std::move(*s.technical);
  }
  if (s.accounting.has_value()) {
    *view->mutable_accounting_opinion() = std::move(*s.accounting);
  }
  if (s.adoption.has_value()) *view->mutable_adoption() = std::move(*s.adoption);
  if (s.publication.has_value()) {
    *view->mutable_publication() = std::move(*s.publication);
  }
  if (s.executive_on.has_value()) {
    *view->mutable_executive_on() = domain::ToDate(*s.executive_on);
  }
  if (s.withdrawal.has_value()) {
    *view->mutable_withdrawal() = std::move(*s.withdrawal);
  }
}

v1::DeliberationStage StageOf(const v1::DeliberationView& view) {
  if (view.has_withdrawal()) {
    return view.withdrawal().annulment() ? v1::DELIBERATION_STAGE_ANNULLED
                                         : v1::DELIBERATION_STAGE_REVOKED;
  }
  if (view.has_executive_on()) return v1::DELIBERATION_STAGE_EXECUTIVE;
  if (view.has_publication()) return v1::DELIBERATION_STAGE_PUBLISHED;
  if (view.has_adoption()) return v1::DELIBERATION_STAGE_ADOPTED;
  if (view.has_rejection()) return v1::DELIBERATION_STAGE_REJECTED;
  for (const v1::AgendaPlacement& p : view.placements()) {
    if (p.status() == v1::ITEM_STATUS_OPEN) {
      return v1::DELIBERATION_STAGE_ON_AGENDA;
    }
  }
  // What ReadyForAgenda looks at, without copying the rest.
  DeliberationState opinions;
  opinions.exists = view.has_proposal();
  opinions.proposal = view.proposal();
  if (view.has_technical_opinion()) opinions.technical = view.technical_opinion();
  if (view.has_accounting_opinion()) {
    opinions.accounting = view.accounting_opinion();
  }
  std::string why;
  if (opinions.ReadyForAgenda(&why)) return v1::DELIBERATION_STAGE_READY;
  return v1::DELIBERATION_STAGE_DRAFTED;
}

DeliberationState DeliberationStateOf(const v1::RegisterEntryView& entry) {
  DeliberationState s;
  s.exists = true;
  s.proposal.set_consortium_id(entry.consortium_id());
  s.proposal.set_proposal_id(entry.proposal_id());
  s.proposal.set_body_id(entry.body_id());
  s.proposal.set_act_kind(entry.act_kind());
  s.proposal.set_title(entry.title());
  if (entry.has_adoption()) s.adoption = entry.adoption();
  if (entry.has_publication()) s.publication = entry.publication();
  if (entry.has_executive_on()) {
    s.executive_on = domain::DayOf(entry.executive_on());
  }
  if (entry.has_withdrawal()) s.withdrawal = entry.withdrawal();
  return s;
}

}  // namespace concordia::readmodel
