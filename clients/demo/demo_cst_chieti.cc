// A Centro Servizi Territoriali of small comuni of the Chieti province:
// shared e-government services and joint purchases under a convenzione.
#include "absl/strings/str_cat.h"
#include "clients/demo/builders.h"
#include "clients/demo/demo.h"
#include "clients/demo/sessions.h"
#include "engine/calendar/calendar.h"

namespace concordia::demo {
namespace {

constexpr char kId[] = "cst-chieti";
constexpr char kUfficio[] = "ufficio-cst@cst-chieti";
constexpr char kConvenzione[] = "convenzione-cst-2022";

std::string S(const std::string& step) { return absl::StrCat(kId, "/", step); }

// The Provincia holds a fifth; the comuni the rest by population.
std::vector<Member> Members() {
  const v1::MemberKind c = v1::MEMBER_KIND_COMUNE;
  return {{"provincia-chieti", "Provincia di Chieti", v1::MEMBER_KIND_PROVINCIA,
           200},
          {"guardiagrele", "Guardiagrele", c, 331},
          {"casoli", "Casoli", c, 212},
          {"roccamontepiano", "Roccamontepiano", c, 64},
          {"fara-san-martino", "Fara San Martino", c, 53},
          {"rapino", "Rapino", c, 49},
          {"palombaro", "Palombaro", c, 38},
          {"pretoro", "Pretoro", c, 36},
          {"pennapiedimonte", "Pennapiedimonte", c, 17}};
}

std::vector<Member> Comuni() {
  std::vector<Member> out;
  for (const Member& m : Members()) {
    if (m.kind == v1::MEMBER_KIND_COMUNE) out.push_back(m);
  }
  return out;
}

v1::ApprovingAct CouncilAct(const Member& m, const std::string& number,
                            absl::CivilDay dated, absl::CivilDay executive) {
  return ExternalAct(m.kind == v1::MEMBER_KIND_COMUNE
                         ? absl::StrCat("Consiglio comunale di ", m.name)
                         : absl::StrCat("Consiglio provinciale di Chieti"),
                     number, dated, executive);
}

void Foundation(Plan& plan) {
  plan.Add(S("register"), kSystemAdmin, &ConsortiumStub::RegisterConsortium,
           Registration(kId, v1::LEGAL_FORM_CONVENZIONE,
                        "Centro Servizi Territoriali della Provincia di Chieti",
                        "93000000690", "guardiagrele", Day(2022, 1, 1),
                        Members()));
  for (const auto& [body, kind, name] :
       std::vector<std::tuple<std::string, v1::BodyKind, std::string>>{
           {"assemblea", v1::BODY_KIND_ASSEMBLEA, "Conferenza dei Sindaci"},
           {"tavolo-tecnico", v1::BODY_KIND_TAVOLO_TECNICO,
            "Comitato tecnico dei referenti ICT"}}) {
    plan.Add(S("body-" + body), kSystemAdmin, &ConsortiumStub::CreateBody,
             Body(kId, body, kind, name));
  }
  for (const Member& m : Members()) {
    plan.Add(S("assemblea-" + m.id), kSystemAdmin,
             &ConsortiumStub::DesignateBodyMember,
             Designation(kId, "assemblea", m.id, m.delegate(), true,
                         Day(2022, 1, 1)));
  }
  for (const auto& [who, role, scope] :
       std::vector<std::tuple<std::string, v1::Role, std::string>>{
           {"admin@cst-chieti", v1::ROLE_ADMINISTRATOR, ""},
           {"segretario@cst-chieti", v1::ROLE_SECRETARY, "assemblea"},
           {kUfficio, v1::ROLE_UFFICIO_DI_PIANO, ""},
           {"regione-abruzzo", v1::ROLE_REGIONAL_SYSTEM, ""},
           {kAuditor, v1::ROLE_AUDITOR, ""}}) {
    plan.Add(S("grant-" + who), kSystemAdmin, &AdminStub::GrantRole,
             Grant(kId, who, role, scope));
  }
  GrantDelegates(plan, kId, Members());
}

// The convenzione (TUEL art. 30) among the nine entities, in force with its
// signatures of 10 March 2022 until 31 December 2031; six months' notice of
// withdrawal.
void Convenzione(Plan& plan) {
  v1::DraftAccordRequest draft;
  draft.set_consortium_id(kId);
  draft.set_accord_id(kConvenzione);
  draft.set_kind(v1::ACCORD_KIND_CONVENZIONE);
  draft.set_title("Convenzione per il Centro Servizi Territoriali");
  draft.set_object(
      "Gestione associata dei servizi di e-government e degli acquisti");
  for (const Member& m : Members()) *draft.add_parties() = Party(m);
  *draft.mutable_term()->mutable_ends_on() = Day(2031, 12, 31);
  draft.mutable_withdrawal()->mutable_notice()->set_amount(6);
  draft.mutable_withdrawal()->mutable_notice()->set_unit(
      v1::DEADLINE_UNIT_MONTHS);
  plan.Add(S("convenzione-draft"), kUfficio, &AccordStub::DraftAccord, draft);
  for (const Member& m : Members()) {
    v1::RecordPartyApprovalRequest approve;
    approve.set_consortium_id(kId);
    approve.set_accord_id(kConvenzione);
    approve.set_party_id(m.id);
    *approve.mutable_act() =
        CouncilAct(m, "5", absl::CivilDay(2022, 2, 14),
                   absl::CivilDay(2022, 2, 25));
    plan.Add(S("convenzione-approval-" + m.id), m.delegate(),
             &AccordStub::RecordPartyApproval, approve);
  }
  for (const Member& m : Members()) {
    v1::SignAccordRequest sign;
    sign.set_consortium_id(kId);
    sign.set_accord_id(kConvenzione);
    sign.set_party_id(m.id);
    *sign.mutable_signature() = Qualified(absl::CivilDay(2022, 3, 10), 12);
    sign.mutable_signature()->set_signer(m.delegate());
    plan.Add(S("convenzione-sign-" + m.id), m.delegate(),
             &AccordStub::SignAccord, sign);
  }
}

// Every comune delegates its e-government services to the CST under the
// convenzione from 1 April 2022; Casoli and Fara San Martino entrust their
// purchases to Guardiagrele as lead ente from 2023; Palombaro takes its
// ICT back from 2025.
void Delegations(Plan& plan) {
  for (const Member& m : Comuni()) {
    v1::DelegateFunctionRequest d;
    d.set_consortium_id(kId);
    d.set_member_id(m.id);
    d.set_function(v1::FUNCTION_ICT_SERVICES);
    d.mutable_delegate()->set_kind(v1::EXERCISER_KIND_CONSORTIUM);
    *d.mutable_effective_from() = Day(2022, 4, 1);
    d.set_accord_id(kConvenzione);
    d.mutable_cost_sharing()->set_method(
        v1::COST_SHARING_METHOD_PER_INHABITANT);
    plan.Add(S("delegate-ict-" + m.id), m.delegate(),
             &DelegationStub::DelegateFunction, d);
  }
  for (const Member& m : Comuni()) {
    if (m.id != "casoli" && m.id != "fara-san-martino") continue;
    v1::DelegateFunctionRequest d;
    d.set_consortium_id(kId);
    d.set_member_id(m.id);
    d.set_function(v1::FUNCTION_PROCUREMENT);
    d.mutable_delegate()->set_kind(v1::EXERCISER_KIND_LEAD_ENTE);
    d.mutable_delegate()->set_lead_member_id("guardiagrele");
    *d.mutable_effective_from() = Day(2023, 1, 1);
    *d.mutable_act() = CouncilAct(m, "31", absl::CivilDay(2022, 11, 28),
                                  absl::CivilDay(2022, 12, 9));
    d.mutable_cost_sharing()->set_method(v1::COST_SHARING_METHOD_PER_USE);
    plan.Add(S("delegate-procurement-" + m.id), m.delegate(),
             &DelegationStub::DelegateFunction, d);
  }
  for (const Member& m : Comuni()) {
    if (m.id != "palombaro") continue;
    v1::RevokeDelegationRequest r;
    r.set_consortium_id(kId);
    r.set_member_id(m.id);
    r.set_function(v1::FUNCTION_ICT_SERVICES);
    *r.mutable_effective_from() = Day(2025, 1, 1);
    *r.mutable_act() = CouncilAct(m, "44", absl::CivilDay(2024, 11, 25),
                                  absl::CivilDay(2024, 12, 6));
    r.set_reason("Il Comune gestisce in proprio il sito istituzionale");
    plan.Add(S("revoke-ict-" + m.id), m.delegate(),
             &DelegationStub::RevokeDelegation, r);
  }
  // Pennapiedimonte gives notice of withdrawal on 30 June 2025.
  for (const Member& m : Comuni()) {
    if (m.id != "pennapiedimonte") continue;
    v1::NotifyWithdrawalRequest w;
    w.set_consortium_id(kId);
    w.set_accord_id(kConvenzione);
    w.set_party_id(m.id);
    *w.mutable_act() = CouncilAct(m, "18", absl::CivilDay(2025, 6, 9),
                                  absl::CivilDay(2025, 6, 20));
    *w.mutable_notified_on() = Day(2025, 6, 30);
    plan.Add(S("withdrawal-" + m.id), m.delegate(),
             &AccordStub::NotifyWithdrawal, w);
  }
}

// Next year's ICT needs of the comuni, bought together.
void JointPurchase(Plan& plan, absl::Time now) {
  const int year = DemoNeedsYear(now);
  v1::OpenNeedsCollectionRequest open;
  open.set_consortium_id(kId);
  open.set_year(year);
  *open.mutable_deadline() = DateOf(calendar::RomeDay(now) + 30);
  plan.Add(S(absl::StrCat("needs-", year, "-open")), kUfficio,
           &ProgrammeStub::OpenNeedsCollection, open);
  v1::AggregateNeedsRequest agg;
  agg.set_consortium_id(kId);
  agg.set_year(year);
  agg.set_tender_id(absl::StrCat("gara-protocollo-", year));
  agg.set_title("Servizio associato di protocollo informatico e conservazione");
  for (const Member& m : Comuni()) {
    if (m.id == "pennapiedimonte" || m.id == "palombaro") continue;
    v1::SubmitNeedRequest need;
    need.set_consortium_id(kId);
    need.set_year(year);
    need.set_need_id(absl::StrCat(m.id, "-protocollo"));
    need.set_member_id(m.id);
    need.set_category("72000000");
    need.set_kind(v1::PROCUREMENT_KIND_SERVICES);
    need.set_description("Protocollo informatico e conservazione a norma");
    need.set_quantity(1);
    need.set_unit("anno");
    need.set_amount_cents(150'000 + m.permille * 10'000);
    agg.add_need_ids(need.need_id());
    plan.Add(S(absl::StrCat("need-", year, "-", need.need_id())), m.delegate(),
             &ProgrammeStub::SubmitNeed, need);
  }
  plan.Add(S(absl::StrCat("tender-", year, "-protocollo")), kUfficio,
           &ProgrammeStub::AggregateNeeds, agg);
}

}  // namespace

// The Assemblea's yearly sittings: the ICT services plan for 2025 (every
// member present) and the 2024 accounts (Pennapiedimonte, withdrawing,
// absent; Casoli against).
void Sessions(Plan& plan) {
  const HeldSession base = AssembleaOf(kId, "segretario@cst-chieti", kUfficio, "responsabile@cst-chieti");
  HeldSession plan2025 = base;
  plan2025.session_id = "assemblea-2024-12-16";
  plan2025.day = absl::CivilDay(2024, 12, 16);
  plan2025.present = Members();
  plan2025.items = {Item("p-2024-piano-ict-2025",
                         "Piano annuale dei servizi ICT 2025 e riparto dei "
                         "costi")};
  AddHeldSession(plan, plan2025);
  HeldSession accounts = base;
  accounts.session_id = "assemblea-2025-07-21";
  accounts.day = absl::CivilDay(2025, 7, 21);
  accounts.present = Except(Members(), {"pennapiedimonte"});
  std::vector<std::pair<std::string, v1::VoteChoice>> votes;
  for (const Member& m : accounts.present) {
    votes.emplace_back(m.id, m.id == "casoli" ? v1::VOTE_CHOICE_AGAINST
                                              : v1::VOTE_CHOICE_IN_FAVOUR);
  }
  accounts.items = {
      Item("p-2025-rendiconto-2024", "Rendiconto della gestione associata 2024")};
  accounts.items[0].votes = votes;
  AddHeldSession(plan, accounts);
}

void AddCstChieti(Plan& plan, absl::Time now) {
  Foundation(plan);
  Convenzione(plan);
  Delegations(plan);
  Sessions(plan);
  JointPurchase(plan, now);
}

}  // namespace concordia::demo
