// ProgrammeService: plans, programmes and procurement over gRPC — drafting
// and adopting plans and the three-year purchasing programme, the
// consortium's procurement rules and contracting authorities, the members'
// needs of a year, joint tenders and purchases (concordia.v1.ProgrammeService).
//
// Permissions: the Ufficio di Piano (ROLE_UFFICIO_DI_PIANO) drafts
// programmes and their items, opens the collection of needs, aggregates
// needs into joint tenders and starts purchases; the secretary of the
// adopting body (ROLE_SECRETARY scoped to the request's body_id) records a
// programme's adoption and updates — the deliberation named must be of that
// body (NOT_FOUND otherwise); a member's delegate (ROLE_MEMBER_DELEGATE
// scoped to member_id) submits and withdraws that member's needs — a need
// of another member is NOT_FOUND; an administrator sets the procurement
// rules and registers contracting authorities; reads need any role in the
// consortium. ServeUnary checks permission first; the body validates the
// request (naming the field) and runs the Cooperation handler.
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   ProgrammeService programmes(env, cooperation, governance);
//   builder.RegisterService(&programmes);
#ifndef CONCORDIA_SERVICES_PROGRAMME_PROGRAMME_SERVICE_H_
#define CONCORDIA_SERVICES_PROGRAMME_PROGRAMME_SERVICE_H_

#include <string>

#include "concordia/v1/programme_service.grpc.pb.h"
#include "engine/domain/cooperation/cooperation.h"
#include "engine/domain/governance/governance.h"
#include "services/common/service_env.h"

namespace concordia {

class ProgrammeService final : public v1::ProgrammeService::CallbackService {
 public:
  ProgrammeService(const ServiceEnv& env, domain::Cooperation& cooperation,
                   domain::Governance& governance)
      : env_(env), cooperation_(cooperation), governance_(governance) {}

  // Programmes (programme_service.cc).
  grpc::ServerUnaryReactor* DraftProgramme(
      grpc::CallbackServerContext* context,
      const v1::DraftProgrammeRequest* request,
      v1::DraftProgrammeResponse* response) override;
  grpc::ServerUnaryReactor* AddProgrammeItem(
      grpc::CallbackServerContext* context,
      const v1::AddProgrammeItemRequest* request,
      v1::AddProgrammeItemResponse* response) override;
  grpc::ServerUnaryReactor* RemoveProgrammeItem(
      grpc::CallbackServerContext* context,
      const v1::RemoveProgrammeItemRequest* request,
      v1::RemoveProgrammeItemResponse* response) override;
  grpc::ServerUnaryReactor* AdoptProgramme(
      grpc::CallbackServerContext* context,
      const v1::AdoptProgrammeRequest* request,
      v1::AdoptProgrammeResponse* response) override;
  grpc::ServerUnaryReactor* UpdateProgramme(
      grpc::CallbackServerContext* context,
      const v1::UpdateProgrammeRequest* request,
      v1::UpdateProgrammeResponse* response) override;
  grpc::ServerUnaryReactor* GetProgramme(
      grpc::CallbackServerContext* context,
      const v1::GetProgrammeRequest* request,
      v1::GetProgrammeResponse* response) override;

  // Procurement configuration (procurement_rules.cc).
  grpc::ServerUnaryReactor* SetProcurementRules(
      grpc::CallbackServerContext* context,
      const v1::SetProcurementRulesRequest* request,
      v1::SetProcurementRulesResponse* response) override;
  grpc::ServerUnaryReactor* RegisterContractingAuthority(
      grpc::CallbackServerContext* context,
      const v1::RegisterContractingAuthorityRequest* request,
      v1::RegisterContractingAuthorityResponse* response) override;
  grpc::ServerUnaryReactor* GetProcurementRules(
      grpc::CallbackServerContext* context,
      const v1::GetProcurementRulesRequest* request,
      v1::GetProcurementRulesResponse* response) override;

  // Needs, joint tenders and purchases (needs.cc).
  grpc::ServerUnaryReactor* OpenNeedsCollection(
      grpc::CallbackServerContext* context,
      const v1::OpenNeedsCollectionRequest* request,
      v1::OpenNeedsCollectionResponse* response) override;
  grpc::ServerUnaryReactor* SubmitNeed(
      grpc::CallbackServerContext* context,
      const v1::SubmitNeedRequest* request,
      v1::SubmitNeedResponse* response) override;
  grpc::ServerUnaryReactor* WithdrawNeed(
      grpc::CallbackServerContext* context,
      const v1::WithdrawNeedRequest* request,
      v1::WithdrawNeedResponse* response) override;
  grpc::ServerUnaryReactor* AggregateNeeds(
      grpc::CallbackServerContext* context,
      const v1::AggregateNeedsRequest* request,
      v1::AggregateNeedsResponse* response) override;
  grpc::ServerUnaryReactor* StartPurchase(
      grpc::CallbackServerContext* context,
      const v1::StartPurchaseRequest* request,
      v1::StartPurchaseResponse* response) override;
  grpc::ServerUnaryReactor* GetNeeds(grpc::CallbackServerContext* context,
                                     const v1::GetNeedsRequest* request,
                                     v1::GetNeedsResponse* response) override;

 private:
  // NOT_FOUND unless the programme exists.
  absl::Status RequireProgramme(const std::string& consortium_id,
                                const std::string& programme_id);
  // NOT_FOUND unless `proposal_id` is a deliberation of `body_id`.
  absl::Status RequireDeliberationOfBody(const std::string& consortium_id,
                                         const std::string& body_id,
                                         const std::string& proposal_id);

  const ServiceEnv env_;
  domain::Cooperation& cooperation_;
  domain::Governance& governance_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_PROGRAMME_PROGRAMME_SERVICE_H_
