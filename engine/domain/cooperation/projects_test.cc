// Funded projects over a real log: report deadlines as durable timers,
// projects financing a delegated function (costs shared among the members
// delegating it on each cost's day), and randomized allocations that always
// sum exactly to the members' part.
#include <random>

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using absl::CivilDay;
using testing::Cooperative;

project::RegisterProject Project(const std::string& cid,
                                 const std::string& id) {
  project::RegisterProject p;
  p.consortium_id = cid;
  p.project_id = id;
  p.title = "Dopo di noi";
  p.funding.set_kind(v1::FUNDING_SOURCE_KIND_MINISTERIAL);
  p.funding.set_name(
      "Fondo per l'assistenza alle persone con disabilità grave");
  p.funding.set_grantor("Ministero del Lavoro e delle Politiche Sociali");
  p.funding.set_granted_cents(40'000'000);
  p.budget_cents = 50'000'000;
  p.starts_on = CivilDay(2026, 3, 1);
  p.ends_on = CivilDay(2027, 2, 28);
  p.participant_ids = testing::ComuneIds();
  p.cost_sharing = testing::SharingRule(v1::COST_SHARING_METHOD_PER_INHABITANT);
  p.reporting.set_period_months(6);
  p.reporting.set_deadline_days(30);
  p.reporting.mutable_annual_report_due()->set_month(3);
  p.reporting.mutable_annual_report_due()->set_day(31);
  return p;
}

v1::AllocationBasis Inhabitants() {
  // ISTAT-like figures (illustrative).
  const std::pair<const char*, int64_t> figures[] = {
      {"san-giuliano-milanese", 39'800},
      {"san-donato-milanese", 32'600},
      {"melegnano", 18'300},
      {"cerro-al-lambro", 5'100},
      {"san-zenone-al-lambro", 4'400},
      {"carpiano", 4'200},
      {"vizzolo-predabissi", 4'100},
      {"dresano", 3'100},
      {"colturano", 2'100}};
  v1::AllocationBasis b;
  for (const auto& [m, n] : figures) {
    v1::MemberFigure* f = b.add_inhabitants();
    f->set_member_id(m);
    f->set_value(n);
  }
  return b;
}

TEST(ProjectsTest, ReportDeadlinesAreDurableTimers) {
  Cooperative c;
  ASSERT_TRUE(
      c.cooperation.RegisterProject(c.Ctx(), Project(c.id, "dopo-di-noi"))
          .ok());
  auto p = c.cooperation.Project(c.id, "dopo-di-noi");
  ASSERT_EQ(p->reports.size(), 5u);  // 2 periodic, final, annual 2026 and 2027
  // periodic-1 covers March-August 2026 and is due by 30 September.
  EXPECT_EQ(DayOf(p->reports.at("periodic-1").schedule.due_on()),
            CivilDay(2026, 9, 30));
  ASSERT_TRUE(
      c.cooperation
          .RecordExpense(c.Ctx(), c.id, "dopo-di-noi",
                         {"e1", CivilDay(2026, 4, 10), 1'200'000, 1'000'000,
                          "personale", "educatori", std::string(64, 'a')})
          .ok());
  // The members' part (EUR 2,000.00) per inhabitant.
  ASSERT_TRUE(c.cooperation
                  .AllocateCosts(c.Ctx(), c.id, "dopo-di-noi",
                                 {"2026-04", CivilDay(2026, 4, 1),
                                  CivilDay(2026, 4, 30), Inhabitants()})
                  .ok());
  const auto to = c.cooperation.Project(c.id, "dopo-di-noi")->AllocatedTo();
  EXPECT_EQ(to.at("san-giuliano-milanese"), 70'009);
  EXPECT_EQ(to.at("san-donato-milanese"), 57'344);
  EXPECT_EQ(to.at("colturano"), 3'694);
  int64_t sum = 0;
  for (const auto& [m, cents] : to) sum += cents;
  EXPECT_EQ(sum, 200'000);
  c.AdvanceTo(CivilDay(2026, 9, 30));
  EXPECT_FALSE(c.cooperation.Project(c.id, "dopo-di-noi")
                   ->reports.at("periodic-1")
                   .overdue);
  // The day after the due day the timer marks it overdue.
  c.AdvanceTo(CivilDay(2026, 10, 1));
  auto overdue = c.cooperation.Project(c.id, "dopo-di-noi");
  EXPECT_TRUE(overdue->reports.at("periodic-1").overdue);
  EXPECT_FALSE(overdue->reports.at("periodic-2").overdue);
  // Submitted late, with the period's exact totals.
  ASSERT_TRUE(c.cooperation
                  .SubmitReport(c.Ctx(), c.id, "dopo-di-noi",
                                {"periodic-1", CivilDay(2026, 10, 5), "",
                                 "attività del primo semestre"})
                  .ok());
  const v1::ReportSubmitted r = *c.cooperation.Project(c.id, "dopo-di-noi")
                                     ->reports.at("periodic-1")
                                     .submission;
  EXPECT_TRUE(r.late());
  EXPECT_EQ(r.expenses_cents(), 1'200'000);
  EXPECT_EQ(r.funded_cents(), 1'000'000);
  // A report submitted in time is never marked overdue.
  c.AdvanceTo(CivilDay(2027, 3, 5), 9);
  ASSERT_TRUE(c.cooperation
                  .SubmitReport(c.Ctx(), c.id, "dopo-di-noi",
                                {"periodic-2", CivilDay(2027, 3, 5), "", ""})
                  .ok());
  c.AdvanceTo(CivilDay(2027, 4, 1));
  auto later = c.cooperation.Project(c.id, "dopo-di-noi");
  EXPECT_FALSE(later->reports.at("periodic-2").overdue);
  EXPECT_FALSE(later->reports.at("periodic-2").submission->late());
  EXPECT_TRUE(later->reports.at("final").overdue);
  EXPECT_TRUE(later->reports.at("annual-2026").overdue);
  EXPECT_FALSE(later->reports.at("annual-2027").overdue);
}

TEST(ProjectsTest, AFunctionsCostsAreSharedByWhoDelegatesItThatDay) {
  Cooperative c;
  const v1::Function home = v1::FUNCTION_HOME_CARE;
  // Three comuni delegate home care to the consortium, per use; Dresano
  // revokes from 1 October 2026.
  for (const char* m : {"melegnano", "carpiano", "dresano"}) {
    ASSERT_TRUE(
        c.cooperation
            .Delegate(
                c.Ctx(), c.id,
                {m, home, testing::ToConsortium(), CivilDay(2026, 3, 1), "",
                 testing::ExternalAct("Consiglio comunale", "2",
                                      CivilDay(2026, 3, 1)),
                 testing::SharingRule(v1::COST_SHARING_METHOD_PER_USE)})
            .ok());
  }
  ASSERT_TRUE(
      c.cooperation
          .RevokeDelegation(c.Ctx(), c.id, "dresano", home,
                            {CivilDay(2026, 10, 1),
                             testing::ExternalAct("Consiglio comunale", "8",
                                                  CivilDay(2026, 9, 1)),
                             "servizio internalizzato"})
          .ok());
  project::RegisterProject p = Project(c.id, "sad");
  p.participant_ids = {"melegnano", "carpiano", "dresano", "colturano"};
  p.function = home;
  p.cost_sharing.Clear();
  ASSERT_TRUE(c.cooperation.RegisterProject(c.Ctx(), p).ok());
  for (auto [id, day] : {std::make_pair("sep", CivilDay(2026, 9, 15)),
                         std::make_pair("oct", CivilDay(2026, 10, 15))}) {
    ASSERT_TRUE(c.cooperation
                    .RecordExpense(c.Ctx(), c.id, "sad",
                                   {id, day, 1'000'000, 0, "servizi", "", ""})
                    .ok());
  }
  v1::AllocationBasis uses;
  for (auto [m, hours] :
       {std::make_pair("melegnano", 600), std::make_pair("carpiano", 300),
        std::make_pair("dresano", 100)}) {
    v1::MemberFigure* f = uses.add_uses();
    f->set_member_id(m);
    f->set_value(hours);
  }
  ASSERT_TRUE(c.cooperation
                  .AllocateCosts(c.Ctx(), c.id, "sad",
                                 {"2026", CivilDay(2026, 1, 1),
                                  CivilDay(2026, 12, 31), uses})
                  .ok());
  const auto to = c.cooperation.Project(c.id, "sad")->AllocatedTo();
  // September: 600/300/100 hours; October without Dresano: 600/300.
  EXPECT_EQ(to.at("melegnano"), 600'000 + 666'667);
  EXPECT_EQ(to.at("carpiano"), 300'000 + 333'333);
  EXPECT_EQ(to.at("dresano"), 100'000);
  EXPECT_EQ(to.count("colturano"), 0u);  // never delegated home care
  // Delegations with different rules cannot share one cost.
  ASSERT_TRUE(
      c.cooperation
          .Delegate(c.Ctx(), c.id,
                    {"colturano", home, testing::ToConsortium(),
                     CivilDay(2026, 11, 1), "",
                     testing::ExternalAct("Consiglio comunale", "3",
                                          CivilDay(2026, 11, 1)),
                     testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL)})
          .ok());
  ASSERT_TRUE(c.cooperation
                  .RecordExpense(c.Ctx(), c.id, "sad",
                                 {"nov", CivilDay(2026, 11, 15), 1'000'000, 0,
                                  "servizi", "", ""})
                  .ok());
  const uint64_t before = c.Last();
  EXPECT_EQ(ErrorReason(c.cooperation
                            .AllocateCosts(c.Ctx(), c.id, "sad",
                                           {"nov", CivilDay(2026, 11, 1),
                                            CivilDay(2026, 11, 30), uses})
                            .status()),
            reasons::kCostRulesDiffer);
  EXPECT_EQ(c.Last(), before);
}

// Randomized over the log: every allocation's shares sum exactly to its
// total, which is exactly the members' part of the expenses it covers.
TEST(ProjectsTest, RandomAllocationsSumExactlyToTheMembersPart) {
  Cooperative c;
  project::RegisterProject p = Project(c.id, "fse");
  p.budget_cents = 9'000'000'000;
  p.funding.set_granted_cents(4'000'000'000);
  ASSERT_TRUE(c.cooperation.RegisterProject(c.Ctx(), p).ok());
  std::mt19937_64 rng(140000);
  int64_t members_part = 0;
  int64_t funded = 0;
  for (int i = 0; i < 120; ++i) {
    const int64_t amount = 1 + static_cast<int64_t>(rng() % 5'000'000);
    const int64_t part =
        rng() % 3 == 0 ? 0 : static_cast<int64_t>(rng() % amount);
    const CivilDay day = CivilDay(2026, 3, 1) + static_cast<int>(rng() % 365);
    ASSERT_TRUE(c.cooperation
                    .RecordExpense(c.Ctx(), c.id, "fse",
                                   {absl::StrCat("e", i), day, amount,
                                    amount - part, "servizi", "", ""})
                    .ok());
    members_part += part;
    funded += amount - part;
  }
  // Allocate month by month with random sharing figures.
  int allocations = 0;
  for (CivilDay from(2026, 3, 1); from <= CivilDay(2027, 2, 28);) {
    const CivilDay to = calendar::AddMonths(from, 1) - 1;
    v1::AllocationBasis basis;
    for (const std::string& m : testing::ComuneIds()) {
      v1::MemberFigure* f = basis.add_inhabitants();
      f->set_member_id(m);
      f->set_value(1 + static_cast<int64_t>(rng() % 50'000));
    }
    auto r = c.cooperation.AllocateCosts(
        c.Ctx(), c.id, "fse",
        {absl::StrCat("m", allocations), from, to, basis});
    ASSERT_TRUE(r.ok() ||
                ErrorReason(r.status()) == reasons::kNothingToAllocate)
        << r.status();
    if (r.ok()) ++allocations;
    from = to + 1;
  }
  auto state = c.cooperation.Project(c.id, "fse");
  EXPECT_EQ(state->funded_cents, funded);
  int64_t allocated = 0;
  for (const v1::CostsAllocated& a : state->allocations) {
    int64_t sum = 0;
    for (const v1::CostShare& s : a.shares()) {
      EXPECT_GE(s.amount_cents(), 0);
      sum += s.amount_cents();
    }
    EXPECT_EQ(sum, a.total_cents()) << a.allocation_id();
    allocated += a.total_cents();
  }
  EXPECT_EQ(allocated, members_part);
  EXPECT_GE(allocations, 10);
  EXPECT_TRUE(
      state->Unallocated(CivilDay(2026, 1, 1), CivilDay(2027, 12, 31)).empty());
}

}  // namespace
}  // namespace concordia::domain
