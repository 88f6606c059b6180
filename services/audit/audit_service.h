// AuditService: whole-store verification for auditors
// (concordia.v1.AuditService).
//
// VerifyStore needs kAudit system-wide (an auditor or administrator granted
// on "system/access"). It recomputes every record hash and the chain from the
// stored bytes (never trusting stored hashes), streams progress, and ends with
// the first discrepancy or the head hash. A discrepancy also makes the log
// refuse writes.
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   AuditService audit(env);
//   builder.RegisterService(&audit);
#ifndef CONCORDIA_SERVICES_AUDIT_AUDIT_SERVICE_H_
#define CONCORDIA_SERVICES_AUDIT_AUDIT_SERVICE_H_

#include "concordia/v1/audit.grpc.pb.h"
#include "services/common/service_env.h"

namespace concordia {

class AuditService final : public v1::AuditService::CallbackService {
 public:
  explicit AuditService(const ServiceEnv& env) : env_(env) {}

  grpc::ServerWriteReactor<v1::VerifyStoreResponse>* VerifyStore(
      grpc::CallbackServerContext* context,
      const v1::VerifyStoreRequest* request) override;

 private:
  const ServiceEnv env_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_AUDIT_AUDIT_SERVICE_H_
