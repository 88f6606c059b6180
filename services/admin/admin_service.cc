#include "services/admin/admin_service.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/common/version.h"
#include "engine/domain/core/aggregate.h"
#include "services/auth/identity.h"
#include "services/common/grpc_status.h"

namespace concordia {
namespace {

grpc::ServerUnaryReactor* Finish(grpc::CallbackServerContext* context,
                                 const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

// The grants held according to one access stream.
using Grants = std::set<access::Grant>;

absl::Status ApplyAccess(Grants& grants, const google::protobuf::Message& e,
                         const log::Record&) {
  if (const auto* g = dynamic_cast<const v1::RoleGranted*>(&e)) {
    grants.insert({g->consortium_id(), g->principal(), g->role(), g->scope()});
  } else if (const auto* r = dynamic_cast<const v1::RoleRevoked*>(&e)) {
    grants.erase({r->consortium_id(), r->principal(), r->role(), r->scope()});
  }
  return absl::OkStatus();
}

access::Grant FromApi(const v1::RoleGrant& g) {
  return {g.consortium_id(), g.principal(), g.role(), g.scope()};
}

}  // namespace

grpc::ServerUnaryReactor* AdminService::GetServerInfo(
    grpc::CallbackServerContext* context,
    const v1::GetServerInfoRequest* /*request*/,
    v1::GetServerInfoResponse* response) {
  response->set_version(kVersion);
  response->set_store_engine(store_.engine);
  response->set_store_writable(store_.writable ? store_.writable() : false);
  response->set_last_position(env_.log->LastPosition());
  response->set_plaintext(env_.plaintext);
  if (store_.read_models) {
    for (v1::ReadModelHealth& model : store_.read_models()) {
      *response->add_read_models() = std::move(model);
    }
  }
  absl::StatusOr<std::string> principal = PrincipalOf(*context, env_.plaintext);
  if (principal.ok()) response->set_principal(*principal);
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* AdminService::Ping(
    grpc::CallbackServerContext* context, const v1::PingRequest* request,
    v1::PingResponse* response) {
  response->set_nonce(request->nonce());
  return Finish(context, absl::OkStatus());
}

absl::StatusOr<uint64_t> AdminService::ChangeGrant(
    grpc::CallbackServerContext* context, const std::string& request_id,
    const v1::RoleGrant& api_grant, bool grant_it) {
  absl::StatusOr<std::string> principal =
      Authorize(env_, *context, access::Action::kAdminister,
                api_grant.consortium_id());
  if (!principal.ok()) return principal.status();
  const access::Grant grant = FromApi(api_grant);
  CONCORDIA_RETURN_IF_ERROR(access::ValidateGrant(grant));
  domain::CommandContext ctx;
  ctx.principal = *principal;
  ctx.request_id = request_id;
  ctx.now = env_.clock->Now();
  ctx.effective_time = ctx.now;
  const std::string stream = access::AccessStream(grant.consortium_id);
  CONCORDIA_ASSIGN_OR_RETURN(
      domain::Outcome outcome,
      domain::Execute<Grants>(
          *env_.log, stream, ctx, ApplyAccess,
          [&](const domain::Folded<Grants>& held)
              -> absl::StatusOr<domain::Events> {
            const bool holds = held.state.count(grant) > 0;
            domain::Events events;
            if (grant_it) {
              if (holds) {
                return domain::Rejected(
                    "ALREADY_GRANTED",
                    absl::StrCat(grant.principal, " already holds this role"));
              }
              auto e = std::make_unique<v1::RoleGranted>();
              e->set_consortium_id(grant.consortium_id);
              e->set_principal(grant.principal);
              e->set_role(grant.role);
              e->set_scope(grant.scope);
              events.push_back(std::move(e));
            } else {
              if (!holds) {
                return domain::Rejected(
                    "NOT_GRANTED",
                    absl::StrCat(grant.principal, " does not hold this role"));
              }
              auto e = std::make_unique<v1::RoleRevoked>();
              e->set_consortium_id(grant.consortium_id);
              e->set_principal(grant.principal);
              e->set_role(grant.role);
              e->set_scope(grant.scope);
              events.push_back(std::move(e));
            }
            return events;
          }));
  // Answer once the change is in effect for the caller's next request.
  if (env_.access_follower != nullptr) {
    CONCORDIA_RETURN_IF_ERROR(
        env_.access_follower->WaitFor(outcome.last_position, absl::Seconds(10)));
  }
  return outcome.last_position;
}

grpc::ServerUnaryReactor* AdminService::GrantRole(
    grpc::CallbackServerContext* context, const v1::GrantRoleRequest* request,
    v1::GrantRoleResponse* response) {
  absl::StatusOr<uint64_t> position =
      ChangeGrant(context, request->request_id(), request->grant(), true);
  if (!position.ok()) return Finish(context, position.status());
  response->set_log_position(*position);
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* AdminService::RevokeRole(
    grpc::CallbackServerContext* context, const v1::RevokeRoleRequest* request,
    v1::RevokeRoleResponse* response) {
  absl::StatusOr<uint64_t> position =
      ChangeGrant(context, request->request_id(), request->grant(), false);
  if (!position.ok()) return Finish(context, position.status());
  response->set_log_position(*position);
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* AdminService::ListRoleGrants(
    grpc::CallbackServerContext* context,
    const v1::ListRoleGrantsRequest* request,
    v1::ListRoleGrantsResponse* response) {
  absl::StatusOr<std::string> principal = Authorize(
      env_, *context, access::Action::kAdminister, request->consortium_id());
  if (!principal.ok()) return Finish(context, principal.status());
  response->set_log_position(env_.log->LastPosition());
  for (const access::Grant& g : env_.access->GrantsOf(request->consortium_id())) {
    v1::RoleGrant* out = response->add_grants();
    out->set_consortium_id(g.consortium_id);
    out->set_principal(g.principal);
    out->set_role(g.role);
    out->set_scope(g.scope);
  }
  return Finish(context, absl::OkStatus());
}

}  // namespace concordia
