#include "engine/log/types.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace concordia::log {

absl::StatusOr<EventId> EventId::FromBytes(absl::string_view raw) {
  if (raw.size() != 16) {
    return absl::InvalidArgumentError(
        absl::StrCat("event id: must be 16 bytes, got ", raw.size()));
  }
  EventId id;
  std::copy(raw.begin(), raw.end(), id.bytes.begin());
  return id;
}

absl::StatusOr<EventId> EventId::FromHex(absl::string_view hex) {
  const std::string compact = absl::StrReplaceAll(hex, {{"-", ""}});
  if (compact.size() != 32 ||
      !std::all_of(compact.begin(), compact.end(), [](char c) {
        return absl::ascii_isxdigit(static_cast<unsigned char>(c));
      })) {
    return absl::InvalidArgumentError(absl::StrCat(
        "event id: '", hex, "' is not 32 hex digits (a UUID)"));
  }
  return FromBytes(absl::HexStringToBytes(compact));
}

std::string EventId::ToHex() const {
  return absl::BytesToHexString(AsStringView());
}

absl::StatusOr<ExpectedVersion> ExpectedVersion::FromWire(int64_t wire) {
  switch (wire) {
    case -1:
      return Any();
    case -2:
      return NoStream();
    case -3:
      return StreamExists();
    default:
      if (wire >= 0) return Exact(static_cast<uint64_t>(wire));
      return absl::InvalidArgumentError(absl::StrCat(
          "expected_version: ", wire,
          " is not -1 (any), -2 (no stream), -3 (stream exists) or >= 0"));
  }
}

std::string ExpectedVersion::ToString() const {
  switch (kind_) {
    case Kind::kAny:
      return "ANY";
    case Kind::kNoStream:
      return "NO_STREAM";
    case Kind::kStreamExists:
      return "STREAM_EXISTS";
    case Kind::kExact:
      return absl::StrCat(version_);
  }
  return "?";
}

bool RecordFilter::Matches(absl::string_view stream,
                           absl::string_view type) const {
  if (!absl::StartsWith(stream, stream_prefix)) return false;
  if (event_types.empty()) return true;
  return std::find(event_types.begin(), event_types.end(), type) !=
         event_types.end();
}

absl::Status ValidateStreamName(absl::string_view stream) {
  if (stream.empty()) {
    return absl::InvalidArgumentError("stream: the name is empty");
  }
  if (stream.size() > kMaxStreamNameBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("stream: the name has ", stream.size(),
                     " bytes; the limit is ", kMaxStreamNameBytes));
  }
  if (stream.front() == '/' || stream.back() == '/' ||
      absl::StrContains(stream, "//")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "stream: '", absl::CHexEscape(stream),
        "' has an empty segment (names are segments joined by '/')"));
  }
  for (char c : stream) {
    const bool ok = absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
                    c == '.' || c == '_' || c == '-' || c == ':' || c == '/';
    if (!ok) {
      return absl::InvalidArgumentError(absl::StrCat(
          "stream: '", absl::CHexEscape(stream),
          "' contains a character outside [A-Za-z0-9._:-/]"));
    }
  }
  return absl::OkStatus();
}

}  // namespace concordia::log
