// The demo plan's shape: unique step names, valid request ids, dates derived
// from the load time only where the domain needs it.
#include "clients/demo/plan.h"

#include <set>

#include "clients/demo/builders.h"
#include "clients/demo/demo.h"
#include "gtest/gtest.h"

namespace concordia::demo {
namespace {

const absl::Time kLoad = absl::FromCivil(absl::CivilSecond(2026, 12, 2, 9, 0, 0),
                                         absl::UTCTimeZone());

TEST(DemoPlanTest, StepNamesAreUniqueAndRequestIdsValid) {
  Plan plan = DemoPlan(kLoad);
  ASSERT_GT(plan.size(), 200u);
  std::set<std::string> names;
  for (size_t i = 0; i < plan.size(); ++i) {
    const std::string& name = plan.step_name(i);
    EXPECT_TRUE(names.insert(name).second) << name;
    const std::string id = RequestIdOf(name);
    EXPECT_LE(id.size(), 128u) << id;
    for (char ch : id) EXPECT_TRUE(ch > ' ' && ch < 127) << id;
  }
}

TEST(DemoPlanTest, TheSameLoadDayGivesTheSameSteps) {
  Plan a = DemoPlan(kLoad);
  Plan b = DemoPlan(kLoad + absl::Hours(3));
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a.step_name(i), b.step_name(i));
  }
  // The session is a week later; next year's needs are collected.
  EXPECT_EQ(DemoSessionDay(kLoad), absl::CivilDay(2026, 12, 9));
  EXPECT_EQ(DemoNeedsYear(kLoad), 2027);
}

TEST(DemoPlanTest, TheStatuteIsTheTutorialsExample) {
  const v1::Statute statute = DemoStatute();
  ASSERT_EQ(statute.bodies_size(), 2);
  EXPECT_EQ(statute.bodies(0).body_kind(), v1::BODY_KIND_ASSEMBLEA);
  EXPECT_TRUE(statute.bodies(0).weighted_votes());
  EXPECT_EQ(statute.publication_days(), 15);
  EXPECT_EQ(statute.executivity_days(), 10);
}

TEST(DemoPlanTest, PrincipalsIncludeTheBootstrapAdministratorAndDelegates) {
  std::vector<std::string> p = DemoPrincipals();
  std::set<std::string> all(p.begin(), p.end());
  EXPECT_TRUE(all.count("admin@concordia"));
  EXPECT_TRUE(all.count("sindaco@melegnano"));
  EXPECT_TRUE(all.count("direttore@ats-milano"));
  EXPECT_TRUE(all.count("presidente@provincia-chieti"));
  EXPECT_TRUE(all.count("ufficio-di-piano@sds-pistoia"));
}

TEST(DemoPlanTest, ARunStopsAtTheFirstFailureNamingTheStep) {
  Plan plan = DemoPlan(kLoad);
  size_t progressed = 0;
  absl::StatusOr<size_t> s = plan.Run(
      [](const std::string& principal) -> absl::StatusOr<client::Client*> {
        return absl::UnavailableError("no server for " + principal);
      },
      [&](size_t done, size_t) { progressed = done; }, 0);
  EXPECT_EQ(s.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(progressed, 0u);
  EXPECT_NE(s.status().message().find("admin@concordia"), std::string::npos);
}

}  // namespace
}  // namespace concordia::demo
