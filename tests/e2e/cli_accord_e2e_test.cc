// The concordia CLI's accord commands against a real server process: an
// accordo di programma drafted, approved and signed by its parties, approved
// by decree, published in the BURL (in force from then, not before) and
// joined by a third-sector adherent; a convenzione in force then amended,
// renewed, dissolved, a party's withdrawal and non-renewal — each checked by
// `accord show --json`, with rule rejections (exit 1 and the reason code), a
// missing flag (exit 2) and an unreachable server (exit 3).
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "concordia/v1/accord_service.pb.h"
#include "engine/calendar/calendar.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_server_test.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::kCliAdmin;
using testing::kCliDistrict;

constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }
std::string DateJson(absl::CivilDay d) {
  return absl::StrCat("{\"year\": ", d.year(), ", \"month\": ", d.month(),
                      ", \"day\": ", d.day(), "}");
}
std::string Parties() {
  return "--parties=[{\"party_id\": \"melegnano\", \"name\": \"Comune di "
         "Melegnano\", \"role\": \"PARTY_ROLE_PUBLIC_PARTY\", \"kind\": "
         "\"MEMBER_KIND_COMUNE\"}, {\"party_id\": \"dresano\", \"name\": "
         "\"Comune di Dresano\", \"role\": \"PARTY_ROLE_PUBLIC_PARTY\", "
         "\"kind\": \"MEMBER_KIND_COMUNE\"}]";
}
// A council deliberation outside Concordia, executive on `executive`.
std::string Act(const std::string& body, absl::CivilDay executive) {
  return absl::StrCat("{\"deliberation\": {\"body\": \"", body,
                      "\", \"number\": \"7\", \"date\": ",
                      DateJson(executive - 11), "}, \"declared_executive_on\": ",
                      DateJson(executive), "}");
}

class CliAccordE2ETest : public testing::CliServerTest {
 protected:
  static void SetUpTestSuite() {
    CliServerTest::SetUpTestSuite();
    Grant(kUfficio, "ufficio-di-piano");
    for (const char* m : {"melegnano", "dresano"}) {
      Grant(absl::StrCat("sindaco@", m), "member-delegate", m);
    }
    ASSERT_EQ(Cli(kCliAdmin, {"body", "create", kCliDistrict,
                              "--body=tavolo-aderenti",
                              "--kind=tavolo-aderenti",
                              "--name=Tavolo degli Aderenti"})
                  .exit_code,
              0);
  }

  static CommandResult Accord(const std::string& as, const std::string& id,
                              std::vector<std::string> args) {
    args.insert(args.begin() + 2, {kCliDistrict, "--accord=" + id});
    return Cli(as, args);
  }
  static v1::Accord Show(const std::string& id, absl::CivilDay on) {
    CommandResult r =
        Accord(kCliAdmin, id, {"--json", "accord", "show", "--on=" + Day(on)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJson<v1::GetAccordResponse>(r.out).accord();
  }
  // Both parties approve (acts executive `executive`) and sign that day.
  static void ApproveAndSign(const std::string& id, absl::CivilDay executive,
                             int instrument = 0) {
    const std::string n = absl::StrCat("--instrument=", instrument);
    for (const char* m : {"melegnano", "dresano"}) {
      CommandResult a = Accord(
          absl::StrCat("sindaco@", m), id,
          {"accord", "approve", n, absl::StrCat("--party=", m),
           "--act=" + Act(absl::StrCat("Consiglio comunale di ", m),
                          executive)});
      ASSERT_EQ(a.exit_code, 0) << m << ": " << a.err;
    }
    const std::string at = absl::FormatTime(
        "%Y-%m-%dT11:00:00%Ez", testing::RomeTime(executive, 11),
        calendar::Rome());
    for (const char* m : {"melegnano", "dresano"}) {
      CommandResult s = Accord(
          absl::StrCat("sindaco@", m), id,
          {"--json", "accord", "sign", n, absl::StrCat("--party=", m),
           "--signature={\"type\": \"SIGNATURE_TYPE_QUALIFIED_ELECTRONIC\", "
           "\"signed_at\": \"" + at + "\"}"});
      ASSERT_EQ(s.exit_code, 0) << m << ": " << s.err;
    }
  }
};

TEST_F(CliAccordE2ETest, AnAccordoDiProgrammaFromDraftToTheBulletin) {
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), calendar::Rome());
  const absl::CivilDay executive = today - 20;
  CommandResult draft = Accord(
      kUfficio, "adp-cli",
      {"--json", "accord", "draft", "--kind=accordo-di-programma",
       "--title=Accordo di programma Piano di Zona",
       "--object=Attuazione del Piano di Zona", Parties(),
       "--term={\"ends_on\": " + DateJson(absl::CivilDay(2030, 12, 31)) + "}"});
  ASSERT_EQ(draft.exit_code, 0) << draft.err;
  EXPECT_GT(ParseJson<v1::DraftAccordResponse>(draft.out).log_position(), 0u);
  // The decree before the signatures: rejected.
  CommandResult early = Accord(
      kUfficio, "adp-cli",
      {"accord", "approval-act",
       "--act=" + Act("Decreto del Presidente della Regione", executive)});
  ExpectRejected(early, "MISSING_SIGNATURE");
  ApproveAndSign("adp-cli", executive);
  CommandResult decree = Accord(
      kUfficio, "adp-cli",
      {"accord", "approval-act",
       "--act=" + Act("Decreto del Presidente della Regione", executive + 5)});
  ASSERT_EQ(decree.exit_code, 0) << decree.err;
  CommandResult publish = Accord(
      kUfficio, "adp-cli",
      {"accord", "publish", "--bulletin=BURL",
       "--issue=Serie Ordinaria n. 12", "--published-on=" + Day(today - 10)});
  ASSERT_EQ(publish.exit_code, 0) << publish.err;
  EXPECT_TRUE(absl::StrContains(publish.out, "log_position: ")) << publish.out;
  const v1::Accord before = Show("adp-cli", today - 11);
  const v1::Accord after = Show("adp-cli", today - 10);
  // In force from its publication in the BURL, not the day before.
  EXPECT_FALSE(before.in_force_on_date());
  EXPECT_TRUE(after.in_force_on_date());
  EXPECT_EQ(after.stage(), v1::ACCORD_STAGE_IN_FORCE);
  EXPECT_EQ(after.in_force_from().day(), (today - 10).day());
  ASSERT_EQ(after.instruments_size(), 1);
  EXPECT_EQ(after.instruments(0).signatures_size(), 2);
  EXPECT_TRUE(after.instruments(0).has_approval_act());
  EXPECT_EQ(after.instruments(0).publication().issue(), "Serie Ordinaria n. 12");
  // Published twice: rejected.
  CommandResult twice = Accord(
      kUfficio, "adp-cli",
      {"accord", "publish", "--bulletin=BURL", "--issue=n. 13",
       "--published-on=" + Day(today - 9)});
  ExpectRejected(twice, "ALREADY_EXISTS");
  CommandResult adhere = Accord(
      kUfficio, "adp-cli",
      {"accord", "adhere",
       "--adherent={\"party_id\": \"coop-arcobaleno\", \"name\": \"Cooperativa "
       "Arcobaleno\", \"role\": \"PARTY_ROLE_THIRD_SECTOR_ADHERENT\", "
       "\"kind\": \"MEMBER_KIND_TERZO_SETTORE\"}",
       "--signature={\"signer\": \"presidente@arcobaleno\", \"type\": "
       "\"SIGNATURE_TYPE_QUALIFIED_ELECTRONIC\", \"signed_at\": \"" +
           absl::FormatTime("%Y-%m-%dT09:00:00%Ez", testing::RomeTime(today - 2, 9), calendar::Rome()) + "\"}",
       "--tavolo-body=tavolo-aderenti", "--representative=presidente@arcobaleno",
       "--joined-on=" + Day(today - 2)});
  ASSERT_EQ(adhere.exit_code, 0) << adhere.err;
  const v1::Accord joined = Show("adp-cli", today);
  bool adherent = false;
  for (const auto& p : joined.parties()) {
    if (p.party().party_id() == "coop-arcobaleno") {
      adherent = p.active_on_date() && p.has_adhesion();
    }
  }
  EXPECT_TRUE(adherent) << joined.DebugString();
  // Usage and connection errors.
  CommandResult missing = Accord(kUfficio, "adp-cli",
                                 {"accord", "adhere",
                                  "--tavolo-body=tavolo-aderenti"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(missing.err, "is required")) << missing.err;
  EXPECT_EQ(Unreachable({"accord", "approval-act", kCliDistrict,
                         "--accord=adp-cli",
                         "--act=" + Act("Decreto", executive)})
                .exit_code,
            3);
}

TEST_F(CliAccordE2ETest, AConvenzioneAmendedRenewedDissolvedAndLeft) {
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), calendar::Rome());
  const absl::CivilDay executive = today - 30;
  CommandResult draft = Accord(
      kUfficio, "conv-cli",
      {"accord", "draft", "--kind=convenzione",
       "--title=Convenzione servizi sociali",
       "--object=Gestione associata dei servizi sociali", Parties(),
       "--term={\"ends_on\": " + DateJson(absl::CivilDay(2030, 12, 31)) + "}",
       "--renewal={\"kind\": \"RENEWAL_KIND_TACIT\", \"renewal_months\": 36}"});
  ASSERT_EQ(draft.exit_code, 0) << draft.err;
  ApproveAndSign("conv-cli", executive);
  ASSERT_TRUE(Show("conv-cli", today).in_force_on_date());

  // An amendment, approved and signed again by both parties.
  CommandResult amend = Accord(kUfficio, "conv-cli",
                               {"--json", "accord", "amend",
                                "--summary=Art. 5: budget 2027"});
  ASSERT_EQ(amend.exit_code, 0) << amend.err;
  // One change at a time: the dissolution waits for the amendment.
  ExpectRejected(Accord(kUfficio, "conv-cli",
                        {"accord", "dissolve", "--summary=Scioglimento",
                         "--dissolves-on=2029-12-31"}),
                 "INVALID_STATE_TRANSITION");
  ApproveAndSign("conv-cli", today - 1, 1);
  const v1::Accord amended = Show("conv-cli", today);
  ASSERT_EQ(amended.instruments_size(), 2) << amended.DebugString();
  EXPECT_EQ(amended.amendments_size(), 1) << amended.DebugString();
  EXPECT_TRUE(amended.in_force_on_date());

  CommandResult renew = Accord(kUfficio, "conv-cli",
                               {"accord", "renew", "--summary=Rinnovo",
                                "--new-ends-on=2033-12-31"});
  ASSERT_EQ(renew.exit_code, 0) << renew.err;
  EXPECT_EQ(Show("conv-cli", today).instruments_size(), 3);
  ExpectRejected(Accord(kUfficio, "conv-cli",
                        {"accord", "dissolve", "--summary=Scioglimento",
                         "--dissolves-on=2029-12-31"}),
                 "INVALID_STATE_TRANSITION");

  // Dresano withdraws, Melegnano refuses the tacit renewal.
  CommandResult withdraw = Accord(
      "sindaco@dresano", "conv-cli",
      {"accord", "withdraw", "--party=dresano",
       "--act=" + Act("Consiglio comunale di Dresano", today - 1),
       "--notified-on=" + Day(today)});
  ASSERT_EQ(withdraw.exit_code, 0) << withdraw.err;
  CommandResult non = Accord(
      "sindaco@melegnano", "conv-cli",
      {"--json", "accord", "non-renewal", "--party=melegnano",
       "--act=" + Act("Giunta comunale di Melegnano", today - 1)});
  ASSERT_EQ(non.exit_code, 0) << non.err;
  const v1::Accord left = Show("conv-cli", today);
  for (const auto& p : left.parties()) {
    if (p.party().party_id() == "dresano") {
      EXPECT_TRUE(p.has_withdrawal_notice()) << left.DebugString();
    }
    if (p.party().party_id() == "melegnano") {
      EXPECT_TRUE(p.has_non_renewal()) << left.DebugString();
    }
  }
  // Another comune's delegate may not withdraw Dresano (exit 3).
  EXPECT_EQ(Accord("sindaco@melegnano", "conv-cli",
                   {"accord", "withdraw", "--party=dresano",
                    "--act=" + Act("Consiglio", today - 1)})
                .exit_code,
            3);
  EXPECT_EQ(Accord(kUfficio, "conv-cli", {"accord", "renew",
                                          "--summary=Rinnovo"})
                .exit_code,
            2);
  for (std::vector<std::string> args :
       {std::vector<std::string>{"amend", "--summary=x"},
        std::vector<std::string>{"renew", "--summary=x",
                                 "--new-ends-on=2033-12-31"},
        std::vector<std::string>{"dissolve", "--summary=x",
                                 "--dissolves-on=2029-12-31"}}) {
    args.insert(args.begin(), "accord");
    args.insert(args.begin() + 2, {kCliDistrict, "--accord=conv-cli"});
    EXPECT_EQ(Unreachable(args).exit_code, 3) << args[1];
  }
  EXPECT_EQ(Unreachable({"accord", "non-renewal", kCliDistrict,
                         "--accord=conv-cli", "--party=melegnano",
                         "--act=" + Act("Giunta", today - 1)})
                .exit_code,
            3);
}

}  // namespace
}  // namespace concordia
