// The register read model: the numbers each body gave its deliberations in
// each year, gapless, with the subject, adoption, publication, executivity
// and any revocation or annulment of each
// ("register/<cid>/<body>/<year>/<number>", v1::RegisterEntryView).
//
// An entry is created by DeliberationNumberAssigned on the register stream
// (number N is the register's version N); the later events of the
// deliberation update it, found through a private index of the proposal
// (keys::ProposalIndex) that also holds the subject from the draft.
//
// Thread-safety: as Projection.
//
// Example:
//   RegisterProjection register_of_numbers;
//   ProjectionRunner runner(log, store, {&register_of_numbers});
#ifndef CONCORDIA_ENGINE_READMODEL_REGISTER_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_REGISTER_PROJECTION_H_

#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class RegisterProjection : public ReadModelProjection {
 public:
  static constexpr int kVersion = 1;
  RegisterProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_REGISTER_PROJECTION_H_
