// Expectations on gRPC answers for the end-to-end tests: the field a
// google.rpc.BadRequest names, and "this request is malformed in exactly this
// field, and nothing was appended".
//
// Thread-safety: reentrant.
//
// Example:
//   ExpectInvalidWith(server, *stub, &v1::SessionService::Stub::CastVote,
//                     valid, [](auto& r) { r.set_item(0); }, "item");
//   v1::CastVoteRequest bad = valid;
//   bad.set_item(0);
//   ExpectInvalidField(server, *stub, &v1::SessionService::Stub::CastVote,
//                      bad, "item");
#ifndef CONCORDIA_TESTS_TESTING_API_EXPECT_H_
#define CONCORDIA_TESTS_TESTING_API_EXPECT_H_

#include <chrono>
#include <string>

#include "google/rpc/error_details.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/tls_test_server.h"

namespace concordia::testing {

// The first field a google.rpc.BadRequest in the status names, or "".
inline std::string BadRequestField(const grpc::Status& status) {
  const google::rpc::Status details = DecodeDetails(status);
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad) && bad.field_violations_size() > 0) {
      return bad.field_violations(0).field();
    }
  }
  return "";
}

// Calls `method` with `request` (a 60 s deadline, waiting for the channel).
template <typename Stub, typename Request, typename Response>
grpc::Status CallRpc(Stub& stub,
                     grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                  const Request&, Response*),
                     const Request& request, Response* response = nullptr) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  ctx.set_wait_for_ready(true);
  Response local;
  return (stub.*method)(&ctx, request, response != nullptr ? response : &local);
}

// Expects INVALID_ARGUMENT with a BadRequest naming `field`, reason
// INVALID_FIELD, and no new event in the log.
template <typename Stub, typename Request, typename Response>
void ExpectInvalidField(TlsTestServer& server, Stub& stub,
                        grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                     const Request&, Response*),
                        const Request& request, const std::string& field) {
  const uint64_t before = server.LastPosition();
  grpc::Status s = CallRpc(stub, method, request);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << field << ": " << s.error_message();
  EXPECT_EQ(BadRequestField(s), field) << s.error_message();
  EXPECT_EQ(GrpcErrorReason(s), "INVALID_FIELD") << field;
  EXPECT_EQ(server.LastPosition(), before) << field;
}

// Expects `valid` changed by `mutate` to be INVALID_ARGUMENT naming `field`
// (as ExpectInvalidField), so each bad-input case is one line.
template <typename Stub, typename Request, typename Response, typename Mutate>
void ExpectInvalidWith(TlsTestServer& server, Stub& stub,
                       grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                    const Request&, Response*),
                       const Request& valid, Mutate mutate,
                       const std::string& field) {
  Request r = valid;
  mutate(r);
  ExpectInvalidField(server, stub, method, r, field);
}

// Expects `code` with ErrorInfo.reason `reason` and no new event.
template <typename Stub, typename Request, typename Response>
void ExpectError(TlsTestServer& server, Stub& stub,
                 grpc::Status (Stub::*method)(grpc::ClientContext*,
                                              const Request&, Response*),
                 const Request& request, grpc::StatusCode code,
                 const std::string& reason) {
  const uint64_t before = server.LastPosition();
  grpc::Status s = CallRpc(stub, method, request);
  EXPECT_EQ(s.error_code(), code) << reason << ": " << s.error_message();
  EXPECT_EQ(GrpcErrorReason(s), reason) << s.error_message();
  EXPECT_EQ(server.LastPosition(), before) << reason;
}

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_TESTING_API_EXPECT_H_
