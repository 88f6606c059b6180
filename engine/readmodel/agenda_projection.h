// The per-member agenda read model: for every member, each convened session
// of a body it votes on, with its day (the deadline), the items to vote on
// and what the member has done: attended, voted, declared a conflict
// ("agenda/<cid>/<member>/<session time>/<session>", v1::AgendaEntryView);
// and the tasks of domain II (agenda_tasks.cc): approving and signing the
// instruments of accords it is a public party of, submitting its needs to a
// year's collection, the reports of funded projects it takes part in, and
// (agenda_acts.cc) the acts whose workflow waits on it
// ("agenda/<cid>/<member>/<due time>/<task>", README.md "The agenda").
// Whether a task is to do, done, overdue, missed or no longer due on a day is
// computed by the queries (in_force.h).
//
// The entry itself is written when the session is convened (and when the
// member's representative changes); what happens in the session — items
// and their state, roll calls, delegates, conflicts — is already in the
// sessions read model, and the votes in the session's stream
// (session_votes.h); ComposeAgendaEntry joins them to the entry as of the
// same log position (all three are bitemporal, so the join is consistent).
// So a vote costs the agenda nothing. The agenda keeps of each
// session only what deciding who sits needs (keys::PrivateSession: who holds
// an entry, who attended or declared a conflict, whether it closed).
//
// Who must act is decided as the domain decides who votes: the voting
// members of the body on the session's day (ConsortiumState::VotersOf, over
// a private snapshot of the consortium folded with ApplyConsortiumEvent).
// A designation, revocation, withdrawal or merger recorded while sessions of
// the body are open adds the entries of new voters and removes those of
// members no longer seated who had done nothing yet. Private state: the
// snapshot, each session's members (keys::PrivateSession) and the open
// sessions of each body (keys::OpenSessions).
//
// Thread-safety: as Projection.
//
// Example:
//   AgendaProjection agenda;
//   ProjectionRunner runner(log, store, {&agenda});
#ifndef CONCORDIA_ENGINE_READMODEL_AGENDA_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_AGENDA_PROJECTION_H_

#include <optional>
#include <string>

#include "concordia/v1/consortium_events.pb.h"
#include "concordia/v1/read_model_state.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/log/event_log.h"
#include "engine/projection/projection_store.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/readmodel/consortium_codec.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class AgendaProjection : public ReadModelProjection {
 public:
  // Bumped whenever the stored bytes change for the same log.
  static constexpr int kVersion = 2;
  AgendaProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;

 private:
  ConsortiumSnapshots snapshots_;
  // Domain II (agenda_tasks.cc).
  absl::Status ApplyAccord(const std::string& cid,
                           const google::protobuf::Message& event,
                           const log::Record& record,
                           projection::EntityWriter& writer);
  absl::Status ApplyNeeds(const std::string& cid,
                          const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer);
  absl::Status ApplyProject(const std::string& cid,
                            const google::protobuf::Message& event,
                            const log::Record& record,
                            projection::EntityWriter& writer);
  // Workflow acts waiting on the member they name (agenda_acts.cc).
  absl::Status ApplyStatute(const std::string& cid,
                            const v1::StatuteAdopted& event,
                            projection::EntityWriter& writer);
  absl::StatusOr<std::optional<v1::WorkflowDefinition>> MemberDefinition(
      projection::EntityWriter& writer, const std::string& cid,
      int statute_version, const std::string& kind);
  absl::Status ApplyAct(const std::string& cid,
                        const google::protobuf::Message& event,
                        const log::Record& record,
                        projection::EntityWriter& writer);
  absl::Status ApplyConsortium(const std::string& cid,
                               const google::protobuf::Message& event,
                               const log::Record& record,
                               projection::EntityWriter& writer);
  absl::Status ApplySession(const std::string& cid,
                            const google::protobuf::Message& event,
                            projection::EntityWriter& writer);
  // Brings the entries of the open sessions of `body` in line with who votes
  // on the body on each session's day.
  absl::Status Reconcile(const std::string& cid, const std::string& body,
                         const domain::consortium::ConsortiumState& state,
                         projection::EntityWriter& writer);
};

// Fills the session-dependent parts of a stored agenda entry (task, due
// day and time, description, items with their state, the member's votes
// and conflicts, delegate, presence, closing) from the sessions read model's `sessions` view and the session's
// stream in `log`, as of `position`. Tasks of domain II are stored whole
// and left as they are.
absl::Status ComposeAgendaEntry(const projection::ReadView& sessions,
                                log::EventLog& log, uint64_t position,
                                v1::AgendaEntryView* entry);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_AGENDA_PROJECTION_H_
