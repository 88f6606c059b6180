#include "engine/readmodel/testing/steps.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace concordia::readmodel::testing {

using domain::testing::District;
using domain::testing::Rome;

std::vector<std::string> AllComuni() {
  std::vector<std::string> out;
  for (const auto& f : domain::testing::DistrictComuni()) {
    out.push_back(f.member_id);
  }
  return out;
}

void AdvanceTo(District& d, absl::CivilDay day, int hour) {
  d.clock.AdvanceTo(
      Rome(static_cast<int>(day.year()), day.month(), day.day(), hour));
}

int AdoptAtOnce(District& d, const std::string& proposal, absl::CivilDay day) {
  d.DraftReady(proposal);
  const std::string session = absl::StrCat("s-", proposal);
  auto convened = d.ConveneAssemblea(session, day, {proposal});
  EXPECT_TRUE(convened.ok()) << convened.status();
  AdvanceTo(d, day, 10);
  EXPECT_TRUE(
      d.governance.RecordAttendance(d.Ctx(), d.id, session, AllComuni(), {})
          .ok());
  std::vector<std::pair<std::string, v1::VoteChoice>> yes;
  for (const std::string& m : AllComuni()) {
    yes.push_back({m, v1::VOTE_CHOICE_IN_FAVOUR});
  }
  EXPECT_TRUE(d.Vote(session, 1, yes).ok());
  EXPECT_TRUE(d.Vote(session, 1, yes, v1::BALLOT_IMMEDIATE_EXECUTABILITY).ok());
  int number = 0;
  auto r = d.governance.Proclaim(d.Ctx(), d.id, session, 1, "", &number);
  EXPECT_TRUE(r.ok()) << r.status();
  return number;
}

}  // namespace concordia::readmodel::testing
