// `concordia act ...`: acts of any kind run by the statute's workflows —
// start, perform an action, attach an opinion, show, list the kinds in
// force (ActService).
#include "clients/cli/commands.h"
#include "clients/cli/rpc_command.h"
#include "concordia/v1/act_service.grpc.pb.h"

namespace concordia::cli {

std::vector<Command> ActCommands() {
  using S = v1::ActService::Stub;
  const std::string a =
      "--consortium=sudestmilano --act-kind=tavolo-opinion --act=p-7-tt ";
  return {
      MakeRpcCommand(
          "act start",
          "Start an act of a kind the statute's workflows define.",
          "concordia act start " + a +
              "--title='Parere sul Piano di Zona' --body=tavolo-tecnico "
              "--subject='{\"act_kind\": \"deliberation\", \"act_id\": "
              "\"p-7\"}'",
          {"consortium_id", "act_kind", "act_id", "title"}, &S::StartAct),
      MakeRpcCommand(
          "act do", "Perform an action (a transition) on an act.",
          "concordia act do " + a +
              "--action=give --favourable=true --note='Parere favorevole'",
          {"consortium_id", "act_kind", "act_id", "action"},
          &S::PerformAction),
      MakeRpcCommand(
          "act opinion", "Attach an opinion to an act, as one of its givers.",
          "concordia act opinion --consortium=sudestmilano "
          "--act-kind=deliberation --act=p-7 --opinion=tavolo-tecnico "
          "--body=tavolo-tecnico --favourable=true --text='Parere favorevole'",
          {"consortium_id", "act_kind", "act_id", "opinion"},
          &S::AttachOpinion),
      MakeRpcCommand(
          "act get",
          "Show an act: state, actions (who, role, when), opinions, deadline.",
          "concordia act get " + a + "--as-of=1200 --on=2026-03-10",
          {"consortium_id", "act_kind", "act_id"}, &S::GetAct),
      MakeRpcCommand(
          "act kinds",
          "List the kinds of act and their workflows in force on a date.",
          "concordia act kinds --consortium=sudestmilano "
          "--effective-date=2026-03-10",
          {"consortium_id"}, &S::ListActKinds),
      MakeRpcCommand(
          "act workflow",
          "Show the workflow of one kind of act in force on a date: states, "
          "actions, who performs them, deadlines.",
          "concordia act workflow --consortium=sudestmilano "
          "--act-kind=accesso-atti --effective-date=2026-03-10",
          {"consortium_id", "act_kind"}, &S::GetWorkflowDefinition),
  };
}

}  // namespace concordia::cli
