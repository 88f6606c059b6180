// A simulated year in the life of the Sud Est Milano social district
// (../shared/domain/scenarios.md), from Monday 16 February 2026 to Monday
// 15 February 2027, through the real handlers — Governance, Cooperation and
// the workflow engine — on a simulated clock with a timer scheduler.
//
// Year::Run() moves the clock day by day: at 00:00 of each day the due
// timers run; then that day's commands are issued at their hours; at the end
// of the day every Fact is observed. A fact holds on the days [from, until);
// the test asserts each fact on every day, so nothing happens a day early
// or late. What happens:
//  - a statute change (new kinds of act, opinions required for social
//    planning) convened with notice, voted by the statute-change majority,
//    proclaimed n. 1/2026, published 4 to 18 March, executive on the 15th,
//    off the albo on the 19th (S5 exactly), adopted on 16 March in force
//    from 1 April; beside it the S1 vote on the budget (n. 2/2026);
//  - the constitutive convenzione of the nine comuni, in force from 20
//    February;
//  - the Piano di Zona 2026-2028: the Tavolo Tecnico's and the Tavolo degli
//    Aderenti's opinions on its deliberation (given), the Tavolo Tecnico's
//    opinion on its programme (lapsed after 20 days), the deliberation
//    n. 3/2026, the programme adopted, and its accordo di programma among
//    the 11 parties of S3: approved, being signed, concluded, its approval
//    act, in force from its BUR publication on 3 June;
//  - a withdrawal: the Assemblea takes note of Colturano's withdrawal by an
//    immediately executable deliberation (n. 4/2026); Colturano gives six
//    months' notice on 22 June; it takes effect on 1 January 2027: Colturano
//    votes in December and is no member in January, when the register of
//    the Assemblea starts again from n. 1/2027;
//  - a funded project whose quarterly reports are submitted or become
//    overdue the day after their due day;
//  - requests for access to documents, a kind the statute change added:
//    one refused by silence after 30 days, one granted; an opinion of the
//    Tavolo degli Aderenti flagged overdue after its 15 days.
//
// Thread-safety: one Year per test.
//
// Example:
//   Year year;
//   year.Run();
//   for (const Fact& f : year.Facts()) ...
#ifndef CONCORDIA_TESTS_YEAR_DISTRICT_YEAR_H_
#define CONCORDIA_TESTS_YEAR_DISTRICT_YEAR_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "engine/domain/cooperation/testing/cooperative.h"

namespace concordia::testing {

// The ids of the year's accords, programme and project.
inline constexpr char kConvenzione[] = "convenzione-costitutiva";
inline constexpr char kAccord[] = "adp-pdz-2026";
inline constexpr char kProgramme[] = "pdz-2026-2028";
inline constexpr char kProject[] = "pnrr-autonomia";

// Something that holds on the days [from, until) (until unset: for good).
struct Fact {
  std::string name;
  absl::CivilDay from;
  std::optional<absl::CivilDay> until;
  std::function<bool(absl::CivilDay)> holds;
};

// A fact that did not hold (or held) on a day it should (not) have.
struct Miss {
  std::string fact;
  absl::CivilDay day;
  bool expected = false;
};

class Year {
 public:
  static constexpr absl::CivilDay kFirstDay{2026, 2, 16};
  static constexpr absl::CivilDay kLastDay{2027, 2, 15};

  Year();

  // Runs the year; every command must succeed or fail as the year says
  // (checked with gtest), and every fact is observed each day.
  void Run();

  // The facts the year observes, and those that missed their days.
  const std::vector<Fact>& Facts() const { return facts_; }
  const std::vector<Miss>& Misses() const { return misses_; }
  // How many (fact, day) observations were made.
  int Observations() const { return observations_; }

  // The state of the district as the handlers read it, as text: every
  // deliberation, act, accord, report, member and share.
  std::string Summary(domain::Governance& governance,
                      domain::Cooperation& cooperation);

  domain::testing::Cooperative c;

 private:
  void OnDay(absl::CivilDay day);
  void DefineFacts();

  std::vector<Fact> facts_;
  std::vector<Miss> misses_;
  int observations_ = 0;
};

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_YEAR_DISTRICT_YEAR_H_
