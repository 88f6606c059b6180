// A crash between a read model's update and its checkpoint is survived: the
// runner's write of a batch fails at random points (as if the process died
// before the batch reached the disk), the read models are restarted over the
// same store, and in the end they equal read models rebuilt from scratch,
// byte for byte — no record applied twice, none skipped.
#include <atomic>
#include <random>

#include "engine/readmodel/testing/harness.h"
#include "engine/readmodel/testing/random_history.h"
#include "gtest/gtest.h"

namespace concordia::readmodel {
namespace {

using domain::testing::District;
using testing::DumpStore;
using testing::RandomHistory;
using testing::ReadModelHarness;

TEST(FaultTest, FailedWritesBetweenUpdateAndCheckpointAreSurvived) {
  District d;
  RandomHistory history(d, 5);
  ASSERT_TRUE(history.Run(400).ok());
  std::mt19937_64 rng(2024);
  ReadModelHarness h(*d.log.log, d.clock);
  const std::vector<projection::Projection*> models = h.models().projections();
  int failures = 0;
  for (int round = 0; round < 12; ++round) {
    // The log grows between runs, so every run has work to do.
    if (round > 0) {
      ASSERT_TRUE(history.Run(60).ok());
    }
    const uint64_t last = d.log.log->LastPosition();
    // The k-th write of this run fails, whichever read model makes it.
    const int fail_at = 1 + static_cast<int>(rng() % 3);
    auto writes = std::make_shared<std::atomic<int>>(0);
    projection::ProjectionRunnerOptions options;
    options.batch_records = 4 + rng() % 20;
    // Half the runs build in bulk chunks, so faults hit their ingestion too.
    options.bulk_records = round % 2 == 0 ? 0 : 30 + rng() % 60;
    options.before_write = [fail_at, writes](const std::string&) {
      if (++*writes == fail_at) {
        return absl::UnavailableError("disk gone (injected)");
      }
      return absl::OkStatus();
    };
    h.Restart(options);
    int failed = 0;
    for (projection::Projection* m : models) {
      const absl::Status s =
          h.runner().WaitFor(m->name(), last, absl::Seconds(60));
      if (s.ok()) continue;
      EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
      ++failed;
      // The failed write left its checkpoint where it was.
      for (const auto& st : h.runner().Status()) {
        if (st.name == m->name()) {
          EXPECT_LT(st.checkpoint, last);
        }
      }
    }
    EXPECT_LE(failed, 1);
    failures += failed;
  }
  EXPECT_GT(failures, 3);
  h.Restart();
  h.Sync();
  ReadModelHarness rebuilt(*d.log.log, d.clock);
  rebuilt.Sync();
  const auto a = DumpStore(h.store(), models);
  const auto b = DumpStore(rebuilt.store(), rebuilt.models().projections());
  for (const auto& [slot, entries] : a) {
    EXPECT_TRUE(entries == b.at(slot)) << slot << " differs";
  }
}

}  // namespace
}  // namespace concordia::readmodel
