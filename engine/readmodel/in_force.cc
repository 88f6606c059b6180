#include "engine/readmodel/in_force.h"

#include <map>
#include <string>

#include "engine/calendar/calendar.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/consortium_codec.h"
#include "engine/readmodel/deliberation_codec.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::readmodel {

using domain::DayOf;
using domain::ToDate;

v1::ConsortiumInForce ConsortiumInForceOn(const v1::ConsortiumView& view,
                                          absl::CivilDay day) {
  v1::ConsortiumInForce out;
  *out.mutable_day() = ToDate(day);
  // The domain's state with what StatuteAt, MembersOn and SharesAt look at:
  // the statutes' versions and dates (not their bodies, which only the one
  // in force is copied of), the members, the share tables.
  ConsortiumState state;
  state.registered = view.has_profile();
  for (const v1::StatuteVersion& v : view.statutes()) {
    v1::StatuteAdopted dated;
    dated.set_version(v.adopted().version());
    *dated.mutable_effective_from() = v.adopted().effective_from();
    dated.mutable_statute();  // its own (empty) body, found by address below
    state.statutes.push_back(std::move(dated));
  }
  for (const v1::MemberRecord& m : view.members()) {
    state.members[m.member_id()] = FromMemberRecord(m);
  }
  for (const v1::ShareTable& t : view.share_tables()) {
    state.shares.emplace_back(DayOf(t.effective_from()), FromShares(t.shares()));
  }
  if (const v1::Statute* statute = state.StatuteAt(day)) {
    for (size_t i = 0; i < state.statutes.size(); ++i) {
      if (&state.statutes[i].statute() == statute) {
        *out.mutable_statute() = view.statutes(static_cast<int>(i));
      }
    }
  }
  std::map<std::string, const v1::MemberRecord*> records;
  for (const v1::MemberRecord& m : view.members()) records[m.member_id()] = &m;
  for (const std::string& id : state.MembersOn(day)) {
    *out.add_members() = *records.at(id);
  }
  for (const auto& [member, permille] : state.SharesAt(day)) {
    v1::MemberShare* s = out.add_shares();
    s->set_member_id(member);
    s->set_permille(permille);
  }
  for (const auto& [from, table] : state.shares) {
    if (from <= day) *out.mutable_shares_effective_from() = ToDate(from);
  }
  return out;
}

v1::BodyComposition CompositionOn(const v1::BodyView& view, absl::CivilDay day) {
  ConsortiumState state;
  state.bodies[view.body().body_id()] = view.body();
  for (const v1::MembershipSpan& span : view.memberships()) {
    domain::consortium::Member m;
    m.id = span.member_id();
    m.from = DayOf(span.member_from());
    if (span.has_member_until()) m.until = DayOf(span.member_until());
    state.members[m.id] = m;
  }
  for (const v1::DesignationRecord& d : view.designations()) {
    state.designations.push_back(FromDesignationRecord(d));
  }
  v1::BodyComposition out;
  *out.mutable_day() = ToDate(day);
  std::map<std::string, v1::Seat> voting;
  for (const auto& voter : state.VotersOf(view.body().body_id(), day)) {
    for (const domain::consortium::Designation& d : state.designations) {
      if (d.member_id == voter.member_id && d.voting && d.ActiveOn(day)) {
        v1::Seat seat;
        seat.set_member_id(d.member_id);
        seat.set_person(d.person);
        seat.set_voting(true);
        *seat.mutable_since() = ToDate(d.from);
        voting.emplace(d.member_id, std::move(seat));
        break;
      }
    }
  }
  std::multimap<std::string, v1::Seat> attendees;
  for (const domain::consortium::Designation& d : state.designations) {
    if (d.voting || !d.ActiveOn(day)) continue;
    if (!d.member_id.empty() && !state.IsMemberOn(d.member_id, day)) continue;
    v1::Seat seat;
    seat.set_member_id(d.member_id);
    seat.set_person(d.person);
    seat.set_voting(false);
    *seat.mutable_since() = ToDate(d.from);
    attendees.emplace(d.person, std::move(seat));
  }
  for (auto& [id, seat] : voting) *out.add_seats() = std::move(seat);
  for (auto& [person, seat] : attendees) *out.add_seats() = std::move(seat);
  out.set_voting_members(static_cast<int32_t>(voting.size()));
  return out;
}

v1::DeliberationInForce DeliberationInForceOn(
    const domain::deliberation::DeliberationState& s,
    std::optional<absl::CivilDay> rejected_on, absl::CivilDay day) {
  v1::DeliberationInForce out;
  *out.mutable_day() = ToDate(day);
  out.set_executive(s.ExecutiveOn(day));
  out.set_on_albo(s.OnAlboOn(day));
  if (!s.adoption.has_value() || DayOf(s.adoption->adopted_on()) > day) {
    out.set_status(rejected_on.has_value() && *rejected_on <= day
                       ? v1::LEGAL_STATUS_REJECTED
                       : v1::LEGAL_STATUS_NOT_ADOPTED);
    return out;
  }
  if (s.withdrawal.has_value() &&
      DayOf(s.withdrawal->effective_from()) <= day) {
    out.set_status(s.withdrawal->annulment() ? v1::LEGAL_STATUS_ANNULLED
                                             : v1::LEGAL_STATUS_REVOKED);
    return out;
  }
  if (out.executive()) {
    out.set_status(v1::LEGAL_STATUS_EXECUTIVE);
    return out;
  }
  out.set_status(v1::LEGAL_STATUS_ADOPTED);
  if (s.executive_on.has_value()) {
    *out.mutable_executive_due_on() = ToDate(*s.executive_on);
  } else if (s.publication.has_value()) {
    *out.mutable_executive_due_on() = s.publication->executive_on();
  }
  return out;
}

v1::DeliberationInForce DeliberationInForceOn(const v1::DeliberationView& view,
                                              absl::CivilDay day) {
  std::optional<absl::CivilDay> rejected_on;
  if (view.has_rejection()) {
    for (const v1::AgendaPlacement& p : view.placements()) {
      if (p.session_id() == view.rejection().session_id()) {
        rejected_on = calendar::RomeDay(absl::FromUnixMicros(
            google::protobuf::util::TimeUtil::TimestampToMicroseconds(
                p.session_time())));
      }
    }
  }
  return DeliberationInForceOn(DeliberationStateOf(view), rejected_on, day);
}

v1::AgendaTaskInForce AgendaTaskOn(const v1::AgendaEntryView& e,
                                   absl::CivilDay day) {
  v1::AgendaTaskInForce out;
  *out.mutable_day() = ToDate(day);
  if (e.session_id().empty()) {
    // A task of domain II: done from the day it was done, no longer due
    // from the day it lapsed, overdue once its last day has passed.
    if (e.has_done_on() && DayOf(e.done_on()) <= day) {
      out.set_status(v1::AGENDA_TASK_STATUS_DONE);
    } else if (e.has_no_longer_due_on() && DayOf(e.no_longer_due_on()) <= day) {
      out.set_status(v1::AGENDA_TASK_STATUS_NO_LONGER_DUE);
    } else if (e.has_due_on() && day > DayOf(e.due_on())) {
      out.set_status(v1::AGENDA_TASK_STATUS_OVERDUE);
    } else {
      out.set_status(v1::AGENDA_TASK_STATUS_TO_DO);
    }
    return out;
  }
  const absl::CivilDay session_day =
      calendar::RomeDay(absl::FromUnixMicros(
          google::protobuf::util::TimeUtil::TimestampToMicroseconds(
              e.session_time())));
  // Attendance and closing happen on (or after) the session's day, so before
  // it the task still lies ahead whatever was recorded later.
  if (day < session_day) {
    out.set_status(v1::AGENDA_TASK_STATUS_TO_DO);
  } else if (e.attended()) {
    out.set_status(v1::AGENDA_TASK_STATUS_DONE);
  } else if (e.session_closed()) {
    out.set_status(v1::AGENDA_TASK_STATUS_MISSED);
  } else if (day > session_day) {
    out.set_status(v1::AGENDA_TASK_STATUS_OVERDUE);
  } else {
    out.set_status(v1::AGENDA_TASK_STATUS_TO_DO);
  }
  if (!e.session_closed()) {
    for (const v1::AgendaTaskItem& t : e.items()) {
      if (t.status() == v1::ITEM_STATUS_OPEN && !t.voted() && !t.conflicted()) {
        out.add_pending_items(t.number());
      }
    }
  }
  return out;
}

bool OnAlboOn(const v1::AlboEntryView& entry, absl::CivilDay day) {
  return DayOf(entry.first_day()) <= day && day <= DayOf(entry.last_day());
}

}  // namespace concordia::readmodel
