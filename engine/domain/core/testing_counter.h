// A counter aggregate for the tests of the generic machinery: its events are
// google.protobuf.Int64Value increments.
//
// Thread-safety: the functions are reentrant.
//
// Example:
//   Execute<Counter>(log, "c/counter", Context("r1"), ApplyCounter, Add(5));
#ifndef CONCORDIA_ENGINE_DOMAIN_CORE_TESTING_COUNTER_H_
#define CONCORDIA_ENGINE_DOMAIN_CORE_TESTING_COUNTER_H_

#include <memory>
#include <string>

#include "engine/domain/core/aggregate.h"
#include "engine/domain/core/reasons.h"
#include "google/protobuf/wrappers.pb.h"

namespace concordia::domain::testing {

struct Counter {
  int64_t total = 0;
};

inline absl::Status ApplyCounter(Counter& c,
                                 const google::protobuf::Message& e,
                                 const log::Record&) {
  const auto* inc = dynamic_cast<const google::protobuf::Int64Value*>(&e);
  if (inc == nullptr) return absl::DataLossError("unexpected event");
  c.total += inc->value();
  return absl::OkStatus();
}

// Adds `by` unless the total would pass `limit`.
inline DecideFn<Counter> Add(int64_t by, int64_t limit = 1000) {
  return [by, limit](const Folded<Counter>& f) -> absl::StatusOr<Events> {
    if (f.state.total + by > limit) {
      return Rejected("LIMIT_EXCEEDED", "the counter would pass its limit");
    }
    Events events;
    auto e = std::make_unique<google::protobuf::Int64Value>();
    e->set_value(by);
    events.push_back(std::move(e));
    return events;
  };
}

inline CommandContext Context(const std::string& request_id) {
  CommandContext c;
  c.principal = "tester";
  c.request_id = request_id;
  c.effective_time = absl::FromUnixSeconds(1772409600);
  c.now = absl::FromUnixSeconds(1772409600);
  return c;
}

}  // namespace concordia::domain::testing

#endif  // CONCORDIA_ENGINE_DOMAIN_CORE_TESTING_COUNTER_H_
