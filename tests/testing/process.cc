#include "tests/testing/process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engine/common/clock.h"

namespace concordia::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int DecodeWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::string TestTmpRoot() {
  const char* t = std::getenv("TEST_TMPDIR");
  return t != nullptr ? t : "/tmp";
}

// Forks and execs argv with stdout/stderr redirected to the given files.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& out_path,
            const std::string& err_path) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = err_path == out_path
                      ? out
                      : open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(out, STDOUT_FILENO);
  dup2(err, STDERR_FILENO);
  const int devnull = open("/dev/null", O_RDONLY);
  dup2(devnull, STDIN_FILENO);
  // Signals blocked by the test runner must not stay blocked in the child.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

// Polls `done` every few milliseconds until it returns true or `timeout`
// passes; returns whether it became true.
template <typename F>
bool WaitFor(F done, absl::Duration timeout) {
  const absl::Time deadline = SystemClock::Get()->Now() + timeout;
  while (!done()) {
    if (SystemClock::Get()->Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

}  // namespace

std::string Runfile(const std::string& path) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  if (srcdir == nullptr) return path;
  return absl::StrCat(srcdir, "/", workspace ? workspace : "concordia", "/",
                      path);
}

std::string TempDir(const std::string& name) {
  static std::atomic<int> counter{0};
  const std::string dir = absl::StrCat(TestTmpRoot(), "/", name, ".", getpid(),
                                       ".", counter.fetch_add(1));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

CommandResult RunCommand(const std::vector<std::string>& argv,
                         absl::Duration timeout) {
  const std::string dir = TempDir("cmd");
  const std::string out_path = dir + "/out", err_path = dir + "/err";
  CommandResult result;
  const pid_t pid = Spawn(argv, out_path, err_path);
  int status = 0;
  bool finished = WaitFor(
      [&] { return waitpid(pid, &status, WNOHANG) == pid; }, timeout);
  if (!finished) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  result.exit_code = DecodeWaitStatus(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

absl::StatusOr<std::unique_ptr<ChildProcess>> ChildProcess::Spawn(
    const std::vector<std::string>& argv, const std::string& log_path) {
  const pid_t pid = concordia::testing::Spawn(argv, log_path, log_path);
  if (pid < 0) return absl::InternalError("fork failed");
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid));
}

ChildProcess::~ChildProcess() {
  if (!exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status_, 0);
  }
}

bool ChildProcess::Exited() {
  if (!exited_ && waitpid(pid_, &status_, WNOHANG) == pid_) exited_ = true;
  return exited_;
}

absl::StatusOr<int> ChildProcess::Stop(int signal) {
  if (!exited_) {
    kill(pid_, signal);
    if (waitpid(pid_, &status_, 0) != pid_) {
      return absl::InternalError("waitpid failed");
    }
    exited_ = true;
  }
  return DecodeWaitStatus(status_);
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const Options& options) {
  const std::string dir = TempDir("server");
  const std::string port_file = dir + "/port";
  const std::string log_path = dir + "/log";
  std::vector<std::string> argv = {Runfile("services/concordiad"),
                                   "--port=0",
                                   "--port_file=" + port_file,
                                   "--data_dir=" + options.data_dir};
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
  const pid_t pid = Spawn(argv, log_path, log_path);
  int status = 0;
  bool died = false;
  const bool ready = WaitFor(
      [&] {
        if (waitpid(pid, &status, WNOHANG) == pid) {
          died = true;
          return true;
        }
        return std::filesystem::exists(port_file);
      },
      absl::Seconds(60));
  if (died) {
    return absl::InternalError(absl::StrCat(
        "concordiad exited with ", DecodeWaitStatus(status), ": ",
        ReadFile(log_path)));
  }
  if (!ready) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return absl::DeadlineExceededError(
        absl::StrCat("concordiad did not start: ", ReadFile(log_path)));
  }
  const int port = std::atoi(ReadFile(port_file).c_str());
  return std::unique_ptr<ServerProcess>(new ServerProcess(pid, port, log_path));
}

ServerProcess::~ServerProcess() {
  if (!exited_) {
    kill(pid_, SIGKILL);
    int status;
    waitpid(pid_, &status, 0);
  }
}

std::string ServerProcess::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

std::string ServerProcess::Log() const { return ReadFile(log_path_); }

absl::StatusOr<int> ServerProcess::Stop(int signal) {
  if (exited_) return absl::FailedPreconditionError("already stopped");
  kill(pid_, signal);
  int status = 0;
  if (!WaitFor([&] { return waitpid(pid_, &status, WNOHANG) == pid_; },
               absl::Seconds(60))) {
    return absl::DeadlineExceededError("server did not stop within 60s");
  }
  exited_ = true;
  return DecodeWaitStatus(status);
}

}  // namespace concordia::testing
