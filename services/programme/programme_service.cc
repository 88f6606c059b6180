// ProgrammeService: plans and programmes — draft, items, adoption, updates
// and GetProgramme. Procurement is in procurement_rules.cc and needs.cc.
#include "services/programme/programme_service.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/programme/programme.h"
#include "services/common/cooperation_fields.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"

namespace concordia {
namespace {

using access::Action;
using domain::InvalidField;
namespace programme = domain::programme;

// request_id, consortium_id and programme_id of a programme mutation.
template <typename Request>
absl::Status RequireProgrammeAddress(const Request& r) {
  CONCORDIA_RETURN_IF_ERROR(RequireRequestId(r.request_id()));
  CONCORDIA_RETURN_IF_ERROR(RequireId(r.consortium_id(), "consortium_id"));
  return RequireId(r.programme_id(), "programme_id");
}

// The adopting deliberation of an adoption or update.
v1::ApprovingAct AdoptingAct(const std::string& proposal_id) {
  v1::ApprovingAct act;
  act.mutable_deliberation()->set_proposal_id(proposal_id);
  return act;
}

void ToApi(const programme::ProgrammeState& s, absl::CivilDay on,
           v1::Programme* out) {
  *out->mutable_draft() = s.draft;
  for (const auto& [id, item] : s.draft_items) *out->add_draft_items() = item;
  if (s.adoption.has_value()) *out->mutable_adoption() = *s.adoption;
  for (const v1::ProgrammeUpdated& u : s.updates) *out->add_updates() = u;
  out->set_adopted_on_date(s.AdoptedOn(on));
  int64_t total = 0;
  for (const auto& [id, item] : s.ItemsOn(on)) {
    *out->add_items_on_date() = item;
    total += item.amount_cents();
  }
  out->set_total_on_date_cents(total);
}

}  // namespace

absl::Status ProgrammeService::RequireProgramme(
    const std::string& consortium_id, const std::string& programme_id) {
  absl::StatusOr<log::StreamInfo> info = env_.log->GetStreamInfo(
      programme::ProgrammeStream(consortium_id, programme_id));
  if (absl::IsNotFound(info.status())) {
    return domain::UnknownEntity("programme", programme_id);
  }
  return info.status();
}

absl::Status ProgrammeService::RequireDeliberationOfBody(
    const std::string& consortium_id, const std::string& body_id,
    const std::string& proposal_id) {
  CONCORDIA_ASSIGN_OR_RETURN(
      domain::deliberation::DeliberationState d,
      governance_.Deliberation(consortium_id, proposal_id));
  if (!d.exists || d.proposal.body_id() != body_id) {
    return absl::NotFoundError(absl::StrCat("deliberation '", proposal_id,
                                            "' of body '", body_id,
                                            "' does not exist"));
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* ProgrammeService::DraftProgramme(
    grpc::CallbackServerContext* context, const v1::DraftProgrammeRequest* req,
    v1::DraftProgrammeResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireProgrammeAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->kind(), v1::ProgrammeKind_IsValid, "kind"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->title(), "title", kMaxTitleBytes));
        CONCORDIA_RETURN_IF_ERROR(RequireYear(req->first_year(), "first_year"));
        if (req->last_year() != 0) {
          CONCORDIA_RETURN_IF_ERROR(RequireYear(req->last_year(), "last_year"));
        }
        if (!req->parent_programme_id().empty()) {
          CONCORDIA_RETURN_IF_ERROR(
              RequireId(req->parent_programme_id(), "parent_programme_id"));
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        programme::DraftProgramme cmd;
        cmd.consortium_id = req->consortium_id();
        cmd.programme_id = req->programme_id();
        cmd.kind = req->kind();
        cmd.title = req->title();
        cmd.first_year = req->first_year();
        cmd.last_year = req->last_year();
        cmd.parent_programme_id = req->parent_programme_id();
        return Written(env_, context, cooperation_.DraftProgramme(ctx, cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeService::AddProgrammeItem(
    grpc::CallbackServerContext* context,
    const v1::AddProgrammeItemRequest* req,
    v1::AddProgrammeItemResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireProgrammeAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(
            RequireProgrammeItem(req->item(), req->has_item(), "item"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        return Written(
            env_, context,
            cooperation_.AddProgrammeItem(ctx, req->consortium_id(),
                                          req->programme_id(), req->item()),
            resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeService::RemoveProgrammeItem(
    grpc::CallbackServerContext* context,
    const v1::RemoveProgrammeItemRequest* req,
    v1::RemoveProgrammeItemResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireProgrammeAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->item_id(), "item_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        return Written(
            env_, context,
            cooperation_.RemoveProgrammeItem(
                ctx, req->consortium_id(), req->programme_id(), req->item_id()),
            resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeService::AdoptProgramme(
    grpc::CallbackServerContext* context, const v1::AdoptProgrammeRequest* req,
    v1::AdoptProgrammeResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireProgrammeAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->body_id(), "body_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->proposal_id(), "proposal_id"));
        programme::AdoptProgramme cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.day, DayOrToday(env_, req->effective_from(),
                                req->has_effective_from(), "effective_from"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(cmd.day)));
        CONCORDIA_RETURN_IF_ERROR(
            RequireProgramme(req->consortium_id(), req->programme_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireDeliberationOfBody(
            req->consortium_id(), req->body_id(), req->proposal_id()));
        cmd.act = AdoptingAct(req->proposal_id());
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            cooperation_.AdoptProgramme(ctx, req->consortium_id(),
                                        req->programme_id(), cmd));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(
            programme::ProgrammeState after,
            cooperation_.Programme(req->consortium_id(), req->programme_id(),
                                   outcome.last_position));
        if (after.adoption.has_value()) {
          resp->set_total_cents(after.adoption->total_cents());
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProgrammeService::UpdateProgramme(
    grpc::CallbackServerContext* context, const v1::UpdateProgrammeRequest* req,
    v1::UpdateProgrammeResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireProgrammeAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->body_id(), "body_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->proposal_id(), "proposal_id"));
        programme::UpdateProgramme cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.day, DayOrToday(env_, req->effective_from(),
                                req->has_effective_from(), "effective_from"));
        if (req->items_size() == 0 && req->removed_item_ids_size() == 0) {
          return InvalidField("items",
                              "an update adds, replaces or removes items");
        }
        std::set<std::string> ids;
        for (int i = 0; i < req->items_size(); ++i) {
          const std::string field = absl::StrCat("items[", i, "]");
          CONCORDIA_RETURN_IF_ERROR(
              RequireProgrammeItem(req->items(i), true, field));
          if (!ids.insert(req->items(i).item_id()).second) {
            return InvalidField(field + ".item_id", "given twice");
          }
          cmd.items.push_back(req->items(i));
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.removed_item_ids,
            DistinctIds(req->removed_item_ids(), "removed_item_ids", 0));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req),
                              calendar::StartOfRomeDay(cmd.day)));
        CONCORDIA_RETURN_IF_ERROR(
            RequireProgramme(req->consortium_id(), req->programme_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireDeliberationOfBody(
            req->consortium_id(), req->body_id(), req->proposal_id()));
        cmd.act = AdoptingAct(req->proposal_id());
        return Written(env_, context,
                       cooperation_.UpdateProgramme(ctx, req->consortium_id(),
                                                    req->programme_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeService::GetProgramme(
    grpc::CallbackServerContext* context, const v1::GetProgrammeRequest* req,
    v1::GetProgrammeResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->programme_id(), "programme_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay on, DayOrToday(env_, req->as_of_date(),
                                          req->has_as_of_date(), "as_of_date"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Folded<programme::ProgrammeState> f,
            domain::FoldStream<programme::ProgrammeState>(
                *env_.log,
                programme::ProgrammeStream(req->consortium_id(),
                                           req->programme_id()),
                programme::ApplyProgrammeEvent, position));
        if (!f.state.exists) {
          return domain::UnknownEntity("programme", req->programme_id());
        }
        ToApi(f.state, on, resp->mutable_programme());
        *resp->mutable_as_of_date() = domain::ToDate(on);
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

}  // namespace concordia
