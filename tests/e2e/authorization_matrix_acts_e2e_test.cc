// The authorization matrix of ActService over real mutual-TLS channels, in
// its two steps (docs/api.md, Authorization):
//  1. every RPC × every role, checked against the service's descriptor:
//     any role in the consortium passes the RPC's permission (a mutation
//     then reaches validation: INVALID_ARGUMENT naming request_id), a
//     caller without one is PERMISSION_DENIED; nothing is appended
//     (tests/testing/rpc_matrix.h);
//  2. the workflow in force decides who performs each step: for starting
//     the Tavolo Tecnico's opinion, giving it, and attaching it directly,
//     every caller but the one the default definition names is
//     PERMISSION_DENIED (ROLE_NOT_ALLOWED for the consortium's roles) with
//     nothing appended, and the one it names succeeds.
#include <set>
#include <string>
#include <vector>

#include "concordia/v1/act_service.grpc.pb.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/district_api.h"
#include "tests/testing/rpc_matrix.h"

namespace concordia {
namespace {

using testing::CallRpc;
using testing::DistrictApi;
using testing::MatrixEntry;
using testing::MatrixRpc;
using testing::TlsTestServer;
using AS = v1::ActService;

constexpr char kDelegate[] = "sindaco@melegnano";

const std::vector<std::string>& Callers() {
  static const std::vector<std::string> callers = {
      testing::kSystemAdmin, testing::kDistrictAdmin, testing::kSecretary,
      testing::kTavoloSecretary, testing::kUfficio, kDelegate,
      testing::kRegion, testing::kAuditor, testing::kStranger};
  return callers;
}

std::set<std::string> Readers() {
  std::set<std::string> all(Callers().begin(), Callers().end());
  all.erase(testing::kStranger);
  return all;
}

v1::StartActRequest TavoloStart(const std::string& c) {
  v1::StartActRequest r;
  r.set_request_id("m-start");
  r.set_consortium_id(c);
  r.set_act_kind("tavolo-opinion");
  r.set_act_id("p-1-tt");
  r.set_title("Parere del Tavolo Tecnico");
  r.set_body_id("tavolo-tecnico");
  r.mutable_subject()->set_act_kind("deliberation");
  r.mutable_subject()->set_act_id("p-1");
  return r;
}

v1::PerformActionRequest TavoloGive(const std::string& c) {
  v1::PerformActionRequest r;
  r.set_request_id("m-give");
  r.set_consortium_id(c);
  r.set_act_kind("tavolo-opinion");
  r.set_act_id("p-1-tt");
  r.set_action("give");
  r.set_favourable(true);
  return r;
}

v1::AttachOpinionRequest TavoloAttach(const std::string& c) {
  v1::AttachOpinionRequest r;
  r.set_request_id("m-attach");
  r.set_consortium_id(c);
  r.set_act_kind("deliberation");
  r.set_act_id("p-2");
  r.set_opinion("tavolo-tecnico");
  r.set_body_id("tavolo-tecnico");
  r.set_favourable(true);
  return r;
}

std::vector<MatrixRpc> Matrix(const std::string& c) {
  std::vector<MatrixRpc> m;
  m.push_back(MatrixEntry<AS>("StartAct", Readers(), TavoloStart(c),
                              &AS::Stub::StartAct));
  m.push_back(MatrixEntry<AS>("PerformAction", Readers(), TavoloGive(c),
                              &AS::Stub::PerformAction));
  m.push_back(MatrixEntry<AS>("AttachOpinion", Readers(), TavoloAttach(c),
                              &AS::Stub::AttachOpinion));
  v1::GetActRequest get;
  get.set_consortium_id(c);
  get.set_act_kind("deliberation");
  get.set_act_id("p-1");
  m.push_back(MatrixEntry<AS>("GetAct", Readers(), get, &AS::Stub::GetAct));
  v1::ListActKindsRequest list;
  list.set_consortium_id(c);
  m.push_back(
      MatrixEntry<AS>("ListActKinds", Readers(), list, &AS::Stub::ListActKinds));
  v1::GetWorkflowDefinitionRequest def;
  def.set_consortium_id(c);
  def.set_act_kind("tavolo-opinion");
  m.push_back(MatrixEntry<AS>("GetWorkflowDefinition", Readers(), def,
                              &AS::Stub::GetWorkflowDefinition));
  return m;
}

// Step 2 for one command: every caller but `performer` denied, nothing
// appended; then `performer` succeeds.
template <typename Request, typename Response>
void ExpectOnlyPerformer(TlsTestServer& server, const std::string& what,
                         grpc::Status (AS::Stub::*method)(grpc::ClientContext*,
                                                          const Request&,
                                                          Response*),
                         const Request& request, const std::string& performer) {
  for (const std::string& caller : Callers()) {
    if (caller == performer) continue;
    const uint64_t before = server.LastPosition();
    auto stub = AS::NewStub(server.ChannelAs(caller));
    grpc::Status s = CallRpc(*stub, method, request);
    const std::string where = what + " as " + caller + ": " + s.error_message();
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << where;
    EXPECT_EQ(GrpcErrorReason(s), caller == testing::kStranger
                                      ? "PERMISSION_DENIED"
                                      : "ROLE_NOT_ALLOWED")
        << where;
    EXPECT_EQ(server.LastPosition(), before) << where;
  }
  auto stub = AS::NewStub(server.ChannelAs(performer));
  grpc::Status s = CallRpc(*stub, method, request);
  EXPECT_TRUE(s.ok()) << what << " as " << performer << ": "
                      << s.error_message();
}

TEST(AuthorizationMatrixActsTest, EveryRpcForEveryRoleThenTheWorkflowDecides) {
  TlsTestServer::Options options;
  options.principals = testing::DistrictPrincipals();
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& server = **started;
  DistrictApi d(server, "matrix-acts");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  ASSERT_TRUE(d.DraftReady("p-2").ok());

  std::vector<MatrixRpc> matrix = Matrix(d.id());
  std::set<std::string> names;
  for (const MatrixRpc& rpc : matrix) names.insert(rpc.name);
  ASSERT_EQ(names.size(), matrix.size());
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          "concordia.v1.ActService");
  ASSERT_NE(service, nullptr);
  for (int i = 0; i < service->method_count(); ++i) {
    EXPECT_EQ(names.count(service->method(i)->name()), 1u)
        << service->method(i)->name();
  }
  ASSERT_EQ(matrix.size(), static_cast<size_t>(service->method_count()));
  ASSERT_EQ(matrix.size(), 6u);
  EXPECT_EQ(testing::RunMatrix(server, matrix, Callers()),
            static_cast<int>(6 * Callers().size()));

  ExpectOnlyPerformer(server, "StartAct", &AS::Stub::StartAct,
                      TavoloStart(d.id()), testing::kUfficio);
  ExpectOnlyPerformer(server, "PerformAction", &AS::Stub::PerformAction,
                      TavoloGive(d.id()), testing::kTavoloSecretary);
  ExpectOnlyPerformer(server, "AttachOpinion", &AS::Stub::AttachOpinion,
                      TavoloAttach(d.id()), testing::kTavoloSecretary);
}

}  // namespace
}  // namespace concordia
