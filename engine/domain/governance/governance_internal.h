// Private to engine/domain/governance: what the handler files share.
//
// Thread-safety: constants and pure functions.
//
// Example:
//   Execute<DeliberationState>(log, stream, Step(ctx, "act"),
//                              kApplyDeliberation, ...);
#ifndef CONCORDIA_ENGINE_DOMAIN_GOVERNANCE_GOVERNANCE_INTERNAL_H_
#define CONCORDIA_ENGINE_DOMAIN_GOVERNANCE_GOVERNANCE_INTERNAL_H_

#include "absl/strings/str_cat.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/aggregate.h"
#include "engine/domain/deliberation/deliberation.h"

namespace concordia::domain::governance_internal {

inline const ApplyFn<consortium::ConsortiumState> kApplyConsortium =
    consortium::ApplyConsortiumEvent;
inline const ApplyFn<deliberation::DeliberationState> kApplyDeliberation =
    deliberation::ApplyDeliberationEvent;

// A step of a saga: the same command context with a derived request id.
inline CommandContext Step(const CommandContext& ctx, absl::string_view step) {
  CommandContext c = ctx;
  c.request_id = absl::StrCat(ctx.request_id, "/", step);
  c.expected_version.reset();  // the caller's version is of the first stream
  if (c.correlation_id.empty()) c.correlation_id = ctx.request_id;
  return c;
}

}  // namespace concordia::domain::governance_internal

#endif  // CONCORDIA_ENGINE_DOMAIN_GOVERNANCE_GOVERNANCE_INTERNAL_H_
