#include "services/common/call_executor.h"

#include <algorithm>
#include <utility>

namespace concordia {

CallExecutor::CallExecutor(CallExecutorOptions options) : options_(options) {
  const int n = std::max(1, options_.threads);
  workers_.reserve(n);
  for (int i = 0; i < n; ++i) workers_.emplace_back([this] { Work(); });
}

CallExecutor::~CallExecutor() { Stop(); }

bool CallExecutor::TrySubmit(std::function<void()> work) {
  {
    MutexLock lock(&mu_);
    if (stopping_ || in_flight_ >= options_.max_in_flight) return false;
    ++in_flight_;
    queue_.push_back(std::move(work));
  }
  cv_.Signal();
  observed_.SignalAll();
  return true;
}

void CallExecutor::Work() {
  while (true) {
    std::function<void()> work;
    {
      MutexLock lock(&mu_);
      cv_.Wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to run
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work();
    {
      MutexLock lock(&mu_);
      --in_flight_;
    }
    observed_.SignalAll();
  }
}

void CallExecutor::Stop() {
  MutexLock serialise(&stop_mu_);
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  cv_.SignalAll();
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
}

bool CallExecutor::AwaitInFlight(size_t n, absl::Duration timeout) {
  MutexLock lock(&mu_);
  return observed_.WaitFor(lock, timeout, [&] { return in_flight_ >= n; });
}

bool CallExecutor::AwaitIdle(absl::Duration timeout) {
  MutexLock lock(&mu_);
  return observed_.WaitFor(lock, timeout, [&] { return in_flight_ == 0; });
}

void CallExecutor::RecordCancelled() {
  {
    MutexLock lock(&mu_);
    ++cancelled_;
  }
  observed_.SignalAll();
}

void CallExecutor::RecordSkipped() {
  MutexLock lock(&mu_);
  ++skipped_;
}

uint64_t CallExecutor::cancelled() {
  MutexLock lock(&mu_);
  return cancelled_;
}

uint64_t CallExecutor::skipped() {
  MutexLock lock(&mu_);
  return skipped_;
}

bool CallExecutor::AwaitCancelled(uint64_t n, absl::Duration timeout) {
  MutexLock lock(&mu_);
  return observed_.WaitFor(lock, timeout, [&] { return cancelled_ >= n; });
}

size_t CallExecutor::in_flight() {
  MutexLock lock(&mu_);
  return in_flight_;
}

}  // namespace concordia
