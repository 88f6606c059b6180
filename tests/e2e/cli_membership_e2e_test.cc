// The concordia CLI's membership commands against a real server process:
// authorised by the immediately executable deliberation of
// testing::CliAssembleaTest's session, a member admitted and later
// withdrawn with its share tables, the shares changed, a new statute; a
// merger of comuni and a revoked designation. Each effect is checked by a
// follow-up read (--json parsed, on dates), with rule rejections (exit 1 and
// the reason code), missing flags (exit 2) and an unreachable server
// (exit 3) per noun.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "concordia/v1/consortium_service.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_assemblea_test.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::Day;
using testing::kAct;
using testing::kBody;
using testing::kCliAdmin;
using testing::kCliDistrict;
using testing::kSecretary;
using testing::kSession;
using testing::kUfficio;

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


class CliMembershipE2ETest : public testing::CliAssembleaTest {
 protected:
  static std::map<std::string, int> Shares(const std::string& on) {
    CommandResult r = Cli(kCliAdmin, {"--json", "consortium", "shares",
                                      kCliDistrict, "--on=" + on});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return SharesOn(ParseJson<v1::GetSharesResponse>(r.out));
  }
};

TEST_F(CliMembershipE2ETest, AdmitChangeSharesAndWithdrawAMember) {
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
  ExpectRejected(twice, "ALREADY_EXISTS");
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
  ExpectRejected(bad, "SHARES_DO_NOT_SUM_TO_1000");
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

TEST_F(CliMembershipE2ETest, MergerOfTwoComuni) {
  const absl::CivilDay day = SessionDay();
  // Not a member: exit 1 with the reason.
  CommandResult unknown = Cli(
      kCliAdmin, {"member", "succession", kCliDistrict,
                  "--predecessors=atlantide,dresano",
                  "--successor=nuovo-comune", "--successor-name=Nuovo",
                  "--effective-from=" + Day(day + 200)});
  ExpectRejected(unknown, "NOT_A_MEMBER");
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

TEST_F(CliMembershipE2ETest, ANewStatuteAndARevokedDesignation) {
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
  ExpectRejected(again, "INVALID_STATE_TRANSITION");
  EXPECT_EQ(Cli(kCliAdmin, {"body", "revoke", kCliDistrict, "--body=tavolo"})
                .exit_code,
            2);
  EXPECT_EQ(Unreachable({"body", "revoke", kCliDistrict, "--body=tavolo",
                         "--person=x", "--effective-from=2026-07-01"})
                .exit_code,
            3);
}


}  // namespace
}  // namespace concordia
