#include "engine/readmodel/albo_projection.h"

#include <functional>

#include "concordia/v1/deliberation_events.pb.h"
#include "concordia/v1/read_model_state.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {
namespace {

using domain::DayOf;

// Raises the consortium's longest window to cover `entry`.
absl::Status CoverWindow(projection::EntityWriter& w, const std::string& cid,
                         const v1::AlboEntryView& entry,
                         const std::function<absl::StatusOr<v1::AlboBounds>()>&
                             load) {
  const int days = static_cast<int>(DayOf(entry.last_day()) -
                                    DayOf(entry.first_day())) +
                   1;
  absl::StatusOr<v1::AlboBounds> bounds = load();
  if (!bounds.ok()) return bounds.status();
  if (days > bounds->longest_window_days()) {
    bounds->set_longest_window_days(days);
    w.Put(keys::AlboBounds(cid), Serialize(*bounds));
  }
  return absl::OkStatus();
}

}  // namespace

AlboProjection::AlboProjection()
    : ReadModelProjection(kAlbo, kVersion,
                          {TypeName<v1::ProposalDrafted>(),
                           TypeName<v1::DeliberationAdopted>(),
                           TypeName<v1::DeliberationPublished>(),
                           TypeName<v1::PublicationInterrupted>(),
                           TypeName<v1::DeliberationWithdrawn>()}) {}

absl::Status AlboProjection::ApplyEvent(const google::protobuf::Message& event,
                                        const log::Record&,
                                        projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<std::string> pid = IdField(event, "proposal_id");
  if (!pid.ok()) return pid.status();
  const std::string index_key = keys::ProposalIndex(*cid, *pid);
  absl::StatusOr<v1::ProposalIndex> index =
      LoadOrEmpty<v1::ProposalIndex>(writer, index_key);
  if (!index.ok()) return index.status();
  auto load_bounds = [&] {
    return LoadOrEmpty<v1::AlboBounds>(writer, keys::AlboBounds(*cid));
  };
  if (const auto* e = dynamic_cast<const v1::ProposalDrafted*>(&event)) {
    *index->mutable_proposal() = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::DeliberationAdopted*>(&event)) {
    *index->mutable_adoption() = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::DeliberationPublished*>(&event)) {
    v1::AlboEntryView entry;
    entry.set_consortium_id(*cid);
    entry.set_proposal_id(*pid);
    entry.set_body_id(index->proposal().body_id());
    entry.set_number(index->adoption().number());
    entry.set_year(index->adoption().year());
    entry.set_title(index->proposal().title());
    *entry.mutable_first_day() = e->first_day();
    *entry.mutable_last_day() = e->last_day();
    *entry.mutable_executive_on() = e->executive_on();
    index->set_entry_key(keys::Albo(*cid, DayOf(e->last_day()), *pid));
    Store(writer, index->entry_key(), entry);
    if (absl::Status s = CoverWindow(writer, *cid, entry, load_bounds);
        !s.ok()) {
      return s;
    }
  } else {
    if (index->entry_key().empty()) return absl::OkStatus();  // unpublished
    absl::StatusOr<std::optional<v1::AlboEntryView>> entry =
        Load<v1::AlboEntryView>(writer, index->entry_key());
    if (!entry.ok()) return entry.status();
    if (!entry->has_value()) {
      return absl::DataLossError(
          absl::StrCat("albo entry ", index->entry_key(), " is missing"));
    }
    v1::AlboEntryView& a = **entry;
    if (const auto* e =
            dynamic_cast<const v1::PublicationInterrupted*>(&event)) {
      // The window grows: the entry moves to its new last day.
      writer.Delete(index->entry_key());
      *a.mutable_last_day() = e->last_day();
      *a.add_interruptions() = *e;
      index->set_entry_key(keys::Albo(*cid, DayOf(e->last_day()), *pid));
      if (absl::Status s = CoverWindow(writer, *cid, a, load_bounds); !s.ok()) {
        return s;
      }
    } else if (const auto* e =
                   dynamic_cast<const v1::DeliberationWithdrawn*>(&event)) {
      *a.mutable_withdrawal() = *e;
      Store(writer, index->entry_key(), a);
      return absl::OkStatus();  // the index is unchanged
    }
    Store(writer, index->entry_key(), a);
  }
  Store(writer, index_key, *index);
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
