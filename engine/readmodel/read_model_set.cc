#include "engine/readmodel/read_model_set.h"

#include "engine/readmodel/accords_projection.h"
#include "engine/readmodel/agenda_projection.h"
#include "engine/readmodel/albo_projection.h"
#include "engine/readmodel/bodies_projection.h"
#include "engine/readmodel/delegations_projection.h"
#include "engine/readmodel/deliberations_projection.h"
#include "engine/readmodel/programmes_projection.h"
#include "engine/readmodel/projects_projection.h"
#include "engine/readmodel/register_projection.h"
#include "engine/readmodel/registry_projection.h"
#include "engine/readmodel/sessions_projection.h"

namespace concordia::readmodel {

ReadModelSet::ReadModelSet() {
  // The runner folds a cohort in two groups (even and odd places); in this
  // order they share a typical log's work about evenly, the even group
  // somewhat heavier since the cohort's own thread, which also reads the
  // log ahead, usually takes the odd one.
  Add(std::make_unique<AgendaProjection>());
  Add(std::make_unique<DeliberationsProjection>());
  Add(std::make_unique<SessionsProjection>());
  Add(std::make_unique<BodiesProjection>());
  Add(std::make_unique<RegistryProjection>());
  Add(std::make_unique<RegisterProjection>());
  Add(std::make_unique<AlboProjection>());
  // Domain II.
  Add(std::make_unique<AccordsProjection>());
  Add(std::make_unique<DelegationsProjection>());
  Add(std::make_unique<ProgrammesProjection>());
  Add(std::make_unique<ProjectsProjection>());
}

void ReadModelSet::Add(std::unique_ptr<projection::Projection> projection) {
  owned_.push_back(std::move(projection));
}

void ReadModelSet::Replace(std::unique_ptr<projection::Projection> projection) {
  for (auto& p : owned_) {
    if (p->name() == projection->name()) {
      p = std::move(projection);
      return;
    }
  }
  Add(std::move(projection));
}

std::vector<projection::Projection*> ReadModelSet::projections() const {
  std::vector<projection::Projection*> out;
  for (const auto& p : owned_) out.push_back(p.get());
  return out;
}

}  // namespace concordia::readmodel
