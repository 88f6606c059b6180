// Test helpers for the event log: deterministic events and a temporary log.
//
// Thread-safety: MakeEvent is reentrant; a TestLog is used by one test.
//
// Example:
//   TestLog t;
//   auto r = t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(1)});
#ifndef CONCORDIA_ENGINE_LOG_TESTING_EVENTS_H_
#define CONCORDIA_ENGINE_LOG_TESTING_EVENTS_H_

#include <cstdint>
#include <memory>
#include <string>

#include "engine/common/clock.h"
#include "engine/log/rocksdb_event_log.h"
#include "engine/log/types.h"

namespace concordia::log::testing {

// An event whose id is derived from `seed` (so equal seeds give equal ids),
// with a payload of `payload_bytes` bytes.
NewEvent MakeEvent(uint64_t seed, std::string type = "test.Event",
                   size_t payload_bytes = 16);

// A fresh directory under TEST_TMPDIR.
std::string FreshDir(const std::string& name);

// A log in a fresh directory with a simulated clock, reopenable.
struct TestLog {
  explicit TestLog(RocksEventLogOptions options = {},
                   absl::Time start = absl::FromUnixSeconds(1772409600));
  // Closes and reopens the log on the same directory.
  void Reopen();
  // Closes the log (e.g. to tamper with the store).
  void Close() { log.reset(); }

  SimulatedClock clock;
  RocksEventLogOptions options;
  std::unique_ptr<RocksEventLog> log;
};

}  // namespace concordia::log::testing

#endif  // CONCORDIA_ENGINE_LOG_TESTING_EVENTS_H_
