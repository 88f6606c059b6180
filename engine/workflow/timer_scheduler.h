// Durable timers: statutory deadlines kept as events, fired exactly once.
//
// A timer is a stream "<consortium>/timer/<timer-id>":
//   v1 TimerScheduled  (or nothing)
//   v2 TimerFired      appended with ExpectedVersion::Exact(1): of several
//                      schedulers (or a retry after a crash) only one wins
//      | TimerCancelled
//   v3 TimerCompleted  appended with Exact(2) once the consequences are in
// The consequences of a kind (the deliberation becomes executive, the
// withdrawal takes effect...) run in a handler registered for the kind; they
// must be idempotent, which the ConsequenceContext makes easy: its request_id
// is derived from the timer, so re-running after a crash appends nothing new,
// and its causation_id is the fired event's id. A scheduler that starts
// completes every timer found fired but not completed.
//
// Time comes from the injected Clock: tests run a simulated year by moving a
// SimulatedClock and calling RunDue(); production runs RunInBackground().
//
// Thread-safety: thread-safe; several schedulers may run over one log.
//
// Example:
//   TimerScheduler scheduler(log, clock, "system:scheduler");
//   scheduler.Register("deliberation.executive", [&](const FiredTimer& t) {
//     return MakeExecutive(t.spec.subject, t.context);
//   });
//   CONCORDIA_RETURN_IF_ERROR(scheduler.Start());
//   ScheduleTimer(log, ctx, {"sudest", "exec-p7", "deliberation.executive",
//                            "sudest/deliberation/p7", due, ""});
//   clock.AdvanceTo(due);
//   scheduler.RunDue();
#ifndef CONCORDIA_ENGINE_WORKFLOW_TIMER_SCHEDULER_H_
#define CONCORDIA_ENGINE_WORKFLOW_TIMER_SCHEDULER_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/common/clock.h"
#include "engine/common/mutex.h"
#include "engine/domain/core/aggregate.h"
#include "engine/log/event_log.h"
#include "engine/log/follower.h"

namespace concordia::workflow {

// What a timer is.
struct TimerSpec {
  std::string consortium_id;
  std::string timer_id;  // [a-z0-9._-], unique in the consortium
  std::string kind;
  std::string subject;  // the stream the consequences concern
  absl::Time due = absl::InfinitePast();
  std::string payload;  // kind-specific

  bool operator==(const TimerSpec& o) const;
};

// "<consortium>/timer/<timer-id>".
std::string TimerStream(absl::string_view consortium_id,
                        absl::string_view timer_id);

// Appends TimerScheduled unless the timer exists. Scheduling the same timer
// again is a no-op (replayed); the same id with a different spec is
// kAlreadyExists (TIMER_EXISTS). kInvalidArgument for a malformed spec.
absl::StatusOr<domain::Outcome> ScheduleTimer(
    log::EventLog& log, const domain::CommandContext& context,
    const TimerSpec& spec);

// Cancels a scheduled timer; kFailedPrecondition (INVALID_STATE_TRANSITION)
// when it already fired or was cancelled.
absl::StatusOr<domain::Outcome> CancelTimer(
    log::EventLog& log, const domain::CommandContext& context,
    absl::string_view consortium_id, absl::string_view timer_id,
    absl::string_view reason);

// A timer that fired, handed to its consequence handler.
struct FiredTimer {
  TimerSpec spec;
  uint64_t fired_position = 0;
  // Use this context for the consequence's commands: principal of the
  // scheduler, request_id derived from the timer (idempotent re-runs),
  // causation_id the fired event's id, effective time the due time.
  domain::CommandContext context;
};

using ConsequenceFn = std::function<absl::Status(const FiredTimer&)>;

class TimerScheduler {
 public:
  TimerScheduler(log::EventLog& log, Clock& clock, std::string principal);
  ~TimerScheduler();

  // Registers the consequences of a kind (before Start).
  void Register(const std::string& kind, ConsequenceFn consequence);

  // Builds the index of timers from the log and follows it.
  absl::Status Start();

  // Fires every scheduled timer due at the clock's now and completes every
  // fired one; returns how many timers this call completed. A failing
  // consequence leaves its timer fired-not-completed (retried on the next
  // call) and is reported after the others ran.
  absl::StatusOr<int> RunDue();

  // The earliest due time among scheduled timers.
  std::optional<absl::Time> NextDue();

  // Runs RunDue whenever a timer falls due (waiting on the clock) until Stop.
  void RunInBackground(absl::Duration poll = absl::Seconds(30));
  void Stop();

 private:
  enum class State { kScheduled, kFired, kCompleted, kCancelled };
  struct Timer {
    TimerSpec spec;
    State state = State::kScheduled;
  };

  void Apply(const log::Record& record);
  absl::Status Fire(const Timer& timer);
  absl::StatusOr<bool> Complete(const TimerSpec& spec);

  log::EventLog& log_;
  Clock& clock_;
  const std::string principal_;
  std::map<std::string, ConsequenceFn> consequences_;
  std::unique_ptr<log::Follower> follower_;
  std::thread background_;

  Mutex mu_;
  CondVar cv_;
  std::map<std::string, Timer> timers_ ABSL_GUARDED_BY(mu_);  // by stream
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t changes_ ABSL_GUARDED_BY(mu_) = 0;  // bumped by Apply
};

}  // namespace concordia::workflow

#endif  // CONCORDIA_ENGINE_WORKFLOW_TIMER_SCHEDULER_H_
