// The append load shared by log_bench and audit_bench: 300-byte events from
// N concurrent appenders, each to its own stream, for a fixed time, against
// the engine with or without the audit trail (the Merkle tree) attached.
//
// Thread-safety: each function runs its own threads and joins them.
//
// Example:
//   double with = EngineAppendRate(dir, {.threads = 64, .seconds = 5,
//                                        .audit_trail = true});
#ifndef CONCORDIA_TESTS_BENCH_APPEND_LOAD_H_
#define CONCORDIA_TESTS_BENCH_APPEND_LOAD_H_

#include <cstdint>
#include <functional>
#include <string>

#include "engine/log/types.h"

namespace concordia::bench {

inline constexpr size_t kPayloadBytes = 300;

// A 300-byte event with an id unique per (thread, i).
log::NewEvent BenchEvent(uint64_t thread, uint64_t i);

// Runs `op(thread, i)` on `threads` threads for `seconds`; returns
// operations per second over all threads.
double RunConcurrent(int threads, double seconds,
                     const std::function<void(uint64_t, uint64_t)>& op);

struct AppendLoad {
  int threads = 1;
  double seconds = 1;
  bool sync = true;          // durable appends (the WAL synced)
  bool audit_trail = false;  // the Merkle tree maintained in every commit
};

// Single-event appends per second on a fresh log in `dir`. Exits the process
// on any error (a benchmark with a failed operation measures nothing).
double EngineAppendRate(const std::string& dir, const AppendLoad& load);

// Durable appends per second with and without the audit trail, measured
// alternately `rounds` times each on fresh logs under `base_dir` (so drift of
// the machine affects both alike); the best round of each.
struct TrailCost {
  double with_tree = 0;
  double without = 0;
};
TrailCost MeasureTrailCost(const std::string& base_dir, int threads,
                           double seconds, int rounds);

}  // namespace concordia::bench

#endif  // CONCORDIA_TESTS_BENCH_APPEND_LOAD_H_
