// Test helpers for workflows as data: the kinds of act a statute change of
// the Sud Est Milano district adds — none of them known to any code — and
// callers holding the district's roles.
//
//  - "accesso-atti": a member's request for access to documents (L.
//    241/1990 art. 25): filed by the member's delegate for its member,
//    granted or refused by the Ufficio di Piano; 30 days of silence refuse
//    it (automatic "silent-refusal"), the last day rolled to a working day.
//  - "parere-aderenti": the opinion of the Tavolo degli Aderenti on a
//    proposal (the third sector's consultation): requested by the Ufficio di
//    Piano, given by the Tavolo's secretary within 15 days, else flagged
//    overdue; giving it delivers the opinion "aderenti" to the proposal.
//  - the deliberation's workflow, redefined: a proposal flagged
//    "social-planning" enters the agenda only with the Tavolo Tecnico's
//    opinion and the Tavolo degli Aderenti's.
//  - the programme approval, redefined: adopted only with the Tavolo
//    Tecnico's opinion (given, or lapsed after its 20 days).
//
// Thread-safety: pure functions.
//
// Example:
//   v1::Statute v2 = StatuteWithWorkflows();
//   governance.AdoptStatute(ctx, id, {v2, CivilDay(2026, 4, 1), ref});
#ifndef CONCORDIA_TESTS_WORKFLOW_STATUTES_H_
#define CONCORDIA_TESTS_WORKFLOW_STATUTES_H_

#include <string>

#include "concordia/v1/governance.pb.h"
#include "engine/workflow/caller.h"

namespace concordia::testing {

inline constexpr char kAccessRequest[] = "accesso-atti";
inline constexpr char kAderentiOpinion[] = "parere-aderenti";
inline constexpr char kSocialPlanning[] = "social-planning";

v1::WorkflowDefinition AccessRequestKind();
v1::WorkflowDefinition AderentiOpinionKind();
v1::WorkflowDefinition PlanningDeliberation();
v1::WorkflowDefinition PlanningProgrammeApproval();
// The district's statute (governance/testing/district.h) with the four
// definitions above.
v1::Statute StatuteWithWorkflows();

// Callers of the district (consortium "sudestmilano" unless given).
workflow::Caller Secretary(const std::string& body_id,
                           const std::string& consortium_id = "sudestmilano");
workflow::Caller Delegate(const std::string& member_id,
                          const std::string& consortium_id = "sudestmilano");
workflow::Caller UfficioDiPiano(
    const std::string& consortium_id = "sudestmilano");
// The principals those callers name.
std::string SecretaryOf(const std::string& body_id);
std::string DelegateOf(const std::string& member_id);
inline constexpr char kUfficio[] = "ufficio@sudestmilano";

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_WORKFLOW_STATUTES_H_
