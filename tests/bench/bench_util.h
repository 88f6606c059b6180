// Small helpers shared by the benchmarks in tests/bench: a monotonic
// stopwatch, flag parsing for --quick, and a fresh scratch directory.
//
// Benchmarks measure elapsed time, which engine code never does, so the
// stopwatch lives here rather than behind engine/common/clock.h.
//
// Thread-safety: Stopwatch is used by one thread.
//
// Example:
//   Stopwatch sw;
//   RunWork();
//   double seconds = sw.Seconds();
#ifndef CONCORDIA_TESTS_BENCH_BENCH_UTIL_H_
#define CONCORDIA_TESTS_BENCH_BENCH_UTIL_H_

#include <chrono>
#include <string>
#include <vector>

namespace concordia::bench {

// Measures elapsed wall time on the monotonic clock.
class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start_)
        .count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// Whether argv contains `flag` (e.g. "--quick").
bool HasFlag(int argc, char** argv, const std::string& flag);

// The value of --name=value in argv, or `fallback`.
std::string FlagValue(int argc, char** argv, const std::string& name,
                      const std::string& fallback);

// A fresh empty directory for a benchmark's stores (under --dir, $TMPDIR or
// /tmp); removed by RemoveDir.
std::string ScratchDir(const std::string& base, const std::string& name);
void RemoveDir(const std::string& dir);

// Blocks the calling thread for `seconds` (benchmarks only: it bounds how long
// a measured phase runs).
void SleepSeconds(double seconds);

// The p-th percentile (0..100) of `values` (sorted in place).
double Percentile(std::vector<double>& values, double p);

}  // namespace concordia::bench

#endif  // CONCORDIA_TESTS_BENCH_BENCH_UTIL_H_
