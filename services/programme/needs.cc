// ProgrammeService: the members' needs of a year, joint tenders, purchases
// (invariant 24) and GetNeeds.
#include "engine/domain/programme/needs.h"

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "services/common/cooperation_fields.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"
#include "services/programme/programme_service.h"

namespace concordia {
namespace {

using access::Action;
using domain::InvalidField;
namespace programme = domain::programme;

// request_id, consortium_id and year of a needs mutation.
template <typename Request>
absl::Status RequireNeedsAddress(const Request& r) {
  CONCORDIA_RETURN_IF_ERROR(RequireRequestId(r.request_id()));
  CONCORDIA_RETURN_IF_ERROR(RequireId(r.consortium_id(), "consortium_id"));
  return RequireYear(r.year(), "year");
}

absl::StatusOr<domain::Folded<programme::NeedsState>> NeedsAt(
    const ServiceEnv& env, const std::string& consortium_id, int year,
    uint64_t position) {
  return domain::FoldStream<programme::NeedsState>(
      *env.log, programme::NeedsStream(consortium_id, year),
      programme::ApplyNeedsEvent, position);
}

}  // namespace

grpc::ServerUnaryReactor* ProgrammeService::OpenNeedsCollection(
    grpc::CallbackServerContext* context,
    const v1::OpenNeedsCollectionRequest* req,
    v1::OpenNeedsCollectionResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireNeedsAddress(*req));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay deadline,
            RequiredDay(req->deadline(), req->has_deadline(), "deadline"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireConsortium(env_, req->consortium_id()));
        return Written(env_, context,
                       cooperation_.OpenNeedsCollection(
                           ctx, req->consortium_id(), req->year(), deadline),
                       resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeService::SubmitNeed(
    grpc::CallbackServerContext* context, const v1::SubmitNeedRequest* req,
    v1::SubmitNeedResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kActForMember, req->consortium_id(), req->member_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireNeedsAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->need_id(), "need_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->member_id(), "member_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->category(), "category", kMaxNameBytes));
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->kind(), v1::ProcurementKind_IsValid, "kind"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->description(), "description", kMaxTextBytes));
        if (req->quantity() <= 0 || req->quantity() > kMaxCents) {
          return InvalidField("quantity", "must be positive");
        }
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->unit(), "unit", kMaxNameBytes, false));
        CONCORDIA_RETURN_IF_ERROR(
            RequireCents(req->amount_cents(), "amount_cents", true));
        const absl::Time now = env_.clock->Now();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), now));
        CONCORDIA_RETURN_IF_ERROR(
            RequireConsortium(env_, req->consortium_id()));
        programme::SubmitNeed cmd;
        cmd.need_id = req->need_id();
        cmd.member_id = req->member_id();
        cmd.category = req->category();
        cmd.kind = req->kind();
        cmd.description = req->description();
        cmd.quantity = req->quantity();
        cmd.unit = req->unit();
        cmd.amount_cents = req->amount_cents();
        cmd.day = calendar::RomeDay(now);
        return Written(env_, context,
                       cooperation_.SubmitNeed(ctx, req->consortium_id(),
                                               req->year(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeService::WithdrawNeed(
    grpc::CallbackServerContext* context, const v1::WithdrawNeedRequest* req,
    v1::WithdrawNeedResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kActForMember, req->consortium_id(), req->member_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireNeedsAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->need_id(), "need_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->member_id(), "member_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        // A delegate learns nothing about other members' needs: another
        // member's need is NOT_FOUND, like one that does not exist.
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Folded<programme::NeedsState> n,
            NeedsAt(env_, req->consortium_id(), req->year(), UINT64_MAX));
        auto need = n.state.needs.find(req->need_id());
        if (need == n.state.needs.end() ||
            need->second.member_id() != req->member_id()) {
          return absl::NotFoundError(absl::StrCat(
              "need '", req->need_id(), "' of member '", req->member_id(),
              "' for ", req->year(), " does not exist"));
        }
        return Written(
            env_, context,
            cooperation_.WithdrawNeed(ctx, req->consortium_id(), req->year(),
                                      req->need_id(), req->member_id()),
            resp);
      });
}

grpc::ServerUnaryReactor* ProgrammeService::AggregateNeeds(
    grpc::CallbackServerContext* context, const v1::AggregateNeedsRequest* req,
    v1::AggregateNeedsResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireNeedsAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->tender_id(), "tender_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->title(), "title", kMaxTitleBytes));
        programme::AggregateNeeds cmd;
        CONCORDIA_ASSIGN_OR_RETURN(cmd.need_ids,
                                   DistinctIds(req->need_ids(), "need_ids", 1));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireConsortium(env_, req->consortium_id()));
        cmd.tender_id = req->tender_id();
        cmd.title = req->title();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            cooperation_.AggregateNeeds(ctx, req->consortium_id(), req->year(),
                                        cmd));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(domain::Folded<programme::NeedsState> after,
                                   NeedsAt(env_, req->consortium_id(),
                                           req->year(), outcome.last_position));
        auto tender = after.state.tenders.find(req->tender_id());
        if (tender != after.state.tenders.end()) {
          *resp->mutable_tender() = tender->second;
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProgrammeService::StartPurchase(
    grpc::CallbackServerContext* context, const v1::StartPurchaseRequest* req,
    v1::StartPurchaseResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kDraft, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireNeedsAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->purchase_id(), "purchase_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->title(), "title", kMaxTitleBytes));
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->kind(), v1::ProcurementKind_IsValid, "kind"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireCents(req->amount_cents(), "amount_cents", true));
        if (!req->tender_id().empty()) {
          CONCORDIA_RETURN_IF_ERROR(RequireId(req->tender_id(), "tender_id"));
        }
        if (!req->programme_id().empty()) {
          CONCORDIA_RETURN_IF_ERROR(
              RequireId(req->programme_id(), "programme_id"));
          CONCORDIA_RETURN_IF_ERROR(RequireId(req->item_id(), "item_id"));
        } else if (!req->item_id().empty()) {
          return InvalidField("item_id", "an item of the programme_id given");
        }
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->authority_id(), "authority_id"));
        const absl::Time now = env_.clock->Now();
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), now));
        CONCORDIA_RETURN_IF_ERROR(
            RequireConsortium(env_, req->consortium_id()));
        programme::StartPurchase cmd;
        cmd.year = req->year();
        cmd.purchase_id = req->purchase_id();
        cmd.title = req->title();
        cmd.kind = req->kind();
        cmd.amount_cents = req->amount_cents();
        cmd.tender_id = req->tender_id();
        cmd.programme_id = req->programme_id();
        cmd.item_id = req->item_id();
        cmd.authority_id = req->authority_id();
        cmd.day = calendar::RomeDay(now);
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            cooperation_.StartPurchase(ctx, req->consortium_id(), cmd));
        CONCORDIA_RETURN_IF_ERROR(Written(env_, context, outcome, resp));
        CONCORDIA_ASSIGN_OR_RETURN(domain::Folded<programme::NeedsState> after,
                                   NeedsAt(env_, req->consortium_id(),
                                           req->year(), outcome.last_position));
        auto purchase = after.state.purchases.find(req->purchase_id());
        if (purchase != after.state.purchases.end()) {
          *resp->mutable_purchase() = purchase->second;
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProgrammeService::GetNeeds(
    grpc::CallbackServerContext* context, const v1::GetNeedsRequest* req,
    v1::GetNeedsResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireYear(req->year(), "year"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Folded<programme::NeedsState> f,
            NeedsAt(env_, req->consortium_id(), req->year(), position));
        const programme::NeedsState& n = f.state;
        if (!n.collection.has_value()) {
          return domain::UnknownEntity("needs collection",
                                       absl::StrCat(req->year()));
        }
        *resp->mutable_collection() = *n.collection;
        for (const auto& [id, need] : n.needs) {
          v1::NeedStatus* s = resp->add_needs();
          *s->mutable_need() = need;
          s->set_withdrawn(n.withdrawn.count(id) > 0);
          if (auto t = n.tender_of_need.find(id); t != n.tender_of_need.end()) {
            s->set_tender_id(t->second);
          }
        }
        for (const auto& [id, tender] : n.tenders)
          *resp->add_tenders() = tender;
        for (const auto& [id, p] : n.purchases) *resp->add_purchases() = p;
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

}  // namespace concordia
