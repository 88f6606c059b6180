// RetryOnConflict: the read-and-decide-again loop for optimistic
// concurrency. A command sent with an expected version (or etag) fails with
// ABORTED when someone else changed the entity first; the right answer is to
// read the entity again, decide again on what is there now, and send a new
// command — never to resend the old one.
//
// `attempt` does one read-decide-write round and returns its result; it is
// called again, up to `max_attempts` times, while it fails with ABORTED.
// Each round must send a new command (leave request_id empty so that
// Client::Call gives it a fresh one): the old decision was made on stale
// state.
//
// Thread-safety: reentrant.
//
// Example:
//   auto r = RetryOnConflict<v1::ChangeSharesResponse>([&] {
//     auto c = client.Call(&v1::ConsortiumService::Stub::GetConsortium, get);
//     if (!c.ok()) return absl::StatusOr<v1::ChangeSharesResponse>(c.status());
//     v1::ChangeSharesRequest change = Rebalance(*c);
//     change.set_expected_version(c->version());
//     return client.Call(&v1::ConsortiumService::Stub::ChangeShares, change);
//   });
#ifndef CONCORDIA_CLIENTS_CPP_CONFLICT_H_
#define CONCORDIA_CLIENTS_CPP_CONFLICT_H_

#include <functional>

#include "absl/status/statusor.h"

namespace concordia::client {

template <typename Response>
absl::StatusOr<Response> RetryOnConflict(
    const std::function<absl::StatusOr<Response>()>& attempt,
    int max_attempts = 5) {
  absl::StatusOr<Response> result = attempt();
  for (int i = 1; i < max_attempts && absl::IsAborted(result.status()); ++i) {
    result = attempt();
  }
  return result;
}

}  // namespace concordia::client

#endif  // CONCORDIA_CLIENTS_CPP_CONFLICT_H_
