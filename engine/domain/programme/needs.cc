#include "engine/domain/programme/needs.h"

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/domain/allocation/money.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"

namespace concordia::domain::programme {
namespace {

using absl::CivilDay;
using allocation::Euros;

template <typename T>
void Push(Events& events, T event) {
  events.push_back(std::make_unique<T>(std::move(event)));
}

std::string DayText(CivilDay d) { return absl::FormatCivilTime(d); }

std::string KindText(v1::ProcurementKind k) {
  switch (k) {
    case v1::PROCUREMENT_KIND_GOODS:
      return "goods";
    case v1::PROCUREMENT_KIND_SERVICES:
      return "services";
    case v1::PROCUREMENT_KIND_WORKS:
      return "works";
    default:
      return "purchases";
  }
}

// Invariant 24, first half: at or above the programme threshold the
// purchase is an item of the approved purchasing programme.
absl::Status CheckProgramme(const NeedsState& s, const StartPurchase& c,
                            const v1::ProcurementThreshold& threshold,
                            const PurchaseInputs& in) {
  if (c.amount_cents < threshold.programme_threshold_cents()) {
    return absl::OkStatus();
  }
  const std::string why = absl::StrCat(
      Euros(c.amount_cents), " of ", KindText(c.kind), " is at or above ",
      Euros(threshold.programme_threshold_cents()),
      ": the purchase must be in the approved three-year programme");
  if (c.programme_id.empty() || c.item_id.empty()) {
    return Rejected(reasons::kNotInProgramme,
                    absl::StrCat(why, "; none is named"));
  }
  if (in.programme == nullptr || !in.programme->exists) {
    return UnknownEntity("programme", c.programme_id);
  }
  const ProgrammeState& p = *in.programme;
  if (p.draft.kind() != v1::PROGRAMME_KIND_PURCHASING_PROGRAMME) {
    return Rejected(reasons::kNotInProgramme,
                    absl::StrCat(why, "; ", c.programme_id,
                                 " is not a purchasing programme"));
  }
  if (!p.AdoptedOn(c.day)) {
    return Rejected(reasons::kNotInProgramme,
                    absl::StrCat(why, "; ", c.programme_id,
                                 " is not approved on ", DayText(c.day)));
  }
  if (!p.Covers(c.year)) {
    return Rejected(
        reasons::kNotInProgramme,
        absl::StrCat(why, "; ", c.programme_id, " does not cover ", c.year));
  }
  const std::map<std::string, v1::ProgrammeItem> items = p.ItemsOn(c.day);
  auto item = items.find(c.item_id);
  if (item == items.end()) {
    return Rejected(reasons::kNotInProgramme,
                    absl::StrCat(why, "; ", c.programme_id, " has no item ",
                                 c.item_id, " on ", DayText(c.day)));
  }
  if (item->second.procurement_kind() != c.kind) {
    return Rejected(reasons::kNotInProgramme,
                    absl::StrCat(why, "; item ", c.item_id, " programmes ",
                                 KindText(item->second.procurement_kind())));
  }
  if (item->second.year() != c.year) {
    return Rejected(reasons::kNotInProgramme,
                    absl::StrCat(why, "; item ", c.item_id,
                                 " is programmed for ", item->second.year()));
  }
  if (c.amount_cents > item->second.amount_cents()) {
    return Rejected(reasons::kNotInProgramme,
                    absl::StrCat(why, "; item ", c.item_id, " programmes ",
                                 Euros(item->second.amount_cents()),
                                 " only: update the programme first"));
  }
  auto used =
      s.purchase_of_item.find(absl::StrCat(c.programme_id, "/", c.item_id));
  if (used != s.purchase_of_item.end()) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("item ", c.item_id,
                                 " was started as purchase ", used->second));
  }
  return absl::OkStatus();
}

// Invariant 24, second half: at or above the qualification threshold only a
// qualified authority runs it. Returns the level used (0 below).
absl::StatusOr<int> CheckQualification(
    const StartPurchase& c, const v1::ProcurementRules& rules,
    const v1::ProcurementThreshold& threshold,
    const v1::ContractingAuthority& a) {
  if (c.amount_cents < threshold.qualification_threshold_cents()) return 0;
  const int level = AuthorityLevel(a, c.kind);
  const std::string prefix =
      absl::StrCat(Euros(c.amount_cents), " of ", KindText(c.kind),
                   " needs a qualified contracting authority (from ",
                   Euros(threshold.qualification_threshold_cents()), "); ");
  if (level <= 0) {
    return Rejected(reasons::kQualificationInsufficient,
                    absl::StrCat(prefix, a.authority_id(),
                                 " is not qualified for ", KindText(c.kind),
                                 ": use a qualified central purchasing body"));
  }
  const v1::QualificationLevel* l = LevelFor(rules, c.kind, level);
  if (l == nullptr) {
    return Rejected(
        reasons::kQualificationInsufficient,
        absl::StrCat(prefix, "level ", level, " of ", a.authority_id(),
                     " is not a level of the rules in force"));
  }
  if (l->max_amount_cents() != 0 && c.amount_cents > l->max_amount_cents()) {
    return Rejected(
        reasons::kQualificationInsufficient,
        absl::StrCat(prefix, a.authority_id(), "'s level ", l->name(),
                     " covers up to ", Euros(l->max_amount_cents()),
                     ": use a central purchasing body with a "
                     "higher level"));
  }
  return level;
}

}  // namespace

std::string NeedsStream(absl::string_view consortium_id, int year) {
  return absl::StrCat(consortium_id, "/needs/", year);
}

absl::Status ApplyNeedsEvent(NeedsState& s,
                             const google::protobuf::Message& event,
                             const log::Record&) {
  if (const auto* e = dynamic_cast<const v1::NeedsCollectionOpened*>(&event)) {
    s.collection = *e;
  } else if (const auto* e = dynamic_cast<const v1::NeedSubmitted*>(&event)) {
    s.needs[e->need_id()] = *e;
  } else if (const auto* e = dynamic_cast<const v1::NeedWithdrawn*>(&event)) {
    s.withdrawn.insert(e->need_id());
  } else if (const auto* e = dynamic_cast<const v1::NeedsAggregated*>(&event)) {
    s.tenders[e->tender_id()] = *e;
    for (const std::string& n : e->need_ids())
      s.tender_of_need[n] = e->tender_id();
  } else if (const auto* e = dynamic_cast<const v1::PurchaseStarted*>(&event)) {
    s.purchases[e->purchase_id()] = *e;
    if (!e->item_id().empty()) {
      s.purchase_of_item[absl::StrCat(e->programme_id(), "/", e->item_id())] =
          e->purchase_id();
    }
    if (!e->tender_id().empty()) {
      s.purchase_of_tender[e->tender_id()] = e->purchase_id();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> DecideOpenCollection(const NeedsState& s,
                                            absl::string_view consortium_id,
                                            int year, CivilDay deadline,
                                            CivilDay today) {
  if (year < 2000 || year > 2100) return InvalidField("year", "2000..2100");
  if (deadline < today) return InvalidField("deadline", "in the past");
  if (deadline.year() > year) {
    return InvalidField("deadline", "after the year the needs are for");
  }
  if (s.collection.has_value()) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("the collection of ", year, " is open"));
  }
  Events events;
  v1::NeedsCollectionOpened e;
  e.set_consortium_id(std::string(consortium_id));
  e.set_year(year);
  *e.mutable_deadline() = ToDate(deadline);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideSubmitNeed(const NeedsState& s,
                                        const SubmitNeed& c,
                                        const consortium::ConsortiumState& cs) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.need_id, "need_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.member_id, "member_id"));
  if (c.category.empty()) return InvalidField("category", "required");
  if (c.kind == v1::PROCUREMENT_KIND_UNSPECIFIED) {
    return InvalidField("kind", "required");
  }
  if (c.description.empty()) return InvalidField("description", "required");
  if (c.quantity <= 0) return InvalidField("quantity", "must be positive");
  if (c.amount_cents <= 0)
    return InvalidField("amount_cents", "must be positive");
  if (!s.collection.has_value()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "the collection of needs for the year is not open");
  }
  const CivilDay deadline = DayOf(s.collection->deadline());
  if (c.day > deadline) {
    return Rejected(reasons::kDeadlinePassed,
                    absl::StrCat("needs for ", s.collection->year(),
                                 " were due by ", DayText(deadline)));
  }
  if (!cs.IsMemberOn(c.member_id, c.day)) {
    return Rejected(
        reasons::kNotAMember,
        absl::StrCat(c.member_id, " is not a member on ", DayText(c.day)));
  }
  if (s.needs.count(c.need_id) > 0) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("need ", c.need_id, " exists"));
  }
  Events events;
  v1::NeedSubmitted e;
  e.set_consortium_id(s.collection->consortium_id());
  e.set_year(s.collection->year());
  e.set_need_id(c.need_id);
  e.set_member_id(c.member_id);
  e.set_category(c.category);
  e.set_kind(c.kind);
  e.set_description(c.description);
  e.set_quantity(c.quantity);
  e.set_unit(c.unit);
  e.set_amount_cents(c.amount_cents);
  *e.mutable_submitted_on() = ToDate(c.day);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideWithdrawNeed(const NeedsState& s,
                                          const std::string& need_id,
                                          const std::string& member_id) {
  auto need = s.needs.find(need_id);
  if (need == s.needs.end() || s.withdrawn.count(need_id) > 0) {
    return UnknownEntity("need", need_id);
  }
  if (need->second.member_id() != member_id) {
    return InvalidField(
        "member_id",
        absl::StrCat("need ", need_id, " is ", need->second.member_id(), "'s"));
  }
  if (s.tender_of_need.count(need_id) > 0) {
    return Rejected(
        reasons::kInvalidStateTransition,
        absl::StrCat("need ", need_id, " is aggregated into tender ",
                     s.tender_of_need.at(need_id)));
  }
  Events events;
  v1::NeedWithdrawn e;
  e.set_consortium_id(need->second.consortium_id());
  e.set_year(need->second.year());
  e.set_need_id(need_id);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideAggregate(const NeedsState& s,
                                       const AggregateNeeds& c) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.tender_id, "tender_id"));
  if (c.title.empty()) return InvalidField("title", "required");
  if (c.need_ids.empty()) return InvalidField("need_ids", "at least one");
  if (s.tenders.count(c.tender_id) > 0) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("tender ", c.tender_id, " exists"));
  }
  const v1::NeedSubmitted* first = nullptr;
  std::set<std::string> ids;
  std::set<std::string> members;
  int64_t total = 0;
  for (const std::string& id : c.need_ids) {
    auto need = s.needs.find(id);
    if (need == s.needs.end() || s.withdrawn.count(id) > 0) {
      return UnknownEntity("need", id);
    }
    if (!ids.insert(id).second) return InvalidField("need_ids", "repeated");
    if (s.tender_of_need.count(id) > 0) {
      return Rejected(reasons::kInvalidStateTransition,
                      absl::StrCat("need ", id, " is already in tender ",
                                   s.tender_of_need.at(id)));
    }
    if (first == nullptr) first = &need->second;
    if (need->second.category() != first->category() ||
        need->second.kind() != first->kind()) {
      return Rejected(
          reasons::kCategoryMismatch,
          absl::StrCat("a joint tender aggregates needs of one "
                       "category: ",
                       id, " is ", need->second.category(), ", ",
                       first->need_id(), " is ", first->category()));
    }
    total += need->second.amount_cents();
    members.insert(need->second.member_id());
  }
  Events events;
  v1::NeedsAggregated e;
  e.set_consortium_id(first->consortium_id());
  e.set_year(first->year());
  e.set_tender_id(c.tender_id);
  e.set_title(c.title);
  e.set_category(first->category());
  e.set_kind(first->kind());
  for (const std::string& id : c.need_ids) e.add_need_ids(id);
  e.set_total_cents(total);
  for (const std::string& m : members) e.add_member_ids(m);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideStartPurchase(const NeedsState& s,
                                           absl::string_view consortium_id,
                                           const StartPurchase& c,
                                           const PurchaseInputs& in) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.purchase_id, "purchase_id"));
  if (c.title.empty()) return InvalidField("title", "required");
  if (c.kind == v1::PROCUREMENT_KIND_UNSPECIFIED) {
    return InvalidField("kind", "required");
  }
  if (c.amount_cents <= 0)
    return InvalidField("amount_cents", "must be positive");
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.authority_id, "authority_id"));
  if (c.day.year() > c.year) {
    return InvalidField("year", "a purchase starts in or before its year");
  }
  if (s.purchases.count(c.purchase_id) > 0) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("purchase ", c.purchase_id, " exists"));
  }
  if (!c.tender_id.empty()) {
    auto tender = s.tenders.find(c.tender_id);
    if (tender == s.tenders.end()) return UnknownEntity("tender", c.tender_id);
    if (tender->second.kind() != c.kind) {
      return InvalidField("kind", "the tender's needs are of another kind");
    }
    if (tender->second.total_cents() != c.amount_cents) {
      return InvalidField("amount_cents",
                          absl::StrCat("the tender aggregates ",
                                       Euros(tender->second.total_cents())));
    }
    if (s.purchase_of_tender.count(c.tender_id) > 0) {
      return Rejected(
          reasons::kAlreadyExists,
          absl::StrCat("tender ", c.tender_id, " was started as purchase ",
                       s.purchase_of_tender.at(c.tender_id)));
    }
  }
  const v1::ProcurementRules rules = in.procurement->RulesAt(c.day);
  const v1::ProcurementThreshold* threshold = ThresholdFor(rules, c.kind);
  if (threshold == nullptr) {
    return absl::InternalError("procurement rules without a threshold");
  }
  const v1::ContractingAuthority* authority =
      in.procurement->AuthorityAt(c.authority_id, c.day);
  if (authority == nullptr) {
    return UnknownEntity("contracting authority", c.authority_id);
  }
  CONCORDIA_RETURN_IF_ERROR(CheckProgramme(s, c, *threshold, in));
  CONCORDIA_ASSIGN_OR_RETURN(
      int level, CheckQualification(c, rules, *threshold, *authority));
  Events events;
  v1::PurchaseStarted e;
  e.set_consortium_id(std::string(consortium_id));
  e.set_year(c.year);
  e.set_purchase_id(c.purchase_id);
  e.set_title(c.title);
  e.set_kind(c.kind);
  e.set_amount_cents(c.amount_cents);
  e.set_tender_id(c.tender_id);
  e.set_programme_id(c.programme_id);
  e.set_item_id(c.item_id);
  e.set_authority_id(c.authority_id);
  e.set_qualification_level(level);
  *e.mutable_started_on() = ToDate(c.day);
  Push(events, e);
  return events;
}

}  // namespace concordia::domain::programme
