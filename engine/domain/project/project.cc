#include "engine/domain/project/project.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/allocation/cost_sharing.h"
#include "engine/domain/allocation/money.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"

namespace concordia::domain::project {
namespace {

using absl::CivilDay;
using allocation::Euros;

template <typename T>
void Push(Events& events, T event) {
  events.push_back(std::make_unique<T>(std::move(event)));
}

std::string DayText(CivilDay d) { return absl::FormatCivilTime(d); }

v1::ReportScheduled Scheduled(const v1::ProjectRegistered& r,
                              const std::string& id, v1::ReportKind kind,
                              CivilDay from, CivilDay to, CivilDay due) {
  v1::ReportScheduled e;
  e.set_consortium_id(r.consortium_id());
  e.set_project_id(r.project_id());
  e.set_report_id(id);
  e.set_kind(kind);
  *e.mutable_period_from() = ToDate(from);
  *e.mutable_period_to() = ToDate(to);
  *e.mutable_due_on() = ToDate(due);
  return e;
}

// A report that closes its period to new expenses (annual activity reports
// describe activities and do not).
bool ClosesPeriod(const Report& r) {
  return r.submission.has_value() &&
         r.schedule.kind() != v1::REPORT_KIND_ANNUAL_ACTIVITY;
}

}  // namespace

std::string ProjectStream(absl::string_view consortium_id,
                          absl::string_view project_id) {
  return absl::StrCat(consortium_id, "/project/", project_id);
}

std::vector<const v1::ExpenseRecorded*> ProjectState::Unallocated(
    CivilDay from, CivilDay to) const {
  std::vector<const v1::ExpenseRecorded*> out;
  for (const auto& [id, e] : expenses) {
    const CivilDay day = DayOf(e.incurred_on());
    if (from <= day && day <= to && allocation_of_expense.count(id) == 0) {
      out.push_back(&e);
    }
  }
  return out;
}

std::map<std::string, int64_t> ProjectState::AllocatedTo() const {
  std::map<std::string, int64_t> out;
  for (const v1::CostsAllocated& a : allocations) {
    for (const v1::CostShare& s : a.shares())
      out[s.member_id()] += s.amount_cents();
  }
  return out;
}

absl::Status ApplyProjectEvent(ProjectState& s,
                               const google::protobuf::Message& event,
                               const log::Record&) {
  if (const auto* e = dynamic_cast<const v1::ProjectRegistered*>(&event)) {
    s.exists = true;
    s.registration = *e;
  } else if (const auto* e = dynamic_cast<const v1::ReportScheduled*>(&event)) {
    s.reports[e->report_id()].schedule = *e;
  } else if (const auto* e = dynamic_cast<const v1::ExpenseRecorded*>(&event)) {
    s.expenses[e->expense_id()] = *e;
    s.spent_cents += e->amount_cents();
    s.funded_cents += e->funded_cents();
  } else if (const auto* e = dynamic_cast<const v1::ReportSubmitted*>(&event)) {
    s.reports[e->report_id()].submission = *e;
  } else if (const auto* e = dynamic_cast<const v1::ReportOverdue*>(&event)) {
    s.reports[e->report_id()].overdue = true;
  } else if (const auto* e = dynamic_cast<const v1::CostsAllocated*>(&event)) {
    s.allocations.push_back(*e);
    for (const std::string& id : e->expense_ids()) {
      s.allocation_of_expense[id] = e->allocation_id();
    }
  }
  return absl::OkStatus();
}

std::vector<v1::ReportScheduled> ScheduleReports(
    const v1::ProjectRegistered& r) {
  std::vector<v1::ReportScheduled> out;
  const CivilDay start = DayOf(r.starts_on());
  const CivilDay end = DayOf(r.ends_on());
  const v1::ReportingSchedule& rs = r.reporting();
  const int months = rs.period_months();
  if (months > 0) {
    for (int i = 0;; ++i) {
      const CivilDay from = calendar::AddMonths(start, int64_t{i} * months);
      if (from > end) break;
      const CivilDay to = std::min(
          end, calendar::AddMonths(start, int64_t{i + 1} * months) - 1);
      out.push_back(Scheduled(r, absl::StrCat("periodic-", i + 1),
                              v1::REPORT_KIND_PERIODIC, from, to,
                              to + rs.deadline_days()));
    }
  }
  out.push_back(Scheduled(r, "final", v1::REPORT_KIND_FINAL, start, end,
                          end + rs.deadline_days()));
  if (rs.has_annual_report_due()) {
    for (int64_t y = start.year(); y <= end.year(); ++y) {
      const CivilDay from = std::max(start, CivilDay(y, 1, 1));
      const CivilDay to = std::min(end, CivilDay(y, 12, 31));
      out.push_back(Scheduled(r, absl::StrCat("annual-", y),
                              v1::REPORT_KIND_ANNUAL_ACTIVITY, from, to,
                              CivilDay(y + 1, rs.annual_report_due().month(),
                                       rs.annual_report_due().day())));
    }
  }
  return out;
}

std::set<std::string> SharingMembers(const ProjectState& s, CivilDay day,
                                     const SharingContext& in) {
  std::set<std::string> out;
  const v1::ProjectRegistered& r = s.registration;
  for (const std::string& m : r.participant_ids()) {
    if (!in.consortium->IsMemberOn(m, day)) continue;
    if (!r.accord_id().empty() &&
        (in.accord == nullptr || !in.accord->InForceOn(day) ||
         !in.accord->IsActivePartyOn(m, day))) {
      continue;
    }
    if (r.function() != v1::FUNCTION_UNSPECIFIED) {
      if (in.delegations == nullptr) continue;
      auto d = in.delegations->find(m);
      if (d == in.delegations->end()) continue;
      delegation::FunctionExercise e = d->second.ExerciseOn(day);
      if (e.delegation.has_value() && !e.delegation->accord_id().empty()) {
        const accord::AccordState* a = nullptr;
        if (in.delegation_accords != nullptr) {
          auto it = in.delegation_accords->find(e.delegation->accord_id());
          if (it != in.delegation_accords->end()) a = &it->second;
        }
        e = delegation::UnderAccord(std::move(e), a, day);
      }
      if (e.ceased || e.exerciser.kind() != v1::EXERCISER_KIND_CONSORTIUM) {
        continue;
      }
    }
    out.insert(m);
  }
  return out;
}

absl::StatusOr<Charge> ChargeFor(const ProjectState& s,
                                 const v1::ExpenseRecorded& expense,
                                 const SharingContext& in) {
  const CivilDay day = DayOf(expense.incurred_on());
  Charge c;
  c.members = SharingMembers(s, day, in);
  c.rule = s.registration.cost_sharing();
  if (s.registration.function() != v1::FUNCTION_UNSPECIFIED) {
    bool first = true;
    for (const std::string& m : c.members) {
      const v1::CostSharingRule rule =
          in.delegations->at(m).ExerciseOn(day).delegation->cost_sharing();
      if (first) {
        c.rule = rule;
        first = false;
      } else if (rule.SerializeAsString() != c.rule.SerializeAsString()) {
        return Rejected(
            reasons::kCostRulesDiffer,
            absl::StrCat("the members delegating ",
                         delegation::FunctionSlug(s.registration.function()),
                         " on ", DayText(day),
                         " agreed different cost-sharing rules; "
                         "align their delegations"));
      }
    }
  }
  if (allocation::UsesShares(c.rule)) {
    const std::map<std::string, int32_t> shares = in.consortium->SharesAt(day);
    for (const std::string& m : c.members) {
      auto it = shares.find(m);
      c.shares[m] = it == shares.end() ? 0 : it->second;
    }
  }
  return c;
}

absl::StatusOr<Events> DecideRegister(const ProjectState& s,
                                      const RegisterProject& c,
                                      const consortium::ConsortiumState& cs,
                                      const accord::AccordState* accord) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.project_id, "project_id"));
  if (c.title.empty()) return InvalidField("title", "required");
  const v1::FundingSource& f = c.funding;
  if (f.kind() == v1::FUNDING_SOURCE_KIND_UNSPECIFIED) {
    return InvalidField("funding.kind", "ministerial, EU or regional");
  }
  if (f.name().empty()) return InvalidField("funding.name", "required");
  if (f.granted_cents() < 0) {
    return InvalidField("funding.granted_cents", "must not be negative");
  }
  if (acts::IsSet(f.grant_act())) {
    CONCORDIA_RETURN_IF_ERROR(
        acts::ValidateAct(f.grant_act(), "funding.grant_act"));
  }
  if (c.budget_cents <= 0)
    return InvalidField("budget_cents", "must be positive");
  if (f.granted_cents() > c.budget_cents) {
    return InvalidField("funding.granted_cents", "more than the budget");
  }
  if (c.ends_on < c.starts_on)
    return InvalidField("ends_on", "before starts_on");
  const v1::ReportingSchedule& rs = c.reporting;
  if (rs.period_months() < 0 || rs.period_months() > 60) {
    return InvalidField("reporting.period_months", "0..60");
  }
  if (rs.deadline_days() < 1 || rs.deadline_days() > 365) {
    return InvalidField("reporting.deadline_days", "1..365");
  }
  if (rs.has_annual_report_due()) {
    const v1::MonthDay& md = rs.annual_report_due();
    // A day every year has (29 February is not).
    const CivilDay probe(2001, md.month(), md.day());
    if (md.month() < 1 || md.month() > 12 || md.day() < 1 ||
        probe.month() != md.month() || probe.day() != md.day()) {
      return InvalidField("reporting.annual_report_due",
                          "a day that every year has");
    }
  }
  const bool function = c.function != v1::FUNCTION_UNSPECIFIED;
  if (function) {
    if (c.cost_sharing.method() != v1::COST_SHARING_METHOD_UNSPECIFIED) {
      return InvalidField("cost_sharing",
                          "a project financing a delegated function shares "
                          "costs by the delegations' rule");
    }
  } else {
    CONCORDIA_RETURN_IF_ERROR(
        allocation::ValidateCostSharingRule(c.cost_sharing, "cost_sharing"));
  }
  if (c.participant_ids.empty()) {
    return InvalidField("participant_ids", "at least one member");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < c.participant_ids.size(); ++i) {
    const std::string& m = c.participant_ids[i];
    CONCORDIA_RETURN_IF_ERROR(
        ValidateId(m, absl::StrCat("participant_ids[", i, "]")));
    if (!seen.insert(m).second) {
      return InvalidField(absl::StrCat("participant_ids[", i, "]"), "repeated");
    }
    if (!cs.IsMemberOn(m, c.starts_on)) {
      return Rejected(reasons::kNotAMember,
                      absl::StrCat(m, " is not a member of the consortium on ",
                                   DayText(c.starts_on)));
    }
  }
  if (!c.accord_id.empty()) {
    CONCORDIA_RETURN_IF_ERROR(ValidateId(c.accord_id, "accord_id"));
    if (accord == nullptr || !accord->exists) {
      return UnknownEntity("accord", c.accord_id);
    }
    if (!accord->InForceOn(c.starts_on)) {
      return Rejected(reasons::kNotInForce, absl::StrCat("accord ", c.accord_id,
                                                         " is not in force on ",
                                                         DayText(c.starts_on)));
    }
    for (const std::string& m : c.participant_ids) {
      if (!accord->IsActivePartyOn(m, c.starts_on)) {
        return Rejected(
            reasons::kNotAParty,
            absl::StrCat(m, " is not a party of accord ", c.accord_id));
      }
    }
  }
  if (s.exists) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("project ", c.project_id, " exists"));
  }
  Events events;
  v1::ProjectRegistered e;
  e.set_consortium_id(c.consortium_id);
  e.set_project_id(c.project_id);
  e.set_title(c.title);
  *e.mutable_funding() = c.funding;
  e.set_budget_cents(c.budget_cents);
  *e.mutable_starts_on() = ToDate(c.starts_on);
  *e.mutable_ends_on() = ToDate(c.ends_on);
  for (const std::string& m : c.participant_ids) e.add_participant_ids(m);
  if (!function) *e.mutable_cost_sharing() = c.cost_sharing;
  e.set_accord_id(c.accord_id);
  e.set_function(c.function);
  *e.mutable_reporting() = c.reporting;
  for (const v1::ReportScheduled& r : ScheduleReports(e)) Push(events, r);
  events.insert(events.begin(), std::make_unique<v1::ProjectRegistered>(e));
  return events;
}

absl::StatusOr<Events> DecideExpense(const ProjectState& s,
                                     const RecordExpense& c) {
  if (!s.exists) return UnknownEntity("project", "");
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.expense_id, "expense_id"));
  if (c.amount_cents <= 0)
    return InvalidField("amount_cents", "must be positive");
  if (c.funded_cents < 0 || c.funded_cents > c.amount_cents) {
    return InvalidField("funded_cents", "between 0 and the amount");
  }
  if (c.category.empty()) return InvalidField("category", "required");
  CONCORDIA_RETURN_IF_ERROR(
      acts::ValidateSha256Hex(c.document_sha256, "document_sha256"));
  const v1::ProjectRegistered& r = s.registration;
  if (s.expenses.count(c.expense_id) > 0) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("expense ", c.expense_id, " exists"));
  }
  if (c.incurred_on < DayOf(r.starts_on()) ||
      c.incurred_on > DayOf(r.ends_on())) {
    return Rejected(
        reasons::kOutsideProjectPeriod,
        absl::StrCat("the project runs from ", DayText(DayOf(r.starts_on())),
                     " to ", DayText(DayOf(r.ends_on())), "; ",
                     DayText(c.incurred_on), " is outside"));
  }
  if (s.spent_cents + c.amount_cents > r.budget_cents()) {
    return Rejected(
        reasons::kBudgetExceeded,
        absl::StrCat(Euros(c.amount_cents),
                     " would bring the "
                     "expenses to ",
                     Euros(s.spent_cents + c.amount_cents),
                     ", over the budget of ", Euros(r.budget_cents())));
  }
  if (s.funded_cents + c.funded_cents > r.funding().granted_cents()) {
    return Rejected(
        reasons::kBudgetExceeded,
        absl::StrCat("the funded part would reach ",
                     Euros(s.funded_cents + c.funded_cents), ", over the ",
                     Euros(r.funding().granted_cents()), " granted"));
  }
  for (const auto& [id, report] : s.reports) {
    if (ClosesPeriod(report) &&
        DayOf(report.schedule.period_from()) <= c.incurred_on &&
        c.incurred_on <= DayOf(report.schedule.period_to())) {
      return Rejected(
          reasons::kPeriodAlreadyReported,
          absl::StrCat("report ", id, " covering ", DayText(c.incurred_on),
                       " was already submitted"));
    }
  }
  Events events;
  v1::ExpenseRecorded e;
  e.set_consortium_id(r.consortium_id());
  e.set_project_id(r.project_id());
  e.set_expense_id(c.expense_id);
  *e.mutable_incurred_on() = ToDate(c.incurred_on);
  e.set_amount_cents(c.amount_cents);
  e.set_funded_cents(c.funded_cents);
  e.set_category(c.category);
  e.set_description(c.description);
  e.set_document_sha256(c.document_sha256);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideSubmitReport(const ProjectState& s,
                                          const SubmitReport& c) {
  if (!s.exists) return UnknownEntity("project", "");
  CONCORDIA_RETURN_IF_ERROR(
      acts::ValidateSha256Hex(c.document_sha256, "document_sha256"));
  auto it = s.reports.find(c.report_id);
  if (it == s.reports.end()) return UnknownEntity("report", c.report_id);
  const Report& r = it->second;
  if (r.submission.has_value()) {
    return Rejected(reasons::kInvalidStateTransition,
                    absl::StrCat("report ", c.report_id, " was submitted on ",
                                 DayText(DayOf(r.submission->submitted_on()))));
  }
  const CivilDay from = DayOf(r.schedule.period_from());
  const CivilDay to = DayOf(r.schedule.period_to());
  if (c.day <= to) {
    return Rejected(reasons::kReportingPeriodOpen,
                    absl::StrCat("report ", c.report_id, " covers up to ",
                                 DayText(to), "; it is submitted after"));
  }
  int64_t spent = 0;
  int64_t funded = 0;
  int count = 0;
  for (const auto& [id, e] : s.expenses) {
    const CivilDay d = DayOf(e.incurred_on());
    if (from <= d && d <= to) {
      spent += e.amount_cents();
      funded += e.funded_cents();
      ++count;
    }
  }
  Events events;
  v1::ReportSubmitted e;
  e.set_consortium_id(s.registration.consortium_id());
  e.set_project_id(s.registration.project_id());
  e.set_report_id(c.report_id);
  *e.mutable_submitted_on() = ToDate(c.day);
  e.set_late(c.day > DayOf(r.schedule.due_on()));
  e.set_expenses_cents(spent);
  e.set_funded_cents(funded);
  e.set_expense_count(count);
  e.set_document_sha256(c.document_sha256);
  e.set_summary(c.summary);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideOverdue(const ProjectState& s,
                                     const std::string& report_id,
                                     CivilDay day) {
  if (!s.exists) return UnknownEntity("project", "");
  auto it = s.reports.find(report_id);
  if (it == s.reports.end()) return UnknownEntity("report", report_id);
  Events events;
  const Report& r = it->second;
  if (r.submission.has_value() || r.overdue) return events;
  const CivilDay due = DayOf(r.schedule.due_on());
  if (day <= due) {
    return Rejected(
        reasons::kInvalidStateTransition,
        absl::StrCat("report ", report_id, " is due by ", DayText(due)));
  }
  v1::ReportOverdue e;
  e.set_consortium_id(s.registration.consortium_id());
  e.set_project_id(s.registration.project_id());
  e.set_report_id(report_id);
  *e.mutable_due_on() = r.schedule.due_on();
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideAllocate(
    const ProjectState& s, const AllocateCosts& c,
    const std::map<std::string, Charge>& charges) {
  if (!s.exists) return UnknownEntity("project", "");
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.allocation_id, "allocation_id"));
  if (c.period_to < c.period_from) {
    return InvalidField("period_to", "before period_from");
  }
  CONCORDIA_ASSIGN_OR_RETURN(allocation::Figures figures,
                             allocation::FiguresFrom(c.basis));
  for (const v1::CostsAllocated& a : s.allocations) {
    if (a.allocation_id() == c.allocation_id) {
      return Rejected(reasons::kAlreadyExists,
                      absl::StrCat("allocation ", c.allocation_id, " exists"));
    }
  }
  // Expenses with the same sharing members, rule and shares form one group,
  // allocated at once: each group's parts sum exactly to its total.
  struct Group {
    const Charge* charge = nullptr;
    int64_t total = 0;
  };
  std::map<std::string, Group> groups;
  std::vector<std::string> allocated;
  int64_t total = 0;
  for (const v1::ExpenseRecorded* e :
       s.Unallocated(c.period_from, c.period_to)) {
    const int64_t members_part = e->amount_cents() - e->funded_cents();
    if (members_part == 0) {
      allocated.push_back(e->expense_id());
      continue;
    }
    auto charge = charges.find(e->expense_id());
    if (charge == charges.end()) {
      return absl::InternalError(
          absl::StrCat("no charge computed for expense ", e->expense_id()));
    }
    if (charge->second.members.empty()) {
      return Rejected(
          reasons::kNoSharingMembers,
          absl::StrCat("no participant shares expense ", e->expense_id(),
                       " of ", DayText(DayOf(e->incurred_on()))));
    }
    std::string key = absl::StrJoin(charge->second.members, ",");
    absl::StrAppend(&key, "|", charge->second.rule.SerializeAsString(), "|");
    for (const auto& [m, p] : charge->second.shares)
      absl::StrAppend(&key, m, ":", p, ",");
    Group& g = groups[key];
    g.charge = &charge->second;
    g.total += members_part;
    total += members_part;
    allocated.push_back(e->expense_id());
  }
  if (total == 0) {
    return Rejected(
        reasons::kNothingToAllocate,
        absl::StrCat("no unallocated members' costs between ",
                     DayText(c.period_from), " and ", DayText(c.period_to)));
  }
  std::map<std::string, int64_t> shares;
  for (const auto& [key, g] : groups) {
    allocation::Figures f = figures;
    f.shares = g.charge->shares;
    CONCORDIA_ASSIGN_OR_RETURN(
        auto parts,
        allocation::ShareCosts(g.total, g.charge->rule, g.charge->members, f));
    for (const auto& [m, p] : parts) shares[m] += p;
  }
  Events events;
  v1::CostsAllocated e;
  e.set_consortium_id(s.registration.consortium_id());
  e.set_project_id(s.registration.project_id());
  e.set_allocation_id(c.allocation_id);
  *e.mutable_period_from() = ToDate(c.period_from);
  *e.mutable_period_to() = ToDate(c.period_to);
  for (const std::string& id : allocated) e.add_expense_ids(id);
  e.set_total_cents(total);
  for (const auto& [m, p] : shares) {
    v1::CostShare* share = e.add_shares();
    share->set_member_id(m);
    share->set_amount_cents(p);
  }
  *e.mutable_basis() = c.basis;
  Push(events, e);
  return events;
}

}  // namespace concordia::domain::project
