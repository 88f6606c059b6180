#include "engine/log/follower.h"

#include <atomic>

#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::log {
namespace {

using testing::MakeEvent;

TEST(FollowerTest, CatchesUpAtStartThenFollows) {
  testing::TestLog t;
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(t.log->Append(i % 2 ? "c/access" : "c/other",
                              ExpectedVersion::Any(),
                              {MakeEvent(i, i % 2 ? "Grant" : "Other")})
                    .ok());
  }
  std::atomic<int> applied{0};
  Follower follower(*t.log, RecordFilter{"", {"Grant"}},
                    [&](const Record&) { ++applied; });
  ASSERT_TRUE(follower.Start().ok());
  EXPECT_EQ(applied.load(), 3);  // complete when Start returns
  EXPECT_EQ(follower.position(), 5u);
  auto r = t.log->Append("c/access", ExpectedVersion::Any(),
                         {MakeEvent(6, "Grant")});
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(follower.WaitFor(r->last_position, absl::Seconds(30)).ok());
  EXPECT_EQ(applied.load(), 4);
  // Records filtered out still advance the position.
  auto other = t.log->Append("c/other", ExpectedVersion::Any(),
                             {MakeEvent(7, "Other")});
  ASSERT_TRUE(follower.WaitFor(other->last_position, absl::Seconds(30)).ok());
  EXPECT_EQ(applied.load(), 4);
  EXPECT_EQ(follower.WaitFor(100, absl::Milliseconds(1)).code(),
            absl::StatusCode::kDeadlineExceeded);
  follower.Stop();
}

}  // namespace
}  // namespace concordia::log
