#include "engine/readmodel/page_token.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "engine/crypto/sha256.h"
#include "engine/domain/core/command.h"

namespace concordia::readmodel {
namespace {

std::string Fingerprint(absl::string_view query) {
  return Sha256(query).ToHex().substr(0, 16);
}

}  // namespace

std::string EncodePageToken(absl::string_view query, uint64_t position,
                            absl::string_view resume) {
  std::string raw = "1";
  raw.push_back('\0');
  absl::StrAppend(&raw, position);
  raw.push_back('\0');
  absl::StrAppend(&raw, Fingerprint(query));
  raw.push_back('\0');
  absl::StrAppend(&raw, resume);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<PageToken> DecodePageToken(absl::string_view token,
                                          absl::string_view query) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) {
    return domain::InvalidField("page_token", "not a page token");
  }
  std::vector<std::string> parts = absl::StrSplit(raw, absl::ByChar('\0'));
  PageToken out;
  if (parts.size() != 4 || parts[0] != "1" ||
      !absl::SimpleAtoi(parts[1], &out.position)) {
    return domain::InvalidField("page_token", "not a page token");
  }
  if (parts[2] != Fingerprint(query)) {
    return domain::InvalidField(
        "page_token", "issued for another query (its arguments, as-of or "
                      "filters differ)");
  }
  out.resume = parts[3];
  return out;
}

}  // namespace concordia::readmodel
