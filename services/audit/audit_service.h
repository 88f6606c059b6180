// AuditService: whole-store verification for auditors
// (concordia.v1.AuditService).
//
// VerifyStore, GetCheckpoint and the proofs need kAudit system-wide (an
// auditor or administrator granted on "system/access"); ExportBundle needs
// kAudit on the exported stream's consortium. VerifyStore recomputes every
// record hash, the chain and the Merkle root from the stored bytes (never
// trusting stored hashes), streams progress, and ends with the first
// discrepancy and whether the latest checkpoint matches. A discrepancy also
// makes the log refuse writes.
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   AuditService audit(env, trail.get());
//   builder.RegisterService(&audit);
#ifndef CONCORDIA_SERVICES_AUDIT_AUDIT_SERVICE_H_
#define CONCORDIA_SERVICES_AUDIT_AUDIT_SERVICE_H_

#include "concordia/v1/audit.grpc.pb.h"
#include "engine/audit/trail/audit_trail.h"
#include "services/common/service_env.h"

namespace concordia {

class AuditService final : public v1::AuditService::CallbackService {
 public:
  AuditService(const ServiceEnv& env, audit::AuditTrail* trail)
      : env_(env), trail_(trail) {}

  grpc::ServerWriteReactor<v1::VerifyStoreResponse>* VerifyStore(
      grpc::CallbackServerContext* context,
      const v1::VerifyStoreRequest* request) override;
  grpc::ServerUnaryReactor* GetCheckpoint(
      grpc::CallbackServerContext* context,
      const v1::GetCheckpointRequest* request,
      v1::GetCheckpointResponse* response) override;
  grpc::ServerUnaryReactor* GetInclusionProof(
      grpc::CallbackServerContext* context,
      const v1::GetInclusionProofRequest* request,
      v1::GetInclusionProofResponse* response) override;
  grpc::ServerUnaryReactor* GetConsistencyProof(
      grpc::CallbackServerContext* context,
      const v1::GetConsistencyProofRequest* request,
      v1::GetConsistencyProofResponse* response) override;
  grpc::ServerUnaryReactor* ExportBundle(
      grpc::CallbackServerContext* context,
      const v1::ExportBundleRequest* request,
      v1::ExportBundleResponse* response) override;

 private:
  const ServiceEnv env_;
  audit::AuditTrail* const trail_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_AUDIT_AUDIT_SERVICE_H_
