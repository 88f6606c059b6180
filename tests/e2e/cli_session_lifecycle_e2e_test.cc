// The concordia CLI's session, deliberation and programme commands against
// a real server process (the session of testing::CliAssembleaTest: agenda
// items added, a session delegate, a conflict of interest, votes, an
// immediately executable item, a deferral, the closure); the deliberations
// published, the albo interrupted, one revoked and one annulled; a Piano di
// Zona adopted by the executive deliberation and updated. Each effect is
// checked by a follow-up read (--json parsed, on dates), with rule
// rejections (exit 1 and the reason code), missing flags (exit 2) and an
// unreachable server (exit 3) per noun.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "concordia/v1/deliberation_service.pb.h"
#include "concordia/v1/programme_service.pb.h"
#include "concordia/v1/session_service.pb.h"
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

class CliSessionLifecycleE2ETest : public testing::CliAssembleaTest {};

TEST_F(CliSessionLifecycleE2ETest, ASessionFromAgendaToClosure) {
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
  ExpectRejected(late, "SESSION_CLOSED");
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
    EXPECT_TRUE(absl::StrContains(r.err, "rejected (SESSION_CLOSED)"))
        << args[1] << ": " << r.err;
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

TEST_F(CliSessionLifecycleE2ETest, DeliberationsPublishedInterruptedRevokedAnnulled) {
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
  ExpectRejected(unpublished, "NOT_PUBLISHED");

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
  ExpectRejected(by_unadopted, "INVALID_STATE_TRANSITION");
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

TEST_F(CliSessionLifecycleE2ETest, APianoDiZonaAdoptedAndUpdated) {
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
  ExpectRejected(not_executive, "DELIBERATION_NOT_EXECUTIVE");
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
