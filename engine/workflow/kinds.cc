#include "engine/workflow/kinds.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace concordia::workflow {
namespace {

bool Contains(const std::vector<std::string>& v, absl::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::vector<std::string> DeliberationFlags() {
  std::vector<std::string> flags = {kFlagFinancialEffects, kFlagMerePolicyAct,
                                    kFlagEconomicBenefit};
  const google::protobuf::EnumDescriptor* kinds = v1::ActKind_descriptor();
  for (int i = 0; i < kinds->value_count(); ++i) {
    const auto kind = static_cast<v1::ActKind>(kinds->value(i)->number());
    if (kind != v1::ACT_KIND_UNSPECIFIED) flags.push_back(ActKindFlag(kind));
  }
  return flags;
}

}  // namespace

bool BoundKind::Binds(absl::string_view action) const {
  return Contains(guarded_actions, action) ||
         Contains(recorded_actions, action);
}

bool BoundKind::SetsFlag(absl::string_view flag) const {
  return Contains(flags, flag);
}

std::string BoundKind::CommandFor(absl::string_view action) const {
  if (kind == kDeliberation) {
    if (action == kPlaceOnAgenda) return "Governance::Convene or AddItem";
    return "Governance::Proclaim";
  }
  if (kind == kProgrammeApproval) return "Cooperation::AdoptProgramme";
  if (kind == kAccordApproval) {
    return action == kApprove ? "Cooperation::RecordApproval"
                              : "Cooperation::Sign";
  }
  return "Cooperation::SubmitReport";
}

const std::vector<BoundKind>& BoundKinds() {
  static const std::vector<BoundKind>* const kinds = new std::vector<BoundKind>{
      {kDeliberation,
       "Governance::DraftProposal",
       {kPlaceOnAgenda},
       {kAdopt, kReject},
       DeliberationFlags()},
      {kProgrammeApproval, "Cooperation::DraftProgramme", {kAdopt}, {}, {}},
      {kAccordApproval,
       "Cooperation::DraftAccord",
       {kApprove},
       {kConclude},
       {}},
      {kReportSubmission, "Cooperation::RegisterProject", {kSubmit}, {}, {}},
  };
  return *kinds;
}

const BoundKind* FindBoundKind(absl::string_view kind) {
  for (const BoundKind& b : BoundKinds()) {
    if (b.kind == kind) return &b;
  }
  return nullptr;
}

std::string ActKindFlag(v1::ActKind act_kind) {
  std::string name(absl::StripPrefix(v1::ActKind_Name(act_kind), "ACT_KIND_"));
  absl::AsciiStrToLower(&name);
  return absl::StrCat("act-", absl::StrReplaceAll(name, {{"_", "-"}}));
}

}  // namespace concordia::workflow
