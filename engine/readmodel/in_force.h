// "As in force on D": the interpretation of a read model's value (as
// recorded at some position) at an effective date, with the domain's own
// rules wherever the domain has one (StatuteAt, SharesAt, MembersOn,
// VotersOf, ExecutiveOn, OnAlboOn). README.md states the semantics.
//
// Thread-safety: pure functions.
//
// Example:
//   v1::ConsortiumInForce on = ConsortiumInForceOn(view, absl::CivilDay(2024, 3, 1));
//   // on.statute(): the version in force; on.shares(): the shares then.
#ifndef CONCORDIA_ENGINE_READMODEL_IN_FORCE_H_
#define CONCORDIA_ENGINE_READMODEL_IN_FORCE_H_

#include <optional>

#include "absl/time/civil_time.h"
#include "concordia/v1/views.pb.h"
#include "engine/domain/deliberation/deliberation.h"

namespace concordia::readmodel {

// The statute version, members and shares in force on `day`.
v1::ConsortiumInForce ConsortiumInForceOn(const v1::ConsortiumView& view,
                                          absl::CivilDay day);

// Who sits on the body on `day`.
v1::BodyComposition CompositionOn(const v1::BodyView& view, absl::CivilDay day);

// A deliberation's legal status on `day`. `rejected_on`: the day of the vote
// that rejected it, when it was rejected.
v1::DeliberationInForce DeliberationInForceOn(
    const domain::deliberation::DeliberationState& state,
    std::optional<absl::CivilDay> rejected_on, absl::CivilDay day);
// The same for a deliberation's view (the rejection's day from its
// placements).
v1::DeliberationInForce DeliberationInForceOn(const v1::DeliberationView& view,
                                              absl::CivilDay day);

// Where a member's task stands on `day`.
v1::AgendaTaskInForce AgendaTaskOn(const v1::AgendaEntryView& entry,
                                   absl::CivilDay day);

// Whether the publication is on the albo on `day`.
bool OnAlboOn(const v1::AlboEntryView& entry, absl::CivilDay day);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_IN_FORCE_H_
