// Server: the gRPC front of concordiad.
//
// Owns the store and the gRPC server: binds the listen address (loopback unless
// configured otherwise), registers Concordia's services, the standard
// grpc.health.v1 health service and server reflection, and drains in-flight
// calls on shutdown.
//
// Serving (docs/api.md, "Server"): the callback API; unary domain RPCs run on
// a pool of workers (CallExecutor) sized for many clients blocked on group
// commits, with a bound on calls in flight beyond which calls are refused
// with RESOURCE_EXHAUSTED; a call whose deadline passed while it waited is
// not run; messages are limited to max_message_bytes each way; Shutdown
// stops accepting calls, lets in-flight calls finish within the grace
// period, then stops the workers, the timers and the store. The health
// service reports NOT_SERVING while the store refuses writes. Durable timers
// of both domains (a deliberation's executivity; an accord's withdrawal and
// term, a project's report) fire by the server's clock.
//
// Thread-safety: Start, Shutdown and Wait may be called from different threads;
// Start must be called once, before the others.
//
// Example:
//   ServerOptions options;
//   options.port = 0;  // pick a free port
//   options.data_dir = "/var/lib/concordia";
//   auto server = Server::Start(options);
//   if (!server.ok()) return 1;
//   std::cout << "listening on " << (*server)->address() << "\n";
//   (*server)->Shutdown(absl::Seconds(10));
#ifndef CONCORDIA_SERVICES_SERVER_SERVER_H_
#define CONCORDIA_SERVICES_SERVER_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/common/clock.h"
#include "engine/projection/projection_runner.h"
#include "engine/readmodel/queries.h"
#include "services/auth/identity.h"
#include "services/common/call_executor.h"

namespace concordia {

// What the server needs to start.
struct ServerOptions {
  // The address to listen on. Only loopback unless the operator says otherwise.
  std::string listen_host = "127.0.0.1";
  // The TCP port; 0 lets the system choose a free one (see Server::port()).
  int port = 7411;
  // The data directory; created (with its parents) when missing.
  std::string data_dir;
  // Mutual TLS: the server's certificate and key, and the CA that signs
  // client certificates. All empty means plaintext, which is allowed only on
  // a loopback address.
  TlsFiles tls;
  // Principals that are system administrators from the start, so a fresh
  // system can make its first grants.
  std::vector<std::string> bootstrap_admins;
  // The audit log's signing key: a file holding one "PRIVATE+KEY+..." line.
  // Empty: <data_dir>/signing.key, created on first start.
  std::string signing_key_file;
  // The checkpoints' origin line (the log's name for auditors).
  std::string log_origin = "concordia.local/log";
  // How often a checkpoint is signed when the log grew (besides at every
  // closed session and on request).
  absl::Duration checkpoint_interval = absl::Hours(1);
  // The clock of commands, records and timers; nullptr means the system
  // clock. Tests pass a SimulatedClock and call RunDueTimers().
  Clock* clock = nullptr;
  // Workers running unary RPC bodies, and the most calls queued or running
  // at once (beyond it: RESOURCE_EXHAUSTED).
  int worker_threads = 64;
  size_t max_calls_in_flight = 1024;
  // The largest message received or sent, in bytes.
  int max_message_bytes = 8 << 20;
  // How long a query asking for a log position its read model has not
  // applied yet waits for it (read-your-writes) before UNAVAILABLE
  // (READ_MODEL_BEHIND).
  absl::Duration read_model_wait = absl::Seconds(5);
};

class ServerImpl;

// A running Concordia server.
class Server {
 public:
  // Opens the store in options.data_dir and starts serving.
  // Returns InvalidArgument for bad options, Unavailable when the port cannot
  // be bound, and the store's error when it cannot be opened.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const ServerOptions& options);

  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound.
  int port() const;
  // host:port actually bound.
  std::string address() const;
  // The absolute path of the data directory.
  const std::string& data_dir() const;
  // Whether the server runs without TLS.
  bool plaintext() const;
  // The verifier key of the log's checkpoints ("name+keyid+base64").
  std::string verifier_key() const;

  // Fires the timers due at the server clock's now and completes them;
  // returns how many completed. Production runs them in the background;
  // tests with a simulated clock call this after moving the clock.
  absl::StatusOr<int> RunDueTimers();

  // The read models' queries (engine/readmodel/queries.h), over the read
  // models kept in <data_dir>/projections; valid until Shutdown.
  readmodel::Queries& queries();
  // Each read model's code version, checkpoint against the log's last
  // position, and whether it is still building (docs/operations.md).
  std::vector<projection::ProjectionStatus> ReadModelStatus();

  // The workers of unary RPCs (for instrumentation and tests).
  CallExecutor& call_executor();

  // Stops accepting calls, lets in-flight calls finish for up to `grace`, then
  // cancels the rest and closes the store. Idempotent.
  void Shutdown(absl::Duration grace);

 private:
  explicit Server(std::unique_ptr<ServerImpl> impl);
  std::unique_ptr<ServerImpl> impl_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_SERVER_SERVER_H_
