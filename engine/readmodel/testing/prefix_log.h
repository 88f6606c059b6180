// Test helper: the first `upto` records of a real log, as an EventLog of
// their own — what the system had recorded at position `upto`. Replaying the
// read models over it gives the state "as recorded at upto" from scratch, to
// compare with the live read models' as-of answers.
//
// Reads, streams and subscriptions stop at `upto`; a subscription that has
// delivered everything waits (up to its timeout, or until cancelled) as at
// the end of any log. Appends are refused: the prefix is history.
//
// Thread-safety: thread-safe, as the log it wraps.
//
// Example:
//   PrefixLog prefix(*log, 120);
//   ProjectionRunner runner(prefix, store, models.projections());
#ifndef CONCORDIA_ENGINE_READMODEL_TESTING_PREFIX_LOG_H_
#define CONCORDIA_ENGINE_READMODEL_TESTING_PREFIX_LOG_H_

#include <memory>

#include "engine/log/event_log.h"

namespace concordia::readmodel::testing {

class PrefixLog final : public log::EventLog {
 public:
  // REQUIRES: upto <= log.LastPosition(); `log` outlives this.
  PrefixLog(log::EventLog& log, uint64_t upto) : log_(log), upto_(upto) {}

  absl::StatusOr<log::AppendResult> Append(absl::string_view stream,
                                           log::ExpectedVersion expected,
                                           std::vector<log::NewEvent> events) override;
  absl::StatusOr<std::vector<log::AppendResult>> AppendAll(
      std::vector<log::StreamAppend> parts) override;
  absl::StatusOr<std::vector<log::Record>> ReadStream(
      absl::string_view stream, uint64_t from_version,
      size_t max_count) override;
  absl::StatusOr<std::vector<log::Record>> ReadStreamBackward(
      absl::string_view stream, uint64_t from_version,
      size_t max_count) override;
  absl::StatusOr<std::vector<log::Record>> ReadAll(
      uint64_t from_position, size_t max_count,
      const log::RecordFilter& filter, uint64_t max_scan,
      uint64_t* scanned_to) override;
  absl::StatusOr<std::vector<std::string>> ReadRaw(uint64_t from,
                                                   size_t count) override;
  absl::StatusOr<log::Record> ReadEventById(const log::EventId& id) override;
  uint64_t LastPosition() const override { return upto_; }
  absl::StatusOr<log::StreamInfo> GetStreamInfo(
      absl::string_view stream) override;
  absl::StatusOr<std::unique_ptr<log::Subscription>> Subscribe(
      uint64_t from_position, log::RecordFilter filter) override;
  absl::StatusOr<log::VerifyReport> Verify(
      log::ProgressFn progress = nullptr,
      log::RecordVisitor visit = nullptr) override;
  absl::Status WriteStatus() const override;

 private:
  log::EventLog& log_;
  const uint64_t upto_;
};

}  // namespace concordia::readmodel::testing

#endif  // CONCORDIA_ENGINE_READMODEL_TESTING_PREFIX_LOG_H_
