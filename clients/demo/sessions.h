// Sessions of a demo body: past sittings transcribed with their minutes
// (the convocation delivered outside Concordia, recorded with its delivery
// time; roll call, votes, proclamations, publication on the albo), and
// sessions convened ahead of time whose sitting has not happened yet.
//
// Every proposal on an agenda is drafted by `drafter` with a favourable
// technical opinion; each present member's vote is cast by its designated
// delegate (Member::delegate()).
//
// Thread-safety: pure functions that append steps to a Plan.
//
// Example:
//   HeldSession s{"sudestmilano", "assemblea", "assemblea-2024-04-29",
//                 absl::CivilDay(2024, 4, 29)};
//   s.secretary = "segretario@sudestmilano";
//   s.drafter = "ufficio-di-piano@sudestmilano";
//   s.present = members;
//   s.items.push_back(Item("p-2024-rendiconto", "Rendiconto 2023"));
//   AddHeldSession(plan, s);
#ifndef CONCORDIA_CLIENTS_DEMO_SESSIONS_H_
#define CONCORDIA_CLIENTS_DEMO_SESSIONS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "clients/demo/builders.h"
#include "clients/demo/plan.h"

namespace concordia::demo {

// One agenda item with its proposal.
struct SessionItem {
  std::string proposal_id;
  std::string title;
  // Votes of present members (by member id); members present but not listed
  // do not vote. Empty in a held session: every present member in favour.
  std::vector<std::pair<std::string, v1::VoteChoice>> votes;
  // Members voting in favour of immediate executability (TUEL art. 134 c. 4);
  // empty: no such ballot.
  std::vector<std::string> immediately_executable_by;
  // Deferred by the body instead of voted (with this reason).
  std::string deferred_because;
  // Drafted for an earlier agenda (deferred there): not drafted again.
  bool drafted_before = false;
};

// An item every present member votes in favour of; set the other fields
// on the result.
SessionItem Item(std::string proposal_id, std::string title);

struct HeldSession {
  std::string consortium;
  std::string body;
  std::string session_id;
  absl::CivilDay day;
  int hour = 10;
  std::string secretary;
  std::string drafter;
  // The convocation was delivered this many days before (ordinary notice).
  int notice_days = 10;
  std::vector<Member> present;
  std::vector<std::string> attendees;
  std::vector<SessionItem> items;
};

// A session of `consortium`'s Assemblea kept by `secretary`, its proposals
// drafted by `drafter`, `attendee` attending; the caller sets its id, day,
// members present and items.
HeldSession AssembleaOf(const std::string& consortium,
                        const std::string& secretary,
                        const std::string& drafter,
                        const std::string& attendee);

// The members of `all` whose ids are (Only) or are not (Except) in `ids`,
// in `all`'s order: who is present at a sitting.
std::vector<Member> Only(const std::vector<Member>& all,
                         const std::vector<std::string>& ids);
std::vector<Member> Except(const std::vector<Member>& all,
                           const std::vector<std::string>& ids);

// A session already held: convened with its past notice, roll call, votes,
// proclamations, the adopted deliberations published from the next day, and
// closed. Steps "<consortium>/<session_id>/...".
void AddHeldSession(Plan& plan, const HeldSession& s);

// A session convened now for `s.day` (in the future, with the notice): only
// its proposals and the convocation. Steps "<consortium>/<session_id>/...".
void AddConvenedSession(Plan& plan, const HeldSession& s);

}  // namespace concordia::demo

#endif  // CONCORDIA_CLIENTS_DEMO_SESSIONS_H_
