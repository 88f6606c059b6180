#include "engine/domain/core/dates.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/domain/core/command.h"

namespace concordia::domain {

v1::Date ToDate(absl::CivilDay day) {
  v1::Date d;
  d.set_year(static_cast<int32_t>(day.year()));
  d.set_month(day.month());
  d.set_day(day.day());
  return d;
}

absl::StatusOr<absl::CivilDay> FromDate(const v1::Date& d,
                                        const std::string& field) {
  const absl::CivilDay day(d.year(), d.month(), d.day());
  if (d.year() < 1900 || d.year() > 2999 || day.month() != d.month() ||
      day.day() != d.day()) {
    return InvalidField(field, absl::StrCat(d.year(), "-", d.month(), "-",
                                            d.day(), " is not a valid date"));
  }
  return day;
}

absl::CivilDay DayOf(const v1::Date& d) {
  return absl::CivilDay(d.year(), d.month(), d.day());
}

bool IsValidId(absl::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '-') return false;
  for (char c : id) {
    if (!(absl::ascii_islower(static_cast<unsigned char>(c)) ||
          absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '-')) {
      return false;
    }
  }
  return true;
}

absl::Status ValidateId(absl::string_view id, const std::string& field) {
  if (IsValidId(id)) return absl::OkStatus();
  return InvalidField(field, absl::StrCat("'", id,
                                          "' is not an id (1..64 of a-z, 0-9 "
                                          "and '-')"));
}

}  // namespace concordia::domain
