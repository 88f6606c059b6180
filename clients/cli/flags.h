// FlagReader: typed access to a command's --flags with one error report.
//
// Reads record the first problem (missing required flag, bad number, unknown
// flag); Finish() returns it, so a command validates its whole command line
// before contacting the server and exits 2 with a clear message.
//
// Thread-safety: single-threaded.
//
// Example:
//   FlagReader f(args);
//   std::string consortium = f.Required("consortium");
//   uint64_t from = f.Uint("from", 1);
//   if (absl::Status s = f.Finish(); !s.ok()) return UsageError(s, output);
#ifndef CONCORDIA_CLIENTS_CLI_FLAGS_H_
#define CONCORDIA_CLIENTS_CLI_FLAGS_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "clients/cli/command.h"

namespace concordia::cli {

class FlagReader {
 public:
  explicit FlagReader(const CommandArgs& args) : args_(args) {}

  std::string Required(const std::string& name);
  std::string Optional(const std::string& name, const std::string& fallback = "");
  uint64_t Uint(const std::string& name, uint64_t fallback);
  bool Bool(const std::string& name);
  // All values of a repeatable flag given as a comma-separated list.
  std::vector<std::string> List(const std::string& name);
  // The positional argument at `index`; records an error naming `what` when
  // it is missing.
  std::string Positional(size_t index, const std::string& what);

  // The first problem found, or an unknown flag / extra argument; OK when the
  // command line is valid.
  absl::Status Finish();

 private:
  const CommandArgs& args_;
  std::set<std::string> known_;
  size_t positional_used_ = 0;
  absl::Status status_;
};

// Prints a usage error and returns exit code 2.
int UsageError(const absl::Status& status, const std::string& command,
               Output& output);

// A fresh random request id (for idempotent retries of one invocation).
std::string NewRequestId();

}  // namespace concordia::cli

#endif  // CONCORDIA_CLIENTS_CLI_FLAGS_H_
