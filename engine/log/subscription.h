// The Subscription implementation of the RocksDB log (internal).
//
// A subscription is a cursor: the position of the next record it will
// deliver, and a filter. It reads recent records from the log's bounded live
// cache and older ones from disk, so a slow subscriber never holds memory for
// what it has not read and never slows writers: it just falls behind and reads
// from disk until it catches up. Delivery is in position order, each record
// exactly once, with no gap at the switch from disk to live.
//
// Thread-safety: Next() from one thread at a time; Cancel() from any thread.
//
// Example:
//   std::unique_ptr<Subscription> sub = NewSubscription(store, 1, {});
//   auto batch = sub->Next(absl::Seconds(1));
#ifndef CONCORDIA_ENGINE_LOG_SUBSCRIPTION_H_
#define CONCORDIA_ENGINE_LOG_SUBSCRIPTION_H_

#include <memory>

#include "engine/log/event_log.h"
#include "engine/log/log_store.h"

namespace concordia::log {

std::unique_ptr<Subscription> NewSubscription(std::shared_ptr<LogStore> store,
                                              uint64_t from_position,
                                              RecordFilter filter);

}  // namespace concordia::log

#endif  // CONCORDIA_ENGINE_LOG_SUBSCRIPTION_H_
