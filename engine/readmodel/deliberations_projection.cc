#include "engine/readmodel/deliberations_projection.h"

#include "concordia/v1/accord_events.pb.h"
#include "concordia/v1/deliberation_events.pb.h"
#include "concordia/v1/read_model_state.pb.h"
#include "concordia/v1/session_events.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/deliberation_codec.h"
#include "engine/common/status_macros.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {
namespace {

bool IsSessionEvent(const google::protobuf::Message& e) {
  return dynamic_cast<const v1::SessionConvened*>(&e) != nullptr ||
         dynamic_cast<const v1::AgendaItemAdded*>(&e) != nullptr;
}

}  // namespace

DeliberationsProjection::DeliberationsProjection()
    : ReadModelProjection(
          kDeliberations, kVersion,
          {TypeName<v1::ProposalDrafted>(), TypeName<v1::OpinionGiven>(),
           TypeName<v1::DeliberationAdopted>(),
           TypeName<v1::DeliberationRejected>(),
           TypeName<v1::DeliberationPublished>(),
           TypeName<v1::PublicationInterrupted>(),
           TypeName<v1::DeliberationExecutive>(),
           TypeName<v1::DeliberationWithdrawn>(),
           TypeName<v1::PublicationEnded>(),
           TypeName<v1::SessionConvened>(), TypeName<v1::AgendaItemAdded>(),
           TypeName<v1::AccordPartyApproved>(),
           TypeName<v1::AccordApprovalActRecorded>()}) {}

absl::Status DeliberationsProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record& record,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  if (IsSessionEvent(event)) return ApplySession(*cid, event, writer);
  if (const auto* e = dynamic_cast<const v1::AccordPartyApproved*>(&event)) {
    return ApplyAccordLink(*cid, e->accord_id(), e->instrument(),
                           e->party_id(), e->act(), writer);
  }
  if (const auto* e =
          dynamic_cast<const v1::AccordApprovalActRecorded*>(&event)) {
    return ApplyAccordLink(*cid, e->accord_id(), e->instrument(), "", e->act(),
                           writer);
  }
  return ApplyDeliberation(*cid, event, record, writer);
}

absl::Status DeliberationsProjection::ApplyDeliberation(
    const std::string& cid, const google::protobuf::Message& event,
    const log::Record& record, projection::EntityWriter& writer) {
  absl::StatusOr<std::string> pid = IdField(event, "proposal_id");
  if (!pid.ok()) return pid.status();
  const std::string key = keys::Deliberation(cid, *pid);
  absl::StatusOr<std::optional<v1::DeliberationView>> loaded =
      Load<v1::DeliberationView>(writer, key);
  if (!loaded.ok()) return loaded.status();
  const bool drafted = dynamic_cast<const v1::ProposalDrafted*>(&event);
  if (!loaded->has_value() && !drafted) {
    return absl::DataLossError(absl::StrCat(
        "deliberation ", *pid, " of ", cid, " has events before its draft"));
  }
  v1::DeliberationView view =
      loaded->has_value() ? **std::move(loaded) : v1::DeliberationView();
  DeliberationState state = TakeDeliberationState(&view);
  if (absl::Status s =
          domain::deliberation::ApplyDeliberationEvent(state, event, record);
      !s.ok()) {
    return s;
  }
  PutDeliberationState(std::move(state), &view);
  if (const auto* e = dynamic_cast<const v1::PublicationEnded*>(&event)) {
    *view.mutable_publication_ended() = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::DeliberationRejected*>(&event)) {
    *view.mutable_rejection() = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::PublicationInterrupted*>(&event)) {
    *view.add_interruptions() = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::DeliberationWithdrawn*>(&event)) {
    // The withdrawing deliberation links to the act it withdrew.
    absl::StatusOr<std::string> by = IdField(event, "by_proposal_id");
    if (!by.ok()) return by.status();
    v1::WithdrawalLink link;
    link.set_proposal_id(*pid);
    link.set_annulment(e->annulment());
    *link.mutable_effective_from() = e->effective_from();
    if (*by == *pid) {
      *view.add_withdraws() = link;
      Store(writer, key, view);
      return absl::OkStatus();
    }
    const std::string by_key = keys::Deliberation(cid, *by);
    absl::StatusOr<std::optional<v1::DeliberationView>> by_view =
        Load<v1::DeliberationView>(writer, by_key);
    if (!by_view.ok()) return by_view.status();
    if (!by_view->has_value()) {
      return absl::DataLossError(absl::StrCat(
          "deliberation ", *pid, " was withdrawn by ", *by,
          ", which was never drafted"));
    }
    *(*by_view)->add_withdraws() = link;
    Store(writer, by_key, **by_view);
  }
  Store(writer, key, view);
  return absl::OkStatus();
}

absl::Status DeliberationsProjection::ApplyAccordLink(
    const std::string& cid, const std::string& accord_id, int instrument,
    const std::string& party_id, const v1::ApprovingAct& act,
    projection::EntityWriter& writer) {
  const std::string& pid = act.deliberation().proposal_id();
  if (pid.empty()) return absl::OkStatus();  // an act outside Concordia
  if (!domain::IsValidId(pid) || !domain::IsValidId(accord_id)) {
    return absl::DataLossError(absl::StrCat(
        "an accord's approval names the invalid deliberation '", pid,
        "' or accord '", accord_id, "'"));
  }
  const std::string key = keys::Deliberation(cid, pid);
  absl::StatusOr<std::optional<v1::DeliberationView>> view =
      Load<v1::DeliberationView>(writer, key);
  if (!view.ok()) return view.status();
  if (!view->has_value()) {
    return absl::DataLossError(absl::StrCat("accord ", accord_id,
                                            " is approved by deliberation ",
                                            pid, ", which was never drafted"));
  }
  v1::AccordApprovalLink* link = (*view)->add_approves_accords();
  link->set_accord_id(accord_id);
  link->set_instrument(instrument);
  link->set_party_id(party_id);
  link->set_approval_act(party_id.empty());
  Store(writer, key, **view);
  return absl::OkStatus();
}

absl::Status DeliberationsProjection::ApplySession(
    const std::string& cid, const google::protobuf::Message& event,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> sid = IdField(event, "session_id");
  if (!sid.ok()) return sid.status();
  // Where the proposals are placed; what became of them there is the
  // sessions read model's (ComposeDeliberation).
  std::vector<v1::AgendaItem> items;
  google::protobuf::Timestamp session_time;
  if (const auto* e = dynamic_cast<const v1::SessionConvened*>(&event)) {
    items.assign(e->items().begin(), e->items().end());
    session_time = e->session_time();
    if (!items.empty()) {
      // Kept for items added later.
      v1::SessionIndex index;
      index.set_body_id(e->body_id());
      *index.mutable_session_time() = e->session_time();
      Store(writer, keys::PrivateSession(cid, *sid), index);
    }
  } else if (const auto* e = dynamic_cast<const v1::AgendaItemAdded*>(&event)) {
    items.push_back(e->item());
    absl::StatusOr<std::optional<v1::SessionIndex>> index =
        Load<v1::SessionIndex>(writer, keys::PrivateSession(cid, *sid));
    if (!index.ok()) return index.status();
    if (!index->has_value()) {
      v1::SessionIndex fresh;  // convened without items
      Store(writer, keys::PrivateSession(cid, *sid), fresh);
      index->emplace(fresh);
    }
    session_time = (*index)->session_time();
  }
  for (const v1::AgendaItem& item : items) {
    if (item.proposal_id().empty()) continue;
    if (!domain::IsValidId(item.proposal_id())) {
      return absl::DataLossError(absl::StrCat(
          "an agenda item names the invalid proposal '", item.proposal_id(),
          "'"));
    }
    const std::string key = keys::Deliberation(cid, item.proposal_id());
    absl::StatusOr<std::optional<v1::DeliberationView>> view =
        Load<v1::DeliberationView>(writer, key);
    if (!view.ok()) return view.status();
    if (!view->has_value()) {
      return absl::DataLossError(absl::StrCat(
          "session ", *sid, " names proposal ", item.proposal_id(),
          ", which was never drafted"));
    }
    v1::AgendaPlacement* p = (*view)->add_placements();
    p->set_session_id(*sid);
    p->set_item(item.number());
    *p->mutable_session_time() = session_time;
    Store(writer, key, **view);
  }
  return absl::OkStatus();
}

absl::Status ComposeDeliberation(const projection::ReadView& sessions,
                                 uint64_t position, v1::DeliberationView* d) {
  const std::string& cid = d->proposal().consortium_id();
  d->clear_proclamation();
  for (v1::AgendaPlacement& p : *d->mutable_placements()) {
    const std::string item_key =
        keys::SessionItem(cid, p.session_id(), p.item());
    CONCORDIA_ASSIGN_OR_RETURN(std::optional<projection::EntityVersion> item,
                               sessions.Get(item_key, position));
    if (!item.has_value()) {
      return absl::DataLossError(absl::StrCat(
          "deliberation ", d->proposal().proposal_id(), " is placed on item ",
          p.item(), " of session ", p.session_id(), ", which the sessions "
          "read model does not know at position ", position));
    }
    v1::SessionItemView v;
    CONCORDIA_RETURN_IF_ERROR(ParseEntity(item_key, item->value, &v));
    p.set_status(v.status());
    if (v.status() == v1::ITEM_STATUS_PROCLAIMED) {
      *d->mutable_proclamation() = v.proclamation();
    } else if (v.status() == v1::ITEM_STATUS_OPEN) {
      const std::string session_key = keys::Session(cid, p.session_id());
      CONCORDIA_ASSIGN_OR_RETURN(std::optional<projection::EntityVersion> s,
                                 sessions.Get(session_key, position));
      v1::SessionView session;
      if (s.has_value()) {
        CONCORDIA_RETURN_IF_ERROR(ParseEntity(session_key, s->value, &session));
      }
      if (session.closed()) p.set_status(v1::ITEM_STATUS_NOT_DECIDED);
    }
  }
  d->set_stage(StageOf(*d));
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
