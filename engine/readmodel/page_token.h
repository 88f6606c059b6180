// Opaque page tokens of the read-model lists.
//
// A token names where the next page starts (after an entity key, or after a
// position for histories) and pins the log position of the first page, so
// every page of a list reads the same state even while the log grows. It is
// bound to its query (the method, its arguments, its as-of and filters): a
// token presented with another query is refused.
//
// Format (not a contract; clients treat tokens as opaque): URL-safe base64,
// unpadded, of "1" NUL <position decimal> NUL <16 hex digits of SHA-256 of
// the query> NUL <resume point>.
//
// Thread-safety: pure functions.
//
// Example:
//   std::string t = EncodePageToken("albo|sudest|...", 1200, "albo/sudest/...");
//   absl::StatusOr<PageToken> p = DecodePageToken(t, "albo|sudest|...");
#ifndef CONCORDIA_ENGINE_READMODEL_PAGE_TOKEN_H_
#define CONCORDIA_ENGINE_READMODEL_PAGE_TOKEN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace concordia::readmodel {

struct PageToken {
  uint64_t position = 0;  // the log position every page reads
  std::string resume;     // where the next page starts (exclusive)
};

std::string EncodePageToken(absl::string_view query, uint64_t position,
                            absl::string_view resume);

// kInvalidArgument naming "page_token" when malformed or issued for another
// query.
absl::StatusOr<PageToken> DecodePageToken(absl::string_view token,
                                          absl::string_view query);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_PAGE_TOKEN_H_
