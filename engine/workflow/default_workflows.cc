#include "engine/workflow/default_workflows.h"

#include <string>

#include "engine/calendar/calendar.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/workflow/kinds.h"

namespace concordia::workflow {
namespace {

v1::WorkflowOpinion Opinion(absl::string_view name, absl::string_view title,
                            v1::BodyKind body_kind,
                            std::vector<v1::Performer> given_by) {
  v1::WorkflowOpinion o;
  o.set_name(std::string(name));
  o.set_title(std::string(title));
  o.set_body_kind(body_kind);
  for (v1::Performer& p : given_by) *o.add_given_by() = std::move(p);
  return o;
}

v1::WorkflowOpinion TavoloTecnicoOpinion() {
  return Opinion(kTavoloTecnicoOpinion, "Parere del Tavolo Tecnico",
                 v1::BODY_KIND_TAVOLO_TECNICO,
                 {Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_BODY_OF_KIND,
                           v1::BODY_KIND_TAVOLO_TECNICO)});
}

v1::Performer UfficioDiPiano() {
  return Performs(v1::ROLE_UFFICIO_DI_PIANO, v1::PERFORMER_SCOPE_ANY);
}

v1::WorkflowDefinition Deliberation() {
  v1::WorkflowDefinition d;
  d.set_act_kind(kDeliberation);
  d.set_title("Deliberazione di un organo");
  d.set_concerns_body(true);
  d.set_initial_state("drafted");
  *d.add_states() = State("drafted", "Proposta di deliberazione");
  *d.add_states() = State("on-agenda", "All'ordine del giorno");
  *d.add_states() = State("adopted", "Adottata", true);
  *d.add_states() = State("rejected", "Respinta", true);
  *d.add_opinions() =
      Opinion(kTechnicalOpinion, "Parere di regolarita' tecnica (art. 49 TUEL)",
              v1::BODY_KIND_UNSPECIFIED, {UfficioDiPiano()});
  *d.add_opinions() = Opinion(kAccountingOpinion,
                              "Parere di regolarita' contabile (art. 49 TUEL)",
                              v1::BODY_KIND_UNSPECIFIED, {UfficioDiPiano()});
  *d.add_opinions() = TavoloTecnicoOpinion();
  const v1::Performer secretary =
      Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_ACT_BODY);
  v1::WorkflowTransition agenda =
      Transition(kPlaceOnAgenda, "Iscrizione all'ordine del giorno",
                 {"drafted", "on-agenda"}, "on-agenda", {secretary});
  *agenda.add_required_opinions() =
      Requires(kTechnicalOpinion, "", kFlagMerePolicyAct);
  *agenda.add_required_opinions() =
      Requires(kAccountingOpinion, kFlagFinancialEffects);
  *d.add_transitions() = agenda;
  *d.add_transitions() =
      Transition(kAdopt, "Adozione", {"on-agenda"}, "adopted", {secretary});
  *d.add_transitions() =
      Transition(kReject, "Reiezione", {"on-agenda"}, "rejected", {secretary});
  return d;
}

v1::WorkflowDefinition TavoloOpinion() {
  v1::WorkflowDefinition d;
  d.set_act_kind(kTavoloOpinion);
  d.set_title("Parere del Tavolo Tecnico");
  d.set_concerns_body(true);
  d.set_body_kind(v1::BODY_KIND_TAVOLO_TECNICO);
  d.add_subject_kinds(kDeliberation);
  d.add_subject_kinds(kProgrammeApproval);
  d.add_subject_kinds(kAccordApproval);
  *d.add_starters() = UfficioDiPiano();
  d.set_initial_state("requested");
  v1::WorkflowState requested = State("requested", "Parere richiesto");
  calendar::DeadlineRule twenty = calendar::Period(kOpinionDays);
  twenty.roll_to_working_day = true;
  *requested.mutable_deadline()->mutable_period() = calendar::ToProto(twenty);
  requested.mutable_deadline()->set_outcome(
      v1::DEADLINE_OUTCOME_AUTOMATIC_TRANSITION);
  requested.mutable_deadline()->set_action("lapse");
  *d.add_states() = requested;
  *d.add_states() = State("given", "Parere reso", true);
  *d.add_states() = State("lapsed", "Termine decorso senza parere", true);
  v1::WorkflowTransition give =
      Transition("give", "Espressione del parere", {"requested"}, "given",
                 {Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_ACT_BODY)});
  give.set_delivers_opinion(kTavoloTecnicoOpinion);
  *d.add_transitions() = give;
  v1::WorkflowTransition lapse =
      Transition("lapse", "Decorso del termine (art. 16 c.2 L. 241/1990)",
                 {"requested"}, "lapsed", {});
  lapse.set_delivers_opinion(kTavoloTecnicoOpinion);
  *d.add_transitions() = lapse;
  return d;
}

v1::WorkflowDefinition ProgrammeApproval() {
  v1::WorkflowDefinition d;
  d.set_act_kind(kProgrammeApproval);
  d.set_title("Approvazione di un programma");
  d.set_initial_state("drafted");
  *d.add_states() = State("drafted", "In redazione");
  *d.add_states() = State("adopted", "Adottato", true);
  *d.add_opinions() = TavoloTecnicoOpinion();
  *d.add_transitions() = Transition(
      kAdopt, "Adozione con deliberazione esecutiva", {"drafted"}, "adopted",
      {UfficioDiPiano(),
       Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_BODY_OF_KIND,
                v1::BODY_KIND_ASSEMBLEA),
       Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_BODY_OF_KIND,
                v1::BODY_KIND_GIUNTA)});
  return d;
}

v1::WorkflowDefinition AccordApproval() {
  v1::WorkflowDefinition d;
  d.set_act_kind(kAccordApproval);
  d.set_title("Approvazione di un accordo");
  d.set_initial_state("drafted");
  *d.add_states() = State("drafted", "In approvazione e sottoscrizione");
  *d.add_states() = State("concluded", "Concluso", true);
  *d.add_opinions() = TavoloTecnicoOpinion();
  const v1::Performer party =
      Performs(v1::ROLE_MEMBER_DELEGATE, v1::PERFORMER_SCOPE_ACTING_MEMBER);
  *d.add_transitions() =
      Transition(kApprove, "Approvazione di una parte", {"drafted"}, "drafted",
                 {party, UfficioDiPiano()});
  *d.add_transitions() = Transition(kConclude, "Ultima sottoscrizione",
                                    {"drafted"}, "concluded", {party});
  return d;
}

v1::WorkflowDefinition ReportSubmission() {
  v1::WorkflowDefinition d;
  d.set_act_kind(kReportSubmission);
  d.set_title("Rendicontazione di un progetto finanziato");
  d.set_initial_state("due");
  *d.add_states() = State("due", "Da rendicontare");
  *d.add_states() = State("submitted", "Rendicontato", true);
  *d.add_transitions() = Transition(kSubmit, "Trasmissione del rendiconto",
                                    {"due"}, "submitted", {UfficioDiPiano()});
  return d;
}

}  // namespace

v1::Performer Performs(v1::Role role, v1::PerformerScope scope,
                       v1::BodyKind body_kind) {
  v1::Performer p;
  p.set_role(role);
  p.set_scope(scope);
  p.set_body_kind(body_kind);
  return p;
}

v1::WorkflowState State(absl::string_view name, absl::string_view title,
                        bool terminal) {
  v1::WorkflowState s;
  s.set_name(std::string(name));
  s.set_title(std::string(title));
  s.set_terminal(terminal);
  return s;
}

v1::WorkflowTransition Transition(absl::string_view action,
                                  absl::string_view title,
                                  std::vector<absl::string_view> from,
                                  absl::string_view to,
                                  std::vector<v1::Performer> performers) {
  v1::WorkflowTransition t;
  t.set_action(std::string(action));
  t.set_title(std::string(title));
  for (absl::string_view f : from) t.add_from_states(std::string(f));
  t.set_to_state(std::string(to));
  for (v1::Performer& p : performers) *t.add_performers() = std::move(p);
  return t;
}

v1::RequiredOpinion Requires(absl::string_view opinion,
                             absl::string_view only_if_flag,
                             absl::string_view unless_flag) {
  v1::RequiredOpinion r;
  r.set_opinion(std::string(opinion));
  r.set_only_if_flag(std::string(only_if_flag));
  r.set_unless_flag(std::string(unless_flag));
  return r;
}

std::vector<v1::WorkflowDefinition> DefaultWorkflows() {
  return {Deliberation(), TavoloOpinion(), ProgrammeApproval(),
          AccordApproval(), ReportSubmission()};
}

std::optional<v1::WorkflowDefinition> DefaultWorkflow(absl::string_view kind) {
  for (v1::WorkflowDefinition& d : DefaultWorkflows()) {
    if (d.act_kind() == kind) return std::move(d);
  }
  return std::nullopt;
}

}  // namespace concordia::workflow
