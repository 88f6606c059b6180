// Joint appends (EventLog::AppendAll): several streams in one atomic step,
// conditional on each stream's version, idempotent as a whole.
#include <string>
#include <thread>
#include <vector>

#include "engine/common/errors.h"
#include "engine/log/rocksdb_event_log.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::log {
namespace {

using testing::MakeEvent;
using testing::TestLog;

StreamAppend Part(const std::string& stream, ExpectedVersion expected,
                  std::vector<uint64_t> seeds) {
  StreamAppend p;
  p.stream = stream;
  p.expected = expected;
  for (uint64_t s : seeds) p.events.push_back(MakeEvent(s));
  return p;
}

std::vector<StreamAppend> Parts(std::vector<StreamAppend> parts) {
  return parts;
}

TEST(AppendAllTest, PartsGetConsecutivePositionsAndTheirOwnVersions) {
  TestLog t;
  ASSERT_TRUE(t.log->Append("c/a", ExpectedVersion::Any(), {MakeEvent(1)}).ok());
  auto r = t.log->AppendAll(Parts({Part("c/a", ExpectedVersion::Exact(1), {2, 3}),
                                   Part("c/b", ExpectedVersion::NoStream(), {4})}));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].first_position, 2u);
  EXPECT_EQ((*r)[0].last_position, 3u);
  EXPECT_EQ((*r)[0].stream_version, 3u);
  EXPECT_EQ((*r)[1].first_position, 4u);
  EXPECT_EQ((*r)[1].last_position, 4u);
  EXPECT_EQ((*r)[1].stream_version, 1u);
  EXPECT_FALSE((*r)[0].deduplicated || (*r)[1].deduplicated);
  auto b = t.log->ReadStream("c/b", 1, 10);
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->size(), 1u);
  EXPECT_EQ((*b)[0].position, 4u);
  // The chain runs through the joint append like any other.
  auto report = t.log->Verify();
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->records_checked, 4u);
}

TEST(AppendAllTest, OnePartsConflictRejectsEveryPartAndAppendsNothing) {
  TestLog t;
  ASSERT_TRUE(t.log->Append("c/b", ExpectedVersion::Any(), {MakeEvent(1)}).ok());
  auto r = t.log->AppendAll(Parts({Part("c/a", ExpectedVersion::NoStream(), {2}),
                                   Part("c/b", ExpectedVersion::NoStream(), {3})}));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReason(r.status()), "WRONG_EXPECTED_VERSION");
  EXPECT_EQ(ErrorMetadata(r.status())["stream"], "c/b");
  EXPECT_EQ(t.log->LastPosition(), 1u);
  auto a = t.log->ReadStream("c/a", 1, 10);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->empty());
  EXPECT_EQ(t.log->ReadEventById(MakeEvent(2).id).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(AppendAllTest, ARetryIsDeduplicatedWholeAlsoAfterARestart) {
  TestLog t;
  auto first = t.log->AppendAll(
      Parts({Part("c/a", ExpectedVersion::NoStream(), {1, 2}),
             Part("c/b", ExpectedVersion::NoStream(), {3})}));
  ASSERT_TRUE(first.ok()) << first.status();
  t.Reopen();
  // Expected versions that no longer hold do not matter to a retry.
  auto retry = t.log->AppendAll(
      Parts({Part("c/a", ExpectedVersion::NoStream(), {1, 2}),
             Part("c/b", ExpectedVersion::NoStream(), {3})}));
  ASSERT_TRUE(retry.ok()) << retry.status();
  ASSERT_EQ(retry->size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE((*retry)[i].deduplicated);
    EXPECT_EQ((*retry)[i].first_position, (*first)[i].first_position);
    EXPECT_EQ((*retry)[i].last_position, (*first)[i].last_position);
    EXPECT_EQ((*retry)[i].stream_version, (*first)[i].stream_version);
  }
  EXPECT_EQ(t.log->LastPosition(), 3u);
}

TEST(AppendAllTest, IdsRecordedOnlyInPartAreRefused) {
  TestLog t;
  ASSERT_TRUE(t.log->Append("c/a", ExpectedVersion::Any(), {MakeEvent(1)}).ok());
  // The first part alone was recorded (by a plain append): not this append.
  auto r = t.log->AppendAll(Parts({Part("c/a", ExpectedVersion::Any(), {1}),
                                   Part("c/b", ExpectedVersion::Any(), {2})}));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ErrorReason(r.status()), "EVENT_ID_REUSED");
  // The same events split differently over the streams are not a retry.
  auto joint = t.log->AppendAll(Parts({Part("c/x", ExpectedVersion::Any(), {5}),
                                       Part("c/y", ExpectedVersion::Any(), {6})}));
  ASSERT_TRUE(joint.ok());
  auto swapped = t.log->AppendAll(
      Parts({Part("c/y", ExpectedVersion::Any(), {5}),
             Part("c/x", ExpectedVersion::Any(), {6})}));
  EXPECT_EQ(ErrorReason(swapped.status()), "EVENT_ID_REUSED");
  EXPECT_EQ(t.log->LastPosition(), 3u);
}

TEST(AppendAllTest, BadInputIsAClearErrorAndWritesNothing) {
  TestLog t;
  struct Case {
    std::vector<StreamAppend> parts;
    std::string names;
  };
  std::vector<Case> cases;
  cases.push_back({{}, "parts"});
  cases.push_back({Parts({Part("c/a", ExpectedVersion::Any(), {1}),
                          Part("c/a", ExpectedVersion::Any(), {2})}),
                   "parts[1].stream"});
  cases.push_back({Parts({Part("c/a", ExpectedVersion::Any(), {1}),
                          Part("c/b", ExpectedVersion::Any(), {1})}),
                   "parts[1].events[0].id"});
  cases.push_back({Parts({Part("c/a", ExpectedVersion::Any(), {1}),
                          Part("c/b", ExpectedVersion::Any(), {})}),
                   "parts[1].events"});
  cases.push_back({Parts({Part("", ExpectedVersion::Any(), {1})}),
                   "parts[0]."});
  cases.push_back({Parts({Part("c/a", ExpectedVersion::Exact(uint64_t{1} << 63),
                               {1})}),
                   "parts[0].expected"});
  std::vector<StreamAppend> many;
  for (size_t i = 0; i <= kMaxStreamsPerAppend; ++i) {
    many.push_back(Part("c/s" + std::to_string(i), ExpectedVersion::Any(),
                        {100 + i}));
  }
  cases.push_back({many, "parts: 17 streams"});
  for (Case& c : cases) {
    auto r = t.log->AppendAll(std::move(c.parts));
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << c.names;
    EXPECT_NE(r.status().message().find(c.names), absl::string_view::npos)
        << r.status();
  }
  EXPECT_EQ(t.log->LastPosition(), 0u);
}

// Joint and plain appends from many threads share commit groups; each joint
// append is all or nothing, and a conflict rejects only its own writer.
TEST(AppendAllTest, ConcurrentJointAppendsStayAtomic) {
  TestLog t;
  constexpr int kThreads = 8;
  constexpr int kRounds = 40;
  std::vector<std::thread> threads;
  std::vector<int> won(kThreads, 0);
  for (int th = 0; th < kThreads; ++th) {
    threads.emplace_back([&, th] {
      for (int i = 0; i < kRounds; ++i) {
        const uint64_t seed = 1000 * (th + 1) + i;
        // Every thread tries to start the same shared stream's round i, so
        // exactly one joint append per round wins it.
        auto r = t.log->AppendAll(
            Parts({Part("c/own-" + std::to_string(th), ExpectedVersion::Any(),
                        {seed}),
                   Part("c/shared-" + std::to_string(i),
                        ExpectedVersion::NoStream(), {seed + 500})}));
        if (r.ok()) {
          ++won[th];
        } else {
          EXPECT_EQ(ErrorReason(r.status()), "WRONG_EXPECTED_VERSION");
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  int total = 0;
  for (int th = 0; th < kThreads; ++th) {
    total += won[th];
    auto own = t.log->ReadStream("c/own-" + std::to_string(th), 1, 1000);
    ASSERT_TRUE(own.ok());
    // A thread's own stream holds exactly the events of the appends it won.
    EXPECT_EQ(own->size(), static_cast<size_t>(won[th]));
  }
  EXPECT_EQ(total, kRounds);
  for (int i = 0; i < kRounds; ++i) {
    auto shared = t.log->ReadStream("c/shared-" + std::to_string(i), 1, 10);
    ASSERT_TRUE(shared.ok());
    ASSERT_EQ(shared->size(), 1u);
    // Its partner event sits just before it, in the winner's own stream.
    auto partner = t.log->ReadAll((*shared)[0].position - 1, 1, RecordFilter{},
                                  0, nullptr);
    ASSERT_TRUE(partner.ok());
    ASSERT_EQ(partner->size(), 1u);
    EXPECT_EQ((*partner)[0].stream.rfind("c/own-", 0), 0u);
  }
  EXPECT_EQ(t.log->LastPosition(), 2u * kRounds);
  auto report = t.log->Verify();
  ASSERT_TRUE(report.ok()) << report.status();
}

}  // namespace
}  // namespace concordia::log
