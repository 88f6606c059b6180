#include "clients/cli/command.h"

#include <algorithm>
#include <cstdlib>
#include <ostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/common/version.h"

namespace concordia::cli {
namespace {

// Global options that take a value.
bool IsGlobalValueFlag(const std::string& name) {
  return name == "server" || name == "timeout" || name == "as" ||
         name == "tls_dir";
}

absl::Status ApplyGlobal(const std::string& name, const std::string& value,
                         GlobalOptions& global) {
  if (name == "server") {
    if (value.empty()) {
      return absl::InvalidArgumentError("--server needs HOST:PORT");
    }
    global.server = value;
  } else if (name == "as") {
    if (value.empty()) {
      return absl::InvalidArgumentError("--as needs a principal's name");
    }
    global.principal = value;
  } else if (name == "tls_dir") {
    global.tls_dir = value;
  } else if (name == "timeout") {
    absl::Duration d;
    if (!absl::ParseDuration(value, &d) || d <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--timeout: '", value,
                       "' is not a positive duration such as 10s or 2m"));
    }
    global.timeout = d;
  }
  return absl::OkStatus();
}

void PrintTopUsage(const std::vector<Command>& commands, std::ostream& out) {
  out << "concordia " << kVersion
      << ": the command line of Concordia, the governance engine of\n"
         "intermunicipal consortia.\n\n"
         "Usage: concordia [--server=HOST:PORT] [--as=PRINCIPAL] "
         "[--tls_dir=DIR] [--json] COMMAND [ARGS]\n\n"
         "Commands:\n";
  size_t width = 0;
  for (const Command& c : commands) width = std::max(width, c.name.size());
  for (const Command& c : commands) {
    out << "  " << c.name << std::string(width + 2 - c.name.size(), ' ')
        << c.summary << "\n";
  }
  out << "\nGlobal options:\n"
         "  --server=HOST:PORT  the server (default $CONCORDIA_SERVER or "
         "127.0.0.1:7411)\n"
         "  --json              print machine-readable JSON\n"
         "  --timeout=DURATION  give up after this long (default 10s)\n"
         "  --as=PRINCIPAL      who you are ($CONCORDIA_PRINCIPAL)\n"
         "  --tls_dir=DIR       mutual TLS with DIR/ca.crt and DIR/PRINCIPAL.crt/.key\n"
         "                      ($CONCORDIA_TLS_DIR; see deploy/certs.sh)\n\n"
         "Exit codes: 0 done, 1 rejected by a rule, 2 usage error, "
         "3 connection or authentication failure.\n"
         "Run 'concordia COMMAND --help' for a command's usage and an example.\n";
}

}  // namespace

absl::StatusOr<ParsedCommandLine> ParseCommandLine(
    const std::vector<std::string>& argv) {
  ParsedCommandLine parsed;
  if (const char* env = std::getenv("CONCORDIA_SERVER"); env && *env) {
    parsed.global.server = env;
  }
  if (const char* env = std::getenv("CONCORDIA_PRINCIPAL"); env && *env) {
    parsed.global.principal = env;
  }
  if (const char* env = std::getenv("CONCORDIA_TLS_DIR"); env && *env) {
    parsed.global.tls_dir = env;
  }
  size_t i = 0;
  // Global options come before the command name.
  for (; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (!absl::StartsWith(a, "-")) break;
    if (a == "--help" || a == "-h") {
      parsed.help = true;
      continue;
    }
    if (a == "--json") {
      parsed.global.json = true;
      continue;
    }
    if (!absl::StartsWith(a, "--")) {
      return absl::InvalidArgumentError(absl::StrCat("unknown option ", a));
    }
    std::string name = a.substr(2), value;
    const size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (IsGlobalValueFlag(name)) {
      if (i + 1 >= argv.size()) {
        return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
      }
      value = argv[++i];
    }
    if (!IsGlobalValueFlag(name)) {
      return absl::InvalidArgumentError(absl::StrCat("unknown option --", name));
    }
    if (absl::Status s = ApplyGlobal(name, value, parsed.global); !s.ok()) {
      return s;
    }
  }
  if (i < argv.size()) parsed.command = argv[i++];
  // Command arguments; global options are accepted here too.
  for (; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") {
      for (++i; i < argv.size(); ++i) parsed.args.positional.push_back(argv[i]);
      break;
    }
    if (a == "--help" || a == "-h") {
      parsed.args.help = true;
      continue;
    }
    if (a == "--json") {
      parsed.global.json = true;
      continue;
    }
    if (absl::StartsWith(a, "--") && a.size() > 2) {
      std::string name = a.substr(2), value;
      const size_t eq = name.find('=');
      bool has_value = eq != std::string::npos;
      if (has_value) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (IsGlobalValueFlag(name)) {
        if (!has_value) {
          if (i + 1 >= argv.size()) {
            return absl::InvalidArgumentError(
                absl::StrCat("--", name, " needs a value"));
          }
          value = argv[++i];
        }
        if (absl::Status s = ApplyGlobal(name, value, parsed.global); !s.ok()) {
          return s;
        }
        continue;
      }
      // A flag without '=' takes the next token as its value unless that
      // token is itself an option; then it is a switch ("true").
      if (!has_value) {
        if (i + 1 < argv.size() && !absl::StartsWith(argv[i + 1], "--")) {
          value = argv[++i];
        } else {
          value = "true";
        }
      }
      if (parsed.args.flags.count(name) > 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("option --", name, " given twice"));
      }
      parsed.args.flags[name] = value;
      continue;
    }
    parsed.args.positional.push_back(a);
  }
  return parsed;
}

int RunCli(const std::vector<std::string>& argv,
           const std::vector<Command>& commands, Output& output) {
  absl::StatusOr<ParsedCommandLine> parsed = ParseCommandLine(argv);
  if (!parsed.ok()) {
    output.err << "concordia: " << parsed.status().message()
               << "\nRun 'concordia --help' for usage.\n";
    return kExitUsage;
  }
  if (parsed->command.empty() || parsed->command == "help") {
    if (parsed->command == "help" && !parsed->args.positional.empty()) {
      std::string wanted = parsed->args.positional[0];
      if (parsed->args.positional.size() > 1) {
        wanted += " " + parsed->args.positional[1];
      }
      for (const Command& c : commands) {
        if (c.name == wanted || c.name == parsed->args.positional[0]) {
          output.out << c.summary << "\n\nUsage: " << c.usage << "\n";
          return kExitOk;
        }
      }
      output.err << "concordia: unknown command '"
                 << parsed->args.positional[0] << "'\n";
      return kExitUsage;
    }
    PrintTopUsage(commands, parsed->help || parsed->command == "help"
                                ? output.out
                                : output.err);
    return parsed->help || parsed->command == "help" ? kExitOk : kExitUsage;
  }
  if (parsed->command == "version" || parsed->command == "--version") {
    output.out << "concordia " << kVersion << "\n";
    return kExitOk;
  }
  // Two-word commands ("events list") take the first argument as their
  // second word.
  if (!parsed->args.positional.empty()) {
    const std::string two = parsed->command + " " + parsed->args.positional[0];
    for (const Command& c : commands) {
      if (c.name == two) {
        parsed->command = two;
        parsed->args.positional.erase(parsed->args.positional.begin());
        break;
      }
    }
  }
  for (const Command& c : commands) {
    if (c.name != parsed->command) continue;
    if (parsed->args.help) {
      output.out << c.summary << "\n\nUsage: " << c.usage << "\n";
      return kExitOk;
    }
    return c.run(parsed->global, parsed->args, output);
  }
  // A group name alone ("concordia events"): list its commands.
  bool group = false;
  for (const Command& c : commands) {
    if (c.name.rfind(parsed->command + " ", 0) == 0) {
      if (!group) output.err << "concordia " << parsed->command << ": choose one of\n";
      group = true;
      output.err << "  " << c.name << "  " << c.summary << "\n";
    }
  }
  if (group) return kExitUsage;
  output.err << "concordia: unknown command '" << parsed->command
             << "'\nRun 'concordia --help' for the list of commands.\n";
  return kExitUsage;
}

}  // namespace concordia::cli
