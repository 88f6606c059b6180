// What every domain command carries besides its own fields, and how a domain
// rule rejects a command.
//
// A rejection is absl::StatusCode::kFailedPrecondition with a stable reason
// code from engine/domain/core/reasons.h and a sentence for a person; it
// appends nothing. Malformed input is kInvalidArgument naming the field.
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   if (state.voted.contains(member)) {
//     return Rejected(reasons::kAlreadyVoted,
//                     absl::StrCat(member, " has already voted on item 3"));
//   }
#ifndef CONCORDIA_ENGINE_DOMAIN_CORE_COMMAND_H_
#define CONCORDIA_ENGINE_DOMAIN_CORE_COMMAND_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace concordia::domain {

// The envelope of a command: who, which request, and when.
struct CommandContext {
  // The authenticated principal, recorded on every resulting event.
  std::string principal;
  // The caller's idempotency key: the same request_id gives the same events
  // (their ids derive from it) and the same answer, also after a restart.
  std::string request_id;
  // When the act takes legal effect (e.g. the session's date for a vote).
  absl::Time effective_time = absl::InfinitePast();
  // The current time from the injected clock, for deadlines and notice.
  absl::Time now = absl::InfinitePast();
  // Tracing: the business transaction and the direct cause.
  std::string correlation_id;
  std::string causation_id;
  // Optimistic concurrency for the caller (AIP-154): when set, the command
  // runs only if the aggregate's stream is at this version when decided;
  // otherwise kAborted (WRONG_EXPECTED_VERSION) and nothing is appended.
  // Applies to the command's own stream only; saga steps on other streams
  // drop it.
  std::optional<uint64_t> expected_version;
};

// kInvalidArgument unless principal, request_id and both times are set.
absl::Status ValidateContext(const CommandContext& context);

// A command rejected by a domain rule: kFailedPrecondition carrying `reason`.
absl::Status Rejected(absl::string_view reason, absl::string_view message);

// A malformed command: kInvalidArgument naming `field`.
absl::Status InvalidField(absl::string_view field, absl::string_view problem);

// An entity the command names does not exist: kNotFound.
absl::Status UnknownEntity(absl::string_view what, absl::string_view id);

}  // namespace concordia::domain

#endif  // CONCORDIA_ENGINE_DOMAIN_CORE_COMMAND_H_
