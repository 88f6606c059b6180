#include "engine/readmodel/sessions_projection.h"

#include <algorithm>

#include "concordia/v1/session_events.pb.h"
#include "engine/common/status_macros.h"
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

v1::SessionItemView NewItem(const v1::AgendaItem& item,
                            const google::protobuf::Timestamp& notice,
                            bool added_later) {
  v1::SessionItemView v;
  *v.mutable_item() = item;
  v.set_added_later(added_later);
  *v.mutable_notice_delivered() = notice;
  v.set_status(v1::ITEM_STATUS_OPEN);
  return v;
}

}  // namespace

SessionsProjection::SessionsProjection()
    : ReadModelProjection(
          kSessions, kVersion,
          {TypeName<v1::SessionConvened>(), TypeName<v1::AgendaItemAdded>(),
           TypeName<v1::AttendanceRecorded>(),
           TypeName<v1::DelegateAppointed>(), TypeName<v1::ConflictDeclared>(),
           TypeName<v1::ItemProclaimed>(), TypeName<v1::ItemDeferred>(),
           TypeName<v1::SessionClosed>()}) {}

absl::Status SessionsProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record&,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<std::string> sid = IdField(event, "session_id");
  if (!sid.ok()) return sid.status();
  auto item_range = [](int n) { return n >= 1 && n <= 9999; };
  if (const auto* e = dynamic_cast<const v1::SessionConvened*>(&event)) {
    v1::SessionView view;
    *view.mutable_convocation() = *e;
    for (const v1::AgendaItem& item : e->items()) {
      if (!item_range(item.number())) {
        return absl::DataLossError("an agenda item numbered out of range");
      }
      Store(writer, keys::SessionItem(*cid, *sid, item.number()),
            NewItem(item, e->notice_delivered(), false));
    }
    Store(writer, keys::Session(*cid, *sid), view);
    return absl::OkStatus();
  }
  if (const auto* e = dynamic_cast<const v1::AgendaItemAdded*>(&event)) {
    if (!item_range(e->item().number())) {
      return absl::DataLossError("an agenda item numbered out of range");
    }
    Store(writer, keys::SessionItem(*cid, *sid, e->item().number()),
          NewItem(e->item(), e->notice_delivered(), true));
    return absl::OkStatus();
  }
  // An item's own events change the item alone.
  int item_number = 0;
  if (const auto* e = dynamic_cast<const v1::ConflictDeclared*>(&event)) {
    item_number = e->item();
  } else if (const auto* e = dynamic_cast<const v1::ItemProclaimed*>(&event)) {
    item_number = e->item();
  } else if (const auto* e = dynamic_cast<const v1::ItemDeferred*>(&event)) {
    item_number = e->item();
  }
  if (item_number != 0) {
    const std::string key = keys::SessionItem(*cid, *sid, item_number);
    CONCORDIA_ASSIGN_OR_RETURN(std::optional<v1::SessionItemView> item,
                               Load<v1::SessionItemView>(writer, key));
    if (!item.has_value()) {
      return absl::DataLossError(absl::StrCat("session ", *sid, " has no item ",
                                              item_number));
    }
    if (const auto* e = dynamic_cast<const v1::ConflictDeclared*>(&event)) {
      InsertSorted(item->mutable_conflicted_member_ids(), e->member_id());
    } else if (const auto* e =
                   dynamic_cast<const v1::ItemProclaimed*>(&event)) {
      item->set_status(v1::ITEM_STATUS_PROCLAIMED);
      *item->mutable_proclamation() = *e;
    } else if (const auto* e = dynamic_cast<const v1::ItemDeferred*>(&event)) {
      item->set_status(v1::ITEM_STATUS_DEFERRED);
      item->set_deferral_reason(e->reason());
    }
    Store(writer, key, *item);
    return absl::OkStatus();
  }
  const std::string key = keys::Session(*cid, *sid);
  CONCORDIA_ASSIGN_OR_RETURN(std::optional<v1::SessionView> loaded,
                             Load<v1::SessionView>(writer, key));
  if (!loaded.has_value()) {
    return absl::DataLossError(absl::StrCat("session ", *sid, " of ", *cid,
                                            " has events before its "
                                            "convocation"));
  }
  v1::SessionView& view = *loaded;
  if (const auto* e = dynamic_cast<const v1::AttendanceRecorded*>(&event)) {
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
  } else if (dynamic_cast<const v1::SessionClosed*>(&event) != nullptr) {
    view.set_closed(true);
  }
  Store(writer, key, view);
  return absl::OkStatus();
}

absl::Status ComposeSession(const projection::ReadView& view, uint64_t position,
                            v1::SessionView* session) {
  const std::string prefix = keys::SessionItemPrefix(
      session->convocation().consortium_id(),
      session->convocation().session_id());
  session->clear_items();
  std::string after;
  while (true) {
    CONCORDIA_ASSIGN_OR_RETURN(std::vector<projection::EntityVersion> items,
                               view.Scan(prefix, position, after, 64));
    for (const projection::EntityVersion& e : items) {
      v1::SessionItemView* item = session->add_items();
      CONCORDIA_RETURN_IF_ERROR(ParseEntity(e.key, e.value, item));
      if (session->closed() && item->status() == v1::ITEM_STATUS_OPEN) {
        item->set_status(v1::ITEM_STATUS_NOT_DECIDED);
      }
      after = e.key;
    }
    if (items.size() < 64) return absl::OkStatus();
  }
}

}  // namespace concordia::readmodel
