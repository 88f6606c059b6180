// ExecuteJointly: two aggregates decided together and recorded in one
// joint append, on the counter of testing_counter.h.
#include "engine/domain/core/joint.h"

#include <thread>
#include <vector>

#include "engine/domain/core/testing_counter.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using testing::Add;
using testing::ApplyCounter;
using testing::Context;
using testing::Counter;

JointPart<Counter> Part(const std::string& stream, CommandContext context,
                        DecideFn<Counter> decide) {
  JointPart<Counter> p;
  p.stream = stream;
  p.context = std::move(context);
  p.apply = ApplyCounter;
  p.decide = std::move(decide);
  return p;
}

int64_t Total(log::EventLog& log, const std::string& stream) {
  auto f = FoldStream<Counter>(log, stream, ApplyCounter);
  EXPECT_TRUE(f.ok()) << f.status();
  return f.ok() ? f->state.total : -1;
}

TEST(JointTest, BothPartsAreRecordedTogetherAtConsecutivePositions) {
  log::testing::TestLog t;
  auto r = ExecuteJointly(*t.log, Part("c/a", Context("r1"), Add(5)),
                          Part("c/b", Context("r1/b"), Add(7)));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->replayed);
  EXPECT_EQ(r->first.first_position, 1u);
  EXPECT_EQ(r->second.first_position, 2u);
  EXPECT_EQ(r->first.stream_version, 1u);
  EXPECT_EQ(r->second.stream_version, 1u);
  EXPECT_EQ(Total(*t.log, "c/a"), 5);
  EXPECT_EQ(Total(*t.log, "c/b"), 7);
  auto b = t.log->ReadStream("c/b", 1, 1);
  ASSERT_TRUE(b.ok() && b->size() == 1);
  EXPECT_EQ((*b)[0].metadata.command_id, "r1/b");  // the part's own context
}

TEST(JointTest, EitherRejectionAppendsNothingAndTheFirstIsReportedFirst) {
  log::testing::TestLog t;
  auto second = ExecuteJointly(*t.log, Part("c/a", Context("r1"), Add(5)),
                               Part("c/b", Context("r1/b"), Add(5000)));
  EXPECT_EQ(ErrorReason(second.status()), "LIMIT_EXCEEDED");
  auto both = ExecuteJointly(
      *t.log, Part("c/a", Context("r2"), Add(5000, 10)),
      Part("c/b", Context("r2/b"), [](const Folded<Counter>&) {
        ADD_FAILURE() << "the second part was decided after the first failed";
        return absl::StatusOr<Events>(absl::InternalError("unreachable"));
      }));
  EXPECT_EQ(ErrorReason(both.status()), "LIMIT_EXCEEDED");
  EXPECT_EQ(t.log->LastPosition(), 0u);
}

TEST(JointTest, ARetryIsReplayedAndAppendsNothing) {
  log::testing::TestLog t;
  auto first = ExecuteJointly(*t.log, Part("c/a", Context("r1"), Add(5)),
                              Part("c/b", Context("r1/b"), Add(7)));
  ASSERT_TRUE(first.ok());
  t.Reopen();
  auto retry = ExecuteJointly(*t.log, Part("c/a", Context("r1"), Add(5)),
                              Part("c/b", Context("r1/b"), Add(7)));
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->first.first_position, first->first.first_position);
  EXPECT_EQ(t.log->LastPosition(), 2u);
}

TEST(JointTest, AnExpectedVersionGuardsEitherPart) {
  log::testing::TestLog t;
  ASSERT_TRUE(Execute<Counter>(*t.log, "c/b", Context("r0"), ApplyCounter,
                               Add(1))
                  .ok());
  CommandContext stale = Context("r1/b");
  stale.expected_version = 0;
  auto r = ExecuteJointly(*t.log, Part("c/a", Context("r1"), Add(5)),
                          Part("c/b", stale, Add(7)));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReason(r.status()), "WRONG_EXPECTED_VERSION");
  EXPECT_EQ(t.log->LastPosition(), 1u);
}

TEST(JointTest, APartThatDecidesNothingIsLeftOut) {
  log::testing::TestLog t;
  auto r = ExecuteJointly(
      *t.log, Part("c/a", Context("r1"), Add(5)),
      Part("c/b", Context("r1/b"),
           [](const Folded<Counter>&) { return absl::StatusOr<Events>(Events{}); }));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->first.first_position, 1u);
  EXPECT_EQ(r->second.first_position, 0u);
  EXPECT_EQ(t.log->LastPosition(), 1u);
}

// Joint commands racing on a shared second stream are serialised by retry:
// every one lands, and each one's two events sit side by side.
TEST(JointTest, ConcurrentJointCommandsRetryOnConflicts) {
  log::testing::TestLog t;
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&t, i] {
      const std::string id = "r" + std::to_string(i);
      auto r = ExecuteJointly(
          *t.log, Part("c/own-" + std::to_string(i), Context(id), Add(1)),
          Part("c/shared", Context(id + "/shared"), Add(1)), 64);
      EXPECT_TRUE(r.ok()) << r.status();
      if (r.ok()) {
        EXPECT_EQ(r->second.first_position, r->first.first_position + 1);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(Total(*t.log, "c/shared"), kThreads);
  EXPECT_EQ(t.log->LastPosition(), 2u * kThreads);
}

}  // namespace
}  // namespace concordia::domain
