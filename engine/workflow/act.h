// The Act aggregate ("<consortium>/act/<kind>/<act-id>"): one act run by the
// workflow of its kind — started, actions performed (who, with which role,
// when), opinions attached, deadlines scheduled and passed. The state is
// folded by ApplyActEvent; every decision is a pure function of the state,
// the command and the ActInputs the handler loads (the definition in force
// on the command's effective day, the consortium's calendar and bodies, the
// caller's grants). Nothing here knows a kind: the definition is data.
//
// A deadline runs from entering a state (an action that keeps the act in
// its state leaves it running); when it passes with the act still there,
// the act is flagged overdue or the deadline's automatic action is
// performed. Each stay in a state is identified by the stream version that
// entered it, so a timer from an earlier stay does nothing.
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   ActState act;  // folded
//   CONCORDIA_RETURN_IF_ERROR(CheckAction(act, perform, inputs));
//   Events events = RecordAction(act, perform, inputs);
#ifndef CONCORDIA_ENGINE_WORKFLOW_ACT_H_
#define CONCORDIA_ENGINE_WORKFLOW_ACT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "concordia/v1/workflow_events.pb.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/core/aggregate.h"
#include "engine/workflow/caller.h"

namespace concordia::workflow {

// "<consortium>/act/<kind>/<act-id>".
std::string ActStream(absl::string_view consortium_id, absl::string_view kind,
                      absl::string_view act_id);
// An act id is an id ([a-z0-9-], 1..64) or two joined by '/', for an act
// within another entity ("<project>/<report>"). kInvalidArgument otherwise.
absl::Status ValidateActId(absl::string_view act_id, const std::string& field);
// The timer of the deadline of the stay entered at `entered_version`:
// "act.<kind>.<act-id with '/' as '.'>.<version>", or a digest of the
// stream when that is longer than a timer id may be.
std::string DeadlineTimerId(absl::string_view kind, absl::string_view act_id,
                            uint64_t entered_version);

struct ActState {
  bool exists = false;
  uint64_t version = 0;  // events applied
  v1::ActStarted started;
  std::string state;
  uint64_t entered_version = 0;  // the version that entered `state`
  std::map<std::string, v1::ActOpinionAttached> opinions;  // by name
  std::vector<v1::ActTransitioned> transitions;
  // The deadline of the current stay, and whether it passed.
  std::optional<v1::ActDeadlineScheduled> deadline;
  std::optional<v1::ActDeadlinePassed> passed;

  // Flagged overdue: the current stay's deadline passed without an
  // automatic action.
  bool overdue() const;
};

absl::Status ApplyActEvent(ActState& s, const google::protobuf::Message& event,
                           const log::Record& record);

// What a decision is checked against (loaded by the handler).
struct ActInputs {
  std::string consortium_id;
  // The definition of the act's kind in force on the effective day, and the
  // statute version it comes from (0: Concordia's default).
  const v1::WorkflowDefinition* definition = nullptr;
  int32_t statute_version = 0;
  // The consortium's working calendar on the effective day.
  calendar::Calendar calendar;
  // The consortium's bodies (id → kind) and members on the effective day.
  std::map<std::string, v1::BodyKind> bodies;
  std::set<std::string> members;
  // Opinions recorded outside the act's stream, by name → favourable: a
  // deliberation's art. 49 opinions.
  std::map<std::string, bool> outside_opinions;
  // Who performs the step. nullptr when an aggregate's command performs it
  // for its own caller, whom the API layer authorised; then performers are
  // not checked.
  const Caller* caller = nullptr;
  // Whether the step is an aggregate's command (kinds.h); otherwise the
  // actions and starts the aggregates own are refused.
  bool by_aggregate = false;
  // The principal recorded on the events and the command's effective time.
  std::string principal;
  absl::Time time = absl::InfinitePast();

  absl::CivilDay day() const;
};

// --- Commands.

struct StartAct {
  std::string act_kind;
  std::string act_id;
  std::string title;
  std::string body_id;
  std::string member_id;
  v1::ActRef subject;
  std::vector<std::string> flags;
  std::string record_stream;  // aggregates only
};
// kInvalidArgument naming `field`[i] unless each flag is an id the
// definition declares (or its aggregate sets), given once.
absl::Status ValidateFlags(const v1::WorkflowDefinition& definition,
                           const std::vector<std::string>& flags,
                           const std::string& field);
// `subject`: the folded subject act when the command names one (nullptr
// when it does not exist); `subject_closed`: it is in a terminal state.
absl::StatusOr<domain::Events> DecideStart(const ActState& s,
                                           const StartAct& cmd,
                                           const ActInputs& in,
                                           const ActState* subject = nullptr,
                                           bool subject_closed = false);

struct PerformAction {
  std::string action;
  std::string acting_member_id;  // the member it is performed for, if any
  bool favourable = false;       // actions delivering an opinion
  std::string note;
  std::string document_sha256;
};
// An action with nothing but its name (and the member it is performed for).
PerformAction ActionOf(absl::string_view action,
                       absl::string_view acting_member_id = "");

// Whether the action may be performed now: it is an action of the kind
// that may be performed in the act's state (TRANSITION_NOT_ALLOWED), not
// refused after the deadline (DEADLINE_PASSED), by the caller's role
// (ROLE_NOT_ALLOWED), with the opinions it requires (MISSING_OPINION).
absl::Status CheckAction(const ActState& s, const PerformAction& cmd,
                         const ActInputs& in);
// The events of performing the action, unchecked: ActTransitioned and, when
// it enters a state with a deadline, ActDeadlineScheduled. For actions the
// law decides (kinds.h: recorded) and after CheckAction. An action unknown
// to the definition keeps the act in its state. A deadline's automatic
// action names its timer.
domain::Events RecordAction(const ActState& s, const PerformAction& cmd,
                            const ActInputs& in,
                            absl::string_view deadline_timer_id = "");
// CheckAction, then RecordAction.
absl::StatusOr<domain::Events> DecidePerform(const ActState& s,
                                             const PerformAction& cmd,
                                             const ActInputs& in);

struct AttachOpinion {
  std::string opinion;
  std::string body_id;
  bool favourable = false;
  bool lapsed = false;
  std::string given_by;
  std::string text;
  std::string document_sha256;
  v1::ActRef source;  // the act delivering it, if any
};
// An opinion attached directly (checked against the opinion's givers) or
// delivered by `source` (its action was checked).
absl::StatusOr<domain::Events> DecideAttachOpinion(const ActState& s,
                                                   const AttachOpinion& cmd,
                                                   const ActInputs& in);

// The deadline of the stay entered at `entered_version` passed. Nothing
// when the act has left that stay or the deadline was already handled;
// otherwise ActDeadlinePassed, then the automatic action when the
// definition in force still allows it (else the act is flagged overdue).
absl::StatusOr<domain::Events> DecideDeadlinePassed(const ActState& s,
                                                    uint64_t entered_version,
                                                    const ActInputs& in);

// Whether the act is in a terminal state of `definition`.
bool IsClosed(const ActState& s, const v1::WorkflowDefinition& definition);

}  // namespace concordia::workflow

#endif  // CONCORDIA_ENGINE_WORKFLOW_ACT_H_
