// End to end over real gRPC channels with mutual TLS: authentication, role
// grants as events, authorization before anything else, error details,
// idempotent retries, and the event stream with resumption.
#include <signal.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "concordia/v1/admin.grpc.pb.h"
#include "concordia/v1/events.grpc.pb.h"
#include "google/rpc/error_details.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/auth/identity.h"
#include "services/common/grpc_status.h"
#include "tests/testing/process.h"

namespace concordia {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::Runfile;
using testing::ServerProcess;
using testing::TempDir;

class ApiE2ETest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tls_dir_ = new std::string(TempDir("tls"));
    CommandResult certs = RunCommand({"/bin/bash", Runfile("deploy/certs.sh"),
                                      *tls_dir_, "stranger@nowhere"});
    ASSERT_EQ(certs.exit_code, 0) << certs.err;
    auto server = ServerProcess::Start(
        {TempDir("data"),
         {"--tls_cert=" + *tls_dir_ + "/server.crt",
          "--tls_key=" + *tls_dir_ + "/server.key",
          "--tls_ca=" + *tls_dir_ + "/ca.crt", "--admin=admin@concordia"}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete tls_dir_;
  }

  static std::shared_ptr<grpc::Channel> ChannelAs(const std::string& who) {
    TlsFiles tls{*tls_dir_ + "/" + who + ".crt", *tls_dir_ + "/" + who + ".key",
                 *tls_dir_ + "/ca.crt"};
    auto creds = ChannelCredentialsFor(tls);
    EXPECT_TRUE(creds.ok()) << creds.status();
    return grpc::CreateChannel(
        absl::StrCat("localhost:", server_->port()), *creds);
  }

  static grpc::Status Grant(const std::string& as, const std::string& request_id,
                            const std::string& consortium,
                            const std::string& principal, v1::Role role,
                            const std::string& scope = "",
                            uint64_t* position = nullptr) {
    auto admin = v1::AdminService::NewStub(ChannelAs(as));
    grpc::ClientContext ctx;
    v1::GrantRoleRequest req;
    req.set_request_id(request_id);
    req.mutable_grant()->set_consortium_id(consortium);
    req.mutable_grant()->set_principal(principal);
    req.mutable_grant()->set_role(role);
    req.mutable_grant()->set_scope(scope);
    v1::GrantRoleResponse resp;
    grpc::Status s = admin->GrantRole(&ctx, req, &resp);
    if (position != nullptr) *position = resp.log_position();
    return s;
  }

  static std::string* tls_dir_;
  static ServerProcess* server_;
};

std::string* ApiE2ETest::tls_dir_ = nullptr;
ServerProcess* ApiE2ETest::server_ = nullptr;

TEST_F(ApiE2ETest, HealthOverMutualTlsThroughTheCli) {
  CommandResult r = RunCommand(
      {Runfile("clients/cli/concordia"),
       absl::StrCat("--server=localhost:", server_->port()),
       "--tls_dir=" + *tls_dir_, "--as=auditor@corte-dei-conti",
       "health"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "SERVING")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "mutual TLS")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "auditor@corte-dei-conti")) << r.out;
}

TEST_F(ApiE2ETest, AClientWithoutACertificateCannotConnect) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = *ReadPemFile(*tls_dir_ + "/ca.crt", "ca");
  auto channel = grpc::CreateChannel(
      absl::StrCat("localhost:", server_->port()), grpc::SslCredentials(options));
  auto admin = v1::AdminService::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::GetServerInfoResponse resp;
  grpc::Status s = admin->GetServerInfo(&ctx, {}, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  // Nor can a plaintext client.
  auto plain = v1::AdminService::NewStub(grpc::CreateChannel(
      absl::StrCat("localhost:", server_->port()),
      grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx2;
  ctx2.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  EXPECT_FALSE(plain->GetServerInfo(&ctx2, {}, &resp).ok());
}

TEST_F(ApiE2ETest, PermissionIsCheckedBeforeAnythingElse) {
  // A stranger with a valid certificate but no role: denied even with
  // malformed input, and nothing is appended.
  uint64_t before = 0;
  {
    auto admin = v1::AdminService::NewStub(ChannelAs("admin@concordia"));
    grpc::ClientContext ctx;
    v1::GetServerInfoResponse info;
    ASSERT_TRUE(admin->GetServerInfo(&ctx, {}, &info).ok());
    before = info.last_position();
  }
  grpc::Status s = Grant("stranger@nowhere", "x1", "sudestmilano", "",
                         v1::ROLE_UNSPECIFIED);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(GrpcErrorReason(s), "PERMISSION_DENIED");
  auto events = v1::EventService::NewStub(ChannelAs("stranger@nowhere"));
  grpc::ClientContext ctx;
  v1::ListEventsRequest req;
  req.set_consortium_id("sudestmilano");
  v1::ListEventsResponse resp;
  EXPECT_EQ(events->ListEvents(&ctx, req, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  auto admin = v1::AdminService::NewStub(ChannelAs("admin@concordia"));
  grpc::ClientContext ctx2;
  v1::GetServerInfoResponse info;
  ASSERT_TRUE(admin->GetServerInfo(&ctx2, {}, &info).ok());
  EXPECT_EQ(info.last_position(), before);
}

TEST_F(ApiE2ETest, BadInputNamesTheFieldInBadRequest) {
  grpc::Status s = Grant("admin@concordia", "bad-1", "sudestmilano",
                         "not a principal", v1::ROLE_AUDITOR);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details = DecodeDetails(s);
  bool found = false;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      ASSERT_EQ(bad.field_violations_size(), 1);
      EXPECT_EQ(bad.field_violations(0).field(), "principal");
      found = true;
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(Grant("admin@concordia", "bad-2", "sudestmilano", "x@y",
                  v1::ROLE_SECRETARY)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);  // secretary needs a body
}

TEST_F(ApiE2ETest, GrantsAreEventsIdempotentAndTakeEffectAtOnce) {
  auto events = v1::EventService::NewStub(ChannelAs("regione-lombardia"));
  v1::ListEventsRequest req;
  req.set_consortium_id("pistoia");
  v1::ListEventsResponse resp;
  {
    grpc::ClientContext ctx;
    EXPECT_EQ(events->ListEvents(&ctx, req, &resp).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  uint64_t p1 = 0, p2 = 0;
  ASSERT_TRUE(Grant("admin@concordia", "grant-region-pistoia", "pistoia",
                    "regione-lombardia", v1::ROLE_REGIONAL_SYSTEM, "", &p1)
                  .ok());
  // The retry returns the same position and appends nothing.
  ASSERT_TRUE(Grant("admin@concordia", "grant-region-pistoia", "pistoia",
                    "regione-lombardia", v1::ROLE_REGIONAL_SYSTEM, "", &p2)
                  .ok());
  EXPECT_EQ(p1, p2);
  // A new request for the same grant is a rule rejection.
  grpc::Status again = Grant("admin@concordia", "grant-region-pistoia-2",
                             "pistoia", "regione-lombardia",
                             v1::ROLE_REGIONAL_SYSTEM);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(GrpcErrorReason(again), "ALREADY_GRANTED");

  grpc::ClientContext ctx;
  ASSERT_TRUE(events->ListEvents(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.events_size(), 1);
  EXPECT_EQ(resp.events(0).stream(), "pistoia/access");
  EXPECT_EQ(resp.events(0).type(), "concordia.v1.RoleGranted");
  EXPECT_EQ(resp.events(0).principal(), "admin@concordia");
  EXPECT_EQ(resp.events(0).position(), p1);
  EXPECT_GE(resp.log_position(), p1);
}

TEST_F(ApiE2ETest, SubscriptionDeliversLiveEventsAndResumes) {
  ASSERT_TRUE(Grant("admin@concordia", "grant-region-chieti", "chieti",
                    "regione-lombardia", v1::ROLE_REGIONAL_SYSTEM)
                  .ok());
  auto events = v1::EventService::NewStub(ChannelAs("regione-lombardia"));
  grpc::ClientContext ctx;
  v1::SubscribeEventsRequest req;
  req.set_consortium_id("chieti");
  req.set_include_json(true);
  auto reader = events->SubscribeEvents(&ctx, req);
  std::vector<v1::Event> got;
  v1::SubscribeEventsResponse msg;
  // First the stored grant, then two live ones.
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(Grant("admin@concordia", absl::StrCat("chieti-udp-", i),
                      "chieti", absl::StrCat("udp", i, "@chieti"),
                      v1::ROLE_UFFICIO_DI_PIANO)
                    .ok());
  }
  while (got.size() < 3 && reader->Read(&msg)) {
    for (const auto& e : msg.events()) got.push_back(e);
  }
  ASSERT_EQ(got.size(), 3u);
  EXPECT_LT(got[0].position(), got[1].position());
  EXPECT_LT(got[1].position(), got[2].position());
  EXPECT_TRUE(absl::StrContains(got[2].payload_json(), "udp1@chieti"))
      << got[2].payload_json();
  ctx.TryCancel();
  reader->Finish();

  // Resume after the first event: exactly the next two.
  grpc::ClientContext ctx2;
  req.set_from_position(got[0].position() + 1);
  auto resumed = events->SubscribeEvents(&ctx2, req);
  std::vector<v1::Event> again;
  while (again.size() < 2 && resumed->Read(&msg)) {
    for (const auto& e : msg.events()) again.push_back(e);
  }
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].event_id(), got[1].event_id());
  EXPECT_EQ(again[1].event_id(), got[2].event_id());
  ctx2.TryCancel();
  resumed->Finish();
}

TEST_F(ApiE2ETest, ServerShutsDownCleanlyWithALiveSubscriber) {
  // A separate server so the suite's server stays up.
  const std::string data = TempDir("data");
  auto server = ServerProcess::Start(
      {data,
       {"--tls_cert=" + *tls_dir_ + "/server.crt",
        "--tls_key=" + *tls_dir_ + "/server.key",
        "--tls_ca=" + *tls_dir_ + "/ca.crt", "--admin=admin@concordia"}});
  ASSERT_TRUE(server.ok());
  TlsFiles tls{*tls_dir_ + "/admin@concordia.crt",
               *tls_dir_ + "/admin@concordia.key", *tls_dir_ + "/ca.crt"};
  auto channel = grpc::CreateChannel(
      absl::StrCat("localhost:", (*server)->port()), *ChannelCredentialsFor(tls));
  auto events = v1::EventService::NewStub(channel);
  grpc::ClientContext ctx;
  v1::SubscribeEventsRequest req;
  req.set_consortium_id("sudestmilano");
  auto reader = events->SubscribeEvents(&ctx, req);
  v1::SubscribeEventsResponse msg;
  ASSERT_TRUE(reader->Read(&msg));  // a heartbeat proves it is live
  auto code = (*server)->Stop(SIGTERM);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 0) << (*server)->Log();
  while (reader->Read(&msg)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace concordia
