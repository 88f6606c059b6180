// The concordia CLI's command model: global options, a command table, exit codes.
//
// Each subcommand is a Command with a name, a one-line summary, a usage line
// with an example, and a Run function. main() parses the global options, finds
// the command and runs it; `concordia help CMD` and `CMD --help` print its usage.
//
// Thread-safety: single-threaded use by main().
//
// Example:
//   Command health{"health", "Show the server's health and version.",
//                  "concordia health\n  e.g. concordia --server=127.0.0.1:7411 health",
//                  &RunHealth};
#ifndef CONCORDIA_CLIENTS_CLI_COMMAND_H_
#define CONCORDIA_CLIENTS_CLI_COMMAND_H_

#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace concordia::cli {

// Process exit codes, as documented in `concordia --help`.
enum ExitCode : int {
  kExitOk = 0,
  kExitRejected = 1,     // a domain rule rejected the command
  kExitUsage = 2,        // the command line is wrong
  kExitConnection = 3,   // cannot reach or authenticate to the server
};

// Options that apply to every command.
struct GlobalOptions {
  std::string server = "127.0.0.1:7411";
  bool json = false;
  absl::Duration timeout = absl::Seconds(10);
  // Who the caller is: with TLS, the certificate DIR/<principal>.crt is used;
  // in plaintext mode the name is sent in the concordia-principal header.
  std::string principal;
  // A directory made by deploy/certs.sh (ca.crt, <principal>.crt/.key).
  std::string tls_dir;
};

// The arguments left for a command after the global options: positional
// arguments in order and --flag=value / --flag value / --switch options.
struct CommandArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> flags;
  bool help = false;
};

// Where a command writes.
struct Output {
  std::ostream& out;
  std::ostream& err;
};

// A subcommand.
struct Command {
  std::string name;
  std::string summary;
  std::string usage;  // includes at least one example
  std::function<int(const GlobalOptions&, const CommandArgs&, Output&)> run;
};

// Parses the command line (without argv[0]) into global options, the command
// name and its arguments. Returns InvalidArgument naming the offending token.
struct ParsedCommandLine {
  GlobalOptions global;
  std::string command;
  CommandArgs args;
  bool help = false;  // --help before any command
};
absl::StatusOr<ParsedCommandLine> ParseCommandLine(
    const std::vector<std::string>& argv);

// Runs the CLI over `argv` (without argv[0]) with the given commands; returns
// the process exit code.
int RunCli(const std::vector<std::string>& argv,
           const std::vector<Command>& commands, Output& output);

}  // namespace concordia::cli

#endif  // CONCORDIA_CLIENTS_CLI_COMMAND_H_
