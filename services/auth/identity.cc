#include "services/auth/identity.h"

#include <fstream>
#include <sstream>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"

namespace concordia {

absl::StatusOr<std::string> ReadPemFile(const std::string& path,
                                        const std::string& flag) {
  std::ifstream in(path);
  if (!in) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
                 absl::StrCat(flag, ": cannot read '", path, "'"),
                 {{"field", flag}});
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string pem = ss.str();
  if (pem.find("-----BEGIN ") == std::string::npos) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
                 absl::StrCat(flag, ": '", path, "' is not a PEM file"),
                 {{"field", flag}});
  }
  return pem;
}

namespace {

// The three PEM documents of a TlsFiles.
struct Pems {
  std::string cert, key, ca;
};

absl::StatusOr<Pems> ReadAllPems(const TlsFiles& tls) {
  if (tls.cert.empty() || tls.key.empty() || tls.ca.empty()) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
                 "TLS needs all of --tls_cert, --tls_key and --tls_ca",
                 {{"field", "tls_cert"}});
  }
  Pems pems;
  for (auto [path, flag, out] :
       {std::make_tuple(&tls.cert, "tls_cert", &pems.cert),
        std::make_tuple(&tls.key, "tls_key", &pems.key),
        std::make_tuple(&tls.ca, "tls_ca", &pems.ca)}) {
    absl::StatusOr<std::string> pem = ReadPemFile(*path, flag);
    if (!pem.ok()) return pem.status();
    *out = *std::move(pem);
  }
  return pems;
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const TlsFiles& tls) {
  if (tls.empty()) return grpc::InsecureServerCredentials();
  absl::StatusOr<Pems> pems = ReadAllPems(tls);
  if (!pems.ok()) return pems.status();
  grpc::SslServerCredentialsOptions options(
      GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = pems->ca;
  options.pem_key_cert_pairs.push_back({pems->key, pems->cert});
  return grpc::SslServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFor(
    const TlsFiles& tls) {
  if (tls.empty()) return grpc::InsecureChannelCredentials();
  absl::StatusOr<Pems> pems = ReadAllPems(tls);
  if (!pems.ok()) return pems.status();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = pems->ca;
  options.pem_private_key = pems->key;
  options.pem_cert_chain = pems->cert;
  return grpc::SslCredentials(options);
}

absl::StatusOr<std::string> PrincipalOf(const grpc::ServerContextBase& context,
                                        bool plaintext) {
  if (plaintext) {
    const auto& metadata = context.client_metadata();
    auto it = metadata.find(kPrincipalHeader);
    if (it == metadata.end() || it->second.empty()) {
      return Error(absl::StatusCode::kUnauthenticated, "UNAUTHENTICATED",
                   "plaintext mode: name the caller in the "
                   "'concordia-principal' header");
    }
    return std::string(it->second.data(), it->second.size());
  }
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth != nullptr && auth->IsPeerAuthenticated()) {
    for (const auto& cn : auth->FindPropertyValues("x509_common_name")) {
      if (!cn.empty()) return std::string(cn.data(), cn.size());
    }
  }
  return Error(absl::StatusCode::kUnauthenticated, "UNAUTHENTICATED",
               "no verified client certificate with a common name");
}

}  // namespace concordia
