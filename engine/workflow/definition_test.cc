#include "engine/workflow/definition.h"

#include <functional>
#include <string>
#include <vector>

#include "engine/calendar/calendar.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/common/errors.h"
#include "engine/workflow/default_workflows.h"
#include "engine/workflow/kinds.h"
#include "gtest/gtest.h"

namespace concordia::workflow {
namespace {

std::string FieldOf(const absl::Status& s) { return ErrorMetadata(s)["field"]; }

// A kind no aggregate keeps: a request for access to documents (L. 241/1990
// art. 25): refused by silence after 30 days.
v1::WorkflowDefinition AccessRequest() {
  v1::WorkflowDefinition d;
  d.set_act_kind("accesso-atti");
  d.set_title("Richiesta di accesso agli atti");
  d.set_concerns_member(true);
  *d.add_starters() =
      Performs(v1::ROLE_MEMBER_DELEGATE, v1::PERFORMER_SCOPE_ACT_MEMBER);
  d.set_initial_state("submitted");
  v1::WorkflowState submitted = State("submitted", "Presentata");
  *submitted.mutable_deadline()->mutable_period() =
      calendar::ToProto(calendar::Period(30));
  submitted.mutable_deadline()->set_outcome(
      v1::DEADLINE_OUTCOME_AUTOMATIC_TRANSITION);
  submitted.mutable_deadline()->set_action("silent-refusal");
  *d.add_states() = submitted;
  *d.add_states() = State("granted", "Accolta", true);
  *d.add_states() = State("refused", "Respinta", true);
  *d.add_transitions() = Transition(
      "grant", "Accoglimento", {"submitted"}, "granted",
      {Performs(v1::ROLE_UFFICIO_DI_PIANO, v1::PERFORMER_SCOPE_ANY)});
  *d.add_transitions() = Transition("silent-refusal", "Silenzio-rigetto",
                                    {"submitted"}, "refused", {});
  return d;
}

Definitions Of(std::vector<v1::WorkflowDefinition> ds) {
  Definitions out;
  for (v1::WorkflowDefinition& d : ds) *out.Add() = std::move(d);
  return out;
}

TEST(DefinitionTest, TheDefaultsAreValidAndCoverTheFiveKinds) {
  const std::vector<v1::WorkflowDefinition> defaults = DefaultWorkflows();
  ASSERT_EQ(defaults.size(), 5u);
  EXPECT_TRUE(ValidateWorkflows(Of(defaults), "statute").ok());
  for (const char* kind : {kDeliberation, kTavoloOpinion, kProgrammeApproval,
                           kAccordApproval, kReportSubmission}) {
    EXPECT_TRUE(DefaultWorkflow(kind).has_value()) << kind;
  }
  for (const BoundKind& b : BoundKinds()) {
    EXPECT_TRUE(DefaultWorkflow(b.kind).has_value()) << b.kind;
  }
  // Twenty days for the Tavolo Tecnico, then the opinion lapses.
  const v1::WorkflowDefinition tavolo = *DefaultWorkflow(kTavoloOpinion);
  const v1::WorkflowState* requested = FindState(tavolo, "requested");
  ASSERT_NE(requested, nullptr);
  EXPECT_EQ(requested->deadline().period().amount(), kOpinionDays);
  EXPECT_TRUE(requested->deadline().period().roll_to_working_day());
  EXPECT_EQ(requested->deadline().action(), "lapse");
}

TEST(DefinitionTest, TheStatutesDefinitionReplacesTheDefault) {
  v1::Statute statute;
  bool is_default = false;
  const v1::WorkflowDefinition* d =
      DefinitionIn(statute, kDeliberation, &is_default);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(is_default);
  EXPECT_EQ(DefinitionIn(statute, "accesso-atti"), nullptr);
  v1::WorkflowDefinition mine = *DefaultWorkflow(kDeliberation);
  mine.set_title("Deliberazione (statuto 2026)");
  *statute.add_workflows() = mine;
  *statute.add_workflows() = AccessRequest();
  d = DefinitionIn(statute, kDeliberation, &is_default);
  EXPECT_FALSE(is_default);
  EXPECT_EQ(d->title(), "Deliberazione (statuto 2026)");
  EXPECT_NE(DefinitionIn(statute, "accesso-atti"), nullptr);
  EXPECT_TRUE(ValidateWorkflows(statute.workflows(), "statute").ok());
}

TEST(DefinitionTest, LookupsAndConditionalOpinions) {
  const v1::WorkflowDefinition d = *DefaultWorkflow(kDeliberation);
  const v1::WorkflowTransition* agenda = FindTransition(d, kPlaceOnAgenda);
  ASSERT_NE(agenda, nullptr);
  EXPECT_TRUE(AllowedIn(*agenda, "drafted"));
  EXPECT_TRUE(AllowedIn(*agenda, "on-agenda"));
  EXPECT_FALSE(AllowedIn(*agenda, "adopted"));
  EXPECT_EQ(FindTransition(d, "publish"), nullptr);
  EXPECT_NE(FindOpinion(d, kTavoloTecnicoOpinion), nullptr);
  google::protobuf::RepeatedPtrField<std::string> none, policy, money;
  *policy.Add() = kFlagMerePolicyAct;
  *money.Add() = kFlagFinancialEffects;
  const v1::RequiredOpinion& technical = agenda->required_opinions(0);
  const v1::RequiredOpinion& accounting = agenda->required_opinions(1);
  EXPECT_TRUE(IsRequired(technical, none));
  EXPECT_FALSE(IsRequired(technical, policy));
  EXPECT_FALSE(IsRequired(accounting, none));
  EXPECT_TRUE(IsRequired(accounting, money));
}

// One malformed definition, and the field its rejection names.
struct Broken {
  std::string what;
  std::function<void(Definitions&)> mutate;
  std::string field;
};

TEST(DefinitionTest, MalformedDefinitionsNameTheField) {
  const std::vector<Broken> cases = {
      {"a kind twice", [](Definitions& d) { *d.Add() = AccessRequest(); },
       "statute.workflows[2].act_kind"},
      {"a kind that is no id",
       [](Definitions& d) { d[1].set_act_kind("Accesso"); },
       "statute.workflows[1].act_kind"},
      {"no states", [](Definitions& d) { d[1].clear_states(); },
       "statute.workflows[1].states"},
      {"a state twice",
       [](Definitions& d) { *d[1].add_states() = State("granted", "bis"); },
       "statute.workflows[1].states[3].name"},
      {"an initial state that is not a state",
       [](Definitions& d) { d[1].set_initial_state("filed"); },
       "statute.workflows[1].initial_state"},
      {"a terminal initial state",
       [](Definitions& d) { d[1].set_initial_state("granted"); },
       "statute.workflows[1].initial_state"},
      {"an action twice",
       [](Definitions& d) { *d[1].add_transitions() = d[1].transitions(0); },
       "statute.workflows[1].transitions[2].action"},
      {"an action from nowhere",
       [](Definitions& d) { d[1].mutable_transitions(0)->clear_from_states(); },
       "statute.workflows[1].transitions[0].from_states"},
      {"an action from an unknown state",
       [](Definitions& d) {
         d[1].mutable_transitions(0)->set_from_states(0, "filed");
       },
       "statute.workflows[1].transitions[0].from_states[0]"},
      {"an action from a terminal state",
       [](Definitions& d) {
         d[1].mutable_transitions(0)->add_from_states("refused");
       },
       "statute.workflows[1].transitions[0].from_states[1]"},
      {"an action to an unknown state",
       [](Definitions& d) { d[1].mutable_transitions(0)->set_to_state("x"); },
       "statute.workflows[1].transitions[0].to_state"},
      {"a performer without a role",
       [](Definitions& d) {
         d[1].mutable_transitions(0)->mutable_performers(0)->clear_role();
       },
       "statute.workflows[1].transitions[0].performers[0].role"},
      {"an auditor performing",
       [](Definitions& d) {
         d[1].mutable_transitions(0)->mutable_performers(0)->set_role(
             v1::ROLE_AUDITOR);
       },
       "statute.workflows[1].transitions[0].performers[0].role"},
      {"a delegate scoped to a body",
       [](Definitions& d) {
         *d[1].mutable_transitions(0)->mutable_performers(0) = Performs(
             v1::ROLE_MEMBER_DELEGATE, v1::PERFORMER_SCOPE_BODY_OF_KIND,
             v1::BODY_KIND_ASSEMBLEA);
       },
       "statute.workflows[1].transitions[0].performers[0].scope"},
      {"a body of no kind",
       [](Definitions& d) {
         *d[1].mutable_transitions(0)->mutable_performers(0) =
             Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_BODY_OF_KIND);
       },
       "statute.workflows[1].transitions[0].performers[0].body_kind"},
      {"the act's body of a kind that concerns none",
       [](Definitions& d) {
         *d[1].mutable_transitions(0)->mutable_performers(0) =
             Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_ACT_BODY);
       },
       "statute.workflows[1].transitions[0].performers[0].scope"},
      {"an action nobody performs",
       [](Definitions& d) { d[1].mutable_transitions(0)->clear_performers(); },
       "statute.workflows[1].transitions[0].performers"},
      {"an undeclared required opinion",
       [](Definitions& d) {
         *d[1].mutable_transitions(0)->add_required_opinions() =
             Requires("revisore");
       },
       "statute.workflows[1].transitions[0].required_opinions[0].opinion"},
      {"an undeclared flag",
       [](Definitions& d) {
         *d[0].mutable_transitions(0)->add_required_opinions() =
             Requires(kTavoloTecnicoOpinion, "social-planning");
       },
       "statute.workflows[0].transitions[0].required_opinions[2]."
       "only_if_flag"},
      {"an opinion delivered by a kind with no subjects",
       [](Definitions& d) {
         d[1].mutable_transitions(0)->set_delivers_opinion("tavolo-tecnico");
       },
       "statute.workflows[1].transitions[0].delivers_opinion"},
      {"a deadline on a terminal state",
       [](Definitions& d) {
         *d[1].mutable_states(1)->mutable_deadline() =
             d[1].states(0).deadline();
       },
       "statute.workflows[1].states[1].deadline"},
      {"a deadline of no days",
       [](Definitions& d) {
         d[1].mutable_states(0)
             ->mutable_deadline()
             ->mutable_period()
             ->set_amount(0);
       },
       "statute.workflows[1].states[0].deadline.period.amount"},
      {"a deadline without its outcome",
       [](Definitions& d) {
         d[1].mutable_states(0)->mutable_deadline()->clear_outcome();
       },
       "statute.workflows[1].states[0].deadline.outcome"},
      {"an automatic action that is not an action",
       [](Definitions& d) {
         d[1].mutable_states(0)->mutable_deadline()->set_action("lapse");
       },
       "statute.workflows[1].states[0].deadline.action"},
      {"an overdue flag with an action",
       [](Definitions& d) {
         d[1].mutable_states(0)->mutable_deadline()->set_outcome(
             v1::DEADLINE_OUTCOME_FLAG_OVERDUE);
       },
       "statute.workflows[1].states[0].deadline.action"},
      {"a generic kind nobody starts",
       [](Definitions& d) { d[1].clear_starters(); },
       "statute.workflows[1].starters"},
      {"a subject that is no kind",
       [](Definitions& d) { d[1].add_subject_kinds("protocollo"); },
       "statute.workflows[1].subject_kinds[0]"},
      {"an aggregate's kind without its action",
       [](Definitions& d) {
         d[0].mutable_transitions(0)->set_action("calendar");
       },
       "statute.workflows[0].transitions"},
      {"an aggregate's kind concerning a member",
       [](Definitions& d) { d[0].set_concerns_member(true); },
       "statute.workflows[0].concerns_member"},
      {"an aggregate's action performed by a deadline",
       [](Definitions& d) {
         v1::StateDeadline* dl = d[0].mutable_states(0)->mutable_deadline();
         *dl->mutable_period() = calendar::ToProto(calendar::Period(60));
         dl->set_outcome(v1::DEADLINE_OUTCOME_AUTOMATIC_TRANSITION);
         dl->set_action(kPlaceOnAgenda);
       },
       "statute.workflows[0].transitions[0].action"},
      {"a subject that does not declare the opinion delivered to it",
       [](Definitions& d) {
         // The statute's deliberation drops the Tavolo Tecnico's opinion,
         // which the default tavolo-opinion delivers to deliberations.
         d[0].mutable_opinions()->RemoveLast();
       },
       "statute.workflows[0].opinions"},
  };
  for (const Broken& c : cases) {
    Definitions d = Of({*DefaultWorkflow(kDeliberation), AccessRequest()});
    ASSERT_TRUE(ValidateWorkflows(d, "statute").ok()) << c.what;
    c.mutate(d);
    const absl::Status s = ValidateWorkflows(d, "statute");
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.what;
    EXPECT_EQ(FieldOf(s), c.field) << c.what << ": " << s.message();
  }
}

TEST(KindsTest, TheAggregatesActionsAndFlags) {
  const BoundKind* deliberation = FindBoundKind(kDeliberation);
  ASSERT_NE(deliberation, nullptr);
  EXPECT_TRUE(deliberation->Binds(kPlaceOnAgenda));
  EXPECT_TRUE(deliberation->Binds(kAdopt));
  EXPECT_FALSE(deliberation->Binds("request-opinion"));
  EXPECT_TRUE(deliberation->SetsFlag("act-statute-change"));
  EXPECT_TRUE(deliberation->SetsFlag(kFlagFinancialEffects));
  EXPECT_EQ(ActKindFlag(v1::ACT_KIND_STATUTE_CHANGE), "act-statute-change");
  EXPECT_EQ(ActKindFlag(v1::ACT_KIND_BUDGET), "act-budget");
  EXPECT_EQ(FindBoundKind(kTavoloOpinion), nullptr);
  EXPECT_EQ(FindBoundKind("accesso-atti"), nullptr);
}

}  // namespace
}  // namespace concordia::workflow
