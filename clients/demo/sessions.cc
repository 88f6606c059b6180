#include "clients/demo/sessions.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace concordia::demo {
namespace {

std::string Step(const HeldSession& s, const std::string& what) {
  return absl::StrCat(s.consortium, "/", s.session_id, "/", what);
}

// A request of SessionService addressed to the session.
template <typename Request>
Request To(const HeldSession& s) {
  Request r;
  r.set_consortium_id(s.consortium);
  r.set_body_id(s.body);
  r.set_session_id(s.session_id);
  return r;
}

// Drafts every proposal with its technical opinion and convenes the session
// (delivered `s.notice_days` before, at 9:00, if `past`; now otherwise).
void Convene(Plan& plan, const HeldSession& s, bool past) {
  auto convene = To<v1::ConveneSessionRequest>(s);
  convene.set_kind(v1::SESSION_KIND_ORDINARY);
  *convene.mutable_session_time() = At(s.day, s.hour);
  if (past) {
    *convene.mutable_notice_delivered_time() = At(s.day - s.notice_days, 9);
  }
  int n = 0;
  for (const SessionItem& item : s.items) {
    v1::AgendaItem* agenda = convene.add_items();
    agenda->set_number(++n);
    agenda->set_proposal_id(item.proposal_id);
    agenda->set_act_kind(v1::ACT_KIND_ORDINARY);
    agenda->set_title(item.title);
    if (item.drafted_before) continue;
    v1::DraftProposalRequest draft;
    draft.set_consortium_id(s.consortium);
    draft.set_body_id(s.body);
    draft.set_proposal_id(item.proposal_id);
    draft.set_act_kind(v1::ACT_KIND_ORDINARY);
    draft.set_title(item.title);
    plan.Add(Step(s, "proposal-" + item.proposal_id), s.drafter,
             &DeliberationStub::DraftProposal, draft);
    v1::GiveOpinionRequest opinion;
    opinion.set_consortium_id(s.consortium);
    opinion.set_proposal_id(item.proposal_id);
    opinion.set_kind(v1::OPINION_KIND_TECHNICAL);
    opinion.set_favourable(true);
    opinion.set_given_by(absl::StrCat("responsabile@", s.consortium));
    opinion.set_text("Parere favorevole di regolarità tecnica.");
    plan.Add(Step(s, "opinion-" + item.proposal_id), s.drafter,
             &DeliberationStub::GiveOpinion, opinion);
  }
  plan.Add(Step(s, "convene"), s.secretary, &SessionStub::ConveneSession,
           convene);
}

const Member* Find(const HeldSession& s, const std::string& id) {
  for (const Member& m : s.present) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

void Vote(Plan& plan, const HeldSession& s, int item, v1::Ballot ballot,
          const std::string& member, v1::VoteChoice choice) {
  const Member* m = Find(s, member);
  // A member not present cannot vote: a bug of the demo data, which the
  // server refuses (NOT_PRESENT) when the step runs.
  const std::string as = m != nullptr ? m->delegate() : "sindaco@" + member;
  auto vote = To<v1::CastVoteRequest>(s);
  vote.set_item(item);
  vote.set_ballot(ballot);
  vote.set_member_id(member);
  vote.set_choice(choice);
  plan.Add(Step(s, absl::StrCat("vote-", item,
                                ballot == v1::BALLOT_MAIN ? "" : "-ie", "-",
                                member)),
           as, &SessionStub::CastVote, vote);
}

}  // namespace

SessionItem Item(std::string proposal_id, std::string title) {
  SessionItem item;
  item.proposal_id = std::move(proposal_id);
  item.title = std::move(title);
  return item;
}

namespace {

std::vector<Member> Filter(const std::vector<Member>& all,
                           const std::vector<std::string>& ids, bool keep) {
  std::vector<Member> out;
  for (const Member& m : all) {
    const bool listed = std::find(ids.begin(), ids.end(), m.id) != ids.end();
    if (listed == keep) out.push_back(m);
  }
  return out;
}

}  // namespace

std::vector<Member> Only(const std::vector<Member>& all,
                         const std::vector<std::string>& ids) {
  return Filter(all, ids, true);
}

std::vector<Member> Except(const std::vector<Member>& all,
                           const std::vector<std::string>& ids) {
  return Filter(all, ids, false);
}

HeldSession AssembleaOf(const std::string& consortium,
                        const std::string& secretary,
                        const std::string& drafter,
                        const std::string& attendee) {
  HeldSession s;
  s.consortium = consortium;
  s.body = "assemblea";
  s.secretary = secretary;
  s.drafter = drafter;
  s.attendees = {attendee};
  return s;
}

void AddHeldSession(Plan& plan, const HeldSession& s) {
  Convene(plan, s, true);
  auto roll = To<v1::RecordAttendanceRequest>(s);
  for (const Member& m : s.present) roll.add_present_member_ids(m.id);
  for (const std::string& a : s.attendees) roll.add_attendees(a);
  plan.Add(Step(s, "attendance"), s.secretary, &SessionStub::RecordAttendance,
           roll);
  int n = 0;
  for (const SessionItem& item : s.items) {
    ++n;
    if (!item.deferred_because.empty()) {
      auto defer = To<v1::DeferItemRequest>(s);
      defer.set_item(n);
      defer.set_reason(item.deferred_because);
      plan.Add(Step(s, absl::StrCat("defer-", n)), s.secretary,
               &SessionStub::DeferItem, defer);
      continue;
    }
    if (item.votes.empty()) {
      for (const Member& m : s.present) {
        Vote(plan, s, n, v1::BALLOT_MAIN, m.id, v1::VOTE_CHOICE_IN_FAVOUR);
      }
    } else {
      for (const auto& [member, choice] : item.votes) {
        Vote(plan, s, n, v1::BALLOT_MAIN, member, choice);
      }
    }
    for (const std::string& member : item.immediately_executable_by) {
      Vote(plan, s, n, v1::BALLOT_IMMEDIATE_EXECUTABILITY, member,
           v1::VOTE_CHOICE_IN_FAVOUR);
    }
    auto proclaim = To<v1::ProclaimItemRequest>(s);
    proclaim.set_item(n);
    plan.Add(Step(s, absl::StrCat("proclaim-", n)), s.secretary,
             &SessionStub::ProclaimItem, proclaim);
    v1::PublishDeliberationRequest publish;
    publish.set_consortium_id(s.consortium);
    publish.set_body_id(s.body);
    publish.set_proposal_id(item.proposal_id);
    *publish.mutable_first_day() = DateOf(s.day + 1);
    plan.Add(Step(s, "publish-" + item.proposal_id), s.secretary,
             &DeliberationStub::PublishDeliberation, publish);
  }
  auto close = To<v1::CloseSessionRequest>(s);
  plan.Add(Step(s, "close"), s.secretary, &SessionStub::CloseSession, close);
}

void AddConvenedSession(Plan& plan, const HeldSession& s) {
  Convene(plan, s, false);
}

}  // namespace concordia::demo
