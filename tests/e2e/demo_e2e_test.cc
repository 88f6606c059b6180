// `concordia demo load` against a real concordiad process (wall clock,
// plaintext on loopback): the four demo consortia load, then queries whose
// answers are checked — the district's nine shares, the Piano di Zona
// accord in force from its BURL publication and not before, the SdS
// succession and its project's reports after 31 December 2024, ESTAR's
// aggregated needs, the CST's delegations on dates, an as-of position before
// a deliberation — and a second load appends nothing and exits 0.
#include <map>
#include <memory>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/cpp/client.h"
#include "clients/demo/demo.h"
#include "concordia/v1/accord_service.grpc.pb.h"
#include "concordia/v1/admin.grpc.pb.h"
#include "concordia/v1/consortium_service.grpc.pb.h"
#include "concordia/v1/delegation_service.grpc.pb.h"
#include "concordia/v1/deliberation_service.grpc.pb.h"
#include "concordia/v1/events.grpc.pb.h"
#include "concordia/v1/programme_service.grpc.pb.h"
#include "concordia/v1/project_service.grpc.pb.h"
#include "concordia/v1/query_service.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/process.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::Runfile;
using testing::ServerProcess;
using testing::TempDir;

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

class DemoE2ETest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto server =
        ServerProcess::Start({TempDir("data"), {"--admin=admin@concordia"}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
    first_load_ = new CommandResult(Cli({"demo", "load"}));
  }
  static void TearDownTestSuite() {
    delete first_load_;
    delete server_;
  }

  static CommandResult Cli(std::vector<std::string> args,
                           const std::string& server = "") {
    std::vector<std::string> argv = {
        Runfile("clients/cli/concordia"),
        "--server=" + (server.empty() ? server_->address() : server)};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, absl::Seconds(120));
  }

  // A client of the server acting as `principal` (plaintext header).
  static std::unique_ptr<client::Client> As(const std::string& principal) {
    client::ClientOptions options;
    options.address = server_->address();
    options.principal = principal;
    auto c = client::Client::Connect(options);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? std::move(*c) : nullptr;
  }

  static uint64_t LastPosition() {
    auto info = As("admin@concordia")
                    ->Call(&v1::AdminService::Stub::GetServerInfo,
                           v1::GetServerInfoRequest());
    EXPECT_TRUE(info.ok()) << info.status();
    return info.ok() ? info->last_position() : 0;
  }

  void SetUp() override {
    ASSERT_EQ(first_load_->exit_code, 0) << first_load_->err;
    auditor_ = As("auditor@corte-dei-conti");
  }

  static std::map<std::string, int> Shares(const std::string& consortium,
                                           const v1::Date& on) {
    v1::GetSharesRequest req;
    req.set_consortium_id(consortium);
    *req.mutable_effective_date() = on;
    auto r = As("auditor@corte-dei-conti")
                 ->Call(&v1::ConsortiumService::Stub::GetShares, req);
    EXPECT_TRUE(r.ok()) << r.status();
    std::map<std::string, int> out;
    if (r.ok()) {
      for (const v1::MemberShare& s : r->shares()) out[s.member_id()] = s.permille();
    }
    return out;
  }

  v1::GetExerciserResponse Who(const std::string& member, v1::Function f,
                               const v1::Date& on) {
    v1::GetExerciserRequest req;
    req.set_consortium_id("cst-chieti");
    req.set_member_id(member);
    req.set_function(f);
    *req.mutable_as_of_date() = on;
    auto r = auditor_->Call(&v1::DelegationService::Stub::GetExerciser, req);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : v1::GetExerciserResponse();
  }

  // The SdS project on `on` (today when null).
  v1::Project ProjectOn(const v1::Date* on) {
    v1::GetProjectRequest req;
    req.set_consortium_id("sds-pistoia");
    req.set_project_id("coordinamento-udp-2022-2024");
    if (on != nullptr) *req.mutable_as_of_date() = *on;
    auto r = auditor_->Call(&v1::ProjectService::Stub::GetProject, req);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->project() : v1::Project();
  }

  static ServerProcess* server_;
  static CommandResult* first_load_;
  std::unique_ptr<client::Client> auditor_;
};

ServerProcess* DemoE2ETest::server_ = nullptr;
CommandResult* DemoE2ETest::first_load_ = nullptr;

TEST_F(DemoE2ETest, TheFirstLoadReportsWhatItLoaded) {
  EXPECT_TRUE(absl::StrContains(first_load_->out, "demo loaded: "))
      << first_load_->out;
  const size_t steps = demo::DemoPlan(absl::Now()).size();
  EXPECT_TRUE(absl::StrContains(first_load_->out,
                                absl::StrCat(steps, " of ", steps, " steps")))
      << first_load_->out;
  EXPECT_TRUE(absl::StrContains(first_load_->out,
                                "sudestmilano sds-pistoia estar cst-chieti"));
  EXPECT_TRUE(absl::StrContains(first_load_->err, "100%")) << first_load_->err;
}

TEST_F(DemoE2ETest, TheDistrictHasItsNineComuniWithTheSharesOfS1) {
  const std::map<std::string, int> expected = {
      {"san-giuliano-milanese", 347}, {"san-donato-milanese", 288},
      {"melegnano", 162},             {"cerro-al-lambro", 46},
      {"san-zenone-al-lambro", 39},   {"carpiano", 37},
      {"vizzolo-predabissi", 36},     {"dresano", 27},
      {"colturano", 18}};
  EXPECT_EQ(Shares("sudestmilano", D(2025, 6, 1)), expected);
  v1::GetBodyRequest body;
  body.set_consortium_id("sudestmilano");
  body.set_body_id("tavolo-aderenti");
  auto tavolo = auditor_->Call(&v1::ConsortiumService::Stub::GetBody, body);
  ASSERT_TRUE(tavolo.ok()) << tavolo.status();
  EXPECT_EQ(tavolo->designations_size(), 12);  // the adherents' seats
}

TEST_F(DemoE2ETest, ThePianoDiZonaAccordIsInForceFromItsPublicationOnly) {
  v1::GetAccordRequest req;
  req.set_consortium_id("sudestmilano");
  req.set_accord_id("adp-pdz-2025-2027");
  auto on = [&](const v1::Date& day) {
    *req.mutable_as_of_date() = day;
    auto r = auditor_->Call(&v1::AccordService::Stub::GetAccord, req);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->accord() : v1::Accord();
  };
  EXPECT_FALSE(on(D(2025, 4, 14)).in_force_on_date());  // before signing
  EXPECT_FALSE(on(D(2025, 4, 22)).in_force_on_date());  // signed, unpublished
  EXPECT_FALSE(on(D(2025, 5, 6)).in_force_on_date());
  v1::Accord in_force = on(D(2025, 5, 7));
  EXPECT_TRUE(in_force.in_force_on_date());
  EXPECT_EQ(in_force.stage(), v1::ACCORD_STAGE_IN_FORCE);
  EXPECT_EQ(in_force.in_force_from().month(), 5);
  EXPECT_EQ(in_force.in_force_from().day(), 7);
  ASSERT_EQ(in_force.instruments_size(), 1);
  EXPECT_EQ(in_force.instruments(0).signatures_size(), 11);
  int public_parties = 0, adherents = 0;
  for (const v1::AccordPartyStatus& p : in_force.parties()) {
    (p.party().role() == v1::PARTY_ROLE_PUBLIC_PARTY ? public_parties
                                                     : adherents)++;
  }
  EXPECT_EQ(public_parties, 11);
  EXPECT_EQ(adherents, 12);
  EXPECT_FALSE(on(D(2028, 1, 1)).in_force_on_date());  // its term ended
}

TEST_F(DemoE2ETest, TheSdsMergersOf2017KeepTheTotal) {
  std::map<std::string, int> before = Shares("sds-pistoia", D(2016, 12, 31));
  EXPECT_EQ(before.size(), 12u);
  EXPECT_EQ(before["abetone"], 3);
  EXPECT_EQ(before["cutigliano"], 6);
  std::map<std::string, int> after = Shares("sds-pistoia", D(2017, 1, 1));
  EXPECT_EQ(after.size(), 10u);
  EXPECT_EQ(after.count("abetone"), 0u);
  EXPECT_EQ(after["abetone-cutigliano"], 9);
  EXPECT_EQ(after["san-marcello-piteglio"], 32);
  int total = 0;
  for (const auto& [member, permille] : after) total += permille;
  EXPECT_EQ(total, 1000);
}

TEST_F(DemoE2ETest, TheSdsProjectsReportsAfterItsEnd) {
  // On 30 June 2025 every report of the 2022-2024 project is overdue (the
  // demo submits two of them at load, late).
  const v1::Date june30 = D(2025, 6, 30);
  v1::Project june = ProjectOn(&june30);
  EXPECT_EQ(june.registration().ends_on().year(), 2024);
  std::map<std::string, v1::ReportStatus> status;
  for (const v1::ProjectReport& r : june.reports()) {
    status[r.schedule().report_id()] = r.status();
  }
  EXPECT_EQ(status, (std::map<std::string, v1::ReportStatus>{
                        {"periodic-1", v1::REPORT_STATUS_OVERDUE},
                        {"periodic-2", v1::REPORT_STATUS_OVERDUE},
                        {"periodic-3", v1::REPORT_STATUS_OVERDUE},
                        {"final", v1::REPORT_STATUS_OVERDUE}}));
  EXPECT_EQ(june.spent_cents(), 3 * (4'200'000 * 2 + 1'800'000));
  // Today the first two are submitted late, with the totals of their year.
  v1::Project now = ProjectOn(nullptr);
  for (const v1::ProjectReport& r : now.reports()) {
    const std::string& id = r.schedule().report_id();
    if (id == "periodic-1" || id == "periodic-2") {
      EXPECT_EQ(r.status(), v1::REPORT_STATUS_SUBMITTED_LATE) << id;
      EXPECT_EQ(r.submission().expenses_cents(), 10'200'000) << id;
    } else {
      EXPECT_EQ(r.status(), v1::REPORT_STATUS_OVERDUE) << id;
    }
  }
}

TEST_F(DemoE2ETest, EstarAggregatesTheAgenciesNeedsOfTheYear) {
  v1::GetNeedsRequest req;
  req.set_consortium_id("estar");
  req.set_year(demo::DemoNeedsYear(absl::Now()));
  auto needs = auditor_->Call(&v1::ProgrammeService::Stub::GetNeeds, req);
  ASSERT_TRUE(needs.ok()) << needs.status();
  EXPECT_EQ(needs->needs_size(), 14);  // two for each of seven agencies
  std::map<std::string, int64_t> amount;
  for (const v1::NeedStatus& n : needs->needs()) {
    amount[n.need().need_id()] = n.need().amount_cents();
  }
  ASSERT_EQ(needs->tenders_size(), 2);
  std::map<std::string, int64_t> totals;
  for (const v1::NeedsAggregated& t : needs->tenders()) {
    int64_t sum = 0;
    for (const std::string& id : t.need_ids()) sum += amount.at(id);
    EXPECT_EQ(t.total_cents(), sum) << t.tender_id();
    EXPECT_EQ(t.member_ids_size(), 7) << t.tender_id();
    totals[t.kind() == v1::PROCUREMENT_KIND_GOODS ? "goods" : "services"] =
        t.total_cents();
  }
  // 400 boxes a ‰ at EUR 2.50; 1000 kg a ‰ at EUR 1.20.
  EXPECT_EQ(totals["goods"], 1000 * 400 * 250);
  EXPECT_EQ(totals["services"], 1000 * 1000 * 120);
}

TEST_F(DemoE2ETest, TheCstDelegationsSayWhoExercisesAFunctionOnADate) {
  const v1::Function ict = v1::FUNCTION_ICT_SERVICES;
  EXPECT_EQ(Who("casoli", ict, D(2022, 3, 31)).exerciser().kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  v1::GetExerciserResponse april = Who("casoli", ict, D(2022, 4, 1));
  EXPECT_EQ(april.exerciser().kind(), v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(april.delegation().accord_id(), "convenzione-cst-2022");
  const v1::Function buy = v1::FUNCTION_PROCUREMENT;
  EXPECT_EQ(Who("casoli", buy, D(2022, 12, 31)).exerciser().kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  v1::GetExerciserResponse lead = Who("casoli", buy, D(2023, 1, 1));
  EXPECT_EQ(lead.exerciser().kind(), v1::EXERCISER_KIND_LEAD_ENTE);
  EXPECT_EQ(lead.exerciser().lead_member_id(), "guardiagrele");
  // Palombaro took its ICT back from 2025.
  EXPECT_EQ(Who("palombaro", ict, D(2024, 12, 31)).exerciser().kind(),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(Who("palombaro", ict, D(2025, 1, 1)).exerciser().kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  // Pennapiedimonte's notice of withdrawal from the convenzione.
  v1::GetAccordRequest req;
  req.set_consortium_id("cst-chieti");
  req.set_accord_id("convenzione-cst-2022");
  auto conv = auditor_->Call(&v1::AccordService::Stub::GetAccord, req);
  ASSERT_TRUE(conv.ok()) << conv.status();
  bool notice = false;
  for (const v1::AccordPartyStatus& p : conv->accord().parties()) {
    if (p.party().party_id() == "pennapiedimonte") {
      notice = p.has_withdrawal_notice();
      EXPECT_EQ(p.withdrawal_notice().notified_on().month(), 6);
    }
  }
  EXPECT_TRUE(notice);
}

TEST_F(DemoE2ETest, AsOfAPositionBeforeTheProclamationTheDeliberationIsAProposal) {
  v1::ListStreamEventsRequest list;
  list.set_stream("sudestmilano/deliberation/p-2025-rendiconto-2024");
  auto events =
      auditor_->Call(&v1::EventService::Stub::ListStreamEvents, list);
  ASSERT_TRUE(events.ok()) << events.status();
  uint64_t adopted_at = 0;
  for (const v1::Event& e : events->events()) {
    if (e.type() == "concordia.v1.DeliberationAdopted") adopted_at = e.position();
  }
  ASSERT_GT(adopted_at, 0u);
  v1::GetDeliberationRequest get;
  get.set_consortium_id("sudestmilano");
  get.set_proposal_id("p-2025-rendiconto-2024");
  // Published from 29 April 2025 and not immediately executable, it became
  // executive on 10 May (the statute's ten days after the start): the server's timer records that once the
  // load has appended the publication (a condition, bounded).
  auto now = auditor_->Call(&v1::DeliberationService::Stub::GetDeliberation, get);
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (now.ok() &&
         now->deliberation().status() != v1::DELIBERATION_STATUS_EXECUTIVE &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    now = auditor_->Call(&v1::DeliberationService::Stub::GetDeliberation, get);
  }
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_EQ(now->deliberation().status(), v1::DELIBERATION_STATUS_EXECUTIVE);
  EXPECT_EQ(now->deliberation().publication().executive_on().day(), 10);
  EXPECT_EQ(now->deliberation().publication().executive_on().month(), 5);
  EXPECT_FALSE(now->deliberation().adoption().immediately_executable());  // S1
  EXPECT_EQ(now->deliberation().adoption().session_id(), "assemblea-2025-04-28");
  EXPECT_EQ(now->deliberation().adoption().number(), 2);  // after the PdZ
  EXPECT_EQ(now->deliberation().adoption().year(), 2025);
  get.set_as_of_position(adopted_at - 1);
  auto before =
      auditor_->Call(&v1::DeliberationService::Stub::GetDeliberation, get);
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->deliberation().status(), v1::DELIBERATION_STATUS_PROPOSED);
  EXPECT_FALSE(before->deliberation().has_adoption());
  // The Piano di Zona, unanimous and immediately executable on 10 March 2025.
  get.clear_as_of_position();
  get.set_proposal_id("p-2025-piano-di-zona");
  auto pdz = auditor_->Call(&v1::DeliberationService::Stub::GetDeliberation, get);
  ASSERT_TRUE(pdz.ok()) << pdz.status();
  EXPECT_TRUE(pdz->deliberation().adoption().immediately_executable());
  EXPECT_EQ(pdz->deliberation().adoption().number(), 1);
  // It adopted the Piano di Zona, in force from the session's day.
  auto plan_on = [&](absl::CivilDay on) {
    v1::GetProgrammeRequest req;
    req.set_consortium_id("sudestmilano");
    req.set_programme_id("pdz-2025-2027");
    *req.mutable_as_of_date() =
        D(static_cast<int>(on.year()), on.month(), on.day());
    auto r = auditor_->Call(&v1::ProgrammeService::Stub::GetProgramme, req);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->programme() : v1::Programme();
  };
  EXPECT_FALSE(plan_on(absl::CivilDay(2025, 3, 9)).adopted_on_date());
  v1::Programme adopted = plan_on(absl::CivilDay(2026, 6, 1));
  EXPECT_TRUE(adopted.adopted_on_date());
  EXPECT_EQ(adopted.items_on_date_size(), 4);
  EXPECT_EQ(adopted.total_on_date_cents(),
            42'000'000 + 38'000'000 + 15'000'000 + 12'500'000);
}

// The bodies' sittings of several years, transcribed with their past
// convocations: registers numbered per year, tallies, a deferral, and the
// session convened at load, which cannot hold its roll call before its time.
TEST_F(DemoE2ETest, SessionsOfSeveralYearsAndTheNextOne) {
  const uint64_t last = LastPosition();
  auto sessions = [&](const std::string& consortium) {
    v1::ListSessionsRequest req;
    req.set_consortium_id(consortium);
    req.set_body_id("assemblea");
    req.mutable_as_of()->set_position(last);
    auto r = auditor_->Call(&v1::QueryService::Stub::ListSessions, req);
    EXPECT_TRUE(r.ok()) << r.status();
    std::map<std::string, v1::SessionView> out;
    if (r.ok()) {
      for (const v1::SessionView& v : r->sessions()) {
        out[v.convocation().session_id()] = v;
      }
    }
    return out;
  };
  auto district = sessions("sudestmilano");
  ASSERT_EQ(district.size(), 5u);
  for (const char* held : {"assemblea-2024-04-29", "assemblea-2025-03-10",
                           "assemblea-2025-04-28", "assemblea-2026-04-27"}) {
    ASSERT_EQ(district.count(held), 1u) << held;
    const v1::SessionView& v = district[held];
    EXPECT_TRUE(v.closed()) << held;
    // Delivered ten days before the sitting at 9:00 (the PdZ's sitting is
    // at 17:00, the others at 10:00; no DST change in between).
    const int64_t hours =
        held == std::string("assemblea-2025-03-10") ? 8 : 1;
    EXPECT_EQ(v.convocation().session_time().seconds() -
                  v.convocation().notice_delivered().seconds(),
              (10 * 24 + hours) * 3600)
        << held;
  }
  EXPECT_EQ(district["assemblea-2025-04-28"].present_member_ids_size(), 5);
  const v1::SessionView& y2026 = district["assemblea-2026-04-27"];
  ASSERT_EQ(y2026.items_size(), 2);
  EXPECT_EQ(y2026.items(0).status(), v1::ITEM_STATUS_PROCLAIMED);
  EXPECT_EQ(y2026.items(1).status(), v1::ITEM_STATUS_DEFERRED);
  EXPECT_FALSE(y2026.items(1).deferral_reason().empty());
  const v1::SessionView& next = district["assemblea-prossima"];
  EXPECT_FALSE(next.closed());
  EXPECT_EQ(next.present_member_ids_size(), 0);
  EXPECT_GT(next.convocation().session_time().seconds(),
            absl::ToUnixSeconds(absl::Now()));
  // The deferred proposal is on the next agenda again.
  ASSERT_EQ(next.items_size(), 2);
  EXPECT_EQ(next.items(0).item().proposal_id(), "p-2026-carta-servizi");
  EXPECT_EQ(sessions("sds-pistoia").size(), 2u);
  auto cst = sessions("cst-chieti");
  ASSERT_EQ(cst.count("assemblea-2025-07-21"), 1u);
  const v1::ItemProclaimed& accounts =
      cst["assemblea-2025-07-21"].items(0).proclamation();
  EXPECT_TRUE(accounts.adopted());
  EXPECT_EQ(accounts.tally().against_heads(), 1);  // Casoli

  // Registers: numbered per body and year.
  auto register_of = [&](int year) {
    v1::ListRegisterEntriesRequest req;
    req.set_consortium_id("sudestmilano");
    req.set_body_id("assemblea");
    req.set_year(year);
    req.mutable_as_of()->set_position(last);
    auto r = auditor_->Call(&v1::QueryService::Stub::ListRegisterEntries, req);
    EXPECT_TRUE(r.ok()) << r.status();
    std::vector<std::string> out;
    if (r.ok()) {
      for (const v1::RegisterEntryView& e : r->entries()) {
        out.push_back(absl::StrCat(e.number(), " ", e.proposal_id()));
      }
    }
    return out;
  };
  EXPECT_EQ(register_of(2024),
            (std::vector<std::string>{"1 p-2024-rendiconto-2023",
                                      "2 p-2024-regolamento-isee"}));
  EXPECT_EQ(register_of(2025),
            (std::vector<std::string>{"1 p-2025-piano-di-zona",
                                      "2 p-2025-rendiconto-2024"}));
  EXPECT_EQ(register_of(2026),
            (std::vector<std::string>{"1 p-2026-rendiconto-2025"}));

  // The next session's roll call before its time: rejected by the rule,
  // nothing appended.
  const uint64_t before = LastPosition();
  CommandResult early = Cli({"--as=segretario@sudestmilano", "session",
                             "attend", "--consortium=sudestmilano",
                             "--body=assemblea", "--session=assemblea-prossima",
                             "--present-members=melegnano,san-donato-milanese"});
  EXPECT_EQ(early.exit_code, 1) << early.out << early.err;
  EXPECT_TRUE(absl::StrContains(early.out + early.err, "SESSION_NOT_STARTED"))
      << early.out << early.err;
  EXPECT_EQ(LastPosition(), before);
}

TEST_F(DemoE2ETest, ASecondLoadAppendsNothing) {
  // The project's past-due reports are marked overdue by the server's timer
  // after the load; wait for that (a condition, bounded) so that the log
  // only grows by what the second load would append.
  const absl::Time deadline = absl::Now() + absl::Seconds(120);
  auto marked = [&] {
    v1::Project p = ProjectOn(nullptr);
    int n = 0;
    for (const v1::ProjectReport& r : p.reports()) n += r.marked_overdue();
    return n;
  };
  while (marked() < 2 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(200));
  }
  ASSERT_GE(marked(), 2);
  const uint64_t before = LastPosition();
  CommandResult again = Cli({"demo", "load"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(absl::StrContains(again.out, "already loaded")) << again.out;
  const uint64_t after = LastPosition();
  // Whatever the log gained meanwhile is the server's own timers, not the
  // demo's requests.
  if (after > before) {
    v1::ListEventsRequest list;
    list.set_from_position(before + 1);
    auto events =
        As("admin@concordia")->Call(&v1::EventService::Stub::ListEvents, list);
    ASSERT_TRUE(events.ok()) << events.status();
    for (const v1::Event& e : events->events()) {
      EXPECT_FALSE(absl::StartsWith(e.command_id(), "demo-"))
          << e.position() << " " << e.type() << " " << e.command_id();
    }
  }
  EXPECT_EQ(after, before);
  CommandResult json = Cli({"--json", "demo", "load"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(absl::StrContains(json.out, "\"appended_steps\": 0")) << json.out;
  EXPECT_TRUE(absl::StrContains(json.out, "\"already_loaded\": true"));
}

TEST_F(DemoE2ETest, HelpAndAnUnreachableServer) {
  CommandResult help = Cli({"demo", "load", "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_TRUE(absl::StrContains(help.out + help.err, "already loaded"));
  EXPECT_TRUE(absl::StrContains(help.out + help.err, "e.g. concordia"));
  CommandResult principals = Cli({"demo", "principals"});
  EXPECT_EQ(principals.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(principals.out, "sindaco@melegnano\n"));
  // Nothing listens on port 1.
  CommandResult down = Cli({"demo", "load"}, "127.0.0.1:1");
  EXPECT_EQ(down.exit_code, 3) << down.out << down.err;
  EXPECT_TRUE(absl::StrContains(down.err, "cannot reach")) << down.err;
}

// A store where the tutorial's step 1 registered the district by hand: the
// demo's first step is refused by the rule (exit 1 with the reason and the
// step), and the refused step appends nothing.
TEST(DemoOnAnOccupiedStoreTest, ARejectedStepExitsOneWithTheReason) {
  auto server =
      ServerProcess::Start({TempDir("occupied"), {"--admin=admin@concordia"}});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string address = "--server=" + (*server)->address();
  const std::string cli = Runfile("clients/cli/concordia");
  CommandResult registered = RunCommand(
      {cli, address, "--as=admin@concordia", "consortium", "register",
       "--file=" + Runfile("docs/examples/sudestmilano.json")});
  ASSERT_EQ(registered.exit_code, 0) << registered.err;
  client::ClientOptions options;
  options.address = (*server)->address();
  options.principal = "admin@concordia";
  auto admin = client::Client::Connect(options);
  ASSERT_TRUE(admin.ok());
  auto before = (*admin)->Call(&v1::AdminService::Stub::GetServerInfo,
                               v1::GetServerInfoRequest());
  ASSERT_TRUE(before.ok());
  CommandResult load =
      RunCommand({cli, address, "demo", "load"}, absl::Seconds(120));
  EXPECT_EQ(load.exit_code, 1) << load.out << load.err;
  EXPECT_TRUE(absl::StrContains(load.err, "rejected (ALREADY_EXISTS)"))
      << load.err;
  EXPECT_TRUE(absl::StrContains(load.err, "step sudestmilano/register"))
      << load.err;
  auto after = (*admin)->Call(&v1::AdminService::Stub::GetServerInfo,
                              v1::GetServerInfoRequest());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->last_position(), before->last_position());
}

}  // namespace
}  // namespace concordia
