// The delegations, programmes (with the members' needs) and projects read
// models over a real log, driven by the real Cooperation handlers: read as
// recorded at each step, in force on days before and after, listed with
// filters and pages, their histories, and bad input.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/testing/harness.h"
#include "gtest/gtest.h"

namespace concordia::readmodel {
namespace {

using absl::CivilDay;
using absl::StatusCode;
using domain::DayOf;
using domain::testing::Cooperative;
using testing::AtPosition;
using testing::AtPositionInForceOn;
using testing::InForceOn;
using testing::Latest;
using testing::ReadModelHarness;

constexpr v1::Function kHomeCare = v1::FUNCTION_HOME_CARE;

domain::delegation::Delegate Delegation(const std::string& member,
                                        const v1::Exerciser& to, CivilDay day,
                                        v1::CostSharingMethod method) {
  return {member,
          kHomeCare,
          to,
          day,
          "",
          domain::testing::ExternalAct(
              absl::StrCat("Consiglio comunale di ", member), "5", day),
          domain::testing::SharingRule(method)};
}

v1::ProgrammeItem Item(const std::string& id, int year, int64_t cents) {
  v1::ProgrammeItem i;
  i.set_item_id(id);
  i.set_title(absl::StrCat("Servizio ", id));
  i.set_year(year);
  i.set_category("85311200-4");
  i.set_procurement_kind(v1::PROCUREMENT_KIND_SERVICES);
  i.set_amount_cents(cents);
  return i;
}

PageRequest Size(int n, std::string token = "") {
  PageRequest p;
  p.page_size = n;
  p.page_token = std::move(token);
  return p;
}

v1::EntityRef Ref(v1::EntityKind kind, const std::string& cid,
                  const std::string& id) {
  v1::EntityRef r;
  r.set_kind(kind);
  r.set_consortium_id(cid);
  r.set_id(id);
  return r;
}

class CooperationModelsTest : public ::testing::Test {
 protected:
  Queries& Q() {
    h_.Sync();
    return h_.queries();
  }
  Cooperative c_;
  ReadModelHarness h_{*c_.district.log.log, c_.district.clock};
};

TEST_F(CooperationModelsTest, DelegationMatrixOnADayAndAsRecorded) {
  domain::Cooperation& coop = c_.cooperation;
  ASSERT_TRUE(coop.Delegate(c_.Ctx(), c_.id,
                            Delegation("dresano", domain::testing::ToConsortium(),
                                       CivilDay(2026, 4, 1),
                                       v1::COST_SHARING_METHOD_PER_USE))
                  .ok());
  const uint64_t delegated = c_.Last();
  ASSERT_TRUE(coop.Delegate(c_.Ctx(), c_.id,
                            Delegation("carpiano",
                                       domain::testing::ToLead("melegnano"),
                                       CivilDay(2026, 5, 1),
                                       v1::COST_SHARING_METHOD_EQUAL))
                  .ok());
  ASSERT_TRUE(coop.RevokeDelegation(
                      c_.Ctx(), c_.id, "dresano", kHomeCare,
                      {CivilDay(2027, 1, 1),
                       domain::testing::ExternalAct("Consiglio comunale", "6",
                                                    CivilDay(2026, 12, 1)),
                       "servizio internalizzato"})
                  .ok());

  // Who exercises home care for Dresano, day by day.
  auto on = [&](CivilDay day, const v1::AsOf& base) {
    v1::AsOf as_of = base;
    *as_of.mutable_in_force_on() = domain::ToDate(day);
    auto r = Q().GetDelegation(c_.id, "dresano", kHomeCare, as_of);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->value.in_force() : v1::DelegationInForceView();
  };
  EXPECT_EQ(on(CivilDay(2026, 3, 31), Latest()).exerciser().kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  const v1::DelegationInForceView april = on(CivilDay(2026, 4, 1), Latest());
  EXPECT_EQ(april.exerciser().kind(), v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(april.delegation().cost_sharing().method(),
            v1::COST_SHARING_METHOD_PER_USE);
  EXPECT_EQ(on(CivilDay(2027, 1, 1), Latest()).exerciser().kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  // As recorded before the revocation, 2027 still reads the consortium.
  EXPECT_EQ(on(CivilDay(2027, 1, 1), AtPosition(delegated)).exerciser().kind(),
            v1::EXERCISER_KIND_CONSORTIUM);

  auto cell = Q().GetDelegation(c_.id, "dresano", kHomeCare, Latest());
  ASSERT_TRUE(cell.ok()) << cell.status();
  ASSERT_EQ(cell->value.periods_size(), 1);
  EXPECT_EQ(DayOf(cell->value.periods(0).effective_from()), CivilDay(2026, 4, 1));
  EXPECT_EQ(DayOf(cell->value.periods(0).effective_until()), CivilDay(2027, 1, 1));
  EXPECT_EQ(cell->header.entity_position(), c_.Last());
  EXPECT_EQ(cell->header.read_model(), "delegations");
  EXPECT_FALSE(cell->value.has_in_force());

  // The matrix on 1 June 2026: both delegate, by member.
  DelegationFilter delegated_only;
  delegated_only.delegated_only = true;
  auto matrix = Q().ListDelegations(c_.id, delegated_only,
                                    InForceOn(CivilDay(2026, 6, 1)), Size(1));
  ASSERT_TRUE(matrix.ok()) << matrix.status();
  ASSERT_EQ(matrix->items.size(), 1u);
  EXPECT_EQ(matrix->items[0].member_id(), "carpiano");
  EXPECT_EQ(matrix->items[0].in_force().exerciser().lead_member_id(),
            "melegnano");
  ASSERT_FALSE(matrix->next_page_token.empty());
  auto second = Q().ListDelegations(c_.id, delegated_only,
                                    InForceOn(CivilDay(2026, 6, 1)),
                                    Size(1, matrix->next_page_token));
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].member_id(), "dresano");
  EXPECT_TRUE(second->next_page_token.empty());
  // In 2027 only Carpiano delegates.
  auto later = Q().ListDelegations(c_.id, delegated_only,
                                   InForceOn(CivilDay(2027, 2, 1)), Size(10));
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->items.size(), 1u);
  EXPECT_EQ(later->items[0].member_id(), "carpiano");
  // Filters by member and function.
  DelegationFilter by_member;
  by_member.member_id = "dresano";
  EXPECT_EQ(Q().ListDelegations(c_.id, by_member, Latest(), Size(10))->items.size(),
            1u);
  DelegationFilter by_function;
  by_function.function = v1::FUNCTION_ICT_SERVICES;
  EXPECT_TRUE(
      Q().ListDelegations(c_.id, by_function, Latest(), Size(10))->items.empty());

  // History: the delegation and its revocation.
  auto history = Q().History(
      Ref(v1::ENTITY_KIND_DELEGATION, c_.id, "dresano/home-care"), Latest(), {});
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->items.size(), 2u);
  EXPECT_EQ(history->items[0].event_type(), "concordia.v1.FunctionDelegated");
  EXPECT_EQ(history->items[1].event_type(), "concordia.v1.DelegationRevoked");

  // Not found, and bad input.
  EXPECT_EQ(Q().GetDelegation(c_.id, "colturano", kHomeCare, Latest())
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Q().GetDelegation(c_.id, "dresano", kHomeCare, AtPosition(delegated - 1))
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Q().GetDelegation(c_.id, "Dresano!", kHomeCare, Latest())
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Q().GetDelegation(c_.id, "dresano", v1::FUNCTION_UNSPECIFIED,
                              Latest())
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  DelegationFilter bad_function;
  bad_function.function = static_cast<v1::Function>(99);
  EXPECT_EQ(
      Q().ListDelegations(c_.id, bad_function, Latest(), {}).status().code(),
      StatusCode::kInvalidArgument);
  auto no_day = Q().ListDelegations(c_.id, delegated_only, Latest(), {});
  EXPECT_EQ(no_day.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(no_day.status()), "INVALID_FIELD");
  EXPECT_EQ(Q().ListDelegations(c_.id, {}, Latest(), Size(-1)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Q().History(Ref(v1::ENTITY_KIND_DELEGATION, c_.id, "dresano/flying"),
                        Latest(), {})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  v1::AsOf beyond = AtPosition(c_.Last() + 100);
  EXPECT_EQ(Q().GetDelegation(c_.id, "dresano", kHomeCare, beyond).status().code(),
            StatusCode::kOutOfRange);
}

TEST_F(CooperationModelsTest, ProgrammeVersionsAndItemsInForce) {
  domain::Cooperation& coop = c_.cooperation;
  ASSERT_TRUE(coop.DraftProgramme(c_.Ctx(),
                                  {c_.id, "acquisti-2027-2029",
                                   v1::PROGRAMME_KIND_PURCHASING_PROGRAMME,
                                   "Programma triennale degli acquisti",
                                   2027, 0, ""})
                  .ok());
  ASSERT_TRUE(coop.AddProgrammeItem(c_.Ctx(), c_.id, "acquisti-2027-2029",
                                    Item("sad-2027", 2027, 80'000'000))
                  .ok());
  ASSERT_TRUE(coop.AddProgrammeItem(c_.Ctx(), c_.id, "acquisti-2027-2029",
                                    Item("ict-2028", 2028, 20'000'000))
                  .ok());
  const uint64_t drafted = c_.Last();
  c_.AdvanceTo(CivilDay(2026, 3, 1), 9);
  const CivilDay adopted_on = c_.Deliberate("p-acquisti", CivilDay(2026, 3, 9));
  c_.AdvanceTo(adopted_on);
  ASSERT_TRUE(coop.AdoptProgramme(c_.Ctx(), c_.id, "acquisti-2027-2029",
                                  {domain::testing::InternalAct("p-acquisti"),
                                   adopted_on})
                  .ok());
  const uint64_t adopted = c_.Last();
  const CivilDay updated_on =
      c_.Deliberate("p-aggiornamento", CivilDay(2026, 4, 13));
  c_.AdvanceTo(updated_on);
  ASSERT_TRUE(coop.UpdateProgramme(c_.Ctx(), c_.id, "acquisti-2027-2029",
                                   {domain::testing::InternalAct("p-aggiornamento"),
                                    updated_on,
                                    {Item("sad-2027", 2027, 90'000'000)},
                                    {"ict-2028"}})
                  .ok());

  auto latest = Q().GetProgramme(c_.id, "acquisti-2027-2029",
                                 InForceOn(updated_on));
  ASSERT_TRUE(latest.ok()) << latest.status();
  const v1::ProgrammeView& v = latest->value;
  EXPECT_EQ(v.stage(), v1::PROGRAMME_STAGE_UPDATED);
  EXPECT_EQ(v.version(), 2);
  EXPECT_EQ(v.draft().kind(), v1::PROGRAMME_KIND_PURCHASING_PROGRAMME);
  EXPECT_EQ(v.draft().last_year(), 2029);
  EXPECT_EQ(v.adoption().act().deliberation().proposal_id(), "p-acquisti");
  ASSERT_EQ(v.current_items_size(), 1);
  EXPECT_EQ(v.current_total_cents(), 90'000'000);
  EXPECT_TRUE(v.in_force().adopted());
  EXPECT_EQ(v.in_force().total_cents(), 90'000'000);
  // The day before the update applies: the adopted items.
  auto before_update = Q().GetProgramme(c_.id, "acquisti-2027-2029",
                                        InForceOn(updated_on - 1));
  ASSERT_TRUE(before_update.ok());
  EXPECT_EQ(before_update->value.in_force().items_size(), 2);
  EXPECT_EQ(before_update->value.in_force().total_cents(), 100'000'000);
  // Before the adoption applies: nothing in force.
  auto before = Q().GetProgramme(c_.id, "acquisti-2027-2029",
                                 InForceOn(adopted_on - 1));
  EXPECT_FALSE(before->value.in_force().adopted());
  EXPECT_EQ(before->value.in_force().items_size(), 0);
  // As recorded once drafted.
  auto draft = Q().GetProgramme(c_.id, "acquisti-2027-2029", AtPosition(drafted));
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(draft->value.stage(), v1::PROGRAMME_STAGE_DRAFTED);
  EXPECT_EQ(draft->value.version(), 0);
  EXPECT_EQ(draft->header.log_position(), drafted);
  auto at_adoption = Q().GetProgramme(c_.id, "acquisti-2027-2029",
                                      AtPositionInForceOn(adopted, updated_on));
  EXPECT_EQ(at_adoption->value.stage(), v1::PROGRAMME_STAGE_ADOPTED);
  EXPECT_EQ(at_adoption->value.in_force().total_cents(), 100'000'000);

  // Lists with filters.
  ProgrammeFilter plans;
  plans.kind = v1::PROGRAMME_KIND_PIANO_DI_ZONA;
  EXPECT_TRUE(Q().ListProgrammes(c_.id, plans, Latest(), {})->items.empty());
  ProgrammeFilter adopted_only;
  adopted_only.adopted_only = true;
  EXPECT_EQ(Q().ListProgrammes(c_.id, adopted_only, InForceOn(adopted_on), {})
                ->items.size(),
            1u);
  EXPECT_TRUE(Q().ListProgrammes(c_.id, adopted_only, InForceOn(adopted_on - 1), {})
                  ->items.empty());
  EXPECT_EQ(Q().ListProgrammes(c_.id, adopted_only, Latest(), {}).status().code(),
            StatusCode::kInvalidArgument);
  ProgrammeFilter bad_stage;
  bad_stage.stage = static_cast<v1::ProgrammeStage>(42);
  EXPECT_EQ(Q().ListProgrammes(c_.id, bad_stage, Latest(), {}).status().code(),
            StatusCode::kInvalidArgument);

  auto history = Q().History(
      Ref(v1::ENTITY_KIND_PROGRAMME, c_.id, "acquisti-2027-2029"), Latest(), {});
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->items.size(), 5u);
  EXPECT_EQ(history->items[0].event_type(), "concordia.v1.ProgrammeDrafted");
  EXPECT_EQ(history->items[3].event_type(), "concordia.v1.ProgrammeAdopted");
  EXPECT_EQ(history->items[4].event_type(), "concordia.v1.ProgrammeUpdated");
  EXPECT_EQ(Q().GetProgramme(c_.id, "pdz", Latest()).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Q().GetProgramme(c_.id, "", Latest()).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CooperationModelsTest, NeedsPerMemberAndAggregatedDemand) {
  domain::Cooperation& coop = c_.cooperation;
  ASSERT_TRUE(
      coop.OpenNeedsCollection(c_.Ctx(), c_.id, 2027, CivilDay(2026, 10, 31)).ok());
  struct Need {
    const char* id;
    const char* member;
    const char* category;
    int64_t cents;
  };
  for (const Need& n : {Need{"sad-sgm", "san-giuliano-milanese", "85311200-4",
                             35'000'000},
                        Need{"sad-mel", "melegnano", "85311200-4", 16'000'000},
                        Need{"pc-mel", "melegnano", "30192000-1", 2'000'000},
                        Need{"sad-dre", "dresano", "85311200-4", 3'000'000}}) {
    ASSERT_TRUE(coop.SubmitNeed(c_.Ctx(), c_.id, 2027,
                                {n.id, n.member, n.category,
                                 std::string(n.category) == "30192000-1"
                                     ? v1::PROCUREMENT_KIND_GOODS
                                     : v1::PROCUREMENT_KIND_SERVICES,
                                 "fabbisogno", 10, "pieces", n.cents,
                                 CivilDay(2026, 9, 15)})
                    .ok());
  }
  ASSERT_TRUE(
      coop.WithdrawNeed(c_.Ctx(), c_.id, 2027, "sad-dre", "dresano").ok());
  const uint64_t submitted = c_.Last();
  ASSERT_TRUE(coop.AggregateNeeds(c_.Ctx(), c_.id, 2027,
                                  {"sad-2027", "SAD 2027", {"sad-sgm", "sad-mel"}})
                  .ok());

  auto all = Q().GetNeeds(c_.id, 2027, "", InForceOn(CivilDay(2026, 10, 31)));
  ASSERT_TRUE(all.ok()) << all.status();
  const v1::NeedsView& v = all->value;
  EXPECT_EQ(v.needs_size(), 4);
  EXPECT_EQ(v.total_cents(), 53'000'000);
  ASSERT_EQ(v.demand_size(), 2);
  // By category: goods first ("30192000-1"), then home care.
  EXPECT_EQ(v.demand(0).category(), "30192000-1");
  EXPECT_EQ(v.demand(0).amount_cents(), 2'000'000);
  EXPECT_EQ(v.demand(0).aggregated_cents(), 0);
  EXPECT_EQ(v.demand(1).need_count(), 2);
  EXPECT_EQ(v.demand(1).amount_cents(), 51'000'000);
  EXPECT_EQ(v.demand(1).aggregated_cents(), 51'000'000);
  ASSERT_EQ(v.members_size(), 2);  // Dresano withdrew its only need
  EXPECT_EQ(v.members(0).member_id(), "melegnano");
  EXPECT_EQ(v.members(0).amount_cents(), 18'000'000);
  ASSERT_EQ(v.tenders_size(), 1);
  EXPECT_EQ(v.tenders(0).total_cents(), 51'000'000);
  EXPECT_TRUE(v.in_force().open());
  EXPECT_FALSE(Q().GetNeeds(c_.id, 2027, "", InForceOn(CivilDay(2026, 11, 1)))
                   ->value.in_force()
                   .open());
  // One member's needs.
  auto mine = Q().GetNeeds(c_.id, 2027, "melegnano", Latest());
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->value.needs_size(), 2);
  EXPECT_EQ(mine->value.members_size(), 1);
  // As recorded before the aggregation.
  auto earlier = Q().GetNeeds(c_.id, 2027, "", AtPosition(submitted));
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(earlier->value.tenders_size(), 0);
  EXPECT_EQ(earlier->value.demand(1).aggregated_cents(), 0);
  // By need id: pc-mel, sad-dre (withdrawn), sad-mel, sad-sgm.
  EXPECT_EQ(earlier->value.needs(1).need().need_id(), "sad-dre");
  EXPECT_TRUE(earlier->value.needs(1).withdrawn());
  EXPECT_FALSE(earlier->value.needs(2).withdrawn());

  auto history =
      Q().History(Ref(v1::ENTITY_KIND_NEEDS, c_.id, "2027"), Latest(), Size(2));
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_EQ(history->items.size(), 2u);
  EXPECT_FALSE(history->next_page_token.empty());
  EXPECT_EQ(Q().GetNeeds(c_.id, 2028, "", Latest()).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Q().GetNeeds(c_.id, 1999, "", Latest()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Q().History(Ref(v1::ENTITY_KIND_NEEDS, c_.id, "27"), Latest(), {})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CooperationModelsTest, ProjectReportsToFileFiledOverdue) {
  domain::Cooperation& coop = c_.cooperation;
  domain::project::RegisterProject p;
  p.consortium_id = c_.id;
  p.project_id = "dopo-di-noi";
  p.title = "Dopo di noi";
  p.funding.set_kind(v1::FUNDING_SOURCE_KIND_MINISTERIAL);
  p.funding.set_name("Fondo per l'assistenza alle persone con disabilità grave");
  p.funding.set_grantor("Ministero del Lavoro e delle Politiche Sociali");
  p.funding.set_granted_cents(40'000'000);
  p.budget_cents = 50'000'000;
  p.starts_on = CivilDay(2026, 3, 1);
  p.ends_on = CivilDay(2027, 2, 28);
  p.participant_ids = {"melegnano", "carpiano", "dresano", "colturano"};
  p.cost_sharing = domain::testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL);
  p.reporting.set_period_months(6);
  p.reporting.set_deadline_days(30);
  ASSERT_TRUE(coop.RegisterProject(c_.Ctx(), p).ok());
  ASSERT_TRUE(coop.RecordExpense(c_.Ctx(), c_.id, "dopo-di-noi",
                                 {"e1", CivilDay(2026, 4, 10), 1'200'000,
                                  1'000'000, "personale", "educatori", ""})
                  .ok());
  ASSERT_TRUE(coop.AllocateCosts(c_.Ctx(), c_.id, "dopo-di-noi",
                                 {"2026-04", CivilDay(2026, 4, 1),
                                  CivilDay(2026, 4, 30), v1::AllocationBasis()})
                  .ok());
  ASSERT_TRUE(coop.RecordExpense(c_.Ctx(), c_.id, "dopo-di-noi",
                                 {"e2", CivilDay(2026, 6, 10), 500'000, 0,
                                  "servizi", "trasporti", ""})
                  .ok());
  const uint64_t before_report = c_.Last();
  c_.AdvanceTo(CivilDay(2026, 10, 5), 9);
  ASSERT_TRUE(coop.SubmitReport(c_.Ctx(), c_.id, "dopo-di-noi",
                                {"periodic-1", CivilDay(2026, 10, 5), "",
                                 "attività svolte"})
                  .ok());

  auto status_of = [&](const v1::ProjectView& v, const std::string& report) {
    for (const v1::ReportInForceView& r : v.in_force().reports()) {
      if (r.report_id() == report) return r.status();
    }
    return v1::REPORT_STATUS_UNSPECIFIED;
  };
  auto at = [&](const v1::AsOf& as_of) {
    auto r = Q().GetProject(c_.id, "dopo-di-noi", as_of);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->value : v1::ProjectView();
  };
  const v1::ProjectView now = at(InForceOn(CivilDay(2026, 10, 5)));
  EXPECT_EQ(now.reports_size(), 3);  // periodic-1, periodic-2, final
  // The expenses, joined from their own entities.
  ASSERT_EQ(now.expenses_size(), 2);
  EXPECT_EQ(now.expenses(1).expense_id(), "e2");
  EXPECT_EQ(now.expense_count(), 2);
  ASSERT_EQ(now.allocations_size(), 1);
  EXPECT_EQ(now.allocations(0).allocation_id(), "2026-04");
  EXPECT_EQ(now.allocation_count(), 1);
  EXPECT_EQ(now.spent_cents(), 1'700'000);
  EXPECT_EQ(now.funded_cents(), 1'000'000);
  EXPECT_EQ(now.unallocated_cents(), 500'000);
  ASSERT_EQ(now.allocated_size(), 4);
  int64_t allocated = 0;
  for (const v1::MemberCost& m : now.allocated()) allocated += m.allocated_cents();
  EXPECT_EQ(allocated, 200'000);
  EXPECT_EQ(status_of(now, "periodic-1"), v1::REPORT_STATUS_SUBMITTED_LATE);
  EXPECT_EQ(now.in_force().filed(), 1);
  EXPECT_EQ(now.in_force().to_file(), 2);
  EXPECT_TRUE(now.in_force().running());
  // As recorded before the submission: upcoming, due, then overdue.
  EXPECT_EQ(status_of(at(AtPositionInForceOn(before_report, CivilDay(2026, 8, 1))),
                      "periodic-1"),
            v1::REPORT_STATUS_UPCOMING);
  EXPECT_EQ(status_of(at(AtPositionInForceOn(before_report, CivilDay(2026, 9, 30))),
                      "periodic-1"),
            v1::REPORT_STATUS_DUE);
  const v1::ProjectView late =
      at(AtPositionInForceOn(before_report, CivilDay(2026, 10, 1)));
  EXPECT_EQ(status_of(late, "periodic-1"), v1::REPORT_STATUS_OVERDUE);
  EXPECT_EQ(late.in_force().overdue(), 1);
  EXPECT_EQ(at(AtPositionInForceOn(before_report, CivilDay(2026, 5, 1)))
                .in_force()
                .spent_cents(),
            1'200'000);
  // As recorded before the second expense: one expense, all allocated.
  const v1::ProjectView first = at(AtPosition(before_report - 1));
  EXPECT_EQ(first.expenses_size(), 1);
  EXPECT_EQ(first.unallocated_cents(), 0);

  ProjectFilter overdue;
  overdue.overdue_only = true;
  EXPECT_EQ(Q().ListProjects(c_.id, overdue,
                             AtPositionInForceOn(before_report,
                                                 CivilDay(2026, 10, 1)),
                             {})
                ->items.size(),
            1u);
  EXPECT_TRUE(Q().ListProjects(c_.id, overdue, InForceOn(CivilDay(2026, 10, 5)), {})
                  ->items.empty());
  EXPECT_EQ(Q().ListProjects(c_.id, overdue, Latest(), {}).status().code(),
            StatusCode::kInvalidArgument);
  ProjectFilter running;
  running.running_only = true;
  EXPECT_TRUE(
      Q().ListProjects(c_.id, running, InForceOn(CivilDay(2027, 3, 1)), {})
          ->items.empty());
  EXPECT_EQ(Q().ListProjects(c_.id, {}, Latest(), {})->items.size(), 1u);

  auto history = Q().History(Ref(v1::ENTITY_KIND_PROJECT, c_.id, "dopo-di-noi"),
                             Latest(), {});
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_EQ(history->items.front().event_type(),
            "concordia.v1.ProjectRegistered");
  EXPECT_EQ(history->items.back().event_type(), "concordia.v1.ReportSubmitted");
  EXPECT_EQ(Q().GetProject(c_.id, "nessuno", Latest()).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Q().GetProject("Not An Id", "dopo-di-noi", Latest()).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace concordia::readmodel
