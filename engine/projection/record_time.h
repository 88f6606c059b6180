// Record time → log position: which prefix of the log the system knew at a
// given moment, for "as recorded at time T" queries.
//
// Every record carries `recorded_at`, set by the log from its clock, and the
// log never lets it go backwards (RocksEventLog stamps a group with the later
// of its clock and the previous group's time, also across restarts), so the
// records known at T are exactly a prefix of the log. The lookup is a binary
// search over positions reading one record per step (about 20 reads for a
// million records, a fraction of a millisecond), rather than an index kept
// beside the log: the log is already ordered by position and time, and a
// second structure would need its own crash consistency for no gain in
// answers. A distributed EventLog must keep the same monotonicity.
//
// Thread-safety: thread-safe (reads only).
//
// Example:
//   absl::StatusOr<uint64_t> p = LastPositionRecordedBy(log, t);
//   // *p == 0: nothing had been recorded at t.
#ifndef CONCORDIA_ENGINE_PROJECTION_RECORD_TIME_H_
#define CONCORDIA_ENGINE_PROJECTION_RECORD_TIME_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/log/event_log.h"

namespace concordia::projection {

// The greatest position whose record was recorded at or before `t`, among
// the positions up to `upto` (the log's last position when 0); 0 when even
// the first record is later than `t`.
absl::StatusOr<uint64_t> LastPositionRecordedBy(log::EventLog& log,
                                                absl::Time t,
                                                uint64_t upto = 0);

}  // namespace concordia::projection

#endif  // CONCORDIA_ENGINE_PROJECTION_RECORD_TIME_H_
