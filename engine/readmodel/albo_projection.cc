#include "engine/readmodel/albo_projection.h"

#include "concordia/v1/deliberation_events.pb.h"
#include "concordia/v1/read_model_state.pb.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {
namespace {

using domain::DayOf;

// Raises the consortium's longest window to cover `entry`.
absl::Status CoverWindow(projection::EntityWriter& w, const std::string& cid,
                         const v1::AlboEntryView& entry) {
  const int days = static_cast<int>(DayOf(entry.last_day()) -
                                    DayOf(entry.first_day())) +
                   1;
  const std::string key = keys::AlboBounds(cid);
  absl::StatusOr<std::optional<std::string>> bytes = w.Get(key);
  if (!bytes.ok()) return bytes.status();
  v1::AlboBounds bounds;
  if (bytes->has_value()) {
    CONCORDIA_RETURN_IF_ERROR(ParseEntity(key, **bytes, &bounds));
  }
  if (days > bounds.longest_window_days()) {
    bounds.set_longest_window_days(days);
    w.Put(key, Serialize(bounds));
  }
  return absl::OkStatus();
}

}  // namespace

AlboProjection::AlboProjection()
    : ReadModelProjection(kAlbo, kVersion,
                          {TypeName<v1::DeliberationPublished>(),
                           TypeName<v1::PublicationInterrupted>()}) {}

absl::Status AlboProjection::ApplyEvent(const google::protobuf::Message& event,
                                        const log::Record&,
                                        projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<std::string> pid = IdField(event, "proposal_id");
  if (!pid.ok()) return pid.status();
  if (const auto* e = dynamic_cast<const v1::DeliberationPublished*>(&event)) {
    v1::AlboEntryView entry;
    entry.set_consortium_id(*cid);
    entry.set_proposal_id(*pid);
    *entry.mutable_first_day() = e->first_day();
    *entry.mutable_last_day() = e->last_day();
    *entry.mutable_executive_on() = e->executive_on();
    Store(writer, keys::Albo(*cid, DayOf(e->last_day()), *pid), entry);
    return CoverWindow(writer, *cid, entry);
  }
  const auto* e = dynamic_cast<const v1::PublicationInterrupted*>(&event);
  if (e == nullptr) return absl::OkStatus();
  // The window grew by `days`: the entry moves from its old last day.
  const absl::CivilDay last = DayOf(e->last_day());
  const std::string old_key = keys::Albo(*cid, last - e->days(), *pid);
  absl::StatusOr<std::optional<v1::AlboEntryView>> entry =
      Load<v1::AlboEntryView>(writer, old_key);
  if (!entry.ok()) return entry.status();
  if (!entry->has_value()) {
    return absl::DataLossError(absl::StrCat(
        "an interruption of ", *pid, " names no publication ending ",
        absl::FormatCivilTime(last - e->days())));
  }
  writer.Delete(old_key);
  *(*entry)->mutable_last_day() = e->last_day();
  *(*entry)->add_interruptions() = *e;
  Store(writer, keys::Albo(*cid, last, *pid), **entry);
  return CoverWindow(writer, *cid, **entry);
}

absl::Status ComposeAlboEntry(const projection::ReadView& deliberations,
                              uint64_t position, v1::AlboEntryView* entry) {
  const std::string key =
      keys::Deliberation(entry->consortium_id(), entry->proposal_id());
  CONCORDIA_ASSIGN_OR_RETURN(std::optional<projection::EntityVersion> found,
                             deliberations.Get(key, position));
  if (!found.has_value()) {
    return absl::DataLossError(absl::StrCat(
        "albo entry names ", entry->proposal_id(), ", which the "
        "deliberations read model does not know at position ", position));
  }
  v1::DeliberationView d;
  CONCORDIA_RETURN_IF_ERROR(ParseEntity(key, found->value, &d));
  entry->set_body_id(d.proposal().body_id());
  entry->set_title(d.proposal().title());
  entry->set_number(d.adoption().number());
  entry->set_year(d.adoption().year());
  if (d.has_withdrawal()) {
    *entry->mutable_withdrawal() = d.withdrawal();
  } else {
    entry->clear_withdrawal();
  }
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
