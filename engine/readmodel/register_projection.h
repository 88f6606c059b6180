// The register read model: the numbers each body gave its deliberations in
// each year, gapless, in order ("register/<cid>/<body>/<year>/<number>",
// v1::RegisterEntryView).
//
// An entry is written once, by DeliberationNumberAssigned on the register
// stream (number N is the register's version N), and holds the number and
// the proposal. Everything else about the act — subject, adoption,
// publication, executivity, revocation or annulment — is the deliberations
// read model's, and ComposeRegisterEntry joins it to the entry as of the
// same log position (both are bitemporal, so the join is consistent). So the
// register costs one small write per number, whatever happens to the act.
//
// Thread-safety: as Projection.
//
// Example:
//   RegisterProjection register_of_numbers;
//   ProjectionRunner runner(log, store, {&register_of_numbers});
#ifndef CONCORDIA_ENGINE_READMODEL_REGISTER_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_REGISTER_PROJECTION_H_

#include "concordia/v1/views.pb.h"
#include "engine/projection/projection_store.h"
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

// Fills the act's parts of a stored register entry from the deliberations
// read model's `deliberations` view as of `position`. The adoption is the
// one that took this number (a proposal numbered again in another year keeps
// its first adoption; the later number shows none).
absl::Status ComposeRegisterEntry(const projection::ReadView& deliberations,
                                  uint64_t position,
                                  v1::RegisterEntryView* entry);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_REGISTER_PROJECTION_H_
