// A session's votes as the log holds them.
//
// Votes are the bulk of any governance log (three in four events in a
// typical one) and a session's stream already lists them in the order they
// were cast, with their positions; so the sessions read model does not copy
// them into the store, and the queries read them from the stream, up to the
// as-of position (which makes them bitemporal like everything else). This
// keeps a rebuild from paying for the largest part of the log.
//
// Thread-safety: thread-safe (reads only).
//
// Example:
//   std::set<int> voted;
//   CONCORDIA_RETURN_IF_ERROR(VisitSessionStream(log, "sudest", "s-1", 1200, 1,
//       [&](const log::Record& r) { ...; return true; }));
#ifndef CONCORDIA_ENGINE_READMODEL_SESSION_VOTES_H_
#define CONCORDIA_ENGINE_READMODEL_SESSION_VOTES_H_

#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "engine/log/event_log.h"

namespace concordia::readmodel {

// Calls `visit` on each record of the session's stream from stream version
// `from_version`, in order, up to log position `upto`, until it returns
// false.
absl::Status VisitSessionStream(
    log::EventLog& log, absl::string_view cid, absl::string_view session,
    uint64_t upto, uint64_t from_version,
    const std::function<bool(const log::Record&)>& visit);

// The items on which `member` cast its main-ballot vote, up to `upto`.
absl::StatusOr<std::set<int>> VotedItems(log::EventLog& log,
                                         absl::string_view cid,
                                         absl::string_view session,
                                         absl::string_view member,
                                         uint64_t upto);

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_SESSION_VOTES_H_
