// Money as Concordia keeps it: integer euro cents (int64_t), never floating
// point; and how an amount reads in a sentence.
//
// Thread-safety: pure functions.
//
// Example:
//   Euros(14'000'000) == "EUR 140,000.00"
#ifndef CONCORDIA_ENGINE_DOMAIN_ALLOCATION_MONEY_H_
#define CONCORDIA_ENGINE_DOMAIN_ALLOCATION_MONEY_H_

#include <cstdint>
#include <string>

namespace concordia::domain::allocation {

// "EUR 1,234.56" for 123456 cents ("EUR -0.05" for -5).
std::string Euros(int64_t cents);

}  // namespace concordia::domain::allocation

#endif  // CONCORDIA_ENGINE_DOMAIN_ALLOCATION_MONEY_H_
