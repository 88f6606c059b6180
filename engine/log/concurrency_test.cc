// Concurrent appenders: one winner per version, dense positions, grouped
// commits.
#include <atomic>
#include <set>
#include <thread>

#include "absl/synchronization/notification.h"
#include "engine/log/rocksdb_event_log.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::log {
namespace {

using testing::MakeEvent;
using testing::TestLog;

TEST(ConcurrencyTest, ExactlyOneWinnerPerExpectedVersion) {
  TestLog t;
  constexpr int kThreads = 8;
  constexpr int kRounds = 50;
  std::atomic<uint64_t> seed{1};
  std::vector<std::vector<uint64_t>> won(kThreads);
  std::vector<int> conflicts(kThreads, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < kRounds; ++round) {
        // Everyone races for version `round`: read, then append expecting it.
        const uint64_t v = static_cast<uint64_t>(round);
        auto r = t.log->Append("c/contended", ExpectedVersion::Exact(v),
                               {MakeEvent(seed.fetch_add(1))});
        if (r.ok()) {
          won[i].push_back(r->stream_version);
        } else {
          ASSERT_EQ(r.status().code(), absl::StatusCode::kAborted)
              << r.status();
          ++conflicts[i];
        }
        // Won or lost, the winning event of this round is readable now: a
        // conflict is reported only once what it conflicts with is visible.
        auto info = t.log->GetStreamInfo("c/contended");
        ASSERT_TRUE(info.ok()) << info.status();
        ASSERT_GT(info->version, v);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::multiset<uint64_t> versions;
  for (const auto& w : won) versions.insert(w.begin(), w.end());
  ASSERT_EQ(versions.size(), static_cast<size_t>(kRounds));
  for (uint64_t v = 1; v <= kRounds; ++v) {
    EXPECT_EQ(versions.count(v), 1u) << "version " << v;
  }
  int total_conflicts = 0;
  for (int c : conflicts) total_conflicts += c;
  EXPECT_EQ(total_conflicts, kThreads * kRounds - kRounds);
  EXPECT_EQ(t.log->LastPosition(), static_cast<uint64_t>(kRounds));
  ASSERT_TRUE(t.log->Verify(nullptr).ok());
}

TEST(ConcurrencyTest, ManyWritersManyStreamsDenseAndVerified) {
  TestLog t;
  constexpr int kThreads = 16;
  constexpr int kPerThread = 100;
  std::vector<std::thread> threads;
  std::vector<std::vector<uint64_t>> positions(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < kPerThread; ++k) {
        auto r = t.log->Append("c/s" + std::to_string(i % 4),
                               ExpectedVersion::Any(),
                               {MakeEvent(uint64_t(i) * 100000 + k)});
        ASSERT_TRUE(r.ok()) << r.status();
        positions[i].push_back(r->first_position);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<uint64_t> all;
  for (const auto& p : positions) {
    // Each writer sees its own appends in increasing positions.
    for (size_t k = 1; k < p.size(); ++k) EXPECT_LT(p[k - 1], p[k]);
    all.insert(p.begin(), p.end());
  }
  ASSERT_EQ(all.size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(*all.begin(), 1u);
  EXPECT_EQ(*all.rbegin(), static_cast<uint64_t>(kThreads * kPerThread));
  auto report = t.log->Verify(nullptr);
  ASSERT_TRUE(report.ok()) << report.status();
  uint64_t versions = 0;
  for (int s = 0; s < 4; ++s) {
    versions += t.log->GetStreamInfo("c/s" + std::to_string(s))->version;
  }
  EXPECT_EQ(versions, static_cast<uint64_t>(kThreads * kPerThread));
}

TEST(ConcurrencyTest, ConcurrentRetriesOfOneAppendRecordItOnce) {
  TestLog t;
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::vector<AppendResult> results(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto r = t.log->Append("c/once", ExpectedVersion::NoStream(),
                             {MakeEvent(42), MakeEvent(43)});
      ASSERT_TRUE(r.ok()) << r.status();
      results[i] = *r;
    });
  }
  for (auto& th : threads) th.join();
  int originals = 0;
  for (const AppendResult& r : results) {
    EXPECT_EQ(r.first_position, 1u);
    EXPECT_EQ(r.last_position, 2u);
    if (!r.deduplicated) ++originals;
  }
  EXPECT_EQ(originals, 1);
  EXPECT_EQ(t.log->LastPosition(), 2u);
}

// Durable appends from many writers, interleaved with rejected ones: every
// append returns, the accepted ones are read back after a reopen, and groups
// share syncs (never more syncs than appends).
TEST(ConcurrencyTest, DurableGroupsWithRejectionsAllReturnAndSurviveReopen) {
  std::atomic<int> syncs{0};
  RocksEventLogOptions options;
  options.sync = true;
  options.before_sync = [&] {
    syncs.fetch_add(1);
    return absl::OkStatus();
  };
  TestLog t(options);
  constexpr int kThreads = 16;
  constexpr int kPerThread = 40;
  std::atomic<int> accepted{0}, rejected{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < kPerThread; ++k) {
        // Every third append expects a version its stream never has, so
        // groups with nothing written are interleaved with the others.
        const ExpectedVersion expected = k % 3 == 2
                                             ? ExpectedVersion::Exact(1u << 20)
                                             : ExpectedVersion::Any();
        auto r = t.log->Append("c/d" + std::to_string(i), expected,
                               {MakeEvent(uint64_t(i) * 100000 + k)});
        if (k % 3 == 2) {
          ASSERT_EQ(r.status().code(), absl::StatusCode::kAborted);
          rejected.fetch_add(1);
        } else {
          ASSERT_TRUE(r.ok()) << r.status();
          accepted.fetch_add(1);
          // Acknowledged means published: the caller reads its own write.
          ASSERT_GE(t.log->LastPosition(), r->last_position);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(t.log->LastPosition(), static_cast<uint64_t>(accepted.load()));
  EXPECT_GE(syncs.load(), 1);
  EXPECT_LE(syncs.load(), accepted.load() + rejected.load());
  t.Reopen();
  EXPECT_EQ(t.log->LastPosition(), static_cast<uint64_t>(accepted.load()));
  ASSERT_TRUE(t.log->Verify(nullptr).ok());
}

// The leader keeps the lead through its sync: the appends that arrive while
// it syncs queue up and are written and synced together, as one group.
TEST(ConcurrencyTest, AppendsArrivingDuringASyncShareTheNextGroup) {
  std::atomic<int> syncs{0}, writes{0};
  absl::Notification first_sync_started, release_first_sync;
  RocksEventLogOptions options;
  options.sync = true;
  options.before_write = [&] {
    writes.fetch_add(1);
    return absl::OkStatus();
  };
  options.before_sync = [&] {
    if (syncs.fetch_add(1) == 0) {
      first_sync_started.Notify();
      release_first_sync.WaitForNotification();
    }
    return absl::OkStatus();
  };
  TestLog t(options);
  std::thread first([&] {
    ASSERT_TRUE(t.log->Append("c/first", ExpectedVersion::Any(), {MakeEvent(1)})
                    .ok());
  });
  first_sync_started.WaitForNotification();
  constexpr int kLater = 8;
  std::vector<std::thread> later;
  for (int i = 0; i < kLater; ++i) {
    later.emplace_back([&, i] {
      auto r = t.log->Append("c/later" + std::to_string(i),
                             ExpectedVersion::Any(), {MakeEvent(100 + i)});
      ASSERT_TRUE(r.ok()) << r.status();
      ASSERT_GE(r->first_position, 2u);
    });
  }
  // The first append's leader is still syncing, so nothing of the later
  // appends is written yet: they wait in the queue behind it.
  while (t.log->QueuedAppends() < 1 + kLater) std::this_thread::yield();
  EXPECT_EQ(writes.load(), 1);
  EXPECT_EQ(t.log->LastPosition(), 0u);
  release_first_sync.Notify();
  first.join();
  for (auto& th : later) th.join();
  EXPECT_EQ(t.log->LastPosition(), 1u + kLater);
  EXPECT_EQ(writes.load(), 2);
  EXPECT_EQ(syncs.load(), 2);
  EXPECT_EQ(t.log->QueuedAppends(), 0u);
}

// A failing sync releases every waiting group with UNAVAILABLE; nothing
// hangs and the log refuses writes until it is reopened.
TEST(ConcurrencyTest, FailedSyncReleasesEveryWaitingGroup) {
  std::atomic<int> syncs{0};
  RocksEventLogOptions options;
  options.sync = true;
  options.before_sync = [&]() -> absl::Status {
    if (syncs.fetch_add(1) >= 3) return absl::DataLossError("disk gone");
    return absl::OkStatus();
  };
  TestLog t(options);
  constexpr int kThreads = 12;
  std::vector<std::thread> threads;
  std::atomic<int> unavailable{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 30; ++k) {
        auto r = t.log->Append("c/f" + std::to_string(i),
                               ExpectedVersion::Any(),
                               {MakeEvent(uint64_t(i) * 100000 + k)});
        if (!r.ok()) {
          ASSERT_EQ(r.status().code(), absl::StatusCode::kUnavailable)
              << r.status();
          unavailable.fetch_add(1);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_GT(unavailable.load(), 0);
  EXPECT_EQ(t.log->WriteStatus().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace concordia::log
