#include "engine/readmodel/register_projection.h"

#include "concordia/v1/deliberation_events.pb.h"
#include "concordia/v1/read_model_state.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {

RegisterProjection::RegisterProjection()
    : ReadModelProjection(kRegister, kVersion,
                          {TypeName<v1::ProposalDrafted>(),
                           TypeName<v1::DeliberationNumberAssigned>(),
                           TypeName<v1::DeliberationAdopted>(),
                           TypeName<v1::DeliberationPublished>(),
                           TypeName<v1::PublicationInterrupted>(),
                           TypeName<v1::DeliberationExecutive>(),
                           TypeName<v1::DeliberationWithdrawn>()}) {}

absl::Status RegisterProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record&,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<std::string> pid = IdField(event, "proposal_id");
  if (!pid.ok()) return pid.status();
  const std::string index_key = keys::ProposalIndex(*cid, *pid);
  absl::StatusOr<v1::ProposalIndex> index =
      LoadOrEmpty<v1::ProposalIndex>(writer, index_key);
  if (!index.ok()) return index.status();
  if (const auto* e = dynamic_cast<const v1::ProposalDrafted*>(&event)) {
    *index->mutable_proposal() = *e;
    Store(writer, index_key, *index);
    return absl::OkStatus();
  }
  if (const auto* e =
          dynamic_cast<const v1::DeliberationNumberAssigned*>(&event)) {
    absl::StatusOr<std::string> body = IdField(event, "body_id");
    if (!body.ok()) return body.status();
    if (e->number() < 1 || e->year() < 1) {
      return absl::DataLossError("a register number or year below 1");
    }
    v1::RegisterEntryView entry;
    entry.set_consortium_id(*cid);
    entry.set_body_id(*body);
    entry.set_year(e->year());
    entry.set_number(e->number());
    entry.set_proposal_id(*pid);
    entry.set_title(index->proposal().title());
    entry.set_act_kind(index->proposal().act_kind());
    index->set_entry_key(keys::RegisterEntry(*cid, *body, e->year(), e->number()));
    Store(writer, index->entry_key(), entry);
    Store(writer, index_key, *index);
    return absl::OkStatus();
  }
  if (index->entry_key().empty()) return absl::OkStatus();  // not numbered
  absl::StatusOr<std::optional<v1::RegisterEntryView>> entry =
      Load<v1::RegisterEntryView>(writer, index->entry_key());
  if (!entry.ok()) return entry.status();
  if (!entry->has_value()) {
    return absl::DataLossError(
        absl::StrCat("register entry ", index->entry_key(), " is missing"));
  }
  v1::RegisterEntryView& e = **entry;
  if (const auto* a = dynamic_cast<const v1::DeliberationAdopted*>(&event)) {
    *e.mutable_adoption() = *a;
  } else if (const auto* p =
                 dynamic_cast<const v1::DeliberationPublished*>(&event)) {
    *e.mutable_publication() = *p;
  } else if (const auto* i =
                 dynamic_cast<const v1::PublicationInterrupted*>(&event)) {
    *e.mutable_publication()->mutable_last_day() = i->last_day();
  } else if (const auto* x =
                 dynamic_cast<const v1::DeliberationExecutive*>(&event)) {
    *e.mutable_executive_on() = x->executive_on();
  } else if (const auto* w =
                 dynamic_cast<const v1::DeliberationWithdrawn*>(&event)) {
    *e.mutable_withdrawal() = *w;
  }
  Store(writer, index->entry_key(), e);
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
