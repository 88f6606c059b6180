// ExecuteJointly: one command that changes two aggregates, decided on both
// folded states and recorded in one joint append (EventLog::AppendAll), so
// neither change is ever recorded, or seen, without the other.
//
// It follows Execute (aggregate.h) step for step:
//  1. a retried command (the first part's request_id has its first event in
//     the log) is answered with `replayed` and appends nothing; the caller
//     completes what an older, two-step recording may have left undone;
//  2. the first stream is folded and decided, then the second (so the
//     first's rejection is the one reported), and the events of both are
//     appended together, each part conditional on the version its decision
//     saw;
//  3. when either stream moved in between (WRONG_EXPECTED_VERSION), both
//     are folded again and both decisions re-run, up to `max_attempts`
//     times, then kAborted;
//  4. a rejection from either decision appends nothing;
//  5. an expected_version in a part's context is checked against its
//     stream, as Execute does.
// A part whose decision produces no events is left out of the append.
//
// Thread-safety: reentrant; the log is thread-safe.
//
// Example:
//   JointPart<DeliberationState> proposal{stream, ctx, kApply, decide};
//   JointPart<ActState> act = workflows.StartPart(Step(ctx, "act"), c, start);
//   absl::StatusOr<JointOutcome> r = ExecuteJointly(log, proposal, act);
#ifndef CONCORDIA_ENGINE_DOMAIN_CORE_JOINT_H_
#define CONCORDIA_ENGINE_DOMAIN_CORE_JOINT_H_

#include <string>
#include <utility>
#include <vector>

#include "engine/domain/core/aggregate.h"

namespace concordia::domain {

// One aggregate's share of a joint command.
template <typename State>
struct JointPart {
  std::string stream;
  // The ids and metadata of this part's events (a saga step's context for
  // the second part, so its ids differ from the first's).
  CommandContext context;
  ApplyFn<State> apply;
  DecideFn<State> decide;
  FoldFn<State> fold = nullptr;  // a cached fold (snapshot_cache.h), if any
};

// What ExecuteJointly did. `replayed`: the command had run before; nothing
// was appended, `first` holds the original positions of the first part and
// `second` is empty.
struct JointOutcome {
  Outcome first;
  Outcome second;  // first_position 0 when the part appended nothing
  bool replayed = false;
};

namespace internal {

// The events of a decision as a joint append's part.
log::StreamAppend AsPart(const std::string& stream,
                         const CommandContext& context, uint64_t version,
                         const Events& events);

}  // namespace internal

template <typename A, typename B>
absl::StatusOr<JointOutcome> ExecuteJointly(log::EventLog& log,
                                            const JointPart<A>& a,
                                            const JointPart<B>& b,
                                            int max_attempts = 8) {
  CONCORDIA_RETURN_IF_ERROR(ValidateContext(a.context));
  CONCORDIA_RETURN_IF_ERROR(ValidateContext(b.context));
  auto replay = [&]() -> absl::StatusOr<JointOutcome> {
    CONCORDIA_ASSIGN_OR_RETURN(Outcome first,
                               FindReplay(log, a.stream, a.context));
    JointOutcome out;
    out.first = first;
    out.replayed = true;
    return out;
  };
  {
    absl::StatusOr<JointOutcome> replayed = replay();
    if (replayed.ok() || !absl::IsNotFound(replayed.status())) return replayed;
  }
  absl::Status last_conflict;
  for (int attempt = 0; attempt < max_attempts; ++attempt) {
    // The first part is decided before the second is even read, so its
    // rejection is the one reported.
    CONCORDIA_ASSIGN_OR_RETURN(
        FoldedRef<A> fa, FoldForDecision<A>(log, a.stream, a.apply, a.fold));
    CONCORDIA_RETURN_IF_ERROR(
        CheckExpectedVersion(a.stream, a.context, fa->version));
    CONCORDIA_ASSIGN_OR_RETURN(Events ea, a.decide(*fa));
    CONCORDIA_ASSIGN_OR_RETURN(
        FoldedRef<B> fb, FoldForDecision<B>(log, b.stream, b.apply, b.fold));
    CONCORDIA_RETURN_IF_ERROR(
        CheckExpectedVersion(b.stream, b.context, fb->version));
    CONCORDIA_ASSIGN_OR_RETURN(Events eb, b.decide(*fb));
    JointOutcome out;
    out.first.stream_version = fa->version;
    out.second.stream_version = fb->version;
    std::vector<log::StreamAppend> parts;
    if (!ea.empty()) {
      parts.push_back(internal::AsPart(a.stream, a.context, fa->version, ea));
    }
    if (!eb.empty()) {
      parts.push_back(internal::AsPart(b.stream, b.context, fb->version, eb));
    }
    if (parts.empty()) return out;
    absl::StatusOr<std::vector<log::AppendResult>> appended =
        log.AppendAll(std::move(parts));
    if (appended.ok()) {
      size_t next = 0;
      if (!ea.empty()) out.first = OutcomeOf((*appended)[next++]);
      if (!eb.empty()) out.second = OutcomeOf((*appended)[next]);
      return out;
    }
    if (ErrorReason(appended.status()) == "WRONG_EXPECTED_VERSION") {
      last_conflict = appended.status();
      continue;  // someone else appended first: decide again on fresh state
    }
    if (ErrorReason(appended.status()) == "EVENT_ID_REUSED") {
      // A concurrent retry of this very command won the race.
      absl::StatusOr<JointOutcome> replayed = replay();
      if (!absl::IsNotFound(replayed.status())) return replayed;
    }
    return appended.status();
  }
  return absl::AbortedError(absl::StrCat(
      "streams '", a.stream, "' and '", b.stream, "' kept changing; gave up "
      "after ", max_attempts, " attempts (", last_conflict.message(), ")"));
}

}  // namespace concordia::domain

#endif  // CONCORDIA_ENGINE_DOMAIN_CORE_JOINT_H_
