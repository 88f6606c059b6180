// Channel creation and gRPC-status-to-exit-code mapping for CLI commands.
//
// Thread-safety: stateless functions.
//
// Example:
//   auto channel = OpenChannel(global);
//   grpc::ClientContext ctx;
//   SetDeadline(global, ctx);
#ifndef CONCORDIA_CLIENTS_CLI_CHANNEL_H_
#define CONCORDIA_CLIENTS_CLI_CHANNEL_H_

#include <memory>
#include <string>

#include "clients/cli/command.h"
#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"

namespace concordia::cli {

// A channel to global.server: mutual TLS when global.tls_dir is set
// (needs global.principal), plaintext otherwise. kInvalidArgument when the
// certificate files cannot be read.
absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(
    const GlobalOptions& global);

// Prepares a call: the deadline from global.timeout and, in plaintext mode,
// the principal header.
void PrepareContext(const GlobalOptions& global, grpc::ClientContext& context);

// The exit code for a failed call: 3 for connection and authentication
// failures, 1 for rule rejections, 2 for invalid arguments.
int ExitCodeFor(const grpc::Status& status);

// Prints a failed call's error to output.err and returns its exit code.
int ReportError(const GlobalOptions& global, const grpc::Status& status,
                Output& output);

// Escapes `s` as a JSON string literal, quotes included.
std::string JsonString(const std::string& s);

}  // namespace concordia::cli

#endif  // CONCORDIA_CLIENTS_CLI_CHANNEL_H_
