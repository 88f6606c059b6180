#include "clients/cli/flags.h"

#include <ostream>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace concordia::cli {

std::string FlagReader::Required(const std::string& name) {
  known_.insert(name);
  auto it = args_.flags.find(name);
  if (it == args_.flags.end() || it->second.empty() || it->second == "true") {
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(absl::StrCat("--", name, " is required"));
    }
    return "";
  }
  return it->second;
}

std::string FlagReader::Optional(const std::string& name,
                                 const std::string& fallback) {
  known_.insert(name);
  auto it = args_.flags.find(name);
  return it == args_.flags.end() ? fallback : it->second;
}

uint64_t FlagReader::Uint(const std::string& name, uint64_t fallback) {
  known_.insert(name);
  auto it = args_.flags.find(name);
  if (it == args_.flags.end()) return fallback;
  uint64_t v = 0;
  if (!absl::SimpleAtoi(it->second, &v)) {
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(absl::StrCat(
          "--", name, ": '", it->second, "' is not a non-negative number"));
    }
    return fallback;
  }
  return v;
}

bool FlagReader::Bool(const std::string& name) {
  known_.insert(name);
  auto it = args_.flags.find(name);
  if (it == args_.flags.end()) return false;
  if (it->second == "true" || it->second == "1" || it->second == "yes") {
    return true;
  }
  if (it->second == "false" || it->second == "0" || it->second == "no") {
    return false;
  }
  if (status_.ok()) {
    status_ = absl::InvalidArgumentError(
        absl::StrCat("--", name, " takes no value (or true/false)"));
  }
  return false;
}

std::vector<std::string> FlagReader::List(const std::string& name) {
  known_.insert(name);
  auto it = args_.flags.find(name);
  if (it == args_.flags.end()) return {};
  return absl::StrSplit(it->second, ',', absl::SkipEmpty());
}

std::string FlagReader::Positional(size_t index, const std::string& what) {
  positional_used_ = std::max(positional_used_, index + 1);
  if (index >= args_.positional.size()) {
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(absl::StrCat(what, " is required"));
    }
    return "";
  }
  return args_.positional[index];
}

absl::Status FlagReader::Finish() {
  if (!status_.ok()) return status_;
  for (const auto& [name, value] : args_.flags) {
    if (known_.count(name) == 0) {
      return absl::InvalidArgumentError(absl::StrCat("unknown option --", name));
    }
  }
  if (args_.positional.size() > positional_used_) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unexpected argument '", args_.positional[positional_used_], "'"));
  }
  return absl::OkStatus();
}

int UsageError(const absl::Status& status, const std::string& command,
               Output& output) {
  output.err << "concordia " << command << ": " << status.message()
             << "\nRun 'concordia " << command << " --help' for usage.\n";
  return kExitUsage;
}

std::string NewRequestId() {
  std::random_device device;
  std::mt19937_64 rng((static_cast<uint64_t>(device()) << 32) ^ device());
  return absl::StrFormat("cli-%016x%016x", rng(), rng());
}

}  // namespace concordia::cli
