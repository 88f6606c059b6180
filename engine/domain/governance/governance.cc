#include "engine/domain/governance/governance.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "engine/domain/governance/governance_internal.h"
#include "engine/workflow/kinds.h"

namespace concordia::domain {
namespace {

using consortium::ConsortiumState;
using deliberation::DeliberationState;
using governance_internal::kApplyConsortium;
using governance_internal::kApplyDeliberation;
using governance_internal::Step;
using session::SessionState;

const ApplyFn<SessionState> kApplySession = session::ApplySessionEvent;
const ApplyFn<deliberation::RegisterState> kApplyRegister =
    deliberation::ApplyRegisterEvent;

}  // namespace

absl::StatusOr<std::shared_ptr<const ConsortiumState>>
Governance::SharedConsortium(const std::string& consortium_id) {
  CONCORDIA_ASSIGN_OR_RETURN(
      FoldedRef<ConsortiumState> f,
      consortia_.Fold(log_, consortium::ConsortiumStream(consortium_id),
                      kApplyConsortium));
  return std::shared_ptr<const ConsortiumState>(f, &f->state);
}

absl::StatusOr<ConsortiumState> Governance::Consortium(
    const std::string& consortium_id, uint64_t upto) {
  if (upto == UINT64_MAX) {
    CONCORDIA_ASSIGN_OR_RETURN(auto shared, SharedConsortium(consortium_id));
    return *shared;
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<ConsortiumState> f,
      FoldStream<ConsortiumState>(log_,
                                  consortium::ConsortiumStream(consortium_id),
                                  kApplyConsortium, upto));
  return std::move(f.state);
}

absl::StatusOr<DeliberationState> Governance::Deliberation(
    const std::string& consortium_id, const std::string& proposal_id,
    uint64_t upto) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(proposal_id, "proposal_id"));
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<DeliberationState> f,
      FoldStream<DeliberationState>(
          log_, deliberation::DeliberationStream(consortium_id, proposal_id),
          kApplyDeliberation, upto));
  return std::move(f.state);
}

absl::StatusOr<SessionState> Governance::Session(
    const std::string& consortium_id, const std::string& session_id,
    uint64_t upto) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(session_id, "session_id"));
  if (upto == UINT64_MAX) {
    CONCORDIA_ASSIGN_OR_RETURN(
        FoldedRef<SessionState> f,
        sessions_.Fold(log_, session::SessionStream(consortium_id, session_id),
                       kApplySession));
    return f->state;
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<SessionState> f,
      FoldStream<SessionState>(
          log_, session::SessionStream(consortium_id, session_id),
          kApplySession, upto));
  return std::move(f.state);
}

absl::StatusOr<bool> Governance::ExecutiveOn(const std::string& consortium_id,
                                             const v1::DeliberationRef& ref,
                                             absl::CivilDay day) {
  if (ref.proposal_id().empty()) return false;
  CONCORDIA_ASSIGN_OR_RETURN(DeliberationState d,
                             Deliberation(consortium_id, ref.proposal_id()));
  return d.ExecutiveOn(day);
}

// --- Consortium.

absl::StatusOr<Outcome> Governance::RegisterConsortium(
    const CommandContext& ctx, const consortium::RegisterConsortium& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.consortium_id, "consortium_id"));
  return Execute<ConsortiumState>(
      log_, consortium::ConsortiumStream(cmd.consortium_id), ctx,
      kApplyConsortium, [&](const Folded<ConsortiumState>& f) {
        return consortium::DecideRegister(f.state, cmd);
      });
}

#define CONCORDIA_CONSORTIUM_COMMAND(Method, Cmd, DecideCall)                  \
  absl::StatusOr<Outcome> Governance::Method(const CommandContext& ctx,        \
                                             const std::string& consortium_id, \
                                             const consortium::Cmd& cmd) {     \
    CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));     \
    return Execute<ConsortiumState>(                                           \
        log_, consortium::ConsortiumStream(consortium_id), ctx,                \
        kApplyConsortium,                                                      \
        [&](const Folded<ConsortiumState>& f) -> absl::StatusOr<Events> {      \
          return DecideCall;                                                   \
        });                                                                    \
  }

absl::StatusOr<Outcome> Governance::AdmitMember(
    const CommandContext& ctx, const std::string& consortium_id,
    const consortium::AdmitMember& cmd) {
  CONCORDIA_ASSIGN_OR_RETURN(
      bool executive,
      ExecutiveOn(consortium_id, cmd.authorised_by, cmd.effective_from));
  return Execute<ConsortiumState>(
      log_, consortium::ConsortiumStream(consortium_id), ctx, kApplyConsortium,
      [&](const Folded<ConsortiumState>& f) {
        return consortium::DecideAdmit(f.state, cmd, executive);
      });
}

absl::StatusOr<Outcome> Governance::WithdrawMember(
    const CommandContext& ctx, const std::string& consortium_id,
    const consortium::WithdrawMember& cmd) {
  CONCORDIA_ASSIGN_OR_RETURN(
      bool executive,
      ExecutiveOn(consortium_id, cmd.authorised_by, cmd.effective_from));
  return Execute<ConsortiumState>(
      log_, consortium::ConsortiumStream(consortium_id), ctx, kApplyConsortium,
      [&](const Folded<ConsortiumState>& f) {
        return consortium::DecideWithdraw(f.state, cmd, executive);
      });
}

absl::StatusOr<Outcome> Governance::ChangeShares(
    const CommandContext& ctx, const std::string& consortium_id,
    const consortium::ChangeShares& cmd) {
  CONCORDIA_ASSIGN_OR_RETURN(
      bool executive,
      ExecutiveOn(consortium_id, cmd.authorised_by, cmd.effective_from));
  return Execute<ConsortiumState>(
      log_, consortium::ConsortiumStream(consortium_id), ctx, kApplyConsortium,
      [&](const Folded<ConsortiumState>& f) {
        return consortium::DecideChangeShares(f.state, cmd, executive);
      });
}

absl::StatusOr<Outcome> Governance::AdoptStatute(
    const CommandContext& ctx, const std::string& consortium_id,
    const consortium::AdoptStatute& cmd) {
  CONCORDIA_ASSIGN_OR_RETURN(
      bool executive,
      ExecutiveOn(consortium_id, cmd.authorised_by, cmd.effective_from));
  return Execute<ConsortiumState>(
      log_, consortium::ConsortiumStream(consortium_id), ctx, kApplyConsortium,
      [&](const Folded<ConsortiumState>& f) {
        return consortium::DecideAdoptStatute(f.state, cmd, executive);
      });
}

CONCORDIA_CONSORTIUM_COMMAND(RecordSuccession, RecordSuccession,
                             consortium::DecideSuccession(f.state, cmd))
CONCORDIA_CONSORTIUM_COMMAND(CreateBody, CreateBody,
                             consortium::DecideCreateBody(f.state, cmd))
CONCORDIA_CONSORTIUM_COMMAND(Designate, Designate,
                             consortium::DecideDesignate(f.state, cmd))
CONCORDIA_CONSORTIUM_COMMAND(RevokeDesignation, RevokeDesignation,
                             consortium::DecideRevokeDesignation(f.state, cmd))
#undef CONCORDIA_CONSORTIUM_COMMAND

// --- Proposals and deliberations.

absl::StatusOr<Outcome> Governance::DraftProposal(
    const CommandContext& ctx, const deliberation::DraftProposal& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.proposal_id, "proposal_id"));
  CONCORDIA_ASSIGN_OR_RETURN(auto consortium_ref,
                             SharedConsortium(cmd.consortium_id));
  const ConsortiumState& c = *consortium_ref;
  if (!c.registered) return UnknownEntity("consortium", cmd.consortium_id);
  const bool body_exists = c.bodies.count(cmd.body_id) > 0;
  // The act the proposal starts, checked against the workflow in force
  // (its flags) after the law's rules.
  v1::ProposalDrafted drafted;
  drafted.set_consortium_id(cmd.consortium_id);
  drafted.set_proposal_id(cmd.proposal_id);
  drafted.set_body_id(cmd.body_id);
  drafted.set_act_kind(cmd.act_kind);
  drafted.set_title(cmd.title);
  drafted.set_financial_effects(cmd.financial_effects);
  drafted.set_mere_policy_act(cmd.mere_policy_act);
  drafted.set_grants_economic_benefit(cmd.grants_economic_benefit);
  workflow::StartAct act = DeliberationAct(drafted);
  act.flags.insert(act.flags.end(), cmd.workflow_flags.begin(),
                   cmd.workflow_flags.end());
  absl::Status act_ok =
      workflows_.CheckFlags(c, workflow::kDeliberation, cmd.workflow_flags,
                            ctx.effective_time, "workflow_flags");
  if (act_ok.ok()) act_ok = workflows_.CheckStart(c, act, ctx.effective_time);
  // The proposal and the act it starts are recorded in one joint append.
  JointPart<DeliberationState> proposal;
  proposal.stream =
      deliberation::DeliberationStream(cmd.consortium_id, cmd.proposal_id);
  proposal.context = ctx;
  proposal.apply = kApplyDeliberation;
  proposal.decide =
      [&](const Folded<DeliberationState>& f) -> absl::StatusOr<Events> {
    CONCORDIA_ASSIGN_OR_RETURN(
        Events events, deliberation::DecideDraft(f.state, cmd, body_exists));
    CONCORDIA_RETURN_IF_ERROR(act_ok);
    return events;
  };
  return workflows_.ExecuteStarting(proposal, Step(ctx, "act"), c, act);
}

absl::StatusOr<Outcome> Governance::GiveOpinion(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& proposal_id, const deliberation::GiveOpinion& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(proposal_id, "proposal_id"));
  return Execute<DeliberationState>(
      log_, deliberation::DeliberationStream(consortium_id, proposal_id), ctx,
      kApplyDeliberation, [&](const Folded<DeliberationState>& f) {
        return deliberation::DecideOpinion(f.state, cmd);
      });
}

absl::StatusOr<Outcome> Governance::Publish(const CommandContext& ctx,
                                            const std::string& consortium_id,
                                            const std::string& proposal_id,
                                            absl::CivilDay first_day) {
  CONCORDIA_ASSIGN_OR_RETURN(auto consortium_ref,
                             SharedConsortium(consortium_id));
  const ConsortiumState& c = *consortium_ref;
  const v1::Statute* statute = c.StatuteAt(first_day);
  if (statute == nullptr) {
    return Rejected(reasons::kStatuteNotInForce, "no statute in force");
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateId(proposal_id, "proposal_id"));
  const std::string stream =
      deliberation::DeliberationStream(consortium_id, proposal_id);
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome published,
      Execute<DeliberationState>(log_, stream, ctx, kApplyDeliberation,
                                 [&](const Folded<DeliberationState>& f) {
                                   return deliberation::DecidePublish(
                                       f.state, first_day, *statute);
                                 }));
  // The executivity deadline and the end of the window become durable
  // timers.
  CONCORDIA_ASSIGN_OR_RETURN(DeliberationState d,
                             Deliberation(consortium_id, proposal_id));
  CONCORDIA_RETURN_IF_ERROR(ScheduleAlboEnd(ctx, consortium_id, d));
  if (!d.executive_on.has_value() && d.publication.has_value()) {
    workflow::TimerSpec timer;
    timer.consortium_id = consortium_id;
    timer.timer_id = absl::StrCat("executive-", proposal_id);
    timer.kind = kExecutivityTimer;
    timer.subject = stream;
    timer.payload = proposal_id;
    timer.due = calendar::StartOfRomeDay(DayOf(d.publication->executive_on()));
    CONCORDIA_RETURN_IF_ERROR(
        workflow::ScheduleTimer(log_, Step(ctx, "timer"), timer).status());
  }
  return published;
}

absl::StatusOr<Outcome> Governance::InterruptPublication(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& proposal_id, int days, const std::string& reason) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(proposal_id, "proposal_id"));
  return Execute<DeliberationState>(
      log_, deliberation::DeliberationStream(consortium_id, proposal_id), ctx,
      kApplyDeliberation, [&](const Folded<DeliberationState>& f) {
        return deliberation::DecideInterrupt(f.state, days, reason);
      });
}

absl::StatusOr<Outcome> Governance::MakeExecutive(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& proposal_id, absl::CivilDay day) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(proposal_id, "proposal_id"));
  return Execute<DeliberationState>(
      log_, deliberation::DeliberationStream(consortium_id, proposal_id), ctx,
      kApplyDeliberation, [&](const Folded<DeliberationState>& f) {
        return deliberation::DecideExecutive(f.state, day);
      });
}

absl::StatusOr<Outcome> Governance::Withdraw(const CommandContext& ctx,
                                             const std::string& consortium_id,
                                             const std::string& proposal_id,
                                             const std::string& by_proposal_id,
                                             bool annulment,
                                             absl::CivilDay day) {
  CONCORDIA_ASSIGN_OR_RETURN(DeliberationState by,
                             Deliberation(consortium_id, by_proposal_id));
  CONCORDIA_ASSIGN_OR_RETURN(auto consortium_ref,
                             SharedConsortium(consortium_id));
  const ConsortiumState& c = *consortium_ref;
  const v1::Statute* statute = c.StatuteAt(day);
  if (statute == nullptr) {
    return Rejected(reasons::kStatuteNotInForce, "no statute in force");
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateId(proposal_id, "proposal_id"));
  return Execute<DeliberationState>(
      log_, deliberation::DeliberationStream(consortium_id, proposal_id), ctx,
      kApplyDeliberation, [&](const Folded<DeliberationState>& f) {
        return deliberation::DecideWithdraw(f.state, by, annulment, day,
                                            *statute);
      });
}

// --- Sessions.

namespace {

absl::StatusOr<std::map<std::string, DeliberationState>> LoadProposals(
    Governance& g, const std::string& consortium_id,
    const std::vector<v1::AgendaItem>& items) {
  std::map<std::string, DeliberationState> out;
  for (const v1::AgendaItem& item : items) {
    if (item.proposal_id().empty() || out.count(item.proposal_id()) > 0) {
      continue;
    }
    CONCORDIA_ASSIGN_OR_RETURN(
        out[item.proposal_id()],
        g.Deliberation(consortium_id, item.proposal_id()));
  }
  return out;
}

}  // namespace

absl::StatusOr<Outcome> Governance::Convene(const CommandContext& ctx,
                                            const session::Convene& cmd,
                                            const workflow::Caller* caller) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.session_id, "session_id"));
  CONCORDIA_ASSIGN_OR_RETURN(auto consortium_ref,
                             SharedConsortium(cmd.consortium_id));
  const ConsortiumState& c = *consortium_ref;
  if (!c.registered) return UnknownEntity("consortium", cmd.consortium_id);
  CONCORDIA_ASSIGN_OR_RETURN(
      auto proposals, LoadProposals(*this, cmd.consortium_id, cmd.items));
  session::SessionContext at{&c, ctx.now};
  // The workflow's rules apply after the law's (notice, art. 49 opinions).
  const absl::Status agenda_ok =
      CheckAgenda(c, proposals, ctx.effective_time, caller);
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome convened,
      Execute<SessionState>(
          log_, session::SessionStream(cmd.consortium_id, cmd.session_id), ctx,
          kApplySession,
          [&](const Folded<SessionState>& f) -> absl::StatusOr<Events> {
            CONCORDIA_ASSIGN_OR_RETURN(
                Events events,
                session::DecideConvene(f.state, at, cmd, proposals, ctx.now));
            CONCORDIA_RETURN_IF_ERROR(agenda_ok);
            return events;
          }));
  CONCORDIA_RETURN_IF_ERROR(RecordAgenda(ctx, c, proposals, caller));
  return convened;
}

// Runs `decide` on the session with the consortium loaded.
#define CONCORDIA_SESSION_COMMAND(decide_expr)                              \
  CONCORDIA_RETURN_IF_ERROR(ValidateId(session_id, "session_id"));          \
  CONCORDIA_ASSIGN_OR_RETURN(auto consortium_ref,                           \
                             SharedConsortium(consortium_id));              \
  const ConsortiumState& c = *consortium_ref;                               \
  [[maybe_unused]] session::SessionContext at{&c, ctx.now};                 \
  const std::string stream =                                                \
      session::SessionStream(consortium_id, session_id);                    \
  return Execute<SessionState>(                                             \
      log_, stream, ctx, kApplySession,                                     \
      [&](const Folded<SessionState>& f) -> absl::StatusOr<Events> {        \
        return decide_expr;                                                 \
      },                                                                    \
      8, [&] { return sessions_.Fold(log_, stream, kApplySession); })

absl::StatusOr<Outcome> Governance::AddItem(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& session_id, const v1::AgendaItem& item,
    std::optional<absl::Time> notice_delivered,
    const workflow::Caller* caller) {
  CONCORDIA_ASSIGN_OR_RETURN(auto proposals,
                             LoadProposals(*this, consortium_id, {item}));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(session_id, "session_id"));
  CONCORDIA_ASSIGN_OR_RETURN(auto consortium_ref,
                             SharedConsortium(consortium_id));
  const ConsortiumState& c = *consortium_ref;
  session::SessionContext at{&c, ctx.now};
  const absl::Status agenda_ok =
      c.registered ? CheckAgenda(c, proposals, ctx.effective_time, caller)
                   : absl::OkStatus();
  const std::string stream = session::SessionStream(consortium_id, session_id);
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome added,
      Execute<SessionState>(
          log_, stream, ctx, kApplySession,
          [&](const Folded<SessionState>& f) -> absl::StatusOr<Events> {
            CONCORDIA_ASSIGN_OR_RETURN(
                Events events,
                session::DecideAddItem(f.state, at, item, proposals, ctx.now,
                                       notice_delivered));
            CONCORDIA_RETURN_IF_ERROR(agenda_ok);
            return events;
          },
          8, [&] { return sessions_.Fold(log_, stream, kApplySession); }));
  CONCORDIA_RETURN_IF_ERROR(RecordAgenda(ctx, c, proposals, caller));
  return added;
}

absl::StatusOr<Outcome> Governance::RecordAttendance(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& session_id, const std::vector<std::string>& present,
    const std::vector<std::string>& attendees) {
  CONCORDIA_SESSION_COMMAND(
      session::DecideAttendance(f.state, at, present, attendees));
}

absl::StatusOr<Outcome> Governance::AppointDelegate(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& session_id, const std::string& member_id,
    const std::string& person) {
  CONCORDIA_SESSION_COMMAND(
      session::DecideDelegate(f.state, at, member_id, person));
}

absl::StatusOr<Outcome> Governance::DeclareConflict(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& session_id, int item, const std::string& member_id) {
  CONCORDIA_SESSION_COMMAND(
      session::DecideConflict(f.state, at, item, member_id));
}

absl::StatusOr<Outcome> Governance::CastVote(const CommandContext& ctx,
                                             const std::string& consortium_id,
                                             const std::string& session_id,
                                             const session::CastVote& cmd) {
  CONCORDIA_SESSION_COMMAND(session::DecideVote(f.state, at, cmd));
}

absl::StatusOr<Outcome> Governance::DeferItem(const CommandContext& ctx,
                                              const std::string& consortium_id,
                                              const std::string& session_id,
                                              int item,
                                              const std::string& reason) {
  CONCORDIA_SESSION_COMMAND(session::DecideDefer(f.state, at, item, reason));
}

absl::StatusOr<Outcome> Governance::CloseSession(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& session_id) {
  CONCORDIA_SESSION_COMMAND(session::DecideClose(f.state, at));
}

absl::StatusOr<Outcome> Governance::Proclaim(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& session_id, int item,
    const std::string& reason_against_opinion, int* adopted_number,
    uint64_t* saga_end) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(session_id, "session_id"));
  CONCORDIA_ASSIGN_OR_RETURN(SessionState before,
                             Session(consortium_id, session_id));
  if (!before.convened) return UnknownEntity("session", session_id);
  auto agenda = before.items.find(item);
  if (agenda == before.items.end() || agenda->second.proposal_id().empty()) {
    return Rejected(reasons::kNotOnAgenda,
                    absl::StrCat("no item ", item, " to proclaim"));
  }
  const std::string proposal_id = agenda->second.proposal_id();
  CONCORDIA_ASSIGN_OR_RETURN(DeliberationState proposal,
                             Deliberation(consortium_id, proposal_id));
  CONCORDIA_ASSIGN_OR_RETURN(auto consortium_ref,
                             SharedConsortium(consortium_id));
  const ConsortiumState& c = *consortium_ref;
  session::SessionContext at{&c, ctx.now};
  // Step 1: the proclamation.
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome proclaimed,
      Execute<SessionState>(
          log_, session::SessionStream(consortium_id, session_id), ctx,
          kApplySession,
          [&](const Folded<SessionState>& f) -> absl::StatusOr<Events> {
            return session::DecideProclaim(f.state, at, item,
                                           reason_against_opinion, proposal);
          }));
  CONCORDIA_ASSIGN_OR_RETURN(SessionState after,
                             Session(consortium_id, session_id));
  const v1::ItemProclaimed& result = after.proclaimed.at(item);
  deliberation::Outcome outcome;
  outcome.adopted = result.adopted();
  outcome.session_id = session_id;
  outcome.decided_on = after.day();
  outcome.immediately_executable = result.immediately_executable();
  outcome.reason_against_opinion = result.reason_against_opinion();
  CommandContext step = ctx;
  step.effective_time = after.time();
  // Step 2: the number, gapless per body and year.
  if (outcome.adopted) {
    const int year = static_cast<int>(outcome.decided_on.year());
    const std::string register_stream =
        deliberation::RegisterStream(consortium_id, after.body_id(), year);
    CONCORDIA_RETURN_IF_ERROR(
        Execute<deliberation::RegisterState>(
            log_, register_stream, Step(step, "number"), kApplyRegister,
            [&](const Folded<deliberation::RegisterState>& f)
                -> absl::StatusOr<Events> {
              return deliberation::DecideNumber(
                  f.state, consortium_id, after.body_id(), year, proposal_id);
            })
            .status());
    CONCORDIA_ASSIGN_OR_RETURN(Folded<deliberation::RegisterState> reg,
                               FoldStream<deliberation::RegisterState>(
                                   log_, register_stream, kApplyRegister));
    outcome.number = reg.state.numbers.at(proposal_id);
    if (adopted_number != nullptr) *adopted_number = outcome.number;
  }
  // Step 3: the deliberation records its outcome.
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome recorded,
      Execute<DeliberationState>(
          log_, deliberation::DeliberationStream(consortium_id, proposal_id),
          Step(step, "outcome"), kApplyDeliberation,
          [&](const Folded<DeliberationState>& f) {
            return deliberation::DecideOutcome(f.state, outcome);
          }));
  // Step 4: the deliberation's act records the outcome the law decided.
  const workflow::StartAct act = DeliberationAct(proposal.proposal);
  workflow::PerformAction decided;
  decided.action = outcome.adopted ? workflow::kAdopt : workflow::kReject;
  if (outcome.adopted) {
    decided.note =
        absl::StrCat("n. ", outcome.number, "/", outcome.decided_on.year());
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome acted,
      workflows_.Record(Step(step, "act"), c, workflow::kDeliberation,
                        proposal_id, decided, nullptr, &act));
  if (saga_end != nullptr) {
    *saga_end = std::max({proclaimed.last_position, recorded.last_position,
                          acted.last_position});
  }
  return proclaimed;
}

#undef CONCORDIA_SESSION_COMMAND

void Governance::RegisterTimers(workflow::TimerScheduler& scheduler) {
  workflows_.RegisterTimers(scheduler);
  scheduler.Register(kAlboEndTimer, [this](const workflow::FiredTimer& t) {
    return EndPublication(t.context, t.spec.consortium_id, t.spec.payload,
                          calendar::RomeDay(t.spec.due))
        .status();
  });
  scheduler.Register(kExecutivityTimer, [this](const workflow::FiredTimer& t) {
    return MakeExecutive(t.context, t.spec.consortium_id, t.spec.payload,
                         calendar::RomeDay(t.spec.due))
        .status();
  });
}

}  // namespace concordia::domain
