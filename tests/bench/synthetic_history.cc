#include "tests/bench/synthetic_history.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "concordia/v1/deliberation_events.pb.h"
#include "concordia/v1/session_events.pb.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/voting/tally.h"
#include "tests/bench/synthetic_simulation.h"

namespace concordia::bench {
namespace synthetic {

absl::Status Simulation::Append(const std::string& stream,
                                const std::vector<const Message*>& events,
                                const std::string& principal,
                                absl::Time effective,
                                uint64_t* first_position) {
  for (size_t start = 0; start < events.size();
       start += log::kMaxEventsPerAppend) {
    std::vector<log::NewEvent> batch;
    for (size_t i = start;
         i < events.size() && i < start + log::kMaxEventsPerAppend; ++i) {
      log::NewEvent e;
      const uint64_t id = ++next_id_;
      for (int b = 0; b < 8; ++b) {
        e.id.bytes[b] = static_cast<uint8_t>(id >> (8 * (7 - b)));
        e.id.bytes[8 + b] = static_cast<uint8_t>(0xC0 + b);
      }
      e.type = events[i]->GetDescriptor()->full_name();
      e.schema_version = 1;
      e.payload = events[i]->SerializeAsString();
      e.metadata.principal = principal;
      e.metadata.command_id = absl::StrCat("bench-", id);
      e.metadata.effective_time = effective;
      ++summary_.by_type[e.type];
      batch.push_back(std::move(e));
    }
    absl::StatusOr<log::AppendResult> r =
        log_.Append(stream, log::ExpectedVersion::Any(), std::move(batch));
    if (!r.ok()) return r.status();
    if (first_position != nullptr && start == 0) {
      *first_position = r->first_position;
    }
    summary_.events = r->last_position;
  }
  return absl::OkStatus();
}

absl::Status Simulation::Cycle(Consortium& c) {
  // Proposals, drafted with their opinions, for a session a week ahead.
  const int n = Uniform(1, 5);
  std::vector<v1::AgendaItem> items;
  for (int i = 0; i < n; ++i) {
    const std::string id = absl::StrCat("p-", ++c.proposals);
    v1::ProposalDrafted draft;
    draft.set_consortium_id(c.id);
    draft.set_proposal_id(id);
    draft.set_body_id("assemblea");
    draft.set_act_kind(v1::ACT_KIND_ORDINARY);
    draft.set_title(absl::StrCat("Proposta di deliberazione n. ", c.proposals,
                                 " - interventi del Piano di Zona"));
    draft.set_financial_effects(Chance(40));
    v1::OpinionGiven technical;
    technical.set_consortium_id(c.id);
    technical.set_proposal_id(id);
    technical.set_kind(v1::OPINION_KIND_TECHNICAL);
    technical.set_favourable(true);
    technical.set_given_by("responsabile@ufficio-di-piano");
    technical.set_text("favorevole");
    std::vector<const Message*> events = {&draft, &technical};
    v1::OpinionGiven accounting = technical;
    accounting.set_kind(v1::OPINION_KIND_ACCOUNTING);
    accounting.set_given_by("ragioneria@ufficio-di-piano");
    if (draft.financial_effects()) events.push_back(&accounting);
    uint64_t position = 0;
    CONCORDIA_RETURN_IF_ERROR(
        Append(absl::StrCat(c.id, "/deliberation/", id), events,
               "ufficio@piano", clock_.Now(), &position));
    if (summary_.proposal_id.empty() && c.id == summary_.consortium_id) {
      summary_.proposal_id = id;
      summary_.proposal_position = position;
    }
    ++summary_.deliberations;
    v1::AgendaItem item;
    item.set_number(i + 1);
    item.set_proposal_id(id);
    item.set_act_kind(v1::ACT_KIND_ORDINARY);
    item.set_title(draft.title());
    items.push_back(item);
  }
  const std::string session = absl::StrCat("s-", ++c.sessions);
  const absl::Time when = calendar::StartOfRomeDay(Today() + 8) + absl::Hours(10);
  v1::SessionConvened convened;
  convened.set_consortium_id(c.id);
  convened.set_session_id(session);
  convened.set_body_id("assemblea");
  convened.set_kind(v1::SESSION_KIND_ORDINARY);
  convened.set_call(1);
  *convened.mutable_session_time() = Ts(when);
  *convened.mutable_notice_delivered() = Ts(clock_.Now());
  for (const v1::AgendaItem& item : items) *convened.add_items() = item;
  uint64_t position = 0;
  CONCORDIA_RETURN_IF_ERROR(Append(absl::StrCat(c.id, "/session/", session),
                                   {&convened}, "segretario@" + c.id,
                                   clock_.Now(), &position));
  if (summary_.session_id.empty() && c.id == summary_.consortium_id) {
    summary_.session_id = session;
    summary_.session_position = position;
  }
  ++summary_.sessions;
  // A new act now and then revokes an old one.
  std::string revokes;
  if (!c.executive.empty() && Chance(8)) {
    revokes = c.executive[rng_() % c.executive.size()].id;
  }
  Schedule(when, [this, &c, session, when, items, revokes] {
    return Hold(c, session, when, items, revokes);
  });
  if (Chance(20)) CONCORDIA_RETURN_IF_ERROR(Occasional(c));
  if (options_.cooperation) CONCORDIA_RETURN_IF_ERROR(Cooperation(c));
  Schedule(clock_.Now() + absl::Hours(24 * Uniform(10, 30)),
           [this, &c] { return Cycle(c); });
  return absl::OkStatus();
}

absl::Status Simulation::Hold(Consortium& c, const std::string& session,
                              absl::Time when,
                              std::vector<v1::AgendaItem> items,
                              std::string revokes) {
  const std::string stream = absl::StrCat(c.id, "/session/", session);
  const absl::CivilDay day = calendar::RomeDay(when);
  // The roll call: most members come, the large ones nearly always.
  v1::AttendanceRecorded attendance;
  attendance.set_consortium_id(c.id);
  attendance.set_session_id(session);
  domain::voting::VoteInput in;
  for (const std::string& m : c.members) {
    in.assigned.push_back({m, c.shares[m]});
    if (Chance(c.shares[m] > 100 ? 97 : 80)) {
      attendance.add_present_member_ids(m);
      in.present.insert(m);
    }
  }
  attendance.add_attendees("direttore@" + c.id);
  std::vector<std::unique_ptr<Message>> owned;
  std::vector<const Message*> events = {&attendance};
  std::vector<std::map<std::string, v1::VoteChoice>> main(items.size());
  std::vector<std::map<std::string, v1::VoteChoice>> exec(items.size());
  std::vector<bool> has_exec(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const int favour = Uniform(50, 95);
    has_exec[i] = Chance(30);
    for (int ballot = 0; ballot < (has_exec[i] ? 2 : 1); ++ballot) {
      for (const std::string& m : in.present) {
        auto v = std::make_unique<v1::VoteCast>();
        v->set_consortium_id(c.id);
        v->set_session_id(session);
        v->set_item(items[i].number());
        v->set_ballot(ballot == 0 ? v1::BALLOT_MAIN
                                  : v1::BALLOT_IMMEDIATE_EXECUTABILITY);
        v->set_member_id(m);
        v->set_cast_by(c.representative[m]);
        const int r = Uniform(1, 100);
        v->set_choice(r <= favour        ? v1::VOTE_CHOICE_IN_FAVOUR
                      : r <= favour + 20 ? v1::VOTE_CHOICE_AGAINST
                                         : v1::VOTE_CHOICE_ABSTAIN);
        (ballot == 0 ? main : exec)[i][m] = v->choice();
        events.push_back(v.get());
        owned.push_back(std::move(v));
      }
    }
  }
  CONCORDIA_RETURN_IF_ERROR(
      Append(stream, events, "segretario@" + c.id, when));
  // Proclamations, each followed by the number and the outcome.
  const v1::Statute statute = MakeStatute(15);
  std::vector<Proposal> adopted;
  for (size_t i = 0; i < items.size(); ++i) {
    v1::ItemProclaimed p;
    p.set_consortium_id(c.id);
    p.set_session_id(session);
    p.set_item(items[i].number());
    p.set_proposal_id(items[i].proposal_id());
    in.votes = main[i];
    *p.mutable_tally() =
        domain::voting::Count(statute.bodies(0).majorities(0), in);
    p.set_adopted(p.tally().approved());
    if (p.adopted() && has_exec[i]) {
      in.votes = exec[i];
      *p.mutable_immediate_executability() =
          domain::voting::CountImmediateExecutability(
              statute.immediate_executability(), in, true);
      p.set_immediately_executable(p.immediate_executability().approved());
    }
    CONCORDIA_RETURN_IF_ERROR(Append(stream, {&p}, "segretario@" + c.id, when));
    const std::string delib =
        absl::StrCat(c.id, "/deliberation/", items[i].proposal_id());
    if (!p.adopted()) {
      v1::DeliberationRejected r;
      r.set_consortium_id(c.id);
      r.set_proposal_id(items[i].proposal_id());
      r.set_session_id(session);
      CONCORDIA_RETURN_IF_ERROR(Append(delib, {&r}, "segretario@" + c.id, when));
      continue;
    }
    Proposal prop;
    prop.id = items[i].proposal_id();
    prop.title = items[i].title();
    prop.adopted = true;
    prop.year = static_cast<int>(day.year());
    prop.number = ++c.register_last[prop.year];
    v1::DeliberationNumberAssigned number;
    number.set_consortium_id(c.id);
    number.set_body_id("assemblea");
    number.set_year(prop.year);
    number.set_number(prop.number);
    number.set_proposal_id(prop.id);
    CONCORDIA_RETURN_IF_ERROR(
        Append(absl::StrCat(c.id, "/register/assemblea/", prop.year), {&number},
               "segretario@" + c.id, when));
    v1::DeliberationAdopted a;
    a.set_consortium_id(c.id);
    a.set_proposal_id(prop.id);
    a.set_body_id("assemblea");
    a.set_number(prop.number);
    a.set_year(prop.year);
    a.set_session_id(session);
    *a.mutable_adopted_on() = domain::ToDate(day);
    a.set_immediately_executable(p.immediately_executable());
    v1::DeliberationExecutive x;
    x.set_consortium_id(c.id);
    x.set_proposal_id(prop.id);
    *x.mutable_executive_on() = domain::ToDate(day);
    std::vector<const Message*> outcome = {&a};
    if (p.immediately_executable()) {
      outcome.push_back(&x);
      prop.executive_on = day;
    }
    CONCORDIA_RETURN_IF_ERROR(Append(delib, outcome, "segretario@" + c.id, when));
    if (!revokes.empty() && i == 0) {
      v1::DeliberationWithdrawn w;
      w.set_consortium_id(c.id);
      w.set_proposal_id(revokes);
      w.set_by_proposal_id(prop.id);
      w.set_annulment(false);
      *w.mutable_effective_from() = domain::ToDate(day);
      CONCORDIA_RETURN_IF_ERROR(
          Append(absl::StrCat(c.id, "/deliberation/", revokes), {&w},
                 "segretario@" + c.id, when));
      c.executive.erase(
          std::remove_if(c.executive.begin(), c.executive.end(),
                         [&](const Proposal& e) { return e.id == revokes; }),
          c.executive.end());
    }
    adopted.push_back(prop);
  }
  v1::SessionClosed closed;
  closed.set_consortium_id(c.id);
  closed.set_session_id(session);
  CONCORDIA_RETURN_IF_ERROR(
      Append(stream, {&closed}, "segretario@" + c.id, when + absl::Hours(2)));
  if (!adopted.empty()) {
    Schedule(calendar::StartOfRomeDay(day + Uniform(1, 3)) + absl::Hours(9),
             [this, &c, adopted] { return Publish(c, adopted); });
  }
  return absl::OkStatus();
}

absl::Status Simulation::Publish(Consortium& c, std::vector<Proposal> adopted) {
  const absl::CivilDay first = Today();
  for (Proposal& p : adopted) {
    const calendar::Window albo = calendar::AlboWindow(first, 15);
    v1::DeliberationPublished e;
    e.set_consortium_id(c.id);
    e.set_proposal_id(p.id);
    *e.mutable_first_day() = domain::ToDate(albo.first);
    *e.mutable_last_day() = domain::ToDate(albo.last);
    const bool already = p.executive_on != absl::CivilDay();
    const absl::CivilDay due = already ? p.executive_on
                                       : calendar::ExecutiveDay(albo.first, 10);
    *e.mutable_executive_on() = domain::ToDate(due);
    const std::string stream = absl::StrCat(c.id, "/deliberation/", p.id);
    CONCORDIA_RETURN_IF_ERROR(
        Append(stream, {&e}, "segretario@" + c.id, clock_.Now()));
    if (Chance(3)) {
      v1::PublicationInterrupted i;
      i.set_consortium_id(c.id);
      i.set_proposal_id(p.id);
      i.set_days(1);
      i.set_reason("albo non raggiungibile");
      *i.mutable_last_day() = domain::ToDate(albo.last + 1);
      CONCORDIA_RETURN_IF_ERROR(
          Append(stream, {&i}, "segretario@" + c.id, clock_.Now()));
    }
    if (already) {
      c.executive.push_back(p);
    } else {
      p.executive_on = due;
      Schedule(calendar::StartOfRomeDay(due),
               [this, &c, p] { return Executive(c, p); });
    }
  }
  return absl::OkStatus();
}

absl::Status Simulation::Executive(Consortium& c, const Proposal& p) {
  v1::DeliberationExecutive x;
  x.set_consortium_id(c.id);
  x.set_proposal_id(p.id);
  *x.mutable_executive_on() = domain::ToDate(p.executive_on);
  CONCORDIA_RETURN_IF_ERROR(Append(absl::StrCat(c.id, "/deliberation/", p.id),
                                   {&x}, "system:scheduler", clock_.Now()));
  c.executive.push_back(p);
  return absl::OkStatus();
}

absl::StatusOr<SyntheticSummary> Simulation::Run() {
  const absl::Time start = clock_.Now();
  for (int i = 0; i < options_.consortia; ++i) {
    consortia_.push_back(std::make_unique<Consortium>());
    Consortium* c = consortia_.back().get();
    Schedule(start + absl::Minutes(i), [this, c, i] {
      CONCORDIA_RETURN_IF_ERROR(Register(*c, i + 1));
      Schedule(clock_.Now() + absl::Hours(Uniform(1, 24 * 30)),
               [this, c] { return Cycle(*c); });
      return absl::OkStatus();
    });
  }
  summary_.consortia = options_.consortia;
  while (!queue_.empty() && summary_.events < options_.target_events) {
    Action a = queue_.top();
    queue_.pop();
    clock_.AdvanceTo(a.at);
    CONCORDIA_RETURN_IF_ERROR(a.run());
  }
  return summary_;
}

}  // namespace synthetic

absl::StatusOr<SyntheticSummary> WriteSyntheticHistory(
    log::EventLog& log, SimulatedClock& clock, const SyntheticOptions& options) {
  synthetic::Simulation s(log, clock, options);
  return s.Run();
}

}  // namespace concordia::bench
