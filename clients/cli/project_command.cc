// `concordia project ...`: funded projects, expenses, reports and cost
// allocations (ProjectService).
#include "clients/cli/commands.h"
#include "clients/cli/rpc_command.h"
#include "concordia/v1/project_service.grpc.pb.h"

namespace concordia::cli {

std::vector<Command> ProjectCommands() {
  using S = v1::ProjectService::Stub;
  const std::string p = "--consortium=sds-pistoiese --project=udp-2022-2024 ";
  return {
      MakeRpcCommand(
          "project register",
          "Register a funded project with its budget, dates and reporting.",
          "concordia project register --file=udp-2022-2024.json\n"
          "  (a RegisterProjectRequest: project_id, title, funding, "
          "budget_cents, starts_on, ends_on, participant_ids, reporting)",
          {"consortium_id", "project_id", "title", "funding", "budget_cents",
           "starts_on", "ends_on", "participant_ids"},
          &S::RegisterProject),
      MakeRpcCommand(
          "project expense", "Record an expense of a project (in cents).",
          "concordia project expense " + p +
              "--expense=fatt-2024-118 --incurred-on=2024-05-10 "
              "--amount-cents=1250000 --category=personale",
          {"consortium_id", "project_id", "expense_id", "incurred_on",
           "amount_cents", "category"},
          &S::RecordExpense),
      MakeRpcCommand(
          "project report", "Submit a project's report (periodic or final).",
          "concordia project report " + p +
              "--report=final --summary='Relazione finale'",
          {"consortium_id", "project_id", "report_id"}, &S::SubmitReport),
      MakeRpcCommand(
          "project allocate",
          "Allocate a period's costs among the participants.",
          "concordia project allocate " + p +
              "--allocation=2024 --period-from=2024-01-01 "
              "--period-to=2024-12-31",
          {"consortium_id", "project_id", "allocation_id", "period_from",
           "period_to"},
          &S::AllocateCosts),
      MakeRpcCommand(
          "project show",
          "Show a project: budget, expenses, reports due and overdue.",
          "concordia project show " + p + "--on=2025-03-01",
          {"consortium_id", "project_id"}, &S::GetProject),
  };
}

}  // namespace concordia::cli
