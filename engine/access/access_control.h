// AccessControl: who may do what, per consortium — the role grants folded
// from the access streams, and the permission check every RPC runs before it
// touches data.
//
// Grants are events (concordia.v1.RoleGranted / RoleRevoked) on
// "<consortium>/access" or, system-wide, "system/access". Bootstrap
// administrators come from the server's configuration so a fresh system can
// make its first grants.
//
// Permissions:
//   kRead, kSubscribe   any role in the consortium (or a system-wide role)
//   kAudit              ROLE_AUDITOR or ROLE_ADMINISTRATOR
//   kAdminister         ROLE_ADMINISTRATOR (system-wide for system matters)
//   kActForMember(m)    ROLE_MEMBER_DELEGATE scoped to member m
//   kManageBody(b)      ROLE_SECRETARY scoped to body b
//   kDraft              ROLE_UFFICIO_DI_PIANO
// Denials are kPermissionDenied with reason PERMISSION_DENIED.
//
// Thread-safety: thread-safe; Apply and Check may run concurrently.
//
// Example:
//   AccessControl access({"admin@region"});
//   access.Apply(granted_event);
//   CONCORDIA_RETURN_IF_ERROR(access.Check(principal, Action::kActForMember,
//                                          "sudestmilano", "melegnano"));
#ifndef CONCORDIA_ENGINE_ACCESS_ACCESS_CONTROL_H_
#define CONCORDIA_ENGINE_ACCESS_ACCESS_CONTROL_H_

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "concordia/v1/access.pb.h"
#include "engine/common/mutex.h"
#include "google/protobuf/message.h"

namespace concordia::access {

// The stream holding a consortium's grants ("" → the system-wide stream).
std::string AccessStream(absl::string_view consortium_id);

enum class Action {
  kRead,
  kSubscribe,
  kAudit,
  kAdminister,
  kActForMember,
  kManageBody,
  kDraft,
};

// The name of an action, for messages ("act for member").
absl::string_view ActionName(Action action);

// One grant.
struct Grant {
  std::string consortium_id;  // "" = system-wide
  std::string principal;
  v1::Role role = v1::ROLE_UNSPECIFIED;
  std::string scope;

  bool operator<(const Grant& o) const {
    return std::tie(consortium_id, principal, role, scope) <
           std::tie(o.consortium_id, o.principal, o.role, o.scope);
  }
};

// Validates the fields of a grant (kInvalidArgument naming the field).
absl::Status ValidateGrant(const Grant& grant);

// Whether `principal` is a well-formed principal (a certificate's common
// name): 1..128 characters of [A-Za-z0-9-_.@:].
bool IsValidPrincipal(absl::string_view principal);

class AccessControl {
 public:
  explicit AccessControl(std::vector<std::string> bootstrap_admins = {});

  // Folds an access event; other event types are ignored.
  void Apply(const google::protobuf::Message& event);

  // OK if `principal` may perform `action` in `consortium_id` (for
  // kActForMember / kManageBody, on `scope`); kPermissionDenied otherwise.
  // An empty principal is kUnauthenticated.
  absl::Status Check(absl::string_view principal, Action action,
                     absl::string_view consortium_id,
                     absl::string_view scope = "") const;

  // Whether the grant is currently held.
  bool Holds(const Grant& grant) const;

  // Every grant in force for `consortium_id` (system-wide ones when empty).
  std::vector<Grant> GrantsOf(absl::string_view consortium_id) const;

  // Whether `principal` is a bootstrap administrator.
  bool IsBootstrapAdmin(absl::string_view principal) const;

 private:
  bool HasRole(absl::string_view principal, absl::string_view consortium_id,
               v1::Role role, absl::string_view scope) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool HasAnyRole(absl::string_view principal,
                  absl::string_view consortium_id) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::set<std::string> bootstrap_admins_;
  mutable Mutex mu_;
  std::set<Grant> grants_ ABSL_GUARDED_BY(mu_);
};

}  // namespace concordia::access

#endif  // CONCORDIA_ENGINE_ACCESS_ACCESS_CONTROL_H_
