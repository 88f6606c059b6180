// The deliberations read model: each proposal through its life — opinions,
// agenda placements, adoption and number, rejection, publication window and
// interruptions, executivity, revocation or annulment, and the acts it
// revoked or annulled ("deliberation/<cid>/<proposal>", v1::DeliberationView).
//
// The deliberation's own events are folded with the Deliberation aggregate's
// ApplyDeliberationEvent (deliberation_codec.h); a convocation or an added
// item records where the proposal is placed. What became of it there — the
// item's state and the proclaimed tally — and the stage that follows are
// the sessions read model's: ComposeDeliberation joins them as of the same
// log position, so a proclamation costs this read model nothing.
//
// Thread-safety: as Projection.
//
// Example:
//   DeliberationsProjection deliberations;
//   ProjectionRunner runner(log, store, {&deliberations});
#ifndef CONCORDIA_ENGINE_READMODEL_DELIBERATIONS_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_DELIBERATIONS_PROJECTION_H_

#include "concordia/v1/views.pb.h"
#include "engine/projection/projection_store.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class DeliberationsProjection : public ReadModelProjection {
 public:
  // 2: the end of the albo window (PublicationEnded) and the accords a
  // deliberation approves (approves_accords).
  static constexpr int kVersion = 2;
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
  // An accord's approval naming a deliberation of Concordia links it.
  absl::Status ApplyAccordLink(const std::string& cid,
                               const std::string& accord_id, int instrument,
                               const std::string& party_id,
                               const v1::ApprovingAct& act,
                               projection::EntityWriter& writer);
  absl::Status ApplySession(const std::string& cid,
                            const google::protobuf::Message& event,
                            projection::EntityWriter& writer);
};

// Fills the parts of a stored deliberation that come from its sessions (the
// placements' states, the proclamation with the tallies) and its stage,
// from the sessions read model's `sessions` view as of `position`.
absl::Status ComposeDeliberation(const projection::ReadView& sessions,
                                 uint64_t position, v1::DeliberationView* d);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_DELIBERATIONS_PROJECTION_H_
