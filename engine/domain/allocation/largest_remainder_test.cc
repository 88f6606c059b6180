#include "engine/domain/allocation/largest_remainder.h"

#include <random>

#include "engine/common/errors.h"
#include "gtest/gtest.h"

namespace concordia::domain::allocation {
namespace {

TEST(LargestRemainderTest, ThirdsGiveTheExtraCentToTheFirst) {
  auto parts = SplitByLargestRemainder(10000, std::vector<int64_t>{1, 1, 1});
  ASSERT_TRUE(parts.ok()) << parts.status();
  EXPECT_EQ(*parts, (std::vector<int64_t>{3334, 3333, 3333}));
}

TEST(LargestRemainderTest, LargestRemaindersGetTheLeftoverUnits) {
  // 1000 per mille over 982 remaining: the district's shares without
  // Colturano (18).
  const std::vector<int64_t> w = {347, 288, 162, 46, 39, 37, 36, 27};
  auto parts = SplitByLargestRemainder(1000, w);
  ASSERT_TRUE(parts.ok());
  // Exact quotas: 353.36 293.28 164.97 46.84 39.71 37.67 36.65 27.49.
  EXPECT_EQ(*parts, (std::vector<int64_t>{353, 293, 165, 47, 40, 38, 37, 27}));
}

TEST(LargestRemainderTest, KeyedByIdTiesGoToTheSmallerId) {
  auto parts = SplitByLargestRemainder(
      5, std::map<std::string, int64_t>{{"b", 1}, {"a", 1}});
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->at("a"), 3);
  EXPECT_EQ(parts->at("b"), 2);
}

TEST(LargestRemainderTest, ZeroWeightGetsNothing) {
  auto parts = SplitByLargestRemainder(7, std::vector<int64_t>{0, 1, 1});
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(*parts, (std::vector<int64_t>{0, 4, 3}));
}

TEST(LargestRemainderTest, HugeAmountsStayExact) {
  const int64_t total = 900'000'000'000'000'000;  // 9e17 cents
  auto parts = SplitByLargestRemainder(
      total, std::vector<int64_t>{3'000'000'000'000, 1, 7'000'000'000'000});
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ((*parts)[0] + (*parts)[1] + (*parts)[2], total);
}

TEST(LargestRemainderTest, MalformedInputIsInvalid) {
  EXPECT_EQ(ErrorReason(
                SplitByLargestRemainder(-1, std::vector<int64_t>{1}).status()),
            "INVALID_FIELD");
  EXPECT_EQ(
      SplitByLargestRemainder(1, std::vector<int64_t>{0, 0}).status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      SplitByLargestRemainder(1, std::vector<int64_t>{2, -1}).status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitByLargestRemainder(1, std::vector<int64_t>{}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// Randomized: the parts sum exactly to the total, each is the floor or the
// ceiling of its exact quota, and equal inputs give equal outputs.
TEST(LargestRemainderTest, RandomSplitsAreExactWithinOneUnitAndDeterministic) {
  std::mt19937_64 rng(20260302);
  for (int round = 0; round < 5000; ++round) {
    const size_t n = 1 + rng() % 14;
    std::vector<int64_t> w(n);
    for (int64_t& x : w) {
      x = (rng() % 4 == 0) ? 0 : static_cast<int64_t>(rng() % 1'000'000);
    }
    if (std::all_of(w.begin(), w.end(), [](int64_t x) { return x == 0; })) {
      w[0] = 1;
    }
    const int64_t total = static_cast<int64_t>(rng() % 100'000'000'000);
    auto parts = SplitByLargestRemainder(total, w);
    ASSERT_TRUE(parts.ok()) << parts.status();
    __int128 sum_w = 0;
    for (int64_t x : w) sum_w += x;
    int64_t sum = 0;
    for (size_t i = 0; i < n; ++i) {
      sum += (*parts)[i];
      // |part - total*w/W| < 1  <=>  |part*W - total*w| < W.
      const __int128 diff = static_cast<__int128>((*parts)[i]) * sum_w -
                            static_cast<__int128>(total) * w[i];
      EXPECT_LT(diff < 0 ? -diff : diff, sum_w) << "round " << round;
      if (w[i] == 0) {
        EXPECT_EQ((*parts)[i], 0);
      }
    }
    EXPECT_EQ(sum, total) << "round " << round;
    EXPECT_EQ(*SplitByLargestRemainder(total, w), *parts);
  }
}

}  // namespace
}  // namespace concordia::domain::allocation
