// Adding a kind of act needs no code, only a statute change adopted as usual:
// the Sud Est Milano district adopts, through a deliberation of its
// Assemblea that becomes executive on its day, a statute whose workflows
// add requests for access to documents ("accesso-atti") — a kind no code
// names — and then runs acts of that kind through the generic commands,
// with a deadline passing under the simulated clock.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/access/access_control.h"
#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "engine/domain/governance/testing/district.h"
#include "engine/workflow/workflows.h"
#include "gtest/gtest.h"
#include "tests/workflow/statutes.h"

namespace concordia {
namespace {

using absl::CivilDay;
using domain::testing::District;
using domain::testing::Rome;
namespace reasons = domain::reasons;

class NewKindTest : public ::testing::Test {
 protected:
  NewKindTest() : scheduler_(*d_.log.log, d_.clock, "system:scheduler") {
    d_.Register();
    d_.governance.RegisterTimers(scheduler_);
    EXPECT_TRUE(scheduler_.Start().ok());
  }

  workflow::Workflows& Workflows() { return d_.governance.workflows(); }
  uint64_t Last() { return d_.log.log->LastPosition(); }
  // Moves to 00:00 of `day` and runs the timers due.
  void AdvanceTo(CivilDay day, int hour = 0) {
    d_.clock.AdvanceTo(
        Rome(static_cast<int>(day.year()), day.month(), day.day(), hour));
    absl::StatusOr<int> ran = scheduler_.RunDue();
    ASSERT_TRUE(ran.ok()) << ran.status();
  }
  workflow::StartAct Request(const std::string& id, const std::string& member) {
    workflow::StartAct s;
    s.act_kind = testing::kAccessRequest;
    s.act_id = id;
    s.title =
        absl::StrCat("Accesso ai verbali dell'Assemblea 2025 (", member, ")");
    s.member_id = member;
    return s;
  }
  std::string StateOf(const std::string& id) {
    auto act = Workflows().Act(d_.id, testing::kAccessRequest, id);
    EXPECT_TRUE(act.ok()) << act.status();
    return act.ok() ? act->state : "";
  }

  // The statute change, the normal way: a proposal with its technical
  // opinion, a session convened with notice, a vote by the statute-change
  // majority, the proclamation, the publication, executivity by its timer.
  void AdoptTheStatuteChange() {
    d_.DraftReady("p-statuto", v1::ACT_KIND_STATUTE_CHANGE);
    domain::session::Convene c;
    c.consortium_id = d_.id;
    c.session_id = "2026-03-02-straordinaria";
    c.body_id = "assemblea";
    c.kind = v1::SESSION_KIND_ORDINARY;
    c.session_time = Rome(2026, 3, 2, 10);
    v1::AgendaItem item;
    item.set_number(1);
    item.set_proposal_id("p-statuto");
    item.set_act_kind(v1::ACT_KIND_STATUTE_CHANGE);
    item.set_title("Modifica dello statuto: procedimenti");
    c.items.push_back(item);
    ASSERT_TRUE(d_.governance.Convene(d_.Ctx(), c).ok());
    AdvanceTo(CivilDay(2026, 3, 2), 10);
    std::vector<std::string> all;
    std::vector<std::pair<std::string, v1::VoteChoice>> yes;
    for (const auto& f : domain::testing::DistrictComuni()) {
      all.push_back(f.member_id);
      yes.push_back({f.member_id, v1::VOTE_CHOICE_IN_FAVOUR});
    }
    ASSERT_TRUE(
        d_.governance.RecordAttendance(d_.Ctx(), d_.id, c.session_id, all, {})
            .ok());
    ASSERT_TRUE(d_.Vote(c.session_id, 1, yes).ok());
    int number = 0;
    ASSERT_TRUE(
        d_.governance.Proclaim(d_.Ctx(), d_.id, c.session_id, 1, "", &number)
            .ok());
    EXPECT_EQ(number, 1);
    AdvanceTo(CivilDay(2026, 3, 4), 9);
    ASSERT_TRUE(d_.governance
                    .Publish(d_.Ctx(), d_.id, "p-statuto", CivilDay(2026, 3, 4))
                    .ok());
    v1::DeliberationRef ref;
    ref.set_proposal_id("p-statuto");
    const domain::consortium::AdoptStatute change{
        testing::StatuteWithWorkflows(), CivilDay(2026, 4, 1), ref};
    // Not before it is executive (15 March), and nothing is appended.
    AdvanceTo(CivilDay(2026, 3, 14), 9);
    const uint64_t before = Last();
    EXPECT_EQ(ErrorReason(
                  d_.governance.AdoptStatute(d_.Ctx(), d_.id, change).status()),
              reasons::kDeliberationNotExecutive);
    EXPECT_EQ(Last(), before);
    AdvanceTo(CivilDay(2026, 3, 15), 9);
    auto adopted = d_.governance.AdoptStatute(d_.Ctx(), d_.id, change);
    ASSERT_TRUE(adopted.ok()) << adopted.status();
  }

  District d_;
  workflow::TimerScheduler scheduler_;
};

TEST_F(NewKindTest, AStatuteChangeAddsAKindAndItsActsRunWithTheirDeadlines) {
  // Before the change, no such kind.
  const workflow::Caller carpiano = testing::Delegate("carpiano");
  uint64_t before = Last();
  auto unknown = Workflows().Start(d_.Ctx(carpiano.principal), carpiano, d_.id,
                                   Request("carpiano-1", "carpiano"));
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(unknown.status()), reasons::kUnknownActKind);
  EXPECT_EQ(Last(), before);

  AdoptTheStatuteChange();
  // Adopted on 15 March, in force from 1 April: still unknown on 31 March.
  AdvanceTo(CivilDay(2026, 3, 31), 9);
  EXPECT_EQ(ErrorReason(Workflows()
                            .Start(d_.Ctx(carpiano.principal), carpiano, d_.id,
                                   Request("carpiano-1", "carpiano"))
                            .status()),
            reasons::kUnknownActKind);

  // From 1 April (Wednesday) members file requests; the grants of an
  // access control decide who is who.
  AdvanceTo(CivilDay(2026, 4, 1), 9);
  access::AccessControl access;
  for (auto [principal, role, scope] :
       {std::make_tuple(testing::DelegateOf("carpiano"),
                        v1::ROLE_MEMBER_DELEGATE, "carpiano"),
        std::make_tuple(testing::DelegateOf("dresano"),
                        v1::ROLE_MEMBER_DELEGATE, "dresano"),
        std::make_tuple(std::string(testing::kUfficio),
                        v1::ROLE_UFFICIO_DI_PIANO, "")}) {
    v1::RoleGranted g;
    g.set_consortium_id(d_.id);
    g.set_principal(principal);
    g.set_role(role);
    g.set_scope(scope);
    access.Apply(g);
  }
  const workflow::Caller from_carpiano =
      workflow::CallerFrom(access, testing::DelegateOf("carpiano"), d_.id);
  const workflow::Caller from_dresano =
      workflow::CallerFrom(access, testing::DelegateOf("dresano"), d_.id);
  const workflow::Caller office =
      workflow::CallerFrom(access, testing::kUfficio, d_.id);
  // Dresano's delegate may not file for Carpiano.
  before = Last();
  EXPECT_EQ(ErrorReason(Workflows()
                            .Start(d_.Ctx(from_dresano.principal), from_dresano,
                                   d_.id, Request("carpiano-1", "carpiano"))
                            .status()),
            reasons::kRoleNotAllowed);
  EXPECT_EQ(Last(), before);
  auto filed = Workflows().Start(d_.Ctx(from_carpiano.principal), from_carpiano,
                                 d_.id, Request("carpiano-1", "carpiano"));
  ASSERT_TRUE(filed.ok()) << filed.status();
  auto act = Workflows().Act(d_.id, testing::kAccessRequest, "carpiano-1");
  ASSERT_TRUE(act.ok());
  EXPECT_EQ(act->started.statute_version(), 2);
  EXPECT_EQ(act->started.role(), v1::ROLE_MEMBER_DELEGATE);
  // 30 days from 1 April end on Friday 1 May, a holiday, rolled past the
  // weekend to Monday 4 May.
  ASSERT_TRUE(act->deadline.has_value());
  EXPECT_EQ(domain::DayOf(act->deadline->last_day()), CivilDay(2026, 5, 4));
  // Dresano files the next day and is granted on 10 April; a delegate may
  // not grant.
  AdvanceTo(CivilDay(2026, 4, 2), 9);
  ASSERT_TRUE(Workflows()
                  .Start(d_.Ctx(from_dresano.principal), from_dresano, d_.id,
                         Request("dresano-1", "dresano"))
                  .ok());
  AdvanceTo(CivilDay(2026, 4, 10), 11);
  EXPECT_EQ(
      ErrorReason(Workflows()
                      .Perform(d_.Ctx(from_dresano.principal), from_dresano,
                               d_.id, testing::kAccessRequest, "dresano-1",
                               workflow::ActionOf("grant"))
                      .status()),
      reasons::kRoleNotAllowed);
  EXPECT_EQ(ErrorReason(Workflows()
                            .Perform(d_.Ctx(office.principal), office, d_.id,
                                     testing::kAccessRequest, "dresano-1",
                                     workflow::ActionOf("silent-refusal"))
                            .status()),
            reasons::kRoleNotAllowed);
  ASSERT_TRUE(Workflows()
                  .Perform(d_.Ctx(office.principal), office, d_.id,
                           testing::kAccessRequest, "dresano-1",
                           workflow::ActionOf("grant"))
                  .ok());
  EXPECT_EQ(StateOf("dresano-1"), "granted");

  // Day by day: Carpiano's request waits until 4 May and is refused by
  // silence on 5 May, not a day earlier; Dresano's, granted, is untouched
  // when its own deadline passes.
  for (CivilDay day(2026, 4, 11); day <= CivilDay(2026, 5, 10); ++day) {
    AdvanceTo(day);
    EXPECT_EQ(StateOf("carpiano-1"),
              day >= CivilDay(2026, 5, 5) ? "refused" : "submitted")
        << day;
    EXPECT_EQ(StateOf("dresano-1"), "granted") << day;
  }
  act = Workflows().Act(d_.id, testing::kAccessRequest, "carpiano-1");
  ASSERT_TRUE(act.ok());
  ASSERT_EQ(act->transitions.size(), 1u);
  const v1::ActTransitioned& refusal = act->transitions[0];
  EXPECT_TRUE(refusal.automatic());
  EXPECT_EQ(refusal.action(), "silent-refusal");
  EXPECT_EQ(refusal.performed_by(), "system:scheduler");
  EXPECT_EQ(domain::DayOf(refusal.performed_on()), CivilDay(2026, 5, 5));
  EXPECT_EQ(refusal.statute_version(), 2);
  // The refusal's cause is the deadline's fired timer.
  auto records = d_.log.log->ReadStream(
      workflow::ActStream(d_.id, testing::kAccessRequest, "carpiano-1"), 1, 10);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 4u);  // started, deadline, passed, refused
  EXPECT_EQ((*records)[2].type, "concordia.v1.ActDeadlinePassed");
  auto fired = d_.log.log->ReadStream(
      workflow::TimerStream(d_.id, refusal.timer_id()), 2, 1);
  ASSERT_TRUE(fired.ok());
  ASSERT_EQ(fired->size(), 1u);
  EXPECT_EQ((*fired)[0].type, "concordia.v1.TimerFired");
  EXPECT_EQ((*records)[3].metadata.causation_id, (*fired)[0].id.ToHex());
  auto dresano = d_.log.log->ReadStream(
      workflow::ActStream(d_.id, testing::kAccessRequest, "dresano-1"), 1, 10);
  EXPECT_EQ(dresano->size(), 3u);  // started, deadline, granted
  // A refused request is closed.
  EXPECT_EQ(ErrorReason(Workflows()
                            .Perform(d_.Ctx(office.principal), office, d_.id,
                                     testing::kAccessRequest, "carpiano-1",
                                     workflow::ActionOf("grant"))
                            .status()),
            reasons::kTransitionNotAllowed);
  // The definition in force is the statute's, version 2.
  auto in_force = Workflows().DefinitionOn(d_.id, testing::kAccessRequest,
                                           CivilDay(2026, 5, 10));
  ASSERT_TRUE(in_force.ok());
  EXPECT_EQ(in_force->statute_version, 2);
  EXPECT_EQ(in_force->definition.title(), testing::AccessRequestKind().title());
}

TEST_F(NewKindTest, AMalformedDefinitionIsRefusedWithTheStatute) {
  v1::Statute bad = testing::StatuteWithWorkflows();
  bad.mutable_workflows(0)->mutable_transitions(0)->set_to_state("archived");
  v1::DeliberationRef ref;
  ref.set_proposal_id("p-any");
  const uint64_t before = Last();
  auto r = d_.governance.AdoptStatute(d_.Ctx(), d_.id,
                                      {bad, CivilDay(2026, 4, 1), ref});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorMetadata(r.status())["field"],
            "statute.workflows[0].transitions[0].to_state");
  EXPECT_EQ(Last(), before);
}

}  // namespace
}  // namespace concordia
