// `concordia health`: the server's health (grpc.health.v1) and version.
#include <ostream>

#include "clients/cli/channel.h"
#include "clients/cli/commands.h"
#include "concordia/v1/admin.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace concordia::cli {
namespace {

int RunHealth(const GlobalOptions& global, const CommandArgs& args,
              Output& output) {
  if (!args.positional.empty() || !args.flags.empty()) {
    output.err << "concordia health: takes no arguments\n";
    return kExitUsage;
  }
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = OpenChannel(global);
  if (!channel.ok()) {
    output.err << "concordia: " << channel.status().message() << "\n";
    return kExitUsage;
  }
  auto health = grpc::health::v1::Health::NewStub(*channel);
  grpc::ClientContext health_ctx;
  PrepareContext(global, health_ctx);
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = health->Check(&health_ctx, request, &response);
  if (!status.ok()) return ReportError(global, status, output);

  auto admin = v1::AdminService::NewStub(*channel);
  grpc::ClientContext admin_ctx;
  PrepareContext(global, admin_ctx);
  v1::GetServerInfoResponse info;
  status = admin->GetServerInfo(&admin_ctx, v1::GetServerInfoRequest(), &info);
  if (!status.ok()) return ReportError(global, status, output);

  const std::string health_name =
      grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
          response.status());
  if (global.json) {
    output.out << "{\"server\": " << JsonString(global.server)
               << ", \"health\": " << JsonString(health_name)
               << ", \"version\": " << JsonString(info.version())
               << ", \"store_engine\": " << JsonString(info.store_engine())
               << ", \"store_writable\": "
               << (info.store_writable() ? "true" : "false")
               << ", \"last_position\": " << info.last_position()
               << ", \"principal\": " << JsonString(info.principal())
               << ", \"plaintext\": " << (info.plaintext() ? "true" : "false")
               << "}\n";
  } else {
    output.out << "server         " << global.server << "\n"
               << "health         " << health_name << "\n"
               << "version        " << info.version() << "\n"
               << "store          " << info.store_engine()
               << (info.store_writable() ? " (writable)" : " (read-only)")
               << "\n"
               << "last position  " << info.last_position() << "\n"
               << "transport      "
               << (info.plaintext() ? "plaintext (no authentication)"
                                    : "mutual TLS")
               << "\n"
               << "you are        "
               << (info.principal().empty() ? "(anonymous)" : info.principal())
               << "\n";
  }
  return response.status() ==
                 grpc::health::v1::HealthCheckResponse::SERVING
             ? kExitOk
             : kExitConnection;
}

}  // namespace

Command HealthCommand() {
  return Command{
      "health",
      "Show whether the server is serving, its version and its store.",
      "concordia health\n"
      "Exits 0 when SERVING, 3 when the server is unreachable or not serving.\n"
      "Example:\n  concordia --server=127.0.0.1:7411 health",
      &RunHealth};
}

}  // namespace concordia::cli
