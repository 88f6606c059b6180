// The members' agendas over the simulated year of the district
// (district_year.h), read from the read models built on the year's log: as
// the system knew it at the end of a day, in force on that day. The accordo
// di programma of the Piano di Zona is to sign until each party signs (ten
// on 15 May, Melegnano on the 21st); the project's second quarterly report
// is to do until its due day and overdue from the day after; the first is
// done from the day it was submitted.
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/testing/harness.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/year/district_year.h"

namespace concordia::testing {
namespace {

using absl::CivilDay;

// As recorded at the end of `day` (Europe/Rome), in force on `day`.
v1::AsOf EndOf(CivilDay day) {
  v1::AsOf as_of;
  *as_of.mutable_recorded_at() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
          absl::ToUnixMicros(calendar::StartOfRomeDay(day + 1)) - 1);
  *as_of.mutable_in_force_on() = domain::ToDate(day);
  return as_of;
}

class AgendaYearTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    year_ = new Year();
    year_->Run();
    harness_ = new readmodel::testing::ReadModelHarness(
        *year_->c.district.log.log, year_->c.district.clock);
    harness_->Sync();
  }
  static void TearDownTestSuite() {
    delete harness_;
    delete year_;
  }

  // The status of `member`'s task of `kind` about `id` (`report`: the
  // report id), or UNSPECIFIED when it has none.
  static v1::AgendaTaskStatus StatusOf(const std::string& member,
                                       v1::AgendaTaskKind kind,
                                       const std::string& id, CivilDay day,
                                       const std::string& report = "") {
    readmodel::PageRequest page;
    page.page_size = 1000;
    auto r = harness_->queries().ListAgenda(year_->c.id, member, {},
                                            EndOf(day), page);
    EXPECT_TRUE(r.ok()) << r.status();
    if (!r.ok()) return v1::AGENDA_TASK_STATUS_UNSPECIFIED;
    for (const v1::AgendaEntryView& e : r->items) {
      if (e.task() == kind && e.subject().id() == id &&
          e.subject().report_id() == report && e.subject().instrument() == 0) {
        return e.in_force().status();
      }
    }
    return v1::AGENDA_TASK_STATUS_UNSPECIFIED;
  }

  static Year* year_;
  static readmodel::testing::ReadModelHarness* harness_;
};

Year* AgendaYearTest::year_ = nullptr;
readmodel::testing::ReadModelHarness* AgendaYearTest::harness_ = nullptr;

constexpr v1::AgendaTaskKind kSign = v1::AGENDA_TASK_KIND_ACCORD_SIGNATURE;
constexpr v1::AgendaTaskKind kApprove = v1::AGENDA_TASK_KIND_ACCORD_APPROVAL;
constexpr v1::AgendaTaskKind kReport = v1::AGENDA_TASK_KIND_REPORT;
constexpr v1::AgendaTaskStatus kNone = v1::AGENDA_TASK_STATUS_UNSPECIFIED;
constexpr v1::AgendaTaskStatus kToDo = v1::AGENDA_TASK_STATUS_TO_DO;
constexpr v1::AgendaTaskStatus kDone = v1::AGENDA_TASK_STATUS_DONE;
constexpr v1::AgendaTaskStatus kOverdue = v1::AGENDA_TASK_STATUS_OVERDUE;

TEST_F(AgendaYearTest, TheAccordToSignUntilEachPartySigns) {
  ASSERT_TRUE(year_->Misses().empty());
  // Drafted on 4 May: nothing before.
  EXPECT_EQ(StatusOf("melegnano", kSign, kAccord, CivilDay(2026, 5, 3)), kNone);
  EXPECT_EQ(StatusOf("melegnano", kApprove, kAccord, CivilDay(2026, 5, 4)), kToDo);
  EXPECT_EQ(StatusOf("melegnano", kApprove, kAccord, CivilDay(2026, 5, 11)), kDone);
  EXPECT_EQ(StatusOf("ats-milano", kApprove, kAccord, CivilDay(2026, 5, 11)), kDone);
  for (const char* m : {"san-donato-milanese", "ats-milano", "melegnano"}) {
    EXPECT_EQ(StatusOf(m, kSign, kAccord, CivilDay(2026, 5, 14)), kToDo) << m;
  }
  // Ten sign on 15 May; Melegnano, whose act is not executive yet, cannot.
  EXPECT_EQ(StatusOf("san-donato-milanese", kSign, kAccord, CivilDay(2026, 5, 15)), kDone);
  EXPECT_EQ(StatusOf("ats-milano", kSign, kAccord, CivilDay(2026, 5, 15)), kDone);
  EXPECT_EQ(StatusOf("melegnano", kSign, kAccord, CivilDay(2026, 5, 15)), kToDo);
  EXPECT_EQ(StatusOf("melegnano", kSign, kAccord, CivilDay(2026, 5, 20)), kToDo);
  EXPECT_EQ(StatusOf("melegnano", kSign, kAccord, CivilDay(2026, 5, 21)), kDone);
}

TEST_F(AgendaYearTest, TheSecondReportOverdueTheDayAfterItsDueDay) {
  ASSERT_TRUE(year_->Misses().empty());
  for (const char* m : {"melegnano", "carpiano"}) {
    // Periodic-1 (January to March) submitted on 20 April.
    EXPECT_EQ(StatusOf(m, kReport, kProject, CivilDay(2026, 4, 19), "periodic-1"), kToDo) << m;
    EXPECT_EQ(StatusOf(m, kReport, kProject, CivilDay(2026, 4, 20), "periodic-1"), kDone) << m;
    // Periodic-2 (April to June), due by 30 July, never submitted.
    EXPECT_EQ(StatusOf(m, kReport, kProject, CivilDay(2026, 7, 30), "periodic-2"), kToDo) << m;
    EXPECT_EQ(StatusOf(m, kReport, kProject, CivilDay(2026, 7, 31), "periodic-2"), kOverdue) << m;
    EXPECT_EQ(StatusOf(m, kReport, kProject, CivilDay(2027, 2, 15), "periodic-2"), kOverdue) << m;
  }
  // Not on the agenda of a party that takes no part in the project.
  EXPECT_EQ(StatusOf("ats-milano", kReport, kProject, CivilDay(2026, 7, 31), "periodic-2"), kNone);
}

}  // namespace
}  // namespace concordia::testing
