// The read models inside concordiad: the server keeps them in
// <data_dir>/projections apart from the log, follows the log from its start,
// answers queries that read their own writes by position, refuses positions
// beyond the log, and after a restart catches up from the stored
// checkpoints.
#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "engine/common/errors.h"
#include "engine/readmodel/queries.h"
#include "engine/readmodel/read_model_set.h"
#include "gtest/gtest.h"
#include "tests/testing/district_api.h"

namespace concordia {
namespace {

using testing::DistrictApi;
using testing::TlsTestServer;

// The read models' health as an operator sees it, over mutual TLS.
v1::GetServerInfoResponse Info(TlsTestServer& s) {
  auto admin = v1::AdminService::NewStub(s.ChannelAs(testing::kSystemAdmin));
  grpc::ClientContext ctx;
  v1::GetServerInfoResponse info;
  grpc::Status status = admin->GetServerInfo(&ctx, {}, &info);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return info;
}

TEST(ReadModelsServerTest, QueriesReadTheServersWritesAndSurviveARestart) {
  TlsTestServer::Options options;
  options.principals = testing::DistrictPrincipals();
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& s = **started;

  EXPECT_TRUE(std::filesystem::is_directory(s.server().data_dir() +
                                            "/projections"));
  // The server runs every read model of the engine's set, by name.
  std::vector<std::string> expected;
  const readmodel::ReadModelSet set;
  for (const projection::Projection* p : set.projections()) {
    expected.push_back(p->name());
  }
  ASSERT_GE(expected.size(), 8u);  // registry ... agenda, accords
  std::vector<std::string> names;
  for (const auto& model : s.server().ReadModelStatus()) {
    names.push_back(model.name);
  }
  EXPECT_EQ(names, expected);

  DistrictApi d(s, "wired");
  ASSERT_TRUE(d.Setup().ok());
  const uint64_t written = s.LastPosition();
  ASSERT_GT(written, 0u);

  v1::AsOf at;
  at.set_position(written);
  auto consortium = s.server().queries().GetConsortium("wired", at);
  ASSERT_TRUE(consortium.ok()) << consortium.status();
  EXPECT_EQ(consortium->value.profile().consortium_id(), "wired");
  EXPECT_EQ(consortium->header.log_position(), written);

  v1::AsOf beyond;
  beyond.set_position(written + 1000);
  auto future = s.server().queries().GetConsortium("wired", beyond);
  EXPECT_EQ(future.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ErrorReason(future.status()), readmodel::kPositionBeyondLog);

  ASSERT_TRUE(s.Restart().ok());
  auto again = s.server().queries().GetConsortium("wired", at);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->value.profile().consortium_id(), "wired");
  // Once a read has waited for `written`, every read model it used has
  // applied it; GetServerInfo lists every one against the log.
  v1::GetServerInfoResponse info = Info(s);
  EXPECT_EQ(info.last_position(), written);
  ASSERT_EQ(static_cast<size_t>(info.read_models_size()), expected.size());
  for (const v1::ReadModelHealth& model : info.read_models()) {
    EXPECT_FALSE(model.name().empty());
    EXPECT_GE(model.code_version(), 1) << model.name();
    EXPECT_EQ(model.log_position(), written) << model.name();
    EXPECT_LE(model.checkpoint(), written) << model.name();
    EXPECT_TRUE(model.error().empty()) << model.name() << model.error();
  }
  for (const v1::ReadModelHealth& model : info.read_models()) {
    if (model.name() != "registry") continue;
    EXPECT_EQ(model.checkpoint(), written);
    EXPECT_FALSE(model.building());
    EXPECT_EQ(model.active_version(), model.code_version());
  }
}

}  // namespace
}  // namespace concordia
