// Status propagation macros for absl::Status and absl::StatusOr.
//
// Abseil 20220623 (Debian's) has no RETURN_IF_ERROR / ASSIGN_OR_RETURN, so the
// project defines them once, here.
//
// Thread-safety: macros only; they touch nothing shared.
//
// Example:
//   absl::StatusOr<Record> ReadOne(Log& log, uint64_t pos) {
//     CONCORDIA_RETURN_IF_ERROR(log.CheckOpen());
//     CONCORDIA_ASSIGN_OR_RETURN(std::string bytes, log.ReadBytes(pos));
//     return Decode(bytes);
//   }
#ifndef CONCORDIA_ENGINE_COMMON_STATUS_MACROS_H_
#define CONCORDIA_ENGINE_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Returns from the current function with `expr`'s status when it is not OK.
#define CONCORDIA_RETURN_IF_ERROR(expr)                 \
  do {                                                  \
    ::absl::Status concordia_status_ = (expr);          \
    if (!concordia_status_.ok()) return concordia_status_; \
  } while (0)

#define CONCORDIA_STATUS_CONCAT_INNER_(a, b) a##b
#define CONCORDIA_STATUS_CONCAT_(a, b) CONCORDIA_STATUS_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (a StatusOr); on error returns its status, otherwise
// moves the value into `lhs`, which may be a declaration.
#define CONCORDIA_ASSIGN_OR_RETURN(lhs, rexpr)                               \
  CONCORDIA_ASSIGN_OR_RETURN_IMPL_(                                          \
      CONCORDIA_STATUS_CONCAT_(concordia_statusor_, __LINE__), lhs, rexpr)

#define CONCORDIA_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                     \
  if (!statusor.ok()) return std::move(statusor).status();     \
  lhs = std::move(statusor).value()

#endif  // CONCORDIA_ENGINE_COMMON_STATUS_MACROS_H_
