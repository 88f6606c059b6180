// Identity: how the server learns who is calling, and the credentials it
// listens with.
//
// With mutual TLS (the normal mode) the principal is the common name of the
// client certificate, which the server's client CA has signed. Without TLS
// ("plaintext mode", allowed only on loopback and announced loudly at start)
// there is no authentication: callers name themselves in the
// `concordia-principal` request header; it exists for local development and
// tests on one machine.
//
// Thread-safety: functions are reentrant.
//
// Example:
//   TlsFiles tls{"server.crt", "server.key", "ca.crt"};
//   auto creds = ServerCredentialsFor(tls);   // mTLS, client certs required
//   ...
//   absl::StatusOr<std::string> who = PrincipalOf(*context, /*plaintext=*/false);
#ifndef CONCORDIA_SERVICES_AUTH_IDENTITY_H_
#define CONCORDIA_SERVICES_AUTH_IDENTITY_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"

namespace concordia {

// The request header naming the principal in plaintext mode.
inline constexpr char kPrincipalHeader[] = "concordia-principal";

// PEM files for TLS. All empty means plaintext.
struct TlsFiles {
  std::string cert;       // this side's certificate chain
  std::string key;        // this side's private key
  std::string ca;         // the CA that signs the other side's certificates
  bool empty() const { return cert.empty() && key.empty() && ca.empty(); }
};

// Reads a whole file; kInvalidArgument naming `flag` when it cannot.
absl::StatusOr<std::string> ReadPemFile(const std::string& path,
                                        const std::string& flag);

// Server credentials: mutual TLS requiring and verifying a client certificate
// when `tls` is set (all three files), insecure otherwise.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const TlsFiles& tls);

// Channel credentials for clients: TLS with a client certificate when `tls`
// is set, insecure otherwise.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFor(
    const TlsFiles& tls);

// The principal of a call: the client certificate's common name under TLS,
// the concordia-principal header in plaintext mode. kUnauthenticated when
// there is none.
absl::StatusOr<std::string> PrincipalOf(const grpc::ServerContextBase& context,
                                        bool plaintext);

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_AUTH_IDENTITY_H_
