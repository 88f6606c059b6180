// Conversions between the calendar's proto messages (carried by statutes)
// and its C++ types, validating every field.
//
// Thread-safety: pure functions.
//
// Example:
//   absl::StatusOr<DeadlineRule> rule = FromProto(statute.ordinary_notice());
#ifndef CONCORDIA_ENGINE_CALENDAR_CALENDAR_PROTO_H_
#define CONCORDIA_ENGINE_CALENDAR_CALENDAR_PROTO_H_

#include "absl/status/statusor.h"
#include "concordia/v1/calendar.pb.h"
#include "engine/calendar/calendar.h"

namespace concordia::calendar {

// kInvalidArgument naming the field ("suspensions[0].from.month: ...").
absl::StatusOr<DeadlineRule> FromProto(const v1::DeadlineRule& rule);
absl::StatusOr<CalendarConfig> FromProto(const v1::CalendarConfig& config);

v1::DeadlineRule ToProto(const DeadlineRule& rule);
v1::CalendarConfig ToProto(const CalendarConfig& config);

}  // namespace concordia::calendar

#endif  // CONCORDIA_ENGINE_CALENDAR_CALENDAR_PROTO_H_
