// ProjectionRunner: keeps projections up to date with the log, exactly once,
// and rebuilds a projection whose version changed without downtime.
//
// Projections whose checkpoints are equal at Start form a cohort: one thread
// reads and decodes the log once for the whole cohort, and each batch of
// records is folded by every projection of it: the projections are split
// into `apply_threads` groups folding side by side, each group applying
// record by record to its projections in turn (so a projection that decodes
// domain events shares the decoding with the others of its group, see
// engine/readmodel/decoded_event.h). Each projection folds its records on
// one thread, in order, so its output does not depend on the threading. A
// cohort's projections are written one batch at a time: the updates of the
// batch and each projection's new checkpoint go into one RocksDB write batch
// (shared by the cohort's projections, each in its own column family), so
// after a crash a projection resumes from its checkpoint, applying no record
// twice and skipping none. A projection that fails stops alone; the rest of
// its cohort goes on.
//
// When a projection's code version is newer than the version serving queries,
// the new version is built from position 1 in its own cohort, in the
// background, while the old one keeps answering (with the position it
// reflects); progress is reported through `on_progress` and Status(). Once the
// new version has caught up with the log it becomes the active one in one
// durable switch and the old version is dropped.
//
// Thread-safety: thread-safe. `on_progress` and `before_write` run on the
// runner's threads, without the runner's lock held (they may call Status());
// `before_write` may run on several threads at once, for different
// projections.
//
// Example:
//   ProjectionRunnerOptions options;
//   options.on_progress = [](const ProjectionStatus& s) {
//     LOG(INFO) << s.name << " v" << s.code_version << ": " << s.checkpoint
//               << " of " << s.log_position;
//   };
//   ProjectionRunner runner(log, *store, {&deliberations, &accords}, options);
//   CONCORDIA_RETURN_IF_ERROR(runner.Start());
//   auto view = runner.View("deliberations");
//   auto d = (*view)->Get("deliberation/sudest/p-7", (*view)->position());
#ifndef CONCORDIA_ENGINE_PROJECTION_PROJECTION_RUNNER_H_
#define CONCORDIA_ENGINE_PROJECTION_PROJECTION_RUNNER_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/common/mutex.h"
#include "engine/log/event_log.h"
#include "engine/projection/projection.h"
#include "engine/projection/projection_store.h"

namespace concordia::projection {

class PendingWrites;  // pending_writes.h

// Where one projection stands.
struct ProjectionStatus {
  std::string name;
  int code_version = 0;          // the version this binary computes
  std::optional<int> active;     // the version answering queries
  uint64_t checkpoint = 0;       // of the code version
  uint64_t log_position = 0;     // the log's last position when asked
  bool rebuilding = false;       // the code version is not active yet
  absl::Status error;            // why it stopped, if it did

  // How far the code version has got, 0..1 (1 when the log is empty).
  double progress() const {
    return log_position == 0 ? 1.0
                             : static_cast<double>(checkpoint) / log_position;
  }
};

struct ProjectionRunnerOptions {
  // Records applied per write batch.
  size_t batch_records = 1024;
  // Test hook: called before each projection's batch is written; an error
  // fails the write as a storage failure would (that projection stops;
  // nothing of the batch is applied to it).
  std::function<absl::Status(const std::string& name)> before_write;
  // Called after every batch applied to a version that is not active yet (a
  // first build or a rebuild), and once when it becomes active.
  std::function<void(const ProjectionStatus&)> on_progress;
  // A version that is not active yet (a build or a rebuild) is written, up
  // to its last batch before the log's end, in bulk chunks of this many
  // records (or `bulk_bytes` of writes): each chunk, with its checkpoint,
  // becomes one sorted table file ingested into the store, which costs a
  // fraction of writing through the memtable. A crash loses at most the
  // chunk under way. 0: always batch by batch.
  size_t bulk_records = 65536;
  size_t bulk_bytes = 256 << 20;
  // Threads folding a cohort's batch (at most one per projection).
  size_t apply_threads = 2;
};

class ProjectionRunner {
 public:
  // The projections must outlive the runner; their names must be distinct.
  ProjectionRunner(log::EventLog& log, ProjectionStore& store,
                   std::vector<Projection*> projections,
                   ProjectionRunnerOptions options = {});
  ~ProjectionRunner();  // stops the threads

  // Starts following the log. Fails when the store cannot be read or two
  // projections share a name.
  absl::Status Start();
  void Stop();

  // A consistent view of the version of `name` that answers queries:
  // kNotFound for an unknown projection, kUnavailable while its first
  // version is still being built.
  absl::StatusOr<std::unique_ptr<ReadView>> View(const std::string& name);

  // The version of `name` answering queries (nullopt while the first is being
  // built); kNotFound for an unknown projection.
  absl::StatusOr<std::optional<int>> ActiveVersion(const std::string& name);

  // Waits until the active version of `name` is the code version and has
  // applied `position`: kDeadlineExceeded after `timeout`, the projection's
  // error if it stopped.
  absl::Status WaitFor(const std::string& name, uint64_t position,
                       absl::Duration timeout);

  // Waits for every projection (see WaitFor).
  absl::Status WaitForAll(uint64_t position, absl::Duration timeout);

  std::vector<ProjectionStatus> Status();

  // The log the runner follows.
  log::EventLog& log() const { return log_; }

 private:
  struct Worker;
  struct Cohort;
  class ApplyPool;
  void Run(Cohort* cohort);
  // Applies `records` to each of `workers` and writes each one's batch with
  // `checkpoint`; returns, per worker, OK or why it failed.
  // `meanwhile` runs on the cohort's thread while the batch is applied.
  std::vector<absl::Status> ApplyBatch(Cohort* c,
                                       const std::vector<Worker*>& workers,
                                       const std::vector<bool>& bulk,
                                       const std::vector<log::Record>& records,
                                       uint64_t checkpoint,
                                       const std::function<void()>& meanwhile);
  // Folds the batch for a group of projections on the calling thread, into
  // `pending` (one per worker) or, in bulk mode, the worker's chunk.
  std::vector<absl::Status> ApplyGroup(
      const std::vector<Worker*>& workers, const std::vector<bool>& bulk,
      const std::vector<log::Record>& records, uint64_t checkpoint,
      const std::vector<PendingWrites*>& pending);
  // Writes the pending updates of every worker still OK and not in bulk
  // mode, each with `checkpoint`, in one store write; sets `result` of
  // those whose write failed.
  void WriteTogether(const std::vector<Worker*>& workers,
                     const std::vector<bool>& bulk,
                     const std::vector<PendingWrites>& pending,
                     uint64_t checkpoint, std::vector<absl::Status>* result);
  // Ingests the worker's bulk chunk, if any, with its checkpoint.
  absl::Status FlushChunk(Worker* w);
  ProjectionStatus StatusOf(const Worker& w, uint64_t last) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  Worker* Find(const std::string& name) const;

  log::EventLog& log_;
  ProjectionStore& store_;
  const ProjectionRunnerOptions options_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::unique_ptr<Cohort>> cohorts_;

  mutable Mutex mu_;
  CondVar cv_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace concordia::projection

#endif  // CONCORDIA_ENGINE_PROJECTION_PROJECTION_RUNNER_H_
