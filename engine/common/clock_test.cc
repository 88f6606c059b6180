#include "engine/common/clock.h"

#include "gtest/gtest.h"

namespace concordia {
namespace {

TEST(SimulatedClockTest, StandsStillUntilAdvanced) {
  const absl::Time start = absl::FromUnixSeconds(1772409600);  // 2026-03-02
  SimulatedClock clock(start);
  EXPECT_EQ(clock.Now(), start);
  EXPECT_EQ(clock.Now(), start);
  clock.Advance(absl::Hours(24 * 15));
  EXPECT_EQ(clock.Now(), start + absl::Hours(24 * 15));
}

TEST(SimulatedClockTest, NeverGoesBackwards) {
  const absl::Time start = absl::FromUnixSeconds(1772409600);
  SimulatedClock clock(start);
  clock.Advance(-absl::Hours(1));
  EXPECT_EQ(clock.Now(), start);
  clock.AdvanceTo(start - absl::Hours(5));
  EXPECT_EQ(clock.Now(), start);
  clock.AdvanceTo(start + absl::Seconds(1));
  EXPECT_EQ(clock.Now(), start + absl::Seconds(1));
}

TEST(SystemClockTest, IsMonotoneEnoughForOrdering) {
  const absl::Time a = SystemClock::Get()->Now();
  const absl::Time b = SystemClock::Get()->Now();
  EXPECT_LE(a, b);
}

}  // namespace
}  // namespace concordia
