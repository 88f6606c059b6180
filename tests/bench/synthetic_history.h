// SyntheticHistory: a large log of well-formed domain I events shaped like
// the activity of many consortia, for benchmarks.
//
// A discrete-event simulation over simulated time: each consortium (5 to 40
// members with shares by population, an Assemblea and a Tavolo Tecnico)
// drafts proposals with their opinions, convenes sessions a week ahead,
// holds them (roll call, a vote per present member and item, sometimes the
// separate vote on immediate executability, the proclamation with the tally
// counted by the domain's own voting::Count, the register number, adoption
// or rejection), closes them, publishes the adopted deliberations, makes
// them executive when due, and now and then changes its shares or statute,
// a representative, or revokes an old act. Events are the real messages of
// proto/concordia/v1, appended to their real streams, stream by stream in
// batches; recorded times follow the simulation's clock, so histories of
// different consortia interleave as they would.
//
// Extension point for domain II: accords, delegated functions, programmes
// and projects are not generated yet (their events do not exist on this
// branch). Add a kind of Action for each (e.g. an accord's approvals and
// signatures after its parties' approving deliberations become executive)
// in synthetic_history.cc, scheduled from Cycle(), and their read models to
// the ReadModelSet; the bench measures whatever the set contains.
//
// Thread-safety: one call at a time.
//
// Example:
//   SimulatedClock clock(start);
//   auto log = RocksEventLog::Open({.path = dir, .clock = &clock, .sync = false});
//   auto summary = WriteSyntheticHistory(**log, clock, {.target_events = 1000000});
#ifndef CONCORDIA_TESTS_BENCH_SYNTHETIC_HISTORY_H_
#define CONCORDIA_TESTS_BENCH_SYNTHETIC_HISTORY_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "engine/common/clock.h"
#include "engine/log/event_log.h"

namespace concordia::bench {

struct SyntheticOptions {
  uint64_t target_events = 1000000;  // stops at the first cycle past it
  int consortia = 200;
  uint64_t seed = 1;
};

struct SyntheticSummary {
  uint64_t events = 0;
  int consortia = 0;
  int sessions = 0;
  int deliberations = 0;
  std::map<std::string, uint64_t> by_type;
  // One long-lived entity of each kind, with the position it was created at.
  std::string consortium_id;
  uint64_t consortium_position = 0;
  std::string proposal_id;
  uint64_t proposal_position = 0;
  std::string session_id;
  uint64_t session_position = 0;
};

// Appends the history to `log`, moving `clock` (the log's clock) forward.
absl::StatusOr<SyntheticSummary> WriteSyntheticHistory(
    log::EventLog& log, SimulatedClock& clock, const SyntheticOptions& options);

}  // namespace concordia::bench

#endif  // CONCORDIA_TESTS_BENCH_SYNTHETIC_HISTORY_H_
