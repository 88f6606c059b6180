#include "engine/calendar/calendar_proto.h"

#include "engine/common/errors.h"
#include "gtest/gtest.h"

namespace concordia::calendar {
namespace {

TEST(CalendarProtoTest, RoundTrips) {
  DeadlineRule r = Period(30, Unit::kWorkingDays);
  r.roll_to_working_day = true;
  r.suspensions.push_back({MonthDay{8, 1}, MonthDay{8, 31}});
  auto back = FromProto(ToProto(r));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->amount, 30);
  EXPECT_EQ(back->unit, Unit::kWorkingDays);
  EXPECT_TRUE(back->roll_to_working_day);
  ASSERT_EQ(back->suspensions.size(), 1u);
  EXPECT_EQ(back->suspensions[0].to.day, 31);

  CalendarConfig c;
  c.patron_saint = MonthDay{7, 25};
  c.closures = {absl::CivilDay(2026, 12, 24)};
  c.saturday_is_working_day = true;
  auto config = FromProto(ToProto(c));
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->patron_saint->month, 7);
  EXPECT_EQ(config->closures[0], absl::CivilDay(2026, 12, 24));
  EXPECT_TRUE(config->saturday_is_working_day);
}

TEST(CalendarProtoTest, BadValuesNameTheField) {
  v1::DeadlineRule p;
  p.set_amount(5);
  EXPECT_EQ(ErrorMetadata(FromProto(p).status())["field"], "unit");
  p.set_unit(v1::DEADLINE_UNIT_CALENDAR_DAYS);
  p.set_amount(-1);
  EXPECT_EQ(ErrorMetadata(FromProto(p).status())["field"], "amount");
  p.set_amount(5);
  auto* s = p.add_suspensions();
  s->mutable_from()->set_month(13);
  s->mutable_from()->set_day(1);
  EXPECT_EQ(ErrorMetadata(FromProto(p).status())["field"],
            "suspensions[0].from.month");
  s->mutable_from()->set_month(2);
  s->mutable_from()->set_day(30);
  EXPECT_EQ(ErrorMetadata(FromProto(p).status())["field"],
            "suspensions[0].from.day");
  v1::CalendarConfig c;
  auto* d = c.add_closures();
  d->set_year(2026);
  d->set_month(2);
  d->set_day(29);
  EXPECT_EQ(FromProto(c).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace concordia::calendar
