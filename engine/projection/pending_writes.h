// Private to engine/projection: a projection's writes before they reach the
// store — one batch of records, or during a rebuild a bulk chunk of many —
// and the two ways they are made durable together with the checkpoint.
//
// Writes are kept entity by entity, each with its versions in position
// order (of two writes for one record the later wins), their bytes in an
// arena; they become the store's raw keys (projection_store.h) — each
// entity's current value and every version — in key order, for which only
// the entities need sorting. A write batch is built in key order, which
// RocksDB's memtable inserts much faster than arrival order; a bulk chunk is
// written as one sorted table file and ingested into the column family,
// bypassing the write-ahead log and the memtable altogether. Either way the checkpoint is in the same atomic
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
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "engine/projection/projection.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace concordia::projection {

class PendingWrites {
 public:
  PendingWrites() = default;
  PendingWrites(const PendingWrites&) = delete;
  PendingWrites& operator=(const PendingWrites&) = delete;
  PendingWrites(PendingWrites&&) = default;
  PendingWrites& operator=(PendingWrites&&) = default;

  void Put(absl::string_view entity, uint64_t position, absl::string_view value);
  void Delete(absl::string_view entity, uint64_t position);

  // Whether this set wrote the entity; if so `*value` is its current value
  // (nullopt when it deleted it).
  bool Current(absl::string_view entity,
               std::optional<std::string>* value) const;
  // As Current, without copying: `*value` stays valid until Clear.
  bool CurrentView(absl::string_view entity,
                   std::optional<absl::string_view>* value) const;

  bool empty() const { return entities_.empty(); }
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
  // Calls emit(raw key, value) for every write and the checkpoint, in key
  // order, each key once; `value` is nullptr for a deletion. Stops at the
  // first error emit returns.
  template <typename Emit>
  absl::Status EmitSorted(uint64_t checkpoint, Emit&& emit) const;

  // Records a version of `entity` at `position`, stored as `tag` + `value`
  // (see Version).
  void Add(absl::string_view entity, uint64_t position, char tag,
           absl::string_view value);
  // A copy of `a` + `b` that lives as long as the set (until Clear).
  absl::string_view Keep(absl::string_view a, absl::string_view b);

  struct Version {
    uint64_t position = 0;
    // As the history key stores it: 'v' + the value, or "x" when deleted
    // (in the set's arena).
    absl::string_view stored;
    bool deleted() const { return stored.size() == 1 && stored[0] == 'x'; }
    absl::string_view value() const { return stored.substr(1); }
  };
  // One entity written, with its versions by position (of two writes for
  // one position, the later replaced the earlier).
  struct Entity {
    absl::string_view name;  // in the arena
    absl::InlinedVector<Version, 2> versions;
  };
  // Every entity written, in the order first written (a deque, so the
  // indices below stay valid as it grows).
  std::deque<Entity> entities_;
  absl::flat_hash_map<absl::string_view, size_t> index_;
  // The bytes of entity names and stored values, in blocks that never move:
  // blocks of growing size, kept by Clear for the next batch or chunk (so
  // their pages are not faulted in again), and blocks of one large value
  // each, freed by Clear.
  struct Block {
    std::unique_ptr<char[]> bytes;
    size_t size = 0;
  };
  std::vector<Block> blocks_;
  std::vector<std::unique_ptr<char[]>> large_;
  size_t next_block_ = 0;  // the first of blocks_ not used since Clear
  size_t arena_left_ = 0;
  char* arena_next_ = nullptr;
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
  absl::StatusOr<bool> Read(
      absl::string_view key,
      absl::FunctionRef<void(absl::string_view)> fn) override;
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
