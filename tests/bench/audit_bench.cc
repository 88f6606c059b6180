// audit_bench: what auditing costs. Proof generation in a log of 1,000,000
// records, and the audit trail's cost on durable appends, each beside a
// baseline in the same run.
//
//   bazel run -c opt //tests/bench:audit_bench -- [--quick] [--dir=DIR]
//
// Proofs: a log of 1,000,000 300-byte records (100,000 with --quick) with the
// audit trail attached; inclusion proofs for random positions against the
// full tree, and consistency proofs between random sizes, each timed alone
// (p50, p99), beside a raw RocksDB point lookup of a stored tree node (a
// proof combines about log2(n) of them). Every proof is verified (untimed),
// so a fast wrong answer cannot pass.
// Trail cost: durable appends at 64 appenders with the Merkle tree
// maintained in every group commit / without it (merkle_overhead).
// Last line: audit_bench: proof_p99_ms=T merkle_overhead=O
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/audit/trail/audit_trail.h"
#include "engine/log/rocksdb_event_log.h"
#include "tests/bench/append_load.h"
#include "tests/bench/bench_util.h"

namespace concordia::bench {
namespace {

void Check(const absl::Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

// Fills `log` with `records` events from 8 writers in batches of 50.
void Fill(log::RocksEventLog& log, uint64_t records) {
  constexpr int kWriters = 8;
  constexpr uint64_t kBatch = 50;
  std::vector<std::thread> writers;
  for (int t = 0; t < kWriters; ++t) {
    writers.emplace_back([&, t] {
      const uint64_t mine = records / kWriters;
      for (uint64_t i = 0; i < mine;) {
        std::vector<log::NewEvent> batch;
        for (; batch.size() < kBatch && i < mine; ++i) {
          batch.push_back(BenchEvent(t, i));
        }
        Check(log.Append("bench/stream-" + std::to_string(t),
                         log::ExpectedVersion::Any(), std::move(batch))
                  .status(),
              "append");
      }
    });
  }
  for (auto& w : writers) w.join();
}

struct Latencies {
  double p50 = 0;
  double p99 = 0;
};

Latencies Summarise(std::vector<double>& ms) {
  return {Percentile(ms, 50), Percentile(ms, 99)};
}

int Main(int argc, char** argv) {
  const bool quick = HasFlag(argc, argv, "--quick");
  const std::string base = FlagValue(argc, argv, "dir", "");
  const uint64_t records = quick ? 100000 : 1000000;
  const int samples = quick ? 5000 : 20000;
  const double seconds = quick ? 1.5 : 5.0;
  std::printf("audit_bench: %llu records, %d proofs of each kind%s\n",
              static_cast<unsigned long long>(records), samples,
              quick ? " (--quick)" : "");

  const std::string dir = ScratchDir(base, "audit");
  double proof_p99 = 0;
  {
    log::RocksEventLogOptions options;
    options.path = dir;
    options.sync = false;  // building the data set only
    auto opened = log::RocksEventLog::Open(options);
    Check(opened.status(), "open");
    log::RocksEventLog& log = **opened;
    auto signer = audit::NoteSigner::FromPrivateKey(
        "bench", *Ed25519PrivateKey::FromSeed(std::string(32, 'b')));
    auto trail = audit::AuditTrail::Attach(&log, *signer, "bench/log");
    Check(trail.status(), "attach");
    Stopwatch fill;
    Fill(log, records);
    const uint64_t size = log.LastPosition();
    std::printf("built %llu records with the tree in %.1f s\n",
                static_cast<unsigned long long>(size), fill.Seconds());
    auto root = (*trail)->Root(size);
    Check(root.status(), "root");

    std::mt19937_64 rng(6962);
    std::uniform_int_distribution<uint64_t> pick(1, size);
    std::vector<double> inclusion_ms, consistency_ms, lookup_ms;
    for (int i = 0; i < samples; ++i) {
      const uint64_t position = pick(rng);
      Stopwatch sw;
      auto proof = (*trail)->InclusionProof(position, size);
      inclusion_ms.push_back(sw.Seconds() * 1e3);
      Check(proof.status(), "inclusion proof");
      auto raw = log.ReadRaw(position, 1);
      Check(raw.status(), "read");
      if (!audit::VerifyInclusion(audit::LeafHash(raw->at(0)), position - 1,
                                  size, *proof, *root)) {
        std::fprintf(stderr, "inclusion proof of %llu does not verify\n",
                     static_cast<unsigned long long>(position));
        return 1;
      }
    }
    for (int i = 0; i < samples; ++i) {
      const uint64_t old_size = pick(rng);
      Stopwatch sw;
      auto proof = (*trail)->ConsistencyProof(old_size, size);
      consistency_ms.push_back(sw.Seconds() * 1e3);
      Check(proof.status(), "consistency proof");
      if (i % 20 == 0) {  // verifying needs the old root: a few suffice
        auto old_root = (*trail)->Root(old_size);
        Check(old_root.status(), "old root");
        if (!audit::VerifyConsistency(old_size, size, *proof, *old_root,
                                      *root)) {
          std::fprintf(stderr, "consistency proof does not verify\n");
          return 1;
        }
      }
    }
    // Baseline: one raw point lookup of a stored leaf-level node.
    rocksdb::DB* db = log.store()->db();
    auto merkle_cf = log.store()->ColumnFamily("merkle");
    Check(merkle_cf.status(), "merkle cf");
    for (int i = 0; i < samples; ++i) {
      // A leaf node: its last leaf's index, then level 0 (README.md).
      std::string key;
      const uint64_t index = pick(rng) - 1;
      for (int b = 7; b >= 0; --b) key.push_back(static_cast<char>(index >> (8 * b)));
      key.push_back('\0');
      std::string value;
      Stopwatch sw;
      rocksdb::Status s = db->Get(rocksdb::ReadOptions(), *merkle_cf, key, &value);
      lookup_ms.push_back(sw.Seconds() * 1e3);
      if (!s.ok() || value.size() != 32) {
        std::fprintf(stderr, "node lookup: %s\n", s.ToString().c_str());
        return 1;
      }
    }
    const Latencies inc = Summarise(inclusion_ms);
    const Latencies con = Summarise(consistency_ms);
    const Latencies raw = Summarise(lookup_ms);
    std::printf(
        "inclusion proof   p50 %.4f ms  p99 %.4f ms\n"
        "consistency proof p50 %.4f ms  p99 %.4f ms\n"
        "raw RocksDB node lookup p50 %.4f ms  p99 %.4f ms | "
        "inclusion_p99/lookup_p99=%.1f\n",
        inc.p50, inc.p99, con.p50, con.p99, raw.p50, raw.p99,
        inc.p99 / raw.p99);
    proof_p99 = inc.p99;
    std::fflush(stdout);
  }
  RemoveDir(dir);

  const TrailCost cost = MeasureTrailCost(base, 64, seconds, 2);
  std::printf(
      "appenders=64 durable appends with the Merkle tree %.0f/s | without "
      "%.0f/s\n",
      cost.with_tree, cost.without);
  std::printf("audit_bench: proof_p99_ms=%.3f merkle_overhead=%.2f\n",
              proof_p99, cost.with_tree / cost.without);
  return 0;
}

}  // namespace
}  // namespace concordia::bench

int main(int argc, char** argv) { return concordia::bench::Main(argc, argv); }
