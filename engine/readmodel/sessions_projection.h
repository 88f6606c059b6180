// The sessions read model: each session's convocation, agenda (items added
// later included), roll call, delegates, conflicts and, per item, its
// proclamation with the tallies ("session/<cid>/<session>",
// v1::SessionView); and every vote as an entity of its own
// ("vote/<cid>/<session>/<item>/<ballot>/<member>", v1::VoteView).
//
// Votes are kept apart from the session so that a vote costs one small write
// however many votes a session has; that is also why the session is built
// from its events here rather than through the Session aggregate's fold,
// whose state holds every vote.
//
// Thread-safety: as Projection.
//
// Example:
//   SessionsProjection sessions;
//   ProjectionRunner runner(log, store, {&sessions});
#ifndef CONCORDIA_ENGINE_READMODEL_SESSIONS_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_SESSIONS_PROJECTION_H_

#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class SessionsProjection : public ReadModelProjection {
 public:
  static constexpr int kVersion = 1;
  SessionsProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_SESSIONS_PROJECTION_H_
