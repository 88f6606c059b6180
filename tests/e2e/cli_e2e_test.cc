// The concordia CLI against a real server process: every command at least
// once, exit codes, and --json output parsed back.
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "concordia/v1/admin.pb.h"
#include "concordia/v1/events.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/process.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::Runfile;
using testing::ServerProcess;
using testing::TempDir;

class CliE2ETest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto server =
        ServerProcess::Start({TempDir("data"), {"--admin=admin@concordia"}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
  }
  static void TearDownTestSuite() { delete server_; }

  static CommandResult Cli(const std::string& as,
                           std::vector<std::string> args) {
    std::vector<std::string> argv = {Runfile("clients/cli/concordia"),
                                     "--server=" + server_->address(),
                                     "--as=" + as};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  static ServerProcess* server_;
};

ServerProcess* CliE2ETest::server_ = nullptr;

template <typename M>
M ParseJson(const std::string& line) {
  M m;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(line, &m).ok())
      << line;
  return m;
}

TEST_F(CliE2ETest, GrantListFollowAndShowAStream) {
  CommandResult g = Cli("admin@concordia",
                        {"admin", "grant", "--consortium=sudestmilano",
                         "--principal=sindaco@melegnano",
                         "--role=member-delegate", "--scope=melegnano"});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  EXPECT_TRUE(absl::StrContains(g.out, "granted member-delegate (melegnano)"));
  ASSERT_EQ(Cli("admin@concordia",
                {"admin", "grant", "--consortium=sudestmilano",
                 "--principal=regione-lombardia", "--role=regional-system"})
                .exit_code,
            0);

  CommandResult grants = Cli("admin@concordia", {"--json", "admin", "grants",
                                                 "--consortium=sudestmilano"});
  ASSERT_EQ(grants.exit_code, 0) << grants.err;
  auto list = ParseJson<v1::ListRoleGrantsResponse>(grants.out);
  EXPECT_EQ(list.grants_size(), 2);

  // The regional system reads and follows.
  CommandResult events =
      Cli("regione-lombardia",
          {"--json", "events", "list", "--consortium=sudestmilano"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  std::vector<std::string> lines =
      absl::StrSplit(events.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u);
  v1::Event first = ParseJson<v1::Event>(lines[0]);
  EXPECT_EQ(first.type(), "concordia.v1.RoleGranted");
  EXPECT_TRUE(absl::StrContains(first.payload_json(), "sindaco@melegnano"));

  CommandResult as_of = Cli("regione-lombardia",
                            {"events", "list", "--consortium=sudestmilano",
                             "--as-of=" + std::to_string(first.position())});
  ASSERT_EQ(as_of.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(as_of.out, "1 event(s)")) << as_of.out;

  CommandResult follow = Cli("regione-lombardia",
                             {"--json", "events", "follow",
                              "--consortium=sudestmilano", "--count=2"});
  ASSERT_EQ(follow.exit_code, 0) << follow.err;
  std::vector<std::string> followed =
      absl::StrSplit(follow.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(followed.size(), 2u);
  EXPECT_EQ(ParseJson<v1::Event>(followed[1]).position(), first.position() + 1);

  CommandResult stream =
      Cli("regione-lombardia", {"stream", "sudestmilano/access"});
  ASSERT_EQ(stream.exit_code, 0) << stream.err;
  EXPECT_TRUE(absl::StrContains(stream.out, "version  2")) << stream.out;

  CommandResult revoke = Cli("admin@concordia",
                             {"admin", "revoke", "--consortium=sudestmilano",
                              "--principal=regione-lombardia",
                              "--role=regional-system"});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_EQ(Cli("regione-lombardia",
                {"events", "list", "--consortium=sudestmilano"})
                .exit_code,
            3);
}

TEST_F(CliE2ETest, ExitCodes) {
  // 1: a rule rejects (the grant exists already).
  ASSERT_EQ(Cli("admin@concordia",
                {"admin", "grant", "--consortium=pistoia",
                 "--principal=auditor@corte-dei-conti", "--role=auditor"})
                .exit_code,
            0);
  CommandResult again =
      Cli("admin@concordia",
          {"admin", "grant", "--consortium=pistoia",
           "--principal=auditor@corte-dei-conti", "--role=auditor"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(again.err, "ALREADY_GRANTED")) << again.err;
  // 2: usage errors, locally or from the server.
  EXPECT_EQ(Cli("admin@concordia", {"admin", "grant", "--role=auditor"})
                .exit_code,
            2);
  EXPECT_EQ(Cli("admin@concordia", {"no-such-command"}).exit_code, 2);
  EXPECT_EQ(Cli("admin@concordia", {"events", "list", "--consortium=x",
                                    "--bogus=1"})
                .exit_code,
            2);
  EXPECT_EQ(Cli("admin@concordia", {"admin", "grant", "--consortium=pistoia",
                                    "--principal=has space",
                                    "--role=auditor"})
                .exit_code,
            2);
  // 3: not allowed, or no server.
  EXPECT_EQ(Cli("nobody", {"events", "list", "--consortium=pistoia"}).exit_code,
            3);
  EXPECT_EQ(RunCommand({Runfile("clients/cli/concordia"), "--server=127.0.0.1:1",
                        "--timeout=3s", "events", "list", "--consortium=x"})
                .exit_code,
            3);
}

TEST_F(CliE2ETest, HelpOnEveryCommandHasAnExample) {
  CommandResult top = Cli("x", {"--help"});
  ASSERT_EQ(top.exit_code, 0);
  for (const char* cmd : {"health", "events list", "events follow", "stream",
                          "admin grant", "admin revoke", "admin grants"}) {
    std::vector<std::string> args = absl::StrSplit(cmd, ' ');
    args.push_back("--help");
    CommandResult help = Cli("x", args);
    EXPECT_EQ(help.exit_code, 0) << cmd;
    EXPECT_TRUE(absl::StrContains(help.out, "Example:")) << cmd << help.out;
    EXPECT_TRUE(absl::StrContains(top.out, cmd)) << cmd;
  }
}

}  // namespace
}  // namespace concordia
