// The table of the concordia CLI's subcommands, one factory per command file.
//
// Thread-safety: factories build fresh values.
//
// Example:
//   std::vector<Command> all = AllCommands();
#ifndef CONCORDIA_CLIENTS_CLI_COMMANDS_H_
#define CONCORDIA_CLIENTS_CLI_COMMANDS_H_

#include <vector>

#include "clients/cli/command.h"

namespace concordia::cli {

Command HealthCommand();
std::vector<Command> EventCommands();
std::vector<Command> AdminCommands();
std::vector<Command> AuditCommands();
std::vector<Command> AuditBundleCommands();
std::vector<Command> ConsortiumCommands();
std::vector<Command> SessionCommands();
std::vector<Command> DeliberationCommands();
std::vector<Command> AccordCommands();
std::vector<Command> DelegationCommands();
std::vector<Command> ProgrammeCommands();
std::vector<Command> ProjectCommands();
std::vector<Command> DemoCommands();
std::vector<Command> ActCommands();
// The read commands over the read models (QueryService).
std::vector<Command> QueryCommands();

// Every subcommand, in the order `concordia --help` lists them.
std::vector<Command> AllCommands();

}  // namespace concordia::cli

#endif  // CONCORDIA_CLIENTS_CLI_COMMANDS_H_
