// Builders shared by the four demo consortia (clients/demo/*_data.cc): dates
// and times in Europe/Rome, the statute of docs/examples/sudestmilano.json,
// and the requests every consortium repeats (bodies, designations, role
// grants, accord parties, approving acts, signatures).
//
// Thread-safety: pure functions.
//
// Example:
//   v1::Date d = Day(2025, 5, 7);
//   plan.Add("x/grant-ufficio", kSystemAdmin, &AdminStub::GrantRole,
//            Grant("x", "ufficio-di-piano@x", v1::ROLE_UFFICIO_DI_PIANO));
#ifndef CONCORDIA_CLIENTS_DEMO_BUILDERS_H_
#define CONCORDIA_CLIENTS_DEMO_BUILDERS_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "clients/demo/plan.h"
#include "concordia/v1/access.pb.h"
#include "concordia/v1/accord_service.grpc.pb.h"
#include "concordia/v1/admin.grpc.pb.h"
#include "concordia/v1/consortium_service.grpc.pb.h"
#include "concordia/v1/delegation_service.grpc.pb.h"
#include "concordia/v1/deliberation_service.grpc.pb.h"
#include "concordia/v1/programme_service.grpc.pb.h"
#include "concordia/v1/project_service.grpc.pb.h"
#include "concordia/v1/session_service.grpc.pb.h"
#include "google/protobuf/timestamp.pb.h"

namespace concordia::demo {

using AccordStub = v1::AccordService::Stub;
using AdminStub = v1::AdminService::Stub;
using ConsortiumStub = v1::ConsortiumService::Stub;
using DelegationStub = v1::DelegationService::Stub;
using DeliberationStub = v1::DeliberationService::Stub;
using ProgrammeStub = v1::ProgrammeService::Stub;
using ProjectStub = v1::ProjectService::Stub;
using SessionStub = v1::SessionService::Stub;

// The bootstrap administrator the loader starts as (concordiad --admin).
inline constexpr char kSystemAdmin[] = "admin@concordia";
// An auditor with read access to every demo consortium.
inline constexpr char kAuditor[] = "auditor@corte-dei-conti";

v1::Date Day(int year, int month, int day);
v1::Date DateOf(absl::CivilDay day);
// `day` at hour:minute in Europe/Rome.
google::protobuf::Timestamp At(absl::CivilDay day, int hour, int minute = 0);

// A member of a consortium with its share (‰).
struct Member {
  std::string id;
  std::string name;
  v1::MemberKind kind;
  int permille;
  // Who acts for it: "sindaco@<id>" for a comune, "presidente@<id>" for a
  // provincia, "direttore@<id>" otherwise.
  std::string delegate() const;
};

// The statute of docs/examples/sudestmilano.json (weighted Assemblea with
// S1's quorum and majorities, Tavolo Tecnico by heads, notice, publication
// and executivity rules).
v1::Statute DemoStatute();

v1::RegisterConsortiumRequest Registration(
    const std::string& id, v1::LegalForm form, const std::string& name,
    const std::string& tax_code, const std::string& seat,
    const v1::Date& constituted_on, const std::vector<Member>& founders);
v1::CreateBodyRequest Body(const std::string& consortium, const std::string& id,
                           v1::BodyKind kind, const std::string& name);
v1::DesignateBodyMemberRequest Designation(const std::string& consortium,
                                           const std::string& body,
                                           const std::string& member,
                                           const std::string& person,
                                           bool voting, const v1::Date& from);
v1::GrantRoleRequest Grant(const std::string& consortium,
                           const std::string& principal, v1::Role role,
                           const std::string& scope = "");

// A public party of an accord.
v1::AccordParty Party(const Member& m);
// An act outside Concordia (a council's deliberation, a director's decree)
// dated `dated`, declared executive on `executive`.
v1::ApprovingAct ExternalAct(const std::string& body, const std::string& number,
                             absl::CivilDay dated, absl::CivilDay executive);
v1::Signature Qualified(absl::CivilDay day, int hour);

// Adds, for every member, its delegate's member-delegate grant.
void GrantDelegates(Plan& plan, const std::string& consortium,
                    const std::vector<Member>& members);

}  // namespace concordia::demo

#endif  // CONCORDIA_CLIENTS_DEMO_BUILDERS_H_
