#include "engine/readmodel/deliberations_projection.h"

#include "concordia/v1/deliberation_events.pb.h"
#include "concordia/v1/read_model_state.pb.h"
#include "concordia/v1/session_events.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/deliberation_codec.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {
namespace {

bool IsSessionEvent(const google::protobuf::Message& e) {
  return dynamic_cast<const v1::SessionConvened*>(&e) != nullptr ||
         dynamic_cast<const v1::AgendaItemAdded*>(&e) != nullptr ||
         dynamic_cast<const v1::ItemProclaimed*>(&e) != nullptr ||
         dynamic_cast<const v1::ItemDeferred*>(&e) != nullptr ||
         dynamic_cast<const v1::SessionClosed*>(&e) != nullptr;
}

v1::SessionIndexItem* FindItem(v1::SessionIndex& index, int number) {
  for (v1::SessionIndexItem& i : *index.mutable_items()) {
    if (i.item().number() == number) return &i;
  }
  return nullptr;
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
           TypeName<v1::SessionConvened>(), TypeName<v1::AgendaItemAdded>(),
           TypeName<v1::ItemProclaimed>(), TypeName<v1::ItemDeferred>(),
           TypeName<v1::SessionClosed>()}) {}

absl::Status DeliberationsProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record& record,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  if (IsSessionEvent(event)) return ApplySession(*cid, event, writer);
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
  if (const auto* e = dynamic_cast<const v1::DeliberationRejected*>(&event)) {
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
      view.set_stage(StageOf(view));
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
  view.set_stage(StageOf(view));
  Store(writer, key, view);
  return absl::OkStatus();
}

absl::Status DeliberationsProjection::ApplySession(
    const std::string& cid, const google::protobuf::Message& event,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> sid = IdField(event, "session_id");
  if (!sid.ok()) return sid.status();
  const std::string index_key = keys::PrivateSession(cid, *sid);
  absl::StatusOr<v1::SessionIndex> index =
      LoadOrEmpty<v1::SessionIndex>(writer, index_key);
  if (!index.ok()) return index.status();
  // (proposal, item, new status) to record on the deliberations.
  struct Change {
    std::string proposal_id;
    int item = 0;
    v1::ItemStatus status = v1::ITEM_STATUS_OPEN;
    bool placed = false;  // a new placement
  };
  std::vector<Change> changes;
  const v1::ItemProclaimed* proclamation = nullptr;
  auto add_item = [&](const v1::AgendaItem& item) {
    v1::SessionIndexItem* i = index->add_items();
    *i->mutable_item() = item;
    i->set_status(v1::ITEM_STATUS_OPEN);
    if (!item.proposal_id().empty()) {
      changes.push_back({item.proposal_id(), item.number(),
                         v1::ITEM_STATUS_OPEN, true});
    }
  };
  if (const auto* e = dynamic_cast<const v1::SessionConvened*>(&event)) {
    index->set_body_id(e->body_id());
    *index->mutable_session_time() = e->session_time();
    index->set_kind(e->kind());
    index->set_call(e->call());
    for (const v1::AgendaItem& item : e->items()) add_item(item);
  } else if (const auto* e = dynamic_cast<const v1::AgendaItemAdded*>(&event)) {
    add_item(e->item());
  } else if (const auto* e = dynamic_cast<const v1::ItemProclaimed*>(&event)) {
    if (v1::SessionIndexItem* i = FindItem(*index, e->item())) {
      i->set_status(v1::ITEM_STATUS_PROCLAIMED);
    }
    changes.push_back(
        {e->proposal_id(), e->item(), v1::ITEM_STATUS_PROCLAIMED, false});
    proclamation = e;
  } else if (const auto* e = dynamic_cast<const v1::ItemDeferred*>(&event)) {
    if (v1::SessionIndexItem* i = FindItem(*index, e->item())) {
      i->set_status(v1::ITEM_STATUS_DEFERRED);
      if (!i->item().proposal_id().empty()) {
        changes.push_back({i->item().proposal_id(), e->item(),
                           v1::ITEM_STATUS_DEFERRED, false});
      }
    }
  } else if (dynamic_cast<const v1::SessionClosed*>(&event) != nullptr) {
    index->set_closed(true);
    for (v1::SessionIndexItem& i : *index->mutable_items()) {
      if (i.status() != v1::ITEM_STATUS_OPEN) continue;
      i.set_status(v1::ITEM_STATUS_NOT_DECIDED);
      if (!i.item().proposal_id().empty()) {
        changes.push_back({i.item().proposal_id(), i.item().number(),
                           v1::ITEM_STATUS_NOT_DECIDED, false});
      }
    }
  }
  Store(writer, index_key, *index);
  for (const Change& c : changes) {
    if (!domain::IsValidId(c.proposal_id)) {
      return absl::DataLossError(
          absl::StrCat("an agenda item names the invalid proposal '",
                       c.proposal_id, "'"));
    }
    const std::string key = keys::Deliberation(cid, c.proposal_id);
    absl::StatusOr<std::optional<v1::DeliberationView>> view =
        Load<v1::DeliberationView>(writer, key);
    if (!view.ok()) return view.status();
    if (!view->has_value()) {
      return absl::DataLossError(absl::StrCat(
          "session ", *sid, " names proposal ", c.proposal_id,
          ", which was never drafted"));
    }
    v1::DeliberationView& v = **view;
    if (c.placed) {
      v1::AgendaPlacement* p = v.add_placements();
      p->set_session_id(*sid);
      p->set_item(c.item);
      *p->mutable_session_time() = index->session_time();
      p->set_status(v1::ITEM_STATUS_OPEN);
    } else {
      for (v1::AgendaPlacement& p : *v.mutable_placements()) {
        if (p.session_id() == *sid && p.item() == c.item) {
          p.set_status(c.status);
        }
      }
    }
    if (proclamation != nullptr) *v.mutable_proclamation() = *proclamation;
    v.set_stage(StageOf(v));
    Store(writer, key, v);
  }
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
