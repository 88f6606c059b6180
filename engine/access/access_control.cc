#include "engine/access/access_control.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"

namespace concordia::access {
namespace {

bool ValidId(absl::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!(absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
          c == '_' || c == '.' || c == '@' || c == ':')) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsValidPrincipal(absl::string_view principal) { return ValidId(principal); }

std::string AccessStream(absl::string_view consortium_id) {
  return consortium_id.empty() ? "system/access"
                               : absl::StrCat(consortium_id, "/access");
}

absl::string_view ActionName(Action action) {
  switch (action) {
    case Action::kRead:
      return "read";
    case Action::kSubscribe:
      return "subscribe";
    case Action::kAudit:
      return "audit";
    case Action::kAdminister:
      return "administer";
    case Action::kActForMember:
      return "act for member";
    case Action::kManageBody:
      return "manage the sessions of body";
    case Action::kDraft:
      return "draft";
  }
  return "?";
}

absl::Status ValidateGrant(const Grant& g) {
  auto invalid = [](absl::string_view field, absl::string_view problem) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
                 absl::StrCat(field, ": ", problem),
                 {{"field", std::string(field)}});
  };
  if (!g.consortium_id.empty() && !ValidId(g.consortium_id)) {
    return invalid("consortium_id", "not a valid id");
  }
  if (!ValidId(g.principal)) {
    return invalid("principal",
                   "1..128 characters of [A-Za-z0-9-_.@:] are required");
  }
  if (g.role == v1::ROLE_UNSPECIFIED || !v1::Role_IsValid(g.role)) {
    return invalid("role", "a role is required");
  }
  const bool scoped =
      g.role == v1::ROLE_MEMBER_DELEGATE || g.role == v1::ROLE_SECRETARY;
  if (scoped && !ValidId(g.scope)) {
    return invalid("scope", g.role == v1::ROLE_MEMBER_DELEGATE
                                ? "a member delegate needs the member's id"
                                : "a secretary needs the body's id");
  }
  if (!scoped && !g.scope.empty()) {
    return invalid("scope", "only delegates and secretaries have a scope");
  }
  if (g.consortium_id.empty() && scoped) {
    return invalid("consortium_id",
                   "delegates and secretaries belong to a consortium");
  }
  return absl::OkStatus();
}

AccessControl::AccessControl(std::vector<std::string> bootstrap_admins)
    : bootstrap_admins_(bootstrap_admins.begin(), bootstrap_admins.end()) {}

void AccessControl::Apply(const google::protobuf::Message& event) {
  MutexLock lock(&mu_);
  if (const auto* g = dynamic_cast<const v1::RoleGranted*>(&event)) {
    grants_.insert(Grant{g->consortium_id(), g->principal(), g->role(),
                         g->scope()});
  } else if (const auto* r = dynamic_cast<const v1::RoleRevoked*>(&event)) {
    grants_.erase(Grant{r->consortium_id(), r->principal(), r->role(),
                        r->scope()});
  }
}

bool AccessControl::HasRole(absl::string_view principal,
                            absl::string_view consortium_id, v1::Role role,
                            absl::string_view scope) const {
  if (role == v1::ROLE_ADMINISTRATOR && bootstrap_admins_.count(
                                            std::string(principal)) > 0) {
    return true;
  }
  const std::string p(principal), s(scope);
  // A consortium grant, or the same role granted system-wide.
  return grants_.count(Grant{std::string(consortium_id), p, role, s}) > 0 ||
         grants_.count(Grant{"", p, role, s}) > 0;
}

bool AccessControl::HasAnyRole(absl::string_view principal,
                               absl::string_view consortium_id) const {
  if (bootstrap_admins_.count(std::string(principal)) > 0) return true;
  for (const Grant& g : grants_) {
    if (g.principal == principal &&
        (g.consortium_id.empty() || g.consortium_id == consortium_id)) {
      return true;
    }
  }
  return false;
}

absl::Status AccessControl::Check(absl::string_view principal, Action action,
                                  absl::string_view consortium_id,
                                  absl::string_view scope) const {
  if (principal.empty()) {
    return Error(absl::StatusCode::kUnauthenticated, "UNAUTHENTICATED",
                 "the caller presented no identity");
  }
  MutexLock lock(&mu_);
  bool allowed = false;
  switch (action) {
    case Action::kRead:
    case Action::kSubscribe:
      allowed = HasAnyRole(principal, consortium_id);
      break;
    case Action::kAudit:
      allowed = HasRole(principal, consortium_id, v1::ROLE_AUDITOR, "") ||
                HasRole(principal, consortium_id, v1::ROLE_ADMINISTRATOR, "");
      break;
    case Action::kAdminister:
      allowed = HasRole(principal, consortium_id, v1::ROLE_ADMINISTRATOR, "");
      break;
    case Action::kActForMember:
      allowed =
          HasRole(principal, consortium_id, v1::ROLE_MEMBER_DELEGATE, scope);
      break;
    case Action::kManageBody:
      allowed = HasRole(principal, consortium_id, v1::ROLE_SECRETARY, scope);
      break;
    case Action::kDraft:
      allowed =
          HasRole(principal, consortium_id, v1::ROLE_UFFICIO_DI_PIANO, "");
      break;
  }
  if (allowed) return absl::OkStatus();
  std::string what = absl::StrCat(ActionName(action));
  if (!scope.empty()) absl::StrAppend(&what, " '", scope, "'");
  return Error(absl::StatusCode::kPermissionDenied, "PERMISSION_DENIED",
               absl::StrCat(principal, " may not ", what, " in ",
                            consortium_id.empty() ? "the system"
                                                  : absl::StrCat("consortium '", consortium_id, "'")),
               {{"principal", std::string(principal)},
                {"action", std::string(ActionName(action))}});
}

bool AccessControl::Holds(const Grant& grant) const {
  MutexLock lock(&mu_);
  return grants_.count(grant) > 0;
}

std::vector<Grant> AccessControl::GrantsOf(
    absl::string_view consortium_id) const {
  MutexLock lock(&mu_);
  std::vector<Grant> out;
  for (const Grant& g : grants_) {
    if (g.consortium_id == consortium_id) out.push_back(g);
  }
  return out;
}

bool AccessControl::IsBootstrapAdmin(absl::string_view principal) const {
  return bootstrap_admins_.count(std::string(principal)) > 0;
}

}  // namespace concordia::access
