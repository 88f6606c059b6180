#include "tests/workflow/statutes.h"

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/domain/governance/testing/district.h"
#include "engine/workflow/default_workflows.h"
#include "engine/workflow/kinds.h"

namespace concordia::testing {
namespace {

using workflow::Performs;
using workflow::Requires;
using workflow::State;
using workflow::Transition;

v1::StateDeadline Deadline(calendar::DeadlineRule rule,
                           v1::DeadlineOutcome outcome,
                           const std::string& action = "") {
  v1::StateDeadline d;
  *d.mutable_period() = calendar::ToProto(rule);
  d.set_outcome(outcome);
  d.set_action(action);
  return d;
}

v1::WorkflowOpinion AderentiOpinion() {
  v1::WorkflowOpinion o;
  o.set_name("aderenti");
  o.set_title("Parere del Tavolo degli Aderenti");
  o.set_body_kind(v1::BODY_KIND_TAVOLO_ADERENTI);
  *o.add_given_by() =
      Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_BODY_OF_KIND,
               v1::BODY_KIND_TAVOLO_ADERENTI);
  return o;
}

}  // namespace

v1::WorkflowDefinition AccessRequestKind() {
  v1::WorkflowDefinition d;
  d.set_act_kind(kAccessRequest);
  d.set_title("Richiesta di accesso agli atti (art. 25 L. 241/1990)");
  d.set_concerns_member(true);
  *d.add_starters() =
      Performs(v1::ROLE_MEMBER_DELEGATE, v1::PERFORMER_SCOPE_ACT_MEMBER);
  d.set_initial_state("submitted");
  calendar::DeadlineRule thirty = calendar::Period(30);
  thirty.roll_to_working_day = true;
  v1::WorkflowState submitted = State("submitted", "Presentata");
  *submitted.mutable_deadline() = Deadline(
      thirty, v1::DEADLINE_OUTCOME_AUTOMATIC_TRANSITION, "silent-refusal");
  *d.add_states() = submitted;
  *d.add_states() = State("granted", "Accolta", true);
  *d.add_states() = State("refused", "Respinta", true);
  const v1::Performer office =
      Performs(v1::ROLE_UFFICIO_DI_PIANO, v1::PERFORMER_SCOPE_ANY);
  *d.add_transitions() =
      Transition("grant", "Accoglimento", {"submitted"}, "granted", {office});
  *d.add_transitions() = Transition("refuse", "Diniego motivato", {"submitted"},
                                    "refused", {office});
  *d.add_transitions() = Transition("silent-refusal", "Silenzio-rigetto",
                                    {"submitted"}, "refused", {});
  return d;
}

v1::WorkflowDefinition AderentiOpinionKind() {
  v1::WorkflowDefinition d;
  d.set_act_kind(kAderentiOpinion);
  d.set_title("Parere del Tavolo degli Aderenti");
  d.set_concerns_body(true);
  d.set_body_kind(v1::BODY_KIND_TAVOLO_ADERENTI);
  d.add_subject_kinds(workflow::kDeliberation);
  *d.add_starters() =
      Performs(v1::ROLE_UFFICIO_DI_PIANO, v1::PERFORMER_SCOPE_ANY);
  d.set_initial_state("requested");
  v1::WorkflowState requested = State("requested", "Richiesto");
  *requested.mutable_deadline() =
      Deadline(calendar::Period(15), v1::DEADLINE_OUTCOME_FLAG_OVERDUE);
  *d.add_states() = requested;
  *d.add_states() = State("given", "Reso", true);
  v1::WorkflowTransition give =
      Transition("give", "Espressione del parere", {"requested"}, "given",
                 {Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_ACT_BODY)});
  give.set_delivers_opinion("aderenti");
  *d.add_transitions() = give;
  return d;
}

v1::WorkflowDefinition PlanningDeliberation() {
  v1::WorkflowDefinition d =
      *workflow::DefaultWorkflow(workflow::kDeliberation);
  d.set_title("Deliberazione di un organo (statuto 2026)");
  d.add_flags(kSocialPlanning);
  *d.add_opinions() = AderentiOpinion();
  for (v1::WorkflowTransition& t : *d.mutable_transitions()) {
    if (t.action() != workflow::kPlaceOnAgenda) continue;
    *t.add_required_opinions() =
        Requires(workflow::kTavoloTecnicoOpinion, kSocialPlanning);
    *t.add_required_opinions() = Requires("aderenti", kSocialPlanning);
  }
  return d;
}

v1::WorkflowDefinition PlanningProgrammeApproval() {
  v1::WorkflowDefinition d =
      *workflow::DefaultWorkflow(workflow::kProgrammeApproval);
  for (v1::WorkflowTransition& t : *d.mutable_transitions()) {
    if (t.action() != workflow::kAdopt) continue;
    *t.add_required_opinions() = Requires(workflow::kTavoloTecnicoOpinion);
  }
  return d;
}

v1::Statute StatuteWithWorkflows() {
  v1::Statute st = domain::testing::DistrictStatute();
  *st.add_workflows() = AccessRequestKind();
  *st.add_workflows() = AderentiOpinionKind();
  *st.add_workflows() = PlanningDeliberation();
  *st.add_workflows() = PlanningProgrammeApproval();
  return st;
}

std::string SecretaryOf(const std::string& body_id) {
  return absl::StrCat("segretario@", body_id);
}

std::string DelegateOf(const std::string& member_id) {
  return domain::testing::Sindaco(member_id);
}

workflow::Caller Secretary(const std::string& body_id,
                           const std::string& consortium_id) {
  const std::string p = SecretaryOf(body_id);
  return {p, {{consortium_id, p, v1::ROLE_SECRETARY, body_id}}};
}

workflow::Caller Delegate(const std::string& member_id,
                          const std::string& consortium_id) {
  const std::string p = DelegateOf(member_id);
  return {p, {{consortium_id, p, v1::ROLE_MEMBER_DELEGATE, member_id}}};
}

workflow::Caller UfficioDiPiano(const std::string& consortium_id) {
  return {kUfficio, {{consortium_id, kUfficio, v1::ROLE_UFFICIO_DI_PIANO, ""}}};
}

}  // namespace concordia::testing
