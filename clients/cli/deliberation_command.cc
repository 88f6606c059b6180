// `concordia proposal|deliberation ...`: proposals, opinions, publication on
// the albo, interruption, revocation and annulment (DeliberationService).
#include "clients/cli/commands.h"
#include "clients/cli/rpc_command.h"
#include "concordia/v1/deliberation_service.grpc.pb.h"

namespace concordia::cli {

std::vector<Command> DeliberationCommands() {
  using S = v1::DeliberationService::Stub;
  return {
      MakeRpcCommand(
          "proposal draft", "Draft a proposal of deliberation for a body.",
          "concordia proposal draft --consortium=sudestmilano "
          "--body=assemblea --proposal=p-2026-40 --act-kind=budget "
          "--title='Bilancio di previsione 2027' --financial-effects=true",
          {"consortium_id", "body_id", "proposal_id", "act_kind", "title"},
          &S::DraftProposal),
      MakeRpcCommand(
          "proposal opinion",
          "Give an opinion on a proposal (technical, accounting, ...).",
          "concordia proposal opinion --consortium=sudestmilano "
          "--proposal=p-2026-40 --kind=technical --favourable=true "
          "--given-by=responsabile@sudestmilano",
          {"consortium_id", "proposal_id", "kind"}, &S::GiveOpinion),
      MakeRpcCommand(
          "proposal show",
          "Show a proposal or deliberation: opinions, number, albo, "
          "executivity.",
          "concordia proposal show --consortium=sudestmilano "
          "--proposal=p-2026-40 --on=2027-01-10",
          {"consortium_id", "proposal_id"}, &S::GetDeliberation),
      MakeRpcCommand(
          "deliberation show",
          "Show a deliberation: number, albo window, executivity, in force "
          "on a date.",
          "concordia deliberation show --consortium=sudestmilano "
          "--proposal=p-2026-40 --on=2027-01-10 [--as-of=POSITION]",
          {"consortium_id", "proposal_id"}, &S::GetDeliberation),
      MakeRpcCommand(
          "deliberation publish",
          "Publish an adopted deliberation on the albo from a day.",
          "concordia deliberation publish --consortium=sudestmilano "
          "--body=assemblea --proposal=p-2026-40 --first-day=2026-12-17",
          {"consortium_id", "body_id", "proposal_id", "first_day"},
          &S::PublishDeliberation),
      MakeRpcCommand(
          "deliberation interrupt",
          "Record an interruption of the albo publication (the window is "
          "extended).",
          "concordia deliberation interrupt --consortium=sudestmilano "
          "--body=assemblea --proposal=p-2026-40 --days=2 "
          "--reason='albo online unavailable'",
          {"consortium_id", "body_id", "proposal_id", "days", "reason"},
          &S::InterruptPublication),
      MakeRpcCommand(
          "deliberation revoke",
          "Revoke a deliberation by a later one (from a date).",
          "concordia deliberation revoke --consortium=sudestmilano "
          "--body=assemblea --proposal=p-2026-40 --by-proposal=p-2027-3 "
          "--effective-from=2027-03-01",
          {"consortium_id", "body_id", "proposal_id", "by_proposal_id",
           "effective_from"},
          &S::RevokeDeliberation),
      MakeRpcCommand(
          "deliberation annul",
          "Annul a deliberation by a later one (self-remedy, from a date).",
          "concordia deliberation annul --consortium=sudestmilano "
          "--body=assemblea --proposal=p-2026-40 --by-proposal=p-2027-4 "
          "--effective-from=2026-12-15",
          {"consortium_id", "body_id", "proposal_id", "by_proposal_id",
           "effective_from"},
          &S::AnnulDeliberation),
  };
}

}  // namespace concordia::cli
