// The synthetic history's consortia: registration, statutes, shares and the
// occasional changes (synthetic_simulation.h).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "concordia/v1/consortium_events.pb.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/calendar/statutory_defaults.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "tests/bench/synthetic_simulation.h"

namespace concordia::bench::synthetic {

v1::Statute MakeStatute(int publication_days) {
  v1::Statute st;
  v1::BodyRules* a = st.add_bodies();
  a->set_body_kind(v1::BODY_KIND_ASSEMBLEA);
  a->set_weighted_votes(true);
  *a->mutable_first_call_quorum()->mutable_shares() = F(500, 1000, true);
  *a->mutable_first_call_quorum()->mutable_heads() = F(1, 2, true);
  *a->mutable_second_call_quorum()->mutable_shares() = F(1, 3, false);
  v1::MajorityRule* m = a->add_majorities();
  m->set_act_kind(v1::ACT_KIND_ORDINARY);
  m->set_base(v1::MAJORITY_BASE_VOTANTI);
  *m->mutable_shares() = F(1, 2, true);
  v1::BodyRules* t = st.add_bodies();
  t->set_body_kind(v1::BODY_KIND_TAVOLO_TECNICO);
  *t->mutable_first_call_quorum()->mutable_heads() = F(1, 2, true);
  *st.mutable_ordinary_notice() =
      calendar::ToProto(calendar::defaults::OrdinaryNotice());
  *st.mutable_extraordinary_notice() =
      calendar::ToProto(calendar::defaults::ExtraordinaryNotice());
  *st.mutable_urgent_notice() =
      calendar::ToProto(calendar::defaults::UrgentNotice());
  st.set_publication_days(publication_days);
  st.set_executivity_days(calendar::defaults::kExecutivityDays);
  st.set_executivity_start(v1::EXECUTIVITY_START_PUBLICATION_START);
  *st.mutable_immediate_executability() = F(500, 1000, true);
  st.set_annulment_limit_months(calendar::defaults::kAnnulmentMonths);
  return st;
}

std::map<std::string, int32_t> SharesByPopulation(
    const std::vector<std::string>& members, const std::vector<int64_t>& pop) {
  int64_t total = 0;
  for (int64_t p : pop) total += p;
  std::map<std::string, int32_t> out;
  std::vector<std::pair<int64_t, size_t>> remainders;
  int32_t assigned = 0;
  for (size_t i = 0; i < members.size(); ++i) {
    const int64_t exact = pop[i] * 1000;
    out[members[i]] = static_cast<int32_t>(exact / total);
    assigned += out[members[i]];
    remainders.emplace_back(exact % total, i);
  }
  std::sort(remainders.rbegin(), remainders.rend());
  for (size_t k = 0; assigned < 1000; ++k, ++assigned) {
    ++out[members[remainders[k % remainders.size()].second]];
  }
  return out;
}

absl::Status Simulation::Register(Consortium& c, int index) {
  c.id = absl::StrFormat("ambito-%03d", index);
  const int n = Uniform(5, 40);
  std::vector<int64_t> population;
  for (int i = 1; i <= n; ++i) {
    c.members.push_back(absl::StrFormat("comune-%02d", i));
    // A few large towns and many small ones.
    population.push_back(Chance(15) ? Uniform(20000, 120000)
                                    : Uniform(800, 15000));
  }
  c.shares = SharesByPopulation(c.members, population);
  const absl::CivilDay founded(2015, 1, 1);
  v1::ConsortiumRegistered reg;
  reg.set_consortium_id(c.id);
  reg.set_legal_form(v1::LEGAL_FORM_AZIENDA_SPECIALE_CONSORTILE);
  reg.set_name(absl::StrCat("Ambito territoriale ", index));
  reg.set_tax_code(absl::StrFormat("97%09d", index));
  reg.set_seat_comune(c.members[0]);
  *reg.mutable_constituted_on() = domain::ToDate(founded);
  v1::StatuteAdopted statute;
  statute.set_consortium_id(c.id);
  statute.set_version(1);
  *statute.mutable_effective_from() = domain::ToDate(founded);
  *statute.mutable_statute() = MakeStatute(15);
  std::vector<std::unique_ptr<Message>> owned;
  std::vector<const Message*> events = {&reg, &statute};
  for (const std::string& m : c.members) {
    auto e = std::make_unique<v1::MemberAdmitted>();
    e->set_consortium_id(c.id);
    e->set_member_id(m);
    e->set_name(absl::StrCat("Comune ", m));
    e->set_kind(v1::MEMBER_KIND_COMUNE);
    *e->mutable_effective_from() = domain::ToDate(founded);
    events.push_back(e.get());
    owned.push_back(std::move(e));
  }
  v1::SharesChanged shares;
  shares.set_consortium_id(c.id);
  *shares.mutable_effective_from() = domain::ToDate(founded);
  for (const auto& [m, p] : c.shares) {
    v1::MemberShare* s = shares.add_shares();
    s->set_member_id(m);
    s->set_permille(p);
  }
  events.push_back(&shares);
  for (const auto& [body, kind] :
       {std::make_pair("assemblea", v1::BODY_KIND_ASSEMBLEA),
        std::make_pair("tavolo-tecnico", v1::BODY_KIND_TAVOLO_TECNICO)}) {
    auto b = std::make_unique<v1::BodyCreated>();
    b->set_consortium_id(c.id);
    b->set_body_id(body);
    b->set_kind(kind);
    b->set_name(body);
    events.push_back(b.get());
    owned.push_back(std::move(b));
  }
  for (const std::string& m : c.members) {
    auto d = std::make_unique<v1::BodyMemberDesignated>();
    d->set_consortium_id(c.id);
    d->set_body_id("assemblea");
    d->set_member_id(m);
    d->set_person(absl::StrCat("sindaco@", m));
    d->set_voting(true);
    *d->mutable_effective_from() = domain::ToDate(founded);
    c.representative[m] = d->person();
    events.push_back(d.get());
    owned.push_back(std::move(d));
  }
  uint64_t position = 0;
  CONCORDIA_RETURN_IF_ERROR(Append(absl::StrCat(c.id, "/consortium"), events,
                                   "admin@concordia", clock_.Now(), &position));
  if (summary_.consortium_id.empty()) {
    summary_.consortium_id = c.id;
    summary_.consortium_position = position;
  }
  return absl::OkStatus();
}

absl::Status Simulation::Occasional(Consortium& c) {
  const std::string stream = absl::StrCat(c.id, "/consortium");
  if (c.executive.empty()) return absl::OkStatus();
  v1::DeliberationRef by;
  by.set_proposal_id(c.executive.back().id);
  const int what = Uniform(0, 9);
  if (what < 5) {
    // Shares follow the new population figures from next month.
    const std::string from = c.members[rng_() % c.members.size()];
    const std::string to = c.members[rng_() % c.members.size()];
    const int moved = std::min(c.shares[from], Uniform(1, 8));
    c.shares[from] -= moved;
    c.shares[to] += moved;
    v1::SharesChanged e;
    e.set_consortium_id(c.id);
    *e.mutable_effective_from() = domain::ToDate(Today() + 20);
    for (const auto& [m, p] : c.shares) {
      v1::MemberShare* s = e.add_shares();
      s->set_member_id(m);
      s->set_permille(p);
    }
    *e.mutable_changed_by() = by;
    return Append(stream, {&e}, "segretario@" + c.id, clock_.Now());
  }
  if (what < 7) {
    v1::StatuteAdopted e;
    e.set_consortium_id(c.id);
    e.set_version(++c.statute_versions);
    *e.mutable_effective_from() = domain::ToDate(Today() + 30);
    *e.mutable_statute() = MakeStatute(Uniform(15, 20));
    *e.mutable_adopted_by() = by;
    return Append(stream, {&e}, "segretario@" + c.id, clock_.Now());
  }
  // A new representative after local elections.
  const std::string m = c.members[rng_() % c.members.size()];
  v1::BodyMemberRevoked revoked;
  revoked.set_consortium_id(c.id);
  revoked.set_body_id("assemblea");
  revoked.set_member_id(m);
  revoked.set_person(c.representative[m]);
  *revoked.mutable_effective_from() = domain::ToDate(Today() + 1);
  v1::BodyMemberDesignated designated;
  designated.set_consortium_id(c.id);
  designated.set_body_id("assemblea");
  designated.set_member_id(m);
  designated.set_person(absl::StrCat("sindaco", ++next_id_, "@", m));
  designated.set_voting(true);
  *designated.mutable_effective_from() = domain::ToDate(Today() + 1);
  c.representative[m] = designated.person();
  return Append(stream, {&revoked, &designated}, "segretario@" + c.id,
                clock_.Now());
}

}  // namespace concordia::bench::synthetic
