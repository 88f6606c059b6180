// `concordia audit ...`: verification for auditors.
#include <ostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/channel.h"
#include "clients/cli/commands.h"
#include "clients/cli/flags.h"
#include "clients/cli/progress.h"
#include "concordia/v1/audit.grpc.pb.h"
#include "engine/common/errors.h"
#include "engine/log/rocksdb_event_log.h"

namespace concordia::cli {
namespace {

int PrintResult(const GlobalOptions& global, bool intact, uint64_t checked,
                uint64_t bad_position, const std::string& message,
                const std::string& head, Output& output) {
  if (global.json) {
    output.out << "{\"intact\": " << (intact ? "true" : "false")
               << ", \"records_checked\": " << checked
               << ", \"first_bad_position\": " << bad_position
               << ", \"head_hash\": " << JsonString(head)
               << ", \"message\": " << JsonString(message) << "}\n";
  } else if (intact) {
    output.out << "INTACT: " << checked << " records verified; head hash "
               << head << "\n";
  } else {
    output.out << "BROKEN at position " << bad_position << ": " << message
               << "\n";
  }
  return intact ? kExitOk : kExitRejected;
}

// Verifies a data directory on this machine, without a server (the server
// must be stopped: the store is opened for exclusive use).
int VerifyOffline(const GlobalOptions& global, const std::string& data_dir,
                  Output& output) {
  log::RocksEventLogOptions options;
  options.path = data_dir + "/log";
  auto opened = log::RocksEventLog::Open(options);
  if (!opened.ok()) {
    output.err << "concordia: cannot open " << options.path << ": "
               << opened.status().message() << "\n";
    return kExitConnection;
  }
  ProgressBar bar("verifying", output.err);
  auto report = (*opened)->Verify(
      [&](uint64_t done, uint64_t total) { bar.Update(done, total); });
  bar.Done();
  // A store refused at open reports its first bad position there.
  absl::Status status = report.ok() ? (*opened)->WriteStatus() : report.status();
  if (status.ok()) {
    return PrintResult(global, true, report->records_checked, 0, "",
                       report->head_hash.ToHex(), output);
  }
  uint64_t position = 0;
  const auto meta = ErrorMetadata(status);
  if (auto it = meta.find("position"); it != meta.end()) {
    absl::SimpleAtoi(it->second, &position);
  }
  return PrintResult(global, false, 0, position, std::string(status.message()),
                     "", output);
}

int RunVerifyStore(const GlobalOptions& global, const CommandArgs& args,
                   Output& output) {
  FlagReader f(args);
  const std::string data_dir = f.Optional("data_dir");
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "audit verify-store", output);
  }
  if (!data_dir.empty()) return VerifyOffline(global, data_dir, output);
  auto channel = OpenChannel(global);
  if (!channel.ok()) {
    return UsageError(channel.status(), "audit verify-store", output);
  }
  auto stub = v1::AuditService::NewStub(*channel);
  grpc::ClientContext ctx;  // no deadline: a large store takes a while
  if (global.tls_dir.empty() && !global.principal.empty()) {
    ctx.AddMetadata("concordia-principal", global.principal);
  }
  auto reader = stub->VerifyStore(&ctx, v1::VerifyStoreRequest());
  v1::VerifyStoreResponse msg, last;
  ProgressBar bar("verifying", output.err);
  while (reader->Read(&msg)) {
    if (msg.done()) {
      last = msg;
    } else {
      bar.Update(msg.records_checked(), msg.records_total());
    }
  }
  bar.Done();
  grpc::Status s = reader->Finish();
  if (!s.ok()) return ReportError(global, s, output);
  return PrintResult(global, last.intact(), last.records_checked(),
                     last.first_bad_position(), last.message(),
                     last.head_hash(), output);
}

}  // namespace

std::vector<Command> AuditCommands() {
  return {
      {"audit verify-store",
       "Recompute every record hash and the hash chain of the whole store.",
       "concordia audit verify-store [--data_dir=DIR]\n"
       "Through the server (needs a system-wide auditor), or with --data_dir\n"
       "directly on a stopped server's data directory. Exits 0 when intact,\n"
       "1 when a record is damaged (its position is printed).\n"
       "Example:\n  concordia --as=auditor@corte-dei-conti audit verify-store",
       &RunVerifyStore},
  };
}

}  // namespace concordia::cli
