// SessionService: the sessions of a consortium's bodies over gRPC —
// convocation, agenda, roll call, session delegates, conflicts, votes,
// proclamation, deferral, closing (concordia.v1.SessionService).
//
// Permissions: the secretary of the session's body (ROLE_SECRETARY scoped to
// the request's body_id) for everything but votes; a member's delegate
// (ROLE_MEMBER_DELEGATE scoped to the request's member_id) for that member's
// votes, which are cast in the caller's name (the domain then checks that
// the caller represents the member on the body, or is its session delegate).
// Reads need any role in the consortium. ServeUnary checks permission
// first; the body then validates the request, loads the session — NOT_FOUND
// unless it is a session of that body — and runs the Governance command
// with the session's time as the act's effective time.
//
// ProclaimItem runs the proclamation saga (ItemProclaimed, the number, the
// deliberation's outcome) and answers with the number; a retry with the
// same request_id answers the same number, also after a restart.
//
// Thread-safety: safe for concurrent calls.
//
// Example:
//   SessionService sessions(env, governance);
//   builder.RegisterService(&sessions);
#ifndef CONCORDIA_SERVICES_SESSION_SESSION_SERVICE_H_
#define CONCORDIA_SERVICES_SESSION_SESSION_SERVICE_H_

#include <map>
#include <string>

#include "concordia/v1/session_service.grpc.pb.h"
#include "engine/common/mutex.h"
#include "engine/domain/governance/governance.h"
#include "services/common/service_env.h"

namespace concordia {

class SessionService final : public v1::SessionService::CallbackService {
 public:
  SessionService(const ServiceEnv& env, domain::Governance& governance)
      : env_(env), governance_(governance) {}

  grpc::ServerUnaryReactor* ConveneSession(
      grpc::CallbackServerContext* context,
      const v1::ConveneSessionRequest* request,
      v1::ConveneSessionResponse* response) override;
  grpc::ServerUnaryReactor* AddAgendaItem(
      grpc::CallbackServerContext* context,
      const v1::AddAgendaItemRequest* request,
      v1::AddAgendaItemResponse* response) override;
  grpc::ServerUnaryReactor* RecordAttendance(
      grpc::CallbackServerContext* context,
      const v1::RecordAttendanceRequest* request,
      v1::RecordAttendanceResponse* response) override;
  grpc::ServerUnaryReactor* AppointSessionDelegate(
      grpc::CallbackServerContext* context,
      const v1::AppointSessionDelegateRequest* request,
      v1::AppointSessionDelegateResponse* response) override;
  grpc::ServerUnaryReactor* DeclareConflict(
      grpc::CallbackServerContext* context,
      const v1::DeclareConflictRequest* request,
      v1::DeclareConflictResponse* response) override;
  grpc::ServerUnaryReactor* CastVote(grpc::CallbackServerContext* context,
                                     const v1::CastVoteRequest* request,
                                     v1::CastVoteResponse* response) override;
  grpc::ServerUnaryReactor* ProclaimItem(
      grpc::CallbackServerContext* context,
      const v1::ProclaimItemRequest* request,
      v1::ProclaimItemResponse* response) override;
  grpc::ServerUnaryReactor* DeferItem(grpc::CallbackServerContext* context,
                                      const v1::DeferItemRequest* request,
                                      v1::DeferItemResponse* response) override;
  grpc::ServerUnaryReactor* CloseSession(
      grpc::CallbackServerContext* context,
      const v1::CloseSessionRequest* request,
      v1::CloseSessionResponse* response) override;
  grpc::ServerUnaryReactor* GetSession(grpc::CallbackServerContext* context,
                                       const v1::GetSessionRequest* request,
                                       v1::GetSessionResponse* response) override;

 private:
  // What never changes about a session once convened (its first event).
  struct Convened {
    std::string body_id;
    absl::Time time;
  };

  // The session's body and time; NOT_FOUND unless it was convened for
  // `body_id`. Read from the session's first event, then remembered.
  absl::StatusOr<Convened> SessionOfBody(const std::string& consortium_id,
                                         const std::string& body_id,
                                         const std::string& session_id);

  const ServiceEnv env_;
  domain::Governance& governance_;
  Mutex mu_;
  // Sessions seen, by stream; bounded (cleared when full).
  std::map<std::string, Convened> convened_ ABSL_GUARDED_BY(mu_);
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_SESSION_SESSION_SERVICE_H_
