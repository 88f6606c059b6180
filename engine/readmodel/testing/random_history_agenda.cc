// RandomHistory: the domain II commands that make and settle the agenda's
// tasks, through the real Cooperation handlers — needs collections opened,
// needs submitted and withdrawn; funded projects registered (their reports
// scheduled) and reports submitted; instruments proposed on accords in
// force, approved and signed; terms ended (expiry lapses what was not done).
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/testing/random_history.h"

namespace concordia::readmodel::testing {

using domain::consortium::ConsortiumState;

absl::Status RandomHistory::OpenNeeds(Consortium& c) {
  const int year = static_cast<int>(Today().year()) + 1;
  absl::StatusOr<domain::programme::NeedsState> needs = coop_.Needs(c.id, year);
  if (!needs.ok()) return needs.status();
  if (needs->collection.has_value()) return absl::OkStatus();
  return coop_
      .OpenNeedsCollection(d_.Ctx(), c.id, year, Today() + Uniform(60, 200))
      .status();
}

absl::Status RandomHistory::SubmitNeed(Consortium& c) {
  const int year = static_cast<int>(Today().year()) + Uniform(0, 1);
  absl::StatusOr<domain::programme::NeedsState> needs = coop_.Needs(c.id, year);
  if (!needs.ok()) return needs.status();
  if (!needs->collection.has_value()) return absl::OkStatus();
  absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
  if (!cs.ok()) return absl::OkStatus();
  const std::string m = Pick(cs->MembersOn(Today()));
  if (m.empty()) return absl::OkStatus();
  return coop_
      .SubmitNeed(d_.Ctx(domain::testing::Sindaco(m)), c.id, year,
                  {absl::StrCat("need-", ++next_id_), m, "85311200-4",
                   v1::PROCUREMENT_KIND_SERVICES, "assistenza domiciliare",
                   Uniform(10, 1000), "hours", Uniform(1, 500) * 10'000,
                   Today()})
      .status();
}

absl::Status RandomHistory::WithdrawNeed(Consortium& c) {
  const int year = static_cast<int>(Today().year()) + Uniform(0, 1);
  absl::StatusOr<domain::programme::NeedsState> needs = coop_.Needs(c.id, year);
  if (!needs.ok()) return needs.status();
  std::vector<std::string> live;
  for (const auto& [id, n] : needs->needs) {
    if (needs->withdrawn.count(id) == 0) live.push_back(id);
  }
  const std::string id = Pick(live);
  if (id.empty()) return absl::OkStatus();
  const std::string& m = needs->needs.at(id).member_id();
  return coop_
      .WithdrawNeed(d_.Ctx(domain::testing::Sindaco(m)), c.id, year, id, m)
      .status();
}

absl::Status RandomHistory::RegisterReportingProject(Consortium& c) {
  absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
  if (!cs.ok()) return absl::OkStatus();
  const std::vector<std::string> members = cs->MembersOn(Today());
  if (members.empty()) return absl::OkStatus();
  domain::project::RegisterProject p;
  p.consortium_id = c.id;
  p.project_id = absl::StrCat("prj-", ++next_id_);
  p.title = absl::StrCat("Progetto ", next_id_);
  p.funding.set_kind(v1::FUNDING_SOURCE_KIND_REGIONAL);
  p.funding.set_name("Fondo regionale");
  p.funding.set_granted_cents(1'000'000);
  p.budget_cents = 2'000'000;
  p.starts_on = Today() - Uniform(0, 30);
  p.ends_on = p.starts_on + Uniform(90, 400);
  std::set<std::string> participants;
  for (int i = Uniform(1, 3); i > 0; --i) participants.insert(Pick(members));
  p.participant_ids.assign(participants.begin(), participants.end());
  p.cost_sharing =
      domain::testing::SharingRule(v1::COST_SHARING_METHOD_BY_SHARE);
  p.reporting.set_period_months(Uniform(1, 4));
  p.reporting.set_deadline_days(Uniform(10, 30));
  absl::Status s = coop_.RegisterProject(d_.Ctx(), p).status();
  if (s.ok()) projects_[c.id].push_back(p.project_id);
  return s;
}

absl::Status RandomHistory::SubmitReport(Consortium& c) {
  const std::string pid = Pick(projects_[c.id]);
  if (pid.empty()) return absl::OkStatus();
  absl::StatusOr<domain::project::ProjectState> p = coop_.Project(c.id, pid);
  if (!p.ok()) return p.status();
  std::vector<std::string> ready;
  for (const auto& [id, r] : p->reports) {
    if (!r.submission.has_value() &&
        domain::DayOf(r.schedule.period_to()) < Today()) {
      ready.push_back(id);
    }
  }
  const std::string rid = Pick(ready);
  if (rid.empty()) return absl::OkStatus();
  return coop_
      .SubmitReport(d_.Ctx(), c.id, pid, {rid, Today(), "", "Rendiconto"})
      .status();
}

absl::Status RandomHistory::ProposeAmendment(Consortium& c) {
  const std::string a = Pick(c.accords);
  if (a.empty()) return absl::OkStatus();
  return coop_
      .ProposeInstrument(d_.Ctx(), c.id, a,
                         {v1::INSTRUMENT_KIND_AMENDMENT,
                          absl::StrCat("Modifica ", ++next_id_), "",
                          std::nullopt, std::nullopt, Today()})
      .status();
}

absl::Status RandomHistory::SettleAmendment(Consortium& c) {
  const std::string a = Pick(c.accords);
  if (a.empty()) return absl::OkStatus();
  absl::StatusOr<domain::accord::AccordState> st = coop_.Accord(c.id, a);
  if (!st.ok()) return st.status();
  const domain::accord::Instrument* i = st->Pending();
  if (i == nullptr) return absl::OkStatus();
  std::vector<std::string> to_approve, to_sign;
  for (const auto& [id, party] : st->parties) {
    if (!party.is_public() || !party.ActiveOn(Today())) continue;
    if (i->approvals.count(id) == 0) {
      to_approve.push_back(id);
    } else if (i->signatures.count(id) == 0) {
      to_sign.push_back(id);
    }
  }
  if (!to_approve.empty() && (to_sign.empty() || Chance(50))) {
    const std::string party = Pick(to_approve);
    return coop_
        .RecordApproval(d_.Ctx(), c.id, a,
                        {i->number, party,
                         domain::testing::ExternalAct(
                             absl::StrCat("Consiglio comunale di ", party),
                             "21", Today() - Uniform(0, 5)),
                         Today()})
        .status();
  }
  const std::string party = Pick(to_sign);
  if (party.empty()) return absl::OkStatus();
  return coop_
      .Sign(d_.Ctx(domain::testing::Sindaco(party)), c.id, a,
            {i->number, party,
             domain::testing::QualifiedSignature(
                 domain::testing::Sindaco(party), d_.clock.Now())})
      .status();
}

absl::Status RandomHistory::EndAccordTerm(Consortium& c) {
  const std::string a = Pick(c.accords);
  if (a.empty()) return absl::OkStatus();
  absl::StatusOr<domain::accord::AccordState> st = coop_.Accord(c.id, a);
  if (!st.ok()) return st.status();
  if (!st->ends_on.has_value() || st->ended() || *st->ends_on >= Today()) {
    return absl::OkStatus();
  }
  return coop_.EndTerm(d_.Ctx(), c.id, a, *st->ends_on + 1).status();
}

}  // namespace concordia::readmodel::testing
