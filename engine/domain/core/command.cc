#include "engine/domain/core/command.h"

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"

namespace concordia::domain {

absl::Status ValidateContext(const CommandContext& c) {
  if (c.principal.empty()) return InvalidField("principal", "required");
  if (c.request_id.empty()) return InvalidField("request_id", "required");
  if (c.request_id.size() > 128) {
    return InvalidField("request_id", "at most 128 bytes");
  }
  if (c.effective_time == absl::InfinitePast() ||
      c.effective_time == absl::InfiniteFuture()) {
    return InvalidField("effective_time", "required");
  }
  if (c.now == absl::InfinitePast() || c.now == absl::InfiniteFuture()) {
    return InvalidField("now", "required (from the clock)");
  }
  return absl::OkStatus();
}

absl::Status Rejected(absl::string_view reason, absl::string_view message) {
  return Error(absl::StatusCode::kFailedPrecondition, reason, message);
}

absl::Status InvalidField(absl::string_view field, absl::string_view problem) {
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
               absl::StrCat(field, ": ", problem),
               {{"field", std::string(field)}});
}

absl::Status UnknownEntity(absl::string_view what, absl::string_view id) {
  return Error(absl::StatusCode::kNotFound, "NOT_FOUND",
               absl::StrCat(what, " '", id, "' does not exist"),
               {{"entity", std::string(what)}, {"id", std::string(id)}});
}

}  // namespace concordia::domain
