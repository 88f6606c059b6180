// ServeUnary: how every unary RPC of the domain services runs — authorize
// first, then run the body on the call executor, then finish with the one
// error mapping.
//
// Order of checks (docs/api.md): the caller's identity and permission come
// before anything else, so a denied caller learns nothing (not whether the
// entity exists, not whether its input was well formed). Then the body
// runs on a worker of env.executor: it validates the input, loads what it
// needs, executes the command and fills the response. A call whose client
// has gone (cancelled, or its deadline passed) while it waited for a worker
// is not run, so an expired command appends nothing. When the executor is
// full the call is refused at once with RESOURCE_EXHAUSTED (reason
// OVERLOADED); a retry with the same request_id is always safe.
//
// Thread-safety: reentrant; the body runs on one worker thread.
//
// Example:
//   grpc::ServerUnaryReactor* SessionService::CastVote(
//       grpc::CallbackServerContext* context, const v1::CastVoteRequest* req,
//       v1::CastVoteResponse* resp) {
//     return ServeUnary(env_, context,
//                       {access::Action::kActForMember, req->consortium_id(),
//                        req->member_id()},
//                       [=](const std::string& principal) {
//                         return Vote(principal, *req, resp);
//                       });
//   }
#ifndef CONCORDIA_SERVICES_COMMON_UNARY_CALL_H_
#define CONCORDIA_SERVICES_COMMON_UNARY_CALL_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "engine/access/access_control.h"
#include "engine/domain/core/aggregate.h"
#include "grpcpp/grpcpp.h"
#include "services/common/request_fields.h"
#include "services/common/service_env.h"

namespace concordia {

// What an RPC requires of its caller: an action in a consortium, on a scope
// (the member for kActForMember, the body for kManageBody).
struct Permission {
  access::Action action = access::Action::kRead;
  std::string consortium_id;
  std::string scope;
  // Only authenticate the caller (no action checked): the body filters what
  // it returns by the caller's roles (QueryService.ListConsortia).
  bool authenticated_only = false;
};

// The body of an RPC, given the authorized principal. Its status finishes
// the call (mapped by ToGrpcStatus).
using UnaryBody = std::function<absl::Status(const std::string& principal)>;

// Runs one unary RPC as described above and returns its reactor.
grpc::ServerUnaryReactor* ServeUnary(const ServiceEnv& env,
                                     grpc::CallbackServerContext* context,
                                     Permission permission, UnaryBody body);

// The initial-metadata key set to "true" on a response that answers a retried
// request_id (nothing was appended). The response itself is identical to the
// first one.
inline constexpr char kReplayedHeader[] = "concordia-replayed";

// Marks the call's response as a replay (before the body returns).
void MarkReplayed(grpc::CallbackServerContext* context);

// The end of a mutation's body: on success fills log_position and version
// (and marks a replay); otherwise passes the error on.
template <typename Response>
absl::Status Written(const ServiceEnv& env, grpc::CallbackServerContext* context,
                     const absl::StatusOr<domain::Outcome>& outcome,
                     Response* response) {
  if (!outcome.ok()) return outcome.status();
  if (outcome->replayed) MarkReplayed(context);
  SetWriteResult(env, *outcome, response);
  return absl::OkStatus();
}

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_COMMON_UNARY_CALL_H_
