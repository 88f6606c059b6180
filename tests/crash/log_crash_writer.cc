// log_crash_writer: appends to an event log from several threads until
// killed, recording every acknowledged append in an acknowledgement file.
//
// Usage: log_crash_writer --dir=DIR --acks=FILE --run=N [--threads=4]
//
// Each acknowledged append adds one line "<first> <last> <stream> <id-hex>..."
// to FILE with a single write(2), after Append returned OK, so every line in
// the file names events the log promised were durable. Event ids derive from
// (run, thread, counter) and never repeat across runs.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/log/rocksdb_event_log.h"
#include "tests/bench/bench_util.h"

int main(int argc, char** argv) {
  using namespace concordia::log;
  const std::string dir = concordia::bench::FlagValue(argc, argv, "dir", "");
  const std::string acks = concordia::bench::FlagValue(argc, argv, "acks", "");
  const uint64_t run =
      std::stoull(concordia::bench::FlagValue(argc, argv, "run", "0"));
  const int threads =
      std::stoi(concordia::bench::FlagValue(argc, argv, "threads", "4"));
  if (dir.empty() || acks.empty()) {
    std::fprintf(stderr,
                 "usage: log_crash_writer --dir=DIR --acks=FILE --run=N\n");
    return 2;
  }
  RocksEventLogOptions options;
  options.path = dir;
  auto log = RocksEventLog::Open(options);
  if (!log.ok() || !(*log)->WriteStatus().ok()) {
    std::fprintf(
        stderr, "open: %s\n",
        (log.ok() ? (*log)->WriteStatus() : log.status()).ToString().c_str());
    return 1;
  }
  const int fd = open(acks.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return 1;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937_64 rng(run * 1000 + t);
      for (uint64_t i = 0;; ++i) {
        const int n = 1 + static_cast<int>(rng() % 4);
        std::vector<NewEvent> events;
        std::string ids;
        for (int k = 0; k < n; ++k) {
          NewEvent e;
          const uint64_t hi = (run << 32) | static_cast<uint64_t>(t);
          const uint64_t lo = (i << 8) | static_cast<uint64_t>(k);
          for (int b = 0; b < 8; ++b) {
            e.id.bytes[b] = static_cast<uint8_t>(hi >> (8 * (7 - b)));
            e.id.bytes[8 + b] = static_cast<uint8_t>(lo >> (8 * (7 - b)));
          }
          e.type = "crash.Event";
          e.payload = absl::StrCat("run ", run, " thread ", t, " n ", i);
          e.metadata.principal = "crash-writer";
          e.metadata.effective_time = absl::FromUnixSeconds(1772409600);
          absl::StrAppend(&ids, " ", e.id.ToHex());
          events.push_back(std::move(e));
        }
        const std::string stream = absl::StrCat("crash/thread-", t);
        auto r =
            (*log)->Append(stream, ExpectedVersion::Any(), std::move(events));
        if (!r.ok()) {
          std::fprintf(stderr, "append: %s\n", r.status().ToString().c_str());
          _exit(1);
        }
        const std::string line = absl::StrCat(
            r->first_position, " ", r->last_position, " ", stream, ids, "\n");
        if (write(fd, line.data(), line.size()) !=
            static_cast<ssize_t>(line.size())) {
          _exit(1);
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  return 0;
}
