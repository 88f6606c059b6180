// Client: the C++ client library of Concordia — one connection to a server,
// typed calls to every service, and the retry rules a caller needs.
//
// A call is made with the service stub's method, so requests and responses
// are checked at compile time:
//
//   auto vote = client->Call(&v1::SessionService::Stub::CastVote, request);
//
// What Call does:
//  - the deadline (options.timeout) and, in plaintext mode, the principal
//    header are set on every attempt;
//  - a mutation whose `request_id` is empty gets a fresh random one, so that
//    every retry of this call carries the same id and the server answers it
//    once (AIP-155): the response to a retry is the response to the first
//    attempt;
//  - UNAVAILABLE (the server restarting, a dropped connection) is retried
//    with exponential back-off, up to options.retry.attempts; a retry goes
//    out as soon as the connection is back, or when the back-off has
//    passed; any other error is returned at once;
//  - errors come back as absl::Status with the server's reason code and
//    metadata (engine/common/errors.h: ErrorReason, ErrorMetadata; the field
//    of a malformed request is metadata "field").
// A version conflict (ABORTED) is not retried by Call: the caller must read
// again and decide again — RetryOnConflict (conflict.h) does that loop.
//
// Thread-safety: a Client may be shared by threads; Call is thread-safe.
//
// Example:
//   ClientOptions options;
//   options.address = "concordia.regione.it:7411";
//   options.tls = {"me.crt", "me.key", "ca.crt"};
//   auto client = Client::Connect(options);
//   v1::GetDeliberationRequest get;
//   get.set_consortium_id("sudestmilano");
//   get.set_proposal_id("p-2026-1");
//   auto d = (*client)->Call(&v1::DeliberationService::Stub::GetDeliberation,
//                            get);
#ifndef CONCORDIA_CLIENTS_CPP_CLIENT_H_
#define CONCORDIA_CLIENTS_CPP_CLIENT_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <typeindex>
#include <unordered_map>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "grpcpp/grpcpp.h"
#include "services/auth/identity.h"

namespace concordia::client {

// How UNAVAILABLE is retried.
struct RetryPolicy {
  int attempts = 5;  // in all, the first included
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(5);
  double multiplier = 2.0;
};

struct ClientOptions {
  // host:port of concordiad.
  std::string address = "127.0.0.1:7411";
  // Mutual TLS: this client's certificate and key and the server's CA. All
  // empty: plaintext, which the server accepts only on loopback.
  TlsFiles tls;
  // Plaintext mode only: who the caller is (sent in the concordia-principal
  // header). With TLS the certificate says it.
  std::string principal;
  // Deadline of each attempt.
  absl::Duration timeout = absl::Seconds(10);
  RetryPolicy retry;
  // Waits before a retry, at most `backoff`: by default until the channel is
  // connected again (so a retry goes out as soon as the server is back) or
  // the back-off has passed. Tests inject their own.
  std::function<void(absl::Duration backoff, grpc::Channel& channel)>
      wait_before_retry;
  // Called before each attempt with the request as sent (e.g. to log
  // retries); may be empty.
  std::function<void(const google::protobuf::Message&)> before_attempt;
};

// A fresh random request id (128 bits, hex).
std::string NewRequestId();

// If `request` has an empty string field `request_id`, sets a fresh one.
void EnsureRequestId(google::protobuf::Message& request);

class Client {
 public:
  // Reads the TLS files and makes the channel (it connects lazily, so a
  // server that is not up yet is not an error here). kInvalidArgument for
  // unreadable files or a bad address.
  static absl::StatusOr<std::unique_ptr<Client>> Connect(ClientOptions options);

  // Over an existing channel (e.g. one a test made).
  Client(std::shared_ptr<grpc::Channel> channel, ClientOptions options);

  // Calls `method` of the service whose stub type is Stub. See the file
  // comment for request ids, retries and errors.
  template <typename Stub, typename Request, typename Response>
  absl::StatusOr<Response> Call(
      grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                   Response*),
      Request request) {
    EnsureRequestId(request);
    Stub& stub = StubFor<Stub>();
    Response response;
    absl::Status status = WithRetries([&](grpc::ClientContext& context) {
      if (options_.before_attempt) options_.before_attempt(request);
      response.Clear();
      return (stub.*method)(&context, request, &response);
    });
    if (!status.ok()) return status;
    return response;
  }

  // The stub of a service, made once per client (e.g. for streaming calls
  // such as EventService.SubscribeEvents; use Prepare for their context).
  template <typename Stub>
  Stub& StubFor() {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = stubs_[std::type_index(typeid(Stub))];
    if (slot == nullptr) {
      slot = std::shared_ptr<void>(new Stub(channel_),
                                   [](void* p) { delete static_cast<Stub*>(p); });
    }
    return *static_cast<Stub*>(slot.get());
  }

  // Sets the deadline (unless `deadline` is false, for long-lived streams)
  // and the plaintext principal header on `context`.
  void Prepare(grpc::ClientContext& context, bool deadline = true) const;

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const ClientOptions& options() const { return options_; }

 private:
  // Runs `attempt` with a fresh context until it succeeds, fails with
  // something other than UNAVAILABLE, or the attempts are used up.
  absl::Status WithRetries(
      const std::function<grpc::Status(grpc::ClientContext&)>& attempt);

  std::shared_ptr<grpc::Channel> channel_;
  ClientOptions options_;
  std::mutex mu_;
  std::unordered_map<std::type_index, std::shared_ptr<void>> stubs_;
};

}  // namespace concordia::client

#endif  // CONCORDIA_CLIENTS_CPP_CLIENT_H_
