// RpcCommand: a CLI subcommand that is one typed call of the C++ client
// library (clients/cpp), with its request built from the command line.
//
// How a command line becomes a request (clients/cli/README.md has the table):
//  - `--file=request.json` (optional) is the request as proto JSON; it is
//    read first, then flags override its fields;
//  - `--NAME=VALUE` sets the request's top-level field NAME (dashes for
//    underscores); when there is no such field, NAME_id (so `--consortium`
//    sets consortium_id, `--session` session_id);
//  - scalars parse as their type; enums take the value's name with or
//    without the enum's prefix, case-insensitive (`--choice=yes` for
//    VOTE_CHOICE_YES); Date fields take YYYY-MM-DD; Timestamp fields take
//    RFC 3339 (2026-03-02T18:00:00+01:00); repeated scalars take a
//    comma-separated list; message fields take inline JSON or @FILE.json
//    (a JSON array for repeated messages);
//  - `--as-of=POSITION` sets as_of_position and `--on=DATE` sets as_of_date
//    on reads that have them; `--request-id` and `--expected-version` on
//    mutations that have them (a fresh request id by default);
//  - the command's required fields are checked before any call (exit 2).
// Output: a readable rendering of the response (tables for lists of
// records), or with --json the response as one JSON document. Errors: exit 1
// with the reason code and sentence for rule rejections, 3 for connection
// and authentication failures (clients/cli/channel.h).
//
// Thread-safety: single-threaded use by main().
//
// Example:
//   Command c = MakeRpcCommand(
//       "session vote", "Cast a member's vote on an item.",
//       "concordia session vote --consortium=c --body=b ...",
//       {"consortium_id", "body_id", "session_id", "item", "member_id",
//        "choice"},
//       &v1::SessionService::Stub::CastVote);
#ifndef CONCORDIA_CLIENTS_CLI_RPC_COMMAND_H_
#define CONCORDIA_CLIENTS_CLI_RPC_COMMAND_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/cli/command.h"
#include "clients/cpp/client.h"
#include "google/protobuf/message.h"

namespace concordia::cli {

// Fills `request` from `args` as described above; `required` names the
// fields (e.g. "consortium_id") that must be set. InvalidArgument
// naming the flag on any problem.
absl::Status BuildRequest(const CommandArgs& args,
                          const std::vector<std::string>& required,
                          google::protobuf::Message& request);

// The flag that sets `field` (consortium_id → consortium).
std::string FlagForField(const google::protobuf::FieldDescriptor& field);

// The usage text of a command calling with `request`: its required and
// optional flags, --file, and the example.
std::string RpcUsage(const std::string& name,
                     const google::protobuf::Descriptor& request,
                     const std::vector<std::string>& required,
                     const std::string& example);

// The field a flag sets, or null.
const google::protobuf::FieldDescriptor* FieldForFlag(
    const google::protobuf::Descriptor& descriptor, const std::string& flag);

// Prints `message` readably: "name: value" lines, nested messages indented,
// repeated records as tables.
void PrintReadable(const google::protobuf::Message& message, std::ostream& out);

// A client for the global options (TLS from --tls_dir, the principal, the
// timeout).
absl::StatusOr<std::unique_ptr<client::Client>> ConnectClient(
    const GlobalOptions& global);

// Prints a failed call's error and returns its exit code (0 never).
int ReportStatus(const GlobalOptions& global, const absl::Status& status,
                 Output& output);

// Prints the response of a successful call (readable or --json).
void PrintResponse(const GlobalOptions& global,
                   const google::protobuf::Message& response, Output& output);

// A Command that builds the request, calls `method` and prints the response.
template <typename Stub, typename Request, typename Response>
Command MakeRpcCommand(
    std::string name, std::string summary, std::string example,
    std::vector<std::string> required,
    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                 Response*)) {
  Command command;
  command.name = name;
  command.summary = std::move(summary);
  command.usage = RpcUsage(name, *Request::descriptor(), required, example);
  command.run = [name, required, method](const GlobalOptions& global,
                                         const CommandArgs& args,
                                         Output& output) -> int {
    Request request;
    if (absl::Status s = BuildRequest(args, required, request); !s.ok()) {
      output.err << "concordia " << name << ": " << s.message()
                 << "\nRun 'concordia " << name << " --help' for usage.\n";
      return kExitUsage;
    }
    auto client = ConnectClient(global);
    if (!client.ok()) {
      output.err << "concordia " << name << ": " << client.status().message()
                 << "\n";
      return kExitUsage;
    }
    absl::StatusOr<Response> response = (*client)->Call(method, request);
    if (!response.ok()) return ReportStatus(global, response.status(), output);
    PrintResponse(global, *response, output);
    return kExitOk;
  };
  return command;
}

}  // namespace concordia::cli

#endif  // CONCORDIA_CLIENTS_CLI_RPC_COMMAND_H_
