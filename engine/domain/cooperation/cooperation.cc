// Cooperation: reads, shared helpers and the timers' consequences. The
// handlers are in cooperation_{accords,functions,programmes,projects}.cc.
#include "engine/domain/cooperation/cooperation.h"

#include "absl/strings/str_split.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/cooperation/cooperation_internal.h"
#include "engine/domain/core/dates.h"

namespace concordia::domain {

using cooperation_internal::kApplyAccord;
using cooperation_internal::kApplyDelegation;
using cooperation_internal::kApplyNeeds;
using cooperation_internal::kApplyProcurement;
using cooperation_internal::kApplyProgramme;
using cooperation_internal::kApplyProject;

absl::StatusOr<bool> Cooperation::ActExecutiveOn(
    const std::string& consortium_id, const v1::ApprovingAct& act,
    absl::CivilDay day) {
  if (acts::IsInternal(act)) {
    return governance_.ExecutiveOn(consortium_id, act.deliberation(), day);
  }
  return acts::ExternalExecutiveOn(act, day);
}

absl::StatusOr<calendar::Calendar> Cooperation::CalendarOf(
    const std::string& consortium_id, absl::CivilDay day) {
  CONCORDIA_ASSIGN_OR_RETURN(consortium::ConsortiumState c,
                             governance_.Consortium(consortium_id));
  const v1::Statute* statute = c.StatuteAt(day);
  if (statute == nullptr) return calendar::Calendar();
  CONCORDIA_ASSIGN_OR_RETURN(calendar::CalendarConfig config,
                             calendar::FromProto(statute->calendar()));
  return calendar::Calendar(config);
}

absl::StatusOr<accord::AccordState> Cooperation::Accord(
    const std::string& consortium_id, const std::string& accord_id,
    uint64_t upto) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(accord_id, "accord_id"));
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<accord::AccordState> f,
      FoldStream<accord::AccordState>(
          log_, accord::AccordStream(consortium_id, accord_id), kApplyAccord,
          upto));
  return f.state;
}

absl::StatusOr<delegation::DelegationState> Cooperation::Delegation(
    const std::string& consortium_id, const std::string& member_id,
    v1::Function function, uint64_t upto) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(member_id, "member_id"));
  if (function == v1::FUNCTION_UNSPECIFIED) {
    return InvalidField("function", "required");
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<delegation::DelegationState> f,
      FoldStream<delegation::DelegationState>(
          log_,
          delegation::DelegationStream(consortium_id, member_id, function),
          kApplyDelegation, upto));
  f.state.member_id = member_id;
  f.state.function = function;
  return f.state;
}

absl::StatusOr<programme::ProgrammeState> Cooperation::Programme(
    const std::string& consortium_id, const std::string& programme_id,
    uint64_t upto) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(programme_id, "programme_id"));
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<programme::ProgrammeState> f,
      FoldStream<programme::ProgrammeState>(
          log_, programme::ProgrammeStream(consortium_id, programme_id),
          kApplyProgramme, upto));
  return f.state;
}

absl::StatusOr<programme::NeedsState> Cooperation::Needs(
    const std::string& consortium_id, int year, uint64_t upto) {
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<programme::NeedsState> f,
      FoldStream<programme::NeedsState>(
          log_, programme::NeedsStream(consortium_id, year), kApplyNeeds,
          upto));
  return f.state;
}

absl::StatusOr<programme::ProcurementState> Cooperation::Procurement(
    const std::string& consortium_id, uint64_t upto) {
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<programme::ProcurementState> f,
      FoldStream<programme::ProcurementState>(
          log_, programme::ProcurementStream(consortium_id), kApplyProcurement,
          upto));
  return f.state;
}

absl::StatusOr<project::ProjectState> Cooperation::Project(
    const std::string& consortium_id, const std::string& project_id,
    uint64_t upto) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(project_id, "project_id"));
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded<project::ProjectState> f,
      FoldStream<project::ProjectState>(
          log_, project::ProjectStream(consortium_id, project_id),
          kApplyProject, upto));
  return f.state;
}

void Cooperation::RegisterTimers(workflow::TimerScheduler& scheduler) {
  // Payloads are "<accord>/<party>", "<accord>" and "<project>/<report>".
  scheduler.Register(
      kAccordWithdrawalTimer, [this](const workflow::FiredTimer& t) {
        std::vector<std::string> ids = absl::StrSplit(t.spec.payload, '/');
        if (ids.size() != 2) {
          return absl::DataLossError("malformed accord.withdrawal payload");
        }
        return TakeWithdrawalEffect(t.context, t.spec.consortium_id, ids[0],
                                    ids[1], calendar::RomeDay(t.spec.due))
            .status();
      });
  scheduler.Register(kAccordTermTimer, [this](const workflow::FiredTimer& t) {
    return EndTerm(t.context, t.spec.consortium_id, t.spec.payload,
                   calendar::RomeDay(t.spec.due))
        .status();
  });
  scheduler.Register(kReportDueTimer, [this](const workflow::FiredTimer& t) {
    std::vector<std::string> ids = absl::StrSplit(t.spec.payload, '/');
    if (ids.size() != 2) {
      return absl::DataLossError("malformed project.report payload");
    }
    return MarkReportOverdue(t.context, t.spec.consortium_id, ids[0], ids[1],
                             calendar::RomeDay(t.spec.due))
        .status();
  });
}

}  // namespace concordia::domain
