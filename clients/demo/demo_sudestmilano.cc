// The social district of scenarios.md: Ambito Sud Est Milano.
#include "absl/strings/str_cat.h"
#include "clients/demo/builders.h"
#include "clients/demo/demo.h"

namespace concordia::demo {
namespace {

constexpr char kId[] = "sudestmilano";
constexpr char kSecretary[] = "segretario@sudestmilano";
constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";
constexpr char kAccord[] = "adp-pdz-2025-2027";
constexpr char kSession[] = "assemblea-demo-1";
constexpr char kRendiconto[] = "p-demo-rendiconto";
constexpr char kPianoUpdate[] = "p-demo-pdz-aggiornamento";
constexpr char kProgramme[] = "pdz-2025-2027";

std::vector<Member> Comuni() {
  const v1::MemberKind c = v1::MEMBER_KIND_COMUNE;
  return {{"san-giuliano-milanese", "San Giuliano Milanese", c, 347},
          {"san-donato-milanese", "San Donato Milanese", c, 288},
          {"melegnano", "Melegnano", c, 162},
          {"cerro-al-lambro", "Cerro al Lambro", c, 46},
          {"san-zenone-al-lambro", "San Zenone al Lambro", c, 39},
          {"carpiano", "Carpiano", c, 37},
          {"vizzolo-predabissi", "Vizzolo Predabissi", c, 36},
          {"dresano", "Dresano", c, 27},
          {"colturano", "Colturano", c, 18}};
}

std::vector<Member> HealthAgencies() {
  const v1::MemberKind a = v1::MEMBER_KIND_AZIENDA_SANITARIA;
  return {{"ats-milano", "ATS Città Metropolitana di Milano", a, 0},
          {"asst-melegnano-martesana", "ASST Melegnano e della Martesana", a,
           0}};
}

std::string S(const std::string& step) { return absl::StrCat(kId, "/", step); }

void Foundation(Plan& plan) {
  plan.Add(S("register"), kSystemAdmin, &ConsortiumStub::RegisterConsortium,
           Registration(kId, v1::LEGAL_FORM_AZIENDA_SPECIALE_CONSORTILE,
                        "Ambito Sud Est Milano", "97000000000",
                        "san-giuliano-milanese", Day(2022, 1, 1), Comuni()));
  for (const auto& [body, kind, name] :
       std::vector<std::tuple<std::string, v1::BodyKind, std::string>>{
           {"assemblea", v1::BODY_KIND_ASSEMBLEA, "Assemblea dei Sindaci"},
           {"tavolo-tecnico", v1::BODY_KIND_TAVOLO_TECNICO, "Tavolo Tecnico"},
           {"tavolo-aderenti", v1::BODY_KIND_TAVOLO_ADERENTI,
            "Tavolo degli Aderenti"},
           {"ufficio-di-piano", v1::BODY_KIND_UFFICIO_DI_PIANO,
            "Ufficio di Piano"}}) {
    plan.Add(S("body-" + body), kSystemAdmin, &ConsortiumStub::CreateBody,
             Body(kId, body, kind, name));
  }
  for (const auto& [who, role, scope] :
       std::vector<std::tuple<std::string, v1::Role, std::string>>{
           {"admin@sudestmilano", v1::ROLE_ADMINISTRATOR, ""},
           {kSecretary, v1::ROLE_SECRETARY, "assemblea"},
           {"segretario-tavolo@sudestmilano", v1::ROLE_SECRETARY,
            "tavolo-tecnico"},
           {kUfficio, v1::ROLE_UFFICIO_DI_PIANO, ""},
           {"regione-lombardia", v1::ROLE_REGIONAL_SYSTEM, ""},
           {kAuditor, v1::ROLE_AUDITOR, ""}}) {
    plan.Add(S("grant-" + who), kSystemAdmin, &AdminStub::GrantRole,
             Grant(kId, who, role, scope));
  }
  GrantDelegates(plan, kId, Comuni());
  GrantDelegates(plan, kId, HealthAgencies());
  // The sindaci on the Assemblea; a technician of each comune on the Tavolo
  // Tecnico; the Ufficio di Piano's coordinator.
  for (const Member& m : Comuni()) {
    plan.Add(S("assemblea-" + m.id), kSystemAdmin,
             &ConsortiumStub::DesignateBodyMember,
             Designation(kId, "assemblea", m.id, m.delegate(), true,
                         Day(2022, 1, 1)));
    plan.Add(S("tavolo-tecnico-" + m.id), kSystemAdmin,
             &ConsortiumStub::DesignateBodyMember,
             Designation(kId, "tavolo-tecnico", m.id,
                         absl::StrCat("tecnico@", m.id), true,
                         Day(2022, 3, 1)));
  }
  plan.Add(S("ufficio-coordinatore"), kSystemAdmin,
           &ConsortiumStub::DesignateBodyMember,
           Designation(kId, "ufficio-di-piano", "", "coordinatore@sudestmilano",
                       false, Day(2022, 1, 10)));
}

// S3 in 2025: the accordo di programma for the Piano di Zona 2025-2027
// among the 11 public parties, in force from its BURL publication.
void PianoDiZonaAccord(Plan& plan) {
  v1::DraftAccordRequest draft;
  draft.set_consortium_id(kId);
  draft.set_accord_id(kAccord);
  draft.set_kind(v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA);
  draft.set_title("Accordo di programma per il Piano di Zona 2025-2027");
  draft.set_object("Attuazione del Piano di Zona dell'Ambito Sud Est Milano");
  std::vector<Member> parties = Comuni();
  for (const Member& a : HealthAgencies()) parties.push_back(a);
  for (const Member& p : parties) *draft.add_parties() = Party(p);
  *draft.mutable_term()->mutable_ends_on() = Day(2027, 12, 31);
  plan.Add(S("accord-draft"), kUfficio, &AccordStub::DraftAccord, draft);
  for (const Member& p : parties) {
    v1::RecordPartyApprovalRequest approve;
    approve.set_consortium_id(kId);
    approve.set_accord_id(kAccord);
    approve.set_party_id(p.id);
    const bool comune = p.kind == v1::MEMBER_KIND_COMUNE;
    // Melegnano's council approved later: its deliberation was executive on
    // 18 April, so it signed last.
    const bool late = p.id == "melegnano";
    *approve.mutable_act() = ExternalAct(
        comune ? absl::StrCat("Consiglio comunale di ", p.name)
               : absl::StrCat("Decreto del Direttore Generale, ", p.name),
        comune ? "14" : "231",
        late ? absl::CivilDay(2025, 4, 7) : absl::CivilDay(2025, 3, 10),
        late ? absl::CivilDay(2025, 4, 18) : absl::CivilDay(2025, 3, 21));
    plan.Add(S("accord-approval-" + p.id), p.delegate(),
             &AccordStub::RecordPartyApproval, approve);
  }
  for (const Member& p : parties) {
    v1::SignAccordRequest sign;
    sign.set_consortium_id(kId);
    sign.set_accord_id(kAccord);
    sign.set_party_id(p.id);
    *sign.mutable_signature() =
        Qualified(p.id == "melegnano" ? absl::CivilDay(2025, 4, 22)
                                      : absl::CivilDay(2025, 4, 15),
                  11);
    sign.mutable_signature()->set_signer(p.delegate());
    plan.Add(S("accord-sign-" + p.id), p.delegate(), &AccordStub::SignAccord,
             sign);
  }
  v1::RecordApprovalActRequest act;
  act.set_consortium_id(kId);
  act.set_accord_id(kAccord);
  *act.mutable_act() = ExternalAct(
      "Decreto del Sindaco di San Giuliano Milanese, comune capofila", "7",
      absl::CivilDay(2025, 4, 28), absl::CivilDay(2025, 4, 28));
  plan.Add(S("accord-approval-act"), kUfficio, &AccordStub::RecordApprovalAct,
           act);
  v1::RecordBulletinPublicationRequest bur;
  bur.set_consortium_id(kId);
  bur.set_accord_id(kAccord);
  bur.set_bulletin("BURL");
  bur.set_issue("Serie Avvisi e Concorsi n. 19");
  *bur.mutable_published_on() = Day(2025, 5, 7);
  plan.Add(S("accord-bur"), kUfficio, &AccordStub::RecordBulletinPublication,
           bur);
  // Twelve third-sector organisations adhere and sit on the Tavolo degli
  // Aderenti.
  const std::vector<std::pair<std::string, std::string>> adherents = {
      {"coop-il-melograno", "Cooperativa sociale Il Melograno"},
      {"coop-lotta-emarginazione", "Cooperativa Lotta contro l'Emarginazione"},
      {"anffas-sud-est-milano", "Anffas Sud Est Milano"},
      {"caritas-melegnano", "Caritas decanale di Melegnano"},
      {"auser-san-donato", "Auser San Donato Milanese"},
      {"acli-san-giuliano", "Circolo ACLI San Giuliano Milanese"},
      {"coop-spazio-aperto", "Cooperativa sociale Spazio Aperto"},
      {"avo-vizzolo", "AVO Vizzolo Predabissi"},
      {"croce-bianca-melegnano", "Croce Bianca Melegnano"},
      {"fondazione-sud-milano", "Fondazione Comunitaria Sud Milano"},
      {"coop-il-sorriso", "Cooperativa sociale Il Sorriso"},
      {"arci-carpiano", "Circolo ARCI Carpiano"}};
  for (const auto& [id, name] : adherents) {
    v1::JoinAdherentRequest join;
    join.set_consortium_id(kId);
    join.set_accord_id(kAccord);
    join.mutable_adherent()->set_party_id(id);
    join.mutable_adherent()->set_name(name);
    join.mutable_adherent()->set_role(v1::PARTY_ROLE_THIRD_SECTOR_ADHERENT);
    join.mutable_adherent()->set_kind(v1::MEMBER_KIND_TERZO_SETTORE);
    join.mutable_signature()->set_type(v1::SIGNATURE_TYPE_ADVANCED_ELECTRONIC);
    join.mutable_signature()->set_signer(absl::StrCat("presidente@", id));
    join.set_tavolo_body_id("tavolo-aderenti");
    join.set_representative(absl::StrCat("presidente@", id));
    plan.Add(S("accord-adherent-" + id), kUfficio, &AccordStub::JoinAdherent,
             join);
  }
}

void Proposal(Plan& plan, const std::string& id, const std::string& title) {
  v1::DraftProposalRequest draft;
  draft.set_consortium_id(kId);
  draft.set_body_id("assemblea");
  draft.set_proposal_id(id);
  draft.set_act_kind(v1::ACT_KIND_ORDINARY);
  draft.set_title(title);
  plan.Add(S("proposal-" + id), kUfficio, &DeliberationStub::DraftProposal,
           draft);
  v1::GiveOpinionRequest opinion;
  opinion.set_consortium_id(kId);
  opinion.set_proposal_id(id);
  opinion.set_kind(v1::OPINION_KIND_TECHNICAL);
  opinion.set_favourable(true);
  opinion.set_given_by("responsabile@sudestmilano");
  opinion.set_text("Parere favorevole di regolarità tecnica.");
  plan.Add(S("opinion-" + id), kUfficio, &DeliberationStub::GiveOpinion,
           opinion);
}

void Vote(Plan& plan, int item, v1::Ballot ballot,
          const std::vector<std::pair<std::string, v1::VoteChoice>>& votes) {
  for (const auto& [member, choice] : votes) {
    v1::CastVoteRequest vote;
    vote.set_consortium_id(kId);
    vote.set_body_id("assemblea");
    vote.set_session_id(kSession);
    vote.set_item(item);
    vote.set_ballot(ballot);
    vote.set_member_id(member);
    vote.set_choice(choice);
    plan.Add(S(absl::StrCat("vote-", item,
                            ballot == v1::BALLOT_MAIN ? "" : "-ie", "-",
                            member)),
             absl::StrCat("sindaco@", member), &SessionStub::CastVote, vote);
  }
}

// An Assemblea session a week after the load (the domain convenes only with
// the statute's notice): S1's roll call and weighted votes.
void Session(Plan& plan, absl::Time now) {
  const absl::CivilDay day = DemoSessionDay(now);
  Proposal(plan, kRendiconto, "Approvazione del rendiconto della gestione");
  Proposal(plan, kPianoUpdate,
           "Approvazione del Piano di Zona 2025-2027 e del suo aggiornamento "
           "per il 2026");
  v1::ConveneSessionRequest convene;
  convene.set_consortium_id(kId);
  convene.set_body_id("assemblea");
  convene.set_session_id(kSession);
  convene.set_kind(v1::SESSION_KIND_ORDINARY);
  *convene.mutable_session_time() = At(day, 10);
  int n = 0;
  for (const auto& [p, title] : std::vector<std::pair<std::string, std::string>>{
           {kRendiconto, "Rendiconto della gestione"},
           {kPianoUpdate, "Aggiornamento del Piano di Zona"}}) {
    v1::AgendaItem* item = convene.add_items();
    item->set_number(++n);
    item->set_proposal_id(p);
    item->set_act_kind(v1::ACT_KIND_ORDINARY);
    item->set_title(title);
  }
  plan.Add(S("session-convene"), kSecretary, &SessionStub::ConveneSession,
           convene);
  // S1: 541‰ and 5 of 9 present.
  v1::RecordAttendanceRequest roll;
  roll.set_consortium_id(kId);
  roll.set_body_id("assemblea");
  roll.set_session_id(kSession);
  for (const char* m : {"san-donato-milanese", "melegnano", "cerro-al-lambro",
                        "dresano", "colturano"}) {
    roll.add_present_member_ids(m);
  }
  roll.add_attendees("direttore@sudestmilano");
  plan.Add(S("session-attendance"), kSecretary, &SessionStub::RecordAttendance,
           roll);
  using C = v1::VoteChoice;
  const C yes = v1::VOTE_CHOICE_IN_FAVOUR;
  // Item 1 as S1: 496‰ in favour, 27‰ against, 18‰ abstaining: approved;
  // immediate executability not reached (496 ≤ 500).
  Vote(plan, 1, v1::BALLOT_MAIN,
       {{"san-donato-milanese", yes},
        {"melegnano", yes},
        {"cerro-al-lambro", yes},
        {"dresano", v1::VOTE_CHOICE_AGAINST},
        {"colturano", v1::VOTE_CHOICE_ABSTAIN}});
  Vote(plan, 1, v1::BALLOT_IMMEDIATE_EXECUTABILITY,
       {{"san-donato-milanese", yes},
        {"melegnano", yes},
        {"cerro-al-lambro", yes}});
  // Item 2 unanimous (541‰), also immediately executable.
  const std::vector<std::pair<std::string, C>> all = {
      {"san-donato-milanese", yes},
      {"melegnano", yes},
      {"cerro-al-lambro", yes},
      {"dresano", yes},
      {"colturano", yes}};
  Vote(plan, 2, v1::BALLOT_MAIN, all);
  Vote(plan, 2, v1::BALLOT_IMMEDIATE_EXECUTABILITY, all);
  for (int item : {1, 2}) {
    v1::ProclaimItemRequest proclaim;
    proclaim.set_consortium_id(kId);
    proclaim.set_body_id("assemblea");
    proclaim.set_session_id(kSession);
    proclaim.set_item(item);
    plan.Add(S(absl::StrCat("session-proclaim-", item)), kSecretary,
             &SessionStub::ProclaimItem, proclaim);
  }
  for (const char* p : {kRendiconto, kPianoUpdate}) {
    v1::PublishDeliberationRequest publish;
    publish.set_consortium_id(kId);
    publish.set_body_id("assemblea");
    publish.set_proposal_id(p);
    *publish.mutable_first_day() = DateOf(day);
    plan.Add(S(absl::StrCat("publish-", p)), kSecretary,
             &DeliberationStub::PublishDeliberation, publish);
  }
  // The Piano di Zona adopted by item 2's deliberation, executive on the
  // session's day.
  v1::AdoptProgrammeRequest adopt;
  adopt.set_consortium_id(kId);
  adopt.set_body_id("assemblea");
  adopt.set_programme_id(kProgramme);
  adopt.set_proposal_id(kPianoUpdate);
  *adopt.mutable_effective_from() = DateOf(day);
  plan.Add(S("programme-pdz-adopt"), kSecretary,
           &ProgrammeStub::AdoptProgramme, adopt);
  v1::CloseSessionRequest close;
  close.set_consortium_id(kId);
  close.set_body_id("assemblea");
  close.set_session_id(kSession);
  plan.Add(S("session-close"), kSecretary, &SessionStub::CloseSession, close);
}

}  // namespace

void AddSudEstMilano(Plan& plan, absl::Time now) {
  Foundation(plan);
  v1::DraftProgrammeRequest pdz;
  pdz.set_consortium_id(kId);
  pdz.set_programme_id(kProgramme);
  pdz.set_kind(v1::PROGRAMME_KIND_PIANO_DI_ZONA);
  pdz.set_title("Piano di Zona 2025-2027");
  pdz.set_first_year(2025);
  pdz.set_last_year(2027);
  plan.Add(S("programme-pdz"), kUfficio, &ProgrammeStub::DraftProgramme, pdz);
  // Its interventions for 2026 (a plan's items carry no procurement kind).
  for (const auto& [item, title, cents] :
       std::vector<std::tuple<std::string, std::string, int64_t>>{
           {"sad-anziani-2026", "Servizio di assistenza domiciliare anziani",
            42'000'000},
           {"tutela-minori-2026", "Servizio tutela minori e famiglia",
            38'000'000},
           {"inclusione-2026", "Misure di contrasto alla povertà", 15'000'000},
           {"disabilita-2026", "Progetti di vita indipendente", 12'500'000}}) {
    v1::AddProgrammeItemRequest add;
    add.set_consortium_id(kId);
    add.set_programme_id(kProgramme);
    add.mutable_item()->set_item_id(item);
    add.mutable_item()->set_title(title);
    add.mutable_item()->set_year(2026);
    add.mutable_item()->set_amount_cents(cents);
    plan.Add(S("programme-pdz-" + item), kUfficio,
             &ProgrammeStub::AddProgrammeItem, add);
  }
  PianoDiZonaAccord(plan);
  Session(plan, now);
}

}  // namespace concordia::demo
