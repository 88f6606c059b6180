// Follower: applies the log's records to an in-memory view as they commit,
// on a thread of its own, and lets callers wait until the view has caught up
// with a position (read-your-writes after an append).
//
// The view is rebuilt from `from_position` at Start (the log is the source of
// truth; nothing is persisted). Used for small views every request needs,
// such as the access grants. Records its filter rejects do not wake its
// thread (the subscription's skip listener moves its position instead).
//
// Thread-safety: thread-safe. `apply` runs on the follower's thread only.
//
// Example:
//   Follower follower(log, RecordFilter{"", {"concordia.v1.RoleGranted"}},
//                     [&](const Record& r) { access.Apply(...); });
//   CONCORDIA_RETURN_IF_ERROR(follower.Start());
//   ...
//   auto appended = log.Append(...);
//   follower.WaitFor(appended->last_position, absl::Seconds(5));
#ifndef CONCORDIA_ENGINE_LOG_FOLLOWER_H_
#define CONCORDIA_ENGINE_LOG_FOLLOWER_H_

#include <functional>
#include <memory>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "engine/common/mutex.h"
#include "engine/log/event_log.h"

namespace concordia::log {

class Follower {
 public:
  // Follows from `from_position` (1: the whole log; LastPosition() + 1:
  // only what is appended from now on).
  Follower(EventLog& log, RecordFilter filter,
           std::function<void(const Record&)> apply,
           uint64_t from_position = 1);
  ~Follower();  // stops the thread

  // Catches up with everything committed so far (synchronously), then
  // follows new records in the background.
  absl::Status Start();

  // Waits until every record up to `position` has been applied (or skipped
  // by the filter). kDeadlineExceeded after `timeout`; the follower's error
  // if it stopped.
  absl::Status WaitFor(uint64_t position, absl::Duration timeout);

  // The last position seen (applied or filtered out).
  uint64_t position() const;

  void Stop();

 private:
  void Run();

  EventLog& log_;
  const RecordFilter filter_;
  const std::function<void(const Record&)> apply_;
  const uint64_t from_position_;
  std::unique_ptr<Subscription> subscription_;
  std::thread thread_;

  mutable Mutex mu_;
  CondVar cv_;
  uint64_t position_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status status_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace concordia::log

#endif  // CONCORDIA_ENGINE_LOG_FOLLOWER_H_
