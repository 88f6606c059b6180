// The sessions read model: each session's convocation, agenda (items added
// later included), roll call, delegates, conflicts and, per item, its
// proclamation with the tallies ("session/<cid>/<session>",
// v1::SessionView). The individual votes are read from the session's
// stream by the queries (session_votes.h): the store does not copy them.
//
// That is also why the session is built from its events here rather than
// through the Session aggregate's fold, whose state holds every vote.
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
