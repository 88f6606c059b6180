// Between the Deliberation aggregate's folded state
// (engine/domain/deliberation) and the deliberations read model's view, so
// the read model folds deliberation events with the domain's own
// ApplyDeliberationEvent and answers "executive on D" and "on the albo on D"
// with the domain's own ExecutiveOn and OnAlboOn.
//
// Thread-safety: pure functions.
//
// Example:
//   DeliberationState s = TakeDeliberationState(&view);
//   CONCORDIA_RETURN_IF_ERROR(ApplyDeliberationEvent(s, event, record));
//   PutDeliberationState(std::move(s), &view);
#ifndef CONCORDIA_ENGINE_READMODEL_DELIBERATION_CODEC_H_
#define CONCORDIA_ENGINE_READMODEL_DELIBERATION_CODEC_H_

#include "concordia/v1/views.pb.h"
#include "engine/domain/deliberation/deliberation.h"

namespace concordia::readmodel {

using domain::deliberation::DeliberationState;

// The domain state the view holds.
DeliberationState DeliberationStateOf(const v1::DeliberationView& view);
// Without copies: TakeDeliberationState moves the state's fields out of
// `view`, PutDeliberationState moves them back in (the rest is left as is).
DeliberationState TakeDeliberationState(v1::DeliberationView* view);
void PutDeliberationState(DeliberationState&& state,
                          v1::DeliberationView* view);
// Where the deliberation stands as recorded.
v1::DeliberationStage StageOf(const v1::DeliberationView& view);

// The state of a register entry (adoption, publication, executivity,
// withdrawal).
DeliberationState DeliberationStateOf(const v1::RegisterEntryView& entry);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_DELIBERATION_CODEC_H_
