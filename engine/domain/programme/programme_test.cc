// Programmes and the procurement configuration: pure rules without storage.
#include "engine/domain/programme/programme.h"

#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "engine/domain/programme/procurement.h"
#include "gtest/gtest.h"

namespace concordia::domain::programme {
namespace {

using absl::CivilDay;

template <typename State, typename ApplyFn>
void Fold(State& s, const Events& events, ApplyFn apply) {
  for (const auto& e : events) ASSERT_TRUE(apply(s, *e, log::Record{}).ok());
}

v1::ApprovingAct Internal(const std::string& proposal) {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_proposal_id(proposal);
  return a;
}

v1::ProgrammeItem Purchase(
    const std::string& id, int year, int64_t cents,
    v1::ProcurementKind kind = v1::PROCUREMENT_KIND_SERVICES) {
  v1::ProgrammeItem i;
  i.set_item_id(id);
  i.set_title(id);
  i.set_year(year);
  i.set_category("85310000-5");
  i.set_procurement_kind(kind);
  i.set_amount_cents(cents);
  return i;
}

const AdoptionInputs kAssemblea{true, v1::BODY_KIND_ASSEMBLEA};

TEST(ProgrammeTest, PlansAreTriennialAndAnnualPlansHaveAParent) {
  ProgrammeState s;
  DraftProgramme pdz{"c",
                     "pdz",
                     v1::PROGRAMME_KIND_PIANO_DI_ZONA,
                     "Piano di Zona 2025-2027",
                     2025,
                     0,
                     ""};
  auto drafted = DecideDraftProgramme(s, pdz, nullptr);
  ASSERT_TRUE(drafted.ok()) << drafted.status();
  Fold(s, *drafted, ApplyProgrammeEvent);
  EXPECT_EQ(s.draft.last_year(), 2027);
  EXPECT_EQ(ErrorReason(DecideDraftProgramme(s, pdz, nullptr).status()),
            reasons::kAlreadyExists);
  DraftProgramme four = pdz;
  four.programme_id = "x";
  four.last_year = 2028;
  EXPECT_EQ(
      ErrorMetadata(DecideDraftProgramme({}, four, nullptr).status())["field"],
      "last_year");
  DraftProgramme poa{
      "c",        "poa-2026", v1::PROGRAMME_KIND_ANNUAL_OPERATING_PLAN,
      "POA 2026", 2026,       0,
      "pdz"};
  EXPECT_EQ(DecideDraftProgramme({}, poa, nullptr).status().code(),
            absl::StatusCode::kNotFound);
  auto annual = DecideDraftProgramme({}, poa, &s);
  ASSERT_TRUE(annual.ok()) << annual.status();
  DraftProgramme late = poa;
  late.first_year = 2028;
  EXPECT_EQ(ErrorMetadata(DecideDraftProgramme({}, late, &s).status())["field"],
            "first_year");
}

TEST(ProgrammeTest, AdoptionByAnExecutiveDeliberationOfTheCompetentBody) {
  ProgrammeState s;
  Fold(s,
       *DecideDraftProgramme(
           s,
           {"c", "acquisti", v1::PROGRAMME_KIND_PURCHASING_PROGRAMME,
            "Programma triennale acquisti 2026-2028", 2026, 0, ""},
           nullptr),
       ApplyProgrammeEvent);
  EXPECT_EQ(ErrorMetadata(
                DecideAddItem(s, Purchase("late", 2029, 1)).status())["field"],
            "item.year");
  v1::ProgrammeItem no_kind = Purchase("k", 2026, 1);
  no_kind.clear_procurement_kind();
  EXPECT_EQ(ErrorMetadata(DecideAddItem(s, no_kind).status())["field"],
            "item.procurement_kind");
  Fold(s, *DecideAddItem(s, Purchase("sad-2026", 2026, 50'000'000)),
       ApplyProgrammeEvent);
  Fold(s, *DecideAddItem(s, Purchase("drop", 2027, 1)), ApplyProgrammeEvent);
  EXPECT_EQ(ErrorReason(DecideAddItem(s, Purchase("drop", 2027, 1)).status()),
            reasons::kAlreadyExists);
  Fold(s, *DecideRemoveItem(s, "drop"), ApplyProgrammeEvent);
  const CivilDay day(2026, 3, 20);
  EXPECT_EQ(ErrorReason(DecideAdopt(s, {Internal("p"), day},
                                    {true, v1::BODY_KIND_TAVOLO_TECNICO})
                            .status()),
            reasons::kWrongBody);
  EXPECT_EQ(ErrorReason(DecideAdopt(s, {Internal("p"), day},
                                    {false, v1::BODY_KIND_ASSEMBLEA})
                            .status()),
            reasons::kDeliberationNotExecutive);
  v1::ApprovingAct external;
  external.mutable_deliberation()->set_body("Giunta");
  external.mutable_deliberation()->set_number("1");
  *external.mutable_deliberation()->mutable_date() = ToDate(day);
  *external.mutable_declared_executive_on() = ToDate(day);
  EXPECT_EQ(ErrorMetadata(DecideAdopt(s, {external, day}, {true, std::nullopt})
                              .status())["field"],
            "act");
  // The board may adopt the purchasing programme.
  auto adopted =
      DecideAdopt(s, {Internal("p"), day}, {true, v1::BODY_KIND_GIUNTA});
  ASSERT_TRUE(adopted.ok()) << adopted.status();
  Fold(s, *adopted, ApplyProgrammeEvent);
  EXPECT_EQ(s.adoption->total_cents(), 50'000'000);
  EXPECT_FALSE(s.AdoptedOn(day - 1));
  EXPECT_TRUE(s.ItemsOn(day - 1).empty());
  EXPECT_EQ(s.ItemsOn(day).count("sad-2026"), 1u);
  EXPECT_EQ(ErrorReason(DecideAddItem(s, Purchase("new", 2027, 1)).status()),
            reasons::kInvalidStateTransition);
  // The annual update applies from its own day.
  const CivilDay update_day(2026, 12, 15);
  UpdateProgramme u{Internal("u"),
                    update_day,
                    {Purchase("ict-2027", 2027, 30'000'000)},
                    {"sad-2026"}};
  EXPECT_EQ(
      ErrorReason(DecideUpdate(
                      s, {Internal("u"), day - 5, {Purchase("x", 2027, 1)}, {}},
                      kAssemblea)
                      .status()),
      reasons::kRetroactiveChange);
  Fold(s, *DecideUpdate(s, u, kAssemblea), ApplyProgrammeEvent);
  EXPECT_EQ(s.ItemsOn(update_day - 1).count("ict-2027"), 0u);
  EXPECT_EQ(s.ItemsOn(update_day).count("ict-2027"), 1u);
  EXPECT_EQ(s.ItemsOn(update_day).count("sad-2026"), 0u);
  EXPECT_EQ(
      DecideUpdate(s, {Internal("u2"), update_day, {}, {"gone"}}, kAssemblea)
          .status()
          .code(),
      absl::StatusCode::kNotFound);
}

TEST(ProgrammeTest, PlansAreAdoptedByTheAssembleaOnly) {
  ProgrammeState s;
  Fold(
      s,
      *DecideDraftProgramme(
          s, {"c", "pdz", v1::PROGRAMME_KIND_PIANO_DI_ZONA, "PdZ", 2025, 0, ""},
          nullptr),
      ApplyProgrammeEvent);
  EXPECT_EQ(ErrorReason(DecideAdopt(s, {Internal("p"), CivilDay(2025, 2, 1)},
                                    {true, v1::BODY_KIND_GIUNTA})
                            .status()),
            reasons::kWrongBody);
  EXPECT_TRUE(
      DecideAdopt(s, {Internal("p"), CivilDay(2025, 2, 1)}, kAssemblea).ok());
}

TEST(ProcurementTest, DefaultsAreTheLawsFigures) {
  const v1::ProcurementRules r = DefaultProcurementRules();
  ASSERT_TRUE(ValidateProcurementRules(r).ok());
  EXPECT_EQ(
      ThresholdFor(r, v1::PROCUREMENT_KIND_GOODS)->programme_threshold_cents(),
      14'000'000);
  EXPECT_EQ(
      ThresholdFor(r, v1::PROCUREMENT_KIND_WORKS)->programme_threshold_cents(),
      15'000'000);
  EXPECT_EQ(LevelFor(r, v1::PROCUREMENT_KIND_SERVICES, 3)->max_amount_cents(),
            75'000'000);
  EXPECT_EQ(LevelFor(r, v1::PROCUREMENT_KIND_WORKS, 1)->max_amount_cents(), 0);
}

TEST(ProcurementTest, RulesAndAuthoritiesByEffectiveDate) {
  ProcurementState s;
  v1::ProcurementRules stricter = DefaultProcurementRules();
  stricter.mutable_thresholds(2)->set_qualification_threshold_cents(50'000'000);
  Fold(s, *DecideSetRules(s, "c", stricter, CivilDay(2026, 7, 1)),
       ApplyProcurementEvent);
  EXPECT_EQ(
      ThresholdFor(s.RulesAt(CivilDay(2026, 6, 30)), v1::PROCUREMENT_KIND_WORKS)
          ->qualification_threshold_cents(),
      15'000'000);
  EXPECT_EQ(
      ThresholdFor(s.RulesAt(CivilDay(2026, 7, 1)), v1::PROCUREMENT_KIND_WORKS)
          ->qualification_threshold_cents(),
      50'000'000);
  EXPECT_EQ(
      ErrorReason(
          DecideSetRules(s, "c", stricter, CivilDay(2026, 1, 1)).status()),
      reasons::kRetroactiveChange);
  v1::ProcurementRules broken = DefaultProcurementRules();
  broken.mutable_levels(1)->set_max_amount_cents(1);  // SF2 below SF3
  EXPECT_EQ(ErrorMetadata(DecideSetRules(s, "c", broken, CivilDay(2027, 1, 1))
                              .status())["field"],
            "rules.levels");
  v1::ProcurementRules missing = DefaultProcurementRules();
  missing.mutable_thresholds()->RemoveLast();
  EXPECT_EQ(ErrorMetadata(ValidateProcurementRules(missing))["field"],
            "rules.thresholds");
  v1::ContractingAuthority estar;
  estar.set_authority_id("estar");
  estar.set_name("ESTAR");
  estar.set_central_purchasing_body(true);
  v1::AuthorityQualification* q = estar.add_qualifications();
  q->set_kind(v1::PROCUREMENT_KIND_SERVICES);
  q->set_level(1);
  Fold(s, *DecideRegisterAuthority(s, "c", estar, CivilDay(2026, 1, 1)),
       ApplyProcurementEvent);
  EXPECT_EQ(s.AuthorityAt("estar", CivilDay(2025, 12, 31)), nullptr);
  ASSERT_NE(s.AuthorityAt("estar", CivilDay(2026, 1, 1)), nullptr);
  EXPECT_EQ(AuthorityLevel(*s.AuthorityAt("estar", CivilDay(2026, 1, 1)),
                           v1::PROCUREMENT_KIND_SERVICES),
            1);
  EXPECT_EQ(AuthorityLevel(*s.AuthorityAt("estar", CivilDay(2026, 1, 1)),
                           v1::PROCUREMENT_KIND_WORKS),
            0);
}

}  // namespace
}  // namespace concordia::domain::programme
