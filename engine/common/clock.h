// Clock: the only way Concordia code learns the time.
//
// Production uses SystemClock (the wall clock); tests use SimulatedClock, which
// stands still until told to move, so a test can run a simulated year in
// milliseconds and replay gives the same times every run. No code outside
// clock.cc reads the system time.
//
// Thread-safety: both implementations are safe for concurrent use.
//
// Example:
//   SimulatedClock clock(absl::FromCivil(absl::CivilDay(2026, 3, 2),
//                                        absl::UTCTimeZone()));
//   clock.Advance(absl::Hours(24 * 15));
//   absl::Time now = clock.Now();
#ifndef CONCORDIA_ENGINE_COMMON_CLOCK_H_
#define CONCORDIA_ENGINE_COMMON_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "engine/common/mutex.h"
#include "absl/time/time.h"

namespace concordia {

// A source of the current time.
class Clock {
 public:
  virtual ~Clock() = default;
  // Returns the current time.
  virtual absl::Time Now() const = 0;
};

// The wall clock. A process-wide instance is returned by SystemClock::Get().
class SystemClock final : public Clock {
 public:
  static SystemClock* Get();
  absl::Time Now() const override;
};

// A clock that moves only when told to. Time never goes backwards.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(absl::Time start) : now_(start) {}
  absl::Time Now() const override;
  // Moves the clock forward by `d` (negative durations are ignored).
  void Advance(absl::Duration d);
  // Moves the clock to `t` if `t` is later than now.
  void AdvanceTo(absl::Time t);

 private:
  mutable Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace concordia

#endif  // CONCORDIA_ENGINE_COMMON_CLOCK_H_
