#include "engine/workflow/act.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/crypto/sha256.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "engine/workflow/definition.h"
#include "engine/workflow/kinds.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::workflow {
namespace {

using domain::Events;
using domain::InvalidField;
using domain::Rejected;
using google::protobuf::util::TimeUtil;
namespace reasons = domain::reasons;

template <typename T>
void Push(Events& events, T event) {
  events.push_back(std::make_unique<T>(std::move(event)));
}

google::protobuf::Timestamp ToProto(absl::Time t) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}
absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(t));
}

v1::ActRef Ref(const v1::ActStarted& started) { return started.act(); }

std::string Describe(const v1::ActRef& ref) {
  return absl::StrCat(ref.act_kind(), " ", ref.act_id());
}

bool HasFlag(const v1::WorkflowDefinition& d, absl::string_view flag) {
  if (std::find(d.flags().begin(), d.flags().end(), flag) != d.flags().end()) {
    return true;
  }
  const BoundKind* bound = FindBoundKind(d.act_kind());
  return bound != nullptr && bound->SetsFlag(flag);
}

ScopeFacts FactsOf(const v1::ActStarted& started, const ActInputs& in,
                   const std::string& acting_member) {
  ScopeFacts f;
  f.consortium_id = in.consortium_id;
  f.act_body_id = started.body_id();
  f.act_member_id = started.member_id();
  f.acting_member_id = acting_member;
  f.bodies = &in.bodies;
  return f;
}

// The role allowing the caller to act as one of `performers`; with no
// caller (an aggregate's command) ROLE_UNSPECIFIED.
absl::StatusOr<v1::Role> Authorise(
    const google::protobuf::RepeatedPtrField<v1::Performer>& performers,
    const ScopeFacts& facts, const ActInputs& in, absl::string_view what) {
  if (in.caller == nullptr) return v1::ROLE_UNSPECIFIED;
  std::optional<v1::Role> role = MatchPerformer(performers, *in.caller, facts);
  if (!role.has_value()) {
    return Rejected(reasons::kRoleNotAllowed,
                    absl::StrCat(in.caller->principal, " may not ", what,
                                 ": only ", DescribePerformers(performers)));
  }
  return *role;
}

// The body an act or opinion names, of `kind` when set.
absl::Status CheckBody(const std::string& body_id, v1::BodyKind kind,
                       const ActInputs& in, const std::string& field) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(body_id, field));
  auto body = in.bodies.find(body_id);
  if (body == in.bodies.end()) return domain::UnknownEntity("body", body_id);
  if (kind != v1::BODY_KIND_UNSPECIFIED && body->second != kind) {
    return Rejected(reasons::kWrongBody,
                    absl::StrCat("body ", body_id, " is a ",
                                 v1::BodyKind_Name(body->second), ", not a ",
                                 v1::BodyKind_Name(kind)));
  }
  return absl::OkStatus();
}

// The deadline of a stay in `state` entered at `entered_version` on
// `in.time`, if the state has one.
std::optional<v1::ActDeadlineScheduled> DeadlineFor(
    const v1::ActRef& act, const v1::WorkflowState& state,
    uint64_t entered_version, const ActInputs& in) {
  if (!state.has_deadline()) return std::nullopt;
  absl::StatusOr<calendar::DeadlineRule> rule =
      calendar::FromProto(state.deadline().period());
  if (!rule.ok()) return std::nullopt;  // validated with the statute
  absl::CivilDay last;
  absl::Time due;
  if (rule->unit == calendar::Unit::kHours) {
    due = in.time + absl::Hours(rule->amount);
    last = calendar::RomeDay(due);
  } else {
    last = in.calendar.Deadline(in.day(), *rule);
    due = calendar::StartOfRomeDay(last + 1);
  }
  v1::ActDeadlineScheduled e;
  e.set_consortium_id(in.consortium_id);
  *e.mutable_act() = act;
  e.set_state(state.name());
  e.set_entered_version(entered_version);
  *e.mutable_last_day() = domain::ToDate(last);
  *e.mutable_due_time() = ToProto(due);
  e.set_outcome(state.deadline().outcome());
  e.set_action(state.deadline().action());
  e.set_timer_id(
      DeadlineTimerId(act.act_kind(), act.act_id(), entered_version));
  return e;
}

bool DeadlineRan(const ActState& s, const ActInputs& in) {
  if (s.passed.has_value()) return true;
  return s.deadline.has_value() && in.time >= FromProto(s.deadline->due_time());
}

absl::Status RequireDefinition(const ActInputs& in) {
  if (in.definition == nullptr) {
    return absl::InternalError("no workflow definition loaded");
  }
  return absl::OkStatus();
}

}  // namespace

std::string ActStream(absl::string_view consortium_id, absl::string_view kind,
                      absl::string_view act_id) {
  return absl::StrCat(consortium_id, "/act/", kind, "/", act_id);
}

absl::Status ValidateActId(absl::string_view act_id, const std::string& field) {
  std::vector<absl::string_view> parts = absl::StrSplit(act_id, '/');
  if (parts.size() > 2) {
    return InvalidField(field, "an id, or two joined by '/'");
  }
  for (absl::string_view p : parts) {
    CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(p, field));
  }
  return absl::OkStatus();
}

std::string DeadlineTimerId(absl::string_view kind, absl::string_view act_id,
                            uint64_t entered_version) {
  std::string id =
      absl::StrCat("act.", kind, ".", absl::StrReplaceAll(act_id, {{"/", "."}}),
                   ".", entered_version);
  if (id.size() <= 128) return id;
  return absl::StrCat(
      "act.", Sha256(absl::StrCat(kind, "/", act_id)).ToHex().substr(0, 32),
      ".", entered_version);
}

bool ActState::overdue() const {
  return passed.has_value() &&
         passed->outcome() == v1::DEADLINE_OUTCOME_FLAG_OVERDUE;
}

absl::CivilDay ActInputs::day() const { return calendar::RomeDay(time); }

absl::Status ApplyActEvent(ActState& s, const google::protobuf::Message& event,
                           const log::Record& record) {
  s.version = record.stream_version;
  if (const auto* e = dynamic_cast<const v1::ActStarted*>(&event)) {
    s.exists = true;
    s.started = *e;
    s.state = e->state();
    s.entered_version = record.stream_version;
  } else if (const auto* e = dynamic_cast<const v1::ActTransitioned*>(&event)) {
    s.transitions.push_back(*e);
    if (e->to_state() != s.state) {
      s.state = e->to_state();
      s.entered_version = record.stream_version;
      s.deadline.reset();
      s.passed.reset();
    }
  } else if (const auto* e =
                 dynamic_cast<const v1::ActOpinionAttached*>(&event)) {
    s.opinions[e->opinion()] = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::ActDeadlineScheduled*>(&event)) {
    if (e->entered_version() == s.entered_version) s.deadline = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::ActDeadlinePassed*>(&event)) {
    if (s.deadline.has_value() && s.deadline->timer_id() == e->timer_id()) {
      s.passed = *e;
    }
  }
  return absl::OkStatus();
}

bool IsClosed(const ActState& s, const v1::WorkflowDefinition& definition) {
  const v1::WorkflowState* state = FindState(definition, s.state);
  return state != nullptr && state->terminal();
}

absl::Status ValidateFlags(const v1::WorkflowDefinition& d,
                           const std::vector<std::string>& flags,
                           const std::string& field) {
  std::set<std::string> seen;
  for (size_t i = 0; i < flags.size(); ++i) {
    const std::string f = absl::StrCat(field, "[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(flags[i], f));
    if (!HasFlag(d, flags[i])) {
      return InvalidField(
          f, absl::StrCat("'", flags[i], "' is not a flag of kind ",
                          d.act_kind()));
    }
    if (!seen.insert(flags[i]).second) {
      return InvalidField(f, absl::StrCat("'", flags[i], "' twice"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> DecideStart(const ActState& s, const StartAct& c,
                                   const ActInputs& in, const ActState* subject,
                                   bool subject_closed) {
  CONCORDIA_RETURN_IF_ERROR(RequireDefinition(in));
  const v1::WorkflowDefinition& d = *in.definition;
  CONCORDIA_RETURN_IF_ERROR(ValidateActId(c.act_id, "act_id"));
  if (c.title.empty()) return InvalidField("title", "required");
  const BoundKind* bound = FindBoundKind(d.act_kind());
  if (bound != nullptr && !in.by_aggregate) {
    return Rejected(reasons::kTransitionNotAllowed,
                    absl::StrCat("acts of kind ", d.act_kind(),
                                 " are started by ", bound->started_by));
  }
  if (d.concerns_body()) {
    CONCORDIA_RETURN_IF_ERROR(
        CheckBody(c.body_id, d.body_kind(), in, "body_id"));
  } else if (!c.body_id.empty()) {
    return InvalidField("body_id", absl::StrCat("acts of kind ", d.act_kind(),
                                                " concern no body"));
  }
  if (d.concerns_member()) {
    CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(c.member_id, "member_id"));
    if (in.members.count(c.member_id) == 0) {
      return Rejected(reasons::kNotAMember,
                      absl::StrCat(c.member_id, " is not a member on ",
                                   absl::FormatCivilTime(in.day())));
    }
  } else if (!c.member_id.empty()) {
    return InvalidField("member_id", absl::StrCat("acts of kind ", d.act_kind(),
                                                  " concern no member"));
  }
  const bool names_subject =
      !c.subject.act_kind().empty() || !c.subject.act_id().empty();
  if (d.subject_kinds().empty() && names_subject) {
    return InvalidField("subject", absl::StrCat("acts of kind ", d.act_kind(),
                                                " are about no other act"));
  }
  if (!d.subject_kinds().empty()) {
    if (std::find(d.subject_kinds().begin(), d.subject_kinds().end(),
                  c.subject.act_kind()) == d.subject_kinds().end()) {
      return InvalidField(
          "subject.act_kind",
          absl::StrCat("one of ", absl::StrJoin(d.subject_kinds(), ", ")));
    }
    CONCORDIA_RETURN_IF_ERROR(
        ValidateActId(c.subject.act_id(), "subject.act_id"));
    if (subject == nullptr || !subject->exists) {
      return domain::UnknownEntity("act", Describe(c.subject));
    }
    if (subject_closed) {
      return Rejected(reasons::kInvalidStateTransition,
                      absl::StrCat(Describe(c.subject), " is closed (",
                                   subject->state, ")"));
    }
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateFlags(d, c.flags, "flags"));
  const std::set<std::string> flags(c.flags.begin(), c.flags.end());
  if (s.exists) {
    return Rejected(
        reasons::kAlreadyExists,
        absl::StrCat("act ", d.act_kind(), " ", c.act_id, " exists"));
  }
  v1::ActStarted e;
  e.set_consortium_id(in.consortium_id);
  e.mutable_act()->set_act_kind(d.act_kind());
  e.mutable_act()->set_act_id(c.act_id);
  ScopeFacts facts;
  facts.consortium_id = in.consortium_id;
  facts.act_body_id = c.body_id;
  facts.act_member_id = c.member_id;
  facts.bodies = &in.bodies;
  CONCORDIA_ASSIGN_OR_RETURN(
      v1::Role role,
      Authorise(d.starters(), facts, in,
                absl::StrCat("start an act of kind ", d.act_kind())));
  e.set_title(c.title);
  e.set_body_id(c.body_id);
  e.set_member_id(c.member_id);
  if (names_subject) *e.mutable_subject() = c.subject;
  for (const std::string& f : flags) e.add_flags(f);
  e.set_state(d.initial_state());
  e.set_statute_version(in.statute_version);
  e.set_started_by(in.principal);
  e.set_role(role);
  *e.mutable_started_on() = domain::ToDate(in.day());
  e.set_record_stream(c.record_stream);
  Events events;
  const v1::ActRef act = e.act();
  Push(events, std::move(e));
  const v1::WorkflowState* initial = FindState(d, d.initial_state());
  if (initial != nullptr) {
    std::optional<v1::ActDeadlineScheduled> deadline =
        DeadlineFor(act, *initial, s.version + 1, in);
    if (deadline.has_value()) Push(events, *std::move(deadline));
  }
  return events;
}

PerformAction ActionOf(absl::string_view action,
                       absl::string_view acting_member_id) {
  PerformAction a;
  a.action = std::string(action);
  a.acting_member_id = std::string(acting_member_id);
  return a;
}

absl::Status CheckAction(const ActState& s, const PerformAction& c,
                         const ActInputs& in) {
  CONCORDIA_RETURN_IF_ERROR(RequireDefinition(in));
  const v1::WorkflowDefinition& d = *in.definition;
  if (!s.exists) return domain::UnknownEntity("act", "");
  const std::string act = Describe(Ref(s.started));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(c.action, "action"));
  if (!c.acting_member_id.empty()) {
    CONCORDIA_RETURN_IF_ERROR(
        domain::ValidateId(c.acting_member_id, "acting_member_id"));
  }
  if (!c.document_sha256.empty() &&
      (c.document_sha256.size() != 64 ||
       c.document_sha256.find_first_not_of("0123456789abcdef") !=
           std::string::npos)) {
    return InvalidField("document_sha256", "64 lowercase hex digits");
  }
  const v1::WorkflowTransition* t = FindTransition(d, c.action);
  if (t == nullptr) {
    return Rejected(reasons::kTransitionNotAllowed,
                    absl::StrCat("'", c.action, "' is not an action of kind ",
                                 d.act_kind(), " in the statute in force"));
  }
  const BoundKind* bound = FindBoundKind(d.act_kind());
  if (bound != nullptr && bound->Binds(c.action) && !in.by_aggregate) {
    return Rejected(
        reasons::kTransitionNotAllowed,
        absl::StrCat("'", c.action, "' on ", act, " is performed by ",
                     bound->CommandFor(c.action)));
  }
  if (!AllowedIn(*t, s.state)) {
    return Rejected(reasons::kTransitionNotAllowed,
                    absl::StrCat("'", c.action, "' may not be performed on ",
                                 act, " in state '", s.state, "' (only in ",
                                 absl::StrJoin(t->from_states(), ", "), ")"));
  }
  if (t->refused_after_deadline() && DeadlineRan(s, in)) {
    return Rejected(
        reasons::kDeadlinePassed,
        absl::StrCat(
            "'", c.action, "' on ", act, " was due by ",
            s.deadline.has_value()
                ? absl::FormatCivilTime(domain::DayOf(s.deadline->last_day()))
                : std::string("its deadline")));
  }
  if (t->performers().empty() && in.caller != nullptr) {
    return Rejected(reasons::kRoleNotAllowed,
                    absl::StrCat("'", c.action, "' on ", act,
                                 " is performed only by its deadline"));
  }
  CONCORDIA_RETURN_IF_ERROR(
      Authorise(t->performers(), FactsOf(s.started, in, c.acting_member_id), in,
                absl::StrCat("perform '", c.action, "' on ", act))
          .status());
  std::vector<std::string> missing;
  for (const v1::RequiredOpinion& r : t->required_opinions()) {
    if (!IsRequired(r, s.started.flags())) continue;
    if (s.opinions.count(r.opinion()) > 0 ||
        in.outside_opinions.count(r.opinion()) > 0) {
      continue;
    }
    const v1::WorkflowOpinion* o = FindOpinion(d, r.opinion());
    missing.push_back(o != nullptr && !o->title().empty()
                          ? absl::StrCat(o->title(), " (", r.opinion(), ")")
                          : r.opinion());
  }
  if (!missing.empty()) {
    return Rejected(reasons::kMissingOpinion,
                    absl::StrCat("'", c.action, "' on ", act, " requires ",
                                 absl::StrJoin(missing, ", ")));
  }
  return absl::OkStatus();
}

Events RecordAction(const ActState& s, const PerformAction& c,
                    const ActInputs& in, absl::string_view deadline_timer_id) {
  const bool automatic = !deadline_timer_id.empty();
  const v1::WorkflowDefinition& d = *in.definition;
  const v1::WorkflowTransition* t = FindTransition(d, c.action);
  const std::string to = t != nullptr ? t->to_state() : s.state;
  v1::ActTransitioned e;
  e.set_consortium_id(in.consortium_id);
  *e.mutable_act() = s.started.act();
  e.set_action(c.action);
  e.set_from_state(s.state);
  e.set_to_state(to);
  e.set_performed_by(in.principal);
  if (!automatic && in.caller != nullptr && t != nullptr) {
    std::optional<v1::Role> role =
        MatchPerformer(t->performers(), *in.caller,
                       FactsOf(s.started, in, c.acting_member_id));
    e.set_role(role.value_or(v1::ROLE_UNSPECIFIED));
  }
  e.set_acting_member_id(c.acting_member_id);
  *e.mutable_performed_on() = domain::ToDate(in.day());
  e.set_automatic(automatic);
  e.set_late(!automatic && DeadlineRan(s, in));
  e.set_favourable(c.favourable);
  e.set_note(c.note);
  e.set_document_sha256(c.document_sha256);
  e.set_statute_version(in.statute_version);
  e.set_timer_id(std::string(deadline_timer_id));
  Events events;
  Push(events, std::move(e));
  if (to != s.state) {
    const v1::WorkflowState* next = FindState(d, to);
    if (next != nullptr) {
      std::optional<v1::ActDeadlineScheduled> deadline =
          DeadlineFor(s.started.act(), *next, s.version + 1, in);
      if (deadline.has_value()) Push(events, *std::move(deadline));
    }
  }
  return events;
}

absl::StatusOr<Events> DecidePerform(const ActState& s, const PerformAction& c,
                                     const ActInputs& in) {
  CONCORDIA_RETURN_IF_ERROR(CheckAction(s, c, in));
  return RecordAction(s, c, in);
}

absl::StatusOr<Events> DecideAttachOpinion(const ActState& s,
                                           const AttachOpinion& c,
                                           const ActInputs& in) {
  CONCORDIA_RETURN_IF_ERROR(RequireDefinition(in));
  const v1::WorkflowDefinition& d = *in.definition;
  if (!s.exists) return domain::UnknownEntity("act", "");
  const std::string act = Describe(Ref(s.started));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(c.opinion, "opinion"));
  if (d.act_kind() == kDeliberation &&
      (c.opinion == kTechnicalOpinion || c.opinion == kAccountingOpinion)) {
    return InvalidField("opinion",
                        "the opinions of TUEL art. 49 are given on the "
                        "deliberation (Governance::GiveOpinion)");
  }
  const v1::WorkflowOpinion* o = FindOpinion(d, c.opinion);
  if (o == nullptr) {
    return InvalidField(
        "opinion",
        absl::StrCat("'", c.opinion, "' is not an opinion of ", "kind ",
                     d.act_kind(), " in the statute in force"));
  }
  if (o->body_kind() != v1::BODY_KIND_UNSPECIFIED) {
    CONCORDIA_RETURN_IF_ERROR(
        CheckBody(c.body_id, o->body_kind(), in, "body_id"));
  } else if (!c.body_id.empty()) {
    return InvalidField(
        "body_id", absl::StrCat("'", c.opinion, "' is not a body's opinion"));
  }
  if (c.given_by.empty()) return InvalidField("given_by", "required");
  if (!c.document_sha256.empty() &&
      (c.document_sha256.size() != 64 ||
       c.document_sha256.find_first_not_of("0123456789abcdef") !=
           std::string::npos)) {
    return InvalidField("document_sha256", "64 lowercase hex digits");
  }
  if (IsClosed(s, d)) {
    return Rejected(reasons::kInvalidStateTransition,
                    absl::StrCat(act, " is closed (", s.state,
                                 "): no opinion is attached any more"));
  }
  if (s.opinions.count(c.opinion) > 0) {
    return Rejected(
        reasons::kAlreadyExists,
        absl::StrCat(act, " already has the opinion '", c.opinion, "'"));
  }
  const bool delivered = !c.source.act_kind().empty();
  if (!delivered) {
    ScopeFacts facts = FactsOf(s.started, in, "");
    CONCORDIA_RETURN_IF_ERROR(
        Authorise(o->given_by(), facts, in,
                  absl::StrCat("give the opinion '", c.opinion, "' on ", act))
            .status());
  }
  v1::ActOpinionAttached e;
  e.set_consortium_id(in.consortium_id);
  *e.mutable_act() = s.started.act();
  e.set_opinion(c.opinion);
  e.set_body_id(c.body_id);
  e.set_favourable(c.favourable && !c.lapsed);
  e.set_lapsed(c.lapsed);
  e.set_given_by(c.given_by);
  e.set_text(c.text);
  e.set_document_sha256(c.document_sha256);
  if (delivered) *e.mutable_source() = c.source;
  *e.mutable_given_on() = domain::ToDate(in.day());
  Events events;
  Push(events, std::move(e));
  return events;
}

absl::StatusOr<Events> DecideDeadlinePassed(const ActState& s,
                                            uint64_t entered_version,
                                            const ActInputs& in) {
  CONCORDIA_RETURN_IF_ERROR(RequireDefinition(in));
  Events events;
  if (!s.exists || s.entered_version != entered_version ||
      !s.deadline.has_value() || s.passed.has_value()) {
    return events;  // the act moved on, or this deadline was handled
  }
  const v1::ActDeadlineScheduled& deadline = *s.deadline;
  const v1::WorkflowTransition* t =
      deadline.outcome() == v1::DEADLINE_OUTCOME_AUTOMATIC_TRANSITION
          ? FindTransition(*in.definition, deadline.action())
          : nullptr;
  const bool automatic = t != nullptr && AllowedIn(*t, s.state);
  v1::ActDeadlinePassed e;
  e.set_consortium_id(in.consortium_id);
  *e.mutable_act() = s.started.act();
  e.set_state(s.state);
  *e.mutable_last_day() = deadline.last_day();
  e.set_outcome(automatic ? v1::DEADLINE_OUTCOME_AUTOMATIC_TRANSITION
                          : v1::DEADLINE_OUTCOME_FLAG_OVERDUE);
  e.set_timer_id(deadline.timer_id());
  Push(events, e);
  if (automatic) {
    ActState after = s;
    after.passed = e;
    after.version = s.version + 1;
    PerformAction a;
    a.action = t->action();
    a.note = absl::StrCat(
        "deadline of ",
        absl::FormatCivilTime(domain::DayOf(deadline.last_day())), " passed");
    for (auto& event : RecordAction(after, a, in, deadline.timer_id())) {
      events.push_back(std::move(event));
    }
  }
  return events;
}

}  // namespace concordia::workflow
