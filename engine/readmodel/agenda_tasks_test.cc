// The agenda's tasks of domain II over a real log, driven by the real
// Cooperation handlers: a convenzione's approvals and signatures (and an
// amendment that lapses when the accord expires), a year's needs collection
// and a funded project's reports. Each task appears, becomes done, becomes
// overdue on a later day or is no longer due; read on days before and after
// and as recorded before and after.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/testing/harness.h"
#include "gtest/gtest.h"

namespace concordia::readmodel {
namespace {

using absl::CivilDay;
using domain::DayOf;
using domain::testing::Cooperative;
using domain::testing::Rome;
using domain::testing::Sindaco;
using testing::AtPositionInForceOn;
using testing::InForceOn;
using testing::Latest;
using testing::ReadModelHarness;

constexpr char kAccord[] = "conv-sad";
const std::vector<std::string> kParties = {"carpiano", "dresano",
                                           "colturano"};

class AgendaTasksTest : public ::testing::Test {
 protected:
  std::vector<v1::AgendaEntryView> Agenda(const std::string& member,
                                          const v1::AsOf& as_of,
                                          bool open_only = false) {
    h_.Sync();
    AgendaFilter f;
    f.open_only = open_only;
    PageRequest page;
    page.page_size = 1000;
    auto r = h_.queries().ListAgenda(c_.id, member, f, as_of, page);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->items : std::vector<v1::AgendaEntryView>{};
  }
  // The task of `kind` about `id` (and `detail`: the instrument, the
  // report) on `member`'s agenda; an empty entry when absent.
  v1::AgendaEntryView Task(const std::string& member, v1::AgendaTaskKind kind,
                           const std::string& id, const v1::AsOf& as_of,
                           const std::string& detail = "0") {
    for (const v1::AgendaEntryView& e : Agenda(member, as_of)) {
      if (e.task() != kind || e.subject().id() != id) continue;
      if (kind == v1::AGENDA_TASK_KIND_REPORT
              ? e.subject().report_id() == detail
              : absl::StrCat(e.subject().instrument()) == detail ||
                    kind == v1::AGENDA_TASK_KIND_NEEDS) {
        return e;
      }
    }
    return v1::AgendaEntryView();
  }
  v1::AgendaTaskStatus StatusOf(const std::string& member,
                                v1::AgendaTaskKind kind, const std::string& id,
                                const v1::AsOf& as_of,
                                const std::string& detail = "0") {
    return Task(member, kind, id, as_of, detail).in_force().status();
  }

  void DraftConvenzione(CivilDay ends_on) {
    domain::accord::DraftAccord d;
    d.consortium_id = c_.id;
    d.accord_id = kAccord;
    d.kind = v1::ACCORD_KIND_CONVENZIONE;
    d.title = "Convenzione per l'assistenza domiciliare";
    d.object = "Gestione associata del servizio di assistenza domiciliare";
    for (const std::string& m : kParties) {
      v1::AccordParty p;
      p.set_party_id(m);
      p.set_name(m);
      p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
      p.set_kind(v1::MEMBER_KIND_COMUNE);
      d.parties.push_back(p);
    }
    *d.term.mutable_ends_on() = domain::ToDate(ends_on);
    auto drafted = c_.cooperation.DraftAccord(c_.Ctx(), d);
    ASSERT_TRUE(drafted.ok()) << drafted.status();
  }
  void Approve(const std::string& party, int instrument) {
    const CivilDay today = calendar::RomeDay(c_.district.clock.Now());
    auto r = c_.cooperation.RecordApproval(
        c_.Ctx(), c_.id, kAccord,
        {instrument, party,
         domain::testing::ExternalAct(absl::StrCat("Consiglio di ", party),
                                      absl::StrCat(10 + instrument), today),
         today});
    ASSERT_TRUE(r.ok()) << party << ": " << r.status();
  }
  void Sign(const std::string& party, int instrument) {
    auto r = c_.cooperation.Sign(
        c_.Ctx(Sindaco(party)), c_.id, kAccord,
        {instrument, party,
         domain::testing::QualifiedSignature(Sindaco(party),
                                             c_.district.clock.Now())});
    ASSERT_TRUE(r.ok()) << party << ": " << r.status();
  }

  Cooperative c_;
  ReadModelHarness h_{*c_.district.log.log, c_.district.clock};
};

constexpr v1::AgendaTaskKind kApprove = v1::AGENDA_TASK_KIND_ACCORD_APPROVAL;
constexpr v1::AgendaTaskKind kSign = v1::AGENDA_TASK_KIND_ACCORD_SIGNATURE;
constexpr v1::AgendaTaskKind kNeeds = v1::AGENDA_TASK_KIND_NEEDS;
constexpr v1::AgendaTaskKind kReport = v1::AGENDA_TASK_KIND_REPORT;
constexpr v1::AgendaTaskStatus kToDo = v1::AGENDA_TASK_STATUS_TO_DO;
constexpr v1::AgendaTaskStatus kDone = v1::AGENDA_TASK_STATUS_DONE;
constexpr v1::AgendaTaskStatus kOverdue = v1::AGENDA_TASK_STATUS_OVERDUE;
constexpr v1::AgendaTaskStatus kLapsed = v1::AGENDA_TASK_STATUS_NO_LONGER_DUE;

TEST_F(AgendaTasksTest, AccordApprovalsAndSignaturesAppearAndAreDone) {
  c_.AdvanceTo(CivilDay(2026, 3, 2), 9);
  DraftConvenzione(CivilDay(2026, 12, 31));
  const uint64_t drafted = c_.Last();
  // Every public party must approve and sign; nobody else has a task.
  for (const std::string& m : kParties) {
    auto entries = Agenda(m, Latest());
    ASSERT_EQ(entries.size(), 2u) << m;
    EXPECT_EQ(entries[0].task(), kApprove);
    EXPECT_EQ(entries[1].task(), kSign);
    for (const auto& e : entries) {
      EXPECT_EQ(e.subject().id(), kAccord);
      EXPECT_EQ(e.subject().instrument(), 0);
      EXPECT_EQ(e.subject().title(), "Convenzione per l'assistenza domiciliare");
      EXPECT_FALSE(e.has_due_on());  // the domain sets no deadline to sign
      EXPECT_TRUE(e.session_id().empty());
      EXPECT_EQ(e.in_force().status(), kToDo);
      EXPECT_NE(e.description().find("the accord"), std::string::npos)
          << e.description();
    }
  }
  EXPECT_TRUE(Agenda("melegnano", Latest()).empty());
  // Carpiano approves on 5 March and signs on the 9th.
  c_.AdvanceTo(CivilDay(2026, 3, 5), 10);
  Approve("carpiano", 0);
  EXPECT_EQ(StatusOf("carpiano", kApprove, kAccord, InForceOn(CivilDay(2026, 3, 5))), kDone);
  EXPECT_EQ(DayOf(Task("carpiano", kApprove, kAccord, Latest()).done_on()),
            CivilDay(2026, 3, 5));
  // The day before, it was still to do; as recorded at the draft, too.
  EXPECT_EQ(StatusOf("carpiano", kApprove, kAccord, InForceOn(CivilDay(2026, 3, 4))), kToDo);
  EXPECT_EQ(StatusOf("carpiano", kApprove, kAccord,
                     AtPositionInForceOn(drafted, CivilDay(2026, 3, 5))),
            kToDo);
  EXPECT_EQ(StatusOf("carpiano", kSign, kAccord, InForceOn(CivilDay(2026, 3, 5))), kToDo);
  // Only what is open, with the filter.
  EXPECT_EQ(Agenda("carpiano", InForceOn(CivilDay(2026, 3, 5)), true).size(), 1u);
  c_.AdvanceTo(CivilDay(2026, 3, 9), 10);
  Sign("carpiano", 0);
  EXPECT_EQ(StatusOf("carpiano", kSign, kAccord, InForceOn(CivilDay(2026, 3, 9))), kDone);
  EXPECT_TRUE(Agenda("carpiano", InForceOn(CivilDay(2026, 3, 9)), true).empty());
  // No deadline: never overdue.
  EXPECT_EQ(StatusOf("dresano", kSign, kAccord, InForceOn(CivilDay(2027, 6, 1))), kToDo);
}

TEST_F(AgendaTasksTest, AnAmendmentNotDoneIsNoLongerDueOnceTheAccordExpires) {
  c_.AdvanceTo(CivilDay(2026, 3, 2), 9);
  DraftConvenzione(CivilDay(2026, 6, 30));
  for (const std::string& m : kParties) Approve(m, 0);
  for (const std::string& m : kParties) Sign(m, 0);
  // In force; an amendment is proposed on 10 March.
  c_.AdvanceTo(CivilDay(2026, 3, 10), 9);
  auto proposed = c_.cooperation.ProposeInstrument(
      c_.Ctx(), c_.id, kAccord,
      {v1::INSTRUMENT_KIND_AMENDMENT, "Orari del servizio", "", std::nullopt,
       std::nullopt, CivilDay(2026, 3, 10)});
  ASSERT_TRUE(proposed.ok()) << proposed.status();
  const v1::AgendaEntryView amendment =
      Task("dresano", kApprove, kAccord, Latest(), "1");
  EXPECT_EQ(amendment.in_force().status(), kToDo);
  EXPECT_NE(amendment.description().find("amendment 1"), std::string::npos)
      << amendment.description();
  EXPECT_EQ(StatusOf("dresano", kApprove, kAccord, Latest(), "0"), kDone);
  Approve("carpiano", 1);
  // The term ends on 30 June (its timer expires the accord on 1 July).
  c_.AdvanceTo(CivilDay(2026, 7, 2));
  h_.Sync();
  const v1::AgendaEntryView lapsed =
      Task("dresano", kApprove, kAccord, Latest(), "1");
  EXPECT_EQ(lapsed.in_force().status(), kLapsed);
  EXPECT_EQ(DayOf(lapsed.no_longer_due_on()), CivilDay(2026, 7, 1));
  EXPECT_EQ(lapsed.no_longer_due_reason(), "accord expired");
  EXPECT_EQ(StatusOf("dresano", kApprove, kAccord, InForceOn(CivilDay(2026, 6, 30)), "1"),
            kToDo);
  // What was done stays done; what was not lapses.
  EXPECT_EQ(StatusOf("carpiano", kApprove, kAccord, Latest(), "1"), kDone);
  EXPECT_EQ(StatusOf("carpiano", kSign, kAccord, Latest(), "1"), kLapsed);
  EXPECT_TRUE(Agenda("dresano", Latest(), true).empty());
}

TEST_F(AgendaTasksTest, NeedsToSubmitByTheDeadlineThenOverdue) {
  c_.AdvanceTo(CivilDay(2026, 9, 1), 9);
  ASSERT_TRUE(c_.cooperation
                  .OpenNeedsCollection(c_.Ctx(), c_.id, 2027,
                                       CivilDay(2026, 10, 31))
                  .ok());
  for (const std::string& m : domain::testing::ComuneIds()) {
    const v1::AgendaEntryView e = Task(m, kNeeds, "", Latest());
    EXPECT_EQ(e.subject().year(), 2027) << m;
    EXPECT_EQ(DayOf(e.due_on()), CivilDay(2026, 10, 31)) << m;
    // Due by the end of the day: 00:00 in Rome of 1 November.
    EXPECT_EQ(e.due_time().seconds(),
              absl::ToUnixSeconds(Rome(2026, 11, 1, 0)));
    EXPECT_EQ(e.in_force().status(), kToDo) << m;
  }
  c_.AdvanceTo(CivilDay(2026, 9, 15), 9);
  auto submitted = c_.cooperation.SubmitNeed(
      c_.Ctx(Sindaco("melegnano")), c_.id, 2027,
      {"sad-melegnano", "melegnano", "85311200-4",
       v1::PROCUREMENT_KIND_SERVICES, "assistenza domiciliare", 1000, "hours",
       16'000'000, CivilDay(2026, 9, 15)});
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  const uint64_t after_submission = c_.Last();
  EXPECT_EQ(StatusOf("melegnano", kNeeds, "", InForceOn(CivilDay(2026, 9, 15))), kDone);
  EXPECT_EQ(StatusOf("melegnano", kNeeds, "", InForceOn(CivilDay(2026, 9, 14))), kToDo);
  EXPECT_EQ(StatusOf("melegnano", kNeeds, "", InForceOn(CivilDay(2026, 11, 1))), kDone);
  // Dresano submits nothing: to do on the deadline, overdue the day after.
  EXPECT_EQ(StatusOf("dresano", kNeeds, "", InForceOn(CivilDay(2026, 10, 31))), kToDo);
  EXPECT_EQ(StatusOf("dresano", kNeeds, "", InForceOn(CivilDay(2026, 11, 1))), kOverdue);
  EXPECT_EQ(Agenda("dresano", InForceOn(CivilDay(2026, 11, 1)), true).size(), 1u);
  // Melegnano withdraws its only need: the task is open again.
  c_.AdvanceTo(CivilDay(2026, 9, 20), 9);
  ASSERT_TRUE(c_.cooperation
                  .WithdrawNeed(c_.Ctx(Sindaco("melegnano")), c_.id, 2027,
                                "sad-melegnano", "melegnano")
                  .ok());
  EXPECT_EQ(StatusOf("melegnano", kNeeds, "", InForceOn(CivilDay(2026, 11, 1))), kOverdue);
  EXPECT_EQ(StatusOf("melegnano", kNeeds, "",
                     AtPositionInForceOn(after_submission, CivilDay(2026, 11, 1))),
            kDone);
}

TEST_F(AgendaTasksTest, ReportsOfAProjectOnEachParticipantsAgendaByDueDay) {
  c_.AdvanceTo(CivilDay(2026, 2, 20), 9);
  domain::project::RegisterProject p;
  p.consortium_id = c_.id;
  p.project_id = "dopo-di-noi";
  p.title = "Dopo di noi";
  p.funding.set_kind(v1::FUNDING_SOURCE_KIND_MINISTERIAL);
  p.funding.set_name("Fondo per l'assistenza alle persone con disabilita'");
  p.funding.set_granted_cents(40'000'000);
  p.budget_cents = 50'000'000;
  p.starts_on = CivilDay(2026, 3, 1);
  p.ends_on = CivilDay(2027, 2, 28);
  p.participant_ids = {"carpiano", "dresano"};
  p.cost_sharing =
      domain::testing::SharingRule(v1::COST_SHARING_METHOD_BY_SHARE);
  p.reporting.set_period_months(6);
  p.reporting.set_deadline_days(30);
  auto registered = c_.cooperation.RegisterProject(c_.Ctx(), p);
  ASSERT_TRUE(registered.ok()) << registered.status();
  // Two periods and the final report, in due order.
  const std::vector<v1::AgendaEntryView> tasks = Agenda("carpiano", Latest());
  std::vector<std::string> ids;
  for (const auto& e : tasks) {
    EXPECT_EQ(e.task(), kReport);
    EXPECT_EQ(e.subject().id(), "dopo-di-noi");
    ids.push_back(e.subject().report_id());
  }
  ASSERT_GE(tasks.size(), 2u);
  EXPECT_EQ(ids[0], "periodic-1");
  for (size_t i = 1; i < tasks.size(); ++i) {
    EXPECT_LE(DayOf(tasks[i - 1].due_on()), DayOf(tasks[i].due_on()));
  }
  EXPECT_EQ(Agenda("dresano", Latest()).size(), tasks.size());
  EXPECT_TRUE(Agenda("melegnano", Latest()).empty());
  const CivilDay due = DayOf(tasks[0].due_on());
  EXPECT_EQ(due, CivilDay(2026, 9, 30));
  EXPECT_EQ(StatusOf("carpiano", kReport, "dopo-di-noi", InForceOn(due), "periodic-1"),
            kToDo);
  EXPECT_EQ(StatusOf("carpiano", kReport, "dopo-di-noi", InForceOn(due + 1), "periodic-1"),
            kOverdue);
  // Filed late, on 5 October: overdue until then, done from then.
  c_.AdvanceTo(CivilDay(2026, 10, 5), 9);
  auto filed = c_.cooperation.SubmitReport(
      c_.Ctx(), c_.id, "dopo-di-noi",
      {"periodic-1", CivilDay(2026, 10, 5), "", "Primo semestre"});
  ASSERT_TRUE(filed.ok()) << filed.status();
  for (const std::string m : {"carpiano", "dresano"}) {
    EXPECT_EQ(StatusOf(m, kReport, "dopo-di-noi", InForceOn(CivilDay(2026, 10, 4)), "periodic-1"),
              kOverdue);
    EXPECT_EQ(StatusOf(m, kReport, "dopo-di-noi", InForceOn(CivilDay(2026, 10, 5)), "periodic-1"),
              kDone);
  }
  EXPECT_EQ(StatusOf("carpiano", kReport, "dopo-di-noi", InForceOn(CivilDay(2026, 10, 5)),
                     "periodic-2"),
            kToDo);
}

}  // namespace
}  // namespace concordia::readmodel
