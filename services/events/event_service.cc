#include "services/events/event_service.h"

#include <memory>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "engine/common/clock.h"
#include "engine/common/errors.h"
#include "engine/common/mutex.h"
#include "engine/domain/core/event_envelope.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/grpc_status.h"

namespace concordia {
namespace {

using access::Action;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
// How far one ListEvents call scans past filtered-out records.
constexpr uint64_t kMaxScan = 100000;

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(t));
}

grpc::ServerUnaryReactor* Finish(grpc::CallbackServerContext* context,
                                 const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

absl::Status InvalidField(absl::string_view field, absl::string_view problem) {
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
               absl::StrCat(field, ": ", problem),
               {{"field", std::string(field)}});
}

absl::StatusOr<size_t> PageSize(int32_t requested) {
  if (requested < 0) return InvalidField("page_size", "must not be negative");
  if (requested == 0) return kDefaultPageSize;
  return static_cast<size_t>(std::min(requested, kMaxPageSize));
}

// Page tokens are "<n>": the next version or position. Opaque to clients.
absl::StatusOr<uint64_t> ParsePageToken(const std::string& token) {
  uint64_t n = 0;
  if (!absl::SimpleAtoi(token, &n) || n == 0) {
    return InvalidField("page_token", "not a token from a previous response");
  }
  return n;
}

absl::Status ValidateConsortiumId(absl::string_view id) {
  if (id.empty()) return InvalidField("consortium_id", "required");
  if (absl::Status s = log::ValidateStreamName(id); !s.ok() ||
      id.find('/') != absl::string_view::npos) {
    return InvalidField("consortium_id", "not a valid consortium id");
  }
  return absl::OkStatus();
}

}  // namespace

void ToApiEvent(const log::Record& r, bool include_json, v1::Event* out) {
  out->set_position(r.position);
  out->set_stream(r.stream);
  out->set_stream_version(r.stream_version);
  out->set_event_id(r.id.ToHex());
  out->set_type(r.type);
  out->set_schema_version(r.schema_version);
  out->set_payload(r.payload);
  out->set_principal(r.metadata.principal);
  out->set_command_id(r.metadata.command_id);
  out->set_correlation_id(r.metadata.correlation_id);
  out->set_causation_id(r.metadata.causation_id);
  *out->mutable_recorded_at() = ToTimestamp(r.recorded_at);
  *out->mutable_effective_time() = ToTimestamp(r.metadata.effective_time);
  out->set_prev_hash(std::string(r.prev_hash.AsStringView()));
  out->set_hash(std::string(r.hash.AsStringView()));
  if (include_json) {
    auto message = domain::UnpackEvent(r);
    if (message.ok()) {
      std::string json;
      google::protobuf::util::JsonPrintOptions options;
      options.preserve_proto_field_names = true;
      if (google::protobuf::util::MessageToJsonString(**message, &json, options)
              .ok()) {
        out->set_payload_json(json);
      }
    }
  }
}

grpc::ServerUnaryReactor* EventService::ListStreamEvents(
    grpc::CallbackServerContext* context,
    const v1::ListStreamEventsRequest* request,
    v1::ListStreamEventsResponse* response) {
  auto principal = Authorize(env_, *context, Action::kRead,
                             ConsortiumOfStream(request->stream()));
  if (!principal.ok()) return Finish(context, principal.status());
  if (absl::Status s = log::ValidateStreamName(request->stream()); !s.ok()) {
    return Finish(context, InvalidField("stream", s.message()));
  }
  absl::StatusOr<size_t> page = PageSize(request->page_size());
  if (!page.ok()) return Finish(context, page.status());
  uint64_t from = request->from_version();
  if (!request->page_token().empty()) {
    absl::StatusOr<uint64_t> token = ParsePageToken(request->page_token());
    if (!token.ok()) return Finish(context, token.status());
    from = *token;
  }
  const uint64_t position = env_.log->LastPosition();
  absl::StatusOr<std::vector<log::Record>> records =
      request->backward()
          ? env_.log->ReadStreamBackward(request->stream(), from, *page + 1)
          : env_.log->ReadStream(request->stream(), from, *page + 1);
  if (!records.ok()) return Finish(context, records.status());
  for (size_t i = 0; i < records->size() && i < *page; ++i) {
    ToApiEvent((*records)[i], request->include_json(),
               response->add_events());
  }
  if (records->size() > *page) {
    response->set_next_page_token(
        absl::StrCat((*records)[*page].stream_version));
  }
  response->set_log_position(position);
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* EventService::ListEvents(
    grpc::CallbackServerContext* context, const v1::ListEventsRequest* request,
    v1::ListEventsResponse* response) {
  auto principal =
      Authorize(env_, *context, Action::kRead, request->consortium_id());
  if (!principal.ok()) return Finish(context, principal.status());
  if (absl::Status s = ValidateConsortiumId(request->consortium_id());
      !s.ok()) {
    return Finish(context, s);
  }
  absl::StatusOr<size_t> page = PageSize(request->page_size());
  if (!page.ok()) return Finish(context, page.status());
  uint64_t from = std::max<uint64_t>(request->from_position(), 1);
  if (!request->page_token().empty()) {
    absl::StatusOr<uint64_t> token = ParsePageToken(request->page_token());
    if (!token.ok()) return Finish(context, token.status());
    from = *token;
  }
  log::RecordFilter filter;
  filter.stream_prefix =
      absl::StrCat(request->consortium_id(), "/", request->stream_prefix());
  filter.event_types.assign(request->event_types().begin(),
                            request->event_types().end());
  const uint64_t position = env_.log->LastPosition();
  uint64_t scanned_to = from - 1;
  absl::StatusOr<std::vector<log::Record>> records =
      env_.log->ReadAll(from, *page, filter, kMaxScan, &scanned_to);
  if (!records.ok()) return Finish(context, records.status());
  for (const log::Record& r : *records) {
    ToApiEvent(r, request->include_json(), response->add_events());
  }
  const uint64_t next =
      records->size() == *page ? records->back().position + 1 : scanned_to + 1;
  if (next <= position) response->set_next_page_token(absl::StrCat(next));
  response->set_log_position(position);
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* EventService::GetStream(
    grpc::CallbackServerContext* context, const v1::GetStreamRequest* request,
    v1::GetStreamResponse* response) {
  auto principal = Authorize(env_, *context, Action::kRead,
                             ConsortiumOfStream(request->name()));
  if (!principal.ok()) return Finish(context, principal.status());
  if (absl::Status s = log::ValidateStreamName(request->name()); !s.ok()) {
    return Finish(context, InvalidField("name", s.message()));
  }
  const uint64_t position = env_.log->LastPosition();
  absl::StatusOr<log::StreamInfo> info = env_.log->GetStreamInfo(request->name());
  if (!info.ok()) return Finish(context, info.status());
  v1::Stream* s = response->mutable_stream();
  s->set_name(info->stream);
  s->set_version(info->version);
  s->set_first_position(info->first_position);
  s->set_last_position(info->last_position);
  *s->mutable_create_time() = ToTimestamp(info->created_at);
  *s->mutable_update_time() = ToTimestamp(info->last_recorded_at);
  response->set_log_position(position);
  return Finish(context, absl::OkStatus());
}

namespace {

// One live subscription: a thread reads batches from the log's subscription
// and writes them one at a time, waiting for each write to complete.
class SubscribeReactor final
    : public grpc::ServerWriteReactor<v1::SubscribeEventsResponse> {
 public:
  SubscribeReactor(EventService* service,
                   std::unique_ptr<log::Subscription> subscription,
                   log::EventLog* log, bool include_json,
                   absl::Duration heartbeat)
      : service_(service),
        subscription_(std::move(subscription)),
        log_(log),
        include_json_(include_json),
        heartbeat_(heartbeat) {
    service_->Register(subscription_.get());
    worker_ = std::thread([this] { Run(); });
  }

  void OnWriteDone(bool ok) override {
    MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) broken_ = true;
    cv_.SignalAll();
  }

  void OnCancel() override {
    subscription_->Cancel();
    MutexLock lock(&mu_);
    broken_ = true;
    cv_.SignalAll();
  }

  void OnDone() override {
    worker_.join();
    service_->Unregister(subscription_.get());
    delete this;
  }

 private:
  void Run() {
    while (true) {
      absl::StatusOr<std::vector<log::Record>> batch =
          subscription_->Next(heartbeat_, 256);
      if (!batch.ok()) {
        // Cancelled by the client or by the server's shutdown, or the log
        // closed. Clients resume from their last position elsewhere/later.
        if (service_->closing() || !absl::IsCancelled(batch.status())) {
          Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                              "the server is shutting down; resume from "
                              "the last position + 1"));
        } else {
          Finish(grpc::Status::CANCELLED);
        }
        return;
      }
      // Nothing matched: send a heartbeat only once per heartbeat interval
      // (records of other consortia must not flood a quiet subscriber).
      if (batch->empty()) {
        const absl::Time now = SystemClock::Get()->Now();
        if (now - last_sent_ < heartbeat_) continue;
      }
      last_sent_ = SystemClock::Get()->Now();
      response_.Clear();
      for (const log::Record& r : *batch) {
        ToApiEvent(r, include_json_, response_.add_events());
      }
      response_.set_log_position(
          batch->empty() ? std::min(subscription_->next_position() - 1,
                                    log_->LastPosition())
                         : batch->back().position);
      {
        MutexLock lock(&mu_);
        if (broken_) {
          Finish(grpc::Status::CANCELLED);
          return;
        }
        writing_ = true;
      }
      StartWrite(&response_);
      MutexLock lock(&mu_);
      cv_.Wait(lock, [this] { return !writing_; });
      if (broken_) {
        lock.Unlock();
        Finish(grpc::Status::CANCELLED);
        return;
      }
    }
  }

  EventService* const service_;
  std::unique_ptr<log::Subscription> subscription_;
  log::EventLog* const log_;
  const bool include_json_;
  const absl::Duration heartbeat_;
  v1::SubscribeEventsResponse response_;
  absl::Time last_sent_ = absl::InfinitePast();
  std::thread worker_;
  Mutex mu_;
  CondVar cv_;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
};

// A stream that fails at once.
class FailedWriteReactor final
    : public grpc::ServerWriteReactor<v1::SubscribeEventsResponse> {
 public:
  explicit FailedWriteReactor(const absl::Status& status) {
    Finish(ToGrpcStatus(status));
  }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerWriteReactor<v1::SubscribeEventsResponse>*
EventService::SubscribeEvents(grpc::CallbackServerContext* context,
                              const v1::SubscribeEventsRequest* request) {
  auto principal =
      Authorize(env_, *context, Action::kSubscribe, request->consortium_id());
  if (!principal.ok()) return new FailedWriteReactor(principal.status());
  if (absl::Status s = ValidateConsortiumId(request->consortium_id());
      !s.ok()) {
    return new FailedWriteReactor(s);
  }
  log::RecordFilter filter;
  filter.stream_prefix =
      absl::StrCat(request->consortium_id(), "/", request->stream_prefix());
  filter.event_types.assign(request->event_types().begin(),
                            request->event_types().end());
  auto subscription = env_.log->Subscribe(
      std::max<uint64_t>(request->from_position(), 1), std::move(filter));
  if (!subscription.ok()) return new FailedWriteReactor(subscription.status());
  return new SubscribeReactor(this, *std::move(subscription), env_.log,
                              request->include_json(), heartbeat_);
}

void EventService::Register(log::Subscription* subscription) {
  MutexLock lock(&mu_);
  live_.insert(subscription);
  if (closing_) subscription->Cancel();
}

void EventService::Unregister(log::Subscription* subscription) {
  MutexLock lock(&mu_);
  live_.erase(subscription);
}

bool EventService::closing() {
  MutexLock lock(&mu_);
  return closing_;
}

void EventService::CancelSubscriptions() {
  MutexLock lock(&mu_);
  closing_ = true;
  for (log::Subscription* s : live_) s->Cancel();
}

}  // namespace concordia
