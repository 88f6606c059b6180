// The bodies read model: each body with every designation to it and the
// membership of the members it represents ("body/<cid>/<body>",
// v1::BodyView), from which its composition on any date is computed
// (in_force.h).
//
// The designations and memberships are folded with the Consortium
// aggregate's ApplyConsortiumEvent into a private snapshot of the consortium
// (keys::PrivateConsortium), and each body's view is derived from it; a
// member's withdrawal or merger rewrites the views of the bodies it sat on.
// A view is written only when its bytes change.
//
// Thread-safety: as Projection.
//
// Example:
//   BodiesProjection bodies;
//   ProjectionRunner runner(log, store, {&bodies});
#ifndef CONCORDIA_ENGINE_READMODEL_BODIES_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_BODIES_PROJECTION_H_

#include "concordia/v1/views.pb.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/readmodel/consortium_codec.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class BodiesProjection : public ReadModelProjection {
 public:
  static constexpr int kVersion = 1;
  BodiesProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;

 private:
  ConsortiumSnapshots snapshots_;
};

// The view of `body_id` in the folded consortium state.
v1::BodyView BodyViewOf(const domain::consortium::ConsortiumState& state,
                        const std::string& body_id);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_BODIES_PROJECTION_H_
