#include "engine/domain/session/session.h"

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::domain::session {
namespace {

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp ToProto(absl::Time t) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(t));
}

template <typename T>
void Push(Events& events, T event) {
  events.push_back(std::make_unique<T>(std::move(event)));
}

absl::Status RequireOpen(const SessionState& s) {
  if (!s.convened) return UnknownEntity("session", "");
  if (s.closed) return Rejected(reasons::kSessionClosed, "the session is closed");
  return absl::OkStatus();
}

// The sitting itself (roll call, votes, proclamations) is recorded only once
// the session's time has come.
absl::Status RequireStarted(const SessionState& s, const SessionContext& at) {
  CONCORDIA_RETURN_IF_ERROR(RequireOpen(s));
  if (at.now < s.time()) {
    return Rejected(reasons::kSessionNotStarted,
                    absl::StrCat("the session of ", s.body_id(), " opens at ",
                                 absl::FormatTime("%Y-%m-%d %H:%M", s.time(),
                                                  calendar::Rome()),
                                 "; nothing of its sitting is recorded before"));
  }
  return absl::OkStatus();
}

const v1::BodyRules* Rules(const SessionState& s, const SessionContext& at) {
  return at.consortium->RulesFor(s.body_id(), s.day());
}

std::vector<voting::Voter> Voters(const SessionState& s,
                                  const SessionContext& at) {
  return at.consortium->VotersOf(s.body_id(), s.day());
}

bool IsVoter(const std::vector<voting::Voter>& voters, const std::string& m) {
  for (const voting::Voter& v : voters) {
    if (v.member_id == m) return true;
  }
  return false;
}

absl::Status CheckItemProposal(
    const v1::AgendaItem& item, const std::string& body_id,
    const std::map<std::string, deliberation::DeliberationState>& proposals) {
  if (item.number() < 1) return InvalidField("items.number", "from 1");
  if (item.act_kind() == v1::ACT_KIND_UNSPECIFIED) {
    return InvalidField("items.act_kind", "required");
  }
  if (item.proposal_id().empty()) return absl::OkStatus();
  auto p = proposals.find(item.proposal_id());
  if (p == proposals.end() || !p->second.exists) {
    return UnknownEntity("proposal", item.proposal_id());
  }
  if (p->second.proposal.body_id() != body_id) {
    return Rejected(reasons::kWrongBody,
                    absl::StrCat("proposal ", item.proposal_id(), " is for ",
                                 p->second.proposal.body_id(), ", not ",
                                 body_id));
  }
  std::string why;
  if (!p->second.ReadyForAgenda(&why)) {
    return Rejected(p->second.adoption.has_value() || p->second.rejected
                        ? reasons::kInvalidStateTransition
                        : reasons::kMissingOpinion,
                    why);
  }
  return absl::OkStatus();
}

const v1::DeadlineRule& NoticeRule(const v1::Statute& st, v1::SessionKind k) {
  switch (k) {
    case v1::SESSION_KIND_EXTRAORDINARY:
      return st.extraordinary_notice();
    case v1::SESSION_KIND_URGENT:
      return st.urgent_notice();
    default:
      return st.ordinary_notice();
  }
}

absl::Status CheckNotice(const v1::Statute& st, const v1::DeadlineRule& rule,
                         absl::Time delivered, absl::Time session,
                         absl::string_view what) {
  auto r = calendar::FromProto(rule);
  auto cal = calendar::FromProto(st.calendar());
  if (!r.ok() || !cal.ok()) {
    return absl::InternalError("the statute's notice rules are invalid");
  }
  calendar::Calendar calendar(*cal);
  if (!calendar.IsNoticeRespected(delivered, session, *r)) {
    return Rejected(
        reasons::kNoticePeriodNotRespected,
        absl::StrCat(what, " delivered on ",
                     absl::FormatTime("%Y-%m-%d %H:%M", delivered,
                                      calendar::Rome()),
                     " does not give the notice the statute requires for a "
                     "session on ",
                     absl::FormatTime("%Y-%m-%d %H:%M", session,
                                      calendar::Rome())));
  }
  return absl::OkStatus();
}

}  // namespace

std::string SessionStream(absl::string_view consortium_id,
                          absl::string_view session_id) {
  return absl::StrCat(consortium_id, "/session/", session_id);
}

absl::Time SessionState::time() const {
  return FromProto(convocation.session_time());
}

absl::CivilDay SessionState::day() const { return calendar::RomeDay(time()); }

absl::Status ApplySessionEvent(SessionState& s,
                               const google::protobuf::Message& event,
                               const log::Record&) {
  if (const auto* e = dynamic_cast<const v1::SessionConvened*>(&event)) {
    s.convened = true;
    s.convocation = *e;
    for (const v1::AgendaItem& item : e->items()) s.items[item.number()] = item;
  } else if (const auto* e = dynamic_cast<const v1::AgendaItemAdded*>(&event)) {
    s.items[e->item().number()] = e->item();
  } else if (const auto* e =
                 dynamic_cast<const v1::AttendanceRecorded*>(&event)) {
    s.present = {e->present_member_ids().begin(), e->present_member_ids().end()};
    s.attendees = {e->attendees().begin(), e->attendees().end()};
  } else if (const auto* e = dynamic_cast<const v1::DelegateAppointed*>(&event)) {
    s.delegates[e->member_id()] = e->person();
  } else if (const auto* e = dynamic_cast<const v1::ConflictDeclared*>(&event)) {
    s.conflicts[e->item()].insert(e->member_id());
  } else if (const auto* e = dynamic_cast<const v1::VoteCast*>(&event)) {
    auto& ballot = e->ballot() == v1::BALLOT_IMMEDIATE_EXECUTABILITY
                       ? s.executability_votes
                       : s.votes;
    ballot[e->item()][e->member_id()] = e->choice();
  } else if (const auto* e = dynamic_cast<const v1::ItemProclaimed*>(&event)) {
    s.proclaimed[e->item()] = *e;
  } else if (const auto* e = dynamic_cast<const v1::ItemDeferred*>(&event)) {
    s.deferred.insert(e->item());
  } else if (dynamic_cast<const v1::SessionClosed*>(&event) != nullptr) {
    s.closed = true;
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> DecideConvene(
    const SessionState& s, const SessionContext& at, const Convene& c,
    const std::map<std::string, deliberation::DeliberationState>& proposals,
    absl::Time now) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.session_id, "session_id"));
  if (c.call != 1 && c.call != 2) return InvalidField("call", "1 or 2");
  if (c.kind == v1::SESSION_KIND_UNSPECIFIED) {
    return InvalidField("kind", "required");
  }
  if (s.convened) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("session ", c.session_id, " exists"));
  }
  const consortium::ConsortiumState& cs = *at.consortium;
  if (cs.bodies.count(c.body_id) == 0) return UnknownEntity("body", c.body_id);
  const absl::Time delivered = c.notice_delivered.value_or(now);
  if (delivered > now) {
    return InvalidField("notice_delivered_time", "must not be in the future");
  }
  if (c.session_time <= delivered) {
    return InvalidField("session_time",
                        c.notice_delivered.has_value()
                            ? "must come after the notice's delivery"
                            : "must be in the future");
  }
  const absl::CivilDay day = calendar::RomeDay(c.session_time);
  const v1::Statute* statute = cs.StatuteAt(day);
  if (statute == nullptr || cs.RulesFor(c.body_id, day) == nullptr) {
    return Rejected(reasons::kStatuteNotInForce,
                    absl::StrCat("no statute in force on ",
                                 absl::FormatCivilTime(day),
                                 " sets the rules of body ", c.body_id));
  }
  CONCORDIA_RETURN_IF_ERROR(CheckNotice(*statute, NoticeRule(*statute, c.kind),
                                        delivered, c.session_time,
                                        "a convocation"));
  std::set<int> numbers;
  for (const v1::AgendaItem& item : c.items) {
    if (!numbers.insert(item.number()).second) {
      return InvalidField("items.number", absl::StrCat(item.number(), " twice"));
    }
    CONCORDIA_RETURN_IF_ERROR(CheckItemProposal(item, c.body_id, proposals));
  }
  Events events;
  v1::SessionConvened e;
  e.set_consortium_id(c.consortium_id);
  e.set_session_id(c.session_id);
  e.set_body_id(c.body_id);
  e.set_kind(c.kind);
  e.set_call(c.call);
  *e.mutable_session_time() = ToProto(c.session_time);
  *e.mutable_notice_delivered() = ToProto(delivered);
  for (const v1::AgendaItem& item : c.items) *e.add_items() = item;
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideAddItem(
    const SessionState& s, const SessionContext& at, const v1::AgendaItem& item,
    const std::map<std::string, deliberation::DeliberationState>& proposals,
    absl::Time now, std::optional<absl::Time> notice_delivered) {
  CONCORDIA_RETURN_IF_ERROR(RequireOpen(s));
  const absl::Time delivered = notice_delivered.value_or(now);
  if (delivered > now) {
    return InvalidField("notice_delivered_time", "must not be in the future");
  }
  if (delivered < FromProto(s.convocation.notice_delivered())) {
    return InvalidField("notice_delivered_time",
                        "must not precede the convocation's delivery");
  }
  if (s.convocation.call() == 2) {
    return Rejected(reasons::kSecondCallCannotAddItems,
                    "a session at second call cannot add items");
  }
  if (s.items.count(item.number()) > 0) {
    return InvalidField("item.number", absl::StrCat(item.number(), " is taken"));
  }
  CONCORDIA_RETURN_IF_ERROR(CheckItemProposal(item, s.body_id(), proposals));
  const v1::Statute* statute = at.consortium->StatuteAt(s.day());
  if (statute == nullptr) {
    return Rejected(reasons::kStatuteNotInForce, "no statute in force");
  }
  CONCORDIA_RETURN_IF_ERROR(CheckNotice(*statute, statute->urgent_notice(),
                                        delivered, s.time(), "an added item"));
  Events events;
  v1::AgendaItemAdded e;
  e.set_consortium_id(s.convocation.consortium_id());
  e.set_session_id(s.convocation.session_id());
  *e.mutable_item() = item;
  *e.mutable_notice_delivered() = ToProto(delivered);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideAttendance(
    const SessionState& s, const SessionContext& at,
    const std::vector<std::string>& present,
    const std::vector<std::string>& attendees) {
  CONCORDIA_RETURN_IF_ERROR(RequireStarted(s, at));
  const std::vector<voting::Voter> voters = Voters(s, at);
  for (const std::string& m : present) {
    if (!IsVoter(voters, m)) {
      return Rejected(reasons::kNotAMemberOfBody,
                      absl::StrCat(m, " is not a voting member of ", s.body_id(),
                                   " on ", absl::FormatCivilTime(s.day()),
                                   "; record it as an attendee"));
    }
  }
  Events events;
  v1::AttendanceRecorded e;
  e.set_consortium_id(s.convocation.consortium_id());
  e.set_session_id(s.convocation.session_id());
  for (const std::string& m : present) e.add_present_member_ids(m);
  for (const std::string& a : attendees) e.add_attendees(a);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideDelegate(const SessionState& s,
                                      const SessionContext& at,
                                      const std::string& member_id,
                                      const std::string& person) {
  CONCORDIA_RETURN_IF_ERROR(RequireOpen(s));
  if (person.empty()) return InvalidField("person", "required");
  if (!IsVoter(Voters(s, at), member_id)) {
    return Rejected(reasons::kNotAMemberOfBody,
                    absl::StrCat(member_id, " is not a voting member of ",
                                 s.body_id()));
  }
  Events events;
  v1::DelegateAppointed e;
  e.set_consortium_id(s.convocation.consortium_id());
  e.set_session_id(s.convocation.session_id());
  e.set_member_id(member_id);
  e.set_person(person);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideConflict(const SessionState& s,
                                      const SessionContext& at, int item,
                                      const std::string& member_id) {
  CONCORDIA_RETURN_IF_ERROR(RequireOpen(s));
  if (s.items.count(item) == 0) {
    return Rejected(reasons::kNotOnAgenda, absl::StrCat("no item ", item));
  }
  if (!IsVoter(Voters(s, at), member_id)) {
    return Rejected(reasons::kNotAMemberOfBody,
                    absl::StrCat(member_id, " is not a member of ", s.body_id()));
  }
  Events events;
  auto c = s.conflicts.find(item);
  if (c != s.conflicts.end() && c->second.count(member_id) > 0) return events;
  v1::ConflictDeclared e;
  e.set_consortium_id(s.convocation.consortium_id());
  e.set_session_id(s.convocation.session_id());
  e.set_item(item);
  e.set_member_id(member_id);
  Push(events, e);
  return events;
}

voting::QuorumCheck QuorumNow(const SessionState& s, const SessionContext& at,
                              int item) {
  voting::VoteInput in;
  in.assigned = Voters(s, at);
  in.present = s.present;
  if (auto c = s.conflicts.find(item); c != s.conflicts.end()) {
    in.conflicted = c->second;
  }
  const v1::BodyRules* rules = Rules(s, at);
  if (rules == nullptr) return voting::QuorumCheck{};
  return voting::CheckQuorum(s.convocation.call() == 2
                                 ? rules->second_call_quorum()
                                 : rules->first_call_quorum(),
                             in, rules->conflicted_count_for_quorum());
}

absl::StatusOr<Events> DecideVote(const SessionState& s,
                                  const SessionContext& at,
                                  const CastVote& v) {
  if (v.choice == v1::VOTE_CHOICE_UNSPECIFIED) {
    return InvalidField("choice", "required");
  }
  CONCORDIA_RETURN_IF_ERROR(RequireStarted(s, at));
  auto item = s.items.find(v.item);
  if (item == s.items.end() || item->second.proposal_id().empty()) {
    return Rejected(reasons::kNotOnAgenda,
                    absl::StrCat("no item ", v.item, " to vote on"));
  }
  if (s.proclaimed.count(v.item) > 0 || s.deferred.count(v.item) > 0) {
    return Rejected(reasons::kInvalidStateTransition,
                    absl::StrCat("item ", v.item, " is no longer open"));
  }
  if (!IsVoter(Voters(s, at), v.member_id)) {
    return Rejected(reasons::kNotAMemberOfBody,
                    absl::StrCat(v.member_id, " is not a voting member of ",
                                 s.body_id(), " on ",
                                 absl::FormatCivilTime(s.day())));
  }
  if (s.present.count(v.member_id) == 0) {
    return Rejected(reasons::kNotPresent,
                    absl::StrCat(v.member_id, " is not present"));
  }
  auto delegate = s.delegates.find(v.member_id);
  const bool by_delegate =
      delegate != s.delegates.end() && delegate->second == v.cast_by;
  if (!by_delegate &&
      !at.consortium->Represents(s.body_id(), v.member_id, v.cast_by, s.day())) {
    return Rejected(reasons::kDelegationOutOfScope,
                    absl::StrCat(v.cast_by, " does not represent ", v.member_id,
                                 " on ", s.body_id(), " in this session"));
  }
  if (auto c = s.conflicts.find(v.item);
      c != s.conflicts.end() && c->second.count(v.member_id) > 0) {
    return Rejected(reasons::kConflictOfInterest,
                    absl::StrCat(v.member_id,
                                 " declared a conflict of interest on item ",
                                 v.item, " and does not vote on it"));
  }
  const auto& ballot = v.ballot == v1::BALLOT_IMMEDIATE_EXECUTABILITY
                           ? s.executability_votes
                           : s.votes;
  if (auto b = ballot.find(v.item);
      b != ballot.end() && b->second.count(v.member_id) > 0) {
    return Rejected(reasons::kAlreadyVoted,
                    absl::StrCat(v.member_id, " already voted on item ", v.item));
  }
  const voting::QuorumCheck quorum = QuorumNow(s, at, v.item);
  if (!quorum.met) {
    return Rejected(reasons::kQuorumNotReached,
                    absl::StrCat("no quorum for item ", v.item, ": ",
                                 quorum.explanation));
  }
  Events events;
  v1::VoteCast e;
  e.set_consortium_id(s.convocation.consortium_id());
  e.set_session_id(s.convocation.session_id());
  e.set_item(v.item);
  e.set_ballot(v.ballot == v1::BALLOT_UNSPECIFIED ? v1::BALLOT_MAIN : v.ballot);
  e.set_member_id(v.member_id);
  e.set_cast_by(v.cast_by);
  e.set_choice(v.choice);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideProclaim(
    const SessionState& s, const SessionContext& at, int item_number,
    const std::string& reason_against_opinion,
    const deliberation::DeliberationState& proposal) {
  CONCORDIA_RETURN_IF_ERROR(RequireStarted(s, at));
  auto item = s.items.find(item_number);
  if (item == s.items.end() || item->second.proposal_id().empty()) {
    return Rejected(reasons::kNotOnAgenda,
                    absl::StrCat("no item ", item_number, " to proclaim"));
  }
  if (s.proclaimed.count(item_number) > 0 || s.deferred.count(item_number) > 0) {
    return Rejected(reasons::kInvalidStateTransition,
                    absl::StrCat("item ", item_number, " is already decided"));
  }
  // A proposal placed on two agendas is decided once: the second
  // proclamation would take a number no adoption stands behind.
  if (proposal.adoption.has_value() || proposal.rejected) {
    return Rejected(
        reasons::kInvalidStateTransition,
        absl::StrCat("proposal ", item->second.proposal_id(),
                     " was already decided",
                     proposal.adoption.has_value()
                         ? absl::StrCat(" (adopted as no. ",
                                        proposal.adoption->number(), "/",
                                        proposal.adoption->year(), ")")
                         : " (rejected)"));
  }
  const voting::QuorumCheck quorum = QuorumNow(s, at, item_number);
  if (!quorum.met) {
    return Rejected(reasons::kQuorumNotReached,
                    absl::StrCat("no quorum for item ", item_number, ": ",
                                 quorum.explanation));
  }
  const v1::BodyRules* rules = Rules(s, at);
  const v1::MajorityRule* majority = nullptr;
  for (const v1::MajorityRule& m : rules->majorities()) {
    if (m.act_kind() == item->second.act_kind()) majority = &m;
  }
  if (majority == nullptr) {
    return Rejected(reasons::kStatuteNotInForce,
                    absl::StrCat("the statute sets no majority for ",
                                 v1::ActKind_Name(item->second.act_kind()),
                                 " acts of ", s.body_id()));
  }
  voting::VoteInput in;
  in.assigned = Voters(s, at);
  in.present = s.present;
  if (auto c = s.conflicts.find(item_number); c != s.conflicts.end()) {
    in.conflicted = c->second;
  }
  if (auto v = s.votes.find(item_number); v != s.votes.end()) in.votes = v->second;
  v1::ItemProclaimed e;
  e.set_consortium_id(s.convocation.consortium_id());
  e.set_session_id(s.convocation.session_id());
  e.set_item(item_number);
  e.set_proposal_id(item->second.proposal_id());
  *e.mutable_tally() = voting::Count(*majority, in);
  e.set_adopted(e.tally().approved());
  if (e.adopted() && proposal.HasNegativeOpinion()) {
    if (reason_against_opinion.empty()) {
      return Rejected(reasons::kReasonRequired,
                      "adopting against a negative opinion requires a stated "
                      "reason (TUEL art. 49)");
    }
    e.set_reason_against_opinion(reason_against_opinion);
  }
  if (auto ie = s.executability_votes.find(item_number);
      e.adopted() && ie != s.executability_votes.end()) {
    voting::VoteInput ie_in = in;
    ie_in.votes = ie->second;
    const v1::Statute* statute = at.consortium->StatuteAt(s.day());
    *e.mutable_immediate_executability() =
        voting::CountImmediateExecutability(statute->immediate_executability(),
                                            ie_in, rules->weighted_votes());
    e.set_immediately_executable(e.immediate_executability().approved());
  }
  Events events;
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideDefer(const SessionState& s,
                                   const SessionContext& at, int item,
                                   const std::string& reason) {
  CONCORDIA_RETURN_IF_ERROR(RequireStarted(s, at));
  if (s.items.count(item) == 0) {
    return Rejected(reasons::kNotOnAgenda, absl::StrCat("no item ", item));
  }
  if (s.proclaimed.count(item) > 0 || s.deferred.count(item) > 0) {
    return Rejected(reasons::kInvalidStateTransition,
                    absl::StrCat("item ", item, " is already decided"));
  }
  Events events;
  v1::ItemDeferred e;
  e.set_consortium_id(s.convocation.consortium_id());
  e.set_session_id(s.convocation.session_id());
  e.set_item(item);
  e.set_reason(reason);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideClose(const SessionState& s,
                                   const SessionContext& at) {
  CONCORDIA_RETURN_IF_ERROR(RequireStarted(s, at));
  Events events;
  v1::SessionClosed e;
  e.set_consortium_id(s.convocation.consortium_id());
  e.set_session_id(s.convocation.session_id());
  Push(events, e);
  return events;
}

}  // namespace concordia::domain::session
