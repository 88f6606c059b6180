#include "engine/readmodel/register_projection.h"

#include "concordia/v1/deliberation_events.pb.h"
#include "engine/common/status_macros.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {

RegisterProjection::RegisterProjection()
    : ReadModelProjection(kRegister, kVersion,
                          {TypeName<v1::DeliberationNumberAssigned>()}) {}

absl::Status RegisterProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record&,
    projection::EntityWriter& writer) {
  const auto* e = dynamic_cast<const v1::DeliberationNumberAssigned*>(&event);
  if (e == nullptr) return absl::OkStatus();
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<std::string> pid = IdField(event, "proposal_id");
  if (!pid.ok()) return pid.status();
  absl::StatusOr<std::string> body = IdField(event, "body_id");
  if (!body.ok()) return body.status();
  if (e->number() < 1 || e->number() > 999999 || e->year() < 1 ||
      e->year() > 9999) {
    return absl::DataLossError("a register number or year out of range");
  }
  v1::RegisterEntryView entry;
  entry.set_consortium_id(*cid);
  entry.set_body_id(*body);
  entry.set_year(e->year());
  entry.set_number(e->number());
  entry.set_proposal_id(*pid);
  Store(writer, keys::RegisterEntry(*cid, *body, e->year(), e->number()),
        entry);
  return absl::OkStatus();
}

absl::Status ComposeRegisterEntry(const projection::ReadView& deliberations,
                                  uint64_t position,
                                  v1::RegisterEntryView* entry) {
  const std::string key =
      keys::Deliberation(entry->consortium_id(), entry->proposal_id());
  CONCORDIA_ASSIGN_OR_RETURN(std::optional<projection::EntityVersion> found,
                             deliberations.Get(key, position));
  if (!found.has_value()) {
    return absl::DataLossError(absl::StrCat(
        "register entry ", entry->number(), "/", entry->year(), " names ",
        entry->proposal_id(), ", which the deliberations read model does not "
        "know at position ", position));
  }
  v1::DeliberationView d;
  CONCORDIA_RETURN_IF_ERROR(ParseEntity(key, found->value, &d));
  entry->set_title(d.proposal().title());
  entry->set_act_kind(d.proposal().act_kind());
  entry->clear_adoption();
  entry->clear_publication();
  entry->clear_executive_on();
  entry->clear_withdrawal();
  if (d.has_adoption() && d.adoption().number() == entry->number() &&
      d.adoption().year() == entry->year()) {
    *entry->mutable_adoption() = d.adoption();
    if (d.has_publication()) *entry->mutable_publication() = d.publication();
    if (d.has_executive_on()) *entry->mutable_executive_on() = d.executive_on();
    if (d.has_withdrawal()) *entry->mutable_withdrawal() = d.withdrawal();
  }
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
