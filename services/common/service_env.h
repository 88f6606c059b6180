// ServiceEnv: what every gRPC service of concordiad shares — the log, the
// access grants, the clock, the workers that run RPC bodies — and Authorize,
// the check each RPC runs first.
//
// Authorize authenticates the caller (client certificate, or the principal
// header in plaintext mode) and checks the permission before the RPC reads
// or writes anything, so a denied call learns nothing about what exists.
//
// Thread-safety: ServiceEnv's members are thread-safe; Authorize is reentrant.
//
// Example:
//   absl::StatusOr<std::string> principal =
//       Authorize(env, *context, access::Action::kRead, consortium_id);
//   if (!principal.ok()) return Fail(reactor, principal.status());
#ifndef CONCORDIA_SERVICES_COMMON_SERVICE_ENV_H_
#define CONCORDIA_SERVICES_COMMON_SERVICE_ENV_H_

#include <string>

#include "absl/status/statusor.h"
#include "engine/access/access_control.h"
#include "engine/common/clock.h"
#include "engine/log/event_log.h"
#include "engine/log/follower.h"
#include "grpcpp/grpcpp.h"
#include "services/common/call_executor.h"

namespace concordia {

struct ServiceEnv {
  log::EventLog* log = nullptr;
  access::AccessControl* access = nullptr;
  // Follows the access streams; commands that change grants wait for it.
  log::Follower* access_follower = nullptr;
  Clock* clock = nullptr;
  // No TLS: principals come from the concordia-principal header.
  bool plaintext = false;
  // Runs the bodies of unary RPCs (services/common/unary_call.h); nullptr
  // runs them on gRPC's thread.
  CallExecutor* executor = nullptr;
};

// The caller's principal if it may perform `action` in `consortium_id`
// (scoped to `scope`); kUnauthenticated or kPermissionDenied otherwise.
absl::StatusOr<std::string> Authorize(const ServiceEnv& env,
                                      const grpc::ServerContextBase& context,
                                      access::Action action,
                                      absl::string_view consortium_id,
                                      absl::string_view scope = "");

// The caller's principal, authenticated only (no permission checked): for
// RPCs that filter what they return by the caller's roles (ListConsortia).
absl::StatusOr<std::string> Authenticate(const ServiceEnv& env,
                                         const grpc::ServerContextBase& context);

// The consortium a stream belongs to: its first segment ("" for "system/...").
std::string ConsortiumOfStream(absl::string_view stream);

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_COMMON_SERVICE_ENV_H_
