// A GoogleTest fixture for the CLI's end-to-end tests: one real concordiad
// process per suite (plaintext on loopback, a fresh data directory,
// admin@concordia its bootstrap administrator) with the Sud Est Milano
// district registered through `concordia consortium register` (or the
// suite's own registration); Cli() runs the real CLI binary as a principal,
// and helpers grant roles, write request files and parse `--json` output.
//
// Thread-safety: the server is created and destroyed on the test runner's
// thread; Cli() may be called from any thread (each call is a new process).
//
// Example:
//   class CliFooE2ETest : public testing::CliServerTest {};
//   TEST_F(CliFooE2ETest, Shows) {
//     CommandResult r = Cli(kAdmin, {"--json", "consortium", "show", kC});
//     auto got = ParseJson<v1::GetConsortiumResponse>(r.out);
//   }
#ifndef CONCORDIA_TESTS_TESTING_CLI_SERVER_TEST_H_
#define CONCORDIA_TESTS_TESTING_CLI_SERVER_TEST_H_

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/district_api.h"
#include "tests/testing/process.h"

namespace concordia::testing {

inline constexpr char kCliAdmin[] = "admin@concordia";
inline constexpr char kCliDistrict[] = "--consortium=sudestmilano";

class CliServerTest : public ::testing::Test {
 protected:
  // The default set-up: the server and the district of scenario S1. A suite
  // needing another registration (or none) defines its own SetUpTestSuite
  // from StartServer() and Register().
  static void SetUpTestSuite() {
    StartServer();
    Register(DistrictRegistration("cli-register-district"));
  }
  static void StartServer() {
    auto server =
        ServerProcess::Start({TempDir("data"), {"--admin=admin@concordia"}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
  }
  // Registers a consortium from `request` through `concordia consortium
  // register --file`, as the bootstrap administrator.
  static void Register(const v1::RegisterConsortiumRequest& request) {
    const std::string path = WriteFile(
        request.consortium_id() + "-register.json", ToJson(request));
    CommandResult r =
        Cli(kCliAdmin, {"consortium", "register", "--file=" + path});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // Runs `concordia --server=... --as=AS ARGS...`.
  static CommandResult Cli(const std::string& as,
                           std::vector<std::string> args) {
    std::vector<std::string> argv = {Runfile("clients/cli/concordia"),
                                     "--server=" + server_->address(),
                                     "--as=" + as};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }
  // The CLI aimed at a port nobody listens on.
  static CommandResult Unreachable(std::vector<std::string> args) {
    std::vector<std::string> argv = {Runfile("clients/cli/concordia"),
                                     "--server=127.0.0.1:1", "--timeout=2s",
                                     "--as=" + std::string(kCliAdmin)};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }
  // `role` granted to `principal` in the district (scope optional).
  static void Grant(const std::string& principal, const std::string& role,
                    const std::string& scope = "") {
    std::vector<std::string> args = {"admin", "grant", kCliDistrict,
                                     "--principal=" + principal,
                                     "--role=" + role};
    if (!scope.empty()) args.push_back("--scope=" + scope);
    CommandResult r = Cli(kCliAdmin, args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static std::string WriteFile(const std::string& name,
                               const std::string& text) {
    const std::string path = TempDir("files") + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  static std::string ToJson(const google::protobuf::Message& m) {
    std::string json;
    google::protobuf::util::JsonPrintOptions print;
    print.preserve_proto_field_names = true;
    EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &json, print)
                    .ok());
    return json;
  }
  template <typename M>
  static M ParseJson(const std::string& text) {
    M m;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text, &m).ok())
        << text;
    return m;
  }
  // Exit 1 with "rejected (REASON)" on stderr.
  static void ExpectRejected(const CommandResult& r, const std::string& reason) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(absl::StrContains(r.err, "rejected (" + reason + ")"))
        << r.err;
  }

  static inline ServerProcess* server_ = nullptr;
};

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_TESTING_CLI_SERVER_TEST_H_
