// EventService: the decision log over gRPC — stream reads, consortium-wide
// reads and live subscriptions (concordia.v1.EventService).
//
// Every RPC is authorized (kRead / kSubscribe on the consortium) before it
// reads anything. Subscriptions run one thread each, write one batch at a
// time (a slow client is never buffered for: the subscription just falls
// behind and reads from disk), send a heartbeat with the current position
// every few seconds of silence, and end when the client cancels or the
// server shuts down.
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   EventService events(env);
//   builder.RegisterService(&events);
#ifndef CONCORDIA_SERVICES_EVENTS_EVENT_SERVICE_H_
#define CONCORDIA_SERVICES_EVENTS_EVENT_SERVICE_H_

#include <set>

#include "concordia/v1/events.grpc.pb.h"
#include "engine/common/mutex.h"
#include "engine/log/types.h"
#include "services/common/service_env.h"

namespace concordia {

// Converts a record to its API form; renders the payload as JSON when asked
// and the type is known.
void ToApiEvent(const log::Record& record, bool include_json, v1::Event* out);

class EventService final : public v1::EventService::CallbackService {
 public:
  explicit EventService(const ServiceEnv& env,
                        absl::Duration heartbeat = absl::Seconds(5))
      : env_(env), heartbeat_(heartbeat) {}

  grpc::ServerUnaryReactor* ListStreamEvents(
      grpc::CallbackServerContext* context,
      const v1::ListStreamEventsRequest* request,
      v1::ListStreamEventsResponse* response) override;
  grpc::ServerUnaryReactor* ListEvents(
      grpc::CallbackServerContext* context, const v1::ListEventsRequest* request,
      v1::ListEventsResponse* response) override;
  grpc::ServerUnaryReactor* GetStream(grpc::CallbackServerContext* context,
                                      const v1::GetStreamRequest* request,
                                      v1::GetStreamResponse* response) override;
  grpc::ServerWriteReactor<v1::SubscribeEventsResponse>* SubscribeEvents(
      grpc::CallbackServerContext* context,
      const v1::SubscribeEventsRequest* request) override;

  // Ends every live subscription (at server shutdown, so draining in-flight
  // calls does not wait for subscribers that would never leave).
  void CancelSubscriptions();

  // Whether CancelSubscriptions was called.
  bool closing();

  // Registry of live subscriptions (internal).
  void Register(log::Subscription* subscription);
  void Unregister(log::Subscription* subscription);

 private:
  const ServiceEnv env_;
  const absl::Duration heartbeat_;
  Mutex mu_;
  std::set<log::Subscription*> live_ ABSL_GUARDED_BY(mu_);
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_EVENTS_EVENT_SERVICE_H_
