#include "clients/demo/demo.h"

#include "engine/calendar/calendar.h"

namespace concordia::demo {

std::vector<std::string> DemoConsortia() {
  return {"sudestmilano", "sds-pistoia", "estar", "cst-chieti"};
}

absl::CivilDay DemoSessionDay(absl::Time now) {
  return calendar::RomeDay(now) + 7;
}

int DemoNeedsYear(absl::Time now) {
  return static_cast<int>(calendar::RomeDay(now).year()) + 1;
}

Plan DemoPlan(absl::Time now) {
  Plan plan;
  AddSudEstMilano(plan, now);
  AddSdsPistoia(plan, now);
  AddEstar(plan, now);
  AddCstChieti(plan, now);
  return plan;
}

std::vector<std::string> DemoPrincipals() {
  // Who acts does not depend on the load's date; any date gives them all.
  return DemoPlan(absl::FromCivil(absl::CivilSecond(2026, 1, 1, 12, 0, 0),
                                  absl::UTCTimeZone()))
      .Principals();
}

}  // namespace concordia::demo
