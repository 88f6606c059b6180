// Queries: the read models of domain II beyond the accords — delegated
// functions, programmes and needs, funded projects (queries.h).
#include "absl/strings/str_cat.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/accord_codec.h"
#include "engine/readmodel/cooperation_codec.h"
#include "engine/readmodel/keys.h"
#include "engine/readmodel/queries.h"
#include "engine/readmodel/queries_impl.h"

namespace concordia::readmodel {
namespace {

absl::Status ValidateFunction(v1::Function function, bool required) {
  if (!v1::Function_IsValid(function)) {
    return domain::InvalidField("function", "not a function");
  }
  if (required && function == v1::FUNCTION_UNSPECIFIED) {
    return domain::InvalidField("function", "required");
  }
  return absl::OkStatus();
}

absl::Status ValidateYear(int year) {
  if (year < 2000 || year > 2100) return domain::InvalidField("year", "2000..2100");
  return absl::OkStatus();
}

}  // namespace

absl::Status Queries::DelegationOnDay(const Resolved& r,
                                      v1::DelegationView& v) {
  if (!r.day.has_value()) return absl::OkStatus();
  const DelegationState state = DelegationStateOf(v);
  const std::string aid = DelegationAccordOn(state, *r.day);
  std::optional<domain::accord::AccordState> accord;
  if (!aid.empty()) {
    const std::string key = keys::Accord(v.consortium_id(), aid);
    CONCORDIA_ASSIGN_OR_RETURN(std::optional<projection::EntityVersion> found,
                               r.joined.at(kAccords)->Get(key, r.position));
    if (found.has_value()) {
      v1::AccordView view;
      CONCORDIA_RETURN_IF_ERROR(ParseEntity(key, found->value, &view));
      accord = AccordStateOf(view);
    }
  }
  *v.mutable_in_force() = DelegationInForceOn(
      state, accord.has_value() ? &*accord : nullptr, *r.day);
  return absl::OkStatus();
}

absl::StatusOr<Answer<v1::DelegationView>> Queries::GetDelegation(
    const std::string& cid, const std::string& member, v1::Function function,
    const v1::AsOf& as_of) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(member, "member_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateFunction(function, true));
  const std::string slug = domain::delegation::FunctionSlug(function);
  return GetEntity<v1::DelegationView>(
      kDelegations, keys::Delegation(cid, member, slug), as_of, "delegation",
      absl::StrCat(member, "/", slug),
      [this](const Resolved& r,
             v1::DelegationView& v) -> absl::StatusOr<Verdict> {
        CONCORDIA_RETURN_IF_ERROR(DelegationOnDay(r, v));
        return Verdict::kInclude;
      },
      {kAccords});
}

absl::StatusOr<Page<v1::DelegationView>> Queries::ListDelegations(
    const std::string& cid, const DelegationFilter& filter,
    const v1::AsOf& as_of, const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  if (!filter.member_id.empty()) {
    CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(filter.member_id, "member_id"));
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateFunction(filter.function, false));
  if (filter.delegated_only && !as_of.has_in_force_on()) {
    return domain::InvalidField("delegated_only", "requires in_force_on");
  }
  const std::string prefix =
      filter.member_id.empty()
          ? keys::DelegationPrefix(cid)
          : keys::DelegationMemberPrefix(cid, filter.member_id);
  return ListEntities<v1::DelegationView>(
      kDelegations,
      absl::StrCat("delegations|", filter.member_id, "|", filter.function, "|",
                   filter.delegated_only),
      prefix, as_of, page, false, nullptr,
      [this, &filter](const Resolved& r,
                      v1::DelegationView& v) -> absl::StatusOr<Verdict> {
        if (filter.function != v1::FUNCTION_UNSPECIFIED &&
            v.function() != filter.function) {
          return Verdict::kSkip;
        }
        CONCORDIA_RETURN_IF_ERROR(DelegationOnDay(r, v));
        if (filter.delegated_only &&
            (v.in_force().ceased() ||
             v.in_force().exerciser().kind() ==
                 v1::EXERCISER_KIND_MEMBER_ITSELF)) {
          return Verdict::kSkip;
        }
        return Verdict::kInclude;
      },
      {kAccords});
}

absl::StatusOr<Answer<v1::ProgrammeView>> Queries::GetProgramme(
    const std::string& cid, const std::string& pid, const v1::AsOf& as_of) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(pid, "programme_id"));
  return GetEntity<v1::ProgrammeView>(
      kProgrammes, keys::Programme(cid, pid), as_of, "programme", pid,
      [](const Resolved& r, v1::ProgrammeView& v) -> absl::StatusOr<Verdict> {
        if (r.day.has_value()) {
          *v.mutable_in_force() = ProgrammeInForceOn(ProgrammeStateOf(v), *r.day);
        }
        return Verdict::kInclude;
      });
}

absl::StatusOr<Page<v1::ProgrammeView>> Queries::ListProgrammes(
    const std::string& cid, const ProgrammeFilter& filter,
    const v1::AsOf& as_of, const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  if (!v1::ProgrammeKind_IsValid(filter.kind)) {
    return domain::InvalidField("kind", "not a programme kind");
  }
  if (!v1::ProgrammeStage_IsValid(filter.stage)) {
    return domain::InvalidField("stage", "not a programme stage");
  }
  if (filter.adopted_only && !as_of.has_in_force_on()) {
    return domain::InvalidField("adopted_only", "requires in_force_on");
  }
  return ListEntities<v1::ProgrammeView>(
      kProgrammes,
      absl::StrCat("programmes|", filter.kind, "|", filter.stage, "|",
                   filter.adopted_only),
      keys::ProgrammePrefix(cid), as_of, page, false, nullptr,
      [&filter](const Resolved& r,
                v1::ProgrammeView& v) -> absl::StatusOr<Verdict> {
        if (filter.kind != v1::PROGRAMME_KIND_UNSPECIFIED &&
            v.draft().kind() != filter.kind) {
          return Verdict::kSkip;
        }
        if (filter.stage != v1::PROGRAMME_STAGE_UNSPECIFIED &&
            v.stage() != filter.stage) {
          return Verdict::kSkip;
        }
        if (r.day.has_value()) {
          *v.mutable_in_force() = ProgrammeInForceOn(ProgrammeStateOf(v), *r.day);
          if (filter.adopted_only && !v.in_force().adopted()) {
            return Verdict::kSkip;
          }
        }
        return Verdict::kInclude;
      });
}

absl::StatusOr<Answer<v1::NeedsView>> Queries::GetNeeds(
    const std::string& cid, int year, const std::string& member,
    const v1::AsOf& as_of) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateYear(year));
  if (!member.empty()) {
    CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(member, "member_id"));
  }
  return GetEntity<v1::NeedsView>(
      kProgrammes, keys::Needs(cid, year), as_of, "needs collection",
      absl::StrCat(year),
      [&member](const Resolved& r,
                v1::NeedsView& v) -> absl::StatusOr<Verdict> {
        if (!member.empty()) KeepMemberNeeds(member, v);
        if (r.day.has_value()) *v.mutable_in_force() = NeedsInForceOn(v, *r.day);
        return Verdict::kInclude;
      });
}

namespace {

// Every entity under `prefix` as of `position`, parsed into `add()`.
template <typename Add>
absl::Status ScanInto(const projection::ReadView& view,
                      const std::string& prefix, uint64_t position, Add add) {
  std::string after;
  while (true) {
    CONCORDIA_ASSIGN_OR_RETURN(std::vector<projection::EntityVersion> batch,
                               view.Scan(prefix, position, after, 256));
    for (const projection::EntityVersion& e : batch) {
      after = e.key;
      CONCORDIA_RETURN_IF_ERROR(ParseEntity(e.key, e.value, add()));
    }
    if (batch.size() < 256) return absl::OkStatus();
  }
}

}  // namespace

absl::Status Queries::ComposeProject(const Resolved& r, v1::ProjectView& v) {
  const std::string& cid = v.registration().consortium_id();
  const std::string& pid = v.registration().project_id();
  CONCORDIA_RETURN_IF_ERROR(
      ScanInto(*r.view, keys::ProjectExpensePrefix(cid, pid), r.position,
               [&v] { return v.add_expenses(); }));
  CONCORDIA_RETURN_IF_ERROR(
      ScanInto(*r.view, keys::ProjectAllocationPrefix(cid, pid), r.position,
               [&v] { return v.add_allocations(); }));
  if (r.day.has_value()) {
    *v.mutable_in_force() = ProjectInForceOn(ProjectStateOf(v), *r.day);
  }
  return absl::OkStatus();
}

absl::StatusOr<Answer<v1::ProjectView>> Queries::GetProject(
    const std::string& cid, const std::string& pid, const v1::AsOf& as_of) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(pid, "project_id"));
  return GetEntity<v1::ProjectView>(
      kProjects, keys::Project(cid, pid), as_of, "project", pid,
      [this](const Resolved& r, v1::ProjectView& v) -> absl::StatusOr<Verdict> {
        CONCORDIA_RETURN_IF_ERROR(ComposeProject(r, v));
        return Verdict::kInclude;
      });
}

absl::StatusOr<Page<v1::ProjectView>> Queries::ListProjects(
    const std::string& cid, const ProjectFilter& filter, const v1::AsOf& as_of,
    const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  if (filter.running_only && !as_of.has_in_force_on()) {
    return domain::InvalidField("running_only", "requires in_force_on");
  }
  if (filter.overdue_only && !as_of.has_in_force_on()) {
    return domain::InvalidField("overdue_only", "requires in_force_on");
  }
  return ListEntities<v1::ProjectView>(
      kProjects,
      absl::StrCat("projects|", filter.running_only, "|", filter.overdue_only),
      keys::ProjectPrefix(cid), as_of, page, false, nullptr,
      [this, &filter](const Resolved& r,
                      v1::ProjectView& v) -> absl::StatusOr<Verdict> {
        CONCORDIA_RETURN_IF_ERROR(ComposeProject(r, v));
        if (r.day.has_value()) {
          if (filter.running_only && !v.in_force().running()) {
            return Verdict::kSkip;
          }
          if (filter.overdue_only && v.in_force().overdue() == 0) {
            return Verdict::kSkip;
          }
        }
        return Verdict::kInclude;
      });
}

}  // namespace concordia::readmodel
