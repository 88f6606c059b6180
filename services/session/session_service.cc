// SessionService mutations: validate, load the session of the body, run the
// Governance command with the session's time. GetSession is in
// session_reads.cc.
#include "services/session/session_service.h"

#include <optional>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/event_envelope.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"

namespace concordia {
namespace {

using access::Action;
using domain::InvalidField;
namespace session = domain::session;

// The ids every session mutation carries, and its request_id.
template <typename Request>
absl::Status RequireAddress(const Request& r) {
  CONCORDIA_RETURN_IF_ERROR(RequireRequestId(r.request_id()));
  CONCORDIA_RETURN_IF_ERROR(RequireId(r.consortium_id(), "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(RequireId(r.body_id(), "body_id"));
  return RequireId(r.session_id(), "session_id");
}

absl::Status RequireItemNumber(int32_t item, absl::string_view field) {
  if (item < 1 || item > 9999) return InvalidField(field, "1..9999");
  return absl::OkStatus();
}

absl::Status RequireAgendaItem(const v1::AgendaItem& item, bool present,
                               const std::string& field) {
  if (!present) return InvalidField(field, "required");
  CONCORDIA_RETURN_IF_ERROR(RequireItemNumber(item.number(), field + ".number"));
  if (!item.proposal_id().empty()) {
    CONCORDIA_RETURN_IF_ERROR(
        RequireId(item.proposal_id(), field + ".proposal_id"));
  }
  CONCORDIA_RETURN_IF_ERROR(
      RequireEnum(item.act_kind(), v1::ActKind_IsValid, field + ".act_kind"));
  return RequireText(item.title(), field + ".title", kMaxTitleBytes);
}

// A list of distinct ids (or, with `principals`, of names of persons).
absl::StatusOr<std::vector<std::string>> DistinctIds(
    const google::protobuf::RepeatedPtrField<std::string>& values,
    const std::string& field, bool principals) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (int i = 0; i < values.size(); ++i) {
    const std::string f = absl::StrCat(field, "[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(principals
                                  ? RequireText(values[i], f, kMaxNameBytes)
                                  : RequireId(values[i], f));
    if (!seen.insert(values[i]).second) return InvalidField(f, "given twice");
    out.push_back(values[i]);
  }
  return out;
}

}  // namespace

absl::StatusOr<SessionService::Convened> SessionService::SessionOfBody(
    const std::string& consortium_id, const std::string& body_id,
    const std::string& session_id) {
  constexpr size_t kRemembered = 4096;
  const std::string stream = session::SessionStream(consortium_id, session_id);
  std::optional<Convened> found;
  {
    MutexLock lock(&mu_);
    auto it = convened_.find(stream);
    if (it != convened_.end()) found = it->second;
  }
  if (!found.has_value()) {
    CONCORDIA_ASSIGN_OR_RETURN(std::vector<log::Record> first,
                               env_.log->ReadStream(stream, 1, 1));
    if (!first.empty()) {
      CONCORDIA_ASSIGN_OR_RETURN(std::unique_ptr<google::protobuf::Message> e,
                                 domain::UnpackEvent(first[0]));
      if (const auto* c = dynamic_cast<const v1::SessionConvened*>(e.get())) {
        found = Convened{c->body_id(),
                         absl::FromUnixSeconds(c->session_time().seconds()) +
                             absl::Nanoseconds(c->session_time().nanos())};
        MutexLock lock(&mu_);
        if (convened_.size() >= kRemembered) convened_.clear();
        convened_[stream] = *found;
      }
    }
  }
  if (!found.has_value() || found->body_id != body_id) {
    return absl::NotFoundError(absl::StrCat("session '", session_id,
                                            "' of body '", body_id,
                                            "' does not exist"));
  }
  return *found;
}

grpc::ServerUnaryReactor* SessionService::ConveneSession(
    grpc::CallbackServerContext* context, const v1::ConveneSessionRequest* req,
    v1::ConveneSessionResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAddress(*req));
        session::Convene cmd;
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->kind(), v1::SessionKind_IsValid, "kind"));
        if (req->call() != 0 && req->call() != 1 && req->call() != 2) {
          return InvalidField("call", "1 (first call) or 2 (second call)");
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.session_time,
            RequiredTime(req->session_time(), req->has_session_time(),
                         "session_time"));
        if (req->has_notice_delivered_time()) {
          CONCORDIA_ASSIGN_OR_RETURN(
              cmd.notice_delivered,
              RequiredTime(req->notice_delivered_time(), true,
                           "notice_delivered_time"));
        }
        std::set<int> numbers;
        for (int i = 0; i < req->items_size(); ++i) {
          const std::string field = absl::StrCat("items[", i, "]");
          CONCORDIA_RETURN_IF_ERROR(
              RequireAgendaItem(req->items(i), true, field));
          if (!numbers.insert(req->items(i).number()).second) {
            return InvalidField(field + ".number", "given twice");
          }
          cmd.items.push_back(req->items(i));
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), cmd.session_time));
        cmd.consortium_id = req->consortium_id();
        cmd.session_id = req->session_id();
        cmd.body_id = req->body_id();
        cmd.kind = req->kind();
        cmd.call = req->call() == 0 ? 1 : req->call();
        return Written(env_, context, governance_.Convene(ctx, cmd), resp);
      });
}

grpc::ServerUnaryReactor* SessionService::AddAgendaItem(
    grpc::CallbackServerContext* context, const v1::AddAgendaItemRequest* req,
    v1::AddAgendaItemResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(
            RequireAgendaItem(req->item(), req->has_item(), "item"));
        std::optional<absl::Time> delivered;
        if (req->has_notice_delivered_time()) {
          CONCORDIA_ASSIGN_OR_RETURN(
              delivered, RequiredTime(req->notice_delivered_time(), true,
                                      "notice_delivered_time"));
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            Convened s,
            SessionOfBody(req->consortium_id(), req->body_id(), req->session_id()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), s.time));
        return Written(env_, context,
                       governance_.AddItem(ctx, req->consortium_id(),
                                           req->session_id(), req->item(),
                                           delivered),
                       resp);
      });
}

grpc::ServerUnaryReactor* SessionService::RecordAttendance(
    grpc::CallbackServerContext* context,
    const v1::RecordAttendanceRequest* req,
    v1::RecordAttendanceResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAddress(*req));
        CONCORDIA_ASSIGN_OR_RETURN(
            std::vector<std::string> present,
            DistinctIds(req->present_member_ids(), "present_member_ids", false));
        CONCORDIA_ASSIGN_OR_RETURN(
            std::vector<std::string> attendees,
            DistinctIds(req->attendees(), "attendees", true));
        CONCORDIA_ASSIGN_OR_RETURN(
            Convened s,
            SessionOfBody(req->consortium_id(), req->body_id(), req->session_id()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), s.time));
        return Written(env_, context,
                       governance_.RecordAttendance(ctx, req->consortium_id(),
                                                    req->session_id(), present,
                                                    attendees),
                       resp);
      });
}

grpc::ServerUnaryReactor* SessionService::AppointSessionDelegate(
    grpc::CallbackServerContext* context,
    const v1::AppointSessionDelegateRequest* req,
    v1::AppointSessionDelegateResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->member_id(), "member_id"));
        CONCORDIA_RETURN_IF_ERROR(RequirePrincipal(req->person(), "person"));
        CONCORDIA_ASSIGN_OR_RETURN(
            Convened s,
            SessionOfBody(req->consortium_id(), req->body_id(), req->session_id()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), s.time));
        return Written(env_, context,
                       governance_.AppointDelegate(ctx, req->consortium_id(),
                                                   req->session_id(),
                                                   req->member_id(),
                                                   req->person()),
                       resp);
      });
}

grpc::ServerUnaryReactor* SessionService::DeclareConflict(
    grpc::CallbackServerContext* context, const v1::DeclareConflictRequest* req,
    v1::DeclareConflictResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireItemNumber(req->item(), "item"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->member_id(), "member_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            Convened s,
            SessionOfBody(req->consortium_id(), req->body_id(), req->session_id()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), s.time));
        return Written(env_, context,
                       governance_.DeclareConflict(ctx, req->consortium_id(),
                                                   req->session_id(), req->item(),
                                                   req->member_id()),
                       resp);
      });
}

grpc::ServerUnaryReactor* SessionService::CastVote(
    grpc::CallbackServerContext* context, const v1::CastVoteRequest* req,
    v1::CastVoteResponse* resp) {
  return ServeUnary(
      env_, context,
      {Action::kActForMember, req->consortium_id(), req->member_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireItemNumber(req->item(), "item"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->ballot(), v1::Ballot_IsValid, "ballot", false));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->member_id(), "member_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->choice(), v1::VoteChoice_IsValid, "choice"));
        CONCORDIA_ASSIGN_OR_RETURN(
            Convened s,
            SessionOfBody(req->consortium_id(), req->body_id(), req->session_id()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), s.time));
        session::CastVote vote;
        vote.item = req->item();
        vote.ballot = req->ballot() == v1::BALLOT_UNSPECIFIED ? v1::BALLOT_MAIN
                                                              : req->ballot();
        vote.member_id = req->member_id();
        vote.cast_by = principal;
        vote.choice = req->choice();
        return Written(env_, context,
                       governance_.CastVote(ctx, req->consortium_id(),
                                            req->session_id(), vote),
                       resp);
      });
}

grpc::ServerUnaryReactor* SessionService::ProclaimItem(
    grpc::CallbackServerContext* context, const v1::ProclaimItemRequest* req,
    v1::ProclaimItemResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireItemNumber(req->item(), "item"));
        CONCORDIA_RETURN_IF_ERROR(RequireText(req->reason_against_opinion(),
                                              "reason_against_opinion",
                                              kMaxTextBytes, false));
        CONCORDIA_ASSIGN_OR_RETURN(
            Convened s,
            SessionOfBody(req->consortium_id(), req->body_id(), req->session_id()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), s.time));
        int number = 0;
        uint64_t end = 0;
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Outcome outcome,
            governance_.Proclaim(ctx, req->consortium_id(), req->session_id(),
                                 req->item(), req->reason_against_opinion(),
                                 &number, &end));
        if (outcome.replayed) MarkReplayed(context);
        // The proclamation as recorded (the same on every retry).
        CONCORDIA_ASSIGN_OR_RETURN(
            session::SessionState after,
            governance_.Session(req->consortium_id(), req->session_id(),
                                outcome.last_position));
        const v1::ItemProclaimed& p = after.proclaimed.at(req->item());
        resp->set_log_position(end);
        resp->set_version(outcome.stream_version);
        resp->set_proposal_id(p.proposal_id());
        resp->set_adopted(p.adopted());
        if (p.adopted()) {
          resp->set_number(number);
          resp->set_year(static_cast<int32_t>(after.day().year()));
        }
        *resp->mutable_proclamation() = p;
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* SessionService::DeferItem(
    grpc::CallbackServerContext* context, const v1::DeferItemRequest* req,
    v1::DeferItemResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAddress(*req));
        CONCORDIA_RETURN_IF_ERROR(RequireItemNumber(req->item(), "item"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->reason(), "reason", kMaxTextBytes));
        CONCORDIA_ASSIGN_OR_RETURN(
            Convened s,
            SessionOfBody(req->consortium_id(), req->body_id(), req->session_id()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), s.time));
        return Written(env_, context,
                       governance_.DeferItem(ctx, req->consortium_id(),
                                             req->session_id(), req->item(),
                                             req->reason()),
                       resp);
      });
}

grpc::ServerUnaryReactor* SessionService::CloseSession(
    grpc::CallbackServerContext* context, const v1::CloseSessionRequest* req,
    v1::CloseSessionResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kManageBody, req->consortium_id(), req->body_id()},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireAddress(*req));
        CONCORDIA_ASSIGN_OR_RETURN(
            Convened s,
            SessionOfBody(req->consortium_id(), req->body_id(), req->session_id()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), s.time));
        return Written(env_, context,
                       governance_.CloseSession(ctx, req->consortium_id(),
                                                req->session_id()),
                       resp);
      });
}

}  // namespace concordia
