// The albo read model: every publication on the albo pretorio with its
// window, extended by interruptions ("albo/<cid>/<last day>/<proposal>",
// v1::AlboEntryView), so "what is published on day D" is a short scan of the
// entries whose last day is D or later (queries.h).
//
// Keys sort by the window's last day; an interruption moves the entry to its
// new last day. The longest window seen so far (keys::AlboBounds) bounds the
// scan: an entry whose last day is more than that many days after D started
// after D. The act's subject, number and any revocation are the
// deliberations read model's: ComposeAlboEntry joins them as of the same log
// position, so the albo writes only when a publication starts or grows.
//
// Thread-safety: as Projection.
//
// Example:
//   AlboProjection albo;
//   ProjectionRunner runner(log, store, {&albo});
#ifndef CONCORDIA_ENGINE_READMODEL_ALBO_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_ALBO_PROJECTION_H_

#include "concordia/v1/views.pb.h"
#include "engine/projection/projection_store.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

class AlboProjection : public ReadModelProjection {
 public:
  static constexpr int kVersion = 1;
  AlboProjection();

 protected:
  absl::Status ApplyEvent(const google::protobuf::Message& event,
                          const log::Record& record,
                          projection::EntityWriter& writer) override;
};

// Fills the act's parts of a stored albo entry (body, number, year, subject,
// revocation or annulment) from the deliberations read model's
// `deliberations` view as of `position`.
absl::Status ComposeAlboEntry(const projection::ReadView& deliberations,
                              uint64_t position, v1::AlboEntryView* entry);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_ALBO_PROJECTION_H_
