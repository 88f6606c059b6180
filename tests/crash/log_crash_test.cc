// Crash test: a writer process is SIGKILLed at random moments, many times;
// after each kill the log must hold every acknowledged event at its
// acknowledged position, positions must be dense and the chain must verify.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "engine/common/clock.h"
#include "engine/log/rocksdb_event_log.h"
#include "gtest/gtest.h"
#include "tests/testing/process.h"

namespace concordia {
namespace {

using log::RecordFilter;
using log::RocksEventLog;
using log::RocksEventLogOptions;

struct Ack {
  uint64_t first = 0, last = 0;
  std::string stream;
  std::vector<std::string> ids;
};

std::vector<Ack> ReadAcks(const std::string& path) {
  std::vector<Ack> acks;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f = absl::StrSplit(line, ' ');
    if (f.size() < 4) {
      ADD_FAILURE() << "torn acknowledgement line: '" << line << "'";
      continue;
    }
    Ack a;
    a.first = std::stoull(f[0]);
    a.last = std::stoull(f[1]);
    a.stream = f[2];
    a.ids.assign(f.begin() + 3, f.end());
    acks.push_back(std::move(a));
  }
  return acks;
}

size_t CountLines(const std::string& path) {
  std::ifstream in(path);
  return std::count(std::istreambuf_iterator<char>(in),
                    std::istreambuf_iterator<char>(), '\n');
}

TEST(LogCrashTest, EveryAcknowledgedEventSurvivesSigkill) {
  const std::string dir = testing::TempDir("crash-log");
  const std::string acks = dir + "/acks";
  std::mt19937_64 rng(20261124);
  constexpr int kRuns = 15;
  size_t acknowledged_before = 0;
  for (int run = 1; run <= kRuns; ++run) {
    auto child = testing::ChildProcess::Spawn(
        {testing::Runfile("tests/crash/log_crash_writer"), "--dir=" + dir + "/log",
         "--acks=" + acks, absl::StrCat("--run=", run), "--threads=4"},
        dir + "/writer.log");
    ASSERT_TRUE(child.ok());
    // Kill after a random number of new acknowledgements, plus a random
    // delay: the kill lands at an arbitrary point of the write path.
    const size_t target = acknowledged_before + 1 + rng() % 150;
    const absl::Time deadline = SystemClock::Get()->Now() + absl::Seconds(60);
    while (CountLines(acks) < target && !(*child)->Exited() &&
           SystemClock::Get()->Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(1));
    }
    ASSERT_FALSE((*child)->Exited()) << "the writer died on its own";
    absl::SleepFor(absl::Microseconds(rng() % 3000));
    auto code = (*child)->Stop(SIGKILL);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(*code, 128 + SIGKILL);

    RocksEventLogOptions options;
    options.path = dir + "/log";
    auto log = RocksEventLog::Open(options);
    ASSERT_TRUE(log.ok()) << log.status();
    ASSERT_TRUE((*log)->WriteStatus().ok()) << (*log)->WriteStatus();
    const uint64_t last = (*log)->LastPosition();
    const std::vector<Ack> acked = ReadAcks(acks);
    ASSERT_GE(acked.size(), target);
    for (const Ack& a : acked) {
      ASSERT_LE(a.last, last) << "acknowledged position lost";
      auto records = (*log)->ReadAll(a.first, a.last - a.first + 1,
                                     RecordFilter{}, 0, nullptr);
      ASSERT_TRUE(records.ok()) << records.status();
      ASSERT_EQ(records->size(), a.ids.size());
      for (size_t k = 0; k < a.ids.size(); ++k) {
        EXPECT_EQ((*records)[k].position, a.first + k);
        EXPECT_EQ((*records)[k].stream, a.stream);
        EXPECT_EQ((*records)[k].id.ToHex(), a.ids[k]);
      }
    }
    // Dense positions and an intact chain over everything, acknowledged or
    // not.
    auto all = (*log)->ReadAll(1, last + 1, RecordFilter{}, 0, nullptr);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), last);
    auto report = (*log)->Verify(nullptr);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_EQ(report->records_checked, last);
    acknowledged_before = acked.size();
  }
  EXPECT_GE(acknowledged_before, static_cast<size_t>(kRuns));
}

}  // namespace
}  // namespace concordia
