// SnapshotCache: folded states of long streams kept in memory, so a command
// reads only the events after the snapshot instead of the whole stream.
//
// Streams are append-only, so a state folded to version v plus the events
// after v equals the full fold: a snapshot never goes stale, it only falls
// behind. Entries are bounded (least recently stored are dropped) and
// rebuilt from the log on a miss; the log stays the only truth.
//
// Thread-safety: thread-safe.
//
// Example:
//   SnapshotCache<SessionState> cache(1024);
//   auto folded = cache.Fold(log, stream, ApplySessionEvent);
#ifndef CONCORDIA_ENGINE_DOMAIN_CORE_SNAPSHOT_CACHE_H_
#define CONCORDIA_ENGINE_DOMAIN_CORE_SNAPSHOT_CACHE_H_

#include <deque>
#include <map>
#include <string>

#include "engine/common/mutex.h"
#include "engine/domain/core/aggregate.h"

namespace concordia::domain {

template <typename State>
class SnapshotCache {
 public:
  explicit SnapshotCache(size_t capacity) : capacity_(capacity) {}

  // The stream folded to its end: the snapshot plus the events after it.
  absl::StatusOr<Folded<State>> Fold(log::EventLog& log,
                                     const std::string& stream,
                                     const ApplyFn<State>& apply) {
    Folded<State> start;
    {
      MutexLock lock(&mu_);
      auto it = snapshots_.find(stream);
      if (it != snapshots_.end()) {
        start = it->second;
        ++hits_;
      }
    }
    absl::StatusOr<Folded<State>> folded =
        FoldStream<State>(log, stream, apply, UINT64_MAX, std::move(start));
    if (!folded.ok()) return folded.status();
    MutexLock lock(&mu_);
    if (snapshots_.count(stream) == 0) {
      order_.push_back(stream);
      while (order_.size() > capacity_) {
        snapshots_.erase(order_.front());
        order_.pop_front();
      }
    }
    snapshots_[stream] = *folded;
    return folded;
  }

  // How many folds started from a snapshot.
  uint64_t hits() {
    MutexLock lock(&mu_);
    return hits_;
  }

 private:
  const size_t capacity_;
  Mutex mu_;
  std::map<std::string, Folded<State>> snapshots_ ABSL_GUARDED_BY(mu_);
  std::deque<std::string> order_ ABSL_GUARDED_BY(mu_);
  uint64_t hits_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace concordia::domain

#endif  // CONCORDIA_ENGINE_DOMAIN_CORE_SNAPSHOT_CACHE_H_
