// The concordia CLI's domain II read commands over the read models
// (QueryService) against a real server process: after a delegated
// function, a programme, the needs of a year and a funded project recorded
// with the CLI, `function list|view`, `programme list|view`, `needs view`
// and `project list|view` with --json parsed, --on and --as-of; an unknown
// entity exits 1, bad input 2.
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "concordia/v1/project_service.pb.h"
#include "concordia/v1/query_service.pb.h"
#include "engine/calendar/calendar.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_server_test.h"
#include "tests/testing/district_api.h"

namespace concordia {
namespace {

using testing::CommandResult;

constexpr char kAdmin[] = "admin@concordia";
constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";
constexpr char kSindaco[] = "sindaco@melegnano";
const char* const kC = testing::kCliDistrict;

class CliQueryCooperationE2ETest : public testing::CliServerTest {
 protected:
  static void SetUpTestSuite() {
    CliServerTest::SetUpTestSuite();
    Grant(kSindaco, "member-delegate", "melegnano");
    Grant(kUfficio, "ufficio-di-piano");
  }
  static std::string ToJsonFile(const google::protobuf::Message& m,
                                const std::string& name) {
    return WriteFile(name, ToJson(m));
  }
};

TEST_F(CliQueryCooperationE2ETest, EveryDomainTwoReadCommand) {
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), calendar::Rome());
  const std::string year = absl::StrCat(today.year() + 1);

  // Melegnano's social services delegated to the consortium from 2025.
  CommandResult d = Cli(
      kSindaco,
      {"function", "delegate", kC, "--member=melegnano",
       "--function=social-services",
       "--delegate={\"kind\": \"EXERCISER_KIND_CONSORTIUM\"}",
       "--effective-from=2025-01-01",
       "--cost-sharing={\"method\": \"COST_SHARING_METHOD_PER_INHABITANT\"}",
       "--act={\"deliberation\": {\"body\": \"Consiglio comunale di "
       "Melegnano\", \"number\": \"12/2024\", \"date\": {\"year\": 2024, "
       "\"month\": 11, \"day\": 28}}, \"declared_executive_on\": "
       "{\"year\": 2024, \"month\": 12, \"day\": 9}}"});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  CommandResult functions = Cli(
      kAdmin, {"--json", "function", "list", kC, "--delegated-only=true",
               "--on=2025-01-01", "--all"});
  ASSERT_EQ(functions.exit_code, 0) << functions.err;
  const auto matrix = ParseJson<v1::ListDelegationsResponse>(functions.out);
  ASSERT_EQ(matrix.delegations_size(), 1) << functions.out;
  EXPECT_EQ(matrix.delegations(0).member_id(), "melegnano");
  const uint64_t delegated = matrix.header().log_position();
  CommandResult function = Cli(
      kAdmin, {"--json", "function", "view", kC, "--member=melegnano",
               "--function=social-services", "--on=2024-12-31"});
  ASSERT_EQ(function.exit_code, 0) << function.err;
  EXPECT_EQ(ParseJson<v1::GetDelegationViewResponse>(function.out)
                .delegation()
                .in_force()
                .exerciser()
                .kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  // As of a position before the delegation: not found.
  CommandResult earlier = Cli(
      kAdmin, {"--json", "function", "view", kC, "--member=melegnano",
               "--function=social-services", "--as-of=1"});
  EXPECT_EQ(earlier.exit_code, 1) << earlier.err;
  EXPECT_EQ(Cli(kAdmin, {"function", "view", kC, "--member=melegnano",
                         "--function=gardening"})
                .exit_code,
            2);

  // A Piano di Zona drafted.
  CommandResult draft = Cli(
      kUfficio, {"programme", "draft", kC, "--programme=pdz-cli",
                 "--kind=piano-di-zona", "--title=Piano di Zona",
                 "--first-year=" + year,
                 "--last-year=" + absl::StrCat(today.year() + 3)});
  ASSERT_EQ(draft.exit_code, 0) << draft.err;
  CommandResult programmes = Cli(
      kAdmin, {"--json", "programme", "list", kC, "--kind=piano-di-zona",
               "--stage=drafted"});
  ASSERT_EQ(programmes.exit_code, 0) << programmes.err;
  const auto list = ParseJson<v1::ListProgrammesResponse>(programmes.out);
  ASSERT_EQ(list.programmes_size(), 1) << programmes.out;
  EXPECT_GT(list.header().log_position(), delegated);
  CommandResult programme = Cli(
      kAdmin, {"--json", "programme", "view", kC, "--programme=pdz-cli",
               "--on=" + absl::FormatCivilTime(today)});
  ASSERT_EQ(programme.exit_code, 0) << programme.err;
  const auto pdz = ParseJson<v1::GetProgrammeViewResponse>(programme.out);
  EXPECT_EQ(pdz.programme().draft().title(), "Piano di Zona");
  EXPECT_FALSE(pdz.programme().in_force().adopted());

  // The needs of next year.
  CommandResult open = Cli(
      kUfficio, {"needs", "open", kC, "--year=" + year,
                 "--deadline=" + absl::FormatCivilTime(today + 60)});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  CommandResult submit = Cli(
      kSindaco, {"needs", "submit", kC, "--year=" + year, "--need=mel-pc",
                 "--member=melegnano", "--category=informatica",
                 "--kind=goods", "--description=Personal computer",
                 "--quantity=40", "--unit=pezzi", "--amount-cents=3200000"});
  ASSERT_EQ(submit.exit_code, 0) << submit.err;
  CommandResult needs = Cli(
      kAdmin, {"--json", "needs", "view", kC, "--year=" + year,
               "--member=melegnano", "--on=" + absl::FormatCivilTime(today)});
  ASSERT_EQ(needs.exit_code, 0) << needs.err;
  const auto got = ParseJson<v1::GetNeedsViewResponse>(needs.out);
  ASSERT_EQ(got.needs().needs_size(), 1) << needs.out;
  EXPECT_EQ(got.needs().total_cents(), 3'200'000);
  EXPECT_TRUE(got.needs().in_force().open());
  EXPECT_EQ(Cli(kAdmin, {"needs", "view", kC, "--year=1999"}).exit_code, 2);

  // A funded project registered from a file.
  v1::RegisterProjectRequest reg;
  reg.set_consortium_id("sudestmilano");
  reg.set_project_id("pnrr-cli");
  reg.set_title("Sostegno alle persone vulnerabili");
  v1::FundingSource* f = reg.mutable_funding();
  f->set_kind(v1::FUNDING_SOURCE_KIND_EUROPEAN_UNION);
  f->set_name("PNRR M5C2 1.1");
  f->set_grantor("Ministero del Lavoro e delle Politiche Sociali");
  f->set_cup("J51B21005000006");
  f->set_granted_cents(20'000'000);
  reg.set_budget_cents(25'000'000);
  *reg.mutable_starts_on() = testing::DateOf(today);
  *reg.mutable_ends_on() = testing::DateOf(today + 365);
  reg.add_participant_ids("melegnano");
  reg.add_participant_ids("carpiano");
  reg.mutable_cost_sharing()->set_method(v1::COST_SHARING_METHOD_EQUAL);
  reg.mutable_reporting()->set_period_months(6);
  reg.mutable_reporting()->set_deadline_days(30);
  CommandResult registered =
      Cli(kUfficio, {"project", "register",
                     "--file=" + ToJsonFile(reg, "project.json")});
  ASSERT_EQ(registered.exit_code, 0) << registered.err;
  CommandResult projects = Cli(
      kAdmin, {"--json", "project", "list", kC, "--running-only=true",
               "--on=" + absl::FormatCivilTime(today + 1)});
  ASSERT_EQ(projects.exit_code, 0) << projects.err;
  const auto running = ParseJson<v1::ListProjectsResponse>(projects.out);
  ASSERT_EQ(running.projects_size(), 1) << projects.out;
  EXPECT_EQ(running.projects(0).registration().project_id(), "pnrr-cli");
  CommandResult project = Cli(
      kAdmin, {"--json", "project", "view", kC, "--project=pnrr-cli",
               "--on=" + absl::FormatCivilTime(today + 400)});
  ASSERT_EQ(project.exit_code, 0) << project.err;
  EXPECT_FALSE(ParseJson<v1::GetProjectViewResponse>(project.out)
                   .project()
                   .in_force()
                   .running());
  EXPECT_EQ(Cli(kAdmin, {"project", "view", kC, "--project=none"}).exit_code,
            1);
  EXPECT_EQ(Cli(kAdmin, {"project", "list", kC, "--running-only=true"})
                .exit_code,
            2);  // the server refuses it: running_only needs --on
  CommandResult help = Cli(kAdmin, {"project", "list", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--on=YYYY-MM-DD"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace concordia
