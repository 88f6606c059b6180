#include "tests/year/district_year.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "engine/workflow/kinds.h"
#include "engine/workflow/workflows.h"
#include "gtest/gtest.h"
#include "tests/workflow/statutes.h"

namespace concordia::testing {
namespace {

using absl::CivilDay;
using domain::testing::Cooperative;
using domain::testing::Rome;
namespace reasons = domain::reasons;
namespace wf = workflow;

const std::vector<std::string>& Five() {
  static const std::vector<std::string>* const five =
      new std::vector<std::string>{"san-giuliano-milanese",
                                   "san-donato-milanese", "melegnano",
                                   "cerro-al-lambro", "dresano"};
  return *five;
}

std::vector<std::pair<std::string, v1::VoteChoice>> InFavour(
    const std::vector<std::string>& members) {
  std::vector<std::pair<std::string, v1::VoteChoice>> out;
  for (const std::string& m : members) {
    out.push_back({m, v1::VOTE_CHOICE_IN_FAVOUR});
  }
  return out;
}

v1::DeliberationRef Ref(const std::string& proposal) {
  v1::DeliberationRef r;
  r.set_proposal_id(proposal);
  return r;
}

v1::ActRef ActRefOf(const std::string& kind, const std::string& id) {
  v1::ActRef r;
  r.set_act_kind(kind);
  r.set_act_id(id);
  return r;
}

// The approving act of each party of the Piano di Zona's accord: executive
// on 10 May 2026, Melegnano's only on 20 May.
v1::ApprovingAct ApprovalOf(const v1::AccordParty& p) {
  const CivilDay executive = p.party_id() == "melegnano"
                                 ? CivilDay(2026, 5, 20)
                                 : CivilDay(2026, 5, 10);
  return domain::testing::ExternalAct(
      p.kind() == v1::MEMBER_KIND_COMUNE
          ? absl::StrCat("Consiglio comunale di ", p.name())
          : absl::StrCat("Decreto del Direttore Generale di ", p.name()),
      "14", executive);
}

std::string SignerOf(const v1::AccordParty& p) {
  return p.kind() == v1::MEMBER_KIND_COMUNE
             ? domain::testing::Sindaco(p.party_id())
             : absl::StrCat("direttore-generale@", p.party_id());
}

}  // namespace

Year::Year() : c(domain::testing::kDistrict) { DefineFacts(); }

void Year::Run() {
  for (CivilDay day = kFirstDay; day <= kLastDay; ++day) {
    if (day > kFirstDay) c.AdvanceTo(day);
    OnDay(day);
    for (const Fact& f : facts_) {
      const bool expected =
          f.from <= day && (!f.until.has_value() || day < *f.until);
      ++observations_;
      if (f.holds(day) != expected) misses_.push_back({f.name, day, expected});
    }
  }
}

void Year::OnDay(CivilDay day) {
  domain::Governance& g = c.district.governance;
  domain::Cooperation& coop = c.cooperation;
  wf::Workflows& workflows = g.workflows();
  const std::string& id = c.id;
  const wf::Caller secretary = Secretary("assemblea");
  const wf::Caller office = UfficioDiPiano();
  auto at = [&](int hour) { c.AdvanceTo(day, hour); };
  auto draft = [&](const std::string& proposal, const std::string& title,
                   v1::ActKind kind, bool financial,
                   std::vector<std::string> flags) {
    domain::deliberation::DraftProposal p;
    p.consortium_id = id;
    p.proposal_id = proposal;
    p.body_id = "assemblea";
    p.act_kind = kind;
    p.title = title;
    p.financial_effects = financial;
    p.workflow_flags = std::move(flags);
    auto drafted = g.DraftProposal(c.Ctx(kUfficio), p);
    ASSERT_TRUE(drafted.ok()) << proposal << ": " << drafted.status();
    ASSERT_TRUE(g.GiveOpinion(c.Ctx(kUfficio), id, proposal,
                              {v1::OPINION_KIND_TECHNICAL, true,
                               "responsabile@sudestmilano", "favorevole"})
                    .ok());
    if (financial) {
      ASSERT_TRUE(g.GiveOpinion(c.Ctx(kUfficio), id, proposal,
                                {v1::OPINION_KIND_ACCOUNTING, true,
                                 "ragioniere@sudestmilano", "favorevole"})
                      .ok());
    }
  };
  auto convocation =
      [&](const std::string& session, CivilDay on,
          std::vector<std::pair<std::string, v1::ActKind>> items) {
        domain::session::Convene cv;
        cv.consortium_id = id;
        cv.session_id = session;
        cv.body_id = "assemblea";
        cv.kind = v1::SESSION_KIND_ORDINARY;
        cv.session_time =
            Rome(static_cast<int>(on.year()), on.month(), on.day(), 10);
        int n = 0;
        for (const auto& [proposal, kind] : items) {
          v1::AgendaItem item;
          item.set_number(++n);
          item.set_proposal_id(proposal);
          item.set_act_kind(kind);
          item.set_title(proposal);
          cv.items.push_back(item);
        }
        return cv;
      };
  auto convene = [&](const std::string& session, CivilDay on,
                     std::vector<std::pair<std::string, v1::ActKind>> items) {
    auto r = g.Convene(c.Ctx(secretary.principal),
                       convocation(session, on, std::move(items)), &secretary);
    ASSERT_TRUE(r.ok()) << session << ": " << r.status();
  };
  auto attend = [&](const std::string& session,
                    const std::vector<std::string>& present) {
    ASSERT_TRUE(
        g.RecordAttendance(c.Ctx(secretary.principal), id, session, present, {})
            .ok());
  };
  auto decide =
      [&](const std::string& session, int item,
          const std::vector<std::pair<std::string, v1::VoteChoice>>& votes,
          bool immediately, int expected_number) {
        ASSERT_TRUE(c.district.Vote(session, item, votes).ok());
        if (immediately) {
          ASSERT_TRUE(c.district
                          .Vote(session, item, votes,
                                v1::BALLOT_IMMEDIATE_EXECUTABILITY)
                          .ok());
        }
        int number = 0;
        auto p = g.Proclaim(c.Ctx(secretary.principal), id, session, item, "",
                            &number);
        ASSERT_TRUE(p.ok()) << session << ": " << p.status();
        EXPECT_EQ(number, expected_number) << session << " item " << item;
      };
  auto publish = [&](const std::string& proposal) {
    auto r = g.Publish(c.Ctx(secretary.principal), id, proposal, day);
    ASSERT_TRUE(r.ok()) << proposal << ": " << r.status();
  };
  auto request_opinion = [&](const std::string& kind, const std::string& act,
                             const std::string& body,
                             const v1::ActRef& subject) {
    wf::StartAct s;
    s.act_kind = kind;
    s.act_id = act;
    s.title = absl::StrCat("Parere su ", subject.act_id());
    s.body_id = body;
    s.subject = subject;
    auto r = workflows.Start(c.Ctx(office.principal), office, id, s);
    ASSERT_TRUE(r.ok()) << act << ": " << r.status();
  };
  auto give = [&](const std::string& kind, const std::string& act,
                  const std::string& body, const std::string& note) {
    const wf::Caller by = Secretary(body);
    wf::PerformAction a = wf::ActionOf("give");
    a.favourable = true;
    a.note = note;
    auto r = workflows.Perform(c.Ctx(by.principal), by, id, kind, act, a);
    ASSERT_TRUE(r.ok()) << act << ": " << r.status();
  };
  auto access_request = [&](const std::string& act, const std::string& member) {
    const wf::Caller by = Delegate(member);
    wf::StartAct s;
    s.act_kind = kAccessRequest;
    s.act_id = act;
    s.title = "Accesso ai verbali dell'Assemblea 2025";
    s.member_id = member;
    auto r = workflows.Start(c.Ctx(by.principal), by, id, s);
    ASSERT_TRUE(r.ok()) << act << ": " << r.status();
  };
  auto submit = [&](const std::string& report, const std::string& summary) {
    auto r = coop.SubmitReport(c.Ctx(office.principal), id, kProject,
                               {report, day, "", summary}, &office);
    ASSERT_TRUE(r.ok()) << report << ": " << r.status();
  };

  if (day == CivilDay(2026, 2, 16)) {
    // The statute change and the budget, convened with 14 days' notice.
    draft("p-statuto", "Modifica dello statuto: procedimenti e pareri",
          v1::ACT_KIND_STATUTE_CHANGE, false, {});
    draft("p-bilancio", "Bilancio di previsione 2026-2028",
          v1::ACT_KIND_ORDINARY, true, {});
    convene("2026-03-02", CivilDay(2026, 3, 2),
            {{"p-statuto", v1::ACT_KIND_STATUTE_CHANGE},
             {"p-bilancio", v1::ACT_KIND_ORDINARY}});
    // The constitutive convenzione of the nine comuni.
    domain::accord::DraftAccord d;
    d.consortium_id = id;
    d.accord_id = kConvenzione;
    d.kind = v1::ACCORD_KIND_CONVENZIONE;
    d.title = "Convenzione costitutiva dell'Ambito Sud Est Milano";
    d.object = "gestione associata dei servizi sociali";
    for (const auto& f : domain::testing::DistrictComuni()) {
      v1::AccordParty p;
      p.set_party_id(f.member_id);
      p.set_name(f.name);
      p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
      p.set_kind(v1::MEMBER_KIND_COMUNE);
      d.parties.push_back(p);
    }
    *d.term.mutable_ends_on() = domain::ToDate(CivilDay(2033, 12, 31));
    d.constitutive = true;
    ASSERT_TRUE(coop.DraftAccord(c.Ctx(kUfficio), d).ok());
    for (const auto& f : domain::testing::DistrictComuni()) {
      const wf::Caller party = Delegate(f.member_id);
      ASSERT_TRUE(coop.RecordApproval(
                          c.Ctx(party.principal), id, kConvenzione,
                          {0, f.member_id,
                           domain::testing::ExternalAct(
                               absl::StrCat("Consiglio comunale di ", f.name),
                               "3", CivilDay(2026, 2, 10)),
                           day},
                          &party)
                      .ok());
    }
  } else if (day == CivilDay(2026, 2, 20)) {
    at(11);
    for (const auto& f : domain::testing::DistrictComuni()) {
      ASSERT_TRUE(coop.Sign(c.Ctx(domain::testing::Sindaco(f.member_id)), id,
                            kConvenzione,
                            {0, f.member_id,
                             domain::testing::QualifiedSignature(
                                 domain::testing::Sindaco(f.member_id),
                                 Rome(2026, 2, 20, 11))})
                      .ok());
    }
  } else if (day == CivilDay(2026, 2, 26)) {
    // Four days before a session on 2 March: not the five days' notice.
    at(9);
    draft("p-urgente", "Variazione di bilancio", v1::ACT_KIND_ORDINARY, true,
          {});
    const uint64_t before = c.Last();
    auto late = g.Convene(c.Ctx(secretary.principal),
                          convocation("2026-03-02-bis", CivilDay(2026, 3, 2),
                                      {{"p-urgente", v1::ACT_KIND_ORDINARY}}),
                          &secretary);
    EXPECT_EQ(ErrorReason(late.status()), reasons::kNoticePeriodNotRespected);
    EXPECT_EQ(c.Last(), before);
  } else if (day == CivilDay(2026, 3, 2)) {
    at(10);
    std::vector<std::string> all;
    for (const auto& f : domain::testing::DistrictComuni()) {
      all.push_back(f.member_id);
    }
    attend("2026-03-02", all);
    decide("2026-03-02", 1, InFavour(all), false, 1);
    // S1's votes on the budget: 496 of 523 votanti.
    decide("2026-03-02", 2,
           {{"san-donato-milanese", v1::VOTE_CHOICE_IN_FAVOUR},
            {"melegnano", v1::VOTE_CHOICE_IN_FAVOUR},
            {"cerro-al-lambro", v1::VOTE_CHOICE_IN_FAVOUR},
            {"dresano", v1::VOTE_CHOICE_AGAINST},
            {"colturano", v1::VOTE_CHOICE_ABSTAIN}},
           false, 2);
  } else if (day == CivilDay(2026, 3, 4)) {
    at(9);
    publish("p-statuto");
    publish("p-bilancio");
  } else if (day == CivilDay(2026, 3, 16)) {
    at(9);
    auto adopted = g.AdoptStatute(
        c.Ctx(secretary.principal), id,
        {StatuteWithWorkflows(), CivilDay(2026, 4, 1), Ref("p-statuto")});
    ASSERT_TRUE(adopted.ok()) << adopted.status();
    domain::project::RegisterProject p;
    p.consortium_id = id;
    p.project_id = kProject;
    p.title = "PNRR M5C2 1.2 Percorsi di autonomia per persone con disabilita'";
    p.funding.set_kind(v1::FUNDING_SOURCE_KIND_MINISTERIAL);
    p.funding.set_name("PNRR M5C2 1.2");
    p.funding.set_granted_cents(71'500'000);
    p.budget_cents = 71'500'000;
    p.starts_on = CivilDay(2026, 1, 1);
    p.ends_on = CivilDay(2026, 12, 31);
    p.participant_ids = domain::testing::ComuneIds();
    p.cost_sharing =
        domain::testing::SharingRule(v1::COST_SHARING_METHOD_BY_SHARE);
    p.reporting.set_period_months(3);
    p.reporting.set_deadline_days(30);
    ASSERT_TRUE(coop.RegisterProject(c.Ctx(kUfficio), p).ok());
  } else if (day == CivilDay(2026, 4, 1)) {
    at(9);
    // The Piano di Zona: social planning needs both tables' opinions.
    draft("p-pdz", "Approvazione del Piano di Zona 2026-2028",
          v1::ACT_KIND_ORDINARY, false, {kSocialPlanning});
    const uint64_t before = c.Last();
    auto early = g.Convene(c.Ctx(secretary.principal),
                           convocation("2026-04-20", CivilDay(2026, 4, 20),
                                       {{"p-pdz", v1::ACT_KIND_ORDINARY}}),
                           &secretary);
    EXPECT_EQ(ErrorReason(early.status()), reasons::kMissingOpinion);
    EXPECT_EQ(c.Last(), before);
    request_opinion(wf::kTavoloOpinion, "pdz-tt", "tavolo-tecnico",
                    ActRefOf(wf::kDeliberation, "p-pdz"));
    request_opinion(kAderentiOpinion, "pdz-ta", "tavolo-aderenti",
                    ActRefOf(wf::kDeliberation, "p-pdz"));
    ASSERT_TRUE(
        coop.DraftProgramme(c.Ctx(kUfficio),
                            {id, kProgramme, v1::PROGRAMME_KIND_PIANO_DI_ZONA,
                             "Piano di Zona 2026-2028", 2026, 0, ""})
            .ok());
    request_opinion(wf::kTavoloOpinion, "pdz-programma-tt", "tavolo-tecnico",
                    ActRefOf(wf::kProgrammeApproval, kProgramme));
    access_request("carpiano-2026-1", "carpiano");
  } else if (day == CivilDay(2026, 4, 8)) {
    at(15);
    give(wf::kTavoloOpinion, "pdz-tt", "tavolo-tecnico",
         "Parere favorevole del Tavolo Tecnico del 7 aprile 2026");
  } else if (day == CivilDay(2026, 4, 10)) {
    at(12);
    give(kAderentiOpinion, "pdz-ta", "tavolo-aderenti",
         "Parere del Tavolo degli Aderenti");
  } else if (day == CivilDay(2026, 4, 13)) {
    at(9);
    convene("2026-04-20", CivilDay(2026, 4, 20),
            {{"p-pdz", v1::ACT_KIND_ORDINARY}});
  } else if (day == CivilDay(2026, 4, 20)) {
    at(10);
    attend("2026-04-20", Five());
    decide("2026-04-20", 1, InFavour(Five()), false, 3);
    at(11);
    submit("periodic-1", "Rendiconto del primo trimestre 2026");
  } else if (day == CivilDay(2026, 4, 21)) {
    at(9);
    publish("p-pdz");
  } else if (day == CivilDay(2026, 5, 4)) {
    at(9);
    auto adopted = coop.AdoptProgramme(
        c.Ctx(office.principal), id, kProgramme,
        {domain::testing::InternalAct("p-pdz"), day}, &office);
    ASSERT_TRUE(adopted.ok()) << adopted.status();
    domain::accord::DraftAccord d;
    d.consortium_id = id;
    d.accord_id = kAccord;
    d.kind = v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA;
    d.title = "Accordo di programma per l'attuazione del Piano di Zona";
    d.object = "Attuazione del Piano di Zona dell'Ambito Sud Est Milano";
    d.parties = domain::testing::S3Parties();
    *d.term.mutable_ends_on() = domain::ToDate(CivilDay(2028, 12, 31));
    d.programme_id = kProgramme;
    ASSERT_TRUE(coop.DraftAccord(c.Ctx(kUfficio), d).ok());
  } else if (day == CivilDay(2026, 5, 11)) {
    at(9);
    for (const v1::AccordParty& p : domain::testing::S3Parties()) {
      ASSERT_TRUE(coop.RecordApproval(c.Ctx(office.principal), id, kAccord,
                                      {0, p.party_id(), ApprovalOf(p), day},
                                      &office)
                      .ok())
          << p.party_id();
    }
  } else if (day == CivilDay(2026, 5, 15) || day == CivilDay(2026, 5, 21)) {
    // Ten parties sign on 15 May; Melegnano, whose council's deliberation
    // is executive only on 20 May, cannot until then and signs on the 21st.
    at(11);
    const bool last = day == CivilDay(2026, 5, 21);
    for (const v1::AccordParty& p : domain::testing::S3Parties()) {
      const bool melegnano = p.party_id() == "melegnano";
      if (last && !melegnano) continue;
      const uint64_t before = c.Last();
      auto signed_ =
          coop.Sign(c.Ctx(SignerOf(p)), id, kAccord,
                    {0, p.party_id(),
                     domain::testing::QualifiedSignature(
                         SignerOf(p), Rome(static_cast<int>(day.year()),
                                           day.month(), day.day(), 11))});
      if (melegnano && !last) {
        EXPECT_EQ(ErrorReason(signed_.status()),
                  reasons::kDeliberationNotExecutive);
        EXPECT_EQ(c.Last(), before);
      } else {
        ASSERT_TRUE(signed_.ok()) << p.party_id() << ": " << signed_.status();
      }
    }
  } else if (day == CivilDay(2026, 5, 25)) {
    at(9);
    ASSERT_TRUE(
        coop.RecordApprovalAct(
                c.Ctx(kUfficio), id, kAccord,
                {0,
                 domain::testing::ExternalAct(
                     "Decreto del Sindaco di San Giuliano Milanese, comune "
                     "capofila",
                     "7", day),
                 day})
            .ok());
  } else if (day == CivilDay(2026, 6, 1)) {
    at(9);
    draft("p-presa-atto", "Presa d'atto del recesso del Comune di Colturano",
          v1::ACT_KIND_ORDINARY, false, {});
    convene("2026-06-15", CivilDay(2026, 6, 15),
            {{"p-presa-atto", v1::ACT_KIND_ORDINARY}});
  } else if (day == CivilDay(2026, 6, 3)) {
    at(9);
    ASSERT_TRUE(coop.RecordPublication(
                        c.Ctx(kUfficio), id, kAccord,
                        {0, "BURL", "Serie Avvisi e Concorsi n. 23", day})
                    .ok());
  } else if (day == CivilDay(2026, 6, 15)) {
    at(10);
    attend("2026-06-15", Five());
    // 882 per mille in favour of immediate executability (more than 500).
    decide("2026-06-15", 1, InFavour(Five()), true, 4);
  } else if (day == CivilDay(2026, 6, 16)) {
    at(9);
    publish("p-presa-atto");
  } else if (day == CivilDay(2026, 6, 22)) {
    at(9);
    auto notified = coop.NotifyWithdrawal(
        c.Ctx(Delegate("colturano").principal), id, kConvenzione,
        {"colturano", day,
         domain::testing::ExternalAct("Consiglio comunale di Colturano", "21",
                                      CivilDay(2026, 6, 18)),
         domain::testing::InternalAct("p-presa-atto")});
    ASSERT_TRUE(notified.ok()) << notified.status();
  } else if (day == CivilDay(2026, 9, 1)) {
    at(9);
    access_request("dresano-2026-1", "dresano");
  } else if (day == CivilDay(2026, 9, 10)) {
    at(10);
    ASSERT_TRUE(workflows
                    .Perform(c.Ctx(office.principal), office, id,
                             kAccessRequest, "dresano-2026-1",
                             wf::ActionOf("grant"))
                    .ok());
  } else if (day == CivilDay(2026, 10, 9)) {
    at(9);
    submit("periodic-3", "Rendiconto del terzo trimestre 2026");
  } else if (day == CivilDay(2026, 11, 16)) {
    at(9);
    draft("p-dic", "Regolamento del servizio di assistenza domiciliare",
          v1::ACT_KIND_ORDINARY, false, {});
    request_opinion(kAderentiOpinion, "dic-ta", "tavolo-aderenti",
                    ActRefOf(wf::kDeliberation, "p-dic"));
  } else if (day == CivilDay(2026, 12, 1)) {
    at(9);
    convene("2026-12-14", CivilDay(2026, 12, 14),
            {{"p-dic", v1::ACT_KIND_ORDINARY}});
  } else if (day == CivilDay(2026, 12, 14)) {
    // Colturano still sits and votes.
    at(10);
    std::vector<std::string> present = Five();
    present.push_back("colturano");
    attend("2026-12-14", present);
    decide("2026-12-14", 1, InFavour(present), false, 5);
  } else if (day == CivilDay(2027, 1, 4)) {
    at(9);
    draft("p-gen", "Programmazione 2027", v1::ACT_KIND_ORDINARY, false, {});
    convene("2027-01-18", CivilDay(2027, 1, 18),
            {{"p-gen", v1::ACT_KIND_ORDINARY}});
  } else if (day == CivilDay(2027, 1, 18)) {
    at(10);
    // Colturano is no longer a member; nothing is appended.
    const uint64_t before = c.Last();
    std::vector<std::string> with = Five();
    with.push_back("colturano");
    EXPECT_EQ(ErrorReason(g.RecordAttendance(c.Ctx(secretary.principal), id,
                                             "2027-01-18", with, {})
                              .status()),
              reasons::kNotAMemberOfBody);
    EXPECT_EQ(c.Last(), before);
    attend("2027-01-18", Five());
    decide("2027-01-18", 1, InFavour(Five()), false, 1);
  } else if (day == CivilDay(2027, 1, 20)) {
    at(9);
    submit("periodic-4", "Rendiconto del quarto trimestre 2026");
  }
}

}  // namespace concordia::testing
