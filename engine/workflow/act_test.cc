// The Act aggregate's pure rules: starting, performing, opinions, deadlines,
// with the definitions as data (no log).
#include "engine/workflow/act.h"

#include <string>
#include <vector>

#include "engine/calendar/calendar_proto.h"
#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "engine/workflow/default_workflows.h"
#include "engine/workflow/definition.h"
#include "engine/workflow/kinds.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"

namespace concordia::workflow {
namespace {

using absl::CivilDay;
namespace reasons = domain::reasons;

absl::Time Noon(CivilDay d) {
  return absl::FromCivil(
      absl::CivilSecond(d.year(), d.month(), d.day(), 12, 0, 0),
      calendar::Rome());
}

// An access request (L. 241/1990 art. 25): a member's delegate files it for
// its member; the Ufficio di Piano grants it; 30 days of silence refuse it.
v1::WorkflowDefinition AccessRequest() {
  v1::WorkflowDefinition d;
  d.set_act_kind("accesso-atti");
  d.set_concerns_member(true);
  d.add_flags("urgent");
  *d.add_starters() =
      Performs(v1::ROLE_MEMBER_DELEGATE, v1::PERFORMER_SCOPE_ACT_MEMBER);
  d.set_initial_state("submitted");
  v1::WorkflowState submitted = State("submitted", "Presentata");
  *submitted.mutable_deadline()->mutable_period() =
      calendar::ToProto(calendar::Period(30));
  submitted.mutable_deadline()->set_outcome(
      v1::DEADLINE_OUTCOME_AUTOMATIC_TRANSITION);
  submitted.mutable_deadline()->set_action("silent-refusal");
  *d.add_states() = submitted;
  v1::WorkflowState review = State("in-review", "In istruttoria");
  *review.mutable_deadline()->mutable_period() =
      calendar::ToProto(calendar::Period(48, calendar::Unit::kHours));
  review.mutable_deadline()->set_outcome(v1::DEADLINE_OUTCOME_FLAG_OVERDUE);
  *d.add_states() = review;
  *d.add_states() = State("granted", "Accolta", true);
  *d.add_states() = State("refused", "Respinta", true);
  *d.add_opinions() = v1::WorkflowOpinion();
  d.mutable_opinions(0)->set_name("privacy");
  *d.mutable_opinions(0)->add_given_by() =
      Performs(v1::ROLE_UFFICIO_DI_PIANO, v1::PERFORMER_SCOPE_ANY);
  const v1::Performer office =
      Performs(v1::ROLE_UFFICIO_DI_PIANO, v1::PERFORMER_SCOPE_ANY);
  *d.add_transitions() =
      Transition("review", "Istruttoria", {"submitted"}, "in-review", {office});
  *d.add_transitions() = Transition(
      "remind", "Sollecito", {"submitted", "in-review"}, "submitted", {office});
  v1::WorkflowTransition grant = Transition(
      "grant", "Accoglimento", {"submitted", "in-review"}, "granted", {office});
  *grant.add_required_opinions() = Requires("privacy", "", "urgent");
  grant.set_refused_after_deadline(true);
  *d.add_transitions() = grant;
  *d.add_transitions() = Transition("silent-refusal", "Silenzio-rigetto",
                                    {"submitted"}, "refused", {});
  *d.add_transitions() =
      Transition("note", "Annotazione", {"in-review"}, "in-review", {office});
  return d;
}

Caller Holding(const std::string& principal, v1::Role role,
               const std::string& scope = "") {
  return {principal, {{"sudest", principal, role, scope}}};
}

struct Fixture {
  v1::WorkflowDefinition definition = AccessRequest();
  Caller delegate =
      Holding("sindaco@carpiano", v1::ROLE_MEMBER_DELEGATE, "carpiano");
  Caller office = Holding("ufficio@sudest", v1::ROLE_UFFICIO_DI_PIANO);
  ActState state;

  ActInputs In(const Caller* caller, CivilDay day) const {
    ActInputs in;
    in.consortium_id = "sudest";
    in.definition = &definition;
    in.statute_version = 2;
    in.bodies = {{"assemblea", v1::BODY_KIND_ASSEMBLEA},
                 {"tavolo-tecnico", v1::BODY_KIND_TAVOLO_TECNICO}};
    in.members = {"carpiano", "dresano"};
    in.caller = caller;
    in.principal = caller != nullptr ? caller->principal : "system:scheduler";
    in.time = Noon(day);
    return in;
  }
  // Applies `events` as the next versions of the stream.
  void Apply(const domain::Events& events) {
    for (const auto& e : events) {
      log::Record r;
      r.stream_version = state.version + 1;
      ASSERT_TRUE(ApplyActEvent(state, *e, r).ok());
    }
  }
  StartAct Request() const {
    StartAct s;
    s.act_kind = "accesso-atti";
    s.act_id = "carpiano-2026-1";
    s.title = "Accesso ai verbali del 2026";
    s.member_id = "carpiano";
    return s;
  }
};

template <typename T>
const T* As(const domain::Events& events, size_t i) {
  return i < events.size() ? dynamic_cast<const T*>(events[i].get()) : nullptr;
}

TEST(ActTest, StartingRecordsWhoAndScheduleTheFirstDeadline) {
  Fixture f;
  auto events = DecideStart(f.state, f.Request(),
                            f.In(&f.delegate, CivilDay(2026, 9, 1)));
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u);
  const auto* started = As<v1::ActStarted>(*events, 0);
  ASSERT_NE(started, nullptr);
  EXPECT_EQ(started->state(), "submitted");
  EXPECT_EQ(started->role(), v1::ROLE_MEMBER_DELEGATE);
  EXPECT_EQ(started->started_by(), "sindaco@carpiano");
  EXPECT_EQ(started->statute_version(), 2);
  // 30 days from 1 September, the first day not counted: 1 October is the
  // last day; it passes at the start of 2 October.
  const auto* deadline = As<v1::ActDeadlineScheduled>(*events, 1);
  ASSERT_NE(deadline, nullptr);
  EXPECT_EQ(domain::DayOf(deadline->last_day()), CivilDay(2026, 10, 1));
  EXPECT_EQ(
      google::protobuf::util::TimeUtil::TimestampToSeconds(
          deadline->due_time()),
      absl::ToUnixSeconds(calendar::StartOfRomeDay(CivilDay(2026, 10, 2))));
  EXPECT_EQ(deadline->entered_version(), 1u);
  EXPECT_EQ(deadline->timer_id(), "act.accesso-atti.carpiano-2026-1.1");
  f.Apply(*events);
  EXPECT_TRUE(f.state.exists);
  ASSERT_TRUE(f.state.deadline.has_value());
  EXPECT_EQ(ErrorReason(DecideStart(f.state, f.Request(),
                                    f.In(&f.delegate, CivilDay(2026, 9, 1)))
                            .status()),
            reasons::kAlreadyExists);
}

TEST(ActTest, StartingIsCheckedAgainstTheDefinition) {
  Fixture f;
  const CivilDay day(2026, 9, 1);
  // Another member's delegate may not file for Carpiano.
  const Caller dresano =
      Holding("sindaco@dresano", v1::ROLE_MEMBER_DELEGATE, "dresano");
  EXPECT_EQ(
      ErrorReason(
          DecideStart(f.state, f.Request(), f.In(&dresano, day)).status()),
      reasons::kRoleNotAllowed);
  // The same grant in another consortium does not count.
  Caller elsewhere = f.delegate;
  elsewhere.grants[0].consortium_id = "pistoia";
  EXPECT_EQ(
      ErrorReason(
          DecideStart(f.state, f.Request(), f.In(&elsewhere, day)).status()),
      reasons::kRoleNotAllowed);
  StartAct s = f.Request();
  s.member_id = "melegnano";
  EXPECT_EQ(
      ErrorReason(DecideStart(f.state, s, f.In(&f.delegate, day)).status()),
      reasons::kNotAMember);
  s = f.Request();
  s.flags = {"secret"};
  EXPECT_EQ(
      ErrorMetadata(
          DecideStart(f.state, s, f.In(&f.delegate, day)).status())["field"],
      "flags[0]");
  s = f.Request();
  s.body_id = "assemblea";
  EXPECT_EQ(
      ErrorMetadata(
          DecideStart(f.state, s, f.In(&f.delegate, day)).status())["field"],
      "body_id");
  s = f.Request();
  s.act_id = "a/b/c";
  EXPECT_EQ(
      ErrorMetadata(
          DecideStart(f.state, s, f.In(&f.delegate, day)).status())["field"],
      "act_id");
  // Acts an aggregate keeps are started by its own command.
  const v1::WorkflowDefinition deliberation = *DefaultWorkflow(kDeliberation);
  ActInputs in = f.In(&f.office, day);
  in.definition = &deliberation;
  StartAct p;
  p.act_kind = kDeliberation;
  p.act_id = "p-1";
  p.title = "Proposta";
  p.body_id = "assemblea";
  EXPECT_EQ(ErrorReason(DecideStart(f.state, p, in).status()),
            reasons::kTransitionNotAllowed);
  in.by_aggregate = true;
  in.caller = nullptr;
  EXPECT_TRUE(DecideStart(f.state, p, in).ok());
}

TEST(ActTest, AnOpinionActNamesItsBodyAndItsOpenSubject) {
  Fixture f;
  const v1::WorkflowDefinition tavolo = *DefaultWorkflow(kTavoloOpinion);
  ActInputs in = f.In(&f.office, CivilDay(2026, 4, 1));
  in.definition = &tavolo;
  StartAct s;
  s.act_kind = kTavoloOpinion;
  s.act_id = "p-7-tt";
  s.title = "Parere sul Piano di Zona";
  s.body_id = "assemblea";
  s.subject.set_act_kind(kDeliberation);
  s.subject.set_act_id("p-7");
  ActState subject;
  subject.exists = true;
  subject.state = "drafted";
  EXPECT_EQ(ErrorReason(DecideStart(f.state, s, in, &subject).status()),
            reasons::kWrongBody);
  s.body_id = "tavolo-tecnico";
  EXPECT_EQ(DecideStart(f.state, s, in, nullptr).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(DecideStart(f.state, s, in, &subject, true).status()),
            reasons::kInvalidStateTransition);
  s.subject.set_act_kind(kReportSubmission);
  EXPECT_EQ(
      ErrorMetadata(DecideStart(f.state, s, in, &subject).status())["field"],
      "subject.act_kind");
  s.subject.set_act_kind(kDeliberation);
  auto started = DecideStart(f.state, s, in, &subject);
  ASSERT_TRUE(started.ok()) << started.status();
  // 20 days from Wednesday 1 April 2026 end on Tuesday 21 April.
  const auto* deadline = As<v1::ActDeadlineScheduled>(*started, 1);
  ASSERT_NE(deadline, nullptr);
  EXPECT_EQ(domain::DayOf(deadline->last_day()), CivilDay(2026, 4, 21));
  EXPECT_EQ(deadline->action(), "lapse");
}

TEST(ActTest, ActionsFollowTheStatesTheRolesAndTheOpinions) {
  Fixture f;
  const CivilDay day(2026, 9, 3);
  f.Apply(*DecideStart(f.state, f.Request(),
                       f.In(&f.delegate, CivilDay(2026, 9, 1))));
  auto reason = [&](const PerformAction& a, const Caller* c) {
    return ErrorReason(CheckAction(f.state, a, f.In(c, day)));
  };
  EXPECT_EQ(reason(ActionOf("publish"), &f.office),
            reasons::kTransitionNotAllowed);
  EXPECT_EQ(reason(ActionOf("note"), &f.office),
            reasons::kTransitionNotAllowed);
  EXPECT_EQ(reason(ActionOf("review"), &f.delegate), reasons::kRoleNotAllowed);
  EXPECT_EQ(reason(ActionOf("silent-refusal"), &f.office),
            reasons::kRoleNotAllowed);
  EXPECT_EQ(reason(ActionOf("grant"), &f.office), reasons::kMissingOpinion);
  // An aggregate's command performing for an authorised caller: roles are
  // not checked, the opinions are.
  EXPECT_EQ(reason(ActionOf("review"), nullptr), "");
  EXPECT_EQ(reason(ActionOf("grant"), nullptr), reasons::kMissingOpinion);
  // The opinion is not required for an urgent request.
  ActState urgent = f.state;
  urgent.started.add_flags("urgent");
  EXPECT_TRUE(
      CheckAction(urgent, ActionOf("grant"), f.In(&f.office, day)).ok());
  // Given by someone it may not be.
  AttachOpinion privacy;
  privacy.opinion = "privacy";
  privacy.favourable = true;
  privacy.given_by = "dpo@sudest";
  EXPECT_EQ(
      ErrorReason(DecideAttachOpinion(f.state, privacy, f.In(&f.delegate, day))
                      .status()),
      reasons::kRoleNotAllowed);
  auto attached = DecideAttachOpinion(f.state, privacy, f.In(&f.office, day));
  ASSERT_TRUE(attached.ok()) << attached.status();
  f.Apply(*attached);
  EXPECT_EQ(
      ErrorReason(
          DecideAttachOpinion(f.state, privacy, f.In(&f.office, day)).status()),
      reasons::kAlreadyExists);
  // Opinions held outside the act's stream count too.
  ActState bare = f.state;
  bare.opinions.clear();
  ActInputs outside = f.In(&f.office, day);
  outside.outside_opinions["privacy"] = true;
  EXPECT_TRUE(CheckAction(bare, ActionOf("grant"), outside).ok());
  // Performed: who, with which role, when.
  auto granted =
      DecidePerform(f.state, ActionOf("grant"), f.In(&f.office, day));
  ASSERT_TRUE(granted.ok()) << granted.status();
  const auto* t = As<v1::ActTransitioned>(*granted, 0);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->from_state(), "submitted");
  EXPECT_EQ(t->to_state(), "granted");
  EXPECT_EQ(t->role(), v1::ROLE_UFFICIO_DI_PIANO);
  EXPECT_EQ(t->performed_by(), "ufficio@sudest");
  EXPECT_EQ(domain::DayOf(t->performed_on()), day);
  EXPECT_FALSE(t->late());
  f.Apply(*granted);
  EXPECT_EQ(f.state.state, "granted");
  EXPECT_FALSE(f.state.deadline.has_value());
  EXPECT_EQ(reason(ActionOf("review"), &f.office),
            reasons::kTransitionNotAllowed);
  EXPECT_EQ(
      ErrorReason(
          DecideAttachOpinion(f.state, privacy, f.In(&f.office, day)).status()),
      reasons::kInvalidStateTransition);
}

TEST(ActTest, AStayKeepsItsDeadlineAndANewStayStartsAnother) {
  Fixture f;
  f.Apply(*DecideStart(f.state, f.Request(),
                       f.In(&f.delegate, CivilDay(2026, 9, 1))));
  // Into review on 3 September at noon: 48 hours, to 5 September at noon.
  auto review = DecidePerform(f.state, ActionOf("review"),
                              f.In(&f.office, CivilDay(2026, 9, 3)));
  ASSERT_TRUE(review.ok());
  ASSERT_EQ(review->size(), 2u);
  const auto* hours = As<v1::ActDeadlineScheduled>(*review, 1);
  ASSERT_NE(hours, nullptr);
  EXPECT_EQ(
      google::protobuf::util::TimeUtil::TimestampToSeconds(hours->due_time()),
      absl::ToUnixSeconds(Noon(CivilDay(2026, 9, 5))));
  EXPECT_EQ(hours->entered_version(), 3u);
  f.Apply(*review);
  EXPECT_EQ(f.state.entered_version, 3u);
  // A note keeps the act in review: same stay, same deadline.
  auto note = DecidePerform(f.state, ActionOf("note"),
                            f.In(&f.office, CivilDay(2026, 9, 4)));
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(note->size(), 1u);
  f.Apply(*note);
  EXPECT_EQ(f.state.entered_version, 3u);
  ASSERT_TRUE(f.state.deadline.has_value());
  EXPECT_EQ(f.state.deadline->entered_version(), 3u);
  // A timer of the first stay does nothing.
  EXPECT_TRUE(
      DecideDeadlinePassed(f.state, 1, f.In(nullptr, CivilDay(2026, 10, 2)))
          ->empty());
  // The review's deadline passes: flagged overdue, still in review.
  auto overdue =
      DecideDeadlinePassed(f.state, 3, f.In(nullptr, CivilDay(2026, 9, 5)));
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->size(), 1u);
  EXPECT_EQ(As<v1::ActDeadlinePassed>(*overdue, 0)->outcome(),
            v1::DEADLINE_OUTCOME_FLAG_OVERDUE);
  f.Apply(*overdue);
  EXPECT_TRUE(f.state.overdue());
  EXPECT_EQ(f.state.state, "in-review");
  EXPECT_TRUE(
      DecideDeadlinePassed(f.state, 3, f.In(nullptr, CivilDay(2026, 9, 6)))
          ->empty());
  // After it, a late note is marked late; a grant is refused.
  auto late = DecidePerform(f.state, ActionOf("note"),
                            f.In(&f.office, CivilDay(2026, 9, 7)));
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(As<v1::ActTransitioned>(*late, 0)->late());
  ActState urgent = f.state;
  urgent.started.add_flags("urgent");
  EXPECT_EQ(ErrorReason(CheckAction(urgent, ActionOf("grant"),
                                    f.In(&f.office, CivilDay(2026, 9, 7)))),
            reasons::kDeadlinePassed);
  // A reminder sends it back: a new stay in "submitted" and a new 30 days.
  auto remind = DecidePerform(f.state, ActionOf("remind"),
                              f.In(&f.office, CivilDay(2026, 9, 8)));
  ASSERT_TRUE(remind.ok());
  f.Apply(*remind);
  EXPECT_FALSE(f.state.overdue());
  EXPECT_EQ(domain::DayOf(f.state.deadline->last_day()), CivilDay(2026, 10, 8));
}

TEST(ActTest, ADeadlinesAutomaticActionAndItsFallback) {
  Fixture f;
  f.Apply(*DecideStart(f.state, f.Request(),
                       f.In(&f.delegate, CivilDay(2026, 9, 1))));
  auto passed =
      DecideDeadlinePassed(f.state, 1, f.In(nullptr, CivilDay(2026, 10, 2)));
  ASSERT_TRUE(passed.ok());
  ASSERT_EQ(passed->size(), 2u);
  EXPECT_EQ(As<v1::ActDeadlinePassed>(*passed, 0)->outcome(),
            v1::DEADLINE_OUTCOME_AUTOMATIC_TRANSITION);
  const auto* t = As<v1::ActTransitioned>(*passed, 1);
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->automatic());
  EXPECT_EQ(t->action(), "silent-refusal");
  EXPECT_EQ(t->to_state(), "refused");
  EXPECT_EQ(t->timer_id(), "act.accesso-atti.carpiano-2026-1.1");
  EXPECT_EQ(t->performed_by(), "system:scheduler");
  f.Apply(*passed);
  EXPECT_EQ(f.state.state, "refused");
  // When the definition in force no longer has the action, the act is
  // flagged overdue instead.
  Fixture g;
  g.Apply(*DecideStart(g.state, g.Request(),
                       g.In(&g.delegate, CivilDay(2026, 9, 1))));
  ASSERT_EQ(g.definition.transitions(3).action(), "silent-refusal");
  g.definition.mutable_transitions(3)->set_action("silenzio");
  auto fallback =
      DecideDeadlinePassed(g.state, 1, g.In(nullptr, CivilDay(2026, 10, 2)));
  ASSERT_TRUE(fallback.ok());
  ASSERT_EQ(fallback->size(), 1u);
  EXPECT_EQ(As<v1::ActDeadlinePassed>(*fallback, 0)->outcome(),
            v1::DEADLINE_OUTCOME_FLAG_OVERDUE);
}

TEST(ActTest, DeliberationActsTakeTheArticle49OpinionsFromTheirAggregate) {
  Fixture f;
  const v1::WorkflowDefinition deliberation = *DefaultWorkflow(kDeliberation);
  ActInputs in = f.In(nullptr, CivilDay(2026, 3, 1));
  in.definition = &deliberation;
  in.by_aggregate = true;
  StartAct p;
  p.act_kind = kDeliberation;
  p.act_id = "p-1";
  p.title = "Bilancio";
  p.body_id = "assemblea";
  p.flags = {kFlagFinancialEffects, "act-budget"};
  f.Apply(*DecideStart(f.state, p, in));
  EXPECT_EQ(ErrorReason(CheckAction(f.state, ActionOf(kPlaceOnAgenda), in)),
            reasons::kMissingOpinion);
  in.outside_opinions[kTechnicalOpinion] = true;
  EXPECT_EQ(ErrorReason(CheckAction(f.state, ActionOf(kPlaceOnAgenda), in)),
            reasons::kMissingOpinion);
  in.outside_opinions[kAccountingOpinion] = false;
  EXPECT_TRUE(CheckAction(f.state, ActionOf(kPlaceOnAgenda), in).ok());
  // Bound actions go through their aggregate's command.
  ActInputs generic = in;
  generic.by_aggregate = false;
  generic.caller = &f.office;
  EXPECT_EQ(
      ErrorReason(CheckAction(f.state, ActionOf(kPlaceOnAgenda), generic)),
      reasons::kTransitionNotAllowed);
  AttachOpinion technical;
  technical.opinion = kTechnicalOpinion;
  technical.given_by = "responsabile@sudest";
  EXPECT_EQ(
      ErrorMetadata(
          DecideAttachOpinion(f.state, technical, generic).status())["field"],
      "opinion");
  // The Tavolo Tecnico's opinion names a body of its kind.
  AttachOpinion tavolo;
  tavolo.opinion = kTavoloTecnicoOpinion;
  tavolo.given_by = "segretario@tavolo";
  tavolo.body_id = "assemblea";
  const Caller secretary =
      Holding("segretario@tavolo", v1::ROLE_SECRETARY, "tavolo-tecnico");
  generic.caller = &secretary;
  EXPECT_EQ(ErrorReason(DecideAttachOpinion(f.state, tavolo, generic).status()),
            reasons::kWrongBody);
  tavolo.body_id = "tavolo-tecnico";
  EXPECT_TRUE(DecideAttachOpinion(f.state, tavolo, generic).ok());
  generic.caller = &f.office;
  EXPECT_EQ(ErrorReason(DecideAttachOpinion(f.state, tavolo, generic).status()),
            reasons::kRoleNotAllowed);
}

TEST(CallerTest, GrantsFromAccessControlInTheConsortiumAndSystemWide) {
  access::AccessControl access({"admin@regione"});
  auto grant = [&](const std::string& cid, const std::string& principal,
                   v1::Role role, const std::string& scope) {
    v1::RoleGranted g;
    g.set_consortium_id(cid);
    g.set_principal(principal);
    g.set_role(role);
    g.set_scope(scope);
    access.Apply(g);
  };
  grant("sudest", "segretario@tt", v1::ROLE_SECRETARY, "tavolo-tecnico");
  grant("pistoia", "segretario@tt", v1::ROLE_SECRETARY, "assemblea");
  grant("", "segretario@tt", v1::ROLE_AUDITOR, "");
  grant("sudest", "altro@sudest", v1::ROLE_UFFICIO_DI_PIANO, "");
  const Caller c = CallerFrom(access, "segretario@tt", "sudest");
  ASSERT_EQ(c.grants.size(), 2u);  // this consortium's and the system's
  std::map<std::string, v1::BodyKind> bodies = {
      {"tavolo-tecnico", v1::BODY_KIND_TAVOLO_TECNICO},
      {"assemblea", v1::BODY_KIND_ASSEMBLEA}};
  ScopeFacts facts;
  facts.consortium_id = "sudest";
  facts.act_body_id = "assemblea";
  facts.bodies = &bodies;
  google::protobuf::RepeatedPtrField<v1::Performer> tavolo, act_body, office;
  *tavolo.Add() = Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_BODY_OF_KIND,
                           v1::BODY_KIND_TAVOLO_TECNICO);
  *act_body.Add() = Performs(v1::ROLE_SECRETARY, v1::PERFORMER_SCOPE_ACT_BODY);
  *office.Add() = Performs(v1::ROLE_UFFICIO_DI_PIANO, v1::PERFORMER_SCOPE_ANY);
  EXPECT_EQ(MatchPerformer(tavolo, c, facts), v1::ROLE_SECRETARY);
  // Its secretaryship of Pistoia's Assemblea does not count in sudest.
  EXPECT_FALSE(MatchPerformer(act_body, c, facts).has_value());
  EXPECT_FALSE(MatchPerformer(office, c, facts).has_value());
  EXPECT_EQ(DescribePerformers(tavolo),
            "ROLE_SECRETARY of a body of kind BODY_KIND_TAVOLO_TECNICO");
  // A bootstrap administrator holds the administrator's role everywhere.
  const Caller admin = CallerFrom(access, "admin@regione", "sudest");
  ASSERT_EQ(admin.grants.size(), 1u);
  EXPECT_EQ(admin.grants[0].role, v1::ROLE_ADMINISTRATOR);
  EXPECT_TRUE(CallerFrom(access, "nessuno@x", "sudest").grants.empty());
}

TEST(ActTest, StreamsIdsAndTimerIds) {
  EXPECT_EQ(ActStream("sudest", kReportSubmission, "sad/final"),
            "sudest/act/report-submission/sad/final");
  EXPECT_TRUE(ValidateActId("sad/final", "act_id").ok());
  EXPECT_FALSE(ValidateActId("sad/", "act_id").ok());
  EXPECT_FALSE(ValidateActId("Sad", "act_id").ok());
  EXPECT_EQ(DeadlineTimerId(kReportSubmission, "sad/final", 4),
            "act.report-submission.sad.final.4");
  const std::string long_id(64, 'a');
  const std::string timer =
      DeadlineTimerId(long_id, long_id + "/" + long_id, 12);
  EXPECT_LE(timer.size(), 128u);
  EXPECT_EQ(timer.substr(timer.size() - 3), ".12");
  EXPECT_NE(timer, DeadlineTimerId(long_id, long_id + "/" + long_id, 13));
}

}  // namespace
}  // namespace concordia::workflow
