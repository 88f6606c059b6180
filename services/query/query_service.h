// QueryService: the read models' queries (engine/readmodel/queries.h) over
// gRPC (concordia.v1.QueryService) — consortia, bodies, sessions, votes,
// deliberations, the register, the albo, a member's agenda (listed, or
// watched as a stream of updates), accords and any entity's history, each
// as of a log position or a record time, as in force on a date, and paged.
//
// Permissions: every RPC needs a role in the request's consortium (kRead),
// checked before anything is read; ListConsortia needs only an
// authenticated caller and lists the consortia it holds a role in (every
// one for system-wide roles and bootstrap administrators; a page may then
// hold fewer than page_size, follow next_page_token to its end). Input is
// validated by the queries, naming the field (INVALID_ARGUMENT with
// BadRequest). Errors of the read models: POSITION_BEYOND_LOG is
// OUT_OF_RANGE, READ_MODEL_BEHIND and READ_MODEL_BUILDING are UNAVAILABLE
// (services/common/grpc_status.cc).
//
// WatchAgenda runs on a thread of its own (ThreadedWriteReactor): it sends
// the agenda at once, then waits on the projection runner until the agenda
// and sessions read models have applied a later position and sends the
// agenda again when it changed. It ends when the client cancels or its
// deadline passes, and with UNAVAILABLE when the server shuts down
// (CancelWatches, so that draining calls does not wait for watchers).
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   QueryService queries(env, server_queries, runner);
//   builder.RegisterService(&queries);
//   ...
//   queries.CancelWatches();  // before grpc::Server::Shutdown
#ifndef CONCORDIA_SERVICES_QUERY_QUERY_SERVICE_H_
#define CONCORDIA_SERVICES_QUERY_QUERY_SERVICE_H_

#include "absl/time/time.h"
#include "concordia/v1/query_service.grpc.pb.h"
#include "engine/common/mutex.h"
#include "engine/projection/projection_runner.h"
#include "engine/readmodel/queries.h"
#include "services/common/service_env.h"

namespace concordia {

class QueryService final : public v1::QueryService::CallbackService {
 public:
  // `poll` bounds how long a watch waits on the runner before it looks
  // again whether it was cancelled.
  QueryService(const ServiceEnv& env, readmodel::Queries& queries,
               projection::ProjectionRunner& runner,
               absl::Duration poll = absl::Milliseconds(250))
      : env_(env), queries_(queries), runner_(runner), poll_(poll) {}

  grpc::ServerUnaryReactor* ListConsortia(
      grpc::CallbackServerContext* context,
      const v1::ListConsortiaRequest* request,
      v1::ListConsortiaResponse* response) override;
  grpc::ServerUnaryReactor* GetConsortiumView(
      grpc::CallbackServerContext* context,
      const v1::GetConsortiumViewRequest* request,
      v1::GetConsortiumViewResponse* response) override;
  grpc::ServerUnaryReactor* GetBodyView(
      grpc::CallbackServerContext* context,
      const v1::GetBodyViewRequest* request,
      v1::GetBodyViewResponse* response) override;
  grpc::ServerUnaryReactor* ListBodies(
      grpc::CallbackServerContext* context,
      const v1::ListBodiesRequest* request,
      v1::ListBodiesResponse* response) override;
  grpc::ServerUnaryReactor* GetSessionView(
      grpc::CallbackServerContext* context,
      const v1::GetSessionViewRequest* request,
      v1::GetSessionViewResponse* response) override;
  grpc::ServerUnaryReactor* ListSessions(
      grpc::CallbackServerContext* context,
      const v1::ListSessionsRequest* request,
      v1::ListSessionsResponse* response) override;
  grpc::ServerUnaryReactor* ListVotes(grpc::CallbackServerContext* context,
                                      const v1::ListVotesRequest* request,
                                      v1::ListVotesResponse* response) override;
  grpc::ServerUnaryReactor* GetDeliberationView(
      grpc::CallbackServerContext* context,
      const v1::GetDeliberationViewRequest* request,
      v1::GetDeliberationViewResponse* response) override;
  grpc::ServerUnaryReactor* ListDeliberations(
      grpc::CallbackServerContext* context,
      const v1::ListDeliberationsRequest* request,
      v1::ListDeliberationsResponse* response) override;
  grpc::ServerUnaryReactor* GetRegisterEntry(
      grpc::CallbackServerContext* context,
      const v1::GetRegisterEntryRequest* request,
      v1::GetRegisterEntryResponse* response) override;
  grpc::ServerUnaryReactor* ListRegisterEntries(
      grpc::CallbackServerContext* context,
      const v1::ListRegisterEntriesRequest* request,
      v1::ListRegisterEntriesResponse* response) override;
  grpc::ServerUnaryReactor* ListAlboEntries(
      grpc::CallbackServerContext* context,
      const v1::ListAlboEntriesRequest* request,
      v1::ListAlboEntriesResponse* response) override;
  grpc::ServerUnaryReactor* ListAgendaEntries(
      grpc::CallbackServerContext* context,
      const v1::ListAgendaEntriesRequest* request,
      v1::ListAgendaEntriesResponse* response) override;
  grpc::ServerWriteReactor<v1::WatchAgendaResponse>* WatchAgenda(
      grpc::CallbackServerContext* context,
      const v1::WatchAgendaRequest* request) override;
  grpc::ServerUnaryReactor* GetAccordView(
      grpc::CallbackServerContext* context,
      const v1::GetAccordViewRequest* request,
      v1::GetAccordViewResponse* response) override;
  grpc::ServerUnaryReactor* ListAccords(
      grpc::CallbackServerContext* context,
      const v1::ListAccordsRequest* request,
      v1::ListAccordsResponse* response) override;
  grpc::ServerUnaryReactor* GetDelegationView(
      grpc::CallbackServerContext* context,
      const v1::GetDelegationViewRequest* request,
      v1::GetDelegationViewResponse* response) override;
  grpc::ServerUnaryReactor* ListDelegations(
      grpc::CallbackServerContext* context,
      const v1::ListDelegationsRequest* request,
      v1::ListDelegationsResponse* response) override;
  grpc::ServerUnaryReactor* GetProgrammeView(
      grpc::CallbackServerContext* context,
      const v1::GetProgrammeViewRequest* request,
      v1::GetProgrammeViewResponse* response) override;
  grpc::ServerUnaryReactor* ListProgrammes(
      grpc::CallbackServerContext* context,
      const v1::ListProgrammesRequest* request,
      v1::ListProgrammesResponse* response) override;
  grpc::ServerUnaryReactor* GetNeedsView(
      grpc::CallbackServerContext* context,
      const v1::GetNeedsViewRequest* request,
      v1::GetNeedsViewResponse* response) override;
  grpc::ServerUnaryReactor* GetProjectView(
      grpc::CallbackServerContext* context,
      const v1::GetProjectViewRequest* request,
      v1::GetProjectViewResponse* response) override;
  grpc::ServerUnaryReactor* ListProjects(
      grpc::CallbackServerContext* context,
      const v1::ListProjectsRequest* request,
      v1::ListProjectsResponse* response) override;
  grpc::ServerUnaryReactor* ListEntityHistory(
      grpc::CallbackServerContext* context,
      const v1::ListEntityHistoryRequest* request,
      v1::ListEntityHistoryResponse* response) override;

  // Ends every watch and refuses new ones (at server shutdown).
  void CancelWatches();

 private:
  // Whether CancelWatches was called.
  bool closing();

  const ServiceEnv env_;
  readmodel::Queries& queries_;
  projection::ProjectionRunner& runner_;
  const absl::Duration poll_;
  Mutex mu_;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_QUERY_QUERY_SERVICE_H_
