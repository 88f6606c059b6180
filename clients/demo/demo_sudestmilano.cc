// The social district of scenarios.md: Ambito Sud Est Milano.
#include "absl/strings/str_cat.h"
#include "clients/demo/builders.h"
#include "clients/demo/demo.h"
#include "clients/demo/sessions.h"

namespace concordia::demo {
namespace {

constexpr char kId[] = "sudestmilano";
constexpr char kSecretary[] = "segretario@sudestmilano";
constexpr char kUfficio[] = "ufficio-di-piano@sudestmilano";
constexpr char kAccord[] = "adp-pdz-2025-2027";
// S1's session (its roll call and weighted votes), and the one convened at
// load.
constexpr char kSession[] = "assemblea-2025-04-28";
constexpr char kNextSession[] = "assemblea-prossima";
constexpr char kRendiconto[] = "p-2025-rendiconto-2024";
constexpr char kPianoDiZona[] = "p-2025-piano-di-zona";
constexpr char kCartaServizi[] = "p-2026-carta-servizi";
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

// The Assemblea's sittings, transcribed with their minutes (the
// convocations were delivered ten days before each), and the next session,
// convened a week after the load.
void Sessions(Plan& plan, absl::Time now) {
  using C = v1::VoteChoice;
  const C yes = v1::VOTE_CHOICE_IN_FAVOUR;
  const HeldSession base = AssembleaOf(kId, kSecretary, kUfficio, "direttore@sudestmilano");
  std::vector<std::string> all_ids;
  for (const Member& m : Comuni()) all_ids.push_back(m.id);

  HeldSession s2024 = base;
  s2024.session_id = "assemblea-2024-04-29";
  s2024.day = absl::CivilDay(2024, 4, 29);
  s2024.present = Comuni();
  s2024.items = {Item("p-2024-rendiconto-2023",
                       "Approvazione del rendiconto della gestione 2023"),
                  Item("p-2024-regolamento-isee",
                       "Regolamento unico d'ambito per l'accesso alle "
                       "prestazioni agevolate (ISEE)")};
  AddHeldSession(plan, s2024);

  // The Piano di Zona 2025-2027, unanimous and immediately executable.
  HeldSession pdz = base;
  pdz.session_id = "assemblea-2025-03-10";
  pdz.day = absl::CivilDay(2025, 3, 10);
  pdz.hour = 17;
  pdz.present = Comuni();
  pdz.items = {Item(kPianoDiZona,
                    "Approvazione del Piano di Zona 2025-2027 e dello schema "
                    "di accordo di programma")};
  pdz.items[0].immediately_executable_by = all_ids;
  AddHeldSession(plan, pdz);
  v1::AdoptProgrammeRequest adopt;
  adopt.set_consortium_id(kId);
  adopt.set_body_id("assemblea");
  adopt.set_programme_id(kProgramme);
  adopt.set_proposal_id(kPianoDiZona);
  *adopt.mutable_effective_from() = DateOf(pdz.day);
  plan.Add(S("programme-pdz-adopt"), kSecretary,
           &ProgrammeStub::AdoptProgramme, adopt);

  // S1: 541 of 1000 and 5 of 9 present; 496 in favour, 27 against, 18
  // abstaining: adopted; immediate executability not reached (496 <= 500),
  // so executive ten days after the start of publication.
  HeldSession s1 = base;
  s1.session_id = kSession;
  s1.day = absl::CivilDay(2025, 4, 28);
  s1.present = Only(Comuni(), {"san-donato-milanese", "melegnano",
                               "cerro-al-lambro", "dresano", "colturano"});
  s1.items = {
      Item(kRendiconto, "Approvazione del rendiconto della gestione 2024")};
  s1.items[0].votes = {{"san-donato-milanese", yes},
                       {"melegnano", yes},
                       {"cerro-al-lambro", yes},
                       {"dresano", v1::VOTE_CHOICE_AGAINST},
                       {"colturano", v1::VOTE_CHOICE_ABSTAIN}};
  s1.items[0].immediately_executable_by = {"san-donato-milanese", "melegnano",
                                           "cerro-al-lambro"};
  AddHeldSession(plan, s1);

  HeldSession s2026 = base;
  s2026.session_id = "assemblea-2026-04-27";
  s2026.day = absl::CivilDay(2026, 4, 27);
  s2026.present = Comuni();
  s2026.items = {Item("p-2026-rendiconto-2025",
                       "Approvazione del rendiconto della gestione 2025"),
                  Item(kCartaServizi, "Carta dei servizi d'ambito")};
  s2026.items[1].deferred_because =
      "rinviata per l'istruttoria del Tavolo Tecnico";
  AddHeldSession(plan, s2026);

  // The next session: convened at load for a week later, not yet held.
  HeldSession next = base;
  next.session_id = kNextSession;
  next.day = DemoSessionDay(now);
  const int year = static_cast<int>(next.day.year());
  next.items = {Item(kCartaServizi, "Carta dei servizi d'ambito"),
                Item(absl::StrCat("p-", year, "-pdz-aggiornamento"),
                     absl::StrCat("Aggiornamento del Piano di Zona per il ",
                                  year + 1))};
  next.items[0].drafted_before = true;
  AddConvenedSession(plan, next);
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
  Sessions(plan, now);
}

}  // namespace concordia::demo
