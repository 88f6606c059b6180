// Cooperation: delegated functions — delegations, revocations, the
// succession saga and "who exercises F for M on D".
#include <set>

#include "absl/strings/str_cat.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/cooperation/cooperation.h"
#include "engine/domain/cooperation/cooperation_internal.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"

namespace concordia::domain {

using cooperation_internal::kApplyDelegation;
using cooperation_internal::Step;
using delegation::DelegationState;

absl::StatusOr<Outcome> Cooperation::Delegate(const CommandContext& ctx,
                                              const std::string& consortium_id,
                                              const delegation::Delegate& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.member_id, "member_id"));
  if (cmd.function == v1::FUNCTION_UNSPECIFIED) {
    return InvalidField("function", "required");
  }
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(consortium_id));
  if (!c.registered) return UnknownEntity("consortium", consortium_id);
  std::optional<accord::AccordState> under;
  if (!cmd.accord_id.empty() && IsValidId(cmd.accord_id)) {
    CONCORDIA_ASSIGN_OR_RETURN(under, Accord(consortium_id, cmd.accord_id));
  }
  bool executive = false;
  if (acts::ValidateAct(cmd.act, "act").ok()) {
    CONCORDIA_ASSIGN_OR_RETURN(
        executive, ActExecutiveOn(consortium_id, cmd.act, cmd.effective_from));
  }
  delegation::DelegateInputs in{&c, under.has_value() ? &*under : nullptr,
                                executive};
  return Execute<DelegationState>(
      log_,
      delegation::DelegationStream(consortium_id, cmd.member_id, cmd.function),
      ctx, kApplyDelegation, [&](const Folded<DelegationState>& f) {
        return delegation::DecideDelegate(f.state, consortium_id, cmd, in);
      });
}

absl::StatusOr<Outcome> Cooperation::RevokeDelegation(
    const CommandContext& ctx, const std::string& consortium_id,
    const std::string& member_id, v1::Function function,
    const delegation::Revoke& cmd) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(member_id, "member_id"));
  if (function == v1::FUNCTION_UNSPECIFIED) {
    return InvalidField("function", "required");
  }
  bool executive = false;
  if (acts::ValidateAct(cmd.act, "act").ok()) {
    CONCORDIA_ASSIGN_OR_RETURN(
        executive, ActExecutiveOn(consortium_id, cmd.act, cmd.effective_from));
  }
  return Execute<DelegationState>(
      log_, delegation::DelegationStream(consortium_id, member_id, function),
      ctx, kApplyDelegation,
      [&](const Folded<DelegationState>& f) -> absl::StatusOr<Events> {
        DelegationState s = f.state;
        s.member_id = member_id;
        s.function = function;
        return delegation::DecideRevoke(s, consortium_id, cmd, executive);
      });
}

absl::StatusOr<delegation::FunctionExercise> Cooperation::ExerciserOn(
    const std::string& consortium_id, const std::string& member_id,
    v1::Function function, absl::CivilDay day) {
  CONCORDIA_ASSIGN_OR_RETURN(DelegationState s,
                             Delegation(consortium_id, member_id, function));
  delegation::FunctionExercise e = s.ExerciseOn(day);
  if (e.delegation.has_value() && !e.delegation->accord_id().empty()) {
    CONCORDIA_ASSIGN_OR_RETURN(
        accord::AccordState a,
        Accord(consortium_id, e.delegation->accord_id()));
    e = delegation::UnderAccord(std::move(e), &a, day);
  }
  return e;
}

absl::StatusOr<Outcome> Cooperation::RecordSuccession(
    const CommandContext& ctx, const std::string& consortium_id,
    const consortium::RecordSuccession& cmd,
    const std::map<v1::Function, v1::Exerciser>& choices) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(cmd.successor_id, "successor_id"));
  for (size_t i = 0; i < cmd.predecessor_ids.size(); ++i) {
    CONCORDIA_RETURN_IF_ERROR(ValidateId(
        cmd.predecessor_ids[i], absl::StrCat("predecessor_ids[", i, "]")));
  }
  for (const auto& [function, choice] : choices) {
    if (function == v1::FUNCTION_UNSPECIFIED) {
      return InvalidField("choices", "a function is required");
    }
  }
  const absl::CivilDay day = cmd.effective_from;
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(consortium_id));
  if (!c.registered) return UnknownEntity("consortium", consortium_id);
  const std::set<std::string> merged(cmd.predecessor_ids.begin(),
                                     cmd.predecessor_ids.end());
  // Every check before the first append: the inheritance of each function
  // (a conflict needs a choice) and no stream changed after the merger.
  std::map<v1::Function, delegation::Inheritance> inheritance;
  std::map<std::pair<std::string, v1::Function>, DelegationState> others;
  for (v1::Function f : delegation::AllFunctions()) {
    std::map<std::string, DelegationState> preds;
    for (const std::string& p : cmd.predecessor_ids) {
      CONCORDIA_ASSIGN_OR_RETURN(preds[p], Delegation(consortium_id, p, f));
      CONCORDIA_RETURN_IF_ERROR(delegation::CheckNotRetroactive(preds[p], day));
    }
    auto choice = choices.find(f);
    CONCORDIA_ASSIGN_OR_RETURN(
        inheritance[f],
        delegation::ResolveInheritance(
            f, preds, day,
            choice == choices.end()
                ? std::nullopt
                : std::optional<v1::Exerciser>(choice->second)));
    for (const auto& [m, member] : c.members) {
      if (merged.count(m) > 0 || m == cmd.successor_id) continue;
      CONCORDIA_ASSIGN_OR_RETURN(DelegationState s,
                                 Delegation(consortium_id, m, f));
      const delegation::Period* open = s.PeriodOn(day);
      if (open != nullptr &&
          open->delegate.kind() == v1::EXERCISER_KIND_LEAD_ENTE &&
          merged.count(open->delegate.lead_member_id()) > 0) {
        CONCORDIA_RETURN_IF_ERROR(delegation::CheckNotRetroactive(s, day));
        others[{m, f}] = std::move(s);
      }
    }
  }
  // Step 1: the consortium records the merger (shares summed). The
  // caller's expected_version is the consortium stream's.
  CommandContext merger_ctx = Step(ctx, "consortium");
  merger_ctx.expected_version = ctx.expected_version;
  CONCORDIA_ASSIGN_OR_RETURN(
      Outcome merger,
      governance_.RecordSuccession(merger_ctx, consortium_id, cmd));
  // Step 2: the predecessors' functions cease; the successor inherits.
  for (v1::Function f : delegation::AllFunctions()) {
    const std::string slug = delegation::FunctionSlug(f);
    for (const std::string& p : cmd.predecessor_ids) {
      CONCORDIA_RETURN_IF_ERROR(
          Execute<DelegationState>(
              log_, delegation::DelegationStream(consortium_id, p, f),
              Step(ctx, absl::StrCat("cease/", p, "/", slug)), kApplyDelegation,
              [&](const Folded<DelegationState>& fs) -> absl::StatusOr<Events> {
                return delegation::DecideCease(fs.state, consortium_id, p, f,
                                               cmd.successor_id, day);
              })
              .status());
    }
    CONCORDIA_RETURN_IF_ERROR(
        Execute<DelegationState>(
            log_,
            delegation::DelegationStream(consortium_id, cmd.successor_id, f),
            Step(ctx, absl::StrCat("inherit/", slug)), kApplyDelegation,
            [&](const Folded<DelegationState>& fs) -> absl::StatusOr<Events> {
              return delegation::DecideInherit(fs.state, consortium_id,
                                               cmd.successor_id, f,
                                               inheritance.at(f), day);
            })
            .status());
  }
  // Step 3: delegations to a merged lead ente pass to the successor.
  for (const auto& [key, state] : others) {
    const auto& [member, f] = key;
    CONCORDIA_RETURN_IF_ERROR(
        Execute<DelegationState>(
            log_, delegation::DelegationStream(consortium_id, member, f),
            Step(ctx, absl::StrCat("lead/", member, "/",
                                   delegation::FunctionSlug(f))),
            kApplyDelegation,
            [&](const Folded<DelegationState>& fs) -> absl::StatusOr<Events> {
              return delegation::DecideLeadSucceeded(fs.state, consortium_id,
                                                     cmd.predecessor_ids,
                                                     cmd.successor_id, day);
            })
            .status());
  }
  return merger;
}

}  // namespace concordia::domain
