#include "services/common/unary_call.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/clock.h"
#include "engine/common/errors.h"
#include "services/common/grpc_status.h"

namespace concordia {
namespace {

// Whether the call's client no longer waits for it: cancelled, or past its
// deadline. Deadlines are wall-clock instants set by the transport, so they
// compare with the system clock, never with the domain's (simulated) time.
bool Abandoned(grpc::CallbackServerContext* context) {
  if (context->IsCancelled()) return true;
  const auto deadline = context->deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) return false;
  return SystemClock::Get()->Now() >= absl::FromChrono(deadline);
}

absl::Status Overloaded(const CallExecutor& executor) {
  return Error(absl::StatusCode::kResourceExhausted, "OVERLOADED",
               absl::StrCat("the server is at its limit of ",
                            executor.options().max_in_flight,
                            " calls in flight; retry with backoff (the same "
                            "request_id is safe)"));
}

}  // namespace

namespace {

// The reactor of a unary call run on the executor: counts a cancellation
// (the client cancelled or its deadline passed) and deletes itself when
// gRPC is done with the call.
class UnaryReactor final : public grpc::ServerUnaryReactor {
 public:
  explicit UnaryReactor(CallExecutor* executor) : executor_(executor) {}
  void OnCancel() override {
    if (executor_ != nullptr) executor_->RecordCancelled();
  }
  void OnDone() override { delete this; }

 private:
  CallExecutor* const executor_;
};

}  // namespace

grpc::ServerUnaryReactor* ServeUnary(const ServiceEnv& env,
                                     grpc::CallbackServerContext* context,
                                     Permission permission, UnaryBody body) {
  auto* reactor = new UnaryReactor(env.executor);
  absl::StatusOr<std::string> principal =
      permission.authenticated_only
          ? Authenticate(env, *context)
          : Authorize(env, *context, permission.action,
                      permission.consortium_id, permission.scope);
  if (!principal.ok()) {
    reactor->Finish(ToGrpcStatus(principal.status()));
    return reactor;
  }
  if (env.executor == nullptr) {
    reactor->Finish(ToGrpcStatus(body(*principal)));
    return reactor;
  }
  CallExecutor* executor = env.executor;
  const bool queued = executor->TrySubmit(
      [context, reactor, executor, body = std::move(body),
       who = *std::move(principal)] {
        if (Abandoned(context)) {
          // The client gave up (or its deadline passed) while the call
          // waited: do nothing it no longer expects.
          executor->RecordSkipped();
          reactor->Finish(grpc::Status(grpc::StatusCode::CANCELLED,
                                       "cancelled before it ran"));
          return;
        }
        reactor->Finish(ToGrpcStatus(body(who)));
      });
  if (!queued) reactor->Finish(ToGrpcStatus(Overloaded(*executor)));
  return reactor;
}

void MarkReplayed(grpc::CallbackServerContext* context) {
  context->AddInitialMetadata(kReplayedHeader, "true");
}

}  // namespace concordia
