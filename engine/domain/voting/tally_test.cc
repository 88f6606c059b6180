#include "engine/domain/voting/tally.h"

#include <random>

#include "gtest/gtest.h"

namespace concordia::domain::voting {
namespace {

v1::Fraction F(int64_t n, int64_t d, bool strict) {
  v1::Fraction f;
  f.set_numerator(n);
  f.set_denominator(d);
  f.set_strict(strict);
  return f;
}

// The social district's nine comuni and their shares (scenarios.md).
std::vector<Voter> District() {
  return {{"san-giuliano", 347}, {"san-donato", 288}, {"melegnano", 162},
          {"cerro", 46},         {"san-zenone", 39},  {"carpiano", 37},
          {"vizzolo", 36},       {"dresano", 27},     {"colturano", 18}};
}

TEST(TallyTest, ScenarioS1) {
  VoteInput in;
  in.assigned = District();
  in.present = {"san-donato", "melegnano", "cerro", "dresano", "colturano"};
  v1::QuorumRule quorum;
  *quorum.mutable_shares() = F(500, 1000, true);
  *quorum.mutable_heads() = F(1, 2, true);
  QuorumCheck q = CheckQuorum(quorum, in, false);
  EXPECT_TRUE(q.met) << q.explanation;
  EXPECT_EQ(q.present_shares, 541);
  EXPECT_EQ(q.present_heads, 5);

  in.votes = {{"san-donato", v1::VOTE_CHOICE_IN_FAVOUR},
              {"melegnano", v1::VOTE_CHOICE_IN_FAVOUR},
              {"cerro", v1::VOTE_CHOICE_IN_FAVOUR},
              {"dresano", v1::VOTE_CHOICE_AGAINST},
              {"colturano", v1::VOTE_CHOICE_ABSTAIN}};
  v1::MajorityRule absolute;
  absolute.set_base(v1::MAJORITY_BASE_VOTANTI);
  *absolute.mutable_shares() = F(1, 2, true);
  v1::Tally t = Count(absolute, in);
  EXPECT_TRUE(t.approved());
  EXPECT_EQ(t.in_favour_shares(), 496);
  EXPECT_EQ(t.base_shares(), 523);
  EXPECT_EQ(t.against_member_ids(0), "dresano");
  EXPECT_EQ(t.abstained_member_ids(0), "colturano");

  // The separate vote: the same 496‰ do not reach more than 500‰ of all.
  v1::Tally ie = CountImmediateExecutability(F(500, 1000, true), in, true);
  EXPECT_FALSE(ie.approved());
  EXPECT_EQ(ie.base_shares(), 1000);
}

TEST(TallyTest, ScenarioS2ConflictAndQuorum) {
  VoteInput in;
  in.assigned = District();
  in.present = {"san-giuliano", "melegnano", "cerro", "vizzolo"};
  v1::QuorumRule quorum;
  *quorum.mutable_shares() = F(500, 1000, true);
  EXPECT_EQ(CheckQuorum(quorum, in, false).present_shares, 591);
  in.conflicted = {"melegnano"};
  QuorumCheck excluded = CheckQuorum(quorum, in, false);
  EXPECT_FALSE(excluded.met);
  EXPECT_EQ(excluded.present_shares, 429);
  EXPECT_TRUE(CheckQuorum(quorum, in, true).met);
  // A conflicted member's vote never counts.
  in.votes = {{"melegnano", v1::VOTE_CHOICE_IN_FAVOUR},
              {"san-giuliano", v1::VOTE_CHOICE_IN_FAVOUR}};
  v1::MajorityRule r;
  r.set_base(v1::MAJORITY_BASE_VOTANTI);
  *r.mutable_shares() = F(1, 2, true);
  EXPECT_EQ(Count(r, in).in_favour_shares(), 347);
}

TEST(TallyTest, ATieRejectsAndBlankBallotsFollowTheRule) {
  VoteInput in;
  in.assigned = {{"a", 250}, {"b", 250}, {"c", 250}, {"d", 250}};
  in.present = {"a", "b", "c", "d"};
  in.votes = {{"a", v1::VOTE_CHOICE_IN_FAVOUR},
              {"b", v1::VOTE_CHOICE_IN_FAVOUR},
              {"c", v1::VOTE_CHOICE_AGAINST},
              {"d", v1::VOTE_CHOICE_AGAINST}};
  v1::MajorityRule r;
  r.set_base(v1::MAJORITY_BASE_VOTANTI);
  *r.mutable_heads() = F(1, 2, true);
  EXPECT_FALSE(Count(r, in).approved());  // 2 of 4: a tie
  in.votes["d"] = v1::VOTE_CHOICE_BLANK;
  EXPECT_TRUE(Count(r, in).approved());  // 2 of 3 votanti
  r.set_blank_ballots_count(true);
  EXPECT_FALSE(Count(r, in).approved());  // 2 of 4 again
}

TEST(TallyTest, QualifiedAndDoubleMajoritiesAreOnAllMembers) {
  VoteInput in;
  in.assigned = District();
  for (const Voter& v : in.assigned) in.present.insert(v.member_id);
  // Everyone but San Giuliano (347‰) in favour: 653‰, 8 of 9.
  for (const Voter& v : in.assigned) {
    in.votes[v.member_id] = v.member_id == "san-giuliano"
                                ? v1::VOTE_CHOICE_AGAINST
                                : v1::VOTE_CHOICE_IN_FAVOUR;
  }
  v1::MajorityRule two_thirds;
  two_thirds.set_base(v1::MAJORITY_BASE_ALL_MEMBERS);
  *two_thirds.mutable_shares() = F(2, 3, false);
  EXPECT_FALSE(Count(two_thirds, in).approved());  // 653 < 666.7
  v1::MajorityRule double_majority;
  double_majority.set_base(v1::MAJORITY_BASE_ALL_MEMBERS);
  *double_majority.mutable_shares() = F(1, 2, true);
  *double_majority.mutable_heads() = F(2, 3, false);
  EXPECT_TRUE(Count(double_majority, in).approved());
  // San Donato too against: 365‰ (fails shares), 7 of 9 heads (passes).
  in.votes["san-donato"] = v1::VOTE_CHOICE_AGAINST;
  EXPECT_FALSE(Count(double_majority, in).approved());
}

// An independent, straightforward computation for the randomized check:
// floating-point ratios (IEEE division is exact to the last bit, so equal
// rationals compare equal) and a separate pass over the votes.
bool Passes(double value, double base, const v1::Fraction& f) {
  if (f.denominator() == 0) return true;
  if (base == 0) return false;
  const double a = value / base;
  const double b = static_cast<double>(f.numerator()) / f.denominator();
  return f.strict() ? a > b : a >= b;
}

TEST(TallyTest, RandomizedTalliesMatchAStraightforwardCount) {
  std::mt19937_64 rng(20260302);
  const v1::Fraction fractions[] = {F(1, 2, true), F(2, 3, false),
                                    F(1, 2, false), F(3, 5, true)};
  for (int round = 0; round < 3000; ++round) {
    VoteInput in;
    const int n = 1 + static_cast<int>(rng() % 12);
    // Random shares summing to 1000.
    std::vector<int> cuts = {0, 1000};
    for (int i = 0; i < n - 1; ++i) cuts.push_back(static_cast<int>(rng() % 1001));
    std::sort(cuts.begin(), cuts.end());
    for (int i = 0; i < n; ++i) {
      in.assigned.push_back({"m" + std::to_string(i), cuts[i + 1] - cuts[i]});
    }
    for (const Voter& v : in.assigned) {
      if (rng() % 4 != 0) in.present.insert(v.member_id);
    }
    for (const std::string& m : in.present) {
      if (rng() % 8 == 0) in.conflicted.insert(m);
      const int c = static_cast<int>(rng() % 5);
      if (c > 0) in.votes[m] = static_cast<v1::VoteChoice>(c);
    }
    v1::MajorityRule rule;
    rule.set_base(static_cast<v1::MajorityBase>(1 + rng() % 3));
    if (rng() % 2) *rule.mutable_shares() = fractions[rng() % 4];
    if (rng() % 2 || !rule.has_shares()) {
      *rule.mutable_heads() = fractions[rng() % 4];
    }
    rule.set_blank_ballots_count(rng() % 2);

    double fav_s = 0, fav_h = 0, against_s = 0, against_h = 0, blank_s = 0,
           blank_h = 0, present_s = 0, present_h = 0, all_s = 0, all_h = 0;
    std::map<std::string, int> share_of;
    for (const Voter& v : in.assigned) {
      share_of[v.member_id] = v.shares;
      all_s += v.shares;
      all_h += 1;
    }
    for (const std::string& m : in.present) {
      if (in.conflicted.count(m)) continue;
      present_s += share_of[m];
      present_h += 1;
    }
    for (const auto& [m, choice] : in.votes) {
      if (in.conflicted.count(m)) continue;
      if (choice == v1::VOTE_CHOICE_IN_FAVOUR) fav_s += share_of[m], fav_h += 1;
      if (choice == v1::VOTE_CHOICE_AGAINST) {
        against_s += share_of[m], against_h += 1;
      }
      if (choice == v1::VOTE_CHOICE_BLANK) blank_s += share_of[m], blank_h += 1;
    }
    double base_s, base_h;
    if (rule.base() == v1::MAJORITY_BASE_PRESENT) {
      base_s = present_s, base_h = present_h;
    } else if (rule.base() == v1::MAJORITY_BASE_ALL_MEMBERS) {
      base_s = all_s, base_h = all_h;
    } else {
      base_s = fav_s + against_s + (rule.blank_ballots_count() ? blank_s : 0);
      base_h = fav_h + against_h + (rule.blank_ballots_count() ? blank_h : 0);
    }
    const bool expected = fav_h > 0 &&
                          (!rule.has_shares() ||
                           Passes(fav_s, base_s, rule.shares())) &&
                          (!rule.has_heads() ||
                           Passes(fav_h, base_h, rule.heads()));
    v1::Tally t = Count(rule, in);
    ASSERT_EQ(t.approved(), expected) << "round " << round << ": "
                                      << rule.ShortDebugString();
    ASSERT_EQ(t.in_favour_shares(), fav_s);
    ASSERT_EQ(t.base_heads(), base_h);
  }
}

}  // namespace
}  // namespace concordia::domain::voting
