#include "engine/calendar/calendar.h"

#include <algorithm>

namespace concordia::calendar {
namespace {

int DaysInMonth(int64_t year, int month) {
  const absl::CivilMonth m(year, month);
  return static_cast<int>(absl::CivilDay(m + 1) - absl::CivilDay(m));
}

int DayOfYearKey(int month, int day) { return month * 100 + day; }

}  // namespace

bool SuspensionPeriod::Contains(absl::CivilDay d) const {
  const int k = DayOfYearKey(d.month(), d.day());
  const int a = DayOfYearKey(from.month, from.day);
  const int b = DayOfYearKey(to.month, to.day);
  return a <= b ? (k >= a && k <= b) : (k >= a || k <= b);
}

absl::CivilDay EasterSunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = ((h + l - 7 * m + 114) % 31) + 1;
  return absl::CivilDay(year, month, day);
}

Calendar::Calendar(CalendarConfig config) : config_(std::move(config)) {}

std::string Calendar::HolidayName(absl::CivilDay d) const {
  struct Fixed {
    int month, day;
    const char* name;
  };
  // National holidays (L. 260/1949 and later amendments).
  static constexpr Fixed kFixed[] = {
      {1, 1, "Capodanno"},
      {1, 6, "Epifania"},
      {4, 25, "Festa della Liberazione"},
      {5, 1, "Festa del Lavoro"},
      {6, 2, "Festa della Repubblica"},
      {8, 15, "Ferragosto"},
      {11, 1, "Ognissanti"},
      {12, 8, "Immacolata Concezione"},
      {12, 25, "Natale"},
      {12, 26, "Santo Stefano"},
  };
  for (const Fixed& f : kFixed) {
    if (d.month() == f.month && d.day() == f.day) return f.name;
  }
  const absl::CivilDay easter = EasterSunday(static_cast<int>(d.year()));
  if (d == easter) return "Pasqua";
  if (d == easter + 1) return "Lunedi dell'Angelo";
  if (config_.patron_saint.has_value() && config_.patron_saint->Matches(d)) {
    return "Santo patrono";
  }
  if (std::find(config_.closures.begin(), config_.closures.end(), d) !=
      config_.closures.end()) {
    return "Chiusura degli uffici";
  }
  return "";
}

bool Calendar::IsWorkingDay(absl::CivilDay d) const {
  const absl::Weekday w = absl::GetWeekday(d);
  if (w == absl::Weekday::sunday) return false;
  if (w == absl::Weekday::saturday && !config_.saturday_is_working_day) {
    return false;
  }
  return !IsHoliday(d);
}

absl::CivilDay Calendar::NextWorkingDay(absl::CivilDay d) const {
  while (!IsWorkingDay(d)) ++d;
  return d;
}

bool Calendar::Counts(absl::CivilDay d, const DeadlineRule& rule) const {
  for (const SuspensionPeriod& s : rule.suspensions) {
    if (s.Contains(d)) return false;
  }
  return rule.unit != Unit::kWorkingDays || IsWorkingDay(d);
}

absl::CivilDay Calendar::Deadline(absl::CivilDay start,
                                  const DeadlineRule& rule) const {
  absl::CivilDay end = start;
  switch (rule.unit) {
    case Unit::kCalendarDays:
    case Unit::kWorkingDays: {
      int64_t counted = 0;
      absl::CivilDay d = rule.count_first_day ? start : start + 1;
      if (rule.amount <= 0) break;
      while (true) {
        if (Counts(d, rule) && ++counted == rule.amount) break;
        ++d;
      }
      end = d;
      break;
    }
    case Unit::kMonths:
    case Unit::kYears: {
      const int64_t months =
          rule.unit == Unit::kYears ? rule.amount * 12 : rule.amount;
      end = AddMonths(start, months);
      if (rule.count_first_day) end -= 1;
      // Suspended days inside the period lengthen it by as many counted days.
      int64_t extra = 0;
      for (absl::CivilDay d = start + 1; d <= end; ++d) {
        if (!Counts(d, rule)) ++extra;
      }
      while (extra > 0) {
        ++end;
        if (Counts(end, rule)) --extra;
      }
      break;
    }
    case Unit::kHours:
      // Hour-based rules are compared on times (IsNoticeRespected); as days
      // they last the whole days they span.
      end = start + (rule.amount + 23) / 24;
      break;
  }
  if (rule.roll_to_working_day) end = NextWorkingDay(end);
  if (rule.next_january_first && !(end.month() == 1 && end.day() == 1)) {
    end = absl::CivilDay(end.year() + 1, 1, 1);
  }
  return end;
}

absl::CivilDay Calendar::LatestDelivery(absl::CivilDay event_day,
                                        const DeadlineRule& rule) const {
  // Deadline is monotone in its start: walk back to the first start whose
  // period has run by the event day.
  absl::CivilDay d = event_day;
  while (Deadline(d, rule) > event_day) --d;
  return d;
}

bool Calendar::IsNoticeRespected(absl::CivilDay delivery,
                                 absl::CivilDay event_day,
                                 const DeadlineRule& rule) const {
  return Deadline(delivery, rule) <= event_day;
}

bool Calendar::IsNoticeRespected(absl::Time delivery, absl::Time event,
                                 const DeadlineRule& rule) const {
  if (rule.unit == Unit::kHours) {
    return delivery + absl::Hours(rule.amount) <= event;
  }
  return IsNoticeRespected(RomeDay(delivery), RomeDay(event), rule);
}

Window AlboWindow(absl::CivilDay start, int days, int interruption_days) {
  return {start, start + (days - 1) + interruption_days};
}

absl::CivilDay ExecutiveDay(absl::CivilDay base, int days) {
  return base + days + 1;
}

absl::CivilDay TransparencyEnd(absl::CivilDay publication_start, int years) {
  return absl::CivilDay(publication_start.year() + years, 12, 31);
}

absl::CivilDay WithdrawalEffective(absl::CivilDay notice, int months) {
  const absl::CivilDay after = AddMonths(notice, months);
  if (after.month() == 1 && after.day() == 1) return after;
  return absl::CivilDay(after.year() + 1, 1, 1);
}

absl::CivilDay AddMonths(absl::CivilDay day, int64_t months) {
  const absl::CivilMonth m = absl::CivilMonth(day) + months;
  const int last = DaysInMonth(m.year(), m.month());
  return absl::CivilDay(m.year(), m.month(), std::min<int>(day.day(), last));
}

const absl::TimeZone& Rome() {
  static const absl::TimeZone* const tz = [] {
    auto* zone = new absl::TimeZone();
    if (!absl::LoadTimeZone("Europe/Rome", zone)) {
      *zone = absl::FixedTimeZone(3600);
    }
    return zone;
  }();
  return *tz;
}

absl::CivilDay RomeDay(absl::Time t) { return absl::ToCivilDay(t, Rome()); }

absl::Time StartOfRomeDay(absl::CivilDay day) {
  return absl::FromCivil(day, Rome());
}

}  // namespace concordia::calendar
