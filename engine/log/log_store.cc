#include "engine/log/log_store.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/common/status_macros.h"
#include "engine/log/record_codec.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/memtablerep.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"

namespace concordia::log {
namespace {

constexpr const char* kRecordsCf = "records";
constexpr const char* kStreamIndexCf = "stream_index";
constexpr const char* kEventIdsCf = "event_ids";

// The stream index's key up to and including the NUL that ends the stream
// name (stream names hold no NUL): the stream whose versions follow.
class StreamPrefix : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "concordia.StreamPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    const void* nul = std::memchr(key.data(), '\0', key.size());
    return rocksdb::Slice(key.data(),
                          static_cast<const char*>(nul) - key.data() + 1);
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return std::memchr(key.data(), '\0', key.size()) != nullptr;
  }
};

rocksdb::ColumnFamilyOptions CfOptions(
    const std::shared_ptr<rocksdb::Cache>& cache, const std::string& name) {
  rocksdb::ColumnFamilyOptions cfo;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  if (name == kEventIdsCf) {
    // Event ids are random 16-byte keys, only ever looked up whole: a hashed
    // memtable inserts them without a skip-list search, and bloom filters
    // answer the common "never seen" lookup without reading a block.
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    cfo.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(16));
    cfo.memtable_factory.reset(rocksdb::NewHashLinkListRepFactory(1 << 16));
  } else if (name == kRecordsCf) {
    // Positions only grow: one insert hint (the empty prefix) lets the
    // memtable append each record after the last without a skip-list search.
    cfo.memtable_insert_with_hint_prefix_extractor.reset(
        rocksdb::NewFixedPrefixTransform(0));
  } else if (name == kStreamIndexCf) {
    // Each stream's versions only grow: one insert hint per stream. A fold
    // looks up the version after its cached state, usually absent: bloom
    // filters on the whole key answer that without reading a block.
    cfo.memtable_insert_with_hint_prefix_extractor =
        std::make_shared<StreamPrefix>();
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  }
  cfo.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cfo.write_buffer_size = 32 << 20;
  return cfo;
}

}  // namespace

absl::Status StoreCorrupted(uint64_t position, absl::string_view what) {
  return Error(absl::StatusCode::kDataLoss, "STORE_CORRUPTED",
               absl::StrCat("store integrity: ", what, " at position ",
                            position, "; the log refuses writes"),
               {{"position", absl::StrCat(position)}});
}

absl::Status FromRocks(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  const std::string msg = absl::StrCat(what, ": ", s.ToString());
  if (s.IsCorruption()) return absl::DataLossError(msg);
  if (s.IsNotFound()) return absl::NotFoundError(msg);
  if (s.IsInvalidArgument()) return absl::FailedPreconditionError(msg);
  return absl::UnavailableError(msg);
}

std::string PositionKey(uint64_t position) {
  std::string key;
  PutBigEndian64(&key, position);
  return key;
}

std::string StreamIndexKey(absl::string_view stream, uint64_t version) {
  std::string key(stream);
  key.push_back('\0');
  PutBigEndian64(&key, version);
  return key;
}

LogStore::~LogStore() {
  if (db_ != nullptr) {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    db_->Close();
  }
}

void LogStore::WakeWaiters() {
  for (Waiter* w : waiters) {
    if (w->woken) continue;
    const uint64_t next = w->next->load();
    if (next > committed) continue;  // nothing new for it
    bool wake = w->on_skip == nullptr || live.empty() ||
                live.front().position > next;  // behind the cache: disk
    for (size_t i = wake ? live.size() : next - live.front().position;
         i < live.size(); ++i) {
      if (w->filter->Matches(live[i].stream, live[i].type)) {
        wake = true;
        break;
      }
    }
    if (wake) {
      w->woken = true;
      w->cv.Signal();
    } else {
      w->next->store(committed + 1);
      (*w->on_skip)(committed + 1);
    }
  }
}

void LogStore::WakeAllWaiters() {
  for (Waiter* w : waiters) {
    w->woken = true;
    w->cv.Signal();
  }
}

absl::Status LogStore::OpenDb(const std::string& path) {
  rocksdb::DBOptions dbo;
  dbo.create_if_missing = true;
  dbo.create_missing_column_families = true;
  dbo.max_background_jobs = 2;
  dbo.keep_log_file_num = 4;
  // One commit leader writes at a time, and the hashed memtable of event_ids
  // needs it.
  dbo.allow_concurrent_memtable_write = false;
  auto cache = rocksdb::NewLRUCache(64 << 20);

  std::vector<std::string> names;
  rocksdb::Status listed =
      rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names);
  if (!listed.ok()) names.clear();  // a new database
  for (const char* wanted :
       {rocksdb::kDefaultColumnFamilyName.c_str(), kRecordsCf, kStreamIndexCf,
        kEventIdsCf}) {
    if (std::find(names.begin(), names.end(), wanted) == names.end()) {
      names.push_back(wanted);
    }
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) {
    descriptors.emplace_back(name, CfOptions(cache, name));
  }
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      rocksdb::DB::Open(dbo, path, descriptors, &handles_, &raw);
  if (!s.ok()) return FromRocks(s, absl::StrCat("opening the log at ", path));
  db_.reset(raw);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == rocksdb::kDefaultColumnFamilyName) cf_meta_ = handles_[i];
    if (names[i] == kRecordsCf) cf_records_ = handles_[i];
    if (names[i] == kStreamIndexCf) cf_stream_index_ = handles_[i];
    if (names[i] == kEventIdsCf) cf_event_ids_ = handles_[i];
  }
  return absl::OkStatus();
}

absl::StatusOr<rocksdb::ColumnFamilyHandle*> LogStore::ColumnFamily(
    const std::string& name) {
  MutexLock lock(&cf_mu_);
  for (auto* h : handles_) {
    if (h->GetName() == name) return h;
  }
  rocksdb::ColumnFamilyHandle* h = nullptr;
  rocksdb::Status s =
      db_->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), name, &h);
  if (!s.ok()) return FromRocks(s, "creating column family " + name);
  handles_.push_back(h);
  return h;
}

absl::StatusOr<std::string> LogStore::GetRaw(uint64_t position) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_records_,
                               PositionKey(position), &value);
  if (s.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat("no record at position ", position));
  }
  if (!s.ok()) return FromRocks(s, "reading a record");
  return value;
}

absl::StatusOr<Record> LogStore::Get(uint64_t position) const {
  absl::StatusOr<std::string> raw = GetRaw(position);
  if (!raw.ok()) return raw.status();
  return DecodeRecord(*raw);
}

absl::StatusOr<uint64_t> LogStore::StreamVersion(
    absl::string_view stream) const {
  std::string prefix(stream);
  prefix.push_back('\0');
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), cf_stream_index_));
  it->SeekForPrev(StreamIndexKey(stream, UINT64_MAX));
  if (!it->status().ok()) return FromRocks(it->status(), "reading a stream");
  if (!it->Valid() || !it->key().starts_with(prefix) ||
      it->key().size() != prefix.size() + 8) {
    return 0;
  }
  return GetBigEndian64(
      absl::string_view(it->key().data() + prefix.size(), 8));
}

absl::StatusOr<uint64_t> LogStore::StreamPosition(absl::string_view stream,
                                                  uint64_t version) const {
  CONCORDIA_ASSIGN_OR_RETURN(std::optional<uint64_t> position,
                             IndexedPosition(stream, version));
  if (!position.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("stream '", stream, "' has no version ", version));
  }
  return *position;
}

absl::StatusOr<std::optional<uint64_t>> LogStore::IndexedPosition(
    absl::string_view stream, uint64_t version) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_stream_index_,
                               StreamIndexKey(stream, version), &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) return FromRocks(s, "reading the stream index");
  if (value.size() != 8) return absl::DataLossError("stream index: bad value");
  return GetBigEndian64(value);
}

absl::StatusOr<uint64_t> LogStore::GetEventIdPosition(
    absl::string_view id) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_event_ids_,
                               rocksdb::Slice(id.data(), id.size()), &value);
  if (s.IsNotFound()) return absl::NotFoundError("unknown event id");
  if (!s.ok()) return FromRocks(s, "reading the event id index");
  if (value.size() != 8) return absl::DataLossError("event id index: bad value");
  return GetBigEndian64(value);
}

absl::StatusOr<std::vector<Record>> LogStore::ReadRange(
    uint64_t from, size_t max_count, const RecordFilter& filter,
    uint64_t max_scan, uint64_t* scanned_to, uint64_t upto) const {
  std::vector<Record> out;
  if (from == 0) from = 1;
  uint64_t last = upto;
  if (max_scan > 0 && from + max_scan - 1 < last) last = from + max_scan - 1;
  if (scanned_to != nullptr) *scanned_to = from - 1;
  if (from > last || max_count == 0) return out;
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  const std::string upper = PositionKey(last + 1);
  rocksdb::Slice upper_slice(upper);
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_records_));
  uint64_t expected = from;
  const bool select_all = filter.stream_prefix.empty() && filter.event_types.empty();
  for (it->Seek(PositionKey(from)); it->Valid(); it->Next()) {
    const rocksdb::Slice key = it->key();
    const uint64_t position =
        key.size() == 8 ? GetBigEndian64(absl::string_view(key.data(), 8)) : 0;
    if (position != expected) {
      return StoreCorrupted(expected, "the record is missing");
    }
    ++expected;
    if (scanned_to != nullptr) *scanned_to = position;
    const absl::string_view value(it->value().data(), it->value().size());
    if (!select_all) {
      absl::string_view stream, type;
      if (!PeekStreamAndType(value, &stream, &type)) {
        return StoreCorrupted(position, "a malformed record");
      }
      if (!filter.Matches(stream, type)) continue;
    }
    absl::StatusOr<Record> r = DecodeRecord(value);
    if (!r.ok()) return r.status();
    out.push_back(*std::move(r));
    if (out.size() >= max_count) break;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scanning the log");
  if (expected <= last && out.size() < max_count) {
    return StoreCorrupted(expected, "the record is missing");
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> LogStore::ReadRawRange(
    uint64_t from, size_t count, uint64_t upto) const {
  std::vector<std::string> out;
  if (from == 0 || count == 0 || from > upto) return out;
  const uint64_t last = std::min<uint64_t>(upto, from + count - 1);
  rocksdb::ReadOptions ro;
  const std::string upper = PositionKey(last + 1);
  rocksdb::Slice upper_slice(upper);
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_records_));
  uint64_t expected = from;
  for (it->Seek(PositionKey(from)); it->Valid(); it->Next(), ++expected) {
    if (it->key().ToString() != PositionKey(expected)) {
      return StoreCorrupted(expected, "the record is missing");
    }
    out.push_back(it->value().ToString());
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading the log");
  if (expected <= last) {
    return StoreCorrupted(expected, "the record is missing");
  }
  return out;
}

absl::StatusOr<std::vector<Record>> LogStore::ReadStream(
    absl::string_view stream, uint64_t from_version, size_t max_count,
    bool forward, uint64_t upto) const {
  if (max_count == 0) return std::vector<Record>();
  std::vector<uint64_t> positions;
  if (forward) {
    // A fold of a cached state usually finds a tail of a few events, often
    // none. Versions are dense, so the first versions of the tail are point
    // lookups (bloom filters, no merging iterator over every memtable and
    // file); only a longer tail opens an iterator where they stop.
    uint64_t version = std::max<uint64_t>(from_version, 1);
    bool tail_ended = false;
    while (positions.size() < std::min(max_count, kStreamPointLookups)) {
      CONCORDIA_ASSIGN_OR_RETURN(std::optional<uint64_t> position,
                                 IndexedPosition(stream, version));
      if (!position.has_value() || *position > upto) {  // end, or uncommitted
        tail_ended = true;
        break;
      }
      positions.push_back(*position);
      ++version;
    }
    if (tail_ended || positions.size() == max_count) {
      return RecordsAt(stream, positions);
    }
    from_version = version;
  }
  std::string prefix(stream);
  prefix.push_back('\0');
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), cf_stream_index_));
  if (forward) {
    it->Seek(StreamIndexKey(stream, from_version));
  } else {
    it->SeekForPrev(StreamIndexKey(
        stream, from_version == 0 ? UINT64_MAX : from_version));
  }
  for (; it->Valid() && positions.size() < max_count;
       forward ? it->Next() : it->Prev()) {
    const rocksdb::Slice key = it->key();
    if (!key.starts_with(prefix) || key.size() != prefix.size() + 8) break;
    if (it->value().size() != 8) {
      return absl::DataLossError("stream index: bad value");
    }
    const uint64_t position =
        GetBigEndian64(absl::string_view(it->value().data(), 8));
    if (position > upto) {
      if (forward) break;
      continue;  // not yet committed
    }
    positions.push_back(position);
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading a stream");
  return RecordsAt(stream, positions);
}

absl::StatusOr<std::vector<Record>> LogStore::RecordsAt(
    absl::string_view stream, const std::vector<uint64_t>& positions) const {
  std::vector<Record> out;
  out.reserve(positions.size());
  for (uint64_t p : positions) {
    absl::StatusOr<Record> r = Get(p);
    if (!r.ok()) {
      if (absl::IsNotFound(r.status())) {
        return absl::DataLossError(absl::StrCat(
            "stream '", stream, "' names position ", p, ", which is missing"));
      }
      return r.status();
    }
    out.push_back(*std::move(r));
  }
  return out;
}

}  // namespace concordia::log
