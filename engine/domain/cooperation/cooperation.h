// Cooperation: the command handlers of governance domain II — accords,
// delegated functions, programmes and procurement, funded projects — over
// the event log, beside Governance (domain I), whose handlers and reads it
// uses for the consortium and its deliberations.
//
// Each handler loads what its rule needs (the consortium, whether a
// deliberation in Concordia is executive on a day, the accord a delegation
// or project names, the programme and procurement rules a purchase is
// checked against), calls the pure Decide function of engine/domain/
// {accord,delegation,programme,project}, and appends through
// domain::Execute: idempotent by request_id, conditional on the version it
// decided on. Flows over several aggregates are sagas of idempotent steps
// with request ids derived from the command's ("<request_id>/<step>"):
//  - JoinAdherent: AccordAdherentJoined → the adherent's representative
//    designated (non-voting) to the consortium's Tavolo degli Aderenti.
//  - Withdrawal taking effect (timer "accord.withdrawal"):
//    AccordPartyWithdrawn → for a constitutive convenzione, the member's
//    withdrawal from the consortium (shares rebalanced to 1000‰ by largest
//    remainder, authorised by the deliberation taking note) → for an
//    adherent, its Tavolo designation revoked.
//  - RecordSuccession: the consortium's MemberSucceeded → each
//    predecessor's functions cease → the successor inherits → delegations
//    to a merged lead ente pass to the successor. Every check (conflicts,
//    retroactive changes) runs before the first append.
// Deadlines are durable timers (engine/workflow/timer_scheduler.h) with
// consequences registered by RegisterTimers: a withdrawal takes effect, an
// accord's term ends (tacit renewal or expiry), a report becomes overdue.
// Programmes, accords and reports follow the workflows of kinds
// "programme-approval", "accord-approval" and "report-submission" in force
// (engine/workflow/WORKFLOWS.md): drafting a programme or an accord and
// registering a project (one act per report) start their acts; adopting a
// programme ("adopt"), recording a party's approval of an accord
// ("approve") and submitting a report ("submit") are checked against the
// workflow (state, required opinions, the caller's role when given) before
// anything is appended and recorded after; the last signature records
// "conclude".
//
// Thread-safety: thread-safe (stateless over a thread-safe log and a
// thread-safe Governance).
//
// Example:
//   Governance g(log);
//   Cooperation c(log, g);
//   c.RegisterTimers(scheduler);
//   auto r = c.Sign(ctx, "sudestmilano", "pdz-2025", sign);
#ifndef CONCORDIA_ENGINE_DOMAIN_COOPERATION_COOPERATION_H_
#define CONCORDIA_ENGINE_DOMAIN_COOPERATION_COOPERATION_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/core/aggregate.h"
#include "engine/domain/delegation/delegation.h"
#include "engine/domain/governance/governance.h"
#include "engine/domain/programme/needs.h"
#include "engine/domain/programme/procurement.h"
#include "engine/domain/programme/programme.h"
#include "engine/domain/project/project.h"
#include "engine/log/event_log.h"
#include "engine/workflow/timer_scheduler.h"
#include "engine/workflow/workflows.h"

namespace concordia::domain {

// Timer kinds of this domain.
inline constexpr char kAccordWithdrawalTimer[] = "accord.withdrawal";
inline constexpr char kAccordTermTimer[] = "accord.term";
inline constexpr char kReportDueTimer[] = "project.report";

class Cooperation {
 public:
  Cooperation(log::EventLog& log, Governance& governance)
      : log_(log), governance_(governance) {}

  // --- Accords ("<cid>/accord/<accord-id>"). Commands on an accord never
  // drafted are kNotFound.
  absl::StatusOr<Outcome> DraftAccord(const CommandContext& ctx,
                                      const accord::DraftAccord& cmd);
  // `caller`, here and below: when given, the workflow's performers are
  // checked against its grants (otherwise the API layer authorised it).
  absl::StatusOr<Outcome> RecordApproval(
      const CommandContext& ctx, const std::string& consortium_id,
      const std::string& accord_id, const accord::RecordApproval& cmd,
      const workflow::Caller* caller = nullptr);
  // A signature; the last required one concludes the instrument (a
  // convenzione is then in force and its term timer scheduled).
  absl::StatusOr<Outcome> Sign(const CommandContext& ctx,
                               const std::string& consortium_id,
                               const std::string& accord_id,
                               const accord::Sign& cmd);
  absl::StatusOr<Outcome> RecordApprovalAct(
      const CommandContext& ctx, const std::string& consortium_id,
      const std::string& accord_id, const accord::RecordApprovalAct& cmd);
  // The BUR publication of an accordo di programma's instrument: in force
  // (or the change applies), and the term timer scheduled.
  absl::StatusOr<Outcome> RecordPublication(
      const CommandContext& ctx, const std::string& consortium_id,
      const std::string& accord_id, const accord::RecordPublication& cmd);
  absl::StatusOr<Outcome> ProposeInstrument(
      const CommandContext& ctx, const std::string& consortium_id,
      const std::string& accord_id, const accord::ProposeInstrument& cmd);
  // The JoinAdherent saga (see the class comment).
  absl::StatusOr<Outcome> JoinAdherent(const CommandContext& ctx,
                                       const std::string& consortium_id,
                                       const std::string& accord_id,
                                       const accord::JoinAdherent& cmd);
  // Notice of withdrawal; schedules the timer of its effective day.
  absl::StatusOr<Outcome> NotifyWithdrawal(const CommandContext& ctx,
                                           const std::string& consortium_id,
                                           const std::string& accord_id,
                                           const accord::NotifyWithdrawal& cmd);
  absl::StatusOr<Outcome> NotifyNonRenewal(const CommandContext& ctx,
                                           const std::string& consortium_id,
                                           const std::string& accord_id,
                                           const accord::NotifyNonRenewal& cmd);
  // The withdrawal saga for `party_id` on `day` (the timer's consequence).
  absl::StatusOr<Outcome> TakeWithdrawalEffect(const CommandContext& ctx,
                                               const std::string& consortium_id,
                                               const std::string& accord_id,
                                               const std::string& party_id,
                                               absl::CivilDay day);
  // The end of the term on `day` (the timer's consequence): tacit renewal
  // (and the next term's timer) or expiry.
  absl::StatusOr<Outcome> EndTerm(const CommandContext& ctx,
                                  const std::string& consortium_id,
                                  const std::string& accord_id,
                                  absl::CivilDay day);

  // --- Delegated functions ("<cid>/delegation/<member>/<function>").
  absl::StatusOr<Outcome> Delegate(const CommandContext& ctx,
                                   const std::string& consortium_id,
                                   const delegation::Delegate& cmd);
  absl::StatusOr<Outcome> RevokeDelegation(const CommandContext& ctx,
                                           const std::string& consortium_id,
                                           const std::string& member_id,
                                           v1::Function function,
                                           const delegation::Revoke& cmd);
  // The succession saga (see the class comment). `choices` settles the
  // functions the predecessors exercised differently.
  absl::StatusOr<Outcome> RecordSuccession(
      const CommandContext& ctx, const std::string& consortium_id,
      const consortium::RecordSuccession& cmd,
      const std::map<v1::Function, v1::Exerciser>& choices = {});
  // Who exercises `function` for `member_id` on `day` (invariant 23): the
  // member itself, the consortium or one lead ente — a delegation under an
  // accord that no longer binds having lapsed.
  absl::StatusOr<delegation::FunctionExercise> ExerciserOn(
      const std::string& consortium_id, const std::string& member_id,
      v1::Function function, absl::CivilDay day);

  // --- Programmes ("<cid>/programme/<id>").
  absl::StatusOr<Outcome> DraftProgramme(const CommandContext& ctx,
                                         const programme::DraftProgramme& cmd);
  absl::StatusOr<Outcome> AddProgrammeItem(const CommandContext& ctx,
                                           const std::string& consortium_id,
                                           const std::string& programme_id,
                                           const v1::ProgrammeItem& item);
  absl::StatusOr<Outcome> RemoveProgrammeItem(const CommandContext& ctx,
                                              const std::string& consortium_id,
                                              const std::string& programme_id,
                                              const std::string& item_id);
  absl::StatusOr<Outcome> AdoptProgramme(
      const CommandContext& ctx, const std::string& consortium_id,
      const std::string& programme_id, const programme::AdoptProgramme& cmd,
      const workflow::Caller* caller = nullptr);
  absl::StatusOr<Outcome> UpdateProgramme(
      const CommandContext& ctx, const std::string& consortium_id,
      const std::string& programme_id, const programme::UpdateProgramme& cmd);

  // --- Procurement ("<cid>/procurement", "<cid>/needs/<year>").
  absl::StatusOr<Outcome> SetProcurementRules(const CommandContext& ctx,
                                              const std::string& consortium_id,
                                              const v1::ProcurementRules& rules,
                                              absl::CivilDay effective_from);
  absl::StatusOr<Outcome> RegisterAuthority(
      const CommandContext& ctx, const std::string& consortium_id,
      const v1::ContractingAuthority& authority, absl::CivilDay effective_from);
  absl::StatusOr<Outcome> OpenNeedsCollection(const CommandContext& ctx,
                                              const std::string& consortium_id,
                                              int year,
                                              absl::CivilDay deadline);
  absl::StatusOr<Outcome> SubmitNeed(const CommandContext& ctx,
                                     const std::string& consortium_id, int year,
                                     const programme::SubmitNeed& cmd);
  absl::StatusOr<Outcome> WithdrawNeed(const CommandContext& ctx,
                                       const std::string& consortium_id,
                                       int year, const std::string& need_id,
                                       const std::string& member_id);
  absl::StatusOr<Outcome> AggregateNeeds(const CommandContext& ctx,
                                         const std::string& consortium_id,
                                         int year,
                                         const programme::AggregateNeeds& cmd);
  // Invariant 24 (needs.h).
  absl::StatusOr<Outcome> StartPurchase(const CommandContext& ctx,
                                        const std::string& consortium_id,
                                        const programme::StartPurchase& cmd);

  // --- Funded projects ("<cid>/project/<id>").
  // Registers the project and schedules a timer per report.
  absl::StatusOr<Outcome> RegisterProject(const CommandContext& ctx,
                                          const project::RegisterProject& cmd);
  absl::StatusOr<Outcome> RecordExpense(const CommandContext& ctx,
                                        const std::string& consortium_id,
                                        const std::string& project_id,
                                        const project::RecordExpense& cmd);
  absl::StatusOr<Outcome> SubmitReport(
      const CommandContext& ctx, const std::string& consortium_id,
      const std::string& project_id, const project::SubmitReport& cmd,
      const workflow::Caller* caller = nullptr);
  // The report's timer consequence.
  absl::StatusOr<Outcome> MarkReportOverdue(const CommandContext& ctx,
                                            const std::string& consortium_id,
                                            const std::string& project_id,
                                            const std::string& report_id,
                                            absl::CivilDay day);
  // Allocates the members' part of the period's unallocated expenses
  // (invariant 22: each expense shared by those sharing it on its day).
  absl::StatusOr<Outcome> AllocateCosts(const CommandContext& ctx,
                                        const std::string& consortium_id,
                                        const std::string& project_id,
                                        const project::AllocateCosts& cmd);

  // --- Reads (folded from the log, up to position `upto`).
  absl::StatusOr<accord::AccordState> Accord(const std::string& consortium_id,
                                             const std::string& accord_id,
                                             uint64_t upto = UINT64_MAX);
  absl::StatusOr<delegation::DelegationState> Delegation(
      const std::string& consortium_id, const std::string& member_id,
      v1::Function function, uint64_t upto = UINT64_MAX);
  absl::StatusOr<programme::ProgrammeState> Programme(
      const std::string& consortium_id, const std::string& programme_id,
      uint64_t upto = UINT64_MAX);
  absl::StatusOr<programme::NeedsState> Needs(const std::string& consortium_id,
                                              int year,
                                              uint64_t upto = UINT64_MAX);
  absl::StatusOr<programme::ProcurementState> Procurement(
      const std::string& consortium_id, uint64_t upto = UINT64_MAX);
  absl::StatusOr<project::ProjectState> Project(
      const std::string& consortium_id, const std::string& project_id,
      uint64_t upto = UINT64_MAX);

  // Registers the consequences of this domain's timers.
  void RegisterTimers(workflow::TimerScheduler& scheduler);

 private:
  // Whether `act` is executive on `day`: Governance for deliberations in
  // Concordia, the declared day for external acts.
  absl::StatusOr<bool> ActExecutiveOn(const std::string& consortium_id,
                                      const v1::ApprovingAct& act,
                                      absl::CivilDay day);
  // The consortium's working calendar on `day`.
  absl::StatusOr<calendar::Calendar> CalendarOf(
      const std::string& consortium_id, absl::CivilDay day);
  // Runs `decide` on an accord that exists (kNotFound otherwise).
  absl::StatusOr<Outcome> OnAccord(
      const CommandContext& ctx, const std::string& consortium_id,
      const std::string& accord_id,
      const std::function<absl::StatusOr<Events>(const accord::AccordState&)>&
          decide);
  // Schedules the timer of the current term's end, if the accord is in
  // force and has not ended.
  absl::Status ScheduleTermTimer(const CommandContext& ctx,
                                 const std::string& consortium_id,
                                 const std::string& accord_id);
  // The adoption inputs of `act` on `day`.
  absl::StatusOr<programme::AdoptionInputs> AdoptionInputsOf(
      const std::string& consortium_id, const v1::ApprovingAct& act,
      absl::CivilDay day);
  // The charges of the period's unallocated expenses.
  absl::StatusOr<std::map<std::string, project::Charge>> ChargesOf(
      const project::ProjectState& p, absl::CivilDay from, absl::CivilDay to);

  // The acts of this domain's kinds, as their aggregates describe them.
  static workflow::StartAct ProgrammeAct(const v1::ProgrammeDrafted& p);
  static workflow::StartAct AccordAct(const v1::AccordDrafted& a);
  static workflow::StartAct ReportAct(const v1::ProjectRegistered& p,
                                      const std::string& report_id);

  log::EventLog& log_;
  Governance& governance_;
};

}  // namespace concordia::domain

#endif  // CONCORDIA_ENGINE_DOMAIN_COOPERATION_COOPERATION_H_
