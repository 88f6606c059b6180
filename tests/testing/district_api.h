// DistrictApi: the Sud Est Milano social district of scenarios.md set up and
// driven through the real API (ConsortiumService, SessionService,
// DeliberationService, AdminService) as the people who would do it, for the
// end-to-end tests.
//
// Principals (each has a client certificate from TlsTestServer):
//   admin@concordia                 system administrator (bootstrap)
//   admin@sudestmilano              administrator of the district
//   segretario@sudestmilano         secretary of the Assemblea
//   segretario-tavolo@sudestmilano  secretary of the Tavolo Tecnico
//   ufficio-di-piano@sudestmilano   the Ufficio di Piano
//   sindaco@<comune>                each comune's delegate and representative
//   regione-lombardia               a regional system
//   auditor@corte-dei-conti         an auditor
//   stranger@nowhere                a valid certificate without any role
//
// Thread-safety: one DistrictApi per thread (request ids are sequential).
//
// Example:
//   DistrictApi d(server);
//   ASSERT_TRUE(d.Setup().ok());
//   ASSERT_TRUE(d.DraftReady("p-1").ok());
//   ASSERT_TRUE(d.Convene("s-1", absl::CivilDay(2026, 3, 2), {"p-1"}).ok());
#ifndef CONCORDIA_TESTS_TESTING_DISTRICT_API_H_
#define CONCORDIA_TESTS_TESTING_DISTRICT_API_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "concordia/v1/access.pb.h"
#include "concordia/v1/admin.grpc.pb.h"
#include "concordia/v1/consortium_service.grpc.pb.h"
#include "concordia/v1/deliberation_service.grpc.pb.h"
#include "concordia/v1/session_service.grpc.pb.h"
#include "services/common/request_fields.h"
#include "tests/testing/tls_test_server.h"

namespace concordia::testing {

inline constexpr char kDistrictId[] = "sudestmilano";
inline constexpr char kSystemAdmin[] = "admin@concordia";
inline constexpr char kDistrictAdmin[] = "admin@sudestmilano";
inline constexpr char kSecretary[] = "segretario@sudestmilano";
inline constexpr char kTavoloSecretary[] = "segretario-tavolo@sudestmilano";
inline constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";
inline constexpr char kRegion[] = "regione-lombardia";
inline constexpr char kAuditor[] = "auditor@corte-dei-conti";
inline constexpr char kStranger[] = "stranger@nowhere";

// The nine comuni of the district with their shares (‰).
std::vector<std::pair<std::string, int>> DistrictComuni();
// "sindaco@<member>".
std::string SindacoOf(const std::string& member_id);
// Every principal above, for TlsTestServer::Options::principals.
std::vector<std::string> DistrictPrincipals();
// A civil time in Europe/Rome.
absl::Time RomeTime(absl::CivilDay day, int hour = 0, int minute = 0);
// `t` as RFC 3339 with Europe/Rome's offset, as the CLI's time flags take it.
std::string Rfc3339(absl::Time t);
v1::Date DateOf(absl::CivilDay day);
// The district's founding request (statute of scenario S1).
v1::RegisterConsortiumRequest DistrictRegistration(const std::string& request_id);

class DistrictApi {
 public:
  explicit DistrictApi(TlsTestServer& server, std::string id = kDistrictId)
      : server_(server), id_(std::move(id)) {}

  // Registers the district (constituted 1 Jan 2024), creates the Assemblea
  // and the Tavolo Tecnico, designates every sindaco on the Assemblea and
  // grants every role above.
  grpc::Status Setup();
  grpc::Status Grant(const std::string& principal, v1::Role role,
                     const std::string& scope = "");

  // Drafts a proposal for the Assemblea and gives it a favourable technical
  // opinion, as the Ufficio di Piano.
  grpc::Status DraftReady(const std::string& proposal_id,
                          bool economic_benefit = false);
  // Convenes the Assemblea on `day` at 10:00, one item per proposal (the
  // convocation delivered at `notice_delivered` when given, now otherwise).
  grpc::Status Convene(const std::string& session_id, absl::CivilDay day,
                       const std::vector<std::string>& proposals,
                       std::optional<absl::Time> notice_delivered = {});
  grpc::Status Attendance(const std::string& session_id,
                          const std::vector<std::string>& present);
  // Each member's sindaco casts its vote on `item`.
  grpc::Status Votes(const std::string& session_id, int item,
                     const std::vector<std::pair<std::string, v1::VoteChoice>>&
                         votes,
                     v1::Ballot ballot = v1::BALLOT_MAIN);
  grpc::Status Proclaim(const std::string& session_id, int item,
                        v1::ProclaimItemResponse* response,
                        const std::string& request_id = "");
  // Convenes on `day` (delivered now if that is ahead, ten days before it
  // otherwise: a past sitting transcribed), moves the server's clock to the
  // sitting if it is ahead, records five members present (870‰), all in
  // favour (also of immediate executability when asked: then it is
  // executive on `day`), and proclaims; returns the number via `number`.
  grpc::Status Adopt(const std::string& proposal_id, absl::CivilDay day,
                     int* number = nullptr, bool immediately_executable = false);

  std::unique_ptr<v1::ConsortiumService::Stub> Consortia(const std::string& as);
  std::unique_ptr<v1::SessionService::Stub> Sessions(const std::string& as);
  std::unique_ptr<v1::DeliberationService::Stub> Deliberations(
      const std::string& as);
  std::unique_ptr<v1::AdminService::Stub> Admin(const std::string& as);

  // A fresh request id.
  std::string NextRequestId();
  const std::string& id() const { return id_; }

 private:
  TlsTestServer& server_;
  const std::string id_;
  int next_ = 0;
};

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_TESTING_DISTRICT_API_H_
