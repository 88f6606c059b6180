// Domain events as protobuf messages in the log: packing, unpacking and the
// deterministic event ids that make commands idempotent.
//
// An event's log type is its message's full name ("concordia.v1.VoteCast"),
// its payload the message's serialization, its schema version the type's
// current version in the upcaster registry below (1 until a schema changes). Event
// ids are derived from the command's request_id and the event's index, so a
// retried command produces the same ids and the log deduplicates it.
//
// Thread-safety: pure functions over immutable generated descriptors.
//
// Example:
//   v1::VoteCast vote = ...;
//   std::vector<log::NewEvent> events = PackEvents(context, {&vote});
//   ...
//   absl::StatusOr<std::unique_ptr<google::protobuf::Message>> e =
//       UnpackEvent(record);
//   if (auto* v = dynamic_cast<const v1::VoteCast*>(e->get())) { ... }
#ifndef CONCORDIA_ENGINE_DOMAIN_CORE_EVENT_ENVELOPE_H_
#define CONCORDIA_ENGINE_DOMAIN_CORE_EVENT_ENVELOPE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/domain/core/command.h"
#include "engine/log/types.h"
#include "google/protobuf/message.h"

namespace concordia::domain {

// The id of the `index`-th event produced by the command with `request_id`:
// the first 16 bytes of SHA-256("concordia-event-id/1" 0x00 request_id 0x00
// index as decimal).
log::EventId EventIdFor(absl::string_view request_id, size_t index);

// Packs `events` (in order) with the context's principal, times and tracing
// ids. Serialization is deterministic, so equal events give equal payloads.
std::vector<log::NewEvent> PackEvents(
    const CommandContext& context,
    const std::vector<const google::protobuf::Message*>& events);

// Rewrites a payload of schema version N into version N + 1.
using Upcaster =
    std::function<absl::StatusOr<std::string>(absl::string_view payload)>;

// Registers how `type`'s payloads of `from_version` become `from_version` + 1.
// The current schema version of a type is one more than its highest
// registered upcaster (1 when none); new events are written with it. Call at
// start-up, before events are read.
void RegisterUpcaster(const std::string& type, uint32_t from_version,
                      Upcaster upcaster);
uint32_t CurrentSchemaVersion(absl::string_view type);

// Decodes a record's payload into a new message of its type, upcasting old
// schema versions first. kDataLoss when the payload does not parse or an
// upcaster is missing; kUnimplemented for an unknown event type.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> UnpackEvent(
    const log::Record& record);

}  // namespace concordia::domain

#endif  // CONCORDIA_ENGINE_DOMAIN_CORE_EVENT_ENVELOPE_H_
