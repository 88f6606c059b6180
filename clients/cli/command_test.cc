#include "clients/cli/command.h"

#include <sstream>

#include "gtest/gtest.h"

namespace concordia::cli {
namespace {

TEST(ParseCommandLineTest, GlobalOptionsBeforeAndAfterCommand) {
  auto parsed = ParseCommandLine(
      {"--server=10.0.0.1:1", "health", "--json", "--timeout", "3s", "x"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->global.server, "10.0.0.1:1");
  EXPECT_TRUE(parsed->global.json);
  EXPECT_EQ(parsed->global.timeout, absl::Seconds(3));
  EXPECT_EQ(parsed->command, "health");
  ASSERT_EQ(parsed->args.positional.size(), 1u);
  EXPECT_EQ(parsed->args.positional[0], "x");
}

TEST(ParseCommandLineTest, CommandFlagsTakeValuesOrAreSwitches) {
  auto parsed =
      ParseCommandLine({"list", "--body", "assemblea", "--all", "--as-of=7"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->args.flags.at("body"), "assemblea");
  EXPECT_EQ(parsed->args.flags.at("all"), "true");
  EXPECT_EQ(parsed->args.flags.at("as-of"), "7");
}

TEST(ParseCommandLineTest, RejectsUnknownGlobalOptionAndBadTimeout) {
  EXPECT_EQ(ParseCommandLine({"--bogus", "health"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCommandLine({"--timeout=soon", "health"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCommandLine({"x", "--a=1", "--a=2"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RunCliTest, UsageErrorsExitTwoAndHelpExitsZero) {
  std::ostringstream out, err;
  Output output{out, err};
  std::vector<Command> commands = {
      {"ping", "Says pong.", "concordia ping\nExample:\n  concordia ping",
       [](const GlobalOptions&, const CommandArgs&, Output& o) {
         o.out << "pong\n";
         return 0;
       }}};
  EXPECT_EQ(RunCli({"nope"}, commands, output), kExitUsage);
  EXPECT_NE(err.str().find("unknown command 'nope'"), std::string::npos);
  EXPECT_EQ(RunCli({}, commands, output), kExitUsage);
  EXPECT_EQ(RunCli({"ping", "--help"}, commands, output), kExitOk);
  EXPECT_NE(out.str().find("Example:"), std::string::npos);
  out.str("");
  EXPECT_EQ(RunCli({"ping"}, commands, output), kExitOk);
  EXPECT_EQ(out.str(), "pong\n");
}

}  // namespace
}  // namespace concordia::cli
