// Private to services/accord: what the AccordService files share — the
// address every mutation carries and the accord as recorded by a command.
//
// Thread-safety: reentrant.
//
// Example:
//   CONCORDIA_RETURN_IF_ERROR(RequireAccordAddress(*req));
#ifndef CONCORDIA_SERVICES_ACCORD_ACCORD_REQUESTS_H_
#define CONCORDIA_SERVICES_ACCORD_ACCORD_REQUESTS_H_

#include <string>

#include "engine/common/status_macros.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/core/aggregate.h"
#include "services/common/request_fields.h"
#include "services/common/service_env.h"

namespace concordia::accord_requests {

// request_id, consortium_id and accord_id of an AccordService mutation.
template <typename Request>
absl::Status RequireAccordAddress(const Request& r) {
  CONCORDIA_RETURN_IF_ERROR(RequireRequestId(r.request_id()));
  CONCORDIA_RETURN_IF_ERROR(RequireId(r.consortium_id(), "consortium_id"));
  return RequireId(r.accord_id(), "accord_id");
}

// The accord folded up to `position` (0: nothing).
inline absl::StatusOr<domain::accord::AccordState> AccordAt(
    const ServiceEnv& env, const std::string& consortium_id,
    const std::string& accord_id, uint64_t position) {
  if (position == 0) return domain::accord::AccordState{};
  CONCORDIA_ASSIGN_OR_RETURN(
      domain::Folded<domain::accord::AccordState> f,
      domain::FoldStream<domain::accord::AccordState>(
          *env.log, domain::accord::AccordStream(consortium_id, accord_id),
          domain::accord::ApplyAccordEvent, position));
  return std::move(f.state);
}

}  // namespace concordia::accord_requests

#endif  // CONCORDIA_SERVICES_ACCORD_ACCORD_REQUESTS_H_
