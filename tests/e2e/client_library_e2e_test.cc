// The C++ client library (clients/cpp) against a real server over mutual TLS: typed calls,
// request ids kept across retries, UNAVAILABLE retried with back-off while
// the server restarts, errors with their reason codes, and the read-decide-
// again loop on ABORTED.
#include "clients/cpp/client.h"

#include <set>

#include "clients/cpp/conflict.h"
#include "concordia/v1/admin.grpc.pb.h"
#include "concordia/v1/consortium_service.grpc.pb.h"
#include "engine/common/clock.h"
#include "engine/common/errors.h"
#include "gtest/gtest.h"
#include "tests/testing/district_api.h"

namespace concordia::client {
namespace {

using testing::DistrictApi;
using testing::TlsTestServer;

class ClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TlsTestServer::Options options;
    options.principals = testing::DistrictPrincipals();
    auto server = TlsTestServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    DistrictApi district(*server_);
    ASSERT_TRUE(district.Setup().ok());
  }

  ClientOptions OptionsFor(const std::string& principal) {
    ClientOptions o;
    o.address = "localhost:" + std::to_string(server_->port());
    o.tls = {server_->tls_dir() + "/" + principal + ".crt",
             server_->tls_dir() + "/" + principal + ".key",
             server_->tls_dir() + "/ca.crt"};
    o.wait_before_retry = [this](absl::Duration d, grpc::Channel&) {
      sleeps_.push_back(d);
    };
    return o;
  }

  v1::CreateBodyRequest Body(const std::string& id) {
    v1::CreateBodyRequest r;
    r.set_consortium_id(testing::kDistrictId);
    r.set_body_id(id);
    r.set_kind(v1::BODY_KIND_GIUNTA);
    r.set_name("Giunta " + id);
    return r;
  }

  std::unique_ptr<TlsTestServer> server_;
  std::vector<absl::Duration> sleeps_;
};

TEST_F(ClientTest, TypedCallsOverMutualTls) {
  auto client = Client::Connect(OptionsFor(testing::kRegion));
  ASSERT_TRUE(client.ok()) << client.status();
  v1::GetConsortiumRequest get;
  get.set_consortium_id(testing::kDistrictId);
  auto c = (*client)->Call(&v1::ConsortiumService::Stub::GetConsortium, get);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->consortium().members_size(), 9);
  EXPECT_GT(c->log_position(), 0u);
  // Errors carry the server's codes and reasons.
  auto denied = (*client)->Call(&v1::ConsortiumService::Stub::CreateBody,
                                Body("giunta"));
  EXPECT_EQ(denied.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ErrorReason(denied.status()), "PERMISSION_DENIED");
  auto admin = Client::Connect(OptionsFor(testing::kDistrictAdmin));
  v1::CreateBodyRequest bad = Body("giunta");
  bad.set_name("");
  auto invalid = (*admin)->Call(&v1::ConsortiumService::Stub::CreateBody, bad);
  EXPECT_EQ(invalid.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorMetadata(invalid.status())["field"], "name");
  // Nothing was retried.
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(ClientTest, ARequestIdIsFilledOnceAndKeptAcrossRetries) {
  v1::CreateBodyRequest r = Body("x");
  EnsureRequestId(r);
  const std::string id = r.request_id();
  EXPECT_EQ(id.size(), 32u);
  EnsureRequestId(r);
  EXPECT_EQ(r.request_id(), id);  // an id already set is kept
  v1::GetConsortiumRequest read;  // no request_id field: untouched
  EnsureRequestId(read);
  EXPECT_EQ(read.ByteSizeLong(), 0u);

  // The server goes down; the first attempt finds it unavailable, the
  // client waits and retries with the same request id while it restarts.
  server_->server().Shutdown(absl::Seconds(1));
  ClientOptions options = OptionsFor(testing::kDistrictAdmin);
  std::vector<std::string> ids;
  options.before_attempt = [&](const google::protobuf::Message& m) {
    ids.push_back(static_cast<const v1::CreateBodyRequest&>(m).request_id());
  };
  options.wait_before_retry = [&](absl::Duration d, grpc::Channel& channel) {
    sleeps_.push_back(d);
    if (sleeps_.size() == 2) {
      ASSERT_TRUE(server_->Restart().ok());
      // The default waits like this, bounded by the back-off.
      ASSERT_TRUE(channel.WaitForConnected(
          absl::ToChronoTime(SystemClock::Get()->Now() + absl::Seconds(30))));
    }
  };
  auto client = Client::Connect(options);
  auto created = (*client)->Call(&v1::ConsortiumService::Stub::CreateBody,
                                 Body("giunta"));
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1u);
  EXPECT_FALSE(ids.front().empty());
  // Back-off doubles.
  ASSERT_EQ(sleeps_.size(), 2u);
  EXPECT_EQ(sleeps_[0], absl::Milliseconds(100));
  EXPECT_EQ(sleeps_[1], absl::Milliseconds(200));
  // The retried request ran once: replaying its id answers the same.
  v1::CreateBodyRequest again = Body("giunta");
  again.set_request_id(ids.front());
  auto replayed =
      (*client)->Call(&v1::ConsortiumService::Stub::CreateBody, again);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(replayed->log_position(), created->log_position());
}

TEST_F(ClientTest, UnavailableIsRetriedUpToThePolicyThenReturned) {
  ClientOptions options = OptionsFor(testing::kRegion);
  options.address = "localhost:1";  // nothing listens there
  options.retry.attempts = 4;
  options.timeout = absl::Seconds(2);
  auto client = Client::Connect(options);
  auto r = (*client)->Call(&v1::AdminService::Stub::GetServerInfo,
                           v1::GetServerInfoRequest());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  ASSERT_EQ(sleeps_.size(), 3u);
  EXPECT_EQ(sleeps_[2], absl::Milliseconds(400));
  // Bad TLS files are a clear error at Connect.
  ClientOptions broken = OptionsFor(testing::kRegion);
  broken.tls.cert = "/nonexistent.crt";
  EXPECT_EQ(Client::Connect(broken).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ClientTest, AConflictIsReadAndDecidedAgain) {
  auto admin = Client::Connect(OptionsFor(testing::kDistrictAdmin));
  ASSERT_TRUE(admin.ok());
  Client& c = **admin;
  v1::GetConsortiumRequest get;
  get.set_consortium_id(testing::kDistrictId);
  const uint64_t stale = c.Call(&v1::ConsortiumService::Stub::GetConsortium,
                                get)->version();
  // Someone else changes the consortium after our first read.
  ASSERT_TRUE(
      c.Call(&v1::ConsortiumService::Stub::CreateBody, Body("cda")).ok());
  int rounds = 0;
  auto r = RetryOnConflict<v1::CreateBodyResponse>([&] {
    uint64_t version = stale;
    if (rounds++ > 0) {
      auto now = c.Call(&v1::ConsortiumService::Stub::GetConsortium, get);
      if (!now.ok()) return absl::StatusOr<v1::CreateBodyResponse>(now.status());
      version = now->version();
    }
    v1::CreateBodyRequest create = Body("giunta");
    create.set_expected_version(version);
    return c.Call(&v1::ConsortiumService::Stub::CreateBody, create);
  });
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(rounds, 2);
  EXPECT_EQ(r->version(), stale + 2);
  // Without a fresh read every round conflicts, and the loop gives up.
  int attempts = 0;
  auto stuck = RetryOnConflict<v1::CreateBodyResponse>(
      [&] {
        ++attempts;
        v1::CreateBodyRequest create = Body("altro");
        create.set_expected_version(stale);
        return c.Call(&v1::ConsortiumService::Stub::CreateBody, create);
      },
      3);
  EXPECT_EQ(stuck.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReason(stuck.status()), "WRONG_EXPECTED_VERSION");
  EXPECT_EQ(attempts, 3);
}

}  // namespace
}  // namespace concordia::client
