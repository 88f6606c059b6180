#include "services/admin/admin_service.h"

#include "engine/common/version.h"

namespace concordia {

grpc::ServerUnaryReactor* AdminService::GetServerInfo(
    grpc::CallbackServerContext* context,
    const v1::GetServerInfoRequest* /*request*/,
    v1::GetServerInfoResponse* response) {
  response->set_version(kVersion);
  response->set_store_engine(store_.engine);
  response->set_store_writable(store_.writable ? store_.writable() : false);
  response->set_last_position(store_.last_position ? store_.last_position()
                                                   : 0);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace concordia
