// DeliberationService: a deliberation's life over gRPC — the proposal and
// its opinions, publication on the albo, interruptions, revocation and
// annulment (concordia.v1.DeliberationService).
//
// Permissions: the Ufficio di Piano (ROLE_UFFICIO_DI_PIANO) drafts proposals
// and records opinions; the secretary of the deciding body (ROLE_SECRETARY
// scoped to the request's body_id) publishes, records interruptions,
// revocations and annulments; any role in the consortium reads. ServeUnary
// checks permission first; the body validates the request, loads the
// deliberation — NOT_FOUND unless it exists (and, where the request names a
// body, belongs to it) — and runs the Governance command. Publication
// schedules the durable executivity timer; the server's TimerScheduler makes
// the deliberation executive on its day.
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   DeliberationService deliberations(env, governance);
//   builder.RegisterService(&deliberations);
#ifndef CONCORDIA_SERVICES_DELIBERATION_DELIBERATION_SERVICE_H_
#define CONCORDIA_SERVICES_DELIBERATION_DELIBERATION_SERVICE_H_

#include <string>

#include "concordia/v1/deliberation_service.grpc.pb.h"
#include "engine/domain/governance/governance.h"
#include "services/common/service_env.h"

namespace concordia {

class DeliberationService final
    : public v1::DeliberationService::CallbackService {
 public:
  DeliberationService(const ServiceEnv& env, domain::Governance& governance)
      : env_(env), governance_(governance) {}

  grpc::ServerUnaryReactor* DraftProposal(
      grpc::CallbackServerContext* context,
      const v1::DraftProposalRequest* request,
      v1::DraftProposalResponse* response) override;
  grpc::ServerUnaryReactor* GiveOpinion(
      grpc::CallbackServerContext* context,
      const v1::GiveOpinionRequest* request,
      v1::GiveOpinionResponse* response) override;
  grpc::ServerUnaryReactor* PublishDeliberation(
      grpc::CallbackServerContext* context,
      const v1::PublishDeliberationRequest* request,
      v1::PublishDeliberationResponse* response) override;
  grpc::ServerUnaryReactor* InterruptPublication(
      grpc::CallbackServerContext* context,
      const v1::InterruptPublicationRequest* request,
      v1::InterruptPublicationResponse* response) override;
  grpc::ServerUnaryReactor* RevokeDeliberation(
      grpc::CallbackServerContext* context,
      const v1::RevokeDeliberationRequest* request,
      v1::RevokeDeliberationResponse* response) override;
  grpc::ServerUnaryReactor* AnnulDeliberation(
      grpc::CallbackServerContext* context,
      const v1::AnnulDeliberationRequest* request,
      v1::AnnulDeliberationResponse* response) override;
  grpc::ServerUnaryReactor* GetDeliberation(
      grpc::CallbackServerContext* context,
      const v1::GetDeliberationRequest* request,
      v1::GetDeliberationResponse* response) override;

 private:
  // The deliberation as it stands; NOT_FOUND unless it exists and, when
  // `body_id` is not empty, belongs to that body.
  absl::StatusOr<domain::deliberation::DeliberationState> Existing(
      const std::string& consortium_id, const std::string& body_id,
      const std::string& proposal_id);

  // RevokeDeliberation and AnnulDeliberation.
  template <typename Request, typename Response>
  grpc::ServerUnaryReactor* Withdraw(grpc::CallbackServerContext* context,
                                     const Request* request,
                                     Response* response, bool annulment);

  const ServiceEnv env_;
  domain::Governance& governance_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_DELIBERATION_DELIBERATION_SERVICE_H_
