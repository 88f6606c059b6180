// The deliberations read model: each proposal through its life — opinions,
// agenda placements, the proclaimed tally, adoption and number, rejection,
// publication window and interruptions, executivity, revocation or
// annulment, and the acts it revoked or annulled
// ("deliberation/<cid>/<proposal>", v1::DeliberationView).
//
// The deliberation's own events are folded with the Deliberation aggregate's
// ApplyDeliberationEvent (deliberation_codec.h); the session events that
// concern a proposal (convocation, added item, proclamation, deferral,
// closing) are matched to it through a private index of each session's
// agenda (keys::PrivateSession).
//
// Thread-safety: as Projection.
//
// Example:
//   DeliberationsProjection deliberations;
//   ProjectionRunner runner(log, store, {&deliberations});
#ifndef CONCORDIA_ENGINE_READMODEL_DELIBERATIONS_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_DELIBERATIONS_PROJECTION_H_

#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class DeliberationsProjection : public ReadModelProjection {
 public:
  static constexpr int kVersion = 1;
  DeliberationsProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;

 private:
  absl::Status ApplyDeliberation(const std::string& cid,
                                 const google::protobuf::Message& event,
                                 const log::Record& record,
                                 projection::EntityWriter& writer);
  absl::Status ApplySession(const std::string& cid,
                            const google::protobuf::Message& event,
                            projection::EntityWriter& writer);
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_DELIBERATIONS_PROJECTION_H_
