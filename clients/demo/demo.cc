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
  // The principals do not depend on the dates.
  return DemoPlan(absl::UnixEpoch() + absl::Hours(24 * 365 * 56)).Principals();
}

}  // namespace concordia::demo
