// Value types of the event log: events to append, stored records, expected
// versions, read filters and the documented limits.
//
// See engine/log/FORMAT.md for how a Record is encoded and hashed.
//
// Thread-safety: plain values.
//
// Example:
//   NewEvent e;
//   e.id = EventId::FromString("0123456789abcdef").value();
//   e.type = "concordia.v1.VoteCast";
//   e.schema_version = 1;
//   e.payload = vote.SerializeAsString();
//   e.metadata.principal = "comune:san-donato-milanese/sindaco";
//   e.metadata.effective_time = session_time;
//   log.Append("sudestmilano/session/2026-07", ExpectedVersion::Exact(4), {e});
#ifndef CONCORDIA_ENGINE_LOG_TYPES_H_
#define CONCORDIA_ENGINE_LOG_TYPES_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "engine/crypto/sha256.h"

namespace concordia::log {

// Limits. Appends beyond them fail with kInvalidArgument and write nothing.
inline constexpr size_t kMaxStreamNameBytes = 256;
inline constexpr size_t kMaxEventTypeBytes = 128;
inline constexpr size_t kMaxMetadataFieldBytes = 256;
inline constexpr size_t kMaxPayloadBytes = 1 << 20;       // 1 MiB per event
inline constexpr size_t kMaxEventsPerAppend = 1000;
inline constexpr size_t kMaxAppendBytes = 4 << 20;        // 4 MiB per append
inline constexpr size_t kMaxStreamsPerAppend = 16;  // parts of AppendAll

// A writer-supplied 16-byte event id (e.g. a UUID), the key of idempotency.
struct EventId {
  std::array<uint8_t, 16> bytes{};

  // Exactly 16 raw bytes; InvalidArgument otherwise.
  static absl::StatusOr<EventId> FromBytes(absl::string_view raw);
  // 32 hex characters (dashes allowed, as in a UUID); InvalidArgument otherwise.
  static absl::StatusOr<EventId> FromHex(absl::string_view hex);
  absl::string_view AsStringView() const {
    return absl::string_view(reinterpret_cast<const char*>(bytes.data()), 16);
  }
  std::string ToHex() const;
  friend bool operator==(const EventId& a, const EventId& b) {
    return a.bytes == b.bytes;
  }
  friend bool operator!=(const EventId& a, const EventId& b) {
    return !(a == b);
  }
};

// Who and why: recorded with every event.
struct EventMetadata {
  // The authenticated principal that caused the event (required).
  std::string principal;
  // The id of the command that produced the event.
  std::string command_id;
  // Groups the events of one business transaction.
  std::string correlation_id;
  // The id of the event or command that directly caused this one.
  std::string causation_id;
  // When the event takes legal effect, given by the writer (required).
  absl::Time effective_time = absl::InfinitePast();
};

// An event to append.
struct NewEvent {
  EventId id;
  // A fully qualified type name, e.g. "concordia.v1.DeliberationAdopted".
  std::string type;
  // The version of the payload's schema, >= 1, for upcasting.
  uint32_t schema_version = 1;
  // The event's body, opaque to the log.
  std::string payload;
  EventMetadata metadata;
};

// A stored event, as read back. Its bytes are the exact stored encoding.
struct Record {
  uint64_t position = 0;        // global, dense, from 1
  std::string stream;
  uint64_t stream_version = 0;  // the stream's version after this event, from 1
  EventId id;
  std::string type;
  uint32_t schema_version = 0;
  std::string payload;
  EventMetadata metadata;
  absl::Time recorded_at;       // set by the log from its clock
  Sha256Digest prev_hash;       // hash of the record at position - 1 (zero at 1)
  Sha256Digest hash;            // SHA-256 of this record's encoded body
};

// The precondition an append places on the stream's version.
class ExpectedVersion {
 public:
  enum class Kind { kAny, kNoStream, kStreamExists, kExact };

  // Appends whatever the stream's version.
  static ExpectedVersion Any() { return ExpectedVersion(Kind::kAny, 0); }
  // The stream must not exist yet.
  static ExpectedVersion NoStream() {
    return ExpectedVersion(Kind::kNoStream, 0);
  }
  // The stream must have at least one event.
  static ExpectedVersion StreamExists() {
    return ExpectedVersion(Kind::kStreamExists, 0);
  }
  // The stream must be at exactly `version` (0 means "no stream yet").
  static ExpectedVersion Exact(uint64_t version) {
    return ExpectedVersion(Kind::kExact, version);
  }
  // Decodes the wire form: -1 ANY, -2 NO_STREAM, -3 STREAM_EXISTS, >= 0 an
  // exact version. Any other value is InvalidArgument.
  static absl::StatusOr<ExpectedVersion> FromWire(int64_t wire);

  Kind kind() const { return kind_; }
  uint64_t version() const { return version_; }
  // "ANY", "NO_STREAM", "STREAM_EXISTS" or the number.
  std::string ToString() const;

 private:
  ExpectedVersion(Kind kind, uint64_t version)
      : kind_(kind), version_(version) {}
  Kind kind_;
  uint64_t version_;
};

// One stream's share of a joint append (EventLog::AppendAll).
struct StreamAppend {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::Any();
  std::vector<NewEvent> events;
};

// The result of a successful append.
struct AppendResult {
  uint64_t first_position = 0;
  uint64_t last_position = 0;
  // The stream's version after the append.
  uint64_t stream_version = 0;
  // True when the events were already recorded (an idempotent retry); the
  // positions are the original ones and nothing was appended.
  bool deduplicated = false;
};

// What the log knows about one stream.
struct StreamInfo {
  std::string stream;
  uint64_t version = 0;  // number of events
  uint64_t first_position = 0;
  uint64_t last_position = 0;
  absl::Time created_at;        // recorded_at of its first event
  absl::Time last_recorded_at;  // recorded_at of its last event
};

// Selects records when reading the whole log or subscribing. Empty fields
// select everything.
struct RecordFilter {
  // Only streams whose name starts with this prefix.
  std::string stream_prefix;
  // Only these event types (exact match).
  std::vector<std::string> event_types;

  bool Matches(absl::string_view stream, absl::string_view type) const;
};

// Validates a stream name: 1..256 bytes of [A-Za-z0-9._:-] in '/'-separated
// non-empty segments. Returns InvalidArgument describing the problem.
absl::Status ValidateStreamName(absl::string_view stream);

}  // namespace concordia::log

#endif  // CONCORDIA_ENGINE_LOG_TYPES_H_
