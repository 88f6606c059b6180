// `concordia session ...`: convening a session, its agenda, roll call,
// conflicts of interest, votes, proclamations (SessionService).
#include "clients/cli/commands.h"
#include "clients/cli/rpc_command.h"
#include "concordia/v1/session_service.grpc.pb.h"

namespace concordia::cli {

std::vector<Command> SessionCommands() {
  using S = v1::SessionService::Stub;
  const std::vector<std::string> session = {"consortium_id", "body_id",
                                            "session_id"};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> all = session;
    all.insert(all.end(), more.begin(), more.end());
    return all;
  };
  return {
      MakeRpcCommand(
          "session convene",
          "Convene a session of a body with its agenda (the statute's notice "
          "applies; --notice-delivered-time records a convocation sent "
          "earlier outside Concordia, so a past session can be transcribed).",
          "concordia session convene --consortium=sudestmilano "
          "--body=assemblea --session=2026-12-15-ordinaria --kind=ordinary "
          "--session-time=2026-12-15T18:00:00+01:00 --items=@agenda.json\n"
          "  (agenda.json: [{\"title\": \"Bilancio 2027\", \"proposal_id\": "
          "\"p-2026-40\"}])",
          with({"kind", "session_time"}), &S::ConveneSession),
      MakeRpcCommand(
          "session add-item", "Add an item to a convened session's agenda.",
          "concordia session add-item --consortium=sudestmilano "
          "--body=assemblea --session=2026-12-15-ordinaria "
          "--item='{\"title\": \"Comunicazioni\"}'",
          with({"item"}), &S::AddAgendaItem),
      MakeRpcCommand(
          "session attend",
          "Record the roll call: the members present (and who attended for "
          "them).",
          "concordia session attend --consortium=sudestmilano "
          "--body=assemblea --session=2026-12-15-ordinaria "
          "--present-members=melegnano,san-donato,san-giuliano",
          session, &S::RecordAttendance),
      MakeRpcCommand(
          "session delegate",
          "Appoint a person to represent a member in one session.",
          "concordia session delegate --consortium=sudestmilano "
          "--body=assemblea --session=2026-12-15-ordinaria --member=dresano "
          "--person=assessore@dresano",
          with({"member_id", "person"}), &S::AppointSessionDelegate),
      MakeRpcCommand(
          "session conflict",
          "Declare a member's conflict of interest on an item (it abstains "
          "from the vote).",
          "concordia session conflict --consortium=sudestmilano "
          "--body=assemblea --session=2026-12-15-ordinaria --item=2 "
          "--member=colturano",
          with({"item", "member_id"}), &S::DeclareConflict),
      MakeRpcCommand(
          "session vote", "Cast a member's vote on an item.",
          "concordia --as=sindaco@melegnano session vote "
          "--consortium=sudestmilano --body=assemblea "
          "--session=2026-12-15-ordinaria --item=1 --member=melegnano "
          "--choice=in-favour",
          with({"item", "member_id", "choice"}), &S::CastVote),
      MakeRpcCommand(
          "session proclaim",
          "Proclaim an item's outcome (numbers the deliberation when "
          "approved).",
          "concordia --as=segretario@sudestmilano session proclaim "
          "--consortium=sudestmilano --body=assemblea "
          "--session=2026-12-15-ordinaria --item=1",
          with({"item"}), &S::ProclaimItem),
      MakeRpcCommand(
          "session defer", "Defer an item to a later session.",
          "concordia session defer --consortium=sudestmilano "
          "--body=assemblea --session=2026-12-15-ordinaria --item=3 "
          "--reason='documents not available'",
          with({"item", "reason"}), &S::DeferItem),
      MakeRpcCommand(
          "session close", "Close a session.",
          "concordia session close --consortium=sudestmilano "
          "--body=assemblea --session=2026-12-15-ordinaria",
          session, &S::CloseSession),
      MakeRpcCommand(
          "session show",
          "Show a session: agenda, attendance, quorum, votes and outcomes.",
          "concordia session show --consortium=sudestmilano "
          "--session=2026-12-15-ordinaria [--as-of=POSITION]",
          {"consortium_id", "session_id"}, &S::GetSession),
  };
}

}  // namespace concordia::cli
