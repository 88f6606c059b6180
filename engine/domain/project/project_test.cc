// Funded projects: registration, the report schedule, expenses, reports and
// cost allocation, as pure rules without storage.
#include "engine/domain/project/project.h"

#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "gtest/gtest.h"

namespace concordia::domain::project {
namespace {

using absl::CivilDay;

void Fold(ProjectState& s, const Events& events) {
  for (const auto& e : events) {
    ASSERT_TRUE(ApplyProjectEvent(s, *e, log::Record{}).ok());
  }
}

v1::CostSharingRule Rule(v1::CostSharingMethod m) {
  v1::CostSharingRule r;
  r.set_method(m);
  return r;
}

class ProjectTest : public ::testing::Test {
 protected:
  ProjectTest() {
    for (const char* m : {"carpiano", "dresano", "melegnano"}) {
      consortium_.members[m] = consortium::Member{
          m, m, v1::MEMBER_KIND_COMUNE, CivilDay(2024, 1, 1), std::nullopt};
    }
    consortium_.shares.push_back(
        {CivilDay(2024, 1, 1),
         {{"carpiano", 300}, {"dresano", 200}, {"melegnano", 500}}});
  }

  RegisterProject Command() {
    RegisterProject r;
    r.consortium_id = "c";
    r.project_id = "pnrr-1-1";
    r.title = "Sostegno alle persone vulnerabili";
    r.funding.set_kind(v1::FUNDING_SOURCE_KIND_EUROPEAN_UNION);
    r.funding.set_name("PNRR M5C2 1.1");
    r.funding.set_granted_cents(20'000'000);
    r.budget_cents = 30'000'000;
    r.starts_on = CivilDay(2026, 1, 1);
    r.ends_on = CivilDay(2027, 6, 30);
    r.participant_ids = {"carpiano", "dresano", "melegnano"};
    r.cost_sharing = Rule(v1::COST_SHARING_METHOD_BY_SHARE);
    r.reporting.set_period_months(6);
    r.reporting.set_deadline_days(30);
    r.reporting.mutable_annual_report_due()->set_month(3);
    r.reporting.mutable_annual_report_due()->set_day(31);
    return r;
  }

  void Register() {
    auto e = DecideRegister(s_, Command(), consortium_, nullptr);
    ASSERT_TRUE(e.ok()) << e.status();
    Fold(s_, *e);
  }

  void Spend(const std::string& id, CivilDay day, int64_t amount,
             int64_t funded) {
    auto e = DecideExpense(s_, {id, day, amount, funded, "personale", "", ""});
    ASSERT_TRUE(e.ok()) << e.status();
    Fold(s_, *e);
  }

  std::map<std::string, Charge> Charges(CivilDay from, CivilDay to) {
    std::map<std::string, Charge> out;
    SharingContext in{&consortium_, nullptr, nullptr, nullptr};
    for (const v1::ExpenseRecorded* e : s_.Unallocated(from, to)) {
      out[e->expense_id()] = *ChargeFor(s_, *e, in);
    }
    return out;
  }

  consortium::ConsortiumState consortium_;
  ProjectState s_;
};

TEST_F(ProjectTest, RegistrationSchedulesEveryReport) {
  Register();
  std::vector<std::string> ids;
  for (const auto& [id, r] : s_.reports) ids.push_back(id);
  EXPECT_EQ(ids, (std::vector<std::string>{"annual-2026", "annual-2027",
                                           "final", "periodic-1", "periodic-2",
                                           "periodic-3"}));
  const v1::ReportScheduled& p3 = s_.reports.at("periodic-3").schedule;
  EXPECT_EQ(DayOf(p3.period_from()), CivilDay(2027, 1, 1));
  EXPECT_EQ(DayOf(p3.period_to()), CivilDay(2027, 6, 30));
  EXPECT_EQ(DayOf(p3.due_on()), CivilDay(2027, 7, 30));
  const v1::ReportScheduled& a27 = s_.reports.at("annual-2027").schedule;
  EXPECT_EQ(DayOf(a27.period_to()), CivilDay(2027, 6, 30));
  EXPECT_EQ(DayOf(a27.due_on()), CivilDay(2028, 3, 31));
  EXPECT_EQ(
      ErrorReason(DecideRegister(s_, Command(), consortium_, nullptr).status()),
      reasons::kAlreadyExists);
}

TEST_F(ProjectTest, RegistrationIsValidated) {
  RegisterProject r = Command();
  r.funding.set_granted_cents(r.budget_cents + 1);
  EXPECT_EQ(ErrorMetadata(
                DecideRegister({}, r, consortium_, nullptr).status())["field"],
            "funding.granted_cents");
  r = Command();
  r.participant_ids.push_back("milano");
  EXPECT_EQ(ErrorReason(DecideRegister({}, r, consortium_, nullptr).status()),
            reasons::kNotAMember);
  r = Command();
  r.function = v1::FUNCTION_HOME_CARE;
  EXPECT_EQ(ErrorMetadata(
                DecideRegister({}, r, consortium_, nullptr).status())["field"],
            "cost_sharing");
  r = Command();
  r.accord_id = "conv";
  EXPECT_EQ(DecideRegister({}, r, consortium_, nullptr).status().code(),
            absl::StatusCode::kNotFound);
  r = Command();
  r.reporting.mutable_annual_report_due()->set_month(2);
  r.reporting.mutable_annual_report_due()->set_day(29);
  EXPECT_EQ(ErrorMetadata(
                DecideRegister({}, r, consortium_, nullptr).status())["field"],
            "reporting.annual_report_due");
  r = Command();
  r.funding.clear_kind();
  EXPECT_EQ(ErrorMetadata(
                DecideRegister({}, r, consortium_, nullptr).status())["field"],
            "funding.kind");
}

TEST_F(ProjectTest, ExpensesStayWithinPeriodBudgetAndFunding) {
  Register();
  EXPECT_EQ(ErrorReason(DecideExpense(s_, {"e0", CivilDay(2025, 12, 31), 1, 0,
                                           "x", "", ""})
                            .status()),
            reasons::kOutsideProjectPeriod);
  Spend("e1", CivilDay(2026, 2, 1), 20'000'000, 18'000'000);
  EXPECT_EQ(ErrorReason(DecideExpense(s_, {"e2", CivilDay(2026, 2, 2),
                                           10'000'001, 0, "x", "", ""})
                            .status()),
            reasons::kBudgetExceeded);
  EXPECT_EQ(ErrorReason(DecideExpense(s_, {"e2", CivilDay(2026, 2, 2),
                                           5'000'000, 5'000'001, "x", "", ""})
                            .status()),
            "INVALID_FIELD");
  // 20,000,000 granted, 18,000,000 used.
  EXPECT_EQ(ErrorReason(DecideExpense(s_, {"e2", CivilDay(2026, 2, 2),
                                           5'000'000, 2'000'001, "x", "", ""})
                            .status()),
            reasons::kBudgetExceeded);
  EXPECT_TRUE(DecideExpense(s_, {"e2", CivilDay(2026, 2, 2), 10'000'000,
                                 2'000'000, "x", "", ""})
                  .ok());
  EXPECT_EQ(ErrorReason(DecideExpense(
                            s_, {"e1", CivilDay(2026, 2, 2), 1, 0, "x", "", ""})
                            .status()),
            reasons::kAlreadyExists);
}

TEST_F(ProjectTest, ReportsAfterTheirPeriodLateAndOverdue) {
  Register();
  Spend("e1", CivilDay(2026, 3, 1), 1'000'000, 600'000);
  Spend("e2", CivilDay(2026, 7, 1), 500'000, 0);
  EXPECT_EQ(ErrorReason(DecideSubmitReport(
                            s_, {"periodic-1", CivilDay(2026, 6, 30), "", ""})
                            .status()),
            reasons::kReportingPeriodOpen);
  auto submitted =
      DecideSubmitReport(s_, {"periodic-1", CivilDay(2026, 7, 15), "", "ok"});
  ASSERT_TRUE(submitted.ok());
  Fold(s_, *submitted);
  const v1::ReportSubmitted& r = *s_.reports.at("periodic-1").submission;
  EXPECT_FALSE(r.late());
  EXPECT_EQ(r.expenses_cents(), 1'000'000);
  EXPECT_EQ(r.funded_cents(), 600'000);
  EXPECT_EQ(r.expense_count(), 1);
  // The reported period is closed to new expenses.
  EXPECT_EQ(ErrorReason(DecideExpense(s_, {"e3", CivilDay(2026, 6, 30), 1, 0,
                                           "x", "", ""})
                            .status()),
            reasons::kPeriodAlreadyReported);
  // periodic-2 is due by 30 January 2027.
  EXPECT_EQ(
      ErrorReason(
          DecideOverdue(s_, "periodic-2", CivilDay(2027, 1, 30)).status()),
      reasons::kInvalidStateTransition);
  auto overdue = DecideOverdue(s_, "periodic-2", CivilDay(2027, 1, 31));
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->size(), 1u);
  Fold(s_, *overdue);
  EXPECT_TRUE(DecideOverdue(s_, "periodic-2", CivilDay(2027, 2, 1))->empty());
  EXPECT_TRUE(DecideOverdue(s_, "periodic-1", CivilDay(2027, 2, 1))->empty());
  auto late =
      DecideSubmitReport(s_, {"periodic-2", CivilDay(2027, 2, 10), "", ""});
  ASSERT_TRUE(late.ok());
  Fold(s_, *late);
  EXPECT_TRUE(s_.reports.at("periodic-2").submission->late());
  EXPECT_EQ(ErrorReason(DecideSubmitReport(
                            s_, {"periodic-2", CivilDay(2027, 2, 11), "", ""})
                            .status()),
            reasons::kInvalidStateTransition);
}

TEST_F(ProjectTest, AllocationSharesTheMembersPartExactly) {
  Register();
  Spend("e1", CivilDay(2026, 3, 1), 1'000'001, 0);
  Spend("e2", CivilDay(2026, 4, 1), 2'000'000, 2'000'000);  // fully funded
  AllocateCosts a{"2026-h1", CivilDay(2026, 1, 1), CivilDay(2026, 6, 30), {}};
  auto allocated = DecideAllocate(s_, a, Charges(a.period_from, a.period_to));
  ASSERT_TRUE(allocated.ok()) << allocated.status();
  Fold(s_, *allocated);
  const v1::CostsAllocated& e = s_.allocations.back();
  EXPECT_EQ(e.total_cents(), 1'000'001);
  EXPECT_EQ(e.expense_ids_size(), 2);
  const auto to = s_.AllocatedTo();
  EXPECT_EQ(to.at("melegnano"), 500'001);  // 500,000.5 → the larger remainder
  EXPECT_EQ(to.at("carpiano"), 300'000);
  EXPECT_EQ(to.at("dresano"), 200'000);
  // Nothing left to allocate in the period; the id is unique.
  EXPECT_EQ(ErrorReason(DecideAllocate(
                            s_, {"again", a.period_from, a.period_to, {}}, {})
                            .status()),
            reasons::kNothingToAllocate);
  EXPECT_EQ(ErrorReason(DecideAllocate(s_, a, {}).status()),
            reasons::kAlreadyExists);
}

TEST_F(ProjectTest, WithdrawnMembersShareOnlyCostsBeforeTheirWithdrawal) {
  Register();
  Spend("before", CivilDay(2026, 12, 31), 1'000'000, 0);
  Spend("after", CivilDay(2027, 1, 1), 1'000'000, 0);
  // Dresano leaves the consortium from 1 January 2027; shares rebalance.
  consortium_.members["dresano"].until = CivilDay(2027, 1, 1);
  consortium_.shares.push_back(
      {CivilDay(2027, 1, 1), {{"carpiano", 375}, {"melegnano", 625}}});
  auto charges = Charges(CivilDay(2026, 1, 1), CivilDay(2027, 6, 30));
  EXPECT_EQ(charges.at("before").members.count("dresano"), 1u);
  EXPECT_EQ(charges.at("after").members.count("dresano"), 0u);
  auto allocated = DecideAllocate(
      s_, {"all", CivilDay(2026, 1, 1), CivilDay(2027, 6, 30), {}}, charges);
  ASSERT_TRUE(allocated.ok()) << allocated.status();
  Fold(s_, *allocated);
  const auto to = s_.AllocatedTo();
  EXPECT_EQ(to.at("dresano"), 200'000);  // its part of 2026 remains due
  EXPECT_EQ(to.at("carpiano"), 300'000 + 375'000);
  EXPECT_EQ(to.at("melegnano"), 500'000 + 625'000);
  // No participant at all on a day: nothing can be charged.
  std::map<std::string, Charge> empty = {{"x", Charge{}}};
  Spend("x", CivilDay(2027, 2, 1), 10, 0);
  EXPECT_EQ(
      ErrorReason(DecideAllocate(
                      s_,
                      {"none", CivilDay(2027, 2, 1), CivilDay(2027, 2, 1), {}},
                      empty)
                      .status()),
      reasons::kNoSharingMembers);
}

TEST_F(ProjectTest, AFunctionsCostsGoToWhoDelegatesItToTheConsortium) {
  RegisterProject r = Command();
  r.function = v1::FUNCTION_HOME_CARE;
  r.cost_sharing.Clear();
  auto registered = DecideRegister(s_, r, consortium_, nullptr);
  ASSERT_TRUE(registered.ok()) << registered.status();
  Fold(s_, *registered);
  Spend("e1", CivilDay(2026, 6, 1), 900, 0);
  auto delegate = [](const std::string& m, const v1::Exerciser& to,
                     const std::string& accord_id, v1::CostSharingMethod rule) {
    v1::FunctionDelegated d;
    d.set_member_id(m);
    d.set_function(v1::FUNCTION_HOME_CARE);
    *d.mutable_delegate() = to;
    *d.mutable_effective_from() = ToDate(CivilDay(2026, 1, 1));
    d.set_accord_id(accord_id);
    *d.mutable_cost_sharing() = Rule(rule);
    delegation::DelegationState s;
    EXPECT_TRUE(delegation::ApplyDelegationEvent(s, d, log::Record{}).ok());
    return s;
  };
  v1::Exerciser consortium;
  consortium.set_kind(v1::EXERCISER_KIND_CONSORTIUM);
  v1::Exerciser lead;
  lead.set_kind(v1::EXERCISER_KIND_LEAD_ENTE);
  lead.set_lead_member_id("melegnano");
  // Carpiano delegates to the consortium under a convenzione that has
  // ended; Dresano to the consortium by deliberation; Melegnano exercises
  // it itself.
  std::map<std::string, delegation::DelegationState> delegations = {
      {"carpiano",
       delegate("carpiano", consortium, "conv", v1::COST_SHARING_METHOD_EQUAL)},
      {"dresano",
       delegate("dresano", consortium, "", v1::COST_SHARING_METHOD_EQUAL)},
      {"melegnano", delegation::DelegationState()}};
  accord::AccordState conv;
  conv.exists = true;
  conv.parties["carpiano"].info.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
  conv.in_force_from = CivilDay(2026, 1, 1);
  conv.ends_on = CivilDay(2026, 5, 31);
  std::map<std::string, accord::AccordState> accords = {{"conv", conv}};
  SharingContext in{&consortium_, nullptr, &delegations, &accords};
  EXPECT_EQ(SharingMembers(s_, CivilDay(2026, 5, 31), in),
            (std::set<std::string>{"carpiano", "dresano"}));
  EXPECT_EQ(SharingMembers(s_, CivilDay(2026, 6, 1), in),
            (std::set<std::string>{"dresano"}));
  auto charge = ChargeFor(s_, s_.expenses.at("e1"), in);
  ASSERT_TRUE(charge.ok()) << charge.status();
  EXPECT_EQ(charge->rule.method(), v1::COST_SHARING_METHOD_EQUAL);
  // A lead ente is not the consortium: no share of the consortium's costs.
  delegations["dresano"] =
      delegate("dresano", lead, "", v1::COST_SHARING_METHOD_EQUAL);
  EXPECT_TRUE(SharingMembers(s_, CivilDay(2026, 6, 1), in).empty());
  // Different rules among those sharing one cost.
  accords["conv"].ends_on = CivilDay(2026, 12, 31);
  delegations["dresano"] =
      delegate("dresano", consortium, "", v1::COST_SHARING_METHOD_PER_USE);
  EXPECT_EQ(ErrorReason(ChargeFor(s_, s_.expenses.at("e1"), in).status()),
            reasons::kCostRulesDiffer);
}

}  // namespace
}  // namespace concordia::domain::project
