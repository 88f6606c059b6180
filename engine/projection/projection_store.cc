#include "engine/projection/projection_store.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "engine/log/record_codec.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"

namespace concordia::projection {
namespace {

constexpr size_t kWriteBufferBytes = 16 << 20;

absl::Status FromRocks(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  const std::string msg = absl::StrCat(what, ": ", s.ToString());
  if (s.IsCorruption()) return absl::DataLossError(msg);
  return absl::UnavailableError(msg);
}

const std::string& CheckpointKeyString() {
  static const std::string* const key =
      new std::string(kCheckpointKey, sizeof(kCheckpointKey));
  return *key;
}

std::string HistoryPrefix(absl::string_view entity) {
  std::string k = "h";
  k.push_back('\0');
  k.append(entity.data(), entity.size());
  k.push_back('\0');
  return k;
}

// One block cache for every projection column family of the process: the
// read models' working set (current values while folding, recent versions
// for queries).
std::shared_ptr<rocksdb::Cache> BlockCache() {
  static const std::shared_ptr<rocksdb::Cache> cache =
      rocksdb::NewLRUCache(64 << 20);
  return cache;
}

// The options of every projection column family. Small write buffers keep
// the memtable's skiplist within the CPU caches, which makes the many small
// inserts of a rebuild several times cheaper; flushes are more frequent but
// move the same bytes.
rocksdb::ColumnFamilyOptions SlotOptions() {
  rocksdb::ColumnFamilyOptions o;
  o.write_buffer_size = kWriteBufferBytes;
  o.max_write_buffer_number = 4;
  // Point reads of current values (while applying) skip the files that
  // lack the key.
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_cache = BlockCache();
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return o;
}

}  // namespace

std::string CurrentKey(absl::string_view entity) {
  std::string k = "c";
  k.push_back('\0');
  k.append(entity.data(), entity.size());
  return k;
}

std::string HistoryKey(absl::string_view entity, uint64_t position) {
  std::string k = HistoryPrefix(entity);
  log::PutBigEndian64(&k, position);
  return k;
}

std::string SlotName(const std::string& name, int version) {
  return absl::StrCat(name, "@v", version);
}

ReadView::ReadView(rocksdb::DB* db,
                   std::shared_ptr<rocksdb::ColumnFamilyHandle> cf,
                   std::string name, int version)
    : db_(db),
      handle_(std::move(cf)),
      cf_(handle_.get()),
      snapshot_(db->GetSnapshot()),
      name_(std::move(name)),
      version_(version) {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  std::string value;
  if (db_->Get(ro, cf_, CheckpointKeyString(), &value).ok() &&
      value.size() == 8) {
    position_ = log::GetBigEndian64(value);
  }
}

ReadView::~ReadView() {
  point_.reset();  // before the snapshot it reads
  db_->ReleaseSnapshot(snapshot_);
}

rocksdb::Iterator* ReadView::PointIterator() const {
  if (point_ == nullptr) {
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot_;
    point_.reset(db_->NewIterator(ro, cf_));
  }
  return point_.get();
}

absl::StatusOr<std::optional<EntityVersion>> ReadView::Get(
    absl::string_view key, uint64_t as_of) const {
  const std::string prefix = HistoryPrefix(key);
  rocksdb::Iterator* it = PointIterator();
  it->SeekForPrev(HistoryKey(key, std::min(as_of, position_)));
  if (!it->status().ok()) return FromRocks(it->status(), "reading a projection");
  if (!it->Valid() || !it->key().starts_with(prefix) ||
      it->key().size() != prefix.size() + 8) {
    return std::optional<EntityVersion>();
  }
  const rocksdb::Slice v = it->value();
  if (v.empty() || v[0] != 'v') return std::optional<EntityVersion>();
  EntityVersion out;
  out.key = std::string(key);
  out.value = std::string(v.data() + 1, v.size() - 1);
  out.position =
      log::GetBigEndian64(absl::string_view(it->key().data() + prefix.size(), 8));
  return std::optional<EntityVersion>(std::move(out));
}

absl::StatusOr<std::vector<EntityVersion>> ReadView::Scan(
    absl::string_view prefix, uint64_t as_of, absl::string_view start_after,
    size_t limit) const {
  std::vector<EntityVersion> out;
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_));
  // Walk the current keys to find the entities (including ones deleted later
  // would be missed, so walk history instead when reading the past).
  const bool current = as_of >= position_;
  std::string seek = current ? CurrentKey(prefix) : HistoryPrefix(prefix);
  if (!current) seek.pop_back();  // the prefix, not a whole entity
  const std::string scan_prefix = seek;
  if (!start_after.empty()) {
    // The first key past every key of the start_after entity.
    if (current) {
      seek = CurrentKey(start_after);
      seek.push_back('\0');
    } else {
      seek = HistoryPrefix(start_after);
      seek.back() = '\x01';
    }
  }
  for (it->Seek(seek); it->Valid() && out.size() < limit;) {
    const rocksdb::Slice k = it->key();
    if (!k.starts_with(scan_prefix)) break;
    if (current) {
      EntityVersion e;
      e.key = std::string(k.data() + 2, k.size() - 2);
      e.value = it->value().ToString();
      out.push_back(std::move(e));
      it->Next();
      continue;
    }
    // History: the entity key lies between "h\0" and the last "\0" + 8 bytes.
    const std::string entity(k.data() + 2, k.size() - 2 - 9);
    absl::StatusOr<std::optional<EntityVersion>> v = Get(entity, as_of);
    if (!v.ok()) return v.status();
    if (v->has_value()) out.push_back(**v);
    // Jump past this entity's versions.
    std::string next = HistoryPrefix(entity);
    next.back() = '\x01';
    it->Seek(next);
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scanning a projection");
  if (current) {
    // Current values carry the version's position in the history; fill it.
    for (EntityVersion& e : out) {
      auto v = Get(e.key, position_);
      if (v.ok() && v->has_value()) e.position = (*v)->position;
    }
  }
  return out;
}

absl::Status ReadView::History(
    absl::string_view key,
    const std::function<void(uint64_t, bool, absl::string_view)>& visit) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  const std::string prefix = HistoryPrefix(key);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);
       it->Next()) {
    if (it->key().size() != prefix.size() + 8) continue;
    const uint64_t p = log::GetBigEndian64(
        absl::string_view(it->key().data() + prefix.size(), 8));
    if (p > position_) break;
    const rocksdb::Slice v = it->value();
    const bool deleted = v.empty() || v[0] != 'v';
    visit(p, deleted,
          deleted ? absl::string_view()
                  : absl::string_view(v.data() + 1, v.size() - 1));
  }
  return FromRocks(it->status(), "reading history");
}

absl::StatusOr<std::vector<EntityChange>> ReadView::HistoryPage(
    absl::string_view key, uint64_t after, uint64_t as_of, size_t limit) const {
  std::vector<EntityChange> out;
  const uint64_t upto = std::min(as_of, position_);
  if (after >= upto || limit == 0) return out;
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  const std::string prefix = HistoryPrefix(key);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_));
  for (it->Seek(HistoryKey(key, after + 1));
       it->Valid() && it->key().starts_with(prefix) && out.size() < limit;
       it->Next()) {
    if (it->key().size() != prefix.size() + 8) continue;
    const uint64_t p = log::GetBigEndian64(
        absl::string_view(it->key().data() + prefix.size(), 8));
    if (p > upto) break;
    const rocksdb::Slice v = it->value();
    EntityChange change;
    change.position = p;
    change.deleted = v.empty() || v[0] != 'v';
    if (!change.deleted) change.value.assign(v.data() + 1, v.size() - 1);
    out.push_back(std::move(change));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading history");
  return out;
}

absl::StatusOr<std::unique_ptr<ProjectionStore>> ProjectionStore::Open(
    const std::string& path) {
  rocksdb::DBOptions dbo;
  dbo.create_if_missing = true;
  dbo.create_missing_column_families = true;
  dbo.max_background_jobs = 2;
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names)
           .ok()) {
    names = {rocksdb::kDefaultColumnFamilyName};
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& n : names) {
    descriptors.emplace_back(n, n == rocksdb::kDefaultColumnFamilyName
                                    ? rocksdb::ColumnFamilyOptions()
                                    : SlotOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(dbo, path, descriptors, &handles, &raw);
  if (!s.ok()) return FromRocks(s, absl::StrCat("opening projections at ", path));
  std::unique_ptr<ProjectionStore> store(new ProjectionStore());
  store->path_ = path;
  store->db_.reset(raw);
  MutexLock lock(&store->mu_);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == rocksdb::kDefaultColumnFamilyName) {
      store->default_cf_ = handles[i];
    } else {
      store->slots_[names[i]] = store->Own(handles[i]);
    }
  }
  return store;
}

ProjectionStore::~ProjectionStore() {
  if (db_ == nullptr) return;
  MutexLock lock(&mu_);
  slots_.clear();  // views must not outlive the store
  db_->DestroyColumnFamilyHandle(default_cf_);
  db_->Close();
}

absl::StatusOr<rocksdb::ColumnFamilyHandle*> ProjectionStore::Slot(
    const std::string& name, int version) {
  const std::string slot = SlotName(name, version);
  MutexLock lock(&mu_);
  if (auto it = slots_.find(slot); it != slots_.end()) return it->second.get();
  rocksdb::ColumnFamilyHandle* h = nullptr;
  rocksdb::Status s =
      db_->CreateColumnFamily(SlotOptions(), slot, &h);
  if (!s.ok()) return FromRocks(s, "creating " + slot);
  slots_[slot] = Own(h);
  return h;
}

bool ProjectionStore::HasSlot(const std::string& name, int version) {
  MutexLock lock(&mu_);
  return slots_.count(SlotName(name, version)) > 0;
}

absl::Status ProjectionStore::DropSlot(const std::string& name, int version) {
  const std::string slot = SlotName(name, version);
  MutexLock lock(&mu_);
  auto it = slots_.find(slot);
  if (it == slots_.end()) return absl::OkStatus();
  rocksdb::Status s = db_->DropColumnFamily(it->second.get());
  if (!s.ok()) return FromRocks(s, "dropping " + slot);
  slots_.erase(it);  // open views keep the handle, and the data, alive
  return absl::OkStatus();
}

std::vector<int> ProjectionStore::Versions(const std::string& name) {
  std::vector<int> out;
  MutexLock lock(&mu_);
  const std::string prefix = name + "@v";
  for (const auto& [slot, h] : slots_) {
    int v = 0;
    if (absl::StartsWith(slot, prefix) &&
        absl::SimpleAtoi(slot.substr(prefix.size()), &v)) {
      out.push_back(v);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

absl::StatusOr<std::optional<int>> ProjectionStore::ActiveVersion(
    const std::string& name) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), default_cf_,
                               "active/" + name, &value);
  if (s.IsNotFound()) return std::optional<int>();
  if (!s.ok()) return FromRocks(s, "reading the active version");
  int v = 0;
  if (!absl::SimpleAtoi(value, &v)) {
    return absl::DataLossError("projection store: malformed active version");
  }
  return std::optional<int>(v);
}

absl::Status ProjectionStore::SetActiveVersion(const std::string& name,
                                               int version) {
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(db_->Put(wo, default_cf_, "active/" + name,
                            absl::StrCat(version)),
                   "switching the active version");
}

absl::StatusOr<uint64_t> ProjectionStore::Checkpoint(const std::string& name,
                                                     int version) {
  absl::StatusOr<rocksdb::ColumnFamilyHandle*> cf = Slot(name, version);
  if (!cf.ok()) return cf.status();
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), *cf, CheckpointKeyString(), &value);
  if (s.IsNotFound()) return 0;
  if (!s.ok()) return FromRocks(s, "reading a checkpoint");
  if (value.size() != 8) return absl::DataLossError("malformed checkpoint");
  return log::GetBigEndian64(value);
}

absl::StatusOr<std::unique_ptr<ReadView>> ProjectionStore::Read(
    const std::string& name, int version) {
  std::shared_ptr<rocksdb::ColumnFamilyHandle> handle;
  {
    MutexLock lock(&mu_);
    auto it = slots_.find(SlotName(name, version));
    if (it == slots_.end()) {
      return absl::NotFoundError(absl::StrCat("projection store: no version ",
                                              version, " of '", name, "'"));
    }
    handle = it->second;
  }
  return std::make_unique<ReadView>(db_.get(), std::move(handle), name,
                                    version);
}

std::shared_ptr<rocksdb::ColumnFamilyHandle> ProjectionStore::Own(
    rocksdb::ColumnFamilyHandle* handle) {
  rocksdb::DB* db = db_.get();
  return std::shared_ptr<rocksdb::ColumnFamilyHandle>(
      handle, [db](rocksdb::ColumnFamilyHandle* h) {
        db->DestroyColumnFamilyHandle(h);
      });
}

}  // namespace concordia::projection
