// A simulated year in the life of the Sud Est Milano social district,
// checked date by date (district_year.h lists what happens), then run again
// on a fresh log — the same history, byte for byte — and replayed by fresh
// handlers — the same state.
#include "tests/year/district_year.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "engine/domain/cooperation/cooperation.h"
#include "engine/domain/governance/governance.h"
#include "gtest/gtest.h"

namespace concordia::testing {
namespace {

// Each record as the log holds it, with its time and its causes.
std::vector<std::string> History(Year& year) {
  std::vector<std::string> out;
  auto& log = *year.c.district.log.log;
  for (uint64_t from = 1; from <= log.LastPosition(); from += 1000) {
    auto records = log.ReadAll(from, 1000, log::RecordFilter{}, 0, nullptr);
    EXPECT_TRUE(records.ok());
    if (!records.ok()) break;
    for (const log::Record& r : *records) {
      out.push_back(absl::StrCat(
          r.position, " ", r.stream, "#", r.stream_version, " ", r.type, " ",
          r.id.ToHex(), " ", absl::ToUnixMicros(r.recorded_at), " ",
          absl::ToUnixMicros(r.metadata.effective_time), " ",
          r.metadata.principal, " ", r.metadata.causation_id, " ",
          absl::BytesToHexString(r.payload)));
    }
  }
  return out;
}

TEST(DistrictYearTest, EveryFactOnItsDayAndNotADayEarly) {
  Year year;
  year.Run();
  for (const Miss& m : year.Misses()) {
    ADD_FAILURE() << absl::FormatCivilTime(m.day) << ": \"" << m.fact
                  << "\" should " << (m.expected ? "" : "not ") << "hold";
  }
  EXPECT_TRUE(year.Misses().empty());
  // Every fact is observed every day of the year.
  const int days = static_cast<int>(Year::kLastDay - Year::kFirstDay) + 1;
  EXPECT_EQ(days, 365);
  EXPECT_EQ(year.Observations(), days * static_cast<int>(year.Facts().size()));
  EXPECT_GE(year.Facts().size(), 50u);
}

TEST(DistrictYearTest,
     TheSameYearTwiceGivesTheSameHistoryAndReplayTheSameState) {
  Year first, second;
  first.Run();
  second.Run();
  ASSERT_TRUE(first.Misses().empty());
  const std::vector<std::string> a = History(first);
  const std::vector<std::string> b = History(second);
  // The whole log, every record of it.
  EXPECT_EQ(a.size(), first.c.district.log.log->LastPosition());
  EXPECT_GT(a.size(), 300u);
  EXPECT_EQ(a, b);
  // Fresh handlers folding the log from the start read what the year's
  // handlers read.
  const std::string seen =
      first.Summary(first.c.district.governance, first.c.cooperation);
  domain::Governance governance(*first.c.district.log.log);
  domain::Cooperation cooperation(*first.c.district.log.log, governance);
  EXPECT_EQ(first.Summary(governance, cooperation), seen);
  EXPECT_EQ(second.Summary(second.c.district.governance, second.c.cooperation),
            seen);
  // The summary says what the year did.
  EXPECT_NE(seen.find("accord adp-pdz-2026: in force from 2026-06-03"),
            std::string::npos)
      << seen;
  EXPECT_NE(seen.find("act accesso-atti carpiano-2026-1: refused "
                      "[silent-refusal@2026-05-05]"),
            std::string::npos)
      << seen;
}

}  // namespace
}  // namespace concordia::testing
