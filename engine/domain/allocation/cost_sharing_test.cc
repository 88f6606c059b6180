#include "engine/domain/allocation/cost_sharing.h"

#include <random>

#include "engine/common/errors.h"
#include "gtest/gtest.h"

namespace concordia::domain::allocation {
namespace {

v1::CostSharingRule Rule(
    v1::CostSharingMethod m, int fixed = 0,
    v1::CostSharingMethod variable = v1::COST_SHARING_METHOD_UNSPECIFIED) {
  v1::CostSharingRule r;
  r.set_method(m);
  r.set_fixed_permille(fixed);
  r.set_variable_method(variable);
  return r;
}

const std::set<std::string> kThree = {"carpiano", "dresano", "melegnano"};

Figures Inhabitants() {
  Figures f;
  f.inhabitants = {{"carpiano", 4100}, {"dresano", 3000}, {"melegnano", 18000}};
  f.uses = {{"carpiano", 10}, {"dresano", 0}, {"melegnano", 30}};
  f.shares = {{"carpiano", 37}, {"dresano", 27}, {"melegnano", 162}};
  return f;
}

TEST(CostSharingTest, PerInhabitant) {
  auto parts =
      ShareCosts(2'510'000, Rule(v1::COST_SHARING_METHOD_PER_INHABITANT),
                 kThree, Inhabitants());
  ASSERT_TRUE(parts.ok()) << parts.status();
  // 25,100 inhabitants: 100 cents each.
  EXPECT_EQ(parts->at("carpiano"), 410'000);
  EXPECT_EQ(parts->at("dresano"), 300'000);
  EXPECT_EQ(parts->at("melegnano"), 1'800'000);
}

TEST(CostSharingTest, PerUseGivesNothingToWhoDidNotUse) {
  auto parts = ShareCosts(1001, Rule(v1::COST_SHARING_METHOD_PER_USE), kThree,
                          Inhabitants());
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->at("dresano"), 0);
  EXPECT_EQ(parts->at("carpiano") + parts->at("melegnano"), 1001);
  EXPECT_EQ(parts->at("melegnano"), 751);  // 750.75 → remainder .75
}

TEST(CostSharingTest, ByShareAndEqual) {
  auto by_share = ShareCosts(22'600, Rule(v1::COST_SHARING_METHOD_BY_SHARE),
                             kThree, Inhabitants());
  ASSERT_TRUE(by_share.ok());
  EXPECT_EQ(by_share->at("melegnano"), 16'200);
  auto equal = ShareCosts(100, Rule(v1::COST_SHARING_METHOD_EQUAL), kThree, {});
  ASSERT_TRUE(equal.ok());
  EXPECT_EQ(equal->at("carpiano"), 34);  // the smallest id takes the tie
  EXPECT_EQ(equal->at("dresano"), 33);
}

TEST(CostSharingTest, FixedPlusVariable) {
  // 30% in equal parts, 70% per inhabitant.
  auto parts = ShareCosts(2'510'000,
                          Rule(v1::COST_SHARING_METHOD_FIXED_PLUS_VARIABLE, 300,
                               v1::COST_SHARING_METHOD_PER_INHABITANT),
                          kThree, Inhabitants());
  ASSERT_TRUE(parts.ok()) << parts.status();
  // Fixed 753,000 → 251,000 each; variable 1,757,000 → 70 cents/inhabitant.
  EXPECT_EQ(parts->at("carpiano"), 251'000 + 287'000);
  EXPECT_EQ(parts->at("dresano"), 251'000 + 210'000);
  EXPECT_EQ(parts->at("melegnano"), 251'000 + 1'260'000);
}

TEST(CostSharingTest, MissingOrZeroFiguresAndBadRulesAreInvalid) {
  Figures f = Inhabitants();
  f.inhabitants.erase("dresano");
  EXPECT_EQ(
      ErrorMetadata(
          ShareCosts(1, Rule(v1::COST_SHARING_METHOD_PER_INHABITANT), kThree, f)
              .status())["field"],
      "basis.inhabitants");
  Figures zero;
  zero.uses = {{"carpiano", 0}, {"dresano", 0}, {"melegnano", 0}};
  EXPECT_EQ(ShareCosts(1, Rule(v1::COST_SHARING_METHOD_PER_USE), kThree, zero)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorMetadata(ValidateCostSharingRule(
                Rule(v1::COST_SHARING_METHOD_FIXED_PLUS_VARIABLE, 1001,
                     v1::COST_SHARING_METHOD_PER_USE),
                "rule"))["field"],
            "rule.fixed_permille");
  EXPECT_EQ(ErrorMetadata(ValidateCostSharingRule(
                Rule(v1::COST_SHARING_METHOD_FIXED_PLUS_VARIABLE, 100,
                     v1::COST_SHARING_METHOD_EQUAL),
                "rule"))["field"],
            "rule.variable_method");
  EXPECT_EQ(ErrorMetadata(ValidateCostSharingRule(
                Rule(v1::COST_SHARING_METHOD_PER_USE, 100), "rule"))["field"],
            "rule");
  EXPECT_EQ(ErrorMetadata(ValidateCostSharingRule(v1::CostSharingRule(),
                                                  "rule"))["field"],
            "rule.method");
  v1::AllocationBasis twice;
  for (int i = 0; i < 2; ++i) {
    v1::MemberFigure* m = twice.add_uses();
    m->set_member_id("carpiano");
    m->set_value(1);
  }
  EXPECT_EQ(ErrorMetadata(FiguresFrom(twice).status())["field"],
            "basis.uses[1]");
}

// Randomized: every rule's parts sum exactly to the total.
TEST(CostSharingTest, RandomAllocationsAlwaysSumExactlyToTheTotal) {
  std::mt19937_64 rng(7411);
  const v1::CostSharingMethod variable[] = {
      v1::COST_SHARING_METHOD_PER_INHABITANT, v1::COST_SHARING_METHOD_PER_USE,
      v1::COST_SHARING_METHOD_BY_SHARE};
  for (int round = 0; round < 3000; ++round) {
    std::set<std::string> members;
    Figures f;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      const std::string m = "m" + std::to_string(i);
      members.insert(m);
      f.inhabitants[m] = 1 + static_cast<int64_t>(rng() % 200'000);
      f.uses[m] = 1 + static_cast<int64_t>(rng() % 5000);
      f.shares[m] = 1 + static_cast<int64_t>(rng() % 400);
    }
    v1::CostSharingRule rule;
    switch (rng() % 5) {
      case 0:
        rule = Rule(v1::COST_SHARING_METHOD_EQUAL);
        break;
      case 1:
        rule = Rule(variable[rng() % 3]);
        break;
      default:
        rule = Rule(v1::COST_SHARING_METHOD_FIXED_PLUS_VARIABLE,
                    static_cast<int>(rng() % 1001), variable[rng() % 3]);
    }
    const int64_t total = static_cast<int64_t>(rng() % 10'000'000'000);
    auto parts = ShareCosts(total, rule, members, f);
    ASSERT_TRUE(parts.ok()) << parts.status();
    int64_t sum = 0;
    for (const auto& [m, p] : *parts) {
      EXPECT_GE(p, 0);
      sum += p;
    }
    EXPECT_EQ(sum, total) << "round " << round;
    EXPECT_EQ(parts->size(), members.size());
  }
}

}  // namespace
}  // namespace concordia::domain::allocation
