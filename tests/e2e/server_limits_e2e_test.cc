// The server's limits over real mutual-TLS channels: message size, overload
// (RESOURCE_EXHAUSTED beyond the calls in flight), deadlines (a command whose
// client gave up while it waited is not run), and a graceful shutdown that
// lets in-flight commands finish and keeps them.
//
// A test holds the server's only worker with a gate task, so what is queued
// behind it is known exactly; nothing waits on time.
#include <thread>

#include "absl/strings/str_cat.h"
#include "concordia/v1/admin.grpc.pb.h"
#include "engine/common/mutex.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/auth/identity.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/district_api.h"

namespace concordia {
namespace {

using testing::CallRpc;
using testing::DistrictApi;
using testing::TlsTestServer;
using Stub = v1::DeliberationService::Stub;

// Holds a worker of the server's executor until opened.
class Gate {
 public:
  // Occupies one worker of `executor`; returns once it runs.
  void Hold(CallExecutor& executor) {
    ASSERT_TRUE(executor.TrySubmit([this] {
      MutexLock lock(&mu_);
      held_ = true;
      cv_.SignalAll();
      cv_.Wait(lock, [this] { return open_; });
    }));
    MutexLock lock(&mu_);
    cv_.Wait(lock, [this] { return held_; });
  }
  void Open() {
    MutexLock lock(&mu_);
    open_ = true;
    cv_.SignalAll();
  }

 private:
  Mutex mu_;
  CondVar cv_;
  bool held_ ABSL_GUARDED_BY(mu_) = false;
  bool open_ ABSL_GUARDED_BY(mu_) = false;
};

// Waits until everything queued on the executor ran.
void Drain(CallExecutor& executor) {
  ASSERT_TRUE(executor.AwaitIdle(absl::Seconds(60)));
}

v1::DraftProposalRequest Draft(const DistrictApi& d, const std::string& id) {
  v1::DraftProposalRequest r;
  r.set_request_id(absl::StrCat("limits-", id));
  r.set_consortium_id(d.id());
  r.set_body_id("assemblea");
  r.set_proposal_id(id);
  r.set_act_kind(v1::ACT_KIND_ORDINARY);
  r.set_title("Piano di Zona 2027-2029");
  return r;
}

std::unique_ptr<TlsTestServer> StartServer(int workers, size_t in_flight,
                                           int max_message_bytes = 8 << 20) {
  TlsTestServer::Options options;
  options.principals = testing::DistrictPrincipals();
  options.worker_threads = workers;
  options.max_calls_in_flight = in_flight;
  options.max_message_bytes = max_message_bytes;
  auto server = TlsTestServer::Start(options);
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? *std::move(server) : nullptr;
}

TEST(ServerLimitsTest, MessagesLargerThanTheLimitAreRefused) {
  auto server = StartServer(4, 64, 64 << 10);
  ASSERT_NE(server, nullptr);
  DistrictApi d(*server, "sizes");
  ASSERT_TRUE(d.Setup().ok());
  auto ufficio = d.Deliberations(testing::kUfficio);
  const uint64_t before = server->LastPosition();
  v1::DraftProposalRequest big = Draft(d, "p-big");
  big.set_title(std::string(100 << 10, 't'));
  grpc::Status s = CallRpc(*ufficio, &Stub::DraftProposal, big);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
  EXPECT_EQ(server->LastPosition(), before);
  // Under the limit it is the title's own bound that speaks.
  big.set_title(std::string(2 << 10, 't'));
  s = CallRpc(*ufficio, &Stub::DraftProposal, big);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::BadRequestField(s), "title");
}

TEST(ServerLimitsTest, OverloadIsRefusedAtOnceWithResourceExhausted) {
  auto server = StartServer(1, 2);
  ASSERT_NE(server, nullptr);
  DistrictApi d(*server, "overload");
  ASSERT_TRUE(d.Setup().ok());
  CallExecutor& executor = server->server().call_executor();
  Gate gate;
  gate.Hold(executor);  // one call running...
  ASSERT_TRUE(executor.TrySubmit([] {}));  // ...and one queued: the limit
  auto ufficio = d.Deliberations(testing::kUfficio);
  const uint64_t before = server->LastPosition();
  grpc::Status s = CallRpc(*ufficio, &Stub::DraftProposal, Draft(d, "p-1"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(GrpcErrorReason(s), "OVERLOADED");
  v1::GetDeliberationRequest get;
  get.set_consortium_id(d.id());
  get.set_proposal_id("p-1");
  EXPECT_EQ(CallRpc(*ufficio, &Stub::GetDeliberation, get).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  // Authorization still answers (it runs before the executor), and so does
  // the no-op.
  EXPECT_EQ(CallRpc(*d.Deliberations(testing::kStranger), &Stub::DraftProposal,
                    Draft(d, "p-1"))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  auto admin = v1::AdminService::NewStub(server->ChannelAs(testing::kRegion));
  v1::PingRequest ping;
  ping.set_nonce(7);
  v1::PingResponse pong;
  ASSERT_TRUE(CallRpc(*admin, &v1::AdminService::Stub::Ping, ping, &pong).ok());
  EXPECT_EQ(pong.nonce(), 7u);
  EXPECT_EQ(server->LastPosition(), before);
  gate.Open();
  Drain(executor);
  // The retry (same request_id) now goes through.
  EXPECT_TRUE(CallRpc(*ufficio, &Stub::DraftProposal, Draft(d, "p-1")).ok());
}

TEST(ServerLimitsTest, ACommandWhoseDeadlinePassedWhileQueuedIsNotRun) {
  auto server = StartServer(1, 16);
  ASSERT_NE(server, nullptr);
  DistrictApi d(*server, "deadlines");
  ASSERT_TRUE(d.Setup().ok());
  CallExecutor& executor = server->server().call_executor();
  const uint64_t before = server->LastPosition();
  const uint64_t cancelled = executor.cancelled();
  Gate gate;
  gate.Hold(executor);
  grpc::Status late;
  std::thread client([&] {
    auto ufficio = d.Deliberations(testing::kUfficio);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::milliseconds(300));
    v1::DraftProposalResponse resp;
    late = ufficio->DraftProposal(&ctx, Draft(d, "p-late"), &resp);
  });
  ASSERT_TRUE(executor.AwaitInFlight(2, absl::Seconds(60)));  // queued
  client.join();
  EXPECT_EQ(late.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  // The server cancels the call at its own deadline; then the worker runs.
  ASSERT_TRUE(executor.AwaitCancelled(cancelled + 1, absl::Seconds(60)));
  const uint64_t skipped = executor.skipped();
  gate.Open();
  Drain(executor);
  EXPECT_EQ(executor.skipped(), skipped + 1);
  EXPECT_EQ(server->LastPosition(), before);
  v1::GetDeliberationRequest get;
  get.set_consortium_id(d.id());
  get.set_proposal_id("p-late");
  EXPECT_EQ(CallRpc(*d.Deliberations(testing::kUfficio), &Stub::GetDeliberation, get)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST(ServerLimitsTest, ShutdownLetsInFlightCommandsFinishAndKeepsThem) {
  auto server = StartServer(1, 16);
  ASSERT_NE(server, nullptr);
  DistrictApi d(*server, "drain");
  ASSERT_TRUE(d.Setup().ok());
  CallExecutor& executor = server->server().call_executor();
  Gate gate;
  gate.Hold(executor);
  constexpr int kCalls = 3;
  std::vector<grpc::Status> results(kCalls);
  std::vector<uint64_t> positions(kCalls);
  std::vector<std::thread> clients;
  for (int i = 0; i < kCalls; ++i) {
    clients.emplace_back([&, i] {
      v1::DraftProposalResponse resp;
      results[i] = CallRpc(*d.Deliberations(testing::kUfficio),
                           &Stub::DraftProposal, Draft(d, absl::StrCat("p-", i)),
                           &resp);
      positions[i] = resp.log_position();
    });
  }
  ASSERT_TRUE(executor.AwaitInFlight(1 + kCalls, absl::Seconds(60)));
  std::thread stopper([&] { server->server().Shutdown(absl::Seconds(60)); });
  // Once the server refuses new calls it is draining; then let the queued
  // ones run.
  {
    auto fresh = grpc::CreateChannel(
        absl::StrCat("localhost:", server->port()),
        *ChannelCredentialsFor({server->tls_dir() + "/regione-lombardia.crt",
                                server->tls_dir() + "/regione-lombardia.key",
                                server->tls_dir() + "/ca.crt"}));
    auto admin = v1::AdminService::NewStub(fresh);
    while (true) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
      v1::PingResponse pong;
      if (!admin->Ping(&ctx, {}, &pong).ok()) break;
    }
  }
  gate.Open();
  stopper.join();
  for (std::thread& t : clients) t.join();
  for (int i = 0; i < kCalls; ++i) {
    EXPECT_TRUE(results[i].ok()) << i << ": " << results[i].error_message();
  }
  // After a restart every acknowledged command is there.
  ASSERT_TRUE(server->Restart().ok());
  for (int i = 0; i < kCalls; ++i) {
    v1::GetDeliberationRequest get;
    get.set_consortium_id(d.id());
    get.set_proposal_id(absl::StrCat("p-", i));
    v1::GetDeliberationResponse resp;
    ASSERT_TRUE(CallRpc(*d.Deliberations(testing::kRegion), &Stub::GetDeliberation,
                        get, &resp)
                    .ok());
    EXPECT_EQ(resp.deliberation().proposal().title(), "Piano di Zona 2027-2029");
    EXPECT_LE(positions[i], resp.log_position());
  }
}

}  // namespace
}  // namespace concordia
