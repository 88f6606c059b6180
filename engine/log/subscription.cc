#include "engine/log/subscription.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <utility>

#include "engine/common/clock.h"

namespace concordia::log {
namespace {

// How many positions one disk read may scan when the filter is selective.
constexpr uint64_t kMaxScanPerRead = 8192;

class LogSubscription final : public Subscription {
 public:
  LogSubscription(std::shared_ptr<LogStore> store, uint64_t from,
                  RecordFilter filter)
      : store_(std::move(store)), filter_(std::move(filter)), next_(from) {}

  absl::StatusOr<std::vector<Record>> Next(absl::Duration timeout,
                                           size_t max_count) override {
    if (max_count == 0) max_count = 1;
    uint64_t committed = 0;
    {
      MutexLock lock(&store_->mu);
      if (!cancelled_ && !store_->closed && store_->committed < next_ &&
          timeout > absl::ZeroDuration()) {
        // Wait as a registered waiter: the publisher wakes it (or, with a
        // skip listener, moves it past records it would filter out).
        LogStore::Waiter waiter;
        waiter.filter = &filter_;
        waiter.next = &next_;
        waiter.on_skip = on_skip_ ? &on_skip_ : nullptr;
        store_->waiters.push_back(&waiter);
        waiter.cv.WaitFor(lock, timeout, [&] {
          return waiter.woken || cancelled_ || store_->closed;
        });
        store_->waiters.erase(std::find(store_->waiters.begin(),
                                        store_->waiters.end(), &waiter));
      }
      if (cancelled_) return absl::CancelledError("subscription cancelled");
      if (store_->closed) return absl::UnavailableError("the log is closed");
      if (store_->committed < next_) return std::vector<Record>();
      committed = store_->committed;
      // Live path: the next position is still in the cache.
      if (!store_->live.empty() && store_->live.front().position <= next_) {
        std::vector<Record> out;
        const size_t start = next_ - store_->live.front().position;
        for (size_t i = start; i < store_->live.size(); ++i) {
          const Record& r = store_->live[i];
          next_ = r.position + 1;
          if (!filter_.Matches(r.stream, r.type)) continue;
          out.push_back(r);
          if (out.size() >= max_count) break;
        }
        // Possibly empty: everything committed was filtered out, and
        // next_position() says how far the subscription got.
        return out;
      }
    }
    // Disk path: the subscriber is behind the cache.
    uint64_t scanned_to = next_ - 1;
    absl::StatusOr<std::vector<Record>> records = store_->ReadRange(
        next_, max_count, filter_, kMaxScanPerRead, &scanned_to, committed);
    if (!records.ok()) return records.status();
    next_ = records->empty() ? scanned_to + 1 : records->back().position + 1;
    // Possibly empty: the scanned range held nothing matching.
    return records;
  }

  uint64_t next_position() const override { return next_; }

  void Cancel() override {
    MutexLock lock(&store_->mu);
    cancelled_ = true;
    store_->WakeAllWaiters();
  }

  void SetSkipListener(std::function<void(uint64_t)> on_skip) override {
    MutexLock lock(&store_->mu);
    on_skip_ = std::move(on_skip);
  }

 private:
  const std::shared_ptr<LogStore> store_;
  const RecordFilter filter_;
  std::atomic<uint64_t> next_;
  bool cancelled_ = false;  // guarded by store_->mu
  std::function<void(uint64_t)> on_skip_;  // guarded by store_->mu
};

}  // namespace

std::unique_ptr<Subscription> NewSubscription(std::shared_ptr<LogStore> store,
                                              uint64_t from_position,
                                              RecordFilter filter) {
  return std::make_unique<LogSubscription>(std::move(store), from_position,
                                           std::move(filter));
}

}  // namespace concordia::log
