#include "engine/workflow/caller.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace concordia::workflow {
namespace {

bool Fits(const v1::Performer& p, const access::Grant& g, const ScopeFacts& f) {
  if (g.role != p.role()) return false;
  if (!g.consortium_id.empty() && g.consortium_id != f.consortium_id) {
    return false;
  }
  switch (p.scope()) {
    case v1::PERFORMER_SCOPE_ANY:
      return true;
    case v1::PERFORMER_SCOPE_ACT_BODY:
      return !f.act_body_id.empty() && g.scope == f.act_body_id;
    case v1::PERFORMER_SCOPE_ACT_MEMBER:
      return !f.act_member_id.empty() && g.scope == f.act_member_id;
    case v1::PERFORMER_SCOPE_ACTING_MEMBER:
      return !f.acting_member_id.empty() && g.scope == f.acting_member_id;
    case v1::PERFORMER_SCOPE_BODY_OF_KIND: {
      if (f.bodies == nullptr) return false;
      auto body = f.bodies->find(g.scope);
      return body != f.bodies->end() && body->second == p.body_kind();
    }
    default:
      return false;
  }
}

}  // namespace

Caller CallerFrom(const access::AccessControl& access,
                  const std::string& principal,
                  const std::string& consortium_id) {
  Caller c;
  c.principal = principal;
  for (const std::string& cid : {consortium_id, std::string()}) {
    for (const access::Grant& g : access.GrantsOf(cid)) {
      if (g.principal == principal) c.grants.push_back(g);
    }
  }
  if (access.IsBootstrapAdmin(principal)) {
    c.grants.push_back({"", principal, v1::ROLE_ADMINISTRATOR, ""});
  }
  return c;
}

std::optional<v1::Role> MatchPerformer(
    const google::protobuf::RepeatedPtrField<v1::Performer>& performers,
    const Caller& caller, const ScopeFacts& facts) {
  for (const v1::Performer& p : performers) {
    for (const access::Grant& g : caller.grants) {
      if (g.principal == caller.principal && Fits(p, g, facts)) {
        return p.role();
      }
    }
  }
  return std::nullopt;
}

std::string DescribePerformers(
    const google::protobuf::RepeatedPtrField<v1::Performer>& performers) {
  if (performers.empty()) return "nobody (only a deadline)";
  std::vector<std::string> out;
  for (const v1::Performer& p : performers) {
    std::string who = v1::Role_Name(p.role());
    switch (p.scope()) {
      case v1::PERFORMER_SCOPE_ACT_BODY:
        absl::StrAppend(&who, " of the act's body");
        break;
      case v1::PERFORMER_SCOPE_ACT_MEMBER:
        absl::StrAppend(&who, " of the act's member");
        break;
      case v1::PERFORMER_SCOPE_ACTING_MEMBER:
        absl::StrAppend(&who, " of the member acting");
        break;
      case v1::PERFORMER_SCOPE_BODY_OF_KIND:
        absl::StrAppend(&who, " of a body of kind ",
                        v1::BodyKind_Name(p.body_kind()));
        break;
      default:
        break;
    }
    out.push_back(who);
  }
  return absl::StrJoin(out, " or ");
}

}  // namespace concordia::workflow
