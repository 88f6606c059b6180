#include "services/server/checkpointer.h"

namespace concordia {

Checkpointer::Checkpointer(log::EventLog& log, audit::AuditTrail& trail,
                           absl::Duration interval)
    : log_(log), trail_(trail), interval_(interval) {}

Checkpointer::~Checkpointer() { Stop(); }

absl::Status Checkpointer::Start() {
  // Every session that closes from now on gets a checkpoint covering it.
  sessions_ = std::make_unique<log::Follower>(
      log_, log::RecordFilter{"", {"concordia.v1.SessionClosed"}},
      [this](const log::Record&) { trail_.Checkpoint().IgnoreError(); },
      log_.LastPosition() + 1);
  if (absl::Status s = sessions_->Start(); !s.ok()) return s;
  periodic_ = std::thread([this] {
    uint64_t last_size = 0;
    MutexLock lock(&mu_);
    while (!stopping_) {
      cv_.WaitFor(lock, interval_, [this] { return stopping_; });
      if (stopping_) break;
      const uint64_t size = log_.LastPosition();
      if (size != last_size) {
        lock.Unlock();
        if (trail_.Checkpoint().ok()) last_size = size;
        lock.Lock();
      }
    }
  });
  return absl::OkStatus();
}

void Checkpointer::Stop() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
    cv_.SignalAll();
  }
  if (periodic_.joinable()) periodic_.join();
  if (sessions_ != nullptr) sessions_->Stop();
}

}  // namespace concordia
