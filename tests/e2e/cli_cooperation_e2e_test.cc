// The concordia CLI's cooperation commands against a real server process:
// a delegated function and who exercises it on a date, an entity's history,
// the annual needs (open, submit, show, withdraw), a programme draft, the
// procurement rules in force, and reads of unknown accords and projects.
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "concordia/v1/consortium_service.pb.h"
#include "concordia/v1/delegation_service.pb.h"
#include "concordia/v1/programme_service.pb.h"
#include "engine/calendar/calendar.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/district_api.h"
#include "tests/testing/process.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::Runfile;
using testing::ServerProcess;
using testing::TempDir;

template <typename M>
M ParseJson(const std::string& text) {
  M m;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text, &m).ok())
      << text;
  return m;
}

constexpr char kAdmin[] = "admin@concordia";
constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";
constexpr char kSindaco[] = "sindaco@melegnano";
const char kC[] = "--consortium=sudestmilano";

class CliCooperationE2ETest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto server =
        ServerProcess::Start({TempDir("data"), {"--admin=admin@concordia"}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
    std::string json;
    google::protobuf::util::JsonPrintOptions print;
    print.preserve_proto_field_names = true;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(
                    testing::DistrictRegistration("coop-reg-1"), &json, print)
                    .ok());
    const std::string path = TempDir("files") + "/register.json";
    std::ofstream(path) << json;
    CommandResult r = Cli(kAdmin, {"consortium", "register", "--file=" + path});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(Cli(kAdmin, {"admin", "grant", kC,
                           "--principal=" + std::string(kSindaco),
                           "--role=member-delegate", "--scope=melegnano"})
                  .exit_code,
              0);
    ASSERT_EQ(Cli(kAdmin, {"admin", "grant", kC,
                           "--principal=" + std::string(kUfficio),
                           "--role=ufficio-di-piano"})
                  .exit_code,
              0);
  }
  static void TearDownTestSuite() { delete server_; }

  static CommandResult Cli(const std::string& as,
                           std::vector<std::string> args) {
    std::vector<std::string> argv = {Runfile("clients/cli/concordia"),
                                     "--server=" + server_->address(),
                                     "--as=" + as};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  static ServerProcess* server_;
};

ServerProcess* CliCooperationE2ETest::server_ = nullptr;

TEST_F(CliCooperationE2ETest, DelegatedFunctionWhoExercisesItAndItsHistory) {
  const std::vector<std::string> f = {kC, "--member=melegnano",
                                      "--function=social-services"};
  // The comune's own council deliberation that decided the delegation.
  const std::string act =
      "--act={\"deliberation\": {\"body\": \"Consiglio comunale di "
      "Melegnano\", \"number\": \"12/2024\", \"date\": {\"year\": 2024, "
      "\"month\": 11, \"day\": 28}}, \"declared_executive_on\": "
      "{\"year\": 2024, \"month\": 12, \"day\": 9}}";
  auto with = [&](std::vector<std::string> head,
                  std::vector<std::string> more = {}) {
    head.insert(head.end(), f.begin(), f.end());
    head.insert(head.end(), more.begin(), more.end());
    return head;
  };
  CommandResult d = Cli(
      kSindaco,
      with({"function", "delegate"},
           {"--delegate={\"kind\": \"EXERCISER_KIND_CONSORTIUM\"}",
            "--effective-from=2025-01-01",
            "--cost-sharing={\"method\": \"COST_SHARING_METHOD_PER_INHABITANT\"}",
            act, "--request-id=coop-delegate-1"}));
  ASSERT_EQ(d.exit_code, 0) << d.err;
  // A different request for the same function: rejected by the rule.
  CommandResult twice = Cli(
      kSindaco,
      with({"function", "delegate"},
           {"--delegate={\"kind\": \"EXERCISER_KIND_CONSORTIUM\"}",
            "--effective-from=2025-06-01",
            "--cost-sharing={\"method\": \"COST_SHARING_METHOD_EQUAL\"}",
            act}));
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(twice.err, "rejected (")) << twice.err;
  // Another comune's delegate may not decide for Melegnano.
  CommandResult other = Cli(kUfficio, with({"function", "delegate"},
                            {"--delegate={\"kind\": \"EXERCISER_KIND_CONSORTIUM\"}",
                             "--effective-from=2025-01-01",
                             "--cost-sharing={\"method\": \"COST_SHARING_METHOD_EQUAL\"}",
                             act}));
  EXPECT_EQ(other.exit_code, 3) << other.err;

  CommandResult before = Cli(kAdmin, with({"--json", "function", "who"},
                                          {"--on=2024-12-31"}));
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(ParseJson<v1::GetExerciserResponse>(before.out).exerciser().kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  CommandResult after = Cli(kAdmin, with({"--json", "function", "who"},
                                         {"--on=2025-01-01"}));
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(ParseJson<v1::GetExerciserResponse>(after.out).exerciser().kind(),
            v1::EXERCISER_KIND_CONSORTIUM);
  CommandResult readable = Cli(kAdmin, with({"function", "who"},
                                            {"--on=2025-01-01"}));
  ASSERT_EQ(readable.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(readable.out, "kind: consortium"))
      << readable.out;

  CommandResult show = Cli(kAdmin, with({"--json", "function", "show"}));
  ASSERT_EQ(show.exit_code, 0) << show.err;

  CommandResult history =
      Cli(kAdmin, {"history", "function", "melegnano",
                   "--function=social-services", kC});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_TRUE(absl::StrContains(history.out, "sudestmilano/delegation/melegnano/"))
      << history.out;
  EXPECT_TRUE(absl::StrContains(history.out, "FunctionDelegated"))
      << history.out;
  CommandResult consortium = Cli(kAdmin, {"history", "consortium", kC});
  ASSERT_EQ(consortium.exit_code, 0) << consortium.err;
  EXPECT_TRUE(absl::StrContains(consortium.out, "ConsortiumRegistered"))
      << consortium.out;
  EXPECT_EQ(Cli(kAdmin, {"history", "galaxy", "x", kC}).exit_code, 2);
}

TEST_F(CliCooperationE2ETest, NeedsOfAYearProgrammesAndProcurement) {
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), calendar::Rome());
  const std::string year = absl::StrCat(today.year() + 1);
  const std::string deadline = absl::FormatCivilTime(today + 60);
  CommandResult open = Cli(kUfficio, {"needs", "open", kC, "--year=" + year,
                                      "--deadline=" + deadline});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  CommandResult submit = Cli(
      kSindaco, {"needs", "submit", kC, "--year=" + year, "--need=mel-pc",
                 "--member=melegnano", "--category=informatica",
                 "--kind=goods", "--description=Personal computer",
                 "--quantity=40", "--unit=pezzi", "--amount-cents=3200000"});
  ASSERT_EQ(submit.exit_code, 0) << submit.err;
  CommandResult needs = Cli(kUfficio, {"--json", "needs", "show", kC,
                                       "--year=" + year});
  ASSERT_EQ(needs.exit_code, 0) << needs.err;
  const auto got = ParseJson<v1::GetNeedsResponse>(needs.out);
  ASSERT_EQ(got.needs_size(), 1) << needs.out;
  CommandResult table = Cli(kUfficio, {"needs", "show", kC, "--year=" + year});
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(table.out, "32000.00 EUR")) << table.out;
  CommandResult bad = Cli(kSindaco, {"needs", "submit", kC, "--year=" + year,
                                     "--need=mel-2", "--member=melegnano",
                                     "--category=x", "--kind=goods",
                                     "--description=x", "--quantity=1",
                                     "--amount-cents=ten"});
  EXPECT_EQ(bad.exit_code, 2);
  CommandResult withdraw = Cli(kSindaco, {"needs", "withdraw", kC,
                                          "--year=" + year, "--need=mel-pc",
                                          "--member=melegnano"});
  ASSERT_EQ(withdraw.exit_code, 0) << withdraw.err;

  CommandResult draft = Cli(
      kUfficio, {"programme", "draft", kC, "--programme=pdz-cli",
                 "--kind=piano-di-zona", "--title=Piano di Zona",
                 "--first-year=" + year,
                 "--last-year=" + absl::StrCat(today.year() + 3)});
  ASSERT_EQ(draft.exit_code, 0) << draft.err;
  CommandResult programme = Cli(kAdmin, {"--json", "programme", "show", kC,
                                         "--programme=pdz-cli"});
  ASSERT_EQ(programme.exit_code, 0) << programme.err;
  EXPECT_EQ(ParseJson<v1::GetProgrammeResponse>(programme.out)
                .programme()
                .draft()
                .title(),
            "Piano di Zona");

  EXPECT_EQ(Cli(kAdmin, {"procurement", "show", kC}).exit_code, 0);
  CommandResult accord = Cli(kAdmin, {"accord", "show", kC, "--accord=none"});
  EXPECT_EQ(accord.exit_code, 1) << accord.err;
  CommandResult project = Cli(kAdmin, {"project", "show", kC,
                                       "--project=none"});
  EXPECT_EQ(project.exit_code, 1) << project.err;
}

}  // namespace
}  // namespace concordia
