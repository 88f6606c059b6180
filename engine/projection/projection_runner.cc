#include "engine/projection/projection_runner.h"

#include <set>
#include <utility>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/log/record_codec.h"
#include "engine/projection/pending_writes.h"
#include "rocksdb/write_batch.h"

namespace concordia::projection {

// Runs the projections of a batch on the cohort's thread and its helpers.
class ProjectionRunner::ApplyPool {
 public:
  explicit ApplyPool(int threads) {
    for (int t = 1; t < threads; ++t) {
      helpers_.emplace_back([this] { Help(); });
    }
  }
  ~ApplyPool() {
    {
      MutexLock lock(&mu_);
      stopping_ = true;
      cv_.SignalAll();
    }
    for (std::thread& t : helpers_) t.join();
  }

  // Runs fn(0..n-1), each index once, on this thread and the helpers;
  // `meanwhile` runs on this thread first, while the helpers start. Returns
  // when all have run.
  void Run(size_t n, const std::function<void(size_t)>& fn,
           const std::function<void()>& meanwhile) {
    {
      MutexLock lock(&mu_);
      fn_ = &fn;
      n_ = n;
      next_ = 0;
      done_ = 0;
      ++generation_;
      cv_.SignalAll();
    }
    if (meanwhile) meanwhile();
    Work();
    MutexLock lock(&mu_);
    cv_.Wait(lock, [&] { return done_ == n_; });
    fn_ = nullptr;
  }

 private:
  // Takes indices until none is left.
  void Work() {
    while (true) {
      const std::function<void(size_t)>* fn;
      size_t i;
      {
        MutexLock lock(&mu_);
        if (fn_ == nullptr || next_ >= n_) return;
        fn = fn_;
        i = next_++;
      }
      (*fn)(i);
      MutexLock lock(&mu_);
      if (++done_ == n_) cv_.SignalAll();
    }
  }
  void Help() {
    uint64_t seen = 0;
    while (true) {
      {
        MutexLock lock(&mu_);
        cv_.Wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
      }
      Work();
    }
  }

  Mutex mu_;
  CondVar cv_;
  const std::function<void(size_t)>* fn_ ABSL_GUARDED_BY(mu_) = nullptr;
  size_t n_ ABSL_GUARDED_BY(mu_) = 0;
  size_t next_ ABSL_GUARDED_BY(mu_) = 0;
  size_t done_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> helpers_;
};

struct ProjectionRunner::Worker {
  Projection* projection = nullptr;
  std::string name;
  int version = 0;
  rocksdb::ColumnFamilyHandle* cf = nullptr;
  // Guarded by the runner's mu_.
  uint64_t checkpoint = 0;
  std::optional<int> active;
  // Between the switch to this version and the end of its aftermath (the old
  // version dropped, the progress reported).
  bool switching = false;
  absl::Status error;
  // Owned by the cohort's thread: the bulk chunk being accumulated while the
  // version is built far behind the log, the records in it and the position
  // it reaches.
  std::unique_ptr<PendingWrites> chunk;
  uint64_t chunk_records = 0;
  uint64_t chunk_checkpoint = 0;
};

struct ProjectionRunner::Cohort {
  std::vector<Worker*> workers;
  size_t threads = 1;
  std::unique_ptr<ApplyPool> pool;
  uint64_t checkpoint = 0;  // where the cohort's subscription started, then
                            // the last position it applied
  std::unique_ptr<log::Subscription> subscription;
  std::thread thread;
};


ProjectionRunner::ProjectionRunner(log::EventLog& log, ProjectionStore& store,
                                   std::vector<Projection*> projections,
                                   ProjectionRunnerOptions options)
    : log_(log), store_(store), options_(std::move(options)) {
  for (Projection* p : projections) {
    auto w = std::make_unique<Worker>();
    w->projection = p;
    w->name = p->name();
    w->version = p->version();
    workers_.push_back(std::move(w));
  }
}

ProjectionRunner::~ProjectionRunner() { Stop(); }

ProjectionRunner::Worker* ProjectionRunner::Find(
    const std::string& name) const {
  for (const auto& w : workers_) {
    if (w->name == name) return w.get();
  }
  return nullptr;
}

absl::Status ProjectionRunner::Start() {
  // Table files of bulk chunks that a crash left unfinished or not ingested.
  std::error_code ec;
  std::filesystem::remove_all(store_.path() + "/bulk", ec);
  std::filesystem::create_directories(store_.path() + "/bulk", ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("creating ", store_.path(), "/bulk: ", ec.message()));
  }
  std::set<std::string> names;
  for (auto& w : workers_) {
    if (!names.insert(w->name).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("two projections are named '", w->name, "'"));
    }
  }
  std::map<uint64_t, std::vector<Worker*>> by_checkpoint;
  for (auto& w : workers_) {
    absl::StatusOr<rocksdb::ColumnFamilyHandle*> cf =
        store_.Slot(w->name, w->version);
    if (!cf.ok()) return cf.status();
    w->cf = *cf;
    absl::StatusOr<uint64_t> checkpoint = store_.Checkpoint(w->name, w->version);
    if (!checkpoint.ok()) return checkpoint.status();
    absl::StatusOr<std::optional<int>> active = store_.ActiveVersion(w->name);
    if (!active.ok()) return active.status();
    // Versions that are neither active nor this code's are leftovers of an
    // abandoned rebuild.
    for (int v : store_.Versions(w->name)) {
      if (v != w->version && (!active->has_value() || v != **active)) {
        if (absl::Status s = store_.DropSlot(w->name, v); !s.ok()) return s;
      }
    }
    {
      MutexLock lock(&mu_);
      w->checkpoint = *checkpoint;
      w->active = *active;
    }
    by_checkpoint[*checkpoint].push_back(w.get());
  }
  for (auto& [checkpoint, workers] : by_checkpoint) {
    auto cohort = std::make_unique<Cohort>();
    cohort->workers = workers;
    cohort->checkpoint = checkpoint;
    // Only the event types the cohort folds, when every projection of it
    // names them.
    log::RecordFilter filter;
    std::set<std::string> types;
    bool all_known = true;
    for (Worker* w : workers) {
      std::optional<std::vector<std::string>> t = w->projection->EventTypes();
      if (!t.has_value()) {
        all_known = false;
        break;
      }
      types.insert(t->begin(), t->end());
    }
    if (all_known && !types.empty()) {
      filter.event_types.assign(types.begin(), types.end());
    }
    auto sub = log_.Subscribe(checkpoint + 1, std::move(filter));
    if (!sub.ok()) return sub.status();
    cohort->subscription = *std::move(sub);
    cohorts_.push_back(std::move(cohort));
  }
  for (auto& c : cohorts_) {
    Cohort* raw = c.get();
    c->threads = std::min<size_t>(std::max<size_t>(options_.apply_threads, 1),
                                  c->workers.size());
    c->pool = std::make_unique<ApplyPool>(static_cast<int>(c->threads));
    c->thread = std::thread([this, raw] { Run(raw); });
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
  for (auto& c : cohorts_) {
    if (c->subscription != nullptr) c->subscription->Cancel();
  }
  for (auto& c : cohorts_) {
    if (c->thread.joinable()) c->thread.join();
  }
}

absl::Status ProjectionRunner::FlushChunk(Worker* w) {
  if (w->chunk == nullptr || w->chunk->empty()) return absl::OkStatus();
  if (options_.before_write) {
    CONCORDIA_RETURN_IF_ERROR(options_.before_write(w->name));
  }
  const std::string path =
      absl::StrCat(store_.path(), "/bulk/", SlotName(w->name, w->version), "-",
                   w->chunk_checkpoint, ".sst");
  CONCORDIA_RETURN_IF_ERROR(
      w->chunk->Ingest(store_.db(), w->cf, w->chunk_checkpoint, path));
  w->chunk->Clear();
  w->chunk_records = 0;
  return absl::OkStatus();
}

std::vector<absl::Status> ProjectionRunner::ApplyGroup(
    const std::vector<Worker*>& workers, const std::vector<bool>& bulk,
    const std::vector<log::Record>& records, uint64_t checkpoint,
    const std::vector<PendingWrites*>& pending) {
  std::vector<absl::Status> result(workers.size());
  std::vector<std::unique_ptr<PendingEntityWriter>> writers;
  for (size_t i = 0; i < workers.size(); ++i) {
    Worker* w = workers[i];
    PendingWrites* target = pending[i];
    if (bulk[i]) {
      if (w->chunk == nullptr) w->chunk = std::make_unique<PendingWrites>();
      target = w->chunk.get();
    } else {
      // Back to batches near the log's end: the chunk goes first.
      result[i] = FlushChunk(w);
    }
    writers.push_back(
        std::make_unique<PendingEntityWriter>(store_.db(), w->cf, target));
  }
  // Record by record, every projection of the group in turn: a record
  // decoded for one projection is still at hand for the next.
  for (const log::Record& r : records) {
    for (size_t i = 0; i < workers.size(); ++i) {
      if (!result[i].ok()) continue;
      Projection* p = workers[i]->projection;
      if (!p->Wants(r)) continue;
      writers[i]->set_position(r.position);
      absl::Status s = p->Apply(r, *writers[i]);
      if (s.ok()) s = writers[i]->status();
      if (!s.ok()) {
        result[i] = absl::Status(
            s.code(), absl::StrCat("projection ", workers[i]->name,
                                   " failed at position ", r.position, ": ",
                                   s.message()));
      }
    }
  }
  // A projection in bulk mode only counts its chunk here; the others'
  // writes are made by WriteTogether once every group has folded.
  for (size_t i = 0; i < workers.size(); ++i) {
    if (!result[i].ok() || !bulk[i]) continue;
    Worker* w = workers[i];
    w->chunk_checkpoint = checkpoint;
    w->chunk_records += records.size();
    if (w->chunk_records >= options_.bulk_records ||
        w->chunk->bytes() >= options_.bulk_bytes) {
      result[i] = FlushChunk(w);
    }
  }
  return result;
}

void ProjectionRunner::WriteTogether(const std::vector<Worker*>& workers,
                                     const std::vector<bool>& bulk,
                                     const std::vector<PendingWrites>& pending,
                                     uint64_t checkpoint,
                                     std::vector<absl::Status>* result) {
  // One write batch holds the updates and the new checkpoint of every
  // projection of the cohort that is near the log's end. Each projection
  // keeps its own column family, so they stay independent on disk; what the
  // batch shares is the cost of a store write, paid once per batch of
  // records instead of once per projection.
  rocksdb::WriteBatch wb;
  std::vector<size_t> in_write;
  for (size_t i = 0; i < workers.size(); ++i) {
    if (!(*result)[i].ok() || bulk[i]) continue;
    Worker* w = workers[i];
    if (options_.before_write) {
      (*result)[i] = options_.before_write(w->name);
      if (!(*result)[i].ok()) continue;
    }
    pending[i].AppendTo(w->cf, checkpoint, &wb);
    in_write.push_back(i);
  }
  if (in_write.empty()) return;
  rocksdb::Status s = store_.db()->Write(rocksdb::WriteOptions(), &wb);
  if (s.ok()) return;
  for (size_t i : in_write) {
    (*result)[i] = absl::UnavailableError(s.ToString());
  }
}

std::vector<absl::Status> ProjectionRunner::ApplyBatch(
    Cohort* c, const std::vector<Worker*>& workers,
    const std::vector<bool>& bulk, const std::vector<log::Record>& records,
    uint64_t checkpoint, const std::function<void()>& meanwhile) {
  // The projections are split into one group per thread (the i-th goes to
  // group i mod threads); each group folds the batch on its own thread.
  const size_t groups = std::min(c->threads, workers.size());
  std::vector<std::vector<size_t>> members(groups);
  for (size_t i = 0; i < workers.size(); ++i) members[i % groups].push_back(i);
  std::vector<absl::Status> result(workers.size());
  std::vector<PendingWrites> pending(workers.size());
  c->pool->Run(groups, [&](size_t g) {
    std::vector<Worker*> ws;
    std::vector<bool> bs;
    std::vector<PendingWrites*> ps;
    for (size_t i : members[g]) {
      ws.push_back(workers[i]);
      bs.push_back(bulk[i]);
      ps.push_back(&pending[i]);
    }
    std::vector<absl::Status> r = ApplyGroup(ws, bs, records, checkpoint, ps);
    for (size_t k = 0; k < members[g].size(); ++k) {
      result[members[g][k]] = std::move(r[k]);
    }
  }, meanwhile);
  WriteTogether(workers, bulk, pending, checkpoint, &result);
  return result;
}

void ProjectionRunner::Run(Cohort* c) {
  // The first pass does not wait, so a projection that is already caught up
  // becomes active at once.
  absl::Duration wait = absl::ZeroDuration();
  // The batch read ahead while the previous one was being applied, and the
  // subscription's next position after it.
  std::optional<absl::StatusOr<std::vector<log::Record>>> ahead;
  uint64_t ahead_next = 0;
  while (true) {
    absl::StatusOr<std::vector<log::Record>> records;
    uint64_t next = 0;
    if (ahead.has_value()) {
      records = *std::move(ahead);
      next = ahead_next;
      ahead.reset();
    } else {
      records = c->subscription->Next(wait, options_.batch_records);
      next = c->subscription->next_position();
      wait = absl::Seconds(1);
    }
    std::vector<Worker*> live;
    {
      MutexLock lock(&mu_);
      if (stopping_) return;
      for (Worker* w : c->workers) {
        if (w->error.ok()) live.push_back(w);
      }
      if (!records.ok()) {
        for (Worker* w : live) w->error = records.status();
        cv_.SignalAll();
        return;
      }
    }
    if (live.empty()) return;
    const uint64_t checkpoint = next - 1;
    // A version being built is written in bulk chunks until its last batch
    // before the log's end; everything else batch by batch.
    std::vector<bool> bulk(live.size(), false);
    if (options_.bulk_records > 0) {
      const uint64_t end = log_.LastPosition();
      MutexLock lock(&mu_);
      for (size_t i = 0; i < live.size(); ++i) {
        bulk[i] = live[i]->active != live[i]->version &&
                  end > checkpoint + options_.batch_records;
      }
    }
    std::vector<absl::Status> applied(live.size());
    if (checkpoint > c->checkpoint) {
      // While the batch is applied, read the next one if it is already in
      // the log (never wait for it: the checkpoint must not lag).
      const bool full = records->size() >= options_.batch_records;
      applied = ApplyBatch(c, live, bulk, *records, checkpoint, [&] {
        if (!full) return;
        ahead = c->subscription->Next(absl::ZeroDuration(),
                                      options_.batch_records);
        ahead_next = c->subscription->next_position();
      });
    }
    c->checkpoint = checkpoint;
    const uint64_t last = log_.LastPosition();
    std::vector<ProjectionStatus> progress;
    std::vector<std::pair<Worker*, std::optional<int>>> switching;
    {
      MutexLock lock(&mu_);
      for (size_t i = 0; i < live.size(); ++i) {
        Worker* w = live[i];
        if (!applied[i].ok()) {
          w->error = applied[i];
          continue;
        }
        w->checkpoint = checkpoint;
        if (w->active != w->version) {
          // Switch to this version once it has caught up with the log.
          if (checkpoint >= last) {
            w->switching = true;
            switching.emplace_back(w, w->active);
          } else if (options_.on_progress) {
            progress.push_back(StatusOf(*w, last));
          }
        }
      }
      cv_.SignalAll();
    }
    for (const ProjectionStatus& s : progress) options_.on_progress(s);
    for (auto& [w, old_active] : switching) {
      // Durable first; then new views read the new version; views already
      // open on the old one stay readable while it is dropped.
      absl::Status s = store_.SetActiveVersion(w->name, w->version);
      ProjectionStatus reported;
      {
        MutexLock lock(&mu_);
        if (!s.ok()) {
          w->error = s;
        } else {
          w->active = w->version;
        }
        reported = StatusOf(*w, last);
      }
      if (s.ok() && old_active.has_value()) {
        store_.DropSlot(w->name, *old_active).IgnoreError();
      }
      if (options_.on_progress) options_.on_progress(reported);
      MutexLock lock(&mu_);
      w->switching = false;
      cv_.SignalAll();
    }
  }
}

absl::StatusOr<std::unique_ptr<ReadView>> ProjectionRunner::View(
    const std::string& name) {
  std::optional<int> active;
  {
    MutexLock lock(&mu_);
    Worker* found = Find(name);
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

absl::StatusOr<std::optional<int>> ProjectionRunner::ActiveVersion(
    const std::string& name) {
  MutexLock lock(&mu_);
  Worker* found = Find(name);
  if (found == nullptr) {
    return absl::NotFoundError(absl::StrCat("no projection '", name, "'"));
  }
  return found->active;
}

absl::Status ProjectionRunner::WaitFor(const std::string& name,
                                       uint64_t position,
                                       absl::Duration timeout) {
  MutexLock lock(&mu_);
  Worker* w = Find(name);
  if (w == nullptr) {
    return absl::NotFoundError(absl::StrCat("no projection '", name, "'"));
  }
  const bool done = cv_.WaitFor(lock, timeout, [&] {
    return !w->error.ok() || stopping_ ||
           (w->active == w->version && !w->switching &&
            w->checkpoint >= position);
  });
  if (!w->error.ok()) return w->error;
  if (!done || w->checkpoint < position || w->active != w->version ||
      w->switching) {
    return absl::DeadlineExceededError(absl::StrCat(
        "projection '", name, "' is at position ", w->checkpoint,
        ", not yet at ", position));
  }
  return absl::OkStatus();
}

absl::Status ProjectionRunner::WaitForAll(uint64_t position,
                                          absl::Duration timeout) {
  for (const auto& w : workers_) {
    if (absl::Status s = WaitFor(w->name, position, timeout); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

ProjectionStatus ProjectionRunner::StatusOf(const Worker& w,
                                            uint64_t last) const {
  ProjectionStatus s;
  s.name = w.name;
  s.code_version = w.version;
  s.active = w.active;
  s.checkpoint = w.checkpoint;
  s.log_position = std::max(last, w.checkpoint);
  s.rebuilding = w.active != w.version;
  s.error = w.error;
  return s;
}

std::vector<ProjectionStatus> ProjectionRunner::Status() {
  std::vector<ProjectionStatus> out;
  const uint64_t last = log_.LastPosition();
  MutexLock lock(&mu_);
  for (auto& w : workers_) out.push_back(StatusOf(*w, last));
  return out;
}

}  // namespace concordia::projection
