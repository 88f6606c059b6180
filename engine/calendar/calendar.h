// The statutory calendar: Italian public holidays, working days, and how
// administrative deadlines are counted — forward ("within 15 days of"),
// backward (notice before a session), with suspensions and roll-forward.
//
// Counting rules (engine/calendar/README.md states them in full):
//  - the first day is not counted unless the rule says so (dies a quo non
//    computatur): 10 days from 4 March end on 14 March;
//  - working days skip Sundays, Saturdays (unless the consortium works on
//    Saturday), national holidays, the patron saint's day and closures;
//  - days inside a suspension period do not count;
//  - a deadline on a non-working day moves to the next working day when the
//    rule says so;
//  - months keep the day of the month (or the month's last day).
// Every function is pure and deterministic.
//
// Thread-safety: a Calendar is immutable after construction.
//
// Example:
//   CalendarConfig config;
//   config.patron_saint = MonthDay{7, 25};  // Pistoia: San Jacopo
//   Calendar cal(config);
//   absl::CivilDay due = cal.Deadline(absl::CivilDay(2026, 3, 4), Period(10));
#ifndef CONCORDIA_ENGINE_CALENDAR_CALENDAR_H_
#define CONCORDIA_ENGINE_CALENDAR_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace concordia::calendar {

// A day recurring every year.
struct MonthDay {
  int month = 1;
  int day = 1;
  bool Matches(absl::CivilDay d) const {
    return d.month() == month && d.day() == day;
  }
};

// Recurring days that do not count, from `from` to `to` inclusive.
struct SuspensionPeriod {
  MonthDay from;
  MonthDay to;
  bool Contains(absl::CivilDay d) const;
};

struct CalendarConfig {
  std::optional<MonthDay> patron_saint;
  std::vector<absl::CivilDay> closures;
  bool saturday_is_working_day = false;
};

enum class Unit { kCalendarDays, kWorkingDays, kHours, kMonths, kYears };

struct DeadlineRule {
  int64_t amount = 0;
  Unit unit = Unit::kCalendarDays;
  bool count_first_day = false;
  bool roll_to_working_day = false;
  std::vector<SuspensionPeriod> suspensions;
  bool next_january_first = false;
};

// A plain rule: `amount` units, first day not counted, nothing else.
inline DeadlineRule Period(int64_t amount, Unit unit = Unit::kCalendarDays) {
  DeadlineRule r;
  r.amount = amount;
  r.unit = unit;
  return r;
}

// Easter Sunday of `year` (Gregorian calendar), by the anonymous Gregorian
// computus.
absl::CivilDay EasterSunday(int year);

class Calendar {
 public:
  explicit Calendar(CalendarConfig config = {});

  // The holiday's name ("Pasquetta", "Natale", "Santo patrono", ...) or "".
  std::string HolidayName(absl::CivilDay day) const;
  bool IsHoliday(absl::CivilDay day) const { return !HolidayName(day).empty(); }
  bool IsWorkingDay(absl::CivilDay day) const;
  // `day` itself if it is a working day, else the next one.
  absl::CivilDay NextWorkingDay(absl::CivilDay day) const;

  // The last day of a period of `rule` (a day-based, month or year unit)
  // starting on `start`.
  absl::CivilDay Deadline(absl::CivilDay start, const DeadlineRule& rule) const;

  // For a notice rule and an event (a session) on `event_day`: the latest day
  // the notice may be delivered, so that the period counted from delivery
  // has run by the event day.
  absl::CivilDay LatestDelivery(absl::CivilDay event_day,
                                const DeadlineRule& rule) const;
  bool IsNoticeRespected(absl::CivilDay delivery, absl::CivilDay event_day,
                         const DeadlineRule& rule) const;
  // The same for hour-based notice (e.g. 24 hours for urgent sessions).
  bool IsNoticeRespected(absl::Time delivery, absl::Time event,
                         const DeadlineRule& rule) const;

 private:
  bool Counts(absl::CivilDay day, const DeadlineRule& rule) const;
  CalendarConfig config_;
};

// First and last day (inclusive) of a publication window.
struct Window {
  absl::CivilDay first;
  absl::CivilDay last;
};

// The albo window: `days` consecutive days from `start` inclusive, extended
// by the days the publication was interrupted.
Window AlboWindow(absl::CivilDay start, int days, int interruption_days = 0);

// The day a deliberation becomes executive: the day after the `days`-th day
// counted from `base` (the first day not counted) — `base` is the start of
// publication, or its last day with the "from the end" setting.
absl::CivilDay ExecutiveDay(absl::CivilDay base, int days);

// The last day of mandatory transparency publication: `years` years from
// 1 January of the year after publication started.
absl::CivilDay TransparencyEnd(absl::CivilDay publication_start, int years);

// The day a withdrawal takes effect: the first 1 January on or after
// `notice` plus `months` months.
absl::CivilDay WithdrawalEffective(absl::CivilDay notice, int months);

// `day` plus `months` months, clamped to the month's last day.
absl::CivilDay AddMonths(absl::CivilDay day, int64_t months);

// Italy's time zone (Europe/Rome, from the system tz database; falls back to
// UTC+1 only if the database is missing).
const absl::TimeZone& Rome();
absl::CivilDay RomeDay(absl::Time t);
absl::Time StartOfRomeDay(absl::CivilDay day);

}  // namespace concordia::calendar

#endif  // CONCORDIA_ENGINE_CALENDAR_CALENDAR_H_
