#include "engine/domain/allocation/largest_remainder.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "engine/domain/core/command.h"

namespace concordia::domain::allocation {

using Wide = unsigned __int128;

absl::StatusOr<std::vector<int64_t>> SplitByLargestRemainder(
    int64_t total, const std::vector<int64_t>& weights) {
  if (total < 0) return InvalidField("total", "must not be negative");
  if (weights.empty()) return InvalidField("weights", "at least one part");
  Wide sum = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0) {
      return InvalidField(absl::StrCat("weights[", i, "]"),
                          "must not be negative");
    }
    sum += static_cast<Wide>(weights[i]);
  }
  if (sum == 0) return InvalidField("weights", "they sum to zero");
  std::vector<int64_t> parts(weights.size());
  std::vector<Wide> remainders(weights.size());
  int64_t assigned = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const Wide exact = static_cast<Wide>(total) * static_cast<Wide>(weights[i]);
    parts[i] = static_cast<int64_t>(exact / sum);
    remainders[i] = exact % sum;
    assigned += parts[i];
  }
  // Fewer than weights.size() units are left: one each to the largest
  // remainders, earlier index first on ties.
  std::vector<size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return remainders[a] > remainders[b];
  });
  for (int64_t left = total - assigned, k = 0; left > 0; --left, ++k) {
    ++parts[order[static_cast<size_t>(k)]];
  }
  return parts;
}

absl::StatusOr<std::map<std::string, int64_t>> SplitByLargestRemainder(
    int64_t total, const std::map<std::string, int64_t>& weights) {
  std::vector<int64_t> w;
  w.reserve(weights.size());
  for (const auto& [id, weight] : weights) {
    if (weight < 0) {
      return InvalidField(absl::StrCat("weights[", id, "]"),
                          "must not be negative");
    }
    w.push_back(weight);
  }
  absl::StatusOr<std::vector<int64_t>> parts =
      SplitByLargestRemainder(total, w);
  if (!parts.ok()) return parts.status();
  std::map<std::string, int64_t> out;
  size_t i = 0;
  for (const auto& [id, weight] : weights) out[id] = (*parts)[i++];
  return out;
}

}  // namespace concordia::domain::allocation
