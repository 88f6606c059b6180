// The sessions read model: each session's convocation, roll call, delegates
// and closing ("session/<cid>/<session>", v1::SessionView), and each agenda
// item (items added later included) with its conflicts and what became of
// it — the proclamation with the tallies, or the deferral
// ("sessionitem/<cid>/<session>/<item>", v1::SessionItemView).
// ComposeSession puts them together as of a position; the individual votes
// are read from the session's stream (session_votes.h): the store does not
// copy them.
//
// Items are kept apart from the session so that a proclamation rewrites one
// item, not the whole session with every earlier tally; that is also why the
// session is built from its events here rather than through the Session
// aggregate's fold, whose state holds every vote.
//
// Thread-safety: as Projection.
//
// Example:
//   SessionsProjection sessions;
//   ProjectionRunner runner(log, store, {&sessions});
#ifndef CONCORDIA_ENGINE_READMODEL_SESSIONS_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_SESSIONS_PROJECTION_H_

#include "concordia/v1/views.pb.h"
#include "engine/projection/projection_store.h"
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

// Fills `session` (a stored session) with its items as of `position` from
// the sessions read model's `view`; items still open in a closed session
// are NOT_DECIDED.
absl::Status ComposeSession(const projection::ReadView& view, uint64_t position,
                            v1::SessionView* session);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_SESSIONS_PROJECTION_H_
