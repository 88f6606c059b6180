// The worked scenarios of ../shared/domain/scenarios.md, with their exact
// numbers and dates, end to end over the log; and replay determinism.
#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/domain/core/reasons.h"
#include "engine/domain/governance/testing/district.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using testing::District;
using testing::Rome;
using testing::Sindaco;

const v1::VoteChoice kYes = v1::VOTE_CHOICE_IN_FAVOUR;
const v1::VoteChoice kNo = v1::VOTE_CHOICE_AGAINST;
const v1::VoteChoice kAbstain = v1::VOTE_CHOICE_ABSTAIN;

// S1 up to the proclamation; returns the number.
int RunS1(District& d) {
  d.Register();
  d.DraftReady("p-2026-1");
  {
    auto convened = d.ConveneAssemblea("2026-03-02", absl::CivilDay(2026, 3, 2),
                                       {"p-2026-1"});
    EXPECT_TRUE(convened.ok()) << convened.status();
  }
  d.clock.AdvanceTo(Rome(2026, 3, 2, 10));
  EXPECT_TRUE(d.governance
                  .RecordAttendance(d.Ctx(), d.id, "2026-03-02",
                                    {"san-donato-milanese", "melegnano",
                                     "cerro-al-lambro", "dresano", "colturano"},
                                    {"direttore@sudestmilano"})
                  .ok());
  const std::vector<std::pair<std::string, v1::VoteChoice>> votes = {
      {"san-donato-milanese", kYes},
      {"melegnano", kYes},
      {"cerro-al-lambro", kYes},
      {"dresano", kNo},
      {"colturano", kAbstain}};
  EXPECT_TRUE(d.Vote("2026-03-02", 1, votes).ok());
  EXPECT_TRUE(
      d.Vote("2026-03-02", 1, votes, v1::BALLOT_IMMEDIATE_EXECUTABILITY).ok());
  int number = 0;
  EXPECT_TRUE(d.governance
                  .Proclaim(d.Ctx(), d.id, "2026-03-02", 1, "", &number)
                  .ok());
  return number;
}

TEST(ScenarioTest, S1QuorumVoteAndImmediateExecutability) {
  District d;
  const int number = RunS1(d);
  EXPECT_EQ(number, 1);
  auto session = d.governance.Session(d.id, "2026-03-02");
  ASSERT_TRUE(session.ok());
  const v1::ItemProclaimed& p = session->proclaimed.at(1);
  EXPECT_TRUE(p.adopted());
  EXPECT_EQ(p.tally().present_shares(), 541);
  EXPECT_EQ(p.tally().present_heads(), 5);
  EXPECT_EQ(p.tally().in_favour_shares(), 496);
  EXPECT_EQ(p.tally().base_shares(), 523);
  EXPECT_FALSE(p.immediately_executable());
  EXPECT_EQ(p.immediate_executability().in_favour_shares(), 496);
  auto delib = d.governance.Deliberation(d.id, "p-2026-1");
  ASSERT_TRUE(delib.ok());
  ASSERT_TRUE(delib->adoption.has_value());
  EXPECT_EQ(delib->adoption->number(), 1);
  EXPECT_EQ(delib->adoption->year(), 2026);
  // Executive only after publication (S5).
  EXPECT_FALSE(delib->ExecutiveOn(absl::CivilDay(2026, 3, 2)));
}

TEST(ScenarioTest, S5PublicationAndExecutivityByTheTimer) {
  District d;
  RunS1(d);
  workflow::TimerScheduler scheduler(*d.log.log, d.clock, "system:scheduler");
  d.governance.RegisterTimers(scheduler);
  ASSERT_TRUE(scheduler.Start().ok());
  d.clock.AdvanceTo(Rome(2026, 3, 4, 9));
  ASSERT_TRUE(d.governance
                  .Publish(d.Ctx(), d.id, "p-2026-1", absl::CivilDay(2026, 3, 4))
                  .ok());
  auto delib = d.governance.Deliberation(d.id, "p-2026-1");
  EXPECT_EQ(delib->publication->first_day().day(), 4);
  EXPECT_EQ(delib->publication->last_day().day(), 18);
  EXPECT_TRUE(delib->OnAlboOn(absl::CivilDay(2026, 3, 18)));
  EXPECT_FALSE(delib->OnAlboOn(absl::CivilDay(2026, 3, 19)));
  // Day by day: not executive on the 14th, executive on the 15th; on the
  // albo to the 18th, its window ended by its timer on the 19th.
  for (int day = 5; day <= 20; ++day) {
    d.clock.AdvanceTo(Rome(2026, 3, day, 0));
    ASSERT_TRUE(scheduler.RunDue().ok());
    auto state = d.governance.Deliberation(d.id, "p-2026-1");
    EXPECT_EQ(state->executive_on.has_value(), day >= 15) << day;
    EXPECT_EQ(state->publication_ended, day >= 19) << day;
  }
  EXPECT_EQ(*d.governance.Deliberation(d.id, "p-2026-1")->executive_on,
            absl::CivilDay(2026, 3, 15));
}

TEST(ScenarioTest, S5FromTheEndOfPublication) {
  v1::Statute statute = testing::DistrictStatute();
  statute.set_executivity_start(v1::EXECUTIVITY_START_PUBLICATION_END);
  District d(testing::kDistrict, statute);
  RunS1(d);
  ASSERT_TRUE(d.governance
                  .Publish(d.Ctx(), d.id, "p-2026-1", absl::CivilDay(2026, 3, 4))
                  .ok());
  auto delib = d.governance.Deliberation(d.id, "p-2026-1");
  EXPECT_EQ(delib->publication->executive_on().day(), 29);
  EXPECT_EQ(delib->publication->executive_on().month(), 3);
}

// S2: quorum on shares only; Melegnano conflicted on item 3.
v1::Statute S2Statute(bool conflicted_count) {
  v1::Statute st = testing::DistrictStatute();
  v1::BodyRules* a = st.mutable_bodies(0);
  a->mutable_first_call_quorum()->clear_heads();
  a->set_conflicted_count_for_quorum(conflicted_count);
  return st;
}

void PrepareS2(District& d) {
  d.Register();
  for (int i = 1; i <= 4; ++i) d.DraftReady(absl::StrCat("s2-", i));
  ASSERT_TRUE(d.ConveneAssemblea("s2", absl::CivilDay(2026, 3, 9),
                                 {"s2-1", "s2-2", "s2-3", "s2-4"})
                  .ok());
  d.clock.AdvanceTo(Rome(2026, 3, 9, 10));
  ASSERT_TRUE(d.governance
                  .RecordAttendance(d.Ctx(), d.id, "s2",
                                    {"san-giuliano-milanese", "melegnano",
                                     "cerro-al-lambro", "vizzolo-predabissi"},
                                    {})
                  .ok());
  ASSERT_TRUE(
      d.governance.DeclareConflict(d.Ctx(), d.id, "s2", 3, "melegnano").ok());
}

TEST(ScenarioTest, S2ConflictedMembersDoNotCountForTheQuorum) {
  District d("s2-excluded", S2Statute(false));
  PrepareS2(d);
  for (int item : {1, 2, 4}) {
    ASSERT_TRUE(d.Vote("s2", item,
                       {{"san-giuliano-milanese", kYes}, {"melegnano", kYes}})
                    .ok())
        << item;
    ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s2", item, "").ok());
  }
  absl::Status s = d.Vote("s2", 3, {{"san-giuliano-milanese", kYes}});
  EXPECT_EQ(ErrorReason(s), reasons::kQuorumNotReached);
  EXPECT_NE(s.message().find("429‰"), std::string::npos) << s.message();
  EXPECT_EQ(ErrorReason(d.governance.Proclaim(d.Ctx(), d.id, "s2", 3, "")
                            .status()),
            reasons::kQuorumNotReached);
  ASSERT_TRUE(
      d.governance.DeferItem(d.Ctx(), d.id, "s2", 3, "no quorum").ok());
  auto session = d.governance.Session(d.id, "s2");
  EXPECT_EQ(session->proclaimed.size(), 3u);
  EXPECT_EQ(session->deferred.count(3), 1u);
}

TEST(ScenarioTest, S2ConflictedMembersCountButDoNotVote) {
  District d("s2-counted", S2Statute(true));
  PrepareS2(d);
  EXPECT_EQ(ErrorReason(d.Vote("s2", 3, {{"melegnano", kYes}})),
            reasons::kConflictOfInterest);
  ASSERT_TRUE(d.Vote("s2", 3, {{"san-giuliano-milanese", kYes}}).ok());
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s2", 3, "").ok());
  auto session = d.governance.Session(d.id, "s2");
  EXPECT_EQ(session->proclaimed.at(3).tally().in_favour_shares(), 347);
  EXPECT_EQ(session->proclaimed.at(3).tally().present_shares(), 429);
}

TEST(ScenarioTest, ReplayGivesIdenticalOutcomesAndNumbers) {
  // The same commands on two logs give byte-identical histories, and folding
  // a history twice gives identical states.
  std::vector<std::string> payloads[2];
  for (int run = 0; run < 2; ++run) {
    District d;
    RunS1(d);
    d.DraftReady("p-2026-2");
    ASSERT_TRUE(d.ConveneAssemblea("2026-03-16", absl::CivilDay(2026, 3, 16),
                                   {"p-2026-2"})
                    .ok());
    d.clock.AdvanceTo(Rome(2026, 3, 16, 10));
    ASSERT_TRUE(d.governance
                    .RecordAttendance(d.Ctx(), d.id, "2026-03-16",
                                      {"san-giuliano-milanese",
                                       "san-donato-milanese", "melegnano",
                                       "cerro-al-lambro", "dresano"},
                                      {})
                    .ok());
    ASSERT_TRUE(d.Vote("2026-03-16", 1,
                       {{"san-giuliano-milanese", kYes},
                        {"san-donato-milanese", kYes}})
                    .ok());
    int number = 0;
    ASSERT_TRUE(d.governance
                    .Proclaim(d.Ctx(), d.id, "2026-03-16", 1, "", &number)
                    .ok());
    EXPECT_EQ(number, 2);
    auto all = d.log.log->ReadAll(1, 100000, log::RecordFilter{}, 0, nullptr);
    for (const log::Record& r : *all) {
      payloads[run].push_back(absl::StrCat(r.type, ":", r.payload, ":",
                                           absl::ToUnixMicros(r.recorded_at)));
    }
    auto once = d.governance.Session(d.id, "2026-03-16");
    auto twice = d.governance.Session(d.id, "2026-03-16");
    EXPECT_EQ(once->proclaimed.at(1).SerializeAsString(),
              twice->proclaimed.at(1).SerializeAsString());
  }
  EXPECT_EQ(payloads[0], payloads[1]);
}

}  // namespace
}  // namespace concordia::domain
