#include "services/audit/audit_service.h"

#include <string>

#include "absl/strings/numbers.h"
#include "engine/common/errors.h"
#include "services/common/grpc_status.h"
#include "services/common/threaded_writer.h"
#include "engine/audit/bundle/bundle.h"
#include "absl/strings/str_cat.h"

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
  audit::AuditTrail* trail = trail_;
  return new Reactor([log, trail](Reactor& writer) {
    const uint64_t total = log->LastPosition();
    uint64_t last_reported = 0;
    bool gone = false;
    absl::StatusOr<audit::TrailVerification> report =
        trail->VerifyAll([&](uint64_t done, uint64_t) {
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
      result.set_root_hash(report->root.ToHex());
      result.set_checkpoint_size(
          report->checkpoint.has_value() ? report->checkpoint->size : 0);
      result.set_checkpoint_matches(report->checkpoint_matches);
      if (!report->checkpoint_matches) {
        result.set_intact(false);
        result.set_first_bad_position(report->checkpoint->size);
        result.set_message(
            "the records are intact but the latest checkpoint's root differs "
            "from the root recomputed from them");
      } else {
        result.set_message(
            "every record hash, chain link and the Merkle root recomputed "
            "and found intact");
      }
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

namespace concordia {
namespace {

grpc::ServerUnaryReactor* Done(grpc::CallbackServerContext* context,
                               const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace

grpc::ServerUnaryReactor* AuditService::GetCheckpoint(
    grpc::CallbackServerContext* context,
    const v1::GetCheckpointRequest* request,
    v1::GetCheckpointResponse* response) {
  auto principal = Authorize(env_, *context, access::Action::kAudit, "");
  if (!principal.ok()) return Done(context, principal.status());
  absl::StatusOr<std::string> note = request->fresh()
                                         ? trail_->Checkpoint()
                                         : trail_->LatestCheckpoint();
  if (absl::IsNotFound(note.status())) note = trail_->Checkpoint();
  if (!note.ok()) return Done(context, note.status());
  auto text = trail_->verifier().Open(*note);
  if (!text.ok()) return Done(context, text.status());
  auto checkpoint = audit::ParseCheckpoint(*text);
  if (!checkpoint.ok()) return Done(context, checkpoint.status());
  response->set_checkpoint(*note);
  response->set_verifier_key(trail_->verifier().KeyLine());
  response->set_tree_size(checkpoint->size);
  return Done(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* AuditService::GetInclusionProof(
    grpc::CallbackServerContext* context,
    const v1::GetInclusionProofRequest* request,
    v1::GetInclusionProofResponse* response) {
  auto principal = Authorize(env_, *context, access::Action::kAudit, "");
  if (!principal.ok()) return Done(context, principal.status());
  const uint64_t size =
      request->tree_size() == 0 ? trail_->Size() : request->tree_size();
  auto proof = trail_->InclusionProof(request->position(), size);
  if (!proof.ok()) return Done(context, proof.status());
  auto raw = env_.log->ReadRaw(request->position(), 1);
  if (!raw.ok()) return Done(context, raw.status());
  auto root = trail_->Root(size);
  if (!root.ok()) return Done(context, root.status());
  for (const Sha256Digest& h : *proof) {
    response->add_hashes(std::string(h.AsStringView()));
  }
  response->set_tree_size(size);
  response->set_record(raw->at(0));
  response->set_root_hash(std::string(root->AsStringView()));
  return Done(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* AuditService::GetConsistencyProof(
    grpc::CallbackServerContext* context,
    const v1::GetConsistencyProofRequest* request,
    v1::GetConsistencyProofResponse* response) {
  auto principal = Authorize(env_, *context, access::Action::kAudit, "");
  if (!principal.ok()) return Done(context, principal.status());
  const uint64_t new_size =
      request->new_size() == 0 ? trail_->Size() : request->new_size();
  auto proof = trail_->ConsistencyProof(request->old_size(), new_size);
  if (!proof.ok()) return Done(context, proof.status());
  for (const Sha256Digest& h : *proof) {
    response->add_hashes(std::string(h.AsStringView()));
  }
  response->set_new_size(new_size);
  return Done(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* AuditService::ExportBundle(
    grpc::CallbackServerContext* context,
    const v1::ExportBundleRequest* request,
    v1::ExportBundleResponse* response) {
  auto principal = Authorize(env_, *context, access::Action::kAudit,
                             ConsortiumOfStream(request->stream()));
  if (!principal.ok()) return Done(context, principal.status());
  if (absl::Status s = log::ValidateStreamName(request->stream()); !s.ok()) {
    return Done(context,
                Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
                      absl::StrCat("stream: ", s.message()),
                      {{"field", "stream"}}));
  }
  auto bundle = audit::ExportBundle(*env_.log, *trail_, request->stream(),
                                    request->up_to_position());
  if (!bundle.ok()) return Done(context, bundle.status());
  response->set_bundle_json(audit::BundleToJson(*bundle));
  response->set_records(bundle->records_size());
  return Done(context, absl::OkStatus());
}

}  // namespace concordia
