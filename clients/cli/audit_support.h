// What the audit commands share: reading key and bundle files, and fetching
// a bundle from the server.
//
// Thread-safety: stateless functions.
//
// Example:
//   auto verifier = LoadVerifier("log.vkey");   // a key line or a file
//   auto bundle = FetchBundle(global, "sudest/deliberation/p-7", 0);
#ifndef CONCORDIA_CLIENTS_CLI_AUDIT_SUPPORT_H_
#define CONCORDIA_CLIENTS_CLI_AUDIT_SUPPORT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "clients/cli/command.h"
#include "concordia/v1/audit.pb.h"
#include "engine/audit/checkpoint/note.h"
#include "grpcpp/grpcpp.h"

namespace concordia::cli {

// The whole content of a file; kInvalidArgument naming it when unreadable.
absl::StatusOr<std::string> ReadFileText(const std::string& path);

// Writes `text` to `path` (replacing it only once fully written).
absl::Status WriteFileText(const std::string& path, const std::string& text);

// A verifier from --key: a verifier key line ("name+id+base64"), or a file
// holding one, or a signer key file ("PRIVATE+KEY+...", whose public half is
// used). kInvalidArgument when none of these.
absl::StatusOr<audit::NoteVerifier> LoadVerifier(const std::string& key);

// Exports `stream` (up to `up_to`, 0: all) from the server as a bundle;
// `status` receives the call's status when it fails.
absl::StatusOr<v1::AuditBundle> FetchBundle(const GlobalOptions& global,
                                            const std::string& stream,
                                            uint64_t up_to,
                                            grpc::Status* status);

// The server's verifier key (AuditService.GetCheckpoint).
absl::StatusOr<std::string> FetchVerifierKey(const GlobalOptions& global,
                                             grpc::Status* status);

}  // namespace concordia::cli

#endif  // CONCORDIA_CLIENTS_CLI_AUDIT_SUPPORT_H_
