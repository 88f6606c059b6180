// The kinds of act Concordia's aggregates keep, and the actions those
// aggregates perform in their workflows: the seam between the law's rules
// (in code) and the statute's procedure (data).
//
// A workflow definition (concordia.v1.WorkflowDefinition in the statute) may
// name any kind. Four kinds are kept by an aggregate of engine/domain: the
// aggregate is the legal record (numbers, votes, signatures, submissions)
// and performs some of the kind's actions through its own commands:
//  - a *guarded* action is checked against the workflow in force before the
//    aggregate's command appends anything (state, performer, opinions) and
//    recorded on the act's stream after it;
//  - a *recorded* action follows a fact the law decides (the outcome of a
//    vote, the last signature): it is recorded whatever the act's state.
// Every other action of these kinds, and every action of any other kind,
// is performed through the generic workflow commands (workflows.h).
//
// Thread-safety: constants and pure functions.
//
// Example:
//   const BoundKind* bound = FindBoundKind("deliberation");
//   if (bound != nullptr && bound->Binds("adopt")) { ... }
#ifndef CONCORDIA_ENGINE_WORKFLOW_KINDS_H_
#define CONCORDIA_ENGINE_WORKFLOW_KINDS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "concordia/v1/governance.pb.h"

namespace concordia::workflow {

// Kinds of act with a default definition (default_workflows.h).
inline constexpr char kDeliberation[] = "deliberation";
inline constexpr char kTavoloOpinion[] = "tavolo-opinion";
inline constexpr char kProgrammeApproval[] = "programme-approval";
inline constexpr char kAccordApproval[] = "accord-approval";
inline constexpr char kReportSubmission[] = "report-submission";

// Actions the aggregates perform.
inline constexpr char kPlaceOnAgenda[] = "place-on-agenda";  // Convene, AddItem
inline constexpr char kAdopt[] = "adopt";      // Proclaim; AdoptProgramme
inline constexpr char kReject[] = "reject";    // Proclaim
inline constexpr char kApprove[] = "approve";  // RecordApproval (instrument 0)
inline constexpr char kConclude[] = "conclude";  // the last signature
inline constexpr char kSubmit[] = "submit";      // SubmitReport

// Flags the deliberation aggregate sets on its acts, from the proposal.
inline constexpr char kFlagFinancialEffects[] = "financial-effects";
inline constexpr char kFlagMerePolicyAct[] = "mere-policy-act";
inline constexpr char kFlagEconomicBenefit[] = "economic-benefit";

// The opinions of TUEL art. 49 on a deliberation: given on the deliberation
// itself (Governance::GiveOpinion), never attached to its act.
inline constexpr char kTechnicalOpinion[] = "technical";
inline constexpr char kAccountingOpinion[] = "accounting";
// The Tavolo Tecnico's opinion, as the default definitions name it.
inline constexpr char kTavoloTecnicoOpinion[] = "tavolo-tecnico";

// A kind kept by an aggregate.
struct BoundKind {
  std::string kind;
  // The aggregate and the command that starts its acts (for messages).
  std::string started_by;
  std::vector<std::string> guarded_actions;
  std::vector<std::string> recorded_actions;
  // Flags the aggregate may set besides those the definition declares.
  std::vector<std::string> flags;

  bool Binds(absl::string_view action) const;
  bool SetsFlag(absl::string_view flag) const;
  // The command performing `action`, for messages ("Governance::Convene").
  std::string CommandFor(absl::string_view action) const;
};

// The kind's binding, or nullptr for kinds run only from their definition.
const BoundKind* FindBoundKind(absl::string_view kind);
const std::vector<BoundKind>& BoundKinds();

// The flag a deliberation's act carries for the proposal's kind of act:
// "act-ordinary", "act-statute-change", "act-admission", "act-withdrawal",
// "act-dissolution", "act-budget", "act-persons".
std::string ActKindFlag(v1::ActKind act_kind);

}  // namespace concordia::workflow

#endif  // CONCORDIA_ENGINE_WORKFLOW_KINDS_H_
