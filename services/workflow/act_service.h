// ActService: acts of any kind run by the workflows of the statute in force
// over gRPC (concordia.v1.ActService) — start an act, perform an action,
// attach an opinion, read an act as of a position, and the definitions in
// force on a date (engine/workflow/WORKFLOWS.md).
//
// Permissions, in two steps (docs/api.md, Authorization):
//  1. ServeUnary checks, before anything is read or validated, that the
//     caller holds a role in the request's consortium (Action::kRead: any
//     role; PERMISSION_DENIED, reason PERMISSION_DENIED, otherwise);
//  2. the workflow in force on the command's day decides who performs each
//     step: the kind's starters for StartAct, the action's performers for
//     PerformAction, the opinion's givers for AttachOpinion, matched
//     against the caller's grants (workflow::CallerFrom, MatchPerformer).
//     A caller none of whose grants fits is PERMISSION_DENIED with reason
//     ROLE_NOT_ALLOWED (services/common/grpc_status.cc) and a message
//     naming who may; nothing is appended.
// The reads need only step 1. The body validates the request (naming the
// field), then runs workflow::Workflows. Effective time: the server's clock.
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   ActService acts(env, governance.workflows());
//   builder.RegisterService(&acts);
#ifndef CONCORDIA_SERVICES_WORKFLOW_ACT_SERVICE_H_
#define CONCORDIA_SERVICES_WORKFLOW_ACT_SERVICE_H_

#include "concordia/v1/act_service.grpc.pb.h"
#include "engine/workflow/workflows.h"
#include "services/common/service_env.h"

namespace concordia {

class ActService final : public v1::ActService::CallbackService {
 public:
  ActService(const ServiceEnv& env, workflow::Workflows& workflows)
      : env_(env), workflows_(workflows) {}

  grpc::ServerUnaryReactor* StartAct(grpc::CallbackServerContext* context,
                                     const v1::StartActRequest* request,
                                     v1::StartActResponse* response) override;
  grpc::ServerUnaryReactor* PerformAction(
      grpc::CallbackServerContext* context,
      const v1::PerformActionRequest* request,
      v1::PerformActionResponse* response) override;
  grpc::ServerUnaryReactor* AttachOpinion(
      grpc::CallbackServerContext* context,
      const v1::AttachOpinionRequest* request,
      v1::AttachOpinionResponse* response) override;
  grpc::ServerUnaryReactor* GetAct(grpc::CallbackServerContext* context,
                                   const v1::GetActRequest* request,
                                   v1::GetActResponse* response) override;
  grpc::ServerUnaryReactor* ListActKinds(
      grpc::CallbackServerContext* context,
      const v1::ListActKindsRequest* request,
      v1::ListActKindsResponse* response) override;
  grpc::ServerUnaryReactor* GetWorkflowDefinition(
      grpc::CallbackServerContext* context,
      const v1::GetWorkflowDefinitionRequest* request,
      v1::GetWorkflowDefinitionResponse* response) override;

 private:
  const ServiceEnv env_;
  workflow::Workflows& workflows_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_WORKFLOW_ACT_SERVICE_H_
