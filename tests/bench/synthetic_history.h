// SyntheticHistory: a large log of well-formed domain events shaped like
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
// Domain II (synthetic_cooperation.cc), from each consortium's cycle: members
// delegate functions to the consortium or a lead ente and now and then
// revoke them; each autumn a three-year purchasing programme is drafted with
// its items and adopted by an executive deliberation a few weeks later, and
// updated in spring; each summer the needs of next year are collected from
// the members, aggregated per category into joint tenders and purchases
// started; a few funded projects at a time record expenses, submit their
// reports (sometimes late) and allocate costs. Accords are not generated yet
// (extension point: an Action drafting a convenzione, its approvals and
// signatures, scheduled from Cycle()).
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
  // Domain II activity (delegations, programmes, needs, projects); off
  // only to measure what it costs.
  bool cooperation = true;
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
  // Domain II, in the same consortium.
  std::string delegation_member_id;
  int delegation_function = 0;  // a v1::Function
  uint64_t delegation_position = 0;
  std::string programme_id;
  uint64_t programme_position = 0;
  int needs_year = 0;
  uint64_t needs_position = 0;
  std::string project_id;
  uint64_t project_position = 0;
};

// Appends the history to `log`, moving `clock` (the log's clock) forward.
absl::StatusOr<SyntheticSummary> WriteSyntheticHistory(
    log::EventLog& log, SimulatedClock& clock, const SyntheticOptions& options);

}  // namespace concordia::bench

#endif  // CONCORDIA_TESTS_BENCH_SYNTHETIC_HISTORY_H_
