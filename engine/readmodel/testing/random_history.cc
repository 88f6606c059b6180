#include "engine/readmodel/testing/random_history.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"

namespace concordia::readmodel::testing {
namespace {

using domain::consortium::ConsortiumState;
using domain::deliberation::DeliberationState;
using domain::session::SessionState;
using domain::testing::Rome;

absl::Time At(absl::CivilDay day, int hour) {
  return Rome(static_cast<int>(day.year()), day.month(), day.day(), hour);
}

}  // namespace

RandomHistory::RandomHistory(domain::testing::District& d, uint64_t seed)
    : d_(d), coop_(*d.log.log, d.governance), rng_(seed) {
  d_.Register();
  state_.push_back({d_.id, {}, {}, {}, {}, {}});
  consortia_.push_back(d_.id);
  if (absl::Status s = Register("sds-pistoia"); !s.ok()) {
    // Run() reports it: a second registration that fails is a broken setup.
    state_.clear();
  }
}

bool RandomHistory::Chance(int percent) {
  return static_cast<int>(rng_() % 100) < percent;
}

int RandomHistory::Uniform(int lo, int hi) {
  return lo + static_cast<int>(rng_() % static_cast<uint64_t>(hi - lo + 1));
}

std::string RandomHistory::Pick(const std::vector<std::string>& from) {
  if (from.empty()) return "";
  return from[rng_() % from.size()];
}

absl::CivilDay RandomHistory::Today() const {
  return calendar::RomeDay(d_.clock.Now());
}

absl::Status RandomHistory::Run(int steps) {
  if (state_.size() != 2) {
    return absl::InternalError("the second consortium could not be registered");
  }
  for (int i = 0; i < steps; ++i) {
    absl::Status s = Step();
    if (s.ok()) {
      ++accepted_;
    } else if (absl::IsFailedPrecondition(s) || absl::IsInvalidArgument(s) ||
               absl::IsNotFound(s) || absl::IsAlreadyExists(s)) {
      ++rejected_;
      ++reasons_[absl::StrCat(ErrorReason(s), " ", s.message().substr(0, 60))];
    } else {
      return absl::Status(s.code(),
                          absl::StrCat("step ", i, ": ", s.message()));
    }
  }
  return absl::OkStatus();
}

std::string RandomHistory::RejectionSummary() const {
  std::string out;
  for (const auto& [reason, n] : reasons_) {
    absl::StrAppend(&out, n, " x ", reason, "\n");
  }
  return out;
}

absl::Status RandomHistory::Step() {
  if (Chance(12)) d_.clock.Advance(absl::Hours(Uniform(1, 72)));
  Consortium& c = state_[rng_() % state_.size()];
  struct Op {
    int weight;
    absl::Status (RandomHistory::*run)(Consortium&);
  };
  static const Op kOps[] = {
      {8, &RandomHistory::Draft},         {4, &RandomHistory::Opinion},
      {5, &RandomHistory::Convene},       {1, &RandomHistory::AddItem},
      {45, &RandomHistory::Progress},     {2, &RandomHistory::Attendance},
      {2, &RandomHistory::Delegate},      {2, &RandomHistory::Conflict},
      {4, &RandomHistory::Vote},          {2, &RandomHistory::Proclaim},
      {1, &RandomHistory::Defer},         {1, &RandomHistory::Close},
      {6, &RandomHistory::Publish},
      {1, &RandomHistory::Interrupt},     {6, &RandomHistory::MakeExecutive},
      {2, &RandomHistory::Withdraw},      {2, &RandomHistory::ChangeShares},
      {1, &RandomHistory::AdoptStatute},  {2, &RandomHistory::ChangeRepresentative},
      {1, &RandomHistory::Admit},         {1, &RandomHistory::WithdrawMember},
      {1, &RandomHistory::Merge},
      {1, &RandomHistory::DraftAccord},   {2, &RandomHistory::ApproveAccord},
      {2, &RandomHistory::SignAccord},
      {2, &RandomHistory::DelegateFunction},
      {1, &RandomHistory::RevokeFunction},
      {1, &RandomHistory::DraftProgramme},
      {3, &RandomHistory::AdoptOrUpdateProgramme},
      {3, &RandomHistory::CollectNeeds},
      {2, &RandomHistory::TenderNeeds},
      {2, &RandomHistory::RegisterProject},
      {4, &RandomHistory::ProjectActivity},
      // The agenda's tasks of domain II (random_history_agenda.cc).
      {1, &RandomHistory::OpenNeeds},     {3, &RandomHistory::SubmitNeed},
      {1, &RandomHistory::WithdrawNeed},  {1, &RandomHistory::RegisterReportingProject},
      {2, &RandomHistory::SubmitReport},  {1, &RandomHistory::ProposeAmendment},
      {2, &RandomHistory::SettleAmendment}, {1, &RandomHistory::EndAccordTerm},
  };
  int total = 0;
  for (const Op& op : kOps) total += op.weight;
  int pick = static_cast<int>(rng_() % total);
  for (const Op& op : kOps) {
    if (pick < op.weight) return (this->*op.run)(c);
    pick -= op.weight;
  }
  return absl::OkStatus();
}

std::string RandomHistory::OpenSession(Consortium& c) {
  // Mostly the earliest open session (the one being held), as in practice.
  std::vector<std::string> open;
  std::string earliest;
  absl::Time earliest_time = absl::InfiniteFuture();
  for (const std::string& s : c.sessions) {
    absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
    if (!st.ok() || !st->convened || st->closed) continue;
    open.push_back(s);
    if (st->time() < earliest_time) {
      earliest_time = st->time();
      earliest = s;
    }
  }
  return Chance(80) ? earliest : Pick(open);
}

std::string RandomHistory::Proposal(Consortium& c, bool adopted) {
  std::vector<std::string> out;
  for (const std::string& p : c.proposals) {
    absl::StatusOr<DeliberationState> st = d_.governance.Deliberation(c.id, p);
    if (st.ok() && st->adoption.has_value() == adopted) out.push_back(p);
  }
  return Pick(out);
}

std::string RandomHistory::ExecutiveDeliberation(Consortium& c) {
  std::vector<std::string> out;
  for (const std::string& p : c.proposals) {
    absl::StatusOr<DeliberationState> st = d_.governance.Deliberation(c.id, p);
    if (st.ok() && st->ExecutiveOn(Today())) out.push_back(p);
  }
  return Pick(out);
}

absl::Status RandomHistory::Draft(Consortium& c) {
  domain::deliberation::DraftProposal p;
  p.consortium_id = c.id;
  p.proposal_id = absl::StrCat("p-", ++next_id_);
  p.body_id = "assemblea";
  p.act_kind = Chance(10) ? v1::ACT_KIND_STATUTE_CHANGE : v1::ACT_KIND_ORDINARY;
  p.title = absl::StrCat("Proposta ", next_id_);
  p.financial_effects = Chance(30);
  p.mere_policy_act = Chance(10);
  p.grants_economic_benefit = Chance(20);
  CONCORDIA_RETURN_IF_ERROR(
      d_.governance.DraftProposal(d_.Ctx("ufficio@piano"), p).status());
  c.proposals.push_back(p.proposal_id);
  if (Chance(85)) {
    CONCORDIA_RETURN_IF_ERROR(
        d_.governance
            .GiveOpinion(d_.Ctx("ufficio@piano"), c.id, p.proposal_id,
                         {v1::OPINION_KIND_TECHNICAL, Chance(85),
                          "responsabile@piano", "parere tecnico"})
            .status());
  }
  return absl::OkStatus();
}

absl::Status RandomHistory::Opinion(Consortium& c) {
  const std::string p = Proposal(c, false);
  if (p.empty()) return absl::OkStatus();
  return d_.governance
      .GiveOpinion(d_.Ctx("ragioneria@piano"), c.id, p,
                   {Chance(50) ? v1::OPINION_KIND_ACCOUNTING
                               : v1::OPINION_KIND_TECHNICAL,
                    Chance(80), "responsabile@ragioneria", "parere"})
      .status();
}

absl::Status RandomHistory::Convene(Consortium& c) {
  std::vector<v1::AgendaItem> items;
  std::vector<std::string> ready;
  for (const std::string& p : c.proposals) {
    absl::StatusOr<DeliberationState> st = d_.governance.Deliberation(c.id, p);
    std::string why;
    if (st.ok() && st->ReadyForAgenda(&why)) ready.push_back(p);
  }
  std::shuffle(ready.begin(), ready.end(), rng_);
  const int n = std::min<int>(static_cast<int>(ready.size()), Uniform(1, 3));
  for (int i = 0; i < n; ++i) {
    absl::StatusOr<DeliberationState> st =
        d_.governance.Deliberation(c.id, ready[i]);
    v1::AgendaItem item;
    item.set_number(i + 1);
    item.set_proposal_id(ready[i]);
    item.set_act_kind(st->proposal.act_kind());
    item.set_title(st->proposal.title());
    items.push_back(item);
  }
  if (items.empty() || Chance(10)) {
    v1::AgendaItem communication;
    communication.set_number(static_cast<int>(items.size()) + 1);
    communication.set_act_kind(v1::ACT_KIND_ORDINARY);
    communication.set_title("Comunicazioni");
    items.push_back(communication);
  }
  domain::session::Convene cmd;
  cmd.consortium_id = c.id;
  cmd.session_id = absl::StrCat("s-", ++next_id_);
  cmd.body_id = "assemblea";
  const int kind = Uniform(0, 9);
  cmd.kind = kind < 7   ? v1::SESSION_KIND_ORDINARY
             : kind < 9 ? v1::SESSION_KIND_EXTRAORDINARY
                        : v1::SESSION_KIND_URGENT;
  cmd.call = Chance(10) ? 2 : 1;
  const int ahead = cmd.kind == v1::SESSION_KIND_URGENT ? 2 : Uniform(7, 15);
  cmd.session_time = At(Today() + ahead, 10);
  cmd.items = items;
  CONCORDIA_RETURN_IF_ERROR(d_.governance.Convene(d_.Ctx(), cmd).status());
  c.sessions.push_back(cmd.session_id);
  return absl::OkStatus();
}

absl::Status RandomHistory::AddItem(Consortium& c) {
  const std::string s = OpenSession(c);
  const std::string p = Proposal(c, false);
  if (s.empty() || p.empty()) return absl::OkStatus();
  absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
  absl::StatusOr<DeliberationState> dp = d_.governance.Deliberation(c.id, p);
  if (!st.ok() || !dp.ok()) return absl::OkStatus();
  v1::AgendaItem item;
  item.set_number(st->items.empty() ? 1 : st->items.rbegin()->first + 1);
  item.set_proposal_id(p);
  item.set_act_kind(dp->proposal.act_kind());
  item.set_title(dp->proposal.title());
  return d_.governance.AddItem(d_.Ctx(), c.id, s, item).status();
}

absl::Status RandomHistory::Progress(Consortium& c) {
  // The next natural step of the session being held: roll call, votes until
  // everyone present has voted, the proclamation, the closing.
  const std::string s = OpenSession(c);
  if (s.empty()) return absl::OkStatus();
  absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
  if (!st.ok()) return absl::OkStatus();
  if (st->present.empty()) return AttendanceAt(c, s);
  for (const auto& [n, item] : st->items) {
    if (item.proposal_id().empty() || st->proclaimed.count(n) > 0 ||
        st->deferred.count(n) > 0) {
      continue;
    }
    auto votes = st->votes.find(n);
    const size_t voted = votes == st->votes.end() ? 0 : votes->second.size();
    size_t conflicted = 0;
    if (auto cf = st->conflicts.find(n); cf != st->conflicts.end()) {
      conflicted = cf->second.size();
    }
    if (voted + conflicted < st->present.size()) return VoteOn(c, s, n, false);
    auto ie = st->executability_votes.find(n);
    const size_t ie_voted =
        ie == st->executability_votes.end() ? 0 : ie->second.size();
    if (ie_voted > 0 && ie_voted + conflicted < st->present.size()) {
      return VoteOn(c, s, n, true);
    }
    if (ie_voted == 0 && Chance(30)) return VoteOn(c, s, n, true);
    return d_.governance
        .Proclaim(d_.Ctx(), c.id, s, n,
                  Chance(80) ? "motivazione del dissenso dal parere" : "")
        .status();
  }
  return d_.governance.CloseSession(d_.Ctx(), c.id, s).status();
}

absl::Status RandomHistory::Attendance(Consortium& c) {
  const std::string s = OpenSession(c);
  if (s.empty()) return absl::OkStatus();
  return AttendanceAt(c, s);
}

absl::Status RandomHistory::AttendanceAt(Consortium& c, const std::string& s) {
  absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
  absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
  if (!st.ok() || !cs.ok()) return absl::OkStatus();
  d_.clock.AdvanceTo(st->time());
  std::vector<std::string> present;
  for (const auto& v : cs->VotersOf(st->body_id(), st->day())) {
    if (Chance(90)) present.push_back(v.member_id);
  }
  std::vector<std::string> attendees;
  if (Chance(30)) attendees.push_back("direttore@piano");
  return d_.governance
      .RecordAttendance(d_.Ctx(), c.id, s, present, attendees)
      .status();
}

absl::Status RandomHistory::Delegate(Consortium& c) {
  const std::string s = OpenSession(c);
  if (s.empty()) return absl::OkStatus();
  absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
  if (!st.ok() || st->present.empty()) return absl::OkStatus();
  const std::string m = Pick({st->present.begin(), st->present.end()});
  return d_.governance
      .AppointDelegate(d_.Ctx(), c.id, s, m, absl::StrCat("delegato@", m))
      .status();
}

absl::Status RandomHistory::Conflict(Consortium& c) {
  const std::string s = OpenSession(c);
  if (s.empty()) return absl::OkStatus();
  absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
  if (!st.ok() || st->present.empty() || st->items.empty()) {
    return absl::OkStatus();
  }
  const std::string m = Pick({st->present.begin(), st->present.end()});
  const int item = Uniform(1, st->items.rbegin()->first);
  return d_.governance.DeclareConflict(d_.Ctx(), c.id, s, item, m).status();
}

absl::Status RandomHistory::Vote(Consortium& c) {
  const std::string s = OpenSession(c);
  if (s.empty()) return absl::OkStatus();
  absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
  if (!st.ok() || st->present.empty()) return absl::OkStatus();
  std::vector<int> open;
  for (const auto& [n, item] : st->items) {
    if (!item.proposal_id().empty() && st->proclaimed.count(n) == 0 &&
        st->deferred.count(n) == 0) {
      open.push_back(n);
    }
  }
  if (open.empty()) return absl::OkStatus();
  return VoteOn(c, s, open[rng_() % open.size()], Chance(20));
}

absl::Status RandomHistory::VoteOn(Consortium& c, const std::string& s,
                                   int item, bool executability) {
  absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
  if (!st.ok()) return absl::OkStatus();
  domain::session::CastVote v;
  v.item = item;
  v.ballot =
      executability ? v1::BALLOT_IMMEDIATE_EXECUTABILITY : v1::BALLOT_MAIN;
  // Someone present who has not voted on this ballot yet (nor is conflicted).
  const auto& ballot = v.ballot == v1::BALLOT_IMMEDIATE_EXECUTABILITY
                           ? st->executability_votes
                           : st->votes;
  std::vector<std::string> can;
  auto conflicts = st->conflicts.find(v.item);
  for (const std::string& m : st->present) {
    auto b = ballot.find(v.item);
    if (conflicts != st->conflicts.end() && conflicts->second.count(m) > 0) {
      continue;
    }
    if (b == ballot.end() || b->second.count(m) == 0) can.push_back(m);
  }
  if (can.empty()) return absl::OkStatus();
  v.member_id = Pick(can);
  auto delegate = st->delegates.find(v.member_id);
  if (delegate != st->delegates.end()) {
    v.cast_by = delegate->second;
  } else {
    absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
    if (!cs.ok()) return absl::OkStatus();
    for (const auto& dsg : cs->designations) {
      if (dsg.body_id == st->body_id() && dsg.member_id == v.member_id &&
          dsg.voting && dsg.ActiveOn(st->day())) {
        v.cast_by = dsg.person;
      }
    }
  }
  const int choice = Uniform(0, 9);
  v.choice = choice < 6   ? v1::VOTE_CHOICE_IN_FAVOUR
             : choice < 8 ? v1::VOTE_CHOICE_AGAINST
             : choice < 9 ? v1::VOTE_CHOICE_ABSTAIN
                          : v1::VOTE_CHOICE_BLANK;
  return d_.governance.CastVote(d_.Ctx(v.cast_by), c.id, s, v).status();
}

absl::Status RandomHistory::Proclaim(Consortium& c) {
  const std::string s = OpenSession(c);
  if (s.empty()) return absl::OkStatus();
  absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
  if (!st.ok() || st->items.empty()) return absl::OkStatus();
  const int item = Uniform(1, st->items.rbegin()->first);
  // Usually once everyone present has voted.
  auto votes = st->votes.find(item);
  const size_t voted = votes == st->votes.end() ? 0 : votes->second.size();
  if (st->present.empty() ||
      (voted < st->present.size() && !Chance(15))) {
    return absl::OkStatus();
  }
  return d_.governance
      .Proclaim(d_.Ctx(), c.id, s, item,
                Chance(70) ? "motivazione del dissenso dal parere" : "")
      .status();
}

absl::Status RandomHistory::Defer(Consortium& c) {
  const std::string s = OpenSession(c);
  if (s.empty()) return absl::OkStatus();
  absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
  if (!st.ok() || st->items.empty()) return absl::OkStatus();
  return d_.governance
      .DeferItem(d_.Ctx(), c.id, s, Uniform(1, st->items.rbegin()->first),
                 "rinvio")
      .status();
}

absl::Status RandomHistory::Close(Consortium& c) {
  const std::string s = OpenSession(c);
  if (s.empty()) return absl::OkStatus();
  absl::StatusOr<SessionState> st = d_.governance.Session(c.id, s);
  if (!st.ok()) return absl::OkStatus();
  d_.clock.AdvanceTo(st->time());
  return d_.governance.CloseSession(d_.Ctx(), c.id, s).status();
}

absl::Status RandomHistory::Publish(Consortium& c) {
  std::vector<std::string> unpublished;
  for (const std::string& p : c.proposals) {
    absl::StatusOr<DeliberationState> st = d_.governance.Deliberation(c.id, p);
    if (st.ok() && st->adoption.has_value() && !st->publication.has_value()) {
      unpublished.push_back(p);
    }
  }
  const std::string p = Pick(unpublished);
  if (p.empty()) return absl::OkStatus();
  return d_.governance.Publish(d_.Ctx(), c.id, p, Today() + Uniform(0, 2))
      .status();
}

absl::Status RandomHistory::Interrupt(Consortium& c) {
  const std::string p = Proposal(c, true);
  if (p.empty()) return absl::OkStatus();
  return d_.governance
      .InterruptPublication(d_.Ctx(), c.id, p, Uniform(1, 3), "albo offline")
      .status();
}

absl::Status RandomHistory::MakeExecutive(Consortium& c) {
  // What the executivity timer does once its day has come.
  std::vector<std::pair<std::string, absl::CivilDay>> due;
  for (const std::string& p : c.proposals) {
    absl::StatusOr<DeliberationState> st = d_.governance.Deliberation(c.id, p);
    if (!st.ok() || !st->publication.has_value() ||
        st->executive_on.has_value()) {
      continue;
    }
    due.emplace_back(p, domain::DayOf(st->publication->executive_on()));
  }
  if (due.empty()) return absl::OkStatus();
  const auto& [p, day] = due[rng_() % due.size()];
  if (day > Today()) d_.clock.AdvanceTo(calendar::StartOfRomeDay(day));
  return d_.governance.MakeExecutive(d_.Ctx("system:scheduler"), c.id, p, day)
      .status();
}

absl::Status RandomHistory::Withdraw(Consortium& c) {
  const std::string p = Proposal(c, true);
  const std::string by = Proposal(c, true);
  if (p.empty() || by.empty() || p == by) return absl::OkStatus();
  return d_.governance
      .Withdraw(d_.Ctx(), c.id, p, by, Chance(30), Today())
      .status();
}

}  // namespace concordia::readmodel::testing
