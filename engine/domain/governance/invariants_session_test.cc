// Invariants 5-12 (bodies, sessions, votes) as given / when / then.
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
const std::vector<std::string> kFive = {"san-giuliano-milanese",
                                        "san-donato-milanese", "melegnano",
                                        "cerro-al-lambro", "dresano"};

// Given: proposals drafted with their opinions, a session of the Assemblea
// on `day` at 10:00, and the five largest comuni present.
void OpenSession(District& d, const std::string& session = "s",
                 absl::CivilDay day = absl::CivilDay(2026, 3, 9),
                 std::vector<std::string> proposals = {"p"}) {
  for (const std::string& p : proposals) d.DraftReady(p);
  auto convened = d.ConveneAssemblea(session, day, proposals);
  ASSERT_TRUE(convened.ok()) << convened.status();
  d.clock.AdvanceTo(Rome(static_cast<int>(day.year()), day.month(), day.day(),
                         10));
  ASSERT_TRUE(d.governance.RecordAttendance(d.Ctx(), d.id, session, kFive, {})
                  .ok());
}

uint64_t Last(District& d) { return d.log.log->LastPosition(); }

TEST(Invariant5Test, OnlyDesignatedMembersOnTheSessionDateAreCounted) {
  District d;
  d.Register();
  // Given Melegnano's sindaco is revoked from 1 March 2026.
  ASSERT_TRUE(d.governance
                  .RevokeDesignation(d.Ctx(), d.id,
                                     {"assemblea", "melegnano",
                                      Sindaco("melegnano"),
                                      absl::CivilDay(2026, 3, 1)})
                  .ok());
  d.DraftReady("p");
  ASSERT_TRUE(d.ConveneAssemblea("s", absl::CivilDay(2026, 3, 9), {"p"}).ok());
  d.clock.AdvanceTo(Rome(2026, 3, 9, 10));
  const uint64_t before = Last(d);
  // When Melegnano is listed as present, then it is rejected.
  auto r = d.governance.RecordAttendance(d.Ctx(), d.id, "s",
                                         {"san-giuliano-milanese", "melegnano"},
                                         {});
  EXPECT_EQ(ErrorReason(r.status()), reasons::kNotAMemberOfBody);
  EXPECT_EQ(Last(d), before);
  // Non-voting attendees are recorded and never counted.
  ASSERT_TRUE(d.governance
                  .RecordAttendance(d.Ctx(), d.id, "s",
                                    {"san-giuliano-milanese",
                                     "san-donato-milanese", "cerro-al-lambro",
                                     "dresano", "colturano"},
                                    {Sindaco("melegnano"), "direttore"})
                  .ok());
  ASSERT_TRUE(d.Vote("s", 1, {{"san-giuliano-milanese", kYes}}).ok());
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s", 1, "").ok());
  auto s = d.governance.Session(d.id, "s");
  EXPECT_EQ(s->proclaimed.at(1).tally().total_heads(), 8);
  EXPECT_EQ(s->proclaimed.at(1).tally().present_heads(), 5);
  EXPECT_EQ(s->attendees.size(), 2u);
}

TEST(Invariant6Test, NoticeIsCheckedAndAddedItemsObeyTheUrgentNotice) {
  District d;
  d.Register();
  d.DraftReady("p");
  // Given it is Monday 16 Feb 09:00: an ordinary session on Friday 20 Feb
  // lacks 5 days' notice; an extraordinary one (3 days) does not.
  auto ordinary = d.ConveneAssemblea("s1", absl::CivilDay(2026, 2, 20), {"p"});
  EXPECT_EQ(ErrorReason(ordinary.status()), reasons::kNoticePeriodNotRespected);
  auto extraordinary =
      d.ConveneAssemblea("s2", absl::CivilDay(2026, 2, 20), {"p"},
                         v1::SESSION_KIND_EXTRAORDINARY);
  EXPECT_TRUE(extraordinary.ok()) << extraordinary.status();
  // An item added less than 24 hours before the session is refused.
  d.DraftReady("q");
  v1::AgendaItem item;
  item.set_number(2);
  item.set_proposal_id("q");
  item.set_act_kind(v1::ACT_KIND_ORDINARY);
  item.set_title("q");
  d.clock.AdvanceTo(Rome(2026, 2, 19, 10, 1));
  EXPECT_EQ(ErrorReason(d.governance.AddItem(d.Ctx(), d.id, "s2", item).status()),
            reasons::kNoticePeriodNotRespected);
  District e;
  e.Register();
  e.DraftReady("p");
  e.DraftReady("q");
  ASSERT_TRUE(e.ConveneAssemblea("s", absl::CivilDay(2026, 2, 20), {"p"},
                                 v1::SESSION_KIND_EXTRAORDINARY)
                  .ok());
  e.clock.AdvanceTo(Rome(2026, 2, 19, 10, 0));  // exactly 24 hours before
  EXPECT_TRUE(e.governance.AddItem(e.Ctx(), e.id, "s", item).ok());
}

TEST(Invariant6Test, ASecondCallCannotAddItems) {
  District d;
  d.Register();
  d.DraftReady("p");
  d.DraftReady("q");
  session::Convene c;
  c.consortium_id = d.id;
  c.session_id = "s";
  c.body_id = "assemblea";
  c.call = 2;
  c.session_time = Rome(2026, 3, 9, 10);
  ASSERT_TRUE(d.governance.Convene(d.Ctx(), c).ok());
  v1::AgendaItem item;
  item.set_number(1);
  item.set_proposal_id("q");
  item.set_act_kind(v1::ACT_KIND_ORDINARY);
  EXPECT_EQ(ErrorReason(d.governance.AddItem(d.Ctx(), d.id, "s", item).status()),
            reasons::kSecondCallCannotAddItems);
}

TEST(Invariant7Test, TheQuorumIsCheckedAtEachVote) {
  District d;
  d.Register();
  OpenSession(d);
  ASSERT_TRUE(d.Vote("s", 1, {{"san-giuliano-milanese", kYes}}).ok());
  // Then three leave: 635‰ but 2 of 9 members, no longer a quorum.
  ASSERT_TRUE(d.governance
                  .RecordAttendance(d.Ctx(), d.id, "s",
                                    {"san-giuliano-milanese",
                                     "san-donato-milanese"},
                                    {})
                  .ok());
  const uint64_t before = Last(d);
  EXPECT_EQ(ErrorReason(d.Vote("s", 1, {{"san-donato-milanese", kYes}})),
            reasons::kQuorumNotReached);
  EXPECT_EQ(Last(d), before);
}

TEST(Invariant9Test, OneVotePerItemAndDelegatesOnlyInTheirSession) {
  District d;
  d.Register();
  OpenSession(d);
  ASSERT_TRUE(d.Vote("s", 1, {{"dresano", kYes}}).ok());
  EXPECT_EQ(ErrorReason(d.Vote("s", 1, {{"dresano", kNo}})),
            reasons::kAlreadyVoted);
  // Melegnano delegates this session to its deputy mayor.
  ASSERT_TRUE(d.governance
                  .AppointDelegate(d.Ctx(), d.id, "s", "melegnano",
                                   "vicesindaco@melegnano")
                  .ok());
  session::CastVote v{1, v1::BALLOT_MAIN, "melegnano", "vicesindaco@melegnano",
                      kYes};
  EXPECT_TRUE(d.governance.CastVote(d.Ctx(), d.id, "s", v).ok());
  // In the next session the delegation does not hold.
  OpenSession(d, "s-next", absl::CivilDay(2026, 3, 16), {"p2"});
  session::CastVote next{1, v1::BALLOT_MAIN, "melegnano",
                         "vicesindaco@melegnano", kYes};
  EXPECT_EQ(ErrorReason(
                d.governance.CastVote(d.Ctx(), d.id, "s-next", next).status()),
            reasons::kDelegationOutOfScope);
  // Nor may anyone vote for a member they do not represent.
  session::CastVote other{1, v1::BALLOT_MAIN, "dresano", Sindaco("melegnano"),
                          kYes};
  EXPECT_EQ(ErrorReason(
                d.governance.CastVote(d.Ctx(), d.id, "s-next", other).status()),
            reasons::kDelegationOutOfScope);
}

TEST(Invariant10Test, TheOutcomeFollowsTheTallyAndARejectionGetsNoNumber) {
  District d;
  d.Register();
  OpenSession(d);
  // (An exact tie of shares is checked on the pure tally, tally_test; here
  // an adoption and a rejection go all the way to the deliberation.)
  ASSERT_TRUE(d.Vote("s", 1,
                     {{"san-giuliano-milanese", kNo},
                      {"san-donato-milanese", kYes},
                      {"melegnano", kYes}})
                  .ok());
  int number = -1;
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s", 1, "", &number).ok());
  auto s = d.governance.Session(d.id, "s");
  // 450 in favour of 797 votanti: more than half, adopted.
  EXPECT_TRUE(s->proclaimed.at(1).adopted());
  EXPECT_EQ(s->proclaimed.at(1).tally().base_shares(), 797);
  OpenSession(d, "s2", absl::CivilDay(2026, 3, 16), {"p2"});
  ASSERT_TRUE(d.Vote("s2", 1,
                     {{"san-giuliano-milanese", kNo},
                      {"san-donato-milanese", kYes},
                      {"cerro-al-lambro", kYes},
                      {"dresano", kNo}})
                  .ok());
  int none = -1;
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s2", 1, "", &none).ok());
  EXPECT_EQ(none, -1);  // rejected: no number
  auto rejected = d.governance.Deliberation(d.id, "p2");
  EXPECT_TRUE(rejected->rejected);
  EXPECT_FALSE(rejected->adoption.has_value());
}

TEST(Invariant11Test, QualifiedAndDoubleMajoritiesCountAllMembers) {
  District d;
  d.Register();
  d.DraftReady("statute-change", v1::ACT_KIND_STATUTE_CHANGE);
  session::Convene c;
  c.consortium_id = d.id;
  c.session_id = "s";
  c.body_id = "assemblea";
  c.session_time = Rome(2026, 3, 9, 10);
  v1::AgendaItem item;
  item.set_number(1);
  item.set_proposal_id("statute-change");
  item.set_act_kind(v1::ACT_KIND_STATUTE_CHANGE);
  c.items = {item};
  ASSERT_TRUE(d.governance.Convene(d.Ctx(), c).ok());
  d.clock.AdvanceTo(Rome(2026, 3, 9, 10));
  std::vector<std::string> all;
  for (const auto& f : testing::DistrictComuni()) all.push_back(f.member_id);
  ASSERT_TRUE(d.governance.RecordAttendance(d.Ctx(), d.id, "s", all, {}).ok());
  // Everyone but San Giuliano: 653‰ and 8 of 9 — short of 2/3 of the shares.
  std::vector<std::pair<std::string, v1::VoteChoice>> votes;
  for (const std::string& m : all) {
    votes.push_back({m, m == "san-giuliano-milanese" ? kNo : kYes});
  }
  ASSERT_TRUE(d.Vote("s", 1, votes).ok());
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s", 1, "").ok());
  auto s = d.governance.Session(d.id, "s");
  EXPECT_FALSE(s->proclaimed.at(1).adopted());
  EXPECT_EQ(s->proclaimed.at(1).tally().base_shares(), 1000);
  EXPECT_EQ(s->proclaimed.at(1).tally().in_favour_shares(), 653);
}

TEST(Invariant12Test, ImmediateExecutabilityNeedsItsOwnVote) {
  District d;
  d.Register();
  OpenSession(d);
  std::vector<std::pair<std::string, v1::VoteChoice>> yes;
  for (const std::string& m : kFive) yes.push_back({m, kYes});
  ASSERT_TRUE(d.Vote("s", 1, yes).ok());
  // Without the separate vote it is not immediately executable.
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s", 1, "").ok());
  EXPECT_FALSE(d.governance.Deliberation(d.id, "p")->executive_on.has_value());
  // With it (870‰ of all shares) it is executive on the day of adoption.
  OpenSession(d, "s2", absl::CivilDay(2026, 3, 16), {"p2"});
  ASSERT_TRUE(d.Vote("s2", 1, yes).ok());
  ASSERT_TRUE(d.Vote("s2", 1, yes, v1::BALLOT_IMMEDIATE_EXECUTABILITY).ok());
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s2", 1, "").ok());
  auto p2 = d.governance.Deliberation(d.id, "p2");
  ASSERT_TRUE(p2->executive_on.has_value());
  EXPECT_EQ(*p2->executive_on, absl::CivilDay(2026, 3, 16));
  EXPECT_TRUE(p2->ExecutiveOn(absl::CivilDay(2026, 3, 16)));
}

}  // namespace
}  // namespace concordia::domain
