#include "services/common/grpc_status.h"

#include "engine/common/errors.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"

namespace concordia {
namespace {

google::rpc::ErrorInfo InfoOf(const grpc::Status& s) {
  google::rpc::ErrorInfo info;
  const google::rpc::Status details = DecodeDetails(s);
  for (const auto& any : details.details()) {
    if (any.UnpackTo(&info)) break;
  }
  return info;
}

TEST(GrpcStatusTest, RuleRejectionIsFailedPreconditionWithReason) {
  grpc::Status s = ToGrpcStatus(Error(absl::StatusCode::kFailedPrecondition,
                                      "QUORUM_NOT_REACHED",
                                      "496 of 1000 present; more than 500 needed",
                                      {{"present", "496"}}));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(), "496 of 1000 present; more than 500 needed");
  google::rpc::ErrorInfo info = InfoOf(s);
  EXPECT_EQ(info.reason(), "QUORUM_NOT_REACHED");
  EXPECT_EQ(info.domain(), "concordia.dev");
  EXPECT_EQ(info.metadata().at("present"), "496");
  EXPECT_EQ(GrpcErrorReason(s), "QUORUM_NOT_REACHED");
  // The trailer is a complete google.rpc.Status.
  google::rpc::Status details = DecodeDetails(s);
  EXPECT_EQ(details.code(), 9);
  EXPECT_EQ(details.message(), s.error_message());
}

TEST(GrpcStatusTest, AWorkflowRoleRefusalIsPermissionDeniedWithItsReason) {
  grpc::Status s = ToGrpcStatus(Error(
      absl::StatusCode::kFailedPrecondition, "ROLE_NOT_ALLOWED",
      "sindaco@melegnano may not perform 'give' on tavolo-opinion p-1-tt"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(GrpcErrorReason(s), "ROLE_NOT_ALLOWED");
  EXPECT_EQ(DecodeDetails(s).code(), 7);
  EXPECT_EQ(s.error_message(),
            "sindaco@melegnano may not perform 'give' on tavolo-opinion p-1-tt");
}

TEST(GrpcStatusTest, MalformedInputNamesTheField) {
  grpc::Status s = ToGrpcStatus(absl::InvalidArgumentError(
      "events[2].type: must have 1..128 bytes"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::BadRequest bad;
  bool found = false;
  const google::rpc::Status details = DecodeDetails(s);
  for (const auto& any : details.details()) {
    if (any.UnpackTo(&bad)) found = true;
  }
  ASSERT_TRUE(found);
  ASSERT_EQ(bad.field_violations_size(), 1);
  EXPECT_EQ(bad.field_violations(0).field(), "events[2].type");

  grpc::Status with_meta = ToGrpcStatus(Error(
      absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
      "request_id: required", {{"field", "request_id"}}));
  const google::rpc::Status meta_details = DecodeDetails(with_meta);
  for (const auto& any : meta_details.details()) {
    if (any.UnpackTo(&bad)) break;
  }
  EXPECT_EQ(bad.field_violations(0).field(), "request_id");
}

TEST(GrpcStatusTest, EveryCodeMapsAsDocumented) {
  const std::pair<absl::StatusCode, grpc::StatusCode> table[] = {
      {absl::StatusCode::kNotFound, grpc::StatusCode::NOT_FOUND},
      {absl::StatusCode::kAborted, grpc::StatusCode::ABORTED},
      {absl::StatusCode::kAlreadyExists, grpc::StatusCode::ALREADY_EXISTS},
      {absl::StatusCode::kPermissionDenied, grpc::StatusCode::PERMISSION_DENIED},
      {absl::StatusCode::kUnauthenticated, grpc::StatusCode::UNAUTHENTICATED},
      {absl::StatusCode::kDataLoss, grpc::StatusCode::DATA_LOSS},
      {absl::StatusCode::kResourceExhausted,
       grpc::StatusCode::RESOURCE_EXHAUSTED},
      {absl::StatusCode::kUnavailable, grpc::StatusCode::UNAVAILABLE},
      {absl::StatusCode::kDeadlineExceeded,
       grpc::StatusCode::DEADLINE_EXCEEDED},
      {absl::StatusCode::kInternal, grpc::StatusCode::INTERNAL},
      {absl::StatusCode::kUnknown, grpc::StatusCode::INTERNAL},
  };
  for (const auto& [in, out] : table) {
    grpc::Status s = ToGrpcStatus(absl::Status(in, "x"));
    EXPECT_EQ(s.error_code(), out) << absl::StatusCodeToString(in);
    EXPECT_FALSE(GrpcErrorReason(s).empty());
  }
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_EQ(GrpcErrorReason(ToGrpcStatus(absl::NotFoundError("x"))),
            "NOT_FOUND");
}

TEST(GrpcStatusTest, ClientsGetTheReasonMetadataAndFieldBack) {
  const absl::Status rule =
      Error(absl::StatusCode::kFailedPrecondition, "QUORUM_NOT_REACHED",
            "429 of 1000 present", {{"present_shares", "429"}});
  const absl::Status back = FromGrpcStatus(ToGrpcStatus(rule));
  EXPECT_EQ(back.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(back.message(), "429 of 1000 present");
  EXPECT_EQ(ErrorReason(back), "QUORUM_NOT_REACHED");
  EXPECT_EQ(ErrorMetadata(back).at("present_shares"), "429");
  const absl::Status bad = FromGrpcStatus(ToGrpcStatus(
      absl::InvalidArgumentError("member_id: must not be empty")));
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorMetadata(bad).at("field"), "member_id");
  // A status from elsewhere (no details) keeps its code and message.
  const absl::Status plain = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection refused"));
  EXPECT_EQ(plain.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ErrorReason(plain), "");
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(GrpcStatusTest, ReadModelReasonsHaveTheirCodes) {
  struct Case {
    absl::StatusCode engine;
    const char* reason;
    grpc::StatusCode want;
  };
  // Whatever code the engine gave, the reason decides (the table).
  for (const Case& c : {
           Case{absl::StatusCode::kUnavailable, "READ_MODEL_BEHIND",
                grpc::StatusCode::UNAVAILABLE},
           Case{absl::StatusCode::kFailedPrecondition, "READ_MODEL_BEHIND",
                grpc::StatusCode::UNAVAILABLE},
           Case{absl::StatusCode::kUnavailable, "READ_MODEL_BUILDING",
                grpc::StatusCode::UNAVAILABLE},
           Case{absl::StatusCode::kInternal, "READ_MODEL_BUILDING",
                grpc::StatusCode::UNAVAILABLE},
           Case{absl::StatusCode::kOutOfRange, "POSITION_BEYOND_LOG",
                grpc::StatusCode::OUT_OF_RANGE},
           Case{absl::StatusCode::kInvalidArgument, "POSITION_BEYOND_LOG",
                grpc::StatusCode::OUT_OF_RANGE},
       }) {
    grpc::Status s = ToGrpcStatus(
        Error(c.engine, c.reason, "position 9 is beyond the log's end",
              {{"position", "9"}}));
    EXPECT_EQ(s.error_code(), c.want) << c.reason;
    EXPECT_EQ(GrpcErrorReason(s), c.reason);
    EXPECT_EQ(InfoOf(s).metadata().at("position"), "9");
    EXPECT_EQ(DecodeDetails(s).code(), static_cast<int>(c.want));
  }
}

}  // namespace
}  // namespace concordia
