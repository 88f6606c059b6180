// The deliberations, register and albo read models through a deliberation's
// life (scenarios S1 and S5), with interruptions, executivity, annulment ex
// tunc and its bitemporal reading, and the deliberation's history.
#include <vector>

#include "engine/domain/core/dates.h"
#include "engine/readmodel/testing/harness.h"
#include "engine/readmodel/testing/steps.h"
#include "gtest/gtest.h"

namespace concordia::readmodel {
namespace {

using absl::CivilDay;
using domain::testing::District;
using testing::AdoptAtOnce;
using testing::AdvanceTo;
using testing::AtPositionInForceOn;
using testing::InForceOn;
using testing::Latest;
using testing::ReadModelHarness;

const v1::VoteChoice kYes = v1::VOTE_CHOICE_IN_FAVOUR;
const v1::VoteChoice kNo = v1::VOTE_CHOICE_AGAINST;
const v1::VoteChoice kAbstain = v1::VOTE_CHOICE_ABSTAIN;
constexpr char kP[] = "p-2026-1";

class DeliberationTest : public ::testing::Test {
 protected:
  // S1: adopted on 2 March 2026 with 496 of 523 votanti's shares, not
  // immediately executable.
  void SetUp() override {
    d_.Register();
    d_.DraftReady(kP);
    ASSERT_TRUE(d_.ConveneAssemblea("2026-03-02", CivilDay(2026, 3, 2), {kP}).ok());
    AdvanceTo(d_, CivilDay(2026, 3, 2), 10);
    ASSERT_TRUE(d_.governance
                    .RecordAttendance(d_.Ctx(), d_.id, "2026-03-02",
                                      {"san-donato-milanese", "melegnano",
                                       "cerro-al-lambro", "dresano",
                                       "colturano"},
                                      {"direttore@sudestmilano"})
                    .ok());
    const std::vector<std::pair<std::string, v1::VoteChoice>> votes = {
        {"san-donato-milanese", kYes}, {"melegnano", kYes},
        {"cerro-al-lambro", kYes},     {"dresano", kNo},
        {"colturano", kAbstain}};
    ASSERT_TRUE(d_.Vote("2026-03-02", 1, votes).ok());
    ASSERT_TRUE(
        d_.Vote("2026-03-02", 1, votes, v1::BALLOT_IMMEDIATE_EXECUTABILITY).ok());
    ASSERT_TRUE(d_.governance.Proclaim(d_.Ctx(), d_.id, "2026-03-02", 1, "").ok());
  }
  uint64_t Last() { return d_.log.log->LastPosition(); }
  v1::DeliberationView Get(const v1::AsOf& as_of, const std::string& p = kP) {
    h_.Sync();
    auto r = h_.queries().GetDeliberation(d_.id, p, as_of);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->value : v1::DeliberationView();
  }
  v1::LegalStatus StatusOn(CivilDay day) {
    return Get(InForceOn(day)).in_force().status();
  }
  std::vector<std::string> AlboOn(const v1::AsOf& as_of) {
    h_.Sync();
    auto page = h_.queries().ListAlbo(d_.id, as_of, {});
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> out;
    if (page.ok()) {
      for (const auto& e : page->items) out.push_back(e.proposal_id());
    }
    return out;
  }
  void Publish() {
    AdvanceTo(d_, CivilDay(2026, 3, 4));
    ASSERT_TRUE(d_.governance.Publish(d_.Ctx(), d_.id, kP, CivilDay(2026, 3, 4)).ok());
  }

  District d_;
  ReadModelHarness h_{*d_.log.log, d_.clock};
};

TEST_F(DeliberationTest, AdoptionCarriesTheTallyAndTheNumber) {
  const v1::DeliberationView v = Get(Latest());
  EXPECT_EQ(v.stage(), v1::DELIBERATION_STAGE_ADOPTED);
  EXPECT_EQ(v.adoption().number(), 1);
  EXPECT_EQ(v.adoption().year(), 2026);
  EXPECT_EQ(v.proclamation().tally().in_favour_shares(), 496);
  EXPECT_EQ(v.proclamation().tally().base_shares(), 523);
  EXPECT_EQ(v.proclamation().tally().present_shares(), 541);
  EXPECT_FALSE(v.proclamation().immediately_executable());
  EXPECT_EQ(v.proclamation().immediate_executability().in_favour_shares(), 496);
  ASSERT_EQ(v.placements_size(), 1);
  EXPECT_EQ(v.placements(0).session_id(), "2026-03-02");
  EXPECT_EQ(v.placements(0).status(), v1::ITEM_STATUS_PROCLAIMED);
  EXPECT_TRUE(v.technical_opinion().favourable());
  EXPECT_EQ(StatusOn(CivilDay(2026, 3, 1)), v1::LEGAL_STATUS_NOT_ADOPTED);
  const v1::DeliberationView on2 = Get(InForceOn(CivilDay(2026, 3, 2)));
  EXPECT_EQ(on2.in_force().status(), v1::LEGAL_STATUS_ADOPTED);
  EXPECT_FALSE(on2.in_force().has_executive_due_on());  // not published yet
  // The register of the Assemblea for 2026 has number 1, from 2 March.
  h_.Sync();
  auto reg = h_.queries().ListRegister(d_.id, "assemblea", 2026, Latest(), {});
  ASSERT_TRUE(reg.ok()) << reg.status();
  ASSERT_EQ(reg->items.size(), 1u);
  EXPECT_EQ(reg->items[0].number(), 1);
  EXPECT_EQ(reg->items[0].proposal_id(), kP);
  EXPECT_EQ(reg->items[0].title(), "Proposta p-2026-1");
  EXPECT_EQ(reg->items[0].adoption().session_id(), "2026-03-02");
  auto before = h_.queries().ListRegister(d_.id, "assemblea", 2026,
                                          InForceOn(CivilDay(2026, 3, 1)), {});
  EXPECT_TRUE(before->items.empty());
  auto entry = h_.queries().GetRegisterEntry(d_.id, "assemblea", 2026, 1,
                                             InForceOn(CivilDay(2026, 3, 2)));
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->value.in_force().status(), v1::LEGAL_STATUS_ADOPTED);
  EXPECT_EQ(h_.queries()
                .GetRegisterEntry(d_.id, "assemblea", 2026, 2, Latest())
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

TEST_F(DeliberationTest, S5AlboWindowAndExecutivity) {
  Publish();
  const v1::DeliberationView v = Get(InForceOn(CivilDay(2026, 3, 10)));
  EXPECT_EQ(v.stage(), v1::DELIBERATION_STAGE_PUBLISHED);
  EXPECT_EQ(v.publication().first_day().day(), 4);
  EXPECT_EQ(v.publication().last_day().day(), 18);
  EXPECT_EQ(v.in_force().status(), v1::LEGAL_STATUS_ADOPTED);
  EXPECT_TRUE(v.in_force().on_albo());
  EXPECT_EQ(v.in_force().executive_due_on().day(), 15);
  // What is published on a day.
  EXPECT_EQ(AlboOn(InForceOn(CivilDay(2026, 3, 3))), std::vector<std::string>{});
  EXPECT_EQ(AlboOn(InForceOn(CivilDay(2026, 3, 4))), std::vector<std::string>{kP});
  EXPECT_EQ(AlboOn(InForceOn(CivilDay(2026, 3, 18))), std::vector<std::string>{kP});
  EXPECT_EQ(AlboOn(InForceOn(CivilDay(2026, 3, 19))), std::vector<std::string>{});
  EXPECT_EQ(AlboOn(Latest()), std::vector<std::string>{kP});  // today: 4 March
  // The timer makes it executive on the 15th.
  AdvanceTo(d_, CivilDay(2026, 3, 15), 0);
  ASSERT_TRUE(d_.governance.MakeExecutive(d_.Ctx(), d_.id, kP, CivilDay(2026, 3, 15)).ok());
  EXPECT_EQ(Get(Latest()).stage(), v1::DELIBERATION_STAGE_EXECUTIVE);
  EXPECT_EQ(StatusOn(CivilDay(2026, 3, 14)), v1::LEGAL_STATUS_ADOPTED);
  EXPECT_EQ(StatusOn(CivilDay(2026, 3, 15)), v1::LEGAL_STATUS_EXECUTIVE);
  EXPECT_TRUE(Get(InForceOn(CivilDay(2026, 3, 15))).in_force().executive());
  DeliberationFilter executive;
  executive.executive_only = true;
  auto on14 = h_.queries().ListDeliberations(d_.id, executive,
                                             InForceOn(CivilDay(2026, 3, 14)), {});
  ASSERT_TRUE(on14.ok());
  EXPECT_TRUE(on14->items.empty());
  auto on16 = h_.queries().ListDeliberations(d_.id, executive,
                                             InForceOn(CivilDay(2026, 3, 16)), {});
  ASSERT_EQ(on16->items.size(), 1u);
  EXPECT_EQ(on16->items[0].proposal().proposal_id(), kP);
  auto entry = h_.queries().GetRegisterEntry(d_.id, "assemblea", 2026, 1,
                                             InForceOn(CivilDay(2026, 3, 16)));
  EXPECT_EQ(entry->value.executive_on().day(), 15);
  EXPECT_EQ(entry->value.in_force().status(), v1::LEGAL_STATUS_EXECUTIVE);
}

TEST_F(DeliberationTest, AnInterruptionExtendsTheWindowAndMovesTheEntry) {
  Publish();
  AdvanceTo(d_, CivilDay(2026, 3, 10));
  const uint64_t before = Last();
  ASSERT_TRUE(d_.governance
                  .InterruptPublication(d_.Ctx(), d_.id, kP, 2, "albo offline")
                  .ok());
  EXPECT_EQ(AlboOn(InForceOn(CivilDay(2026, 3, 20))), std::vector<std::string>{kP});
  EXPECT_EQ(AlboOn(InForceOn(CivilDay(2026, 3, 21))), std::vector<std::string>{});
  // As the system knew it before the interruption, the 19th was past the
  // window.
  EXPECT_EQ(AlboOn(AtPositionInForceOn(before, CivilDay(2026, 3, 19))),
            std::vector<std::string>{});
  h_.Sync();
  auto page = h_.queries().ListAlbo(d_.id, InForceOn(CivilDay(2026, 3, 19)), {});
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].last_day().day(), 20);
  ASSERT_EQ(page->items[0].interruptions_size(), 1);
  EXPECT_EQ(page->items[0].interruptions(0).reason(), "albo offline");
  EXPECT_EQ(page->items[0].number(), 1);
  EXPECT_EQ(page->items[0].title(), "Proposta p-2026-1");
  const v1::DeliberationView v = Get(Latest());
  EXPECT_EQ(v.publication().last_day().day(), 20);
  EXPECT_EQ(v.interruptions_size(), 1);
}

TEST_F(DeliberationTest, AnnulmentWorksFromAdoptionAndIsReadBitemporally) {
  Publish();
  AdvanceTo(d_, CivilDay(2026, 3, 15), 0);
  ASSERT_TRUE(d_.governance.MakeExecutive(d_.Ctx(), d_.id, kP, CivilDay(2026, 3, 15)).ok());
  AdoptAtOnce(d_, "p-annul", CivilDay(2026, 3, 23));
  const uint64_t before = Last();
  ASSERT_TRUE(d_.governance
                  .Withdraw(d_.Ctx(), d_.id, kP, "p-annul", true,
                            CivilDay(2026, 3, 24))
                  .ok());
  // As known now, it was annulled from its adoption: never in force.
  EXPECT_EQ(Get(Latest()).stage(), v1::DELIBERATION_STAGE_ANNULLED);
  EXPECT_EQ(StatusOn(CivilDay(2026, 3, 20)), v1::LEGAL_STATUS_ANNULLED);
  EXPECT_FALSE(Get(InForceOn(CivilDay(2026, 3, 20))).in_force().executive());
  // As the system knew it before the annulment, it was executive on the 20th.
  const v1::DeliberationView then =
      Get(AtPositionInForceOn(before, CivilDay(2026, 3, 20)));
  EXPECT_EQ(then.in_force().status(), v1::LEGAL_STATUS_EXECUTIVE);
  EXPECT_EQ(then.stage(), v1::DELIBERATION_STAGE_EXECUTIVE);
  // The annulling act links to it.
  const v1::DeliberationView by = Get(Latest(), "p-annul");
  ASSERT_EQ(by.withdraws_size(), 1);
  EXPECT_EQ(by.withdraws(0).proposal_id(), kP);
  EXPECT_TRUE(by.withdraws(0).annulment());
  EXPECT_EQ(by.adoption().number(), 2);
  EXPECT_EQ(Get(Latest()).withdrawal().by_proposal_id(), "p-annul");
  auto entry = h_.queries().GetRegisterEntry(d_.id, "assemblea", 2026, 1,
                                             InForceOn(CivilDay(2026, 3, 20)));
  EXPECT_EQ(entry->value.in_force().status(), v1::LEGAL_STATUS_ANNULLED);
  EXPECT_TRUE(entry->value.withdrawal().annulment());
}

TEST_F(DeliberationTest, RevocationWorksFromItsDay) {
  Publish();
  AdvanceTo(d_, CivilDay(2026, 3, 15), 0);
  ASSERT_TRUE(d_.governance.MakeExecutive(d_.Ctx(), d_.id, kP, CivilDay(2026, 3, 15)).ok());
  AdoptAtOnce(d_, "p-revoca", CivilDay(2026, 3, 23));
  ASSERT_TRUE(d_.governance
                  .Withdraw(d_.Ctx(), d_.id, kP, "p-revoca", false,
                            CivilDay(2026, 3, 24))
                  .ok());
  EXPECT_EQ(Get(Latest()).stage(), v1::DELIBERATION_STAGE_REVOKED);
  EXPECT_EQ(StatusOn(CivilDay(2026, 3, 23)), v1::LEGAL_STATUS_EXECUTIVE);
  EXPECT_EQ(StatusOn(CivilDay(2026, 3, 24)), v1::LEGAL_STATUS_REVOKED);
}

TEST_F(DeliberationTest, TheHistoryListsEveryEventThatChangedIt) {
  Publish();
  AdvanceTo(d_, CivilDay(2026, 3, 15), 0);
  ASSERT_TRUE(d_.governance.MakeExecutive(d_.Ctx(), d_.id, kP, CivilDay(2026, 3, 15)).ok());
  h_.Sync();
  v1::EntityRef ref;
  ref.set_kind(v1::ENTITY_KIND_DELIBERATION);
  ref.set_consortium_id(d_.id);
  ref.set_id(kP);
  std::vector<std::string> types;
  PageRequest page;
  page.page_size = 3;
  int pages = 0;
  uint64_t last_position = 0;
  do {
    auto h = h_.queries().History(ref, Latest(), page);
    ASSERT_TRUE(h.ok()) << h.status();
    for (const auto& e : h->items) {
      types.push_back(e.event_type());
      EXPECT_GT(e.position(), last_position);
      last_position = e.position();
      if (e.event_type() == "concordia.v1.ProposalDrafted") {
        EXPECT_EQ(e.principal(), "ufficio@sudestmilano");
        EXPECT_EQ(e.stream(), "sudestmilano/deliberation/p-2026-1");
      }
      EXPECT_GT(e.recorded_at().seconds(), 0);
      EXPECT_GT(e.effective_time().seconds(), 0);
    }
    page.page_token = h->next_page_token;
    ++pages;
  } while (!page.page_token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(types, (std::vector<std::string>{
                       "concordia.v1.ProposalDrafted",
                       "concordia.v1.OpinionGiven",
                       "concordia.v1.SessionConvened",
                       "concordia.v1.ItemProclaimed",
                       "concordia.v1.DeliberationAdopted",
                       "concordia.v1.DeliberationPublished",
                       "concordia.v1.DeliberationExecutive"}));
  // As of a past position, the history stops there.
  auto past = h_.queries().History(
      ref, testing::AtPosition(last_position - 1), PageRequest{});
  ASSERT_TRUE(past.ok());
  EXPECT_EQ(past->items.size(), 6u);
}

TEST(DeliberationRejectionTest, ARejectedProposalIsRejectedFromTheDayOfTheVote) {
  District d;
  ReadModelHarness h(*d.log.log, d.clock);
  d.Register();
  d.DraftReady("p-no");
  ASSERT_TRUE(d.ConveneAssemblea("s-no", CivilDay(2026, 3, 9), {"p-no"}).ok());
  AdvanceTo(d, CivilDay(2026, 3, 9), 10);
  ASSERT_TRUE(d.governance
                  .RecordAttendance(d.Ctx(), d.id, "s-no", testing::AllComuni(), {})
                  .ok());
  std::vector<std::pair<std::string, v1::VoteChoice>> no;
  for (const std::string& m : testing::AllComuni()) no.push_back({m, kNo});
  ASSERT_TRUE(d.Vote("s-no", 1, no).ok());
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "s-no", 1, "").ok());
  h.Sync();
  auto v = h.queries().GetDeliberation(d.id, "p-no", InForceOn(CivilDay(2026, 3, 8)));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->value.stage(), v1::DELIBERATION_STAGE_REJECTED);
  EXPECT_EQ(v->value.in_force().status(), v1::LEGAL_STATUS_NOT_ADOPTED);
  auto on9 = h.queries().GetDeliberation(d.id, "p-no", InForceOn(CivilDay(2026, 3, 9)));
  EXPECT_EQ(on9->value.in_force().status(), v1::LEGAL_STATUS_REJECTED);
  // Rejected proposals take no number.
  auto reg = h.queries().ListRegister(d.id, "assemblea", 2026, Latest(), {});
  EXPECT_TRUE(reg->items.empty());
}

TEST(DeliberationStageTest, DraftReadyOnAgendaAndNotDecided) {
  District d;
  ReadModelHarness h(*d.log.log, d.clock);
  d.Register();

  {
    domain::deliberation::DraftProposal p;
    p.consortium_id = d.id;
    p.proposal_id = "p-fin";
    p.body_id = "assemblea";
    p.title = "Bilancio";
    p.financial_effects = true;
    ASSERT_TRUE(d.governance.DraftProposal(d.Ctx(), p).ok());
  }
  auto stage = [&](const std::string& p) {
    h.Sync();
    auto v = h.queries().GetDeliberation(d.id, p, Latest());
    EXPECT_TRUE(v.ok()) << v.status();
    return v->value.stage();
  };
  EXPECT_EQ(stage("p-fin"), v1::DELIBERATION_STAGE_DRAFTED);
  ASSERT_TRUE(d.governance
                  .GiveOpinion(d.Ctx(), d.id, "p-fin",
                               {v1::OPINION_KIND_TECHNICAL, true, "tecnico", ""})
                  .ok());
  EXPECT_EQ(stage("p-fin"), v1::DELIBERATION_STAGE_DRAFTED);  // accounting missing
  ASSERT_TRUE(d.governance
                  .GiveOpinion(d.Ctx(), d.id, "p-fin",
                               {v1::OPINION_KIND_ACCOUNTING, true, "ragioneria", ""})
                  .ok());
  EXPECT_EQ(stage("p-fin"), v1::DELIBERATION_STAGE_READY);
  ASSERT_TRUE(d.ConveneAssemblea("s-1", CivilDay(2026, 3, 9), {"p-fin"}).ok());
  EXPECT_EQ(stage("p-fin"), v1::DELIBERATION_STAGE_ON_AGENDA);
  AdvanceTo(d, CivilDay(2026, 3, 9), 10);
  ASSERT_TRUE(d.governance.CloseSession(d.Ctx(), d.id, "s-1").ok());
  EXPECT_EQ(stage("p-fin"), v1::DELIBERATION_STAGE_READY);
  h.Sync();
  auto v = h.queries().GetDeliberation(d.id, "p-fin", Latest());
  ASSERT_EQ(v->value.placements_size(), 1);
  EXPECT_EQ(v->value.placements(0).status(), v1::ITEM_STATUS_NOT_DECIDED);
}

}  // namespace
}  // namespace concordia::readmodel
