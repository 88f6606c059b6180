// Workflow deadlines are durable timers: a crash at any point between the
// timer firing and the end of its consequences (the act's deadline passing,
// the automatic action, the opinion delivered to the subject) is completed
// by the next scheduler, and each consequence happens once; two schedulers
// racing over one log fire each deadline once.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/governance/testing/district.h"
#include "engine/log/event_log.h"
#include "engine/workflow/kinds.h"
#include "engine/workflow/workflows.h"
#include "gtest/gtest.h"
#include "tests/workflow/statutes.h"

namespace concordia {
namespace {

using absl::CivilDay;
using domain::testing::District;
using domain::testing::Rome;
namespace wf = workflow;

// A log that "kills the process" on chosen appends: they fail as if the
// process died just before them; everything else goes to the real log.
class CrashingLog final : public log::EventLog {
 public:
  using Predicate =
      std::function<bool(absl::string_view, const std::vector<log::NewEvent>&)>;
  CrashingLog(log::EventLog& inner, Predicate crash)
      : inner_(inner), crash_(std::move(crash)) {}

  absl::StatusOr<log::AppendResult> Append(
      absl::string_view stream, log::ExpectedVersion expected,
      std::vector<log::NewEvent> events) override {
    if (crash_(stream, events)) {
      return absl::UnavailableError("process killed (injected)");
    }
    return inner_.Append(stream, expected, std::move(events));
  }
  // A joint append dies whole if any of its parts would.
  absl::StatusOr<std::vector<log::AppendResult>> AppendAll(
      std::vector<log::StreamAppend> parts) override {
    for (const log::StreamAppend& part : parts) {
      if (crash_(part.stream, part.events)) {
        return absl::UnavailableError("process killed (injected)");
      }
    }
    return inner_.AppendAll(std::move(parts));
  }
  absl::StatusOr<std::vector<log::Record>> ReadStream(absl::string_view stream,
                                                      uint64_t from,
                                                      size_t max) override {
    return inner_.ReadStream(stream, from, max);
  }
  absl::StatusOr<std::vector<log::Record>> ReadStreamBackward(
      absl::string_view stream, uint64_t from, size_t max) override {
    return inner_.ReadStreamBackward(stream, from, max);
  }
  absl::StatusOr<std::vector<log::Record>> ReadAll(
      uint64_t from, size_t max, const log::RecordFilter& filter,
      uint64_t max_scan, uint64_t* scanned_to) override {
    return inner_.ReadAll(from, max, filter, max_scan, scanned_to);
  }
  absl::StatusOr<std::vector<std::string>> ReadRaw(uint64_t from,
                                                   size_t count) override {
    return inner_.ReadRaw(from, count);
  }
  absl::StatusOr<log::Record> ReadEventById(const log::EventId& id) override {
    return inner_.ReadEventById(id);
  }
  uint64_t LastPosition() const override { return inner_.LastPosition(); }
  absl::StatusOr<log::StreamInfo> GetStreamInfo(
      absl::string_view stream) override {
    return inner_.GetStreamInfo(stream);
  }
  absl::StatusOr<std::unique_ptr<log::Subscription>> Subscribe(
      uint64_t from, log::RecordFilter filter) override {
    return inner_.Subscribe(from, std::move(filter));
  }
  absl::StatusOr<log::VerifyReport> Verify(log::ProgressFn progress,
                                           log::RecordVisitor visit) override {
    return inner_.Verify(std::move(progress), std::move(visit));
  }
  absl::Status WriteStatus() const override { return inner_.WriteStatus(); }

 private:
  log::EventLog& inner_;
  Predicate crash_;
};

class WorkflowTimersTest : public ::testing::Test {
 protected:
  WorkflowTimersTest() { d_.Register(); }

  // A proposal and the Tavolo Tecnico's opinion requested on it on
  // 1 April 2026 (20 days: it lapses on 22 April).
  void RequestOpinion(const std::string& proposal) {
    d_.DraftReady(proposal);
    wf::StartAct s;
    s.act_kind = wf::kTavoloOpinion;
    s.act_id = absl::StrCat(proposal, "-tt");
    s.title = absl::StrCat("Parere su ", proposal);
    s.body_id = "tavolo-tecnico";
    s.subject.set_act_kind(wf::kDeliberation);
    s.subject.set_act_id(proposal);
    const wf::Caller office = testing::UfficioDiPiano();
    auto r = d_.governance.workflows().Start(d_.Ctx(office.principal), office,
                                             d_.id, s);
    ASSERT_TRUE(r.ok()) << r.status();
  }
  std::vector<log::Record> Stream(const std::string& stream) {
    auto r = d_.log.log->ReadStream(stream, 1, 100);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<log::Record>{};
  }
  int Count(const std::string& stream, absl::string_view type) {
    int n = 0;
    for (const log::Record& r : Stream(stream)) n += r.type == type;
    return n;
  }
  std::string OpinionAct(const std::string& proposal) {
    return wf::ActStream(d_.id, wf::kTavoloOpinion,
                         absl::StrCat(proposal, "-tt"));
  }
  std::string ProposalAct(const std::string& proposal) {
    return wf::ActStream(d_.id, wf::kDeliberation, proposal);
  }
  std::string TimerOf(const std::string& proposal) {
    return wf::TimerStream(
        d_.id, wf::DeadlineTimerId(wf::kTavoloOpinion,
                                   absl::StrCat(proposal, "-tt"), 1));
  }
  // Runs the due timers with a scheduler whose process "dies" on the appends
  // `crash` chooses; returns the RunDue status.
  absl::Status RunCrashing(CrashingLog::Predicate crash) {
    CrashingLog crashing(*d_.log.log, std::move(crash));
    domain::Governance governance(crashing);
    wf::TimerScheduler scheduler(crashing, d_.clock, "system:scheduler");
    governance.RegisterTimers(scheduler);
    EXPECT_TRUE(scheduler.Start().ok());
    return scheduler.RunDue().status();
  }
  // Restarts: a fresh scheduler over the real log; returns the timers it
  // completed.
  int Restart() {
    domain::Governance governance(*d_.log.log);
    wf::TimerScheduler scheduler(*d_.log.log, d_.clock, "system:scheduler");
    governance.RegisterTimers(scheduler);
    EXPECT_TRUE(scheduler.Start().ok());
    absl::StatusOr<int> n = scheduler.RunDue();
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }
  // The consequences happened exactly once.
  void ExpectLapsedOnce(const std::string& proposal) {
    EXPECT_EQ(Count(OpinionAct(proposal), "concordia.v1.ActDeadlinePassed"), 1);
    EXPECT_EQ(Count(OpinionAct(proposal), "concordia.v1.ActTransitioned"), 1);
    EXPECT_EQ(Count(ProposalAct(proposal), "concordia.v1.ActOpinionAttached"),
              1);
    const std::vector<log::Record> timer = Stream(TimerOf(proposal));
    ASSERT_EQ(timer.size(), 3u);
    EXPECT_EQ(timer[2].type, "concordia.v1.TimerCompleted");
    auto act =
        d_.governance.workflows().Act(d_.id, wf::kDeliberation, proposal);
    ASSERT_TRUE(act.ok());
    ASSERT_EQ(act->opinions.count(wf::kTavoloTecnicoOpinion), 1u);
    EXPECT_TRUE(act->opinions.at(wf::kTavoloTecnicoOpinion).lapsed());
  }

  District d_;
};

TEST_F(WorkflowTimersTest, ACrashBeforeTheConsequencesIsCompletedOnce) {
  d_.clock.AdvanceTo(Rome(2026, 4, 1, 9));
  RequestOpinion("p-1");
  d_.clock.AdvanceTo(Rome(2026, 4, 22, 0));
  // The timer fires; the process dies before the act records anything.
  const std::string act = OpinionAct("p-1");
  EXPECT_EQ(RunCrashing([&](absl::string_view stream, const auto&) {
              return stream == act;
            }).code(),
            absl::StatusCode::kUnavailable);
  ASSERT_EQ(Stream(TimerOf("p-1")).size(), 2u);  // scheduled, fired
  EXPECT_EQ(Count(act, "concordia.v1.ActDeadlinePassed"), 0);
  EXPECT_EQ(Restart(), 1);
  ExpectLapsedOnce("p-1");
  EXPECT_EQ(Restart(), 0);
  ExpectLapsedOnce("p-1");
}

TEST_F(WorkflowTimersTest,
       ACrashBeforeTheOpinionReachesItsSubjectIsCompletedOnce) {
  d_.clock.AdvanceTo(Rome(2026, 4, 1, 9));
  RequestOpinion("p-1");
  d_.clock.AdvanceTo(Rome(2026, 4, 22, 0));
  // The act lapses; the process dies before the proposal receives it.
  const std::string subject = ProposalAct("p-1");
  EXPECT_EQ(RunCrashing([&](absl::string_view stream, const auto&) {
              return stream == subject;
            }).code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(Count(OpinionAct("p-1"), "concordia.v1.ActTransitioned"), 1);
  EXPECT_EQ(Count(subject, "concordia.v1.ActOpinionAttached"), 0);
  EXPECT_EQ(Stream(TimerOf("p-1")).size(), 2u);
  EXPECT_EQ(Restart(), 1);
  ExpectLapsedOnce("p-1");
}

TEST_F(WorkflowTimersTest, ACrashBeforeCompletionRepeatsNothing) {
  d_.clock.AdvanceTo(Rome(2026, 4, 1, 9));
  RequestOpinion("p-1");
  d_.clock.AdvanceTo(Rome(2026, 4, 22, 0));
  // Every consequence is in; the process dies before TimerCompleted.
  EXPECT_EQ(RunCrashing([&](absl::string_view, const auto& events) {
              return !events.empty() &&
                     events[0].type == "concordia.v1.TimerCompleted";
            }).code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(Count(ProposalAct("p-1"), "concordia.v1.ActOpinionAttached"), 1);
  EXPECT_EQ(Stream(TimerOf("p-1")).size(), 2u);
  EXPECT_EQ(Restart(), 1);
  ExpectLapsedOnce("p-1");
}

TEST_F(WorkflowTimersTest, TwoRacingSchedulersPassEachDeadlineOnce) {
  constexpr int kActs = 24;
  d_.clock.AdvanceTo(Rome(2026, 4, 1, 9));
  for (int i = 0; i < kActs; ++i) RequestOpinion(absl::StrCat("p-", i));
  d_.clock.AdvanceTo(Rome(2026, 4, 22, 0));
  domain::Governance ga(*d_.log.log), gb(*d_.log.log);
  wf::TimerScheduler a(*d_.log.log, d_.clock, "system:scheduler-a");
  wf::TimerScheduler b(*d_.log.log, d_.clock, "system:scheduler-b");
  ga.RegisterTimers(a);
  gb.RegisterTimers(b);
  ASSERT_TRUE(a.Start().ok());
  ASSERT_TRUE(b.Start().ok());
  std::atomic<int> completed{0};
  std::atomic<int> failures{0};
  auto run = [&](wf::TimerScheduler& s) {
    absl::StatusOr<int> n = s.RunDue();
    if (n.ok()) {
      completed += *n;
    } else {
      ++failures;
    }
  };
  std::thread ta([&] { run(a); });
  std::thread tb([&] { run(b); });
  ta.join();
  tb.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(completed.load(), kActs);
  for (int i = 0; i < kActs; ++i) {
    const std::string p = absl::StrCat("p-", i);
    EXPECT_EQ(Stream(TimerOf(p))[1].type, "concordia.v1.TimerFired") << p;
    ExpectLapsedOnce(p);
  }
}

}  // namespace
}  // namespace concordia
