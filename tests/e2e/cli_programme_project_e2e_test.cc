// The concordia CLI's cooperation commands against a real server process:
// a delegation revoked from a date, the procurement rules and a qualified
// contracting authority, a programme's items added and removed, its
// adoption and update refused without an executive deliberation, the
// members' needs aggregated into a joint tender and a purchase started, a
// funded project registered with its expenses, a report and a cost
// allocation (a programme adopted by a real deliberation is in
// cli_session_lifecycle_e2e_test) — each checked by a follow-up read
// (--json parsed, on dates), with rule rejections (exit 1 and the reason
// code), missing flags (exit 2) and an unreachable server (exit 3) per noun.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "concordia/v1/delegation_service.pb.h"
#include "concordia/v1/programme_service.pb.h"
#include "concordia/v1/project_service.pb.h"
#include "engine/calendar/calendar.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_server_test.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::kCliAdmin;
using testing::kCliDistrict;

constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";
constexpr char kSecretary[] = "segretario@sudestmilano";

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }
absl::CivilDay Today() { return absl::ToCivilDay(absl::Now(), calendar::Rome()); }
const char kCouncilAct[] =
    "--act={\"deliberation\": {\"body\": \"Consiglio comunale di "
    "Melegnano\", \"number\": \"12/2024\", \"date\": {\"year\": 2024, "
    "\"month\": 11, \"day\": 28}}, \"declared_executive_on\": "
    "{\"year\": 2024, \"month\": 12, \"day\": 9}}";

class CliProgrammeProjectE2ETest : public testing::CliServerTest {
 protected:
  static void SetUpTestSuite() {
    CliServerTest::SetUpTestSuite();
    Grant(kUfficio, "ufficio-di-piano");
    Grant(kSecretary, "secretary", "assemblea");
    for (const char* m : {"melegnano", "dresano"}) {
      Grant(absl::StrCat("sindaco@", m), "member-delegate", m);
    }
  }
};

TEST_F(CliProgrammeProjectE2ETest, ADelegationRevokedFromADate) {
  const std::vector<std::string> f = {kCliDistrict, "--member=melegnano",
                                      "--function=home-care"};
  auto with = [&](std::vector<std::string> head,
                  std::vector<std::string> more) {
    head.insert(head.end(), f.begin(), f.end());
    head.insert(head.end(), more.begin(), more.end());
    return head;
  };
  CommandResult d = Cli("sindaco@melegnano",
      with({"function", "delegate"},
           {"--delegate={\"kind\": \"EXERCISER_KIND_CONSORTIUM\"}",
            "--effective-from=2025-01-01",
            "--cost-sharing={\"method\": \"COST_SHARING_METHOD_EQUAL\"}",
            kCouncilAct}));
  ASSERT_EQ(d.exit_code, 0) << d.err;
  CommandResult revoke = Cli("sindaco@melegnano",
      with({"--json", "function", "revoke"},
           {"--effective-from=2026-01-01", kCouncilAct,
            "--reason=ritorno alla gestione diretta"}));
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_GT(ParseJson<v1::RevokeDelegationResponse>(revoke.out).log_position(),
            0u);
  auto who = [&](const std::string& on) {
    CommandResult r = Cli(kCliAdmin, with({"--json", "function", "who"},
                                          {"--on=" + on}));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJson<v1::GetExerciserResponse>(r.out).exerciser().kind();
  };
  EXPECT_EQ(who("2025-12-31"), v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(who("2026-01-01"), v1::EXERCISER_KIND_MEMBER_ITSELF);
  // Nothing left to revoke.
  ExpectRejected(Cli("sindaco@melegnano",
                     with({"function", "revoke"},
                          {"--effective-from=2026-02-01", kCouncilAct})),
                 "FUNCTION_NOT_DELEGATED");
  // Only Melegnano's own delegate decides (exit 3), the act is required
  // (exit 2), and no server is exit 3.
  EXPECT_EQ(Cli("sindaco@dresano", with({"function", "revoke"},
                                        {"--effective-from=2026-02-01",
                                         kCouncilAct}))
                .exit_code,
            3);
  CommandResult missing = Cli("sindaco@melegnano",
                              with({"function", "revoke"},
                                   {"--effective-from=2026-02-01"}));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(missing.err, "--act is required"))
      << missing.err;
  EXPECT_EQ(Unreachable(with({"function", "revoke"},
                             {"--effective-from=2026-02-01", kCouncilAct}))
                .exit_code,
            3);
}

TEST_F(CliProgrammeProjectE2ETest, ProcurementProgrammeNeedsAndAPurchase) {
  const absl::CivilDay today = Today();
  const std::string year = absl::StrCat(today.year() + 1);
  // The programme threshold for goods raised to EUR 200,000 from today.
  std::string thresholds;
  for (const char* kind : {"GOODS", "SERVICES", "WORKS"}) {
    absl::StrAppend(&thresholds, thresholds.empty() ? "" : ", ",
                    "{\"kind\": \"PROCUREMENT_KIND_", kind,
                    "\", \"programme_threshold_cents\": 20000000, "
                    "\"qualification_threshold_cents\": 14000000}");
  }
  const std::string levels =
      "\"levels\": [{\"kind\": \"PROCUREMENT_KIND_GOODS\", \"level\": 1, "
      "\"max_amount_cents\": 0, \"name\": \"SF1\"}]";
  CommandResult rules = Cli(
      kCliAdmin, {"procurement", "rules", kCliDistrict,
                  "--effective-from=" + Day(today),
                  "--rules={\"thresholds\": [" + thresholds + "], " + levels +
                      "}"});
  ASSERT_EQ(rules.exit_code, 0) << rules.err;
  // Goods alone: the server's INVALID_ARGUMENT is a usage error (exit 2).
  CommandResult partial = Cli(
      kCliAdmin, {"procurement", "rules", kCliDistrict,
                  "--effective-from=" + Day(today + 1),
                  "--rules={\"thresholds\": [{\"kind\": "
                  "\"PROCUREMENT_KIND_GOODS\", \"programme_threshold_cents\": "
                  "1}]}"});
  EXPECT_EQ(partial.exit_code, 2) << partial.err;
  EXPECT_TRUE(absl::StrContains(partial.err, "rules.thresholds"))
      << partial.err;
  CommandResult authority = Cli(
      kCliAdmin,
      {"procurement", "authority", kCliDistrict,
       "--effective-from=" + Day(today),
       "--authority={\"authority_id\": \"cuc-sudest\", \"name\": \"CUC Sud "
       "Est\", \"central_purchasing_body\": true, \"qualifications\": "
       "[{\"kind\": \"PROCUREMENT_KIND_GOODS\", \"level\": 1}]}"});
  ASSERT_EQ(authority.exit_code, 0) << authority.err;
  CommandResult show =
      Cli(kCliAdmin, {"--json", "procurement", "show", kCliDistrict});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const auto procurement = ParseJson<v1::GetProcurementRulesResponse>(show.out);
  EXPECT_FALSE(procurement.defaults()) << show.out;
  ASSERT_EQ(procurement.rules().thresholds_size(), 3) << show.out;
  EXPECT_EQ(procurement.rules().thresholds(0).programme_threshold_cents(),
            20000000);
  ASSERT_EQ(procurement.authorities_size(), 1);
  EXPECT_EQ(procurement.authorities(0).authority_id(), "cuc-sudest");
  EXPECT_EQ(Cli(kCliAdmin, {"procurement", "authority", kCliDistrict,
                            "--effective-from=" + Day(today)})
                .exit_code,
            2);
  EXPECT_EQ(Unreachable({"procurement", "rules", kCliDistrict,
                         "--effective-from=" + Day(today),
                         "--rules={\"thresholds\": [" + thresholds + "]}"})
                .exit_code,
            3);

  // A purchasing programme: two items, one removed; adoption and update
  // need an executive deliberation of the body.
  CommandResult draft = Cli(
      kUfficio, {"programme", "draft", kCliDistrict, "--programme=acquisti",
                 "--kind=purchasing-programme",
                 "--title=Programma acquisti", "--first-year=" + year,
                 "--last-year=" + absl::StrCat(today.year() + 3)});
  ASSERT_EQ(draft.exit_code, 0) << draft.err;
  for (const char* item : {"pc", "arredi"}) {
    CommandResult add = Cli(
        kUfficio,
        {"programme", "item", kCliDistrict, "--programme=acquisti",
         absl::StrCat("--item={\"item_id\": \"", item, "\", \"title\": \"",
                      item, "\", \"year\": ", year,
                      ", \"category\": \"informatica\", "
                      "\"procurement_kind\": \"PROCUREMENT_KIND_GOODS\", "
                      "\"amount_cents\": 25000000}")});
    ASSERT_EQ(add.exit_code, 0) << item << ": " << add.err;
  }
  CommandResult remove =
      Cli(kUfficio, {"--json", "programme", "remove-item", kCliDistrict,
                     "--programme=acquisti", "--item=arredi"});
  ASSERT_EQ(remove.exit_code, 0) << remove.err;
  CommandResult gone = Cli(kUfficio, {"programme", "remove-item", kCliDistrict,
                                      "--programme=acquisti", "--item=arredi"});
  EXPECT_EQ(gone.exit_code, 1) << gone.err;
  CommandResult adopt = Cli(kSecretary, {"programme", "adopt", kCliDistrict,
                                         "--body=assemblea",
                                         "--programme=acquisti",
                                         "--proposal=p-none"});
  // No such deliberation of the Assemblea: exit 1, nothing adopted (the
  // adoption by a real deliberation is in cli_session_lifecycle_e2e_test).
  EXPECT_EQ(adopt.exit_code, 1) << adopt.err;
  EXPECT_TRUE(absl::StrContains(adopt.err, "deliberation 'p-none'"))
      << adopt.err;
  CommandResult update = Cli(kSecretary, {"programme", "update", kCliDistrict,
                                          "--body=assemblea",
                                          "--programme=acquisti",
                                          "--proposal=p-none",
                                          "--removed-items=pc"});
  EXPECT_EQ(update.exit_code, 1) << update.err;
  EXPECT_TRUE(absl::StrContains(update.err, "deliberation 'p-none'"))
      << update.err;
  CommandResult programme = Cli(kCliAdmin, {"--json", "programme", "show",
                                            kCliDistrict,
                                            "--programme=acquisti"});
  ASSERT_EQ(programme.exit_code, 0) << programme.err;
  const auto p = ParseJson<v1::GetProgrammeResponse>(programme.out).programme();
  ASSERT_EQ(p.draft_items_size(), 1) << programme.out;
  EXPECT_EQ(p.draft_items(0).item_id(), "pc");
  EXPECT_FALSE(p.has_adoption());
  EXPECT_EQ(Cli(kUfficio, {"programme", "item", kCliDistrict,
                           "--programme=acquisti"})
                .exit_code,
            2);
  EXPECT_EQ(Unreachable({"programme", "remove-item", kCliDistrict,
                         "--programme=acquisti", "--item=pc"})
                .exit_code,
            3);

  // Two comuni's needs in one joint tender, then the purchase.
  CommandResult open = Cli(kUfficio, {"needs", "open", kCliDistrict,
                                      "--year=" + year,
                                      "--deadline=" + Day(today + 60)});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  for (const char* m : {"melegnano", "dresano"}) {
    CommandResult submit = Cli(
        absl::StrCat("sindaco@", m),
        {"needs", "submit", kCliDistrict, "--year=" + year,
         absl::StrCat("--need=", m, "-pc"), absl::StrCat("--member=", m),
         "--category=informatica", "--kind=goods",
         "--description=Personal computer", "--quantity=10", "--unit=pezzi",
         "--amount-cents=1000000"});
    ASSERT_EQ(submit.exit_code, 0) << submit.err;
  }
  CommandResult aggregate = Cli(
      kUfficio, {"--json", "needs", "aggregate", kCliDistrict,
                 "--year=" + year, "--tender=gara-pc", "--title=Gara PC",
                 "--needs=melegnano-pc,dresano-pc"});
  ASSERT_EQ(aggregate.exit_code, 0) << aggregate.err;
  // A need already in a tender cannot be aggregated again.
  CommandResult twice = Cli(
      kUfficio, {"needs", "aggregate", kCliDistrict, "--year=" + year,
                 "--tender=gara-pc-2", "--title=Gara PC bis",
                 "--needs=melegnano-pc"});
  ExpectRejected(twice, "INVALID_STATE_TRANSITION");
  CommandResult purchase = Cli(
      kUfficio, {"purchase", "start", kCliDistrict, "--year=" + year,
                 "--purchase=acq-pc", "--title=Acquisto PC", "--kind=goods",
                 "--amount-cents=2000000", "--authority=cuc-sudest",
                 "--tender=gara-pc"});
  ASSERT_EQ(purchase.exit_code, 0) << purchase.err;
  // EUR 300,000 of goods, above the programme threshold, in no programme.
  ExpectRejected(
      Cli(kUfficio, {"purchase", "start", kCliDistrict, "--year=" + year,
                     "--purchase=acq-big", "--title=Acquisto grande",
                     "--kind=goods", "--amount-cents=30000000",
                     "--authority=cuc-sudest"}),
      "NOT_IN_PROGRAMME");
  CommandResult needs = Cli(kUfficio, {"--json", "needs", "show", kCliDistrict,
                                       "--year=" + year});
  ASSERT_EQ(needs.exit_code, 0) << needs.err;
  const auto got = ParseJson<v1::GetNeedsResponse>(needs.out);
  ASSERT_EQ(got.tenders_size(), 1) << needs.out;
  EXPECT_EQ(got.tenders(0).total_cents(), 2000000);
  EXPECT_EQ(got.tenders(0).need_ids_size(), 2);
  for (const auto& n : got.needs()) EXPECT_EQ(n.tender_id(), "gara-pc");
  ASSERT_EQ(got.purchases_size(), 1) << needs.out;
  EXPECT_EQ(got.purchases(0).purchase_id(), "acq-pc");
  EXPECT_EQ(got.purchases(0).authority_id(), "cuc-sudest");
  EXPECT_EQ(Cli(kUfficio, {"purchase", "start", kCliDistrict,
                           "--year=" + year, "--purchase=x"})
                .exit_code,
            2);
  EXPECT_EQ(Cli(kUfficio, {"needs", "aggregate", kCliDistrict,
                           "--year=" + year, "--tender=x"})
                .exit_code,
            2);
  EXPECT_EQ(Unreachable({"needs", "aggregate", kCliDistrict, "--year=" + year,
                         "--tender=x", "--title=x", "--needs=a"})
                .exit_code,
            3);
  EXPECT_EQ(Unreachable({"purchase", "start", kCliDistrict, "--year=" + year,
                         "--purchase=x", "--title=x", "--kind=goods",
                         "--amount-cents=1", "--authority=cuc-sudest"})
                .exit_code,
            3);
}

TEST_F(CliProgrammeProjectE2ETest, AFundedProject) {
  CommandResult reg = Cli(kUfficio, {"project", "register", kCliDistrict,
      "--project=pnrr-anziani", "--title=PNRR M5C2 1.1 Anziani",
      "--funding={\"kind\": \"FUNDING_SOURCE_KIND_MINISTERIAL\", \"name\": "
      "\"PNRR M5C2 1.1\", \"grantor\": \"Ministero del Lavoro\", \"cup\": "
      "\"J11H22000010006\", \"granted_cents\": 50000000}",
      "--budget-cents=60000000", "--starts-on=2025-01-01", "--ends-on=2026-12-31",
      "--participants=melegnano,dresano",
      "--cost-sharing={\"method\": \"COST_SHARING_METHOD_EQUAL\"}",
      "--reporting={\"period_months\": 6, \"deadline_days\": 30}"});
  ASSERT_EQ(reg.exit_code, 0) << reg.err;
  ASSERT_EQ(Cli(kUfficio, {"project", "register", kCliDistrict,
                           "--project=pnrr-anziani"})
                .exit_code,
            2);
  CommandResult expense = Cli(
      kUfficio, {"--json", "project", "expense", kCliDistrict,
                 "--project=pnrr-anziani", "--expense=e-1",
                 "--incurred-on=2025-03-10", "--amount-cents=1200000",
                 "--category=personale", "--funded-cents=1000000",
                 "--description=Educatori"});
  ASSERT_EQ(expense.exit_code, 0) << expense.err;
  // Outside the project's dates.
  CommandResult late = Cli(
      kUfficio, {"project", "expense", kCliDistrict, "--project=pnrr-anziani",
                 "--expense=e-2", "--incurred-on=2027-03-10",
                 "--amount-cents=100", "--category=personale"});
  ExpectRejected(late, "OUTSIDE_PROJECT_PERIOD");
  CommandResult report = Cli(
      kUfficio, {"project", "report", kCliDistrict, "--project=pnrr-anziani",
                 "--report=periodic-1", "--summary=Primo semestre"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  CommandResult unknown = Cli(
      kUfficio, {"project", "report", kCliDistrict, "--project=pnrr-anziani",
                 "--report=periodic-9"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.err;
  CommandResult allocate = Cli(
      kUfficio, {"project", "allocate", kCliDistrict, "--project=pnrr-anziani",
                 "--allocation=a-2025-1", "--period-from=2025-01-01",
                 "--period-to=2025-06-30"});
  ASSERT_EQ(allocate.exit_code, 0) << allocate.err;

  CommandResult show = Cli(kUfficio, {"--json", "project", "show",
                                      kCliDistrict, "--project=pnrr-anziani"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const v1::Project p = ParseJson<v1::GetProjectResponse>(show.out).project();
  EXPECT_EQ(p.spent_cents(), 1200000);
  EXPECT_EQ(p.funded_cents(), 1000000);
  ASSERT_EQ(p.expenses_size(), 1);
  EXPECT_EQ(p.expenses(0).expense_id(), "e-1");
  bool submitted = false;
  for (const auto& r : p.reports()) {
    if (r.schedule().report_id() == "periodic-1") {
      submitted = r.has_submission();
    }
  }
  EXPECT_TRUE(submitted) << show.out;
  ASSERT_EQ(p.allocations_size(), 1) << show.out;
  // The readable form: euros, not cents.
  CommandResult readable = Cli(kUfficio, {"project", "show", kCliDistrict,
                                          "--project=pnrr-anziani"});
  ASSERT_EQ(readable.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(readable.out, "12000.00 EUR")) << readable.out;
  for (const char* verb : {"expense", "report", "allocate"}) {
    CommandResult missing = Cli(kUfficio, {"project", verb, kCliDistrict});
    EXPECT_EQ(missing.exit_code, 2) << verb;
    EXPECT_TRUE(absl::StrContains(missing.err, "--project is required"))
        << verb << ": " << missing.err;
  }
  EXPECT_EQ(Unreachable({"project", "report", kCliDistrict,
                         "--project=pnrr-anziani", "--report=periodic-2"})
                .exit_code,
            3);
}

}  // namespace
}  // namespace concordia
