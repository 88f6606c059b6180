#include "engine/calendar/calendar.h"

#include "engine/calendar/statutory_defaults.h"
#include "gtest/gtest.h"

namespace concordia::calendar {
namespace {

using absl::CivilDay;

TEST(EasterTest, MatchesThePublishedDates2000To2030) {
  // Easter Sundays as published in the liturgical calendar.
  const int known[][3] = {
      {2000, 4, 23},
      {2001, 4, 15},
      {2002, 3, 31},
      {2003, 4, 20},
      {2004, 4, 11},
      {2005, 3, 27},
      {2006, 4, 16},
      {2007, 4, 8},
      {2008, 3, 23},
      {2009, 4, 12},
      {2010, 4, 4},
      {2011, 4, 24},
      {2012, 4, 8},
      {2013, 3, 31},
      {2014, 4, 20},
      {2015, 4, 5},
      {2016, 3, 27},
      {2017, 4, 16},
      {2018, 4, 1},
      {2019, 4, 21},
      {2020, 4, 12},
      {2021, 4, 4},
      {2022, 4, 17},
      {2023, 4, 9},
      {2024, 3, 31},
      {2025, 4, 20},
      {2026, 4, 5},
      {2027, 3, 28},
      {2028, 4, 16},
      {2029, 4, 1},
      {2030, 4, 21}};
  for (const auto& k : known) {
    EXPECT_EQ(EasterSunday(k[0]), CivilDay(k[0], k[1], k[2])) << k[0];
  }
}

TEST(HolidayTest, EasterMondayAndTheNationalHolidays) {
  Calendar cal;
  for (CivilDay d : {CivilDay(2025, 4, 21), CivilDay(2026, 4, 6),
                     CivilDay(2027, 3, 29)}) {
    EXPECT_EQ(cal.HolidayName(d), "Lunedi dell'Angelo") << d;
    EXPECT_FALSE(cal.IsWorkingDay(d)) << d;
  }
  for (CivilDay d : {CivilDay(2026, 1, 1), CivilDay(2026, 1, 6),
                     CivilDay(2026, 4, 25), CivilDay(2026, 5, 1),
                     CivilDay(2026, 6, 2), CivilDay(2026, 8, 15),
                     CivilDay(2026, 11, 1), CivilDay(2026, 12, 8),
                     CivilDay(2026, 12, 25), CivilDay(2026, 12, 26)}) {
    EXPECT_TRUE(cal.IsHoliday(d)) << d;
  }
  EXPECT_FALSE(cal.IsHoliday(CivilDay(2026, 3, 4)));
  EXPECT_TRUE(cal.IsWorkingDay(CivilDay(2026, 3, 4)));     // Wednesday
  EXPECT_FALSE(cal.IsWorkingDay(CivilDay(2026, 3, 7)));    // Saturday
  EXPECT_FALSE(cal.IsWorkingDay(CivilDay(2026, 3, 8)));    // Sunday
  CalendarConfig config;
  config.saturday_is_working_day = true;
  Calendar saturdays(config);
  EXPECT_TRUE(saturdays.IsWorkingDay(CivilDay(2026, 3, 7)));
  EXPECT_FALSE(saturdays.IsWorkingDay(CivilDay(2026, 3, 8)));
}

TEST(HolidayTest, PatronSaintAndClosuresAreConfigurable) {
  // Pistoia's patron, San Jacopo, 25 July; 25 July 2025 is a Friday.
  CalendarConfig config;
  config.patron_saint = MonthDay{7, 25};
  config.closures = {CivilDay(2025, 12, 24)};
  Calendar pistoia(config);
  Calendar other;
  EXPECT_EQ(pistoia.HolidayName(CivilDay(2025, 7, 25)), "Santo patrono");
  EXPECT_FALSE(pistoia.IsWorkingDay(CivilDay(2025, 7, 25)));
  EXPECT_TRUE(other.IsWorkingDay(CivilDay(2025, 7, 25)));
  EXPECT_FALSE(pistoia.IsWorkingDay(CivilDay(2025, 12, 24)));
  EXPECT_TRUE(other.IsWorkingDay(CivilDay(2025, 12, 24)));
}

TEST(DeadlineTest, TheFirstDayIsNotCounted) {
  Calendar cal;
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 3, 4), Period(10)), CivilDay(2026, 3, 14));
  DeadlineRule inclusive = Period(10);
  inclusive.count_first_day = true;
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 3, 4), inclusive),
            CivilDay(2026, 3, 13));
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 3, 4), Period(0)), CivilDay(2026, 3, 4));
}

TEST(DeadlineTest, ChristmasAndSundaysRollForwardOnlyWhenTheRuleSaysSo) {
  Calendar cal;
  DeadlineRule roll = Period(10);
  roll.roll_to_working_day = true;
  // 15 Dec 2026 + 10 days = Friday 25 December; 26 is a holiday, 27 Sunday.
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 12, 15), Period(10)), CivilDay(2026, 12, 25));
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 12, 15), roll), CivilDay(2026, 12, 28));
  // 5 March 2026 + 10 days = Sunday 15 March.
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 3, 5), Period(10)), CivilDay(2026, 3, 15));
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 3, 5), roll), CivilDay(2026, 3, 16));
}

TEST(DeadlineTest, WorkingDaysSkipTheEasterWeekend) {
  Calendar cal;
  DeadlineRule three = Period(3, Unit::kWorkingDays);
  // Thu 2 April 2026: Fri 3 (1), Sat, Easter Sunday, Easter Monday, Tue 7
  // (2), Wed 8 (3).
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 4, 2), three), CivilDay(2026, 4, 8));
}

TEST(DeadlineTest, AugustSuspensionDoesNotCount) {
  Calendar cal;
  DeadlineRule thirty = Period(30);
  thirty.suspensions.push_back({MonthDay{8, 1}, MonthDay{8, 31}});
  // 20 July 2026: 21..31 July are 11 days; the rest run from 1 September.
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 7, 20), thirty), CivilDay(2026, 9, 19));
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 7, 20), Period(30)), CivilDay(2026, 8, 19));
  // A suspension spanning the new year.
  SuspensionPeriod winter{MonthDay{12, 24}, MonthDay{1, 6}};
  EXPECT_TRUE(winter.Contains(CivilDay(2026, 12, 31)));
  EXPECT_TRUE(winter.Contains(CivilDay(2027, 1, 6)));
  EXPECT_FALSE(winter.Contains(CivilDay(2027, 1, 7)));
  // Months lengthen by the suspended days inside them.
  DeadlineRule month = Period(1, Unit::kMonths);
  month.suspensions.push_back({MonthDay{8, 1}, MonthDay{8, 31}});
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 7, 15), month), CivilDay(2026, 9, 15));
}

TEST(DeadlineTest, MonthsAndYears) {
  Calendar cal;
  EXPECT_EQ(AddMonths(CivilDay(2026, 8, 31), 6), CivilDay(2027, 2, 28));
  EXPECT_EQ(AddMonths(CivilDay(2027, 8, 31), 6), CivilDay(2028, 2, 29));
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 3, 2), Period(12, Unit::kMonths)),
            CivilDay(2027, 3, 2));
  EXPECT_EQ(cal.Deadline(CivilDay(2024, 2, 29), Period(1, Unit::kYears)),
            CivilDay(2025, 2, 28));
}

TEST(NoticeTest, OrdinarySessionOnAMonday) {
  Calendar cal;
  const CivilDay session(2026, 3, 9);  // Monday
  const DeadlineRule notice = defaults::OrdinaryNotice();
  EXPECT_EQ(cal.LatestDelivery(session, notice), CivilDay(2026, 3, 4));
  EXPECT_TRUE(cal.IsNoticeRespected(CivilDay(2026, 3, 4), session, notice));
  EXPECT_TRUE(cal.IsNoticeRespected(CivilDay(2026, 3, 1), session, notice));
  EXPECT_FALSE(cal.IsNoticeRespected(CivilDay(2026, 3, 5), session, notice));
  // Three days for an extraordinary session.
  EXPECT_EQ(cal.LatestDelivery(session, defaults::ExtraordinaryNotice()),
            CivilDay(2026, 3, 6));
  // In working days the weekend does not count.
  DeadlineRule working = Period(5, Unit::kWorkingDays);
  EXPECT_EQ(cal.LatestDelivery(session, working), CivilDay(2026, 3, 2));
}

TEST(NoticeTest, UrgentTwentyFourHours) {
  Calendar cal;
  const absl::Time session = absl::FromCivil(
      absl::CivilSecond(2026, 3, 9, 10, 0, 0), Rome());
  const DeadlineRule urgent = defaults::UrgentNotice();
  EXPECT_TRUE(cal.IsNoticeRespected(session - absl::Hours(24), session, urgent));
  EXPECT_FALSE(cal.IsNoticeRespected(session - absl::Hours(24) +
                                         absl::Minutes(1),
                                     session, urgent));
}

TEST(PeriodTest, ScenarioS5) {
  const CivilDay start(2026, 3, 4);  // adopted 2 March, published from 4 March
  const Window albo = AlboWindow(start, defaults::kAlboDays);
  EXPECT_EQ(albo.first, CivilDay(2026, 3, 4));
  EXPECT_EQ(albo.last, CivilDay(2026, 3, 18));
  EXPECT_EQ(ExecutiveDay(start, defaults::kExecutivityDays),
            CivilDay(2026, 3, 15));
  EXPECT_EQ(ExecutiveDay(albo.last, defaults::kExecutivityDays),
            CivilDay(2026, 3, 29));
  EXPECT_EQ(TransparencyEnd(start, defaults::kTransparencyYears),
            CivilDay(2031, 12, 31));
  // An interruption of 2 days extends the window.
  EXPECT_EQ(AlboWindow(start, 15, 2).last, CivilDay(2026, 3, 20));
}

TEST(PeriodTest, WithdrawalTakesEffectTheNextFirstOfJanuary) {
  Calendar cal;
  EXPECT_EQ(WithdrawalEffective(CivilDay(2026, 5, 15), 6), CivilDay(2027, 1, 1));
  EXPECT_EQ(WithdrawalEffective(CivilDay(2026, 8, 15), 6), CivilDay(2028, 1, 1));
  EXPECT_EQ(WithdrawalEffective(CivilDay(2026, 7, 1), 6), CivilDay(2027, 1, 1));
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 5, 15), defaults::WithdrawalNotice()),
            CivilDay(2027, 1, 1));
  EXPECT_EQ(cal.Deadline(CivilDay(2026, 8, 15), defaults::WithdrawalNotice()),
            CivilDay(2028, 1, 1));
}

TEST(TimeZoneTest, RomeDaysAcrossDaylightSaving) {
  // 22:30 UTC on 28 June 2026 is 00:30 on 29 June in Rome (UTC+2).
  EXPECT_EQ(RomeDay(absl::FromCivil(absl::CivilSecond(2026, 6, 28, 22, 30, 0),
                                    absl::UTCTimeZone())),
            CivilDay(2026, 6, 29));
  // In January Rome is UTC+1.
  EXPECT_EQ(StartOfRomeDay(CivilDay(2026, 1, 10)),
            absl::FromCivil(absl::CivilSecond(2026, 1, 9, 23, 0, 0),
                            absl::UTCTimeZone()));
}

}  // namespace
}  // namespace concordia::calendar
