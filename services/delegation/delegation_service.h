// DelegationService: delegated functions over gRPC — a member delegates a
// function to the consortium or a lead ente, revokes it, and anyone with a
// role in the consortium asks who exercises a function for a member on a
// date (concordia.v1.DelegationService).
//
// Permissions: DelegateFunction and RevokeDelegation are the member's own
// acts and need ROLE_MEMBER_DELEGATE scoped to the request's member_id;
// reads need any role in the consortium. ServeUnary checks permission
// first; the body validates the request (naming the field) and runs the
// Cooperation handler with the act's effective date (effective_from).
// GetExerciser folds the delegation — and the accord it was made under —
// up to the requested position (invariant 23: exactly one exerciser).
// Successions, which pass delegations to the successor, are recorded by
// ConsortiumService.RecordSuccession.
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   DelegationService delegations(env, cooperation);
//   builder.RegisterService(&delegations);
#ifndef CONCORDIA_SERVICES_DELEGATION_DELEGATION_SERVICE_H_
#define CONCORDIA_SERVICES_DELEGATION_DELEGATION_SERVICE_H_

#include <string>

#include "concordia/v1/delegation_service.grpc.pb.h"
#include "engine/domain/cooperation/cooperation.h"
#include "services/common/service_env.h"

namespace concordia {

class DelegationService final : public v1::DelegationService::CallbackService {
 public:
  DelegationService(const ServiceEnv& env, domain::Cooperation& cooperation,
                    domain::Governance& governance)
      : env_(env), cooperation_(cooperation), governance_(governance) {}

  grpc::ServerUnaryReactor* DelegateFunction(
      grpc::CallbackServerContext* context,
      const v1::DelegateFunctionRequest* request,
      v1::DelegateFunctionResponse* response) override;
  grpc::ServerUnaryReactor* RevokeDelegation(
      grpc::CallbackServerContext* context,
      const v1::RevokeDelegationRequest* request,
      v1::RevokeDelegationResponse* response) override;
  grpc::ServerUnaryReactor* GetDelegation(
      grpc::CallbackServerContext* context,
      const v1::GetDelegationRequest* request,
      v1::GetDelegationResponse* response) override;
  grpc::ServerUnaryReactor* GetExerciser(
      grpc::CallbackServerContext* context,
      const v1::GetExerciserRequest* request,
      v1::GetExerciserResponse* response) override;

 private:
  // NOT_FOUND unless `member_id` was ever a member of the consortium (as of
  // `position`).
  absl::Status RequireMember(const std::string& consortium_id,
                             const std::string& member_id, uint64_t position);

  const ServiceEnv env_;
  domain::Cooperation& cooperation_;
  domain::Governance& governance_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_DELEGATION_DELEGATION_SERVICE_H_
