// ProgrammeService: the procurement configuration — thresholds and
// qualification levels, contracting authorities — and GetProcurementRules.
#include <set>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/programme/procurement.h"
#include "services/common/cooperation_fields.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"
#include "services/programme/programme_service.h"

namespace concordia {
namespace {

using access::Action;
using domain::InvalidField;
namespace programme = domain::programme;

// The highest qualification level number a request may name.
constexpr int kMaxLevel = 10;

absl::Status RequireRules(const v1::ProcurementRules& rules, bool present) {
  if (!present) return InvalidField("rules", "required");
  for (int i = 0; i < rules.thresholds_size(); ++i) {
    const v1::ProcurementThreshold& t = rules.thresholds(i);
    const std::string f = absl::StrCat("rules.thresholds[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(
        RequireEnum(t.kind(), v1::ProcurementKind_IsValid, f + ".kind"));
    CONCORDIA_RETURN_IF_ERROR(RequireCents(
        t.programme_threshold_cents(), f + ".programme_threshold_cents", true));
    CONCORDIA_RETURN_IF_ERROR(RequireCents(t.qualification_threshold_cents(),
                                           f + ".qualification_threshold_cents",
                                           true));
  }
  for (int i = 0; i < rules.levels_size(); ++i) {
    const v1::QualificationLevel& l = rules.levels(i);
    const std::string f = absl::StrCat("rules.levels[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(
        RequireEnum(l.kind(), v1::ProcurementKind_IsValid, f + ".kind"));
    if (l.level() < 1 || l.level() > kMaxLevel) {
      return InvalidField(f + ".level", absl::StrCat("1..", kMaxLevel));
    }
    CONCORDIA_RETURN_IF_ERROR(
        RequireCents(l.max_amount_cents(), f + ".max_amount_cents", false));
    CONCORDIA_RETURN_IF_ERROR(
        RequireText(l.name(), f + ".name", kMaxNameBytes, false));
  }
  return programme::ValidateProcurementRules(rules);
}

absl::Status RequireAuthority(const v1::ContractingAuthority& a, bool present) {
  if (!present) return InvalidField("authority", "required");
  CONCORDIA_RETURN_IF_ERROR(
      RequireId(a.authority_id(), "authority.authority_id"));
  CONCORDIA_RETURN_IF_ERROR(
      RequireText(a.name(), "authority.name", kMaxNameBytes));
  std::set<int> kinds;
  for (int i = 0; i < a.qualifications_size(); ++i) {
    const v1::AuthorityQualification& q = a.qualifications(i);
    const std::string f = absl::StrCat("authority.qualifications[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(
        RequireEnum(q.kind(), v1::ProcurementKind_IsValid, f + ".kind"));
    if (!kinds.insert(q.kind()).second) {
      return InvalidField(f + ".kind", "given twice");
    }
    if (q.level() < 0 || q.level() > kMaxLevel) {
      return InvalidField(f + ".level",
                          absl::StrCat("0 (not qualified)..", kMaxLevel));
    }
  }
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* ProgrammeService::SetProcurementRules(
    grpc::CallbackServerContext* context,
    const v1::SetProcurementRulesRequest* req,
    v1::SetProcurementRulesResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireRules(req->rules(), req->has_rules()));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(from)));
        CONCORDIA_RETURN_IF_ERROR(
            RequireConsortium(env_, req->consortium_id()));
        return Written(env_, context,
                       cooperation_.SetProcurementRules(
                           ctx, req->consortium_id(), req->rules(), from),
                       resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeService::RegisterContractingAuthority(
    grpc::CallbackServerContext* context,
    const v1::RegisterContractingAuthorityRequest* req,
    v1::RegisterContractingAuthorityResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireAuthority(req->authority(), req->has_authority()));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(from)));
        CONCORDIA_RETURN_IF_ERROR(
            RequireConsortium(env_, req->consortium_id()));
        return Written(env_, context,
                       cooperation_.RegisterAuthority(ctx, req->consortium_id(),
                                                      req->authority(), from),
                       resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeService::GetProcurementRules(
    grpc::CallbackServerContext* context,
    const v1::GetProcurementRulesRequest* req,
    v1::GetProcurementRulesResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay on, DayOrToday(env_, req->as_of_date(),
                                          req->has_as_of_date(), "as_of_date"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireConsortium(env_, req->consortium_id()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Folded<programme::ProcurementState> f,
            domain::FoldStream<programme::ProcurementState>(
                *env_.log, programme::ProcurementStream(req->consortium_id()),
                programme::ApplyProcurementEvent, position));
        const v1::ProcurementRulesSet* set = nullptr;
        for (const v1::ProcurementRulesSet& r : f.state.rules) {
          if (domain::DayOf(r.effective_from()) <= on) set = &r;
        }
        *resp->mutable_rules() = f.state.RulesAt(on);
        resp->set_defaults(set == nullptr);
        if (set != nullptr) {
          *resp->mutable_rules_effective_from() = set->effective_from();
        }
        for (const auto& [id, history] : f.state.authorities) {
          if (const v1::ContractingAuthority* a = f.state.AuthorityAt(id, on)) {
            *resp->add_authorities() = *a;
          }
        }
        *resp->mutable_as_of_date() = domain::ToDate(on);
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

}  // namespace concordia
