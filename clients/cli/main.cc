// concordia: the command line of Concordia. See `concordia --help`.
#include <iostream>
#include <string>
#include <vector>

#include "clients/cli/command.h"
#include "clients/cli/commands.h"

namespace concordia::cli {

std::vector<Command> AllCommands() {
  std::vector<Command> all = {HealthCommand()};
  for (auto group :
       {ConsortiumCommands(), SessionCommands(), DeliberationCommands(),
        AccordCommands(), DelegationCommands(), ProgrammeCommands(),
        ProjectCommands(), ActCommands(), QueryCommands(), EventCommands(),
        AdminCommands(), AuditCommands(), AuditBundleCommands(),
        DemoCommands()}) {
    all.insert(all.end(), group.begin(), group.end());
  }
  return all;
}

}  // namespace concordia::cli

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  concordia::cli::Output output{std::cout, std::cerr};
  return concordia::cli::RunCli(args, concordia::cli::AllCommands(), output);
}
