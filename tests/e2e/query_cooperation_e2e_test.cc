// QueryService's domain II reads beyond the accords end to end over mutual
// TLS: delegated functions, programmes, the members' needs and funded
// projects, read after real DelegationService, ProgrammeService and
// ProjectService commands — as of an earlier position, as in force on a
// day, filtered, paged with a pinned token; NOT_FOUND for what does not
// exist; bad input naming the field for every RPC, nothing appended.
#include "absl/strings/str_cat.h"
#include "concordia/v1/query_service.grpc.pb.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/cooperation_api.h"
#include "tests/testing/district_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using absl::CivilDay;
using testing::CallRpc;
using testing::CooperationApi;
using testing::DateOf;
using testing::DelegateOf;
using testing::DistrictApi;
using testing::ExpectError;
using testing::ExpectInvalidWith;
using testing::RawDate;
using testing::TlsTestServer;
using Stub = v1::QueryService::Stub;

class QueryCooperationTest
    : public testing::SharedServerTest<testing::CooperationPrincipals> {
 protected:
  std::unique_ptr<Stub> Queries(const std::string& as = testing::kAuditor) {
    return v1::QueryService::NewStub(server_->ChannelAs(as));
  }
  v1::AsOf At(uint64_t position) {
    v1::AsOf a;
    a.set_position(position);
    return a;
  }
  // As of the log's end now: the read waits until its read model applied it.
  v1::AsOf Now() { return At(server_->LastPosition()); }
  v1::AsOf NowOn(CivilDay day) {
    v1::AsOf a = Now();
    *a.mutable_in_force_on() = DateOf(day);
    return a;
  }
};

// `member` delegates `function` to the consortium from 1 April 2026 by its
// own council's act.
grpc::Status Delegate(CooperationApi& c, const std::string& member,
                      v1::Function function) {
  v1::DelegateFunctionRequest r;
  r.set_request_id(c.NextRequestId());
  r.set_consortium_id(c.id());
  r.set_member_id(member);
  r.set_function(function);
  *r.mutable_delegate() = testing::ToConsortium();
  *r.mutable_effective_from() = DateOf(CivilDay(2026, 4, 1));
  *r.mutable_act() =
      testing::ExternalAct(absl::StrCat("Consiglio comunale di ", member), "12",
                           CivilDay(2026, 3, 20));
  *r.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_PER_INHABITANT);
  return CallRpc(*c.Delegations(DelegateOf(member)),
                 &v1::DelegationService::Stub::DelegateFunction, r);
}

grpc::Status Draft(CooperationApi& c, const std::string& id,
                   v1::ProgrammeKind kind, int64_t cents) {
  using PS = v1::ProgrammeService::Stub;
  auto ufficio = c.Programmes(testing::kUfficio);
  v1::DraftProgrammeRequest d;
  d.set_request_id(c.NextRequestId());
  d.set_consortium_id(c.id());
  d.set_programme_id(id);
  d.set_kind(kind);
  d.set_title(absl::StrCat("Programma ", id));
  d.set_first_year(2027);
  grpc::Status s = CallRpc(*ufficio, &PS::DraftProgramme, d);
  if (!s.ok()) return s;
  v1::AddProgrammeItemRequest add;
  add.set_request_id(c.NextRequestId());
  add.set_consortium_id(c.id());
  add.set_programme_id(id);
  v1::ProgrammeItem* i = add.mutable_item();
  i->set_item_id("servizi");
  i->set_title("Servizi informatici");
  i->set_year(2027);
  if (kind == v1::PROGRAMME_KIND_PURCHASING_PROGRAMME) {
    i->set_category("72000000");
    i->set_procurement_kind(v1::PROCUREMENT_KIND_SERVICES);
  }
  i->set_amount_cents(cents);
  return CallRpc(*ufficio, &PS::AddProgrammeItem, add);
}

grpc::Status Need(CooperationApi& c, const std::string& id,
                  const std::string& member, int64_t cents) {
  v1::SubmitNeedRequest r;
  r.set_request_id(c.NextRequestId());
  r.set_consortium_id(c.id());
  r.set_year(2027);
  r.set_need_id(id);
  r.set_member_id(member);
  r.set_category("72000000");
  r.set_kind(v1::PROCUREMENT_KIND_SERVICES);
  r.set_description("Servizi informatici");
  r.set_quantity(1);
  r.set_unit("lotto");
  r.set_amount_cents(cents);
  return CallRpc(*c.Programmes(DelegateOf(member)),
                 &v1::ProgrammeService::Stub::SubmitNeed, r);
}

// A project from March 2026 to February 2027 (six-monthly reports due in 30
// days), with one expense of `spent` cents on 15 April 2026.
grpc::Status Project(CooperationApi& c, const std::string& id,
                     int64_t spent) {
  using JS = v1::ProjectService::Stub;
  auto ufficio = c.Projects(testing::kUfficio);
  v1::RegisterProjectRequest r;
  r.set_request_id(c.NextRequestId());
  r.set_consortium_id(c.id());
  r.set_project_id(id);
  r.set_title(absl::StrCat("Progetto ", id));
  v1::FundingSource* f = r.mutable_funding();
  f->set_kind(v1::FUNDING_SOURCE_KIND_EUROPEAN_UNION);
  f->set_name("PNRR M5C2 1.1");
  f->set_grantor("Ministero del Lavoro e delle Politiche Sociali");
  f->set_cup("J51B21005000006");
  f->set_granted_cents(20'000'000);
  r.set_budget_cents(25'000'000);
  *r.mutable_starts_on() = DateOf(CivilDay(2026, 3, 1));
  *r.mutable_ends_on() = DateOf(CivilDay(2027, 2, 28));
  for (const char* m : {"melegnano", "carpiano"}) r.add_participant_ids(m);
  *r.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_PER_INHABITANT);
  r.mutable_reporting()->set_period_months(6);
  r.mutable_reporting()->set_deadline_days(30);
  grpc::Status s = CallRpc(*ufficio, &JS::RegisterProject, r);
  if (!s.ok()) return s;
  v1::RecordExpenseRequest e;
  e.set_request_id(c.NextRequestId());
  e.set_consortium_id(c.id());
  e.set_project_id(id);
  e.set_expense_id("e-1");
  *e.mutable_incurred_on() = DateOf(CivilDay(2026, 4, 15));
  e.set_amount_cents(spent);
  e.set_funded_cents(spent / 2);
  e.set_category("personale");
  e.set_description("Educatori professionali");
  return CallRpc(*ufficio, &JS::RecordExpense, e);
}

TEST_F(QueryCooperationTest, DelegatedFunctionsOnADayAndAsOfAPosition) {
  DistrictApi d(*server_, "qc-functions");
  CooperationApi c(*server_, d);
  ASSERT_TRUE(c.Setup().ok());
  TlsTestServer& s = *server_;
  s.clock().AdvanceTo(testing::RomeTime(CivilDay(2026, 3, 2), 12));
  const v1::Function home = v1::FUNCTION_HOME_CARE;
  const v1::Function social = v1::FUNCTION_SOCIAL_SERVICES;
  const uint64_t before = s.LastPosition();
  ASSERT_TRUE(Delegate(c, "melegnano", home).ok());
  const uint64_t one = s.LastPosition();
  ASSERT_TRUE(Delegate(c, "carpiano", home).ok());
  ASSERT_TRUE(Delegate(c, "dresano", social).ok());
  auto q = Queries();

  v1::GetDelegationViewRequest get;
  get.set_consortium_id(c.id());
  get.set_member_id("melegnano");
  get.set_function(home);
  *get.mutable_as_of() = NowOn(CivilDay(2026, 3, 15));
  v1::GetDelegationViewResponse got;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetDelegationView, get, &got).ok());
  ASSERT_EQ(got.delegation().periods_size(), 1);
  EXPECT_EQ(got.delegation().periods(0).delegate().kind(),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(got.delegation().periods(0).effective_from().day(), 1);
  EXPECT_EQ(got.delegation().periods(0).effective_from().month(), 4);
  // Before 1 April the member exercises it itself, from then the consortium.
  EXPECT_EQ(got.delegation().in_force().exerciser().kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  EXPECT_EQ(got.header().in_force_on().day(), 15);
  *get.mutable_as_of() = NowOn(CivilDay(2026, 4, 15));
  ASSERT_TRUE(CallRpc(*q, &Stub::GetDelegationView, get, &got).ok());
  EXPECT_EQ(got.delegation().in_force().exerciser().kind(),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_GE(got.header().log_position(), one);
  // As of the position before the delegation it did not exist.
  *get.mutable_as_of() = At(before);
  ExpectError(s, *q, &Stub::GetDelegationView, get,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  *get.mutable_as_of() = At(one);
  ASSERT_TRUE(CallRpc(*q, &Stub::GetDelegationView, get, &got).ok());
  EXPECT_EQ(got.header().log_position(), one);
  get.clear_as_of();
  get.set_function(social);
  ExpectError(s, *q, &Stub::GetDelegationView, get,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");

  // The matrix: by member, then function.
  auto list = [&](auto mutate) {
    v1::ListDelegationsRequest r;
    r.set_consortium_id(c.id());
    *r.mutable_as_of() = Now();
    mutate(r);
    v1::ListDelegationsResponse resp;
    grpc::Status st = CallRpc(*q, &Stub::ListDelegations, r, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::vector<std::string> cells;
    for (const v1::DelegationView& v : resp.delegations()) {
      cells.push_back(absl::StrCat(v.member_id(), "/", v.function()));
    }
    return cells;
  };
  const std::string h = absl::StrCat(static_cast<int>(home));
  const std::string so = absl::StrCat(static_cast<int>(social));
  EXPECT_EQ(list([](auto&) {}),
            (std::vector<std::string>{"carpiano/" + h, "dresano/" + so,
                                      "melegnano/" + h}));
  EXPECT_EQ(list([](auto& r) { r.set_member_id("melegnano"); }),
            (std::vector<std::string>{"melegnano/" + h}));
  EXPECT_EQ(list([&](auto& r) { r.set_function(home); }),
            (std::vector<std::string>{"carpiano/" + h, "melegnano/" + h}));
  EXPECT_TRUE(list([&](auto& r) {
                r.set_delegated_only(true);
                *r.mutable_as_of() = NowOn(CivilDay(2026, 3, 15));
              }).empty());
  EXPECT_EQ(list([&](auto& r) {
              r.set_delegated_only(true);
              *r.mutable_as_of() = NowOn(CivilDay(2026, 4, 15));
            }).size(),
            3u);
  EXPECT_EQ(list([&](auto& r) { *r.mutable_as_of() = At(one); }),
            (std::vector<std::string>{"melegnano/" + h}));

  // Paged: the token pins the first page's position, so a delegation
  // recorded between the pages does not show on the second.
  v1::ListDelegationsRequest paged;
  paged.set_consortium_id(c.id());
  paged.set_page_size(2);
  v1::ListDelegationsResponse first;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListDelegations, paged, &first).ok());
  ASSERT_EQ(first.delegations_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  ASSERT_TRUE(Delegate(c, "melegnano", social).ok());
  paged.set_page_token(first.next_page_token());
  v1::ListDelegationsResponse second;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListDelegations, paged, &second).ok());
  ASSERT_EQ(second.delegations_size(), 1);
  EXPECT_EQ(second.delegations(0).member_id(), "melegnano");
  EXPECT_EQ(second.delegations(0).function(), home);
  EXPECT_TRUE(second.next_page_token().empty());
  EXPECT_EQ(second.header().log_position(), first.header().log_position());
}

TEST_F(QueryCooperationTest, ProgrammesNeedsAndProjects) {
  DistrictApi d(*server_, "qc-programmes");
  CooperationApi c(*server_, d);
  ASSERT_TRUE(c.Setup().ok());
  TlsTestServer& s = *server_;
  ASSERT_TRUE(d.DraftReady("p-ptas").ok());
  // Adopted on 9 March, immediately executable (later than the other
  // tests' clock on the shared server).
  ASSERT_TRUE(d.Adopt("p-ptas", CivilDay(2026, 3, 9), nullptr, true).ok());
  s.clock().AdvanceTo(testing::RomeTime(CivilDay(2026, 3, 9), 12));
  ASSERT_TRUE(Draft(c, "ptas-2027", v1::PROGRAMME_KIND_PURCHASING_PROGRAMME,
                    30'000'000)
                  .ok());
  grpc::Status pdz =
      Draft(c, "pdz-2027", v1::PROGRAMME_KIND_PIANO_DI_ZONA, 1'000'000);
  ASSERT_TRUE(pdz.ok()) << pdz.error_message();
  const uint64_t drafted = s.LastPosition();
  v1::AdoptProgrammeRequest adopt;
  adopt.set_request_id(c.NextRequestId());
  adopt.set_consortium_id(c.id());
  adopt.set_body_id("assemblea");
  adopt.set_programme_id("ptas-2027");
  adopt.set_proposal_id("p-ptas");
  ASSERT_TRUE(CallRpc(*c.Programmes(testing::kSecretary),
                      &v1::ProgrammeService::Stub::AdoptProgramme, adopt)
                  .ok());
  auto q = Queries(testing::kRegion);

  v1::GetProgrammeViewRequest gp;
  gp.set_consortium_id(c.id());
  gp.set_programme_id("ptas-2027");
  *gp.mutable_as_of() = NowOn(CivilDay(2026, 3, 10));
  v1::GetProgrammeViewResponse programme;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetProgrammeView, gp, &programme).ok());
  EXPECT_EQ(programme.programme().stage(), v1::PROGRAMME_STAGE_ADOPTED);
  EXPECT_EQ(programme.programme().current_total_cents(), 30'000'000);
  EXPECT_TRUE(programme.programme().in_force().adopted());
  EXPECT_EQ(programme.programme().in_force().total_cents(), 30'000'000);
  *gp.mutable_as_of() = NowOn(CivilDay(2026, 3, 8));
  ASSERT_TRUE(CallRpc(*q, &Stub::GetProgrammeView, gp, &programme).ok());
  EXPECT_FALSE(programme.programme().in_force().adopted());
  *gp.mutable_as_of() = At(drafted);
  ASSERT_TRUE(CallRpc(*q, &Stub::GetProgrammeView, gp, &programme).ok());
  EXPECT_EQ(programme.programme().stage(), v1::PROGRAMME_STAGE_DRAFTED);
  gp.set_programme_id("pdz-2030");
  ExpectError(s, *q, &Stub::GetProgrammeView, gp, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");

  auto programmes = [&](auto mutate) {
    v1::ListProgrammesRequest r;
    r.set_consortium_id(c.id());
    *r.mutable_as_of() = Now();
    mutate(r);
    v1::ListProgrammesResponse resp;
    grpc::Status st = CallRpc(*q, &Stub::ListProgrammes, r, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::vector<std::string> ids;
    for (const v1::ProgrammeView& v : resp.programmes()) {
      ids.push_back(v.draft().programme_id());
    }
    return ids;
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(programmes([](auto&) {}), (Ids{"pdz-2027", "ptas-2027"}));
  EXPECT_EQ(programmes([](auto& r) {
              r.set_kind(v1::PROGRAMME_KIND_PIANO_DI_ZONA);
            }),
            (Ids{"pdz-2027"}));
  EXPECT_EQ(programmes([](auto& r) {
              r.set_stage(v1::PROGRAMME_STAGE_ADOPTED);
            }),
            (Ids{"ptas-2027"}));
  EXPECT_EQ(programmes([&](auto& r) {
              r.set_adopted_only(true);
              *r.mutable_as_of() = NowOn(CivilDay(2026, 3, 10));
            }),
            (Ids{"ptas-2027"}));
  EXPECT_EQ(programmes([&](auto& r) {
              r.set_adopted_only(true);
              *r.mutable_as_of() = NowOn(CivilDay(2026, 3, 8));
            }),
            Ids{});
  v1::ListProgrammesRequest lp;
  lp.set_consortium_id(c.id());
  lp.set_page_size(1);
  v1::ListProgrammesResponse page1, page2;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListProgrammes, lp, &page1).ok());
  ASSERT_EQ(page1.programmes_size(), 1);
  lp.set_page_token(page1.next_page_token());
  ASSERT_TRUE(CallRpc(*q, &Stub::ListProgrammes, lp, &page2).ok());
  ASSERT_EQ(page2.programmes_size(), 1);
  EXPECT_EQ(page2.programmes(0).draft().programme_id(), "ptas-2027");
  EXPECT_TRUE(page2.next_page_token().empty());

  // The members' needs of 2027.
  v1::OpenNeedsCollectionRequest open;
  open.set_request_id(c.NextRequestId());
  open.set_consortium_id(c.id());
  open.set_year(2027);
  *open.mutable_deadline() = DateOf(CivilDay(2026, 10, 31));
  ASSERT_TRUE(CallRpc(*c.Programmes(testing::kUfficio),
                      &v1::ProgrammeService::Stub::OpenNeedsCollection, open)
                  .ok());
  const uint64_t opened = s.LastPosition();
  ASSERT_TRUE(Need(c, "n-mel", "melegnano", 12'000'000).ok());
  ASSERT_TRUE(Need(c, "n-car", "carpiano", 8'000'000).ok());
  v1::GetNeedsViewRequest gn;
  gn.set_consortium_id(c.id());
  gn.set_year(2027);
  *gn.mutable_as_of() = NowOn(CivilDay(2026, 10, 31));
  v1::GetNeedsViewResponse needs;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetNeedsView, gn, &needs).ok());
  EXPECT_EQ(needs.needs().needs_size(), 2);
  EXPECT_EQ(needs.needs().total_cents(), 20'000'000);
  EXPECT_EQ(needs.needs().members_size(), 2);
  ASSERT_EQ(needs.needs().demand_size(), 1);
  EXPECT_EQ(needs.needs().demand(0).amount_cents(), 20'000'000);
  EXPECT_TRUE(needs.needs().in_force().open());
  *gn.mutable_as_of() = NowOn(CivilDay(2026, 11, 1));
  ASSERT_TRUE(CallRpc(*q, &Stub::GetNeedsView, gn, &needs).ok());
  EXPECT_FALSE(needs.needs().in_force().open());
  gn.set_member_id("melegnano");
  ASSERT_TRUE(CallRpc(*q, &Stub::GetNeedsView, gn, &needs).ok());
  ASSERT_EQ(needs.needs().needs_size(), 1);
  EXPECT_EQ(needs.needs().needs(0).need().need_id(), "n-mel");
  EXPECT_EQ(needs.needs().demand(0).amount_cents(), 20'000'000);  // whole
  gn.clear_member_id();
  *gn.mutable_as_of() = At(opened);
  ASSERT_TRUE(CallRpc(*q, &Stub::GetNeedsView, gn, &needs).ok());
  EXPECT_EQ(needs.needs().needs_size(), 0);
  gn.set_year(2028);
  ExpectError(s, *q, &Stub::GetNeedsView, gn, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");

  // Two funded projects.
  ASSERT_TRUE(Project(c, "pnrr-a", 1'500'000).ok());
  const uint64_t one_project = s.LastPosition();
  ASSERT_TRUE(Project(c, "pnrr-b", 700'000).ok());
  v1::GetProjectViewRequest gj;
  gj.set_consortium_id(c.id());
  gj.set_project_id("pnrr-a");
  *gj.mutable_as_of() = NowOn(CivilDay(2026, 4, 1));
  v1::GetProjectViewResponse project;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetProjectView, gj, &project).ok());
  EXPECT_EQ(project.project().registration().title(), "Progetto pnrr-a");
  EXPECT_EQ(project.project().spent_cents(), 1'500'000);
  EXPECT_EQ(project.project().funded_cents(), 750'000);
  EXPECT_TRUE(project.project().in_force().running());
  EXPECT_EQ(project.project().in_force().spent_cents(), 0);  // not yet
  *gj.mutable_as_of() = NowOn(CivilDay(2027, 6, 1));
  ASSERT_TRUE(CallRpc(*q, &Stub::GetProjectView, gj, &project).ok());
  EXPECT_FALSE(project.project().in_force().running());
  EXPECT_EQ(project.project().in_force().spent_cents(), 1'500'000);
  gj.set_project_id("pnrr-z");
  ExpectError(s, *q, &Stub::GetProjectView, gj, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");

  auto projects = [&](auto mutate) {
    v1::ListProjectsRequest r;
    r.set_consortium_id(c.id());
    *r.mutable_as_of() = Now();
    mutate(r);
    v1::ListProjectsResponse resp;
    grpc::Status st = CallRpc(*q, &Stub::ListProjects, r, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    Ids ids;
    for (const v1::ProjectView& v : resp.projects()) {
      ids.push_back(v.registration().project_id());
    }
    return ids;
  };
  EXPECT_EQ(projects([](auto&) {}), (Ids{"pnrr-a", "pnrr-b"}));
  EXPECT_EQ(projects([&](auto& r) { *r.mutable_as_of() = At(one_project); }),
            (Ids{"pnrr-a"}));
  EXPECT_EQ(projects([&](auto& r) {
              r.set_running_only(true);
              *r.mutable_as_of() = NowOn(CivilDay(2026, 6, 1));
            }),
            (Ids{"pnrr-a", "pnrr-b"}));
  EXPECT_EQ(projects([&](auto& r) {
              r.set_running_only(true);
              *r.mutable_as_of() = NowOn(CivilDay(2027, 6, 1));
            }),
            Ids{});
  // The first six-monthly report (to 31 August) was due by 30 September.
  EXPECT_EQ(projects([&](auto& r) {
              r.set_overdue_only(true);
              *r.mutable_as_of() = NowOn(CivilDay(2026, 6, 1));
            }),
            Ids{});
  EXPECT_EQ(projects([&](auto& r) {
              r.set_overdue_only(true);
              *r.mutable_as_of() = NowOn(CivilDay(2026, 10, 15));
            }),
            (Ids{"pnrr-a", "pnrr-b"}));
  v1::ListProjectsRequest lj;
  lj.set_consortium_id(c.id());
  lj.set_page_size(1);
  v1::ListProjectsResponse j1, j2;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListProjects, lj, &j1).ok());
  ASSERT_EQ(j1.projects_size(), 1);
  EXPECT_EQ(j1.projects(0).registration().project_id(), "pnrr-a");
  lj.set_page_token(j1.next_page_token());
  ASSERT_TRUE(CallRpc(*q, &Stub::ListProjects, lj, &j2).ok());
  ASSERT_EQ(j2.projects_size(), 1);
  EXPECT_EQ(j2.projects(0).registration().project_id(), "pnrr-b");
  EXPECT_TRUE(j2.next_page_token().empty());
}

TEST_F(QueryCooperationTest, BadInputNamesTheFieldForEveryRpc) {
  DistrictApi d(*server_, "qc-bad");
  ASSERT_TRUE(d.Setup().ok());
  TlsTestServer& s = *server_;
  // A system administrator reads every consortium, so a malformed one
  // reaches validation.
  auto q = Queries(testing::kSystemAdmin);
  auto bad_date = [](auto& r) {
    *r.mutable_as_of()->mutable_in_force_on() = RawDate(2026, 2, 30);
  };
  auto beyond = [&](auto method, auto valid) {
    valid.mutable_as_of()->set_position(s.LastPosition() + 1000);
    ExpectError(s, *q, method, valid, grpc::StatusCode::OUT_OF_RANGE,
                "POSITION_BEYOND_LOG");
  };
  auto common = [&](auto method, auto valid) {
    ExpectInvalidWith(s, *q, method, valid,
                      [](auto& r) { r.set_consortium_id("Sud Est"); },
                      "consortium_id");
    ExpectInvalidWith(s, *q, method, valid, bad_date, "as_of.in_force_on");
    beyond(method, valid);
  };
  auto common_list = [&](auto method, auto valid) {
    common(method, valid);
    ExpectInvalidWith(s, *q, method, valid,
                      [](auto& r) { r.set_page_size(-1); }, "page_size");
    ExpectInvalidWith(s, *q, method, valid,
                      [](auto& r) { r.set_page_token("not-a-token"); },
                      "page_token");
  };

  v1::GetDelegationViewRequest gd;
  gd.set_consortium_id(d.id());
  gd.set_member_id("melegnano");
  gd.set_function(v1::FUNCTION_HOME_CARE);
  common(&Stub::GetDelegationView, gd);
  ExpectInvalidWith(s, *q, &Stub::GetDelegationView, gd,
                    [](auto& r) { r.clear_member_id(); }, "member_id");
  ExpectInvalidWith(s, *q, &Stub::GetDelegationView, gd,
                    [](auto& r) { r.clear_function(); }, "function");
  ExpectInvalidWith(
      s, *q, &Stub::GetDelegationView, gd,
      [](auto& r) { r.set_function(static_cast<v1::Function>(99)); },
      "function");
  ExpectError(s, *q, &Stub::GetDelegationView, gd, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");

  v1::ListDelegationsRequest ld;
  ld.set_consortium_id(d.id());
  common_list(&Stub::ListDelegations, ld);
  ExpectInvalidWith(s, *q, &Stub::ListDelegations, ld,
                    [](auto& r) { r.set_member_id("Melegnano"); }, "member_id");
  ExpectInvalidWith(
      s, *q, &Stub::ListDelegations, ld,
      [](auto& r) { r.set_function(static_cast<v1::Function>(99)); },
      "function");
  ExpectInvalidWith(s, *q, &Stub::ListDelegations, ld,
                    [](auto& r) { r.set_delegated_only(true); },
                    "delegated_only");

  v1::GetProgrammeViewRequest gp;
  gp.set_consortium_id(d.id());
  gp.set_programme_id("ptas");
  common(&Stub::GetProgrammeView, gp);
  ExpectInvalidWith(s, *q, &Stub::GetProgrammeView, gp,
                    [](auto& r) { r.clear_programme_id(); }, "programme_id");
  ExpectError(s, *q, &Stub::GetProgrammeView, gp, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");

  v1::ListProgrammesRequest lp;
  lp.set_consortium_id(d.id());
  common_list(&Stub::ListProgrammes, lp);
  ExpectInvalidWith(
      s, *q, &Stub::ListProgrammes, lp,
      [](auto& r) { r.set_kind(static_cast<v1::ProgrammeKind>(99)); }, "kind");
  ExpectInvalidWith(
      s, *q, &Stub::ListProgrammes, lp,
      [](auto& r) { r.set_stage(static_cast<v1::ProgrammeStage>(99)); },
      "stage");
  ExpectInvalidWith(s, *q, &Stub::ListProgrammes, lp,
                    [](auto& r) { r.set_adopted_only(true); }, "adopted_only");

  v1::GetNeedsViewRequest gn;
  gn.set_consortium_id(d.id());
  gn.set_year(2027);
  common(&Stub::GetNeedsView, gn);
  ExpectInvalidWith(s, *q, &Stub::GetNeedsView, gn,
                    [](auto& r) { r.clear_year(); }, "year");
  ExpectInvalidWith(s, *q, &Stub::GetNeedsView, gn,
                    [](auto& r) { r.set_year(2101); }, "year");
  ExpectInvalidWith(s, *q, &Stub::GetNeedsView, gn,
                    [](auto& r) { r.set_member_id("-x"); }, "member_id");
  ExpectError(s, *q, &Stub::GetNeedsView, gn, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");

  v1::GetProjectViewRequest gj;
  gj.set_consortium_id(d.id());
  gj.set_project_id("pnrr");
  common(&Stub::GetProjectView, gj);
  ExpectInvalidWith(s, *q, &Stub::GetProjectView, gj,
                    [](auto& r) { r.set_project_id("PNRR 1"); }, "project_id");
  ExpectError(s, *q, &Stub::GetProjectView, gj, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");

  v1::ListProjectsRequest lj;
  lj.set_consortium_id(d.id());
  common_list(&Stub::ListProjects, lj);
  ExpectInvalidWith(s, *q, &Stub::ListProjects, lj,
                    [](auto& r) { r.set_running_only(true); }, "running_only");
  ExpectInvalidWith(s, *q, &Stub::ListProjects, lj,
                    [](auto& r) { r.set_overdue_only(true); }, "overdue_only");

  // A stranger is refused before anything is read, even for a malformed
  // request.
  auto stranger = Queries(testing::kStranger);
  v1::GetNeedsViewRequest bad_year = gn;
  bad_year.set_year(1);
  ExpectError(s, *stranger, &Stub::GetNeedsView, bad_year,
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
}

}  // namespace
}  // namespace concordia
