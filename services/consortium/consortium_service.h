// ConsortiumService: a consortium's constitution over gRPC — registration,
// members, successions, shares, statute versions, bodies and designations
// (concordia.v1.ConsortiumService).
//
// Every mutation needs the administrator role in the consortium (or
// system-wide) and runs a Governance command (engine/domain/governance):
// ServeUnary authorizes first, then the body validates the request (naming
// the field), checks that the consortium exists (NOT_FOUND otherwise) and
// executes; the response carries the log position and the consortium
// stream's version. Effective times come from the request's dates (the
// constitution, the effective_from of a change); CreateBody takes the
// server's clock. RecordSuccession runs the succession saga of
// domain::Cooperation: the merger, then the predecessors' delegated
// functions passing to the successor (function_choices settles those they
// exercised differently). Reads need any role in the consortium and fold the
// consortium stream up to as_of_position, answering for a date where the
// question has one (the statute in force, the shares, a body's composition).
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   ConsortiumService consortia(env, governance, cooperation);
//   builder.RegisterService(&consortia);
#ifndef CONCORDIA_SERVICES_CONSORTIUM_CONSORTIUM_SERVICE_H_
#define CONCORDIA_SERVICES_CONSORTIUM_CONSORTIUM_SERVICE_H_

#include <string>

#include "concordia/v1/consortium_service.grpc.pb.h"
#include "engine/domain/cooperation/cooperation.h"
#include "engine/domain/governance/governance.h"
#include "services/common/service_env.h"

namespace concordia {

class ConsortiumService final : public v1::ConsortiumService::CallbackService {
 public:
  ConsortiumService(const ServiceEnv& env, domain::Governance& governance,
                    domain::Cooperation& cooperation)
      : env_(env), governance_(governance), cooperation_(cooperation) {}

  grpc::ServerUnaryReactor* RegisterConsortium(
      grpc::CallbackServerContext* context,
      const v1::RegisterConsortiumRequest* request,
      v1::RegisterConsortiumResponse* response) override;
  grpc::ServerUnaryReactor* AdmitMember(
      grpc::CallbackServerContext* context,
      const v1::AdmitMemberRequest* request,
      v1::AdmitMemberResponse* response) override;
  grpc::ServerUnaryReactor* WithdrawMember(
      grpc::CallbackServerContext* context,
      const v1::WithdrawMemberRequest* request,
      v1::WithdrawMemberResponse* response) override;
  grpc::ServerUnaryReactor* RecordSuccession(
      grpc::CallbackServerContext* context,
      const v1::RecordSuccessionRequest* request,
      v1::RecordSuccessionResponse* response) override;
  grpc::ServerUnaryReactor* ChangeShares(
      grpc::CallbackServerContext* context,
      const v1::ChangeSharesRequest* request,
      v1::ChangeSharesResponse* response) override;
  grpc::ServerUnaryReactor* AdoptStatute(
      grpc::CallbackServerContext* context,
      const v1::AdoptStatuteRequest* request,
      v1::AdoptStatuteResponse* response) override;
  grpc::ServerUnaryReactor* CreateBody(grpc::CallbackServerContext* context,
                                       const v1::CreateBodyRequest* request,
                                       v1::CreateBodyResponse* response) override;
  grpc::ServerUnaryReactor* DesignateBodyMember(
      grpc::CallbackServerContext* context,
      const v1::DesignateBodyMemberRequest* request,
      v1::DesignateBodyMemberResponse* response) override;
  grpc::ServerUnaryReactor* RevokeBodyMember(
      grpc::CallbackServerContext* context,
      const v1::RevokeBodyMemberRequest* request,
      v1::RevokeBodyMemberResponse* response) override;
  grpc::ServerUnaryReactor* GetConsortium(
      grpc::CallbackServerContext* context,
      const v1::GetConsortiumRequest* request,
      v1::GetConsortiumResponse* response) override;
  grpc::ServerUnaryReactor* GetStatute(grpc::CallbackServerContext* context,
                                       const v1::GetStatuteRequest* request,
                                       v1::GetStatuteResponse* response) override;
  grpc::ServerUnaryReactor* GetShares(grpc::CallbackServerContext* context,
                                      const v1::GetSharesRequest* request,
                                      v1::GetSharesResponse* response) override;
  grpc::ServerUnaryReactor* GetBody(grpc::CallbackServerContext* context,
                                    const v1::GetBodyRequest* request,
                                    v1::GetBodyResponse* response) override;

 private:
  // NOT_FOUND unless the consortium has been registered.
  absl::Status RequireConsortium(const std::string& consortium_id);

  const ServiceEnv env_;
  domain::Governance& governance_;
  domain::Cooperation& cooperation_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_CONSORTIUM_CONSORTIUM_SERVICE_H_
