// projection_bench: how fast the read models rebuild, beside the
// raw rate of reading and decoding the log they fold, and how fast as-of
// queries answer for one entity at random past positions.
//
//   bazel run -c opt //tests/bench:projection_bench -- [--quick] [--dir=DIR]
//       [--events=N] [--consortia=N] [--queries=N] [--no-domain2]
//
// --no-domain2 leaves out the domain II activity (to measure its cost).
//
// 1. A synthetic log of at least 1,000,000 domain events (150,000 with
//    --quick) shaped like consortium activity (synthetic_history.h).
// 2. Raw read-and-decode: ReadAll over the whole log and UnpackEvent of every
//    record — the least any read model must do.
// 3. Rebuild: every read model of ReadModelSet built from position 1 into an
//    empty store by the ProjectionRunner, until all have caught up.
// 4. As-of: once the store's background compactions are done, a consortium
//    (in force on a random day), a deliberation (in force on a random day),
//    a session, and of domain II a delegation, a programme and a project (in
//    force on a random day) and a year's needs, read as recorded at random
//    past positions after their creation; p50 and p99 latency.
// Last line: projection_bench: rebuild/raw_read=R p99_asof_ms=T
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/event_envelope.h"
#include "engine/log/rocksdb_event_log.h"
#include "engine/projection/projection_runner.h"
#include "engine/projection/projection_store.h"
#include "engine/readmodel/keys.h"
#include "engine/readmodel/queries.h"
#include "engine/readmodel/read_model_set.h"
#include "tests/bench/bench_util.h"
#include "tests/bench/synthetic_history.h"

namespace concordia::bench {
namespace {

[[noreturn]] void Die(const std::string& what, const absl::Status& s) {
  std::fprintf(stderr, "projection_bench: %s: %s\n", what.c_str(),
               s.ToString().c_str());
  std::exit(1);
}

// CPU seconds used by the whole process so far (all threads, RocksDB's
// background work included): on a shared machine, a measure of the work
// done that other processes' load does not distort.
double ProcessCpuSeconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec +
         (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

uint64_t DirBytes(const std::string& dir) {
  uint64_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

// Reads and decodes every record; returns records per second of wall time
// and sets `*cpu_rate` to records per CPU second.
double RawReadRate(log::EventLog& log, uint64_t* decoded, double* cpu_rate) {
  Stopwatch sw;
  const double cpu0 = ProcessCpuSeconds();
  uint64_t n = 0, next = 1;
  while (true) {
    auto chunk = log.ReadAll(next, 1024, log::RecordFilter{}, 0, nullptr);
    if (!chunk.ok()) Die("read", chunk.status());
    if (chunk->empty()) break;
    for (const log::Record& r : *chunk) {
      auto e = domain::UnpackEvent(r);
      if (!e.ok()) Die("decode", e.status());
      ++n;
    }
    next = chunk->back().position + 1;
  }
  *decoded = n;
  *cpu_rate = n / (ProcessCpuSeconds() - cpu0);
  return n / sw.Seconds();
}

struct Latencies {
  std::vector<double> consortium, deliberation, session, delegation,
      programme, needs, project, all;
};

int Main(int argc, char** argv) {
  const bool quick = HasFlag(argc, argv, "--quick");
  const std::string base = FlagValue(argc, argv, "dir", "");
  SyntheticOptions synthetic;
  synthetic.target_events = std::stoull(
      FlagValue(argc, argv, "events", quick ? "150000" : "1000000"));
  synthetic.consortia =
      std::stoi(FlagValue(argc, argv, "consortia", quick ? "60" : "200"));
  synthetic.cooperation = !HasFlag(argc, argv, "--no-domain2");
  const int queries =
      std::stoi(FlagValue(argc, argv, "queries", quick ? "1500" : "6000"));

  // 1. The log.
  const std::string log_dir = ScratchDir(base, "log");
  SimulatedClock clock(absl::FromCivil(absl::CivilSecond(2020, 1, 6, 9, 0, 0),
                                       absl::UTCTimeZone()));
  log::RocksEventLogOptions log_options;
  log_options.path = log_dir;
  log_options.clock = &clock;
  log_options.sync = false;  // building the data set only
  auto log = log::RocksEventLog::Open(log_options);
  if (!log.ok()) Die("open log", log.status());
  Stopwatch gen_sw;
  auto summary = WriteSyntheticHistory(**log, clock, synthetic);
  if (!summary.ok()) Die("synthetic history", summary.status());
  const uint64_t last = (*log)->LastPosition();
  std::printf(
      "projection_bench: %llu events (%d consortia, %d sessions, %d "
      "deliberations) written in %.1f s%s\n",
      static_cast<unsigned long long>(last), summary->consortia,
      summary->sessions, summary->deliberations, gen_sw.Seconds(),
      quick ? " (--quick)" : "");
  for (const auto& [type, n] : summary->by_type) {
    std::printf("  %-40s %9llu\n", type.c_str(),
                static_cast<unsigned long long>(n));
  }
  std::fflush(stdout);

  // 2. Raw read and decode (best of two, as the rebuild reads a warm log).
  uint64_t decoded = 0;
  double raw = 0, raw_cpu = 0;
  for (int round = 0; round < 2; ++round) {
    double cpu = 0;
    raw = std::max(raw, RawReadRate(**log, &decoded, &cpu));
    raw_cpu = std::max(raw_cpu, cpu);
  }
  std::printf(
      "raw read+decode: %llu records at %.0f records/s (%.0f per CPU "
      "second)\n",
      static_cast<unsigned long long>(decoded), raw, raw_cpu);
  std::fflush(stdout);

  // 3. Rebuild every read model from position 1.
  const std::string store_dir = ScratchDir(base, "projections");
  auto store = projection::ProjectionStore::Open(store_dir);
  if (!store.ok()) Die("open store", store.status());
  readmodel::ReadModelSet models;
  projection::ProjectionRunner runner(**log, **store, models.projections());
  Stopwatch rebuild_sw;
  const double rebuild_cpu0 = ProcessCpuSeconds();
  if (absl::Status s = runner.Start(); !s.ok()) Die("start", s);
  if (absl::Status s = runner.WaitForAll(last, absl::Hours(1)); !s.ok()) {
    Die("rebuild", s);
  }
  const double rebuild_seconds = rebuild_sw.Seconds();
  const double rebuild_cpu = ProcessCpuSeconds() - rebuild_cpu0;
  const double rebuild = last / rebuild_seconds;
  std::printf(
      "rebuild of %zu read models: %.1f s, %.0f events/s (%.1f CPU s, %.0f "
      "per CPU second); store %.0f MiB (log %.0f MiB)\n",
      models.projections().size(), rebuild_seconds, rebuild, rebuild_cpu,
      last / rebuild_cpu, DirBytes(store_dir) / 1048576.0,
      DirBytes(log_dir) / 1048576.0);
  for (projection::Projection* p : models.projections()) {
    auto cf = (*store)->Slot(p->name(), p->version());
    if (!cf.ok()) Die("slot", cf.status());
    uint64_t keys = 0, bytes = 0, versions = 0;
    std::unique_ptr<rocksdb::Iterator> it(
        (*store)->db()->NewIterator(rocksdb::ReadOptions(), *cf));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++keys;
      bytes += it->key().size() + it->value().size();
      if (it->key().starts_with("h")) ++versions;
    }
    std::printf("  %-14s %9llu keys %9llu versions %8.1f MiB\n",
                p->name().c_str(), static_cast<unsigned long long>(keys),
                static_cast<unsigned long long>(versions), bytes / 1048576.0);
  }
  std::fflush(stdout);

  // The rebuild left the store with compactions to do (every bulk chunk is
  // a file of its own); as a server would, let them finish before timing
  // reads, and say how long that took.
  Stopwatch settle_sw;
  while (settle_sw.Seconds() < 120) {
    uint64_t pending = 0, running = 0;
    rocksdb::DB* db = (*store)->db();
    db->GetIntProperty("rocksdb.num-running-compactions", &running);
    for (projection::Projection* p : models.projections()) {
      auto cf = (*store)->Slot(p->name(), p->version());
      uint64_t v = 0;
      if (cf.ok() && db->GetIntProperty(*cf, "rocksdb.compaction-pending", &v)) {
        pending += v;
      }
    }
    if (pending == 0 && running == 0) break;
    SleepSeconds(0.05);
  }
  std::printf("background compaction after the rebuild: %.1f s\n",
              settle_sw.Seconds());
  std::fflush(stdout);

  // 4. As-of queries for one entity at random past positions.
  readmodel::Queries q(**log, runner, clock);
  std::mt19937_64 rng(7);
  Latencies lat;
  int found = 0;
  auto random_day = [&] {
    return absl::CivilDay(2015, 1, 1) + static_cast<int>(rng() % (365 * 12));
  };
  auto random_after = [&](uint64_t first) {
    return first + rng() % (last - first + 1);
  };
  // Domain II entities join the sample when the history has them.
  const bool domain2 = !summary->delegation_member_id.empty() &&
                       !summary->programme_id.empty() &&
                       summary->needs_year != 0 && !summary->project_id.empty();
  const int kinds = domain2 ? 7 : 3;
  for (int i = 0; i < queries; ++i) {
    const int kind = i % kinds;
    v1::AsOf as_of;
    Stopwatch sw;
    bool ok = false;
    std::vector<double>* into = &lat.session;
    if (kind == 0) {
      as_of.set_position(random_after(summary->consortium_position));
      *as_of.mutable_in_force_on() = domain::ToDate(random_day());
      ok = q.GetConsortium(summary->consortium_id, as_of).ok();
      into = &lat.consortium;
    } else if (kind == 1) {
      as_of.set_position(random_after(summary->proposal_position));
      *as_of.mutable_in_force_on() = domain::ToDate(random_day());
      ok = q.GetDeliberation(summary->consortium_id, summary->proposal_id, as_of)
               .ok();
      into = &lat.deliberation;
    } else if (kind == 2) {
      as_of.set_position(random_after(summary->session_position));
      ok = q.GetSession(summary->consortium_id, summary->session_id, as_of).ok();
    } else if (kind == 3) {
      as_of.set_position(random_after(summary->delegation_position));
      *as_of.mutable_in_force_on() = domain::ToDate(random_day());
      ok = q.GetDelegation(summary->consortium_id,
                           summary->delegation_member_id,
                           static_cast<v1::Function>(summary->delegation_function),
                           as_of)
               .ok();
      into = &lat.delegation;
    } else if (kind == 4) {
      as_of.set_position(random_after(summary->programme_position));
      *as_of.mutable_in_force_on() = domain::ToDate(random_day());
      ok = q.GetProgramme(summary->consortium_id, summary->programme_id, as_of)
               .ok();
      into = &lat.programme;
    } else if (kind == 5) {
      as_of.set_position(random_after(summary->needs_position));
      ok = q.GetNeeds(summary->consortium_id, summary->needs_year, "", as_of)
               .ok();
      into = &lat.needs;
    } else {
      as_of.set_position(random_after(summary->project_position));
      *as_of.mutable_in_force_on() = domain::ToDate(random_day());
      ok = q.GetProject(summary->consortium_id, summary->project_id, as_of).ok();
      into = &lat.project;
    }
    const double ms = sw.Seconds() * 1000;
    found += ok;
    into->push_back(ms);
    lat.all.push_back(ms);
  }
  if (found != queries) {
    Die("as-of", absl::InternalError(absl::StrCat(queries - found,
                                                  " as-of reads failed")));
  }
  for (auto [name, v] :
       {std::make_pair("consortium in force", &lat.consortium),
        std::make_pair("deliberation in force", &lat.deliberation),
        std::make_pair("session as recorded", &lat.session),
        std::make_pair("delegation in force", &lat.delegation),
        std::make_pair("programme in force", &lat.programme),
        std::make_pair("needs as recorded", &lat.needs),
        std::make_pair("project in force", &lat.project)}) {
    if (v->empty()) continue;
    std::printf("as-of %-22s p50 %.3f ms  p99 %.3f ms\n", name,
                Percentile(*v, 50), Percentile(*v, 99));
  }
  const double p50 = Percentile(lat.all, 50);
  const double p99 = Percentile(lat.all, 99);
  std::printf("as-of all (%d reads at random past positions) p50 %.3f ms  "
              "p99 %.3f ms\n",
              queries, p50, p99);
  runner.Stop();
  store->reset();
  log->reset();
  RemoveDir(store_dir);
  RemoveDir(log_dir);
  std::printf("rebuild/raw_read by CPU time: %.2f\n",
              (last / rebuild_cpu) / raw_cpu);
  std::printf("projection_bench: rebuild/raw_read=%.2f p99_asof_ms=%.2f\n",
              rebuild / raw, p99);
  return 0;
}

}  // namespace
}  // namespace concordia::bench

int main(int argc, char** argv) { return concordia::bench::Main(argc, argv); }
