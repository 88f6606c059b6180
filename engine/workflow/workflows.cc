#include "engine/workflow/workflows.h"

#include <set>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "engine/domain/deliberation/deliberation.h"
#include "engine/workflow/default_workflows.h"
#include "engine/workflow/definition.h"
#include "engine/workflow/kinds.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::workflow {
namespace {

using domain::CommandContext;
using domain::Events;
using domain::Execute;
using domain::Folded;
using domain::Outcome;
using domain::consortium::ConsortiumState;
namespace reasons = domain::reasons;

const domain::ApplyFn<ActState> kApplyAct = ApplyActEvent;
const domain::ApplyFn<ConsortiumState> kApplyConsortium =
    domain::consortium::ApplyConsortiumEvent;

CommandContext Step(const CommandContext& ctx, absl::string_view step) {
  CommandContext c = ctx;
  c.request_id = absl::StrCat(ctx.request_id, "/", step);
  c.expected_version.reset();  // the caller's version is of the first stream
  if (c.correlation_id.empty()) c.correlation_id = ctx.request_id;
  return c;
}

// The statute version in force on `day` (the last adopted with the latest
// effective date on or before it), as ConsortiumState::StatuteAt.
const v1::StatuteAdopted* AdoptedAt(const ConsortiumState& c,
                                    absl::CivilDay day) {
  const v1::StatuteAdopted* found = nullptr;
  absl::CivilDay best;
  for (const v1::StatuteAdopted& s : c.statutes) {
    const absl::CivilDay from = domain::DayOf(s.effective_from());
    if (from <= day && (found == nullptr || from >= best)) {
      found = &s;
      best = from;
    }
  }
  return found;
}

absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixMicros(
      google::protobuf::util::TimeUtil::TimestampToMicroseconds(t));
}

// The act as the workflow takes it when its aggregate predates workflows.
ActState Synthesised(const StartAct& start,
                     const v1::WorkflowDefinition& definition) {
  ActState s;
  s.exists = true;
  s.started.mutable_act()->set_act_kind(definition.act_kind());
  s.started.mutable_act()->set_act_id(start.act_id);
  s.started.set_body_id(start.body_id);
  s.started.set_member_id(start.member_id);
  for (const std::string& f : start.flags) s.started.add_flags(f);
  s.state = definition.initial_state();
  return s;
}

std::string Describe(const v1::ActRef& ref) {
  return absl::StrCat(ref.act_kind(), " ", ref.act_id());
}

}  // namespace

absl::StatusOr<ConsortiumState> Workflows::Consortium(
    const std::string& consortium_id) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(consortium_id, "consortium_id"));
  CONCORDIA_ASSIGN_OR_RETURN(
      domain::FoldedRef<ConsortiumState> f,
      consortia_.Fold(log_, domain::consortium::ConsortiumStream(consortium_id),
                      kApplyConsortium));
  if (!f->state.registered) {
    return domain::UnknownEntity("consortium", consortium_id);
  }
  return f->state;
}

absl::StatusOr<ActInputs> Workflows::InputsFor(const ConsortiumState& c,
                                               const std::string& act_kind,
                                               absl::Time time) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(act_kind, "act_kind"));
  ActInputs in;
  in.consortium_id = c.profile.consortium_id();
  in.time = time;
  const absl::CivilDay day = in.day();
  const v1::StatuteAdopted* adopted = AdoptedAt(c, day);
  if (adopted == nullptr) {
    return domain::Rejected(
        reasons::kStatuteNotInForce,
        absl::StrCat("no statute in force on ", absl::FormatCivilTime(day)));
  }
  bool is_default = false;
  in.definition = DefinitionIn(adopted->statute(), act_kind, &is_default);
  if (in.definition == nullptr) {
    return domain::Rejected(
        reasons::kUnknownActKind,
        absl::StrCat("the statute in force on ", absl::FormatCivilTime(day),
                     " (version ", adopted->version(),
                     ") defines no workflow for acts of kind '", act_kind,
                     "'"));
  }
  in.statute_version = is_default ? 0 : adopted->version();
  CONCORDIA_ASSIGN_OR_RETURN(
      calendar::CalendarConfig config,
      calendar::FromProto(adopted->statute().calendar()));
  in.calendar = calendar::Calendar(config);
  for (const auto& [id, body] : c.bodies) in.bodies[id] = body.kind();
  for (const std::string& m : c.MembersOn(day)) in.members.insert(m);
  return in;
}

absl::StatusOr<ActState> Workflows::Fold(const std::string& consortium_id,
                                         const std::string& act_kind,
                                         const std::string& act_id) {
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<ActState> f,
      domain::FoldStream<ActState>(
          log_, ActStream(consortium_id, act_kind, act_id), kApplyAct));
  return std::move(f.state);
}

absl::StatusOr<ActState> Workflows::Act(const std::string& consortium_id,
                                        const std::string& act_kind,
                                        const std::string& act_id,
                                        uint64_t upto) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(act_kind, "act_kind"));
  CONCORDIA_RETURN_IF_ERROR(ValidateActId(act_id, "act_id"));
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<ActState> f,
      domain::FoldStream<ActState>(
          log_, ActStream(consortium_id, act_kind, act_id), kApplyAct, upto));
  return std::move(f.state);
}

absl::StatusOr<DefinitionInForce> Workflows::DefinitionOn(
    const std::string& consortium_id, const std::string& act_kind,
    absl::CivilDay day) {
  CONCORDIA_ASSIGN_OR_RETURN(ConsortiumState c, Consortium(consortium_id));
  CONCORDIA_ASSIGN_OR_RETURN(
      ActInputs in, InputsFor(c, act_kind, calendar::StartOfRomeDay(day)));
  return DefinitionInForce{*in.definition, in.statute_version};
}

absl::StatusOr<std::vector<DefinitionInForce>> Workflows::DefinitionsOn(
    const std::string& consortium_id, absl::CivilDay day,
    int32_t* statute_version) {
  CONCORDIA_ASSIGN_OR_RETURN(ConsortiumState c, Consortium(consortium_id));
  const v1::StatuteAdopted* adopted = AdoptedAt(c, day);
  if (adopted == nullptr) {
    return domain::Rejected(
        reasons::kStatuteNotInForce,
        absl::StrCat("no statute in force on ", absl::FormatCivilTime(day)));
  }
  if (statute_version != nullptr) *statute_version = adopted->version();
  std::set<std::string> kinds;
  for (const v1::WorkflowDefinition& d : adopted->statute().workflows()) {
    kinds.insert(d.act_kind());
  }
  for (const v1::WorkflowDefinition& d : DefaultWorkflows()) {
    kinds.insert(d.act_kind());
  }
  std::vector<DefinitionInForce> out;
  for (const std::string& kind : kinds) {
    bool is_default = false;
    const v1::WorkflowDefinition* d =
        DefinitionIn(adopted->statute(), kind, &is_default);
    if (d == nullptr) continue;
    out.push_back({*d, is_default ? 0 : adopted->version()});
  }
  return out;
}

absl::Status Workflows::ScheduleDeadline(const CommandContext& ctx,
                                         const std::string& consortium_id,
                                         const std::string& act_kind,
                                         const std::string& act_id) {
  CONCORDIA_ASSIGN_OR_RETURN(ActState act,
                             Fold(consortium_id, act_kind, act_id));
  if (!act.deadline.has_value() || act.passed.has_value()) {
    return absl::OkStatus();
  }
  const v1::ActDeadlineScheduled& d = *act.deadline;
  TimerSpec timer;
  timer.consortium_id = consortium_id;
  timer.timer_id = d.timer_id();
  timer.kind = kDeadlineTimer;
  timer.subject = ActStream(consortium_id, act_kind, act_id);
  timer.due = FromProto(d.due_time());
  timer.payload = absl::StrCat(act_kind, "#", act_id, "#", d.entered_version());
  return ScheduleTimer(
             log_, Step(ctx, absl::StrCat("deadline-", d.entered_version())),
             timer)
      .status();
}

// --- Generic commands.

absl::StatusOr<Outcome> Workflows::Start(const CommandContext& ctx,
                                         const Caller& caller,
                                         const std::string& consortium_id,
                                         const StartAct& cmd) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateContext(ctx));
  CONCORDIA_ASSIGN_OR_RETURN(ConsortiumState c, Consortium(consortium_id));
  CONCORDIA_ASSIGN_OR_RETURN(ActInputs in,
                             InputsFor(c, cmd.act_kind, ctx.effective_time));
  in.caller = &caller;
  in.principal = ctx.principal;
  CONCORDIA_RETURN_IF_ERROR(ValidateActId(cmd.act_id, "act_id"));
  std::optional<ActState> subject;
  bool subject_closed = false;
  if (domain::IsValidId(cmd.subject.act_kind()) &&
      ValidateActId(cmd.subject.act_id(), "subject.act_id").ok()) {
    CONCORDIA_ASSIGN_OR_RETURN(
        subject,
        Fold(consortium_id, cmd.subject.act_kind(), cmd.subject.act_id()));
    absl::StatusOr<ActInputs> sin =
        InputsFor(c, cmd.subject.act_kind(), ctx.effective_time);
    subject_closed = sin.ok() && IsClosed(*subject, *sin->definition);
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome started,
      Execute<ActState>(
          log_, ActStream(consortium_id, cmd.act_kind, cmd.act_id), ctx,
          kApplyAct, [&](const Folded<ActState>& f) {
            return DecideStart(f.state, cmd, in,
                               subject.has_value() ? &*subject : nullptr,
                               subject_closed);
          }));
  CONCORDIA_RETURN_IF_ERROR(
      ScheduleDeadline(ctx, consortium_id, cmd.act_kind, cmd.act_id));
  return started;
}

absl::Status Workflows::CheckDelivery(const ConsortiumState& c,
                                      const ActState& act,
                                      const v1::WorkflowTransition& t,
                                      absl::Time time) {
  const v1::ActRef& subject = act.started.subject();
  if (t.delivers_opinion().empty() || subject.act_kind().empty()) {
    return absl::OkStatus();
  }
  CONCORDIA_ASSIGN_OR_RETURN(ActInputs in,
                             InputsFor(c, subject.act_kind(), time));
  CONCORDIA_ASSIGN_OR_RETURN(
      ActState s, Fold(in.consortium_id, subject.act_kind(), subject.act_id()));
  AttachOpinion a;
  a.opinion = t.delivers_opinion();
  const v1::WorkflowOpinion* o = FindOpinion(*in.definition, a.opinion);
  if (o != nullptr && o->body_kind() != v1::BODY_KIND_UNSPECIFIED) {
    a.body_id = act.started.body_id();
  }
  a.given_by = "check";
  a.source = act.started.act();
  absl::Status s_ok = DecideAttachOpinion(s, a, in).status();
  if (!s_ok.ok()) {
    return domain::Rejected(
        s_ok.code() == absl::StatusCode::kFailedPrecondition
            ? ErrorReason(s_ok)
            : std::string(reasons::kInvalidStateTransition),
        absl::StrCat("the opinion '", a.opinion, "' cannot be delivered to ",
                     Describe(subject), ": ", s_ok.message()));
  }
  return absl::OkStatus();
}

absl::Status Workflows::Deliver(const CommandContext& ctx,
                                const ConsortiumState& c, const ActState& act,
                                const v1::ActTransitioned& done, bool strict) {
  const v1::ActRef& subject = act.started.subject();
  if (subject.act_kind().empty()) return absl::OkStatus();
  CONCORDIA_ASSIGN_OR_RETURN(
      ActInputs self,
      InputsFor(c, act.started.act().act_kind(), ctx.effective_time));
  const v1::WorkflowTransition* t =
      FindTransition(*self.definition, done.action());
  if (t == nullptr || t->delivers_opinion().empty()) return absl::OkStatus();
  absl::StatusOr<ActInputs> in =
      InputsFor(c, subject.act_kind(), ctx.effective_time);
  if (!in.ok()) return strict ? in.status() : absl::OkStatus();
  in->principal = ctx.principal;
  AttachOpinion a;
  a.opinion = t->delivers_opinion();
  const v1::WorkflowOpinion* o = FindOpinion(*in->definition, a.opinion);
  if (o != nullptr && o->body_kind() != v1::BODY_KIND_UNSPECIFIED) {
    a.body_id = act.started.body_id();
  }
  a.favourable = done.favourable();
  a.lapsed = done.automatic();
  a.given_by = done.automatic() ? absl::StrCat(Describe(act.started.act()),
                                               " (deadline passed)")
                                : done.performed_by();
  a.text = done.note();
  a.document_sha256 = done.document_sha256();
  a.source = act.started.act();
  absl::StatusOr<Outcome> r = Execute<ActState>(
      log_, ActStream(in->consortium_id, subject.act_kind(), subject.act_id()),
      Step(ctx, "opinion"), kApplyAct, [&](const Folded<ActState>& f) {
        return DecideAttachOpinion(f.state, a, *in);
      });
  if (!r.ok() && !strict &&
      (r.status().code() == absl::StatusCode::kFailedPrecondition ||
       r.status().code() == absl::StatusCode::kInvalidArgument ||
       r.status().code() == absl::StatusCode::kNotFound)) {
    return absl::OkStatus();  // the subject moved on; the lapse stands
  }
  return r.status();
}

absl::StatusOr<Outcome> Workflows::Perform(const CommandContext& ctx,
                                           const Caller& caller,
                                           const std::string& consortium_id,
                                           const std::string& act_kind,
                                           const std::string& act_id,
                                           const PerformAction& cmd) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateContext(ctx));
  CONCORDIA_ASSIGN_OR_RETURN(ConsortiumState c, Consortium(consortium_id));
  CONCORDIA_ASSIGN_OR_RETURN(ActInputs in,
                             InputsFor(c, act_kind, ctx.effective_time));
  CONCORDIA_RETURN_IF_ERROR(ValidateActId(act_id, "act_id"));
  in.caller = &caller;
  in.principal = ctx.principal;
  if (act_kind == kDeliberation) {
    CONCORDIA_ASSIGN_OR_RETURN(
        Folded<domain::deliberation::DeliberationState> d,
        domain::FoldStream<domain::deliberation::DeliberationState>(
            log_,
            domain::deliberation::DeliberationStream(consortium_id, act_id),
            domain::deliberation::ApplyDeliberationEvent));
    if (d.state.technical.has_value()) {
      in.outside_opinions[kTechnicalOpinion] = d.state.technical->favourable();
    }
    if (d.state.accounting.has_value()) {
      in.outside_opinions[kAccountingOpinion] =
          d.state.accounting->favourable();
    }
  }
  const std::string stream = ActStream(consortium_id, act_kind, act_id);
  CONCORDIA_ASSIGN_OR_RETURN(ActState before,
                             Fold(consortium_id, act_kind, act_id));
  if (!before.exists) {
    return domain::UnknownEntity("act", absl::StrCat(act_kind, " ", act_id));
  }
  const v1::WorkflowTransition* t = FindTransition(*in.definition, cmd.action);
  // A person's action delivering an opinion is refused, before anything is
  // appended, when the subject cannot receive it.
  if (t != nullptr && CheckAction(before, cmd, in).ok()) {
    CONCORDIA_RETURN_IF_ERROR(CheckDelivery(c, before, *t, ctx.effective_time));
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome performed,
      Execute<ActState>(
          log_, stream, ctx, kApplyAct,
          [&](const Folded<ActState>& f) -> absl::StatusOr<Events> {
            if (!f.state.exists) {
              return domain::UnknownEntity("act",
                                           absl::StrCat(act_kind, " ", act_id));
            }
            return DecidePerform(f.state, cmd, in);
          }));
  CONCORDIA_RETURN_IF_ERROR(
      ScheduleDeadline(ctx, consortium_id, act_kind, act_id));
  CONCORDIA_ASSIGN_OR_RETURN(ActState after,
                             Fold(consortium_id, act_kind, act_id));
  if (performed.last_position != 0 && t != nullptr &&
      !t->delivers_opinion().empty()) {
    // The transition this command appended.
    CONCORDIA_ASSIGN_OR_RETURN(std::vector<log::Record> records,
                               log_.ReadAll(performed.first_position, 1,
                                            log::RecordFilter{}, 0, nullptr));
    for (const log::Record& r : records) {
      CONCORDIA_ASSIGN_OR_RETURN(std::unique_ptr<google::protobuf::Message> e,
                                 domain::UnpackEvent(r));
      if (const auto* done =
              dynamic_cast<const v1::ActTransitioned*>(e.get())) {
        CONCORDIA_RETURN_IF_ERROR(Deliver(ctx, c, after, *done, true));
      }
    }
  }
  return performed;
}

absl::StatusOr<Outcome> Workflows::Attach(const CommandContext& ctx,
                                          const Caller& caller,
                                          const std::string& consortium_id,
                                          const std::string& act_kind,
                                          const std::string& act_id,
                                          const AttachOpinion& cmd) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateContext(ctx));
  CONCORDIA_ASSIGN_OR_RETURN(ConsortiumState c, Consortium(consortium_id));
  CONCORDIA_ASSIGN_OR_RETURN(ActInputs in,
                             InputsFor(c, act_kind, ctx.effective_time));
  CONCORDIA_RETURN_IF_ERROR(ValidateActId(act_id, "act_id"));
  if (!cmd.source.act_kind().empty()) {
    return domain::InvalidField(
        "source", "set only when an act's action delivers the opinion");
  }
  in.caller = &caller;
  in.principal = ctx.principal;
  return Execute<ActState>(
      log_, ActStream(consortium_id, act_kind, act_id), ctx, kApplyAct,
      [&](const Folded<ActState>& f) -> absl::StatusOr<Events> {
        if (!f.state.exists) {
          return domain::UnknownEntity("act",
                                       absl::StrCat(act_kind, " ", act_id));
        }
        return DecideAttachOpinion(f.state, cmd, in);
      });
}

// --- For the aggregates.

absl::Status Workflows::CheckStart(const ConsortiumState& c,
                                   const StartAct& start, absl::Time time) {
  CONCORDIA_ASSIGN_OR_RETURN(ActInputs in, InputsFor(c, start.act_kind, time));
  in.by_aggregate = true;
  return DecideStart(ActState{}, start, in).status();
}

absl::Status Workflows::CheckFlags(const ConsortiumState& c,
                                   const std::string& act_kind,
                                   const std::vector<std::string>& flags,
                                   absl::Time time, const std::string& field) {
  CONCORDIA_ASSIGN_OR_RETURN(ActInputs in, InputsFor(c, act_kind, time));
  return ValidateFlags(*in.definition, flags, field);
}

absl::StatusOr<Outcome> Workflows::StartFor(const CommandContext& step,
                                            const ConsortiumState& c,
                                            const StartAct& start) {
  // A saga step: the caller's expected version is of its own stream.
  CommandContext ctx = step;
  ctx.expected_version.reset();
  CONCORDIA_ASSIGN_OR_RETURN(ActInputs in,
                             InputsFor(c, start.act_kind, ctx.effective_time));
  in.by_aggregate = true;
  in.principal = ctx.principal;
  const std::string& cid = in.consortium_id;
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome started,
      Execute<ActState>(log_, ActStream(cid, start.act_kind, start.act_id), ctx,
                        kApplyAct, [&](const Folded<ActState>& f) {
                          return DecideStart(f.state, start, in);
                        }));
  CONCORDIA_RETURN_IF_ERROR(
      ScheduleDeadline(ctx, cid, start.act_kind, start.act_id));
  return started;
}

domain::JointPart<ActState> Workflows::StartPart(const CommandContext& step,
                                                const ConsortiumState& c,
                                                const StartAct& start,
                                                bool* schedules_deadline) {
  domain::JointPart<ActState> part;
  part.context = step;
  part.context.expected_version.reset();  // a saga step, as in StartFor
  part.apply = kApplyAct;
  part.stream =
      ActStream(c.profile.consortium_id(), start.act_kind, start.act_id);
  absl::StatusOr<ActInputs> in =
      InputsFor(c, start.act_kind, part.context.effective_time);
  if (in.ok()) {
    in->by_aggregate = true;
    in->principal = part.context.principal;
  }
  part.decide = [in = std::move(in), start, schedules_deadline](
                    const Folded<ActState>& f) -> absl::StatusOr<Events> {
    if (!in.ok()) return in.status();
    CONCORDIA_ASSIGN_OR_RETURN(Events events, DecideStart(f.state, start, *in));
    *schedules_deadline = false;
    for (const auto& e : events) {
      if (dynamic_cast<const v1::ActDeadlineScheduled*>(e.get()) != nullptr) {
        *schedules_deadline = true;
      }
    }
    return events;
  };
  return part;
}

absl::Status Workflows::AfterStart(const CommandContext& step,
                                   const ConsortiumState& c,
                                   const StartAct& start) {
  CommandContext ctx = step;
  ctx.expected_version.reset();
  return ScheduleDeadline(ctx, c.profile.consortium_id(), start.act_kind,
                          start.act_id);
}

absl::Status Workflows::Check(const ConsortiumState& c,
                              const std::string& act_kind,
                              const std::string& act_id,
                              const PerformAction& action, absl::Time time,
                              const Caller* caller,
                              const std::map<std::string, bool>& outside,
                              const StartAct* start_if_missing) {
  CONCORDIA_ASSIGN_OR_RETURN(ActInputs in, InputsFor(c, act_kind, time));
  in.caller = caller;
  in.by_aggregate = true;
  in.outside_opinions = outside;
  CONCORDIA_ASSIGN_OR_RETURN(ActState act,
                             Fold(in.consortium_id, act_kind, act_id));
  if (!act.exists && start_if_missing != nullptr) {
    act = Synthesised(*start_if_missing, *in.definition);
  }
  return CheckAction(act, action, in);
}

absl::StatusOr<Outcome> Workflows::Record(const CommandContext& step,
                                          const ConsortiumState& c,
                                          const std::string& act_kind,
                                          const std::string& act_id,
                                          const PerformAction& action,
                                          const Caller* caller,
                                          const StartAct* start_if_missing) {
  CommandContext ctx = step;
  ctx.expected_version.reset();
  CONCORDIA_ASSIGN_OR_RETURN(ActInputs in,
                             InputsFor(c, act_kind, ctx.effective_time));
  in.caller = caller;
  in.by_aggregate = true;
  in.principal = ctx.principal;
  const std::string& cid = in.consortium_id;
  CONCORDIA_ASSIGN_OR_RETURN(ActState act, Fold(cid, act_kind, act_id));
  if (!act.exists && start_if_missing != nullptr) {
    CONCORDIA_RETURN_IF_ERROR(
        StartFor(Step(ctx, "act-start"), c, *start_if_missing).status());
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome recorded,
      Execute<ActState>(
          log_, ActStream(cid, act_kind, act_id), ctx, kApplyAct,
          [&](const Folded<ActState>& f) -> absl::StatusOr<Events> {
            if (!f.state.exists) {
              return domain::UnknownEntity("act",
                                           absl::StrCat(act_kind, " ", act_id));
            }
            return RecordAction(f.state, action, in);
          }));
  CONCORDIA_RETURN_IF_ERROR(ScheduleDeadline(ctx, cid, act_kind, act_id));
  return recorded;
}

// --- Deadlines.

absl::Status Workflows::OnDeadline(const FiredTimer& timer) {
  std::vector<std::string> parts = absl::StrSplit(timer.spec.payload, '#');
  uint64_t entered = 0;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[2], &entered)) {
    return absl::DataLossError(absl::StrCat(
        "malformed workflow.deadline payload '", timer.spec.payload, "'"));
  }
  const std::string& cid = timer.spec.consortium_id;
  const std::string& kind = parts[0];
  const std::string& act_id = parts[1];
  CONCORDIA_ASSIGN_OR_RETURN(ConsortiumState c, Consortium(cid));
  CONCORDIA_ASSIGN_OR_RETURN(ActInputs in,
                             InputsFor(c, kind, timer.context.effective_time));
  in.principal = timer.context.principal;
  CONCORDIA_RETURN_IF_ERROR(
      Execute<ActState>(log_, ActStream(cid, kind, act_id), timer.context,
                        kApplyAct,
                        [&](const Folded<ActState>& f) {
                          return DecideDeadlinePassed(f.state, entered, in);
                        })
          .status());
  CONCORDIA_RETURN_IF_ERROR(ScheduleDeadline(timer.context, cid, kind, act_id));
  // The automatic action this deadline performed may deliver an opinion.
  CONCORDIA_ASSIGN_OR_RETURN(ActState act, Fold(cid, kind, act_id));
  for (const v1::ActTransitioned& t : act.transitions) {
    if (t.automatic() && t.timer_id() == timer.spec.timer_id) {
      return Deliver(timer.context, c, act, t, /*strict=*/false);
    }
  }
  return absl::OkStatus();
}

void Workflows::RegisterTimers(TimerScheduler& scheduler) {
  scheduler.Register(kDeadlineTimer,
                     [this](const FiredTimer& t) { return OnDeadline(t); });
}

}  // namespace concordia::workflow
