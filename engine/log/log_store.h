// LogStore: the RocksDB side of RocksEventLog — handles, key layout, reads and
// the committed head — shared by the log and its subscriptions.
//
// Internal to engine/log. A subscription keeps the store alive (shared_ptr) so
// the database outlives every reader; closing the log marks the store closed
// and wakes all subscribers.
//
// Thread-safety: reads are safe concurrently; the committed head and the live
// cache are guarded by mu.
//
// Example (inside engine/log):
//   auto store = std::make_shared<LogStore>();
//   CONCORDIA_RETURN_IF_ERROR(store->OpenDb(path, /*sync=*/true));
//   auto records = store->ReadRange(1, 100, RecordFilter{}, 0, nullptr, 7);
#ifndef CONCORDIA_ENGINE_LOG_LOG_STORE_H_
#define CONCORDIA_ENGINE_LOG_LOG_STORE_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/common/mutex.h"
#include "engine/log/types.h"
#include "rocksdb/db.h"

namespace concordia::log {

// Keys of the layout in FORMAT.md.
std::string PositionKey(uint64_t position);
std::string StreamIndexKey(absl::string_view stream, uint64_t version);
inline constexpr absl::string_view kFormatKey = "format";
inline constexpr absl::string_view kFormatValue = "concordia-log/1";
inline constexpr absl::string_view kHeadKey = "head";

class LogStore {
 public:
  ~LogStore();

  // Opens (creating if missing) the database at `path` with its column
  // families. Extra column families found on disk are opened too.
  absl::Status OpenDb(const std::string& path);

  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* meta_cf() const { return cf_meta_; }
  rocksdb::ColumnFamilyHandle* records_cf() const { return cf_records_; }
  rocksdb::ColumnFamilyHandle* stream_index_cf() const {
    return cf_stream_index_;
  }
  rocksdb::ColumnFamilyHandle* event_ids_cf() const { return cf_event_ids_; }
  // A column family by name (e.g. "merkle"), created when missing.
  absl::StatusOr<rocksdb::ColumnFamilyHandle*> ColumnFamily(
      const std::string& name);

  // Reads the stored bytes at `position`; kNotFound when absent.
  absl::StatusOr<std::string> GetRaw(uint64_t position) const;
  // Decoded record at `position`; kNotFound when absent.
  absl::StatusOr<Record> Get(uint64_t position) const;
  // The stream's version (its number of events); 0 when it has none.
  absl::StatusOr<uint64_t> StreamVersion(absl::string_view stream) const;
  // The position of `stream`'s event at `version`; kNotFound when absent.
  absl::StatusOr<uint64_t> StreamPosition(absl::string_view stream,
                                          uint64_t version) const;
  // Position of an event id; kNotFound when unknown.
  absl::StatusOr<uint64_t> GetEventIdPosition(absl::string_view id) const;

  // Matching records in [from, min(upto, from + max_scan - 1)], at most
  // max_count. `*scanned_to` (if given) receives the last position examined.
  absl::StatusOr<std::vector<Record>> ReadRange(uint64_t from, size_t max_count,
                                                const RecordFilter& filter,
                                                uint64_t max_scan,
                                                uint64_t* scanned_to,
                                                uint64_t upto) const;

  // Raw records in [from, min(from + count - 1, upto)].
  absl::StatusOr<std::vector<std::string>> ReadRawRange(uint64_t from,
                                                        size_t count,
                                                        uint64_t upto) const;
  // How many versions a forward ReadStream looks up one by one before it
  // opens an iterator.
  static constexpr size_t kStreamPointLookups = 4;

  // Records of `stream` with versions from `from_version`, forward or
  // backward, at most max_count, not beyond position `upto`.
  absl::StatusOr<std::vector<Record>> ReadStream(absl::string_view stream,
                                                 uint64_t from_version,
                                                 size_t max_count, bool forward,
                                                 uint64_t upto) const;

  // A subscriber blocked in Subscription::Next, registered for as long as
  // it waits (guarded by mu). With no skip listener it is woken by every
  // publication. With one, it is woken only when a published record passes
  // its filter (or it is behind the live cache); otherwise `*next` is moved
  // past the published records and `(*on_skip)(next)` is called, under mu,
  // instead of a wake-up.
  struct Waiter {
    const RecordFilter* filter = nullptr;
    std::atomic<uint64_t>* next = nullptr;
    const std::function<void(uint64_t)>* on_skip = nullptr;
    bool woken = false;
    CondVar cv;
  };

  // After a publication (committed moved): wakes or skips each waiter as
  // described above.
  void WakeWaiters() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu);
  // Wakes every waiter (the log closes, a subscription is cancelled).
  void WakeAllWaiters() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu);

  // --- Committed head, live cache and subscriber wake-up (guarded by mu).
  Mutex mu;
  std::vector<Waiter*> waiters ABSL_GUARDED_BY(mu);
  uint64_t committed ABSL_GUARDED_BY(mu) = 0;
  bool closed ABSL_GUARDED_BY(mu) = false;
  // The most recent committed records, contiguous by position, bounded by
  // live_capacity; live subscribers read from here instead of the disk.
  std::deque<Record> live ABSL_GUARDED_BY(mu);
  size_t live_capacity = 8192;
  // The version of the last published record of each stream published
  // since the log opened, so that a fold finds the end of a stream's tail
  // without a lookup. Bounded: cleared when it would pass its capacity; a
  // stream not in it is looked up on disk.
  absl::flat_hash_map<std::string, uint64_t> published_versions
      ABSL_GUARDED_BY(mu);
  size_t published_versions_capacity = 65536;

  uint64_t Committed() {
    MutexLock lock(&mu);
    return committed;
  }

 private:
  // The position `stream`'s index names for `version`; nullopt when the
  // stream has no such version (no error built on that common path).
  absl::StatusOr<std::optional<uint64_t>> IndexedPosition(
      absl::string_view stream, uint64_t version) const;
  // The records at `positions` (named by `stream`'s index), in order.
  absl::StatusOr<std::vector<Record>> RecordsAt(
      absl::string_view stream, const std::vector<uint64_t>& positions) const;

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyHandle* cf_meta_ = nullptr;
  rocksdb::ColumnFamilyHandle* cf_records_ = nullptr;
  rocksdb::ColumnFamilyHandle* cf_stream_index_ = nullptr;
  rocksdb::ColumnFamilyHandle* cf_event_ids_ = nullptr;
  Mutex cf_mu_;  // guards creation of extra column families
};

// kDataLoss / STORE_CORRUPTED naming `position` (metadata "position").
absl::Status StoreCorrupted(uint64_t position, absl::string_view what);

// Converts a RocksDB error to an absl::Status (kUnavailable for I/O errors,
// kDataLoss for corruption).
absl::Status FromRocks(const rocksdb::Status& s, absl::string_view what);

}  // namespace concordia::log

#endif  // CONCORDIA_ENGINE_LOG_LOG_STORE_H_
