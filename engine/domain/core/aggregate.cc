#include "engine/domain/core/aggregate.h"

namespace concordia::domain {

absl::StatusOr<Outcome> FindReplay(log::EventLog& log, absl::string_view stream,
                                   const CommandContext& context) {
  absl::StatusOr<log::Record> first =
      log.ReadEventById(EventIdFor(context.request_id, 0));
  if (!first.ok()) return first.status();
  if (first->stream != stream) {
    return Error(absl::StatusCode::kAlreadyExists, "REQUEST_ID_REUSED",
                 absl::StrCat("request_id '", context.request_id,
                              "' was already used for another command (on ",
                              first->stream, ")"),
                 {{"request_id", context.request_id}});
  }
  Outcome outcome;
  outcome.replayed = true;
  outcome.first_position = first->position;
  outcome.last_position = first->position;
  outcome.stream_version = first->stream_version;
  for (size_t i = 1;; ++i) {
    absl::StatusOr<log::Record> next =
        log.ReadEventById(EventIdFor(context.request_id, i));
    if (absl::IsNotFound(next.status())) break;
    if (!next.ok()) return next.status();
    outcome.last_position = next->position;
    outcome.stream_version = next->stream_version;
  }
  return outcome;
}

absl::StatusOr<Outcome> AppendDecision(log::EventLog& log,
                                       absl::string_view stream,
                                       const CommandContext& context,
                                       log::ExpectedVersion expected,
                                       const Events& events) {
  std::vector<const google::protobuf::Message*> messages;
  messages.reserve(events.size());
  for (const auto& e : events) messages.push_back(e.get());
  CONCORDIA_ASSIGN_OR_RETURN(
      log::AppendResult r,
      log.Append(stream, expected, PackEvents(context, messages)));
  return OutcomeOf(r);
}

absl::Status CheckExpectedVersion(absl::string_view stream,
                                  const CommandContext& context,
                                  uint64_t version) {
  if (!context.expected_version.has_value() ||
      version == *context.expected_version) {
    return absl::OkStatus();
  }
  return Error(absl::StatusCode::kAborted, "WRONG_EXPECTED_VERSION",
               absl::StrCat("stream '", stream, "' is at version ", version,
                            ", not the expected ", *context.expected_version),
               {{"expected", absl::StrCat(*context.expected_version)},
                {"actual", absl::StrCat(version)}});
}

Outcome OutcomeOf(const log::AppendResult& r) {
  Outcome outcome;
  outcome.first_position = r.first_position;
  outcome.last_position = r.last_position;
  outcome.stream_version = r.stream_version;
  outcome.replayed = r.deduplicated;
  return outcome;
}

}  // namespace concordia::domain
