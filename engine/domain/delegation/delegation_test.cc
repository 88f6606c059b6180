// The Delegation's pure rules, without storage.
#include "engine/domain/delegation/delegation.h"

#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "gtest/gtest.h"

namespace concordia::domain::delegation {
namespace {

using absl::CivilDay;

const v1::Function kHomeCare = v1::FUNCTION_HOME_CARE;

void Fold(DelegationState& s, const Events& events) {
  for (const auto& e : events) {
    ASSERT_TRUE(ApplyDelegationEvent(s, *e, log::Record{}).ok());
  }
}

v1::Exerciser Consortium() {
  v1::Exerciser e;
  e.set_kind(v1::EXERCISER_KIND_CONSORTIUM);
  return e;
}

v1::Exerciser Lead(const std::string& id) {
  v1::Exerciser e;
  e.set_kind(v1::EXERCISER_KIND_LEAD_ENTE);
  e.set_lead_member_id(id);
  return e;
}

v1::ApprovingAct Act(CivilDay executive) {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_body("Consiglio comunale");
  a.mutable_deliberation()->set_number("3");
  *a.mutable_deliberation()->mutable_date() = ToDate(executive - 11);
  *a.mutable_declared_executive_on() = ToDate(executive);
  return a;
}

v1::CostSharingRule PerUse() {
  v1::CostSharingRule r;
  r.set_method(v1::COST_SHARING_METHOD_PER_USE);
  return r;
}

class DelegationTest : public ::testing::Test {
 protected:
  DelegationTest() {
    for (const char* m : {"carpiano", "dresano", "melegnano"}) {
      consortium_.members[m] = consortium::Member{
          m, m, v1::MEMBER_KIND_COMUNE, CivilDay(2024, 1, 1), std::nullopt};
    }
  }
  Delegate To(const v1::Exerciser& e, CivilDay day,
              const std::string& member = "carpiano") {
    return {member, kHomeCare, e, day, "", Act(day), PerUse()};
  }
  absl::StatusOr<Events> Run(DelegationState& s, const Delegate& d,
                             bool executive = true) {
    auto e = DecideDelegate(s, "c", d, {&consortium_, nullptr, executive});
    if (e.ok()) Fold(s, *e);
    return e;
  }

  consortium::ConsortiumState consortium_;
};

TEST(FunctionTest, SlugsAndStreams) {
  EXPECT_EQ(FunctionSlug(v1::FUNCTION_ICT_SERVICES), "ict-services");
  EXPECT_EQ(DelegationStream("sudestmilano", "melegnano",
                             v1::FUNCTION_CHILD_PROTECTION),
            "sudestmilano/delegation/melegnano/child-protection");
  EXPECT_EQ(AllFunctions().size(), 10u);
  EXPECT_EQ(AllFunctions().front(), v1::FUNCTION_SOCIAL_SERVICES);
}

TEST_F(DelegationTest, DelegateAndRevokeChangeWhoExercises) {
  DelegationState s;
  EXPECT_EQ(s.ExerciseOn(CivilDay(2026, 1, 1)).exerciser.kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  ASSERT_TRUE(Run(s, To(Consortium(), CivilDay(2026, 3, 1))).ok());
  EXPECT_EQ(s.ExerciseOn(CivilDay(2026, 2, 28)).exerciser.kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  const FunctionExercise on = s.ExerciseOn(CivilDay(2026, 3, 1));
  EXPECT_EQ(on.exerciser.kind(), v1::EXERCISER_KIND_CONSORTIUM);
  ASSERT_TRUE(on.delegation.has_value());
  EXPECT_EQ(on.delegation->cost_sharing().method(),
            v1::COST_SHARING_METHOD_PER_USE);
  auto revoked = DecideRevoke(
      s, "c",
      {CivilDay(2027, 1, 1), Act(CivilDay(2026, 12, 1)), "internalised"}, true);
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  Fold(s, *revoked);
  EXPECT_EQ(s.ExerciseOn(CivilDay(2026, 12, 31)).exerciser.kind(),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(s.ExerciseOn(CivilDay(2027, 1, 1)).exerciser.kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  // Delegating again from the day of the revocation is fine.
  ASSERT_TRUE(Run(s, To(Lead("melegnano"), CivilDay(2027, 1, 1))).ok());
  EXPECT_EQ(s.ExerciseOn(CivilDay(2027, 1, 1)).exerciser.lead_member_id(),
            "melegnano");
  EXPECT_EQ(s.periods.size(), 2u);
}

TEST_F(DelegationTest, OneExerciserAtATime) {
  DelegationState s;
  ASSERT_TRUE(Run(s, To(Consortium(), CivilDay(2026, 3, 1))).ok());
  EXPECT_EQ(
      ErrorReason(Run(s, To(Lead("melegnano"), CivilDay(2026, 6, 1))).status()),
      reasons::kFunctionAlreadyDelegated);
  EXPECT_EQ(
      ErrorReason(Run(s, To(Lead("melegnano"), CivilDay(2026, 1, 1))).status()),
      reasons::kRetroactiveChange);
  EXPECT_EQ(ErrorReason(
                DecideRevoke(
                    s, "c",
                    {CivilDay(2026, 2, 1), Act(CivilDay(2026, 1, 1)), ""}, true)
                    .status()),
            reasons::kFunctionNotDelegated);
  EXPECT_EQ(ErrorMetadata(
                DecideRevoke(
                    s, "c",
                    {CivilDay(2026, 3, 1), Act(CivilDay(2026, 2, 1)), ""}, true)
                    .status())["field"],
            "effective_from");
  EXPECT_EQ(ErrorReason(DecideRevoke(s, "c",
                                     {CivilDay(2026, 9, 1),
                                      Act(CivilDay(2026, 8, 1)), ""},
                                     false)
                            .status()),
            reasons::kDeliberationNotExecutive);
}

TEST_F(DelegationTest, MembersDeliberationsAndAccordsAreChecked) {
  DelegationState s;
  EXPECT_EQ(ErrorReason(
                Run(s, To(Consortium(), CivilDay(2026, 3, 1)), false).status()),
            reasons::kDeliberationNotExecutive);
  EXPECT_EQ(
      ErrorReason(
          Run(s, To(Consortium(), CivilDay(2026, 3, 1), "milano")).status()),
      reasons::kNotAMember);
  EXPECT_EQ(
      ErrorReason(Run(s, To(Lead("pavia"), CivilDay(2026, 3, 1))).status()),
      reasons::kNotAMember);
  EXPECT_EQ(
      ErrorMetadata(
          Run(s, To(Lead("carpiano"), CivilDay(2026, 3, 1))).status())["field"],
      "delegate.lead_member_id");
  Delegate both = To(Consortium(), CivilDay(2026, 3, 1));
  both.accord_id = "conv";
  EXPECT_EQ(ErrorMetadata(Run(s, both).status())["field"], "accord_id");
  Delegate no_rule = To(Consortium(), CivilDay(2026, 3, 1));
  no_rule.cost_sharing.Clear();
  EXPECT_EQ(ErrorMetadata(Run(s, no_rule).status())["field"],
            "cost_sharing.method");
  // Under an accord: in force on the day, both member and lead its parties.
  accord::AccordState conv;
  conv.exists = true;
  conv.draft.set_accord_id("conv");
  for (const char* p : {"carpiano", "dresano"}) {
    conv.parties[p].info.set_party_id(p);
    conv.parties[p].info.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
  }
  conv.instruments[0];
  Delegate under = To(Lead("dresano"), CivilDay(2026, 3, 1));
  under.act.Clear();
  under.accord_id = "conv";
  EXPECT_EQ(
      ErrorReason(
          DecideDelegate(s, "c", under, {&consortium_, &conv, false}).status()),
      reasons::kNotInForce);
  conv.in_force_from = CivilDay(2026, 2, 1);
  conv.ends_on = CivilDay(2028, 12, 31);
  Delegate to_melegnano = under;
  to_melegnano.delegate = Lead("melegnano");
  EXPECT_EQ(ErrorReason(DecideDelegate(s, "c", to_melegnano,
                                       {&consortium_, &conv, false})
                            .status()),
            reasons::kNotAParty);
  auto made = DecideDelegate(s, "c", under, {&consortium_, &conv, false});
  ASSERT_TRUE(made.ok()) << made.status();
  Fold(s, *made);
  // The delegation holds while the accord binds both; it lapses after.
  const FunctionExercise on = s.ExerciseOn(CivilDay(2028, 12, 31));
  EXPECT_EQ(UnderAccord(on, &conv, CivilDay(2028, 12, 31)).exerciser.kind(),
            v1::EXERCISER_KIND_LEAD_ENTE);
  const FunctionExercise after = UnderAccord(s.ExerciseOn(CivilDay(2029, 1, 1)),
                                             &conv, CivilDay(2029, 1, 1));
  EXPECT_TRUE(after.lapsed);
  EXPECT_EQ(after.exerciser.kind(), v1::EXERCISER_KIND_MEMBER_ITSELF);
  conv.parties["dresano"].withdrawn_from = CivilDay(2027, 1, 1);
  EXPECT_TRUE(UnderAccord(s.ExerciseOn(CivilDay(2027, 1, 1)), &conv,
                          CivilDay(2027, 1, 1))
                  .lapsed);
  EXPECT_TRUE(UnderAccord(on, nullptr, CivilDay(2028, 12, 31)).lapsed);
}

TEST_F(DelegationTest, SuccessionInheritsAgreeingArrangements) {
  std::map<std::string, DelegationState> preds;
  ASSERT_TRUE(
      Run(preds["carpiano"], To(Consortium(), CivilDay(2026, 3, 1))).ok());
  ASSERT_TRUE(
      Run(preds["dresano"], To(Consortium(), CivilDay(2026, 4, 1), "dresano"))
          .ok());
  const CivilDay merger(2027, 1, 1);
  auto agreed = ResolveInheritance(kHomeCare, preds, merger, std::nullopt);
  ASSERT_TRUE(agreed.ok()) << agreed.status();
  EXPECT_EQ(agreed->exerciser.kind(), v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(agreed->from, (std::vector<std::string>{"carpiano", "dresano"}));
  DelegationState successor;
  Events inherit =
      DecideInherit(successor, "c", "nuovo", kHomeCare, *agreed, merger);
  ASSERT_EQ(inherit.size(), 1u);
  Fold(successor, inherit);
  EXPECT_EQ(successor.ExerciseOn(merger).exerciser.kind(),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(successor.ExerciseOn(merger).delegation->inherited_from_size(), 2);
  EXPECT_TRUE(DecideInherit(successor, "c", "nuovo", kHomeCare, *agreed, merger)
                  .empty());
  Events cease = DecideCease(preds["carpiano"], "c", "carpiano", kHomeCare,
                             "nuovo", merger);
  ASSERT_EQ(cease.size(), 1u);
  Fold(preds["carpiano"], cease);
  EXPECT_TRUE(preds["carpiano"].ExerciseOn(merger).ceased);
  EXPECT_EQ(preds["carpiano"].ExerciseOn(merger).successor_id, "nuovo");
  EXPECT_EQ(preds["carpiano"].ExerciseOn(merger - 1).exerciser.kind(),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_TRUE(DecideCease(preds["carpiano"], "c", "carpiano", kHomeCare,
                          "nuovo", merger)
                  .empty());
  EXPECT_EQ(ErrorReason(
                Run(preds["carpiano"], To(Consortium(), merger + 1, "carpiano"))
                    .status()),
            reasons::kNotAMember);
}

TEST_F(DelegationTest, SuccessionConflictsNeedAChoice) {
  std::map<std::string, DelegationState> preds;
  ASSERT_TRUE(
      Run(preds["carpiano"], To(Consortium(), CivilDay(2026, 3, 1))).ok());
  preds["dresano"];  // exercises it itself
  const CivilDay merger(2027, 1, 1);
  EXPECT_EQ(
      ErrorReason(
          ResolveInheritance(kHomeCare, preds, merger, std::nullopt).status()),
      reasons::kSuccessionConflict);
  auto itself = ResolveInheritance(kHomeCare, preds, merger, MemberItself());
  ASSERT_TRUE(itself.ok());
  EXPECT_EQ(itself->exerciser.kind(), v1::EXERCISER_KIND_MEMBER_ITSELF);
  EXPECT_EQ(ResolveInheritance(kHomeCare, preds, merger, Lead("melegnano"))
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  // A delegation to a lead ente that is itself merged becomes the
  // successor's own exercise.
  std::map<std::string, DelegationState> lead_merges;
  ASSERT_TRUE(
      Run(lead_merges["carpiano"], To(Lead("dresano"), CivilDay(2026, 3, 1)))
          .ok());
  lead_merges["dresano"];
  auto own = ResolveInheritance(kHomeCare, lead_merges, merger, std::nullopt);
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(own->exerciser.kind(), v1::EXERCISER_KIND_MEMBER_ITSELF);
}

TEST_F(DelegationTest, DelegationsToAMergedLeadPassToTheSuccessor) {
  DelegationState s;
  ASSERT_TRUE(Run(s, To(Lead("melegnano"), CivilDay(2026, 3, 1))).ok());
  const CivilDay merger(2027, 1, 1);
  EXPECT_TRUE(
      DecideLeadSucceeded(s, "c", {"dresano"}, "nuovo", merger).empty());
  Events moved =
      DecideLeadSucceeded(s, "c", {"melegnano", "dresano"}, "nuovo", merger);
  ASSERT_EQ(moved.size(), 1u);
  Fold(s, moved);
  EXPECT_EQ(s.ExerciseOn(merger - 1).exerciser.lead_member_id(), "melegnano");
  EXPECT_EQ(s.ExerciseOn(merger).exerciser.lead_member_id(), "nuovo");
  EXPECT_TRUE(
      DecideLeadSucceeded(s, "c", {"melegnano", "dresano"}, "nuovo", merger)
          .empty());
  EXPECT_EQ(ErrorReason(CheckNotRetroactive(s, merger - 1)),
            reasons::kRetroactiveChange);
}

}  // namespace
}  // namespace concordia::domain::delegation
