#include "engine/readmodel/accords_projection.h"

#include "concordia/v1/accord_events.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {

AccordsProjection::AccordsProjection()
    : ReadModelProjection(
          kAccords, kVersion,
          {TypeName<v1::AccordDrafted>(),
           TypeName<v1::AccordInstrumentProposed>(),
           TypeName<v1::AccordPartyApproved>(), TypeName<v1::AccordSigned>(),
           TypeName<v1::AccordInstrumentConcluded>(),
           TypeName<v1::AccordApprovalActRecorded>(),
           TypeName<v1::AccordPublished>(), TypeName<v1::AccordInForce>(),
           TypeName<v1::AccordAmended>(), TypeName<v1::AccordRenewed>(),
           TypeName<v1::AccordNonRenewalNotified>(),
           TypeName<v1::AccordWithdrawalNotified>(),
           TypeName<v1::AccordPartyWithdrawn>(),
           TypeName<v1::AccordAdherentJoined>(), TypeName<v1::AccordExpired>(),
           TypeName<v1::AccordDissolved>()}) {}

absl::Status AccordsProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record& record,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<std::string> aid = IdField(event, "accord_id");
  if (!aid.ok()) return aid.status();
  const std::string key = keys::Accord(*cid, *aid);
  absl::StatusOr<std::optional<std::string>> bytes = writer.Get(key);
  if (!bytes.ok()) return bytes.status();
  const bool drafted = dynamic_cast<const v1::AccordDrafted*>(&event) != nullptr;
  if (!bytes->has_value() && !drafted) {
    return absl::DataLossError(absl::StrCat("accord ", *aid, " of ", *cid,
                                            " has events before its draft"));
  }
  const std::string stored = bytes->value_or("");
  auto it = cache_.find(key);
  if (it == cache_.end() || it->second.bytes != stored) {
    if (cache_.size() >= 4096) cache_.clear();
    Cached fresh;
    fresh.bytes = stored;
    if (!stored.empty()) {
      v1::AccordView view;
      if (absl::Status s = ParseEntity(key, stored, &view); !s.ok()) return s;
      fresh.state = AccordStateOf(view);
    }
    it = cache_.insert_or_assign(key, std::move(fresh)).first;
  }
  Cached& cached = it->second;
  // Until stored below, the cache no longer matches the store.
  cached.bytes.assign(1, '\xff');
  if (absl::Status s = domain::accord::ApplyAccordEvent(cached.state, event,
                                                        record);
      !s.ok()) {
    return s;
  }
  std::string next = Serialize(AccordViewOf(cached.state));
  if (next != stored) writer.Put(key, next);
  cached.bytes = std::move(next);
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
