// The agenda's tasks on workflow acts (README.md "The agenda"): an act that
// waits in a state where an action may be performed by the member the act
// names (a performer of scope PERFORMER_SCOPE_ACT_MEMBER in the definition
// the act follows) is on that member's agenda, by the state's deadline when
// one is scheduled. It is done when the member performs an action that
// leaves the state, and no longer due when someone else (or the deadline)
// moves the act on. Self-loops keep the task, as they keep the deadline.
//
// Performers scoped to the body the act names, to any body of a kind, or to
// any grant of a role are offices, not members; the ACTING_MEMBER scope (a
// party's approval of an accord) is listed from the accord's own events
// (agenda_tasks.cc). Private state: keys::PrivateAgendaAct, for the acts
// that name a member only.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "concordia/v1/read_model_state.pb.h"
#include "concordia/v1/views.pb.h"
#include "concordia/v1/workflow_events.pb.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/agenda_internal.h"
#include "engine/readmodel/agenda_projection.h"
#include "engine/readmodel/keys.h"
#include "engine/workflow/default_workflows.h"
#include "engine/workflow/definition.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::readmodel {
namespace {

using domain::DayOf;

// The actions the member the act names may perform in `state`.
std::vector<std::string> MemberActions(const v1::WorkflowDefinition& d,
                                       const std::string& state) {
  std::vector<std::string> out;
  for (const v1::WorkflowTransition& t : d.transitions()) {
    if (!workflow::AllowedIn(t, state)) continue;
    for (const v1::Performer& p : t.performers()) {
      if (p.scope() == v1::PERFORMER_SCOPE_ACT_MEMBER) {
        out.push_back(t.action());
        break;
      }
    }
  }
  return out;
}

bool WaitsOnMember(const v1::WorkflowDefinition& d) {
  for (const v1::WorkflowTransition& t : d.transitions()) {
    for (const v1::Performer& p : t.performers()) {
      if (p.scope() == v1::PERFORMER_SCOPE_ACT_MEMBER) return true;
    }
  }
  return false;
}

std::string TitleOf(const v1::WorkflowDefinition& d, const std::string& state) {
  const v1::WorkflowState* s = workflow::FindState(d, state);
  return s != nullptr && !s->title().empty() ? s->title() : state;
}

}  // namespace

// Keeps, per statute version, which kinds it defines and its definitions
// that may wait on a member: usually none, so a statute costs one small
// value, not a copy of its workflows in every consortium snapshot.
absl::Status AgendaProjection::ApplyStatute(const std::string& cid,
                                            const v1::StatuteAdopted& event,
                                            projection::EntityWriter& writer) {
  v1::AgendaWorkflows kept;
  std::set<std::string> kinds;
  for (const v1::WorkflowDefinition& d : event.statute().workflows()) {
    kinds.insert(d.act_kind());
  }
  kept.mutable_defined_kinds()->Assign(kinds.begin(), kinds.end());
  for (const std::string& kind : kinds) {
    const v1::WorkflowDefinition* d =
        workflow::DefinitionIn(event.statute(), kind);
    if (d != nullptr && WaitsOnMember(*d)) *kept.add_member_definitions() = *d;
  }
  Store(writer, keys::PrivateAgendaWorkflows(cid, event.version()), kept);
  return absl::OkStatus();
}

// The definition an act follows if it may wait on a member: its statute
// version's own, or the default (version 0, or a kind the statute does not
// define); nullopt when it never waits on one.
absl::StatusOr<std::optional<v1::WorkflowDefinition>>
AgendaProjection::MemberDefinition(projection::EntityWriter& writer,
                                   const std::string& cid, int statute_version,
                                   const std::string& kind) {
  std::optional<v1::WorkflowDefinition> out;
  bool defined = false;
  if (statute_version > 0) {
    absl::StatusOr<v1::AgendaWorkflows> kept = LoadOrEmpty<v1::AgendaWorkflows>(
        writer, keys::PrivateAgendaWorkflows(cid, statute_version));
    if (!kept.ok()) return kept.status();
    defined = std::binary_search(kept->defined_kinds().begin(),
                                 kept->defined_kinds().end(), kind);
    for (const v1::WorkflowDefinition& d : kept->member_definitions()) {
      if (d.act_kind() == kind) out = d;
    }
  }
  if (!defined) out = workflow::DefaultWorkflow(kind);
  if (out.has_value() && !WaitsOnMember(*out)) out.reset();
  return out;
}

absl::Status AgendaProjection::ApplyAct(const std::string& cid,
                                        const google::protobuf::Message& event,
                                        const log::Record& record,
                                        projection::EntityWriter& writer) {
  const v1::ActRef* ref = nullptr;
  if (const auto* e = dynamic_cast<const v1::ActStarted*>(&event)) {
    ref = &e->act();
  } else if (const auto* e = dynamic_cast<const v1::ActTransitioned*>(&event)) {
    ref = &e->act();
  } else if (const auto* e =
                 dynamic_cast<const v1::ActDeadlineScheduled*>(&event)) {
    ref = &e->act();
  } else {
    return absl::OkStatus();
  }
  if (!domain::IsValidId(ref->act_kind()) || ref->act_id().empty()) {
    return absl::DataLossError(absl::StrCat("invalid act '", ref->act_kind(),
                                            "/", ref->act_id(), "'"));
  }
  const auto* started = dynamic_cast<const v1::ActStarted*>(&event);
  // Acts that name no member (deliberations, opinions, reports) never wait
  // on one: they are not tracked (a lookup per later event of theirs).
  if (started != nullptr && started->member_id().empty()) {
    return absl::OkStatus();
  }
  const std::string index_key =
      keys::PrivateAgendaAct(cid, ref->act_kind(), ref->act_id());
  absl::StatusOr<std::optional<v1::AgendaActIndex>> loaded =
      Load<v1::AgendaActIndex>(writer, index_key);
  if (!loaded.ok()) return loaded.status();
  if (!loaded->has_value() && started == nullptr) return absl::OkStatus();
  v1::AgendaActIndex index = loaded->value_or(v1::AgendaActIndex());

  // Opens the member's task if the act now waits on it in `state`.
  auto enter = [&](const std::string& state,
                   uint64_t version) -> absl::Status {
    index.set_state(state);
    index.set_entered_version(version);
    index.clear_task_key();
    if (index.member_id().empty()) return absl::OkStatus();
    absl::StatusOr<std::optional<v1::WorkflowDefinition>> found =
        MemberDefinition(writer, cid, index.statute_version(), ref->act_kind());
    if (!found.ok()) return found.status();
    if (!found->has_value()) return absl::OkStatus();
    const v1::WorkflowDefinition& d = **found;
    const std::vector<std::string> actions = MemberActions(d, state);
    if (actions.empty()) return absl::OkStatus();
    v1::AgendaEntryView e = agenda::NewTask(
        cid, index.member_id(), v1::AGENDA_TASK_KIND_ACT_ACTION, std::nullopt,
        absl::StrCat("Act on \"", index.title(), "\" (", d.title(), "), ",
                     TitleOf(d, state), ": ", absl::StrJoin(actions, ", ")));
    v1::AgendaTaskSubject* s = e.mutable_subject();
    s->set_id(ref->act_id());
    s->set_act_kind(ref->act_kind());
    s->set_state(state);
    s->set_title(index.title());
    for (const std::string& a : actions) s->add_actions(a);
    const std::string key = agenda::TaskKey(
        cid, index.member_id(), std::nullopt,
        absl::StrCat("act@", ref->act_kind(), "@", ref->act_id(), "@", version));
    Store(writer, key, e);
    index.set_task_key(key);
    return absl::OkStatus();
  };

  if (started != nullptr) {
    if (loaded->has_value()) {
      return absl::DataLossError(absl::StrCat(
          "act ", ref->act_kind(), "/", ref->act_id(), " started twice"));
    }
    if (!started->member_id().empty() &&
        !domain::IsValidId(started->member_id())) {
      return absl::DataLossError(
          absl::StrCat("invalid member id '", started->member_id(), "'"));
    }
    index.set_member_id(started->member_id());
    index.set_statute_version(started->statute_version());
    index.set_title(started->title());
    if (absl::Status s = enter(started->state(), record.stream_version);
        !s.ok()) {
      return s;
    }
  } else if (const auto* e =
                 dynamic_cast<const v1::ActDeadlineScheduled*>(&event)) {
    // The deadline of the state the task waits in: the task moves to its
    // dated key.
    if (!index.task_key().empty() && e->state() == index.state() &&
        e->entered_version() == index.entered_version()) {
      absl::StatusOr<std::optional<v1::AgendaEntryView>> entry =
          Load<v1::AgendaEntryView>(writer, index.task_key());
      if (!entry.ok()) return entry.status();
      if (!entry->has_value()) {
        return absl::DataLossError(
            absl::StrCat("agenda task ", index.task_key(), " is missing"));
      }
      v1::AgendaEntryView task = **std::move(entry);
      *task.mutable_due_on() = e->last_day();
      const absl::Time due =
          e->has_due_time()
              ? absl::FromUnixMicros(
                    google::protobuf::util::TimeUtil::TimestampToMicroseconds(
                        e->due_time()))
              : agenda::EndOfDay(DayOf(e->last_day()));
      *task.mutable_due_time() =
          google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
              absl::ToUnixMicros(due));
      const std::string key = agenda::TaskKey(
          cid, index.member_id(), due,
          absl::StrCat("act@", ref->act_kind(), "@", ref->act_id(), "@",
                       index.entered_version()));
      writer.Delete(index.task_key());
      Store(writer, key, task);
      index.set_task_key(key);
    }
  } else if (const auto* e = dynamic_cast<const v1::ActTransitioned*>(&event)) {
    if (e->to_state() == e->from_state()) {
      return absl::OkStatus();  // a self-loop: the state and its task stay
    }
    if (!index.task_key().empty()) {
      absl::StatusOr<std::optional<v1::AgendaEntryView>> entry =
          Load<v1::AgendaEntryView>(writer, index.task_key());
      if (!entry.ok()) return entry.status();
      if (entry->has_value()) {
        v1::AgendaEntryView task = **std::move(entry);
        const bool by_member = !e->automatic() &&
                               e->role() == v1::ROLE_MEMBER_DELEGATE;
        if (by_member) {
          *task.mutable_done_on() = e->performed_on();
        } else {
          *task.mutable_no_longer_due_on() = e->performed_on();
          task.set_no_longer_due_reason(absl::StrCat(
              e->automatic() ? "its deadline moved the act to "
                             : "the act moved to ",
              e->to_state()));
        }
        Store(writer, index.task_key(), task);
      }
    }
    if (absl::Status s = enter(e->to_state(), record.stream_version);
        !s.ok()) {
      return s;
    }
  }
  return StoreIfChanged(writer, index_key, index).status();
}

}  // namespace concordia::readmodel
