#include "engine/domain/allocation/cost_sharing.h"

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/domain/allocation/largest_remainder.h"
#include "engine/domain/core/command.h"

namespace concordia::domain::allocation {
namespace {

bool IsVariableMethod(v1::CostSharingMethod m) {
  return m == v1::COST_SHARING_METHOD_PER_INHABITANT ||
         m == v1::COST_SHARING_METHOD_PER_USE ||
         m == v1::COST_SHARING_METHOD_BY_SHARE;
}

absl::StatusOr<std::map<std::string, int64_t>> Weights(
    v1::CostSharingMethod method, const std::set<std::string>& members,
    const Figures& figures) {
  std::map<std::string, int64_t> weights;
  const std::map<std::string, int64_t>* source = nullptr;
  const char* field = "";
  switch (method) {
    case v1::COST_SHARING_METHOD_EQUAL:
      for (const std::string& m : members) weights[m] = 1;
      return weights;
    case v1::COST_SHARING_METHOD_PER_INHABITANT:
      source = &figures.inhabitants;
      field = "basis.inhabitants";
      break;
    case v1::COST_SHARING_METHOD_PER_USE:
      source = &figures.uses;
      field = "basis.uses";
      break;
    case v1::COST_SHARING_METHOD_BY_SHARE:
      source = &figures.shares;
      field = "shares";
      break;
    default:
      return InvalidField("cost_sharing.method", "not a sharing method");
  }
  int64_t sum = 0;
  for (const std::string& m : members) {
    auto it = source->find(m);
    if (it == source->end()) {
      return InvalidField(field, absl::StrCat("no figure for ", m));
    }
    weights[m] = it->second;
    sum += it->second;
  }
  if (sum == 0) {
    return InvalidField(field,
                        "every member's figure is 0: nothing to share by");
  }
  return weights;
}

}  // namespace

absl::Status ValidateCostSharingRule(const v1::CostSharingRule& rule,
                                     const std::string& field) {
  switch (rule.method()) {
    case v1::COST_SHARING_METHOD_PER_INHABITANT:
    case v1::COST_SHARING_METHOD_PER_USE:
    case v1::COST_SHARING_METHOD_BY_SHARE:
    case v1::COST_SHARING_METHOD_EQUAL:
      if (rule.fixed_permille() != 0 ||
          rule.variable_method() != v1::COST_SHARING_METHOD_UNSPECIFIED) {
        return InvalidField(field,
                            "a fixed part and a variable method belong to "
                            "the fixed-plus-variable method");
      }
      return absl::OkStatus();
    case v1::COST_SHARING_METHOD_FIXED_PLUS_VARIABLE:
      if (rule.fixed_permille() < 0 || rule.fixed_permille() > 1000) {
        return InvalidField(field + ".fixed_permille", "0..1000");
      }
      if (!IsVariableMethod(rule.variable_method())) {
        return InvalidField(field + ".variable_method",
                            "per inhabitant, per use or by share");
      }
      return absl::OkStatus();
    default:
      return InvalidField(field + ".method", "required");
  }
}

absl::StatusOr<Figures> FiguresFrom(const v1::AllocationBasis& basis) {
  Figures f;
  for (auto [list, out, name] :
       {std::make_tuple(&basis.inhabitants(), &f.inhabitants, "inhabitants"),
        std::make_tuple(&basis.uses(), &f.uses, "uses")}) {
    for (int i = 0; i < list->size(); ++i) {
      const v1::MemberFigure& m = list->Get(i);
      const std::string field = absl::StrCat("basis.", name, "[", i, "]");
      if (m.value() < 0) return InvalidField(field, "must not be negative");
      if (!out->emplace(m.member_id(), m.value()).second) {
        return InvalidField(field, absl::StrCat(m.member_id(), " given twice"));
      }
    }
  }
  return f;
}

bool UsesShares(const v1::CostSharingRule& rule) {
  return rule.method() == v1::COST_SHARING_METHOD_BY_SHARE ||
         (rule.method() == v1::COST_SHARING_METHOD_FIXED_PLUS_VARIABLE &&
          rule.variable_method() == v1::COST_SHARING_METHOD_BY_SHARE);
}

absl::StatusOr<std::map<std::string, int64_t>> ShareCosts(
    int64_t total, const v1::CostSharingRule& rule,
    const std::set<std::string>& members, const Figures& figures) {
  CONCORDIA_RETURN_IF_ERROR(ValidateCostSharingRule(rule, "cost_sharing"));
  if (members.empty()) return InvalidField("members", "at least one");
  if (total < 0) return InvalidField("total", "must not be negative");
  if (rule.method() != v1::COST_SHARING_METHOD_FIXED_PLUS_VARIABLE) {
    CONCORDIA_ASSIGN_OR_RETURN(auto weights,
                               Weights(rule.method(), members, figures));
    return SplitByLargestRemainder(total, weights);
  }
  const int64_t fixed = static_cast<int64_t>(static_cast<__int128>(total) *
                                             rule.fixed_permille() / 1000);
  CONCORDIA_ASSIGN_OR_RETURN(
      auto equal, Weights(v1::COST_SHARING_METHOD_EQUAL, members, figures));
  CONCORDIA_ASSIGN_OR_RETURN(auto fixed_parts,
                             SplitByLargestRemainder(fixed, equal));
  std::map<std::string, int64_t> variable_parts;
  if (total - fixed > 0) {
    CONCORDIA_ASSIGN_OR_RETURN(
        auto weights, Weights(rule.variable_method(), members, figures));
    CONCORDIA_ASSIGN_OR_RETURN(variable_parts,
                               SplitByLargestRemainder(total - fixed, weights));
  }
  for (auto& [m, part] : fixed_parts) part += variable_parts[m];
  return fixed_parts;
}

}  // namespace concordia::domain::allocation
