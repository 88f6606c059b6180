#include "tests/bench/append_load.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>
#include <vector>

#include "engine/audit/trail/audit_trail.h"
#include "engine/log/rocksdb_event_log.h"
#include "tests/bench/bench_util.h"

namespace concordia::bench {

log::NewEvent BenchEvent(uint64_t thread, uint64_t i) {
  log::NewEvent e;
  const uint64_t seq = (thread << 40) | i;
  for (int b = 0; b < 8; ++b) {
    e.id.bytes[b] = static_cast<uint8_t>(seq >> (8 * (7 - b)));
    e.id.bytes[8 + b] = static_cast<uint8_t>(0x5A + b);
  }
  e.type = "concordia.v1.VoteCast";
  e.payload.assign(kPayloadBytes, static_cast<char>('a' + i % 26));
  e.metadata.principal = "comune:bench/officer";
  e.metadata.command_id = "cmd";
  e.metadata.effective_time = absl::FromUnixSeconds(1772409600);
  return e;
}

double RunConcurrent(int threads, double seconds,
                     const std::function<void(uint64_t, uint64_t)>& op) {
  std::atomic<bool> stop{false};
  std::vector<uint64_t> counts(threads, 0);
  std::vector<std::thread> workers;
  Stopwatch sw;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      uint64_t i = 0;
      while (!stop.load(std::memory_order_relaxed)) op(t, i++);
      counts[t] = i;
    });
  }
  SleepSeconds(seconds);
  stop = true;
  for (auto& w : workers) w.join();
  const double elapsed = sw.Seconds();
  uint64_t total = 0;
  for (uint64_t c : counts) total += c;
  return total / elapsed;
}

double EngineAppendRate(const std::string& dir, const AppendLoad& load) {
  log::RocksEventLogOptions options;
  options.path = dir;
  options.sync = load.sync;
  auto opened = log::RocksEventLog::Open(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "open: %s\n", opened.status().ToString().c_str());
    std::exit(1);
  }
  log::RocksEventLog& log = **opened;
  std::unique_ptr<audit::AuditTrail> trail;
  if (load.audit_trail) {
    auto signer = audit::NoteSigner::FromPrivateKey(
        "bench", *Ed25519PrivateKey::FromSeed(std::string(32, 'b')));
    auto attached =
        audit::AuditTrail::Attach(&log, *std::move(signer), "bench/log");
    if (!attached.ok()) {
      std::fprintf(stderr, "trail: %s\n", attached.status().ToString().c_str());
      std::exit(1);
    }
    trail = *std::move(attached);
  }
  return RunConcurrent(load.threads, load.seconds, [&](uint64_t t, uint64_t i) {
    auto r = log.Append("bench/appender-" + std::to_string(t),
                        log::ExpectedVersion::Any(), {BenchEvent(t, i)});
    if (!r.ok()) {
      std::fprintf(stderr, "append: %s\n", r.status().ToString().c_str());
      std::exit(1);
    }
  });
}

TrailCost MeasureTrailCost(const std::string& base_dir, int threads,
                           double seconds, int rounds) {
  TrailCost best;
  for (int round = 0; round < rounds; ++round) {
    for (bool tree : {false, true}) {
      const std::string dir = ScratchDir(base_dir, tree ? "tree" : "no-tree");
      const double rate =
          EngineAppendRate(dir, {threads, seconds, true, tree});
      RemoveDir(dir);
      double& slot = tree ? best.with_tree : best.without;
      slot = std::max(slot, rate);
    }
  }
  return best;
}

}  // namespace concordia::bench
