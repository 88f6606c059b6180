// The concordia CLI's session and membership commands against a real server
// process. An Assemblea session is convened a month ahead, items are added,
// a session delegate appointed, a conflict declared, votes cast (one item
// also immediately executable), items proclaimed or deferred and the session
// closed; the deliberations are published, the albo interrupted, one
// revoked and one annulled. The immediately executable deliberation then
// authorises a member admitted and later withdrawn, a change of shares, a
// new statute and a Piano di Zona adopted then updated; a merger of comuni and a revoked designation follow. Each
// effect is checked by a follow-up read (--json parsed, on dates), and per
// noun a rule rejection (exit 1 with its reason code), a missing flag
// (exit 2, nothing sent) and an unreachable server (exit 3).
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "concordia/v1/consortium_service.pb.h"
#include "concordia/v1/deliberation_service.pb.h"
#include "concordia/v1/programme_service.pb.h"
#include "concordia/v1/session_service.pb.h"
#include "engine/calendar/calendar.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_server_test.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::kCliAdmin;
using testing::kCliDistrict;

constexpr char kSecretary[] = "segretario@sudestmilano";
constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";
const char kBody[] = "--body=assemblea";
const char kSession[] = "--session=s-lifecycle";

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }

// The act of the immediately executable deliberation, as --authorised-by.
const char kAct[] = "--authorised-by={\"proposal_id\": \"p-exec\"}";

// A share table as the --shares JSON array.
std::string SharesJson(const std::map<std::string, int>& shares) {
  std::vector<std::string> rows;
  for (const auto& [member, permille] : shares) {
    rows.push_back(absl::StrCat("{\"member_id\": \"", member,
                                "\", \"permille\": ", permille, "}"));
  }
  return absl::StrCat("[", absl::StrJoin(rows, ", "), "]");
}

std::map<std::string, int> Founders() {
  std::map<std::string, int> shares;
  for (const auto& [member, permille] : testing::DistrictComuni()) {
    shares[member] = permille;
  }
  return shares;
}

std::map<std::string, int> SharesOn(const v1::GetSharesResponse& r) {
  std::map<std::string, int> shares;
  for (const auto& s : r.shares()) shares[s.member_id()] = s.permille();
  return shares;
}

class CliGovernanceLifecycleE2ETest : public testing::CliServerTest {
 protected:
  static std::map<std::string, int> Shares(const std::string& on) {
    CommandResult r = Cli(kCliAdmin, {"--json", "consortium", "shares",
                                      kCliDistrict, "--on=" + on});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return SharesOn(ParseJson<v1::GetSharesResponse>(r.out));
  }
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

  // The session's day: the Assemblea meets a month from now, adopts p-exec
  // (immediately executable), p-later and p-remedy, defers p-deferred and
  // closes. Run once, by whichever test needs it first.
  static absl::CivilDay SessionDay() {
    static absl::CivilDay* day = nullptr;
    if (day != nullptr) return *day;
    day = new absl::CivilDay(absl::ToCivilDay(
        absl::Now() + absl::Hours(24 * 30), calendar::Rome()));
    RunSession(*day);
    return *day;
  }

  static void RunSession(absl::CivilDay day) {
    Grant(kSecretary, "secretary", "assemblea");
    Grant(kUfficio, "ufficio-di-piano");
    ASSERT_EQ(Cli(kCliAdmin, {"body", "create", kCliDistrict, kBody,
                              "--kind=assemblea",
                              "--name=Assemblea dei Sindaci"})
                  .exit_code,
              0);
    for (const auto& [member, share] : testing::DistrictComuni()) {
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
    const std::string when = absl::FormatTime(
        "%Y-%m-%dT10:00:00%Ez", testing::RomeTime(day, 10), calendar::Rome());
    CommandResult convene = AsSecretary(
        {"session", "convene", "--kind=ordinary", "--session-time=" + when,
         "--items=[{\"number\": 1, \"proposal_id\": \"p-exec\", "
         "\"act_kind\": \"ACT_KIND_ORDINARY\", \"title\": \"Quote\"}]"});
    ASSERT_EQ(convene.exit_code, 0) << convene.err;
    int number = 2;
    for (const char* p : {"p-later", "p-remedy", "p-deferred"}) {
      CommandResult add = AsSecretary(
          {"--json", "session", "add-item",
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
    for (const auto& [member, share] : testing::DistrictComuni()) {
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

TEST_F(CliGovernanceLifecycleE2ETest, ASessionFromAgendaToClosure) {
  SessionDay();
  CommandResult show = Cli(kSecretary, {"--json", "session", "show",
                                        kCliDistrict, kSession});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const v1::Session s = ParseJson<v1::GetSessionResponse>(show.out).session();
  EXPECT_TRUE(s.closed());
  ASSERT_EQ(s.items_size(), 4) << show.out;
  EXPECT_EQ(s.items(2).item().proposal_id(), "p-remedy");
  ASSERT_EQ(s.items(2).conflicted_member_ids_size(), 1);
  EXPECT_EQ(s.items(2).conflicted_member_ids(0), "colturano");
  EXPECT_EQ(s.items(0).status(), v1::ITEM_STATUS_PROCLAIMED);
  EXPECT_EQ(s.items(3).status(), v1::ITEM_STATUS_DEFERRED);
  ASSERT_EQ(s.delegates_size(), 1) << show.out;
  EXPECT_TRUE(absl::StrContains(show.out, "assessore@dresano"));

  // A closed session takes no more items, delegates, conflicts or deferrals.
  CommandResult late = AsSecretary(
      {"session", "add-item",
       "--item={\"number\": 5, \"act_kind\": \"ACT_KIND_ORDINARY\", "
       "\"title\": \"Comunicazioni\"}"});
  EXPECT_EQ(late.exit_code, 1) << late.err;
  EXPECT_TRUE(absl::StrContains(late.err, "rejected (")) << late.err;
  for (std::vector<std::string> args :
       {std::vector<std::string>{"session", "delegate", "--member=carpiano",
                                 "--person=assessore@carpiano"},
        std::vector<std::string>{"session", "conflict", "--item=1",
                                 "--member=carpiano"},
        std::vector<std::string>{"session", "defer", "--item=1",
                                 "--reason=x"},
        std::vector<std::string>{"session", "close"}}) {
    CommandResult r = AsSecretary(args);
    EXPECT_EQ(r.exit_code, 1) << args[1] << ": " << r.err;
    EXPECT_TRUE(absl::StrContains(r.err, "rejected (")) << r.err;
  }
  CommandResult after = Cli(kSecretary, {"--json", "session", "show",
                                         kCliDistrict, kSession});
  EXPECT_EQ(ParseJson<v1::GetSessionResponse>(after.out).version(),
            ParseJson<v1::GetSessionResponse>(show.out).version());
  // Usage and connection errors.
  CommandResult missing = Cli(kSecretary, {"session", "defer", kCliDistrict,
                                           kBody, kSession, "--item=4"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(missing.err, "--reason is required"))
      << missing.err;
  EXPECT_EQ(Unreachable({"session", "close", kCliDistrict, kBody, kSession})
                .exit_code,
            3);
}

TEST_F(CliGovernanceLifecycleE2ETest, DeliberationsPublishedInterruptedRevokedAnnulled) {
  const absl::CivilDay day = SessionDay();
  const std::string p = "--proposal=p-exec";
  CommandResult publish = Cli(kSecretary, {"deliberation", "publish",
                                           kCliDistrict, kBody, p,
                                           "--first-day=" + Day(day + 1)});
  ASSERT_EQ(publish.exit_code, 0) << publish.err;
  auto deliberation = [&](const std::string& proposal, absl::CivilDay on) {
    CommandResult r = Cli(kSecretary, {"--json", "proposal", "show",
                                       kCliDistrict, "--proposal=" + proposal,
                                       "--on=" + Day(on)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJson<v1::GetDeliberationResponse>(r.out).deliberation();
  };
  const v1::Deliberation published = deliberation("p-exec", day + 1);
  EXPECT_EQ(published.adoption().session_id(), "s-lifecycle");
  EXPECT_EQ(published.executive_on().day(), day.day()) << "immediately";
  CommandResult interrupt = Cli(
      kSecretary, {"deliberation", "interrupt", kCliDistrict, kBody, p,
                   "--days=2", "--reason=albo online non disponibile"});
  ASSERT_EQ(interrupt.exit_code, 0) << interrupt.err;
  const v1::Deliberation interrupted = deliberation("p-exec", day + 1);
  EXPECT_EQ(interrupted.interrupted_days(), 2);
  EXPECT_EQ(absl::CivilDay(interrupted.albo_last_day().year(),
                           interrupted.albo_last_day().month(),
                           interrupted.albo_last_day().day()) -
                absl::CivilDay(published.albo_last_day().year(),
                               published.albo_last_day().month(),
                               published.albo_last_day().day()),
            2);
  // Not published: nothing to interrupt.
  CommandResult unpublished = Cli(
      kSecretary, {"deliberation", "interrupt", kCliDistrict, kBody,
                   "--proposal=p-later", "--days=1", "--reason=x"});
  EXPECT_EQ(unpublished.exit_code, 1) << unpublished.err;
  EXPECT_TRUE(absl::StrContains(unpublished.err, "rejected (")) << unpublished.err;

  // p-remedy revokes p-later (published) from the session's day + 90, and
  // p-later annuls p-remedy from the session's day; p-deferred, never
  // adopted, can annul nothing.
  CommandResult later = Cli(kSecretary, {"deliberation", "publish",
                                         kCliDistrict, kBody,
                                         "--proposal=p-later",
                                         "--first-day=" + Day(day + 1)});
  ASSERT_EQ(later.exit_code, 0) << later.err;
  CommandResult revoke = Cli(
      kSecretary, {"--json", "deliberation", "revoke", kCliDistrict, kBody,
                   "--proposal=p-later", "--by-proposal=p-remedy",
                   "--effective-from=" + Day(day + 90)});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  const v1::Deliberation revoked = deliberation("p-later", day + 90);
  EXPECT_EQ(revoked.status(), v1::DELIBERATION_STATUS_REVOKED);
  EXPECT_EQ(revoked.withdrawal().by_proposal_id(), "p-remedy");
  EXPECT_EQ(revoked.withdrawal().effective_from().day(), (day + 90).day());
  EXPECT_FALSE(revoked.withdrawal().annulment());
  EXPECT_FALSE(revoked.in_force_on_date());
  CommandResult annul = Cli(
      kSecretary, {"deliberation", "annul", kCliDistrict, kBody,
                   "--proposal=p-remedy", "--by-proposal=p-later",
                   "--effective-from=" + Day(day)});
  ASSERT_EQ(annul.exit_code, 0) << annul.err;
  const v1::Deliberation annulled = deliberation("p-remedy", day + 1);
  EXPECT_EQ(annulled.status(), v1::DELIBERATION_STATUS_ANNULLED);
  EXPECT_TRUE(annulled.withdrawal().annulment());
  EXPECT_FALSE(annulled.in_force_on_date());
  CommandResult by_unadopted = Cli(
      kSecretary, {"deliberation", "annul", kCliDistrict, kBody,
                   "--proposal=p-exec", "--by-proposal=p-deferred",
                   "--effective-from=" + Day(day)});
  EXPECT_EQ(by_unadopted.exit_code, 1) << by_unadopted.err;
  EXPECT_TRUE(absl::StrContains(by_unadopted.err, "rejected (")) << by_unadopted.err;
  EXPECT_TRUE(deliberation("p-exec", day + 1).in_force_on_date());
  EXPECT_EQ(Cli(kSecretary, {"deliberation", "revoke", kCliDistrict, kBody,
                             "--proposal=p-exec"})
                .exit_code,
            2);
  EXPECT_EQ(Unreachable({"deliberation", "annul", kCliDistrict, kBody,
                         "--proposal=p-exec", "--by-proposal=p-later",
                         "--effective-from=2026-01-01"})
                .exit_code,
            3);
}

TEST_F(CliGovernanceLifecycleE2ETest, AdmitChangeSharesAndWithdrawAMember) {
  const absl::CivilDay day = SessionDay();
  // Pieve Emanuele joins on 1 January 2025, taking 20‰ from the largest comune.
  std::map<std::string, int> with_vizzolo = Founders();
  auto largest = with_vizzolo.begin();
  for (auto it = with_vizzolo.begin(); it != with_vizzolo.end(); ++it) {
    if (it->second > largest->second) largest = it;
  }
  largest->second -= 20;
  with_vizzolo["pieve-emanuele"] = 20;
  CommandResult admit = Cli(
      kCliAdmin, {"--json", "member", "admit", kCliDistrict,
                  "--member=pieve-emanuele",
                  "--name=Comune di Pieve Emanuele", "--kind=comune",
                  "--effective-from=" + Day(day + 1),
                  "--shares=" + SharesJson(with_vizzolo), kAct});
  ASSERT_EQ(admit.exit_code, 0) << admit.err;
  EXPECT_GT(ParseJson<v1::AdmitMemberResponse>(admit.out).log_position(), 0u);
  EXPECT_EQ(Shares(Day(day)), Founders());
  EXPECT_EQ(Shares(Day(day + 1)), with_vizzolo);

  // Admitted twice: a rule rejects it and nothing is appended.
  CommandResult twice = Cli(
      kCliAdmin, {"member", "admit", kCliDistrict,
                  "--member=pieve-emanuele", "--name=Pieve Emanuele",
                  "--kind=comune", "--effective-from=" + Day(day + 2),
                  "--shares=" + SharesJson(with_vizzolo), kAct});
  EXPECT_EQ(twice.exit_code, 1) << twice.err;
  EXPECT_TRUE(absl::StrContains(twice.err, "rejected (")) << twice.err;
  // A missing flag: exit 2 before any call.
  CommandResult missing =
      Cli(kCliAdmin, {"member", "admit", kCliDistrict, "--member=x"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(missing.err, "--name is required"))
      << missing.err;
  EXPECT_EQ(Unreachable({"member", "withdraw", kCliDistrict, "--member=x",
                         "--effective-from=2027-01-01",
                         "--shares=" + SharesJson(Founders()), kAct})
                .exit_code,
            3);

  // The shares change from 2026: Pieve Emanuele gets 30‰.
  std::map<std::string, int> changed = with_vizzolo;
  changed["pieve-emanuele"] = 30;
  changed[largest->first] -= 10;
  CommandResult change = Cli(kCliAdmin, {"shares", "change", kCliDistrict,
                                         "--effective-from=" + Day(day + 60),
                                         "--shares=" + SharesJson(changed),
                                         kAct});
  ASSERT_EQ(change.exit_code, 0) << change.err;
  EXPECT_TRUE(absl::StrContains(change.out, "log_position: ")) << change.out;
  EXPECT_EQ(Shares(Day(day + 59)), with_vizzolo);
  EXPECT_EQ(Shares(Day(day + 60)), changed);
  // Shares that do not sum to 1000.
  std::map<std::string, int> wrong = changed;
  wrong["pieve-emanuele"] += 1;
  CommandResult bad = Cli(kCliAdmin, {"shares", "change", kCliDistrict,
                                      "--effective-from=" + Day(day + 70),
                                      "--shares=" + SharesJson(wrong), kAct});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_EQ(Shares(Day(day + 70)), changed);
  EXPECT_EQ(Cli(kCliAdmin, {"shares", "change", kCliDistrict,
                            "--effective-from=2026-06-01", kAct})
                .exit_code,
            2);
  EXPECT_EQ(Unreachable({"shares", "change", kCliDistrict,
                         "--effective-from=2026-06-01",
                         "--shares=" + SharesJson(Founders()), kAct})
                .exit_code,
            3);

  // Pieve Emanuele withdraws from 2027; its share goes back to the largest comune.
  std::map<std::string, int> after = changed;
  after.erase("pieve-emanuele");
  after[largest->first] += 30;
  EXPECT_EQ(after, Founders());
  CommandResult withdraw = Cli(kCliAdmin, {"--json", "member", "withdraw",
                                           kCliDistrict,
                                           "--member=pieve-emanuele",
                                           "--effective-from=" + Day(day + 120),
                                           "--shares=" + SharesJson(after),
                                           kAct});
  ASSERT_EQ(withdraw.exit_code, 0) << withdraw.err;
  EXPECT_EQ(Shares(Day(day + 120)), after);
  CommandResult show = Cli(kCliAdmin, {"--json", "consortium", "show",
                                       kCliDistrict, "--on=" + Day(day + 120)});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const auto consortium = ParseJson<v1::GetConsortiumResponse>(show.out);
  ASSERT_GT(consortium.consortium().members_size(), 0) << show.out;
  for (const auto& m : consortium.consortium().members()) {
    EXPECT_NE(m.member_id(), "pieve-emanuele") << show.out;
  }
}

TEST_F(CliGovernanceLifecycleE2ETest, MergerOfTwoComuni) {
  const absl::CivilDay day = SessionDay();
  // Not a member: exit 1 with the reason.
  CommandResult unknown = Cli(
      kCliAdmin, {"member", "succession", kCliDistrict,
                  "--predecessors=atlantide,dresano",
                  "--successor=nuovo-comune", "--successor-name=Nuovo",
                  "--effective-from=" + Day(day + 200)});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.err;
  EXPECT_TRUE(absl::StrContains(unknown.err, "rejected (")) << unknown.err;
  EXPECT_EQ(Cli(kCliAdmin, {"member", "succession", kCliDistrict,
                            "--predecessors=carpiano,dresano"})
                .exit_code,
            2);

  CommandResult merge = Cli(
      kCliAdmin, {"--json", "member", "succession", kCliDistrict,
                  "--predecessors=carpiano,dresano",
                  "--successor=carpiano-dresano",
                  "--successor-name=Comune di Carpiano Dresano",
                  "--successor-kind=comune", "--effective-from=" + Day(day + 200)});
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  const std::map<std::string, int> before = Shares(Day(day + 199));
  const std::map<std::string, int> merged = Shares(Day(day + 200));
  ASSERT_TRUE(before.count("carpiano") && before.count("dresano"));
  EXPECT_EQ(merged.count("carpiano"), 0u);
  EXPECT_EQ(merged.count("dresano"), 0u);
  ASSERT_EQ(merged.count("carpiano-dresano"), 1u);
  EXPECT_EQ(merged.at("carpiano-dresano"),
            before.at("carpiano") + before.at("dresano"));
}

TEST_F(CliGovernanceLifecycleE2ETest, ANewStatuteAndARevokedDesignation) {
  const absl::CivilDay day = SessionDay();
  v1::Statute statute = testing::DistrictRegistration("x").statute();
  const std::string path = WriteFile("statute.json", ToJson(statute));
  CommandResult adopt = Cli(kCliAdmin, {"--json", "consortium",
                                        "adopt-statute", kCliDistrict,
                                        "--statute=@" + path,
                                        "--effective-from=" + Day(day + 10), kAct});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.err;
  const uint64_t adopted =
      ParseJson<v1::AdoptStatuteResponse>(adopt.out).log_position();
  CommandResult old_one = Cli(kCliAdmin, {"--json", "consortium", "statute",
                                          kCliDistrict, "--on=" + Day(day + 9)});
  ASSERT_EQ(old_one.exit_code, 0) << old_one.err;
  CommandResult new_one = Cli(kCliAdmin, {"--json", "consortium", "statute",
                                          kCliDistrict, "--on=" + Day(day + 10)});
  ASSERT_EQ(new_one.exit_code, 0) << new_one.err;
  EXPECT_EQ(ParseJson<v1::GetStatuteResponse>(old_one.out).statute_version() + 1,
            ParseJson<v1::GetStatuteResponse>(new_one.out).statute_version())
      << old_one.out << "\n" << new_one.out;
  EXPECT_GE(ParseJson<v1::GetStatuteResponse>(new_one.out).log_position(),
            adopted);
  EXPECT_EQ(Cli(kCliAdmin, {"consortium", "adopt-statute", kCliDistrict,
                            "--effective-from=" + Day(day + 10), kAct})
                .exit_code,
            2);
  EXPECT_EQ(Unreachable({"consortium", "adopt-statute", kCliDistrict,
                         "--statute=@" + path, "--effective-from=" + Day(day + 10),
                         kAct})
                .exit_code,
            3);

  // A body with two designations; one is revoked from 1 June 2026.
  ASSERT_EQ(Cli(kCliAdmin, {"body", "create", kCliDistrict, "--body=tavolo",
                            "--kind=tavolo-tecnico",
                            "--name=Tavolo Anziani"})
                .exit_code,
            0);
  for (const char* m : {"melegnano", "colturano"}) {
    CommandResult d = Cli(
        kCliAdmin, {"body", "designate", kCliDistrict, "--body=tavolo",
                    std::string("--member=") + m,
                    absl::StrCat("--person=sindaco@", m), "--voting=true",
                    "--effective-from=2026-01-01"});
    ASSERT_EQ(d.exit_code, 0) << d.err;
  }
  CommandResult revoke = Cli(kCliAdmin, {"body", "revoke", kCliDistrict,
                                         "--body=tavolo", "--member=colturano",
                                         "--person=sindaco@colturano",
                                         "--effective-from=2026-06-01"});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  auto sitting = [&](const std::string& on) {
    CommandResult r = Cli(kCliAdmin, {"--json", "body", "show", kCliDistrict,
                                      "--body=tavolo", "--on=" + on});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJson<v1::GetBodyResponse>(r.out).designations_size();
  };
  EXPECT_EQ(sitting("2026-05-31"), 2);
  EXPECT_EQ(sitting("2026-06-01"), 1);
  // Revoked again: nobody sits there any more.
  CommandResult again = Cli(kCliAdmin, {"body", "revoke", kCliDistrict,
                                        "--body=tavolo", "--member=colturano",
                                        "--person=sindaco@colturano",
                                        "--effective-from=2026-07-01"});
  EXPECT_EQ(again.exit_code, 1) << again.err;
  EXPECT_TRUE(absl::StrContains(again.err, "rejected (")) << again.err;
  EXPECT_EQ(Cli(kCliAdmin, {"body", "revoke", kCliDistrict, "--body=tavolo"})
                .exit_code,
            2);
  EXPECT_EQ(Unreachable({"body", "revoke", kCliDistrict, "--body=tavolo",
                         "--person=x", "--effective-from=2026-07-01"})
                .exit_code,
            3);
}

TEST_F(CliGovernanceLifecycleE2ETest, APianoDiZonaAdoptedAndUpdated) {
  const absl::CivilDay day = SessionDay();
  const std::string first = absl::StrCat(day.year());
  const std::string prog = "--programme=pdz-lifecycle";
  CommandResult draft = Cli(
      kUfficio, {"programme", "draft", kCliDistrict, prog,
                 "--kind=piano-di-zona", "--title=Piano di Zona",
                 "--first-year=" + first,
                 "--last-year=" + absl::StrCat(day.year() + 2)});
  ASSERT_EQ(draft.exit_code, 0) << draft.err;
  auto item = [&](const std::string& id, int cents) {
    return absl::StrCat("{\"item_id\": \"", id, "\", \"title\": \"", id,
                        "\", \"year\": ", first,
                        ", \"category\": \"sociale\", "
                        "\"amount_cents\": ", cents, "}");
  };
  for (const char* id : {"sad", "adi"}) {
    CommandResult add = Cli(kUfficio, {"programme", "item", kCliDistrict, prog,
                                       "--item=" + item(id, 10000000)});
    ASSERT_EQ(add.exit_code, 0) << add.err;
  }
  // Adopted by p-exec, executive on the session's day.
  CommandResult adopt = Cli(kSecretary, {"--json", "programme", "adopt",
                                         kCliDistrict, kBody, prog,
                                         "--proposal=p-exec",
                                         "--effective-from=" + Day(day)});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.err;
  EXPECT_GT(ParseJson<v1::AdoptProgrammeResponse>(adopt.out).log_position(),
            0u);
  auto show = [&](absl::CivilDay on) {
    CommandResult r = Cli(kCliAdmin, {"--json", "programme", "show",
                                      kCliDistrict, prog, "--on=" + Day(on)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJson<v1::GetProgrammeResponse>(r.out).programme();
  };
  EXPECT_FALSE(show(day - 1).adopted_on_date());
  const v1::Programme adopted = show(day);
  EXPECT_TRUE(adopted.adopted_on_date());
  EXPECT_EQ(adopted.items_on_date_size(), 2);
  EXPECT_EQ(adopted.total_on_date_cents(), 20000000);
  // A deliberation that is not executive cannot adopt the update.
  CommandResult not_executive = Cli(
      kSecretary, {"programme", "update", kCliDistrict, kBody, prog,
                   "--proposal=p-later", "--effective-from=" + Day(day + 30),
                   "--removed-items=adi"});
  EXPECT_EQ(not_executive.exit_code, 1) << not_executive.err;
  EXPECT_TRUE(absl::StrContains(not_executive.err, "rejected ("))
      << not_executive.err;
  // The update by p-exec: ADI removed, SAD's amount raised.
  CommandResult update = Cli(
      kSecretary, {"programme", "update", kCliDistrict, kBody, prog,
                   "--proposal=p-exec", "--effective-from=" + Day(day + 30),
                   "--items=[" + item("sad", 15000000) + "]",
                   "--removed-items=adi"});
  ASSERT_EQ(update.exit_code, 0) << update.err;
  EXPECT_EQ(show(day + 29).total_on_date_cents(), 20000000);
  const v1::Programme updated = show(day + 30);
  ASSERT_EQ(updated.items_on_date_size(), 1);
  EXPECT_EQ(updated.items_on_date(0).item_id(), "sad");
  EXPECT_EQ(updated.total_on_date_cents(), 15000000);
  EXPECT_EQ(Cli(kSecretary, {"programme", "adopt", kCliDistrict, kBody, prog})
                .exit_code,
            2);
  EXPECT_EQ(Unreachable({"programme", "update", kCliDistrict, kBody, prog,
                         "--proposal=p-exec"})
                .exit_code,
            3);
}

}  // namespace
}  // namespace concordia
