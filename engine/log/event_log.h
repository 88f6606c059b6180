// EventLog: Concordia's append-only, hash-chained event log — the contract.
//
// Every decision is an event in one named stream (e.g.
// "sudestmilano/deliberation/assemblea-2026-12"). Each event gets a global
// position (dense, strictly increasing from 1) and a stream version. Appends are
// atomic, conditional on the stream's version, idempotent by event id, and
// durable when acknowledged. The RocksDB implementation
// (engine/log/rocksdb_event_log.h) is the embedded store; a distributed
// implementation (etcd: compare-and-swap transactions on key versions, watches)
// implements this same interface.
//
// Errors (absl::Status, with a reason code from engine/common/errors.h):
//  - kInvalidArgument: malformed stream name, empty batch, event over the
//    limits of types.h, duplicate ids in one batch, bad expected version;
//  - kAborted / WRONG_EXPECTED_VERSION: the stream is not at the expected
//    version (metadata "expected" and "actual");
//  - kAlreadyExists / EVENT_ID_REUSED: an event id is already recorded with
//    different content or in a different append;
//  - kNotFound: unknown stream (GetStreamInfo) or position;
//  - kDataLoss / STORE_CORRUPTED: the stored chain is broken; the log refuses
//    writes, naming the first bad position (metadata "position");
//  - kUnavailable: the log is closed or the store failed.
//  A rejected append writes nothing.
//
// Thread-safety: all methods are safe to call concurrently.
//
// Example:
//   auto log = RocksEventLog::Open({.path = dir, .clock = &clock});
//   auto r = (*log)->Append("c/deliberation/7", ExpectedVersion::NoStream(),
//                           {event});
//   auto records = (*log)->ReadStream("c/deliberation/7", 1, 100);
//   auto sub = (*log)->Subscribe(r->last_position + 1, RecordFilter{});
//   while (auto next = (*sub)->Next(absl::Seconds(1))) { ... }
#ifndef CONCORDIA_ENGINE_LOG_EVENT_LOG_H_
#define CONCORDIA_ENGINE_LOG_EVENT_LOG_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "engine/log/types.h"

namespace concordia::log {

// A live, ordered feed of the log from a position: first what is on disk, then
// new events as they are committed, each exactly once, with no gap.
class Subscription {
 public:
  virtual ~Subscription() = default;

  // Returns up to `max_count` matching records after the last one returned,
  // waiting up to `timeout` while nothing new is committed. An empty vector
  // means the timeout passed or the records examined were all filtered out
  // (next_position() then says how far it got). kCancelled after Cancel();
  // kUnavailable when the log closed.
  virtual absl::StatusOr<std::vector<Record>> Next(absl::Duration timeout,
                                                   size_t max_count = 256) = 0;

  // The position the next returned record will have at least (every position
  // before it has been delivered or filtered out).
  virtual uint64_t next_position() const = 0;

  // Wakes a blocked Next() and makes later calls return kCancelled.
  virtual void Cancel() = 0;

  // Lets the subscription skip records its filter rejects without waking:
  // while Next() is blocked, records committed that all fail the filter move
  // next_position() past them and call `on_skip(next_position)` instead of
  // returning an empty batch. `on_skip` runs under the log's lock: it must be
  // quick and must not call into the log. Set it before the first Next().
  // A subscription that never skips (the default) ignores it.
  virtual void SetSkipListener(std::function<void(uint64_t)> /*on_skip*/) {}
};

// Progress of a long operation (Verify), reported every few thousand records.
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

// Sees every stored record, in order, during Verify (after its own hash and
// chain link were checked), e.g. to recompute the audit Merkle tree in the
// same pass.
using RecordVisitor =
    std::function<void(uint64_t position, absl::string_view stored)>;

// The result of Verify.
struct VerifyReport {
  uint64_t records_checked = 0;
  Sha256Digest head_hash;  // hash of the last record (zero when empty)
};

class EventLog {
 public:
  virtual ~EventLog() = default;

  // Appends `events` to `stream` atomically if the stream matches `expected`.
  // Acknowledged only once durable. See the class comment for errors.
  virtual absl::StatusOr<AppendResult> Append(absl::string_view stream,
                                              ExpectedVersion expected,
                                              std::vector<NewEvent> events) = 0;

  // Appends to several streams in one atomic step: every part is recorded,
  // in one commit, or none is. The parts' events get consecutive positions
  // in the order given, and each part is checked against its own expected
  // version; one part's conflict (WRONG_EXPECTED_VERSION) rejects them all.
  // A retry is deduplicated only as a whole: every event id recorded with the
  // same content at consecutive positions; EVENT_ID_REUSED when only some
  // are. The streams must be distinct, and the parts together keep within
  // one append's limits (types.h). Results are per part, in order.
  virtual absl::StatusOr<std::vector<AppendResult>> AppendAll(
      std::vector<StreamAppend> parts) = 0;
  // Reads up to `max_count` events of `stream` starting at `from_version`
  // (1-based, inclusive), forward. A missing stream reads as empty.
  virtual absl::StatusOr<std::vector<Record>> ReadStream(
      absl::string_view stream, uint64_t from_version, size_t max_count) = 0;

  // Reads up to `max_count` events of `stream` backward, starting at
  // `from_version` (inclusive) or at the last event when `from_version` is 0.
  virtual absl::StatusOr<std::vector<Record>> ReadStreamBackward(
      absl::string_view stream, uint64_t from_version, size_t max_count) = 0;

  // Reads up to `max_count` matching events from `from_position` (inclusive),
  // in log order. Scans at most `max_scan` positions (0: no bound) so a
  // selective filter cannot make one call read the whole log; the caller
  // continues from the returned records' last position + 1, or from
  // `*scanned_to` + 1 when given.
  virtual absl::StatusOr<std::vector<Record>> ReadAll(
      uint64_t from_position, size_t max_count, const RecordFilter& filter,
      uint64_t max_scan = 0, uint64_t* scanned_to = nullptr) = 0;

  // Reads the exact stored bytes of the records at [from, from + count), as
  // hashed; for audits. Stops early at the end of the log.
  virtual absl::StatusOr<std::vector<std::string>> ReadRaw(uint64_t from,
                                                           size_t count) = 0;

  // The committed event with id `id`; kNotFound when there is none. Lets a
  // command handler recognise a retried command and answer as the first time.
  virtual absl::StatusOr<Record> ReadEventById(const EventId& id) = 0;

  // The position of the last committed event; 0 for an empty log.
  virtual uint64_t LastPosition() const = 0;

  // Metadata of one stream; kNotFound when it has no events.
  virtual absl::StatusOr<StreamInfo> GetStreamInfo(
      absl::string_view stream) = 0;

  // A subscription delivering every matching event with position >=
  // `from_position` (>= 1).
  virtual absl::StatusOr<std::unique_ptr<Subscription>> Subscribe(
      uint64_t from_position, RecordFilter filter) = 0;

  // Walks the whole log recomputing every hash and chain link from the stored
  // bytes. Returns kDataLoss naming the first bad position (metadata
  // "position"); a failed verification also makes the log refuse writes.
  virtual absl::StatusOr<VerifyReport> Verify(
      ProgressFn progress = nullptr, RecordVisitor visit = nullptr) = 0;

  // OK while the log accepts appends; otherwise the reason it refuses them.
  virtual absl::Status WriteStatus() const = 0;
};

}  // namespace concordia::log

#endif  // CONCORDIA_ENGINE_LOG_EVENT_LOG_H_
