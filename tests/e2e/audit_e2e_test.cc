// Whole-store verification through the server and offline, on an intact and
// on a tampered store.
#include <signal.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/log/log_store.h"
#include "gtest/gtest.h"
#include "tests/testing/process.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::Runfile;
using testing::ServerProcess;
using testing::TempDir;

CommandResult Cli(const ServerProcess& server, const std::string& as,
                  std::vector<std::string> args) {
  std::vector<std::string> argv = {Runfile("clients/cli/concordia"),
                                   "--server=" + server.address(),
                                   "--as=" + as};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv);
}

TEST(AuditE2ETest, VerifyStoreFindsTheFirstDamagedRecord) {
  const std::string data = TempDir("data");
  {
    auto server = ServerProcess::Start({data, {"--admin=admin@concordia"}});
    ASSERT_TRUE(server.ok()) << server.status();
    ASSERT_EQ(Cli(**server, "admin@concordia",
                  {"admin", "grant", "--principal=auditor@corte-dei-conti",
                   "--role=auditor"})
                  .exit_code,
              0);
    for (int i = 0; i < 10; ++i) {
      ASSERT_EQ(Cli(**server, "admin@concordia",
                    {"admin", "grant", "--consortium=sudest",
                     absl::StrCat("--principal=p", i, "@sudest"),
                     "--role=ufficio-di-piano"})
                    .exit_code,
                0);
    }
    CommandResult ok = Cli(**server, "auditor@corte-dei-conti",
                           {"audit", "verify-store"});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_TRUE(absl::StrContains(ok.out, "INTACT: 11 records")) << ok.out;
    // Only system-wide auditors and administrators may verify.
    EXPECT_EQ(Cli(**server, "p1@sudest", {"audit", "verify-store"}).exit_code,
              3);
    ASSERT_TRUE((*server)->Stop(SIGTERM).ok());
  }
  // Offline, on the stopped server's directory.
  CommandResult offline = RunCommand({Runfile("clients/cli/concordia"),
                                      "audit", "verify-store",
                                      "--data_dir=" + data});
  EXPECT_EQ(offline.exit_code, 0) << offline.err;
  // One flipped byte in the payload of record 5.
  {
    log::LogStore store;
    ASSERT_TRUE(store.OpenDb(data + "/log").ok());
    std::string value;
    ASSERT_TRUE(store.db()
                    ->Get(rocksdb::ReadOptions(), store.records_cf(),
                          log::PositionKey(5), &value)
                    .ok());
    value[value.size() - 40] ^= 0x20;
    ASSERT_TRUE(store.db()
                    ->Put(rocksdb::WriteOptions(), store.records_cf(),
                          log::PositionKey(5), value)
                    .ok());
  }
  CommandResult broken = RunCommand({Runfile("clients/cli/concordia"), "--json",
                                     "audit", "verify-store",
                                     "--data_dir=" + data});
  EXPECT_EQ(broken.exit_code, 1) << broken.out << broken.err;
  EXPECT_TRUE(absl::StrContains(broken.out, "\"first_bad_position\": 5"))
      << broken.out;
  // The server starts on the damaged store, read-only, and says the same.
  auto server = ServerProcess::Start({data, {"--admin=admin@concordia"}});
  ASSERT_TRUE(server.ok()) << server.status();
  CommandResult remote =
      Cli(**server, "auditor@corte-dei-conti", {"audit", "verify-store"});
  EXPECT_EQ(remote.exit_code, 1) << remote.err;
  EXPECT_TRUE(absl::StrContains(remote.out, "BROKEN at position 5"))
      << remote.out;
}

}  // namespace
}  // namespace concordia
