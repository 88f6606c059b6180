// The delegated functions read model: per consortium the member x function
// matrix ("delegation/<cid>/<member>/<function>", v1::DelegationView) —
// every period a delegate (the consortium or a lead ente) exercised the
// function for the member, since when and until when, under which accord or
// act, with which cost-sharing rule; the member's cessation in a merger.
//
// Folded with the Delegation aggregate's own ApplyDelegationEvent (through
// cooperation_codec.h), so the queries answer "who exercises F for M on D"
// with the domain's rules (ExerciseOn, UnderAccord: invariant 23).
//
// Thread-safety: as Projection.
//
// Example:
//   DelegationsProjection delegations;
//   ProjectionRunner runner(log, store, {&delegations});
#ifndef CONCORDIA_ENGINE_READMODEL_DELEGATIONS_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_DELEGATIONS_PROJECTION_H_

#include "engine/readmodel/cached_fold.h"
#include "engine/readmodel/cooperation_codec.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class DelegationsProjection : public ReadModelProjection {
 public:
  // Bumped whenever the stored bytes change for the same log.
  static constexpr int kVersion = 1;
  DelegationsProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;

 private:
  CachedFold<DelegationState> fold_;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_DELEGATIONS_PROJECTION_H_
