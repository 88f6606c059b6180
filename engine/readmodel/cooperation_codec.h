// The codecs of the domain II read models beyond the accords: each
// aggregate's domain state (delegation::DelegationState,
// programme::ProgrammeState, programme::NeedsState, project::ProjectState)
// to its stored view (cooperation_views.proto) and back, losslessly, so the
// projections fold with the aggregates' own Apply functions and the queries
// read a value on a day with the domain's own rules (ExerciseOn,
// UnderAccord, ItemsOn). The derived parts of a view (a programme's current
// items, the aggregated demand, a project's member totals) are computed
// here from the state, deterministically.
//
// Thread-safety: pure functions.
//
// Example:
//   DelegationState s = DelegationStateOf(view);
//   ApplyDelegationEvent(s, event, record);
//   v1::DelegationView next = DelegationViewOf(s, "sudestmilano");
#ifndef CONCORDIA_ENGINE_READMODEL_COOPERATION_CODEC_H_
#define CONCORDIA_ENGINE_READMODEL_COOPERATION_CODEC_H_

#include <map>
#include <string>

#include "absl/time/civil_time.h"
#include "concordia/v1/cooperation_views.pb.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/delegation/delegation.h"
#include "engine/domain/programme/needs.h"
#include "engine/domain/programme/programme.h"
#include "engine/domain/project/project.h"

namespace concordia::readmodel {

using domain::delegation::DelegationState;
using domain::programme::NeedsState;
using domain::programme::ProgrammeState;
using domain::project::ProjectState;

// --- Delegations.
v1::DelegationView DelegationViewOf(const DelegationState& state,
                                    const std::string& consortium_id);
DelegationState DelegationStateOf(const v1::DelegationView& view);
// Who exercises the function on `day` (invariant 23). `accord`: the accord
// the delegation in force names, as of the same position (nullptr when it
// names none or it is unknown: a delegation under an unknown accord lapses).
v1::DelegationInForceView DelegationInForceOn(
    const DelegationState& state, const domain::accord::AccordState* accord,
    absl::CivilDay day);
// The accord the delegation holding on `day` was made under ("" if none).
std::string DelegationAccordOn(const DelegationState& state,
                               absl::CivilDay day);

// --- Programmes.
v1::ProgrammeView ProgrammeViewOf(const ProgrammeState& state);
ProgrammeState ProgrammeStateOf(const v1::ProgrammeView& view);
v1::ProgrammeStage ProgrammeStageOf(const ProgrammeState& state);
// The items in force on `day` (ProgrammeState::ItemsOn).
v1::ProgrammeInForceView ProgrammeInForceOn(const ProgrammeState& state,
                                            absl::CivilDay day);

// --- The members' needs of a year.
v1::NeedsView NeedsViewOf(const NeedsState& state,
                          const std::string& consortium_id, int year);
NeedsState NeedsStateOf(const v1::NeedsView& view);
v1::NeedsInForceView NeedsInForceOn(const v1::NeedsView& view,
                                    absl::CivilDay day);
// Keeps only `member_id`'s needs (the aggregated parts stay whole).
void KeepMemberNeeds(const std::string& member_id, v1::NeedsView& view);

// --- Funded projects. The stored view holds no expenses and no allocations
// (each is an entity of its own, keys::ProjectExpense, ProjectAllocation):
// ProjectViewOf leaves them out and keeps the running totals, the counts,
// each member's allocated total and the members' part not allocated yet,
// which `StoredProject` carries between events.
struct StoredProject {
  ProjectState state;  // its `expenses` and `allocations` stay empty
  int32_t expense_count = 0;
  int32_t allocation_count = 0;
  int64_t unallocated_cents = 0;
  std::map<std::string, int64_t> allocated;  // member → cents
};
v1::ProjectView ProjectViewOf(const StoredProject& stored);
StoredProject StoredProjectOf(const v1::ProjectView& view);
// The whole state (expenses included, as joined into `view` when read).
ProjectState ProjectStateOf(const v1::ProjectView& view);
// A report on `day`: submitted (late or not) once submitted by then; before
// its period ends upcoming; then due until its due day; then overdue.
v1::ReportStatus ReportStatusOn(const domain::project::Report& report,
                                absl::CivilDay day);
v1::ProjectInForceView ProjectInForceOn(const ProjectState& state,
                                        absl::CivilDay day);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_COOPERATION_CODEC_H_
