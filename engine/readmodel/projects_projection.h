// The funded projects read model ("project/<cid>/<project>",
// v1::ProjectView): the registration (funding, budget, period,
// participants, sharing rule, accord, function), every report with its
// period, due day, submission and overdue mark, the totals, every cost
// allocation and each member's share of them; each expense apart
// ("projectexpense/<cid>/<project>/<expense>", v1::ExpenseRecorded), joined
// into the project when read, so an expense writes only itself and the
// project's totals.
//
// Folded with the Project aggregate's own ApplyProjectEvent (through
// cooperation_codec.h); the queries read each report's status on a day
// (to file, filed, overdue).
//
// Thread-safety: as Projection.
//
// Example:
//   ProjectsProjection projects;
//   ProjectionRunner runner(log, store, {&projects});
#ifndef CONCORDIA_ENGINE_READMODEL_PROJECTS_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_PROJECTS_PROJECTION_H_

#include "engine/readmodel/cached_fold.h"
#include "engine/readmodel/cooperation_codec.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class ProjectsProjection : public ReadModelProjection {
 public:
  // Bumped whenever the stored bytes change for the same log.
  static constexpr int kVersion = 1;
  ProjectsProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;

 private:
  CachedFold<StoredProject> fold_;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_PROJECTS_PROJECTION_H_
