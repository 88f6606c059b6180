// Server: the gRPC front of concordiad.
//
// Owns the store and the gRPC server: binds the listen address (loopback unless
// configured otherwise), registers Concordia's services, the standard
// grpc.health.v1 health service and server reflection, and drains in-flight
// calls on shutdown.
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
#include "services/auth/identity.h"

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

  // Stops accepting calls, lets in-flight calls finish for up to `grace`, then
  // cancels the rest and closes the store. Idempotent.
  void Shutdown(absl::Duration grace);

 private:
  explicit Server(std::unique_ptr<ServerImpl> impl);
  std::unique_ptr<ServerImpl> impl_;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_SERVER_SERVER_H_
