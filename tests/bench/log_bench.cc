// log_bench: the event log's durable append rate and replay rate, each beside
// raw RocksDB doing the same work in the same run.
//
//   bazel run -c opt //tests/bench:log_bench -- [--quick] [--dir=DIR]
//
// Appends: 300-byte events, 1, 8 and 64 concurrent appenders, each appending
// single-event batches to its own stream for a fixed time; beside them raw
// RocksDB Put of 300-byte values with sync=true and sync=false at the same
// concurrency. Replay: the engine's ReadAll (read + decode) over a log of
// 300-byte events, beside a raw RocksDB iterator over the same records.
// The audit trail's cost: durable appends at 64 appenders with the Merkle
// tree maintained, beside the same without it. The disk's fdatasync latency,
// and the ceiling it puts on any durable append rate at 64 appenders.
// The 64-appender row runs in 3 rounds; each measures the engine's durable
// rate and raw RocksDB's sync=false rate back to back, and R1 is the median
// of the 3 rounds' ratios. Replay runs in 5 rounds, each reading the whole
// log through the engine and through a raw iterator back to back, and R2 is
// the median of their ratios.
// Last line: log_bench: durable64/raw_nosync64=R1 replay/raw_scan=R2
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/log/rocksdb_event_log.h"
#include "rocksdb/db.h"
#include "tests/bench/append_load.h"
#include "tests/bench/bench_util.h"

namespace concordia::bench {
namespace {

double RawPutRate(const std::string& dir, int threads, double seconds,
                  bool sync) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(options, dir, &raw).ok()) std::exit(1);
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::WriteOptions wo;
  wo.sync = sync;
  const std::string value(kPayloadBytes, 'v');
  return RunConcurrent(threads, seconds, [&](uint64_t t, uint64_t i) {
    char key[16];
    for (int b = 0; b < 8; ++b) {
      key[b] = static_cast<char>(t >> (8 * (7 - b)));
      key[8 + b] = static_cast<char>(i >> (8 * (7 - b)));
    }
    if (!db->Put(wo, rocksdb::Slice(key, 16), value).ok()) std::exit(1);
  });
}

constexpr int kReplayRounds = 5;

struct ReplayRates {
  double engine = 0;  // best round
  double raw = 0;     // best round
  double median_ratio = 0;
  uint64_t records = 0;
};

ReplayRates Replay(const std::string& dir, uint64_t records) {
  log::RocksEventLogOptions options;
  options.path = dir;
  options.sync = false;  // building the data set only
  auto opened = log::RocksEventLog::Open(options);
  if (!opened.ok()) std::exit(1);
  log::RocksEventLog& log = **opened;
  const int kWriters = 8;
  std::vector<std::thread> writers;
  for (int t = 0; t < kWriters; ++t) {
    writers.emplace_back([&, t] {
      for (uint64_t i = 0; i < records / kWriters; ++i) {
        std::vector<log::NewEvent> batch;
        for (int k = 0; k < 10 && i < records / kWriters; ++k, ++i) {
          batch.push_back(BenchEvent(t, i));
        }
        --i;
        if (!log.Append("bench/replay-" + std::to_string(t),
                        log::ExpectedVersion::Any(), std::move(batch))
                 .ok()) {
          std::exit(1);
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  // Rounds alternate which read goes first; each round's ratio compares two
  // reads made back to back, and R2 is the median of those ratios.
  ReplayRates rates;
  rates.records = log.LastPosition();
  std::vector<double> ratios;
  for (int round = 0; round < kReplayRounds; ++round) {
    uint64_t n = 0, m = 0;
    auto engine_read = [&] {
      Stopwatch sw;
      uint64_t next = 1;
      while (true) {
        auto chunk = log.ReadAll(next, 1024, log::RecordFilter{}, 0, nullptr);
        if (!chunk.ok()) std::exit(1);
        if (chunk->empty()) break;
        n += chunk->size();
        next = chunk->back().position + 1;
      }
      return n / sw.Seconds();
    };
    auto raw_read = [&] {
      Stopwatch sw;
      uint64_t bytes = 0;
      rocksdb::ReadOptions ro;
      ro.fill_cache = false;
      std::unique_ptr<rocksdb::Iterator> it(
          log.store()->db()->NewIterator(ro, log.store()->records_cf()));
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        bytes += it->key().size() + it->value().size();
        ++m;
      }
      if (bytes == 0) std::exit(1);
      return m / sw.Seconds();
    };
    double engine_rate = 0, raw_rate = 0;
    if (round % 2 == 0) {
      engine_rate = engine_read();
      raw_rate = raw_read();
    } else {
      raw_rate = raw_read();
      engine_rate = engine_read();
    }
    if (m != n) std::exit(1);
    rates.engine = std::max(rates.engine, engine_rate);
    rates.raw = std::max(rates.raw, raw_rate);
    ratios.push_back(engine_rate / raw_rate);
  }
  rates.median_ratio = Percentile(ratios, 50);
  return rates;
}

// The disk's sync latency: 300-byte appends to a file, each followed by
// fdatasync, as the write-ahead log does. An append is acknowledged only
// after a sync that started after it was written, so N appenders can reach
// at most N / mean latency durable appends per second, whatever the engine.
struct SyncLatency {
  double median_ms = 0;
  double mean_ms = 0;
};

SyncLatency MeasureSyncLatency(const std::string& dir, int samples) {
  const std::string path = dir + "/sync-probe";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd < 0) std::exit(1);
  const std::string value(kPayloadBytes, 'v');
  std::vector<double> ms;
  for (int i = 0; i < samples; ++i) {
    if (::write(fd, value.data(), value.size()) !=
        static_cast<ssize_t>(value.size())) {
      std::exit(1);
    }
    Stopwatch sw;
    if (::fdatasync(fd) != 0) std::exit(1);
    ms.push_back(sw.Seconds() * 1e3);
  }
  ::close(fd);
  ::unlink(path.c_str());
  std::sort(ms.begin(), ms.end());
  SyncLatency l;
  l.median_ms = ms[ms.size() / 2];
  for (double x : ms) l.mean_ms += x;
  l.mean_ms /= ms.size();
  return l;
}

// One row of the append table: the engine durable and not durable, raw
// RocksDB with and without sync, each on a fresh store. The two figures R1
// compares (engine durable, raw sync=false) are measured back to back, in
// the order `ratio_pair_raw_first` says, so that they see the same phase of
// this VM; the other two follow.
struct AppendRow {
  double engine = 0, engine_nosync = 0, raw_sync = 0, raw_nosync = 0;
};

AppendRow MeasureAppendRow(const std::string& base, int threads,
                           double seconds, bool ratio_pair_raw_first) {
  AppendRow row;
  auto engine = [&] {
    const std::string d = ScratchDir(base, "engine");
    row.engine = EngineAppendRate(d, {threads, seconds, true, false});
    RemoveDir(d);
  };
  auto raw_nosync = [&] {
    const std::string d = ScratchDir(base, "raw-nosync");
    row.raw_nosync = RawPutRate(d, threads, seconds, false);
    RemoveDir(d);
  };
  if (ratio_pair_raw_first) {
    raw_nosync();
    engine();
  } else {
    engine();
    raw_nosync();
  }
  const std::string d0 = ScratchDir(base, "engine-nosync");
  row.engine_nosync = EngineAppendRate(d0, {threads, seconds, false, false});
  RemoveDir(d0);
  const std::string d2 = ScratchDir(base, "raw-sync");
  row.raw_sync = RawPutRate(d2, threads, seconds, true);
  RemoveDir(d2);
  return row;
}

int Main(int argc, char** argv) {
  const bool quick = HasFlag(argc, argv, "--quick");
  const std::string base = FlagValue(argc, argv, "dir", "");
  const double seconds = quick ? 1.5 : 5.0;
  // --profile=APPENDERS runs only the engine's appends at that concurrency
  // (durable with --durable), for a profiler.
  if (const std::string p = FlagValue(argc, argv, "profile", ""); !p.empty()) {
    const bool durable = HasFlag(argc, argv, "--durable");
    const std::string d = ScratchDir(base, "profile");
    std::printf("engine %s, %s appenders: %.0f appends/s\n",
                durable ? "durable" : "not durable", p.c_str(),
                EngineAppendRate(d, {std::stoi(p), seconds, durable, false}));
    RemoveDir(d);
    return 0;
  }
  const uint64_t replay_records = quick ? 100000 : 500000;
  std::printf("log_bench: %zu-byte events, %.1f s per measurement%s\n",
              kPayloadBytes, seconds, quick ? " (--quick)" : "");
  // The 64-appender row decides R1. This VM's speed swings by up to 2x
  // from one minute to the next, for the engine and for raw RocksDB alike,
  // so that row is measured in several rounds. Each round measures the
  // engine's durable rate and raw RocksDB's sync=false rate back to back
  // (their order alternating), and R1 is the median of the rounds' ratios:
  // each ratio compares two figures taken in the same phase of the machine.
  double durable64 = 0, nosync64 = 0;
  std::vector<double> ratios64;
  for (int threads : {1, 8, 64}) {
    const int rounds = threads == 64 ? 3 : 1;
    for (int round = 1; round <= rounds; ++round) {
      const AppendRow row =
          MeasureAppendRow(base, threads, seconds, round % 2 == 0);
      std::printf(
          "appenders=%-2d engine durable %8.0f appends/s (not durable %8.0f/s) "
          "| raw RocksDB Put sync=true %8.0f/s, sync=false %8.0f/s | "
          "engine/raw_sync=%.2f engine/raw_nosync=%.2f",
          threads, row.engine, row.engine_nosync, row.raw_sync,
          row.raw_nosync, row.engine / row.raw_sync,
          row.engine / row.raw_nosync);
      if (rounds > 1) std::printf(" (round %d of %d)", round, rounds);
      std::printf("\n");
      std::fflush(stdout);
      if (threads == 64) {
        durable64 = std::max(durable64, row.engine);
        nosync64 = std::max(nosync64, row.raw_nosync);
        ratios64.push_back(row.engine / row.raw_nosync);
      }
    }
  }
  const double r1 = Percentile(ratios64, 50);
  std::printf(
      "appenders=64 median of the rounds' engine durable/raw sync=false "
      "ratios: %.2f | best rounds: engine durable %8.0f appends/s, raw "
      "RocksDB Put sync=false %8.0f/s (ratio of the bests %.2f)\n",
      r1, durable64, nosync64, durable64 / nosync64);
  // The audit trail's cost: durable appends with the Merkle tree maintained
  // in every group commit, beside the same load without it, alternately.
  const TrailCost cost = MeasureTrailCost(base, 64, seconds, 2);
  std::printf(
      "appenders=64 engine durable with the audit Merkle tree %8.0f "
      "appends/s | without %8.0f/s | with/without=%.2f\n",
      cost.with_tree, cost.without, cost.with_tree / cost.without);
  std::fflush(stdout);
  const std::string d5 = ScratchDir(base, "sync-probe");
  const SyncLatency sync = MeasureSyncLatency(d5, quick ? 200 : 1000);
  RemoveDir(d5);
  const double ceiling64 = 64 / (sync.mean_ms / 1e3);
  std::printf(
      "disk fdatasync of a 300-byte append: median %.2f ms, mean %.2f ms | "
      "64 appenders can make at most %.0f durable appends/s on this disk, "
      "i.e. durable64/raw_nosync64 <= %.2f\n",
      sync.median_ms, sync.mean_ms, ceiling64, ceiling64 / nosync64);
  std::fflush(stdout);
  const std::string d4 = ScratchDir(base, "replay");
  const ReplayRates replay = Replay(d4, replay_records);
  RemoveDir(d4);
  std::printf(
      "replay of %llu records, %d rounds: median of the rounds' engine/raw "
      "ratios %.2f | best rounds: engine read+decode %.0f records/s, raw "
      "RocksDB iterator %.0f records/s\n",
      static_cast<unsigned long long>(replay.records), kReplayRounds,
      replay.median_ratio, replay.engine, replay.raw);
  std::printf("log_bench: durable64/raw_nosync64=%.2f replay/raw_scan=%.2f\n",
              r1, replay.median_ratio);
  return 0;
}

}  // namespace
}  // namespace concordia::bench

int main(int argc, char** argv) { return concordia::bench::Main(argc, argv); }
