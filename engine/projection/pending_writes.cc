#include "engine/projection/pending_writes.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/log/record_codec.h"
#include "engine/projection/projection_store.h"
#include "rocksdb/sst_file_writer.h"

namespace concordia::projection {

namespace {

// Arena blocks start small (a batch of one record writes a few hundred
// bytes) and double up to the largest; a value of more than a quarter of
// the largest gets a block of its own.
constexpr size_t kFirstBlock = 4 << 10;
constexpr size_t kLargestBlock = 1 << 20;

}  // namespace

absl::string_view PendingWrites::Keep(absl::string_view a,
                                      absl::string_view b) {
  const size_t n = a.size() + b.size();
  char* out;
  if (n > kLargestBlock / 4) {
    large_.push_back(std::unique_ptr<char[]>(new char[n]));
    out = large_.back().get();
  } else {
    if (n > arena_left_) {
      if (next_block_ == blocks_.size()) {
        const size_t size =
            blocks_.empty() ? kFirstBlock
                            : std::min(2 * blocks_.back().size, kLargestBlock);
        blocks_.push_back({std::unique_ptr<char[]>(new char[size]), size});
      }
      Block& block = blocks_[next_block_++];
      arena_next_ = block.bytes.get();
      arena_left_ = block.size;
    }
    out = arena_next_;
    arena_next_ += n;
    arena_left_ -= n;
  }
  if (!a.empty()) std::memcpy(out, a.data(), a.size());
  if (!b.empty()) std::memcpy(out + a.size(), b.data(), b.size());
  return absl::string_view(out, n);
}

void PendingWrites::Add(absl::string_view entity, uint64_t position, char tag,
                        absl::string_view value) {
  auto it = index_.find(entity);
  size_t i;
  if (it != index_.end()) {
    i = it->second;
  } else {
    i = entities_.size();
    entities_.emplace_back();
    entities_.back().name = Keep(entity, {});
    // Keyed by the arena's copy, not the caller's bytes.
    index_.emplace(entities_.back().name, i);
  }
  Entity& e = entities_[i];
  const absl::string_view stored = Keep(absl::string_view(&tag, 1), value);
  // Records come in position order, so a version nearly always goes last.
  auto at = e.versions.end();
  while (at != e.versions.begin() && (at - 1)->position > position) --at;
  if (at != e.versions.begin() && (at - 1)->position == position) {
    (at - 1)->stored = stored;  // of two writes for one record, the later
  } else {
    e.versions.insert(at, Version{position, stored});
  }
}

void PendingWrites::Put(absl::string_view entity, uint64_t position,
                        absl::string_view value) {
  bytes_ += 2 * (entity.size() + value.size()) + 16;
  Add(entity, position, 'v', value);
}

void PendingWrites::Delete(absl::string_view entity, uint64_t position) {
  bytes_ += 2 * entity.size() + 16;
  Add(entity, position, 'x', {});
}

bool PendingWrites::Current(absl::string_view entity,
                            std::optional<std::string>* value) const {
  std::optional<absl::string_view> view;
  if (!CurrentView(entity, &view)) return false;
  if (view.has_value()) {
    value->emplace(*view);
  } else {
    value->reset();
  }
  return true;
}

bool PendingWrites::CurrentView(absl::string_view entity,
                                std::optional<absl::string_view>* value) const {
  auto it = index_.find(entity);
  if (it == index_.end()) return false;
  const Version& v = entities_[it->second].versions.back();
  if (v.deleted()) {
    value->reset();
  } else {
    *value = v.value();
  }
  return true;
}

void PendingWrites::Clear() {
  index_.clear();
  entities_.clear();
  large_.clear();
  next_block_ = 0;
  arena_left_ = 0;
  arena_next_ = nullptr;
  bytes_ = 0;
}

template <typename Emit>
absl::Status PendingWrites::EmitSorted(uint64_t checkpoint, Emit&& emit) const {
  // The layout's order: every current key ("c" 0x00 entity) by entity, then
  // every version ("h" 0x00 entity 0x00 position) by entity and position —
  // entity names hold no 0x00, so these orders are the keys' own — then the
  // checkpoint ("m" 0x00 ...). Each entity's versions are already in
  // position order: only the entities need sorting.
  std::vector<const Entity*> order;
  order.reserve(entities_.size());
  for (const Entity& e : entities_) order.push_back(&e);
  std::sort(order.begin(), order.end(), [](const Entity* a, const Entity* b) {
    return a->name < b->name;
  });
  std::string key;
  for (const Entity* e : order) {
    key.assign("c");
    key.push_back('\0');
    key.append(e->name.data(), e->name.size());
    const Version& v = e->versions.back();
    const absl::string_view value = v.value();
    CONCORDIA_RETURN_IF_ERROR(emit(key, v.deleted() ? nullptr : &value));
  }
  for (const Entity* e : order) {
    // As HistoryKey (projection_store.h) lays it out.
    key.assign("h");
    key.push_back('\0');
    key.append(e->name.data(), e->name.size());
    key.push_back('\0');
    const size_t prefix = key.size();
    for (const Version& v : e->versions) {
      key.resize(prefix);
      log::PutBigEndian64(&key, v.position);
      CONCORDIA_RETURN_IF_ERROR(emit(key, &v.stored));
    }
  }
  std::string cp;
  log::PutBigEndian64(&cp, checkpoint);
  const absl::string_view cp_view = cp;
  return emit(absl::string_view(kCheckpointKey, sizeof(kCheckpointKey)),
              &cp_view);
}

void PendingWrites::AppendTo(rocksdb::ColumnFamilyHandle* cf,
                             uint64_t checkpoint,
                             rocksdb::WriteBatch* batch) const {
  EmitSorted(checkpoint,
             [&](absl::string_view key, const absl::string_view* v) {
               const rocksdb::Slice k(key.data(), key.size());
               if (v != nullptr) {
                 batch->Put(cf, k, rocksdb::Slice(v->data(), v->size()));
               } else {
                 batch->Delete(cf, k);
               }
               return absl::OkStatus();
             })
      .IgnoreError();
}

absl::Status PendingWrites::Ingest(rocksdb::DB* db,
                                   rocksdb::ColumnFamilyHandle* cf,
                                   uint64_t checkpoint,
                                   const std::string& path) const {
  rocksdb::Options options(db->GetDBOptions(), db->GetOptions(cf));
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, cf);
  auto failed = [](const rocksdb::Status& s) {
    return absl::UnavailableError(
        absl::StrCat("ingesting a bulk chunk: ", s.ToString()));
  };
  rocksdb::Status s = writer.Open(path);
  if (!s.ok()) return failed(s);
  CONCORDIA_RETURN_IF_ERROR(EmitSorted(
      checkpoint,
      [&](absl::string_view key, const absl::string_view* v) {
        const rocksdb::Slice k(key.data(), key.size());
        const rocksdb::Status w =
            v != nullptr ? writer.Put(k, rocksdb::Slice(v->data(), v->size()))
                         : writer.Delete(k);
        return w.ok() ? absl::OkStatus() : failed(w);
      }));
  s = writer.Finish();
  if (!s.ok()) return failed(s);
  rocksdb::IngestExternalFileOptions ingest;
  ingest.move_files = true;
  s = db->IngestExternalFile(cf, {path}, ingest);
  if (!s.ok()) return failed(s);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> PendingEntityWriter::Get(
    absl::string_view key) {
  std::optional<std::string> pending;
  if (pending_->Current(key, &pending)) return pending;
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), cf_, CurrentKey(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return absl::UnavailableError(s.ToString());
  return std::optional<std::string>(std::move(value));
}

absl::StatusOr<bool> PendingEntityWriter::Read(
    absl::string_view key, absl::FunctionRef<void(absl::string_view)> fn) {
  std::optional<absl::string_view> pending;
  if (pending_->CurrentView(key, &pending)) {
    if (!pending.has_value()) return false;
    fn(*pending);
    return true;
  }
  // Pinned in the block cache or the memtable rather than copied.
  rocksdb::PinnableSlice value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), cf_, CurrentKey(key), &value);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return absl::UnavailableError(s.ToString());
  fn(absl::string_view(value.data(), value.size()));
  return true;
}

void PendingEntityWriter::Put(absl::string_view key, absl::string_view value) {
  if (CheckKey(key)) pending_->Put(key, position_, value);
}

void PendingEntityWriter::Delete(absl::string_view key) {
  if (CheckKey(key)) pending_->Delete(key, position_);
}

bool PendingEntityWriter::CheckKey(absl::string_view key) {
  if (key.empty() || key.find('\0') != absl::string_view::npos) {
    if (status_.ok()) {
      status_ = absl::InternalError(
          "projection wrote an empty key or a key containing NUL");
    }
    return false;
  }
  return true;
}

}  // namespace concordia::projection
