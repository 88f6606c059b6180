// Private to engine/domain/cooperation: what the handler files share.
//
// Thread-safety: constants and pure functions.
//
// Example:
//   Execute<AccordState>(log, stream, Step(ctx, "tavolo"), kApplyAccord, ...);
#ifndef CONCORDIA_ENGINE_DOMAIN_COOPERATION_COOPERATION_INTERNAL_H_
#define CONCORDIA_ENGINE_DOMAIN_COOPERATION_COOPERATION_INTERNAL_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/core/aggregate.h"
#include "engine/domain/delegation/delegation.h"
#include "engine/domain/programme/needs.h"
#include "engine/domain/programme/procurement.h"
#include "engine/domain/programme/programme.h"
#include "engine/domain/project/project.h"

namespace concordia::domain::cooperation_internal {

inline const ApplyFn<accord::AccordState> kApplyAccord =
    accord::ApplyAccordEvent;
inline const ApplyFn<delegation::DelegationState> kApplyDelegation =
    delegation::ApplyDelegationEvent;
inline const ApplyFn<programme::ProgrammeState> kApplyProgramme =
    programme::ApplyProgrammeEvent;
inline const ApplyFn<programme::NeedsState> kApplyNeeds =
    programme::ApplyNeedsEvent;
inline const ApplyFn<programme::ProcurementState> kApplyProcurement =
    programme::ApplyProcurementEvent;
inline const ApplyFn<project::ProjectState> kApplyProject =
    project::ApplyProjectEvent;

// A step of a saga: the same command context with a derived request id.
// The caller's expected_version is of the command's own stream, so a step
// on another stream (a timer, a Tavolo seat, a delegation) drops it.
inline CommandContext Step(const CommandContext& ctx, absl::string_view step) {
  CommandContext c = ctx;
  c.request_id = absl::StrCat(ctx.request_id, "/", step);
  c.expected_version.reset();
  if (c.correlation_id.empty()) c.correlation_id = ctx.request_id;
  return c;
}

// "20261231": dates inside timer ids.
inline std::string Compact(absl::CivilDay day) {
  return absl::StrFormat("%04d%02d%02d", day.year(), day.month(), day.day());
}

}  // namespace concordia::domain::cooperation_internal

#endif  // CONCORDIA_ENGINE_DOMAIN_COOPERATION_COOPERATION_INTERNAL_H_
