// ReadModelSet: the read models a server runs, ready to hand to a
// projection::ProjectionRunner — the seven of domain I, plus any added (the
// domain II read models, README.md "Adding a read model").
//
// Thread-safety: build it before starting the runner; then read-only.
//
// Example:
//   ReadModelSet models;  // registry, bodies, sessions, deliberations,
//                         // register, albo, agenda
//   projection::ProjectionRunner runner(log, store, models.projections());
//   CONCORDIA_RETURN_IF_ERROR(runner.Start());
//   Queries queries(log, runner, clock);
#ifndef CONCORDIA_ENGINE_READMODEL_READ_MODEL_SET_H_
#define CONCORDIA_ENGINE_READMODEL_READ_MODEL_SET_H_

#include <memory>
#include <vector>

#include "engine/projection/projection.h"

namespace concordia::readmodel {

class ReadModelSet {
 public:
  // The domain I read models.
  ReadModelSet();

  // Adds a read model; its name must differ from the others'.
  void Add(std::unique_ptr<projection::Projection> projection);

  // Replaces the read model of the same name (e.g. a newer version).
  void Replace(std::unique_ptr<projection::Projection> projection);

  // Every read model, in the order added; owned by the set.
  std::vector<projection::Projection*> projections() const;

 private:
  std::vector<std::unique_ptr<projection::Projection>> owned_;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_READ_MODEL_SET_H_
