// The programmes read model: each plan or programme
// ("programme/<cid>/<programme>", v1::ProgrammeView: kind, period, stage,
// items with amounts, the adopting deliberation, every update) and the
// members' needs of each year ("needs/<cid>/<year>", v1::NeedsView: each
// member's needs, the demand aggregated per category and per member, the
// joint tenders and the purchases started).
//
// Folded with the aggregates' own ApplyProgrammeEvent and ApplyNeedsEvent
// (through cooperation_codec.h), so the queries read a programme's items in
// force on a day with the domain's rule (ProgrammeState::ItemsOn).
//
// Thread-safety: as Projection.
//
// Example:
//   ProgrammesProjection programmes;
//   ProjectionRunner runner(log, store, {&programmes});
#ifndef CONCORDIA_ENGINE_READMODEL_PROGRAMMES_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_PROGRAMMES_PROJECTION_H_

#include "engine/readmodel/cached_fold.h"
#include "engine/readmodel/cooperation_codec.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class ProgrammesProjection : public ReadModelProjection {
 public:
  // Bumped whenever the stored bytes change for the same log.
  static constexpr int kVersion = 1;
  ProgrammesProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;

 private:
  CachedFold<ProgrammeState> programmes_;
  CachedFold<NeedsState> needs_;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_PROGRAMMES_PROJECTION_H_
