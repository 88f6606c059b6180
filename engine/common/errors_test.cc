#include "engine/common/errors.h"

#include "gtest/gtest.h"

namespace concordia {
namespace {

TEST(ErrorsTest, CarriesReasonAndMetadata) {
  absl::Status s = Error(absl::StatusCode::kAborted, "WRONG_EXPECTED_VERSION",
                         "expected 3, actual 5",
                         {{"expected", "3"}, {"actual", "5"}});
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(s.message(), "expected 3, actual 5");
  EXPECT_EQ(ErrorReason(s), "WRONG_EXPECTED_VERSION");
  auto meta = ErrorMetadata(s);
  ASSERT_EQ(meta.size(), 2u);
  EXPECT_EQ(meta["expected"], "3");
  EXPECT_EQ(meta["actual"], "5");
  SetErrorMetadata(s, "stream", "c/x");
  EXPECT_EQ(ErrorMetadata(s)["stream"], "c/x");
}

TEST(ErrorsTest, PlainStatusHasNoReason) {
  EXPECT_EQ(ErrorReason(absl::NotFoundError("x")), "");
  EXPECT_TRUE(ErrorMetadata(absl::NotFoundError("x")).empty());
  EXPECT_EQ(ErrorReason(absl::OkStatus()), "");
}

}  // namespace
}  // namespace concordia
