// Workflow definitions as the statute carries them: which definition is in
// force for a kind of act, lookups inside a definition, and the validation
// every statute passes before it is adopted (ValidateStatute calls
// ValidateWorkflows).
//
// A statute's definition of a kind replaces Concordia's default for it
// (default_workflows.h); a kind neither defines is unknown
// (UNKNOWN_ACT_KIND for the commands). Validation is structural and names
// the offending field ("statute.workflows[1].transitions[0].to_state"):
// states, actions and opinions are ids unique in their definition; every
// action leads from non-terminal states to a state of the definition; a
// deadline's automatic action may be performed in its state; performers
// name a role able to act and a scope that fits the role and the kind;
// required opinions and flags are declared; an action delivering an opinion
// belongs to a kind with subjects, each of which declares that opinion; and
// the kinds Concordia's aggregates keep (kinds.h) define the actions those
// aggregates perform, with the subject fields the aggregate sets.
//
// Thread-safety: pure functions; the defaults are immutable.
//
// Example:
//   CONCORDIA_RETURN_IF_ERROR(ValidateWorkflows(st.workflows(), "statute"));
//   const v1::WorkflowDefinition* d = DefinitionIn(st, "tavolo-opinion");
//   const v1::WorkflowTransition* give = FindTransition(*d, "give");
#ifndef CONCORDIA_ENGINE_WORKFLOW_DEFINITION_H_
#define CONCORDIA_ENGINE_WORKFLOW_DEFINITION_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "concordia/v1/governance.pb.h"
#include "google/protobuf/repeated_field.h"

namespace concordia::workflow {

using Definitions = google::protobuf::RepeatedPtrField<v1::WorkflowDefinition>;

// The definition of `kind` in force under `statute`: the statute's own, else
// Concordia's default (`*is_default` says which); nullptr when neither
// defines it. The pointer lives as long as `statute` (defaults forever).
const v1::WorkflowDefinition* DefinitionIn(const v1::Statute& statute,
                                           absl::string_view kind,
                                           bool* is_default = nullptr);

const v1::WorkflowState* FindState(const v1::WorkflowDefinition& d,
                                   absl::string_view name);
const v1::WorkflowTransition* FindTransition(const v1::WorkflowDefinition& d,
                                             absl::string_view action);
const v1::WorkflowOpinion* FindOpinion(const v1::WorkflowDefinition& d,
                                       absl::string_view name);
// Whether `action` may be performed in `state`.
bool AllowedIn(const v1::WorkflowTransition& t, absl::string_view state);
// Whether the act's flags make `r` required.
bool IsRequired(const v1::RequiredOpinion& r,
                const google::protobuf::RepeatedPtrField<std::string>& flags);

// Validates the statute's definitions (`field` is the statute's field name,
// e.g. "statute"): kInvalidArgument naming the offending field.
absl::Status ValidateWorkflows(const Definitions& definitions,
                               const std::string& field);

}  // namespace concordia::workflow

#endif  // CONCORDIA_ENGINE_WORKFLOW_DEFINITION_H_
