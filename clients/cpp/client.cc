#include "clients/cpp/client.h"

#include <algorithm>
#include <random>
#include <thread>

#include "absl/strings/escaping.h"
#include "engine/common/clock.h"
#include "services/common/grpc_status.h"

namespace concordia::client {

std::string NewRequestId() {
  std::random_device device;
  std::string bytes(16, '\0');
  for (char& c : bytes) c = static_cast<char>(device() & 0xff);
  return absl::BytesToHexString(bytes);
}

void EnsureRequestId(google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr ||
      field->type() != google::protobuf::FieldDescriptor::TYPE_STRING ||
      field->is_repeated()) {
    return;
  }
  const google::protobuf::Reflection* reflection = request.GetReflection();
  if (reflection->GetString(request, field).empty()) {
    reflection->SetString(&request, field, NewRequestId());
  }
}

absl::StatusOr<std::unique_ptr<Client>> Client::Connect(ClientOptions options) {
  if (options.address.empty()) {
    return absl::InvalidArgumentError("address: empty");
  }
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ChannelCredentialsFor(options.tls);
  if (!credentials.ok()) return credentials.status();
  // Reconnect as eagerly as calls are retried.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS,
              static_cast<int>(absl::ToInt64Milliseconds(
                  options.retry.initial_backoff)));
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS,
              static_cast<int>(absl::ToInt64Milliseconds(
                  options.retry.initial_backoff)));
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS,
              static_cast<int>(absl::ToInt64Milliseconds(
                  options.retry.max_backoff)));
  auto channel =
      grpc::CreateCustomChannel(options.address, *credentials, args);
  return std::make_unique<Client>(std::move(channel), std::move(options));
}

Client::Client(std::shared_ptr<grpc::Channel> channel, ClientOptions options)
    : channel_(std::move(channel)), options_(std::move(options)) {
  if (!options_.wait_before_retry) {
    options_.wait_before_retry = [](absl::Duration backoff,
                                    grpc::Channel& channel) {
      if (channel.GetState(/*try_to_connect=*/true) == GRPC_CHANNEL_READY) {
        // Connected, yet unavailable (e.g. the server is restarting its
        // store): just wait.
        std::this_thread::sleep_for(absl::ToChronoNanoseconds(backoff));
      } else {
        channel.WaitForConnected(
            absl::ToChronoTime(SystemClock::Get()->Now() + backoff));
      }
    };
  }
  options_.retry.attempts = std::max(1, options_.retry.attempts);
}

void Client::Prepare(grpc::ClientContext& context, bool deadline) const {
  if (deadline) {
    context.set_deadline(
        absl::ToChronoTime(SystemClock::Get()->Now() + options_.timeout));
  }
  if (options_.tls.empty() && !options_.principal.empty()) {
    context.AddMetadata(kPrincipalHeader, options_.principal);
  }
}

absl::Status Client::WithRetries(
    const std::function<grpc::Status(grpc::ClientContext&)>& attempt) {
  absl::Duration backoff = options_.retry.initial_backoff;
  grpc::Status status;
  for (int i = 0; i < options_.retry.attempts; ++i) {
    if (i > 0) {
      options_.wait_before_retry(backoff, *channel_);
      backoff = std::min(options_.retry.max_backoff,
                         backoff * options_.retry.multiplier);
    }
    grpc::ClientContext context;
    Prepare(context);
    status = attempt(context);
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE) break;
  }
  return FromGrpcStatus(status);
}

}  // namespace concordia::client
