// Civil dates between protos (concordia.v1.Date) and absl::CivilDay, and the
// id syntax shared by every domain entity.
//
// Thread-safety: pure functions.
//
// Example:
//   CONCORDIA_ASSIGN_OR_RETURN(absl::CivilDay d,
//                              FromDate(cmd.effective_from(), "effective_from"));
#ifndef CONCORDIA_ENGINE_DOMAIN_CORE_DATES_H_
#define CONCORDIA_ENGINE_DOMAIN_CORE_DATES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/calendar.pb.h"

namespace concordia::domain {

v1::Date ToDate(absl::CivilDay day);
// kInvalidArgument naming `field` for an impossible or unset date.
absl::StatusOr<absl::CivilDay> FromDate(const v1::Date& date,
                                        const std::string& field);
// For dates already validated (read back from events).
absl::CivilDay DayOf(const v1::Date& date);

// Ids of consortia, members, bodies, sessions, proposals: 1..64 characters
// of [a-z0-9-], starting with a letter or digit.
bool IsValidId(absl::string_view id);
// kInvalidArgument naming `field` unless IsValidId(id).
absl::Status ValidateId(absl::string_view id, const std::string& field);

}  // namespace concordia::domain

#endif  // CONCORDIA_ENGINE_DOMAIN_CORE_DATES_H_
