// The accords read model through scenario S3 over a real log, driven by the
// real Cooperation handlers: the Piano di Zona's accordo di programma among
// 11 public parties, approved by external acts, signed (Melegnano last),
// approved by the capofila's act and published in the BURL; read as recorded
// at each step, in force on days before and after, listed with filters, and
// its history.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/testing/harness.h"
#include "gtest/gtest.h"

namespace concordia::readmodel {
namespace {

using absl::CivilDay;
using domain::testing::Cooperative;
using domain::testing::Rome;
using testing::AtPosition;
using testing::AtPositionInForceOn;
using testing::InForceOn;
using testing::Latest;
using testing::ReadModelHarness;

constexpr char kAccord[] = "adp-pdz-2026";

std::string SignerOf(const v1::AccordParty& p) {
  return p.kind() == v1::MEMBER_KIND_COMUNE
             ? domain::testing::Sindaco(p.party_id())
             : absl::StrCat("direttore-generale@", p.party_id());
}

// Executive on 10 April 2026, Melegnano's only on 20 April.
v1::ApprovingAct ApprovalOf(const v1::AccordParty& p) {
  const CivilDay executive = p.party_id() == "melegnano"
                                 ? CivilDay(2026, 4, 20)
                                 : CivilDay(2026, 4, 10);
  return domain::testing::ExternalAct(absl::StrCat("Consiglio di ", p.name()),
                                      "14", executive);
}

domain::accord::Sign SignatureOf(const v1::AccordParty& p, CivilDay day) {
  return {0, p.party_id(),
          domain::testing::QualifiedSignature(
              SignerOf(p),
              Rome(static_cast<int>(day.year()), day.month(), day.day(), 11))};
}

std::vector<std::string> Ids(const google::protobuf::RepeatedPtrField<std::string>& r) {
  return {r.begin(), r.end()};
}

AccordFilter Filter(v1::AccordStage stage, std::string party,
                    bool in_force_only) {
  AccordFilter f;
  f.stage = stage;
  f.party_id = std::move(party);
  f.in_force_only = in_force_only;
  return f;
}
constexpr v1::AccordStage kAny = v1::ACCORD_STAGE_UNSPECIFIED;

PageRequest AllOnOnePage() {
  PageRequest p;
  p.page_size = 1000;
  return p;
}

class AccordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    domain::Cooperation& coop = c_.cooperation;
    const CivilDay executive = c_.Deliberate("p-pdz", CivilDay(2026, 3, 9));
    ASSERT_TRUE(coop.DraftProgramme(c_.Ctx(),
                                    {c_.id, "pdz-2026-2028",
                                     v1::PROGRAMME_KIND_PIANO_DI_ZONA,
                                     "Piano di Zona 2026-2028", 2026, 0, ""})
                    .ok());
    c_.AdvanceTo(executive);
    ASSERT_TRUE(coop.AdoptProgramme(
                        c_.Ctx(), c_.id, "pdz-2026-2028",
                        {domain::testing::InternalAct("p-pdz"), executive})
                    .ok());
    domain::accord::DraftAccord d;
    d.consortium_id = c_.id;
    d.accord_id = kAccord;
    d.kind = v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA;
    d.title = "Accordo di programma per il Piano di Zona 2026-2028";
    d.object = "Attuazione del Piano di Zona";
    d.parties = domain::testing::S3Parties();
    *d.term.mutable_ends_on() = domain::ToDate(CivilDay(2028, 12, 31));
    d.programme_id = "pdz-2026-2028";
    auto drafted = coop.DraftAccord(c_.Ctx(), d);
    ASSERT_TRUE(drafted.ok()) << drafted.status();
    before_draft_ = drafted->first_position - 1;
    drafted_at_ = c_.Last();
    parties_ = d.parties;
    for (const v1::AccordParty& p : parties_) {
      ASSERT_TRUE(coop.RecordApproval(c_.Ctx(), c_.id, kAccord,
                                      {0, p.party_id(), ApprovalOf(p),
                                       CivilDay(2026, 4, 1)})
                      .ok());
    }
    c_.AdvanceTo(CivilDay(2026, 4, 15), 9);
    for (const v1::AccordParty& p : parties_) {
      if (p.party_id() == "melegnano") continue;
      ASSERT_TRUE(coop.Sign(c_.Ctx(SignerOf(p)), c_.id, kAccord,
                            SignatureOf(p, CivilDay(2026, 4, 15)))
                      .ok());
    }
    ten_signed_at_ = c_.Last();
  }

  void Conclude() { ConcludeWith(domain::testing::ExternalAct(
                       "Decreto del Sindaco del comune capofila", "7",
                       CivilDay(2026, 4, 24))); }
  void ConcludeWith(const v1::ApprovingAct& approval_act) {
    domain::Cooperation& coop = c_.cooperation;
    c_.AdvanceTo(CivilDay(2026, 4, 21), 9);
    const v1::AccordParty& melegnano = parties_[2];
    ASSERT_EQ(melegnano.party_id(), "melegnano");
    ASSERT_TRUE(coop.Sign(c_.Ctx(SignerOf(melegnano)), c_.id, kAccord,
                          SignatureOf(melegnano, CivilDay(2026, 4, 21)))
                    .ok());
    ASSERT_TRUE(coop.RecordApprovalAct(
                        c_.Ctx(), c_.id, kAccord,
                        {0, approval_act, CivilDay(2026, 4, 24)})
                    .ok());
    approved_at_ = c_.Last();
    c_.AdvanceTo(CivilDay(2026, 5, 6), 9);
    ASSERT_TRUE(coop.RecordPublication(c_.Ctx(), c_.id, kAccord,
                                       {0, "BURL", "Serie Avvisi n. 19",
                                        CivilDay(2026, 5, 6)})
                    .ok());
  }

  v1::AccordView Get(const v1::AsOf& as_of) {
    h_.Sync();
    auto r = h_.queries().GetAccord(c_.id, kAccord, as_of);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->value : v1::AccordView();
  }

  Cooperative c_;
  ReadModelHarness h_{*c_.district.log.log, c_.district.clock};
  std::vector<v1::AccordParty> parties_;
  uint64_t before_draft_ = 0;
  uint64_t drafted_at_ = 0;
  uint64_t ten_signed_at_ = 0;
  uint64_t approved_at_ = 0;
};

TEST_F(AccordsTest, TenOfElevenSignaturesHaveNoEffect) {
  const v1::AccordView v = Get(InForceOn(CivilDay(2026, 4, 15)));
  EXPECT_TRUE(v.exists());
  EXPECT_EQ(v.draft().kind(), v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA);
  EXPECT_EQ(v.stage(), v1::ACCORD_STAGE_BEING_SIGNED);
  EXPECT_EQ(v.parties_size(), 11);
  ASSERT_EQ(v.instruments_size(), 1);
  EXPECT_EQ(v.instruments(0).approvals_size(), 11);
  EXPECT_EQ(v.instruments(0).signatures_size(), 10);
  EXPECT_FALSE(v.in_force().in_force());
  EXPECT_EQ(v.in_force().required_parties_size(), 11);
  EXPECT_EQ(Ids(v.in_force().missing_signatures()),
            std::vector<std::string>{"melegnano"});
  EXPECT_EQ(v.in_force().missing_approvals_size(), 0);
  // As recorded just after the draft: no approval, no signature.
  const v1::AccordView drafted =
      Get(AtPositionInForceOn(drafted_at_, CivilDay(2026, 4, 15)));
  EXPECT_EQ(drafted.stage(), v1::ACCORD_STAGE_DRAFT);
  EXPECT_EQ(drafted.in_force().missing_approvals_size(), 11);
  EXPECT_EQ(drafted.in_force().missing_signatures_size(), 11);
  // Before the draft it did not exist.
  h_.Sync();
  auto before = h_.queries().GetAccord(c_.id, kAccord, AtPosition(before_draft_));
  EXPECT_EQ(before.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(AccordsTest, InForceFromTheBurPublicationAndBitemporal) {
  Conclude();
  const v1::AccordView v = Get(InForceOn(CivilDay(2026, 5, 6)));
  EXPECT_EQ(v.stage(), v1::ACCORD_STAGE_IN_FORCE);
  EXPECT_TRUE(v.in_force().in_force());
  EXPECT_EQ(domain::DayOf(v.in_force_from()), CivilDay(2026, 5, 6));
  EXPECT_EQ(domain::DayOf(v.ends_on()), CivilDay(2028, 12, 31));
  EXPECT_EQ(v.instruments(0).publication().bulletin(), "BURL");
  EXPECT_TRUE(v.instruments(0).has_approval_act());
  EXPECT_EQ(domain::DayOf(v.instruments(0).concluded_on()),
            CivilDay(2026, 4, 21));
  EXPECT_EQ(v.in_force().missing_signatures_size(), 0);
  EXPECT_FALSE(Get(InForceOn(CivilDay(2026, 5, 5))).in_force().in_force());
  EXPECT_FALSE(Get(InForceOn(CivilDay(2029, 1, 1))).in_force().in_force());
  // As recorded before the publication, 6 May is not a day in force.
  const v1::AccordView approved =
      Get(AtPositionInForceOn(approved_at_, CivilDay(2026, 5, 6)));
  EXPECT_EQ(approved.stage(), v1::ACCORD_STAGE_APPROVED);
  EXPECT_FALSE(approved.in_force().in_force());
  // Its history lists every event of the accord, oldest first.
  h_.Sync();
  v1::EntityRef ref;
  ref.set_kind(v1::ENTITY_KIND_ACCORD);
  ref.set_consortium_id(c_.id);
  ref.set_id(kAccord);
  auto history = h_.queries().History(ref, Latest(), AllOnOnePage());
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_FALSE(history->items.empty());
  EXPECT_EQ(history->items.front().event_type(), "concordia.v1.AccordDrafted");
  EXPECT_EQ(history->items.back().event_type(), "concordia.v1.AccordInForce");
}

TEST_F(AccordsTest, ListsFilterByStagePartyAndInForce) {
  h_.Sync();
  Queries& q = h_.queries();
  auto by_party = q.ListAccords(c_.id, Filter(kAny, "melegnano", false), Latest(), {});
  ASSERT_TRUE(by_party.ok()) << by_party.status();
  EXPECT_EQ(by_party->items.size(), 1u);
  auto other = q.ListAccords(c_.id, Filter(kAny, "nobody", false), Latest(), {});
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->items.empty());
  auto in_force = q.ListAccords(c_.id, Filter(kAny, "", true),
                                InForceOn(CivilDay(2026, 4, 15)), {});
  ASSERT_TRUE(in_force.ok());
  EXPECT_TRUE(in_force->items.empty());
  Conclude();
  h_.Sync();
  auto now = q.ListAccords(c_.id, Filter(v1::ACCORD_STAGE_IN_FORCE, "", true),
                           InForceOn(CivilDay(2026, 6, 1)), {});
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->items.size(), 1u);
  EXPECT_EQ(now->items[0].draft().accord_id(), kAccord);
  // As recorded when ten had signed, the list of those being signed.
  auto then = q.ListAccords(c_.id, Filter(v1::ACCORD_STAGE_BEING_SIGNED, "", false),
                            AtPosition(ten_signed_at_), {});
  ASSERT_TRUE(then.ok());
  EXPECT_EQ(then->items.size(), 1u);
}

// The deliberations read model links a deliberation to the accord it
// approves, and records the end of its window on the albo.
TEST_F(AccordsTest, DeliberationApprovingTheAccordLinksIt) {
  ConcludeWith(domain::testing::InternalAct("p-pdz"));
  h_.Sync();
  auto d = h_.queries().GetDeliberation(c_.id, "p-pdz", Latest());
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->value.approves_accords_size(), 1);
  EXPECT_EQ(d->value.approves_accords(0).accord_id(), kAccord);
  EXPECT_EQ(d->value.approves_accords(0).instrument(), 0);
  EXPECT_TRUE(d->value.approves_accords(0).approval_act());
  EXPECT_TRUE(d->value.approves_accords(0).party_id().empty());
  // Published on 10 March for 15 days: the window ended by the timer.
  EXPECT_TRUE(d->value.has_publication_ended());
  auto before = h_.queries().GetDeliberation(c_.id, "p-pdz", AtPosition(approved_at_ - 1));
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->value.approves_accords_size(), 0);
  EXPECT_EQ(Get(Latest()).instruments(0).approval_act().act().deliberation().proposal_id(),
            "p-pdz");
}

TEST_F(AccordsTest, BadInputIsRefused) {
  h_.Sync();
  Queries& q = h_.queries();
  auto bad_id = q.GetAccord(c_.id, "Not An Id", Latest());
  EXPECT_EQ(bad_id.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(bad_id.status()), "INVALID_FIELD");
  auto unknown = q.GetAccord(c_.id, "adp-none", Latest());
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  auto no_day = q.ListAccords(c_.id, Filter(kAny, "", true), Latest(), {});
  EXPECT_EQ(no_day.status().code(), absl::StatusCode::kInvalidArgument);
  auto stage = q.ListAccords(
      c_.id, Filter(static_cast<v1::AccordStage>(99), "", false), Latest(),
      {});
  EXPECT_EQ(stage.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace concordia::readmodel
