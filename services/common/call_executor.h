// CallExecutor: the worker threads that run the bodies of Concordia's unary
// RPCs, with a bound on how many calls may wait or run at once.
//
// The gRPC callback API wants handlers that return at once; a command blocks
// until its events are durable (a WAL sync shared by a group commit). So a
// handler authorizes the caller, hands the body to this pool and returns; a
// worker runs the body and finishes the call. Many workers waiting on the
// same group commit is what makes durable commands cheap under concurrency,
// so the pool is sized for concurrency (blocked threads), not for cores.
//
// Admission: at most `max_in_flight` calls are queued or running; beyond
// that TrySubmit refuses at once and the caller answers RESOURCE_EXHAUSTED,
// so an overloaded server sheds load instead of growing a queue that would
// outlive its callers' deadlines. Work queued before Stop still runs.
//
// Thread-safety: thread-safe.
//
// Example:
//   CallExecutor executor({.threads = 64, .max_in_flight = 1024});
//   if (!executor.TrySubmit([=] { reactor->Finish(Run(request)); })) {
//     reactor->Finish(Overloaded());
//   }
#ifndef CONCORDIA_SERVICES_COMMON_CALL_EXECUTOR_H_
#define CONCORDIA_SERVICES_COMMON_CALL_EXECUTOR_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "engine/common/mutex.h"

namespace concordia {

struct CallExecutorOptions {
  // Worker threads; most of their time is spent waiting for the store.
  int threads = 64;
  // Calls queued or running at most; 0 refuses every call.
  size_t max_in_flight = 1024;
};

class CallExecutor {
 public:
  explicit CallExecutor(CallExecutorOptions options = {});
  ~CallExecutor();  // Stop()
  CallExecutor(const CallExecutor&) = delete;
  CallExecutor& operator=(const CallExecutor&) = delete;

  // Queues `work` for a worker. False (and `work` is dropped) when
  // max_in_flight calls are already queued or running, or after Stop.
  bool TrySubmit(std::function<void()> work);

  // Refuses new work, lets the workers finish everything queued, and joins
  // them. Idempotent.
  void Stop();

  // Calls queued or running now.
  size_t in_flight();

  // Waits until at least `n` calls are queued or running, or `timeout`
  // passes; returns whether they are. For operators' drains and tests.
  bool AwaitInFlight(size_t n, absl::Duration timeout);
  // Waits until no call is queued or running, or `timeout` passes.
  bool AwaitIdle(absl::Duration timeout);

  // Accounting of calls whose client gave up (cancelled, or the deadline
  // passed) before they finished, and of those not run at all for it.
  void RecordCancelled();
  void RecordSkipped();
  uint64_t cancelled();
  uint64_t skipped();
  // Waits until at least `n` calls were cancelled, or `timeout` passes.
  bool AwaitCancelled(uint64_t n, absl::Duration timeout);

  const CallExecutorOptions& options() const { return options_; }

 private:
  void Work();

  const CallExecutorOptions options_;
  Mutex mu_;
  CondVar cv_;        // wakes workers
  CondVar observed_;  // wakes AwaitInFlight
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  size_t in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t cancelled_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t skipped_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::thread> workers_;  // constant after construction
  Mutex stop_mu_;                     // serialises Stop
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_COMMON_CALL_EXECUTOR_H_
