// The accords read model: each accord with its parties and roles,
// instruments (the accord, amendments, renewals, dissolutions) with their
// approvals and signatures, approval act and BUR publication, term,
// renewals, withdrawals and adherents ("accord/<cid>/<accord>",
// v1::AccordView).
//
// Folded with the Accord aggregate's own ApplyAccordEvent (through
// accord_codec.h), so the queries can read the accord on a day with the
// domain's rules. A small cache keeps the last folded state per accord, used
// only while the store holds exactly the bytes it was made from.
//
// Thread-safety: as Projection.
//
// Example:
//   AccordsProjection accords;
//   ProjectionRunner runner(log, store, {&accords});
#ifndef CONCORDIA_ENGINE_READMODEL_ACCORDS_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_ACCORDS_PROJECTION_H_

#include <map>
#include <string>

#include "engine/readmodel/accord_codec.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class AccordsProjection : public ReadModelProjection {
 public:
  // Bumped whenever the stored bytes change for the same log.
  static constexpr int kVersion = 1;
  AccordsProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;

 private:
  struct Cached {
    std::string bytes;
    AccordState state;
  };
  std::map<std::string, Cached, std::less<>> cache_;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_ACCORDS_PROJECTION_H_
