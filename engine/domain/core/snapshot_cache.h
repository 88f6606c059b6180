// SnapshotCache: folded states of long streams kept in memory, so a command
// reads only the events after the snapshot instead of the whole stream, and
// shares the folded state instead of copying it.
//
// Streams are append-only, so a state folded to version v plus the events
// after v equals the full fold: a snapshot never goes stale, it only falls
// behind. Entries are bounded (least recently stored are dropped) and
// rebuilt from the log on a miss; the log stays the only truth.
//
// A fold hands out a reference to the snapshot itself (FoldedRef, read-only).
// A later fold that finds new events applies them in place when nobody holds
// the snapshot any more, and to a copy when somebody does (copy-on-write), so
// a reference never changes under its holder. A command on a stream that is
// not shared with another in-flight command therefore copies nothing.
//
// Thread-safety: thread-safe. The states handed out are immutable.
//
// Example:
//   SnapshotCache<SessionState> cache(1024);
//   absl::StatusOr<FoldedRef<SessionState>> folded =
//       cache.Fold(log, stream, ApplySessionEvent);
//   if (folded.ok()) Decide((*folded)->state);
#ifndef CONCORDIA_ENGINE_DOMAIN_CORE_SNAPSHOT_CACHE_H_
#define CONCORDIA_ENGINE_DOMAIN_CORE_SNAPSHOT_CACHE_H_

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/common/mutex.h"
#include "engine/domain/core/aggregate.h"

namespace concordia::domain {

template <typename State>
class SnapshotCache {
 public:
  explicit SnapshotCache(size_t capacity) : capacity_(capacity) {}

  // The stream folded to its end: the snapshot plus the events after it.
  // Folds of one stream take turns; other streams are not held up.
  absl::StatusOr<FoldedRef<State>> Fold(log::EventLog& log,
                                        const std::string& stream,
                                        const ApplyFn<State>& apply) {
    std::shared_ptr<Entry> entry = EntryFor(stream);
    MutexLock lock(&entry->mu);
    if (entry->folded == nullptr) {
      entry->folded = std::make_shared<Folded<State>>();
    }
    constexpr size_t kChunk = 512;
    while (true) {
      absl::StatusOr<std::vector<log::Record>> records =
          log.ReadStream(stream, entry->folded->version + 1, kChunk);
      if (!records.ok()) return records.status();
      if (records->empty()) break;
      // Held by a caller (more than the entry's own reference): the new
      // events go to a copy. No reference is taken without `entry->mu`,
      // so a count of one cannot grow while we apply.
      if (entry->folded.use_count() > 1) {
        entry->folded = std::make_shared<Folded<State>>(*entry->folded);
        ++copies_;
      }
      absl::Status applied = ApplyRecords<State>(*records, apply, UINT64_MAX,
                                                 entry->folded.get());
      if (!applied.ok()) {
        // The snapshot holds part of the tail: start over next time.
        entry->folded = nullptr;
        return applied;
      }
      if (records->size() < kChunk) break;
    }
    return FoldedRef<State>(entry->folded);
  }

  // How many folds started from a snapshot.
  uint64_t hits() {
    MutexLock lock(&mu_);
    return hits_;
  }

  // How many times new events went to a copy because the snapshot was held.
  uint64_t copies() const { return copies_.load(); }

 private:
  struct Entry {
    Mutex mu;
    std::shared_ptr<Folded<State>> folded ABSL_GUARDED_BY(mu);
  };

  std::shared_ptr<Entry> EntryFor(const std::string& stream) {
    MutexLock lock(&mu_);
    auto it = snapshots_.find(stream);
    if (it != snapshots_.end()) {
      ++hits_;
      return it->second;
    }
    auto entry = std::make_shared<Entry>();
    snapshots_[stream] = entry;
    order_.push_back(stream);
    while (order_.size() > capacity_) {
      snapshots_.erase(order_.front());
      order_.pop_front();
    }
    return entry;
  }

  const size_t capacity_;
  Mutex mu_;
  std::map<std::string, std::shared_ptr<Entry>> snapshots_ ABSL_GUARDED_BY(mu_);
  std::deque<std::string> order_ ABSL_GUARDED_BY(mu_);
  uint64_t hits_ ABSL_GUARDED_BY(mu_) = 0;
  std::atomic<uint64_t> copies_{0};
};

}  // namespace concordia::domain

#endif  // CONCORDIA_ENGINE_DOMAIN_CORE_SNAPSHOT_CACHE_H_
