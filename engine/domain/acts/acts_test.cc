#include "engine/domain/acts/acts.h"

#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "gtest/gtest.h"

namespace concordia::domain::acts {
namespace {

v1::ApprovingAct External(absl::CivilDay date, absl::CivilDay executive) {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_body("Consiglio comunale di Melegnano");
  a.mutable_deliberation()->set_number("12");
  *a.mutable_deliberation()->mutable_date() = ToDate(date);
  *a.mutable_declared_executive_on() = ToDate(executive);
  return a;
}

std::string FieldOf(const absl::Status& s) { return ErrorMetadata(s)["field"]; }

TEST(ActsTest, ExternalActIsExecutiveFromTheDeclaredDay) {
  const v1::ApprovingAct a =
      External(absl::CivilDay(2026, 2, 10), absl::CivilDay(2026, 2, 21));
  ASSERT_TRUE(ValidateAct(a, "act").ok());
  EXPECT_FALSE(IsInternal(a));
  EXPECT_FALSE(ExternalExecutiveOn(a, absl::CivilDay(2026, 2, 20)));
  EXPECT_TRUE(ExternalExecutiveOn(a, absl::CivilDay(2026, 2, 21)));
  EXPECT_EQ(Describe(a), "Consiglio comunale di Melegnano n. 12 of 2026-02-10");
}

TEST(ActsTest, InternalActIsNeverDeclared) {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_proposal_id("p-2026-4");
  ASSERT_TRUE(ValidateAct(a, "act").ok());
  EXPECT_TRUE(IsInternal(a));
  EXPECT_FALSE(ExternalExecutiveOn(a, absl::CivilDay(2030, 1, 1)));
  *a.mutable_declared_executive_on() = ToDate(absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(FieldOf(ValidateAct(a, "act")), "act.declared_executive_on");
}

TEST(ActsTest, MalformedExternalActsNameTheField) {
  v1::ApprovingAct a =
      External(absl::CivilDay(2026, 2, 10), absl::CivilDay(2026, 2, 21));
  v1::ApprovingAct no_body = a;
  no_body.mutable_deliberation()->clear_body();
  EXPECT_EQ(FieldOf(ValidateAct(no_body, "act")), "act.deliberation.body");
  v1::ApprovingAct no_number = a;
  no_number.mutable_deliberation()->clear_number();
  EXPECT_EQ(FieldOf(ValidateAct(no_number, "act")), "act.deliberation.number");
  v1::ApprovingAct undeclared = a;
  undeclared.clear_declared_executive_on();
  EXPECT_EQ(FieldOf(ValidateAct(undeclared, "act")),
            "act.declared_executive_on");
  v1::ApprovingAct before =
      External(absl::CivilDay(2026, 2, 10), absl::CivilDay(2026, 2, 9));
  EXPECT_EQ(FieldOf(ValidateAct(before, "act")), "act.declared_executive_on");
  v1::ApprovingAct hash = a;
  hash.set_document_sha256("ABC");
  EXPECT_EQ(FieldOf(ValidateAct(hash, "act")), "act.document_sha256");
  hash.set_document_sha256(std::string(64, 'A'));
  EXPECT_EQ(ValidateAct(hash, "act").code(),
            absl::StatusCode::kInvalidArgument);
  hash.set_document_sha256(std::string(64, 'a'));
  EXPECT_TRUE(ValidateAct(hash, "act").ok());
}

}  // namespace
}  // namespace concordia::domain::acts
