#include "clients/cli/channel.h"

#include <ostream>

#include "absl/strings/str_format.h"
#include "engine/common/clock.h"
#include "services/auth/identity.h"
#include "services/common/grpc_status.h"

namespace concordia::cli {

absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(
    const GlobalOptions& global) {
  TlsFiles tls;
  if (!global.tls_dir.empty()) {
    if (global.principal.empty()) {
      return absl::InvalidArgumentError(
          "--tls_dir needs --as=PRINCIPAL to pick the client certificate");
    }
    tls.cert = global.tls_dir + "/" + global.principal + ".crt";
    tls.key = global.tls_dir + "/" + global.principal + ".key";
    tls.ca = global.tls_dir + "/ca.crt";
  }
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> creds =
      ChannelCredentialsFor(tls);
  if (!creds.ok()) return creds.status();
  return grpc::CreateChannel(global.server, *creds);
}

void PrepareContext(const GlobalOptions& global, grpc::ClientContext& context) {
  context.set_deadline(
      absl::ToChronoTime(SystemClock::Get()->Now() + global.timeout));
  if (global.tls_dir.empty() && !global.principal.empty()) {
    context.AddMetadata(kPrincipalHeader, global.principal);
  }
}

int ExitCodeFor(const grpc::Status& status) {
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return kExitConnection;
    case grpc::StatusCode::INVALID_ARGUMENT:
      return kExitUsage;
    default:
      return kExitRejected;
  }
}

int ReportError(const GlobalOptions& global, const grpc::Status& status,
                Output& output) {
  const int code = ExitCodeFor(status);
  const std::string reason = GrpcErrorReason(status);
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      output.err << "concordia: cannot reach the server at " << global.server
                 << ": " << status.error_message() << "\n";
      break;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      output.err << "concordia: not allowed: " << status.error_message()
                 << "\n";
      break;
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::ALREADY_EXISTS:
      output.err << "concordia: rejected (" << reason
                 << "): " << status.error_message() << "\n";
      break;
    default:
      output.err << "concordia: " << status.error_message()
                 << (reason.empty() ? "" : " [" + reason + "]") << "\n";
  }
  return code;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += "\"";
  return out;
}

}  // namespace concordia::cli
