// Aggregates over the log: fold a stream into a state with a pure Apply, and
// execute a command with a pure Decide, appending its events conditionally
// on the version the decision saw.
//
// Execute is where the domain meets the log:
//  1. a retried command (its request_id's first event id is in the log) is
//     answered with the original positions and appends nothing;
//  2. the stream is folded, Decide runs on the state, and its events are
//     appended with ExpectedVersion::Exact(version);
//  3. if another writer appended in between (WRONG_EXPECTED_VERSION), the
//     stream is folded again and Decide re-runs, up to `max_attempts` times,
//     then kAborted is returned;
//  4. a rejection (or any error) from Decide appends nothing;
//  5. when the context carries an expected_version, a stream at any other
//     version (on the first attempt or after a conflict) is kAborted
//     (WRONG_EXPECTED_VERSION) without deciding: the caller's view is stale.
// Apply and Decide are pure: same inputs, same outputs; they never read the
// clock (the context carries `now`) or the log.
//
// Thread-safety: the functions are reentrant; the log is thread-safe.
//
// Example:
//   absl::StatusOr<Outcome> r = Execute<SessionState>(
//       log, "sudest/session/2026-03-02", context, &ApplySessionEvent,
//       [&](const Folded<SessionState>& s) { return DecideVote(s.state, cmd); });
#ifndef CONCORDIA_ENGINE_DOMAIN_CORE_AGGREGATE_H_
#define CONCORDIA_ENGINE_DOMAIN_CORE_AGGREGATE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/command.h"
#include "engine/domain/core/event_envelope.h"
#include "engine/log/event_log.h"
#include "google/protobuf/message.h"

namespace concordia::domain {

// A stream folded into a state.
template <typename State>
struct Folded {
  State state{};
  uint64_t version = 0;        // events applied
  uint64_t last_position = 0;  // position of the last applied event
};

// Applies one event (already unpacked) to the state. Returns an error only
// when the history itself is inconsistent.
template <typename State>
using ApplyFn = std::function<absl::Status(
    State&, const google::protobuf::Message&, const log::Record&)>;

// The events a decision produces, in order.
using Events = std::vector<std::unique_ptr<google::protobuf::Message>>;

template <typename State>
using DecideFn = std::function<absl::StatusOr<Events>(const Folded<State>&)>;

// A folded state shared with a cache (snapshot_cache.h): read-only, and
// never changed while a reference is held.
template <typename State>
using FoldedRef = std::shared_ptr<const Folded<State>>;

// Folds the stream to its end (e.g. from a snapshot, snapshot_cache.h).
template <typename State>
using FoldFn = std::function<absl::StatusOr<FoldedRef<State>>()>;

// What Execute did.
struct Outcome {
  uint64_t first_position = 0;  // 0 when nothing was appended
  uint64_t last_position = 0;
  uint64_t stream_version = 0;
  // True when the request had been executed before: nothing was appended and
  // the positions are the original ones.
  bool replayed = false;
};

// Folds `records` (consecutive events of one stream, following
// `into->version`) with position <= `upto_position` into `*into`.
template <typename State>
absl::Status ApplyRecords(const std::vector<log::Record>& records,
                          const ApplyFn<State>& apply, uint64_t upto_position,
                          Folded<State>* into) {
  for (const log::Record& r : records) {
    if (r.position > upto_position) break;
    CONCORDIA_ASSIGN_OR_RETURN(std::unique_ptr<google::protobuf::Message> e,
                               UnpackEvent(r));
    CONCORDIA_RETURN_IF_ERROR(apply(into->state, *e, r));
    into->version = r.stream_version;
    into->last_position = r.position;
  }
  return absl::OkStatus();
}

// Reads `stream` from version `into->version + 1` and folds every event with
// position <= `upto_position` into `*into`, in place. On an error `*into` may
// hold part of the tail: callers discard it.
template <typename State>
absl::Status FoldStreamInto(log::EventLog& log, absl::string_view stream,
                            const ApplyFn<State>& apply, uint64_t upto_position,
                            Folded<State>* into) {
  constexpr size_t kChunk = 512;
  while (true) {
    CONCORDIA_ASSIGN_OR_RETURN(
        std::vector<log::Record> records,
        log.ReadStream(stream, into->version + 1, kChunk));
    CONCORDIA_RETURN_IF_ERROR(
        ApplyRecords(records, apply, upto_position, into));
    if (records.size() < kChunk || records.back().position >= upto_position) {
      return absl::OkStatus();
    }
  }
}

// Reads `stream` from version `start.version + 1` and folds every event with
// position <= `upto_position` into `start`.
template <typename State>
absl::StatusOr<Folded<State>> FoldStream(log::EventLog& log,
                                         absl::string_view stream,
                                         const ApplyFn<State>& apply,
                                         uint64_t upto_position = UINT64_MAX,
                                         Folded<State> start = {}) {
  CONCORDIA_RETURN_IF_ERROR(
      FoldStreamInto(log, stream, apply, upto_position, &start));
  return start;
}

// If the command with `context.request_id` already ran, its outcome;
// kNotFound otherwise. kAlreadyExists when the request_id was used on
// another stream.
absl::StatusOr<Outcome> FindReplay(log::EventLog& log, absl::string_view stream,
                                   const CommandContext& context);

// kAborted (WRONG_EXPECTED_VERSION) when `context` carries an expected
// version and the stream, folded to `version`, is at another one.
absl::Status CheckExpectedVersion(absl::string_view stream,
                                  const CommandContext& context,
                                  uint64_t version);

// The outcome of an append that went through.
Outcome OutcomeOf(const log::AppendResult& appended);

// Folds `stream` with the cached `fold` when there is one, otherwise from
// the log.
template <typename State>
absl::StatusOr<FoldedRef<State>> FoldForDecision(log::EventLog& log,
                                                 absl::string_view stream,
                                                 const ApplyFn<State>& apply,
                                                 const FoldFn<State>& fold) {
  if (fold) return fold();
  CONCORDIA_ASSIGN_OR_RETURN(Folded<State> f,
                             FoldStream<State>(log, stream, apply));
  return std::make_shared<const Folded<State>>(std::move(f));
}

// Appends `events` for `context` if the stream is still at `expected`.
absl::StatusOr<Outcome> AppendDecision(log::EventLog& log,
                                       absl::string_view stream,
                                       const CommandContext& context,
                                       log::ExpectedVersion expected,
                                       const Events& events);

template <typename State>
absl::StatusOr<Outcome> Execute(log::EventLog& log, absl::string_view stream,
                                const CommandContext& context,
                                const ApplyFn<State>& apply,
                                const DecideFn<State>& decide,
                                int max_attempts = 8,
                                const FoldFn<State>& fold = nullptr) {
  CONCORDIA_RETURN_IF_ERROR(ValidateContext(context));
  absl::StatusOr<Outcome> replay = FindReplay(log, stream, context);
  if (replay.ok() || !absl::IsNotFound(replay.status())) return replay;
  absl::Status last_conflict;
  for (int attempt = 0; attempt < max_attempts; ++attempt) {
    CONCORDIA_ASSIGN_OR_RETURN(FoldedRef<State> ref,
                               FoldForDecision<State>(log, stream, apply, fold));
    const Folded<State>& folded = *ref;
    CONCORDIA_RETURN_IF_ERROR(
        CheckExpectedVersion(stream, context, folded.version));
    CONCORDIA_ASSIGN_OR_RETURN(Events events, decide(folded));
    if (events.empty()) {
      Outcome nothing;
      nothing.stream_version = folded.version;
      return nothing;
    }
    absl::StatusOr<Outcome> appended =
        AppendDecision(log, stream, context,
                       log::ExpectedVersion::Exact(folded.version), events);
    if (appended.ok()) return appended;
    if (ErrorReason(appended.status()) == "WRONG_EXPECTED_VERSION") {
      last_conflict = appended.status();
      continue;  // someone else appended first: decide again on fresh state
    }
    if (ErrorReason(appended.status()) == "EVENT_ID_REUSED") {
      // A concurrent retry of this very request won the race.
      return FindReplay(log, stream, context);
    }
    return appended.status();
  }
  return absl::AbortedError(absl::StrCat(
      "stream '", stream, "' kept changing; gave up after ", max_attempts,
      " attempts (", last_conflict.message(), ")"));
}

}  // namespace concordia::domain

#endif  // CONCORDIA_ENGINE_DOMAIN_CORE_AGGREGATE_H_
