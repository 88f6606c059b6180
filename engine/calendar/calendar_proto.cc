#include "engine/calendar/calendar_proto.h"

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"

namespace concordia::calendar {
namespace {

absl::Status Invalid(const std::string& field, absl::string_view problem) {
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
               absl::StrCat(field, ": ", problem), {{"field", field}});
}

absl::StatusOr<MonthDay> FromProto(const v1::MonthDay& md,
                                   const std::string& field) {
  if (md.month() < 1 || md.month() > 12) {
    return Invalid(field + ".month", absl::StrCat(md.month(), " is not 1..12"));
  }
  // 2028 is a leap year, so 29 February is accepted.
  const absl::CivilDay probe(2028, md.month(), md.day());
  if (md.day() < 1 || probe.month() != md.month() || probe.day() != md.day()) {
    return Invalid(field + ".day",
                   absl::StrCat(md.day(), " is not a day of month ",
                                md.month()));
  }
  return MonthDay{md.month(), md.day()};
}

}  // namespace

absl::StatusOr<DeadlineRule> FromProto(const v1::DeadlineRule& p) {
  DeadlineRule r;
  if (p.amount() < 0) return Invalid("amount", "must not be negative");
  if (p.amount() > 36500) return Invalid("amount", "unreasonably large");
  r.amount = p.amount();
  switch (p.unit()) {
    case v1::DEADLINE_UNIT_CALENDAR_DAYS:
      r.unit = Unit::kCalendarDays;
      break;
    case v1::DEADLINE_UNIT_WORKING_DAYS:
      r.unit = Unit::kWorkingDays;
      break;
    case v1::DEADLINE_UNIT_HOURS:
      r.unit = Unit::kHours;
      break;
    case v1::DEADLINE_UNIT_MONTHS:
      r.unit = Unit::kMonths;
      break;
    case v1::DEADLINE_UNIT_YEARS:
      r.unit = Unit::kYears;
      break;
    default:
      return Invalid("unit", "a unit is required");
  }
  r.count_first_day = p.count_first_day();
  r.roll_to_working_day = p.roll_to_working_day();
  r.next_january_first = p.next_january_first();
  if (r.unit == Unit::kHours && p.suspensions_size() > 0) {
    return Invalid("suspensions", "do not apply to hours");
  }
  for (int i = 0; i < p.suspensions_size(); ++i) {
    const std::string field = absl::StrCat("suspensions[", i, "]");
    auto from = FromProto(p.suspensions(i).from(), field + ".from");
    if (!from.ok()) return from.status();
    auto to = FromProto(p.suspensions(i).to(), field + ".to");
    if (!to.ok()) return to.status();
    r.suspensions.push_back({*from, *to});
  }
  return r;
}

absl::StatusOr<CalendarConfig> FromProto(const v1::CalendarConfig& p) {
  CalendarConfig c;
  if (p.has_patron_saint_day()) {
    auto md = FromProto(p.patron_saint_day(), "patron_saint_day");
    if (!md.ok()) return md.status();
    c.patron_saint = *md;
  }
  for (int i = 0; i < p.closures_size(); ++i) {
    const v1::Date& d = p.closures(i);
    const absl::CivilDay day(d.year(), d.month(), d.day());
    if (d.year() < 1900 || d.year() > 2999 || day.month() != d.month() ||
        day.day() != d.day()) {
      return Invalid(absl::StrCat("closures[", i, "]"), "not a valid date");
    }
    c.closures.push_back(day);
  }
  c.saturday_is_working_day = p.saturday_is_working_day();
  return c;
}

v1::DeadlineRule ToProto(const DeadlineRule& r) {
  v1::DeadlineRule p;
  p.set_amount(r.amount);
  switch (r.unit) {
    case Unit::kCalendarDays:
      p.set_unit(v1::DEADLINE_UNIT_CALENDAR_DAYS);
      break;
    case Unit::kWorkingDays:
      p.set_unit(v1::DEADLINE_UNIT_WORKING_DAYS);
      break;
    case Unit::kHours:
      p.set_unit(v1::DEADLINE_UNIT_HOURS);
      break;
    case Unit::kMonths:
      p.set_unit(v1::DEADLINE_UNIT_MONTHS);
      break;
    case Unit::kYears:
      p.set_unit(v1::DEADLINE_UNIT_YEARS);
      break;
  }
  p.set_count_first_day(r.count_first_day);
  p.set_roll_to_working_day(r.roll_to_working_day);
  p.set_next_january_first(r.next_january_first);
  for (const SuspensionPeriod& s : r.suspensions) {
    auto* out = p.add_suspensions();
    out->mutable_from()->set_month(s.from.month);
    out->mutable_from()->set_day(s.from.day);
    out->mutable_to()->set_month(s.to.month);
    out->mutable_to()->set_day(s.to.day);
  }
  return p;
}

v1::CalendarConfig ToProto(const CalendarConfig& c) {
  v1::CalendarConfig p;
  if (c.patron_saint.has_value()) {
    p.mutable_patron_saint_day()->set_month(c.patron_saint->month);
    p.mutable_patron_saint_day()->set_day(c.patron_saint->day);
  }
  for (const absl::CivilDay& d : c.closures) {
    v1::Date* out = p.add_closures();
    out->set_year(static_cast<int32_t>(d.year()));
    out->set_month(d.month());
    out->set_day(d.day());
  }
  p.set_saturday_is_working_day(c.saturday_is_working_day);
  return p;
}

}  // namespace concordia::calendar
