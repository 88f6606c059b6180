#include "engine/domain/allocation/money.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace concordia::domain::allocation {

std::string Euros(int64_t cents) {
  const bool negative = cents < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(cents)
                                      : static_cast<uint64_t>(cents);
  std::string whole = absl::StrCat(magnitude / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) {
    whole.insert(static_cast<size_t>(i), ",");
  }
  return absl::StrFormat("EUR %s%s.%02d", negative ? "-" : "", whole,
                         static_cast<int>(magnitude % 100));
}

}  // namespace concordia::domain::allocation
