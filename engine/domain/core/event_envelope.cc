#include "engine/domain/core/event_envelope.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "engine/crypto/sha256.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace concordia::domain {

log::EventId EventIdFor(absl::string_view request_id, size_t index) {
  std::string input = "concordia-event-id/1";
  input.push_back('\0');
  input.append(request_id.data(), request_id.size());
  input.push_back('\0');
  absl::StrAppend(&input, index);
  const Sha256Digest digest = Sha256(input);
  log::EventId id;
  std::memcpy(id.bytes.data(), digest.bytes.data(), 16);
  return id;
}

namespace {

std::string DeterministicBytes(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  m.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

}  // namespace

std::vector<log::NewEvent> PackEvents(
    const CommandContext& context,
    const std::vector<const google::protobuf::Message*>& events) {
  std::vector<log::NewEvent> out;
  out.reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    log::NewEvent e;
    e.id = EventIdFor(context.request_id, i);
    e.type = events[i]->GetDescriptor()->full_name();
    e.schema_version = 1;
    e.payload = DeterministicBytes(*events[i]);
    e.metadata.principal = context.principal;
    e.metadata.command_id = context.request_id;
    e.metadata.correlation_id = context.correlation_id;
    e.metadata.causation_id = context.causation_id;
    e.metadata.effective_time = context.effective_time;
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> UnpackEvent(
    const log::Record& record) {
  const google::protobuf::Descriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          record.type);
  if (descriptor == nullptr) {
    return absl::UnimplementedError(
        absl::StrCat("unknown event type '", record.type, "' at position ",
                     record.position));
  }
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(
          descriptor);
  std::unique_ptr<google::protobuf::Message> message(prototype->New());
  if (!message->ParseFromString(record.payload)) {
    return absl::DataLossError(
        absl::StrCat("event at position ", record.position, " (", record.type,
                     ") does not parse"));
  }
  return message;
}

}  // namespace concordia::domain
