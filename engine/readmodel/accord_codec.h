// The accords read model's codec: an accord's domain state
// (domain::accord::AccordState) to its stored view (v1::AccordView) and
// back, losslessly, so the projection folds with the domain's own
// ApplyAccordEvent and the queries answer "in force on D" with the domain's
// own rules (AccordState::InForceOn, RequiredPartiesOn, MissingSignatures).
//
// Thread-safety: pure functions.
//
// Example:
//   AccordState s = AccordStateOf(view);
//   ApplyAccordEvent(s, event, record);
//   v1::AccordView next = AccordViewOf(s);
#ifndef CONCORDIA_ENGINE_READMODEL_ACCORD_CODEC_H_
#define CONCORDIA_ENGINE_READMODEL_ACCORD_CODEC_H_

#include "absl/time/civil_time.h"
#include "concordia/v1/views.pb.h"
#include "engine/domain/accord/accord.h"

namespace concordia::readmodel {

using domain::accord::AccordState;

// The view of `state` (in_force unset).
v1::AccordView AccordViewOf(const AccordState& state);
// The state a view was made from (AccordStateOf(AccordViewOf(s)) folds like s).
AccordState AccordStateOf(const v1::AccordView& view);
// The stage as views.proto names it.
v1::AccordStage AccordStageOf(domain::accord::Stage stage);

// The accord on `day` (invariant 21, with the domain's rules).
v1::AccordInForceView AccordInForceOn(const AccordState& state, absl::CivilDay day);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_ACCORD_CODEC_H_
