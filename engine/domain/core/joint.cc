#include "engine/domain/core/joint.h"

namespace concordia::domain::internal {

log::StreamAppend AsPart(const std::string& stream,
                         const CommandContext& context, uint64_t version,
                         const Events& events) {
  std::vector<const google::protobuf::Message*> messages;
  messages.reserve(events.size());
  for (const auto& e : events) messages.push_back(e.get());
  log::StreamAppend part;
  part.stream = stream;
  part.expected = log::ExpectedVersion::Exact(version);
  part.events = PackEvents(context, messages);
  return part;
}

}  // namespace concordia::domain::internal
