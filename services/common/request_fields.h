// Request fields of the domain services: validation that names the field,
// and the conventions every mutation and read shares (docs/api.md).
//
//  - Mutations: CommandContextFor builds the domain's command context from
//    the authorized principal, the request_id (required, 1..128 printable
//    bytes), the optional expected_version, the act's effective time and the
//    server clock's now. SetWriteResult fills log_position and version.
//  - Reads: ReadPosition turns as_of_position into the position a fold stops
//    at (0 = the latest; beyond the log's end is OUT_OF_RANGE, reason
//    FUTURE_POSITION); DayOrToday reads an optional date, defaulting to
//    today in Europe/Rome by the server clock.
//  - Fields: ids (RequireId: [a-z0-9-], 1..64), principals (RequirePrincipal),
//    texts with a length bound, enums that must be set, dates that must be
//    real days. Every failure is InvalidField(field, problem), which the
//    gRPC layer turns into INVALID_ARGUMENT with a google.rpc.BadRequest
//    naming the field.
//
// Thread-safety: pure functions (reading only the env's clock and log end).
//
// Example:
//   CONCORDIA_RETURN_IF_ERROR(RequireId(req.session_id(), "session_id"));
//   CONCORDIA_ASSIGN_OR_RETURN(
//       absl::CivilDay from,
//       RequiredDay(req.effective_from(), req.has_effective_from(),
//                   "effective_from"));
//   CONCORDIA_ASSIGN_OR_RETURN(
//       domain::CommandContext ctx,
//       CommandContextFor(env, principal, req.request_id(),
//                         ExpectedVersionOf(req), StartOfRomeDay(from)));
#ifndef CONCORDIA_SERVICES_COMMON_REQUEST_FIELDS_H_
#define CONCORDIA_SERVICES_COMMON_REQUEST_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "concordia/v1/calendar.pb.h"
#include "engine/domain/core/aggregate.h"
#include "engine/domain/core/command.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/common/service_env.h"

namespace concordia {

// Length bounds of free-text fields (bytes).
inline constexpr size_t kMaxNameBytes = 256;
inline constexpr size_t kMaxTitleBytes = 1024;
inline constexpr size_t kMaxTextBytes = 64 * 1024;

// kInvalidArgument naming `field` unless `id` is a domain id.
absl::Status RequireId(absl::string_view id, absl::string_view field);

// kInvalidArgument naming `field` unless `principal` is a well-formed
// principal (access::IsValidPrincipal).
absl::Status RequirePrincipal(absl::string_view principal,
                              absl::string_view field);

// kInvalidArgument naming `field` when `text` is empty (if `required`) or
// longer than `max_bytes`.
absl::Status RequireText(absl::string_view text, absl::string_view field,
                         size_t max_bytes, bool required = true);

// kInvalidArgument naming `field` when an enum value is unset (0) or not one
// of the enum's values (`valid`, e.g. v1::MemberKind_IsValid).
absl::Status RequireEnum(int value, bool (*valid)(int), absl::string_view field,
                         bool required = true);

// The day of a required date field.
absl::StatusOr<absl::CivilDay> RequiredDay(const v1::Date& date, bool present,
                                           absl::string_view field);

// The day of an optional date field, or today (Europe/Rome, server clock).
absl::StatusOr<absl::CivilDay> DayOrToday(const ServiceEnv& env,
                                          const v1::Date& date, bool present,
                                          absl::string_view field);

// The time of a required timestamp field.
absl::StatusOr<absl::Time> RequiredTime(const google::protobuf::Timestamp& t,
                                        bool present, absl::string_view field);

// Proto conversions.
google::protobuf::Timestamp ToTimestamp(absl::Time t);

// The caller's expected version, when the request has one.
template <typename Request>
std::optional<uint64_t> ExpectedVersionOf(const Request& request) {
  if (!request.has_expected_version()) return std::nullopt;
  return request.expected_version();
}

// kInvalidArgument naming "request_id" unless it is 1..128 bytes of
// printable ASCII without spaces.
absl::Status RequireRequestId(absl::string_view request_id);

// The context of a command: principal, validated request_id, expected
// version, `effective_time` and the clock's now.
absl::StatusOr<domain::CommandContext> CommandContextFor(
    const ServiceEnv& env, const std::string& principal,
    const std::string& request_id, std::optional<uint64_t> expected_version,
    absl::Time effective_time);

// The log position a command's response reports: its last event's, or the
// log's end when it appended nothing (it was already in effect).
uint64_t WrittenPosition(const ServiceEnv& env, const domain::Outcome& outcome);

// Fills a mutation response's log_position and version.
template <typename Response>
void SetWriteResult(const ServiceEnv& env, const domain::Outcome& outcome,
                    Response* response) {
  response->set_log_position(WrittenPosition(env, outcome));
  response->set_version(outcome.stream_version);
}

// The position a read folds up to: the log's end for 0, `as_of_position`
// otherwise; OUT_OF_RANGE (FUTURE_POSITION) beyond the log's end.
absl::StatusOr<uint64_t> ReadPosition(const ServiceEnv& env,
                                      uint64_t as_of_position);

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_COMMON_REQUEST_FIELDS_H_
