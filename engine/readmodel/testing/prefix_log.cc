#include "engine/readmodel/testing/prefix_log.h"

#include "absl/strings/str_cat.h"
#include "engine/common/mutex.h"

namespace concordia::readmodel::testing {
namespace {

std::vector<log::Record> Below(std::vector<log::Record> records, uint64_t upto) {
  std::vector<log::Record> out;
  for (log::Record& r : records) {
    if (r.position <= upto) out.push_back(std::move(r));
  }
  return out;
}

class PrefixSubscription final : public log::Subscription {
 public:
  PrefixSubscription(std::unique_ptr<log::Subscription> inner, uint64_t upto)
      : inner_(std::move(inner)), upto_(upto) {}

  absl::StatusOr<std::vector<log::Record>> Next(absl::Duration timeout,
                                                size_t max_count) override {
    {
      MutexLock lock(&mu_);
      if (cancelled_) return absl::CancelledError("subscription cancelled");
    }
    const uint64_t next = inner_->next_position();
    if (next <= upto_) {
      const size_t room = static_cast<size_t>(upto_ - next + 1);
      absl::StatusOr<std::vector<log::Record>> r =
          inner_->Next(timeout, std::min(max_count, room));
      if (!r.ok()) return r.status();
      return Below(*std::move(r), upto_);
    }
    // Past the prefix: nothing will ever come.
    MutexLock lock(&mu_);
    cv_.WaitFor(lock, timeout, [&] { return cancelled_; });
    if (cancelled_) return absl::CancelledError("subscription cancelled");
    return std::vector<log::Record>();
  }

  uint64_t next_position() const override {
    return std::min(inner_->next_position(), upto_ + 1);
  }

  void SetSkipListener(std::function<void(uint64_t)> on_skip) override {
    const uint64_t end = upto_ + 1;
    inner_->SetSkipListener([on_skip = std::move(on_skip), end](uint64_t next) {
      on_skip(std::min(next, end));
    });
  }

  void Cancel() override {
    inner_->Cancel();
    MutexLock lock(&mu_);
    cancelled_ = true;
    cv_.SignalAll();
  }

 private:
  std::unique_ptr<log::Subscription> inner_;
  const uint64_t upto_;
  Mutex mu_;
  CondVar cv_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

absl::StatusOr<log::AppendResult> PrefixLog::Append(absl::string_view,
                                                    log::ExpectedVersion,
                                                    std::vector<log::NewEvent>) {
  return absl::FailedPreconditionError("a prefix of the log is read-only");
}

absl::StatusOr<std::vector<log::AppendResult>> PrefixLog::AppendAll(
    std::vector<log::StreamAppend>) {
  return absl::FailedPreconditionError("a prefix of the log is read-only");
}

absl::StatusOr<std::vector<log::Record>> PrefixLog::ReadStream(
    absl::string_view stream, uint64_t from_version, size_t max_count) {
  absl::StatusOr<std::vector<log::Record>> r =
      log_.ReadStream(stream, from_version, max_count);
  if (!r.ok()) return r.status();
  return Below(*std::move(r), upto_);
}

absl::StatusOr<std::vector<log::Record>> PrefixLog::ReadStreamBackward(
    absl::string_view stream, uint64_t from_version, size_t max_count) {
  // Backward from the last version within the prefix.
  std::vector<log::Record> out;
  absl::StatusOr<std::vector<log::Record>> all =
      log_.ReadStream(stream, 1, 1 << 20);
  if (!all.ok()) return all.status();
  std::vector<log::Record> kept = Below(*std::move(all), upto_);
  for (auto it = kept.rbegin(); it != kept.rend() && out.size() < max_count;
       ++it) {
    if (from_version == 0 || it->stream_version <= from_version) {
      out.push_back(*it);
    }
  }
  return out;
}

absl::StatusOr<std::vector<log::Record>> PrefixLog::ReadAll(
    uint64_t from_position, size_t max_count, const log::RecordFilter& filter,
    uint64_t max_scan, uint64_t* scanned_to) {
  if (from_position > upto_) {
    if (scanned_to != nullptr) *scanned_to = upto_;
    return std::vector<log::Record>();
  }
  const uint64_t room = upto_ - from_position + 1;
  absl::StatusOr<std::vector<log::Record>> r = log_.ReadAll(
      from_position, max_count, filter,
      max_scan == 0 ? room : std::min(max_scan, room), scanned_to);
  if (!r.ok()) return r.status();
  return Below(*std::move(r), upto_);
}

absl::StatusOr<std::vector<std::string>> PrefixLog::ReadRaw(uint64_t from,
                                                            size_t count) {
  if (from > upto_) return std::vector<std::string>();
  return log_.ReadRaw(from, std::min<uint64_t>(count, upto_ - from + 1));
}

absl::StatusOr<log::Record> PrefixLog::ReadEventById(const log::EventId& id) {
  absl::StatusOr<log::Record> r = log_.ReadEventById(id);
  if (r.ok() && r->position > upto_) {
    return absl::NotFoundError("no such event in the prefix");
  }
  return r;
}

absl::StatusOr<log::StreamInfo> PrefixLog::GetStreamInfo(
    absl::string_view stream) {
  absl::StatusOr<std::vector<log::Record>> records =
      ReadStream(stream, 1, 1 << 20);
  if (!records.ok()) return records.status();
  if (records->empty()) {
    return absl::NotFoundError(absl::StrCat("no stream '", stream, "'"));
  }
  log::StreamInfo info;
  info.stream = std::string(stream);
  info.version = records->back().stream_version;
  info.first_position = records->front().position;
  info.last_position = records->back().position;
  info.created_at = records->front().recorded_at;
  info.last_recorded_at = records->back().recorded_at;
  return info;
}

absl::StatusOr<std::unique_ptr<log::Subscription>> PrefixLog::Subscribe(
    uint64_t from_position, log::RecordFilter filter) {
  absl::StatusOr<std::unique_ptr<log::Subscription>> inner =
      log_.Subscribe(from_position, std::move(filter));
  if (!inner.ok()) return inner.status();
  return std::unique_ptr<log::Subscription>(
      new PrefixSubscription(*std::move(inner), upto_));
}

absl::StatusOr<log::VerifyReport> PrefixLog::Verify(log::ProgressFn,
                                                    log::RecordVisitor) {
  return absl::UnimplementedError("verify the log itself, not a prefix");
}

absl::Status PrefixLog::WriteStatus() const {
  return absl::FailedPreconditionError("a prefix of the log is read-only");
}

}  // namespace concordia::readmodel::testing
