// End to end: a real concordiad process, checked through the real CLI.
#include <signal.h>

#include <filesystem>

#include "absl/strings/match.h"
#include "engine/log/log_store.h"
#include "engine/log/rocksdb_event_log.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"
#include "tests/testing/process.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::Runfile;
using testing::ServerProcess;
using testing::TempDir;

TEST(HealthE2ETest, CliReportsServingAndVersion) {
  const std::string data_dir = TempDir("data") + "/nested/store";
  auto server = ServerProcess::Start({data_dir, {}});
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_TRUE(std::filesystem::is_directory(data_dir));
  EXPECT_TRUE(absl::StrContains((*server)->Log(), "listening on 127.0.0.1:"));

  CommandResult r = RunCommand({Runfile("clients/cli/concordia"),
                                "--server=" + (*server)->address(), "health"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "SERVING")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "version        0.1.0")) << r.out;

  CommandResult json = RunCommand({Runfile("clients/cli/concordia"), "--json",
                                   "--server=" + (*server)->address(),
                                   "health"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(absl::StrContains(json.out, "\"health\": \"SERVING\""))
      << json.out;

  absl::StatusOr<int> code = (*server)->Stop(SIGTERM);
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0) << (*server)->Log();
  EXPECT_TRUE(absl::StrContains((*server)->Log(), "stopped"));
}

TEST(HealthE2ETest, RestartsOnTheSameDataDirectoryAfterSigint) {
  const std::string data_dir = TempDir("data");
  for (int run = 0; run < 2; ++run) {
    auto server = ServerProcess::Start({data_dir, {}});
    ASSERT_TRUE(server.ok()) << server.status();
    CommandResult r =
        RunCommand({Runfile("clients/cli/concordia"),
                    "--server=" + (*server)->address(), "health"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    absl::StatusOr<int> code = (*server)->Stop(SIGINT);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(*code, 0) << (*server)->Log();
  }
}

TEST(HealthE2ETest, UnreachableServerExitsThree) {
  // Port 1 on loopback is never a Concordia server.
  CommandResult r = RunCommand({Runfile("clients/cli/concordia"),
                                "--server=127.0.0.1:1", "--timeout=5s",
                                "health"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(absl::StrContains(r.err, "cannot reach the server")) << r.err;
}

TEST(HealthE2ETest, ServerRefusesAnUnusableDataDirectory) {
  const std::string dir = TempDir("data");
  const std::string file = dir + "/not-a-dir";
  { std::FILE* f = std::fopen(file.c_str(), "w"); std::fclose(f); }
  auto server = ServerProcess::Start({file, {}});
  ASSERT_FALSE(server.ok());
  EXPECT_TRUE(absl::StrContains(server.status().message(), "not-a-dir"))
      << server.status();
}

TEST(HealthE2ETest, ATamperedStoreServesReadsButReportsNotServing) {
  const std::string data_dir = TempDir("data");
  {
    log::RocksEventLogOptions options;
    options.path = data_dir + "/log";
    auto store = log::RocksEventLog::Open(options);
    ASSERT_TRUE(store.ok());
    for (int i = 1; i <= 5; ++i) {
      ASSERT_TRUE((*store)
                      ->Append("c/s", log::ExpectedVersion::Any(),
                               {log::testing::MakeEvent(i)})
                      .ok());
    }
  }
  {
    log::LogStore raw;
    ASSERT_TRUE(raw.OpenDb(data_dir + "/log").ok());
    std::string value;
    ASSERT_TRUE(raw.db()
                    ->Get(rocksdb::ReadOptions(), raw.records_cf(),
                          log::PositionKey(4), &value)
                    .ok());
    value[60] ^= 1;
    ASSERT_TRUE(raw.db()
                    ->Put(rocksdb::WriteOptions(), raw.records_cf(),
                          log::PositionKey(4), value)
                    .ok());
  }
  auto server = ServerProcess::Start({data_dir, {}});
  ASSERT_TRUE(server.ok()) << server.status();
  CommandResult r = RunCommand({Runfile("clients/cli/concordia"),
                                "--server=" + (*server)->address(), "health"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "NOT_SERVING")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "(read-only)")) << r.out;
}

}  // namespace
}  // namespace concordia
