// RocksEventLog: the embedded EventLog on RocksDB, with group commit.
//
// Concurrent appends queue up; the writer at the head of the queue becomes the
// leader, validates a group of waiting appends in order against the tail state
// (stream versions, event ids) and writes all accepted ones in one WriteBatch,
// synced in the same write. It keeps the lead until the group is durable and
// published, so every append that arrives meanwhile joins the next group and
// shares its sync. Groups are therefore published to readers strictly in
// position order, and each writer is acknowledged only once its group is
// durable. One sync serves many callers, so durable throughput grows with
// concurrency.
// Subscriptions read from a bounded cache of recent records or from disk.
//
// Layout and encoding: engine/log/FORMAT.md.
//
// Thread-safety: all methods are safe to call concurrently.
//
// Example:
//   RocksEventLogOptions options;
//   options.path = "/var/lib/concordia/log";
//   options.clock = &clock;
//   absl::StatusOr<std::unique_ptr<RocksEventLog>> log =
//       RocksEventLog::Open(options);
//   if (!log.ok()) return log.status();
//   absl::Status writable = (*log)->WriteStatus();  // DATA_LOSS if tampered
#ifndef CONCORDIA_ENGINE_LOG_ROCKSDB_EVENT_LOG_H_
#define CONCORDIA_ENGINE_LOG_ROCKSDB_EVENT_LOG_H_

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/common/clock.h"
#include "engine/common/mutex.h"
#include "engine/log/event_log.h"
#include "engine/log/log_store.h"
#include "rocksdb/write_batch.h"

namespace concordia::log {

// Adds derived keys (the audit Merkle tree) to the write batch of every group
// commit, so they are durable exactly when the records are.
// Called only by the commit leader, one group at a time.
class CommitExtension {
 public:
  virtual ~CommitExtension() = default;
  // Stages the record at `position` (its exact stored bytes) into `batch`.
  // Records are staged in position order; nothing is visible until Commit.
  virtual absl::Status Stage(uint64_t position, absl::string_view stored,
                             rocksdb::WriteBatch* batch) = 0;
  // The batch is durable: make the staged state current.
  virtual void Commit() = 0;
  // The batch was not written: forget the staged state.
  virtual void Abort() = 0;
};

struct RocksEventLogOptions {
  // The RocksDB directory; created when missing.
  std::string path;
  // Source of recorded-at times. nullptr means SystemClock.
  Clock* clock = nullptr;
  // Sync the write-ahead log before acknowledging. Only benchmarks of the
  // non-durable baseline turn this off.
  bool sync = true;
  // How many records at the end of the log Open re-hashes.
  size_t tail_check_records = 1024;
  // How many recent records are kept in memory for live subscribers.
  size_t live_cache_records = 8192;
  // How many streams' last published versions the log keeps in memory, for
  // the commit leader's version checks and for stream reads.
  size_t stream_cache_entries = 1 << 20;
  // The most events one group commit takes.
  size_t max_group_events = 4096;
  // Test hook: called before each group's batch is written; a non-OK status
  // fails the write as a storage error would.
  std::function<absl::Status()> before_write;
  // Test hook: called before each WAL sync; a non-OK status fails the sync as
  // a storage error would.
  std::function<absl::Status()> before_sync;
};

class RocksEventLog final : public EventLog {
 public:
  // Opens or creates the log and checks the tail of its chain. A log whose
  // tail is broken opens read-only: WriteStatus() and Append return kDataLoss.
  static absl::StatusOr<std::unique_ptr<RocksEventLog>> Open(
      const RocksEventLogOptions& options);

  ~RocksEventLog() override;

  absl::StatusOr<AppendResult> Append(absl::string_view stream,
                                      ExpectedVersion expected,
                                      std::vector<NewEvent> events) override;
  absl::StatusOr<std::vector<AppendResult>> AppendAll(
      std::vector<StreamAppend> parts) override;
  absl::StatusOr<std::vector<Record>> ReadStream(absl::string_view stream,
                                                 uint64_t from_version,
                                                 size_t max_count) override;
  absl::StatusOr<std::vector<Record>> ReadStreamBackward(
      absl::string_view stream, uint64_t from_version,
      size_t max_count) override;
  absl::StatusOr<std::vector<Record>> ReadAll(uint64_t from_position,
                                              size_t max_count,
                                              const RecordFilter& filter,
                                              uint64_t max_scan,
                                              uint64_t* scanned_to) override;
  absl::StatusOr<std::vector<std::string>> ReadRaw(uint64_t from,
                                                   size_t count) override;
  absl::StatusOr<Record> ReadEventById(const EventId& id) override;
  uint64_t LastPosition() const override;
  absl::StatusOr<StreamInfo> GetStreamInfo(absl::string_view stream) override;
  absl::StatusOr<std::unique_ptr<Subscription>> Subscribe(
      uint64_t from_position, RecordFilter filter) override;
  absl::StatusOr<VerifyReport> Verify(ProgressFn progress = nullptr,
                                      RecordVisitor visit = nullptr) override;
  absl::Status WriteStatus() const override;

  // How many appends are queued or being committed (the leader's included):
  // a gauge for metrics and for tests that wait until appends have queued.
  size_t QueuedAppends() const;
  // How many subscriptions are blocked in Next(): a gauge, as above.
  size_t WaitingSubscribers() const;

  // Installs an extension (before the first append). The log does not own it.
  void SetCommitExtension(CommitExtension* extension);

  // The underlying store, for components that keep data beside the log (the
  // audit tree). Valid while the log lives.
  LogStore* store() const { return store_.get(); }

 private:
  struct Writer;
  struct GroupState;
  struct WrittenGroup;

  explicit RocksEventLog(const RocksEventLogOptions& options);
  absl::Status Recover();
  // Queues validated parts as one writer and waits for the outcome: an
  // error, or the first part's result (every part's in `*results`).
  absl::StatusOr<AppendResult> Commit(std::vector<StreamAppend> parts,
                                      std::vector<AppendResult>* results =
                                          nullptr);
  // Stages a group and writes it, synced in the same write unless a test
  // hook runs before the sync. Runs under leadership, one group at a time.
  WrittenGroup WriteGroup(const std::vector<Writer*>& group);
  // Makes the group durable (if the write did not), then publishes it and
  // settles its writers' results. Runs under leadership too, so groups are
  // published in position order.
  void SyncAndPublish(const WrittenGroup& written);
  absl::Status StageWriter(Writer& w, GroupState& g, rocksdb::WriteBatch& batch);
  absl::StatusOr<uint64_t> LoadStreamVersion(const std::string& stream,
                                             GroupState& g);
  void RefuseWrites(absl::Status status);

  // --- Constant after Open.
  const RocksEventLogOptions options_;
  Clock* const clock_;
  std::shared_ptr<LogStore> store_;
  CommitExtension* extension_ = nullptr;

  // --- The append queue.
  mutable Mutex queue_mu_;
  std::deque<std::shared_ptr<Writer>> writers_ ABSL_GUARDED_BY(queue_mu_);

  // --- Tail state, owned by the current commit leader (one at a time, by the
  // queue protocol), so it needs no lock.
  uint64_t tail_position_ = 0;
  Sha256Digest tail_hash_;
  int64_t tail_recorded_micros_ = 0;

  // --- Guarded by store_->mu: whether appends are accepted. Subscribers
  // wait as store_->waiters, woken only when records are published.
  absl::Status write_status_;
};

}  // namespace concordia::log

#endif  // CONCORDIA_ENGINE_LOG_ROCKSDB_EVENT_LOG_H_
