#include "engine/domain/programme/procurement.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"

namespace concordia::domain::programme {
namespace {

using absl::CivilDay;

constexpr int64_t kEuro = 100;  // cents

template <typename T>
void Push(Events& events, T event) {
  events.push_back(std::make_unique<T>(std::move(event)));
}

void AddThreshold(v1::ProcurementRules& r, v1::ProcurementKind kind,
                  int64_t programme_euros, int64_t qualification_euros) {
  v1::ProcurementThreshold* t = r.add_thresholds();
  t->set_kind(kind);
  t->set_programme_threshold_cents(programme_euros * kEuro);
  t->set_qualification_threshold_cents(qualification_euros * kEuro);
}

void AddLevel(v1::ProcurementRules& r, v1::ProcurementKind kind, int level,
              int64_t max_euros, const std::string& name) {
  v1::QualificationLevel* l = r.add_levels();
  l->set_kind(kind);
  l->set_level(level);
  l->set_max_amount_cents(max_euros * kEuro);
  l->set_name(name);
}

bool KnownKind(v1::ProcurementKind k) {
  return k == v1::PROCUREMENT_KIND_GOODS ||
         k == v1::PROCUREMENT_KIND_SERVICES || k == v1::PROCUREMENT_KIND_WORKS;
}

}  // namespace

std::string ProcurementStream(absl::string_view consortium_id) {
  return absl::StrCat(consortium_id, "/procurement");
}

v1::ProcurementRules DefaultProcurementRules() {
  v1::ProcurementRules r;
  AddThreshold(r, v1::PROCUREMENT_KIND_GOODS, 140'000, 140'000);
  AddThreshold(r, v1::PROCUREMENT_KIND_SERVICES, 140'000, 140'000);
  AddThreshold(r, v1::PROCUREMENT_KIND_WORKS, 150'000, 150'000);
  for (v1::ProcurementKind k :
       {v1::PROCUREMENT_KIND_GOODS, v1::PROCUREMENT_KIND_SERVICES}) {
    AddLevel(r, k, 1, 0, "SF1");
    AddLevel(r, k, 2, 5'000'000, "SF2");
    AddLevel(r, k, 3, 750'000, "SF3");
  }
  AddLevel(r, v1::PROCUREMENT_KIND_WORKS, 1, 0, "L1");
  AddLevel(r, v1::PROCUREMENT_KIND_WORKS, 2, 5'382'000, "L2");
  AddLevel(r, v1::PROCUREMENT_KIND_WORKS, 3, 1'000'000, "L3");
  return r;
}

absl::Status ValidateProcurementRules(const v1::ProcurementRules& rules) {
  std::set<int> kinds;
  for (int i = 0; i < rules.thresholds_size(); ++i) {
    const v1::ProcurementThreshold& t = rules.thresholds(i);
    const std::string f = absl::StrCat("rules.thresholds[", i, "]");
    if (!KnownKind(t.kind())) return InvalidField(f + ".kind", "required");
    if (!kinds.insert(t.kind()).second) {
      return InvalidField(f + ".kind", "given twice");
    }
    if (t.programme_threshold_cents() <= 0) {
      return InvalidField(f + ".programme_threshold_cents", "must be positive");
    }
    if (t.qualification_threshold_cents() <= 0) {
      return InvalidField(f + ".qualification_threshold_cents",
                          "must be positive");
    }
  }
  if (kinds.size() != 3) {
    return InvalidField("rules.thresholds",
                        "one for goods, services and works");
  }
  std::set<std::pair<int, int>> levels;
  for (int i = 0; i < rules.levels_size(); ++i) {
    const v1::QualificationLevel& l = rules.levels(i);
    const std::string f = absl::StrCat("rules.levels[", i, "]");
    if (!KnownKind(l.kind())) return InvalidField(f + ".kind", "required");
    if (l.level() < 1) return InvalidField(f + ".level", "from 1");
    if (l.max_amount_cents() < 0) {
      return InvalidField(f + ".max_amount_cents", "0 (no limit) or positive");
    }
    if (!levels.insert({l.kind(), l.level()}).second) {
      return InvalidField(f + ".level", "given twice for its kind");
    }
  }
  // A higher level (smaller number) never allows less.
  for (const v1::QualificationLevel& l : rules.levels()) {
    const v1::QualificationLevel* higher =
        LevelFor(rules, l.kind(), l.level() - 1);
    if (higher != nullptr && higher->max_amount_cents() != 0 &&
        (l.max_amount_cents() == 0 ||
         higher->max_amount_cents() < l.max_amount_cents())) {
      return InvalidField("rules.levels",
                          absl::StrCat("level ", l.level() - 1,
                                       " allows less than level ", l.level()));
    }
  }
  return absl::OkStatus();
}

const v1::ProcurementThreshold* ThresholdFor(const v1::ProcurementRules& rules,
                                             v1::ProcurementKind kind) {
  for (const v1::ProcurementThreshold& t : rules.thresholds()) {
    if (t.kind() == kind) return &t;
  }
  return nullptr;
}

const v1::QualificationLevel* LevelFor(const v1::ProcurementRules& rules,
                                       v1::ProcurementKind kind, int level) {
  for (const v1::QualificationLevel& l : rules.levels()) {
    if (l.kind() == kind && l.level() == level) return &l;
  }
  return nullptr;
}

int AuthorityLevel(const v1::ContractingAuthority& authority,
                   v1::ProcurementKind kind) {
  for (const v1::AuthorityQualification& q : authority.qualifications()) {
    if (q.kind() == kind) return q.level();
  }
  return 0;
}

v1::ProcurementRules ProcurementState::RulesAt(CivilDay day) const {
  const v1::ProcurementRules* found = nullptr;
  for (const v1::ProcurementRulesSet& r : rules) {
    if (DayOf(r.effective_from()) <= day) found = &r.rules();
  }
  return found != nullptr ? *found : DefaultProcurementRules();
}

const v1::ContractingAuthority* ProcurementState::AuthorityAt(
    absl::string_view id, CivilDay day) const {
  auto it = authorities.find(std::string(id));
  if (it == authorities.end()) return nullptr;
  const v1::ContractingAuthority* found = nullptr;
  for (const v1::ContractingAuthorityRegistered& r : it->second) {
    if (DayOf(r.effective_from()) <= day) found = &r.authority();
  }
  return found;
}

absl::Status ApplyProcurementEvent(ProcurementState& s,
                                   const google::protobuf::Message& event,
                                   const log::Record&) {
  if (const auto* e = dynamic_cast<const v1::ProcurementRulesSet*>(&event)) {
    s.rules.push_back(*e);
  } else if (const auto* e =
                 dynamic_cast<const v1::ContractingAuthorityRegistered*>(
                     &event)) {
    s.authorities[e->authority().authority_id()].push_back(*e);
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> DecideSetRules(const ProcurementState& s,
                                      absl::string_view consortium_id,
                                      const v1::ProcurementRules& rules,
                                      CivilDay effective_from) {
  CONCORDIA_RETURN_IF_ERROR(ValidateProcurementRules(rules));
  if (!s.rules.empty() &&
      effective_from < DayOf(s.rules.back().effective_from())) {
    return Rejected(reasons::kRetroactiveChange,
                    "the rules already changed from a later day");
  }
  Events events;
  v1::ProcurementRulesSet e;
  e.set_consortium_id(std::string(consortium_id));
  *e.mutable_rules() = rules;
  *e.mutable_effective_from() = ToDate(effective_from);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideRegisterAuthority(
    const ProcurementState& s, absl::string_view consortium_id,
    const v1::ContractingAuthority& a, CivilDay effective_from) {
  CONCORDIA_RETURN_IF_ERROR(
      ValidateId(a.authority_id(), "authority.authority_id"));
  if (a.name().empty()) return InvalidField("authority.name", "required");
  std::set<int> kinds;
  for (int i = 0; i < a.qualifications_size(); ++i) {
    const v1::AuthorityQualification& q = a.qualifications(i);
    const std::string f = absl::StrCat("authority.qualifications[", i, "]");
    if (!KnownKind(q.kind())) return InvalidField(f + ".kind", "required");
    if (!kinds.insert(q.kind()).second) {
      return InvalidField(f + ".kind", "given twice");
    }
    if (q.level() < 0) return InvalidField(f + ".level", "0 or more");
  }
  auto it = s.authorities.find(a.authority_id());
  if (it != s.authorities.end() &&
      effective_from < DayOf(it->second.back().effective_from())) {
    return Rejected(reasons::kRetroactiveChange,
                    absl::StrCat("the qualification of ", a.authority_id(),
                                 " already changed from a later day"));
  }
  Events events;
  v1::ContractingAuthorityRegistered e;
  e.set_consortium_id(std::string(consortium_id));
  *e.mutable_authority() = a;
  *e.mutable_effective_from() = ToDate(effective_from);
  Push(events, e);
  return events;
}

}  // namespace concordia::domain::programme
