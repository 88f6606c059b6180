// Durable timers: exactly once across crashes, racing schedulers, simulated
// time.
#include "engine/workflow/timer_scheduler.h"

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/log/testing/events.h"
#include "google/protobuf/wrappers.pb.h"
#include "gtest/gtest.h"

namespace concordia::workflow {
namespace {

const absl::Time kStart = absl::FromCivil(
    absl::CivilSecond(2026, 3, 2, 9, 0, 0), absl::UTCTimeZone());

domain::CommandContext Ctx(const std::string& request_id, absl::Time now) {
  domain::CommandContext c;
  c.principal = "tester";
  c.request_id = request_id;
  c.effective_time = now;
  c.now = now;
  return c;
}

TimerSpec Spec(const std::string& id, absl::Time due) {
  return {"sudest", id, "test.consequence", "sudest/target/" + id, due, "p"};
}

// A consequence that appends one marker event to the timer's subject, with
// the timer's context (so re-running it is a no-op).
absl::Status MarkSubject(log::EventLog& log, const FiredTimer& t) {
  return domain::Execute<int>(
             log, t.spec.subject, t.context,
             [](int&, const google::protobuf::Message&, const log::Record&) {
               return absl::OkStatus();
             },
             [](const domain::Folded<int>&) -> absl::StatusOr<domain::Events> {
               domain::Events e;
               auto v = std::make_unique<google::protobuf::StringValue>();
               v->set_value("consequence");
               e.push_back(std::move(v));
               return e;
             })
      .status();
}

class TimerSchedulerTest : public ::testing::Test {
 protected:
  TimerSchedulerTest() : clock_(kStart) {}
  std::vector<log::Record> Stream(const std::string& s) {
    return *t_.log->ReadStream(s, 1, 100);
  }
  log::testing::TestLog t_;
  SimulatedClock clock_;
};

TEST_F(TimerSchedulerTest, ATimerScheduledJustBeforeRunDueFiresInThatCall) {
  TimerScheduler scheduler(*t_.log, clock_, "system:scheduler");
  std::atomic<int> calls{0};
  scheduler.Register("test.consequence", [&](const FiredTimer& t) {
    ++calls;
    return MarkSubject(*t_.log, t);
  });
  ASSERT_TRUE(scheduler.Start().ok());
  // Many timers already due when scheduled, each followed at once by
  // RunDue: none may be missed because the index had not seen it yet.
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(ScheduleTimer(*t_.log, Ctx(absl::StrCat("s", i), kStart),
                              Spec(absl::StrCat("t-", i), kStart))
                    .ok());
    EXPECT_EQ(*scheduler.RunDue(), 1) << i;
  }
  EXPECT_EQ(calls.load(), 50);
}

TEST_F(TimerSchedulerTest, FiresOnceWhenDueWithTheTimerAsCause) {
  TimerScheduler scheduler(*t_.log, clock_, "system:scheduler");
  std::atomic<int> calls{0};
  scheduler.Register("test.consequence", [&](const FiredTimer& t) {
    ++calls;
    return MarkSubject(*t_.log, t);
  });
  ASSERT_TRUE(scheduler.Start().ok());
  const absl::Time due = kStart + absl::Hours(24 * 13);
  ASSERT_TRUE(
      ScheduleTimer(*t_.log, Ctx("s1", kStart), Spec("exec-7", due)).ok());
  EXPECT_EQ(*scheduler.RunDue(), 0);
  clock_.AdvanceTo(due - absl::Seconds(1));
  EXPECT_EQ(*scheduler.RunDue(), 0);
  EXPECT_EQ(calls.load(), 0);
  clock_.AdvanceTo(due);
  EXPECT_EQ(*scheduler.RunDue(), 1);
  EXPECT_EQ(*scheduler.RunDue(), 0);
  EXPECT_EQ(calls.load(), 1);

  auto timer = Stream(TimerStream("sudest", "exec-7"));
  ASSERT_EQ(timer.size(), 3u);
  EXPECT_EQ(timer[1].type, "concordia.v1.TimerFired");
  EXPECT_EQ(timer[1].metadata.effective_time, due);  // legal effect: due time
  EXPECT_EQ(timer[2].type, "concordia.v1.TimerCompleted");
  auto target = Stream("sudest/target/exec-7");
  ASSERT_EQ(target.size(), 1u);
  EXPECT_EQ(target[0].metadata.causation_id, timer[1].id.ToHex());
  EXPECT_EQ(target[0].metadata.principal, "system:scheduler");
  EXPECT_FALSE(scheduler.NextDue().has_value());
}

TEST_F(TimerSchedulerTest, SchedulingIsIdempotentAndCancellable) {
  const absl::Time due = kStart + absl::Hours(1);
  ASSERT_TRUE(ScheduleTimer(*t_.log, Ctx("a", kStart), Spec("t1", due)).ok());
  auto again = ScheduleTimer(*t_.log, Ctx("b", kStart), Spec("t1", due));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->first_position, 0u);  // nothing appended
  auto moved = ScheduleTimer(*t_.log, Ctx("c", kStart),
                             Spec("t1", due + absl::Hours(1)));
  EXPECT_EQ(moved.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ScheduleTimer(*t_.log, Ctx("d", kStart), Spec("Bad Id", due))
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);

  ASSERT_TRUE(CancelTimer(*t_.log, Ctx("e", kStart), "sudest", "t1",
                          "deliberation annulled")
                  .ok());
  auto twice = CancelTimer(*t_.log, Ctx("f", kStart), "sudest", "t1", "again");
  EXPECT_EQ(ErrorReason(twice.status()), "INVALID_STATE_TRANSITION");
  EXPECT_EQ(CancelTimer(*t_.log, Ctx("g", kStart), "sudest", "nope", "x")
                .status()
                .code(),
            absl::StatusCode::kNotFound);

  TimerScheduler scheduler(*t_.log, clock_, "system:scheduler");
  int calls = 0;
  scheduler.Register("test.consequence", [&](const FiredTimer&) {
    ++calls;
    return absl::OkStatus();
  });
  ASSERT_TRUE(scheduler.Start().ok());
  clock_.Advance(absl::Hours(5));
  EXPECT_EQ(*scheduler.RunDue(), 0);
  EXPECT_EQ(calls, 0);
}

TEST_F(TimerSchedulerTest, ACrashBetweenFiringAndConsequencesIsCompletedOnce) {
  const absl::Time due = kStart + absl::Hours(2);
  ASSERT_TRUE(ScheduleTimer(*t_.log, Ctx("s", kStart), Spec("w-1", due)).ok());
  clock_.AdvanceTo(due);
  {
    // The first scheduler fires, appends the consequence, then "crashes"
    // before recording completion.
    TimerScheduler crashing(*t_.log, clock_, "system:scheduler");
    crashing.Register("test.consequence", [&](const FiredTimer& t) {
      absl::Status s = MarkSubject(*t_.log, t);
      if (!s.ok()) return s;
      return absl::UnavailableError("process killed (injected)");
    });
    ASSERT_TRUE(crashing.Start().ok());
    EXPECT_EQ(crashing.RunDue().status().code(),
              absl::StatusCode::kUnavailable);
  }
  ASSERT_EQ(Stream(TimerStream("sudest", "w-1")).size(), 2u);  // fired only
  TimerScheduler restarted(*t_.log, clock_, "system:scheduler");
  int calls = 0;
  restarted.Register("test.consequence", [&](const FiredTimer& t) {
    ++calls;
    return MarkSubject(*t_.log, t);
  });
  ASSERT_TRUE(restarted.Start().ok());
  EXPECT_EQ(*restarted.RunDue(), 1);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(Stream(TimerStream("sudest", "w-1")).size(), 3u);
  // The consequence happened once although it ran twice.
  EXPECT_EQ(Stream("sudest/target/w-1").size(), 1u);
}

TEST_F(TimerSchedulerTest, TwoRacingSchedulersFireEachTimerOnce) {
  constexpr int kTimers = 40;
  for (int i = 0; i < kTimers; ++i) {
    ASSERT_TRUE(
        ScheduleTimer(*t_.log, Ctx(absl::StrCat("s", i), kStart),
                      Spec(absl::StrCat("t-", i), kStart + absl::Minutes(i)))
            .ok());
  }
  clock_.Advance(absl::Hours(1));
  std::atomic<int> calls{0};
  auto consequence = [&](const FiredTimer& t) {
    ++calls;
    return MarkSubject(*t_.log, t);
  };
  TimerScheduler a(*t_.log, clock_, "system:scheduler-a");
  TimerScheduler b(*t_.log, clock_, "system:scheduler-b");
  a.Register("test.consequence", consequence);
  b.Register("test.consequence", consequence);
  ASSERT_TRUE(a.Start().ok());
  ASSERT_TRUE(b.Start().ok());
  std::atomic<int> completed{0};
  std::thread ta([&] { completed += *a.RunDue(); });
  std::thread tb([&] { completed += *b.RunDue(); });
  ta.join();
  tb.join();
  EXPECT_EQ(completed.load(), kTimers);
  for (int i = 0; i < kTimers; ++i) {
    auto timer = Stream(TimerStream("sudest", absl::StrCat("t-", i)));
    ASSERT_EQ(timer.size(), 3u) << i;
    EXPECT_EQ(timer[1].type, "concordia.v1.TimerFired");
    EXPECT_EQ(Stream(absl::StrCat("sudest/target/t-", i)).size(), 1u) << i;
  }
  // Consequences may have run more than once (both saw the timer fired), but
  // they were idempotent: one marker each, checked above.
  EXPECT_GE(calls.load(), kTimers);
}

TEST_F(TimerSchedulerTest, ASimulatedYearFiresEachDeadlineOnItsDay) {
  TimerScheduler scheduler(*t_.log, clock_, "system:scheduler");
  std::vector<std::pair<std::string, absl::Time>> fired;
  scheduler.Register("test.consequence", [&](const FiredTimer& t) {
    fired.emplace_back(t.spec.timer_id, clock_.Now());
    return absl::OkStatus();
  });
  ASSERT_TRUE(scheduler.Start().ok());
  std::vector<absl::Time> dues;
  for (int month = 1; month <= 12; ++month) {
    const absl::Time due = absl::FromCivil(
        absl::CivilSecond(2027, month, 15, 0, 0, 0), absl::UTCTimeZone());
    dues.push_back(due);
    ASSERT_TRUE(ScheduleTimer(*t_.log, Ctx(absl::StrCat("m", month), kStart),
                              Spec(absl::StrCat("m-", month), due))
                    .ok());
  }
  // Walk the year day by day.
  clock_.AdvanceTo(absl::FromCivil(absl::CivilSecond(2027, 1, 1, 0, 0, 0),
                                   absl::UTCTimeZone()));
  for (int day = 0; day < 366; ++day) {
    ASSERT_TRUE(scheduler.RunDue().ok());
    clock_.Advance(absl::Hours(24));
  }
  ASSERT_EQ(fired.size(), 12u);
  for (int m = 0; m < 12; ++m) {
    EXPECT_EQ(fired[m].first, absl::StrCat("m-", m + 1));
    // Fired on its day (the walk runs at midnight), never before.
    EXPECT_EQ(fired[m].second, dues[m]);
  }
}

TEST_F(TimerSchedulerTest, RunsInTheBackgroundOnTheRealClock) {
  TimerScheduler scheduler(*t_.log, *SystemClock::Get(), "system:scheduler");
  Mutex mu;
  CondVar cv;
  int calls = 0;
  scheduler.Register("test.consequence", [&](const FiredTimer&) {
    MutexLock lock(&mu);
    ++calls;
    cv.SignalAll();
    return absl::OkStatus();
  });
  ASSERT_TRUE(scheduler.Start().ok());
  scheduler.RunInBackground(absl::Seconds(30));
  const absl::Time now = SystemClock::Get()->Now();
  ASSERT_TRUE(ScheduleTimer(*t_.log, Ctx("bg", now),
                            Spec("bg-1", now + absl::Milliseconds(20)))
                  .ok());
  MutexLock lock(&mu);
  // Woken by the new timer (not the 30 s poll), then by its due time.
  EXPECT_TRUE(cv.WaitFor(lock, absl::Seconds(20), [&] { return calls == 1; }));
  lock.Unlock();
  scheduler.Stop();
}

}  // namespace
}  // namespace concordia::workflow
