#include "services/common/request_fields.h"

#include "engine/common/clock.h"
#include "engine/common/errors.h"
#include "concordia/v1/session_events.pb.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia {
namespace {

std::string FieldOf(const absl::Status& s) { return ErrorMetadata(s)["field"]; }

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

TEST(RequestFieldsTest, IdsPrincipalsTextsAndEnumsNameTheirField) {
  EXPECT_TRUE(RequireId("melegnano", "member_id").ok());
  EXPECT_EQ(FieldOf(RequireId("", "member_id")), "member_id");
  EXPECT_EQ(FieldOf(RequireId("Melegnano", "member_id")), "member_id");
  EXPECT_EQ(RequireId("a b", "x").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(RequirePrincipal("sindaco@melegnano", "person").ok());
  EXPECT_EQ(FieldOf(RequirePrincipal("no spaces", "person")), "person");
  EXPECT_EQ(FieldOf(RequirePrincipal("", "person")), "person");
  EXPECT_TRUE(RequireText("", "text", 10, /*required=*/false).ok());
  EXPECT_EQ(FieldOf(RequireText("", "title", 10)), "title");
  EXPECT_EQ(FieldOf(RequireText(std::string(11, 'x'), "title", 10)), "title");
  EXPECT_TRUE(RequireEnum(v1::BALLOT_MAIN, v1::Ballot_IsValid,
                          "kind")
                  .ok());
  EXPECT_EQ(FieldOf(RequireEnum(0, v1::Ballot_IsValid, "kind")), "kind");
  EXPECT_EQ(FieldOf(RequireEnum(99, v1::Ballot_IsValid, "kind")), "kind");
  EXPECT_TRUE(RequireEnum(0, v1::Ballot_IsValid, "kind", false).ok());
}

TEST(RequestFieldsTest, DatesAndTimes) {
  EXPECT_EQ(*RequiredDay(D(2026, 3, 2), true, "effective_from"),
            absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(FieldOf(RequiredDay({}, false, "effective_from").status()),
            "effective_from");
  EXPECT_EQ(FieldOf(RequiredDay(D(2026, 2, 30), true, "first_day").status()),
            "first_day");
  SimulatedClock clock(absl::FromCivil(absl::CivilSecond(2026, 3, 1, 23, 30, 0),
                                       absl::UTCTimeZone()));
  ServiceEnv env;
  env.clock = &clock;
  // 23:30 UTC on 1 March is already 2 March in Rome.
  EXPECT_EQ(*DayOrToday(env, {}, false, "as_of_date"),
            absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(*DayOrToday(env, D(2025, 1, 1), true, "as_of_date"),
            absl::CivilDay(2025, 1, 1));
  google::protobuf::Timestamp t;
  EXPECT_EQ(FieldOf(RequiredTime(t, false, "session_time").status()),
            "session_time");
  t.set_seconds(-5);
  EXPECT_EQ(FieldOf(RequiredTime(t, true, "session_time").status()),
            "session_time");
  const absl::Time when = absl::FromUnixSeconds(1772442000);
  EXPECT_EQ(*RequiredTime(ToTimestamp(when), true, "session_time"), when);
}

TEST(RequestFieldsTest, CommandContextAndPositions) {
  log::testing::TestLog t;
  ServiceEnv env;
  env.clock = &t.clock;
  env.log = t.log.get();
  const absl::Time effective = absl::FromUnixSeconds(1772409600);
  auto ctx = CommandContextFor(env, "p@x", "r-1", 4, effective);
  ASSERT_TRUE(ctx.ok());
  EXPECT_EQ(ctx->principal, "p@x");
  EXPECT_EQ(*ctx->expected_version, 4u);
  EXPECT_EQ(ctx->effective_time, effective);
  EXPECT_EQ(ctx->now, t.clock.Now());
  EXPECT_EQ(FieldOf(CommandContextFor(env, "p", "", {}, effective).status()),
            "request_id");
  EXPECT_EQ(FieldOf(CommandContextFor(env, "p", std::string(129, 'r'), {},
                                      effective)
                        .status()),
            "request_id");
  EXPECT_EQ(FieldOf(CommandContextFor(env, "p", "a b", {}, effective).status()),
            "request_id");
  // Reads: 0 is the end of the log; beyond it is OUT_OF_RANGE.
  ASSERT_TRUE(t.log->Append("c/s", log::ExpectedVersion::Any(),
                            {log::testing::MakeEvent(1)})
                  .ok());
  EXPECT_EQ(*ReadPosition(env, 0), 1u);
  EXPECT_EQ(*ReadPosition(env, 1), 1u);
  absl::Status future = ReadPosition(env, 2).status();
  EXPECT_EQ(future.code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ErrorReason(future), "FUTURE_POSITION");
  domain::Outcome nothing;
  EXPECT_EQ(WrittenPosition(env, nothing), 1u);
  domain::Outcome appended{1, 1, 1, false};
  EXPECT_EQ(WrittenPosition(env, appended), 1u);
}

}  // namespace
}  // namespace concordia
