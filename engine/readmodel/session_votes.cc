#include "engine/readmodel/session_votes.h"

#include "concordia/v1/session_events.pb.h"
#include "engine/domain/core/event_envelope.h"
#include "engine/domain/session/session.h"

namespace concordia::readmodel {

absl::Status VisitSessionStream(
    log::EventLog& log, absl::string_view cid, absl::string_view session,
    uint64_t upto, uint64_t from_version,
    const std::function<bool(const log::Record&)>& visit) {
  const std::string stream = domain::session::SessionStream(cid, session);
  constexpr size_t kChunk = 512;
  for (uint64_t version = std::max<uint64_t>(from_version, 1);;) {
    absl::StatusOr<std::vector<log::Record>> records =
        log.ReadStream(stream, version, kChunk);
    if (!records.ok()) return records.status();
    for (const log::Record& r : *records) {
      if (r.position > upto || !visit(r)) return absl::OkStatus();
    }
    if (records->size() < kChunk) return absl::OkStatus();
    version = records->back().stream_version + 1;
  }
}

absl::StatusOr<std::set<int>> VotedItems(log::EventLog& log,
                                         absl::string_view cid,
                                         absl::string_view session,
                                         absl::string_view member,
                                         uint64_t upto) {
  static const std::string kVote = v1::VoteCast::descriptor()->full_name();
  std::set<int> out;
  absl::Status failed;
  absl::Status s = VisitSessionStream(
      log, cid, session, upto, 1, [&](const log::Record& r) {
        if (r.type != kVote) return true;
        absl::StatusOr<std::unique_ptr<google::protobuf::Message>> e =
            domain::UnpackEvent(r);
        if (!e.ok()) {
          failed = e.status();
          return false;
        }
        const auto* v = dynamic_cast<const v1::VoteCast*>(e->get());
        if (v != nullptr && v->member_id() == member &&
            v->ballot() != v1::BALLOT_IMMEDIATE_EXECUTABILITY) {
          out.insert(v->item());
        }
        return true;
      });
  if (!s.ok()) return s;
  if (!failed.ok()) return failed;
  return out;
}

}  // namespace concordia::readmodel
