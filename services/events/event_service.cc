#include "services/events/event_service.h"

#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "engine/common/clock.h"
#include "engine/common/errors.h"
#include "engine/common/mutex.h"
#include "engine/domain/core/event_envelope.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/grpc_status.h"
#include "services/common/threaded_writer.h"

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

grpc::ServerWriteReactor<v1::SubscribeEventsResponse>*
EventService::SubscribeEvents(grpc::CallbackServerContext* context,
                              const v1::SubscribeEventsRequest* request) {
  using Reactor = ThreadedWriteReactor<v1::SubscribeEventsResponse>;
  auto principal =
      Authorize(env_, *context, Action::kSubscribe, request->consortium_id());
  if (!principal.ok()) {
    return new FailedWriteReactor<v1::SubscribeEventsResponse>(
        ToGrpcStatus(principal.status()));
  }
  if (absl::Status s = ValidateConsortiumId(request->consortium_id());
      !s.ok()) {
    return new FailedWriteReactor<v1::SubscribeEventsResponse>(ToGrpcStatus(s));
  }
  log::RecordFilter filter;
  filter.stream_prefix =
      absl::StrCat(request->consortium_id(), "/", request->stream_prefix());
  filter.event_types.assign(request->event_types().begin(),
                            request->event_types().end());
  auto opened = env_.log->Subscribe(
      std::max<uint64_t>(request->from_position(), 1), std::move(filter));
  if (!opened.ok()) {
    return new FailedWriteReactor<v1::SubscribeEventsResponse>(
        ToGrpcStatus(opened.status()));
  }
  // Shared by the body and the hooks; the reactor outlives neither.
  std::shared_ptr<log::Subscription> sub(std::move(*opened));
  Register(sub.get());
  const bool include_json = request->include_json();
  log::EventLog* log = env_.log;
  const absl::Duration heartbeat = heartbeat_;
  return new Reactor(
      [this, sub, log, include_json, heartbeat](Reactor& writer) {
        v1::SubscribeEventsResponse response;
        absl::Time last_sent = absl::InfinitePast();
        while (true) {
          absl::StatusOr<std::vector<log::Record>> batch =
              sub->Next(heartbeat, 256);
          if (!batch.ok()) {
            // Cancelled by the client or by the server's shutdown, or the log
            // closed. Clients resume from their last position.
            if (closing() || !absl::IsCancelled(batch.status())) {
              return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                  "the server is shutting down; resume from "
                                  "the last position + 1");
            }
            return grpc::Status::CANCELLED;
          }
          // Nothing matched: a heartbeat at most once per interval (records
          // of other consortia must not flood a quiet subscriber).
          const absl::Time now = SystemClock::Get()->Now();
          if (batch->empty() && now - last_sent < heartbeat) continue;
          last_sent = now;
          response.Clear();
          for (const log::Record& r : *batch) {
            ToApiEvent(r, include_json, response.add_events());
          }
          response.set_log_position(
              batch->empty()
                  ? std::min(sub->next_position() - 1, log->LastPosition())
                  : batch->back().position);
          if (!writer.Write(response)) return grpc::Status::CANCELLED;
        }
      },
      /*on_cancel=*/[sub] { sub->Cancel(); },
      /*on_done=*/[this, sub] { Unregister(sub.get()); });
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
