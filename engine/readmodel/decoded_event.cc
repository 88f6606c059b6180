#include "engine/readmodel/decoded_event.h"

#include <memory>

#include "engine/domain/core/event_envelope.h"

namespace concordia::readmodel {
namespace {

struct LastDecoded {
  uint64_t position = 0;
  Sha256Digest hash{};
  std::unique_ptr<google::protobuf::Message> event;
};

}  // namespace

absl::StatusOr<const google::protobuf::Message*> DecodedEvent(
    const log::Record& record) {
  thread_local LastDecoded last;
  if (last.event != nullptr && last.position == record.position &&
      last.hash == record.hash) {
    return last.event.get();
  }
  last.event.reset();
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> e =
      domain::UnpackEvent(record);
  if (!e.ok()) return e.status();
  last.position = record.position;
  last.hash = record.hash;
  last.event = *std::move(e);
  return last.event.get();
}

}  // namespace concordia::readmodel
