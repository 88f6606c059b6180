#include "services/common/request_fields.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/access/access_control.h"
#include "engine/calendar/calendar.h"
#include "engine/common/errors.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "google/protobuf/util/time_util.h"

namespace concordia {

using domain::InvalidField;

absl::Status RequireId(absl::string_view id, absl::string_view field) {
  if (id.empty()) return InvalidField(field, "required");
  return domain::ValidateId(id, std::string(field));
}

absl::Status RequirePrincipal(absl::string_view principal,
                              absl::string_view field) {
  if (principal.empty()) return InvalidField(field, "required");
  if (!access::IsValidPrincipal(principal)) {
    return InvalidField(field, absl::StrCat("'", principal,
                                            "' is not a principal (1..128 of "
                                            "A-Z, a-z, 0-9 and -_.@:)"));
  }
  return absl::OkStatus();
}

absl::Status RequireText(absl::string_view text, absl::string_view field,
                         size_t max_bytes, bool required) {
  if (required && text.empty()) return InvalidField(field, "required");
  if (text.size() > max_bytes) {
    return InvalidField(field, absl::StrCat("at most ", max_bytes, " bytes"));
  }
  return absl::OkStatus();
}

absl::Status RequireEnum(int value, bool (*valid)(int), absl::string_view field,
                         bool required) {
  if (value == 0) {
    return required ? InvalidField(field, "required") : absl::OkStatus();
  }
  if (!valid(value)) {
    return InvalidField(field, absl::StrCat(value, " is not a known value"));
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::CivilDay> RequiredDay(const v1::Date& date, bool present,
                                           absl::string_view field) {
  if (!present) return InvalidField(field, "required");
  return domain::FromDate(date, std::string(field));
}

absl::StatusOr<absl::CivilDay> DayOrToday(const ServiceEnv& env,
                                          const v1::Date& date, bool present,
                                          absl::string_view field) {
  if (!present) return calendar::RomeDay(env.clock->Now());
  return domain::FromDate(date, std::string(field));
}

absl::StatusOr<absl::Time> RequiredTime(const google::protobuf::Timestamp& t,
                                        bool present, absl::string_view field) {
  if (!present) return InvalidField(field, "required");
  // Valid Timestamps are 0001-01-01..9999-12-31 with nanos in [0, 1e9);
  // times before 1970 are never session times.
  if (t.seconds() <= 0 || t.seconds() > google::protobuf::util::TimeUtil::kTimestampMaxSeconds ||
      t.nanos() < 0 || t.nanos() > 999999999) {
    return InvalidField(field, "not a valid time");
  }
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(t));
}

absl::Status RequireRequestId(absl::string_view request_id) {
  if (request_id.empty()) return InvalidField("request_id", "required");
  if (request_id.size() > 128) {
    return InvalidField("request_id", "at most 128 bytes");
  }
  for (char c : request_id) {
    if (!absl::ascii_isgraph(static_cast<unsigned char>(c))) {
      return InvalidField("request_id",
                          "printable ASCII without spaces is required");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<domain::CommandContext> CommandContextFor(
    const ServiceEnv& env, const std::string& principal,
    const std::string& request_id, std::optional<uint64_t> expected_version,
    absl::Time effective_time) {
  CONCORDIA_RETURN_IF_ERROR(RequireRequestId(request_id));
  domain::CommandContext ctx;
  ctx.principal = principal;
  ctx.request_id = request_id;
  ctx.expected_version = expected_version;
  ctx.now = env.clock->Now();
  ctx.effective_time = effective_time;
  return ctx;
}

uint64_t WrittenPosition(const ServiceEnv& env,
                         const domain::Outcome& outcome) {
  return outcome.first_position == 0 ? env.log->LastPosition()
                                     : outcome.last_position;
}

absl::StatusOr<uint64_t> ReadPosition(const ServiceEnv& env,
                                      uint64_t as_of_position) {
  const uint64_t last = env.log->LastPosition();
  if (as_of_position == 0) return last;
  if (as_of_position > last) {
    return Error(absl::StatusCode::kOutOfRange, "FUTURE_POSITION",
                 absl::StrCat("as_of_position: ", as_of_position,
                              " is past the log's last position ", last),
                 {{"field", "as_of_position"},
                  {"last_position", absl::StrCat(last)}});
  }
  return as_of_position;
}

}  // namespace concordia
