// CooperationApi: governance domain II of the Sud Est Milano district driven
// through the real API (AccordService, DelegationService, ProgrammeService,
// ProjectService) as the people who would do it, for the end-to-end tests —
// on top of DistrictApi's domain I.
//
// Principals, besides DistrictApi's (each has a client certificate):
//   direttore@ats-milano                 delegate of ATS Città Metropolitana
//   direttore@asst-melegnano-martesana   delegate of the ASST
//   presidente@consorzio                 delegate of the consortium itself
// Setup adds the Tavolo degli Aderenti ("tavolo-aderenti") and grants these
// three delegates; the comuni act through their sindaci.
//
// Thread-safety: one CooperationApi per thread (request ids are
// DistrictApi's, sequential).
//
// Example:
//   DistrictApi district(server, "coop");
//   CooperationApi c(server, district);
//   ASSERT_TRUE(c.Setup().ok());
//   ASSERT_TRUE(c.Convenzione("conv", {"carpiano", "dresano"},
//                             absl::CivilDay(2026, 2, 1)).ok());
#ifndef CONCORDIA_TESTS_TESTING_COOPERATION_API_H_
#define CONCORDIA_TESTS_TESTING_COOPERATION_API_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "concordia/v1/accord_service.grpc.pb.h"
#include "concordia/v1/delegation_service.grpc.pb.h"
#include "concordia/v1/programme_service.grpc.pb.h"
#include "concordia/v1/project_service.grpc.pb.h"
#include "tests/testing/district_api.h"

namespace concordia::testing {

inline constexpr char kAts[] = "ats-milano";
inline constexpr char kAsst[] = "asst-melegnano-martesana";
inline constexpr char kTavoloAderenti[] = "tavolo-aderenti";
// The consortium's president: its delegate when the consortium itself is a
// party of an accord.
inline constexpr char kPresident[] = "presidente@consorzio";

// The person who acts for a party: "sindaco@<comune>", or
// "direttore@<agency>" for the two health agencies; kPresident for the
// consortium `consortium_id` itself.
std::string DelegateOf(const std::string& party_id,
                       const std::string& consortium_id = "");
// DistrictPrincipals(), the health agencies' directors and kPresident.
std::vector<std::string> CooperationPrincipals();
// The 11 public parties of S3: the nine comuni, ATS and ASST.
std::vector<v1::AccordParty> S3Parties();
// A public party that is a comune of the district.
v1::AccordParty Comune(const std::string& member_id);
// A third-sector organisation adhering to a plan.
v1::AccordParty Adherent(const std::string& id, const std::string& name);
// An act outside Concordia dated 11 days before `executive`, declared
// executive on `executive`.
v1::ApprovingAct ExternalAct(const std::string& body, const std::string& number,
                             absl::CivilDay executive);
// A deliberation in Concordia.
v1::ApprovingAct InternalAct(const std::string& proposal_id);
v1::Exerciser ToConsortium();
v1::Exerciser ToLead(const std::string& member_id);
v1::CostSharingRule SharingRule(v1::CostSharingMethod method);

class CooperationApi {
 public:
  CooperationApi(TlsTestServer& server, DistrictApi& district)
      : server_(server), district_(district) {}

  // DistrictApi::Setup, the Tavolo degli Aderenti and the health agencies'
  // delegate grants.
  grpc::Status Setup();

  // `party`'s delegate (DelegateOf) records its approving act of
  // `instrument`.
  grpc::Status Approve(const std::string& accord_id, int instrument,
                       const std::string& party, const v1::ApprovingAct& act);
  // `party`'s delegate signs `instrument` (qualified signature at `at`).
  grpc::Status Sign(const std::string& accord_id, int instrument,
                    const std::string& party, absl::Time at,
                    v1::SignAccordResponse* response = nullptr);
  // A convenzione among `parties` (comuni), each approving by an external
  // act executive on `executive` and signing that day at 11:00 (the clock
  // must be past it): in force from then, until 31 December 2030.
  grpc::Status Convenzione(const std::string& accord_id,
                           const std::vector<std::string>& parties,
                           absl::CivilDay executive);

  std::unique_ptr<v1::AccordService::Stub> Accords(const std::string& as);
  std::unique_ptr<v1::DelegationService::Stub> Delegations(
      const std::string& as);
  std::unique_ptr<v1::ProgrammeService::Stub> Programmes(const std::string& as);
  std::unique_ptr<v1::ProjectService::Stub> Projects(const std::string& as);

  DistrictApi& district() { return district_; }
  const std::string& id() const { return district_.id(); }
  std::string NextRequestId() { return district_.NextRequestId(); }

 private:
  TlsTestServer& server_;
  DistrictApi& district_;
};

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_TESTING_COOPERATION_API_H_
