// `concordia programme|procurement|needs|purchase ...`: programmes (Piano di
// Zona, purchasing programmes), procurement rules, annual needs of members,
// joint tenders and purchases (ProgrammeService).
#include "clients/cli/commands.h"
#include "clients/cli/rpc_command.h"
#include "concordia/v1/programme_service.grpc.pb.h"

namespace concordia::cli {

std::vector<Command> ProgrammeCommands() {
  using S = v1::ProgrammeService::Stub;
  const std::string e = "--consortium=estar ";
  return {
      MakeRpcCommand(
          "programme draft",
          "Draft a programme (Piano di Zona, purchasing programme, ...).",
          "concordia programme draft --consortium=sudestmilano "
          "--programme=pdz-2025-2027 --kind=piano-di-zona "
          "--title='Piano di Zona 2025-2027' --first-year=2025 "
          "--last-year=2027",
          {"consortium_id", "programme_id", "kind", "title", "first_year"},
          &S::DraftProgramme),
      MakeRpcCommand(
          "programme item", "Add an item to a draft programme.",
          "concordia programme item --consortium=sudestmilano "
          "--programme=pdz-2025-2027 --item=@item.json",
          {"consortium_id", "programme_id", "item"}, &S::AddProgrammeItem),
      MakeRpcCommand(
          "programme remove-item", "Remove an item from a draft programme.",
          "concordia programme remove-item --consortium=sudestmilano "
          "--programme=pdz-2025-2027 --item=sad",
          {"consortium_id", "programme_id", "item_id"},
          &S::RemoveProgrammeItem),
      MakeRpcCommand(
          "programme adopt",
          "Adopt a programme by a body's executive deliberation.",
          "concordia programme adopt --consortium=sudestmilano "
          "--body=assemblea --programme=pdz-2025-2027 --proposal=p-2025-3",
          {"consortium_id", "body_id", "programme_id", "proposal_id"},
          &S::AdoptProgramme),
      MakeRpcCommand(
          "programme update",
          "Update an adopted programme by a deliberation (items added, "
          "removed).",
          "concordia programme update --consortium=estar --body=assemblea "
          "--programme=acquisti-2026-2027 --proposal=p-2026-12 "
          "--items=@new-items.json --removed-items=lotto-7",
          {"consortium_id", "body_id", "programme_id", "proposal_id"},
          &S::UpdateProgramme),
      MakeRpcCommand(
          "programme show", "Show a programme and its items in force on a date.",
          "concordia programme show --consortium=sudestmilano "
          "--programme=pdz-2025-2027 --on=2026-01-01",
          {"consortium_id", "programme_id"}, &S::GetProgramme),
      MakeRpcCommand(
          "procurement rules",
          "Set the procurement rules (thresholds for the programme).",
          "concordia procurement rules " + e +
              "--rules=@rules.json --effective-from=2025-01-01",
          {"consortium_id", "rules", "effective_from"},
          &S::SetProcurementRules),
      MakeRpcCommand(
          "procurement authority",
          "Register a qualified contracting authority.",
          "concordia procurement authority " + e +
              "--authority=@authority.json --effective-from=2025-01-01",
          {"consortium_id", "authority", "effective_from"},
          &S::RegisterContractingAuthority),
      MakeRpcCommand(
          "procurement show",
          "Show the procurement rules and authorities in force on a date.",
          "concordia procurement show " + e + "--on=2026-01-01",
          {"consortium_id"}, &S::GetProcurementRules),
      MakeRpcCommand(
          "needs open", "Open the collection of the members' annual needs.",
          "concordia needs open " + e + "--year=2027 --deadline=2026-10-31",
          {"consortium_id", "year", "deadline"}, &S::OpenNeedsCollection),
      MakeRpcCommand(
          "needs submit", "Submit a member's annual need (amount in cents).",
          "concordia --as=provveditorato@asl-toscana-centro needs submit " + e +
              "--year=2027 --need=tc-guanti --member=asl-toscana-centro "
              "--category=dpi --kind=goods --description='Guanti in nitrile' "
              "--quantity=2000000 --unit=pezzi --amount-cents=16000000",
          {"consortium_id", "year", "need_id", "member_id", "category", "kind",
           "description", "quantity", "amount_cents"},
          &S::SubmitNeed),
      MakeRpcCommand(
          "needs withdraw", "Withdraw a submitted need.",
          "concordia needs withdraw " + e +
              "--year=2027 --need=tc-guanti --member=asl-toscana-centro",
          {"consortium_id", "year", "need_id", "member_id"}, &S::WithdrawNeed),
      MakeRpcCommand(
          "needs aggregate", "Aggregate needs into one joint tender.",
          "concordia needs aggregate " + e +
              "--year=2027 --tender=gara-dpi-2027 --title='DPI 2027' "
              "--needs=tc-guanti,no-guanti,se-guanti",
          {"consortium_id", "year", "tender_id", "title", "need_ids"},
          &S::AggregateNeeds),
      MakeRpcCommand(
          "needs show", "Show a year's needs, by member and category.",
          "concordia needs show " + e + "--year=2027",
          {"consortium_id", "year"}, &S::GetNeeds),
      MakeRpcCommand(
          "purchase start",
          "Start a purchase (above the threshold it must be in the "
          "programme).",
          "concordia purchase start " + e +
              "--year=2027 --purchase=acq-dpi-2027 --title='DPI 2027' "
              "--kind=goods --amount-cents=48000000 --tender=gara-dpi-2027 "
              "--programme=acquisti-2026-2027 --item=dpi --authority=estar",
          {"consortium_id", "year", "purchase_id", "title", "kind",
           "amount_cents", "authority_id"},
          &S::StartPurchase),
  };
}

}  // namespace concordia::cli
