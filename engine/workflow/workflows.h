// Workflows: the command handlers of acts run by their workflows
// (engine/workflow/WORKFLOWS.md) over the event log.
//
// Two kinds of caller use it:
//  - the API layer, through the generic commands — start an act of kind K,
//    perform action A, attach an opinion — with the caller's grants
//    (Caller): everything is checked against the definition of K in force
//    on the command's effective day, so a kind the statute adds needs no
//    code;
//  - the aggregates of engine/domain (Governance, Cooperation), for the
//    kinds they keep (kinds.h): they start their acts, check a guarded
//    action before their own command appends anything, and record the
//    action after it (a saga step with a request id derived from theirs).
// Deadlines are durable timers (kind "workflow.deadline", registered by
// RegisterTimers; Governance::RegisterTimers does it for the server): each
// time an act enters a state with a deadline, the act records
// ActDeadlineScheduled and a timer is scheduled; when it fires and the act
// is still in that stay, ActDeadlinePassed is appended with the fired timer
// as its cause, then the automatic action if the deadline has one. An
// action delivering an opinion attaches it to the act's subject in a
// further step.
//
// Thread-safety: thread-safe (stateless over a thread-safe log, with a
// thread-safe snapshot cache).
//
// Example:
//   Workflows workflows(log);
//   Caller caller = CallerFrom(access, principal, "sudestmilano");
//   auto r = workflows.Perform(ctx, caller, "sudestmilano", "tavolo-opinion",
//                              "p-7-tt", {"give", "", true, "favorevole", ""});
//   workflows.RegisterTimers(scheduler);
#ifndef CONCORDIA_ENGINE_WORKFLOW_WORKFLOWS_H_
#define CONCORDIA_ENGINE_WORKFLOW_WORKFLOWS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/common/status_macros.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/aggregate.h"
#include "engine/domain/core/joint.h"
#include "engine/domain/core/snapshot_cache.h"
#include "engine/log/event_log.h"
#include "engine/workflow/act.h"
#include "engine/workflow/caller.h"
#include "engine/workflow/timer_scheduler.h"

namespace concordia::workflow {

// The timer kind of workflow deadlines.
inline constexpr char kDeadlineTimer[] = "workflow.deadline";

// A definition in force: the statute's (with its version) or the default
// (version 0).
struct DefinitionInForce {
  v1::WorkflowDefinition definition;
  int32_t statute_version = 0;
};

class Workflows {
 public:
  explicit Workflows(log::EventLog& log) : log_(log) {}

  // --- Generic commands (the API layer). kNotFound for an unregistered
  // consortium or an act never started; UNKNOWN_ACT_KIND when no
  // definition of the kind is in force on the effective day.
  absl::StatusOr<domain::Outcome> Start(const domain::CommandContext& ctx,
                                        const Caller& caller,
                                        const std::string& consortium_id,
                                        const StartAct& cmd);
  absl::StatusOr<domain::Outcome> Perform(const domain::CommandContext& ctx,
                                          const Caller& caller,
                                          const std::string& consortium_id,
                                          const std::string& act_kind,
                                          const std::string& act_id,
                                          const PerformAction& cmd);
  absl::StatusOr<domain::Outcome> Attach(const domain::CommandContext& ctx,
                                         const Caller& caller,
                                         const std::string& consortium_id,
                                         const std::string& act_kind,
                                         const std::string& act_id,
                                         const AttachOpinion& cmd);

  // --- For the aggregates keeping their kinds (kinds.h). `c` is the
  // consortium as the aggregate's handler loaded it; `caller` is nullptr
  // when the aggregate's own caller was authorised by the API layer.
  // Whether `start` is a valid start of an act of its kind on `time`.
  absl::Status CheckStart(const domain::consortium::ConsortiumState& c,
                          const StartAct& start, absl::Time time);
  // Whether `flags` are flags of `act_kind` in force on `time`
  // (kInvalidArgument naming `field`[i]).
  absl::Status CheckFlags(const domain::consortium::ConsortiumState& c,
                          const std::string& act_kind,
                          const std::vector<std::string>& flags,
                          absl::Time time, const std::string& field);
  absl::StatusOr<domain::Outcome> StartFor(
      const domain::CommandContext& ctx,
      const domain::consortium::ConsortiumState& c, const StartAct& start);
  // Runs an aggregate's command that starts an act: the aggregate's events
  // and the act's start are decided together and recorded in one joint
  // append (engine/domain/core/joint.h), so neither is recorded without the
  // other, and a refused start records nothing; then the act's first
  // deadline is scheduled. A retry of a command that the older two-step
  // saga recorded without its act (a crash between the appends) starts the
  // act. `step` is the act step's context (a request id derived from the
  // command's). Returns the aggregate's outcome.
  template <typename State>
  absl::StatusOr<domain::Outcome> ExecuteStarting(
      const domain::JointPart<State>& aggregate,
      const domain::CommandContext& step,
      const domain::consortium::ConsortiumState& c, const StartAct& start) {
    bool schedules_deadline = false;
    CONCORDIA_ASSIGN_OR_RETURN(
        domain::JointOutcome recorded,
        domain::ExecuteJointly(log_, aggregate,
                               StartPart(step, c, start, &schedules_deadline)));
    if (recorded.replayed) {
      CONCORDIA_RETURN_IF_ERROR(StartFor(step, c, start).status());
    } else if (schedules_deadline) {
      CONCORDIA_RETURN_IF_ERROR(AfterStart(step, c, start));
    }
    return recorded.first;
  }
  // Whether the guarded `action` may be performed on the act on `time`.
  // `outside_opinions`: opinions the aggregate holds (a deliberation's art.
  // 49 opinions). An act with no stream (its aggregate predates workflows)
  // is taken as `start_if_missing` describes, in the initial state.
  absl::Status Check(const domain::consortium::ConsortiumState& c,
                     const std::string& act_kind, const std::string& act_id,
                     const PerformAction& action, absl::Time time,
                     const Caller* caller,
                     const std::map<std::string, bool>& outside_opinions,
                     const StartAct* start_if_missing);
  // Records `action` (unchecked) after the aggregate's command; starts the
  // act first from `start_if_missing` when it has no stream.
  absl::StatusOr<domain::Outcome> Record(
      const domain::CommandContext& ctx,
      const domain::consortium::ConsortiumState& c, const std::string& act_kind,
      const std::string& act_id, const PerformAction& action,
      const Caller* caller, const StartAct* start_if_missing);

  // --- Reads.
  absl::StatusOr<ActState> Act(const std::string& consortium_id,
                               const std::string& act_kind,
                               const std::string& act_id,
                               uint64_t upto = UINT64_MAX);
  // The definition of `act_kind` in force on `day`.
  absl::StatusOr<DefinitionInForce> DefinitionOn(
      const std::string& consortium_id, const std::string& act_kind,
      absl::CivilDay day);
  // Every definition in force on `day`: the statute's kinds and the
  // defaults it does not replace, ordered by kind. STATUTE_NOT_IN_FORCE
  // before the first statute's effective date. `*statute_version`, when
  // given, is set to the version of the statute in force.
  absl::StatusOr<std::vector<DefinitionInForce>> DefinitionsOn(
      const std::string& consortium_id, absl::CivilDay day,
      int32_t* statute_version = nullptr);

  // Registers the consequence of deadline timers.
  void RegisterTimers(TimerScheduler& scheduler);

 private:
  // The act's start as the second part of a joint command; `c` and
  // `schedules_deadline` must outlive the part. Its decision sets
  // `*schedules_deadline` to whether the start enters a state with a
  // deadline.
  domain::JointPart<ActState> StartPart(
      const domain::CommandContext& step,
      const domain::consortium::ConsortiumState& c, const StartAct& start,
      bool* schedules_deadline);
  // What follows a joint start that entered a state with a deadline: the
  // deadline's timer.
  absl::Status AfterStart(const domain::CommandContext& step,
                          const domain::consortium::ConsortiumState& c,
                          const StartAct& start);
  absl::StatusOr<domain::consortium::ConsortiumState> Consortium(
      const std::string& consortium_id);
  // The inputs of a step on an act of `act_kind` on `time`.
  absl::StatusOr<ActInputs> InputsFor(
      const domain::consortium::ConsortiumState& c, const std::string& act_kind,
      absl::Time time);
  absl::StatusOr<ActState> Fold(const std::string& consortium_id,
                                const std::string& act_kind,
                                const std::string& act_id);
  // Schedules the timer of the act's current deadline, if any.
  absl::Status ScheduleDeadline(const domain::CommandContext& ctx,
                                const std::string& consortium_id,
                                const std::string& act_kind,
                                const std::string& act_id);
  // The opinion `t` delivers to the subject of `act`, checked as of
  // `time` (for a person's action, before it is performed).
  absl::Status CheckDelivery(const domain::consortium::ConsortiumState& c,
                             const ActState& act,
                             const v1::WorkflowTransition& t, absl::Time time);
  // Attaches the opinion `done` delivers to the act's subject. `strict`:
  // an undeliverable opinion is an error (a person's action) rather than
  // skipped (a deadline's: the subject may have moved on).
  absl::Status Deliver(const domain::CommandContext& ctx,
                       const domain::consortium::ConsortiumState& c,
                       const ActState& act, const v1::ActTransitioned& done,
                       bool strict);
  absl::Status OnDeadline(const FiredTimer& timer);

  log::EventLog& log_;
  domain::SnapshotCache<domain::consortium::ConsortiumState> consortia_{64};
};

}  // namespace concordia::workflow

#endif  // CONCORDIA_ENGINE_WORKFLOW_WORKFLOWS_H_
