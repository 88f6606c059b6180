// Invariant 24 over a real log: members' needs aggregated into a joint
// tender; a purchase at or above the threshold starts only when in the
// approved three-year programme and run by a qualified authority; the
// thresholds are the consortium's data.
#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using absl::CivilDay;
using testing::Cooperative;

const v1::ProcurementKind kServices = v1::PROCUREMENT_KIND_SERVICES;

v1::ContractingAuthority Authority(const std::string& id, int level,
                                   bool central = false) {
  v1::ContractingAuthority a;
  a.set_authority_id(id);
  a.set_name(id);
  a.set_central_purchasing_body(central);
  v1::AuthorityQualification* q = a.add_qualifications();
  q->set_kind(kServices);
  q->set_level(level);
  return a;
}

v1::ProgrammeItem Item(const std::string& id, int64_t cents) {
  v1::ProgrammeItem i;
  i.set_item_id(id);
  i.set_title("Servizio di assistenza domiciliare 2027");
  i.set_year(2027);
  i.set_category("85311200-4");
  i.set_procurement_kind(kServices);
  i.set_amount_cents(cents);
  return i;
}

class Invariant24Test : public ::testing::Test {
 protected:
  void SetUp() override {
    Cooperation& coop = c_.cooperation;
    // The consortium (SF3), ESTAR (SF1, central purchasing body), Melegnano
    // (not qualified).
    for (const v1::ContractingAuthority& a :
         {Authority(c_.id, 3), Authority("estar", 1, true),
          Authority("melegnano", 0)}) {
      ASSERT_TRUE(
          coop.RegisterAuthority(c_.Ctx(), c_.id, a, CivilDay(2026, 1, 1))
              .ok());
    }
    // The needs for 2027, due by 31 October 2026.
    ASSERT_TRUE(
        coop.OpenNeedsCollection(c_.Ctx(), c_.id, 2027, CivilDay(2026, 10, 31))
            .ok());
    const std::pair<const char*, int64_t> needs[] = {
        {"san-giuliano-milanese", 35'000'000},
        {"san-donato-milanese", 29'000'000},
        {"melegnano", 16'000'000},
        {"dresano", 3'000'000}};
    for (const auto& [member, cents] : needs) {
      ASSERT_TRUE(
          coop.SubmitNeed(c_.Ctx(testing::Sindaco(member)), c_.id, 2027,
                          {absl::StrCat("sad-", member), member, "85311200-4",
                           kServices, "assistenza domiciliare", 1000, "hours",
                           cents, CivilDay(2026, 9, 15)})
              .ok());
    }
  }

  programme::StartPurchase Purchase(int64_t cents, const std::string& authority,
                                    const std::string& item = "sad-2027") {
    return {2027,
            "gara-sad-2027",
            "Servizio di assistenza domiciliare 2027",
            kServices,
            cents,
            "",
            item.empty() ? "" : "acquisti-2027-2029",
            item,
            authority,
            CivilDay(2027, 1, 15)};
  }

  absl::Status Start(const programme::StartPurchase& p) {
    return c_.cooperation.StartPurchase(c_.Ctx(), c_.id, p).status();
  }

  Cooperative c_;
};

TEST_F(Invariant24Test, NoPurchaseAboveTheThresholdOutsideTheProgramme) {
  Cooperation& coop = c_.cooperation;
  // Late needs are refused.
  EXPECT_EQ(
      ErrorReason(coop.SubmitNeed(c_.Ctx(), c_.id, 2027,
                                  {"late", "carpiano", "85311200-4", kServices,
                                   "x", 1, "hours", 1, CivilDay(2026, 11, 2)})
                      .status()),
      reasons::kDeadlinePassed);
  // The joint tender aggregates the four needs: EUR 830,000.
  ASSERT_TRUE(coop.AggregateNeeds(
                      c_.Ctx(), c_.id, 2027,
                      {"sad-2027",
                       "SAD 2027",
                       {"sad-san-giuliano-milanese", "sad-san-donato-milanese",
                        "sad-melegnano", "sad-dresano"}})
                  .ok());
  auto needs = coop.Needs(c_.id, 2027);
  EXPECT_EQ(needs->tenders.at("sad-2027").total_cents(), 83'000'000);
  programme::StartPurchase tender = Purchase(83'000'000, "estar");
  tender.tender_id = "sad-2027";
  // No approved programme yet: refused, nothing appended.
  uint64_t before = c_.Last();
  absl::Status refused = Start(tender);
  EXPECT_EQ(refused.code(), absl::StatusCode::kNotFound);  // no such programme
  programme::StartPurchase unlisted = tender;
  unlisted.programme_id.clear();
  unlisted.item_id.clear();
  EXPECT_EQ(ErrorReason(Start(unlisted)), reasons::kNotInProgramme);
  EXPECT_EQ(c_.Last(), before);
  // The purchasing programme 2027-2029, adopted by the Assemblea.
  ASSERT_TRUE(
      coop.DraftProgramme(c_.Ctx(), {c_.id, "acquisti-2027-2029",
                                     v1::PROGRAMME_KIND_PURCHASING_PROGRAMME,
                                     "Programma triennale degli acquisti "
                                     "2027-2029",
                                     2027, 0, ""})
          .ok());
  ASSERT_TRUE(coop.AddProgrammeItem(c_.Ctx(), c_.id, "acquisti-2027-2029",
                                    Item("sad-2027", 80'000'000))
                  .ok());
  c_.AdvanceTo(CivilDay(2026, 3, 1), 9);
  const CivilDay executive = c_.Deliberate("p-acquisti", CivilDay(2026, 3, 9));
  // Drafted, not yet adopted: still not in the approved programme.
  c_.AdvanceTo(executive);
  before = c_.Last();
  EXPECT_EQ(ErrorReason(Start(tender)), reasons::kNotInProgramme);
  ASSERT_TRUE(
      coop.AdoptProgramme(c_.Ctx(), c_.id, "acquisti-2027-2029",
                          {testing::InternalAct("p-acquisti"), executive})
          .ok());
  // Adopted for EUR 800,000 but the tender is EUR 830,000.
  before = c_.Last();
  EXPECT_EQ(ErrorReason(Start(tender)), reasons::kNotInProgramme);
  EXPECT_EQ(c_.Last(), before);
  // The annual update raises the item (an executive deliberation again).
  const CivilDay updated =
      c_.Deliberate("p-aggiornamento", CivilDay(2026, 4, 13));
  c_.AdvanceTo(updated);
  ASSERT_TRUE(coop.UpdateProgramme(c_.Ctx(), c_.id, "acquisti-2027-2029",
                                   {testing::InternalAct("p-aggiornamento"),
                                    updated,
                                    {Item("sad-2027", 90'000'000)},
                                    {}})
                  .ok());
  // Now in the programme, but the consortium's SF3 stops at EUR 750,000.
  programme::StartPurchase ours = tender;
  ours.authority_id = c_.id;
  before = c_.Last();
  EXPECT_EQ(ErrorReason(Start(ours)), reasons::kQualificationInsufficient);
  EXPECT_EQ(c_.Last(), before);
  // The central purchasing body runs it.
  ASSERT_TRUE(Start(tender).ok());
  auto started = coop.Needs(c_.id, 2027);
  const v1::PurchaseStarted& p = started->purchases.at("gara-sad-2027");
  EXPECT_EQ(p.authority_id(), "estar");
  EXPECT_EQ(p.qualification_level(), 1);
  EXPECT_EQ(p.amount_cents(), 83'000'000);
  // The programme item is used once.
  programme::StartPurchase again = Purchase(10'000'000 + 14'000'000, "estar");
  again.purchase_id = "gara-bis";
  EXPECT_EQ(ErrorReason(Start(again)), reasons::kAlreadyExists);
}

TEST_F(Invariant24Test, BelowTheThresholdAnyAuthorityAndThresholdsAreData) {
  // EUR 139,999.99 of services: no programme, no qualification needed.
  EXPECT_TRUE(Start(Purchase(13'999'999, "melegnano", "")).ok());
  programme::StartPurchase at = Purchase(14'000'000, "melegnano", "");
  at.purchase_id = "at-threshold";
  EXPECT_EQ(ErrorReason(Start(at)), reasons::kNotInProgramme);
  // The consortium lowers the qualification threshold of services to
  // EUR 40,000 from 1 January 2027.
  v1::ProcurementRules rules = programme::DefaultProcurementRules();
  for (v1::ProcurementThreshold& t : *rules.mutable_thresholds()) {
    if (t.kind() == kServices) t.set_qualification_threshold_cents(4'000'000);
  }
  ASSERT_TRUE(
      c_.cooperation
          .SetProcurementRules(c_.Ctx(), c_.id, rules, CivilDay(2027, 1, 1))
          .ok());
  programme::StartPurchase small = Purchase(5'000'000, "melegnano", "");
  small.purchase_id = "small";
  EXPECT_EQ(ErrorReason(Start(small)), reasons::kQualificationInsufficient);
  small.day = CivilDay(2026, 12, 31);  // the old rules still apply
  EXPECT_TRUE(Start(small).ok());
  programme::StartPurchase unknown = Purchase(1'000, "nessuno", "");
  unknown.purchase_id = "unknown";
  EXPECT_EQ(Start(unknown).code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace concordia::domain
