// Cooperation: the accords' handlers and sagas.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/allocation/largest_remainder.h"
#include "engine/domain/cooperation/cooperation.h"
#include "engine/domain/cooperation/cooperation_internal.h"
#include "engine/domain/core/dates.h"
#include "engine/workflow/kinds.h"
#include "engine/domain/core/reasons.h"

namespace concordia::domain {
namespace {

using accord::AccordState;
using cooperation_internal::Compact;
using cooperation_internal::kApplyAccord;
using cooperation_internal::Step;

// The shares of the members remaining on `day` without `leaving`, scaled to
// 1000‰ by largest remainder (ties to the smaller member id).
absl::StatusOr<std::map<std::string, int32_t>> Rebalanced(
    const consortium::ConsortiumState& c, const std::string& leaving,
    absl::CivilDay day) {
  std::map<std::string, int64_t> weights;
  for (const std::string& m : c.MembersOn(day)) {
    if (m == leaving) continue;
    const std::map<std::string, int32_t> shares = c.SharesAt(day);
    auto it = shares.find(m);
    weights[m] = it == shares.end() ? 0 : it->second;
  }
  if (weights.empty()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "the last member cannot withdraw; dissolve the consortium");
  }
  int64_t sum = 0;
  for (const auto& [m, w] : weights) sum += w;
  if (sum == 0) {
    for (auto& [m, w] : weights) w = 1;  // nobody had a share: equal parts
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      auto parts, allocation::SplitByLargestRemainder(1000, weights));
  std::map<std::string, int32_t> out;
  for (const auto& [m, p] : parts) out[m] = static_cast<int32_t>(p);
  return out;
}

}  // namespace

absl::StatusOr<Outcome> Cooperation::OnAccord(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& accord_id,
    const std::function<absl::StatusOr<Events>(const AccordState&)>& decide) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(accord_id, "accord_id"));
  return Execute<AccordState>(
      log_, accord::AccordStream(consortium_id, accord_id), ctx, kApplyAccord,
      [&](const Folded<AccordState>& f) -> absl::StatusOr<Events> {
        if (!f.state.exists) return UnknownEntity("accord", accord_id);
        return decide(f.state);
      });
}

absl::Status Cooperation::ScheduleTermTimer(const CommandContext& ctx,
                                            const std::string& consortium_id,
                                            const std::string& accord_id) {
  CONCORDIA_ASSIGN_OR_RETURN(AccordState a, Accord(consortium_id, accord_id));
  if (!a.in_force_from.has_value() || !a.ends_on.has_value() || a.ended()) {
    return absl::OkStatus();
  }
  const absl::CivilDay after = *a.ends_on + 1;
  workflow::TimerSpec timer;
  timer.consortium_id = consortium_id;
  timer.timer_id = absl::StrCat("accord-", accord_id, "-term-", Compact(after));
  timer.kind = kAccordTermTimer;
  timer.subject = accord::AccordStream(consortium_id, accord_id);
  timer.due = calendar::StartOfRomeDay(after);
  timer.payload = accord_id;
  return workflow::ScheduleTimer(
             log_, Step(ctx, absl::StrCat("term-timer-", Compact(after))),
             timer)
      .status();
}

workflow::StartAct Cooperation::AccordAct(const v1::AccordDrafted& a) {
  workflow::StartAct act;
  act.act_kind = workflow::kAccordApproval;
  act.act_id = a.accord_id();
  act.title = a.title();
  act.record_stream = accord::AccordStream(a.consortium_id(), a.accord_id());
  return act;
}

absl::StatusOr<Outcome> Cooperation::DraftAccord(
    const CommandContext& ctx, const accord::DraftAccord& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.accord_id, "accord_id"));
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(cmd.consortium_id));
  if (!c.registered) return UnknownEntity("consortium", cmd.consortium_id);
  accord::DraftInputs in;
  in.consortium = &c;
  in.day = calendar::RomeDay(ctx.effective_time);
  if (!cmd.programme_id.empty() && IsValidId(cmd.programme_id)) {
    CONCORDIA_ASSIGN_OR_RETURN(programme::ProgrammeState p,
                               Programme(cmd.consortium_id, cmd.programme_id));
    in.programme_exists = p.exists;
    in.programme_kind = p.draft.kind();
  }
  v1::AccordDrafted drafted;
  drafted.set_consortium_id(cmd.consortium_id);
  drafted.set_accord_id(cmd.accord_id);
  drafted.set_title(cmd.title);
  const workflow::StartAct act = AccordAct(drafted);
  workflow::Workflows& workflows = governance_.workflows();
  const absl::Status act_ok = workflows.CheckStart(c, act, ctx.effective_time);
  JointPart<AccordState> aggregate;
  aggregate.stream = accord::AccordStream(cmd.consortium_id, cmd.accord_id);
  aggregate.context = ctx;
  aggregate.apply = kApplyAccord;
  aggregate.decide =
      [&](const Folded<AccordState>& f) -> absl::StatusOr<Events> {
    CONCORDIA_ASSIGN_OR_RETURN(Events events,
                               accord::DecideDraft(f.state, cmd, in));
    CONCORDIA_RETURN_IF_ERROR(act_ok);
    return events;
  };
  // The accord and its approval act are recorded in one joint append.
  return workflows.ExecuteStarting(aggregate, Step(ctx, "act"), c, act);
}

absl::StatusOr<Outcome> Cooperation::RecordApproval(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& accord_id, const accord::RecordApproval& cmd,
    const workflow::Caller* caller) {
  // The accord's own approval (instrument 0) follows the workflow's
  // "approve", checked after the law's rules; later instruments (amendments,
  // renewals) are the accord's alone.
  absl::Status act_ok;
  std::optional<consortium::ConsortiumState> c;
  std::optional<workflow::StartAct> act;
  if (cmd.instrument == 0 && IsValidId(consortium_id) && IsValidId(accord_id)) {
    CONCORDIA_ASSIGN_OR_RETURN(c, governance_.Consortium(consortium_id));
    CONCORDIA_ASSIGN_OR_RETURN(AccordState a, Accord(consortium_id, accord_id));
    if (a.exists && c->registered) {
      act = AccordAct(a.draft);
      act_ok = governance_.workflows().Check(
          *c, workflow::kAccordApproval, accord_id,
          workflow::ActionOf(workflow::kApprove, cmd.party_id),
          ctx.effective_time, caller, {}, &*act);
    }
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome approved,
      OnAccord(ctx, consortium_id, accord_id,
               [&](const AccordState& s) -> absl::StatusOr<Events> {
                 CONCORDIA_ASSIGN_OR_RETURN(Events events,
                                            accord::DecideApproval(s, cmd));
                 CONCORDIA_RETURN_IF_ERROR(act_ok);
                 return events;
               }));
  if (act.has_value()) {
    workflow::PerformAction done =
        workflow::ActionOf(workflow::kApprove, cmd.party_id);
    done.note = acts::Describe(cmd.act);
    CONCORDIA_RETURN_IF_ERROR(
        governance_.workflows()
            .Record(Step(ctx, "act"), *c, workflow::kAccordApproval, accord_id,
                    done, caller, &*act)
            .status());
  }
  return approved;
}

absl::StatusOr<Outcome> Cooperation::Sign(const CommandContext& ctx,
                                          const std::string& consortium_id,
                                          const std::string& accord_id,
                                          const accord::Sign& cmd) {
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome signed_,
      OnAccord(
          ctx, consortium_id, accord_id,
          [&](const AccordState& s) -> absl::StatusOr<Events> {
            // Invariant 17: the approval must be executive on the day
            // of the signature.
            bool executive = false;
            auto i = s.instruments.find(cmd.instrument);
            if (i != s.instruments.end() && cmd.signature.has_signed_at()) {
              auto a = i->second.approvals.find(cmd.party_id);
              if (a != i->second.approvals.end()) {
                const absl::CivilDay day = calendar::RomeDay(
                    absl::FromUnixSeconds(cmd.signature.signed_at().seconds()));
                CONCORDIA_ASSIGN_OR_RETURN(
                    executive,
                    ActExecutiveOn(consortium_id, a->second.act(), day));
              }
            }
            return accord::DecideSign(s, cmd, executive);
          }));
  CONCORDIA_RETURN_IF_ERROR(ScheduleTermTimer(ctx, consortium_id, accord_id));
  // The signature that concludes the accord itself closes its approval act.
  CONCORDIA_ASSIGN_OR_RETURN(AccordState a, Accord(consortium_id, accord_id));
  auto accord0 = a.instruments.find(0);
  if (cmd.instrument == 0 && accord0 != a.instruments.end() &&
      accord0->second.concluded_on.has_value()) {
    workflow::Workflows& workflows = governance_.workflows();
    CONCORDIA_ASSIGN_OR_RETURN(
        workflow::ActState act,
        workflows.Act(consortium_id, workflow::kAccordApproval, accord_id));
    bool concluded = false;
    for (const v1::ActTransitioned& t : act.transitions) {
      concluded |= t.action() == workflow::kConclude;
    }
    if (!concluded) {
      CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                                 governance_.Consortium(consortium_id));
      const workflow::StartAct start = AccordAct(a.draft);
      CONCORDIA_RETURN_IF_ERROR(
          workflows
              .Record(Step(ctx, "act"), c, workflow::kAccordApproval,
                      accord_id,
                      workflow::ActionOf(workflow::kConclude, cmd.party_id),
                      nullptr, &start)
              .status());
    }
  }
  return signed_;
}

absl::StatusOr<Outcome> Cooperation::RecordApprovalAct(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& accord_id, const accord::RecordApprovalAct& cmd) {
  bool executive = false;
  if (acts::ValidateAct(cmd.act, "act").ok()) {
    CONCORDIA_ASSIGN_OR_RETURN(executive,
                               ActExecutiveOn(consortium_id, cmd.act, cmd.day));
  }
  return OnAccord(ctx, consortium_id, accord_id, [&](const AccordState& s) {
    return accord::DecideApprovalAct(s, cmd, executive);
  });
}

absl::StatusOr<Outcome> Cooperation::RecordPublication(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& accord_id, const accord::RecordPublication& cmd) {
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome published,
      OnAccord(ctx, consortium_id, accord_id, [&](const AccordState& s) {
        return accord::DecidePublication(s, cmd);
      }));
  CONCORDIA_RETURN_IF_ERROR(ScheduleTermTimer(ctx, consortium_id, accord_id));
  return published;
}

absl::StatusOr<Outcome> Cooperation::ProposeInstrument(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& accord_id, const accord::ProposeInstrument& cmd) {
  return OnAccord(ctx, consortium_id, accord_id, [&](const AccordState& s) {
    return accord::DecidePropose(s, cmd);
  });
}

absl::StatusOr<Outcome> Cooperation::JoinAdherent(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& accord_id, const accord::JoinAdherent& cmd) {
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(consortium_id));
  // Step 1: the adhesion.
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome joined,
      OnAccord(ctx, consortium_id, accord_id, [&](const AccordState& s) {
        return accord::DecideJoin(s, cmd, c);
      }));
  // Step 2: a seat on the Tavolo degli Aderenti (not a vote in the
  // consortium: adherents hold no shares). Skipped when already there.
  for (const consortium::Designation& d : c.designations) {
    if (d.body_id == cmd.tavolo_body_id && d.member_id.empty() &&
        d.person == cmd.representative && !d.until.has_value()) {
      return joined;
    }
  }
  CONCORDIA_RETURN_IF_ERROR(
      governance_
          .Designate(Step(ctx, "tavolo"), consortium_id,
                     {cmd.tavolo_body_id, "", cmd.representative, false,
                      cmd.joined_on})
          .status());
  return joined;
}

absl::StatusOr<Outcome> Cooperation::NotifyWithdrawal(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& accord_id, const accord::NotifyWithdrawal& cmd) {
  bool executive = false;
  if (acts::ValidateAct(cmd.act, "act").ok()) {
    CONCORDIA_ASSIGN_OR_RETURN(
        executive, ActExecutiveOn(consortium_id, cmd.act, cmd.notified_on));
  }
  bool taken_note = false;
  if (acts::IsInternal(cmd.taken_note_by)) {
    CONCORDIA_ASSIGN_OR_RETURN(
        taken_note,
        ActExecutiveOn(consortium_id, cmd.taken_note_by, cmd.notified_on));
  }
  CONCORDIA_ASSIGN_OR_RETURN(calendar::Calendar cal,
                             CalendarOf(consortium_id, cmd.notified_on));
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome notified,
      OnAccord(ctx, consortium_id, accord_id, [&](const AccordState& s) {
        return accord::DecideNotifyWithdrawal(s, cmd, executive, cal,
                                              taken_note);
      }));
  CONCORDIA_ASSIGN_OR_RETURN(AccordState a, Accord(consortium_id, accord_id));
  const accord::Party& party = a.parties.at(cmd.party_id);
  const absl::CivilDay effective =
      DayOf(party.withdrawal_notice->effective_on());
  workflow::TimerSpec timer;
  timer.consortium_id = consortium_id;
  timer.timer_id =
      absl::StrCat("accord-", accord_id, "-withdrawal-", cmd.party_id);
  timer.kind = kAccordWithdrawalTimer;
  timer.subject = accord::AccordStream(consortium_id, accord_id);
  timer.due = calendar::StartOfRomeDay(effective);
  timer.payload = absl::StrCat(accord_id, "/", cmd.party_id);
  CONCORDIA_RETURN_IF_ERROR(
      workflow::ScheduleTimer(log_, Step(ctx, "timer"), timer).status());
  return notified;
}

absl::StatusOr<Outcome> Cooperation::NotifyNonRenewal(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& accord_id, const accord::NotifyNonRenewal& cmd) {
  bool executive = false;
  if (acts::ValidateAct(cmd.act, "act").ok()) {
    CONCORDIA_ASSIGN_OR_RETURN(
        executive, ActExecutiveOn(consortium_id, cmd.act, cmd.notified_on));
  }
  CONCORDIA_ASSIGN_OR_RETURN(calendar::Calendar cal,
                             CalendarOf(consortium_id, cmd.notified_on));
  return OnAccord(ctx, consortium_id, accord_id, [&](const AccordState& s) {
    return accord::DecideNonRenewal(s, cmd, executive, cal);
  });
}

absl::StatusOr<Outcome> Cooperation::TakeWithdrawalEffect(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& accord_id, const std::string& party_id,
    absl::CivilDay day) {
  // Step 1: the party is no longer bound.
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome withdrawn,
      OnAccord(ctx, consortium_id, accord_id, [&](const AccordState& s) {
        return accord::DecideWithdrawalEffect(s, party_id, day);
      }));
  CONCORDIA_ASSIGN_OR_RETURN(AccordState a, Accord(consortium_id, accord_id));
  const accord::Party& party = a.parties.at(party_id);
  if (!party.withdrawn_from.has_value()) return withdrawn;  // moot
  const absl::CivilDay effective = *party.withdrawn_from;
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(consortium_id));
  // Step 2: leaving the constitutive convenzione is leaving the consortium
  // (invariant 22: no vote from then on).
  if (a.draft.constitutive() && party.is_public() &&
      c.IsMemberOn(party_id, effective)) {
    consortium::WithdrawMember w;
    w.member_id = party_id;
    w.effective_from = effective;
    CONCORDIA_ASSIGN_OR_RETURN(w.shares, Rebalanced(c, party_id, effective));
    w.authorised_by = party.withdrawal_notice->taken_note_by().deliberation();
    CommandContext step = Step(ctx, "consortium");
    step.effective_time = calendar::StartOfRomeDay(effective);
    CONCORDIA_RETURN_IF_ERROR(
        governance_.WithdrawMember(step, consortium_id, w).status());
  }
  // Step 3: an adherent leaves the Tavolo degli Aderenti.
  if (party.adhesion.has_value()) {
    const v1::AccordAdherentJoined& j = *party.adhesion;
    for (const consortium::Designation& d : c.designations) {
      if (d.body_id == j.tavolo_body_id() && d.member_id.empty() &&
          d.person == j.representative() && !d.until.has_value()) {
        CONCORDIA_RETURN_IF_ERROR(
            governance_
                .RevokeDesignation(
                    Step(ctx, "tavolo"), consortium_id,
                    {j.tavolo_body_id(), "", j.representative(), effective})
                .status());
      }
    }
  }
  return withdrawn;
}

absl::StatusOr<Outcome> Cooperation::EndTerm(const CommandContext& ctx,
                                             const std::string& consortium_id,
                                             const std::string& accord_id,
                                             absl::CivilDay day) {
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome ended,
      OnAccord(ctx, consortium_id, accord_id, [&](const AccordState& s) {
        return accord::DecideTermEnd(s, day);
      }));
  // A tacit renewal starts a new term: its end is the next timer.
  CONCORDIA_RETURN_IF_ERROR(ScheduleTermTimer(ctx, consortium_id, accord_id));
  return ended;
}

}  // namespace concordia::domain
