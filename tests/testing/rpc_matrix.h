// RpcMatrix: the authorization matrix of the end-to-end tests — every RPC
// called by every caller over real mutual-TLS channels, allowed or
// PERMISSION_DENIED as docs/api.md specifies, and nothing appended.
//
// Denied callers send a complete, well-formed request. Allowed callers of a
// mutation send the same request without its request_id, which they can
// reach only past authorization (INVALID_ARGUMENT naming request_id): the
// matrix writes nothing and shows that permission is checked before
// validation. Reads are sent whole, and allowed callers get OK.
//
// Thread-safety: not thread-safe; one matrix per test.
//
// Example:
//   std::vector<MatrixRpc> m;
//   m.push_back(MatrixEntry<v1::AccordService>("DraftAccord", {kUfficio},
//                                              draft, &Stub::DraftAccord));
//   RunMatrix(server, m, callers);
#ifndef CONCORDIA_TESTS_TESTING_RPC_MATRIX_H_
#define CONCORDIA_TESTS_TESTING_RPC_MATRIX_H_

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/tls_test_server.h"

namespace concordia::testing {

// One RPC of the matrix: who may call it and how to call it.
struct MatrixRpc {
  std::string name;
  std::set<std::string> allowed;
  bool mutation = true;
  // Calls the RPC as `as`; without the request_id when `strip` is set.
  std::function<grpc::Status(TlsTestServer&, const std::string& as, bool strip)>
      call;
};

// Whether a request carries a request_id (mutations do).
template <typename Request, typename = void>
struct HasRequestId : std::false_type {};
template <typename Request>
struct HasRequestId<
    Request, std::void_t<decltype(std::declval<Request&>().clear_request_id())>>
    : std::true_type {};

template <typename Service, typename Request, typename Response>
MatrixRpc MatrixEntry(std::string name, std::set<std::string> allowed,
                      Request request,
                      grpc::Status (Service::Stub::*method)(
                          grpc::ClientContext*, const Request&, Response*)) {
  MatrixRpc rpc;
  rpc.name = std::move(name);
  rpc.allowed = std::move(allowed);
  rpc.mutation = HasRequestId<Request>::value;
  rpc.call = [request, method](TlsTestServer& server, const std::string& as,
                               bool strip) {
    Request r = request;
    if constexpr (HasRequestId<Request>::value) {
      if (strip) r.clear_request_id();
    }
    auto stub = Service::NewStub(server.ChannelAs(as));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(60));
    ctx.set_wait_for_ready(true);
    Response response;
    return (stub.get()->*method)(&ctx, r, &response);
  };
  return rpc;
}

// Calls every RPC as every caller and checks the outcome; returns the
// number of calls made.
inline int RunMatrix(TlsTestServer& server, const std::vector<MatrixRpc>& rpcs,
                     const std::vector<std::string>& callers) {
  int calls = 0;
  for (const MatrixRpc& rpc : rpcs) {
    for (const std::string& caller : callers) {
      const bool may = rpc.allowed.count(caller) > 0;
      const uint64_t before = server.LastPosition();
      grpc::Status s = rpc.call(server, caller, /*strip=*/may);
      const std::string where =
          absl::StrCat(rpc.name, " as ", caller, ": ", s.error_message());
      if (!may) {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << where;
        EXPECT_EQ(GrpcErrorReason(s), "PERMISSION_DENIED") << where;
      } else if (rpc.mutation) {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << where;
        EXPECT_EQ(BadRequestField(s), "request_id") << where;
      } else {
        EXPECT_TRUE(s.ok()) << where;
      }
      EXPECT_EQ(server.LastPosition(), before) << where;
      ++calls;
    }
  }
  return calls;
}

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_TESTING_RPC_MATRIX_H_
