// The concordia CLI's act commands against a real server process: the kinds
// and workflows in force (one of them, requests for access to documents,
// only in the statute's data), an act started by a member's delegate, an
// opinion attached and the act refused by the Ufficio di Piano, the act
// read now and as of an earlier position, a wrong role, a transition not
// allowed, and each command's help.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "concordia/v1/act_service.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/access_request_kind.h"
#include "tests/testing/cli_server_test.h"
#include "tests/testing/district_api.h"

namespace concordia {
namespace {

using testing::CommandResult;

constexpr char kAdmin[] = "admin@concordia";
constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";
constexpr char kSindaco[] = "sindaco@melegnano";
const char* const kC = testing::kCliDistrict;

class CliActsE2ETest : public testing::CliServerTest {
 protected:
  static void SetUpTestSuite() {
    StartServer();
    // The district's statute, with a kind of act no code names.
    v1::RegisterConsortiumRequest reg =
        testing::DistrictRegistration("acts-reg-1");
    *reg.mutable_statute()->add_workflows() =
        testing::AccessRequestDefinition();
    Register(reg);
    Grant(kSindaco, "member-delegate", "melegnano");
    Grant(kUfficio, "ufficio-di-piano");
  }
};

TEST_F(CliActsE2ETest, KindsAndTheirWorkflows) {
  CommandResult table = Cli(kSindaco, {"act", "kinds", kC});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_TRUE(absl::StrContains(table.out, "accesso-atti")) << table.out;
  EXPECT_TRUE(absl::StrContains(table.out, "tavolo-opinion")) << table.out;
  CommandResult json = Cli(kSindaco, {"--json", "act", "kinds", kC});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto kinds = ParseJson<v1::ListActKindsResponse>(json.out);
  EXPECT_EQ(kinds.kinds_size(), 6);
  EXPECT_EQ(kinds.statute_version(), 1);
  // Before the consortium existed, no statute was in force.
  CommandResult early =
      Cli(kSindaco, {"act", "kinds", kC, "--effective-date=2023-06-30"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(early.err, "STATUTE_NOT_IN_FORCE"))
      << early.err;

  CommandResult workflow = Cli(
      kUfficio, {"--json", "act", "workflow", kC, "--act-kind=accesso-atti"});
  ASSERT_EQ(workflow.exit_code, 0) << workflow.err;
  const auto def = ParseJson<v1::GetWorkflowDefinitionResponse>(workflow.out);
  EXPECT_EQ(def.kind().definition().initial_state(), "submitted");
  EXPECT_EQ(def.kind().statute_version(), 1);
  CommandResult readable =
      Cli(kUfficio, {"act", "workflow", kC, "--act-kind=accesso-atti"});
  ASSERT_EQ(readable.exit_code, 0) << readable.err;
  EXPECT_TRUE(absl::StrContains(readable.out, "silent-refusal"))
      << readable.out;
}

TEST_F(CliActsE2ETest, AnActStartedGivenAnOpinionRefusedAndRead) {
  const std::vector<std::string> act = {kC, "--act-kind=accesso-atti",
                                        "--act=acc-cli-1"};
  auto with = [&](std::vector<std::string> head,
                  std::vector<std::string> more = {}) {
    head.insert(head.end(), act.begin(), act.end());
    head.insert(head.end(), more.begin(), more.end());
    return head;
  };
  // The Ufficio may not file a member's request.
  CommandResult wrong =
      Cli(kUfficio, with({"act", "start"},
                         {"--member=melegnano", "--title=Accesso ai verbali"}));
  EXPECT_EQ(wrong.exit_code, 3) << wrong.err;
  EXPECT_TRUE(absl::StrContains(wrong.err, "not allowed")) << wrong.err;

  CommandResult start = Cli(
      kSindaco, with({"--json", "act", "start"},
                     {"--member=melegnano", "--title=Accesso ai verbali",
                      "--request-id=cli-acc-1"}));
  ASSERT_EQ(start.exit_code, 0) << start.err;
  const auto started = ParseJson<v1::StartActResponse>(start.out);
  EXPECT_EQ(started.state(), "submitted");
  EXPECT_TRUE(started.has_deadline());
  // Retried with its request id: the same answer.
  CommandResult retry = Cli(
      kSindaco, with({"--json", "act", "start"},
                     {"--member=melegnano", "--title=Accesso ai verbali",
                      "--request-id=cli-acc-1"}));
  ASSERT_EQ(retry.exit_code, 0) << retry.err;
  EXPECT_EQ(retry.out, start.out);

  // Refusing needs the legal office's opinion first.
  CommandResult early = Cli(kUfficio, with({"act", "do"}, {"--action=refuse"}));
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(early.err, "rejected (MISSING_OPINION)"))
      << early.err;
  CommandResult opinion =
      Cli(kUfficio, with({"act", "opinion"},
                         {"--opinion=legale", "--text=Dati personali di terzi"}));
  ASSERT_EQ(opinion.exit_code, 0) << opinion.err;
  CommandResult refuse =
      Cli(kUfficio, with({"--json", "act", "do"},
                         {"--action=refuse", "--note=Diniego motivato"}));
  ASSERT_EQ(refuse.exit_code, 0) << refuse.err;
  const auto refused = ParseJson<v1::PerformActionResponse>(refuse.out);
  EXPECT_EQ(refused.transition().to_state(), "refused");
  EXPECT_EQ(refused.transition().performed_by(), kUfficio);
  // Refused: it cannot be granted any more.
  CommandResult grant = Cli(kUfficio, with({"act", "do"}, {"--action=grant"}));
  EXPECT_EQ(grant.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(grant.err, "rejected (TRANSITION_NOT_ALLOWED)"))
      << grant.err;

  CommandResult now = Cli(kAdmin, with({"--json", "act", "get"}));
  ASSERT_EQ(now.exit_code, 0) << now.err;
  const auto got = ParseJson<v1::GetActResponse>(now.out);
  EXPECT_EQ(got.act().state(), "refused");
  EXPECT_TRUE(got.act().terminal());
  EXPECT_EQ(got.act().opinions_size(), 1);
  ASSERT_EQ(got.act().transitions_size(), 1);
  CommandResult then = Cli(
      kAdmin, with({"--json", "act", "get"},
                   {"--as-of=" + absl::StrCat(started.log_position())}));
  ASSERT_EQ(then.exit_code, 0) << then.err;
  const auto before = ParseJson<v1::GetActResponse>(then.out);
  EXPECT_EQ(before.act().state(), "submitted");
  EXPECT_EQ(before.act().opinions_size(), 0);
  CommandResult readable = Cli(kAdmin, with({"act", "get"}));
  ASSERT_EQ(readable.exit_code, 0) << readable.err;
  EXPECT_TRUE(absl::StrContains(readable.out, "refused")) << readable.out;
  EXPECT_TRUE(absl::StrContains(readable.out, kUfficio)) << readable.out;

  CommandResult missing = Cli(kAdmin, {"act", "get", kC, "--act=acc-cli-1"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(missing.err, "--act-kind is required"))
      << missing.err;
  CommandResult unknown =
      Cli(kAdmin, {"act", "get", kC, "--act-kind=accesso-atti", "--act=nope"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(unknown.err, "not found")) << unknown.err;
}

TEST_F(CliActsE2ETest, HelpOnEveryActCommandHasAnExample) {
  CommandResult top = Cli(kAdmin, {"--help"});
  ASSERT_EQ(top.exit_code, 0);
  for (const char* cmd :
       {"start", "do", "opinion", "get", "kinds", "workflow"}) {
    CommandResult help = Cli(kAdmin, {"act", cmd, "--help"});
    EXPECT_EQ(help.exit_code, 0) << cmd;
    EXPECT_TRUE(absl::StrContains(help.out, "Example:")) << cmd << help.out;
    EXPECT_TRUE(absl::StrContains(help.out, absl::StrCat("concordia act ", cmd)))
        << cmd << help.out;
    EXPECT_TRUE(absl::StrContains(top.out, absl::StrCat("act ", cmd))) << cmd;
  }
}

}  // namespace
}  // namespace concordia
