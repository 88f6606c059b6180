// AdminService: the server's own information and the role grants
// (concordia.v1.AdminService).
//
// GetServerInfo and Ping are public (like health): they reveal no consortium
// data. Ping answers on gRPC's thread without touching the store: the
// baseline round trip of tests/bench/api_bench.
// GrantRole / RevokeRole need kAdminister on the grant's consortium (a
// system-wide grant needs a system administrator); they append RoleGranted /
// RoleRevoked to the access stream, idempotently by request_id, and answer
// once the new grant is in effect for the next call.
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   AdminService admin(env, store_info);
//   builder.RegisterService(&admin);
#ifndef CONCORDIA_SERVICES_ADMIN_ADMIN_SERVICE_H_
#define CONCORDIA_SERVICES_ADMIN_ADMIN_SERVICE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "concordia/v1/admin.grpc.pb.h"
#include "services/common/service_env.h"

namespace concordia {

// What AdminService reports about the store, read at each call.
struct StoreInfo {
  std::string engine;
  std::function<bool()> writable;
  // Where each read model stands (GetServerInfo); unset: none listed.
  std::function<std::vector<v1::ReadModelHealth>()> read_models;
};

class AdminService final : public v1::AdminService::CallbackService {
 public:
  AdminService(const ServiceEnv& env, StoreInfo store)
      : env_(env), store_(std::move(store)) {}

  grpc::ServerUnaryReactor* GetServerInfo(
      grpc::CallbackServerContext* context,
      const v1::GetServerInfoRequest* request,
      v1::GetServerInfoResponse* response) override;
  grpc::ServerUnaryReactor* Ping(grpc::CallbackServerContext* context,
                                 const v1::PingRequest* request,
                                 v1::PingResponse* response) override;
  grpc::ServerUnaryReactor* GrantRole(grpc::CallbackServerContext* context,
                                      const v1::GrantRoleRequest* request,
                                      v1::GrantRoleResponse* response) override;
  grpc::ServerUnaryReactor* RevokeRole(
      grpc::CallbackServerContext* context, const v1::RevokeRoleRequest* request,
      v1::RevokeRoleResponse* response) override;
  grpc::ServerUnaryReactor* ListRoleGrants(
      grpc::CallbackServerContext* context,
      const v1::ListRoleGrantsRequest* request,
      v1::ListRoleGrantsResponse* response) override;

 private:
  absl::StatusOr<uint64_t> ChangeGrant(grpc::CallbackServerContext* context,
                                       const std::string& request_id,
                                       const v1::RoleGrant& grant,
                                       bool grant_it);

  const ServiceEnv env_;
  const StoreInfo store_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_ADMIN_ADMIN_SERVICE_H_
