#include "engine/domain/allocation/money.h"

#include "gtest/gtest.h"

namespace concordia::domain::allocation {
namespace {

TEST(MoneyTest, CentsReadAsEuros) {
  EXPECT_EQ(Euros(14'000'000), "EUR 140,000.00");
  EXPECT_EQ(Euros(5), "EUR 0.05");
  EXPECT_EQ(Euros(0), "EUR 0.00");
  EXPECT_EQ(Euros(100'000), "EUR 1,000.00");
  EXPECT_EQ(Euros(-123'456), "EUR -1,234.56");
  EXPECT_EQ(Euros(INT64_MIN), "EUR -92,233,720,368,547,758.08");
}

}  // namespace
}  // namespace concordia::domain::allocation
