// Cost sharing (riparto dei costi): how an amount in cents is divided among
// members by a CostSharingRule — per inhabitant, per use, by participation
// share, in equal parts, or a fixed part in equal parts plus a variable part
// — always exactly, by largest remainder (largest_remainder.h).
//
// The figures (inhabitants, uses) are data the Ufficio di Piano supplies
// with each allocation and that the allocation event records; the shares
// (‰) come from the consortium on the cost's date.
//
// Thread-safety: pure functions.
//
// Example:
//   v1::CostSharingRule rule;
//   rule.set_method(v1::COST_SHARING_METHOD_FIXED_PLUS_VARIABLE);
//   rule.set_fixed_permille(300);
//   rule.set_variable_method(v1::COST_SHARING_METHOD_PER_INHABITANT);
//   auto parts = ShareCosts(1'000'000, rule, {"a", "b"}, figures);
#ifndef CONCORDIA_ENGINE_DOMAIN_ALLOCATION_COST_SHARING_H_
#define CONCORDIA_ENGINE_DOMAIN_ALLOCATION_COST_SHARING_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "concordia/v1/cooperation.pb.h"

namespace concordia::domain::allocation {

// kInvalidArgument naming `field` for an incomplete or inconsistent rule.
absl::Status ValidateCostSharingRule(const v1::CostSharingRule& rule,
                                     const std::string& field);

// The figures an allocation is computed on.
struct Figures {
  std::map<std::string, int64_t> inhabitants;
  std::map<std::string, int64_t> uses;
  std::map<std::string, int64_t> shares;  // ‰ on the cost's date
};

// The figures of a basis; kInvalidArgument for negative or repeated ones.
absl::StatusOr<Figures> FiguresFrom(const v1::AllocationBasis& basis);

// Whether `rule` needs the consortium's shares.
bool UsesShares(const v1::CostSharingRule& rule);

// Divides `total` (>= 0) cents among `members` (not empty) by `rule`: the
// parts sum exactly to `total`. kInvalidArgument when a member has no
// figure the rule needs, or every figure is 0.
absl::StatusOr<std::map<std::string, int64_t>> ShareCosts(
    int64_t total, const v1::CostSharingRule& rule,
    const std::set<std::string>& members, const Figures& figures);

}  // namespace concordia::domain::allocation

#endif  // CONCORDIA_ENGINE_DOMAIN_ALLOCATION_COST_SHARING_H_
