// Governance: the command handlers of domain I — consortia, statutes,
// members and shares, bodies, sessions and votes, deliberations — over the
// event log.
//
// Each handler loads what its rule needs (the streams of the aggregates
// involved, as they stand), calls the pure Decide function, and appends
// through domain::Execute: idempotent by request_id, conditional on the
// version it decided on. Cross-aggregate flows are sagas of idempotent
// steps, each with a request id derived from the command's:
//  - Proclaim: ItemProclaimed on the session → (if adopted) the next number
//    on the register of the body and year → DeliberationAdopted (and
//    DeliberationExecutive when immediately executable) or
//    DeliberationRejected on the deliberation → "adopt" or "reject" on the
//    deliberation's act. Retrying the command after a
//    crash at any step completes the remaining steps and repeats none; the
//    number assigned first is kept.
//  - Publish: DeliberationPublished → a durable timer for executivity, whose
//    consequence (kind "deliberation.executive") appends
//    DeliberationExecutive → a durable timer for the end of the albo window
//    (kind "deliberation.albo-end": PublicationEnded the day after the last
//    day, or a new timer when an interruption extended the window).
// Deliberations follow the workflow of kind "deliberation" in force
// (engine/workflow/WORKFLOWS.md): DraftProposal starts the act
// ("<consortium>/act/deliberation/<proposal-id>") in the same joint append
// as the proposal (engine/domain/core/joint.h), so neither is recorded
// without the other; a retry of a proposal that an older two-step saga
// recorded alone starts its act. Convene and AddItem
// check "place-on-agenda" (its required opinions, beyond the law's, and
// the caller's role when given) before the session's events and record it
// after; Proclaim records "adopt" or "reject". The generic workflow engine
// is workflows().
//
// Thread-safety: thread-safe (stateless over a thread-safe log).
//
// Example:
//   Governance g(log);
//   auto r = g.CastVote(ctx, "sudestmilano", "2026-03-02", vote);
#ifndef CONCORDIA_ENGINE_DOMAIN_GOVERNANCE_GOVERNANCE_H_
#define CONCORDIA_ENGINE_DOMAIN_GOVERNANCE_GOVERNANCE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/aggregate.h"
#include "engine/domain/core/snapshot_cache.h"
#include "engine/domain/deliberation/deliberation.h"
#include "engine/domain/session/session.h"
#include "engine/log/event_log.h"
#include "engine/workflow/timer_scheduler.h"
#include "engine/workflow/workflows.h"

namespace concordia::domain {

// The timer kind that makes a published deliberation executive.
inline constexpr char kExecutivityTimer[] = "deliberation.executive";
// The timer kind that ends a deliberation's window on the albo.
inline constexpr char kAlboEndTimer[] = "deliberation.albo-end";

class Governance {
 public:
  explicit Governance(log::EventLog& log) : log_(log) {}

  // --- Consortium.
  absl::StatusOr<Outcome> RegisterConsortium(
      const CommandContext& ctx, const consortium::RegisterConsortium& cmd);
  absl::StatusOr<Outcome> AdmitMember(const CommandContext& ctx,
                                      const std::string& consortium_id,
                                      const consortium::AdmitMember& cmd);
  absl::StatusOr<Outcome> WithdrawMember(const CommandContext& ctx,
                                         const std::string& consortium_id,
                                         const consortium::WithdrawMember& cmd);
  absl::StatusOr<Outcome> RecordSuccession(
      const CommandContext& ctx, const std::string& consortium_id,
      const consortium::RecordSuccession& cmd);
  absl::StatusOr<Outcome> ChangeShares(const CommandContext& ctx,
                                       const std::string& consortium_id,
                                       const consortium::ChangeShares& cmd);
  absl::StatusOr<Outcome> AdoptStatute(const CommandContext& ctx,
                                       const std::string& consortium_id,
                                       const consortium::AdoptStatute& cmd);
  absl::StatusOr<Outcome> CreateBody(const CommandContext& ctx,
                                     const std::string& consortium_id,
                                     const consortium::CreateBody& cmd);
  absl::StatusOr<Outcome> Designate(const CommandContext& ctx,
                                    const std::string& consortium_id,
                                    const consortium::Designate& cmd);
  absl::StatusOr<Outcome> RevokeDesignation(
      const CommandContext& ctx, const std::string& consortium_id,
      const consortium::RevokeDesignation& cmd);

  // --- Proposals and deliberations.
  absl::StatusOr<Outcome> DraftProposal(
      const CommandContext& ctx, const deliberation::DraftProposal& cmd);
  absl::StatusOr<Outcome> GiveOpinion(const CommandContext& ctx,
                                      const std::string& consortium_id,
                                      const std::string& proposal_id,
                                      const deliberation::GiveOpinion& cmd);
  // Publishes from `first_day` and schedules the executivity timer.
  absl::StatusOr<Outcome> Publish(const CommandContext& ctx,
                                  const std::string& consortium_id,
                                  const std::string& proposal_id,
                                  absl::CivilDay first_day);
  absl::StatusOr<Outcome> InterruptPublication(const CommandContext& ctx,
                                               const std::string& consortium_id,
                                               const std::string& proposal_id,
                                               int days,
                                               const std::string& reason);
  // The albo timer's consequence on `day` (see the class comment).
  absl::StatusOr<Outcome> EndPublication(const CommandContext& ctx,
                                         const std::string& consortium_id,
                                         const std::string& proposal_id,
                                         absl::CivilDay day);
  absl::StatusOr<Outcome> MakeExecutive(const CommandContext& ctx,
                                        const std::string& consortium_id,
                                        const std::string& proposal_id,
                                        absl::CivilDay day);
  // Revocation (or annulment) of `proposal_id` by `by_proposal_id` on `day`.
  absl::StatusOr<Outcome> Withdraw(const CommandContext& ctx,
                                   const std::string& consortium_id,
                                   const std::string& proposal_id,
                                   const std::string& by_proposal_id,
                                   bool annulment, absl::CivilDay day);

  // --- Sessions.
  // `caller`: when given, the workflow's performers of "place-on-agenda"
  // are checked against its grants (otherwise the API layer authorised
  // the call).
  absl::StatusOr<Outcome> Convene(const CommandContext& ctx,
                                  const session::Convene& cmd,
                                  const workflow::Caller* caller = nullptr);
  // `notice_delivered`: as session::DecideAddItem's.
  absl::StatusOr<Outcome> AddItem(
      const CommandContext& ctx, const std::string& consortium_id,
      const std::string& session_id, const v1::AgendaItem& item,
      std::optional<absl::Time> notice_delivered = std::nullopt,
      const workflow::Caller* caller = nullptr);
  absl::StatusOr<Outcome> RecordAttendance(
      const CommandContext& ctx, const std::string& consortium_id,
      const std::string& session_id, const std::vector<std::string>& present,
      const std::vector<std::string>& attendees);
  absl::StatusOr<Outcome> AppointDelegate(const CommandContext& ctx,
                                          const std::string& consortium_id,
                                          const std::string& session_id,
                                          const std::string& member_id,
                                          const std::string& person);
  absl::StatusOr<Outcome> DeclareConflict(const CommandContext& ctx,
                                          const std::string& consortium_id,
                                          const std::string& session_id,
                                          int item,
                                          const std::string& member_id);
  absl::StatusOr<Outcome> CastVote(const CommandContext& ctx,
                                   const std::string& consortium_id,
                                   const std::string& session_id,
                                   const session::CastVote& cmd);
  // The proclamation saga (see the class comment). Returns the session
  // step's outcome; `*adopted_number` receives the number when adopted and
  // `*saga_end` the position of the saga's last event (the workflow's record
  // of the outcome on the deliberation's act), after which a reader sees the
  // whole proclamation.
  absl::StatusOr<Outcome> Proclaim(const CommandContext& ctx,
                                   const std::string& consortium_id,
                                   const std::string& session_id, int item,
                                   const std::string& reason_against_opinion,
                                   int* adopted_number = nullptr,
                                   uint64_t* saga_end = nullptr);
  absl::StatusOr<Outcome> DeferItem(const CommandContext& ctx,
                                    const std::string& consortium_id,
                                    const std::string& session_id, int item,
                                    const std::string& reason);
  absl::StatusOr<Outcome> CloseSession(const CommandContext& ctx,
                                       const std::string& consortium_id,
                                       const std::string& session_id);

  // --- Reads (folded from the log, up to `upto` position).
  // The consortium's latest state, shared with the snapshot cache (no copy).
  absl::StatusOr<std::shared_ptr<const consortium::ConsortiumState>>
  SharedConsortium(const std::string& consortium_id);
  absl::StatusOr<consortium::ConsortiumState> Consortium(
      const std::string& consortium_id, uint64_t upto = UINT64_MAX);
  absl::StatusOr<deliberation::DeliberationState> Deliberation(
      const std::string& consortium_id, const std::string& proposal_id,
      uint64_t upto = UINT64_MAX);
  absl::StatusOr<session::SessionState> Session(
      const std::string& consortium_id, const std::string& session_id,
      uint64_t upto = UINT64_MAX);

  // Whether the deliberation `ref` names (by proposal id) is executive — in
  // force, not revoked or annulled — on `day`. False when `ref` names no
  // proposal or the proposal was never adopted; an error only when the log
  // cannot be read. Acts that depend on a deliberation (invariant 17) ask
  // this before their pure rule runs.
  absl::StatusOr<bool> ExecutiveOn(const std::string& consortium_id,
                                   const v1::DeliberationRef& ref,
                                   absl::CivilDay day);

  // Registers the consequences of this domain's timers, and of workflow
  // deadlines (workflow::Workflows::RegisterTimers).
  void RegisterTimers(workflow::TimerScheduler& scheduler);

  // The workflow engine over the same log (acts of every kind).
  workflow::Workflows& workflows() { return workflows_; }

 private:
  // Schedules the albo timer for the day after the window's last day.
  absl::Status ScheduleAlboEnd(const CommandContext& ctx,
                               const std::string& consortium_id,
                               const deliberation::DeliberationState& d);
  // The deliberation's act as its proposal describes it.
  static workflow::StartAct DeliberationAct(const v1::ProposalDrafted& p);
  // The workflow's check of "place-on-agenda" for the proposals on an
  // agenda (the first failure), as of `time`.
  absl::Status CheckAgenda(
      const consortium::ConsortiumState& c,
      const std::map<std::string, deliberation::DeliberationState>& proposals,
      absl::Time time, const workflow::Caller* caller);
  // Records "place-on-agenda" on each proposal's act.
  absl::Status RecordAgenda(
      const CommandContext& ctx, const consortium::ConsortiumState& c,
      const std::map<std::string, deliberation::DeliberationState>& proposals,
      const workflow::Caller* caller);

  log::EventLog& log_;
  workflow::Workflows workflows_{log_};
  // Long streams (a consortium's history, a session's votes) are folded from
  // snapshots.
  SnapshotCache<consortium::ConsortiumState> consortia_{256};
  SnapshotCache<session::SessionState> sessions_{1024};
};

}  // namespace concordia::domain

#endif  // CONCORDIA_ENGINE_DOMAIN_GOVERNANCE_GOVERNANCE_H_
