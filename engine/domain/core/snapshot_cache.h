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
#include <memory>
#include <string>

#include "engine/common/mutex.h"
#include "engine/domain/core/aggregate.h"

namespace concordia::domain {

template <typename State>
class SnapshotCache {
 public:
  explicit SnapshotCache(size_t capacity) : capacity_(capacity) {}

  // The stream folded to its end: the snapshot plus the events after it.
  // The snapshot is brought up to date in place (folds of one stream take
  // turns; other streams are not held up), so a fold copies the state once,
  // for its result.
  absl::StatusOr<Folded<State>> Fold(log::EventLog& log,
                                     const std::string& stream,
                                     const ApplyFn<State>& apply) {
    std::shared_ptr<Entry> entry;
    {
      MutexLock lock(&mu_);
      auto it = snapshots_.find(stream);
      if (it != snapshots_.end()) {
        entry = it->second;
        ++hits_;
      } else {
        entry = std::make_shared<Entry>();
        snapshots_[stream] = entry;
        order_.push_back(stream);
        while (order_.size() > capacity_) {
          snapshots_.erase(order_.front());
          order_.pop_front();
        }
      }
    }
    MutexLock lock(&entry->mu);
    absl::StatusOr<Folded<State>> folded = FoldStream<State>(
        log, stream, apply, UINT64_MAX, std::move(entry->folded));
    if (!folded.ok()) {
      // The snapshot was consumed by the failed fold: start over next time.
      entry->folded = Folded<State>{};
      return folded.status();
    }
    entry->folded = *std::move(folded);
    return entry->folded;
  }

  // How many folds started from a snapshot.
  uint64_t hits() {
    MutexLock lock(&mu_);
    return hits_;
  }

 private:
  struct Entry {
    Mutex mu;
    Folded<State> folded ABSL_GUARDED_BY(mu);
  };

  const size_t capacity_;
  Mutex mu_;
  std::map<std::string, std::shared_ptr<Entry>> snapshots_ ABSL_GUARDED_BY(mu_);
  std::deque<std::string> order_ ABSL_GUARDED_BY(mu_);
  uint64_t hits_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace concordia::domain

#endif  // CONCORDIA_ENGINE_DOMAIN_CORE_SNAPSHOT_CACHE_H_
