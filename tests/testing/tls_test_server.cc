#include "tests/testing/tls_test_server.h"

#include "absl/strings/str_cat.h"
#include "concordia/v1/admin.grpc.pb.h"
#include "services/auth/identity.h"
#include "tests/testing/process.h"

namespace concordia::testing {

TlsTestServer::TlsTestServer(Options options, std::string tls_dir,
                             std::string data_dir)
    : options_(std::move(options)),
      tls_dir_(std::move(tls_dir)),
      data_dir_(std::move(data_dir)),
      clock_(options_.start) {}

TlsTestServer::~TlsTestServer() {
  if (server_ != nullptr) server_->Shutdown(absl::Seconds(5));
}

absl::StatusOr<std::unique_ptr<TlsTestServer>> TlsTestServer::Start(
    Options options) {
  const std::string tls = TempDir("tls");
  std::vector<std::string> argv = {"/bin/bash", Runfile("deploy/certs.sh"), tls};
  for (const std::string& p : options.principals) argv.push_back(p);
  CommandResult certs = RunCommand(argv, absl::Seconds(120));
  if (certs.exit_code != 0) {
    return absl::InternalError(absl::StrCat("deploy/certs.sh: ", certs.err));
  }
  std::unique_ptr<TlsTestServer> server(
      new TlsTestServer(std::move(options), tls, TempDir("data")));
  if (absl::Status s = server->Launch(); !s.ok()) return s;
  return server;
}

absl::Status TlsTestServer::Launch() {
  ServerOptions o;
  o.port = port_;  // 0 the first time; the same port after a restart
  o.data_dir = data_dir_;
  o.tls = {tls_dir_ + "/server.crt", tls_dir_ + "/server.key",
           tls_dir_ + "/ca.crt"};
  o.bootstrap_admins = options_.admins;
  o.clock = &clock_;
  o.worker_threads = options_.worker_threads;
  o.max_calls_in_flight = options_.max_calls_in_flight;
  o.max_message_bytes = options_.max_message_bytes;
  absl::StatusOr<std::unique_ptr<Server>> started = Server::Start(o);
  if (!started.ok()) return started.status();
  server_ = *std::move(started);
  port_ = server_->port();
  return absl::OkStatus();
}

absl::Status TlsTestServer::Restart() {
  server_->Shutdown(absl::Seconds(10));
  server_.reset();
  return Launch();
}

std::shared_ptr<grpc::Channel> TlsTestServer::ChannelAs(
    const std::string& principal) {
  MutexLock lock(&mu_);
  auto it = channels_.find(principal);
  if (it != channels_.end()) return it->second;
  TlsFiles tls{tls_dir_ + "/" + principal + ".crt",
               tls_dir_ + "/" + principal + ".key", tls_dir_ + "/ca.crt"};
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> creds =
      ChannelCredentialsFor(tls);
  if (!creds.ok()) return nullptr;  // no certificate: the test fails on use
  grpc::ChannelArguments args;
  // One connection per principal, kept across the restart of the server.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
  auto channel = grpc::CreateCustomChannel(
      absl::StrCat("localhost:", port_), *creds, args);
  channels_[principal] = channel;
  return channel;
}

uint64_t TlsTestServer::LastPosition() {
  auto admin = v1::AdminService::NewStub(ChannelAs(options_.admins.front()));
  grpc::ClientContext ctx;
  ctx.set_wait_for_ready(true);
  v1::GetServerInfoResponse info;
  if (!admin->GetServerInfo(&ctx, {}, &info).ok()) return UINT64_MAX;
  return info.last_position();
}

}  // namespace concordia::testing
