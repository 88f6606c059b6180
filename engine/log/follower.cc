#include "engine/log/follower.h"

#include <algorithm>
#include <utility>

namespace concordia::log {

Follower::Follower(EventLog& log, RecordFilter filter,
                   std::function<void(const Record&)> apply,
                   uint64_t from_position)
    : log_(log),
      filter_(std::move(filter)),
      apply_(std::move(apply)),
      from_position_(std::max<uint64_t>(from_position, 1)) {}

Follower::~Follower() { Stop(); }

absl::Status Follower::Start() {
  auto sub = log_.Subscribe(from_position_, filter_);
  if (!sub.ok()) return sub.status();
  subscription_ = *std::move(sub);
  // Records the filter rejects do not wake the thread; they only move the
  // position, so WaitFor still sees the view caught up with them. The
  // subscription skips only while Run's Next() is blocked, when everything
  // before its position has been applied.
  subscription_->SetSkipListener([this](uint64_t next) {
    MutexLock lock(&mu_);
    position_ = std::max(position_, next - 1);
    cv_.SignalAll();
  });
  // Catch up synchronously so the view is complete when Start returns.
  const uint64_t target = log_.LastPosition();
  while (subscription_->next_position() <= target) {
    auto batch = subscription_->Next(absl::ZeroDuration(), 1024);
    if (!batch.ok()) return batch.status();
    for (const Record& r : *batch) apply_(r);
    if (batch->empty()) break;
  }
  {
    MutexLock lock(&mu_);
    position_ = subscription_->next_position() - 1;
  }
  thread_ = std::thread([this] { Run(); });
  return absl::OkStatus();
}

void Follower::Run() {
  while (true) {
    auto batch = subscription_->Next(absl::Seconds(1), 1024);
    MutexLock lock(&mu_);
    if (stopping_) return;
    if (!batch.ok()) {
      status_ = batch.status();
      cv_.SignalAll();
      return;
    }
    lock.Unlock();
    for (const Record& r : *batch) apply_(r);
    lock.Lock();
    position_ = subscription_->next_position() - 1;
    cv_.SignalAll();
  }
}

absl::Status Follower::WaitFor(uint64_t position, absl::Duration timeout) {
  MutexLock lock(&mu_);
  const bool reached = cv_.WaitFor(lock, timeout, [&] {
    return position_ >= position || !status_.ok() || stopping_;
  });
  if (!status_.ok()) return status_;
  if (!reached || position_ < position) {
    return absl::DeadlineExceededError(
        "the view has not caught up with the log yet");
  }
  return absl::OkStatus();
}

uint64_t Follower::position() const {
  MutexLock lock(&mu_);
  return position_;
}

void Follower::Stop() {
  {
    MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
    cv_.SignalAll();
  }
  if (subscription_ != nullptr) subscription_->Cancel();
  if (thread_.joinable()) thread_.join();
}

}  // namespace concordia::log
