#include "engine/common/clock.h"

#include "absl/time/clock.h"

namespace concordia {

SystemClock* SystemClock::Get() {
  static SystemClock* const clock = new SystemClock();
  return clock;
}

absl::Time SystemClock::Now() const { return absl::Now(); }

absl::Time SimulatedClock::Now() const {
  MutexLock lock(&mu_);
  return now_;
}

void SimulatedClock::Advance(absl::Duration d) {
  if (d <= absl::ZeroDuration()) return;
  MutexLock lock(&mu_);
  now_ += d;
}

void SimulatedClock::AdvanceTo(absl::Time t) {
  MutexLock lock(&mu_);
  if (t > now_) now_ = t;
}

}  // namespace concordia
