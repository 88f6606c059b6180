// projection_crash_runner: builds the domain I read models over an existing
// log, in small batches, until they have caught up; killed at random moments
// by projection_crash_test.
//
// Usage: projection_crash_runner --log=DIR --store=DIR --progress=FILE
//            [--batch=N] [--bulk=N]
//
// Every batch applied while a read model is being built appends a line
// "<read model> <checkpoint>" to FILE (one write(2) each), so the test can
// kill the process mid-build. --bulk sets ProjectionRunnerOptions::
// bulk_records (0: batch by batch). Exits 0 once every read model has
// caught up.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine/log/rocksdb_event_log.h"
#include "engine/projection/projection_runner.h"
#include "engine/projection/projection_store.h"
#include "engine/readmodel/read_model_set.h"
#include "tests/bench/bench_util.h"

int main(int argc, char** argv) {
  using concordia::bench::FlagValue;
  const std::string log_dir = FlagValue(argc, argv, "log", "");
  const std::string store_dir = FlagValue(argc, argv, "store", "");
  const std::string progress = FlagValue(argc, argv, "progress", "");
  const size_t batch = std::stoul(FlagValue(argc, argv, "batch", "8"));
  const size_t bulk = std::stoul(FlagValue(argc, argv, "bulk", "0"));
  if (log_dir.empty() || store_dir.empty() || progress.empty()) {
    std::fprintf(stderr,
                 "usage: projection_crash_runner --log=DIR --store=DIR "
                 "--progress=FILE [--batch=N]\n");
    return 2;
  }
  concordia::log::RocksEventLogOptions log_options;
  log_options.path = log_dir;
  auto log = concordia::log::RocksEventLog::Open(log_options);
  if (!log.ok()) {
    std::fprintf(stderr, "log: %s\n", log.status().ToString().c_str());
    return 1;
  }
  auto store = concordia::projection::ProjectionStore::Open(store_dir);
  if (!store.ok()) {
    std::fprintf(stderr, "store: %s\n", store.status().ToString().c_str());
    return 1;
  }
  const int fd = open(progress.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return 1;
  concordia::readmodel::ReadModelSet models;
  concordia::projection::ProjectionRunnerOptions options;
  options.batch_records = batch;
  options.bulk_records = bulk;
  options.on_progress = [fd](const concordia::projection::ProjectionStatus& s) {
    const std::string line = absl::StrCat(s.name, " ", s.checkpoint, "\n");
    if (write(fd, line.data(), line.size()) < 0) _exit(1);
  };
  concordia::projection::ProjectionRunner runner(**log, **store,
                                                 models.projections(), options);
  if (absl::Status s = runner.Start(); !s.ok()) {
    std::fprintf(stderr, "start: %s\n", s.ToString().c_str());
    return 1;
  }
  const absl::Status done =
      runner.WaitForAll((*log)->LastPosition(), absl::Minutes(5));
  if (!done.ok()) {
    std::fprintf(stderr, "build: %s\n", done.ToString().c_str());
    return 1;
  }
  return 0;
}
