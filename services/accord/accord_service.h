// AccordService: accords over gRPC — the draft, the parties' approvals and
// signatures, the approval act and BUR publication of an accordo di
// programma, amendments, renewals and dissolutions, notices of withdrawal
// and non-renewal, third-sector adherents (concordia.v1.AccordService).
//
// Permissions: a party's own acts (RecordPartyApproval, SignAccord,
// NotifyWithdrawal, NotifyNonRenewal) need ROLE_MEMBER_DELEGATE scoped to
// the request's party_id; the signature's signer is the caller unless the
// request names the person who applied it. Everything else that writes
// needs ROLE_UFFICIO_DI_PIANO. GetAccord needs any role in the consortium.
// ServeUnary checks permission first; the body validates the request
// (naming the field), then runs the Cooperation handler, which loads the
// accord (NOT_FOUND when never drafted) and decides. Effective times: the
// signature's time, the publication's, notice's and adhesion's days; the
// server's clock otherwise.
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   AccordService accords(env, cooperation);
//   builder.RegisterService(&accords);
#ifndef CONCORDIA_SERVICES_ACCORD_ACCORD_SERVICE_H_
#define CONCORDIA_SERVICES_ACCORD_ACCORD_SERVICE_H_

#include "concordia/v1/accord_service.grpc.pb.h"
#include "engine/domain/cooperation/cooperation.h"
#include "services/common/service_env.h"

namespace concordia {

class AccordService final : public v1::AccordService::CallbackService {
 public:
  AccordService(const ServiceEnv& env, domain::Cooperation& cooperation)
      : env_(env), cooperation_(cooperation) {}

  grpc::ServerUnaryReactor* DraftAccord(
      grpc::CallbackServerContext* context,
      const v1::DraftAccordRequest* request,
      v1::DraftAccordResponse* response) override;
  grpc::ServerUnaryReactor* RecordPartyApproval(
      grpc::CallbackServerContext* context,
      const v1::RecordPartyApprovalRequest* request,
      v1::RecordPartyApprovalResponse* response) override;
  grpc::ServerUnaryReactor* SignAccord(
      grpc::CallbackServerContext* context,
      const v1::SignAccordRequest* request,
      v1::SignAccordResponse* response) override;
  grpc::ServerUnaryReactor* RecordApprovalAct(
      grpc::CallbackServerContext* context,
      const v1::RecordApprovalActRequest* request,
      v1::RecordApprovalActResponse* response) override;
  grpc::ServerUnaryReactor* RecordBulletinPublication(
      grpc::CallbackServerContext* context,
      const v1::RecordBulletinPublicationRequest* request,
      v1::RecordBulletinPublicationResponse* response) override;
  grpc::ServerUnaryReactor* ProposeAmendment(
      grpc::CallbackServerContext* context,
      const v1::ProposeAmendmentRequest* request,
      v1::ProposeAmendmentResponse* response) override;
  grpc::ServerUnaryReactor* ProposeRenewal(
      grpc::CallbackServerContext* context,
      const v1::ProposeRenewalRequest* request,
      v1::ProposeRenewalResponse* response) override;
  grpc::ServerUnaryReactor* ProposeDissolution(
      grpc::CallbackServerContext* context,
      const v1::ProposeDissolutionRequest* request,
      v1::ProposeDissolutionResponse* response) override;
  grpc::ServerUnaryReactor* NotifyWithdrawal(
      grpc::CallbackServerContext* context,
      const v1::NotifyWithdrawalRequest* request,
      v1::NotifyWithdrawalResponse* response) override;
  grpc::ServerUnaryReactor* NotifyNonRenewal(
      grpc::CallbackServerContext* context,
      const v1::NotifyNonRenewalRequest* request,
      v1::NotifyNonRenewalResponse* response) override;
  grpc::ServerUnaryReactor* JoinAdherent(
      grpc::CallbackServerContext* context,
      const v1::JoinAdherentRequest* request,
      v1::JoinAdherentResponse* response) override;
  grpc::ServerUnaryReactor* GetAccord(grpc::CallbackServerContext* context,
                                      const v1::GetAccordRequest* request,
                                      v1::GetAccordResponse* response) override;

 private:
  // ProposeAmendment, ProposeRenewal and ProposeDissolution.
  template <typename Request, typename Response>
  grpc::ServerUnaryReactor* Propose(grpc::CallbackServerContext* context,
                                    const Request* request, Response* response,
                                    v1::InstrumentKind kind);

  const ServiceEnv env_;
  domain::Cooperation& cooperation_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_ACCORD_ACCORD_SERVICE_H_
