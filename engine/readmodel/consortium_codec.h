// Between the Consortium aggregate's folded state (engine/domain/consortium)
// and the protos the read models store, so read models fold consortium
// events with the domain's own ApplyConsortiumEvent and answer "in force on
// D" with the domain's own StatuteAt, SharesAt, IsMemberOn and VotersOf.
//
// Round trips are exact: FromSnapshot(ToSnapshot(s)) equals s field by field.
//
// Thread-safety: pure functions.
//
// Example:
//   ConsortiumState s = FromSnapshot(snapshot);
//   CONCORDIA_RETURN_IF_ERROR(ApplyConsortiumEvent(s, event, record));
//   snapshot = ToSnapshot(s);
#ifndef CONCORDIA_ENGINE_READMODEL_CONSORTIUM_CODEC_H_
#define CONCORDIA_ENGINE_READMODEL_CONSORTIUM_CODEC_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "concordia/v1/read_model_state.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/projection/projection.h"

namespace concordia::readmodel {

using domain::consortium::ConsortiumState;

ConsortiumState FromSnapshot(const v1::ConsortiumSnapshot& snapshot);
v1::ConsortiumSnapshot ToSnapshot(const ConsortiumState& state);

// The registry's part of the state (profile, statutes, members, shares) as
// the registry view holds it; bodies and designations stay empty.
ConsortiumState FromRegistryView(const v1::ConsortiumView& view);

// Member, share table and designation in both directions.
v1::MemberRecord ToMemberRecord(const domain::consortium::Member& m);
domain::consortium::Member FromMemberRecord(const v1::MemberRecord& r);
v1::ShareTable ToShareTable(absl::CivilDay from,
                            const std::map<std::string, int32_t>& shares);
std::map<std::string, int32_t> FromShares(
    const google::protobuf::RepeatedPtrField<v1::MemberShare>& shares);
v1::DesignationRecord ToDesignationRecord(
    const domain::consortium::Designation& d);
domain::consortium::Designation FromDesignationRecord(
    const v1::DesignationRecord& r);

// The private snapshot of each consortium a read model keeps at
// keys::PrivateConsortium(cid), folded with ApplyConsortiumEvent, with the
// folded states cached in memory: a state is reused only while the stored
// bytes are exactly those it was made from (compared on every use), so a
// batch that failed, a restart or another writer can never leave it stale.
//
// Thread-safety: as the projection that owns it (one thread at a time).
class ConsortiumSnapshots {
 public:
  // The folded state of `cid` as `writer` sees it (empty when absent). Valid
  // until the next call.
  absl::StatusOr<const ConsortiumState*> Load(projection::EntityWriter& writer,
                                              absl::string_view cid);
  // Folds `event` into the state of `cid`, stores the snapshot and returns
  // the state (valid until the next call).
  absl::StatusOr<const ConsortiumState*> Fold(
      projection::EntityWriter& writer, absl::string_view cid,
      const google::protobuf::Message& event, const log::Record& record);

 private:
  struct Entry {
    std::string bytes;  // the stored snapshot the state was folded from
    ConsortiumState state;
  };
  absl::StatusOr<Entry*> Find(projection::EntityWriter& writer,
                              absl::string_view cid);
  static constexpr size_t kMaxEntries = 4096;
  std::map<std::string, Entry, std::less<>> cache_;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_CONSORTIUM_CODEC_H_
