// SessionService.GetSession: the session folded up to the requested position.
#include "engine/common/status_macros.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"
#include "services/session/session_service.h"

namespace concordia {
namespace {

using access::Action;
namespace session = domain::session;

void AddVotes(const std::map<std::string, v1::VoteChoice>& votes,
              v1::Ballot ballot, v1::SessionItem* out) {
  for (const auto& [member, choice] : votes) {
    v1::RecordedVote* v = out->add_votes();
    v->set_member_id(member);
    v->set_ballot(ballot);
    v->set_choice(choice);
  }
}

void ToApi(const session::SessionState& s, v1::Session* out) {
  const v1::SessionConvened& c = s.convocation;
  out->set_consortium_id(c.consortium_id());
  out->set_session_id(c.session_id());
  out->set_body_id(c.body_id());
  out->set_kind(c.kind());
  out->set_call(c.call());
  *out->mutable_session_time() = c.session_time();
  *out->mutable_notice_delivered() = c.notice_delivered();
  for (const auto& [number, item] : s.items) {
    v1::SessionItem* i = out->add_items();
    *i->mutable_item() = item;
    i->set_status(v1::ITEM_STATUS_OPEN);
    if (auto p = s.proclaimed.find(number); p != s.proclaimed.end()) {
      i->set_status(v1::ITEM_STATUS_PROCLAIMED);
      *i->mutable_proclamation() = p->second;
    } else if (s.deferred.count(number) > 0) {
      i->set_status(v1::ITEM_STATUS_DEFERRED);
    } else if (s.closed) {
      i->set_status(v1::ITEM_STATUS_NOT_DECIDED);
    }
    if (auto c = s.conflicts.find(number); c != s.conflicts.end()) {
      for (const std::string& m : c->second) i->add_conflicted_member_ids(m);
    }
    if (auto v = s.votes.find(number); v != s.votes.end()) {
      AddVotes(v->second, v1::BALLOT_MAIN, i);
    }
    if (auto v = s.executability_votes.find(number);
        v != s.executability_votes.end()) {
      AddVotes(v->second, v1::BALLOT_IMMEDIATE_EXECUTABILITY, i);
    }
  }
  for (const std::string& m : s.present) out->add_present_member_ids(m);
  for (const std::string& a : s.attendees) out->add_attendees(a);
  for (const auto& [member, person] : s.delegates) {
    v1::SessionDelegate* d = out->add_delegates();
    d->set_member_id(member);
    d->set_person(person);
  }
  out->set_closed(s.closed);
}

}  // namespace

grpc::ServerUnaryReactor* SessionService::GetSession(
    grpc::CallbackServerContext* context, const v1::GetSessionRequest* req,
    v1::GetSessionResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->session_id(), "session_id"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::Folded<session::SessionState> f,
            domain::FoldStream<session::SessionState>(
                *env_.log,
                session::SessionStream(req->consortium_id(), req->session_id()),
                session::ApplySessionEvent, position));
        if (!f.state.convened) {
          return domain::UnknownEntity("session", req->session_id());
        }
        ToApi(f.state, resp->mutable_session());
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

}  // namespace concordia
