#include "engine/common/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace concordia {
namespace {

constexpr absl::string_view kReasonUrl = "type.concordia.dev/reason";
constexpr absl::string_view kMetadataPrefix = "type.concordia.dev/metadata/";

}  // namespace

absl::Status Error(
    absl::StatusCode code, absl::string_view reason, absl::string_view message,
    std::initializer_list<std::pair<absl::string_view, std::string>> metadata) {
  absl::Status status(code, message);
  status.SetPayload(kReasonUrl, absl::Cord(reason));
  for (const auto& [key, value] : metadata) {
    status.SetPayload(absl::StrCat(kMetadataPrefix, key), absl::Cord(value));
  }
  return status;
}

std::string ErrorReason(const absl::Status& status) {
  auto reason = status.GetPayload(kReasonUrl);
  return reason.has_value() ? std::string(*reason) : std::string();
}

std::map<std::string, std::string> ErrorMetadata(const absl::Status& status) {
  std::map<std::string, std::string> out;
  status.ForEachPayload(
      [&](absl::string_view url, const absl::Cord& value) {
        if (absl::StartsWith(url, kMetadataPrefix)) {
          out[std::string(url.substr(kMetadataPrefix.size()))] =
              std::string(value);
        }
      });
  return out;
}

void SetErrorMetadata(absl::Status& status, absl::string_view key,
                      absl::string_view value) {
  status.SetPayload(absl::StrCat(kMetadataPrefix, key), absl::Cord(value));
}

}  // namespace concordia
