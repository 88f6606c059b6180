// AdminService: the server's own information (version, store state).
//
// Thread-safety: safe for concurrent calls; it only reads from its sources.
//
// Example:
//   AdminService admin(store_info);
//   builder.RegisterService(&admin);
#ifndef CONCORDIA_SERVICES_ADMIN_ADMIN_SERVICE_H_
#define CONCORDIA_SERVICES_ADMIN_ADMIN_SERVICE_H_

#include <cstdint>
#include <functional>
#include <string>

#include "concordia/v1/admin.grpc.pb.h"

namespace concordia {

// What AdminService reports about the store, read at each call.
struct StoreInfo {
  std::string engine;
  std::function<bool()> writable;
  std::function<uint64_t()> last_position;
};

// Callback-API implementation of concordia.v1.AdminService.
class AdminService final : public v1::AdminService::CallbackService {
 public:
  explicit AdminService(StoreInfo store) : store_(std::move(store)) {}

  grpc::ServerUnaryReactor* GetServerInfo(
      grpc::CallbackServerContext* context,
      const v1::GetServerInfoRequest* request,
      v1::GetServerInfoResponse* response) override;

 private:
  const StoreInfo store_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_ADMIN_ADMIN_SERVICE_H_
