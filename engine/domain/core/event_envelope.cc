#include "engine/domain/core/event_envelope.h"

#include <cstring>

#include <map>

#include "absl/strings/str_cat.h"
#include "engine/common/mutex.h"
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

struct Registry {
  Mutex mu;
  std::map<std::pair<std::string, uint32_t>, Upcaster> upcasters;
  std::map<std::string, uint32_t> current;
};

Registry& Upcasters() {
  static Registry* const r = new Registry();
  return *r;
}

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

void RegisterUpcaster(const std::string& type, uint32_t from_version,
                      Upcaster upcaster) {
  Registry& r = Upcasters();
  MutexLock lock(&r.mu);
  r.upcasters[{type, from_version}] = std::move(upcaster);
  uint32_t& current = r.current[type];
  current = std::max(current, from_version + 1);
}

uint32_t CurrentSchemaVersion(absl::string_view type) {
  Registry& r = Upcasters();
  MutexLock lock(&r.mu);
  auto it = r.current.find(std::string(type));
  return it == r.current.end() ? 1 : it->second;
}

std::vector<log::NewEvent> PackEvents(
    const CommandContext& context,
    const std::vector<const google::protobuf::Message*>& events) {
  std::vector<log::NewEvent> out;
  out.reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    log::NewEvent e;
    e.id = EventIdFor(context.request_id, i);
    e.type = events[i]->GetDescriptor()->full_name();
    e.schema_version = CurrentSchemaVersion(e.type);
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
  std::string payload = record.payload;
  const uint32_t current = CurrentSchemaVersion(record.type);
  for (uint32_t v = record.schema_version; v < current; ++v) {
    Upcaster upcaster;
    {
      Registry& r = Upcasters();
      MutexLock lock(&r.mu);
      auto it = r.upcasters.find({record.type, v});
      if (it != r.upcasters.end()) upcaster = it->second;
    }
    if (!upcaster) {
      return absl::DataLossError(absl::StrCat(
          "no upcaster for ", record.type, " from schema version ", v));
    }
    absl::StatusOr<std::string> next = upcaster(payload);
    if (!next.ok()) return next.status();
    payload = *std::move(next);
  }
  if (!message->ParseFromString(payload)) {
    return absl::DataLossError(
        absl::StrCat("event at position ", record.position, " (", record.type,
                     ") does not parse"));
  }
  return message;
}

}  // namespace concordia::domain
