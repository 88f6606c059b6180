// Cooperation: programmes, the procurement configuration, needs and
// purchases.
#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/cooperation/cooperation.h"
#include "engine/domain/cooperation/cooperation_internal.h"
#include "engine/domain/core/dates.h"
#include "engine/workflow/kinds.h"

namespace concordia::domain {

using cooperation_internal::kApplyNeeds;
using cooperation_internal::kApplyProcurement;
using cooperation_internal::kApplyProgramme;
using cooperation_internal::Step;
using programme::NeedsState;
using programme::ProcurementState;
using programme::ProgrammeState;

absl::StatusOr<programme::AdoptionInputs> Cooperation::AdoptionInputsOf(
    const std::string& consortium_id, const v1::ApprovingAct& act,
    absl::CivilDay day) {
  programme::AdoptionInputs in;
  if (!acts::IsInternal(act) || !IsValidId(act.deliberation().proposal_id())) {
    return in;
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      deliberation::DeliberationState d,
      governance_.Deliberation(consortium_id,
                               act.deliberation().proposal_id()));
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(consortium_id));
  auto body = c.bodies.find(d.proposal.body_id());
  if (d.exists && body != c.bodies.end()) in.body_kind = body->second.kind();
  in.executive = d.ExecutiveOn(day);
  return in;
}

workflow::StartAct Cooperation::ProgrammeAct(const v1::ProgrammeDrafted& p) {
  workflow::StartAct a;
  a.act_kind = workflow::kProgrammeApproval;
  a.act_id = p.programme_id();
  a.title = p.title();
  a.record_stream =
      programme::ProgrammeStream(p.consortium_id(), p.programme_id());
  return a;
}

absl::StatusOr<Outcome> Cooperation::DraftProgramme(
    const CommandContext& ctx, const programme::DraftProgramme& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.programme_id, "programme_id"));
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(cmd.consortium_id));
  if (!c.registered) return UnknownEntity("consortium", cmd.consortium_id);
  std::optional<ProgrammeState> parent;
  if (IsValidId(cmd.parent_programme_id)) {
    CONCORDIA_ASSIGN_OR_RETURN(
        parent, Programme(cmd.consortium_id, cmd.parent_programme_id));
  }
  v1::ProgrammeDrafted drafted;
  drafted.set_consortium_id(cmd.consortium_id);
  drafted.set_programme_id(cmd.programme_id);
  drafted.set_title(cmd.title);
  const workflow::StartAct act = ProgrammeAct(drafted);
  workflow::Workflows& workflows = governance_.workflows();
  const absl::Status act_ok = workflows.CheckStart(c, act, ctx.effective_time);
  JointPart<ProgrammeState> aggregate;
  aggregate.stream =
      programme::ProgrammeStream(cmd.consortium_id, cmd.programme_id);
  aggregate.context = ctx;
  aggregate.apply = kApplyProgramme;
  aggregate.decide =
      [&](const Folded<ProgrammeState>& f) -> absl::StatusOr<Events> {
    CONCORDIA_ASSIGN_OR_RETURN(
        Events events,
        programme::DecideDraftProgramme(
            f.state, cmd, parent.has_value() ? &*parent : nullptr));
    CONCORDIA_RETURN_IF_ERROR(act_ok);
    return events;
  };
  // The programme and its approval act are recorded in one joint append.
  return workflows.ExecuteStarting(aggregate, Step(ctx, "act"), c, act);
}

#define CONCORDIA_ON_PROGRAMME(decide_expr)                                   \
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));      \
  CONCORDIA_RETURN_IF_ERROR(ValidateId(programme_id, "programme_id"));        \
  return Execute<ProgrammeState>(                                             \
      log_, programme::ProgrammeStream(consortium_id, programme_id), ctx,     \
      kApplyProgramme,                                                        \
      [&](const Folded<ProgrammeState>& f) -> absl::StatusOr<Events> {        \
        if (!f.state.exists) return UnknownEntity("programme", programme_id); \
        return decide_expr;                                                   \
      })

absl::StatusOr<Outcome> Cooperation::AddProgrammeItem(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& programme_id, const v1::ProgrammeItem& item) {
  CONCORDIA_ON_PROGRAMME(programme::DecideAddItem(f.state, item));
}

absl::StatusOr<Outcome> Cooperation::RemoveProgrammeItem(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& programme_id, const std::string& item_id) {
  CONCORDIA_ON_PROGRAMME(programme::DecideRemoveItem(f.state, item_id));
}

absl::StatusOr<Outcome> Cooperation::AdoptProgramme(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& programme_id, const programme::AdoptProgramme& cmd,
    const workflow::Caller* caller) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(programme_id, "programme_id"));
  CONCORDIA_ASSIGN_OR_RETURN(programme::AdoptionInputs in,
                             AdoptionInputsOf(consortium_id, cmd.act, cmd.day));
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(consortium_id));
  CONCORDIA_ASSIGN_OR_RETURN(ProgrammeState before,
                             Programme(consortium_id, programme_id));
  // The workflow's "adopt", checked after the law's rules.
  workflow::Workflows& workflows = governance_.workflows();
  const workflow::StartAct act = ProgrammeAct(before.draft);
  const absl::Status act_ok =
      before.exists && c.registered
          ? workflows.Check(c, workflow::kProgrammeApproval, programme_id,
                            workflow::ActionOf(workflow::kAdopt),
                            ctx.effective_time, caller, {}, &act)
          : absl::OkStatus();
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome adopted,
      Execute<ProgrammeState>(
          log_, programme::ProgrammeStream(consortium_id, programme_id), ctx,
          kApplyProgramme,
          [&](const Folded<ProgrammeState>& f) -> absl::StatusOr<Events> {
            if (!f.state.exists) {
              return UnknownEntity("programme", programme_id);
            }
            CONCORDIA_ASSIGN_OR_RETURN(
                Events events, programme::DecideAdopt(f.state, cmd, in));
            CONCORDIA_RETURN_IF_ERROR(act_ok);
            return events;
          }));
  workflow::PerformAction done = workflow::ActionOf(workflow::kAdopt);
  done.note = acts::Describe(cmd.act);
  CONCORDIA_RETURN_IF_ERROR(
      workflows
          .Record(Step(ctx, "act"), c, workflow::kProgrammeApproval,
                  programme_id, done, caller, &act)
          .status());
  return adopted;
}

absl::StatusOr<Outcome> Cooperation::UpdateProgramme(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& programme_id, const programme::UpdateProgramme& cmd) {
  CONCORDIA_ASSIGN_OR_RETURN(programme::AdoptionInputs in,
                             AdoptionInputsOf(consortium_id, cmd.act, cmd.day));
  CONCORDIA_ON_PROGRAMME(programme::DecideUpdate(f.state, cmd, in));
}

#undef CONCORDIA_ON_PROGRAMME

absl::StatusOr<Outcome> Cooperation::SetProcurementRules(
    const CommandContext& ctx, const std::string& consortium_id,
    const v1::ProcurementRules& rules, absl::CivilDay effective_from) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  return Execute<ProcurementState>(
      log_, programme::ProcurementStream(consortium_id), ctx, kApplyProcurement,
      [&](const Folded<ProcurementState>& f) {
        return programme::DecideSetRules(f.state, consortium_id, rules,
                                         effective_from);
      });
}

absl::StatusOr<Outcome> Cooperation::RegisterAuthority(
    const CommandContext& ctx, const std::string& consortium_id,
    const v1::ContractingAuthority& authority, absl::CivilDay effective_from) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  return Execute<ProcurementState>(
      log_, programme::ProcurementStream(consortium_id), ctx, kApplyProcurement,
      [&](const Folded<ProcurementState>& f) {
        return programme::DecideRegisterAuthority(f.state, consortium_id,
                                                  authority, effective_from);
      });
}

absl::StatusOr<Outcome> Cooperation::OpenNeedsCollection(
    const CommandContext& ctx, const std::string& consortium_id, int year,
    absl::CivilDay deadline) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  const absl::CivilDay today = calendar::RomeDay(ctx.now);
  return Execute<NeedsState>(
      log_, programme::NeedsStream(consortium_id, year), ctx, kApplyNeeds,
      [&](const Folded<NeedsState>& f) {
        return programme::DecideOpenCollection(f.state, consortium_id, year,
                                               deadline, today);
      });
}

absl::StatusOr<Outcome> Cooperation::SubmitNeed(
    const CommandContext& ctx, const std::string& consortium_id, int year,
    const programme::SubmitNeed& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(consortium_id));
  return Execute<NeedsState>(
      log_, programme::NeedsStream(consortium_id, year), ctx, kApplyNeeds,
      [&](const Folded<NeedsState>& f) {
        return programme::DecideSubmitNeed(f.state, cmd, c);
      });
}

absl::StatusOr<Outcome> Cooperation::WithdrawNeed(
    const CommandContext& ctx, const std::string& consortium_id, int year,
    const std::string& need_id, const std::string& member_id) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  return Execute<NeedsState>(
      log_, programme::NeedsStream(consortium_id, year), ctx, kApplyNeeds,
      [&](const Folded<NeedsState>& f) {
        return programme::DecideWithdrawNeed(f.state, need_id, member_id);
      });
}

absl::StatusOr<Outcome> Cooperation::AggregateNeeds(
    const CommandContext& ctx, const std::string& consortium_id, int year,
    const programme::AggregateNeeds& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  return Execute<NeedsState>(log_, programme::NeedsStream(consortium_id, year),
                             ctx, kApplyNeeds,
                             [&](const Folded<NeedsState>& f) {
                               return programme::DecideAggregate(f.state, cmd);
                             });
}

absl::StatusOr<Outcome> Cooperation::StartPurchase(
    const CommandContext& ctx, const std::string& consortium_id,
    const programme::StartPurchase& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  if (cmd.year < 2000 || cmd.year > 2100) {
    return InvalidField("year", "2000..2100");
  }
  std::optional<ProgrammeState> listed;
  if (IsValidId(cmd.programme_id)) {
    CONCORDIA_ASSIGN_OR_RETURN(listed,
                               Programme(consortium_id, cmd.programme_id));
  }
  CONCORDIA_ASSIGN_OR_RETURN(ProcurementState procurement,
                             Procurement(consortium_id));
  programme::PurchaseInputs in{listed.has_value() ? &*listed : nullptr,
                               &procurement};
  return Execute<NeedsState>(
      log_, programme::NeedsStream(consortium_id, cmd.year), ctx, kApplyNeeds,
      [&](const Folded<NeedsState>& f) {
        return programme::DecideStartPurchase(f.state, consortium_id, cmd, in);
      });
}

}  // namespace concordia::domain
