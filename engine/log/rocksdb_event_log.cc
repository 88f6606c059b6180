#include "engine/log/rocksdb_event_log.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/common/status_macros.h"
#include "engine/log/append_validation.h"
#include "engine/log/record_codec.h"
#include "engine/log/subscription.h"

namespace concordia::log {

// One queued append and, once done, its result.
struct RocksEventLog::Writer {
  std::vector<StreamAppend> parts;  // one for Append, several for AppendAll
  size_t event_count = 0;           // over every part
  bool done = false;
  // The outcome: an error, or the first part's result (with every part's in
  // `results`).
  absl::StatusOr<AppendResult> result = absl::UnknownError("not committed");
  std::vector<AppendResult> results;
  CondVar cv;
  // Set while staging: the records this writer adds to the batch, and their
  // stored bytes.
  std::vector<Record> staged;
  std::vector<std::string> raw;
};

// What earlier writers of the same group changed, which later writers of the
// group must see.
struct RocksEventLog::GroupState {
  uint64_t position = 0;  // last position assigned
  Sha256Digest hash;      // hash of that position's record
  int64_t recorded_micros = 0;
  // Versions of the streams this group touched.
  absl::flat_hash_map<std::string, uint64_t> streams;
  // Event ids staged by this group (views into the writers' staged records).
  absl::flat_hash_map<absl::string_view, const Record*> ids;
};

// A group whose batch was written, waiting for its sync and publication.
struct RocksEventLog::WrittenGroup {
  std::vector<Writer*> writers;  // every writer of the group
  bool wrote = false;            // whether the group added records
  uint64_t last = 0;             // the log's last position after the group
  std::vector<Writer*> accepted; // writers whose records were written
  bool synced = false;           // written with sync=true already
};

namespace {

bool VersionMatches(const ExpectedVersion& expected, uint64_t actual) {
  switch (expected.kind()) {
    case ExpectedVersion::Kind::kAny:
      return true;
    case ExpectedVersion::Kind::kNoStream:
      return actual == 0;
    case ExpectedVersion::Kind::kStreamExists:
      return actual > 0;
    case ExpectedVersion::Kind::kExact:
      return actual == expected.version();
  }
  return false;
}

}  // namespace

RocksEventLog::RocksEventLog(const RocksEventLogOptions& options)
    : options_(options),
      clock_(options.clock != nullptr ? options.clock : SystemClock::Get()),
      store_(std::make_shared<LogStore>()) {
  store_->live_capacity = options.live_cache_records;
  store_->published_versions_capacity = options.stream_cache_entries;
}

RocksEventLog::~RocksEventLog() {
  MutexLock lock(&store_->mu);
  store_->closed = true;
  store_->WakeAllWaiters();
}

absl::StatusOr<std::unique_ptr<RocksEventLog>> RocksEventLog::Open(
    const RocksEventLogOptions& options) {
  if (options.path.empty()) {
    return absl::InvalidArgumentError("path: the log needs a directory");
  }
  std::unique_ptr<RocksEventLog> log(new RocksEventLog(options));
  CONCORDIA_RETURN_IF_ERROR(log->store_->OpenDb(options.path));
  CONCORDIA_RETURN_IF_ERROR(log->Recover());
  return log;
}

void RocksEventLog::SetCommitExtension(CommitExtension* extension) {
  extension_ = extension;
}

void RocksEventLog::RefuseWrites(absl::Status status) {
  MutexLock lock(&store_->mu);
  if (write_status_.ok()) write_status_ = std::move(status);
}

size_t RocksEventLog::QueuedAppends() const {
  MutexLock lock(&queue_mu_);
  return writers_.size();
}

size_t RocksEventLog::WaitingSubscribers() const {
  MutexLock lock(&store_->mu);
  return store_->waiters.size();
}

absl::Status RocksEventLog::WriteStatus() const {
  MutexLock lock(&store_->mu);
  return write_status_;
}

absl::Status RocksEventLog::Recover() {
  rocksdb::DB* db = store_->db();
  // A damaged store stays readable up to the record before the first bad
  // position (for investigation and audit) and refuses writes.
  auto refuse_at = [this](uint64_t position, absl::string_view what) {
    RefuseWrites(StoreCorrupted(position, what));
    MutexLock lock(&store_->mu);
    store_->committed = position > 0 ? position - 1 : 0;
    return absl::OkStatus();
  };
  std::string format, head;
  rocksdb::Status s =
      db->Get(rocksdb::ReadOptions(), store_->meta_cf(),
              rocksdb::Slice(kFormatKey.data(), kFormatKey.size()), &format);
  // The last record actually stored.
  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(rocksdb::ReadOptions(), store_->records_cf()));
  it->SeekToLast();
  CONCORDIA_RETURN_IF_ERROR(FromRocks(it->status(), "reading the log tail"));
  const bool has_records = it->Valid();
  if (s.IsNotFound()) {
    if (has_records) {
      return refuse_at(1, "the format marker is missing");
    }
    CONCORDIA_RETURN_IF_ERROR(FromRocks(
        db->Put(rocksdb::WriteOptions(), store_->meta_cf(),
                rocksdb::Slice(kFormatKey.data(), kFormatKey.size()),
                rocksdb::Slice(kFormatValue.data(), kFormatValue.size())),
        "initialising the log"));
    return absl::OkStatus();
  }
  CONCORDIA_RETURN_IF_ERROR(FromRocks(s, "reading the format marker"));
  if (format != kFormatValue) {
    return absl::FailedPreconditionError(
        absl::StrCat("the log at ", options_.path, " has format '", format,
                     "'; this build reads '", kFormatValue, "'"));
  }
  s = db->Get(rocksdb::ReadOptions(), store_->meta_cf(),
              rocksdb::Slice(kHeadKey.data(), kHeadKey.size()), &head);
  uint64_t head_position = 0;
  Sha256Digest head_hash;
  if (s.ok()) {
    if (head.size() != 8 + Sha256Digest::kSize) {
      return refuse_at(1, "the head marker is malformed");
    }
    head_position = GetBigEndian64(head);
    std::copy(head.begin() + 8, head.end(), head_hash.bytes.begin());
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "reading the head marker");
  }

  uint64_t last_position = 0;
  if (has_records) {
    if (it->key().size() != 8) {
      return refuse_at(0, "a malformed record key");
    }
    last_position = GetBigEndian64(absl::string_view(it->key().data(), 8));
  }
  if (last_position < head_position) {
    // Records the head vouches for are gone: the tail was dropped.
    return refuse_at(
        last_position + 1,
        absl::StrCat("records are missing (the head names position ",
                     head_position, ", the last stored is ", last_position,
                     ")"));
  }
  if (last_position > head_position) {
    return refuse_at(
        head_position + 1, "records beyond the head marker were added");
  }
  if (last_position == 0) return absl::OkStatus();

  // Re-hash the tail: walk back over the last records, then check forward.
  const uint64_t first =
      last_position > options_.tail_check_records
          ? last_position - options_.tail_check_records + 1
          : 1;
  absl::StatusOr<std::vector<std::string>> tail =
      store_->ReadRawRange(first, last_position - first + 1, last_position);
  if (!tail.ok()) {
    if (absl::IsDataLoss(tail.status())) {
      RefuseWrites(tail.status());
      const std::string bad = ErrorMetadata(tail.status())["position"];
      MutexLock lock(&store_->mu);
      store_->committed = bad.empty() ? 0 : std::stoull(bad) - 1;
      return absl::OkStatus();
    }
    return tail.status();
  }
  Sha256Digest prev;
  bool have_prev = false;
  Record last;
  for (size_t i = 0; i < tail->size(); ++i) {
    const uint64_t position = first + i;
    const std::string& raw = (*tail)[i];
    absl::StatusOr<Record> r = DecodeRecord(raw);
    absl::StatusOr<Sha256Digest> recomputed = RecomputeRecordHash(raw);
    if (!r.ok() || !recomputed.ok() || r->position != position) {
      return refuse_at(position, "a malformed record");
    }
    if (*recomputed != r->hash) {
      return refuse_at(position, "the record does not match its hash");
    }
    if ((have_prev && r->prev_hash != prev) ||
        (position == 1 && !r->prev_hash.IsZero())) {
      return refuse_at(position, "the hash chain is broken");
    }
    prev = *recomputed;
    have_prev = true;
    last = *std::move(r);
  }
  if (prev != head_hash) {
    return refuse_at(last_position,
                                "the last record differs from the head marker");
  }
  tail_position_ = last_position;
  tail_hash_ = prev;
  tail_recorded_micros_ = ToStoredMicros(last.recorded_at);
  MutexLock lock(&store_->mu);
  store_->committed = last_position;
  return absl::OkStatus();
}

absl::StatusOr<AppendResult> RocksEventLog::Append(
    absl::string_view stream, ExpectedVersion expected,
    std::vector<NewEvent> events) {
  CONCORDIA_RETURN_IF_ERROR(ValidateAppend(stream, events));
  if (expected.kind() == ExpectedVersion::Kind::kExact &&
      expected.version() > (uint64_t{1} << 62)) {
    return absl::InvalidArgumentError("expected_version: out of range");
  }
  std::vector<StreamAppend> parts(1);
  parts[0].stream = std::string(stream);
  parts[0].expected = expected;
  parts[0].events = std::move(events);
  return Commit(std::move(parts));
}

absl::StatusOr<std::vector<AppendResult>> RocksEventLog::AppendAll(
    std::vector<StreamAppend> parts) {
  CONCORDIA_RETURN_IF_ERROR(ValidateAppendAll(parts));
  std::vector<AppendResult> results;
  CONCORDIA_RETURN_IF_ERROR(Commit(std::move(parts), &results).status());
  return results;
}

absl::StatusOr<AppendResult> RocksEventLog::Commit(
    std::vector<StreamAppend> parts, std::vector<AppendResult>* results) {
  // Heap-allocated so that the leader may wake writers after releasing the
  // queue lock: a woken writer's state stays valid until both let go of it.
  auto self = std::make_shared<Writer>();
  Writer& w = *self;
  w.parts = std::move(parts);
  for (const StreamAppend& part : w.parts) w.event_count += part.events.size();

  MutexLock lock(&queue_mu_);
  writers_.push_back(self);
  w.cv.Wait(lock, [&] { return w.done || writers_.front() == self; });
  if (w.done) {
    if (results != nullptr) *results = std::move(w.results);
    return std::move(w.result);
  }

  // This writer leads: take a group of queued appends and commit them.
  std::vector<std::shared_ptr<Writer>> group;
  size_t events_in_group = 0;
  for (const auto& x : writers_) {
    if (!group.empty() &&
        events_in_group + x->event_count > options_.max_group_events) {
      break;
    }
    group.push_back(x);
    events_in_group += x->event_count;
  }
  std::vector<Writer*> members;
  for (const auto& x : group) members.push_back(x.get());
  // The leader keeps the lead until its group is durable and published, so
  // the appends that arrive meanwhile queue up and form the next group.
  lock.Unlock();
  SyncAndPublish(WriteGroup(members));
  lock.Lock();
  for (size_t i = 0; i < group.size(); ++i) writers_.pop_front();
  std::shared_ptr<Writer> next_leader =
      writers_.empty() ? nullptr : writers_.front();
  for (const auto& x : group) x->done = true;
  lock.Unlock();
  if (next_leader != nullptr) next_leader->cv.Signal();
  for (const auto& x : group) {
    if (x != self) x->cv.Signal();
  }
  if (results != nullptr) *results = std::move(w.results);
  return std::move(w.result);
}

absl::StatusOr<uint64_t> RocksEventLog::LoadStreamVersion(
    const std::string& stream, GroupState& g) {
  if (auto it = g.streams.find(stream); it != g.streams.end()) {
    return it->second;
  }
  {
    // Every earlier group is published before this one is staged (the
    // leader keeps the lead through publication), so the published
    // versions are the written ones.
    MutexLock lock(&store_->mu);
    auto it = store_->published_versions.find(stream);
    if (it != store_->published_versions.end()) return it->second;
  }
  return store_->StreamVersion(stream);
}

absl::Status RocksEventLog::StageWriter(Writer& w, GroupState& g,
                                        rocksdb::WriteBatch& batch) {
  // Nothing is put into the batch before every part has passed steps 1 and
  // 2, so a writer adds all its keys or none.
  // 1. Idempotency: are these ids recorded already (or staged in this group)?
  std::vector<Record> existing;
  for (const StreamAppend& part : w.parts) {
    for (const NewEvent& e : part.events) {
      const absl::string_view id = e.id.AsStringView();
      if (auto it = g.ids.find(id); it != g.ids.end()) {
        existing.push_back(*it->second);
        continue;
      }
      absl::StatusOr<uint64_t> pos = store_->GetEventIdPosition(id);
      if (absl::IsNotFound(pos.status())) continue;
      CONCORDIA_RETURN_IF_ERROR(pos.status());
      CONCORDIA_ASSIGN_OR_RETURN(Record r, store_->Get(*pos));
      existing.push_back(std::move(r));
    }
  }
  if (!existing.empty()) {
    // A retry of the same append: every event recorded, with the same
    // content, at consecutive positions.
    bool same_append = existing.size() == w.event_count;
    size_t k = 0;
    for (const StreamAppend& part : w.parts) {
      for (size_t i = 0; same_append && i < part.events.size(); ++i, ++k) {
        same_append = SameContent(part.stream, part.events[i], existing[k]) &&
                      (k == 0 || existing[k].position ==
                                     existing[k - 1].position + 1);
      }
    }
    if (!same_append) {
      const Record& first = existing.front();
      return Error(absl::StatusCode::kAlreadyExists, "EVENT_ID_REUSED",
                   absl::StrCat("event id ", first.id.ToHex(),
                                " is already recorded at position ",
                                first.position,
                                " with different content or in another append"),
                   {{"event_id", first.id.ToHex()},
                    {"position", absl::StrCat(first.position)}});
    }
    k = 0;
    for (const StreamAppend& part : w.parts) {
      AppendResult dedup;
      dedup.first_position = existing[k].position;
      k += part.events.size();
      dedup.last_position = existing[k - 1].position;
      dedup.stream_version = existing[k - 1].stream_version;
      dedup.deduplicated = true;
      w.results.push_back(dedup);
    }
    w.result = w.results.front();
    return absl::OkStatus();
  }

  // 2. Expected versions (the streams of one writer are distinct).
  std::vector<uint64_t> versions;
  versions.reserve(w.parts.size());
  for (const StreamAppend& part : w.parts) {
    CONCORDIA_ASSIGN_OR_RETURN(uint64_t version,
                               LoadStreamVersion(part.stream, g));
    if (!VersionMatches(part.expected, version)) {
      return Error(absl::StatusCode::kAborted, "WRONG_EXPECTED_VERSION",
                   absl::StrCat("stream '", part.stream, "': expected version ",
                                part.expected.ToString(), ", actual ", version),
                   {{"stream", part.stream},
                    {"expected", part.expected.ToString()},
                    {"actual", absl::StrCat(version)}});
    }
    versions.push_back(version);
  }

  // 3. Assign positions, chain and stage.
  w.staged.reserve(w.event_count);
  w.raw.reserve(w.event_count);
  for (size_t p = 0; p < w.parts.size(); ++p) {
    StreamAppend& part = w.parts[p];
    uint64_t version = versions[p];
    AppendResult result;
    result.first_position = g.position + 1;
    for (NewEvent& e : part.events) {
      Record r;
      r.position = ++g.position;
      r.stream = part.stream;
      r.stream_version = ++version;
      r.id = e.id;
      r.type = std::move(e.type);
      r.schema_version = e.schema_version;
      r.payload = std::move(e.payload);
      r.metadata = std::move(e.metadata);
      r.recorded_at = FromStoredMicros(g.recorded_micros);
      r.prev_hash = g.hash;
      std::string raw = EncodeRecord(&r);
      g.hash = r.hash;
      const std::string pkey = PositionKey(r.position);
      batch.Put(store_->records_cf(), pkey, raw);
      batch.Put(store_->stream_index_cf(),
                StreamIndexKey(part.stream, r.stream_version), pkey);
      batch.Put(store_->event_ids_cf(),
                rocksdb::Slice(r.id.AsStringView().data(), 16), pkey);
      w.raw.push_back(std::move(raw));
      w.staged.push_back(std::move(r));
    }
    g.streams[part.stream] = version;
    result.last_position = g.position;
    result.stream_version = version;
    w.results.push_back(result);
  }
  // After the loop: `staged` no longer grows, so the views stay valid.
  for (const Record& r : w.staged) g.ids[r.id.AsStringView()] = &r;
  w.result = w.results.front();
  return absl::OkStatus();
}

RocksEventLog::WrittenGroup RocksEventLog::WriteGroup(
    const std::vector<Writer*>& group) {
  WrittenGroup written;
  written.writers = group;
  written.last = tail_position_;
  if (absl::Status refused = WriteStatus(); !refused.ok()) {
    for (Writer* w : group) w->result = refused;
    return written;
  }
  GroupState g;
  g.position = tail_position_;
  g.hash = tail_hash_;
  // Recorded-at never goes backwards, even if the clock does.
  g.recorded_micros =
      std::max(tail_recorded_micros_, ToStoredMicros(clock_->Now()));
  rocksdb::WriteBatch batch;
  for (Writer* w : group) {
    // A writer's staging either adds all its keys or none: validation
    // happens before the first Put.
    absl::Status s = StageWriter(*w, g, batch);
    if (!s.ok()) {
      w->result = s;
    } else if (!w->staged.empty()) {
      written.accepted.push_back(w);
    }
  }
  if (written.accepted.empty()) return written;

  absl::Status status = absl::OkStatus();
  if (extension_ != nullptr) {
    for (Writer* w : written.accepted) {
      for (size_t i = 0; status.ok() && i < w->staged.size(); ++i) {
        status = extension_->Stage(w->staged[i].position, w->raw[i], &batch);
      }
      if (!status.ok()) break;
    }
  }
  std::string head;
  PutBigEndian64(&head, g.position);
  head.append(g.hash.AsStringView().data(), Sha256Digest::kSize);
  batch.Put(store_->meta_cf(),
            rocksdb::Slice(kHeadKey.data(), kHeadKey.size()), head);
  if (status.ok() && options_.before_write) status = options_.before_write();
  // Synced in the write itself (one system call), unless a test injects a
  // fault before the sync.
  const bool sync_now = options_.sync && !options_.before_sync;
  if (status.ok()) {
    rocksdb::WriteOptions wo;
    wo.sync = sync_now;
    status = FromRocks(store_->db()->Write(wo, &batch), "writing to the log");
  }
  if (!status.ok()) {
    if (extension_ != nullptr) extension_->Abort();
    // The store's state is now uncertain; stop until it is reopened.
    absl::Status failed = absl::UnavailableError(
        absl::StrCat("the log could not write (", status.message(),
                     "); nothing was acknowledged; reopen the store"));
    RefuseWrites(failed);
    for (Writer* w : written.accepted) w->result = failed;
    written.accepted.clear();
    return written;
  }
  if (extension_ != nullptr) extension_->Commit();
  written.wrote = true;
  written.synced = sync_now;
  written.last = g.position;
  tail_position_ = g.position;
  tail_hash_ = g.hash;
  tail_recorded_micros_ = g.recorded_micros;
  return written;
}

void RocksEventLog::SyncAndPublish(const WrittenGroup& written) {
  // Runs under leadership, so groups are synced and published one at a time
  // in position order. Every writer of the group is settled here, rejected
  // ones included: a conflict or a deduplication is reported only once the
  // events it was decided against are published, so the caller's next read
  // sees them.
  absl::Status synced = absl::OkStatus();
  if (written.wrote && !written.synced) {
    if (options_.before_sync) synced = options_.before_sync();
    if (synced.ok() && options_.sync) {
      synced = FromRocks(store_->db()->SyncWAL(), "syncing the log");
    }
  }
  MutexLock lock(&store_->mu);
  if (!synced.ok() && write_status_.ok()) {
    write_status_ = absl::UnavailableError(
        absl::StrCat("the log could not sync (", synced.message(),
                     "); nothing was acknowledged; reopen the store"));
  }
  if (!write_status_.ok()) {
    // This group's records (or those it was decided against) are not known
    // to be durable, so no writer of it is acknowledged.
    for (Writer* w : written.writers) {
      if (w->result.ok()) w->result = write_status_;
    }
    return;
  }
  if (!written.wrote) return;
  if (store_->published_versions.size() >=
      store_->published_versions_capacity) {
    store_->published_versions.clear();
  }
  for (Writer* w : written.accepted) {
    for (Record& r : w->staged) {
      store_->published_versions[r.stream] = r.stream_version;
      store_->live.push_back(std::move(r));
    }
  }
  while (store_->live.size() > store_->live_capacity) store_->live.pop_front();
  store_->committed = written.last;
  store_->WakeWaiters();
}

absl::StatusOr<std::vector<Record>> RocksEventLog::ReadStream(
    absl::string_view stream, uint64_t from_version, size_t max_count) {
  CONCORDIA_RETURN_IF_ERROR(ValidateStreamName(stream));
  from_version = std::max<uint64_t>(from_version, 1);
  uint64_t upto = 0;
  std::optional<uint64_t> last_version;
  {
    MutexLock lock(&store_->mu);
    upto = store_->committed;
    auto it = store_->published_versions.find(stream);
    if (it != store_->published_versions.end()) last_version = it->second;
  }
  if (last_version.has_value()) {
    // The stream's end is known: read exactly its tail, with no lookup for
    // the version after the last.
    if (from_version > *last_version) return std::vector<Record>();
    max_count = static_cast<size_t>(
        std::min<uint64_t>(max_count, *last_version - from_version + 1));
  }
  return store_->ReadStream(stream, from_version, max_count, /*forward=*/true,
                            upto);
}

absl::StatusOr<std::vector<Record>> RocksEventLog::ReadStreamBackward(
    absl::string_view stream, uint64_t from_version, size_t max_count) {
  CONCORDIA_RETURN_IF_ERROR(ValidateStreamName(stream));
  return store_->ReadStream(stream, from_version, max_count,
                            /*forward=*/false, LastPosition());
}

absl::StatusOr<std::vector<Record>> RocksEventLog::ReadAll(
    uint64_t from_position, size_t max_count, const RecordFilter& filter,
    uint64_t max_scan, uint64_t* scanned_to) {
  return store_->ReadRange(from_position, max_count, filter, max_scan,
                           scanned_to, LastPosition());
}

absl::StatusOr<std::vector<std::string>> RocksEventLog::ReadRaw(
    uint64_t from, size_t count) {
  return store_->ReadRawRange(from, count, LastPosition());
}

absl::StatusOr<Record> RocksEventLog::ReadEventById(const EventId& id) {
  absl::StatusOr<uint64_t> position = store_->GetEventIdPosition(id.AsStringView());
  if (absl::IsNotFound(position.status()) ||
      (position.ok() && *position > LastPosition())) {
    return absl::NotFoundError(absl::StrCat("no event with id ", id.ToHex()));
  }
  CONCORDIA_RETURN_IF_ERROR(position.status());
  return store_->Get(*position);
}

uint64_t RocksEventLog::LastPosition() const { return store_->Committed(); }

absl::StatusOr<StreamInfo> RocksEventLog::GetStreamInfo(
    absl::string_view stream) {
  CONCORDIA_RETURN_IF_ERROR(ValidateStreamName(stream));
  // Everything is derived from the stream index and the records themselves.
  CONCORDIA_ASSIGN_OR_RETURN(uint64_t version, store_->StreamVersion(stream));
  StreamInfo info;
  info.stream = std::string(stream);
  if (version > 0) {
    CONCORDIA_ASSIGN_OR_RETURN(info.last_position,
                               store_->StreamPosition(stream, version));
  }
  // Only committed events count.
  const uint64_t committed = LastPosition();
  if (version > 0 && info.last_position > committed) {
    auto committed_records =
        store_->ReadStream(stream, 0, 1, /*forward=*/false, committed);
    CONCORDIA_RETURN_IF_ERROR(committed_records.status());
    if (committed_records->empty()) {
      version = 0;
    } else {
      version = committed_records->front().stream_version;
      info.last_position = committed_records->front().position;
    }
  }
  if (version == 0) {
    return absl::NotFoundError(absl::StrCat("stream '", stream, "' not found"));
  }
  info.version = version;
  CONCORDIA_ASSIGN_OR_RETURN(info.first_position,
                             store_->StreamPosition(stream, 1));
  CONCORDIA_ASSIGN_OR_RETURN(Record first, store_->Get(info.first_position));
  CONCORDIA_ASSIGN_OR_RETURN(Record last, store_->Get(info.last_position));
  info.created_at = first.recorded_at;
  info.last_recorded_at = last.recorded_at;
  return info;
}

absl::StatusOr<std::unique_ptr<Subscription>> RocksEventLog::Subscribe(
    uint64_t from_position, RecordFilter filter) {
  if (from_position == 0) {
    return absl::InvalidArgumentError(
        "from_position: positions start at 1");
  }
  return NewSubscription(store_, from_position, std::move(filter));
}

absl::StatusOr<VerifyReport> RocksEventLog::Verify(ProgressFn progress,
                                                   RecordVisitor visit) {
  // Everything stored is checked, not only what the log serves: a damaged
  // store serves a prefix, but an audit must look at every record. One
  // snapshot keeps the records and the head marker consistent while appends
  // go on.
  rocksdb::DB* db = store_->db();
  const rocksdb::Snapshot* snapshot = db->GetSnapshot();
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.fill_cache = false;
  struct Release {
    rocksdb::DB* db;
    const rocksdb::Snapshot* s;
    ~Release() { db->ReleaseSnapshot(s); }
  } release{db, snapshot};
  auto fail = [&](uint64_t at, absl::string_view what) {
    absl::Status s = StoreCorrupted(at, what);
    RefuseWrites(s);
    return s;
  };

  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(ro, store_->records_cf()));
  it->SeekToLast();
  CONCORDIA_RETURN_IF_ERROR(FromRocks(it->status(), "reading the log"));
  uint64_t last = 0;
  if (it->Valid()) {
    if (it->key().size() != 8) return fail(0, "a malformed record key");
    last = GetBigEndian64(absl::string_view(it->key().data(), 8));
  }
  std::string head;
  uint64_t head_position = 0;
  rocksdb::Status hs = db->Get(ro, store_->meta_cf(),
                               rocksdb::Slice(kHeadKey.data(), kHeadKey.size()),
                               &head);
  if (hs.ok() && head.size() == 8 + Sha256Digest::kSize) {
    head_position = GetBigEndian64(head);
  } else if (!(hs.IsNotFound() && last == 0)) {  // only an empty log has none
    return fail(1, "the head marker is missing or malformed");
  }

  VerifyReport report;
  absl::flat_hash_map<std::string, uint64_t> stream_versions;
  Sha256Digest prev;
  uint64_t position = 1;
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++position) {
    if (it->key().size() != 8 ||
        GetBigEndian64(absl::string_view(it->key().data(), 8)) != position) {
      return fail(position, "the record is missing");
    }
    const absl::string_view raw(it->value().data(), it->value().size());
    absl::StatusOr<Record> r = DecodeRecord(raw);
    if (!r.ok() || r->position != position) {
      return fail(position, "a malformed record");
    }
    absl::StatusOr<Sha256Digest> recomputed = RecomputeRecordHash(raw);
    if (!recomputed.ok() || *recomputed != r->hash) {
      return fail(position, "the record does not match its hash");
    }
    if (r->prev_hash != prev) return fail(position, "the hash chain is broken");
    uint64_t& version = stream_versions[r->stream];
    if (r->stream_version != version + 1) {
      return fail(position, absl::StrCat("stream '", r->stream,
                                         "' skips from version ", version,
                                         " to ", r->stream_version));
    }
    version = r->stream_version;
    prev = *recomputed;
    if (visit) visit(position, raw);
    ++report.records_checked;
    if (progress && report.records_checked % 4096 == 0) {
      progress(report.records_checked, last);
    }
  }
  CONCORDIA_RETURN_IF_ERROR(FromRocks(it->status(), "reading the log"));
  if (head_position > last) {
    return fail(last + 1,
                absl::StrCat("records are missing (the head names position ",
                             head_position, ")"));
  }
  if (head_position < last) {
    return fail(head_position + 1, "records beyond the head marker were added");
  }
  if (last > 0 && prev.AsStringView() != absl::string_view(head).substr(8)) {
    return fail(last, "the last record differs from the head marker");
  }
  if (progress) progress(report.records_checked, last);
  report.head_hash = prev;
  return report;
}

}  // namespace concordia::log
