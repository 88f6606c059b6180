#include "engine/workflow/timer_scheduler.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "concordia/v1/timers.pb.h"
#include "engine/common/errors.h"
#include "engine/domain/core/event_envelope.h"
#include "engine/domain/core/reasons.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::workflow {
namespace {

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp ToProto(absl::Time t) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}
absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(t));
}

bool ValidId(absl::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!(absl::ascii_islower(static_cast<unsigned char>(c)) ||
          absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '-' ||
          c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

TimerSpec FromScheduled(const v1::TimerScheduled& e) {
  return {e.consortium_id(),       e.timer_id(), e.kind(), e.subject(),
          FromProto(e.due_time()), e.payload()};
}

// The timer stream's state as a fold (for the command decisions).
struct TimerFold {
  std::optional<TimerSpec> spec;
  bool fired = false;
  bool cancelled = false;
};

absl::Status ApplyTimer(TimerFold& t, const google::protobuf::Message& e,
                        const log::Record&) {
  if (const auto* s = dynamic_cast<const v1::TimerScheduled*>(&e)) {
    t.spec = FromScheduled(*s);
  } else if (dynamic_cast<const v1::TimerFired*>(&e) != nullptr) {
    t.fired = true;
  } else if (dynamic_cast<const v1::TimerCancelled*>(&e) != nullptr) {
    t.cancelled = true;
  }
  return absl::OkStatus();
}

}  // namespace

bool TimerSpec::operator==(const TimerSpec& o) const {
  return consortium_id == o.consortium_id && timer_id == o.timer_id &&
         kind == o.kind && subject == o.subject &&
         absl::ToUnixMicros(due) == absl::ToUnixMicros(o.due) &&
         payload == o.payload;
}

std::string TimerStream(absl::string_view consortium_id,
                        absl::string_view timer_id) {
  return absl::StrCat(consortium_id, "/timer/", timer_id);
}

absl::StatusOr<domain::Outcome> ScheduleTimer(
    log::EventLog& log, const domain::CommandContext& context,
    const TimerSpec& spec) {
  if (!ValidId(spec.consortium_id)) {
    return domain::InvalidField("consortium_id", "not a valid id");
  }
  if (!ValidId(spec.timer_id)) {
    return domain::InvalidField("timer_id", "1..128 of [a-z0-9._-]");
  }
  if (spec.kind.empty()) return domain::InvalidField("kind", "required");
  if (spec.due == absl::InfinitePast() || spec.due == absl::InfiniteFuture()) {
    return domain::InvalidField("due", "required");
  }
  return domain::Execute<TimerFold>(
      log, TimerStream(spec.consortium_id, spec.timer_id), context, ApplyTimer,
      [&](const domain::Folded<TimerFold>& f)
          -> absl::StatusOr<domain::Events> {
        domain::Events events;
        if (f.state.spec.has_value()) {
          if (*f.state.spec == spec) return events;  // already scheduled
          return Error(absl::StatusCode::kAlreadyExists, "TIMER_EXISTS",
                       absl::StrCat("timer ", spec.timer_id,
                                    " exists with another schedule"));
        }
        auto e = std::make_unique<v1::TimerScheduled>();
        e->set_consortium_id(spec.consortium_id);
        e->set_timer_id(spec.timer_id);
        e->set_kind(spec.kind);
        *e->mutable_due_time() = ToProto(spec.due);
        e->set_subject(spec.subject);
        e->set_payload(spec.payload);
        events.push_back(std::move(e));
        return events;
      });
}

absl::StatusOr<domain::Outcome> CancelTimer(
    log::EventLog& log, const domain::CommandContext& context,
    absl::string_view consortium_id, absl::string_view timer_id,
    absl::string_view reason) {
  return domain::Execute<TimerFold>(
      log, TimerStream(consortium_id, timer_id), context, ApplyTimer,
      [&](const domain::Folded<TimerFold>& f)
          -> absl::StatusOr<domain::Events> {
        if (!f.state.spec.has_value()) {
          return domain::UnknownEntity("timer", timer_id);
        }
        if (f.state.fired || f.state.cancelled) {
          return domain::Rejected(
              domain::reasons::kInvalidStateTransition,
              absl::StrCat("timer ", timer_id, " already ",
                           f.state.fired ? "fired" : "cancelled"));
        }
        domain::Events events;
        auto e = std::make_unique<v1::TimerCancelled>();
        e->set_consortium_id(std::string(consortium_id));
        e->set_timer_id(std::string(timer_id));
        e->set_reason(std::string(reason));
        events.push_back(std::move(e));
        return events;
      });
}

TimerScheduler::TimerScheduler(log::EventLog& log, Clock& clock,
                               std::string principal)
    : log_(log), clock_(clock), principal_(std::move(principal)) {}

TimerScheduler::~TimerScheduler() { Stop(); }

void TimerScheduler::Register(const std::string& kind,
                              ConsequenceFn consequence) {
  consequences_[kind] = std::move(consequence);
}

void TimerScheduler::Apply(const log::Record& r) {
  auto event = domain::UnpackEvent(r);
  if (!event.ok()) return;
  MutexLock lock(&mu_);
  if (const auto* s = dynamic_cast<const v1::TimerScheduled*>(event->get())) {
    timers_[r.stream] = Timer{FromScheduled(*s), State::kScheduled};
  } else if (dynamic_cast<const v1::TimerFired*>(event->get()) != nullptr) {
    timers_[r.stream].state = State::kFired;
  } else if (dynamic_cast<const v1::TimerCompleted*>(event->get()) != nullptr) {
    timers_[r.stream].state = State::kCompleted;
  } else if (dynamic_cast<const v1::TimerCancelled*>(event->get()) != nullptr) {
    timers_[r.stream].state = State::kCancelled;
  }
  ++changes_;
  cv_.SignalAll();
}

absl::Status TimerScheduler::Start() {
  follower_ = std::make_unique<log::Follower>(
      log_,
      log::RecordFilter{
          "",
          {"concordia.v1.TimerScheduled", "concordia.v1.TimerFired",
           "concordia.v1.TimerCompleted", "concordia.v1.TimerCancelled"}},
      [this](const log::Record& r) { Apply(r); });
  return follower_->Start();
}

absl::Status TimerScheduler::Fire(const Timer& timer) {
  const std::string stream =
      TimerStream(timer.spec.consortium_id, timer.spec.timer_id);
  domain::CommandContext ctx;
  ctx.principal = principal_;
  ctx.request_id = absl::StrCat("timer-fired:", stream);
  ctx.effective_time = timer.spec.due;
  ctx.now = clock_.Now();
  auto e = std::make_unique<v1::TimerFired>();
  e->set_consortium_id(timer.spec.consortium_id);
  e->set_timer_id(timer.spec.timer_id);
  e->set_kind(timer.spec.kind);
  *e->mutable_due_time() = ToProto(timer.spec.due);
  domain::Events events;
  events.push_back(std::move(e));
  absl::StatusOr<domain::Outcome> r = domain::AppendDecision(
      log_, stream, ctx, log::ExpectedVersion::Exact(1), events);
  // Someone else fired (or cancelled) it first: that is the point. (Another
  // scheduler's TimerFired has this event's id but its own principal.)
  if (!r.ok() && (ErrorReason(r.status()) == "WRONG_EXPECTED_VERSION" ||
                  ErrorReason(r.status()) == "EVENT_ID_REUSED")) {
    return absl::OkStatus();
  }
  return r.status();
}

absl::StatusOr<bool> TimerScheduler::Complete(const TimerSpec& spec) {
  const std::string stream = TimerStream(spec.consortium_id, spec.timer_id);
  // Confirm from the log that it is fired and not completed.
  CONCORDIA_ASSIGN_OR_RETURN(std::vector<log::Record> records,
                             log_.ReadStream(stream, 1, 4));
  if (records.size() != 2 || records[1].type != "concordia.v1.TimerFired") {
    return false;
  }
  const log::Record& fired = records[1];
  auto handler = consequences_.find(spec.kind);
  if (handler != consequences_.end()) {
    FiredTimer t;
    t.spec = spec;
    t.fired_position = fired.position;
    t.context.principal = principal_;
    t.context.request_id = absl::StrCat("timer:", stream);
    t.context.causation_id = fired.id.ToHex();
    t.context.correlation_id = fired.metadata.correlation_id;
    t.context.effective_time = spec.due;
    t.context.now = clock_.Now();
    CONCORDIA_RETURN_IF_ERROR(handler->second(t));
  }
  domain::CommandContext ctx;
  ctx.principal = principal_;
  ctx.request_id = absl::StrCat("timer-completed:", stream);
  ctx.causation_id = fired.id.ToHex();
  ctx.effective_time = spec.due;
  ctx.now = clock_.Now();
  auto e = std::make_unique<v1::TimerCompleted>();
  e->set_consortium_id(spec.consortium_id);
  e->set_timer_id(spec.timer_id);
  domain::Events events;
  events.push_back(std::move(e));
  absl::StatusOr<domain::Outcome> r = domain::AppendDecision(
      log_, stream, ctx, log::ExpectedVersion::Exact(2), events);
  if (!r.ok() && (ErrorReason(r.status()) == "WRONG_EXPECTED_VERSION" ||
                  ErrorReason(r.status()) == "EVENT_ID_REUSED")) {
    return false;  // another scheduler completed it
  }
  CONCORDIA_RETURN_IF_ERROR(r.status());
  return !r->replayed;
}

absl::StatusOr<int> TimerScheduler::RunDue() {
  // Every timer scheduled before this call is considered, also one whose
  // TimerScheduled the follower has not applied yet.
  CONCORDIA_RETURN_IF_ERROR(
      follower_->WaitFor(log_.LastPosition(), absl::Seconds(30)));
  const absl::Time now = clock_.Now();
  std::vector<Timer> due, fired;
  {
    MutexLock lock(&mu_);
    for (const auto& [stream, t] : timers_) {
      if (t.state == State::kScheduled && t.spec.due <= now) due.push_back(t);
      if (t.state == State::kFired) fired.push_back(t);
    }
  }
  absl::Status first_error;
  for (const Timer& t : due) {
    absl::Status s = Fire(t);
    if (!s.ok() && first_error.ok()) first_error = s;
    if (s.ok()) fired.push_back(t);
  }
  int completed = 0;
  for (const Timer& t : fired) {
    absl::StatusOr<bool> done = Complete(t.spec);
    if (!done.ok()) {
      if (first_error.ok()) first_error = done.status();
      continue;
    }
    if (*done) ++completed;
  }
  // Let the index see what this call appended before the next call.
  CONCORDIA_RETURN_IF_ERROR(
      follower_->WaitFor(log_.LastPosition(), absl::Seconds(30)));
  if (!first_error.ok()) return first_error;
  return completed;
}

std::optional<absl::Time> TimerScheduler::NextDue() {
  MutexLock lock(&mu_);
  std::optional<absl::Time> next;
  for (const auto& [stream, t] : timers_) {
    if (t.state == State::kScheduled && (!next || t.spec.due < *next)) {
      next = t.spec.due;
    }
  }
  return next;
}

void TimerScheduler::RunInBackground(absl::Duration poll) {
  background_ = std::thread([this, poll] {
    while (true) {
      RunDue().IgnoreError();  // failures are retried on the next round
      const std::optional<absl::Time> next = NextDue();
      absl::Duration wait = poll;
      if (next.has_value()) wait = std::min(wait, *next - clock_.Now());
      MutexLock lock(&mu_);
      if (stopping_) return;
      if (wait > absl::ZeroDuration()) {
        // Woken early by new timers (Apply counts changes) or by Stop.
        const uint64_t seen = changes_;
        cv_.WaitFor(lock, wait,
                    [this, seen] { return stopping_ || changes_ != seen; });
      }
      if (stopping_) return;
    }
  });
}

void TimerScheduler::Stop() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
    cv_.SignalAll();
  }
  if (background_.joinable()) background_.join();
  if (follower_ != nullptr) follower_->Stop();
}

}  // namespace concordia::workflow
