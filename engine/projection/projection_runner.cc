#include "engine/projection/projection_runner.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/log/record_codec.h"
#include "rocksdb/utilities/write_batch_with_index.h"

namespace concordia::projection {

struct ProjectionRunner::Worker {
  Projection* projection = nullptr;
  rocksdb::ColumnFamilyHandle* cf = nullptr;
  std::unique_ptr<log::Subscription> subscription;
  std::thread thread;
  // Guarded by the runner's mu_.
  uint64_t checkpoint = 0;
  std::optional<int> active;
  absl::Status error;
};

namespace {

// EntityWriter over a WriteBatchWithIndex: reads see the batch's own writes.
class BatchEntityWriter final : public EntityWriter {
 public:
  BatchEntityWriter(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                    rocksdb::WriteBatchWithIndex* batch)
      : db_(db), cf_(cf), batch_(batch) {}

  void set_position(uint64_t p) { position_ = p; }
  const absl::Status& status() const { return status_; }

  absl::StatusOr<std::optional<std::string>> Get(
      absl::string_view key) override {
    std::string value;
    rocksdb::Status s = batch_->GetFromBatchAndDB(
        db_, rocksdb::ReadOptions(), cf_, CurrentKey(key), &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return absl::UnavailableError(s.ToString());
    return std::optional<std::string>(std::move(value));
  }

  void Put(absl::string_view key, absl::string_view value) override {
    if (!CheckKey(key)) return;
    batch_->Put(cf_, CurrentKey(key), rocksdb::Slice(value.data(), value.size()));
    std::string versioned = "v";
    versioned.append(value.data(), value.size());
    batch_->Put(cf_, HistoryKey(key, position_), versioned);
  }

  void Delete(absl::string_view key) override {
    if (!CheckKey(key)) return;
    batch_->Delete(cf_, CurrentKey(key));
    batch_->Put(cf_, HistoryKey(key, position_), "x");
  }

 private:
  bool CheckKey(absl::string_view key) {
    if (key.empty() || key.find('\0') != absl::string_view::npos) {
      if (status_.ok()) {
        status_ = absl::InternalError(
            "projection wrote an empty key or a key containing NUL");
      }
      return false;
    }
    return true;
  }

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  rocksdb::WriteBatchWithIndex* batch_;
  uint64_t position_ = 0;
  absl::Status status_;
};

}  // namespace

ProjectionRunner::ProjectionRunner(log::EventLog& log, ProjectionStore& store,
                                   std::vector<Projection*> projections,
                                   ProjectionRunnerOptions options)
    : log_(log), store_(store), options_(std::move(options)) {
  for (Projection* p : projections) {
    auto w = std::make_unique<Worker>();
    w->projection = p;
    workers_.push_back(std::move(w));
  }
}

ProjectionRunner::~ProjectionRunner() { Stop(); }

absl::Status ProjectionRunner::Start() {
  for (auto& w : workers_) {
    const std::string name = w->projection->name();
    const int version = w->projection->version();
    absl::StatusOr<rocksdb::ColumnFamilyHandle*> cf = store_.Slot(name, version);
    if (!cf.ok()) return cf.status();
    w->cf = *cf;
    absl::StatusOr<uint64_t> checkpoint = store_.Checkpoint(name, version);
    if (!checkpoint.ok()) return checkpoint.status();
    absl::StatusOr<std::optional<int>> active = store_.ActiveVersion(name);
    if (!active.ok()) return active.status();
    // Versions that are neither active nor this code's are leftovers of an
    // abandoned rebuild.
    for (int v : store_.Versions(name)) {
      if (v != version && (!active->has_value() || v != **active)) {
        if (absl::Status s = store_.DropSlot(name, v); !s.ok()) return s;
      }
    }
    auto sub = log_.Subscribe(*checkpoint + 1, log::RecordFilter{});
    if (!sub.ok()) return sub.status();
    w->subscription = *std::move(sub);
    MutexLock lock(&mu_);
    w->checkpoint = *checkpoint;
    w->active = *active;
  }
  for (auto& w : workers_) {
    Worker* raw = w.get();
    w->thread = std::thread([this, raw] { Run(raw); });
  }
  return absl::OkStatus();
}

void ProjectionRunner::Stop() {
  {
    MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
    cv_.SignalAll();
  }
  for (auto& w : workers_) {
    if (w->subscription != nullptr) w->subscription->Cancel();
  }
  for (auto& w : workers_) {
    if (w->thread.joinable()) w->thread.join();
  }
}

absl::Status ProjectionRunner::ApplyBatch(
    Worker* w, const std::vector<log::Record>& records, uint64_t checkpoint) {
  rocksdb::WriteBatchWithIndex batch(rocksdb::BytewiseComparator(), 0,
                                     /*overwrite_key=*/true);
  BatchEntityWriter writer(store_.db(), w->cf, &batch);
  for (const log::Record& r : records) {
    if (!w->projection->Wants(r)) continue;
    writer.set_position(r.position);
    absl::Status s = w->projection->Apply(r, writer);
    if (s.ok()) s = writer.status();
    if (!s.ok()) {
      return absl::Status(
          s.code(), absl::StrCat("projection ", w->projection->name(),
                                 " failed at position ", r.position, ": ",
                                 s.message()));
    }
  }
  std::string cp;
  log::PutBigEndian64(&cp, checkpoint);
  batch.Put(w->cf, std::string(kCheckpointKey, sizeof(kCheckpointKey)), cp);
  if (options_.before_write) {
    if (absl::Status s = options_.before_write(w->projection->name()); !s.ok()) {
      return s;
    }
  }
  rocksdb::Status s =
      store_.db()->Write(rocksdb::WriteOptions(), batch.GetWriteBatch());
  if (!s.ok()) return absl::UnavailableError(s.ToString());
  return absl::OkStatus();
}

void ProjectionRunner::Run(Worker* w) {
  const std::string name = w->projection->name();
  const int version = w->projection->version();
  // The first pass does not wait, so a projection that is already caught up
  // becomes active at once.
  absl::Duration wait = absl::ZeroDuration();
  while (true) {
    auto records = w->subscription->Next(wait, options_.batch_records);
    wait = absl::Seconds(1);
    {
      MutexLock lock(&mu_);
      if (stopping_) return;
    }
    if (!records.ok()) {
      MutexLock lock(&mu_);
      w->error = records.status();
      cv_.SignalAll();
      return;
    }
    const uint64_t checkpoint = w->subscription->next_position() - 1;
    uint64_t known;
    {
      MutexLock lock(&mu_);
      known = w->checkpoint;
    }
    if (checkpoint > known) {
      if (absl::Status s = ApplyBatch(w, *records, checkpoint); !s.ok()) {
        MutexLock lock(&mu_);
        w->error = s;
        cv_.SignalAll();
        return;
      }
    }
    // Switch to this version once it has caught up with the log.
    std::optional<int> old_active;
    bool switch_now = false;
    {
      MutexLock lock(&mu_);
      w->checkpoint = checkpoint;
      if (w->active != version && checkpoint >= log_.LastPosition()) {
        old_active = w->active;
        switch_now = true;
      }
    }
    if (switch_now) {
      absl::Status s = store_.SetActiveVersion(name, version);
      MutexLock lock(&mu_);
      if (!s.ok()) {
        w->error = s;
        cv_.SignalAll();
        return;
      }
      w->active = version;
      lock.Unlock();
      if (old_active.has_value()) {
        store_.DropSlot(name, *old_active).IgnoreError();
      }
    }
    MutexLock lock(&mu_);
    cv_.SignalAll();
  }
}

absl::StatusOr<std::unique_ptr<ReadView>> ProjectionRunner::View(
    const std::string& name) {
  std::optional<int> active;
  {
    MutexLock lock(&mu_);
    Worker* found = nullptr;
    for (auto& w : workers_) {
      if (w->projection->name() == name) found = w.get();
    }
    if (found == nullptr) {
      return absl::NotFoundError(absl::StrCat("no projection '", name, "'"));
    }
    if (!found->active.has_value()) {
      return absl::UnavailableError(absl::StrCat(
          "projection '", name, "' is being built (at position ",
          found->checkpoint, " of ", log_.LastPosition(), ")"));
    }
    active = found->active;
  }
  return store_.Read(name, *active);
}

absl::Status ProjectionRunner::WaitFor(const std::string& name,
                                       uint64_t position,
                                       absl::Duration timeout) {
  MutexLock lock(&mu_);
  Worker* w = nullptr;
  for (auto& x : workers_) {
    if (x->projection->name() == name) w = x.get();
  }
  if (w == nullptr) {
    return absl::NotFoundError(absl::StrCat("no projection '", name, "'"));
  }
  const bool done = cv_.WaitFor(lock, timeout, [&] {
    return !w->error.ok() || stopping_ ||
           (w->active == w->projection->version() &&
            w->checkpoint >= position);
  });
  if (!w->error.ok()) return w->error;
  if (!done || w->checkpoint < position) {
    return absl::DeadlineExceededError(absl::StrCat(
        "projection '", name, "' is at position ", w->checkpoint,
        ", not yet at ", position));
  }
  return absl::OkStatus();
}

std::vector<ProjectionStatus> ProjectionRunner::Status() {
  std::vector<ProjectionStatus> out;
  const uint64_t last = log_.LastPosition();
  MutexLock lock(&mu_);
  for (auto& w : workers_) {
    ProjectionStatus s;
    s.name = w->projection->name();
    s.code_version = w->projection->version();
    s.active = w->active;
    s.checkpoint = w->checkpoint;
    s.log_position = last;
    s.rebuilding = w->active != s.code_version;
    s.error = w->error;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace concordia::projection
