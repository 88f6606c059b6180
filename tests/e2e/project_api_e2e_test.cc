// ProjectService end to end over mutual TLS: bad input for every RPC; a
// PNRR project registered with its reporting schedule, its expenses, a
// periodic report submitted after its period with the exact totals, the
// members' part allocated in exact cents by inhabitants, and a report the
// server's timer marks overdue; GetProject's report status on dates.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/cooperation_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using absl::CivilDay;
using testing::CallRpc;
using testing::CooperationApi;
using testing::DistrictApi;
using testing::ExpectError;
using testing::ExpectInvalidWith;
using testing::RomeTime;
using testing::TlsTestServer;
using Stub = v1::ProjectService::Stub;

// A date as sent, not normalised (so 30 February stays invalid).
constexpr auto D = testing::RawDate;

template <typename Request>
Request Address(const CooperationApi& c, const std::string& request_id) {
  Request r;
  r.set_request_id(request_id);
  r.set_consortium_id(c.id());
  r.set_project_id("pnrr-1-1");
  return r;
}

// PNRR M5C2 1.1: EUR 250,000 of which 200,000 granted, March 2026 to
// February 2027, six-monthly reports due in 30 days, annual report by 31
// March.
v1::RegisterProjectRequest Registration(const CooperationApi& c,
                                        const std::string& request_id) {
  auto r = Address<v1::RegisterProjectRequest>(c, request_id);
  r.set_title("Sostegno alle persone vulnerabili");
  v1::FundingSource* f = r.mutable_funding();
  f->set_kind(v1::FUNDING_SOURCE_KIND_EUROPEAN_UNION);
  f->set_name("PNRR M5C2 1.1");
  f->set_grantor("Ministero del Lavoro e delle Politiche Sociali");
  f->set_cup("J51B21005000006");
  f->set_granted_cents(20'000'000);
  r.set_budget_cents(25'000'000);
  *r.mutable_starts_on() = D(2026, 3, 1);
  *r.mutable_ends_on() = D(2027, 2, 28);
  for (const char* m : {"melegnano", "carpiano", "dresano"}) {
    r.add_participant_ids(m);
  }
  *r.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_PER_INHABITANT);
  r.mutable_reporting()->set_period_months(6);
  r.mutable_reporting()->set_deadline_days(30);
  r.mutable_reporting()->mutable_annual_report_due()->set_month(3);
  r.mutable_reporting()->mutable_annual_report_due()->set_day(31);
  return r;
}

v1::RecordExpenseRequest Expense(const CooperationApi& c, const std::string& id,
                                 const v1::Date& day, int64_t cents,
                                 int64_t funded) {
  auto r = Address<v1::RecordExpenseRequest>(c, absl::StrCat("exp-", id));
  r.set_expense_id(id);
  *r.mutable_incurred_on() = day;
  r.set_amount_cents(cents);
  r.set_funded_cents(funded);
  r.set_category("personale");
  r.set_description("Educatori professionali");
  return r;
}

TEST(ProjectApiTest, BadInputNamesTheFieldForEveryRpc) {
  TlsTestServer::Options options;
  options.principals = testing::CooperationPrincipals();
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& s = **started;
  DistrictApi district(s, "bad-project");
  CooperationApi c(s, district);
  ASSERT_TRUE(c.Setup().ok());
  auto ufficio = c.Projects(testing::kUfficio);
  const v1::RegisterProjectRequest reg = Registration(c, "bad-reg");
  auto bad_reg = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::RegisterProject, reg, mutate, field);
  };
  bad_reg([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_reg([](auto& r) { r.set_project_id("PNRR"); }, "project_id");
  bad_reg([](auto& r) { r.clear_title(); }, "title");
  bad_reg([](auto& r) { r.clear_funding(); }, "funding");
  bad_reg([](auto& r) { r.mutable_funding()->clear_kind(); }, "funding.kind");
  bad_reg([](auto& r) { r.mutable_funding()->clear_name(); }, "funding.name");
  bad_reg([](auto& r) { r.mutable_funding()->set_granted_cents(-1); },
          "funding.granted_cents");
  bad_reg([](auto& r) { r.mutable_funding()->set_granted_cents(30'000'000); },
          "funding.granted_cents");  // more than the budget
  bad_reg(
      [](auto& r) {
        r.mutable_funding()
            ->mutable_grant_act()
            ->mutable_deliberation()
            ->set_body("Decreto");
      },
      "funding.grant_act.deliberation.number");
  bad_reg([](auto& r) { r.set_budget_cents(0); }, "budget_cents");
  bad_reg([](auto& r) { r.clear_starts_on(); }, "starts_on");
  bad_reg([](auto& r) { r.clear_ends_on(); }, "ends_on");
  bad_reg([](auto& r) { *r.mutable_ends_on() = D(2026, 1, 1); }, "ends_on");
  bad_reg([](auto& r) { *r.mutable_ends_on() = D(2040, 1, 1); }, "ends_on");
  bad_reg([](auto& r) { r.clear_participant_ids(); }, "participant_ids");
  bad_reg([](auto& r) { r.add_participant_ids("carpiano"); },
          "participant_ids[3]");
  bad_reg([](auto& r) { r.mutable_cost_sharing()->set_fixed_permille(10); },
          "cost_sharing");
  bad_reg([](auto& r) { r.set_function(v1::FUNCTION_HOME_CARE); },
          "cost_sharing");  // the delegations' rule applies
  bad_reg([](auto& r) { r.set_accord_id("Conv"); }, "accord_id");
  bad_reg([](auto& r) { r.set_function(static_cast<v1::Function>(40)); },
          "function");
  bad_reg([](auto& r) { r.mutable_reporting()->set_deadline_days(0); },
          "reporting.deadline_days");
  bad_reg(
      [](auto& r) {
        r.mutable_reporting()->mutable_annual_report_due()->set_day(29);
        r.mutable_reporting()->mutable_annual_report_due()->set_month(2);
      },
      "reporting.annual_report_due");

  const v1::RecordExpenseRequest expense =
      Expense(c, "e-1", D(2026, 4, 10), 100, 50);
  auto bad_expense = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::RecordExpense, expense, mutate,
                      field);
  };
  bad_expense([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_expense([](auto& r) { r.clear_project_id(); }, "project_id");
  bad_expense([](auto& r) { r.clear_expense_id(); }, "expense_id");
  bad_expense([](auto& r) { r.clear_incurred_on(); }, "incurred_on");
  bad_expense([](auto& r) { r.set_amount_cents(0); }, "amount_cents");
  bad_expense([](auto& r) { r.set_funded_cents(101); }, "funded_cents");
  bad_expense([](auto& r) { r.set_funded_cents(-1); }, "funded_cents");
  bad_expense([](auto& r) { r.clear_category(); }, "category");
  bad_expense([](auto& r) { r.set_document_sha256("00"); }, "document_sha256");
  auto report = Address<v1::SubmitReportRequest>(c, "bad-report");
  report.set_report_id("periodic-1");
  ExpectInvalidWith(
      s, *ufficio, &Stub::SubmitReport, report,
      [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(
      s, *ufficio, &Stub::SubmitReport, report,
      [](auto& r) { r.clear_report_id(); }, "report_id");
  ExpectInvalidWith(
      s, *ufficio, &Stub::SubmitReport, report,
      [](auto& r) { r.set_document_sha256(std::string(64, 'F')); },
      "document_sha256");
  auto allocate = Address<v1::AllocateCostsRequest>(c, "bad-allocate");
  allocate.set_allocation_id("a-1");
  *allocate.mutable_period_from() = D(2026, 3, 1);
  *allocate.mutable_period_to() = D(2026, 8, 31);
  auto bad_allocate = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::AllocateCosts, allocate, mutate,
                      field);
  };
  bad_allocate([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_allocate([](auto& r) { r.clear_allocation_id(); }, "allocation_id");
  bad_allocate([](auto& r) { r.clear_period_from(); }, "period_from");
  bad_allocate([](auto& r) { *r.mutable_period_to() = D(2026, 2, 1); },
               "period_to");
  bad_allocate(
      [](auto& r) {
        v1::MemberFigure* f = r.mutable_basis()->add_inhabitants();
        f->set_member_id("melegnano");
        f->set_value(-3);
      },
      "basis.inhabitants[0].value");
  bad_allocate(
      [](auto& r) { r.mutable_basis()->add_uses()->set_member_id(""); },
      "basis.uses[0].member_id");
  v1::GetProjectRequest get;
  get.set_consortium_id(c.id());
  get.set_project_id("pnrr-1-1");
  auto reader = c.Projects(testing::kAuditor);
  ExpectInvalidWith(
      s, *reader, &Stub::GetProject, get, [](auto& r) { r.clear_project_id(); },
      "project_id");
  ExpectInvalidWith(
      s, *reader, &Stub::GetProject, get,
      [](auto& r) { *r.mutable_as_of_date() = D(2026, 2, 30); }, "as_of_date");
  // No such project: NOT_FOUND for its commands and the read.
  ExpectError(s, *reader, &Stub::GetProject, get, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");
  ExpectError(s, *ufficio, &Stub::RecordExpense, expense,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

TEST(ProjectApiTest, AFundedProjectReportsAndSharesItsCosts) {
  TlsTestServer::Options options;
  options.principals = testing::CooperationPrincipals();
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& s = **started;
  DistrictApi district(s, "pnrr");
  CooperationApi c(s, district);
  ASSERT_TRUE(c.Setup().ok());
  auto ufficio = c.Projects(testing::kUfficio);
  s.clock().AdvanceTo(RomeTime(CivilDay(2026, 3, 2), 12));
  v1::RegisterProjectResponse registered;
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::RegisterProject,
                      Registration(c, "pnrr-register"), &registered)
                  .ok());
  std::vector<std::string> reports;
  for (const v1::ReportScheduled& r : registered.reports()) {
    reports.push_back(r.report_id());
  }
  EXPECT_EQ(reports,
            (std::vector<std::string>{"periodic-1", "periodic-2", "final",
                                      "annual-2026", "annual-2027"}));
  EXPECT_EQ(registered.reports(0).due_on().month(), 9);
  EXPECT_EQ(registered.reports(0).due_on().day(), 30);
  // Expenses in the first half; one outside the project's period.
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::RecordExpense,
                      Expense(c, "e-1", D(2026, 4, 10), 10'000'000, 8'000'000))
                  .ok());
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::RecordExpense,
                      Expense(c, "e-2", D(2026, 7, 1), 5'000'000, 4'000'000))
                  .ok());
  ExpectError(s, *ufficio, &Stub::RecordExpense,
              Expense(c, "e-0", D(2026, 2, 27), 100, 0),
              grpc::StatusCode::FAILED_PRECONDITION, "OUTSIDE_PROJECT_PERIOD");
  // The first report only after its period ends (31 August).
  auto report = Address<v1::SubmitReportRequest>(c, "pnrr-report-1");
  report.set_report_id("periodic-1");
  report.set_summary("Attivate 40 prese in carico");
  ExpectError(s, *ufficio, &Stub::SubmitReport, report,
              grpc::StatusCode::FAILED_PRECONDITION, "REPORTING_PERIOD_OPEN");
  s.clock().AdvanceTo(RomeTime(CivilDay(2026, 9, 10), 12));
  v1::SubmitReportResponse submitted;
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::SubmitReport, report, &submitted).ok());
  EXPECT_EQ(submitted.report().expenses_cents(), 15'000'000);
  EXPECT_EQ(submitted.report().funded_cents(), 12'000'000);
  EXPECT_EQ(submitted.report().expense_count(), 2);
  EXPECT_FALSE(submitted.report().late());
  ExpectError(s, *ufficio, &Stub::RecordExpense,
              Expense(c, "e-3", D(2026, 8, 1), 100, 0),
              grpc::StatusCode::FAILED_PRECONDITION, "PERIOD_ALREADY_REPORTED");
  // The members' part (EUR 30,000) by inhabitants, in exact cents.
  auto allocate = Address<v1::AllocateCostsRequest>(c, "pnrr-allocate-1");
  allocate.set_allocation_id("riparto-2026-1");
  *allocate.mutable_period_from() = D(2026, 3, 1);
  *allocate.mutable_period_to() = D(2026, 8, 31);
  for (const auto& [member, people] :
       std::vector<std::pair<std::string, int64_t>>{
           {"melegnano", 18'000}, {"carpiano", 4'000}, {"dresano", 3'000}}) {
    v1::MemberFigure* f = allocate.mutable_basis()->add_inhabitants();
    f->set_member_id(member);
    f->set_value(people);
  }
  v1::AllocateCostsResponse allocated;
  ASSERT_TRUE(
      CallRpc(*ufficio, &Stub::AllocateCosts, allocate, &allocated).ok());
  EXPECT_EQ(allocated.allocation().total_cents(), 3'000'000);
  std::map<std::string, int64_t> parts;
  for (const v1::CostShare& p : allocated.allocation().shares()) {
    parts[p.member_id()] = p.amount_cents();
  }
  EXPECT_EQ(parts, (std::map<std::string, int64_t>{{"carpiano", 480'000},
                                                   {"dresano", 360'000},
                                                   {"melegnano", 2'160'000}}));
  // Report status on dates; the second report is overdue by the timer.
  auto project_on = [&](const v1::Date& day) {
    v1::GetProjectRequest get;
    get.set_consortium_id(c.id());
    get.set_project_id("pnrr-1-1");
    *get.mutable_as_of_date() = day;
    v1::GetProjectResponse resp;
    EXPECT_TRUE(
        CallRpc(*c.Projects(testing::kRegion), &Stub::GetProject, get, &resp)
            .ok());
    std::map<std::string, v1::ProjectReport> out;
    for (const v1::ProjectReport& r : resp.project().reports()) {
      out[r.schedule().report_id()] = r;
    }
    return std::make_pair(resp.project(), out);
  };
  auto [october, reports_in_october] = project_on(D(2026, 10, 1));
  EXPECT_EQ(october.spent_cents(), 15'000'000);
  EXPECT_EQ(october.allocated_size(), 3);
  EXPECT_EQ(reports_in_october["periodic-1"].status(),
            v1::REPORT_STATUS_SUBMITTED);
  EXPECT_EQ(reports_in_october["periodic-2"].status(),
            v1::REPORT_STATUS_UPCOMING);
  EXPECT_EQ(project_on(D(2027, 3, 15)).second["periodic-2"].status(),
            v1::REPORT_STATUS_DUE);
  s.clock().AdvanceTo(RomeTime(CivilDay(2027, 3, 31), 9));
  ASSERT_TRUE(s.server().RunDueTimers().ok());
  v1::ProjectReport overdue = project_on(D(2027, 3, 31)).second["periodic-2"];
  EXPECT_EQ(overdue.status(), v1::REPORT_STATUS_OVERDUE);
  EXPECT_TRUE(overdue.marked_overdue());
  auto late = Address<v1::SubmitReportRequest>(c, "pnrr-report-2");
  late.set_report_id("periodic-2");
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::SubmitReport, late, &submitted).ok());
  EXPECT_TRUE(submitted.report().late());
  EXPECT_EQ(project_on(D(2027, 4, 1)).second["periodic-2"].status(),
            v1::REPORT_STATUS_SUBMITTED_LATE);
}

}  // namespace
}  // namespace concordia
