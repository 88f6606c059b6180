// The kinds Concordia's aggregates keep follow the workflow in force: a
// deliberation enters the agenda only with the opinions its workflow
// requires (the Tavolo Tecnico's and the Tavolo degli Aderenti's when the
// statute says so, delivered by acts of their own kinds), a programme is
// adopted only with the opinion its workflow requires (lapsed after 20
// days), an accord's approvals and conclusion and a report's submission are
// recorded on their acts, and performers are checked when the caller is
// known. Rejections append nothing.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "engine/workflow/kinds.h"
#include "engine/workflow/workflows.h"
#include "gtest/gtest.h"
#include "tests/workflow/statutes.h"

namespace concordia {
namespace {

using absl::CivilDay;
using domain::testing::Cooperative;
using domain::testing::Rome;
namespace reasons = domain::reasons;
namespace wf = workflow;

class BuiltinKindsTest : public ::testing::Test {
 protected:
  BuiltinKindsTest()
      : c_(domain::testing::kDistrict, testing::StatuteWithWorkflows()) {}

  wf::Workflows& Workflows() { return c_.district.governance.workflows(); }
  domain::Governance& Governance() { return c_.district.governance; }
  const std::string& Id() { return c_.id; }
  uint64_t Last() { return c_.Last(); }
  wf::ActState Act(const std::string& kind, const std::string& id) {
    auto a = Workflows().Act(Id(), kind, id);
    EXPECT_TRUE(a.ok()) << a.status();
    return a.ok() ? *a : wf::ActState{};
  }
  // Drafts a proposal for the Assemblea with its technical opinion.
  void Draft(const std::string& id, std::vector<std::string> flags) {
    domain::deliberation::DraftProposal p;
    p.consortium_id = Id();
    p.proposal_id = id;
    p.body_id = "assemblea";
    p.title = "Approvazione del Piano di Zona 2026-2028";
    p.workflow_flags = std::move(flags);
    auto drafted = Governance().DraftProposal(c_.Ctx(testing::kUfficio), p);
    ASSERT_TRUE(drafted.ok()) << drafted.status();
    ASSERT_TRUE(Governance()
                    .GiveOpinion(c_.Ctx(testing::kUfficio), Id(), id,
                                 {v1::OPINION_KIND_TECHNICAL, true,
                                  "responsabile@sudestmilano", "favorevole"})
                    .ok());
  }
  domain::session::Convene Convocation(const std::string& session, CivilDay day,
                                       const std::string& proposal) {
    domain::session::Convene c;
    c.consortium_id = Id();
    c.session_id = session;
    c.body_id = "assemblea";
    c.kind = v1::SESSION_KIND_ORDINARY;
    c.session_time =
        Rome(static_cast<int>(day.year()), day.month(), day.day(), 10);
    v1::AgendaItem item;
    item.set_number(1);
    item.set_proposal_id(proposal);
    item.set_act_kind(v1::ACT_KIND_ORDINARY);
    item.set_title(proposal);
    c.items.push_back(item);
    return c;
  }
  // Requests the opinion of a table on `subject`.
  absl::StatusOr<domain::Outcome> Request(const std::string& kind,
                                          const std::string& id,
                                          const std::string& body,
                                          const v1::ActRef& subject) {
    wf::StartAct s;
    s.act_kind = kind;
    s.act_id = id;
    s.title = absl::StrCat("Parere su ", subject.act_id());
    s.body_id = body;
    s.subject = subject;
    const wf::Caller office = testing::UfficioDiPiano();
    return Workflows().Start(c_.Ctx(office.principal), office, Id(), s);
  }
  static v1::ActRef Ref(const std::string& kind, const std::string& id) {
    v1::ActRef r;
    r.set_act_kind(kind);
    r.set_act_id(id);
    return r;
  }

  Cooperative c_;
};

TEST_F(BuiltinKindsTest,
       APlanningProposalWaitsForTheOpinionsItsWorkflowRequires) {
  // A flag the workflow does not declare is refused with the draft.
  uint64_t before = Last();
  domain::deliberation::DraftProposal odd;
  odd.consortium_id = Id();
  odd.proposal_id = "p-odd";
  odd.body_id = "assemblea";
  odd.title = "Proposta";
  odd.workflow_flags = {"urgentissima"};
  auto refused = Governance().DraftProposal(c_.Ctx(), odd);
  EXPECT_EQ(ErrorMetadata(refused.status())["field"], "workflow_flags[0]");
  EXPECT_EQ(Last(), before);

  Draft("p-pdz", {testing::kSocialPlanning});
  wf::ActState act = Act(wf::kDeliberation, "p-pdz");
  EXPECT_EQ(act.state, "drafted");
  EXPECT_EQ(act.started.record_stream(),
            domain::deliberation::DeliberationStream(Id(), "p-pdz"));
  EXPECT_EQ(act.started.statute_version(), 1);
  // With its technical opinion only, it cannot enter the agenda.
  before = Last();
  auto early = Governance().Convene(
      c_.Ctx(), Convocation("s-apr", CivilDay(2026, 4, 20), "p-pdz"));
  EXPECT_EQ(early.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(early.status()), reasons::kMissingOpinion);
  EXPECT_NE(early.status().message().find("Parere del Tavolo Tecnico"),
            std::string::npos)
      << early.status().message();
  EXPECT_EQ(Last(), before);

  // The Ufficio di Piano asks both tables on 1 April.
  c_.AdvanceTo(CivilDay(2026, 4, 1), 9);
  const v1::ActRef proposal = Ref(wf::kDeliberation, "p-pdz");
  // The Tavolo Tecnico's opinion is of the Tavolo Tecnico.
  EXPECT_EQ(
      ErrorReason(Request(wf::kTavoloOpinion, "pdz-tt", "assemblea", proposal)
                      .status()),
      reasons::kWrongBody);
  ASSERT_TRUE(
      Request(wf::kTavoloOpinion, "pdz-tt", "tavolo-tecnico", proposal).ok());
  ASSERT_TRUE(
      Request(testing::kAderentiOpinion, "pdz-ta", "tavolo-aderenti", proposal)
          .ok());
  // The Tavolo Tecnico's secretary gives it on 8 April; another body's
  // secretary may not.
  c_.AdvanceTo(CivilDay(2026, 4, 8), 15);
  wf::PerformAction give = wf::ActionOf("give");
  give.favourable = true;
  give.note = "Parere favorevole del Tavolo Tecnico del 7 aprile";
  const wf::Caller wrong = testing::Secretary("tavolo-aderenti");
  EXPECT_EQ(ErrorReason(Workflows()
                            .Perform(c_.Ctx(wrong.principal), wrong, Id(),
                                     wf::kTavoloOpinion, "pdz-tt", give)
                            .status()),
            reasons::kRoleNotAllowed);
  const wf::Caller tavolo = testing::Secretary("tavolo-tecnico");
  ASSERT_TRUE(Workflows()
                  .Perform(c_.Ctx(tavolo.principal), tavolo, Id(),
                           wf::kTavoloOpinion, "pdz-tt", give)
                  .ok());
  act = Act(wf::kDeliberation, "p-pdz");
  ASSERT_EQ(act.opinions.count(wf::kTavoloTecnicoOpinion), 1u);
  const v1::ActOpinionAttached& tt = act.opinions.at(wf::kTavoloTecnicoOpinion);
  EXPECT_TRUE(tt.favourable());
  EXPECT_FALSE(tt.lapsed());
  EXPECT_EQ(tt.body_id(), "tavolo-tecnico");
  EXPECT_EQ(tt.source().act_id(), "pdz-tt");
  EXPECT_EQ(tt.given_by(), tavolo.principal);
  EXPECT_EQ(Act(wf::kTavoloOpinion, "pdz-tt").state, "given");
  // Still missing the Tavolo degli Aderenti's.
  EXPECT_EQ(ErrorReason(Governance()
                            .Convene(c_.Ctx(),
                                     Convocation("s-apr", CivilDay(2026, 4, 20),
                                                 "p-pdz"))
                            .status()),
            reasons::kMissingOpinion);
  // Its 15 days end on 16 April: on the 17th it is overdue, still awaited.
  c_.AdvanceTo(CivilDay(2026, 4, 16));
  EXPECT_FALSE(Act(testing::kAderentiOpinion, "pdz-ta").overdue());
  c_.AdvanceTo(CivilDay(2026, 4, 17));
  EXPECT_TRUE(Act(testing::kAderentiOpinion, "pdz-ta").overdue());
  EXPECT_EQ(Act(testing::kAderentiOpinion, "pdz-ta").state, "requested");
  // Given late, it is marked so and delivered.
  c_.AdvanceTo(CivilDay(2026, 4, 20), 9);
  const wf::Caller aderenti = testing::Secretary("tavolo-aderenti");
  give.note = "Parere del Tavolo degli Aderenti";
  ASSERT_TRUE(Workflows()
                  .Perform(c_.Ctx(aderenti.principal), aderenti, Id(),
                           testing::kAderentiOpinion, "pdz-ta", give)
                  .ok());
  wf::ActState ta = Act(testing::kAderentiOpinion, "pdz-ta");
  ASSERT_EQ(ta.transitions.size(), 1u);
  EXPECT_TRUE(ta.transitions[0].late());
  // Now it enters the agenda (for a session on 27 April); the Tavolo
  // Tecnico's secretary may not convene the Assemblea.
  before = Last();
  EXPECT_EQ(ErrorReason(Governance()
                            .Convene(c_.Ctx(),
                                     Convocation("s-apr", CivilDay(2026, 4, 27),
                                                 "p-pdz"),
                                     &tavolo)
                            .status()),
            reasons::kRoleNotAllowed);
  EXPECT_EQ(Last(), before);
  const wf::Caller assemblea = testing::Secretary("assemblea");
  auto convened = Governance().Convene(
      c_.Ctx(assemblea.principal),
      Convocation("s-apr", CivilDay(2026, 4, 27), "p-pdz"), &assemblea);
  ASSERT_TRUE(convened.ok()) << convened.status();
  act = Act(wf::kDeliberation, "p-pdz");
  EXPECT_EQ(act.state, "on-agenda");
  ASSERT_EQ(act.transitions.size(), 1u);
  EXPECT_EQ(act.transitions[0].role(), v1::ROLE_SECRETARY);
  EXPECT_EQ(act.transitions[0].performed_by(), assemblea.principal);
  // An opinion on a proposal already on the agenda can still arrive; one on
  // an adopted proposal cannot.
  c_.AdvanceTo(CivilDay(2026, 4, 27), 10);
  const std::vector<std::string> five = {"san-giuliano-milanese",
                                         "san-donato-milanese", "melegnano",
                                         "cerro-al-lambro", "dresano"};
  ASSERT_TRUE(
      Governance().RecordAttendance(c_.Ctx(), Id(), "s-apr", five, {}).ok());
  std::vector<std::pair<std::string, v1::VoteChoice>> yes;
  for (const std::string& m : five)
    yes.push_back({m, v1::VOTE_CHOICE_IN_FAVOUR});
  ASSERT_TRUE(c_.district.Vote("s-apr", 1, yes).ok());
  ASSERT_TRUE(Governance().Proclaim(c_.Ctx(), Id(), "s-apr", 1, "").ok());
  act = Act(wf::kDeliberation, "p-pdz");
  EXPECT_EQ(act.state, "adopted");
  ASSERT_EQ(act.transitions.size(), 2u);
  EXPECT_EQ(act.transitions[1].action(), wf::kAdopt);
  EXPECT_EQ(act.transitions[1].note(), "n. 1/2026");
  before = Last();
  EXPECT_EQ(ErrorReason(Request(wf::kTavoloOpinion, "pdz-tt-2",
                                "tavolo-tecnico", proposal)
                            .status()),
            reasons::kInvalidStateTransition);
  // Adoption is the aggregate's: the generic command may not perform it.
  const wf::Caller office = testing::UfficioDiPiano();
  EXPECT_EQ(ErrorReason(Workflows()
                            .Perform(c_.Ctx(office.principal), office, Id(),
                                     wf::kDeliberation, "p-pdz",
                                     wf::ActionOf(wf::kReject))
                            .status()),
            reasons::kTransitionNotAllowed);
  EXPECT_EQ(Last(), before);
}

TEST_F(BuiltinKindsTest, AnOpinionAttachedDirectlyIsNotDeliveredTwice) {
  Draft("p-reg", {testing::kSocialPlanning});
  c_.AdvanceTo(CivilDay(2026, 4, 1), 9);
  const v1::ActRef proposal = Ref(wf::kDeliberation, "p-reg");
  ASSERT_TRUE(
      Request(wf::kTavoloOpinion, "reg-tt", "tavolo-tecnico", proposal).ok());
  // The Tavolo Tecnico's secretary attaches its opinion to the proposal's
  // act directly (the Ufficio di Piano may not).
  wf::AttachOpinion direct;
  direct.opinion = wf::kTavoloTecnicoOpinion;
  direct.body_id = "tavolo-tecnico";
  direct.favourable = false;
  direct.given_by = "segretario@tavolo-tecnico";
  direct.text = "Parere contrario: mancano le schede di spesa";
  const wf::Caller office = testing::UfficioDiPiano();
  uint64_t before = Last();
  EXPECT_EQ(ErrorReason(Workflows()
                            .Attach(c_.Ctx(office.principal), office, Id(),
                                    wf::kDeliberation, "p-reg", direct)
                            .status()),
            reasons::kRoleNotAllowed);
  EXPECT_EQ(Last(), before);
  const wf::Caller tavolo = testing::Secretary("tavolo-tecnico");
  ASSERT_TRUE(Workflows()
                  .Attach(c_.Ctx(tavolo.principal), tavolo, Id(),
                          wf::kDeliberation, "p-reg", direct)
                  .ok());
  const v1::ActOpinionAttached got =
      Act(wf::kDeliberation, "p-reg").opinions.at(wf::kTavoloTecnicoOpinion);
  EXPECT_FALSE(got.favourable());
  EXPECT_FALSE(got.has_source());
  // The opinion act's "give" would deliver a second one: refused, nothing
  // appended, the request still open.
  before = Last();
  wf::PerformAction give = wf::ActionOf("give");
  give.favourable = true;
  EXPECT_EQ(ErrorReason(Workflows()
                            .Perform(c_.Ctx(tavolo.principal), tavolo, Id(),
                                     wf::kTavoloOpinion, "reg-tt", give)
                            .status()),
            reasons::kAlreadyExists);
  EXPECT_EQ(Last(), before);
  EXPECT_EQ(Act(wf::kTavoloOpinion, "reg-tt").state, "requested");
  // When its 20 days pass (21 April) it lapses; the proposal keeps the
  // opinion it has.
  c_.AdvanceTo(CivilDay(2026, 4, 22));
  EXPECT_EQ(Act(wf::kTavoloOpinion, "reg-tt").state, "lapsed");
  const wf::ActState p = Act(wf::kDeliberation, "p-reg");
  EXPECT_FALSE(p.opinions.at(wf::kTavoloTecnicoOpinion).lapsed());
  EXPECT_EQ(p.opinions.at(wf::kTavoloTecnicoOpinion).text(), direct.text);
}

TEST_F(BuiltinKindsTest,
       AProgrammeIsAdoptedOnlyWithTheOpinionItsWorkflowRequires) {
  const CivilDay executive = c_.Deliberate("p-piano", CivilDay(2026, 3, 9));
  ASSERT_TRUE(c_.cooperation
                  .DraftProgramme(
                      c_.Ctx(testing::kUfficio),
                      {Id(), "pdz-2026-2028", v1::PROGRAMME_KIND_PIANO_DI_ZONA,
                       "Piano di Zona 2026-2028", 2026, 0, ""})
                  .ok());
  EXPECT_EQ(Act(wf::kProgrammeApproval, "pdz-2026-2028").state, "drafted");
  // Asked on Monday 16 March, the Tavolo Tecnico does not answer: its 20
  // days end on Easter Sunday, 5 April 2026, rolled past Easter Monday to
  // Tuesday 7 April; on Wednesday 8 April the opinion lapses.
  c_.AdvanceTo(CivilDay(2026, 3, 16), 9);
  ASSERT_TRUE(Request(wf::kTavoloOpinion, "pdz-tt", "tavolo-tecnico",
                      Ref(wf::kProgrammeApproval, "pdz-2026-2028"))
                  .ok());
  wf::ActState requested = Act(wf::kTavoloOpinion, "pdz-tt");
  ASSERT_TRUE(requested.deadline.has_value());
  EXPECT_EQ(domain::DayOf(requested.deadline->last_day()),
            CivilDay(2026, 4, 7));
  // The deliberation is executive on Saturday 21 March; until the opinion
  // arrives (or lapses) the programme cannot be adopted.
  c_.AdvanceTo(executive, 9);
  const domain::programme::AdoptProgramme adopt{
      domain::testing::InternalAct("p-piano"), executive};
  uint64_t before = Last();
  EXPECT_EQ(
      ErrorReason(
          c_.cooperation.AdoptProgramme(c_.Ctx(), Id(), "pdz-2026-2028", adopt)
              .status()),
      reasons::kMissingOpinion);
  EXPECT_EQ(Last(), before);
  for (CivilDay day(2026, 3, 22); day <= CivilDay(2026, 4, 10); ++day) {
    c_.AdvanceTo(day);
    const bool lapsed = day >= CivilDay(2026, 4, 8);
    EXPECT_EQ(Act(wf::kTavoloOpinion, "pdz-tt").state,
              lapsed ? "lapsed" : "requested")
        << day;
    EXPECT_EQ(Act(wf::kProgrammeApproval, "pdz-2026-2028")
                  .opinions.count(wf::kTavoloTecnicoOpinion),
              lapsed ? 1u : 0u)
        << day;
  }
  const v1::ActOpinionAttached lapsed =
      Act(wf::kProgrammeApproval, "pdz-2026-2028")
          .opinions.at(wf::kTavoloTecnicoOpinion);
  EXPECT_TRUE(lapsed.lapsed());
  EXPECT_FALSE(lapsed.favourable());
  EXPECT_EQ(domain::DayOf(lapsed.given_on()), CivilDay(2026, 4, 8));
  // A delegate may not record the adoption; the Ufficio di Piano may.
  const wf::Caller delegate = testing::Delegate("melegnano");
  before = Last();
  EXPECT_EQ(ErrorReason(c_.cooperation
                            .AdoptProgramme(c_.Ctx(delegate.principal), Id(),
                                            "pdz-2026-2028", adopt, &delegate)
                            .status()),
            reasons::kRoleNotAllowed);
  EXPECT_EQ(Last(), before);
  const wf::Caller office = testing::UfficioDiPiano();
  auto adopted = c_.cooperation.AdoptProgramme(c_.Ctx(office.principal), Id(),
                                               "pdz-2026-2028", adopt, &office);
  ASSERT_TRUE(adopted.ok()) << adopted.status();
  const wf::ActState programme = Act(wf::kProgrammeApproval, "pdz-2026-2028");
  EXPECT_EQ(programme.state, "adopted");
  EXPECT_EQ(programme.transitions.back().role(), v1::ROLE_UFFICIO_DI_PIANO);
  EXPECT_EQ(programme.transitions.back().note(), "deliberation p-piano");
}

TEST_F(BuiltinKindsTest,
       AnAccordsApprovalsAndItsConclusionAreRecordedOnItsAct) {
  domain::accord::DraftAccord d;
  d.consortium_id = Id();
  d.accord_id = "conv-sad";
  d.kind = v1::ACCORD_KIND_CONVENZIONE;
  d.title = "Convenzione per l'assistenza domiciliare";
  d.object = "assistenza domiciliare";
  for (const char* m : {"carpiano", "dresano"}) {
    v1::AccordParty p;
    p.set_party_id(m);
    p.set_name(m);
    p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
    p.set_kind(v1::MEMBER_KIND_COMUNE);
    d.parties.push_back(p);
  }
  d.term.set_duration_months(24);
  ASSERT_TRUE(c_.cooperation.DraftAccord(c_.Ctx(), d).ok());
  EXPECT_EQ(Act(wf::kAccordApproval, "conv-sad").state, "drafted");
  const v1::ApprovingAct act = domain::testing::ExternalAct(
      "Consiglio comunale", "9", CivilDay(2026, 2, 10));
  // Melegnano's delegate may not record Dresano's approval.
  const wf::Caller melegnano = testing::Delegate("melegnano");
  uint64_t before = Last();
  EXPECT_EQ(ErrorReason(c_.cooperation
                            .RecordApproval(
                                c_.Ctx(melegnano.principal), Id(), "conv-sad",
                                {0, "dresano", act, CivilDay(2026, 2, 16)},
                                &melegnano)
                            .status()),
            reasons::kRoleNotAllowed);
  EXPECT_EQ(Last(), before);
  for (const char* m : {"carpiano", "dresano"}) {
    const wf::Caller party = testing::Delegate(m);
    ASSERT_TRUE(c_.cooperation
                    .RecordApproval(c_.Ctx(party.principal), Id(), "conv-sad",
                                    {0, m, act, CivilDay(2026, 2, 16)}, &party)
                    .ok())
        << m;
  }
  c_.AdvanceTo(CivilDay(2026, 2, 20), 9);
  for (const char* m : {"carpiano", "dresano"}) {
    ASSERT_TRUE(
        c_.cooperation
            .Sign(c_.Ctx(), Id(), "conv-sad",
                  {0, m,
                   domain::testing::QualifiedSignature(
                       absl::StrCat("sindaco@", m), Rome(2026, 2, 20, 11))})
            .ok());
  }
  const wf::ActState a = Act(wf::kAccordApproval, "conv-sad");
  EXPECT_EQ(a.state, "concluded");
  ASSERT_EQ(a.transitions.size(), 3u);
  EXPECT_EQ(a.transitions[0].action(), wf::kApprove);
  EXPECT_EQ(a.transitions[0].acting_member_id(), "carpiano");
  EXPECT_EQ(a.transitions[0].role(), v1::ROLE_MEMBER_DELEGATE);
  EXPECT_EQ(a.transitions[0].from_state(), "drafted");
  EXPECT_EQ(a.transitions[0].to_state(), "drafted");
  EXPECT_EQ(a.transitions[2].action(), wf::kConclude);
  EXPECT_EQ(a.transitions[2].acting_member_id(), "dresano");
}

TEST_F(BuiltinKindsTest, EachReportIsAnActSubmittedByTheUfficioDiPiano) {
  domain::project::RegisterProject p;
  p.consortium_id = Id();
  p.project_id = "pnrr-m5c2";
  p.title = "PNRR M5C2 1.2 Percorsi di autonomia";
  p.funding.set_kind(v1::FUNDING_SOURCE_KIND_MINISTERIAL);
  p.funding.set_name("PNRR M5C2 1.2");
  p.budget_cents = 71'500'000;
  p.starts_on = CivilDay(2026, 1, 1);
  p.ends_on = CivilDay(2026, 12, 31);
  p.participant_ids = domain::testing::ComuneIds();
  p.cost_sharing =
      domain::testing::SharingRule(v1::COST_SHARING_METHOD_BY_SHARE);
  p.reporting.set_period_months(6);
  p.reporting.set_deadline_days(30);
  ASSERT_TRUE(c_.cooperation.RegisterProject(c_.Ctx(), p).ok());
  auto project = c_.cooperation.Project(Id(), "pnrr-m5c2");
  ASSERT_TRUE(project.ok());
  ASSERT_FALSE(project->reports.empty());
  for (const auto& [id, report] : project->reports) {
    EXPECT_EQ(Act(wf::kReportSubmission, absl::StrCat("pnrr-m5c2/", id)).state,
              "due")
        << id;
  }
  c_.AdvanceTo(CivilDay(2026, 7, 10), 9);
  const domain::project::SubmitReport submit{
      "periodic-1", CivilDay(2026, 7, 10), "", "Rendiconto del primo semestre"};
  const wf::Caller delegate = testing::Delegate("carpiano");
  uint64_t before = Last();
  EXPECT_EQ(ErrorReason(c_.cooperation
                            .SubmitReport(c_.Ctx(delegate.principal), Id(),
                                          "pnrr-m5c2", submit, &delegate)
                            .status()),
            reasons::kRoleNotAllowed);
  EXPECT_EQ(Last(), before);
  const wf::Caller office = testing::UfficioDiPiano();
  ASSERT_TRUE(c_.cooperation
                  .SubmitReport(c_.Ctx(office.principal), Id(), "pnrr-m5c2",
                                submit, &office)
                  .ok());
  const wf::ActState report =
      Act(wf::kReportSubmission, "pnrr-m5c2/periodic-1");
  EXPECT_EQ(report.state, "submitted");
  EXPECT_EQ(report.transitions.back().note(), "Rendiconto del primo semestre");
  // The law's rule stands before the workflow's: a second submission.
  EXPECT_EQ(ErrorReason(c_.cooperation
                            .SubmitReport(c_.Ctx(office.principal), Id(),
                                          "pnrr-m5c2", submit, &office)
                            .status()),
            reasons::kInvalidStateTransition);
}

}  // namespace
}  // namespace concordia
