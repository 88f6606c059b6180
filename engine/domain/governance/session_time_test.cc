// The session's time against the clock: the sitting (roll call, votes,
// proclamations, deferrals, closing) is recorded only once it has come; a
// convocation or an added item delivered outside Concordia is recorded
// later with its delivery time, so a past session can be transcribed.
#include "engine/common/errors.h"
#include "engine/domain/core/reasons.h"
#include "engine/domain/governance/testing/district.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using testing::District;
using testing::Rome;
using testing::Sindaco;

const std::vector<std::string> kFive = {"san-giuliano-milanese",
                                        "san-donato-milanese", "melegnano",
                                        "cerro-al-lambro", "dresano"};

uint64_t Last(District& d) { return d.log.log->LastPosition(); }

v1::AgendaItem Item(int number, const std::string& proposal) {
  v1::AgendaItem item;
  item.set_number(number);
  item.set_proposal_id(proposal);
  item.set_act_kind(v1::ACT_KIND_ORDINARY);
  item.set_title(proposal);
  return item;
}

// The Assemblea at `at` with proposal "p" as item 1.
session::Convene Assemblea(const District& d, const std::string& id,
                           absl::Time at) {
  session::Convene c;
  c.consortium_id = d.id;
  c.session_id = id;
  c.body_id = "assemblea";
  c.session_time = at;
  c.items.push_back(Item(1, "p"));
  return c;
}

TEST(SessionTimeTest, NothingOfTheSittingIsRecordedBeforeItsTime) {
  District d;
  d.Register();
  d.DraftReady("p");
  ASSERT_TRUE(d.ConveneAssemblea("s", absl::CivilDay(2026, 3, 9), {"p"}).ok());
  // Given it is 09:59 on the session's day.
  d.clock.AdvanceTo(Rome(2026, 3, 9, 9, 59));
  const uint64_t before = Last(d);
  EXPECT_EQ(ErrorReason(
                d.governance.RecordAttendance(d.Ctx(), d.id, "s", kFive, {})
                    .status()),
            reasons::kSessionNotStarted);
  EXPECT_EQ(ErrorReason(d.Vote("s", 1, {{"melegnano", v1::VOTE_CHOICE_IN_FAVOUR}})),
            reasons::kSessionNotStarted);
  EXPECT_EQ(ErrorReason(d.governance.Proclaim(d.Ctx(), d.id, "s", 1, "").status()),
            reasons::kSessionNotStarted);
  EXPECT_EQ(ErrorReason(
                d.governance.DeferItem(d.Ctx(), d.id, "s", 1, "later").status()),
            reasons::kSessionNotStarted);
  EXPECT_EQ(ErrorReason(d.governance.CloseSession(d.Ctx(), d.id, "s").status()),
            reasons::kSessionNotStarted);
  EXPECT_EQ(Last(d), before);
  // A conflict and a session delegate may be declared ahead.
  EXPECT_TRUE(
      d.governance.DeclareConflict(d.Ctx(), d.id, "s", 1, "colturano").ok());
  EXPECT_TRUE(d.governance
                  .AppointDelegate(d.Ctx(), d.id, "s", "dresano",
                                   "assessore@dresano")
                  .ok());
  // At 10:00 the roll call opens.
  d.clock.AdvanceTo(Rome(2026, 3, 9, 10));
  EXPECT_TRUE(
      d.governance.RecordAttendance(d.Ctx(), d.id, "s", kFive, {}).ok());
}

TEST(SessionTimeTest, APastSessionIsTranscribedFromItsDeliveredConvocation) {
  District d;  // the clock reads 16 Feb 2026 09:00
  d.Register();
  d.DraftReady("p");
  d.DraftReady("q");
  // Delivered on 2 Feb, held on 9 Feb: recorded a week later.
  session::Convene c = Assemblea(d, "s-past", Rome(2026, 2, 9, 10));
  c.notice_delivered = Rome(2026, 2, 2, 9);
  ASSERT_TRUE(d.governance.Convene(d.Ctx(), c).ok());
  // An item added by urgent notice on 7 Feb.
  EXPECT_TRUE(d.governance
                  .AddItem(d.Ctx(), d.id, "s-past", Item(2, "q"),
                           Rome(2026, 2, 7, 9))
                  .ok());
  ASSERT_TRUE(
      d.governance.RecordAttendance(d.Ctx(), d.id, "s-past", kFive, {}).ok());
  ASSERT_TRUE(d.Vote("s-past", 1,
                     {{"san-giuliano-milanese", v1::VOTE_CHOICE_IN_FAVOUR},
                      {"san-donato-milanese", v1::VOTE_CHOICE_IN_FAVOUR}})
                  .ok());
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s-past", 1, "").ok());
  auto s = d.governance.Session(d.id, "s-past");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->convocation.notice_delivered().seconds(),
            absl::ToUnixSeconds(Rome(2026, 2, 2, 9)));
  EXPECT_TRUE(s->proclaimed.at(1).adopted());
  // The deliberation is of the sitting's day, recorded on the clock's.
  auto p = d.governance.Deliberation(d.id, "p");
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->adoption.has_value());
  EXPECT_EQ(p->adoption->session_id(), "s-past");
  EXPECT_EQ(p->adoption->year(), 2026);
}

TEST(SessionTimeTest, ADeliveredConvocationIsCheckedLikeANewOne) {
  District d;
  d.Register();
  d.DraftReady("p");
  const uint64_t before = Last(d);
  // Delivered in the future.
  session::Convene future = Assemblea(d, "s1", Rome(2026, 3, 9, 10));
  future.notice_delivered = Rome(2026, 2, 17, 9);
  auto r = d.governance.Convene(d.Ctx(), future);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorMetadata(r.status())["field"], "notice_delivered_time");
  // Held before its delivery.
  session::Convene backwards = Assemblea(d, "s2", Rome(2026, 2, 1, 10));
  backwards.notice_delivered = Rome(2026, 2, 2, 9);
  r = d.governance.Convene(d.Ctx(), backwards);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorMetadata(r.status())["field"], "session_time");
  // Delivered on Monday 2 Feb for Wednesday 4 Feb: short of 5 days' notice.
  session::Convene short_notice = Assemblea(d, "s3", Rome(2026, 2, 4, 10));
  short_notice.notice_delivered = Rome(2026, 2, 2, 9);
  EXPECT_EQ(ErrorReason(d.governance.Convene(d.Ctx(), short_notice).status()),
            reasons::kNoticePeriodNotRespected);
  EXPECT_EQ(Last(d), before);
}

TEST(SessionTimeTest, AnAddedItemsDeliveryFollowsTheConvocations) {
  District d;
  d.Register();
  d.DraftReady("p");
  d.DraftReady("q");
  session::Convene c = Assemblea(d, "s", Rome(2026, 2, 27, 10));
  c.notice_delivered = Rome(2026, 2, 10, 9);
  ASSERT_TRUE(d.governance.Convene(d.Ctx(), c).ok());
  const uint64_t before = Last(d);
  // Before the convocation's delivery.
  auto r = d.governance.AddItem(d.Ctx(), d.id, "s", Item(2, "q"),
                                Rome(2026, 2, 9, 9));
  EXPECT_EQ(ErrorMetadata(r.status())["field"], "notice_delivered_time");
  // After the clock.
  r = d.governance.AddItem(d.Ctx(), d.id, "s", Item(2, "q"),
                           Rome(2026, 2, 16, 10));
  EXPECT_EQ(ErrorMetadata(r.status())["field"], "notice_delivered_time");
  EXPECT_EQ(Last(d), before);
  // Delivered on 12 Feb: fine, and the event carries that delivery.
  ASSERT_TRUE(d.governance
                  .AddItem(d.Ctx(), d.id, "s", Item(2, "q"),
                           Rome(2026, 2, 12, 9))
                  .ok());
  auto s = d.governance.Session(d.id, "s");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->items.count(2), 1u);
}

}  // namespace
}  // namespace concordia::domain
