#include "services/common/grpc_status.h"

#include <map>
#include <string>

#include "engine/common/errors.h"
#include "google/rpc/error_details.pb.h"

namespace concordia {
namespace {

grpc::StatusCode MapCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return grpc::StatusCode::OK;
    case absl::StatusCode::kFailedPrecondition:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case absl::StatusCode::kInvalidArgument:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case absl::StatusCode::kNotFound:
      return grpc::StatusCode::NOT_FOUND;
    case absl::StatusCode::kAborted:
      return grpc::StatusCode::ABORTED;
    case absl::StatusCode::kAlreadyExists:
      return grpc::StatusCode::ALREADY_EXISTS;
    case absl::StatusCode::kPermissionDenied:
      return grpc::StatusCode::PERMISSION_DENIED;
    case absl::StatusCode::kUnauthenticated:
      return grpc::StatusCode::UNAUTHENTICATED;
    case absl::StatusCode::kDataLoss:
      return grpc::StatusCode::DATA_LOSS;
    case absl::StatusCode::kResourceExhausted:
      return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case absl::StatusCode::kUnavailable:
      return grpc::StatusCode::UNAVAILABLE;
    case absl::StatusCode::kCancelled:
      return grpc::StatusCode::CANCELLED;
    case absl::StatusCode::kDeadlineExceeded:
      return grpc::StatusCode::DEADLINE_EXCEEDED;
    case absl::StatusCode::kOutOfRange:
      return grpc::StatusCode::OUT_OF_RANGE;
    case absl::StatusCode::kUnimplemented:
      return grpc::StatusCode::UNIMPLEMENTED;
    default:
      return grpc::StatusCode::INTERNAL;
  }
}

// Reasons whose gRPC code is fixed whatever the engine's code: the read
// models' (engine/readmodel/queries.h), which clients retry or correct, and
// the workflows' performer check.
const std::map<std::string, grpc::StatusCode>& ReasonCodes() {
  static const auto* table = new std::map<std::string, grpc::StatusCode>{
      {"READ_MODEL_BEHIND", grpc::StatusCode::UNAVAILABLE},
      {"READ_MODEL_BUILDING", grpc::StatusCode::UNAVAILABLE},
      {"POSITION_BEYOND_LOG", grpc::StatusCode::OUT_OF_RANGE},
      // The workflow engine's performer check (engine/workflow/caller.h) is
      // an authorization decision made by the statute's definition, after
      // the RPC's own permission: the caller is denied, reason kept.
      {"ROLE_NOT_ALLOWED", grpc::StatusCode::PERMISSION_DENIED},
  };
  return *table;
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  std::string reason = ErrorReason(status);
  grpc::StatusCode code = MapCode(status.code());
  if (auto fixed = ReasonCodes().find(reason); fixed != ReasonCodes().end()) {
    code = fixed->second;
  }
  const std::string message(status.message());
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);

  google::rpc::ErrorInfo info;
  if (reason.empty()) reason = absl::StatusCodeToString(status.code());
  // StatusCodeToString gives "NOT_FOUND" style names already for most codes.
  info.set_reason(reason);
  info.set_domain(kErrorDomain);
  const std::map<std::string, std::string> metadata = ErrorMetadata(status);
  for (const auto& [k, v] : metadata) (*info.mutable_metadata())[k] = v;
  details.add_details()->PackFrom(info);

  if (code == grpc::StatusCode::INVALID_ARGUMENT) {
    google::rpc::BadRequest bad;
    auto* violation = bad.add_field_violations();
    auto field = metadata.find("field");
    if (field != metadata.end()) {
      violation->set_field(field->second);
    } else {
      // Engine messages name the field before the first ": ".
      const size_t colon = message.find(": ");
      if (colon != std::string::npos) violation->set_field(message.substr(0, colon));
    }
    violation->set_description(message);
    details.add_details()->PackFrom(bad);
  }
  return grpc::Status(code, message, details.SerializeAsString());
}

google::rpc::Status DecodeDetails(const grpc::Status& status) {
  google::rpc::Status details;
  if (!status.error_details().empty()) {
    details.ParseFromString(status.error_details());
  }
  return details;
}

std::string GrpcErrorReason(const grpc::Status& status) {
  const google::rpc::Status details = DecodeDetails(status);
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) return info.reason();
  }
  return "";
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status out(static_cast<absl::StatusCode>(status.error_code()),
                   status.error_message());
  const google::rpc::Status details = DecodeDetails(status);
  std::string reason;
  std::map<std::string, std::string> metadata;
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&info)) {
      reason = info.reason();
      for (const auto& [k, v] : info.metadata()) metadata[k] = v;
    } else if (any.UnpackTo(&bad) && bad.field_violations_size() > 0) {
      metadata.emplace("field", bad.field_violations(0).field());
    }
  }
  if (reason.empty()) return out;
  out = Error(out.code(), reason, out.message());
  for (const auto& [k, v] : metadata) SetErrorMetadata(out, k, v);
  return out;
}

}  // namespace concordia
