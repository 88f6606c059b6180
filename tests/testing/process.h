// Test helpers that run the real binaries: a concordiad process on a free port
// and one-shot commands (the concordia CLI) with their output captured.
//
// Binaries are found in the test's runfiles, so a test lists them in `data`.
// Waiting for the server is waiting for a condition (its port file appears),
// bounded by a generous deadline; nothing sleeps and hopes.
//
// Thread-safety: one ServerProcess per thread; RunCommand is reentrant.
//
// Example:
//   auto server = ServerProcess::Start({.data_dir = TempDir("store")});
//   ASSERT_TRUE(server.ok());
//   CommandResult r = RunCommand({Runfile("clients/cli/concordia"),
//                                 "--server=" + (*server)->address(), "health"});
//   EXPECT_EQ(r.exit_code, 0);
#ifndef CONCORDIA_TESTS_TESTING_PROCESS_H_
#define CONCORDIA_TESTS_TESTING_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace concordia::testing {

// The absolute path of a file in this test's runfiles, e.g.
// Runfile("services/concordiad").
std::string Runfile(const std::string& workspace_relative_path);

// A fresh, empty directory under the test's temporary directory.
std::string TempDir(const std::string& name);

// The result of a finished command.
struct CommandResult {
  int exit_code = -1;  // the exit status, or 128 + signal number
  std::string out;
  std::string err;
};

// Runs argv to completion (killed after `timeout`) and captures its output.
CommandResult RunCommand(const std::vector<std::string>& argv,
                         absl::Duration timeout = absl::Seconds(60));

// A child process started with Spawn, for tests that kill processes.
class ChildProcess {
 public:
  // Starts argv with stdout and stderr appended to `log_path`.
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Spawn(
      const std::vector<std::string>& argv, const std::string& log_path);
  ~ChildProcess();  // SIGKILLs the process if still running

  pid_t pid() const { return pid_; }
  // Whether it has exited (reaps it if so).
  bool Exited();
  // Sends `signal` and waits for the exit; returns the exit code (or 128 +
  // signal number when killed by a signal).
  absl::StatusOr<int> Stop(int signal);

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_;
  bool exited_ = false;
  int status_ = 0;
};

// A running concordiad.
class ServerProcess {
 public:
  struct Options {
    std::string data_dir;
    std::vector<std::string> extra_args;
  };

  // Starts concordiad with --port=0 and waits until it serves.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const Options& options);

  ~ServerProcess();  // SIGKILLs the process if still running

  int port() const { return port_; }
  std::string address() const;
  pid_t pid() const { return pid_; }
  // Everything the server printed so far (stdout and stderr).
  std::string Log() const;

  // Sends `signal` and waits for the exit; returns the exit code (or 128 +
  // signal number when killed by a signal).
  absl::StatusOr<int> Stop(int signal);

 private:
  ServerProcess(pid_t pid, int port, std::string log_path)
      : pid_(pid), port_(port), log_path_(std::move(log_path)) {}
  pid_t pid_;
  int port_;
  std::string log_path_;
  bool exited_ = false;
};

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_TESTING_PROCESS_H_
