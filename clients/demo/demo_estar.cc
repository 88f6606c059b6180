// A regional central purchasing body of the health agencies (modelled on
// Tuscany's ESTAR): the agencies' annual needs aggregated into joint
// tenders.
#include "absl/strings/str_cat.h"
#include "clients/demo/builders.h"
#include "clients/demo/demo.h"
#include "engine/calendar/calendar.h"

namespace concordia::demo {
namespace {

constexpr char kId[] = "estar";
constexpr char kOffice[] = "ufficio-acquisti@estar";

std::string S(const std::string& step) { return absl::StrCat(kId, "/", step); }

std::vector<Member> Agencies() {
  const v1::MemberKind a = v1::MEMBER_KIND_AZIENDA_SANITARIA;
  return {{"ausl-toscana-centro", "Azienda USL Toscana Centro", a, 250},
          {"ausl-toscana-nord-ovest", "Azienda USL Toscana Nord Ovest", a, 250},
          {"ausl-toscana-sud-est", "Azienda USL Toscana Sud Est", a, 200},
          {"aou-careggi", "AOU Careggi", a, 100},
          {"aou-pisana", "AOU Pisana", a, 80},
          {"aou-senese", "AOU Senese", a, 70},
          {"aou-meyer", "AOU Meyer IRCCS", a, 50}};
}

}  // namespace

void AddEstar(Plan& plan, absl::Time now) {
  plan.Add(S("register"), kSystemAdmin, &ConsortiumStub::RegisterConsortium,
           Registration(kId, v1::LEGAL_FORM_CONSORZIO,
                        "Ente di supporto tecnico-amministrativo regionale",
                        "06485540485", "firenze", Day(2014, 10, 1),
                        Agencies()));
  plan.Add(S("body-assemblea"), kSystemAdmin, &ConsortiumStub::CreateBody,
           Body(kId, "assemblea", v1::BODY_KIND_ASSEMBLEA,
                "Comitato dei direttori generali"));
  for (const Member& m : Agencies()) {
    plan.Add(S("assemblea-" + m.id), kSystemAdmin,
             &ConsortiumStub::DesignateBodyMember,
             Designation(kId, "assemblea", m.id, m.delegate(), true,
                         Day(2014, 10, 1)));
  }
  for (const auto& [who, role] :
       std::vector<std::pair<std::string, v1::Role>>{
           {"direttore@estar", v1::ROLE_ADMINISTRATOR},
           {kOffice, v1::ROLE_UFFICIO_DI_PIANO},
           {"regione-toscana", v1::ROLE_REGIONAL_SYSTEM},
           {kAuditor, v1::ROLE_AUDITOR}}) {
    plan.Add(S("grant-" + who), kSystemAdmin, &AdminStub::GrantRole,
             Grant(kId, who, role));
  }
  GrantDelegates(plan, kId, Agencies());
  // ESTAR itself: a qualified central purchasing body (goods and services,
  // level 1), since its constitution.
  v1::RegisterContractingAuthorityRequest self;
  self.set_consortium_id(kId);
  self.mutable_authority()->set_authority_id("estar");
  self.mutable_authority()->set_name("ESTAR - centrale di committenza");
  self.mutable_authority()->set_central_purchasing_body(true);
  for (auto kind : {v1::PROCUREMENT_KIND_GOODS, v1::PROCUREMENT_KIND_SERVICES}) {
    v1::AuthorityQualification* q = self.mutable_authority()->add_qualifications();
    q->set_kind(kind);
    q->set_level(1);
  }
  *self.mutable_effective_from() = Day(2014, 10, 1);
  plan.Add(S("authority-estar"), "direttore@estar",
           &ProgrammeStub::RegisterContractingAuthority, self);

  // Next year's needs, collected until 30 days after the load. The needs
  // of a year are their own stream: the steps carry the year, so a load in
  // a later year collects that year's needs.
  const int year = DemoNeedsYear(now);
  v1::OpenNeedsCollectionRequest open;
  open.set_consortium_id(kId);
  open.set_year(year);
  *open.mutable_deadline() = DateOf(calendar::RomeDay(now) + 30);
  plan.Add(S(absl::StrCat("needs-", year, "-open")), kOffice, &ProgrammeStub::OpenNeedsCollection, open);
  // Each agency's gloves and syringes (goods, CPV 33141000) and its linen
  // rental (services, CPV 98310000), in euro cents.
  std::vector<std::string> goods, services;
  for (const Member& m : Agencies()) {
    for (const auto& [suffix, category, kind, what, unit, qty] :
         std::vector<std::tuple<std::string, std::string, v1::ProcurementKind,
                                std::string, std::string, int64_t>>{
             {"dm", "33141000", v1::PROCUREMENT_KIND_GOODS,
              "Guanti e siringhe monouso", "confezione", m.permille * 400},
             {"lavanolo", "98310000", v1::PROCUREMENT_KIND_SERVICES,
              "Noleggio e lavaggio biancheria", "kg", m.permille * 1000}}) {
      v1::SubmitNeedRequest need;
      need.set_consortium_id(kId);
      need.set_year(year);
      need.set_need_id(absl::StrCat(m.id, "-", suffix));
      need.set_member_id(m.id);
      need.set_category(category);
      need.set_kind(kind);
      need.set_description(what);
      need.set_quantity(qty);
      need.set_unit(unit);
      // 2.50 EUR a box, 1.20 EUR a kg.
      need.set_amount_cents(qty * (suffix == "dm" ? 250 : 120));
      (suffix == "dm" ? goods : services).push_back(need.need_id());
      plan.Add(S(absl::StrCat("need-", year, "-", need.need_id())), m.delegate(),
               &ProgrammeStub::SubmitNeed, need);
    }
  }
  for (const auto& [tender, title, ids] :
       std::vector<std::tuple<std::string, std::string,
                              std::vector<std::string>>>{
           {"gara-dm", "Gara aggregata dispositivi medici monouso", goods},
           {"gara-lavanolo", "Gara aggregata servizio di lavanolo", services}}) {
    v1::AggregateNeedsRequest agg;
    agg.set_consortium_id(kId);
    agg.set_year(year);
    agg.set_tender_id(absl::StrCat(tender, "-", year));
    agg.set_title(title);
    for (const std::string& id : ids) agg.add_need_ids(id);
    plan.Add(S(absl::StrCat("tender-", year, "-", tender)), kOffice, &ProgrammeStub::AggregateNeeds,
             agg);
  }
}

}  // namespace concordia::demo
