// The engine's error vocabulary: an absl::Status with a stable reason code.
//
// Every error that a user may act on carries a reason in UPPER_SNAKE (e.g.
// WRONG_EXPECTED_VERSION, QUORUM_NOT_REACHED) and optional key/value metadata,
// stored as Status payloads. The gRPC layer maps code + reason + metadata to a
// google.rpc.ErrorInfo in one place; the CLI prints reason and message.
//
// Thread-safety: stateless functions.
//
// Example:
//   return Error(absl::StatusCode::kAborted, "WRONG_EXPECTED_VERSION",
//                "stream 'x': expected version 3, actual 5",
//                {{"expected", "3"}, {"actual", "5"}});
//   ...
//   if (ErrorReason(status) == "WRONG_EXPECTED_VERSION") Retry();
#ifndef CONCORDIA_ENGINE_COMMON_ERRORS_H_
#define CONCORDIA_ENGINE_COMMON_ERRORS_H_

#include <initializer_list>
#include <map>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace concordia {

// Builds a status with `code`, `message`, a reason code and metadata.
absl::Status Error(
    absl::StatusCode code, absl::string_view reason, absl::string_view message,
    std::initializer_list<std::pair<absl::string_view, std::string>> metadata =
        {});

// The reason code of `status`, or "" when it has none.
std::string ErrorReason(const absl::Status& status);

// The metadata of `status` (empty when none).
std::map<std::string, std::string> ErrorMetadata(const absl::Status& status);

// Adds or replaces one metadata entry.
void SetErrorMetadata(absl::Status& status, absl::string_view key,
                      absl::string_view value);

}  // namespace concordia

#endif  // CONCORDIA_ENGINE_COMMON_ERRORS_H_
