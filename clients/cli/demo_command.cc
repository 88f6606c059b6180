// `concordia demo load` and `concordia demo principals`: the demo data set
// of clients/demo (docs/demo.md) loaded through the real API.
#include <map>
#include <memory>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "clients/cli/commands.h"
#include "clients/cli/progress.h"
#include "clients/cli/rpc_command.h"
#include "clients/demo/demo.h"
#include "concordia/v1/admin.grpc.pb.h"
#include "engine/common/errors.h"

namespace concordia::cli {
namespace {

constexpr char kLoadUsage[] =
    "concordia demo load\n"
    "  Loads four demo consortia (docs/demo.md) into the server: Ambito Sud\n"
    "  Est Milano, SdS Pistoia, ESTAR, CST Chieti. Every step is a real API\n"
    "  call made as the principal who would make it (the loader starts as\n"
    "  --as, by default admin@concordia, the bootstrap administrator of\n"
    "  `concordiad --admin=...`, and grants the others their roles). Request\n"
    "  ids derive from the step, so a second load appends nothing and says\n"
    "  \"already loaded\". With --tls_dir each principal needs its\n"
    "  certificate there (`concordia demo principals` lists them).\n"
    "  Exit codes: 0 loaded or already loaded, 1 a step was rejected (a bug of\n"
    "  the demo: please report it), 3 the server cannot be reached.\n"
    "  e.g. concordia --server=127.0.0.1:7411 demo load";

constexpr char kPrincipalsUsage[] =
    "concordia demo principals\n"
    "  Lists every principal the demo acts as, one a line (e.g. for\n"
    "  deploy/certs.sh in TLS mode).\n"
    "  e.g. bash deploy/certs.sh .data/tls $(concordia demo principals)";

absl::StatusOr<uint64_t> LastPosition(client::Client& admin) {
  auto info = admin.Call(&v1::AdminService::Stub::GetServerInfo,
                         v1::GetServerInfoRequest());
  if (!info.ok()) return info.status();
  return info->last_position();
}

int RunLoad(const GlobalOptions& global, const CommandArgs& args,
            Output& output) {
  if (!args.positional.empty() || !args.flags.empty()) {
    output.err << "concordia demo load: takes no arguments\n"
               << "Run 'concordia demo load --help' for usage.\n";
    return kExitUsage;
  }
  GlobalOptions as_admin = global;
  if (as_admin.principal.empty()) as_admin.principal = "admin@concordia";
  std::map<std::string, std::unique_ptr<client::Client>> clients;
  std::string connect_error;
  demo::ClientFor client_for =
      [&](const std::string& principal) -> absl::StatusOr<client::Client*> {
    auto& slot = clients[principal];
    if (slot == nullptr) {
      GlobalOptions as = global;
      as.principal = principal == "admin@concordia" ? as_admin.principal
                                                    : principal;
      absl::StatusOr<std::unique_ptr<client::Client>> c = ConnectClient(as);
      if (!c.ok()) {
        connect_error = std::string(c.status().message());
        return c.status();
      }
      slot = std::move(*c);
    }
    return slot.get();
  };
  absl::StatusOr<client::Client*> admin = client_for("admin@concordia");
  if (!admin.ok()) {
    output.err << "concordia demo load: " << connect_error << "\n";
    return kExitUsage;
  }
  absl::StatusOr<uint64_t> before = LastPosition(**admin);
  if (!before.ok()) return ReportStatus(global, before.status(), output);

  const demo::Plan plan = demo::DemoPlan(absl::Now());
  ProgressBar bar("loading the demo", output.err);
  absl::StatusOr<size_t> appended = plan.Run(
      client_for, [&](size_t done, size_t total) { bar.Update(done, total); },
      *before);
  bar.Done();
  if (!appended.ok()) {
    const absl::Status& loaded = appended.status();
    if (!connect_error.empty()) {
      output.err << "concordia demo load: " << connect_error << "\n";
      return kExitUsage;
    }
    switch (loaded.code()) {
      case absl::StatusCode::kUnavailable:
      case absl::StatusCode::kDeadlineExceeded:
      case absl::StatusCode::kUnauthenticated:
      case absl::StatusCode::kPermissionDenied:
        return ReportStatus(global, loaded, output);
      default:
        break;
    }
    const std::string reason = ErrorReason(loaded);
    output.err << "concordia demo load: rejected ("
               << (reason.empty() ? absl::StatusCodeToString(loaded.code())
                                  : reason)
               << "): " << loaded.message()
               << "\nThe demo should always load on a store it can extend; "
                  "this is a bug of the demo data (clients/demo).\n";
    return kExitRejected;
  }
  absl::StatusOr<uint64_t> after = LastPosition(**admin);
  if (!after.ok()) return ReportStatus(global, after.status(), output);
  const auto consortia = demo::DemoConsortia();
  if (global.json) {
    output.out << "{\"steps\": " << plan.size()
               << ", \"appended_steps\": " << *appended
               << ", \"already_loaded\": " << (*appended == 0 ? "true" : "false")
               << ", \"log_position_before\": " << *before
               << ", \"log_position_after\": " << *after << "}\n";
    return kExitOk;
  }
  if (*appended == 0) {
    output.out << "demo already loaded: " << plan.size()
               << " steps answered from the log, nothing appended (log at "
               << *after << ")\n";
  } else {
    output.out << "demo loaded: " << *appended << " of " << plan.size()
               << " steps appended, log positions " << *before + 1 << ".."
               << *after << "\n";
  }
  output.out << "consortia:";
  for (const std::string& c : consortia) output.out << " " << c;
  const std::string reader = "  concordia --as=auditor@corte-dei-conti ";
  output.out << "\nnext, for instance:\n"
             << reader << "consortium show --consortium=sudestmilano\n"
             << reader
             << "consortium shares --consortium=sds-pistoia --on=2016-12-31\n"
             << reader
             << "accord show --consortium=sudestmilano "
                "--accord=adp-pdz-2025-2027 --on=2025-05-07\n"
             << "(docs/demo.md lists what to query)\n";
  return kExitOk;
}

int RunPrincipals(const GlobalOptions&, const CommandArgs& args,
                  Output& output) {
  if (!args.positional.empty() || !args.flags.empty()) {
    output.err << "concordia demo principals: takes no arguments\n";
    return kExitUsage;
  }
  for (const std::string& p : demo::DemoPrincipals()) output.out << p << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> DemoCommands() {
  return {{"demo load", "Load the four demo consortia (docs/demo.md).",
           kLoadUsage, &RunLoad},
          {"demo principals", "List the principals the demo acts as.",
           kPrincipalsUsage, &RunPrincipals}};
}

}  // namespace concordia::cli
