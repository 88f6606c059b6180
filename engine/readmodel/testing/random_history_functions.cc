// RandomHistory: the rest of domain II through the real Cooperation
// handlers — functions delegated (to the consortium or a lead ente, under a
// convenzione in force or by the member's act) and revoked; plans and the
// purchasing programme drafted, adopted and updated by executive
// deliberations; the members' needs of next year collected, withdrawn,
// aggregated into joint tenders and purchases started; funded projects
// registered, their expenses recorded, reports submitted or marked overdue
// and costs allocated.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/testing/random_history.h"

namespace concordia::readmodel::testing {
namespace {

using absl::CivilDay;
using domain::DayOf;
using domain::consortium::ConsortiumState;

constexpr v1::Function kFunctions[] = {
    v1::FUNCTION_SOCIAL_SERVICES, v1::FUNCTION_HOME_CARE,
    v1::FUNCTION_ICT_SERVICES, v1::FUNCTION_PROCUREMENT};
constexpr const char* kCategories[] = {"85311200-4", "72000000-5",
                                       "30192000-1"};

v1::ProcurementKind KindOf(const std::string& category) {
  return category == "30192000-1" ? v1::PROCUREMENT_KIND_GOODS
                                  : v1::PROCUREMENT_KIND_SERVICES;
}

}  // namespace

std::vector<std::string> RandomHistory::MembersToday(Consortium& c) {
  absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
  if (!cs.ok()) return {};
  return cs->MembersOn(Today());
}

absl::Status RandomHistory::DelegateFunction(Consortium& c) {
  const std::vector<std::string> members = MembersToday(c);
  const std::string member = Pick(members);
  if (member.empty()) return absl::OkStatus();
  domain::delegation::Delegate cmd;
  cmd.member_id = member;
  cmd.function = kFunctions[rng_() % std::size(kFunctions)];
  cmd.effective_from = Today() + Uniform(0, 20);
  cmd.cost_sharing.set_method(Chance(50) ? v1::COST_SHARING_METHOD_PER_INHABITANT
                                         : v1::COST_SHARING_METHOD_EQUAL);
  // Under a convenzione in force that binds the member (and the lead), or
  // by the member's own act.
  std::string accord;
  std::vector<std::string> parties;
  for (const std::string& a : c.accords) {
    absl::StatusOr<domain::accord::AccordState> st = coop_.Accord(c.id, a);
    if (st.ok() && st->InForceOn(cmd.effective_from) &&
        st->IsActivePartyOn(member, cmd.effective_from)) {
      accord = a;
      for (const auto& [id, p] : st->parties) {
        if (id != member) parties.push_back(id);
      }
      break;
    }
  }
  if (!accord.empty() && Chance(70)) {
    cmd.accord_id = accord;
  } else {
    cmd.act = domain::testing::ExternalAct(
        absl::StrCat("Consiglio comunale di ", member), absl::StrCat(next_id_++),
        cmd.effective_from - Uniform(0, 5));
    parties = members;
  }
  std::string lead = Pick(parties);
  if (lead == member) lead.clear();
  cmd.delegate = !lead.empty() && Chance(40) ? domain::testing::ToLead(lead)
                                             : domain::testing::ToConsortium();
  return coop_.Delegate(d_.Ctx(), c.id, cmd).status();
}

absl::Status RandomHistory::RevokeFunction(Consortium& c) {
  const std::string member = Pick(MembersToday(c));
  if (member.empty()) return absl::OkStatus();
  const v1::Function f = kFunctions[rng_() % std::size(kFunctions)];
  absl::StatusOr<domain::delegation::DelegationState> st =
      coop_.Delegation(c.id, member, f);
  if (!st.ok() || st->Open() == nullptr) return absl::OkStatus();
  domain::delegation::Revoke cmd;
  cmd.effective_from = Today() + Uniform(1, 30);
  cmd.act = domain::testing::ExternalAct(
      absl::StrCat("Consiglio comunale di ", member), absl::StrCat(next_id_++),
      Today());
  cmd.reason = "servizio internalizzato";
  return coop_.RevokeDelegation(d_.Ctx(), c.id, member, f, cmd).status();
}

absl::Status RandomHistory::DraftProgramme(Consortium& c) {
  domain::programme::DraftProgramme cmd;
  cmd.consortium_id = c.id;
  cmd.programme_id = absl::StrCat("prog-", ++next_id_);
  cmd.kind = Chance(50) ? v1::PROGRAMME_KIND_PURCHASING_PROGRAMME
                        : v1::PROGRAMME_KIND_PIANO_DI_ZONA;
  cmd.title = absl::StrCat("Programma ", next_id_);
  cmd.first_year = static_cast<int>(Today().year()) + 1;
  CONCORDIA_RETURN_IF_ERROR(coop_.DraftProgramme(d_.Ctx(), cmd).status());
  c.programmes.push_back(cmd.programme_id);
  const int n = Uniform(1, 4);
  for (int i = 0; i < n; ++i) {
    CONCORDIA_RETURN_IF_ERROR(
        coop_
            .AddProgrammeItem(d_.Ctx(), c.id, cmd.programme_id,
                              NewItem(cmd.first_year + Uniform(0, 2),
                                      cmd.kind ==
                                          v1::PROGRAMME_KIND_PURCHASING_PROGRAMME))
            .status());
  }
  return absl::OkStatus();
}

v1::ProgrammeItem RandomHistory::NewItem(int year, bool purchase) {
  v1::ProgrammeItem item;
  item.set_item_id(absl::StrCat("item-", ++next_id_));
  item.set_title(absl::StrCat("Intervento ", next_id_));
  item.set_year(year);
  const std::string category = kCategories[rng_() % std::size(kCategories)];
  item.set_category(category);
  if (purchase) item.set_procurement_kind(KindOf(category));
  item.set_amount_cents(Uniform(1, 400) * 100'000);
  return item;
}

absl::Status RandomHistory::AdoptOrUpdateProgramme(Consortium& c) {
  const std::string pid = Pick(c.programmes);
  const std::string act = ExecutiveDeliberation(c);
  if (pid.empty() || act.empty()) return absl::OkStatus();
  absl::StatusOr<domain::programme::ProgrammeState> st =
      coop_.Programme(c.id, pid);
  if (!st.ok()) return st.status();
  if (!st->adoption.has_value()) {
    if (Chance(20) && !st->draft_items.empty()) {
      return coop_
          .RemoveProgrammeItem(d_.Ctx(), c.id, pid,
                               st->draft_items.begin()->first)
          .status();
    }
    return coop_
        .AdoptProgramme(d_.Ctx(), c.id, pid,
                        {domain::testing::InternalAct(act), Today()})
        .status();
  }
  domain::programme::UpdateProgramme cmd;
  cmd.act = domain::testing::InternalAct(act);
  cmd.day = Today() + Uniform(0, 10);
  cmd.items.push_back(NewItem(
      st->draft.first_year() + Uniform(0, 2),
      st->draft.kind() == v1::PROGRAMME_KIND_PURCHASING_PROGRAMME));
  const auto current = st->CurrentItems();
  if (!current.empty() && Chance(30)) {
    cmd.removed_item_ids.push_back(current.begin()->first);
  }
  return coop_.UpdateProgramme(d_.Ctx(), c.id, pid, cmd).status();
}

absl::Status RandomHistory::CollectNeeds(Consortium& c) {
  const int year = static_cast<int>(Today().year()) + 1;
  absl::StatusOr<domain::programme::NeedsState> st = coop_.Needs(c.id, year);
  if (!st.ok()) return st.status();
  if (!st->collection.has_value()) {
    const CivilDay deadline = std::min(Today() + Uniform(90, 200),
                                       CivilDay(year - 1, 12, 31));
    return coop_.OpenNeedsCollection(d_.Ctx(), c.id, year, deadline).status();
  }
  // Withdraw one now and then, otherwise submit one.
  if (Chance(15)) {
    std::vector<std::string> open;
    for (const auto& [id, n] : st->needs) {
      if (st->withdrawn.count(id) == 0 && st->tender_of_need.count(id) == 0) {
        open.push_back(id);
      }
    }
    const std::string need = Pick(open);
    if (!need.empty()) {
      return coop_
          .WithdrawNeed(d_.Ctx(), c.id, year, need, st->needs.at(need).member_id())
          .status();
    }
  }
  const std::string member = Pick(MembersToday(c));
  if (member.empty()) return absl::OkStatus();
  const std::string category = kCategories[rng_() % std::size(kCategories)];
  domain::programme::SubmitNeed cmd{absl::StrCat("need-", ++next_id_),
                                    member,
                                    category,
                                    KindOf(category),
                                    "fabbisogno",
                                    Uniform(1, 500),
                                    "pieces",
                                    Uniform(1, 50) * 100'000,
                                    Today()};
  return coop_.SubmitNeed(d_.Ctx(), c.id, year, cmd).status();
}

absl::Status RandomHistory::TenderNeeds(Consortium& c) {
  const int year = static_cast<int>(Today().year()) + 1;
  absl::StatusOr<domain::programme::NeedsState> st = coop_.Needs(c.id, year);
  if (!st.ok()) return st.status();
  // Start a purchase for a tender not started yet, or aggregate a category.
  for (const auto& [tid, t] : st->tenders) {
    if (st->purchase_of_tender.count(tid) > 0 || !Chance(60)) continue;
    absl::StatusOr<domain::programme::ProcurementState> pr =
        coop_.Procurement(c.id);
    if (!pr.ok()) return pr.status();
    if (pr->AuthorityAt(c.id, Today()) == nullptr) {
      v1::ContractingAuthority a;
      a.set_authority_id(c.id);
      a.set_name(c.id);
      for (v1::ProcurementKind k :
           {v1::PROCUREMENT_KIND_GOODS, v1::PROCUREMENT_KIND_SERVICES}) {
        v1::AuthorityQualification* q = a.add_qualifications();
        q->set_kind(k);
        q->set_level(3);
      }
      return coop_.RegisterAuthority(d_.Ctx(), c.id, a, Today()).status();
    }
    domain::programme::StartPurchase p;
    p.year = year;
    p.purchase_id = absl::StrCat("gara-", ++next_id_);
    p.title = t.title();
    p.kind = t.kind();
    p.amount_cents = t.total_cents();
    p.tender_id = tid;
    p.authority_id = c.id;
    p.day = Today();
    return coop_.StartPurchase(d_.Ctx(), c.id, p).status();
  }
  const std::string category = kCategories[rng_() % std::size(kCategories)];
  domain::programme::AggregateNeeds cmd;
  cmd.tender_id = absl::StrCat("tender-", ++next_id_);
  cmd.title = absl::StrCat("Gara aggregata ", category);
  for (const auto& [id, n] : st->needs) {
    if (n.category() == category && st->withdrawn.count(id) == 0 &&
        st->tender_of_need.count(id) == 0) {
      cmd.need_ids.push_back(id);
    }
  }
  if (cmd.need_ids.empty()) return absl::OkStatus();
  return coop_.AggregateNeeds(d_.Ctx(), c.id, year, cmd).status();
}

absl::Status RandomHistory::RegisterProject(Consortium& c) {
  std::vector<std::string> members = MembersToday(c);
  if (members.size() < 2) return absl::OkStatus();
  domain::project::RegisterProject p;
  p.consortium_id = c.id;
  p.project_id = absl::StrCat("proj-", ++next_id_);
  p.title = absl::StrCat("Progetto ", next_id_);
  p.funding.set_kind(Chance(50) ? v1::FUNDING_SOURCE_KIND_MINISTERIAL
                                : v1::FUNDING_SOURCE_KIND_EUROPEAN_UNION);
  p.funding.set_name("Fondo nazionale politiche sociali");
  p.funding.set_grantor("Ministero del Lavoro e delle Politiche Sociali");
  p.funding.set_granted_cents(Uniform(10, 100) * 1'000'000);
  p.budget_cents = p.funding.granted_cents() + Uniform(1, 20) * 1'000'000;
  p.starts_on = Today() - Uniform(20, 120);
  p.ends_on = p.starts_on + Uniform(90, 400);
  std::shuffle(members.begin(), members.end(), rng_);
  members.resize(std::min<size_t>(members.size(), Uniform(2, 5)));
  std::sort(members.begin(), members.end());
  p.participant_ids = members;
  p.cost_sharing.set_method(v1::COST_SHARING_METHOD_EQUAL);
  p.reporting.set_period_months(Uniform(1, 3));
  p.reporting.set_deadline_days(Uniform(10, 30));
  if (Chance(50)) {
    p.reporting.mutable_annual_report_due()->set_month(3);
    p.reporting.mutable_annual_report_due()->set_day(31);
  }
  CONCORDIA_RETURN_IF_ERROR(coop_.RegisterProject(d_.Ctx(), p).status());
  c.projects.push_back(p.project_id);
  return absl::OkStatus();
}

absl::Status RandomHistory::ProjectActivity(Consortium& c) {
  const std::string pid = Pick(c.projects);
  if (pid.empty()) return absl::OkStatus();
  absl::StatusOr<domain::project::ProjectState> st = coop_.Project(c.id, pid);
  if (!st.ok()) return st.status();
  const CivilDay start = DayOf(st->registration.starts_on());
  const CivilDay end = DayOf(st->registration.ends_on());
  if (Chance(50)) {
    // A report whose period ended: submitted, or marked overdue by its timer
    // once its due day passed.
    for (const auto& [id, r] : st->reports) {
      if (r.submission.has_value() || DayOf(r.schedule.period_to()) >= Today()) {
        continue;
      }
      const CivilDay due = DayOf(r.schedule.due_on());
      if (due < Today() && !r.overdue && Chance(40)) {
        return coop_
            .MarkReportOverdue(d_.Ctx("system:scheduler"), c.id, pid, id, due + 1)
            .status();
      }
      if (Chance(70)) {
        return coop_
            .SubmitReport(d_.Ctx(), c.id, pid,
                          {id, Today(), std::string(64, 'b'), "attività svolte"})
            .status();
      }
    }
  }
  if (Chance(25) && !st->expenses.empty()) {
    return coop_
        .AllocateCosts(d_.Ctx(), c.id, pid,
                       {absl::StrCat("alloc-", ++next_id_), start,
                        std::min(end, Today()), v1::AllocationBasis()})
        .status();
  }
  // After the periods already reported (closed to new expenses).
  CivilDay first = start;
  for (const auto& [id, r] : st->reports) {
    if (r.submission.has_value()) {
      first = std::max(first, DayOf(r.schedule.period_to()) + 1);
    }
  }
  const CivilDay last = std::min(end, Today());
  if (last < first) return absl::OkStatus();
  const CivilDay on = first + Uniform(0, static_cast<int>(last - first));
  const int64_t amount = Uniform(1, 200) * 10'000;
  return coop_
      .RecordExpense(d_.Ctx(), c.id, pid,
                     {absl::StrCat("exp-", ++next_id_), on, amount,
                      amount * Uniform(0, 8) / 10, "servizi", "spesa", ""})
      .status();
}

}  // namespace concordia::readmodel::testing
