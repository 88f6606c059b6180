// Governance: the deliberation's workflow (its act, the agenda's check and
// record) and the end of the albo window by its timer. The other handlers
// are in governance.cc.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/governance/governance.h"
#include "engine/domain/governance/governance_internal.h"
#include "engine/workflow/kinds.h"

namespace concordia::domain {

using consortium::ConsortiumState;
using deliberation::DeliberationState;
using governance_internal::kApplyDeliberation;
using governance_internal::Step;

workflow::StartAct Governance::DeliberationAct(const v1::ProposalDrafted& p) {
  workflow::StartAct a;
  a.act_kind = workflow::kDeliberation;
  a.act_id = p.proposal_id();
  a.title = p.title();
  a.body_id = p.body_id();
  if (p.financial_effects()) a.flags.push_back(workflow::kFlagFinancialEffects);
  if (p.mere_policy_act()) a.flags.push_back(workflow::kFlagMerePolicyAct);
  if (p.grants_economic_benefit()) {
    a.flags.push_back(workflow::kFlagEconomicBenefit);
  }
  if (p.act_kind() != v1::ACT_KIND_UNSPECIFIED) {
    a.flags.push_back(workflow::ActKindFlag(p.act_kind()));
  }
  a.record_stream =
      deliberation::DeliberationStream(p.consortium_id(), p.proposal_id());
  return a;
}

namespace {

// A deliberation's art. 49 opinions, by the names workflows give them.
std::map<std::string, bool> Article49(const DeliberationState& d) {
  std::map<std::string, bool> out;
  if (d.technical.has_value()) {
    out[workflow::kTechnicalOpinion] = d.technical->favourable();
  }
  if (d.accounting.has_value()) {
    out[workflow::kAccountingOpinion] = d.accounting->favourable();
  }
  return out;
}

}  // namespace

absl::Status Governance::CheckAgenda(
    const ConsortiumState& c,
    const std::map<std::string, DeliberationState>& proposals, absl::Time time,
    const workflow::Caller* caller) {
  for (const auto& [id, d] : proposals) {
    if (!d.exists) continue;  // the session's rules name it
    const workflow::StartAct act = DeliberationAct(d.proposal);
    CONCORDIA_RETURN_IF_ERROR(
        workflows_.Check(c, workflow::kDeliberation, id,
                         workflow::ActionOf(workflow::kPlaceOnAgenda), time,
                         caller, Article49(d), &act));
  }
  return absl::OkStatus();
}

absl::Status Governance::RecordAgenda(
    const CommandContext& ctx, const ConsortiumState& c,
    const std::map<std::string, DeliberationState>& proposals,
    const workflow::Caller* caller) {
  for (const auto& [id, d] : proposals) {
    if (!d.exists) continue;
    const workflow::StartAct act = DeliberationAct(d.proposal);
    CONCORDIA_RETURN_IF_ERROR(
        workflows_
            .Record(Step(ctx, absl::StrCat("act/", id)), c,
                    workflow::kDeliberation, id,
                    workflow::ActionOf(workflow::kPlaceOnAgenda), caller, &act)
            .status());
  }
  return absl::OkStatus();
}

absl::Status Governance::ScheduleAlboEnd(const CommandContext& ctx,
                                         const std::string& consortium_id,
                                         const DeliberationState& d) {
  if (!d.publication.has_value() || d.publication_ended) {
    return absl::OkStatus();
  }
  const absl::CivilDay after = d.AlboLastDay() + 1;
  const std::string day = absl::FormatCivilTime(after);
  workflow::TimerSpec timer;
  timer.consortium_id = consortium_id;
  timer.timer_id = absl::StrCat("albo-end-", d.proposal.proposal_id(), "-",
                                absl::StrReplaceAll(day, {{"-", ""}}));
  timer.kind = kAlboEndTimer;
  timer.subject =
      deliberation::DeliberationStream(consortium_id, d.proposal.proposal_id());
  timer.payload = d.proposal.proposal_id();
  timer.due = calendar::StartOfRomeDay(after);
  return workflow::ScheduleTimer(
             log_, Step(ctx, absl::StrCat("albo-end-", day)), timer)
      .status();
}

absl::StatusOr<Outcome> Governance::EndPublication(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& proposal_id, absl::CivilDay day) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(proposal_id, "proposal_id"));
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome ended,
      Execute<DeliberationState>(
          log_, deliberation::DeliberationStream(consortium_id, proposal_id),
          ctx, kApplyDeliberation, [&](const Folded<DeliberationState>& f) {
            return deliberation::DecideEndPublication(f.state, day);
          }));
  // An interruption moved the end: the window's new end is the next timer.
  CONCORDIA_ASSIGN_OR_RETURN(DeliberationState d,
                             Deliberation(consortium_id, proposal_id));
  CONCORDIA_RETURN_IF_ERROR(ScheduleAlboEnd(ctx, consortium_id, d));
  return ended;
}

}  // namespace concordia::domain
