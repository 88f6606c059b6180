// The concordia CLI's read commands over the read models (QueryService)
// against a real server process: a district set up with the CLI (bodies,
// designations, a proposal convened, voted, adopted and published), then
// every list/view command with --json parsed, --as-of (position and record
// time), --on, --page-size with --all, `agenda watch --updates=1`,
// `entity history`, and the exit codes of bad input (2), unknown entities
// (1), a position beyond the log (1) and denied callers (3).
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "concordia/v1/deliberation_service.pb.h"
#include "concordia/v1/query_service.pb.h"
#include "concordia/v1/session_service.pb.h"
#include "engine/calendar/calendar.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_server_test.h"
#include "tests/testing/district_api.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::Runfile;

constexpr char kAdmin[] = "admin@concordia";
constexpr char kSecretary[] = "segretario@sudestmilano";
constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";

// The test registers the district itself, from the tutorial's file.
class CliQueryE2ETest : public testing::CliServerTest {
 protected:
  static void SetUpTestSuite() { StartServer(); }
};

TEST_F(CliQueryE2ETest, EveryReadCommand) {
  const std::string c = "--consortium=sudestmilano";
  CommandResult reg =
      Cli(kAdmin, {"--json", "consortium", "register",
                   "--file=" + Runfile("docs/examples/sudestmilano.json")});
  ASSERT_EQ(reg.exit_code, 0) << reg.err;
  ASSERT_EQ(Cli(kAdmin, {"body", "create", c, "--body=assemblea",
                         "--kind=assemblea", "--name=Assemblea dei Sindaci"})
                .exit_code,
            0);
  for (const auto& [member, share] : testing::DistrictComuni()) {
    ASSERT_EQ(Cli(kAdmin, {"body", "designate", c, "--body=assemblea",
                           "--member=" + member, "--person=sindaco@" + member,
                           "--voting=true", "--effective-from=2024-01-01"})
                  .exit_code,
              0);
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
  ASSERT_EQ(Cli(kUfficio, {"proposal", "draft", c, "--body=assemblea",
                           "--proposal=p-1", "--act-kind=ordinary",
                           "--title=Regolamento ISEE"})
                .exit_code,
            0);
  CommandResult opinion =
      Cli(kUfficio, {"--json", "proposal", "opinion", c, "--proposal=p-1",
                     "--kind=technical", "--favourable=true",
                     "--given-by=responsabile@sudestmilano"});
  ASSERT_EQ(opinion.exit_code, 0) << opinion.err;
  const uint64_t ready =
      ParseJson<v1::GiveOpinionResponse>(opinion.out).log_position();
  const absl::Time before_convening = absl::Now();
  // s-1 was held yesterday at 10:00 on a convocation delivered ten days
  // before (transcribed now: the server runs on the real clock); s-2 is
  // convened for a month from now.
  const absl::CivilDay day =
      absl::ToCivilDay(absl::Now(), calendar::Rome()) - 1;
  const absl::Time held = testing::RomeTime(day, 10);
  CommandResult past = Cli(
      kSecretary,
      {"session", "convene", c, "--body=assemblea", "--session=s-1",
       "--kind=ordinary", "--session-time=" + testing::Rfc3339(held),
       "--notice-delivered-time=" + testing::Rfc3339(held - absl::Hours(24 * 10)),
       "--items=[{\"number\": 1, \"proposal_id\": \"p-1\", "
       "\"act_kind\": \"ACT_KIND_ORDINARY\", \"title\": \"ISEE\"}]"});
  ASSERT_EQ(past.exit_code, 0) << past.err;
  CommandResult ahead = Cli(
      kSecretary,
      {"session", "convene", c, "--body=assemblea", "--session=s-2",
       "--kind=ordinary",
       "--session-time=" +
           testing::Rfc3339(testing::RomeTime(
               absl::ToCivilDay(absl::Now() + absl::Hours(24 * 30),
                                calendar::Rome()),
               10)),
       "--items=[]"});
  ASSERT_EQ(ahead.exit_code, 0) << ahead.err;
  const std::string s = "--session=s-1";
  ASSERT_EQ(Cli(kSecretary,
                {"session", "attend", c, "--body=assemblea", s,
                 "--present-members=san-giuliano-milanese,san-donato-milanese,"
                 "melegnano,cerro-al-lambro,dresano"})
                .exit_code,
            0);
  for (const std::string m : {"san-giuliano-milanese", "san-donato-milanese",
                              "melegnano", "cerro-al-lambro", "dresano"}) {
    ASSERT_EQ(Cli("sindaco@" + m, {"session", "vote", c, "--body=assemblea", s,
                                   "--item=1", "--member=" + m,
                                   "--choice=in-favour"})
                  .exit_code,
              0);
  }
  ASSERT_EQ(Cli(kSecretary, {"session", "proclaim", c, "--body=assemblea", s,
                             "--item=1"})
                .exit_code,
            0);
  const absl::CivilDay first = day + 1;
  CommandResult publish =
      Cli(kSecretary, {"--json", "deliberation", "publish", c,
                       "--body=assemblea", "--proposal=p-1",
                       "--first-day=" + absl::FormatCivilTime(first)});
  ASSERT_EQ(publish.exit_code, 0) << publish.err;
  const std::string at = absl::StrCat(
      "--as-of=",
      ParseJson<v1::PublishDeliberationResponse>(publish.out).log_position());
  const std::string on = "--on=" + absl::FormatCivilTime(first + 1);

  CommandResult consortia = Cli(kAdmin, {"--json", "consortium", "list", at});
  ASSERT_EQ(consortia.exit_code, 0) << consortia.err;
  auto listed = ParseJson<v1::ListConsortiaResponse>(consortia.out);
  ASSERT_EQ(listed.consortia_size(), 1);
  EXPECT_EQ(listed.consortia(0).profile().consortium_id(), "sudestmilano");
  CommandResult none = Cli("stranger@nowhere", {"--json", "consortium", "list", at});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(ParseJson<v1::ListConsortiaResponse>(none.out).consortia_size(), 0);

  CommandResult view = Cli(kAdmin, {"--json", "consortium", "view", c, at,
                                    "--on=2024-06-01"});
  ASSERT_EQ(view.exit_code, 0) << view.err;
  EXPECT_EQ(ParseJson<v1::GetConsortiumViewResponse>(view.out)
                .consortium()
                .in_force()
                .shares_size(),
            9);

  CommandResult bodies = Cli(kAdmin, {"--json", "body", "list", c, at});
  ASSERT_EQ(bodies.exit_code, 0) << bodies.err;
  EXPECT_EQ(ParseJson<v1::ListBodiesResponse>(bodies.out).bodies_size(), 1);
  CommandResult body = Cli(kAdmin, {"--json", "body", "view", c,
                                    "--body=assemblea", at, "--on=2024-06-01"});
  ASSERT_EQ(body.exit_code, 0) << body.err;
  EXPECT_EQ(ParseJson<v1::GetBodyViewResponse>(body.out)
                .body()
                .in_force()
                .voting_members(),
            9);

  // Paged one a page, followed to the end with --all.
  CommandResult sessions = Cli(kSecretary, {"--json", "session", "list", c, at,
                                            "--page-size=1", "--all"});
  ASSERT_EQ(sessions.exit_code, 0) << sessions.err;
  auto all_sessions = ParseJson<v1::ListSessionsResponse>(sessions.out);
  EXPECT_EQ(all_sessions.sessions_size(), 2);
  EXPECT_TRUE(all_sessions.next_page_token().empty());
  CommandResult one = Cli(kSecretary, {"--json", "session", "list", c, at,
                                       "--page-size=1"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  auto first_page = ParseJson<v1::ListSessionsResponse>(one.out);
  EXPECT_EQ(first_page.sessions_size(), 1);
  EXPECT_FALSE(first_page.next_page_token().empty());
  CommandResult table = Cli(kSecretary, {"session", "list", c, at});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_TRUE(absl::StrContains(table.out, "sessions (2)")) << table.out;

  CommandResult session = Cli(kSecretary, {"--json", "session", "view", c, s, at});
  ASSERT_EQ(session.exit_code, 0) << session.err;
  EXPECT_EQ(ParseJson<v1::GetSessionViewResponse>(session.out)
                .session()
                .present_member_ids_size(),
            5);
  CommandResult votes = Cli(kSecretary, {"--json", "vote", "list", c, s,
                                         "--item=1", at});
  ASSERT_EQ(votes.exit_code, 0) << votes.err;
  EXPECT_EQ(ParseJson<v1::ListVotesResponse>(votes.out).votes_size(), 5);

  CommandResult delibs = Cli(kSecretary, {"--json", "deliberation", "list", c,
                                          at, "--stage=published"});
  ASSERT_EQ(delibs.exit_code, 0) << delibs.err;
  ASSERT_EQ(
      ParseJson<v1::ListDeliberationsResponse>(delibs.out).deliberations_size(),
      1);
  CommandResult delib = Cli(kSecretary, {"--json", "deliberation", "view", c,
                                         "--proposal=p-1", at, on});
  ASSERT_EQ(delib.exit_code, 0) << delib.err;
  auto d = ParseJson<v1::GetDeliberationViewResponse>(delib.out);
  EXPECT_EQ(d.deliberation().adoption().number(), 1);
  EXPECT_TRUE(d.deliberation().in_force().on_albo());
  // As of the opinion: ready, not adopted; as recorded before the
  // convocation, the same.
  CommandResult earlier = Cli(kSecretary, {"--json", "deliberation", "view", c,
                                           "--proposal=p-1",
                                           absl::StrCat("--as-of=", ready)});
  ASSERT_EQ(earlier.exit_code, 0) << earlier.err;
  auto e = ParseJson<v1::GetDeliberationViewResponse>(earlier.out);
  EXPECT_EQ(e.deliberation().stage(), v1::DELIBERATION_STAGE_READY);
  EXPECT_EQ(e.header().log_position(), ready);
  CommandResult recorded = Cli(
      kSecretary,
      {"--json", "deliberation", "view", c, "--proposal=p-1",
       "--as-of=" + absl::FormatTime(absl::RFC3339_full, before_convening,
                                     absl::UTCTimeZone())});
  ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
  EXPECT_EQ(ParseJson<v1::GetDeliberationViewResponse>(recorded.out)
                .deliberation()
                .stage(),
            v1::DELIBERATION_STAGE_READY);

  const std::string year = absl::StrCat("--year=", day.year());
  CommandResult reg_list = Cli(kSecretary, {"--json", "register", "list", c,
                                            "--body=assemblea", year, at});
  ASSERT_EQ(reg_list.exit_code, 0) << reg_list.err;
  EXPECT_EQ(
      ParseJson<v1::ListRegisterEntriesResponse>(reg_list.out).entries_size(), 1);
  CommandResult entry = Cli(kSecretary, {"--json", "register", "entry", c,
                                         "--body=assemblea", year, "--number=1",
                                         at});
  ASSERT_EQ(entry.exit_code, 0) << entry.err;
  EXPECT_EQ(ParseJson<v1::GetRegisterEntryResponse>(entry.out)
                .entry()
                .proposal_id(),
            "p-1");

  CommandResult albo = Cli(kSecretary, {"--json", "albo", "list", c, at, on});
  ASSERT_EQ(albo.exit_code, 0) << albo.err;
  auto a = ParseJson<v1::ListAlboEntriesResponse>(albo.out);
  ASSERT_EQ(a.entries_size(), 1);
  EXPECT_EQ(a.entries(0).proposal_id(), "p-1");

  CommandResult agenda = Cli("sindaco@melegnano",
                             {"--json", "agenda", "list", c,
                              "--member=melegnano", at});
  ASSERT_EQ(agenda.exit_code, 0) << agenda.err;
  EXPECT_EQ(ParseJson<v1::ListAgendaEntriesResponse>(agenda.out).entries_size(),
            2);
  CommandResult watch = Cli("sindaco@melegnano",
                            {"--json", "agenda", "watch", c,
                             "--member=melegnano", "--updates=1"});
  ASSERT_EQ(watch.exit_code, 0) << watch.err;
  std::vector<std::string> lines =
      absl::StrSplit(watch.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 1u) << watch.out;
  auto update = ParseJson<v1::WatchAgendaResponse>(lines[0]);
  EXPECT_EQ(update.header().read_model(), "agenda");

  CommandResult accords = Cli(kSecretary, {"--json", "accord", "list", c, at});
  ASSERT_EQ(accords.exit_code, 0) << accords.err;
  EXPECT_EQ(ParseJson<v1::ListAccordsResponse>(accords.out).accords_size(), 0);
  CommandResult no_accord = Cli(kSecretary, {"accord", "view", c,
                                             "--accord=nessuno", at});
  EXPECT_EQ(no_accord.exit_code, 1) << no_accord.err;
  EXPECT_TRUE(absl::StrContains(no_accord.err, "not found")) << no_accord.err;

  CommandResult history = Cli(kSecretary, {"--json", "entity", "history",
                                           "--kind=session", c, "--id=s-1",
                                           at, "--all"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  auto h = ParseJson<v1::ListEntityHistoryResponse>(history.out);
  ASSERT_GE(h.entries_size(), 8);  // convened, roll call, 5 votes, proclaimed
  EXPECT_EQ(h.entries(0).event_type(), "concordia.v1.SessionConvened");
  // The existing `history` command (EventService) still works.
  CommandResult stream = Cli(kSecretary, {"history", "session", "s-1", c});
  EXPECT_EQ(stream.exit_code, 0) << stream.err;
}

TEST_F(CliQueryE2ETest, UsageAndErrors) {
  CommandResult help = Cli(kAdmin, {"session", "list", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(help.out, "--as-of=POSITION|RFC3339_TIME"))
      << help.out;
  EXPECT_TRUE(absl::StrContains(help.out, "--all")) << help.out;
  EXPECT_TRUE(absl::StrContains(help.out, "Example:")) << help.out;
  CommandResult watch_help = Cli(kAdmin, {"agenda", "watch", "--help"});
  EXPECT_EQ(watch_help.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(watch_help.out, "--updates=N")) << watch_help.out;

  CommandResult missing = Cli(kAdmin, {"body", "view", "--consortium=x"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(missing.err, "--body is required"))
      << missing.err;
  CommandResult bad_as_of =
      Cli(kAdmin, {"body", "list", "--consortium=x", "--as-of=yesterday"});
  EXPECT_EQ(bad_as_of.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(bad_as_of.err, "--as-of:")) << bad_as_of.err;
  CommandResult bad_on =
      Cli(kAdmin, {"albo", "list", "--consortium=x", "--on=2026-02-30"});
  EXPECT_EQ(bad_on.exit_code, 2) << bad_on.err;
  // The server's INVALID_ARGUMENT names the field (exit 2).
  CommandResult negative =
      Cli(kAdmin, {"session", "list", "--consortium=x", "--page-size=-1"});
  EXPECT_EQ(negative.exit_code, 2) << negative.err;
  EXPECT_TRUE(absl::StrContains(negative.err, "page_size")) << negative.err;
  CommandResult token = Cli(kAdmin, {"session", "list", "--consortium=x",
                                     "--page-token=nope"});
  EXPECT_EQ(token.exit_code, 2) << token.err;
  EXPECT_TRUE(absl::StrContains(token.err, "page_token")) << token.err;
  CommandResult kind = Cli(kAdmin, {"entity", "history", "--kind=planet",
                                    "--consortium=x"});
  EXPECT_EQ(kind.exit_code, 2) << kind.err;
  // Beyond the log's end: rejected with its reason (exit 1).
  CommandResult beyond = Cli(kAdmin, {"--json", "consortium", "list",
                                      "--as-of=99999999"});
  EXPECT_EQ(beyond.exit_code, 1) << beyond.err;
  EXPECT_TRUE(absl::StrContains(beyond.out, "POSITION_BEYOND_LOG"))
      << beyond.out;
  // No role in the consortium: not allowed (exit 3).
  CommandResult denied = Cli("stranger@nowhere", {"body", "list",
                                                  "--consortium=sudestmilano"});
  EXPECT_EQ(denied.exit_code, 3) << denied.err;
}

}  // namespace
}  // namespace concordia
