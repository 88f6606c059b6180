#include "engine/readmodel/read_model_projection.h"

#include <algorithm>

#include "engine/domain/core/dates.h"
#include "engine/readmodel/decoded_event.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace concordia::readmodel {

std::string Serialize(const google::protobuf::Message& message) {
  // Sized once, then written in place: the same bytes as a growing string
  // stream gives, without its reallocations.
  const size_t size = message.ByteSizeLong();
  std::string out(size, '\0');
  google::protobuf::io::ArrayOutputStream stream(out.data(),
                                                 static_cast<int>(size));
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeWithCachedSizes(&coded);
  return out;
}

absl::Status ParseEntity(absl::string_view key, absl::string_view bytes,
                         google::protobuf::Message* out) {
  if (!out->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(absl::StrCat("read model entity '", key,
                                            "' does not parse as ",
                                            out->GetTypeName()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> IdField(const google::protobuf::Message& event,
                                    absl::string_view field) {
  const google::protobuf::FieldDescriptor* f =
      event.GetDescriptor()->FindFieldByName(std::string(field));
  if (f == nullptr || f->type() != google::protobuf::FieldDescriptor::TYPE_STRING ||
      f->is_repeated()) {
    return absl::DataLossError(absl::StrCat(event.GetTypeName(), " has no ",
                                            field, " to key a read model by"));
  }
  std::string id = event.GetReflection()->GetString(event, f);
  if (!domain::IsValidId(id)) {
    return absl::DataLossError(absl::StrCat(event.GetTypeName(), " carries ",
                                            field, " '", id,
                                            "', which is not a valid id"));
  }
  return id;
}

ReadModelProjection::ReadModelProjection(std::string name, int version,
                                         std::vector<std::string> event_types)
    : name_(std::move(name)),
      version_(version),
      types_(event_types.begin(), event_types.end()) {}

std::optional<std::vector<std::string>> ReadModelProjection::EventTypes()
    const {
  std::vector<std::string> out(types_.begin(), types_.end());
  std::sort(out.begin(), out.end());
  return out;
}

bool ReadModelProjection::Wants(const log::Record& record) const {
  return types_.contains(record.type);
}

absl::Status ReadModelProjection::Apply(const log::Record& record,
                                        projection::EntityWriter& writer) {
  absl::StatusOr<const google::protobuf::Message*> event = DecodedEvent(record);
  if (!event.ok()) return event.status();
  return ApplyEvent(**event, record, writer);
}

void ReadModelProjection::Store(projection::EntityWriter& w,
                                absl::string_view key,
                                const google::protobuf::Message& value) {
  w.Put(key, Serialize(value));
}

absl::StatusOr<bool> ReadModelProjection::StoreIfChanged(
    projection::EntityWriter& w, absl::string_view key,
    const google::protobuf::Message& value) {
  const std::string bytes = Serialize(value);
  absl::StatusOr<bool> same = w.Holds(key, bytes);
  if (!same.ok()) return same.status();
  if (*same) return false;
  w.Put(key, bytes);
  return true;
}

}  // namespace concordia::readmodel
