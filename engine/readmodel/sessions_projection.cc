#include "engine/readmodel/sessions_projection.h"

#include <algorithm>

#include "concordia/v1/session_events.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {
namespace {

using google::protobuf::RepeatedPtrField;

// Inserts `value` into a sorted repeated field unless present.
void InsertSorted(RepeatedPtrField<std::string>* field,
                  const std::string& value) {
  auto it = std::lower_bound(field->begin(), field->end(), value);
  if (it != field->end() && *it == value) return;
  const int index = static_cast<int>(it - field->begin());
  field->Add(std::string(value));
  for (int i = field->size() - 1; i > index; --i) field->SwapElements(i, i - 1);
}

v1::SessionItemView* FindItem(v1::SessionView& view, int number) {
  for (v1::SessionItemView& i : *view.mutable_items()) {
    if (i.item().number() == number) return &i;
  }
  return nullptr;
}

void AddItem(v1::SessionView& view, const v1::AgendaItem& item,
             const google::protobuf::Timestamp& notice, bool added_later) {
  v1::SessionItemView fresh;
  *fresh.mutable_item() = item;
  fresh.set_added_later(added_later);
  *fresh.mutable_notice_delivered() = notice;
  fresh.set_status(v1::ITEM_STATUS_OPEN);
  auto* items = view.mutable_items();
  items->Add(std::move(fresh));
  // Keep the items by number.
  for (int i = items->size() - 1;
       i > 0 && items->Get(i).item().number() < items->Get(i - 1).item().number();
       --i) {
    items->SwapElements(i, i - 1);
  }
}

}  // namespace

SessionsProjection::SessionsProjection()
    : ReadModelProjection(
          kSessions, kVersion,
          {TypeName<v1::SessionConvened>(), TypeName<v1::AgendaItemAdded>(),
           TypeName<v1::AttendanceRecorded>(),
           TypeName<v1::DelegateAppointed>(), TypeName<v1::ConflictDeclared>(),
           TypeName<v1::ItemProclaimed>(),
           TypeName<v1::ItemDeferred>(), TypeName<v1::SessionClosed>()}) {}

absl::Status SessionsProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record&,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<std::string> sid = IdField(event, "session_id");
  if (!sid.ok()) return sid.status();
  const std::string key = keys::Session(*cid, *sid);
  v1::SessionView view;
  if (const auto* e = dynamic_cast<const v1::SessionConvened*>(&event)) {
    *view.mutable_convocation() = *e;
    for (const v1::AgendaItem& item : e->items()) {
      AddItem(view, item, e->notice_delivered(), false);
    }
    Store(writer, key, view);
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<v1::SessionView>> loaded =
      Load<v1::SessionView>(writer, key);
  if (!loaded.ok()) return loaded.status();
  if (!loaded->has_value()) {
    return absl::DataLossError(absl::StrCat("session ", *sid, " of ", *cid,
                                            " has events before its "
                                            "convocation"));
  }
  view = **std::move(loaded);
  if (const auto* e = dynamic_cast<const v1::AgendaItemAdded*>(&event)) {
    AddItem(view, e->item(), e->notice_delivered(), true);
  } else if (const auto* e =
                 dynamic_cast<const v1::AttendanceRecorded*>(&event)) {
    std::vector<std::string> present(e->present_member_ids().begin(),
                                     e->present_member_ids().end());
    std::sort(present.begin(), present.end());
    view.mutable_present_member_ids()->Assign(present.begin(), present.end());
    *view.mutable_attendees() = e->attendees();
    for (const std::string& m : present) {
      InsertSorted(view.mutable_attended_member_ids(), m);
    }
  } else if (const auto* e = dynamic_cast<const v1::DelegateAppointed*>(&event)) {
    auto* delegates = view.mutable_delegates();
    bool found = false;
    for (v1::SessionDelegate& d : *delegates) {
      if (d.member_id() == e->member_id()) {
        d.set_person(e->person());
        found = true;
      }
    }
    if (!found) {
      v1::SessionDelegate* d = delegates->Add();
      d->set_member_id(e->member_id());
      d->set_person(e->person());
      for (int i = delegates->size() - 1;
           i > 0 && delegates->Get(i).member_id() <
                        delegates->Get(i - 1).member_id();
           --i) {
        delegates->SwapElements(i, i - 1);
      }
    }
  } else if (const auto* e = dynamic_cast<const v1::ConflictDeclared*>(&event)) {
    if (v1::SessionItemView* item = FindItem(view, e->item())) {
      InsertSorted(item->mutable_conflicted_member_ids(), e->member_id());
    }
  } else if (const auto* e = dynamic_cast<const v1::ItemProclaimed*>(&event)) {
    if (v1::SessionItemView* item = FindItem(view, e->item())) {
      item->set_status(v1::ITEM_STATUS_PROCLAIMED);
      *item->mutable_proclamation() = *e;
    }
  } else if (const auto* e = dynamic_cast<const v1::ItemDeferred*>(&event)) {
    if (v1::SessionItemView* item = FindItem(view, e->item())) {
      item->set_status(v1::ITEM_STATUS_DEFERRED);
      item->set_deferral_reason(e->reason());
    }
  } else if (dynamic_cast<const v1::SessionClosed*>(&event) != nullptr) {
    view.set_closed(true);
    for (v1::SessionItemView& item : *view.mutable_items()) {
      if (item.status() == v1::ITEM_STATUS_OPEN) {
        item.set_status(v1::ITEM_STATUS_NOT_DECIDED);
      }
    }
  }
  Store(writer, key, view);
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
