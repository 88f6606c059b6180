#include "engine/calendar/statutory_defaults.h"

namespace concordia::calendar::defaults {

DeadlineRule OrdinaryNotice() { return Period(5); }

DeadlineRule ExtraordinaryNotice() { return Period(3); }

DeadlineRule UrgentNotice() { return Period(24, Unit::kHours); }

DeadlineRule WithdrawalNotice() {
  DeadlineRule r = Period(6, Unit::kMonths);
  r.next_january_first = true;
  return r;
}

}  // namespace concordia::calendar::defaults
