// ProjectionStore: the RocksDB database of the read models, kept apart from
// the log (<data_dir>/projections), with one column family per projection
// version, and consistent read views.
//
// Key layout (engine/projection/FORMAT.md):
//   CF "<name>@v<version>":
//     "c" 0x00 <entity key>                  current value
//     "h" 0x00 <entity key> 0x00 <u64 BE p>  'v' + value, or 'x' (deleted),
//                                            the version written at position p
//     "m" 0x00 "checkpoint"                  u64 BE: last applied position
//   CF "default": "active/<name>" → decimal version serving queries.
// Updates and the checkpoint of a batch of records are one WriteBatch, so a
// projection is never ahead of or behind its own checkpoint.
//
// Thread-safety: thread-safe.
//
// Example:
//   auto store = ProjectionStore::Open(data_dir + "/projections");
//   auto view = (*store)->Read("deliberations", 3);
//   auto value = view->Get("deliberation/sudest/p-7", /*as_of=*/1200);
#ifndef CONCORDIA_ENGINE_PROJECTION_PROJECTION_STORE_H_
#define CONCORDIA_ENGINE_PROJECTION_PROJECTION_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/common/mutex.h"
#include "engine/projection/projection.h"
#include "rocksdb/db.h"

namespace concordia::projection {

// One entity's value as of a position.
struct EntityVersion {
  std::string key;
  std::string value;
  uint64_t position = 0;  // the record that wrote this version
};

// One version in an entity's history.
struct EntityChange {
  uint64_t position = 0;  // the record that wrote it
  bool deleted = false;   // the entity was deleted there
  std::string value;      // empty when deleted
};

// A consistent view of one projection version: every read sees the same
// snapshot, whose checkpoint is `position()`. Not for concurrent use: a
// view keeps one iterator open for its point reads.
class ReadView {
 public:
  // Shares ownership of the column family's handle, so a view stays readable
  // while its version is dropped (the data goes when the last view does).
  // REQUIRES: the store outlives the view.
  ReadView(rocksdb::DB* db, std::shared_ptr<rocksdb::ColumnFamilyHandle> cf,
           std::string name = "", int version = 0);
  ~ReadView();
  ReadView(const ReadView&) = delete;
  ReadView& operator=(const ReadView&) = delete;

  // The last log position applied in this view.
  uint64_t position() const { return position_; }
  // The projection and version it reads.
  const std::string& name() const { return name_; }
  int version() const { return version_; }

  // The entity as of `as_of` (the current value when as_of >= position()).
  // nullopt when it did not exist then.
  absl::StatusOr<std::optional<EntityVersion>> Get(absl::string_view key,
                                                   uint64_t as_of) const;

  // Entities whose keys start with `prefix`, in key order, as of `as_of`,
  // starting after `start_after` (exclusive; "" = from the first), at most
  // `limit`.
  absl::StatusOr<std::vector<EntityVersion>> Scan(
      absl::string_view prefix, uint64_t as_of, absl::string_view start_after,
      size_t limit) const;

  // Every version of one entity, oldest first (deletions have empty values
  // and `deleted` set in the callback).
  absl::Status History(
      absl::string_view key,
      const std::function<void(uint64_t position, bool deleted,
                               absl::string_view value)>& visit) const;

  // One page of an entity's versions, oldest first: those written after
  // position `after` and at or before `as_of` (and the view's position), at
  // most `limit`.
  absl::StatusOr<std::vector<EntityChange>> HistoryPage(absl::string_view key,
                                                        uint64_t after,
                                                        uint64_t as_of,
                                                        size_t limit) const;

 private:
  // The iterator point reads reuse (created on the first).
  rocksdb::Iterator* PointIterator() const;

  rocksdb::DB* db_;
  std::shared_ptr<rocksdb::ColumnFamilyHandle> handle_;
  rocksdb::ColumnFamilyHandle* cf_;
  const rocksdb::Snapshot* snapshot_;
  mutable std::unique_ptr<rocksdb::Iterator> point_;
  const std::string name_;
  const int version_;
  uint64_t position_ = 0;
};

class ProjectionStore {
 public:
  static absl::StatusOr<std::unique_ptr<ProjectionStore>> Open(
      const std::string& path);
  ~ProjectionStore();

  // The column family of (name, version), created when missing.
  absl::StatusOr<rocksdb::ColumnFamilyHandle*> Slot(const std::string& name,
                                                    int version);
  // Whether (name, version) exists.
  bool HasSlot(const std::string& name, int version);
  // Drops (name, version) and its data.
  absl::Status DropSlot(const std::string& name, int version);
  // All versions present for `name`.
  std::vector<int> Versions(const std::string& name);

  // The version serving queries; nullopt when none yet.
  absl::StatusOr<std::optional<int>> ActiveVersion(const std::string& name);
  absl::Status SetActiveVersion(const std::string& name, int version);

  // The checkpoint of (name, version); 0 when nothing was applied.
  absl::StatusOr<uint64_t> Checkpoint(const std::string& name, int version);

  // A consistent read view of (name, version); kNotFound when that version
  // does not exist.
  absl::StatusOr<std::unique_ptr<ReadView>> Read(const std::string& name,
                                                 int version);

  rocksdb::DB* db() const { return db_.get(); }
  // The store's directory.
  const std::string& path() const { return path_; }

 private:
  ProjectionStore() = default;
  std::string path_;
  std::unique_ptr<rocksdb::DB> db_;
  Mutex mu_;
  // Handles are shared with read views; the last owner destroys them.
  std::map<std::string, std::shared_ptr<rocksdb::ColumnFamilyHandle>> slots_
      ABSL_GUARDED_BY(mu_);
  std::shared_ptr<rocksdb::ColumnFamilyHandle> Own(
      rocksdb::ColumnFamilyHandle* handle);
  rocksdb::ColumnFamilyHandle* default_cf_ = nullptr;
};

// Key helpers of the layout above.
std::string CurrentKey(absl::string_view entity);
std::string HistoryKey(absl::string_view entity, uint64_t position);
inline constexpr char kCheckpointKey[] = {'m', '\0', 'c', 'h', 'e', 'c', 'k',
                                          'p', 'o', 'i', 'n', 't'};
std::string SlotName(const std::string& name, int version);

}  // namespace concordia::projection

#endif  // CONCORDIA_ENGINE_PROJECTION_PROJECTION_STORE_H_
