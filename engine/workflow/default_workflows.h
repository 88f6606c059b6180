// Concordia's default workflow definitions, in one place: the kinds of act
// the issue names — deliberation of a body, opinion of the Tavolo Tecnico,
// programme approval, accord approval, report submission — defined as the
// aggregates of engine/domain run them. A statute that defines no workflow
// for one of these kinds follows its default here; a statute may replace any
// of them (and add new kinds) by defining the kind itself.
//
// Figures and the law they come from:
//  - deliberation: the technical opinion unless a mere policy act and the
//    accounting opinion with financial effects before the agenda (TUEL
//    art. 49; invariant 13); the secretary of the deciding body places it on
//    the agenda and records the outcome.
//  - tavolo-opinion: the Tavolo Tecnico gives its opinion within 20 days of
//    the request, rolled to the next working day (L. 241/1990 art. 16 c.1);
//    when it does not, the opinion lapses and the procedure goes on without
//    it (c.2).
//  - programme-approval, accord-approval, report-submission: one action each
//    as their aggregates perform it (adoption, each party's approval and the
//    conclusion, the submission).
//
// Thread-safety: pure functions returning fresh values.
//
// Example:
//   v1::Statute statute = ...;
//   *statute.add_workflows() = DefaultWorkflow(kTavoloOpinion).value();
#ifndef CONCORDIA_ENGINE_WORKFLOW_DEFAULT_WORKFLOWS_H_
#define CONCORDIA_ENGINE_WORKFLOW_DEFAULT_WORKFLOWS_H_

#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "concordia/v1/governance.pb.h"

namespace concordia::workflow {

// Days the Tavolo Tecnico has to give its opinion (L. 241/1990 art. 16 c.1).
inline constexpr int kOpinionDays = 20;

// The five default definitions.
std::vector<v1::WorkflowDefinition> DefaultWorkflows();
// The default definition of `kind`, if it has one.
std::optional<v1::WorkflowDefinition> DefaultWorkflow(absl::string_view kind);

// Builders for definitions (used by the defaults and by tests that write
// statutes).
v1::Performer Performs(v1::Role role, v1::PerformerScope scope,
                       v1::BodyKind body_kind = v1::BODY_KIND_UNSPECIFIED);
v1::WorkflowState State(absl::string_view name, absl::string_view title,
                        bool terminal = false);
v1::WorkflowTransition Transition(absl::string_view action,
                                  absl::string_view title,
                                  std::vector<absl::string_view> from,
                                  absl::string_view to,
                                  std::vector<v1::Performer> performers);
v1::RequiredOpinion Requires(absl::string_view opinion,
                             absl::string_view only_if_flag = "",
                             absl::string_view unless_flag = "");

}  // namespace concordia::workflow

#endif  // CONCORDIA_ENGINE_WORKFLOW_DEFAULT_WORKFLOWS_H_
