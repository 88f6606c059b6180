#include "engine/projection/pending_writes.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/log/record_codec.h"
#include "engine/projection/projection_store.h"
#include "rocksdb/sst_file_writer.h"

namespace concordia::projection {

void PendingWrites::Put(absl::string_view entity, uint64_t position,
                        absl::string_view value) {
  bytes_ += 2 * (entity.size() + value.size()) + 16;
  std::string stored;
  stored.reserve(value.size() + 1);
  stored.push_back('v');
  stored.append(value.data(), value.size());
  versions_.push_back({std::string(entity), position, std::move(stored)});
  current_[versions_.back().entity] = versions_.size() - 1;
}

void PendingWrites::Delete(absl::string_view entity, uint64_t position) {
  bytes_ += 2 * entity.size() + 16;
  versions_.push_back({std::string(entity), position, std::string("x")});
  current_[versions_.back().entity] = versions_.size() - 1;
}

bool PendingWrites::Current(absl::string_view entity,
                            std::optional<std::string>* value) const {
  auto it = current_.find(entity);
  if (it == current_.end()) return false;
  const Version& v = versions_[it->second];
  if (v.deleted()) {
    value->reset();
  } else {
    *value = std::string(v.value());
  }
  return true;
}

void PendingWrites::Clear() {
  current_.clear();
  versions_.clear();
  bytes_ = 0;
}

absl::Status PendingWrites::EmitSorted(
    uint64_t checkpoint,
    const std::function<absl::Status(absl::string_view,
                                     const absl::string_view*)>& emit) const {
  // The layout's order: every current key ("c" 0x00 entity) by entity, then
  // every version ("h" 0x00 entity 0x00 position) by entity and position —
  // entity names hold no 0x00, so these orders are the keys' own — then the
  // checkpoint ("m" 0x00 ...).
  std::vector<std::pair<absl::string_view, size_t>> current(current_.begin(),
                                                            current_.end());
  std::sort(current.begin(), current.end());
  std::vector<size_t> order(versions_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Version& x = versions_[a];
    const Version& y = versions_[b];
    return x.entity != y.entity ? x.entity < y.entity : x.position < y.position;
  });
  std::string key;
  for (const auto& [entity, index] : current) {
    key.assign("c");
    key.push_back('\0');
    key.append(entity.data(), entity.size());
    const Version& v = versions_[index];
    const absl::string_view value = v.value();
    CONCORDIA_RETURN_IF_ERROR(emit(key, v.deleted() ? nullptr : &value));
  }
  for (size_t k = 0; k < order.size(); ++k) {
    const Version& v = versions_[order[k]];
    // Of two writes of one entity for one record, the later wins.
    if (k + 1 < order.size()) {
      const Version& next = versions_[order[k + 1]];
      if (next.entity == v.entity && next.position == v.position) continue;
    }
    key = HistoryKey(v.entity, v.position);
    const absl::string_view stored = v.stored;
    CONCORDIA_RETURN_IF_ERROR(emit(key, &stored));
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
