// Who performs a step of a workflow: the principal and the role grants it
// holds. The API layer builds it from access control (CallerFrom) and passes
// it to the workflow handlers; the pure decisions match it against the
// performers the definition in force names.
//
// A performer matches a grant of its role held in the act's consortium (or
// system-wide) whose scope fits: any scope (PERFORMER_SCOPE_ANY), the act's
// body or member, the member the step is performed for, or a body of the
// consortium of the given kind.
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   Caller caller = CallerFrom(access, "segretario@tavolo", "sudestmilano");
//   std::optional<v1::Role> role = MatchPerformer(t.performers(), caller,
//   facts);
#ifndef CONCORDIA_ENGINE_WORKFLOW_CALLER_H_
#define CONCORDIA_ENGINE_WORKFLOW_CALLER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "concordia/v1/governance.pb.h"
#include "engine/access/access_control.h"
#include "google/protobuf/repeated_field.h"

namespace concordia::workflow {

struct Caller {
  std::string principal;
  // The grants the principal holds (other principals' grants are ignored).
  std::vector<access::Grant> grants;
};

// The caller's grants in `consortium_id` and system-wide, from access
// control; a bootstrap administrator holds ROLE_ADMINISTRATOR.
Caller CallerFrom(const access::AccessControl& access,
                  const std::string& principal,
                  const std::string& consortium_id);

// What a performer's scope is matched against.
struct ScopeFacts {
  std::string consortium_id;
  std::string act_body_id;
  std::string act_member_id;
  std::string acting_member_id;
  const std::map<std::string, v1::BodyKind>* bodies = nullptr;
};

// The role of the first of `performers` the caller's grants satisfy, or
// nullopt.
std::optional<v1::Role> MatchPerformer(
    const google::protobuf::RepeatedPtrField<v1::Performer>& performers,
    const Caller& caller, const ScopeFacts& facts);

// "ROLE_SECRETARY of the act's body, ROLE_UFFICIO_DI_PIANO": who the
// performers are, for messages.
std::string DescribePerformers(
    const google::protobuf::RepeatedPtrField<v1::Performer>& performers);

}  // namespace concordia::workflow

#endif  // CONCORDIA_ENGINE_WORKFLOW_CALLER_H_
