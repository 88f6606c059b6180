// Replay from a verified bundle: a deliberation of the Sud Est Milano
// district (scenarios S1 and S5) as recorded at several positions and times
// and as in force on several dates.
#include "engine/audit/replay/replay.h"

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "engine/audit/trail/audit_trail.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/governance/testing/district.h"
#include "engine/workflow/timer_scheduler.h"
#include "gtest/gtest.h"

namespace concordia::audit {
namespace {

using domain::testing::District;
using domain::testing::Rome;

class ReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    signer_ = std::make_unique<NoteSigner>(*NoteSigner::FromPrivateKey(
        "concordia-test", *Ed25519PrivateKey::FromSeed(std::string(32, 'r'))));
    trail_ = *AuditTrail::Attach(d_.log.log.get(), *signer_, "test/log");
    // S1: adopted on 2 March 2026 by 496‰ of 523‰; not immediately
    // executable.
    d_.Register();
    d_.DraftReady("p-2026-1");
    ASSERT_TRUE(d_.ConveneAssemblea("2026-03-02", absl::CivilDay(2026, 3, 2),
                                    {"p-2026-1"})
                    .ok());
    d_.clock.AdvanceTo(Rome(2026, 3, 2, 10));
    ASSERT_TRUE(d_.governance
                    .RecordAttendance(d_.Ctx(), d_.id, "2026-03-02",
                                      {"san-donato-milanese", "melegnano",
                                       "cerro-al-lambro", "dresano",
                                       "colturano"},
                                      {})
                    .ok());
    ASSERT_TRUE(d_.Vote("2026-03-02", 1,
                        {{"san-donato-milanese", v1::VOTE_CHOICE_IN_FAVOUR},
                         {"melegnano", v1::VOTE_CHOICE_IN_FAVOUR},
                         {"cerro-al-lambro", v1::VOTE_CHOICE_IN_FAVOUR},
                         {"dresano", v1::VOTE_CHOICE_AGAINST},
                         {"colturano", v1::VOTE_CHOICE_ABSTAIN}})
                    .ok());
    ASSERT_TRUE(
        d_.governance.Proclaim(d_.Ctx(), d_.id, "2026-03-02", 1, "").ok());
    // S5: published from 4 March; executive on 15 March by the timer.
    workflow::TimerScheduler scheduler(*d_.log.log, d_.clock,
                                       "system:scheduler");
    d_.governance.RegisterTimers(scheduler);
    ASSERT_TRUE(scheduler.Start().ok());
    d_.clock.AdvanceTo(Rome(2026, 3, 4, 9));
    ASSERT_TRUE(d_.governance
                    .Publish(d_.Ctx(), d_.id, "p-2026-1",
                             absl::CivilDay(2026, 3, 4))
                    .ok());
    d_.clock.AdvanceTo(Rome(2026, 3, 16, 8));
    ASSERT_TRUE(scheduler.RunDue().ok());
  }

  VerifiedHistory Verified(const std::string& stream) {
    auto bundle = ExportBundle(*d_.log.log, *trail_, stream);
    EXPECT_TRUE(bundle.ok()) << bundle.status();
    auto history = VerifyBundle(*bundle, signer_->Verifier());
    EXPECT_TRUE(history.ok()) << history.status();
    return *history;
  }

  // The position of the first record of `type` in `h`.
  static const log::Record& First(const VerifiedHistory& h,
                                  const std::string& type) {
    for (const log::Record& r : h.records) {
      if (r.type == type) return r;
    }
    ADD_FAILURE() << "no " << type;
    return h.records.front();
  }

  static std::string State(const ReplayResult& r) {
    return absl::StrJoin(r.state, "\n");
  }

  District d_;
  std::unique_ptr<NoteSigner> signer_;
  std::unique_ptr<AuditTrail> trail_;
};

TEST_F(ReplayTest, TheWholeHistoryReadOnItsLastDay) {
  const VerifiedHistory h = Verified("sudestmilano/deliberation/p-2026-1");
  auto r = ReplayHistory(h, {});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->kind, "deliberation");
  EXPECT_EQ(r->used.size(), h.records.size());
  EXPECT_EQ(r->reflects_position, h.records.back().position);
  EXPECT_EQ(r->read_on, absl::CivilDay(2026, 3, 15));
  const std::string state = State(*r);
  EXPECT_TRUE(absl::StrContains(state, "adopted as no. 1/2026 on 2026-03-02"))
      << state;
  EXPECT_TRUE(absl::StrContains(state, "from 2026-03-04 to 2026-03-18"))
      << state;
  EXPECT_TRUE(absl::StrContains(state, "executive since 2026-03-15")) << state;
}

TEST_F(ReplayTest, AsInForceOnADateBeforeExecutivity) {
  const VerifiedHistory h = Verified("sudestmilano/deliberation/p-2026-1");
  ReplayPoint at;
  at.in_force_on = absl::CivilDay(2026, 3, 10);
  const std::string state = State(*ReplayHistory(h, at));
  EXPECT_TRUE(absl::StrContains(
      state, "not yet executive on 2026-03-10 (executive from 2026-03-15)"))
      << state;
  EXPECT_TRUE(absl::StrContains(state, "published on 2026-03-10")) << state;
  at.in_force_on = absl::CivilDay(2026, 3, 20);
  const std::string later = State(*ReplayHistory(h, at));
  EXPECT_TRUE(absl::StrContains(later, "not on the albo on 2026-03-20"))
      << later;
  EXPECT_TRUE(absl::StrContains(later, "executive since 2026-03-15")) << later;
}

TEST_F(ReplayTest, AsRecordedBeforeTheTimerFiredButInForceAfterIt) {
  // Bitemporal: what the system knew before it recorded executivity, read
  // on 20 March, is a published deliberation that is not executive.
  const VerifiedHistory h = Verified("sudestmilano/deliberation/p-2026-1");
  const log::Record& executive =
      First(h, "concordia.v1.DeliberationExecutive");
  ReplayPoint at;
  at.recorded_position = executive.position - 1;
  at.in_force_on = absl::CivilDay(2026, 3, 20);
  auto r = ReplayHistory(h, at);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->used.size(), h.records.size() - 1);
  EXPECT_LT(r->reflects_position, executive.position);
  EXPECT_TRUE(absl::StrContains(State(*r), "not executive on 2026-03-20"))
      << State(*r);
}

TEST_F(ReplayTest, AsRecordedAtATime) {
  const VerifiedHistory h = Verified("sudestmilano/deliberation/p-2026-1");
  const log::Record& published = First(h, "concordia.v1.DeliberationPublished");
  ReplayPoint at;
  at.recorded_until = published.recorded_at - absl::Seconds(1);
  auto r = ReplayHistory(h, at);
  ASSERT_TRUE(r.ok());
  for (const log::Record* used : r->used) {
    EXPECT_LT(used->recorded_at, published.recorded_at);
  }
  const std::string state = State(*r);
  EXPECT_TRUE(absl::StrContains(state, "adopted as no. 1/2026")) << state;
  EXPECT_FALSE(absl::StrContains(state, "albo")) << state;
}

TEST_F(ReplayTest, AConsortiumAsInForceOnADate) {
  const VerifiedHistory h = Verified("sudestmilano/consortium");
  ReplayPoint at;
  at.in_force_on = absl::CivilDay(2025, 6, 1);
  auto r = ReplayHistory(h, at);
  ASSERT_TRUE(r.ok()) << r.status();
  const std::string state = State(*r);
  EXPECT_TRUE(absl::StrContains(state, "9 member(s) on 2025-06-01")) << state;
  EXPECT_TRUE(absl::StrContains(state, "san-giuliano-milanese  347‰")) << state;
  EXPECT_TRUE(absl::StrContains(state, "statute version 1 in force")) << state;
  // Before the consortium was constituted nothing was in force.
  at.in_force_on = absl::CivilDay(2023, 6, 1);
  const std::string before = State(*ReplayHistory(h, at));
  EXPECT_TRUE(absl::StrContains(before, "0 member(s) on 2023-06-01")) << before;
  EXPECT_TRUE(absl::StrContains(before, "no statute in force")) << before;
}

TEST_F(ReplayTest, ASessionWithItsTally) {
  const VerifiedHistory h = Verified("sudestmilano/session/2026-03-02");
  const std::string state = State(*ReplayHistory(h, {}));
  EXPECT_TRUE(absl::StrContains(
      state, "adopted, 496‰ in favour, 27‰ against, of 523‰ counted"))
      << state;
  EXPECT_TRUE(absl::StrContains(state, "5 member(s) present")) << state;
}

// An accord's replay: a convenzione between two comuni, being signed with
// one signature and in force from the second, read at both points.
TEST(AccordReplayTest, BeingSignedThenInForce) {
  domain::testing::Cooperative c;
  auto signer = NoteSigner::FromPrivateKey(
      "concordia-test", *Ed25519PrivateKey::FromSeed(std::string(32, 'a')));
  auto trail = AuditTrail::Attach(c.district.log.log.get(), *signer, "test/log");
  ASSERT_TRUE(trail.ok()) << trail.status();
  std::vector<v1::AccordParty> parties = domain::testing::S3Parties();
  parties.resize(2);
  domain::accord::DraftAccord d;
  d.consortium_id = c.id;
  d.accord_id = "conv-ict";
  d.kind = v1::ACCORD_KIND_CONVENZIONE;
  d.title = "Convenzione per i servizi ICT";
  d.object = "Gestione associata dei servizi informatici";
  d.parties = parties;
  *d.term.mutable_ends_on() = domain::ToDate(absl::CivilDay(2028, 12, 31));
  ASSERT_TRUE(c.cooperation.DraftAccord(c.Ctx(), d).ok());
  for (const v1::AccordParty& p : parties) {
    ASSERT_TRUE(c.cooperation
                    .RecordApproval(
                        c.Ctx(), c.id, "conv-ict",
                        {0, p.party_id(),
                         domain::testing::ExternalAct("Consiglio comunale", "9",
                                                      absl::CivilDay(2026, 4, 10)),
                         absl::CivilDay(2026, 4, 1)})
                    .ok());
  }
  c.AdvanceTo(absl::CivilDay(2026, 4, 15), 9);
  for (int i = 0; i < 2; ++i) {
    if (i == 1) c.AdvanceTo(absl::CivilDay(2026, 4, 20), 9);
    const v1::AccordParty& p = parties[i];
    const std::string who = domain::testing::Sindaco(p.party_id());
    ASSERT_TRUE(c.cooperation
                    .Sign(c.Ctx(who), c.id, "conv-ict",
                          {0, p.party_id(),
                           domain::testing::QualifiedSignature(
                               who, c.district.clock.Now())})
                    .ok())
        << p.party_id();
  }
  auto bundle = ExportBundle(*c.district.log.log, **trail,
                             "sudestmilano/accord/conv-ict");
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  auto history = VerifyBundle(*bundle, signer->Verifier());
  ASSERT_TRUE(history.ok()) << history.status();
  auto now = ReplayHistory(*history, {});
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_EQ(now->kind, "accord");
  const std::string all = absl::StrJoin(now->state, "\n");
  EXPECT_TRUE(absl::StrContains(all, "2 signature(s) of the required ones"))
      << all;
  EXPECT_TRUE(absl::StrContains(all, "in force on 2026-04-20")) << all;
  // As recorded before the second signature: being signed, not in force.
  uint64_t first_signature = 0;
  for (const log::Record& r : history->records) {
    if (r.type == "concordia.v1.AccordSigned") {
      first_signature = r.position;
      break;
    }
  }
  ReplayPoint at;
  at.recorded_position = first_signature;
  at.in_force_on = absl::CivilDay(2026, 4, 30);
  const std::string then = absl::StrJoin(ReplayHistory(*history, at)->state, "\n");
  EXPECT_TRUE(absl::StrContains(then, "missing: ")) << then;
  EXPECT_TRUE(absl::StrContains(then, "not in force on 2026-04-30")) << then;
  trail->reset();
}

}  // namespace
}  // namespace concordia::audit
