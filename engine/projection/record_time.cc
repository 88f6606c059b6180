#include "engine/projection/record_time.h"

#include "absl/strings/str_cat.h"

namespace concordia::projection {
namespace {

absl::StatusOr<absl::Time> RecordedAt(log::EventLog& log, uint64_t position) {
  absl::StatusOr<std::vector<log::Record>> r =
      log.ReadAll(position, 1, log::RecordFilter{}, 1, nullptr);
  if (!r.ok()) return r.status();
  if (r->empty() || r->front().position != position) {
    return absl::DataLossError(
        absl::StrCat("the log has no record at position ", position));
  }
  return r->front().recorded_at;
}

}  // namespace

absl::StatusOr<uint64_t> LastPositionRecordedBy(log::EventLog& log,
                                                absl::Time t, uint64_t upto) {
  uint64_t hi = upto == 0 ? log.LastPosition() : upto;
  uint64_t lo = 0;  // invariant: lo is known at t (0 trivially), hi + 1 not
  if (hi == 0) return 0;
  absl::StatusOr<absl::Time> last = RecordedAt(log, hi);
  if (!last.ok()) return last.status();
  if (*last <= t) return hi;
  --hi;  // hi is now the greatest candidate
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo + 1) / 2;
    absl::StatusOr<absl::Time> at = RecordedAt(log, mid);
    if (!at.ok()) return at.status();
    if (*at <= t) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

}  // namespace concordia::projection
