#include "engine/domain/governance/testing/district.h"

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/calendar/statutory_defaults.h"
#include "gtest/gtest.h"

namespace concordia::domain::testing {

std::vector<consortium::Founder> DistrictComuni() {
  const v1::MemberKind comune = v1::MEMBER_KIND_COMUNE;
  return {{"san-giuliano-milanese", "San Giuliano Milanese", comune, 347},
          {"san-donato-milanese", "San Donato Milanese", comune, 288},
          {"melegnano", "Melegnano", comune, 162},
          {"cerro-al-lambro", "Cerro al Lambro", comune, 46},
          {"san-zenone-al-lambro", "San Zenone al Lambro", comune, 39},
          {"carpiano", "Carpiano", comune, 37},
          {"vizzolo-predabissi", "Vizzolo Predabissi", comune, 36},
          {"dresano", "Dresano", comune, 27},
          {"colturano", "Colturano", comune, 18}};
}

namespace {

v1::Fraction F(int64_t n, int64_t d, bool strict) {
  v1::Fraction f;
  f.set_numerator(n);
  f.set_denominator(d);
  f.set_strict(strict);
  return f;
}

}  // namespace

v1::Statute DistrictStatute() {
  v1::Statute st;
  v1::BodyRules* a = st.add_bodies();
  a->set_body_kind(v1::BODY_KIND_ASSEMBLEA);
  a->set_weighted_votes(true);
  *a->mutable_first_call_quorum()->mutable_shares() = F(500, 1000, true);
  *a->mutable_first_call_quorum()->mutable_heads() = F(1, 2, true);
  *a->mutable_second_call_quorum()->mutable_shares() = F(1, 3, false);
  v1::MajorityRule* ordinary = a->add_majorities();
  ordinary->set_act_kind(v1::ACT_KIND_ORDINARY);
  ordinary->set_base(v1::MAJORITY_BASE_VOTANTI);
  *ordinary->mutable_shares() = F(1, 2, true);
  v1::MajorityRule* statute = a->add_majorities();
  statute->set_act_kind(v1::ACT_KIND_STATUTE_CHANGE);
  statute->set_base(v1::MAJORITY_BASE_ALL_MEMBERS);
  *statute->mutable_shares() = F(2, 3, false);
  *statute->mutable_heads() = F(1, 2, true);
  v1::BodyRules* t = st.add_bodies();
  t->set_body_kind(v1::BODY_KIND_TAVOLO_TECNICO);
  *t->mutable_first_call_quorum()->mutable_heads() = F(1, 2, true);
  *t->mutable_second_call_quorum()->mutable_heads() = F(1, 3, false);
  v1::MajorityRule* opinion = t->add_majorities();
  opinion->set_act_kind(v1::ACT_KIND_ORDINARY);
  opinion->set_base(v1::MAJORITY_BASE_VOTANTI);
  *opinion->mutable_heads() = F(1, 2, true);
  *st.mutable_ordinary_notice() =
      calendar::ToProto(calendar::defaults::OrdinaryNotice());
  *st.mutable_extraordinary_notice() =
      calendar::ToProto(calendar::defaults::ExtraordinaryNotice());
  *st.mutable_urgent_notice() =
      calendar::ToProto(calendar::defaults::UrgentNotice());
  st.set_publication_days(calendar::defaults::kAlboDays);
  st.set_executivity_days(calendar::defaults::kExecutivityDays);
  st.set_executivity_start(v1::EXECUTIVITY_START_PUBLICATION_START);
  *st.mutable_immediate_executability() = F(500, 1000, true);
  st.set_annulment_limit_months(calendar::defaults::kAnnulmentMonths);
  return st;
}

std::string Sindaco(const std::string& member_id) {
  return absl::StrCat("sindaco@", member_id);
}

absl::Time Rome(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0),
                         calendar::Rome());
}

District::District(std::string consortium_id, v1::Statute statute)
    : id(std::move(consortium_id)),
      statute(std::move(statute)),
      log(log::RocksEventLogOptions{}, Rome(2026, 2, 16, 9)),
      clock(log.clock),
      governance(*log.log) {
}

CommandContext District::Ctx(const std::string& principal) {
  CommandContext c;
  c.principal = principal;
  c.request_id = absl::StrCat("req-", ++next_request_);
  c.now = clock.Now();
  c.effective_time = c.now;
  return c;
}

void District::Register() {
  consortium::RegisterConsortium r;
  r.consortium_id = id;
  r.legal_form = v1::LEGAL_FORM_AZIENDA_SPECIALE_CONSORTILE;
  r.name = "Ambito Sud Est Milano";
  r.tax_code = "97000000000";
  r.seat_comune = "san-giuliano-milanese";
  r.constituted_on = absl::CivilDay(2024, 1, 1);
  r.statute = statute;
  r.founders = DistrictComuni();
  ASSERT_TRUE(governance.RegisterConsortium(Ctx("admin@concordia"), r).ok());
  ASSERT_TRUE(governance
                  .CreateBody(Ctx("admin@concordia"), id,
                              {"assemblea", v1::BODY_KIND_ASSEMBLEA,
                               "Assemblea dei Sindaci"})
                  .ok());
  ASSERT_TRUE(governance
                  .CreateBody(Ctx("admin@concordia"), id,
                              {"tavolo-tecnico", v1::BODY_KIND_TAVOLO_TECNICO,
                               "Tavolo Tecnico"})
                  .ok());
  for (const consortium::Founder& f : DistrictComuni()) {
    ASSERT_TRUE(governance
                    .Designate(Ctx("admin@concordia"), id,
                               {"assemblea", f.member_id, Sindaco(f.member_id),
                                true, absl::CivilDay(2024, 1, 1)})
                    .ok());
  }
}

void District::DraftReady(const std::string& proposal_id, v1::ActKind kind,
                          bool economic_benefit) {
  deliberation::DraftProposal p;
  p.consortium_id = id;
  p.proposal_id = proposal_id;
  p.body_id = "assemblea";
  p.act_kind = kind;
  p.title = absl::StrCat("Proposta ", proposal_id);
  p.grants_economic_benefit = economic_benefit;
  ASSERT_TRUE(governance.DraftProposal(Ctx("ufficio@sudestmilano"), p).ok());
  ASSERT_TRUE(governance
                  .GiveOpinion(Ctx("ufficio@sudestmilano"), id,
                               proposal_id,
                               {v1::OPINION_KIND_TECHNICAL, true,
                                "responsabile@sudestmilano", "favorevole"})
                  .ok());
}

absl::StatusOr<Outcome> District::ConveneAssemblea(
    const std::string& session_id, absl::CivilDay day,
    const std::vector<std::string>& proposals, v1::SessionKind kind) {
  session::Convene c;
  c.consortium_id = id;
  c.session_id = session_id;
  c.body_id = "assemblea";
  c.kind = kind;
  c.session_time = Rome(static_cast<int>(day.year()), day.month(), day.day(), 10);
  int n = 0;
  for (const std::string& p : proposals) {
    v1::AgendaItem item;
    item.set_number(++n);
    item.set_proposal_id(p);
    item.set_act_kind(v1::ACT_KIND_ORDINARY);
    item.set_title(p);
    c.items.push_back(item);
  }
  return governance.Convene(Ctx(), c);
}

absl::Status District::Vote(
    const std::string& session_id, int item,
    const std::vector<std::pair<std::string, v1::VoteChoice>>& votes,
    v1::Ballot ballot) {
  for (const auto& [member, choice] : votes) {
    session::CastVote v;
    v.item = item;
    v.ballot = ballot;
    v.member_id = member;
    v.cast_by = Sindaco(member);
    v.choice = choice;
    absl::Status s =
        governance.CastVote(Ctx(Sindaco(member)), id, session_id, v)
            .status();
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace concordia::domain::testing
