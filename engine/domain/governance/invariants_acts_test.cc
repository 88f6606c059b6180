// Invariants 1-4 and 13-20 (the log, deliberations, statute, shares) as
// given / when / then.
#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/domain/core/reasons.h"
#include "engine/domain/governance/testing/district.h"
#include "engine/log/record_codec.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using testing::District;
using testing::Rome;

const v1::VoteChoice kYes = v1::VOTE_CHOICE_IN_FAVOUR;
const std::vector<std::string> kFive = {"san-giuliano-milanese",
                                        "san-donato-milanese", "melegnano",
                                        "cerro-al-lambro", "dresano"};

// Adopts `proposal` (already drafted) in a session on `day`; returns its
// number.
int Adopt(District& d, const std::string& proposal, absl::CivilDay day,
          const std::string& reason = "") {
  const std::string session = absl::StrCat("s-", proposal);
  auto convened = d.ConveneAssemblea(session, day, {proposal});
  EXPECT_TRUE(convened.ok()) << convened.status();
  d.clock.AdvanceTo(
      Rome(static_cast<int>(day.year()), day.month(), day.day(), 10));
  EXPECT_TRUE(
      d.governance.RecordAttendance(d.Ctx(), d.id, session, kFive, {}).ok());
  std::vector<std::pair<std::string, v1::VoteChoice>> yes;
  for (const std::string& m : kFive) yes.push_back({m, kYes});
  EXPECT_TRUE(d.Vote(session, 1, yes).ok());
  int number = 0;
  auto r = d.governance.Proclaim(d.Ctx(), d.id, session, 1, reason, &number);
  EXPECT_TRUE(r.ok()) << r.status();
  return number;
}

// Adopts, publishes the next day, and makes it executive when due.
void AdoptExecutive(District& d, const std::string& proposal,
                    absl::CivilDay day) {
  d.DraftReady(proposal);
  Adopt(d, proposal, day);
  ASSERT_TRUE(d.governance.Publish(d.Ctx(), d.id, proposal, day + 1).ok());
  const absl::CivilDay due = day + 1 + 11;
  d.clock.AdvanceTo(
      Rome(static_cast<int>(due.year()), due.month(), due.day(), 0));
  ASSERT_TRUE(d.governance.MakeExecutive(d.Ctx(), d.id, proposal, due).ok());
}

uint64_t Last(District& d) { return d.log.log->LastPosition(); }

TEST(Invariant1And2Test, EventsAreNeverChangedAndRejectionsAppendNothing) {
  District d;
  d.Register();
  d.DraftReady("p");
  Adopt(d, "p", absl::CivilDay(2026, 3, 9));
  auto adopted = d.log.log->ReadStream(
      deliberation::DeliberationStream(d.id, "p"), 1, 100);
  const std::string before = (*d.log.log->ReadRaw(adopted->back().position, 1))[0];
  // A correction is a new event that references the corrected act.
  d.DraftReady("revoca");
  Adopt(d, "revoca", absl::CivilDay(2026, 3, 16));
  ASSERT_TRUE(d.governance
                  .Withdraw(d.Ctx(), d.id, "p", "revoca", false,
                            absl::CivilDay(2026, 3, 17))
                  .ok());
  EXPECT_EQ((*d.log.log->ReadRaw(adopted->back().position, 1))[0], before);
  auto history = d.log.log->ReadStream(
      deliberation::DeliberationStream(d.id, "p"), 1, 100);
  EXPECT_EQ(history->back().type, "concordia.v1.DeliberationWithdrawn");
  // A rejected command appends nothing and says why.
  const uint64_t last = Last(d);
  auto rejected = d.governance.Withdraw(d.Ctx(), d.id, "p", "revoca", false,
                                        absl::CivilDay(2026, 3, 18));
  EXPECT_EQ(rejected.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(rejected.status()), reasons::kInvalidStateTransition);
  EXPECT_EQ(Last(d), last);
  EXPECT_TRUE(d.log.log->Verify(nullptr).ok());
}

TEST(Invariant4Test, EveryEventRecordsItsPrincipalAndBothTimes) {
  District d;
  d.Register();
  d.DraftReady("p");
  Adopt(d, "p", absl::CivilDay(2026, 3, 9));
  auto all = d.log.log->ReadAll(1, 10000, log::RecordFilter{}, 0, nullptr);
  ASSERT_GT(all->size(), 20u);
  for (const log::Record& r : *all) {
    EXPECT_FALSE(r.metadata.principal.empty()) << r.position;
    EXPECT_FALSE(r.metadata.command_id.empty()) << r.position;
    EXPECT_GE(r.recorded_at, Rome(2026, 2, 16, 9)) << r.position;
    EXPECT_NE(r.metadata.effective_time, absl::InfinitePast()) << r.position;
  }
  // Votes are recorded with the voter as principal.
  auto session = d.log.log->ReadStream(session::SessionStream(d.id, "s-p"), 1,
                                       100);
  bool saw_vote = false;
  for (const log::Record& r : *session) {
    if (r.type == "concordia.v1.VoteCast") {
      saw_vote = true;
      EXPECT_EQ(r.metadata.principal.rfind("sindaco@", 0), 0u);
    }
  }
  EXPECT_TRUE(saw_vote);
}

TEST(Invariant13Test, OpinionsBeforeTheAgendaAndReasonsAgainstThem) {
  District d;
  d.Register();
  deliberation::DraftProposal p{d.id,  "bare", "assemblea",
                                v1::ACT_KIND_ORDINARY, "No opinion", false,
                                false, false};
  ASSERT_TRUE(d.governance.DraftProposal(d.Ctx(), p).ok());
  EXPECT_EQ(ErrorReason(d.ConveneAssemblea("s", absl::CivilDay(2026, 3, 9),
                                           {"bare"})
                            .status()),
            reasons::kMissingOpinion);
  // With financial effects the accounting opinion is needed too.
  deliberation::DraftProposal money = p;
  money.proposal_id = "money";
  money.financial_effects = true;
  ASSERT_TRUE(d.governance.DraftProposal(d.Ctx(), money).ok());
  ASSERT_TRUE(d.governance
                  .GiveOpinion(d.Ctx(), d.id, "money",
                               {v1::OPINION_KIND_TECHNICAL, true, "r", ""})
                  .ok());
  EXPECT_EQ(ErrorReason(d.ConveneAssemblea("s", absl::CivilDay(2026, 3, 9),
                                           {"money"})
                            .status()),
            reasons::kMissingOpinion);
  // A negative accounting opinion: adoption needs a stated reason.
  ASSERT_TRUE(d.governance
                  .GiveOpinion(d.Ctx(), d.id, "money",
                               {v1::OPINION_KIND_ACCOUNTING, false, "rag", "no"})
                  .ok());
  ASSERT_TRUE(d.ConveneAssemblea("s", absl::CivilDay(2026, 3, 9), {"money"}).ok());
  d.clock.AdvanceTo(Rome(2026, 3, 9, 10));
  ASSERT_TRUE(d.governance.RecordAttendance(d.Ctx(), d.id, "s", kFive, {}).ok());
  std::vector<std::pair<std::string, v1::VoteChoice>> yes;
  for (const std::string& m : kFive) yes.push_back({m, kYes});
  ASSERT_TRUE(d.Vote("s", 1, yes).ok());
  EXPECT_EQ(ErrorReason(d.governance.Proclaim(d.Ctx(), d.id, "s", 1, "").status()),
            reasons::kReasonRequired);
  EXPECT_TRUE(d.governance
                  .Proclaim(d.Ctx(), d.id, "s", 1,
                            "the expense is covered by the regional fund")
                  .ok());
}

TEST(Invariant14Test, NumbersPerBodyPerYearGaplessNeverReused) {
  District d;
  d.Register();
  for (int i = 1; i <= 3; ++i) d.DraftReady(absl::StrCat("p", i));
  EXPECT_EQ(Adopt(d, "p1", absl::CivilDay(2026, 3, 9)), 1);
  EXPECT_EQ(Adopt(d, "p2", absl::CivilDay(2026, 3, 16)), 2);
  // Retrying the same proclamation keeps the number and assigns no other.
  int again = 0;
  EXPECT_EQ(d.governance.Proclaim(d.Ctx(), d.id, "s-p3", 1, "").status().code(),
            absl::StatusCode::kNotFound);  // no such session yet
  d.clock.AdvanceTo(Rome(2026, 3, 20));
  ASSERT_TRUE(d.ConveneAssemblea("s-p3", absl::CivilDay(2026, 3, 30), {"p3"}).ok());
  d.clock.AdvanceTo(Rome(2026, 3, 30, 10));
  ASSERT_TRUE(d.governance.RecordAttendance(d.Ctx(), d.id, "s-p3", kFive, {}).ok());
  std::vector<std::pair<std::string, v1::VoteChoice>> yes;
  for (const std::string& m : kFive) yes.push_back({m, kYes});
  ASSERT_TRUE(d.Vote("s-p3", 1, yes).ok());
  CommandContext proclaim = d.Ctx();
  ASSERT_TRUE(d.governance.Proclaim(proclaim, d.id, "s-p3", 1, "", &again).ok());
  int twice = 0;
  ASSERT_TRUE(d.governance.Proclaim(proclaim, d.id, "s-p3", 1, "", &twice).ok());
  EXPECT_EQ(again, 3);
  EXPECT_EQ(twice, 3);
  auto reg = d.log.log->ReadStream(
      deliberation::RegisterStream(d.id, "assemblea", 2026), 1, 100);
  ASSERT_EQ(reg->size(), 3u);
  // A new year starts again from 1.
  d.DraftReady("p2027");
  EXPECT_EQ(Adopt(d, "p2027", absl::CivilDay(2027, 1, 11)), 1);
}

TEST(Invariant14Test, AProposalOnTwoAgendasIsNumberedOnce) {
  District d;
  d.Register();
  d.DraftReady("p1");
  // Placed on two sessions while undecided (the second convened before the
  // first voted).
  ASSERT_TRUE(d.ConveneAssemblea("s-a", absl::CivilDay(2026, 3, 9), {"p1"}).ok());
  ASSERT_TRUE(d.ConveneAssemblea("s-b", absl::CivilDay(2026, 3, 16), {"p1"}).ok());
  std::vector<std::pair<std::string, v1::VoteChoice>> yes;
  for (const std::string& m : kFive) yes.push_back({m, kYes});
  d.clock.AdvanceTo(Rome(2026, 3, 9, 10));
  ASSERT_TRUE(d.governance.RecordAttendance(d.Ctx(), d.id, "s-a", kFive, {}).ok());
  ASSERT_TRUE(d.Vote("s-a", 1, yes).ok());
  int number = 0;
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s-a", 1, "", &number).ok());
  EXPECT_EQ(number, 1);
  d.clock.AdvanceTo(Rome(2026, 3, 16, 10));
  ASSERT_TRUE(d.governance.RecordAttendance(d.Ctx(), d.id, "s-b", kFive, {}).ok());
  ASSERT_TRUE(d.Vote("s-b", 1, yes).ok());
  const uint64_t before = Last(d);
  absl::Status again =
      d.governance.Proclaim(d.Ctx(), d.id, "s-b", 1, "").status();
  EXPECT_EQ(ErrorReason(again), reasons::kInvalidStateTransition);
  EXPECT_NE(again.message().find("adopted as no. 1/2026"), std::string::npos)
      << again;
  EXPECT_EQ(Last(d), before);  // no proclamation, no number
  auto reg = d.log.log->ReadStream(
      deliberation::RegisterStream(d.id, "assemblea", 2026), 1, 100);
  EXPECT_EQ(reg->size(), 1u);
  // The item can still be deferred, closing the matter in that session.
  EXPECT_TRUE(d.governance.DeferItem(d.Ctx(), d.id, "s-b", 1, "already adopted")
                  .ok());
}

TEST(Invariant14Test, AnExpectedVersionGuardsOnlyTheSessionStep) {
  // The caller's expected version is the session's; the register and the
  // deliberation steps of the saga are at other versions and still run.
  District d;
  d.Register();
  d.DraftReady("p1");
  ASSERT_TRUE(d.ConveneAssemblea("s-p1", absl::CivilDay(2026, 3, 9), {"p1"}).ok());
  d.clock.AdvanceTo(Rome(2026, 3, 9, 10));
  ASSERT_TRUE(d.governance.RecordAttendance(d.Ctx(), d.id, "s-p1", kFive, {}).ok());
  std::vector<std::pair<std::string, v1::VoteChoice>> yes;
  for (const std::string& m : kFive) yes.push_back({m, kYes});
  ASSERT_TRUE(d.Vote("s-p1", 1, yes).ok());
  const uint64_t session_version = 2 + kFive.size();
  CommandContext stale = d.Ctx();
  stale.expected_version = session_version - 1;
  EXPECT_EQ(ErrorReason(d.governance.Proclaim(stale, d.id, "s-p1", 1, "").status()),
            "WRONG_EXPECTED_VERSION");
  const uint64_t before = Last(d);
  CommandContext current = d.Ctx();
  current.expected_version = session_version;
  int number = 0;
  uint64_t end = 0;
  auto r = d.governance.Proclaim(current, d.id, "s-p1", 1, "", &number, &end);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(number, 1);
  // Proclamation, number, adoption, and the workflow's record of it on the
  // deliberation's act: the saga ends there.
  EXPECT_EQ(r->last_position, before + 1);
  EXPECT_EQ(end, before + 4);
  EXPECT_EQ(Last(d), before + 4);
}

TEST(Invariant15Test, NeverExecutiveBeforePublication) {
  District d;
  d.Register();
  d.DraftReady("p");
  Adopt(d, "p", absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(ErrorReason(d.governance
                            .MakeExecutive(d.Ctx(), d.id, "p",
                                           absl::CivilDay(2026, 3, 20))
                            .status()),
            reasons::kNotPublished);
  ASSERT_TRUE(
      d.governance.Publish(d.Ctx(), d.id, "p", absl::CivilDay(2026, 3, 4)).ok());
  EXPECT_EQ(ErrorReason(d.governance
                            .MakeExecutive(d.Ctx(), d.id, "p",
                                           absl::CivilDay(2026, 3, 14))
                            .status()),
            reasons::kInvalidStateTransition);
  ASSERT_TRUE(d.governance
                  .MakeExecutive(d.Ctx(), d.id, "p", absl::CivilDay(2026, 3, 15))
                  .ok());
  EXPECT_TRUE(d.governance.Deliberation(d.id, "p")->ExecutiveOn(
      absl::CivilDay(2026, 3, 15)));
}

TEST(Invariant16Test, AlboWindowWithInterruptions) {
  District d;
  d.Register();
  d.DraftReady("p");
  Adopt(d, "p", absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(ErrorReason(d.governance
                            .InterruptPublication(d.Ctx(), d.id, "p", 2, "x")
                            .status()),
            reasons::kNotPublished);
  ASSERT_TRUE(
      d.governance.Publish(d.Ctx(), d.id, "p", absl::CivilDay(2026, 3, 4)).ok());
  ASSERT_TRUE(d.governance
                  .InterruptPublication(d.Ctx(), d.id, "p", 2,
                                        "the albo was offline")
                  .ok());
  auto p = d.governance.Deliberation(d.id, "p");
  EXPECT_EQ(p->AlboLastDay(), absl::CivilDay(2026, 3, 20));
  EXPECT_TRUE(p->OnAlboOn(absl::CivilDay(2026, 3, 20)));
  EXPECT_FALSE(p->OnAlboOn(absl::CivilDay(2026, 3, 21)));
  EXPECT_TRUE(p->adoption.has_value());  // still in the archive
}

TEST(Invariant16Test, TheWindowEndsByItsTimerAndAnInterruptionMovesIt) {
  District d;
  d.Register();
  d.DraftReady("p");
  Adopt(d, "p", absl::CivilDay(2026, 3, 2));
  workflow::TimerScheduler scheduler(*d.log.log, d.clock, "system:scheduler");
  d.governance.RegisterTimers(scheduler);
  ASSERT_TRUE(scheduler.Start().ok());
  d.clock.AdvanceTo(Rome(2026, 3, 4, 9));
  ASSERT_TRUE(
      d.governance.Publish(d.Ctx(), d.id, "p", absl::CivilDay(2026, 3, 4)).ok());
  // The window was 4 to 18 March; two days offline move its end to the 20th.
  d.clock.AdvanceTo(Rome(2026, 3, 10, 9));
  ASSERT_TRUE(d.governance
                  .InterruptPublication(d.Ctx(), d.id, "p", 2,
                                        "the albo was offline")
                  .ok());
  // Day by day: the timer of the 19th finds the window still open and sets
  // the next; the window ends on the 21st, not a day earlier.
  for (int day = 11; day <= 24; ++day) {
    d.clock.AdvanceTo(Rome(2026, 3, day, 0));
    ASSERT_TRUE(scheduler.RunDue().ok());
    auto state = d.governance.Deliberation(d.id, "p");
    EXPECT_EQ(state->publication_ended, day >= 21) << day;
  }
  auto records = d.log.log->ReadStream("sudestmilano/deliberation/p", 1, 20);
  ASSERT_TRUE(records.ok());
  const log::Record& ended = records->back();
  ASSERT_EQ(ended.type, "concordia.v1.PublicationEnded");
  auto fired = d.log.log->ReadStream(
      workflow::TimerStream(d.id, "albo-end-p-20260321"), 2, 1);
  ASSERT_TRUE(fired.ok());
  ASSERT_EQ(fired->size(), 1u);
  EXPECT_EQ(ended.metadata.causation_id, (*fired)[0].id.ToHex());
  EXPECT_EQ(ended.metadata.principal, "system:scheduler");
  int ends = 0;
  for (const log::Record& r : *records) {
    ends += r.type == "concordia.v1.PublicationEnded";
  }
  EXPECT_EQ(ends, 1);
  // The first timer fired and did nothing.
  auto first = d.log.log->ReadStream(
      workflow::TimerStream(d.id, "albo-end-p-20260319"), 1, 5);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->size(), 3u);
  EXPECT_TRUE(d.governance.Deliberation(d.id, "p")->adoption.has_value());
  // Ending it again appends nothing; an unpublished act has no window.
  auto again = d.governance.EndPublication(d.Ctx(), d.id, "p",
                                           absl::CivilDay(2026, 3, 30));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->first_position, 0u);
  d.DraftReady("q");
  EXPECT_EQ(ErrorReason(d.governance
                            .EndPublication(d.Ctx(), d.id, "q",
                                            absl::CivilDay(2026, 3, 30))
                            .status()),
            reasons::kNotPublished);
}

TEST(Invariant17And20Test, SharesChangeOnlyByAnExecutiveDeliberation) {
  District d;
  d.Register();
  std::map<std::string, int32_t> shares;
  for (const auto& f : testing::DistrictComuni()) shares[f.member_id] = f.permille;
  shares["san-giuliano-milanese"] -= 10;
  shares["colturano"] += 10;
  consortium::ChangeShares change{absl::CivilDay(2026, 4, 1), shares, {}};
  // Without a deliberation: malformed.
  EXPECT_EQ(d.governance.ChangeShares(d.Ctx(), d.id, change).status().code(),
            absl::StatusCode::kInvalidArgument);
  // With a deliberation adopted but not yet executive: rejected.
  d.DraftReady("quote");
  Adopt(d, "quote", absl::CivilDay(2026, 3, 9));
  change.authorised_by.set_proposal_id("quote");
  EXPECT_EQ(ErrorReason(d.governance.ChangeShares(d.Ctx(), d.id, change).status()),
            reasons::kDeliberationNotExecutive);
  ASSERT_TRUE(
      d.governance.Publish(d.Ctx(), d.id, "quote", absl::CivilDay(2026, 3, 10))
          .ok());
  ASSERT_TRUE(d.governance
                  .MakeExecutive(d.Ctx(), d.id, "quote",
                                 absl::CivilDay(2026, 3, 21))
                  .ok());
  // Shares that do not sum to 1000 are rejected.
  consortium::ChangeShares wrong = change;
  wrong.shares["colturano"] += 1;
  EXPECT_EQ(ErrorReason(d.governance.ChangeShares(d.Ctx(), d.id, wrong).status()),
            reasons::kSharesDoNotSumTo1000);
  ASSERT_TRUE(d.governance.ChangeShares(d.Ctx(), d.id, change).ok());
  auto c = d.governance.Consortium(d.id);
  EXPECT_EQ(c->SharesAt(absl::CivilDay(2026, 3, 31))["colturano"], 18);
  EXPECT_EQ(c->SharesAt(absl::CivilDay(2026, 4, 1))["colturano"], 28);
  for (absl::CivilDay day : {absl::CivilDay(2024, 1, 1),
                             absl::CivilDay(2026, 4, 1)}) {
    int sum = 0;
    for (const auto& [m, p] : c->SharesAt(day)) sum += p;
    EXPECT_EQ(sum, 1000);
  }
}

TEST(Invariant18Test, RevocationByTheSameBodyAndTheAnnulmentLimit) {
  District d;
  d.Register();
  d.DraftReady("contributo", v1::ACT_KIND_ORDINARY, /*economic_benefit=*/true);
  Adopt(d, "contributo", absl::CivilDay(2026, 3, 9));
  // A deliberation of the Tavolo Tecnico cannot revoke the Assemblea's act.
  deliberation::DraftProposal tt{d.id, "tt", "tavolo-tecnico",
                                 v1::ACT_KIND_ORDINARY, "x", false, true, false};
  ASSERT_TRUE(d.governance.DraftProposal(d.Ctx(), tt).ok());
  deliberation::DeliberationState fake_tt =
      *d.governance.Deliberation(d.id, "tt");
  v1::DeliberationAdopted a;
  a.set_number(1);
  fake_tt.adoption = a;  // as if the Tavolo had adopted it
  deliberation::DeliberationState target =
      *d.governance.Deliberation(d.id, "contributo");
  EXPECT_EQ(ErrorReason(deliberation::DecideWithdraw(
                            target, fake_tt, false, absl::CivilDay(2026, 4, 1),
                            testing::DistrictStatute())
                            .status()),
            reasons::kWrongBody);
  // Thirteen months later an annulment is refused, a revocation is not.
  d.DraftReady("annulla");
  Adopt(d, "annulla", absl::CivilDay(2027, 4, 12));
  EXPECT_EQ(ErrorReason(d.governance
                            .Withdraw(d.Ctx(), d.id, "contributo", "annulla",
                                      true, absl::CivilDay(2027, 4, 13))
                            .status()),
            reasons::kAnnulmentTimeLimitExceeded);
  // Nor can a revocation be dated before the act revoking it was adopted.
  EXPECT_EQ(ErrorReason(d.governance
                            .Withdraw(d.Ctx(), d.id, "contributo", "annulla",
                                      false, absl::CivilDay(2027, 4, 11))
                            .status()),
            reasons::kRetroactiveChange);
  ASSERT_TRUE(d.governance
                  .Withdraw(d.Ctx(), d.id, "contributo", "annulla", false,
                            absl::CivilDay(2027, 4, 13))
                  .ok());
  auto w = d.governance.Deliberation(d.id, "contributo");
  ASSERT_TRUE(w->withdrawal.has_value());
  EXPECT_FALSE(w->withdrawal->annulment());
  EXPECT_EQ(w->withdrawal->by_proposal_id(), "annulla");
  EXPECT_EQ(w->withdrawal->effective_from().year(), 2027);
}

TEST(Invariant19Test, DecisionsFollowTheStatuteInForceOnTheirDate) {
  District d;
  d.Register();
  // A statute change (from 1 June 2026): ordinary acts need 2/3 of votanti.
  AdoptExecutive(d, "nuovo-statuto", absl::CivilDay(2026, 3, 9));
  v1::Statute stricter = testing::DistrictStatute();
  v1::Fraction* f = stricter.mutable_bodies(0)->mutable_majorities(0)
                        ->mutable_shares();
  f->set_numerator(2);
  f->set_denominator(3);
  f->set_strict(false);
  consortium::AdoptStatute adopt{stricter, absl::CivilDay(2026, 6, 1), {}};
  adopt.authorised_by.set_proposal_id("nuovo-statuto");
  ASSERT_TRUE(d.governance.AdoptStatute(d.Ctx(), d.id, adopt).ok());
  // 635‰ in favour of 870‰ votanti (73%) passes either way; 450 of 797
  // (56%) passes before June and fails after.
  auto vote = [&](const std::string& p, absl::CivilDay day) {
    d.DraftReady(p);
    const std::string session = "s-" + p;
    EXPECT_TRUE(d.ConveneAssemblea(session, day, {p}).ok());
    d.clock.AdvanceTo(
        Rome(static_cast<int>(day.year()), day.month(), day.day(), 10));
    EXPECT_TRUE(
        d.governance.RecordAttendance(d.Ctx(), d.id, session, kFive, {}).ok());
    EXPECT_TRUE(d.Vote(session, 1,
                       {{"san-giuliano-milanese", v1::VOTE_CHOICE_AGAINST},
                        {"san-donato-milanese", kYes},
                        {"melegnano", kYes}})
                    .ok());
    EXPECT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, session, 1, "").ok());
    return d.governance.Session(d.id, session)->proclaimed.at(1).adopted();
  };
  EXPECT_TRUE(vote("maggio", absl::CivilDay(2026, 5, 25)));
  EXPECT_FALSE(vote("giugno", absl::CivilDay(2026, 6, 8)));
  // Folding the history again (replay) gives the same outcomes.
  EXPECT_TRUE(d.governance.Session(d.id, "s-maggio")->proclaimed.at(1).adopted());
  auto c = d.governance.Consortium(d.id);
  EXPECT_EQ(c->statutes.size(), 2u);
}

}  // namespace
}  // namespace concordia::domain
