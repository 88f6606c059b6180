// Test helper: governance steps the read-model tests repeat, through the
// real command handlers of a District (engine/domain/governance/testing).
//
// Thread-safety: one District per test.
//
// Example:
//   District d;
//   d.Register();
//   AdoptAtOnce(d, "p-1", absl::CivilDay(2026, 3, 2));  // executive that day
#ifndef CONCORDIA_ENGINE_READMODEL_TESTING_STEPS_H_
#define CONCORDIA_ENGINE_READMODEL_TESTING_STEPS_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "engine/domain/governance/testing/district.h"

namespace concordia::readmodel::testing {

// Every comune of the district, by id.
std::vector<std::string> AllComuni();

// Drafts `proposal` (favourable technical opinion), convenes session
// "s-<proposal>" of the Assemblea on `day` (the clock must be more than five
// days earlier), records every comune present, has all vote in favour on the
// item and on its immediate executability, and proclaims: the deliberation
// is adopted and executive on `day`. Returns its number.
int AdoptAtOnce(domain::testing::District& d, const std::string& proposal,
                absl::CivilDay day);

// Moves the clock to `day` at `hour` (Europe/Rome).
void AdvanceTo(domain::testing::District& d, absl::CivilDay day, int hour = 9);

}  // namespace concordia::readmodel::testing

#endif  // CONCORDIA_ENGINE_READMODEL_TESTING_STEPS_H_
