// The registry read model: each consortium with its statute versions, members
// and share tables over time ("consortium/<cid>", v1::ConsortiumView).
//
// Folded with the Consortium aggregate's own ApplyConsortiumEvent (through
// consortium_codec.h), so the statute in force, the members and the shares on
// a date are computed by the same rules the domain decides with. Beside the
// domain state the view records who authorised each change and the position
// at which each statute version and share table was recorded (which tells a
// change recorded after it took effect).
//
// Thread-safety: as Projection.
//
// Example:
//   RegistryProjection registry;
//   ProjectionRunner runner(log, store, {&registry});
#ifndef CONCORDIA_ENGINE_READMODEL_REGISTRY_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_REGISTRY_PROJECTION_H_

#include <map>
#include <string>

#include "concordia/v1/views.pb.h"
#include "engine/readmodel/consortium_codec.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class RegistryProjection : public ReadModelProjection {
 public:
  // Bumped whenever the stored bytes change for the same log.
  static constexpr int kVersion = 1;
  RegistryProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;

 private:
  // The last view folded for each consortium with the bytes it was stored
  // as; reused only while the store holds exactly those bytes.
  struct Cached {
    std::string bytes;
    v1::ConsortiumView view;
    ConsortiumState state;
  };
  std::map<std::string, Cached, std::less<>> cache_;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_REGISTRY_PROJECTION_H_
