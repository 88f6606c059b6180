#include "engine/domain/programme/programme.h"

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"

namespace concordia::domain::programme {
namespace {

using absl::CivilDay;

template <typename T>
void Push(Events& events, T event) {
  events.push_back(std::make_unique<T>(std::move(event)));
}

std::string DayText(CivilDay d) { return absl::FormatCivilTime(d); }

bool IsPurchasing(const ProgrammeState& s) {
  return s.draft.kind() == v1::PROGRAMME_KIND_PURCHASING_PROGRAMME;
}

absl::Status ValidateItem(const ProgrammeState& s,
                          const v1::ProgrammeItem& item,
                          const std::string& field) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(item.item_id(), field + ".item_id"));
  if (item.title().empty()) return InvalidField(field + ".title", "required");
  if (!s.Covers(item.year())) {
    return InvalidField(
        field + ".year",
        absl::StrCat("outside the programme's years ", s.draft.first_year(),
                     "-", s.draft.last_year()));
  }
  if (item.amount_cents() < 0) {
    return InvalidField(field + ".amount_cents", "must not be negative");
  }
  if (IsPurchasing(s)) {
    if (item.procurement_kind() == v1::PROCUREMENT_KIND_UNSPECIFIED) {
      return InvalidField(field + ".procurement_kind", "required");
    }
    if (item.category().empty()) {
      return InvalidField(field + ".category", "required (e.g. a CPV code)");
    }
    if (item.amount_cents() <= 0) {
      return InvalidField(field + ".amount_cents", "must be positive");
    }
  } else if (item.procurement_kind() != v1::PROCUREMENT_KIND_UNSPECIFIED) {
    return InvalidField(field + ".procurement_kind",
                        "only for the purchasing programme");
  }
  return absl::OkStatus();
}

// The adopting deliberation: the consortium's own, of the competent body,
// executive on the day.
absl::Status CheckAdoptingAct(const ProgrammeState& s,
                              const v1::ApprovingAct& act, CivilDay day,
                              const AdoptionInputs& in) {
  CONCORDIA_RETURN_IF_ERROR(acts::ValidateAct(act, "act"));
  if (!acts::IsInternal(act) || !in.body_kind.has_value()) {
    return InvalidField("act",
                        "a programme is adopted by a deliberation of the "
                        "consortium in Concordia (its proposal id)");
  }
  const bool assemblea = *in.body_kind == v1::BODY_KIND_ASSEMBLEA;
  const bool board = *in.body_kind == v1::BODY_KIND_GIUNTA;
  if (!(assemblea || (IsPurchasing(s) && board))) {
    return Rejected(reasons::kWrongBody,
                    IsPurchasing(s)
                        ? "the purchasing programme is adopted by the "
                          "Assemblea or the board"
                        : "plans are adopted by the Assemblea (L. 328/2000 "
                          "art. 19)");
  }
  if (!in.executive) {
    return Rejected(reasons::kDeliberationNotExecutive,
                    absl::StrCat(acts::Describe(act), " is not executive on ",
                                 DayText(day)));
  }
  return absl::OkStatus();
}

void ApplyUpdate(std::map<std::string, v1::ProgrammeItem>& items,
                 const v1::ProgrammeUpdated& u) {
  for (const std::string& id : u.removed_item_ids()) items.erase(id);
  for (const v1::ProgrammeItem& i : u.items()) items[i.item_id()] = i;
}

}  // namespace

std::string ProgrammeStream(absl::string_view consortium_id,
                            absl::string_view programme_id) {
  return absl::StrCat(consortium_id, "/programme/", programme_id);
}

bool IsTriennialPlan(v1::ProgrammeKind kind) {
  return kind == v1::PROGRAMME_KIND_PIANO_DI_ZONA ||
         kind == v1::PROGRAMME_KIND_PIS || kind == v1::PROGRAMME_KIND_PIZ;
}

bool ProgrammeState::AdoptedOn(CivilDay day) const {
  return adoption.has_value() && DayOf(adoption->adopted_on()) <= day;
}

std::map<std::string, v1::ProgrammeItem> ProgrammeState::ItemsOn(
    CivilDay day) const {
  if (!AdoptedOn(day)) return {};
  std::map<std::string, v1::ProgrammeItem> items = draft_items;
  for (const v1::ProgrammeUpdated& u : updates) {
    if (DayOf(u.updated_on()) <= day) ApplyUpdate(items, u);
  }
  return items;
}

std::map<std::string, v1::ProgrammeItem> ProgrammeState::CurrentItems() const {
  std::map<std::string, v1::ProgrammeItem> items = draft_items;
  for (const v1::ProgrammeUpdated& u : updates) ApplyUpdate(items, u);
  return items;
}

absl::Status ApplyProgrammeEvent(ProgrammeState& s,
                                 const google::protobuf::Message& event,
                                 const log::Record&) {
  if (const auto* e = dynamic_cast<const v1::ProgrammeDrafted*>(&event)) {
    s.exists = true;
    s.draft = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::ProgrammeItemAdded*>(&event)) {
    s.draft_items[e->item().item_id()] = e->item();
  } else if (const auto* e =
                 dynamic_cast<const v1::ProgrammeItemRemoved*>(&event)) {
    s.draft_items.erase(e->item_id());
  } else if (const auto* e =
                 dynamic_cast<const v1::ProgrammeAdopted*>(&event)) {
    s.adoption = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::ProgrammeUpdated*>(&event)) {
    s.updates.push_back(*e);
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> DecideDraftProgramme(const ProgrammeState& s,
                                            const DraftProgramme& c,
                                            const ProgrammeState* parent) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.consortium_id, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.programme_id, "programme_id"));
  if (c.kind == v1::PROGRAMME_KIND_UNSPECIFIED) {
    return InvalidField("kind", "required");
  }
  if (c.title.empty()) return InvalidField("title", "required");
  if (c.first_year < 2000 || c.first_year > 2100) {
    return InvalidField("first_year", "2000..2100");
  }
  const bool annual = c.kind == v1::PROGRAMME_KIND_ANNUAL_OPERATING_PLAN;
  const int last = c.first_year + (annual ? 0 : 2);
  if (c.last_year != 0 && c.last_year != last) {
    return InvalidField("last_year", annual ? "an annual plan covers one year"
                                            : "the programme is triennial");
  }
  if (annual) {
    CONCORDIA_RETURN_IF_ERROR(
        ValidateId(c.parent_programme_id, "parent_programme_id"));
    if (parent == nullptr || !parent->exists) {
      return UnknownEntity("programme", c.parent_programme_id);
    }
    if (!IsTriennialPlan(parent->draft.kind())) {
      return InvalidField(
          "parent_programme_id",
          "an annual operating plan implements a triennial plan");
    }
    if (!parent->Covers(c.first_year)) {
      return InvalidField(
          "first_year",
          absl::StrCat("outside the plan's years ", parent->draft.first_year(),
                       "-", parent->draft.last_year()));
    }
  } else if (!c.parent_programme_id.empty()) {
    return InvalidField("parent_programme_id",
                        "only annual operating plans have a parent plan");
  }
  if (s.exists) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("programme ", c.programme_id, " exists"));
  }
  Events events;
  v1::ProgrammeDrafted e;
  e.set_consortium_id(c.consortium_id);
  e.set_programme_id(c.programme_id);
  e.set_kind(c.kind);
  e.set_title(c.title);
  e.set_first_year(c.first_year);
  e.set_last_year(last);
  e.set_parent_programme_id(c.parent_programme_id);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideAddItem(const ProgrammeState& s,
                                     const v1::ProgrammeItem& item) {
  if (!s.exists) return UnknownEntity("programme", "");
  CONCORDIA_RETURN_IF_ERROR(ValidateItem(s, item, "item"));
  if (s.adoption.has_value()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "the programme is adopted; items change by an update");
  }
  if (s.draft_items.count(item.item_id()) > 0) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("item ", item.item_id(), " exists"));
  }
  Events events;
  v1::ProgrammeItemAdded e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_programme_id(s.draft.programme_id());
  *e.mutable_item() = item;
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideRemoveItem(const ProgrammeState& s,
                                        const std::string& item_id) {
  if (!s.exists) return UnknownEntity("programme", "");
  if (s.adoption.has_value()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "the programme is adopted; items change by an update");
  }
  if (s.draft_items.count(item_id) == 0) return UnknownEntity("item", item_id);
  Events events;
  v1::ProgrammeItemRemoved e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_programme_id(s.draft.programme_id());
  e.set_item_id(item_id);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideAdopt(const ProgrammeState& s,
                                   const AdoptProgramme& c,
                                   const AdoptionInputs& in) {
  if (!s.exists) return UnknownEntity("programme", "");
  if (s.adoption.has_value()) {
    return Rejected(
        reasons::kAlreadyExists,
        absl::StrCat("programme ", s.draft.programme_id(), " was adopted on ",
                     DayText(DayOf(s.adoption->adopted_on()))));
  }
  CONCORDIA_RETURN_IF_ERROR(CheckAdoptingAct(s, c.act, c.day, in));
  int64_t total = 0;
  for (const auto& [id, item] : s.draft_items) total += item.amount_cents();
  Events events;
  v1::ProgrammeAdopted e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_programme_id(s.draft.programme_id());
  *e.mutable_act() = c.act;
  *e.mutable_adopted_on() = ToDate(c.day);
  e.set_total_cents(total);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideUpdate(const ProgrammeState& s,
                                    const UpdateProgramme& c,
                                    const AdoptionInputs& in) {
  if (!s.exists) return UnknownEntity("programme", "");
  for (size_t i = 0; i < c.items.size(); ++i) {
    CONCORDIA_RETURN_IF_ERROR(
        ValidateItem(s, c.items[i], absl::StrCat("items[", i, "]")));
  }
  if (c.items.empty() && c.removed_item_ids.empty()) {
    return InvalidField("items", "an update adds, replaces or removes items");
  }
  if (!s.adoption.has_value()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "the programme is not adopted yet; change its draft");
  }
  const CivilDay last = s.updates.empty()
                            ? DayOf(s.adoption->adopted_on())
                            : DayOf(s.updates.back().updated_on());
  if (c.day < last) {
    return Rejected(
        reasons::kRetroactiveChange,
        absl::StrCat("the programme already changed on ", DayText(last)));
  }
  const std::map<std::string, v1::ProgrammeItem> current = s.CurrentItems();
  for (const std::string& id : c.removed_item_ids) {
    if (current.count(id) == 0) return UnknownEntity("item", id);
  }
  CONCORDIA_RETURN_IF_ERROR(CheckAdoptingAct(s, c.act, c.day, in));
  Events events;
  v1::ProgrammeUpdated e;
  e.set_consortium_id(s.draft.consortium_id());
  e.set_programme_id(s.draft.programme_id());
  *e.mutable_act() = c.act;
  *e.mutable_updated_on() = ToDate(c.day);
  for (const v1::ProgrammeItem& i : c.items) *e.add_items() = i;
  for (const std::string& id : c.removed_item_ids) e.add_removed_item_ids(id);
  Push(events, e);
  return events;
}

}  // namespace concordia::domain::programme
