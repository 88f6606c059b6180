// Every subcommand the concordia CLI registers is run by at least one
// end-to-end test over a real server process.
//
// The registered subcommands are read at run time from the binary's own
// `concordia --help` (its "Commands:" table), so a command added to the
// registry with no test makes this test fail. The e2e tests are this
// package's *_e2e_test.cc sources and the CLI fixtures of tests/testing
// (data dependencies); a test source counts only if it runs the CLI binary
// (mentions "clients/cli/concordia" or uses a tests/testing/cli_* fixture),
// and a subcommand "NOUN VERB" counts as run when a source passes it as two
// adjacent argument literals, `"NOUN", "VERB"` (a one-word command:
// `"stream",`) — the way every CLI e2e test builds its argv. A command named
// only in a --help check does not count.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/testing/process.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::Runfile;

// The command names of `concordia --help`: the lines between "Commands:"
// and the next blank line, each "  NAME  summary" (NAME one or two words).
std::vector<std::string> RegisteredCommands() {
  CommandResult help = RunCommand({Runfile("clients/cli/concordia"), "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  std::vector<std::string> names;
  bool in_table = false;
  for (absl::string_view line : absl::StrSplit(help.out, '\n')) {
    if (line == "Commands:") {
      in_table = true;
      continue;
    }
    if (!in_table) continue;
    if (line.empty()) break;
    line = absl::StripPrefix(line, "  ");
    const size_t gap = line.find("  ");
    names.emplace_back(line.substr(0, gap));
  }
  return names;
}

// The sources that run the CLI binary, each with its whitespace folded to
// single spaces: this package's *_e2e_test.cc that mention
// "clients/cli/concordia" or use a CLI fixture (tests/testing/cli_*), and
// those fixtures' headers themselves (tests/testing/cli_*_test.h), which
// run commands on the tests' behalf.
std::vector<std::pair<std::string, std::string>> CliTestSources() {
  std::vector<std::pair<std::string, std::string>> sources;
  for (const char* dir : {"tests/e2e", "tests/testing"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(Runfile(dir))) {
      const std::string name = entry.path().filename().string();
      const bool fixture =
          absl::StartsWith(name, "cli_") && absl::EndsWith(name, "_test.h");
      if (!absl::EndsWith(name, "_e2e_test.cc") && !fixture) continue;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      std::string folded =
          std::regex_replace(text.str(), std::regex("\\s+"), " ");
      if (!fixture &&
          folded.find("clients/cli/concordia") == std::string::npos &&
          folded.find("tests/testing/cli_") == std::string::npos) {
        continue;
      }
      sources.emplace_back(name, std::move(folded));
    }
  }
  return sources;
}

// `"NOUN", "VERB"` (or `"NAME",` for a one-word command), as written in an
// argv literal.
std::string ArgvPattern(const std::string& command) {
  std::vector<std::string> words = absl::StrSplit(command, ' ');
  return absl::StrCat("\"", absl::StrJoin(words, "\", \""), "\",");
}

TEST(CliCoverageTest, TheHelpTableIsReadable) {
  const std::vector<std::string> names = RegisteredCommands();
  // The table lists the service commands and the local ones.
  EXPECT_GT(names.size(), 80u);
  for (const char* expected : {"health", "consortium register", "accord amend",
                               "stream", "audit verify", "demo load"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end())
        << expected;
  }
  for (const std::string& n : names) {
    EXPECT_LE(std::count(n.begin(), n.end(), ' '), 1) << n;
  }
}

TEST(CliCoverageTest, EveryRegisteredSubcommandIsRunByAnE2ETest) {
  const auto sources = CliTestSources();
  ASSERT_GE(sources.size(), 4u) << "the CLI e2e sources are not in runfiles";
  std::vector<std::string> untested;
  for (const std::string& command : RegisteredCommands()) {
    // The argv literal ends a word: `"show"` then `,` or `}`.
    const std::string pattern = ArgvPattern(command);
    const std::string closing = pattern.substr(0, pattern.size() - 1) + "}";
    bool run = false;
    for (const auto& [name, text] : sources) {
      if (text.find(pattern) != std::string::npos ||
          text.find(closing) != std::string::npos) {
        run = true;
        break;
      }
    }
    if (!run) untested.push_back(command);
  }
  EXPECT_TRUE(untested.empty())
      << "subcommands no e2e test runs (add them to a tests/e2e/cli_*_e2e_test):\n  "
      << absl::StrJoin(untested, "\n  ");
}

}  // namespace
}  // namespace concordia
