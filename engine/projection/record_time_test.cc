// Record time → position: the prefix known at a moment, found by binary
// search, equals the prefix found by walking the log.
#include "engine/projection/record_time.h"

#include <random>

#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::projection {
namespace {

using log::ExpectedVersion;
using log::testing::MakeEvent;

TEST(RecordTimeTest, AnEmptyLogKnewNothing) {
  log::testing::TestLog t;
  auto p = LastPositionRecordedBy(*t.log, t.clock.Now());
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p, 0u);
}

TEST(RecordTimeTest, EqualsTheLinearWalkAtEveryMoment) {
  log::testing::TestLog t;
  std::mt19937_64 rng(7);
  const absl::Time start = t.clock.Now();
  uint64_t seed = 0;
  for (int i = 0; i < 300; ++i) {
    // Several records often share a time (one group commit, or a clock that
    // did not move).
    if (rng() % 3 == 0) t.clock.Advance(absl::Seconds(1 + rng() % 100));
    std::vector<log::NewEvent> batch;
    const int n = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < n; ++k) batch.push_back(MakeEvent(++seed));
    ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), batch).ok());
  }
  auto all = t.log->ReadAll(1, 10000, log::RecordFilter{}, 0, nullptr);
  ASSERT_TRUE(all.ok());
  const absl::Time end = t.clock.Now();
  for (absl::Time probe = start - absl::Seconds(1); probe <= end + absl::Seconds(1);
       probe += absl::Seconds(7)) {
    uint64_t want = 0;
    for (const log::Record& r : *all) {
      if (r.recorded_at <= probe) want = r.position;
    }
    auto got = LastPositionRecordedBy(*t.log, probe);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, want) << probe;
  }
  // Bounded by `upto`.
  auto bounded = LastPositionRecordedBy(*t.log, end, 10);
  ASSERT_TRUE(bounded.ok());
  EXPECT_EQ(*bounded, 10u);
}

}  // namespace
}  // namespace concordia::projection
