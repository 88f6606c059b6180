#include "engine/readmodel/cooperation_codec.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "engine/domain/core/dates.h"

namespace concordia::readmodel {

using absl::CivilDay;
using domain::DayOf;
using domain::ToDate;

// --- Delegations.

v1::DelegationView DelegationViewOf(const DelegationState& s,
                                    const std::string& consortium_id) {
  v1::DelegationView v;
  v.set_consortium_id(consortium_id);
  v.set_member_id(s.member_id);
  v.set_function(s.function);
  for (const domain::delegation::Period& p : s.periods) {
    v1::DelegationPeriodView* out = v.add_periods();
    *out->mutable_effective_from() = ToDate(p.from);
    if (p.until) *out->mutable_effective_until() = ToDate(*p.until);
    *out->mutable_delegate() = p.delegate;
    *out->mutable_basis() = p.basis;
  }
  if (s.ceased_on) *v.mutable_ceased_on() = ToDate(*s.ceased_on);
  v.set_successor_id(s.successor_id);
  if (s.last_change) *v.mutable_last_change() = ToDate(*s.last_change);
  return v;
}

DelegationState DelegationStateOf(const v1::DelegationView& v) {
  DelegationState s;
  s.member_id = v.member_id();
  s.function = v.function();
  for (const v1::DelegationPeriodView& in : v.periods()) {
    domain::delegation::Period p{DayOf(in.effective_from()), std::nullopt,
                                 in.delegate(), in.basis()};
    if (in.has_effective_until()) p.until = DayOf(in.effective_until());
    s.periods.push_back(std::move(p));
  }
  if (v.has_ceased_on()) s.ceased_on = DayOf(v.ceased_on());
  s.successor_id = v.successor_id();
  if (v.has_last_change()) s.last_change = DayOf(v.last_change());
  return s;
}

std::string DelegationAccordOn(const DelegationState& s, CivilDay day) {
  const domain::delegation::FunctionExercise e = s.ExerciseOn(day);
  return e.delegation.has_value() ? e.delegation->accord_id() : "";
}

v1::DelegationInForceView DelegationInForceOn(
    const DelegationState& s, const domain::accord::AccordState* accord,
    CivilDay day) {
  const domain::delegation::FunctionExercise e =
      domain::delegation::UnderAccord(s.ExerciseOn(day), accord, day);
  v1::DelegationInForceView out;
  *out.mutable_day() = ToDate(day);
  out.set_ceased(e.ceased);
  out.set_successor_id(e.successor_id);
  *out.mutable_exerciser() = e.exerciser;
  if (e.delegation.has_value() && !e.lapsed) {
    *out.mutable_delegation() = *e.delegation;
  }
  out.set_lapsed(e.lapsed);
  return out;
}

// --- Programmes.

namespace {

int64_t Total(const std::map<std::string, v1::ProgrammeItem>& items) {
  int64_t total = 0;
  for (const auto& [id, item] : items) total += item.amount_cents();
  return total;
}

}  // namespace

v1::ProgrammeStage ProgrammeStageOf(const ProgrammeState& s) {
  if (!s.exists) return v1::PROGRAMME_STAGE_UNSPECIFIED;
  if (!s.adoption.has_value()) return v1::PROGRAMME_STAGE_DRAFTED;
  return s.updates.empty() ? v1::PROGRAMME_STAGE_ADOPTED
                           : v1::PROGRAMME_STAGE_UPDATED;
}

v1::ProgrammeView ProgrammeViewOf(const ProgrammeState& s) {
  v1::ProgrammeView v;
  *v.mutable_draft() = s.draft;
  for (const auto& [id, item] : s.draft_items) *v.add_draft_items() = item;
  if (s.adoption) *v.mutable_adoption() = *s.adoption;
  for (const v1::ProgrammeUpdated& u : s.updates) *v.add_updates() = u;
  v.set_stage(ProgrammeStageOf(s));
  v.set_version(s.adoption.has_value()
                    ? 1 + static_cast<int>(s.updates.size())
                    : 0);
  const std::map<std::string, v1::ProgrammeItem> current = s.CurrentItems();
  for (const auto& [id, item] : current) *v.add_current_items() = item;
  v.set_current_total_cents(Total(current));
  return v;
}

ProgrammeState ProgrammeStateOf(const v1::ProgrammeView& v) {
  ProgrammeState s;
  s.exists = !v.draft().programme_id().empty();
  s.draft = v.draft();
  for (const v1::ProgrammeItem& item : v.draft_items()) {
    s.draft_items[item.item_id()] = item;
  }
  if (v.has_adoption()) s.adoption = v.adoption();
  s.updates.assign(v.updates().begin(), v.updates().end());
  return s;
}

v1::ProgrammeInForceView ProgrammeInForceOn(const ProgrammeState& s,
                                            CivilDay day) {
  v1::ProgrammeInForceView out;
  *out.mutable_day() = ToDate(day);
  out.set_adopted(s.AdoptedOn(day));
  const std::map<std::string, v1::ProgrammeItem> items = s.ItemsOn(day);
  for (const auto& [id, item] : items) *out.add_items() = item;
  out.set_total_cents(Total(items));
  return out;
}

// --- Needs.

v1::NeedsView NeedsViewOf(const NeedsState& s,
                          const std::string& consortium_id, int year) {
  v1::NeedsView v;
  v.set_consortium_id(consortium_id);
  v.set_year(year);
  if (s.collection) *v.mutable_collection() = *s.collection;
  struct Line {
    int32_t count = 0;
    int64_t amount = 0;
    int64_t aggregated = 0;
    std::set<std::string> members;
  };
  std::map<std::pair<std::string, int>, Line> lines;
  std::map<std::string, v1::MemberDemand> members;
  int64_t total = 0;
  for (const auto& [id, need] : s.needs) {
    v1::NeedView* out = v.add_needs();
    *out->mutable_need() = need;
    const bool withdrawn = s.withdrawn.count(id) > 0;
    out->set_withdrawn(withdrawn);
    auto tender = s.tender_of_need.find(id);
    if (tender != s.tender_of_need.end()) out->set_tender_id(tender->second);
    if (withdrawn) continue;
    Line& line = lines[{need.category(), need.kind()}];
    ++line.count;
    line.amount += need.amount_cents();
    if (tender != s.tender_of_need.end()) line.aggregated += need.amount_cents();
    line.members.insert(need.member_id());
    v1::MemberDemand& m = members[need.member_id()];
    m.set_member_id(need.member_id());
    m.set_need_count(m.need_count() + 1);
    m.set_amount_cents(m.amount_cents() + need.amount_cents());
    total += need.amount_cents();
  }
  for (const auto& [id, t] : s.tenders) *v.add_tenders() = t;
  for (const auto& [id, p] : s.purchases) *v.add_purchases() = p;
  for (const auto& [k, line] : lines) {
    v1::DemandLine* out = v.add_demand();
    out->set_category(k.first);
    out->set_kind(static_cast<v1::ProcurementKind>(k.second));
    out->set_need_count(line.count);
    out->set_amount_cents(line.amount);
    out->set_aggregated_cents(line.aggregated);
    for (const std::string& m : line.members) out->add_member_ids(m);
  }
  for (const auto& [id, m] : members) *v.add_members() = m;
  v.set_total_cents(total);
  return v;
}

NeedsState NeedsStateOf(const v1::NeedsView& v) {
  NeedsState s;
  if (v.has_collection()) s.collection = v.collection();
  for (const v1::NeedView& n : v.needs()) {
    s.needs[n.need().need_id()] = n.need();
    if (n.withdrawn()) s.withdrawn.insert(n.need().need_id());
  }
  for (const v1::NeedsAggregated& t : v.tenders()) {
    s.tenders[t.tender_id()] = t;
    for (const std::string& n : t.need_ids()) s.tender_of_need[n] = t.tender_id();
  }
  for (const v1::PurchaseStarted& p : v.purchases()) {
    s.purchases[p.purchase_id()] = p;
    if (!p.item_id().empty()) {
      s.purchase_of_item[absl::StrCat(p.programme_id(), "/", p.item_id())] =
          p.purchase_id();
    }
    if (!p.tender_id().empty()) s.purchase_of_tender[p.tender_id()] = p.purchase_id();
  }
  return s;
}

v1::NeedsInForceView NeedsInForceOn(const v1::NeedsView& v, CivilDay day) {
  v1::NeedsInForceView out;
  *out.mutable_day() = ToDate(day);
  out.set_open(v.has_collection() && day <= DayOf(v.collection().deadline()));
  return out;
}

void KeepMemberNeeds(const std::string& member_id, v1::NeedsView& v) {
  auto* needs = v.mutable_needs();
  needs->erase(std::remove_if(needs->begin(), needs->end(),
                              [&](const v1::NeedView& n) {
                                return n.need().member_id() != member_id;
                              }),
               needs->end());
  auto* members = v.mutable_members();
  members->erase(std::remove_if(members->begin(), members->end(),
                                [&](const v1::MemberDemand& m) {
                                  return m.member_id() != member_id;
                                }),
                 members->end());
}

// --- Projects.

v1::ProjectView ProjectViewOf(const StoredProject& stored) {
  const ProjectState& s = stored.state;
  v1::ProjectView v;
  *v.mutable_registration() = s.registration;
  for (const auto& [id, r] : s.reports) {
    v1::ReportView* out = v.add_reports();
    *out->mutable_schedule() = r.schedule;
    if (r.submission) *out->mutable_submission() = *r.submission;
    out->set_marked_overdue(r.overdue);
  }
  v.set_spent_cents(s.spent_cents);
  v.set_funded_cents(s.funded_cents);
  for (const auto& [member, cents] : stored.allocated) {
    v1::MemberCost* out = v.add_allocated();
    out->set_member_id(member);
    out->set_allocated_cents(cents);
  }
  v.set_unallocated_cents(stored.unallocated_cents);
  v.set_expense_count(stored.expense_count);
  v.set_allocation_count(stored.allocation_count);
  return v;
}

StoredProject StoredProjectOf(const v1::ProjectView& v) {
  StoredProject out;
  ProjectState& s = out.state;
  s.exists = !v.registration().project_id().empty();
  s.registration = v.registration();
  for (const v1::ReportView& in : v.reports()) {
    domain::project::Report& r = s.reports[in.schedule().report_id()];
    r.schedule = in.schedule();
    if (in.has_submission()) r.submission = in.submission();
    r.overdue = in.marked_overdue();
  }
  s.spent_cents = v.spent_cents();
  s.funded_cents = v.funded_cents();
  for (const v1::MemberCost& m : v.allocated()) {
    out.allocated[m.member_id()] = m.allocated_cents();
  }
  out.expense_count = v.expense_count();
  out.allocation_count = v.allocation_count();
  out.unallocated_cents = v.unallocated_cents();
  return out;
}

ProjectState ProjectStateOf(const v1::ProjectView& v) {
  ProjectState s = StoredProjectOf(v).state;
  for (const v1::ExpenseRecorded& e : v.expenses()) s.expenses[e.expense_id()] = e;
  for (const v1::CostsAllocated& a : v.allocations()) {
    s.allocations.push_back(a);
    for (const std::string& id : a.expense_ids()) {
      s.allocation_of_expense[id] = a.allocation_id();
    }
  }
  return s;
}

v1::ReportStatus ReportStatusOn(const domain::project::Report& r,
                                CivilDay day) {
  if (r.submission.has_value() && DayOf(r.submission->submitted_on()) <= day) {
    return r.submission->late() ? v1::REPORT_STATUS_SUBMITTED_LATE
                                : v1::REPORT_STATUS_SUBMITTED;
  }
  if (day <= DayOf(r.schedule.period_to())) return v1::REPORT_STATUS_UPCOMING;
  if (day <= DayOf(r.schedule.due_on())) return v1::REPORT_STATUS_DUE;
  return v1::REPORT_STATUS_OVERDUE;
}

v1::ProjectInForceView ProjectInForceOn(const ProjectState& s, CivilDay day) {
  v1::ProjectInForceView out;
  *out.mutable_day() = ToDate(day);
  out.set_running(DayOf(s.registration.starts_on()) <= day &&
                  day <= DayOf(s.registration.ends_on()));
  for (const auto& [id, r] : s.reports) {
    v1::ReportInForceView* report = out.add_reports();
    report->set_report_id(id);
    const v1::ReportStatus status = ReportStatusOn(r, day);
    report->set_status(status);
    *report->mutable_due_on() = r.schedule.due_on();
    switch (status) {
      case v1::REPORT_STATUS_SUBMITTED:
      case v1::REPORT_STATUS_SUBMITTED_LATE:
        out.set_filed(out.filed() + 1);
        break;
      case v1::REPORT_STATUS_OVERDUE:
        out.set_overdue(out.overdue() + 1);
        break;
      default:
        out.set_to_file(out.to_file() + 1);
    }
  }
  int64_t spent = 0;
  for (const auto& [id, e] : s.expenses) {
    if (DayOf(e.incurred_on()) <= day) spent += e.amount_cents();
  }
  out.set_spent_cents(spent);
  return out;
}

}  // namespace concordia::readmodel
