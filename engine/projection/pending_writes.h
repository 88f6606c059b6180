// Private to engine/projection: a projection's writes before they reach the
// store — one batch of records, or during a rebuild a bulk chunk of many —
// and the two ways they are made durable together with the checkpoint.
//
// Writes are kept as the store's raw keys (projection_store.h): the current
// value of each entity written (the last write wins) and every version. A
// write batch is built in key order, which RocksDB's memtable inserts much
// faster than arrival order; a bulk chunk is written as one sorted table
// file and ingested into the column family, bypassing the write-ahead log and
// the memtable altogether. Either way the checkpoint is in the same atomic
// unit as the data.
//
// Thread-safety: one thread.
//
// Example:
//   PendingWrites pending;
//   PendingEntityWriter writer(db, cf, &pending);
//   writer.set_position(7);
//   writer.Put("deliberation/x/p-1", bytes);
//   rocksdb::WriteBatch batch;
//   pending.AppendTo(cf, /*checkpoint=*/7, &batch);
#ifndef CONCORDIA_ENGINE_PROJECTION_PENDING_WRITES_H_
#define CONCORDIA_ENGINE_PROJECTION_PENDING_WRITES_H_

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "engine/projection/projection.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace concordia::projection {

class PendingWrites {
 public:
  void Put(absl::string_view entity, uint64_t position, absl::string_view value);
  void Delete(absl::string_view entity, uint64_t position);

  // Whether this set wrote the entity; if so `*value` is its current value
  // (nullopt when it deleted it).
  bool Current(absl::string_view entity,
               std::optional<std::string>* value) const;

  bool empty() const { return versions_.empty(); }
  size_t bytes() const { return bytes_; }
  void Clear();

  // Adds every write and the checkpoint to `batch`, in key order.
  void AppendTo(rocksdb::ColumnFamilyHandle* cf, uint64_t checkpoint,
                rocksdb::WriteBatch* batch) const;

  // Writes every write and the checkpoint into a table file at `path`, in
  // key order, and ingests it into `cf` (the file is moved into the store).
  absl::Status Ingest(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                      uint64_t checkpoint, const std::string& path) const;

 private:
  // Calls emit(raw key, value; nullopt = delete) for every write and the
  // checkpoint, in key order, each key once (the last write wins). Stops at
  // the first error emit returns.
  // `value` is nullptr for a deletion.
  absl::Status EmitSorted(
      uint64_t checkpoint,
      const std::function<absl::Status(absl::string_view key,
                                       const absl::string_view* value)>& emit)
      const;

  struct Version {
    std::string entity;
    uint64_t position = 0;
    // As the history key stores it: 'v' + the value, or "x" when deleted.
    std::string stored;
    bool deleted() const { return stored.size() == 1 && stored[0] == 'x'; }
    absl::string_view value() const {
      return absl::string_view(stored).substr(1);
    }
  };
  // Every write in order (a deque, so the entity names the index below
  // points into never move).
  std::deque<Version> versions_;
  // Each entity's last version.
  absl::flat_hash_map<absl::string_view, size_t> current_;
  size_t bytes_ = 0;
};

// EntityWriter over a PendingWrites: reads see the set's writes, then the
// store.
class PendingEntityWriter final : public EntityWriter {
 public:
  PendingEntityWriter(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                      PendingWrites* pending)
      : db_(db), cf_(cf), pending_(pending) {}

  void set_position(uint64_t p) { position_ = p; }
  // The first invalid key written, if any.
  const absl::Status& status() const { return status_; }

  absl::StatusOr<std::optional<std::string>> Get(absl::string_view key) override;
  void Put(absl::string_view key, absl::string_view value) override;
  void Delete(absl::string_view key) override;

 private:
  bool CheckKey(absl::string_view key);

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  PendingWrites* pending_;
  uint64_t position_ = 0;
  absl::Status status_;
};

}  // namespace concordia::projection

#endif  // CONCORDIA_ENGINE_PROJECTION_PENDING_WRITES_H_
