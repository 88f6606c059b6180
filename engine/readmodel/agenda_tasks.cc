// The agenda's tasks of domain II (agenda_projection.h, README.md "The
// agenda"): what a member must approve and sign, the needs it must submit
// and the reports of the projects it takes part in. Unlike sessions, these
// entries are stored whole: the events that change them are few (one per
// approval, signature, need or report), so nothing is joined when read.
//
// Private state, one small index per aggregate: keys::PrivateAgendaAccord
// (title, public parties, withdrawn parties, instruments with open tasks),
// keys::PrivateAgendaNeeds (deadline, members holding a task, live needs)
// and keys::PrivateAgendaProject (title, participants, reports with their
// due days), so each event finds the entries it changes without reading
// another read model.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "concordia/v1/accord_events.pb.h"
#include "concordia/v1/programme_events.pb.h"
#include "concordia/v1/project_events.pb.h"
#include "concordia/v1/read_model_state.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/agenda_internal.h"
#include "engine/readmodel/agenda_projection.h"
#include "engine/readmodel/keys.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::readmodel {

using domain::DayOf;
using domain::ToDate;
using google::protobuf::RepeatedPtrField;

namespace agenda {

absl::CivilDay EffectiveDay(const log::Record& record) {
  return calendar::RomeDay(record.metadata.effective_time);
}

absl::Time EndOfDay(absl::CivilDay day) {
  return calendar::StartOfRomeDay(day + 1);
}

std::string TaskKey(const std::string& cid, const std::string& member,
                    std::optional<absl::Time> due, const std::string& task) {
  return keys::AgendaTask(cid, member, due, task);
}

std::string TaskKeyByDay(const std::string& cid, const std::string& member,
                         std::optional<absl::CivilDay> due,
                         const std::string& task) {
  return TaskKey(cid, member,
                 due.has_value() ? std::optional<absl::Time>(EndOfDay(*due))
                                 : std::nullopt,
                 task);
}

v1::AgendaEntryView NewTask(const std::string& cid, const std::string& member,
                            v1::AgendaTaskKind kind,
                            std::optional<absl::CivilDay> due,
                            std::string description) {
  v1::AgendaEntryView e;
  e.set_consortium_id(cid);
  e.set_member_id(member);
  e.set_task(kind);
  if (due.has_value()) {
    *e.mutable_due_on() = ToDate(*due);
    *e.mutable_due_time() =
        google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
            absl::ToUnixMicros(EndOfDay(*due)));
  }
  e.set_description(std::move(description));
  return e;
}

}  // namespace agenda

namespace {

using agenda::EffectiveDay;
using agenda::NewTask;
using agenda::TaskKeyByDay;


bool Contains(const RepeatedPtrField<std::string>& sorted,
              const std::string& id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

void InsertSorted(RepeatedPtrField<std::string>* sorted,
                  const std::string& id) {
  std::set<std::string> all(sorted->begin(), sorted->end());
  all.insert(id);
  sorted->Assign(all.begin(), all.end());
}

std::string AccordTask(const std::string& aid, int instrument, bool approve) {
  return absl::StrCat("accord@", aid, "@", instrument, "@",
                      approve ? "approve" : "sign");
}

std::string InstrumentText(int instrument, v1::InstrumentKind kind) {
  switch (kind) {
    case v1::INSTRUMENT_KIND_AMENDMENT:
      return absl::StrCat("amendment ", instrument, " of");
    case v1::INSTRUMENT_KIND_RENEWAL:
      return absl::StrCat("the renewal (instrument ", instrument, ") of");
    case v1::INSTRUMENT_KIND_DISSOLUTION:
      return absl::StrCat("the dissolution (instrument ", instrument, ") of");
    default:
      return instrument == 0 ? "the accord"
                             : absl::StrCat("instrument ", instrument, " of");
  }
}

}  // namespace

// Accords: for each instrument (0 the accord, then amendments, renewals,
// dissolutions), each public party bound when it is drafted or proposed must
// approve it by an act of its own and then sign it. Tasks have no deadline
// (the domain sets none for signing); they lapse when the instrument is
// concluded without them, the party's withdrawal takes effect, or the accord
// expires or is dissolved.
absl::Status AgendaProjection::ApplyAccord(
    const std::string& cid, const google::protobuf::Message& event,
    const log::Record& record, projection::EntityWriter& writer) {
  absl::StatusOr<std::string> aid = IdField(event, "accord_id");
  if (!aid.ok()) return aid.status();
  const std::string index_key = keys::PrivateAgendaAccord(cid, *aid);
  absl::StatusOr<std::optional<v1::AgendaAccordIndex>> loaded =
      Load<v1::AgendaAccordIndex>(writer, index_key);
  if (!loaded.ok()) return loaded.status();
  const auto* drafted = dynamic_cast<const v1::AccordDrafted*>(&event);
  if (!loaded->has_value() && drafted == nullptr) {
    return absl::DataLossError(absl::StrCat("accord ", *aid, " of ", cid,
                                            " has events before its draft"));
  }
  v1::AgendaAccordIndex index = loaded->value_or(v1::AgendaAccordIndex());
  const absl::CivilDay today = EffectiveDay(record);

  // The two tasks of each bound public party for `instrument`.
  auto open = [&](int instrument, v1::InstrumentKind kind) -> absl::Status {
    for (const std::string& party : index.public_party_ids()) {
      if (Contains(index.withdrawn_party_ids(), party)) continue;
      if (!domain::IsValidId(party)) {
        return absl::DataLossError(
            absl::StrCat("invalid party id '", party, "'"));
      }
      for (const bool approve : {true, false}) {
        v1::AgendaEntryView e = NewTask(
            cid, party,
            approve ? v1::AGENDA_TASK_KIND_ACCORD_APPROVAL
                    : v1::AGENDA_TASK_KIND_ACCORD_SIGNATURE,
            std::nullopt,
            absl::StrCat(approve ? "Approve " : "Sign ",
                         InstrumentText(instrument, kind), " \"",
                         index.title(), "\"",
                         approve ? " by an act of the member" : ""));
        e.mutable_subject()->set_id(*aid);
        e.mutable_subject()->set_instrument(instrument);
        e.mutable_subject()->set_title(index.title());
        Store(writer, TaskKeyByDay(cid, party, std::nullopt,
                              AccordTask(*aid, instrument, approve)),
              e);
      }
    }
    std::set<int> all(index.open_instruments().begin(),
                      index.open_instruments().end());
    all.insert(instrument);
    index.mutable_open_instruments()->Assign(all.begin(), all.end());
    return absl::OkStatus();
  };
  // Marks a party's task done on `day` (the first time only).
  auto done = [&](const std::string& party, int instrument, bool approve,
                  absl::CivilDay day) -> absl::Status {
    if (!domain::IsValidId(party)) {
      return absl::DataLossError(absl::StrCat("invalid party id '", party, "'"));
    }
    const std::string key =
        TaskKeyByDay(cid, party, std::nullopt, AccordTask(*aid, instrument, approve));
    absl::StatusOr<std::optional<v1::AgendaEntryView>> e =
        Load<v1::AgendaEntryView>(writer, key);
    if (!e.ok()) return e.status();
    if (!e->has_value() || (*e)->has_done_on()) return absl::OkStatus();
    *(*e)->mutable_done_on() = ToDate(day);
    Store(writer, key, **e);
    return absl::OkStatus();
  };
  // Lapses the open tasks of `party` (every party when empty) on the
  // instruments `instruments`, from `day`.
  auto lapse = [&](const std::vector<int>& instruments,
                   const std::string& only_party, absl::CivilDay day,
                   const std::string& reason) -> absl::Status {
    for (const int instrument : instruments) {
      for (const std::string& party : index.public_party_ids()) {
        if (!only_party.empty() && party != only_party) continue;
        for (const bool approve : {true, false}) {
          const std::string key = TaskKeyByDay(cid, party, std::nullopt,
                                          AccordTask(*aid, instrument, approve));
          absl::StatusOr<std::optional<v1::AgendaEntryView>> e =
              Load<v1::AgendaEntryView>(writer, key);
          if (!e.ok()) return e.status();
          if (!e->has_value() || (*e)->has_done_on() ||
              (*e)->has_no_longer_due_on()) {
            continue;
          }
          *(*e)->mutable_no_longer_due_on() = ToDate(day);
          (*e)->set_no_longer_due_reason(reason);
          Store(writer, key, **e);
        }
      }
    }
    return absl::OkStatus();
  };
  const std::vector<int> open_now(index.open_instruments().begin(),
                                  index.open_instruments().end());

  if (drafted != nullptr) {
    if (loaded->has_value()) {
      return absl::DataLossError(
          absl::StrCat("accord ", *aid, " of ", cid, " drafted twice"));
    }
    index.set_title(drafted->title());
    for (const v1::AccordParty& p : drafted->parties()) {
      if (p.role() == v1::PARTY_ROLE_PUBLIC_PARTY) {
        InsertSorted(index.mutable_public_party_ids(), p.party_id());
      }
    }
    if (absl::Status s = open(0, v1::INSTRUMENT_KIND_ACCORD); !s.ok()) return s;
  } else if (const auto* e =
                 dynamic_cast<const v1::AccordInstrumentProposed*>(&event)) {
    if (absl::Status s = open(e->instrument(), e->kind()); !s.ok()) return s;
  } else if (const auto* e = dynamic_cast<const v1::AccordPartyApproved*>(&event)) {
    if (absl::Status s = done(e->party_id(), e->instrument(), true, today);
        !s.ok()) {
      return s;
    }
  } else if (const auto* e = dynamic_cast<const v1::AccordSigned*>(&event)) {
    if (absl::Status s = done(e->party_id(), e->instrument(), false,
                              DayOf(e->signed_on()));
        !s.ok()) {
      return s;
    }
  } else if (const auto* e =
                 dynamic_cast<const v1::AccordInstrumentConcluded*>(&event)) {
    if (absl::Status s = lapse({e->instrument()}, "", DayOf(e->concluded_on()),
                               "instrument concluded");
        !s.ok()) {
      return s;
    }
    std::vector<int> rest;
    for (const int i : open_now) {
      if (i != e->instrument()) rest.push_back(i);
    }
    index.mutable_open_instruments()->Assign(rest.begin(), rest.end());
  } else if (const auto* e = dynamic_cast<const v1::AccordPartyWithdrawn*>(&event)) {
    if (!domain::IsValidId(e->party_id())) {
      return absl::DataLossError(
          absl::StrCat("invalid party id '", e->party_id(), "'"));
    }
    if (absl::Status s = lapse(open_now, e->party_id(),
                               DayOf(e->effective_on()),
                               "withdrew from the accord");
        !s.ok()) {
      return s;
    }
    InsertSorted(index.mutable_withdrawn_party_ids(), e->party_id());
  } else if (const auto* e = dynamic_cast<const v1::AccordAdherentJoined*>(&event)) {
    // Adherents sign as they join; a public one is required on the
    // instruments proposed afterwards.
    if (e->adherent().role() == v1::PARTY_ROLE_PUBLIC_PARTY) {
      InsertSorted(index.mutable_public_party_ids(), e->adherent().party_id());
    }
  } else if (const auto* e = dynamic_cast<const v1::AccordExpired*>(&event)) {
    if (absl::Status s = lapse(open_now, "", DayOf(e->ended_on()) + 1,
                               "accord expired");
        !s.ok()) {
      return s;
    }
    index.clear_open_instruments();
  } else if (const auto* e = dynamic_cast<const v1::AccordDissolved*>(&event)) {
    if (absl::Status s = lapse(open_now, "", DayOf(e->dissolved_on()),
                               "accord dissolved");
        !s.ok()) {
      return s;
    }
    index.clear_open_instruments();
  }
  return StoreIfChanged(writer, index_key, index).status();
}

// Needs: when a year's collection opens, each member of the consortium on
// that day must submit its needs by the deadline; the task is done on the
// day of its earliest need still standing (a withdrawn need no longer
// counts).
absl::Status AgendaProjection::ApplyNeeds(
    const std::string& cid, const google::protobuf::Message& event,
    const log::Record& record, projection::EntityWriter& writer) {
  const google::protobuf::FieldDescriptor* year_field =
      event.GetDescriptor()->FindFieldByName("year");
  if (year_field == nullptr ||
      year_field->type() != google::protobuf::FieldDescriptor::TYPE_INT32) {
    return absl::DataLossError(absl::StrCat(
        event.GetDescriptor()->full_name(), " has no int32 field 'year'"));
  }
  const int year = event.GetReflection()->GetInt32(event, year_field);
  const std::string task = absl::StrCat("needs@", year);
  const std::string index_key = keys::PrivateAgendaNeeds(cid, year);
  if (const auto* e = dynamic_cast<const v1::NeedsCollectionOpened*>(&event)) {
    absl::StatusOr<const ConsortiumState*> state = snapshots_.Load(writer, cid);
    if (!state.ok()) return state.status();
    const absl::CivilDay deadline = DayOf(e->deadline());
    v1::AgendaNeedsIndex index;
    *index.mutable_deadline() = e->deadline();
    std::vector<std::string> members =
        (*state)->MembersOn(EffectiveDay(record));
    std::sort(members.begin(), members.end());
    for (const std::string& m : members) {
      v1::AgendaEntryView entry = NewTask(
          cid, m, v1::AGENDA_TASK_KIND_NEEDS, deadline,
          absl::StrCat("Submit the member's procurement needs for ", year,
                       " to the consortium's collection"));
      entry.mutable_subject()->set_year(year);
      Store(writer, TaskKeyByDay(cid, m, deadline, task), entry);
    }
    index.mutable_member_ids()->Assign(members.begin(), members.end());
    Store(writer, index_key, index);
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<v1::AgendaNeedsIndex>> loaded =
      Load<v1::AgendaNeedsIndex>(writer, index_key);
  if (!loaded.ok()) return loaded.status();
  if (!loaded->has_value()) {
    return absl::DataLossError(absl::StrCat(
        "needs of ", year, " in ", cid, " before their collection opened"));
  }
  v1::AgendaNeedsIndex index = **std::move(loaded);
  std::string member;
  if (const auto* e = dynamic_cast<const v1::NeedSubmitted*>(&event)) {
    member = e->member_id();
    v1::AgendaNeed need;
    need.set_need_id(e->need_id());
    need.set_member_id(e->member_id());
    *need.mutable_submitted_on() = e->submitted_on();
    auto* needs = index.mutable_needs();
    auto at = std::lower_bound(
        needs->begin(), needs->end(), e->need_id(),
        [](const v1::AgendaNeed& n, const std::string& id) {
          return n.need_id() < id;
        });
    if (at != needs->end() && at->need_id() == e->need_id()) {
      *at = need;
    } else {
      const int pos = static_cast<int>(at - needs->begin());
      needs->Add(std::move(need));
      for (int i = needs->size() - 1; i > pos; --i) needs->SwapElements(i, i - 1);
    }
  } else if (const auto* e = dynamic_cast<const v1::NeedWithdrawn*>(&event)) {
    auto* needs = index.mutable_needs();
    for (int i = 0; i < needs->size(); ++i) {
      if (needs->Get(i).need_id() != e->need_id()) continue;
      member = needs->Get(i).member_id();
      needs->DeleteSubrange(i, 1);
      break;
    }
  }
  if (!member.empty() && Contains(index.member_ids(), member)) {
    std::optional<absl::CivilDay> first;
    for (const v1::AgendaNeed& n : index.needs()) {
      if (n.member_id() != member) continue;
      const absl::CivilDay d = DayOf(n.submitted_on());
      if (!first.has_value() || d < *first) first = d;
    }
    const std::string key = TaskKeyByDay(cid, member, DayOf(index.deadline()), task);
    absl::StatusOr<std::optional<v1::AgendaEntryView>> entry =
        Load<v1::AgendaEntryView>(writer, key);
    if (!entry.ok()) return entry.status();
    if (entry->has_value()) {
      if (first.has_value()) {
        *(*entry)->mutable_done_on() = ToDate(*first);
      } else {
        (*entry)->clear_done_on();
      }
      absl::StatusOr<bool> wrote = StoreIfChanged(writer, key, **entry);
      if (!wrote.ok()) return wrote.status();
    }
  }
  return StoreIfChanged(writer, index_key, index).status();
}

// Reports: each scheduled report of a project is on the agenda of every
// member taking part, by its due day. The domain gives a project no lead
// member: the Ufficio di Piano files its reports (ProjectService
// SubmitReport), for the participants, whose shared costs the funder's
// reporting covers; so the participants see each report, done when it is
// submitted and overdue from the day after its due day.
absl::Status AgendaProjection::ApplyProject(
    const std::string& cid, const google::protobuf::Message& event,
    const log::Record& /*record*/, projection::EntityWriter& writer) {
  absl::StatusOr<std::string> pid = IdField(event, "project_id");
  if (!pid.ok()) return pid.status();
  const std::string index_key = keys::PrivateAgendaProject(cid, *pid);
  if (const auto* e = dynamic_cast<const v1::ProjectRegistered*>(&event)) {
    v1::AgendaProjectIndex index;
    index.set_title(e->title());
    std::set<std::string> participants;
    for (const std::string& m : e->participant_ids()) {
      if (!domain::IsValidId(m)) {
        return absl::DataLossError(absl::StrCat("invalid member id '", m, "'"));
      }
      participants.insert(m);
    }
    index.mutable_participant_ids()->Assign(participants.begin(),
                                            participants.end());
    Store(writer, index_key, index);
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<v1::AgendaProjectIndex>> loaded =
      Load<v1::AgendaProjectIndex>(writer, index_key);
  if (!loaded.ok()) return loaded.status();
  if (!loaded->has_value()) {
    return absl::DataLossError(absl::StrCat(
        "project ", *pid, " of ", cid, " has events before its registration"));
  }
  v1::AgendaProjectIndex index = **std::move(loaded);
  absl::StatusOr<std::string> rid = IdField(event, "report_id");
  if (!rid.ok()) return rid.status();
  const std::string task = absl::StrCat("report@", *pid, "@", *rid);
  if (const auto* e = dynamic_cast<const v1::ReportScheduled*>(&event)) {
    const absl::CivilDay due = DayOf(e->due_on());
    for (const std::string& m : index.participant_ids()) {
      v1::AgendaEntryView entry = NewTask(
          cid, m, v1::AGENDA_TASK_KIND_REPORT, due,
          absl::StrCat("Report ", *rid, " of the project \"", index.title(),
                       "\" on ", absl::FormatCivilTime(DayOf(e->period_from())),
                       " to ", absl::FormatCivilTime(DayOf(e->period_to())),
                       ", filed by the Ufficio di Piano"));
      entry.mutable_subject()->set_id(*pid);
      entry.mutable_subject()->set_report_id(*rid);
      entry.mutable_subject()->set_title(index.title());
      Store(writer, TaskKeyByDay(cid, m, due, task), entry);
    }
    v1::AgendaReport* r = index.add_reports();
    r->set_report_id(*rid);
    *r->mutable_due_on() = e->due_on();
    Store(writer, index_key, index);
    return absl::OkStatus();
  }
  if (const auto* e = dynamic_cast<const v1::ReportSubmitted*>(&event)) {
    const v1::AgendaReport* report = nullptr;
    for (const v1::AgendaReport& r : index.reports()) {
      if (r.report_id() == *rid) report = &r;
    }
    if (report == nullptr) {
      return absl::DataLossError(absl::StrCat("report ", *rid, " of project ",
                                              *pid, " was never scheduled"));
    }
    for (const std::string& m : index.participant_ids()) {
      const std::string key = TaskKeyByDay(cid, m, DayOf(report->due_on()), task);
      absl::StatusOr<std::optional<v1::AgendaEntryView>> entry =
          Load<v1::AgendaEntryView>(writer, key);
      if (!entry.ok()) return entry.status();
      if (!entry->has_value() || (*entry)->has_done_on()) continue;
      *(*entry)->mutable_done_on() = e->submitted_on();
      Store(writer, key, **entry);
    }
  }
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
