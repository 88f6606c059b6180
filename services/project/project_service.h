// ProjectService: funded projects over gRPC — registration (with a durable
// timer per report), expenses, reports, cost allocations and GetProject
// with each report's status on a date (concordia.v1.ProjectService).
//
// Permissions: every mutation needs ROLE_UFFICIO_DI_PIANO, which runs the
// consortium's projects; GetProject needs any role in the consortium.
// ServeUnary checks permission first; the body validates the request
// (naming the field) and runs the Cooperation handler, which loads the
// project (NOT_FOUND unless registered) and decides. Effective times: an
// expense's day; the server's clock otherwise. A project runs at most ten
// years (its reports are timers).
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   ProjectService projects(env, cooperation);
//   builder.RegisterService(&projects);
#ifndef CONCORDIA_SERVICES_PROJECT_PROJECT_SERVICE_H_
#define CONCORDIA_SERVICES_PROJECT_PROJECT_SERVICE_H_

#include "concordia/v1/project_service.grpc.pb.h"
#include "engine/domain/cooperation/cooperation.h"
#include "services/common/service_env.h"

namespace concordia {

class ProjectService final : public v1::ProjectService::CallbackService {
 public:
  ProjectService(const ServiceEnv& env, domain::Cooperation& cooperation)
      : env_(env), cooperation_(cooperation) {}

  grpc::ServerUnaryReactor* RegisterProject(
      grpc::CallbackServerContext* context,
      const v1::RegisterProjectRequest* request,
      v1::RegisterProjectResponse* response) override;
  grpc::ServerUnaryReactor* RecordExpense(
      grpc::CallbackServerContext* context,
      const v1::RecordExpenseRequest* request,
      v1::RecordExpenseResponse* response) override;
  grpc::ServerUnaryReactor* SubmitReport(
      grpc::CallbackServerContext* context,
      const v1::SubmitReportRequest* request,
      v1::SubmitReportResponse* response) override;
  grpc::ServerUnaryReactor* AllocateCosts(
      grpc::CallbackServerContext* context,
      const v1::AllocateCostsRequest* request,
      v1::AllocateCostsResponse* response) override;
  grpc::ServerUnaryReactor* GetProject(
      grpc::CallbackServerContext* context,
      const v1::GetProjectRequest* request,
      v1::GetProjectResponse* response) override;

 private:
  const ServiceEnv env_;
  domain::Cooperation& cooperation_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_PROJECT_PROJECT_SERVICE_H_
