// Needs, joint tenders and invariant 24 on purchases: pure rules.
#include "engine/domain/programme/needs.h"

#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "gtest/gtest.h"

namespace concordia::domain::programme {
namespace {

using absl::CivilDay;

template <typename State, typename ApplyFn>
void Fold(State& s, const Events& events, ApplyFn apply) {
  for (const auto& e : events) ASSERT_TRUE(apply(s, *e, log::Record{}).ok());
}

const v1::ProcurementKind kServices = v1::PROCUREMENT_KIND_SERVICES;

class NeedsTest : public ::testing::Test {
 protected:
  NeedsTest() {
    for (const char* m : {"carpiano", "dresano", "melegnano"}) {
      consortium_.members[m] = consortium::Member{
          m, m, v1::MEMBER_KIND_COMUNE, CivilDay(2024, 1, 1), std::nullopt};
    }
    Fold(needs_,
         *DecideOpenCollection(needs_, "c", 2027, CivilDay(2026, 10, 31),
                               CivilDay(2026, 9, 1)),
         ApplyNeedsEvent);
    // The purchasing programme 2027-2029, adopted on 15 December 2026.
    Fold(programme_,
         *DecideDraftProgramme(
             programme_,
             {"c", "acquisti", v1::PROGRAMME_KIND_PURCHASING_PROGRAMME,
              "Programma acquisti", 2027, 0, ""},
             nullptr),
         ApplyProgrammeEvent);
    v1::ProgrammeItem item;
    item.set_item_id("sad-2027");
    item.set_title("Servizio di assistenza domiciliare");
    item.set_year(2027);
    item.set_category("85311200-4");
    item.set_procurement_kind(kServices);
    item.set_amount_cents(90'000'000);  // EUR 900,000
    Fold(programme_, *DecideAddItem(programme_, item), ApplyProgrammeEvent);
    v1::ApprovingAct act;
    act.mutable_deliberation()->set_proposal_id("p-acquisti");
    Fold(programme_,
         *DecideAdopt(programme_, {act, CivilDay(2026, 12, 15)},
                      {true, v1::BODY_KIND_ASSEMBLEA}),
         ApplyProgrammeEvent);
    Register("sudestmilano", 3);  // SF3: up to EUR 750,000
    Register("estar", 1);
    Register("comune-piccolo", 0);
  }

  void Register(const std::string& id, int level) {
    v1::ContractingAuthority a;
    a.set_authority_id(id);
    a.set_name(id);
    v1::AuthorityQualification* q = a.add_qualifications();
    q->set_kind(kServices);
    q->set_level(level);
    Fold(procurement_,
         *DecideRegisterAuthority(procurement_, "c", a, CivilDay(2026, 1, 1)),
         ApplyProcurementEvent);
  }

  SubmitNeed Need(const std::string& id, const std::string& member,
                  int64_t cents, const std::string& category = "85311200-4") {
    return {id,
            member,
            category,
            kServices,
            "assistenza domiciliare",
            1000,
            "hours",
            cents,
            CivilDay(2026, 10, 15)};
  }

  StartPurchase Purchase(int64_t cents, const std::string& authority,
                         const std::string& item = "sad-2027") {
    return {2027,
            "gara-sad",
            "Assistenza domiciliare 2027",
            kServices,
            cents,
            "",
            item.empty() ? "" : "acquisti",
            item,
            authority,
            CivilDay(2027, 2, 1)};
  }

  absl::StatusOr<Events> Start(const StartPurchase& p,
                               const ProgrammeState* programme = nullptr) {
    return DecideStartPurchase(
        needs_, "c", p,
        {programme == nullptr ? &programme_ : programme, &procurement_});
  }

  consortium::ConsortiumState consortium_;
  NeedsState needs_;
  ProgrammeState programme_;
  ProcurementState procurement_;
};

TEST_F(NeedsTest, MembersSubmitNeedsUntilTheDeadline) {
  ASSERT_TRUE(
      DecideSubmitNeed(needs_, Need("n1", "carpiano", 1), consortium_).ok());
  SubmitNeed late = Need("n2", "carpiano", 1);
  late.day = CivilDay(2026, 11, 1);
  EXPECT_EQ(ErrorReason(DecideSubmitNeed(needs_, late, consortium_).status()),
            reasons::kDeadlinePassed);
  EXPECT_EQ(
      ErrorReason(DecideSubmitNeed(needs_, Need("n3", "milano", 1), consortium_)
                      .status()),
      reasons::kNotAMember);
  NeedsState closed;
  EXPECT_EQ(ErrorReason(
                DecideSubmitNeed(closed, Need("n4", "carpiano", 1), consortium_)
                    .status()),
            reasons::kInvalidStateTransition);
  EXPECT_EQ(ErrorReason(DecideOpenCollection(needs_, "c", 2027,
                                             CivilDay(2026, 10, 31),
                                             CivilDay(2026, 9, 2))
                            .status()),
            reasons::kAlreadyExists);
}

TEST_F(NeedsTest, JointTendersAggregateOneCategory) {
  Fold(needs_,
       *DecideSubmitNeed(needs_, Need("n1", "carpiano", 30'000'000),
                         consortium_),
       ApplyNeedsEvent);
  Fold(
      needs_,
      *DecideSubmitNeed(needs_, Need("n2", "dresano", 20'000'000), consortium_),
      ApplyNeedsEvent);
  Fold(needs_,
       *DecideSubmitNeed(needs_, Need("n3", "melegnano", 40'000'000),
                         consortium_),
       ApplyNeedsEvent);
  Fold(needs_,
       *DecideSubmitNeed(needs_, Need("ict", "melegnano", 1, "72000000-5"),
                         consortium_),
       ApplyNeedsEvent);
  EXPECT_EQ(
      ErrorReason(
          DecideAggregate(needs_, {"t", "mixed", {"n1", "ict"}}).status()),
      reasons::kCategoryMismatch);
  EXPECT_EQ(ErrorMetadata(
                DecideWithdrawNeed(needs_, "n1", "dresano").status())["field"],
            "member_id");
  auto tender = DecideAggregate(needs_, {"sad", "SAD", {"n1", "n2", "n3"}});
  ASSERT_TRUE(tender.ok()) << tender.status();
  Fold(needs_, *tender, ApplyNeedsEvent);
  const v1::NeedsAggregated& t = needs_.tenders.at("sad");
  EXPECT_EQ(t.total_cents(), 90'000'000);
  EXPECT_EQ(t.member_ids_size(), 3);
  EXPECT_EQ(
      ErrorReason(DecideAggregate(needs_, {"again", "x", {"n1"}}).status()),
      reasons::kInvalidStateTransition);
  EXPECT_EQ(ErrorReason(DecideWithdrawNeed(needs_, "n1", "carpiano").status()),
            reasons::kInvalidStateTransition);
  // The tender's purchase runs for its total, by a qualified authority.
  StartPurchase p = Purchase(90'000'000, "estar");
  p.tender_id = "sad";
  auto started = Start(p);
  ASSERT_TRUE(started.ok()) << started.status();
  Fold(needs_, *started, ApplyNeedsEvent);
  EXPECT_EQ(needs_.purchases.at("gara-sad").qualification_level(), 1);
  StartPurchase twice = p;
  twice.purchase_id = "gara-2";
  EXPECT_EQ(ErrorReason(Start(twice).status()), reasons::kAlreadyExists);
}

TEST_F(NeedsTest, Invariant24ProgrammeThreshold) {
  // Below EUR 140,000: no programme needed.
  EXPECT_TRUE(Start(Purchase(13'999'999, "comune-piccolo", "")).ok());
  // At the threshold: the programme is needed.
  EXPECT_EQ(ErrorReason(Start(Purchase(14'000'000, "estar", "")).status()),
            reasons::kNotInProgramme);
  EXPECT_EQ(ErrorReason(Start(Purchase(14'000'000, "estar", "other")).status()),
            reasons::kNotInProgramme);
  // More than programmed.
  EXPECT_EQ(ErrorReason(Start(Purchase(90'000'001, "estar")).status()),
            reasons::kNotInProgramme);
  // Not approved on the day.
  StartPurchase early = Purchase(50'000'000, "estar");
  early.day = CivilDay(2026, 12, 14);
  EXPECT_EQ(ErrorReason(Start(early).status()), reasons::kNotInProgramme);
  // Another year.
  StartPurchase next_year = Purchase(50'000'000, "estar");
  next_year.year = 2028;
  EXPECT_EQ(ErrorReason(Start(next_year).status()), reasons::kNotInProgramme);
  // Another kind.
  StartPurchase goods = Purchase(50'000'000, "estar");
  goods.kind = v1::PROCUREMENT_KIND_GOODS;
  EXPECT_EQ(ErrorReason(Start(goods).status()), reasons::kNotInProgramme);
  EXPECT_TRUE(Start(Purchase(90'000'000, "estar")).ok());
}

TEST_F(NeedsTest, Invariant24Qualification) {
  // EUR 750,000 is within SF3; one cent more is not.
  EXPECT_TRUE(Start(Purchase(75'000'000, "sudestmilano")).ok());
  EXPECT_EQ(ErrorReason(Start(Purchase(75'000'001, "sudestmilano")).status()),
            reasons::kQualificationInsufficient);
  EXPECT_EQ(ErrorReason(Start(Purchase(14'000'000, "comune-piccolo")).status()),
            reasons::kQualificationInsufficient);
  EXPECT_TRUE(Start(Purchase(13'999'999, "comune-piccolo", "")).ok());
  EXPECT_EQ(Start(Purchase(14'000'000, "nobody")).status().code(),
            absl::StatusCode::kNotFound);
  // The thresholds are data: a stricter consortium.
  v1::ProcurementRules rules = DefaultProcurementRules();
  rules.mutable_thresholds(1)->set_qualification_threshold_cents(4'000'000);
  Fold(procurement_,
       *DecideSetRules(procurement_, "c", rules, CivilDay(2027, 1, 1)),
       ApplyProcurementEvent);
  EXPECT_EQ(
      ErrorReason(Start(Purchase(4'000'000, "comune-piccolo", "")).status()),
      reasons::kQualificationInsufficient);
}

}  // namespace
}  // namespace concordia::domain::programme
