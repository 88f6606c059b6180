// Crash test of the read models: a process building them over a real domain
// history is SIGKILLed at random moments, again and again; each restart
// resumes from the checkpoints it finds, and once the build completes the
// store equals one built in a single uninterrupted run, byte for byte.
#include <signal.h>

#include <fstream>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engine/common/clock.h"
#include "engine/domain/governance/testing/district.h"
#include "engine/readmodel/testing/harness.h"
#include "engine/readmodel/testing/random_history.h"
#include "gtest/gtest.h"
#include "tests/testing/process.h"

namespace concordia {
namespace {

size_t CountLines(const std::string& path) {
  std::ifstream in(path);
  return std::count(std::istreambuf_iterator<char>(in),
                    std::istreambuf_iterator<char>(), '\n');
}

TEST(ProjectionCrashTest, SigkilledBuildsResumeExactlyOnce) {
  domain::testing::District d;
  readmodel::testing::RandomHistory history(d, 17);
  ASSERT_TRUE(history.Run(500).ok());
  const std::string log_dir = d.log.options.path;
  d.log.Close();  // the child opens it

  const std::string dir = testing::TempDir("projection-crash");
  const std::string store = dir + "/store";
  const std::string progress = dir + "/progress";
  std::mt19937_64 rng(20261201);
  size_t seen = 0;
  int killed = 0;
  for (int run = 1; run <= 12; ++run) {
    auto child = testing::ChildProcess::Spawn(
        {testing::Runfile("tests/crash/projection_crash_runner"),
         "--log=" + log_dir, "--store=" + store, "--progress=" + progress,
         absl::StrCat("--batch=", 2 + rng() % 7),
         // Every other run builds in bulk chunks: kills land in chunks and
         // in their ingestion too.
         absl::StrCat("--bulk=", run % 2 == 0 ? 0 : 20 + rng() % 40)},
        dir + "/runner.log");
    ASSERT_TRUE(child.ok()) << child.status();
    // Kill after a few more batches, plus a random delay: the kill lands
    // anywhere on the write path.
    const size_t target = seen + 1 + rng() % 12;
    const absl::Time deadline = SystemClock::Get()->Now() + absl::Seconds(60);
    while (CountLines(progress) < target && !(*child)->Exited() &&
           SystemClock::Get()->Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(1));
    }
    if ((*child)->Exited()) break;  // the build completed before the kill
    absl::SleepFor(absl::Microseconds(rng() % 2000));
    auto code = (*child)->Stop(SIGKILL);
    ASSERT_TRUE(code.ok());
    if (*code == 128 + SIGKILL) ++killed;
    seen = CountLines(progress);
  }
  EXPECT_GE(killed, 3);
  // Let the last run finish.
  auto last = testing::ChildProcess::Spawn(
      {testing::Runfile("tests/crash/projection_crash_runner"),
       "--log=" + log_dir, "--store=" + store, "--progress=" + progress},
      dir + "/runner.log");
  ASSERT_TRUE(last.ok());
  const absl::Time deadline = SystemClock::Get()->Now() + absl::Seconds(120);
  while (!(*last)->Exited() && SystemClock::Get()->Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  auto code = (*last)->Stop(SIGKILL);
  ASSERT_TRUE(code.ok());
  ASSERT_EQ(*code, 0) << "the final build did not complete";

  d.log.Reopen();
  readmodel::testing::ReadModelHarness crashed(*d.log.log, d.clock, {}, store);
  crashed.Sync();
  readmodel::testing::ReadModelHarness clean(*d.log.log, d.clock);
  clean.Sync();
  const auto a = readmodel::testing::DumpStore(crashed.store(),
                                               crashed.models().projections());
  const auto b = readmodel::testing::DumpStore(clean.store(),
                                               clean.models().projections());
  for (const auto& [slot, entries] : a) {
    EXPECT_TRUE(entries == b.at(slot)) << slot << " differs after crashes";
  }
}

}  // namespace
}  // namespace concordia
