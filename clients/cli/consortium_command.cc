// `concordia consortium|member|shares|body ...`: consortia, their members and
// shares, statutes, bodies and designations (ConsortiumService).
#include "clients/cli/commands.h"
#include "clients/cli/rpc_command.h"
#include "concordia/v1/consortium_service.grpc.pb.h"

namespace concordia::cli {

std::vector<Command> ConsortiumCommands() {
  using S = v1::ConsortiumService::Stub;
  return {
      MakeRpcCommand(
          "consortium register",
          "Register a consortium with its statute and founders.",
          "concordia consortium register --file=sudestmilano.json\n"
          "  (sudestmilano.json: a RegisterConsortiumRequest, e.g. "
          "{\"consortium_id\": \"sudestmilano\", \"legal_form\": "
          "\"LEGAL_FORM_CONVENZIONE\", \"statute\": {...}, \"founders\": "
          "[...]})",
          {"consortium_id", "legal_form", "name", "seat_comune",
           "constituted_on", "statute", "founders"},
          &S::RegisterConsortium),
      MakeRpcCommand(
          "consortium show",
          "Show a consortium: its members, bodies and statute version.",
          "concordia consortium show --consortium=sudestmilano --on=2024-06-30",
          {"consortium_id"}, &S::GetConsortium),
      MakeRpcCommand(
          "consortium statute",
          "Show the statute in force on a date.",
          "concordia consortium statute --consortium=sudestmilano "
          "--on=2025-01-01",
          {"consortium_id"}, &S::GetStatute),
      MakeRpcCommand(
          "consortium shares",
          "Show the members' shares in force on a date.",
          "concordia consortium shares --consortium=sds-pistoiese "
          "--on=2016-12-31",
          {"consortium_id"}, &S::GetShares),
      MakeRpcCommand(
          "consortium adopt-statute",
          "Record a new statute, adopted by a deliberation.",
          "concordia consortium adopt-statute --consortium=sudestmilano "
          "--statute=@statute.json --effective-from=2025-01-01 "
          "--authorised-by=@act.json",
          {"consortium_id", "statute", "effective_from", "authorised_by"},
          &S::AdoptStatute),
      MakeRpcCommand(
          "member admit",
          "Admit a member with the new share table.",
          "concordia member admit --consortium=sudestmilano "
          "--member=vizzolo --name='Comune di Vizzolo Predabissi' "
          "--kind=comune --effective-from=2025-01-01 --shares=@shares.json "
          "--authorised-by=@act.json",
          {"consortium_id", "member_id", "name", "kind", "effective_from",
           "shares", "authorised_by"},
          &S::AdmitMember),
      MakeRpcCommand(
          "member withdraw",
          "Record a member's withdrawal with the new share table.",
          "concordia member withdraw --consortium=sudestmilano "
          "--member=colturano --effective-from=2027-01-01 "
          "--shares=@shares.json --authorised-by=@act.json",
          {"consortium_id", "member_id", "effective_from", "shares",
           "authorised_by"},
          &S::WithdrawMember),
      MakeRpcCommand(
          "member succession",
          "Record a merger of comuni: the successor takes the predecessors' "
          "place.",
          "concordia member succession --consortium=sds-pistoiese "
          "--predecessors=abetone,cutigliano --successor=abetone-cutigliano "
          "--successor-name='Comune di Abetone Cutigliano' "
          "--effective-from=2017-01-01",
          {"consortium_id", "predecessor_ids", "successor_id",
           "successor_name", "effective_from"},
          &S::RecordSuccession),
      MakeRpcCommand(
          "shares change",
          "Change the share table, by a deliberation.",
          "concordia shares change --consortium=sudestmilano "
          "--effective-from=2026-01-01 --shares=@shares.json "
          "--authorised-by=@act.json",
          {"consortium_id", "effective_from", "shares", "authorised_by"},
          &S::ChangeShares),
      MakeRpcCommand(
          "body create", "Create a body (Assemblea, Tavolo, Ufficio di Piano).",
          "concordia body create --consortium=sudestmilano --body=assemblea "
          "--kind=assemblea --name='Assemblea dei Sindaci'",
          {"consortium_id", "body_id", "kind", "name"}, &S::CreateBody),
      MakeRpcCommand(
          "body show", "Show a body and who sits on it on a date.",
          "concordia body show --consortium=sudestmilano --body=assemblea "
          "--on=2025-03-01",
          {"consortium_id", "body_id"}, &S::GetBody),
      MakeRpcCommand(
          "body designate", "Designate a person to sit on a body.",
          "concordia body designate --consortium=sudestmilano "
          "--body=assemblea --member=melegnano --person=sindaco@melegnano "
          "--voting=true --effective-from=2026-01-01",
          {"consortium_id", "body_id", "person", "effective_from"},
          &S::DesignateBodyMember),
      MakeRpcCommand(
          "body revoke", "Revoke a person's designation to a body.",
          "concordia body revoke --consortium=sudestmilano --body=assemblea "
          "--member=melegnano --person=sindaco@melegnano "
          "--effective-from=2026-06-01",
          {"consortium_id", "body_id", "person", "effective_from"},
          &S::RevokeBodyMember),
  };
}

}  // namespace concordia::cli
