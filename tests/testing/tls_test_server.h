// TlsTestServer: a Concordia server inside the test process, over mutual TLS
// with certificates from deploy/certs.sh and a simulated clock, reached
// through real gRPC channels — one per principal, each presenting that
// principal's client certificate.
//
// Runs the real Server (services/server), so every call goes through TLS,
// the principal from the certificate, authorization, the call executor and
// the durable store. Restart() shuts it down and starts it again on the
// same data directory (requests retried after it must be answered the same).
// Time moves only when the test moves clock(); RunDueTimers() then fires
// what fell due.
//
// Thread-safety: ChannelAs and the accessors are safe for concurrent use;
// Restart must not race with calls.
//
// Example:
//   auto server = TlsTestServer::Start({.principals = {"sindaco@melegnano"}});
//   auto sessions = v1::SessionService::NewStub(
//       (*server)->ChannelAs("segretario@sudestmilano"));
#ifndef CONCORDIA_TESTS_TESTING_TLS_TEST_SERVER_H_
#define CONCORDIA_TESTS_TESTING_TLS_TEST_SERVER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/common/clock.h"
#include "engine/common/mutex.h"
#include "grpcpp/grpcpp.h"
#include "services/server/server.h"

namespace concordia::testing {

class TlsTestServer {
 public:
  struct Options {
    // Client certificates to issue besides deploy/certs.sh's demo ones.
    std::vector<std::string> principals;
    // System administrators from the start.
    std::vector<std::string> admins = {"admin@concordia"};
    // Where the simulated clock starts.
    absl::Time start = absl::FromCivil(absl::CivilSecond(2026, 2, 16, 9, 0, 0),
                                       absl::FixedTimeZone(3600));
    // Executor sizing (tests of overload use tiny ones).
    int worker_threads = 16;
    size_t max_calls_in_flight = 1024;
    int max_message_bytes = 8 << 20;
  };

  static absl::StatusOr<std::unique_ptr<TlsTestServer>> Start(Options options);
  ~TlsTestServer();

  // A channel presenting `principal`'s certificate (issued at Start).
  std::shared_ptr<grpc::Channel> ChannelAs(const std::string& principal);

  // Shuts the server down (draining calls) and starts it again on the same
  // store. Channels made before reconnect by themselves.
  absl::Status Restart();

  // The log's last position, read through AdminService.GetServerInfo.
  uint64_t LastPosition();

  Server& server() { return *server_; }
  SimulatedClock& clock() { return clock_; }
  int port() const { return port_; }
  const std::string& tls_dir() const { return tls_dir_; }

 private:
  TlsTestServer(Options options, std::string tls_dir, std::string data_dir);
  absl::Status Launch();

  const Options options_;
  const std::string tls_dir_;
  const std::string data_dir_;
  SimulatedClock clock_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
  Mutex mu_;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_TESTING_TLS_TEST_SERVER_H_
