#include "engine/log/append_validation.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace concordia::log {
namespace {

absl::Status CheckField(size_t i, absl::string_view name,
                        absl::string_view value, bool required) {
  if (required && value.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("events[", i, "].", name, ": required"));
  }
  if (value.size() > kMaxMetadataFieldBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("events[", i, "].", name, ": ", value.size(),
                     " bytes; the limit is ", kMaxMetadataFieldBytes));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateAppend(absl::string_view stream,
                            const std::vector<NewEvent>& events) {
  if (absl::Status s = ValidateStreamName(stream); !s.ok()) return s;
  if (events.empty()) {
    return absl::InvalidArgumentError("events: an append needs at least one");
  }
  if (events.size() > kMaxEventsPerAppend) {
    return absl::InvalidArgumentError(
        absl::StrCat("events: ", events.size(), " in one append; the limit is ",
                     kMaxEventsPerAppend));
  }
  size_t total = 0;
  absl::flat_hash_set<std::string> ids;
  for (size_t i = 0; i < events.size(); ++i) {
    const NewEvent& e = events[i];
    if (e.type.empty() || e.type.size() > kMaxEventTypeBytes) {
      return absl::InvalidArgumentError(absl::StrCat(
          "events[", i, "].type: must have 1..", kMaxEventTypeBytes, " bytes"));
    }
    for (char c : e.type) {
      if (!absl::ascii_isgraph(static_cast<unsigned char>(c))) {
        return absl::InvalidArgumentError(absl::StrCat(
            "events[", i, "].type: only printable ASCII without spaces"));
      }
    }
    if (e.schema_version == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("events[", i, "].schema_version: must be >= 1"));
    }
    if (e.payload.size() > kMaxPayloadBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("events[", i, "].payload: ", e.payload.size(),
                       " bytes; the limit is ", kMaxPayloadBytes));
    }
    for (absl::Status s :
         {CheckField(i, "metadata.principal", e.metadata.principal, true),
          CheckField(i, "metadata.command_id", e.metadata.command_id, false),
          CheckField(i, "metadata.correlation_id", e.metadata.correlation_id,
                     false),
          CheckField(i, "metadata.causation_id", e.metadata.causation_id,
                     false)}) {
      if (!s.ok()) return s;
    }
    if (e.metadata.effective_time == absl::InfinitePast() ||
        e.metadata.effective_time == absl::InfiniteFuture()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "events[", i, "].metadata.effective_time: required (a finite time)"));
    }
    if (!ids.insert(std::string(e.id.AsStringView())).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("events[", i, "].id: ", e.id.ToHex(),
                       " appears twice in one append"));
    }
    total += e.payload.size() + e.type.size() + e.metadata.principal.size() +
             e.metadata.command_id.size() + e.metadata.correlation_id.size() +
             e.metadata.causation_id.size() + 64;
  }
  if (total > kMaxAppendBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "events: ", total, " bytes in one append; the limit is ",
        kMaxAppendBytes));
  }
  return absl::OkStatus();
}

absl::Status ValidateAppendAll(const std::vector<StreamAppend>& parts) {
  if (parts.empty()) {
    return absl::InvalidArgumentError("parts: a joint append needs at least one");
  }
  if (parts.size() > kMaxStreamsPerAppend) {
    return absl::InvalidArgumentError(
        absl::StrCat("parts: ", parts.size(), " streams in one append; the "
                     "limit is ", kMaxStreamsPerAppend));
  }
  absl::flat_hash_set<absl::string_view> streams;
  absl::flat_hash_set<std::string> ids;
  size_t events = 0;
  size_t bytes = 0;
  for (size_t p = 0; p < parts.size(); ++p) {
    const StreamAppend& part = parts[p];
    if (absl::Status s = ValidateAppend(part.stream, part.events); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("parts[", p, "].", s.message()));
    }
    if (part.expected.kind() == ExpectedVersion::Kind::kExact &&
        part.expected.version() > (uint64_t{1} << 62)) {
      return absl::InvalidArgumentError(
          absl::StrCat("parts[", p, "].expected: out of range"));
    }
    if (!streams.insert(part.stream).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("parts[", p, "].stream: '", part.stream,
                       "' appears twice in one append"));
    }
    for (size_t i = 0; i < part.events.size(); ++i) {
      const NewEvent& e = part.events[i];
      if (!ids.insert(std::string(e.id.AsStringView())).second) {
        return absl::InvalidArgumentError(
            absl::StrCat("parts[", p, "].events[", i, "].id: ", e.id.ToHex(),
                         " appears twice in one append"));
      }
      bytes += e.payload.size() + e.type.size() + e.metadata.principal.size() +
               e.metadata.command_id.size() +
               e.metadata.correlation_id.size() +
               e.metadata.causation_id.size() + 64;
    }
    events += part.events.size();
  }
  if (events > kMaxEventsPerAppend) {
    return absl::InvalidArgumentError(
        absl::StrCat("parts: ", events, " events in one append; the limit is ",
                     kMaxEventsPerAppend));
  }
  if (bytes > kMaxAppendBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("parts: ", bytes, " bytes in one append; the limit is ",
                     kMaxAppendBytes));
  }
  return absl::OkStatus();
}

bool SameContent(absl::string_view stream, const NewEvent& e,
                 const Record& r) {
  return r.stream == stream && r.id == e.id && r.type == e.type &&
         r.schema_version == e.schema_version && r.payload == e.payload &&
         r.metadata.principal == e.metadata.principal &&
         r.metadata.command_id == e.metadata.command_id &&
         r.metadata.correlation_id == e.metadata.correlation_id &&
         r.metadata.causation_id == e.metadata.causation_id &&
         absl::ToUnixMicros(r.metadata.effective_time) ==
             absl::ToUnixMicros(e.metadata.effective_time);
}

}  // namespace concordia::log
