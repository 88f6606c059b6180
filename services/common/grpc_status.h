// The one place where engine errors become gRPC statuses.
//
// Mapping (absl code → gRPC code; details in grpc-status-details-bin as a
// google.rpc.Status):
//   kFailedPrecondition (a domain rule)  → FAILED_PRECONDITION + ErrorInfo
//                                          {reason: the domain reason code}
//     except reason ROLE_NOT_ALLOWED     → PERMISSION_DENIED + ErrorInfo
//       (a workflow's performers do not include the caller: an
//       authorization decision the statute's definition makes)
//   kInvalidArgument (malformed input)   → INVALID_ARGUMENT + BadRequest
//                                          naming the field + ErrorInfo
//   kNotFound                            → NOT_FOUND
//   kAborted (version conflict)          → ABORTED + ErrorInfo
//   kAlreadyExists (reused ids)          → ALREADY_EXISTS + ErrorInfo
//   kPermissionDenied                    → PERMISSION_DENIED
//   kUnauthenticated                     → UNAUTHENTICATED
//   kDataLoss (integrity failure)        → DATA_LOSS
//   kResourceExhausted (overload)        → RESOURCE_EXHAUSTED
//   kUnavailable, kCancelled, kDeadlineExceeded, kOutOfRange,
//   kUnimplemented                       → the same code
//   anything else                        → INTERNAL
// Some reasons fix the code whatever the engine's: READ_MODEL_BEHIND and
// READ_MODEL_BUILDING → UNAVAILABLE, POSITION_BEYOND_LOG → OUT_OF_RANGE
// (the read models' queries).
// Every mapped status with a reason carries ErrorInfo{reason, domain
// "concordia.dev", metadata}; without a reason, ErrorInfo.reason is the code's
// name (e.g. "NOT_FOUND").
//
// Thread-safety: pure functions.
//
// Example:
//   absl::Status s = handler.Vote(...);
//   reactor->Finish(ToGrpcStatus(s));
#ifndef CONCORDIA_SERVICES_COMMON_GRPC_STATUS_H_
#define CONCORDIA_SERVICES_COMMON_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace concordia {

// The domain of every ErrorInfo Concordia sends.
inline constexpr char kErrorDomain[] = "concordia.dev";

// Converts an engine status to the gRPC status sent to clients.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The google.rpc.Status a gRPC status carries in its details (empty when it
// has none). Used by clients and tests.
google::rpc::Status DecodeDetails(const grpc::Status& status);

// The ErrorInfo.reason of a gRPC status, or "".
std::string GrpcErrorReason(const grpc::Status& status);

// The reverse of ToGrpcStatus, for clients: the same code and message, the
// ErrorInfo's reason and metadata as the status's reason and metadata
// (engine/common/errors.h), and a BadRequest's first field as metadata
// "field".
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_COMMON_GRPC_STATUS_H_
