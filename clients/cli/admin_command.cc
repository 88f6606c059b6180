// `concordia admin ...`: role grants.
#include <ostream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/channel.h"
#include "clients/cli/commands.h"
#include "clients/cli/flags.h"
#include "clients/cli/table.h"
#include "concordia/v1/admin.grpc.pb.h"

namespace concordia::cli {
namespace {

// "secretary" or "ROLE_SECRETARY" → the enum value.
bool ParseRole(const std::string& text, v1::Role* role) {
  std::string upper = absl::AsciiStrToUpper(text);
  for (char& c : upper) {
    if (c == '-') c = '_';
  }
  if (upper.rfind("ROLE_", 0) != 0) upper = "ROLE_" + upper;
  return v1::Role_Parse(upper, role) && *role != v1::ROLE_UNSPECIFIED;
}

std::string RoleName(v1::Role role) {
  std::string name = absl::AsciiStrToLower(v1::Role_Name(role).substr(5));
  for (char& c : name) {
    if (c == '_') c = '-';
  }
  return name;
}

int RunChange(const GlobalOptions& global, const CommandArgs& args,
              Output& output, bool grant) {
  const std::string command = grant ? "admin grant" : "admin revoke";
  FlagReader f(args);
  const std::string consortium = f.Optional("consortium");
  const std::string principal = f.Required("principal");
  const std::string role_text = f.Required("role");
  const std::string scope = f.Optional("scope");
  const std::string request_id = f.Optional("request-id", NewRequestId());
  if (absl::Status s = f.Finish(); !s.ok()) return UsageError(s, command, output);
  v1::Role role;
  if (!ParseRole(role_text, &role)) {
    return UsageError(
        absl::InvalidArgumentError(absl::StrCat(
            "--role: '", role_text,
            "' is not one of administrator, member-delegate, secretary, "
            "ufficio-di-piano, regional-system, auditor")),
        command, output);
  }
  auto channel = OpenChannel(global);
  if (!channel.ok()) return UsageError(channel.status(), command, output);
  auto stub = v1::AdminService::NewStub(*channel);
  v1::RoleGrant g;
  g.set_consortium_id(consortium);
  g.set_principal(principal);
  g.set_role(role);
  g.set_scope(scope);
  grpc::ClientContext ctx;
  PrepareContext(global, ctx);
  uint64_t position = 0;
  grpc::Status s;
  if (grant) {
    v1::GrantRoleRequest req;
    req.set_request_id(request_id);
    *req.mutable_grant() = g;
    v1::GrantRoleResponse resp;
    s = stub->GrantRole(&ctx, req, &resp);
    position = resp.log_position();
  } else {
    v1::RevokeRoleRequest req;
    req.set_request_id(request_id);
    *req.mutable_grant() = g;
    v1::RevokeRoleResponse resp;
    s = stub->RevokeRole(&ctx, req, &resp);
    position = resp.log_position();
  }
  if (!s.ok()) return ReportError(global, s, output);
  if (global.json) {
    output.out << "{\"log_position\": " << position << "}\n";
  } else {
    output.out << (grant ? "granted " : "revoked ") << RoleName(role)
               << (scope.empty() ? "" : " (" + scope + ")")
               << (grant ? " to " : " from ") << principal << " in "
               << (consortium.empty() ? "the whole system" : consortium)
               << " at log position " << position << "\n";
  }
  return kExitOk;
}

int RunGrant(const GlobalOptions& g, const CommandArgs& a, Output& o) {
  return RunChange(g, a, o, true);
}
int RunRevoke(const GlobalOptions& g, const CommandArgs& a, Output& o) {
  return RunChange(g, a, o, false);
}

int RunGrants(const GlobalOptions& global, const CommandArgs& args,
              Output& output) {
  FlagReader f(args);
  const std::string consortium = f.Optional("consortium");
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "admin grants", output);
  }
  auto channel = OpenChannel(global);
  if (!channel.ok()) return UsageError(channel.status(), "admin grants", output);
  auto stub = v1::AdminService::NewStub(*channel);
  v1::ListRoleGrantsRequest req;
  req.set_consortium_id(consortium);
  v1::ListRoleGrantsResponse resp;
  grpc::ClientContext ctx;
  PrepareContext(global, ctx);
  grpc::Status s = stub->ListRoleGrants(&ctx, req, &resp);
  if (!s.ok()) return ReportError(global, s, output);
  if (global.json) {
    output.out << ToJson(resp) << "\n";
    return kExitOk;
  }
  Table table({"PRINCIPAL", "ROLE", "SCOPE"});
  for (const v1::RoleGrant& g : resp.grants()) {
    table.AddRow({g.principal(), RoleName(g.role()), g.scope()});
  }
  table.Print(output.out);
  output.out << resp.grants_size() << " grant(s) in "
             << (consortium.empty() ? "the whole system" : consortium)
             << " as of log position " << resp.log_position() << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> AdminCommands() {
  return {
      {"admin grant",
       "Grant a role to a principal (an administrator's task).",
       "concordia admin grant --principal=NAME --role=ROLE [--consortium=ID]\n"
       "       [--scope=MEMBER_OR_BODY] [--request-id=ID]\n"
       "Roles: administrator, member-delegate (scope: member id), secretary\n"
       "(scope: body id), ufficio-di-piano, regional-system, auditor. Without\n"
       "--consortium the grant is system-wide.\n"
       "Example:\n  concordia admin grant --consortium=sudestmilano "
       "--principal=sindaco@melegnano --role=member-delegate --scope=melegnano",
       &RunGrant},
      {"admin revoke",
       "Revoke a role grant.",
       "concordia admin revoke --principal=NAME --role=ROLE [--consortium=ID] "
       "[--scope=ID]\n"
       "Example:\n  concordia admin revoke --consortium=sudestmilano "
       "--principal=sindaco@melegnano --role=member-delegate --scope=melegnano",
       &RunRevoke},
      {"admin grants",
       "List the role grants in force.",
       "concordia admin grants [--consortium=ID]\n"
       "Example:\n  concordia admin grants --consortium=sudestmilano",
       &RunGrants},
  };
}

}  // namespace concordia::cli
