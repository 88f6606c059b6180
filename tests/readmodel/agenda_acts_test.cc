// The agenda's tasks on workflow acts: a statute adds a kind of act a member
// submits (an application for a contribution) whose office may ask the
// member for more documents within 10 days. While the act waits on the
// member it is on the member's agenda by that deadline: done when the member
// sends them, overdue the day after the deadline, no longer due when the
// office closes the file. Acts that wait on offices are on no agenda.
#include <string>
#include <vector>

#include "engine/calendar/calendar.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/readmodel/testing/harness.h"
#include "engine/workflow/act.h"
#include "engine/workflow/default_workflows.h"
#include "gtest/gtest.h"
#include "tests/workflow/statutes.h"

namespace concordia::readmodel {
namespace {

using absl::CivilDay;
using domain::DayOf;
using testing::AtPositionInForceOn;
using testing::InForceOn;
using testing::Latest;
using testing::ReadModelHarness;
using workflow::Performs;
using workflow::State;
using workflow::Transition;

constexpr char kKind[] = "contributo";

v1::WorkflowDefinition Application() {
  v1::WorkflowDefinition d;
  d.set_act_kind(kKind);
  d.set_title("Domanda di contributo");
  d.set_concerns_member(true);
  const v1::Performer member =
      Performs(v1::ROLE_MEMBER_DELEGATE, v1::PERFORMER_SCOPE_ACT_MEMBER);
  const v1::Performer office =
      Performs(v1::ROLE_UFFICIO_DI_PIANO, v1::PERFORMER_SCOPE_ANY);
  *d.add_starters() = member;
  d.set_initial_state("submitted");
  *d.add_states() = State("submitted", "Presentata");
  v1::WorkflowState wait = State("integration", "Integrazione richiesta");
  wait.mutable_deadline()->set_outcome(v1::DEADLINE_OUTCOME_FLAG_OVERDUE);
  *wait.mutable_deadline()->mutable_period() =
      calendar::ToProto(calendar::Period(10));
  *d.add_states() = wait;
  *d.add_states() = State("granted", "Accolta", true);
  *d.add_states() = State("closed", "Archiviata", true);
  *d.add_transitions() = Transition("ask", "Richiesta di integrazione",
                                    {"submitted"}, "integration", {office});
  *d.add_transitions() = Transition("integrate", "Integrazione",
                                    {"integration"}, "submitted", {member});
  *d.add_transitions() =
      Transition("grant", "Accoglimento", {"submitted"}, "granted", {office});
  *d.add_transitions() =
      Transition("close", "Archiviazione", {"integration"}, "closed", {office});
  return d;
}

v1::Statute StatuteWithApplications() {
  v1::Statute st = domain::testing::DistrictStatute();
  *st.add_workflows() = Application();
  return st;
}

class AgendaActsTest : public ::testing::Test {
 protected:
  void Start(const std::string& act, const std::string& member) {
    workflow::StartAct s;
    s.act_kind = kKind;
    s.act_id = act;
    s.title = "Contributo per il centro estivo";
    s.member_id = member;
    auto r = c_.district.governance.workflows().Start(
        c_.Ctx(::concordia::testing::DelegateOf(member)),
        ::concordia::testing::Delegate(member), c_.id, s);
    ASSERT_TRUE(r.ok()) << r.status();
  }
  void Perform(const std::string& act, const std::string& action,
               const workflow::Caller& caller, const std::string& principal) {
    auto r = c_.district.governance.workflows().Perform(
        c_.Ctx(principal), caller, c_.id, kKind, act,
        workflow::ActionOf(action));
    ASSERT_TRUE(r.ok()) << action << ": " << r.status();
  }
  void Office(const std::string& act, const std::string& action) {
    Perform(act, action, ::concordia::testing::UfficioDiPiano(),
            ::concordia::testing::kUfficio);
  }
  std::vector<v1::AgendaEntryView> Agenda(const std::string& member,
                                          const v1::AsOf& as_of) {
    h_.Sync();
    auto r = h_.queries().ListAgenda(c_.id, member, {}, as_of, {});
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->items : std::vector<v1::AgendaEntryView>{};
  }

  domain::testing::Cooperative c_{domain::testing::kDistrict,
                                  StatuteWithApplications()};
  ReadModelHarness h_{*c_.district.log.log, c_.district.clock};
};

TEST_F(AgendaActsTest, WaitingOnTheMemberByTheDeadlineThenDone) {
  c_.AdvanceTo(CivilDay(2026, 3, 2), 9);
  Start("carpiano-1", "carpiano");
  // Submitted: it waits on the office, not on the member.
  EXPECT_TRUE(Agenda("carpiano", Latest()).empty());
  Office("carpiano-1", "ask");
  const uint64_t asked = c_.Last();
  auto entries = Agenda("carpiano", Latest());
  ASSERT_EQ(entries.size(), 1u);
  const v1::AgendaEntryView& e = entries[0];
  EXPECT_EQ(e.task(), v1::AGENDA_TASK_KIND_ACT_ACTION);
  EXPECT_EQ(e.subject().act_kind(), kKind);
  EXPECT_EQ(e.subject().id(), "carpiano-1");
  EXPECT_EQ(e.subject().state(), "integration");
  ASSERT_EQ(e.subject().actions_size(), 1);
  EXPECT_EQ(e.subject().actions(0), "integrate");
  // Ten days from 2 March, the first not counted.
  EXPECT_EQ(DayOf(e.due_on()), CivilDay(2026, 3, 12));
  EXPECT_EQ(e.in_force().status(), v1::AGENDA_TASK_STATUS_TO_DO);
  EXPECT_EQ(Agenda("carpiano", InForceOn(CivilDay(2026, 3, 13)))[0]
                .in_force()
                .status(),
            v1::AGENDA_TASK_STATUS_OVERDUE);
  EXPECT_TRUE(Agenda("melegnano", Latest()).empty());
  // The member sends the documents on 5 March: done; the act waits on the
  // office again.
  c_.AdvanceTo(CivilDay(2026, 3, 5), 9);
  Perform("carpiano-1", "integrate", ::concordia::testing::Delegate("carpiano"),
          ::concordia::testing::DelegateOf("carpiano"));
  entries = Agenda("carpiano", InForceOn(CivilDay(2026, 3, 20)));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].in_force().status(), v1::AGENDA_TASK_STATUS_DONE);
  EXPECT_EQ(DayOf(entries[0].done_on()), CivilDay(2026, 3, 5));
  // As recorded when it was asked, it was overdue on the 20th.
  EXPECT_EQ(Agenda("carpiano", AtPositionInForceOn(asked, CivilDay(2026, 3, 20)))[0]
                .in_force()
                .status(),
            v1::AGENDA_TASK_STATUS_OVERDUE);
  // Asked again: a second task, for the new stay in the state.
  Office("carpiano-1", "ask");
  EXPECT_EQ(Agenda("carpiano", Latest()).size(), 2u);
}

TEST_F(AgendaActsTest, NoLongerDueWhenTheOfficeClosesTheFile) {
  c_.AdvanceTo(CivilDay(2026, 3, 2), 9);
  Start("dresano-1", "dresano");
  Office("dresano-1", "ask");
  c_.AdvanceTo(CivilDay(2026, 3, 20), 9);
  Office("dresano-1", "close");
  auto entries = Agenda("dresano", InForceOn(CivilDay(2026, 3, 20)));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].in_force().status(),
            v1::AGENDA_TASK_STATUS_NO_LONGER_DUE);
  EXPECT_EQ(entries[0].no_longer_due_reason(), "the act moved to closed");
  // Overdue between its deadline and the closing.
  EXPECT_EQ(Agenda("dresano", InForceOn(CivilDay(2026, 3, 19)))[0]
                .in_force()
                .status(),
            v1::AGENDA_TASK_STATUS_OVERDUE);
}

}  // namespace
}  // namespace concordia::readmodel
