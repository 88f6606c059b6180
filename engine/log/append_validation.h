// Checks an append's arguments against the limits of engine/log/types.h
// before anything is queued or written.
//
// Thread-safety: pure function.
//
// Example:
//   CONCORDIA_RETURN_IF_ERROR(ValidateAppend(stream, events));
#ifndef CONCORDIA_ENGINE_LOG_APPEND_VALIDATION_H_
#define CONCORDIA_ENGINE_LOG_APPEND_VALIDATION_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "engine/log/types.h"

namespace concordia::log {

// kInvalidArgument naming the offending field (e.g. "events[2].type: empty")
// when the stream name, the batch or any event breaks a documented limit.
absl::Status ValidateAppend(absl::string_view stream,
                            const std::vector<NewEvent>& events);

// The same for a joint append (EventLog::AppendAll): each part as above,
// its errors prefixed with "parts[i].", 1..kMaxStreamsPerAppend parts on
// distinct streams, no event id twice, and the parts together within one
// append's limits.
absl::Status ValidateAppendAll(const std::vector<StreamAppend>& parts);

// Whether two events have the same content (everything but recorded-at).
bool SameContent(absl::string_view stream, const NewEvent& event,
                 const Record& stored);

}  // namespace concordia::log

#endif  // CONCORDIA_ENGINE_LOG_APPEND_VALIDATION_H_
