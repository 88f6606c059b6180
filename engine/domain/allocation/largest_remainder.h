// Apportionment by largest remainder (Hamilton's method) in integer units:
// how a total in cents (or per mille) is split exactly in proportion to
// weights — cost allocations to members, shares rebalanced after a
// withdrawal.
//
// Each part is the floor of its exact quota total * w / W, plus one unit for
// the parts with the largest remainders until the parts sum exactly to the
// total. Ties between equal remainders go to the earlier index, so the
// result is deterministic; callers order their parts (e.g. by member id)
// before calling. Arithmetic is exact (128-bit intermediates): no floating
// point anywhere.
//
// Guarantees: the parts sum to `total`; every part is within one unit of its
// exact quota (floor or floor + 1); a part with weight 0 gets 0.
//
// Thread-safety: pure functions.
//
// Example:
//   // 100.00 EUR among weights 1, 1, 1 → 33.34, 33.33, 33.33.
//   absl::StatusOr<std::vector<int64_t>> parts =
//       SplitByLargestRemainder(10000, {1, 1, 1});
#ifndef CONCORDIA_ENGINE_DOMAIN_ALLOCATION_LARGEST_REMAINDER_H_
#define CONCORDIA_ENGINE_DOMAIN_ALLOCATION_LARGEST_REMAINDER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace concordia::domain::allocation {

// Splits `total` (>= 0) in proportion to `weights` (each >= 0, not all 0).
// kInvalidArgument (INVALID_FIELD "total" or "weights") otherwise.
absl::StatusOr<std::vector<int64_t>> SplitByLargestRemainder(
    int64_t total, const std::vector<int64_t>& weights);

// The same keyed by id: ties go to the smaller id (the map's order).
absl::StatusOr<std::map<std::string, int64_t>> SplitByLargestRemainder(
    int64_t total, const std::map<std::string, int64_t>& weights);

}  // namespace concordia::domain::allocation

#endif  // CONCORDIA_ENGINE_DOMAIN_ALLOCATION_LARGEST_REMAINDER_H_
