// Subscriptions: catch-up from disk, then live; exactly once, in order.
#include <thread>
#include <vector>

#include "engine/common/mutex.h"
#include "engine/log/rocksdb_event_log.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::log {
namespace {

using testing::MakeEvent;
using testing::TestLog;

// Reads from `sub` until `count` records arrived; fails the test on error or
// when nothing arrives for a long time (a hang, not a timing assumption).
std::vector<Record> Collect(Subscription& sub, size_t count) {
  std::vector<Record> out;
  while (out.size() < count) {
    const uint64_t before = sub.next_position();
    auto batch = sub.Next(absl::Seconds(30), 100);
    if (!batch.ok()) {
      ADD_FAILURE() << batch.status();
      break;
    }
    // Empty and no progress: 30 s passed without a new record.
    if (batch->empty() && sub.next_position() == before) {
      ADD_FAILURE() << "no record for 30s after " << out.size();
      break;
    }
    out.insert(out.end(), batch->begin(), batch->end());
  }
  return out;
}

void ExpectPositions(const std::vector<Record>& records, uint64_t first) {
  for (size_t i = 0; i < records.size(); ++i) {
    ASSERT_EQ(records[i].position, first + i) << "at index " << i;
  }
}

TEST(SubscriptionTest, CatchesUpThenFollowsLiveWithoutGapOrDuplicate) {
  RocksEventLogOptions options;
  options.live_cache_records = 64;
  TestLog t(options);
  for (int i = 1; i <= 500; ++i) {
    ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(i)}).ok());
  }
  auto sub = t.log->Subscribe(1, RecordFilter{});
  ASSERT_TRUE(sub.ok());
  // A writer keeps appending while the subscriber catches up and switches.
  std::thread writer([&] {
    for (int i = 501; i <= 1500; ++i) {
      ASSERT_TRUE(
          t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(i)}).ok());
    }
  });
  std::vector<Record> got = Collect(**sub, 1500);
  writer.join();
  ASSERT_EQ(got.size(), 1500u);
  ExpectPositions(got, 1);
  auto more = (*sub)->Next(absl::ZeroDuration(), 10);
  ASSERT_TRUE(more.ok());
  EXPECT_TRUE(more->empty());
  EXPECT_EQ((*sub)->next_position(), 1501u);
}

TEST(SubscriptionTest, StartsAtAnyPositionAndFilters) {
  TestLog t;
  for (int i = 1; i <= 30; ++i) {
    const std::string stream = i % 3 == 0 ? "a/x" : "b/y";
    ASSERT_TRUE(t.log->Append(stream, ExpectedVersion::Any(),
                              {MakeEvent(i, i % 2 ? "Odd" : "Even")})
                    .ok());
  }
  auto sub = t.log->Subscribe(10, RecordFilter{"a/", {"Even"}});
  ASSERT_TRUE(sub.ok());
  std::vector<Record> got = Collect(**sub, 4);  // 12, 18, 24, 30
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].position, 12u);
  EXPECT_EQ(got[3].position, 30u);
  EXPECT_EQ(t.log->Subscribe(0, RecordFilter{}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SubscriptionTest, ManySubscribersEachSeeEverythingOnce) {
  TestLog t;
  constexpr int kSubscribers = 16;
  constexpr int kEvents = 400;
  std::vector<std::unique_ptr<Subscription>> subs;
  for (int i = 0; i < kSubscribers; ++i) {
    subs.push_back(*t.log->Subscribe(1, RecordFilter{}));
  }
  std::vector<std::vector<Record>> got(kSubscribers);
  std::vector<std::thread> readers;
  for (int i = 0; i < kSubscribers; ++i) {
    readers.emplace_back([&, i] { got[i] = Collect(*subs[i], kEvents); });
  }
  for (int i = 1; i <= kEvents; ++i) {
    ASSERT_TRUE(t.log->Append(i % 2 ? "c/a" : "c/b", ExpectedVersion::Any(),
                              {MakeEvent(i)})
                    .ok());
  }
  for (auto& r : readers) r.join();
  for (int i = 0; i < kSubscribers; ++i) {
    ASSERT_EQ(got[i].size(), static_cast<size_t>(kEvents));
    ExpectPositions(got[i], 1);
  }
}

TEST(SubscriptionTest, ASlowSubscriberFallsBackToDiskAndMissesNothing) {
  RocksEventLogOptions options;
  options.live_cache_records = 8;  // far smaller than what it falls behind
  TestLog t(options);
  auto sub = t.log->Subscribe(1, RecordFilter{});
  ASSERT_TRUE(sub.ok());
  auto first = (*sub)->Next(absl::ZeroDuration(), 10);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->empty());
  // Writers are never blocked by the idle subscriber.
  for (int i = 1; i <= 1000; ++i) {
    ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(i)}).ok());
  }
  std::vector<Record> got = Collect(**sub, 1000);
  ASSERT_EQ(got.size(), 1000u);
  ExpectPositions(got, 1);
}

TEST(SubscriptionTest, CancelWakesABlockedReader) {
  TestLog t;
  auto sub = t.log->Subscribe(1, RecordFilter{});
  ASSERT_TRUE(sub.ok());
  absl::Status seen;
  std::thread reader([&] {
    auto r = (*sub)->Next(absl::Hours(1));
    seen = r.status();
  });
  (*sub)->Cancel();
  reader.join();
  EXPECT_EQ(seen.code(), absl::StatusCode::kCancelled);
}

TEST(SubscriptionTest, ClosingTheLogEndsSubscriptions) {
  auto t = std::make_unique<TestLog>();
  auto sub = t->log->Subscribe(1, RecordFilter{});
  ASSERT_TRUE(sub.ok());
  t->Close();
  EXPECT_EQ((*sub)->Next(absl::Hours(1)).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST(SubscriptionTest, TimeoutReturnsEmpty) {
  TestLog t;
  auto sub = t.log->Subscribe(1, RecordFilter{});
  ASSERT_TRUE(sub.ok());
  auto r = (*sub)->Next(absl::Milliseconds(1));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(SubscriptionTest, FilteredOutRecordsStillAdvanceThePosition) {
  TestLog t;
  auto sub = t.log->Subscribe(1, RecordFilter{"wanted/", {}});
  ASSERT_TRUE(sub.ok());
  ASSERT_TRUE(
      t.log->Append("other/x", ExpectedVersion::Any(), {MakeEvent(1)}).ok());
  // Returns at once (no timeout wait) with nothing, but past position 1.
  auto r = (*sub)->Next(absl::Hours(1), 10);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  EXPECT_EQ((*sub)->next_position(), 2u);
}

// With a skip listener, records the filter rejects move a blocked reader's
// position without waking it; the first record it wants wakes it.
TEST(SubscriptionTest, WithASkipListenerRejectedRecordsDoNotWakeTheReader) {
  TestLog t;
  auto sub = t.log->Subscribe(1, RecordFilter{"wanted/", {}});
  ASSERT_TRUE(sub.ok());
  Mutex mu;
  std::vector<uint64_t> skipped;
  (*sub)->SetSkipListener([&](uint64_t next) {
    MutexLock lock(&mu);
    skipped.push_back(next);
  });
  absl::StatusOr<std::vector<Record>> got;
  std::thread reader([&] { got = (*sub)->Next(absl::Hours(1), 10); });
  while (t.log->WaitingSubscribers() < 1) std::this_thread::yield();
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(
        t.log->Append("other/x", ExpectedVersion::Any(), {MakeEvent(i)}).ok());
  }
  {
    // Each publication skipped the reader instead of waking it (a woken
    // reader is never skipped).
    MutexLock lock(&mu);
    EXPECT_EQ(skipped, (std::vector<uint64_t>{2, 3, 4}));
  }
  EXPECT_EQ((*sub)->next_position(), 4u);
  ASSERT_TRUE(
      t.log->Append("wanted/y", ExpectedVersion::Any(), {MakeEvent(4)}).ok());
  reader.join();
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].position, 4u);
  EXPECT_EQ((*sub)->next_position(), 5u);
  MutexLock lock(&mu);
  EXPECT_EQ(skipped.size(), 3u);
}

}  // namespace
}  // namespace concordia::log
