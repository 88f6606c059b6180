#include "services/common/call_executor.h"

#include <atomic>

#include "engine/common/mutex.h"
#include "gtest/gtest.h"

namespace concordia {
namespace {

// A gate that work can wait on until the test opens it.
class Gate {
 public:
  void Open() {
    MutexLock lock(&mu_);
    open_ = true;
    cv_.SignalAll();
  }
  void Pass() {
    MutexLock lock(&mu_);
    cv_.Wait(lock, [this] { return open_; });
  }
  void Arrive() {
    MutexLock lock(&mu_);
    ++arrived_;
    cv_.SignalAll();
  }
  void AwaitArrivals(int n) {
    MutexLock lock(&mu_);
    cv_.Wait(lock, [&] { return arrived_ >= n; });
  }

 private:
  Mutex mu_;
  CondVar cv_;
  bool open_ ABSL_GUARDED_BY(mu_) = false;
  int arrived_ ABSL_GUARDED_BY(mu_) = 0;
};

TEST(CallExecutorTest, RunsWorkOnItsThreads) {
  CallExecutor executor({4, 100});
  std::atomic<int> ran{0};
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(executor.TrySubmit([&] { ++ran; }));
  }
  executor.Stop();
  EXPECT_EQ(ran.load(), 50);
}

TEST(CallExecutorTest, RefusesBeyondTheBoundUntilWorkFinishes) {
  CallExecutor executor({1, 2});
  Gate gate;
  std::atomic<int> ran{0};
  ASSERT_TRUE(executor.TrySubmit([&] {
    gate.Arrive();
    gate.Pass();
    ++ran;
  }));
  gate.AwaitArrivals(1);  // running
  ASSERT_TRUE(executor.TrySubmit([&] { ++ran; }));  // queued
  EXPECT_TRUE(executor.AwaitInFlight(2, absl::Seconds(30)));
  EXPECT_EQ(executor.in_flight(), 2u);
  EXPECT_FALSE(executor.TrySubmit([&] { ran += 100; }));  // refused
  gate.Open();
  EXPECT_TRUE(executor.AwaitIdle(absl::Seconds(30)));
  EXPECT_EQ(ran.load(), 2);
  EXPECT_EQ(executor.in_flight(), 0u);
  EXPECT_TRUE(executor.TrySubmit([&] { ++ran; }));  // room again
  executor.Stop();
  EXPECT_EQ(ran.load(), 3);
}

TEST(CallExecutorTest, StopRunsWhatIsQueuedAndRefusesTheRest) {
  CallExecutor executor({1, 10});
  Gate gate;
  std::atomic<int> ran{0};
  ASSERT_TRUE(executor.TrySubmit([&] {
    gate.Arrive();
    gate.Pass();
    ++ran;
  }));
  gate.AwaitArrivals(1);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(executor.TrySubmit([&] { ++ran; }));
  gate.Open();
  executor.Stop();
  EXPECT_EQ(ran.load(), 4);
  EXPECT_FALSE(executor.TrySubmit([&] { ++ran; }));
  executor.Stop();  // idempotent
}

TEST(CallExecutorTest, CountsCancelledAndSkippedCalls) {
  CallExecutor executor({1, 1});
  executor.RecordCancelled();
  executor.RecordCancelled();
  executor.RecordSkipped();
  EXPECT_TRUE(executor.AwaitCancelled(2, absl::Seconds(30)));
  EXPECT_EQ(executor.cancelled(), 2u);
  EXPECT_EQ(executor.skipped(), 1u);
}

TEST(CallExecutorTest, AZeroBoundRefusesEverything) {
  CallExecutor executor({1, 0});
  EXPECT_FALSE(executor.TrySubmit([] {}));
}

}  // namespace
}  // namespace concordia
