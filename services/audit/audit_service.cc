#include "services/audit/audit_service.h"

#include <string>

#include "absl/strings/numbers.h"
#include "engine/common/errors.h"
#include "services/common/grpc_status.h"
#include "services/common/threaded_writer.h"

namespace concordia {

grpc::ServerWriteReactor<v1::VerifyStoreResponse>* AuditService::VerifyStore(
    grpc::CallbackServerContext* context,
    const v1::VerifyStoreRequest* /*request*/) {
  using Reactor = ThreadedWriteReactor<v1::VerifyStoreResponse>;
  auto principal = Authorize(env_, *context, access::Action::kAudit, "");
  if (!principal.ok()) {
    return new FailedWriteReactor<v1::VerifyStoreResponse>(
        ToGrpcStatus(principal.status()));
  }
  log::EventLog* log = env_.log;
  return new Reactor([log](Reactor& writer) {
    const uint64_t total = log->LastPosition();
    uint64_t last_reported = 0;
    bool gone = false;
    absl::StatusOr<log::VerifyReport> report =
        log->Verify([&](uint64_t done, uint64_t) {
          // About a hundred progress messages for a whole verification.
          if (gone || (done - last_reported < total / 100 + 1 && done < total)) {
            return;
          }
          last_reported = done;
          v1::VerifyStoreResponse progress;
          progress.set_records_checked(done);
          progress.set_records_total(total);
          if (!writer.Write(progress)) gone = true;
        });
    if (gone) return grpc::Status::CANCELLED;
    v1::VerifyStoreResponse result;
    result.set_done(true);
    result.set_records_total(total);
    if (report.ok()) {
      result.set_intact(true);
      result.set_records_checked(report->records_checked);
      result.set_head_hash(report->head_hash.ToHex());
      result.set_message("every record hash and chain link recomputed and "
                         "found intact");
    } else if (absl::IsDataLoss(report.status())) {
      result.set_intact(false);
      uint64_t position = 0;
      const auto meta = ErrorMetadata(report.status());
      if (auto it = meta.find("position"); it != meta.end()) {
        absl::SimpleAtoi(it->second, &position);
      }
      result.set_first_bad_position(position);
      result.set_records_checked(position > 0 ? position - 1 : 0);
      result.set_message(std::string(report.status().message()));
    } else {
      return ToGrpcStatus(report.status());
    }
    if (!writer.Write(result)) return grpc::Status::CANCELLED;
    return grpc::Status::OK;
  });
}

}  // namespace concordia
