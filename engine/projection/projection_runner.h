// ProjectionRunner: keeps projections up to date with the log, exactly once,
// and rebuilds a projection whose version changed without downtime.
//
// Each projection runs on a thread of its own, following the log from its
// checkpoint. A batch of records is applied to a WriteBatchWithIndex together
// with the new checkpoint and written at once: after a crash the projection
// resumes from its checkpoint, applying no record twice and skipping none.
//
// When a projection's code version is newer than the version serving queries,
// the new version is built from position 1 in the background while the old
// one keeps answering (with the position it reflects); once the new version
// has caught up with the log it becomes the active one in one durable switch
// and the old version is dropped.
//
// Thread-safety: thread-safe.
//
// Example:
//   ProjectionRunner runner(log, *store, {&deliberations, &accords});
//   CONCORDIA_RETURN_IF_ERROR(runner.Start());
//   auto view = runner.View("deliberations");
//   auto d = (*view)->Get("deliberation/sudest/p-7", (*view)->position());
#ifndef CONCORDIA_ENGINE_PROJECTION_PROJECTION_RUNNER_H_
#define CONCORDIA_ENGINE_PROJECTION_PROJECTION_RUNNER_H_

#include <functional>
#include <map>
#include <memory>
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

// Where one projection stands.
struct ProjectionStatus {
  std::string name;
  int code_version = 0;          // the version this binary computes
  std::optional<int> active;     // the version answering queries
  uint64_t checkpoint = 0;       // of the code version
  uint64_t log_position = 0;     // the log's last position when asked
  bool rebuilding = false;       // the code version is not active yet
  absl::Status error;            // why it stopped, if it did
};

struct ProjectionRunnerOptions {
  // Records applied per write batch.
  size_t batch_records = 1024;
  // Test hook: called before each batch is written; an error fails the write
  // as a storage failure would (the projection stops; nothing is applied).
  std::function<absl::Status(const std::string& name)> before_write;
};

class ProjectionRunner {
 public:
  ProjectionRunner(log::EventLog& log, ProjectionStore& store,
                   std::vector<Projection*> projections,
                   ProjectionRunnerOptions options = {});
  ~ProjectionRunner();  // stops the threads

  // Starts following the log. Fails when the store cannot be read.
  absl::Status Start();
  void Stop();

  // A consistent view of the version of `name` that answers queries:
  // kNotFound for an unknown projection, kUnavailable while its first
  // version is still being built.
  absl::StatusOr<std::unique_ptr<ReadView>> View(const std::string& name);

  // Waits until the active version of `name` has applied `position`.
  absl::Status WaitFor(const std::string& name, uint64_t position,
                       absl::Duration timeout);

  std::vector<ProjectionStatus> Status();

 private:
  struct Worker;
  void Run(Worker* w);
  absl::Status ApplyBatch(Worker* w, const std::vector<log::Record>& records,
                          uint64_t checkpoint);

  log::EventLog& log_;
  ProjectionStore& store_;
  const ProjectionRunnerOptions options_;
  std::vector<std::unique_ptr<Worker>> workers_;

  Mutex mu_;
  CondVar cv_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace concordia::projection

#endif  // CONCORDIA_ENGINE_PROJECTION_PROJECTION_RUNNER_H_
