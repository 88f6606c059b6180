// Replay for audits: an entity's state rebuilt from the records a verified
// bundle proves — as recorded at a log position or a record time, and as in
// force on an effective date — with the events it used.
//
// Bitemporal, like the read models: the *recorded* limits choose which
// records count (those at or before the position and the time: what the
// system knew then); the *in-force* date is where the folded state is read
// (shares, members and statute in force on that date; whether a
// deliberation was executive or on the albo that day). Only records of a
// bundle that passed audit::VerifyBundle are replayed, so every event used
// carries a checked inclusion proof against the signed checkpoint.
//
// The state is folded by the domain's own pure Apply functions (the same
// code that decided the commands), so a replay reproduces exactly what the
// engine knew.
//
// Thread-safety: pure functions.
//
// Example:
//   auto history = VerifyBundle(bundle, verifier);
//   ReplayPoint at;
//   at.in_force_on = absl::CivilDay(2026, 3, 10);
//   auto replay = ReplayHistory(*history, at);
//   for (const std::string& line : replay->state) std::cout << line << "\n";
#ifndef CONCORDIA_ENGINE_AUDIT_REPLAY_REPLAY_H_
#define CONCORDIA_ENGINE_AUDIT_REPLAY_REPLAY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "engine/audit/bundle/bundle.h"
#include "engine/log/types.h"

namespace concordia::audit {

// Where to replay to. The defaults replay everything, read at the latest
// date any record takes effect.
struct ReplayPoint {
  // Only records at or before this position (0: no limit).
  uint64_t recorded_position = 0;
  // Only records recorded at or before this time.
  absl::Time recorded_until = absl::InfiniteFuture();
  // The date the state is read at; unset: the day of the last record's
  // effective time.
  std::optional<absl::CivilDay> in_force_on;
};

// What kind of entity a stream holds, from its name
// ("<consortium>/<kind>/..."): "consortium", "session", "deliberation", ...
std::string EntityKind(absl::string_view stream);

struct ReplayResult {
  std::string subject;
  std::string kind;  // EntityKind(subject)
  // The records folded, in log order (pointers into the history).
  std::vector<const log::Record*> used;
  // The position the state reflects: the last record used (0: none).
  uint64_t reflects_position = 0;
  // The date the state was read at.
  absl::CivilDay read_on;
  // The state, one line per fact, for a person.
  std::vector<std::string> state;
};

// Replays `history` to `point`. kDataLoss when a proven record does not
// decode as a domain event or contradicts the history before it.
absl::StatusOr<ReplayResult> ReplayHistory(const VerifiedHistory& history,
                                           const ReplayPoint& point);

}  // namespace concordia::audit

#endif  // CONCORDIA_ENGINE_AUDIT_REPLAY_REPLAY_H_
