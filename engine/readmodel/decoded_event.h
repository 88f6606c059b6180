// The domain event of a log record, decoded once however many read models
// look at it.
//
// The projection runner applies each record to every projection of an apply
// group in turn, on one thread (engine/projection/projection_runner.h), so
// a one-entry cache per thread, keyed by the record's position and hash,
// lets the second and later read models of the group reuse the first one's
// decoding.
//
// Thread-safety: thread-safe; the cache is per thread. The returned message
// stays valid until the same thread decodes another record.
//
// Example:
//   CONCORDIA_ASSIGN_OR_RETURN(const google::protobuf::Message* e,
//                              DecodedEvent(record));
//   if (const auto* vote = dynamic_cast<const v1::VoteCast*>(e)) { ... }
#ifndef CONCORDIA_ENGINE_READMODEL_DECODED_EVENT_H_
#define CONCORDIA_ENGINE_READMODEL_DECODED_EVENT_H_

#include "absl/status/statusor.h"
#include "engine/log/types.h"
#include "google/protobuf/message.h"

namespace concordia::readmodel {

// The record's event (upcast to its current schema), as UnpackEvent
// (engine/domain/core/event_envelope.h) decodes it; its errors too.
absl::StatusOr<const google::protobuf::Message*> DecodedEvent(
    const log::Record& record);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_DECODED_EVENT_H_
