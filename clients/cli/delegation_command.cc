// `concordia function ...`: functions delegated by members (to the
// consortium or a lead ente), revocations, and who exercises a function on
// a date (DelegationService).
#include "clients/cli/commands.h"
#include "clients/cli/rpc_command.h"
#include "concordia/v1/delegation_service.grpc.pb.h"

namespace concordia::cli {

std::vector<Command> DelegationCommands() {
  using S = v1::DelegationService::Stub;
  return {
      MakeRpcCommand(
          "function delegate",
          "Delegate a member's function to the consortium or a lead ente, "
          "with its cost rule.",
          "concordia function delegate --consortium=cst-valli "
          "--member=ornica --function=ict-services "
          "--delegate='{\"kind\": \"EXERCISER_KIND_CONSORTIUM\"}' "
          "--effective-from=2024-01-01 "
          "--cost-sharing='{\"method\": \"COST_SHARING_METHOD_PER_INHABITANT\"}'",
          {"consortium_id", "member_id", "function", "delegate",
           "effective_from", "cost_sharing"},
          &S::DelegateFunction),
      MakeRpcCommand(
          "function revoke", "Revoke a delegation from a date, by an act.",
          "concordia function revoke --consortium=cst-valli --member=ornica "
          "--function=ict-services --effective-from=2027-01-01 "
          "--act=@consiglio-ornica.json",
          {"consortium_id", "member_id", "function", "effective_from", "act"},
          &S::RevokeDelegation),
      MakeRpcCommand(
          "function show", "Show a member's delegation of a function.",
          "concordia function show --consortium=cst-valli --member=ornica "
          "--function=ict-services",
          {"consortium_id", "member_id", "function"}, &S::GetDelegation),
      MakeRpcCommand(
          "function who",
          "Who exercises a member's function on a date.",
          "concordia function who --consortium=cst-valli --member=ornica "
          "--function=ict-services --on=2025-05-01",
          {"consortium_id", "member_id", "function"}, &S::GetExerciser),
  };
}

}  // namespace concordia::cli
