// SyntheticHistory, domain II: delegated functions, purchasing programmes,
// the members' needs and funded projects, from each consortium's cycle
// (synthetic_history.h). Events are the real messages of
// proto/concordia/v1 on their real streams, consistent with what the
// aggregates' Apply functions fold.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "concordia/v1/delegation_events.pb.h"
#include "concordia/v1/programme_events.pb.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/delegation/delegation.h"
#include "engine/domain/project/project.h"
#include "tests/bench/synthetic_simulation.h"

namespace concordia::bench::synthetic {
namespace {

using domain::ToDate;

constexpr v1::Function kFunctions[] = {
    v1::FUNCTION_SOCIAL_SERVICES,     v1::FUNCTION_CHILD_PROTECTION,
    v1::FUNCTION_HOME_CARE,           v1::FUNCTION_DISABILITY_SERVICES,
    v1::FUNCTION_ICT_SERVICES,        v1::FUNCTION_PROCUREMENT};
constexpr const char* kCategories[] = {"85311200-4", "85320000-8",
                                       "72000000-5", "30192000-1",
                                       "60130000-8"};

v1::ApprovingAct ActOf(const Proposal& p) {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_proposal_id(p.id);
  return a;
}

}  // namespace

absl::Status Simulation::Cooperation(Consortium& c) {
  const absl::CivilDay today = Today();
  const int year = static_cast<int>(today.year());
  if (Chance(40)) CONCORDIA_RETURN_IF_ERROR(Delegations(c));
  // The purchasing programme of the next three years, drafted in autumn.
  if (today.month() >= 9 && c.programme_year < year + 1) {
    CONCORDIA_RETURN_IF_ERROR(DraftProgramme(c, year + 1));
  }
  // The needs of next year, collected from June.
  if (today.month() >= 6 && c.needs_year < year + 1) {
    CONCORDIA_RETURN_IF_ERROR(CollectNeeds(c, year + 1));
  }
  if (c.projects.size() < 3 && Chance(12)) {
    CONCORDIA_RETURN_IF_ERROR(RegisterProject(c));
  }
  for (SimProject& p : c.projects) {
    CONCORDIA_RETURN_IF_ERROR(ProjectActivity(c, p));
  }
  c.projects.erase(std::remove_if(c.projects.begin(), c.projects.end(),
                                  [](const SimProject& p) {
                                    return p.reports.empty();
                                  }),
                   c.projects.end());
  return absl::OkStatus();
}

absl::Status Simulation::Delegations(Consortium& c) {
  const std::string member = c.members[rng_() % c.members.size()];
  const v1::Function f = kFunctions[rng_() % std::size(kFunctions)];
  bool& on = c.delegated[{member, f}];
  const std::string stream =
      domain::delegation::DelegationStream(c.id, member, f);
  const absl::CivilDay from = Today() + Uniform(10, 40);
  if (on) {
    if (!Chance(25) || c.executive.empty()) return absl::OkStatus();
    v1::DelegationRevoked e;
    e.set_consortium_id(c.id);
    e.set_member_id(member);
    e.set_function(f);
    *e.mutable_effective_from() = ToDate(from);
    e.mutable_act()->mutable_deliberation()->set_body(
        absl::StrCat("Consiglio comunale di ", member));
    e.mutable_act()->mutable_deliberation()->set_number(
        absl::StrCat(Uniform(1, 99)));
    *e.mutable_act()->mutable_deliberation()->mutable_date() =
        ToDate(Today() - 11);
    *e.mutable_act()->mutable_declared_executive_on() = ToDate(Today());
    e.set_reason("servizio internalizzato");
    on = false;
    return Append(stream, {&e}, "segretario@" + c.id, clock_.Now());
  }
  v1::FunctionDelegated e;
  e.set_consortium_id(c.id);
  e.set_member_id(member);
  e.set_function(f);
  if (Chance(70)) {
    e.mutable_delegate()->set_kind(v1::EXERCISER_KIND_CONSORTIUM);
  } else {
    std::string lead = c.members[rng_() % c.members.size()];
    if (lead == member) lead = c.members[0] == member ? c.members[1] : c.members[0];
    e.mutable_delegate()->set_kind(v1::EXERCISER_KIND_LEAD_ENTE);
    e.mutable_delegate()->set_lead_member_id(lead);
  }
  *e.mutable_effective_from() = ToDate(from);
  e.mutable_act()->mutable_deliberation()->set_body(
      absl::StrCat("Consiglio comunale di ", member));
  e.mutable_act()->mutable_deliberation()->set_number(
      absl::StrCat(Uniform(1, 99)));
  *e.mutable_act()->mutable_deliberation()->mutable_date() = ToDate(Today() - 11);
  *e.mutable_act()->mutable_declared_executive_on() = ToDate(Today());
  const int method = Uniform(0, 3);
  e.mutable_cost_sharing()->set_method(
      method == 0   ? v1::COST_SHARING_METHOD_PER_INHABITANT
      : method == 1 ? v1::COST_SHARING_METHOD_PER_USE
      : method == 2 ? v1::COST_SHARING_METHOD_BY_SHARE
                    : v1::COST_SHARING_METHOD_EQUAL);
  on = true;
  uint64_t position = 0;
  CONCORDIA_RETURN_IF_ERROR(
      Append(stream, {&e}, "segretario@" + c.id, clock_.Now(), &position));
  if (summary_.delegation_member_id.empty() && c.id == summary_.consortium_id) {
    summary_.delegation_member_id = member;
    summary_.delegation_function = f;
    summary_.delegation_position = position;
  }
  return absl::OkStatus();
}

absl::Status Simulation::DraftProgramme(Consortium& c, int first_year) {
  c.programme_year = first_year + 2;
  const std::string id = absl::StrCat("acquisti-", first_year, "-",
                                      first_year + 2);
  const std::string stream = absl::StrCat(c.id, "/programme/", id);
  v1::ProgrammeDrafted draft;
  draft.set_consortium_id(c.id);
  draft.set_programme_id(id);
  draft.set_kind(v1::PROGRAMME_KIND_PURCHASING_PROGRAMME);
  draft.set_title(absl::StrCat("Programma triennale degli acquisti ",
                               first_year, "-", first_year + 2));
  draft.set_first_year(first_year);
  draft.set_last_year(first_year + 2);
  std::vector<v1::ProgrammeItemAdded> items(Uniform(3, 10));
  std::vector<const Message*> events = {&draft};
  int64_t total = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    items[i].set_consortium_id(c.id);
    items[i].set_programme_id(id);
    v1::ProgrammeItem* item = items[i].mutable_item();
    item->set_item_id(absl::StrCat("item-", i + 1));
    item->set_title(absl::StrCat("Affidamento ", i + 1));
    item->set_year(first_year + Uniform(0, 2));
    const std::string category = kCategories[rng_() % std::size(kCategories)];
    item->set_category(category);
    item->set_procurement_kind(category == "30192000-1"
                                   ? v1::PROCUREMENT_KIND_GOODS
                                   : v1::PROCUREMENT_KIND_SERVICES);
    item->set_amount_cents(Uniform(14, 200) * 1'000'000);
    total += item->amount_cents();
    events.push_back(&items[i]);
  }
  uint64_t position = 0;
  CONCORDIA_RETURN_IF_ERROR(
      Append(stream, events, "ufficio@" + c.id, clock_.Now(), &position));
  if (summary_.programme_id.empty() && c.id == summary_.consortium_id) {
    summary_.programme_id = id;
    summary_.programme_position = position;
  }
  // Adopted by the Assemblea a few weeks later, updated in spring.
  Schedule(clock_.Now() + absl::Hours(24 * Uniform(20, 45)),
           [this, &c, id, stream, total] {
             if (c.executive.empty()) return absl::OkStatus();
             v1::ProgrammeAdopted e;
             e.set_consortium_id(c.id);
             e.set_programme_id(id);
             *e.mutable_act() = ActOf(c.executive.back());
             *e.mutable_adopted_on() = ToDate(Today());
             e.set_total_cents(total);
             CONCORDIA_RETURN_IF_ERROR(
                 Append(stream, {&e}, "segretario@" + c.id, clock_.Now()));
             Schedule(clock_.Now() + absl::Hours(24 * Uniform(120, 200)),
                      [this, &c, id, stream] {
                        v1::ProgrammeUpdated u;
                        u.set_consortium_id(c.id);
                        u.set_programme_id(id);
                        *u.mutable_act() = ActOf(c.executive.back());
                        *u.mutable_updated_on() = ToDate(Today());
                        v1::ProgrammeItem* item = u.add_items();
                        item->set_item_id("item-1");
                        item->set_title("Affidamento 1 (aggiornato)");
                        item->set_year(static_cast<int>(Today().year()) + 1);
                        item->set_category(kCategories[0]);
                        item->set_procurement_kind(v1::PROCUREMENT_KIND_SERVICES);
                        item->set_amount_cents(Uniform(14, 200) * 1'000'000);
                        return Append(stream, {&u}, "segretario@" + c.id,
                                      clock_.Now());
                      });
             return absl::OkStatus();
           });
  return absl::OkStatus();
}

absl::Status Simulation::CollectNeeds(Consortium& c, int year) {
  c.needs_year = year;
  const std::string stream = absl::StrCat(c.id, "/needs/", year);
  const absl::CivilDay deadline =
      std::min(Today() + Uniform(45, 75), absl::CivilDay(year - 1, 12, 31));
  v1::NeedsCollectionOpened open;
  open.set_consortium_id(c.id);
  open.set_year(year);
  *open.mutable_deadline() = ToDate(deadline);
  uint64_t position = 0;
  CONCORDIA_RETURN_IF_ERROR(
      Append(stream, {&open}, "ufficio@" + c.id, clock_.Now(), &position));
  if (summary_.needs_year == 0 && c.id == summary_.consortium_id) {
    summary_.needs_year = year;
    summary_.needs_position = position;
  }
  // Each member's needs, one submission at a time before the deadline.
  const int span = static_cast<int>(deadline - Today());
  auto needs = std::make_shared<std::map<std::string, std::vector<std::string>>>();
  auto amounts = std::make_shared<std::map<std::string, int64_t>>();
  auto members = std::make_shared<std::map<std::string, std::vector<std::string>>>();
  int n = 0;
  for (const std::string& m : c.members) {
    if (!Chance(60)) continue;
    const int count = Uniform(1, 3);
    for (int k = 0; k < count; ++k) {
      const std::string id = absl::StrCat("need-", m, "-", ++n);
      const std::string category = kCategories[rng_() % std::size(kCategories)];
      const int64_t cents = Uniform(5, 300) * 100'000;
      Schedule(clock_.Now() + absl::Hours(24 * Uniform(1, std::max(1, span)) - 12),
               [this, &c, stream, year, id, m, category, cents, needs, amounts,
                members] {
                 v1::NeedSubmitted e;
                 e.set_consortium_id(c.id);
                 e.set_year(year);
                 e.set_need_id(id);
                 e.set_member_id(m);
                 e.set_category(category);
                 e.set_kind(category == "30192000-1"
                                ? v1::PROCUREMENT_KIND_GOODS
                                : v1::PROCUREMENT_KIND_SERVICES);
                 e.set_description("fabbisogno");
                 e.set_quantity(Uniform(1, 1000));
                 e.set_unit("hours");
                 e.set_amount_cents(cents);
                 *e.mutable_submitted_on() = ToDate(Today());
                 (*needs)[category].push_back(id);
                 (*amounts)[category] += cents;
                 (*members)[category].push_back(m);
                 return Append(stream, {&e}, "sindaco@" + m, clock_.Now());
               });
    }
  }
  // After the deadline: one joint tender per category, and its purchase.
  Schedule(calendar::StartOfRomeDay(deadline + 2) + absl::Hours(10),
           [this, &c, stream, year, needs, amounts, members] {
             std::vector<v1::NeedsAggregated> tenders;
             std::vector<v1::PurchaseStarted> purchases;
             for (const auto& [category, ids] : *needs) {
               v1::NeedsAggregated t;
               t.set_consortium_id(c.id);
               t.set_year(year);
               t.set_tender_id(absl::StrCat("gara-", category));
               t.set_title(absl::StrCat("Gara aggregata ", category));
               t.set_category(category);
               t.set_kind(category == "30192000-1"
                              ? v1::PROCUREMENT_KIND_GOODS
                              : v1::PROCUREMENT_KIND_SERVICES);
               for (const std::string& id : ids) t.add_need_ids(id);
               t.set_total_cents(amounts->at(category));
               std::vector<std::string> ms = members->at(category);
               std::sort(ms.begin(), ms.end());
               ms.erase(std::unique(ms.begin(), ms.end()), ms.end());
               for (const std::string& m : ms) t.add_member_ids(m);
               tenders.push_back(t);
               v1::PurchaseStarted p;
               p.set_consortium_id(c.id);
               p.set_year(year);
               p.set_purchase_id(absl::StrCat("acq-", category));
               p.set_title(t.title());
               p.set_kind(t.kind());
               p.set_amount_cents(t.total_cents());
               p.set_tender_id(t.tender_id());
               p.set_authority_id(c.id);
               *p.mutable_started_on() = ToDate(Today());
               purchases.push_back(p);
             }
             std::vector<const Message*> events;
             for (const auto& t : tenders) events.push_back(&t);
             for (const auto& p : purchases) events.push_back(&p);
             if (events.empty()) return absl::OkStatus();
             return Append(stream, events, "ufficio@" + c.id, clock_.Now());
           });
  return absl::OkStatus();
}

absl::Status Simulation::RegisterProject(Consortium& c) {
  SimProject p;
  p.id = absl::StrCat("progetto-", ++c.project_count);
  p.starts_on = Today();
  p.ends_on = Today() + Uniform(300, 1000);
  std::vector<std::string> members = c.members;
  std::shuffle(members.begin(), members.end(), rng_);
  members.resize(std::min<size_t>(members.size(), Uniform(3, 12)));
  std::sort(members.begin(), members.end());
  p.participants = members;
  v1::ProjectRegistered r;
  r.set_consortium_id(c.id);
  r.set_project_id(p.id);
  r.set_title(absl::StrCat("Progetto ", c.project_count, " - inclusione sociale"));
  r.mutable_funding()->set_kind(Chance(50) ? v1::FUNDING_SOURCE_KIND_MINISTERIAL
                                           : v1::FUNDING_SOURCE_KIND_EUROPEAN_UNION);
  r.mutable_funding()->set_name(Chance(50) ? "PNRR M5C2 1.1" : "FSE+ 2021-2027");
  r.mutable_funding()->set_grantor("Ministero del Lavoro e delle Politiche Sociali");
  r.mutable_funding()->set_granted_cents(Uniform(10, 200) * 1'000'000);
  r.set_budget_cents(r.funding().granted_cents() + Uniform(1, 40) * 1'000'000);
  *r.mutable_starts_on() = ToDate(p.starts_on);
  *r.mutable_ends_on() = ToDate(p.ends_on);
  for (const std::string& m : members) r.add_participant_ids(m);
  r.mutable_cost_sharing()->set_method(v1::COST_SHARING_METHOD_PER_INHABITANT);
  r.mutable_reporting()->set_period_months(6);
  r.mutable_reporting()->set_deadline_days(30);
  r.mutable_reporting()->mutable_annual_report_due()->set_month(3);
  r.mutable_reporting()->mutable_annual_report_due()->set_day(31);
  p.reports = domain::project::ScheduleReports(r);
  std::vector<const Message*> events = {&r};
  for (const v1::ReportScheduled& s : p.reports) events.push_back(&s);
  uint64_t position = 0;
  CONCORDIA_RETURN_IF_ERROR(Append(absl::StrCat(c.id, "/project/", p.id),
                                   events, "ufficio@" + c.id, clock_.Now(),
                                   &position));
  if (summary_.project_id.empty() && c.id == summary_.consortium_id) {
    summary_.project_id = p.id;
    summary_.project_position = position;
  }
  c.projects.push_back(std::move(p));
  return absl::OkStatus();
}

absl::Status Simulation::ProjectActivity(Consortium& c, SimProject& p) {
  const absl::CivilDay today = Today();
  const std::string stream = absl::StrCat(c.id, "/project/", p.id);
  std::vector<v1::ExpenseRecorded> expenses;
  if (today <= p.ends_on) {
    expenses.resize(Uniform(1, 4));
    for (v1::ExpenseRecorded& e : expenses) {
      e.set_consortium_id(c.id);
      e.set_project_id(p.id);
      e.set_expense_id(absl::StrCat("spesa-", ++p.expenses));
      *e.mutable_incurred_on() = ToDate(today);
      e.set_amount_cents(Uniform(1, 300) * 10'000);
      e.set_funded_cents(e.amount_cents() * Uniform(5, 9) / 10);
      e.set_category(Chance(60) ? "personale" : "servizi");
      e.set_description("spesa del periodo");
      p.unallocated.emplace_back(e.expense_id(),
                                 e.amount_cents() - e.funded_cents());
    }
  }
  std::vector<v1::ReportSubmitted> submitted;
  std::vector<v1::ReportScheduled> pending;
  for (const v1::ReportScheduled& r : p.reports) {
    if (domain::DayOf(r.period_to()) >= today || Chance(30)) {
      pending.push_back(r);
      continue;
    }
    v1::ReportSubmitted s;
    s.set_consortium_id(c.id);
    s.set_project_id(p.id);
    s.set_report_id(r.report_id());
    *s.mutable_submitted_on() = ToDate(today);
    s.set_late(today > domain::DayOf(r.due_on()));
    s.set_expenses_cents(Uniform(1, 500) * 10'000);
    s.set_summary("attività del periodo");
    submitted.push_back(s);
  }
  p.reports = pending;
  v1::CostsAllocated allocation;
  if (!p.unallocated.empty() && Chance(30)) {
    allocation.set_consortium_id(c.id);
    allocation.set_project_id(p.id);
    allocation.set_allocation_id(absl::StrCat("riparto-", ++p.allocations));
    *allocation.mutable_period_from() = ToDate(p.starts_on);
    *allocation.mutable_period_to() = ToDate(today);
    int64_t total = 0;
    for (const auto& [id, cents] : p.unallocated) {
      allocation.add_expense_ids(id);
      total += cents;
    }
    allocation.set_total_cents(total);
    const int64_t n = static_cast<int64_t>(p.participants.size());
    for (int64_t i = 0; i < n; ++i) {
      v1::CostShare* s = allocation.add_shares();
      s->set_member_id(p.participants[i]);
      s->set_amount_cents(total / n + (i < total % n ? 1 : 0));
    }
    p.unallocated.clear();
  }
  std::vector<const Message*> events;
  for (const auto& e : expenses) events.push_back(&e);
  for (const auto& s : submitted) events.push_back(&s);
  if (!allocation.allocation_id().empty()) events.push_back(&allocation);
  if (events.empty()) return absl::OkStatus();
  return Append(stream, events, "ufficio@" + c.id, clock_.Now());
}

}  // namespace concordia::bench::synthetic
