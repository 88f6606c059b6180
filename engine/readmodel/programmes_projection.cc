#include "engine/readmodel/programmes_projection.h"

#include "concordia/v1/programme_events.pb.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {

ProgrammesProjection::ProgrammesProjection()
    : ReadModelProjection(
          kProgrammes, kVersion,
          {TypeName<v1::ProgrammeDrafted>(), TypeName<v1::ProgrammeItemAdded>(),
           TypeName<v1::ProgrammeItemRemoved>(),
           TypeName<v1::ProgrammeAdopted>(), TypeName<v1::ProgrammeUpdated>(),
           TypeName<v1::NeedsCollectionOpened>(),
           TypeName<v1::NeedSubmitted>(), TypeName<v1::NeedWithdrawn>(),
           TypeName<v1::NeedsAggregated>(), TypeName<v1::PurchaseStarted>()}) {}

absl::Status ProgrammesProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record& record,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  const google::protobuf::FieldDescriptor* year_field =
      event.GetDescriptor()->FindFieldByName("year");
  if (year_field != nullptr) {
    // The members' needs of a year.
    const int year = event.GetReflection()->GetInt32(event, year_field);
    if (year < 1000 || year > 9999) {
      return absl::DataLossError(absl::StrCat(event.GetTypeName(),
                                              " carries year ", year));
    }
    const std::string consortium = *cid;
    return needs_.Apply<v1::NeedsView>(
        writer, keys::Needs(*cid, year), NeedsStateOf,
        [&consortium, year](const NeedsState& s) {
          return Serialize(NeedsViewOf(s, consortium, year));
        },
        [&](NeedsState& s) {
          return domain::programme::ApplyNeedsEvent(s, event, record);
        },
        dynamic_cast<const v1::NeedsCollectionOpened*>(&event) != nullptr,
        "needs collection");
  }
  absl::StatusOr<std::string> pid = IdField(event, "programme_id");
  if (!pid.ok()) return pid.status();
  return programmes_.Apply<v1::ProgrammeView>(
      writer, keys::Programme(*cid, *pid), ProgrammeStateOf,
      [](const ProgrammeState& s) { return Serialize(ProgrammeViewOf(s)); },
      [&](ProgrammeState& s) {
        return domain::programme::ApplyProgrammeEvent(s, event, record);
      },
      dynamic_cast<const v1::ProgrammeDrafted*>(&event) != nullptr,
      "programme");
}

}  // namespace concordia::readmodel
