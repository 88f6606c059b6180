#include "engine/projection/pending_writes.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/log/record_codec.h"
#include "engine/projection/projection_store.h"
#include "rocksdb/sst_file_writer.h"

namespace concordia::projection {

void PendingWrites::Put(absl::string_view entity, uint64_t position,
                        absl::string_view value) {
  std::string versioned;
  versioned.reserve(value.size() + 1);
  versioned.push_back('v');
  versioned.append(value.data(), value.size());
  bytes_ += 2 * (entity.size() + value.size()) + 16;
  versions_.emplace_back(HistoryKey(entity, position), std::move(versioned));
  current_[entity] = std::string(value);
}

void PendingWrites::Delete(absl::string_view entity, uint64_t position) {
  bytes_ += 2 * entity.size() + 16;
  versions_.emplace_back(HistoryKey(entity, position), std::string("x"));
  current_[entity] = std::nullopt;
}

const std::optional<std::string>* PendingWrites::Current(
    absl::string_view entity) const {
  auto it = current_.find(entity);
  return it == current_.end() ? nullptr : &it->second;
}

void PendingWrites::Clear() {
  current_.clear();
  versions_.clear();
  bytes_ = 0;
}

std::vector<std::pair<std::string, const std::optional<std::string>*>>
PendingWrites::Sorted(uint64_t checkpoint,
                      std::optional<std::string>* checkpoint_value) const {
  std::vector<std::pair<std::string, const std::optional<std::string>*>> out;
  out.reserve(current_.size() + versions_.size() + 1);
  for (const auto& [entity, value] : current_) {
    out.emplace_back(CurrentKey(entity), &value);
  }
  for (const auto& [key, value] : versions_) out.emplace_back(key, &value);
  std::string cp;
  log::PutBigEndian64(&cp, checkpoint);
  *checkpoint_value = std::move(cp);
  out.emplace_back(std::string(kCheckpointKey, sizeof(kCheckpointKey)),
                   checkpoint_value);
  // Stable, so that of two writes of one key (an entity written twice for
  // one record) the later one wins, as in a write batch.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.first < b.first;
  });
  size_t kept = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if (i + 1 < out.size() && out[i + 1].first == out[i].first) continue;
    if (kept != i) out[kept] = std::move(out[i]);
    ++kept;
  }
  out.resize(kept);
  return out;
}

void PendingWrites::AppendTo(rocksdb::ColumnFamilyHandle* cf,
                             uint64_t checkpoint,
                             rocksdb::WriteBatch* batch) const {
  std::optional<std::string> cp;
  for (const auto& [key, value] : Sorted(checkpoint, &cp)) {
    if (value->has_value()) {
      batch->Put(cf, key, **value);
    } else {
      batch->Delete(cf, key);
    }
  }
}

absl::Status PendingWrites::Ingest(rocksdb::DB* db,
                                   rocksdb::ColumnFamilyHandle* cf,
                                   uint64_t checkpoint,
                                   const std::string& path) const {
  rocksdb::Options options(db->GetDBOptions(), db->GetOptions(cf));
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, cf);
  rocksdb::Status s = writer.Open(path);
  std::optional<std::string> cp;
  for (const auto& [key, value] : Sorted(checkpoint, &cp)) {
    if (!s.ok()) break;
    s = value->has_value() ? writer.Put(key, **value) : writer.Delete(key);
  }
  if (s.ok()) s = writer.Finish();
  if (s.ok()) {
    rocksdb::IngestExternalFileOptions ingest;
    ingest.move_files = true;
    s = db->IngestExternalFile(cf, {path}, ingest);
  }
  if (!s.ok()) {
    return absl::UnavailableError(
        absl::StrCat("ingesting a bulk chunk: ", s.ToString()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> PendingEntityWriter::Get(
    absl::string_view key) {
  if (const std::optional<std::string>* v = pending_->Current(key)) return *v;
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
