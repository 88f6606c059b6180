// The concordia CLI's governance commands against a real server process:
// registering the district from a JSON file, roles, bodies and
// designations, a proposal with its opinion, convening, roll call, votes,
// proclamation, publication, and the reads (--json parsed, --as-of, --on);
// exit codes 0 (done), 1 (rule rejection with its reason), 2 (usage), 3
// (connection or authorisation).
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "concordia/v1/consortium_service.pb.h"
#include "concordia/v1/deliberation_service.pb.h"
#include "concordia/v1/session_service.pb.h"
#include "engine/calendar/calendar.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
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
  google::protobuf::util::JsonParseOptions options;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text, &m, options)
                  .ok())
      << text;
  return m;
}

class CliGovernanceE2ETest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto server =
        ServerProcess::Start({TempDir("data"), {"--admin=admin@concordia"}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
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
  static std::string WriteFile(const std::string& name,
                               const std::string& text) {
    const std::string path = TempDir("files") + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  static ServerProcess* server_;
};

ServerProcess* CliGovernanceE2ETest::server_ = nullptr;

constexpr char kAdmin[] = "admin@concordia";
constexpr char kSecretary[] = "segretario@sudestmilano";
constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";
const std::vector<std::string>& Five() {
  static const auto* five = new std::vector<std::string>{
      "san-giuliano-milanese", "san-donato-milanese", "melegnano",
      "cerro-al-lambro", "dresano"};
  return *five;
}

TEST_F(CliGovernanceE2ETest, UsageHelpAndConnectionErrors) {
  CommandResult help = Cli(kAdmin, {"session", "vote", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(help.out, "--choice=in-favour|against"))
      << help.out;
  EXPECT_TRUE(absl::StrContains(help.out, "Example:")) << help.out;

  CommandResult missing =
      Cli(kAdmin, {"session", "vote", "--consortium=sudestmilano"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(missing.err, "--body is required"))
      << missing.err;

  CommandResult bad = Cli(kAdmin, {"consortium", "shares",
                                   "--consortium=sudestmilano", "--on=2024-02-30x"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(bad.err, "--on:")) << bad.err;

  CommandResult unknown = Cli(kAdmin, {"consortium", "show", "--colour=red"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(unknown.err, "unknown option --colour"));

  CommandResult down = RunCommand({Runfile("clients/cli/concordia"),
                                   "--server=127.0.0.1:1", "--timeout=2s",
                                   "consortium", "show",
                                   "--consortium=sudestmilano"});
  EXPECT_EQ(down.exit_code, 3);
  EXPECT_TRUE(absl::StrContains(down.err, "cannot reach the server"))
      << down.err;

  CommandResult nobody = Cli(kAdmin, {"consortium", "show",
                                      "--consortium=nessuno"});
  EXPECT_EQ(nobody.exit_code, 1) << nobody.err;
}

TEST_F(CliGovernanceE2ETest, FromRegistrationToAPublishedDeliberation) {
  // The district, registered from the tutorial's request file, which must
  // stay the district of the fixtures.
  const std::string reg = Runfile("docs/examples/sudestmilano.json");
  std::ifstream in(reg);
  ASSERT_TRUE(in.good()) << reg;
  std::stringstream text;
  text << in.rdbuf();
  v1::RegisterConsortiumRequest shipped;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(text.str(), &shipped).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      shipped, testing::DistrictRegistration("register-sudestmilano")))
      << "docs/examples/sudestmilano.json differs from DistrictRegistration";
  CommandResult r = Cli(kAdmin, {"--json", "consortium", "register",
                                 "--file=" + reg});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const uint64_t registered =
      ParseJson<v1::RegisterConsortiumResponse>(r.out).log_position();
  EXPECT_GT(registered, 0u);
  // The same request id again: the same answer, nothing appended.
  CommandResult again = Cli(kAdmin, {"--json", "consortium", "register",
                                     "--file=" + reg});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(ParseJson<v1::RegisterConsortiumResponse>(again.out).log_position(),
            registered);

  const std::string c = "--consortium=sudestmilano";
  ASSERT_EQ(Cli(kAdmin, {"body", "create", c, "--body=assemblea",
                         "--kind=assemblea", "--name=Assemblea dei Sindaci"})
                .exit_code,
            0);
  for (const auto& [member, share] : testing::DistrictComuni()) {
    CommandResult d = Cli(kAdmin, {"body", "designate", c, "--body=assemblea",
                                   "--member=" + member,
                                   "--person=sindaco@" + member,
                                   "--voting=true",
                                   "--effective-from=2024-01-01"});
    ASSERT_EQ(d.exit_code, 0) << d.err;
    ASSERT_EQ(Cli(kAdmin, {"admin", "grant", c, "--principal=sindaco@" + member,
                           "--role=member-delegate", "--scope=" + member})
                  .exit_code,
              0);
  }
  ASSERT_EQ(Cli(kAdmin, {"admin", "grant", c, "--principal=" +
                             std::string(kSecretary),
                         "--role=secretary", "--scope=assemblea"})
                .exit_code,
            0);
  ASSERT_EQ(Cli(kAdmin, {"admin", "grant", c,
                         "--principal=" + std::string(kUfficio),
                         "--role=ufficio-di-piano"})
                .exit_code,
            0);

  CommandResult body = Cli(kAdmin, {"--json", "body", "show", c,
                                    "--body=assemblea", "--on=2024-06-01"});
  ASSERT_EQ(body.exit_code, 0) << body.err;
  EXPECT_EQ(ParseJson<v1::GetBodyResponse>(body.out).designations_size(), 9)
      << body.out;

  // A proposal with its technical opinion.
  ASSERT_EQ(Cli(kUfficio, {"proposal", "draft", c, "--body=assemblea",
                           "--proposal=p-cli-1", "--act-kind=ordinary",
                           "--title=Regolamento ISEE"})
                .exit_code,
            0);
  CommandResult op = Cli(kUfficio, {"proposal", "opinion", c,
                                    "--proposal=p-cli-1", "--kind=technical",
                                    "--favourable=true",
                                    "--given-by=responsabile@sudestmilano"});
  ASSERT_EQ(op.exit_code, 0) << op.err;

  // Convened for a month from now (the notice is checked on the real clock):
  // its roll call is refused until its time, and nothing is appended.
  const absl::CivilDay next =
      absl::ToCivilDay(absl::Now() + absl::Hours(24 * 30), calendar::Rome());
  CommandResult convene_next = Cli(
      kSecretary,
      {"session", "convene", c, "--body=assemblea", "--session=s-cli-next",
       "--kind=ordinary",
       "--session-time=" + testing::Rfc3339(testing::RomeTime(next, 10)),
       "--items=[{\"number\": 1, \"title\": \"Comunicazioni\", "
       "\"act_kind\": \"ACT_KIND_ORDINARY\"}]"});
  ASSERT_EQ(convene_next.exit_code, 0) << convene_next.err;
  CommandResult early = Cli(
      kSecretary, {"--json", "session", "attend", c, "--body=assemblea",
                   "--session=s-cli-next", "--present-members=melegnano"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(early.err, "rejected (SESSION_NOT_STARTED)"))
      << early.err;

  // The session held yesterday at 10:00, on a convocation sent by PEC ten
  // days before it, is transcribed with its minutes.
  const absl::CivilDay day =
      absl::ToCivilDay(absl::Now(), calendar::Rome()) - 1;
  const absl::Time at = testing::RomeTime(day, 10);
  CommandResult convene = Cli(
      kSecretary,
      {"session", "convene", c, "--body=assemblea", "--session=s-cli-1",
       "--kind=ordinary", "--session-time=" + testing::Rfc3339(at),
       "--notice-delivered-time=" + testing::Rfc3339(at - absl::Hours(24 * 10)),
       "--items=[{\"number\": 1, \"proposal_id\": \"p-cli-1\", \"act_kind\": "
       "\"ACT_KIND_ORDINARY\", \"title\": \"Regolamento ISEE\"}]"});
  ASSERT_EQ(convene.exit_code, 0) << convene.err;
  EXPECT_TRUE(absl::StrContains(convene.out, "log_position: ")) << convene.out;
  // A delivery after now is refused, naming the flag's field.
  CommandResult later = Cli(
      kSecretary,
      {"session", "convene", c, "--body=assemblea", "--session=s-cli-2",
       "--kind=ordinary", "--session-time=" + testing::Rfc3339(at + absl::Hours(24 * 60)),
       "--notice-delivered-time=" + testing::Rfc3339(absl::Now() + absl::Hours(24)),
       "--items=[]"});
  EXPECT_EQ(later.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(later.err,
                                "invalid request (field notice_delivered_time)"))
      << later.err;

  const std::string s = "--session=s-cli-1";
  CommandResult attend = Cli(
      kSecretary, {"session", "attend", c, "--body=assemblea", s,
                   "--present-members=san-giuliano-milanese,san-donato-milanese,"
                   "melegnano,cerro-al-lambro,dresano",
                   "--attendees=direttore@sudestmilano"});
  ASSERT_EQ(attend.exit_code, 0) << attend.err;
  for (const std::string& m : Five()) {
    CommandResult v = Cli("sindaco@" + m,
                          {"session", "vote", c, "--body=assemblea", s,
                           "--item=1", "--member=" + m, "--choice=in-favour"});
    ASSERT_EQ(v.exit_code, 0) << v.err;
  }
  // A second vote by the same member: rejected by a rule, nothing written.
  CommandResult twice = Cli("sindaco@melegnano",
                            {"session", "vote", c, "--body=assemblea", s,
                             "--item=1", "--member=melegnano",
                             "--choice=against"});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(twice.err, "rejected (ALREADY_VOTED)"))
      << twice.err;
  // Voting for another comune: not allowed (exit 3).
  CommandResult other = Cli("sindaco@melegnano",
                            {"session", "vote", c, "--body=assemblea", s,
                             "--item=1", "--member=colturano",
                             "--choice=in-favour"});
  EXPECT_EQ(other.exit_code, 3) << other.err;

  CommandResult proclaim = Cli(kSecretary, {"--json", "session", "proclaim", c,
                                            "--body=assemblea", s, "--item=1"});
  ASSERT_EQ(proclaim.exit_code, 0) << proclaim.err;
  const auto proclaimed = ParseJson<v1::ProclaimItemResponse>(proclaim.out);
  EXPECT_TRUE(proclaimed.adopted());
  EXPECT_EQ(proclaimed.number(), 1);
  EXPECT_EQ(proclaimed.year(), day.year());

  CommandResult show = Cli(kSecretary, {"--json", "session", "show", c, s});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const auto session = ParseJson<v1::GetSessionResponse>(show.out).session();
  EXPECT_EQ(session.present_member_ids_size(), 5);
  ASSERT_EQ(session.items_size(), 1);
  // As of the convocation: nobody present yet.
  CommandResult before = Cli(kSecretary, {"--json", "session", "show", c, s,
                                          "--as-of=" + absl::StrCat(registered)});
  EXPECT_NE(before.exit_code, 0);
  CommandResult readable = Cli(kSecretary, {"session", "show", c, s});
  ASSERT_EQ(readable.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(readable.out,
                                "present_member_ids: cerro-al-lambro, dresano, "
                                "melegnano, san-donato-milanese, "
                                "san-giuliano-milanese\n"))
      << readable.out;

  const absl::CivilDay first = day + 1;
  CommandResult publish = Cli(
      kSecretary, {"deliberation", "publish", c, "--body=assemblea",
                   "--proposal=p-cli-1",
                   "--first-day=" + absl::FormatCivilTime(first)});
  ASSERT_EQ(publish.exit_code, 0) << publish.err;
  CommandResult delib = Cli(kSecretary, {"--json", "deliberation", "show", c,
                                         "--proposal=p-cli-1",
                                         "--on=" + absl::FormatCivilTime(first)});
  ASSERT_EQ(delib.exit_code, 0) << delib.err;
  const auto d = ParseJson<v1::GetDeliberationResponse>(delib.out).deliberation();
  EXPECT_EQ(d.adoption().number(), 1);
  EXPECT_EQ(d.adoption().session_id(), "s-cli-1");
  EXPECT_TRUE(d.has_publication());
  EXPECT_TRUE(d.has_technical_opinion());

  CommandResult shares = Cli(kAdmin, {"--json", "consortium", "shares", c,
                                      "--on=2024-06-30"});
  ASSERT_EQ(shares.exit_code, 0) << shares.err;
  EXPECT_EQ(ParseJson<v1::GetSharesResponse>(shares.out).shares_size(), 9);
  CommandResult table = Cli(kAdmin, {"consortium", "shares", c});
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(table.out, "shares (9):")) << table.out;
  CommandResult statute = Cli(kAdmin, {"--json", "consortium", "statute", c,
                                       "--as-of=" + absl::StrCat(registered)});
  ASSERT_EQ(statute.exit_code, 0) << statute.err;
  EXPECT_EQ(ParseJson<v1::GetStatuteResponse>(statute.out).log_position(),
            registered);
  CommandResult consortium = Cli(kAdmin, {"--json", "consortium", "show", c});
  ASSERT_EQ(consortium.exit_code, 0) << consortium.err;
  EXPECT_EQ(ParseJson<v1::GetConsortiumResponse>(consortium.out)
                .consortium()
                .name(),
            "Ambito Sud Est Milano");
}

}  // namespace
}  // namespace concordia
