// A CliServerTest whose district's Assemblea holds one session through the
// CLI, for the end-to-end tests that need real deliberations: the server
// runs on the real clock, so the session is transcribed — held two hours
// ago on a convocation delivered ten days before it (items added by urgent
// notice two days before it) — and the Assemblea, its nine sindaci
// designated, adopts p-exec (also voted immediately executable, so
// executive on the session's day), p-later and p-remedy, defers
// p-deferred and closes. The session runs once per suite, in whichever test
// first calls SessionDay(); along the way it uses session convene, add-item,
// delegate (assessore@dresano for Dresano), conflict (Colturano on item 3),
// attend, vote, proclaim, defer and close, asserting each.
//
// Thread-safety: as CliServerTest; SessionDay() from the test thread only.
//
// Example:
//   class CliFooE2ETest : public testing::CliAssembleaTest {};
//   TEST_F(CliFooE2ETest, UsesP) {
//     const absl::CivilDay day = SessionDay();
//     Cli(kCliAdmin, {"shares", "change", kCliDistrict, kAct, ...});
//   }
#ifndef CONCORDIA_TESTS_TESTING_CLI_ASSEMBLEA_TEST_H_
#define CONCORDIA_TESTS_TESTING_CLI_ASSEMBLEA_TEST_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "concordia/v1/session_service.pb.h"
#include "engine/calendar/calendar.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_server_test.h"
#include "tests/testing/district_api.h"

namespace concordia::testing {

inline constexpr char kBody[] = "--body=assemblea";
inline constexpr char kSession[] = "--session=s-lifecycle";

inline std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }

// The act of the immediately executable deliberation, as --authorised-by.
inline constexpr char kAct[] = "--authorised-by={\"proposal_id\": \"p-exec\"}";

class CliAssembleaTest : public CliServerTest {
 protected:
  static CommandResult AsSecretary(std::vector<std::string> args) {
    args.insert(args.begin() + 2, {kCliDistrict, kBody, kSession});
    return Cli(kSecretary, args);
  }
  static void Vote(const std::string& as, const std::string& member, int item,
                   const std::string& ballot = "") {
    std::vector<std::string> args = {
        "session", "vote", kCliDistrict, kBody, kSession,
        absl::StrCat("--item=", item), "--member=" + member,
        "--choice=in-favour"};
    if (!ballot.empty()) args.push_back("--ballot=" + ballot);
    CommandResult v = Cli(as, args);
    ASSERT_EQ(v.exit_code, 0) << member << " item " << item << ": " << v.err;
  }

  // The session's day: the Assemblea met two hours ago, adopted p-exec
  // (immediately executable), p-later and p-remedy, deferred p-deferred and
  // closed. Run once, by whichever test needs it first.
  static absl::CivilDay SessionDay() {
    static absl::CivilDay* day = nullptr;
    if (day != nullptr) return *day;
    const absl::Time at = absl::FromUnixSeconds(
        (absl::ToUnixSeconds(absl::Now() - absl::Hours(2)) / 60) * 60);
    day = new absl::CivilDay(absl::ToCivilDay(at, calendar::Rome()));
    RunSession(at);
    return *day;
  }

  static void RunSession(absl::Time at) {
    Grant(kSecretary, "secretary", "assemblea");
    Grant(kUfficio, "ufficio-di-piano");
    ASSERT_EQ(Cli(kCliAdmin, {"body", "create", kCliDistrict, kBody,
                              "--kind=assemblea",
                              "--name=Assemblea dei Sindaci"})
                  .exit_code,
              0);
    for (const auto& [member, share] : DistrictComuni()) {
      ASSERT_EQ(Cli(kCliAdmin, {"body", "designate", kCliDistrict, kBody,
                                "--member=" + member,
                                "--person=sindaco@" + member, "--voting=true",
                                "--effective-from=2024-01-01"})
                    .exit_code,
                0);
      Grant("sindaco@" + member, "member-delegate", member);
    }
    Grant("assessore@dresano", "member-delegate", "dresano");
    for (const char* p : {"p-exec", "p-later", "p-remedy", "p-deferred"}) {
      ASSERT_EQ(Cli(kUfficio, {"proposal", "draft", kCliDistrict, kBody,
                               std::string("--proposal=") + p,
                               "--act-kind=ordinary",
                               std::string("--title=Proposta ") + p})
                    .exit_code,
                0);
      ASSERT_EQ(Cli(kUfficio, {"proposal", "opinion", kCliDistrict,
                               std::string("--proposal=") + p,
                               "--kind=technical", "--favourable=true",
                               "--given-by=responsabile@sudestmilano"})
                    .exit_code,
                0);
    }
    CommandResult convene = AsSecretary(
        {"session", "convene", "--kind=ordinary",
         "--session-time=" + Rfc3339(at),
         "--notice-delivered-time=" + Rfc3339(at - absl::Hours(24 * 10)),
         "--items=[{\"number\": 1, \"proposal_id\": \"p-exec\", "
         "\"act_kind\": \"ACT_KIND_ORDINARY\", \"title\": \"Quote\"}]"});
    ASSERT_EQ(convene.exit_code, 0) << convene.err;
    int number = 2;
    for (const char* p : {"p-later", "p-remedy", "p-deferred"}) {
      CommandResult add = AsSecretary(
          {"--json", "session", "add-item",
           "--notice-delivered-time=" + Rfc3339(at - absl::Hours(48)),
           absl::StrCat("--item={\"number\": ", number++,
                        ", \"proposal_id\": \"", p,
                        "\", \"act_kind\": \"ACT_KIND_ORDINARY\", "
                        "\"title\": \"", p, "\"}")});
      ASSERT_EQ(add.exit_code, 0) << add.err;
      EXPECT_GT(ParseJson<v1::AddAgendaItemResponse>(add.out).log_position(),
                0u);
    }
    CommandResult delegate = AsSecretary({"session", "delegate",
                                          "--member=dresano",
                                          "--person=assessore@dresano"});
    ASSERT_EQ(delegate.exit_code, 0) << delegate.err;
    CommandResult conflict = AsSecretary({"session", "conflict", "--item=3",
                                          "--member=colturano"});
    ASSERT_EQ(conflict.exit_code, 0) << conflict.err;
    std::vector<std::string> present;
    for (const auto& [member, share] : DistrictComuni()) {
      present.push_back(member);
    }
    CommandResult attend = AsSecretary(
        {"session", "attend", "--present-members=" + absl::StrJoin(present, ",")});
    ASSERT_EQ(attend.exit_code, 0) << attend.err;
    for (int item : {1, 2, 3}) {
      for (const std::string& m : present) {
        if (item == 3 && m == "colturano") continue;
        Vote(m == "dresano" ? "assessore@dresano" : "sindaco@" + m, m, item);
      }
    }
    for (const std::string& m : present) {
      Vote(m == "dresano" ? "assessore@dresano" : "sindaco@" + m, m, 1,
           "immediate-executability");
    }
    for (int item : {1, 2, 3}) {
      CommandResult proclaim = AsSecretary(
          {"--json", "session", "proclaim", absl::StrCat("--item=", item)});
      ASSERT_EQ(proclaim.exit_code, 0) << proclaim.err;
      EXPECT_TRUE(ParseJson<v1::ProclaimItemResponse>(proclaim.out).adopted());
    }
    CommandResult defer = AsSecretary({"session", "defer", "--item=4",
                                       "--reason=documenti non disponibili"});
    ASSERT_EQ(defer.exit_code, 0) << defer.err;
    CommandResult close = AsSecretary({"--json", "session", "close"});
    ASSERT_EQ(close.exit_code, 0) << close.err;
  }
};


}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_TESTING_CLI_ASSEMBLEA_TEST_H_
