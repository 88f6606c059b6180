// The Società della Salute of the Pistoia zone (scenarios.md, S4).
#include "absl/strings/str_cat.h"
#include "clients/demo/builders.h"
#include "clients/demo/demo.h"
#include "clients/demo/sessions.h"

namespace concordia::demo {
namespace {

constexpr char kId[] = "sds-pistoia";
constexpr char kUfficio[] = "ufficio-di-piano@sds-pistoia";
constexpr char kProject[] = "coordinamento-udp-2022-2024";

std::string S(const std::string& step) { return absl::StrCat(kId, "/", step); }

// The signatories of the 2010 founding agreement: the AUSL holds a third,
// the comuni the rest by population (illustrative, largest remainder).
std::vector<Member> Founders2010() {
  const v1::MemberKind c = v1::MEMBER_KIND_COMUNE;
  return {{"ausl-toscana-centro", "Azienda USL Toscana Centro",
           v1::MEMBER_KIND_AZIENDA_SANITARIA, 333},
          {"pistoia", "Pistoia", c, 352},
          {"quarrata", "Quarrata", c, 101},
          {"agliana", "Agliana", c, 68},
          {"serravalle-pistoiese", "Serravalle Pistoiese", c, 45},
          {"montale", "Montale", c, 42},
          {"san-marcello-pistoiese", "San Marcello Pistoiese", c, 25},
          {"piteglio", "Piteglio", c, 7},
          {"marliana", "Marliana", c, 12},
          {"abetone", "Abetone", c, 3},
          {"cutigliano", "Cutigliano", c, 6},
          {"sambuca-pistoiese", "Sambuca Pistoiese", c, 6}};
}

// The members since 1 January 2017 (after S4's two mergers).
std::vector<Member> Members2017() {
  std::vector<Member> out;
  for (const Member& m : Founders2010()) {
    if (m.id == "san-marcello-pistoiese" || m.id == "piteglio" ||
        m.id == "abetone" || m.id == "cutigliano") {
      continue;
    }
    out.push_back(m);
  }
  out.push_back({"san-marcello-piteglio", "San Marcello Piteglio",
                 v1::MEMBER_KIND_COMUNE, 32});
  out.push_back({"abetone-cutigliano", "Abetone Cutigliano",
                 v1::MEMBER_KIND_COMUNE, 9});
  return out;
}

void Foundation(Plan& plan) {
  plan.Add(S("register"), kSystemAdmin, &ConsortiumStub::RegisterConsortium,
           Registration(kId, v1::LEGAL_FORM_CONSORZIO,
                        "Società della Salute della Zona Distretto Pistoiese",
                        "90048490479", "pistoia", Day(2010, 8, 6),
                        Founders2010()));
  for (const auto& [body, kind, name] :
       std::vector<std::tuple<std::string, v1::BodyKind, std::string>>{
           {"assemblea", v1::BODY_KIND_ASSEMBLEA, "Assemblea dei soci"},
           {"giunta", v1::BODY_KIND_GIUNTA, "Giunta esecutiva"},
           {"ufficio-di-piano", v1::BODY_KIND_UFFICIO_DI_PIANO,
            "Ufficio di Piano"}}) {
    plan.Add(S("body-" + body), kSystemAdmin, &ConsortiumStub::CreateBody,
             Body(kId, body, kind, name));
  }
  for (const Member& m : Founders2010()) {
    plan.Add(S("assemblea-" + m.id), kSystemAdmin,
             &ConsortiumStub::DesignateBodyMember,
             Designation(kId, "assemblea", m.id, m.delegate(), true,
                         Day(2010, 9, 1)));
  }
  // S4: on 1 January 2017 each pair merged; the successor holds the sum of
  // its predecessors' shares.
  for (const auto& [a, b, id, name] :
       std::vector<std::tuple<std::string, std::string, std::string,
                              std::string>>{
           {"san-marcello-pistoiese", "piteglio", "san-marcello-piteglio",
            "San Marcello Piteglio"},
           {"abetone", "cutigliano", "abetone-cutigliano",
            "Abetone Cutigliano"}}) {
    v1::RecordSuccessionRequest merger;
    merger.set_consortium_id(kId);
    merger.add_predecessor_ids(a);
    merger.add_predecessor_ids(b);
    merger.set_successor_id(id);
    merger.set_successor_name(name);
    merger.set_successor_kind(v1::MEMBER_KIND_COMUNE);
    *merger.mutable_effective_from() = Day(2017, 1, 1);
    plan.Add(S("succession-" + id), kSystemAdmin,
             &ConsortiumStub::RecordSuccession, merger);
  }
  // The successors' sindaci sit on the Assemblea from the merger.
  for (const Member& m : Members2017()) {
    if (m.id != "san-marcello-piteglio" && m.id != "abetone-cutigliano") {
      continue;
    }
    plan.Add(S("assemblea-" + m.id), kSystemAdmin,
             &ConsortiumStub::DesignateBodyMember,
             Designation(kId, "assemblea", m.id, m.delegate(), true,
                         Day(2017, 1, 1)));
  }
  for (const auto& [who, role, scope] :
       std::vector<std::tuple<std::string, v1::Role, std::string>>{
           {"direttore@sds-pistoia", v1::ROLE_ADMINISTRATOR, ""},
           {"segretario@sds-pistoia", v1::ROLE_SECRETARY, "assemblea"},
           {kUfficio, v1::ROLE_UFFICIO_DI_PIANO, ""},
           {"regione-toscana", v1::ROLE_REGIONAL_SYSTEM, ""},
           {kAuditor, v1::ROLE_AUDITOR, ""}}) {
    plan.Add(S("grant-" + who), kSystemAdmin, &AdminStub::GrantRole,
             Grant(kId, who, role, scope));
  }
  GrantDelegates(plan, kId, Members2017());
}

// The Ufficio di Piano's coordination project, 2022-2024, funded by the
// Region: yearly reports due 60 days after each year, the final one 60 days
// after 31 December 2024.
void Project(Plan& plan) {
  v1::RegisterProjectRequest reg;
  reg.set_consortium_id(kId);
  reg.set_project_id(kProject);
  reg.set_title("Coordinamento dell'Ufficio di Piano di zona 2022-2024");
  v1::FundingSource* f = reg.mutable_funding();
  f->set_kind(v1::FUNDING_SOURCE_KIND_REGIONAL);
  f->set_name("Fondo regionale per la programmazione zonale");
  f->set_grantor("Regione Toscana");
  f->set_granted_cents(36'000'000);
  reg.set_budget_cents(45'000'000);
  *reg.mutable_starts_on() = Day(2022, 1, 1);
  *reg.mutable_ends_on() = Day(2024, 12, 31);
  for (const Member& m : Members2017()) {
    if (m.kind == v1::MEMBER_KIND_COMUNE) reg.add_participant_ids(m.id);
  }
  reg.mutable_cost_sharing()->set_method(v1::COST_SHARING_METHOD_PER_INHABITANT);
  reg.mutable_reporting()->set_period_months(12);
  reg.mutable_reporting()->set_deadline_days(60);
  plan.Add(S("project-register"), kUfficio, &ProjectStub::RegisterProject, reg);
  int n = 0;
  for (int year : {2022, 2023, 2024}) {
    for (const auto& [month, cents, category, what] :
         std::vector<std::tuple<int, int64_t, std::string, std::string>>{
             {3, 4'200'000, "personale", "Coordinatore e assistenti sociali"},
             {9, 4'200'000, "personale", "Coordinatore e assistenti sociali"},
             {11, 1'800'000, "servizi", "Supporto alla programmazione"}}) {
      v1::RecordExpenseRequest e;
      e.set_consortium_id(kId);
      e.set_project_id(kProject);
      e.set_expense_id(absl::StrCat("e-", year, "-", ++n));
      *e.mutable_incurred_on() = Day(year, month, 15);
      e.set_amount_cents(cents);
      e.set_funded_cents(cents * 8 / 10);
      e.set_category(category);
      e.set_description(what);
      plan.Add(S("project-expense-" + e.expense_id()), kUfficio,
               &ProjectStub::RecordExpense, e);
    }
  }
  // The first two periodic reports; the final one is left to the Ufficio.
  for (const char* report : {"periodic-1", "periodic-2"}) {
    v1::SubmitReportRequest r;
    r.set_consortium_id(kId);
    r.set_project_id(kProject);
    r.set_report_id(report);
    r.set_summary("Relazione annuale sulle attività di coordinamento");
    plan.Add(S(absl::StrCat("project-report-", report)), kUfficio,
             &ProjectStub::SubmitReport, r);
  }
}

// The Assemblea dei soci: the project approved in December 2021 (the AUSL
// and every comune present), the 2023 accounts in April 2024 (four small
// comuni absent).
void Sessions(Plan& plan) {
  const HeldSession base = AssembleaOf(kId, "segretario@sds-pistoia", kUfficio, "direttore@sds-pistoia");
  HeldSession project = base;
  project.session_id = "assemblea-2021-12-20";
  project.day = absl::CivilDay(2021, 12, 20);
  project.hour = 15;
  project.present = Members2017();
  project.items = {Item("p-2021-progetto-udp",
                        "Approvazione del progetto di coordinamento "
                        "dell'Ufficio di Piano 2022-2024")};
  project.items[0].immediately_executable_by = {
      "ausl-toscana-centro", "pistoia",  "quarrata",
      "agliana",             "montale", "serravalle-pistoiese"};
  AddHeldSession(plan, project);
  HeldSession accounts = base;
  accounts.session_id = "assemblea-2024-04-29";
  accounts.day = absl::CivilDay(2024, 4, 29);
  accounts.present = Except(Members2017(), {"marliana", "sambuca-pistoiese",
                                            "abetone-cutigliano", "montale"});
  accounts.items = {Item("p-2024-rendiconto-2023",
                         "Approvazione del bilancio d'esercizio 2023")};
  AddHeldSession(plan, accounts);
}

}  // namespace

void AddSdsPistoia(Plan& plan, absl::Time) {
  Foundation(plan);
  Sessions(plan);
  Project(plan);
}

}  // namespace concordia::demo
