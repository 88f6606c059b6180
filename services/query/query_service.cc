// QueryService's unary RPCs: each authorizes first (ServeUnary), then asks
// the queries and copies the answer. WatchAgenda is in watch_agenda.cc.
#include "services/query/query_service.h"

#include <string>
#include <utility>

#include "engine/common/status_macros.h"
#include "engine/domain/core/command.h"
#include "engine/domain/core/dates.h"
#include "services/common/unary_call.h"

namespace concordia {
namespace {

using access::Action;

template <typename Request>
readmodel::PageRequest PageOf(const Request& request) {
  readmodel::PageRequest page;
  page.page_size = request.page_size();
  page.page_token = request.page_token();
  return page;
}

Permission ReadIn(const std::string& consortium_id) {
  return {Action::kRead, consortium_id, ""};
}

// Copies a page into a List response whose items are `items`.
template <typename T, typename Response>
absl::Status CopyPage(absl::StatusOr<readmodel::Page<T>> page,
                      google::protobuf::RepeatedPtrField<T>* items,
                      Response* response) {
  if (!page.ok()) return page.status();
  for (T& item : page->items) *items->Add() = std::move(item);
  response->set_next_page_token(page->next_page_token);
  *response->mutable_header() = std::move(page->header);
  return absl::OkStatus();
}

// Copies an answer into a Get response's `value`.
template <typename T, typename Response>
absl::Status CopyAnswer(absl::StatusOr<readmodel::Answer<T>> answer, T* value,
                        Response* response) {
  if (!answer.ok()) return answer.status();
  *value = std::move(answer->value);
  *response->mutable_header() = std::move(answer->header);
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* QueryService::ListConsortia(
    grpc::CallbackServerContext* context, const v1::ListConsortiaRequest* req,
    v1::ListConsortiaResponse* resp) {
  Permission authenticated;
  authenticated.authenticated_only = true;
  return ServeUnary(
      env_, context, authenticated,
      [=](const std::string& principal) -> absl::Status {
        // System-wide roles read every consortium: the queries' pages as
        // they are.
        if (env_.access->Check(principal, Action::kRead, "").ok()) {
          return CopyPage(queries_.ListConsortia(req->as_of(), PageOf(*req)),
                          resp->mutable_consortia(), resp);
        }
        // Others: the consortia of the page they hold a role in. A page
        // may so hold fewer than page_size (even none) with a
        // next_page_token (AIP-158): its token is the queries' own, bound
        // to the same request.
        CONCORDIA_ASSIGN_OR_RETURN(
            readmodel::Page<v1::ConsortiumView> page,
            queries_.ListConsortia(req->as_of(), PageOf(*req)));
        for (v1::ConsortiumView& c : page.items) {
          if (env_.access
                  ->Check(principal, Action::kRead, c.profile().consortium_id())
                  .ok()) {
            *resp->add_consortia() = std::move(c);
          }
        }
        resp->set_next_page_token(page.next_page_token);
        *resp->mutable_header() = std::move(page.header);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* QueryService::GetConsortiumView(
    grpc::CallbackServerContext* context,
    const v1::GetConsortiumViewRequest* req,
    v1::GetConsortiumViewResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyAnswer(
                          queries_.GetConsortium(req->consortium_id(),
                                                 req->as_of()),
                          resp->mutable_consortium(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::GetBodyView(
    grpc::CallbackServerContext* context, const v1::GetBodyViewRequest* req,
    v1::GetBodyViewResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyAnswer(
                          queries_.GetBody(req->consortium_id(), req->body_id(),
                                           req->as_of()),
                          resp->mutable_body(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListBodies(
    grpc::CallbackServerContext* context, const v1::ListBodiesRequest* req,
    v1::ListBodiesResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyPage(
                          queries_.ListBodies(req->consortium_id(),
                                              req->as_of(), PageOf(*req)),
                          resp->mutable_bodies(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::GetSessionView(
    grpc::CallbackServerContext* context, const v1::GetSessionViewRequest* req,
    v1::GetSessionViewResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyAnswer(
                          queries_.GetSession(req->consortium_id(),
                                              req->session_id(), req->as_of()),
                          resp->mutable_session(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListSessions(
    grpc::CallbackServerContext* context, const v1::ListSessionsRequest* req,
    v1::ListSessionsResponse* resp) {
  return ServeUnary(
      env_, context, ReadIn(req->consortium_id()),
      [=](const std::string&) -> absl::Status {
        readmodel::SessionFilter filter;
        filter.body_id = req->body_id();
        if (!filter.body_id.empty()) {
          CONCORDIA_RETURN_IF_ERROR(
              domain::ValidateId(filter.body_id, "body_id"));
        }
        return CopyPage(queries_.ListSessions(req->consortium_id(), filter,
                                              req->as_of(), PageOf(*req)),
                        resp->mutable_sessions(), resp);
      });
}

grpc::ServerUnaryReactor* QueryService::ListVotes(
    grpc::CallbackServerContext* context, const v1::ListVotesRequest* req,
    v1::ListVotesResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyPage(
                          queries_.ListVotes(req->consortium_id(),
                                             req->session_id(), req->item(),
                                             req->as_of(), PageOf(*req)),
                          resp->mutable_votes(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::GetDeliberationView(
    grpc::CallbackServerContext* context,
    const v1::GetDeliberationViewRequest* req,
    v1::GetDeliberationViewResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyAnswer(
                          queries_.GetDeliberation(req->consortium_id(),
                                                   req->proposal_id(),
                                                   req->as_of()),
                          resp->mutable_deliberation(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListDeliberations(
    grpc::CallbackServerContext* context,
    const v1::ListDeliberationsRequest* req,
    v1::ListDeliberationsResponse* resp) {
  return ServeUnary(
      env_, context, ReadIn(req->consortium_id()),
      [=](const std::string&) -> absl::Status {
        if (!v1::DeliberationStage_IsValid(req->stage())) {
          return domain::InvalidField("stage", "not a deliberation stage");
        }
        readmodel::DeliberationFilter filter;
        filter.body_id = req->body_id();
        if (!filter.body_id.empty()) {
          CONCORDIA_RETURN_IF_ERROR(
              domain::ValidateId(filter.body_id, "body_id"));
        }
        filter.stage = req->stage();
        filter.executive_only = req->executive_only();
        return CopyPage(queries_.ListDeliberations(req->consortium_id(), filter,
                                                   req->as_of(), PageOf(*req)),
                        resp->mutable_deliberations(), resp);
      });
}

grpc::ServerUnaryReactor* QueryService::GetRegisterEntry(
    grpc::CallbackServerContext* context,
    const v1::GetRegisterEntryRequest* req,
    v1::GetRegisterEntryResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyAnswer(
                          queries_.GetRegisterEntry(
                              req->consortium_id(), req->body_id(), req->year(),
                              req->number(), req->as_of()),
                          resp->mutable_entry(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListRegisterEntries(
    grpc::CallbackServerContext* context,
    const v1::ListRegisterEntriesRequest* req,
    v1::ListRegisterEntriesResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyPage(
                          queries_.ListRegister(req->consortium_id(),
                                                req->body_id(), req->year(),
                                                req->as_of(), PageOf(*req)),
                          resp->mutable_entries(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListAlboEntries(
    grpc::CallbackServerContext* context,
    const v1::ListAlboEntriesRequest* req, v1::ListAlboEntriesResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyPage(
                          queries_.ListAlbo(req->consortium_id(), req->as_of(),
                                            PageOf(*req)),
                          resp->mutable_entries(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListAgendaEntries(
    grpc::CallbackServerContext* context,
    const v1::ListAgendaEntriesRequest* req,
    v1::ListAgendaEntriesResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      readmodel::AgendaFilter filter;
                      filter.open_only = req->open_only();
                      return CopyPage(
                          queries_.ListAgenda(req->consortium_id(),
                                              req->member_id(), filter,
                                              req->as_of(), PageOf(*req)),
                          resp->mutable_entries(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::GetAccordView(
    grpc::CallbackServerContext* context, const v1::GetAccordViewRequest* req,
    v1::GetAccordViewResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyAnswer(
                          queries_.GetAccord(req->consortium_id(),
                                             req->accord_id(), req->as_of()),
                          resp->mutable_accord(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListAccords(
    grpc::CallbackServerContext* context, const v1::ListAccordsRequest* req,
    v1::ListAccordsResponse* resp) {
  return ServeUnary(
      env_, context, ReadIn(req->consortium_id()),
      [=](const std::string&) -> absl::Status {
        readmodel::AccordFilter filter;
        filter.stage = req->stage();
        filter.party_id = req->party_id();
        if (!filter.party_id.empty()) {
          CONCORDIA_RETURN_IF_ERROR(
              domain::ValidateId(filter.party_id, "party_id"));
        }
        filter.in_force_only = req->in_force_only();
        return CopyPage(queries_.ListAccords(req->consortium_id(), filter,
                                             req->as_of(), PageOf(*req)),
                        resp->mutable_accords(), resp);
      });
}

// Domain II beyond the accords: the queries validate ids, enums, the year
// and the filters needing in_force_on, naming the field.
grpc::ServerUnaryReactor* QueryService::GetDelegationView(
    grpc::CallbackServerContext* context,
    const v1::GetDelegationViewRequest* req,
    v1::GetDelegationViewResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyAnswer(
                          queries_.GetDelegation(req->consortium_id(),
                                                 req->member_id(),
                                                 req->function(), req->as_of()),
                          resp->mutable_delegation(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListDelegations(
    grpc::CallbackServerContext* context,
    const v1::ListDelegationsRequest* req,
    v1::ListDelegationsResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      readmodel::DelegationFilter filter;
                      filter.member_id = req->member_id();
                      filter.function = req->function();
                      filter.delegated_only = req->delegated_only();
                      return CopyPage(
                          queries_.ListDelegations(req->consortium_id(), filter,
                                                   req->as_of(), PageOf(*req)),
                          resp->mutable_delegations(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::GetProgrammeView(
    grpc::CallbackServerContext* context,
    const v1::GetProgrammeViewRequest* req,
    v1::GetProgrammeViewResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyAnswer(
                          queries_.GetProgramme(req->consortium_id(),
                                                req->programme_id(),
                                                req->as_of()),
                          resp->mutable_programme(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListProgrammes(
    grpc::CallbackServerContext* context,
    const v1::ListProgrammesRequest* req,
    v1::ListProgrammesResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      readmodel::ProgrammeFilter filter;
                      filter.kind = req->kind();
                      filter.stage = req->stage();
                      filter.adopted_only = req->adopted_only();
                      return CopyPage(
                          queries_.ListProgrammes(req->consortium_id(), filter,
                                                  req->as_of(), PageOf(*req)),
                          resp->mutable_programmes(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::GetNeedsView(
    grpc::CallbackServerContext* context, const v1::GetNeedsViewRequest* req,
    v1::GetNeedsViewResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyAnswer(
                          queries_.GetNeeds(req->consortium_id(), req->year(),
                                            req->member_id(), req->as_of()),
                          resp->mutable_needs(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::GetProjectView(
    grpc::CallbackServerContext* context, const v1::GetProjectViewRequest* req,
    v1::GetProjectViewResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      return CopyAnswer(
                          queries_.GetProject(req->consortium_id(),
                                              req->project_id(), req->as_of()),
                          resp->mutable_project(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListProjects(
    grpc::CallbackServerContext* context, const v1::ListProjectsRequest* req,
    v1::ListProjectsResponse* resp) {
  return ServeUnary(env_, context, ReadIn(req->consortium_id()),
                    [=](const std::string&) {
                      readmodel::ProjectFilter filter;
                      filter.running_only = req->running_only();
                      filter.overdue_only = req->overdue_only();
                      return CopyPage(
                          queries_.ListProjects(req->consortium_id(), filter,
                                                req->as_of(), PageOf(*req)),
                          resp->mutable_projects(), resp);
                    });
}

grpc::ServerUnaryReactor* QueryService::ListEntityHistory(
    grpc::CallbackServerContext* context,
    const v1::ListEntityHistoryRequest* req,
    v1::ListEntityHistoryResponse* resp) {
  return ServeUnary(
      env_, context, ReadIn(req->entity().consortium_id()),
      [=](const std::string&) -> absl::Status {
        if (!req->has_entity()) return domain::InvalidField("entity", "required");
        return CopyPage(
            queries_.History(req->entity(), req->as_of(), PageOf(*req)),
            resp->mutable_entries(), resp);
      });
}

}  // namespace concordia
