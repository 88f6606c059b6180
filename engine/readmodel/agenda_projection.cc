#include "engine/readmodel/agenda_projection.h"

#include <algorithm>
#include <set>

#include "concordia/v1/accord_events.pb.h"
#include "concordia/v1/consortium_events.pb.h"
#include "concordia/v1/programme_events.pb.h"
#include "concordia/v1/project_events.pb.h"
#include "concordia/v1/session_events.pb.h"
#include "concordia/v1/workflow_events.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/consortium_codec.h"
#include "engine/readmodel/keys.h"
#include "engine/readmodel/session_votes.h"
#include "engine/readmodel/sessions_projection.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::readmodel {
namespace {

using domain::consortium::Designation;

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixMicros(
      google::protobuf::util::TimeUtil::TimestampToMicroseconds(t));
}

absl::CivilDay DayOfSession(const v1::SessionIndex& index) {
  return calendar::RomeDay(TimeOf(index.session_time()));
}

std::set<std::string> VoterIds(const ConsortiumState& state,
                               const std::string& body, absl::CivilDay day) {
  std::set<std::string> out;
  for (const auto& v : state.VotersOf(body, day)) out.insert(v.member_id);
  return out;
}

// Who represents each member on the body on the day (the first voting
// designation active then, as the domain's Represents finds it).
std::map<std::string, std::string> RepresentativesOn(
    const ConsortiumState& state, const std::string& body, absl::CivilDay day) {
  std::map<std::string, std::string> out;
  for (const Designation& d : state.designations) {
    if (d.body_id == body && d.voting && d.ActiveOn(day)) {
      out.emplace(d.member_id, d.person);
    }
  }
  return out;
}

std::string Lookup(const std::map<std::string, std::string>& m,
                   const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? "" : it->second;
}

// The keys of one session's entries (the session time formatted once).
class EntryKeys {
 public:
  EntryKeys(const std::string& cid, const std::string& sid,
            const v1::SessionIndex& index)
      : cid_(cid),
        sid_(sid),
        time_(keys::SessionTimeKey(TimeOf(index.session_time()))) {}
  std::string operator()(const std::string& member) const {
    return keys::Agenda(cid_, member, time_, sid_);
  }

 private:
  const std::string& cid_;
  const std::string& sid_;
  const std::string time_;
};

// The stored task: who, which session, through whom. The rest comes from
// the session when read (ComposeAgendaEntry).
v1::AgendaEntryView NewEntry(const std::string& cid, const std::string& sid,
                             const std::string& member,
                             const std::string& representative) {
  v1::AgendaEntryView e;
  e.set_consortium_id(cid);
  e.set_member_id(member);
  e.set_session_id(sid);
  e.set_representative(representative);
  return e;
}

bool FromFile(const google::protobuf::Message& e, const char* file) {
  return e.GetDescriptor()->file()->name() == file;
}

}  // namespace

AgendaProjection::AgendaProjection()
    : ReadModelProjection(
          kAgenda, kVersion,
          {TypeName<v1::ConsortiumRegistered>(),
           // The workflows acts follow (agenda_acts.cc; not in the snapshot).
           TypeName<v1::StatuteAdopted>(), TypeName<v1::MemberAdmitted>(),
           TypeName<v1::MemberWithdrawn>(), TypeName<v1::MemberSucceeded>(),
           TypeName<v1::BodyCreated>(), TypeName<v1::BodyMemberDesignated>(),
           TypeName<v1::BodyMemberRevoked>(), TypeName<v1::SessionConvened>(),
           TypeName<v1::AttendanceRecorded>(), TypeName<v1::ConflictDeclared>(),
           TypeName<v1::SessionClosed>(),
           // Domain II (agenda_tasks.cc).
           TypeName<v1::AccordDrafted>(),
           TypeName<v1::AccordInstrumentProposed>(),
           TypeName<v1::AccordPartyApproved>(), TypeName<v1::AccordSigned>(),
           TypeName<v1::AccordInstrumentConcluded>(),
           TypeName<v1::AccordPartyWithdrawn>(),
           TypeName<v1::AccordAdherentJoined>(), TypeName<v1::AccordExpired>(),
           TypeName<v1::AccordDissolved>(),
           TypeName<v1::NeedsCollectionOpened>(),
           TypeName<v1::NeedSubmitted>(), TypeName<v1::NeedWithdrawn>(),
           TypeName<v1::ProjectRegistered>(), TypeName<v1::ReportScheduled>(),
           TypeName<v1::ReportSubmitted>(),
           // Workflow acts (agenda_acts.cc).
           TypeName<v1::ActStarted>(), TypeName<v1::ActTransitioned>(),
           TypeName<v1::ActDeadlineScheduled>()}) {}

absl::Status AgendaProjection::ApplyEvent(const google::protobuf::Message& event,
                                          const log::Record& record,
                                          projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  if (const auto* e = dynamic_cast<const v1::StatuteAdopted*>(&event)) {
    return ApplyStatute(*cid, *e, writer);  // agenda_acts.cc
  }
  if (FromFile(event, "concordia/v1/consortium_events.proto")) {
    return ApplyConsortium(*cid, event, record, writer);
  }
  if (FromFile(event, "concordia/v1/accord_events.proto")) {
    return ApplyAccord(*cid, event, record, writer);
  }
  if (FromFile(event, "concordia/v1/programme_events.proto")) {
    return ApplyNeeds(*cid, event, record, writer);
  }
  if (FromFile(event, "concordia/v1/project_events.proto")) {
    return ApplyProject(*cid, event, record, writer);
  }
  if (FromFile(event, "concordia/v1/workflow_events.proto")) {
    return ApplyAct(*cid, event, record, writer);
  }
  return ApplySession(*cid, event, writer);
}

absl::Status AgendaProjection::ApplyConsortium(
    const std::string& cid, const google::protobuf::Message& event,
    const log::Record& record, projection::EntityWriter& writer) {
  absl::StatusOr<const ConsortiumState*> state =
      snapshots_.Fold(writer, cid, event, record);
  if (!state.ok()) return state.status();
  std::set<std::string> bodies;
  std::set<std::string> members;
  if (const auto* e = dynamic_cast<const v1::BodyMemberDesignated*>(&event)) {
    bodies.insert(e->body_id());
  } else if (const auto* e = dynamic_cast<const v1::BodyMemberRevoked*>(&event)) {
    bodies.insert(e->body_id());
  } else if (const auto* e = dynamic_cast<const v1::MemberWithdrawn*>(&event)) {
    members.insert(e->member_id());
  } else if (const auto* e = dynamic_cast<const v1::MemberSucceeded*>(&event)) {
    members.insert(e->predecessor_ids().begin(), e->predecessor_ids().end());
  }
  for (const Designation& d : (*state)->designations) {
    if (members.count(d.member_id) > 0) bodies.insert(d.body_id);
  }
  for (const std::string& body : bodies) {
    if (!domain::IsValidId(body)) {
      return absl::DataLossError(absl::StrCat("invalid body id '", body, "'"));
    }
    if (absl::Status s = Reconcile(cid, body, **state, writer); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status AgendaProjection::Reconcile(const std::string& cid,
                                         const std::string& body,
                                         const ConsortiumState& state,
                                         projection::EntityWriter& writer) {
  absl::StatusOr<v1::OpenSessions> open =
      LoadOrEmpty<v1::OpenSessions>(writer, keys::OpenSessions(cid, body));
  if (!open.ok()) return open.status();
  for (const std::string& sid : open->session_ids()) {
    const std::string index_key = keys::PrivateSession(cid, sid);
    absl::StatusOr<v1::SessionIndex> index =
        LoadOrEmpty<v1::SessionIndex>(writer, index_key);
    if (!index.ok()) return index.status();
    const absl::CivilDay day = DayOfSession(*index);
    const std::set<std::string> voters = VoterIds(state, body, day);
    const std::map<std::string, std::string> representatives =
        RepresentativesOn(state, body, day);
    const EntryKeys key_of(cid, sid, *index);
    std::set<std::string> kept;
    for (const std::string& m : index->member_ids()) {
      const std::string key = key_of(m);
      absl::StatusOr<std::optional<v1::AgendaEntryView>> entry =
          Load<v1::AgendaEntryView>(writer, key);
      if (!entry.ok()) return entry.status();
      if (!entry->has_value()) continue;
      if (voters.count(m) == 0) {
        // No longer seated: the task goes, unless the member already acted
        // (voting needs presence at a roll call).
        const bool acted =
            std::binary_search(index->attended_member_ids().begin(),
                               index->attended_member_ids().end(), m) ||
            std::binary_search(index->conflicted_member_ids().begin(),
                               index->conflicted_member_ids().end(), m);
        if (!acted) {
          writer.Delete(key);
          continue;
        }
      } else {
        (*entry)->set_representative(Lookup(representatives, m));
        absl::StatusOr<bool> wrote = StoreIfChanged(writer, key, **entry);
        if (!wrote.ok()) return wrote.status();
      }
      kept.insert(m);
    }
    for (const std::string& m : voters) {
      if (kept.count(m) > 0) continue;
      Store(writer, key_of(m),
            NewEntry(cid, sid, m, Lookup(representatives, m)));
      kept.insert(m);
    }
    index->mutable_member_ids()->Assign(kept.begin(), kept.end());
    absl::StatusOr<bool> wrote = StoreIfChanged(writer, index_key, *index);
    if (!wrote.ok()) return wrote.status();
  }
  return absl::OkStatus();
}

absl::Status AgendaProjection::ApplySession(
    const std::string& cid, const google::protobuf::Message& event,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> sid = IdField(event, "session_id");
  if (!sid.ok()) return sid.status();
  const std::string index_key = keys::PrivateSession(cid, *sid);
  if (const auto* e = dynamic_cast<const v1::SessionConvened*>(&event)) {
    absl::StatusOr<std::string> body = IdField(event, "body_id");
    if (!body.ok()) return body.status();
    v1::SessionIndex index;
    index.set_body_id(*body);
    *index.mutable_session_time() = e->session_time();
    absl::StatusOr<const ConsortiumState*> loaded_state =
        snapshots_.Load(writer, cid);
    if (!loaded_state.ok()) return loaded_state.status();
    const ConsortiumState& state = **loaded_state;
    const absl::CivilDay day = DayOfSession(index);
    const std::set<std::string> voters = VoterIds(state, *body, day);
    const std::map<std::string, std::string> representatives =
        RepresentativesOn(state, *body, day);
    const EntryKeys key_of(cid, *sid, index);
    for (const std::string& m : voters) {
      Store(writer, key_of(m),
            NewEntry(cid, *sid, m, Lookup(representatives, m)));
    }
    index.mutable_member_ids()->Assign(voters.begin(), voters.end());
    Store(writer, index_key, index);
    const std::string open_key = keys::OpenSessions(cid, *body);
    absl::StatusOr<v1::OpenSessions> open =
        LoadOrEmpty<v1::OpenSessions>(writer, open_key);
    if (!open.ok()) return open.status();
    std::set<std::string> ids(open->session_ids().begin(),
                              open->session_ids().end());
    ids.insert(*sid);
    open->mutable_session_ids()->Assign(ids.begin(), ids.end());
    Store(writer, open_key, *open);
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<v1::SessionIndex>> loaded =
      Load<v1::SessionIndex>(writer, index_key);
  if (!loaded.ok()) return loaded.status();
  if (!loaded->has_value()) {
    return absl::DataLossError(absl::StrCat(
        "session ", *sid, " of ", cid, " has events before its convocation"));
  }
  v1::SessionIndex index = **std::move(loaded);
  // Who acted in the session (so a change of seats keeps their task).
  auto mark = [](google::protobuf::RepeatedPtrField<std::string>* field,
                 const std::vector<std::string>& members) {
    std::set<std::string> all(field->begin(), field->end());
    all.insert(members.begin(), members.end());
    field->Assign(all.begin(), all.end());
  };
  if (const auto* e = dynamic_cast<const v1::AttendanceRecorded*>(&event)) {
    mark(index.mutable_attended_member_ids(),
         {e->present_member_ids().begin(), e->present_member_ids().end()});
  } else if (const auto* e = dynamic_cast<const v1::ConflictDeclared*>(&event)) {
    mark(index.mutable_conflicted_member_ids(), {e->member_id()});
  } else if (dynamic_cast<const v1::SessionClosed*>(&event) != nullptr) {
    index.set_closed(true);
    const std::string open_key = keys::OpenSessions(cid, index.body_id());
    absl::StatusOr<v1::OpenSessions> open =
        LoadOrEmpty<v1::OpenSessions>(writer, open_key);
    if (!open.ok()) return open.status();
    std::vector<std::string> ids;
    for (const std::string& id : open->session_ids()) {
      if (id != *sid) ids.push_back(id);
    }
    open->mutable_session_ids()->Assign(ids.begin(), ids.end());
    Store(writer, open_key, *open);
  }
  absl::StatusOr<bool> wrote = StoreIfChanged(writer, index_key, index);
  return wrote.status();
}

absl::Status ComposeAgendaEntry(const projection::ReadView& sessions,
                                log::EventLog& log, uint64_t position,
                                v1::AgendaEntryView* entry) {
  const std::string& cid = entry->consortium_id();
  const std::string& sid = entry->session_id();
  const std::string& m = entry->member_id();
  if (sid.empty()) return absl::OkStatus();  // stored whole (agenda_tasks.cc)
  const std::string key = keys::Session(cid, sid);
  absl::StatusOr<std::optional<projection::EntityVersion>> found =
      sessions.Get(key, position);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return absl::DataLossError(absl::StrCat(
        "agenda entry of session ", sid, ", which the sessions read model "
        "does not know at position ", position));
  }
  v1::SessionView session;
  CONCORDIA_RETURN_IF_ERROR(ParseEntity(key, (*found)->value, &session));
  CONCORDIA_RETURN_IF_ERROR(ComposeSession(sessions, position, &session));
  entry->set_body_id(session.convocation().body_id());
  entry->set_kind(session.convocation().kind());
  entry->set_call(session.convocation().call());
  *entry->mutable_session_time() = session.convocation().session_time();
  entry->set_task(v1::AGENDA_TASK_KIND_SESSION);
  entry->mutable_subject()->set_id(sid);
  *entry->mutable_due_time() = session.convocation().session_time();
  *entry->mutable_due_on() =
      domain::ToDate(calendar::RomeDay(TimeOf(entry->session_time())));
  entry->set_description(absl::StrCat("Attend the session ", sid, " of ",
                                      entry->body_id(),
                                      " and vote on its items"));
  auto has = [&](const google::protobuf::RepeatedPtrField<std::string>& ids) {
    return std::binary_search(ids.begin(), ids.end(), m);
  };
  CONCORDIA_ASSIGN_OR_RETURN(const std::set<int> voted,
                             VotedItems(log, cid, sid, m, position));
  entry->clear_items();
  for (const v1::SessionItemView& i : session.items()) {
    if (i.item().proposal_id().empty()) continue;
    v1::AgendaTaskItem* t = entry->add_items();
    t->set_number(i.item().number());
    t->set_proposal_id(i.item().proposal_id());
    t->set_title(i.item().title());
    t->set_status(i.status());
    t->set_conflicted(has(i.conflicted_member_ids()));
    t->set_voted(voted.count(i.item().number()) > 0);
  }
  entry->clear_delegate();
  for (const v1::SessionDelegate& d : session.delegates()) {
    if (d.member_id() == m) entry->set_delegate(d.person());
  }
  entry->set_present(has(session.present_member_ids()));
  entry->set_attended(has(session.attended_member_ids()));
  entry->set_session_closed(session.closed());
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
