// RandomHistory: domain II commands through the real Cooperation handlers —
// convenzioni among a few members drafted, approved by external acts and
// signed (the last signature concludes them and brings them into force).
#include "absl/strings/str_cat.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/testing/random_history.h"

namespace concordia::readmodel::testing {

using domain::consortium::ConsortiumState;

absl::Status RandomHistory::DraftAccord(Consortium& c) {
  absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
  if (!cs.ok()) return absl::OkStatus();
  std::vector<std::string> members = cs->MembersOn(Today());
  if (members.size() < 2) return absl::OkStatus();
  domain::accord::DraftAccord d;
  d.consortium_id = c.id;
  d.accord_id = absl::StrCat("acc-", ++next_id_);
  d.kind = v1::ACCORD_KIND_CONVENZIONE;
  d.title = absl::StrCat("Convenzione ", next_id_);
  d.object = "Gestione associata di un servizio";
  const int n = Uniform(2, 3);
  for (int i = 0; i < n; ++i) {
    const std::string m = Pick(members);
    bool dup = false;
    for (const v1::AccordParty& p : d.parties) dup = dup || p.party_id() == m;
    if (dup) continue;
    v1::AccordParty p;
    p.set_party_id(m);
    p.set_name(m);
    p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
    p.set_kind(cs->members.at(m).kind);
    d.parties.push_back(p);
  }
  *d.term.mutable_ends_on() = domain::ToDate(Today() + Uniform(300, 1200));
  absl::Status s = coop_.DraftAccord(d_.Ctx(), d).status();
  if (s.ok()) c.accords.push_back(d.accord_id);
  return s;
}

absl::Status RandomHistory::ApproveAccord(Consortium& c) {
  const std::string a = Pick(c.accords);
  if (a.empty()) return absl::OkStatus();
  absl::StatusOr<domain::accord::AccordState> st = coop_.Accord(c.id, a);
  if (!st.ok()) return st.status();
  std::vector<std::string> pending;
  for (const auto& [id, p] : st->parties) {
    if (st->instruments.at(0).approvals.count(id) == 0) pending.push_back(id);
  }
  const std::string party = Pick(pending);
  if (party.empty()) return absl::OkStatus();
  return coop_
      .RecordApproval(d_.Ctx(), c.id, a,
                      {0, party,
                       domain::testing::ExternalAct(
                           absl::StrCat("Consiglio comunale di ", party), "12",
                           Today() - Uniform(0, 10)),
                       Today()})
      .status();
}

absl::Status RandomHistory::SignAccord(Consortium& c) {
  const std::string a = Pick(c.accords);
  if (a.empty()) return absl::OkStatus();
  absl::StatusOr<domain::accord::AccordState> st = coop_.Accord(c.id, a);
  if (!st.ok()) return st.status();
  std::vector<std::string> ready;
  const domain::accord::Instrument& i = st->instruments.at(0);
  for (const auto& [id, p] : st->parties) {
    if (i.approvals.count(id) > 0 && i.signatures.count(id) == 0) {
      ready.push_back(id);
    }
  }
  const std::string party = Pick(ready);
  if (party.empty()) return absl::OkStatus();
  return coop_
      .Sign(d_.Ctx(domain::testing::Sindaco(party)), c.id, a,
            {0, party,
             domain::testing::QualifiedSignature(
                 domain::testing::Sindaco(party), d_.clock.Now())})
      .status();
}

}  // namespace concordia::readmodel::testing
