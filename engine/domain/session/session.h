// The Session aggregate ("<consortium>/session/<session-id>"): convocation
// and agenda, roll call, session-scoped delegates, conflicts of interest,
// votes, proclamations.
//
// Decisions read the consortium as it stands on the session's date (its
// statute, its shares, the body's composition), so replaying the log gives
// the same outcomes whatever changed later (invariants 3, 19).
//
// The sitting (roll call, votes, proclamations, deferrals, closing) is
// recorded only from the session's time on (SESSION_NOT_STARTED); a
// convocation delivered outside Concordia may be recorded later with its
// delivery time, so past sessions can be transcribed with their minutes.
//
// Invariants enforced here: 5 (only members of the body on the session date
// are counted or vote; attendees never count), 6 (notice, urgent notice for
// added items), 7 (quorum at the moment of each vote), 8 (conflicts), 9 (one
// vote per member per item; delegates only in their session), 10-12 (the
// outcome is the pure tally, voting/tally.h), 13 (reason against a negative
// opinion).
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   SessionContext at{&consortium_state, day};
//   auto events = DecideVote(session, at, vote);
#ifndef CONCORDIA_ENGINE_DOMAIN_SESSION_SESSION_H_
#define CONCORDIA_ENGINE_DOMAIN_SESSION_SESSION_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "concordia/v1/session_events.pb.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/aggregate.h"
#include "engine/domain/deliberation/deliberation.h"

namespace concordia::domain::session {

std::string SessionStream(absl::string_view consortium_id,
                          absl::string_view session_id);

struct SessionState {
  bool convened = false;
  v1::SessionConvened convocation;
  std::map<int, v1::AgendaItem> items;
  std::set<std::string> present;
  std::vector<std::string> attendees;
  std::map<std::string, std::string> delegates;  // member → person
  std::map<int, std::set<std::string>> conflicts;
  std::map<int, std::map<std::string, v1::VoteChoice>> votes;
  std::map<int, std::map<std::string, v1::VoteChoice>> executability_votes;
  std::map<int, v1::ItemProclaimed> proclaimed;
  std::set<int> deferred;
  bool closed = false;

  std::string body_id() const { return convocation.body_id(); }
  absl::Time time() const;
  absl::CivilDay day() const;  // in Europe/Rome
};

absl::Status ApplySessionEvent(SessionState& s,
                               const google::protobuf::Message& event,
                               const log::Record& record);

// The consortium as it stands, read at the session's date, and the time the
// command is processed (the injected clock: nothing of the sitting itself is
// recorded before the session's time).
struct SessionContext {
  const consortium::ConsortiumState* consortium = nullptr;
  absl::Time now;
};

struct Convene {
  std::string consortium_id;
  std::string session_id;
  std::string body_id;
  v1::SessionKind kind = v1::SESSION_KIND_ORDINARY;
  int call = 1;
  absl::Time session_time;
  std::vector<v1::AgendaItem> items;
  // When the convocation was delivered, if before the command: a convocation
  // sent outside Concordia (by PEC, say) and recorded afterwards, possibly
  // with the session already held. Unset: delivered now. Never after now.
  std::optional<absl::Time> notice_delivered;
};

// `proposals`: the deliberation state of every proposal on the agenda.
// `now`: the command's processing time. The notice runs from
// `cmd.notice_delivered` (default `now`) to the session's time, which must
// come after it.
absl::StatusOr<Events> DecideConvene(
    const SessionState& s, const SessionContext& at, const Convene& cmd,
    const std::map<std::string, deliberation::DeliberationState>& proposals,
    absl::Time now);

// `notice_delivered`: when the addition's notice was delivered, if outside
// Concordia before the command (not before the convocation's, never after
// `now`); unset: now. The statute's urgent notice runs from it.
absl::StatusOr<Events> DecideAddItem(
    const SessionState& s, const SessionContext& at, const v1::AgendaItem& item,
    const std::map<std::string, deliberation::DeliberationState>& proposals,
    absl::Time now, std::optional<absl::Time> notice_delivered = std::nullopt);

absl::StatusOr<Events> DecideAttendance(const SessionState& s,
                                        const SessionContext& at,
                                        const std::vector<std::string>& present,
                                        const std::vector<std::string>& attendees);

absl::StatusOr<Events> DecideDelegate(const SessionState& s,
                                      const SessionContext& at,
                                      const std::string& member_id,
                                      const std::string& person);

absl::StatusOr<Events> DecideConflict(const SessionState& s,
                                      const SessionContext& at, int item,
                                      const std::string& member_id);

struct CastVote {
  int item = 0;
  v1::Ballot ballot = v1::BALLOT_MAIN;
  std::string member_id;
  std::string cast_by;  // the person voting (representative or delegate)
  v1::VoteChoice choice = v1::VOTE_CHOICE_UNSPECIFIED;
};

absl::StatusOr<Events> DecideVote(const SessionState& s,
                                  const SessionContext& at,
                                  const CastVote& cmd);

// The quorum of the body now (for `item`'s conflicts).
voting::QuorumCheck QuorumNow(const SessionState& s, const SessionContext& at,
                              int item);

// `proposal`: the state of the item's proposal (for the opinion check).
absl::StatusOr<Events> DecideProclaim(
    const SessionState& s, const SessionContext& at, int item,
    const std::string& reason_against_opinion,
    const deliberation::DeliberationState& proposal);

absl::StatusOr<Events> DecideDefer(const SessionState& s,
                                   const SessionContext& at, int item,
                                   const std::string& reason);
absl::StatusOr<Events> DecideClose(const SessionState& s,
                                   const SessionContext& at);

}  // namespace concordia::domain::session

#endif  // CONCORDIA_ENGINE_DOMAIN_SESSION_SESSION_H_
