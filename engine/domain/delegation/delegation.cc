#include "engine/domain/delegation/delegation.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "engine/common/status_macros.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/allocation/cost_sharing.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"

namespace concordia::domain::delegation {
namespace {

using absl::CivilDay;

template <typename T>
void Push(Events& events, T event) {
  events.push_back(std::make_unique<T>(std::move(event)));
}

std::string DayText(CivilDay d) { return absl::FormatCivilTime(d); }

void Touch(DelegationState& s, CivilDay day) {
  if (!s.last_change.has_value() || *s.last_change < day) s.last_change = day;
}

// Ends the open period on `day`.
void Close(DelegationState& s, CivilDay day) {
  for (Period& p : s.periods) {
    if (!p.until.has_value()) p.until = day;
  }
}

absl::Status ValidateExerciser(const v1::Exerciser& e,
                               absl::string_view member_id) {
  switch (e.kind()) {
    case v1::EXERCISER_KIND_CONSORTIUM:
      if (!e.lead_member_id().empty()) {
        return InvalidField("delegate.lead_member_id", "only for a lead ente");
      }
      return absl::OkStatus();
    case v1::EXERCISER_KIND_LEAD_ENTE:
      CONCORDIA_RETURN_IF_ERROR(
          ValidateId(e.lead_member_id(), "delegate.lead_member_id"));
      if (e.lead_member_id() == member_id) {
        return InvalidField("delegate.lead_member_id",
                            "a member does not delegate to itself");
      }
      return absl::OkStatus();
    case v1::EXERCISER_KIND_MEMBER_ITSELF:
      return InvalidField("delegate",
                          "to exercise a function itself a member revokes "
                          "its delegation");
    default:
      return InvalidField("delegate.kind", "the consortium or a lead ente");
  }
}

absl::Status RequireNotCeased(const DelegationState& s,
                              absl::string_view member, CivilDay day) {
  if (s.ceased_on.has_value() && day >= *s.ceased_on) {
    return Rejected(reasons::kNotAMember,
                    absl::StrCat(member, " merged into ", s.successor_id,
                                 " on ", DayText(*s.ceased_on)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckNotRetroactive(const DelegationState& s, CivilDay day) {
  if (s.last_change.has_value() && day < *s.last_change) {
    return Rejected(reasons::kRetroactiveChange,
                    absl::StrCat("the arrangement already changed on ",
                                 DayText(*s.last_change),
                                 "; a change effective earlier would rewrite "
                                 "who exercised the function"));
  }
  return absl::OkStatus();
}

namespace {

// A lead ente that is a predecessor becomes the successor itself.
v1::Exerciser Normalise(const v1::Exerciser& e,
                        const std::map<std::string, DelegationState>& preds) {
  if (e.kind() == v1::EXERCISER_KIND_LEAD_ENTE &&
      preds.count(e.lead_member_id()) > 0) {
    return MemberItself();
  }
  return e;
}

}  // namespace

std::string FunctionSlug(v1::Function function) {
  std::string name = v1::Function_Name(function);
  absl::string_view view(name);
  absl::ConsumePrefix(&view, "FUNCTION_");
  return absl::StrReplaceAll(absl::AsciiStrToLower(view), {{"_", "-"}});
}

const std::vector<v1::Function>& AllFunctions() {
  static const std::vector<v1::Function>* const all = [] {
    auto* out = new std::vector<v1::Function>();
    const google::protobuf::EnumDescriptor* d = v1::Function_descriptor();
    for (int i = 0; i < d->value_count(); ++i) {
      if (d->value(i)->number() != v1::FUNCTION_UNSPECIFIED) {
        out->push_back(static_cast<v1::Function>(d->value(i)->number()));
      }
    }
    return out;
  }();
  return *all;
}

std::string DelegationStream(absl::string_view consortium_id,
                             absl::string_view member_id,
                             v1::Function function) {
  return absl::StrCat(consortium_id, "/delegation/", member_id, "/",
                      FunctionSlug(function));
}

v1::Exerciser MemberItself() {
  v1::Exerciser e;
  e.set_kind(v1::EXERCISER_KIND_MEMBER_ITSELF);
  return e;
}

bool SameExerciser(const v1::Exerciser& a, const v1::Exerciser& b) {
  return a.kind() == b.kind() && a.lead_member_id() == b.lead_member_id();
}

std::string Describe(const v1::Exerciser& e) {
  switch (e.kind()) {
    case v1::EXERCISER_KIND_MEMBER_ITSELF:
      return "the member itself";
    case v1::EXERCISER_KIND_CONSORTIUM:
      return "the consortium";
    case v1::EXERCISER_KIND_LEAD_ENTE:
      return absl::StrCat("lead ente ", e.lead_member_id());
    default:
      return "nobody";
  }
}

const Period* DelegationState::PeriodOn(CivilDay day) const {
  for (const Period& p : periods) {
    if (p.Covers(day)) return &p;
  }
  return nullptr;
}

const Period* DelegationState::Open() const {
  for (const Period& p : periods) {
    if (!p.until.has_value()) return &p;
  }
  return nullptr;
}

FunctionExercise DelegationState::ExerciseOn(CivilDay day) const {
  FunctionExercise out;
  if (ceased_on.has_value() && day >= *ceased_on) {
    out.ceased = true;
    out.successor_id = successor_id;
    return out;
  }
  const Period* p = PeriodOn(day);
  if (p == nullptr) {
    out.exerciser = MemberItself();
    return out;
  }
  out.exerciser = p->delegate;
  out.delegation = p->basis;
  return out;
}

FunctionExercise UnderAccord(FunctionExercise e,
                             const accord::AccordState* accord, CivilDay day) {
  if (!e.delegation.has_value() || e.delegation->accord_id().empty()) return e;
  bool binds = accord != nullptr && accord->exists && accord->InForceOn(day);
  if (binds) {
    bool member = accord->IsActivePartyOn(e.delegation->member_id(), day);
    for (const std::string& p : e.delegation->inherited_from()) {
      member = member || accord->IsActivePartyOn(p, day);
    }
    const bool lead =
        e.exerciser.kind() != v1::EXERCISER_KIND_LEAD_ENTE ||
        accord->IsActivePartyOn(e.exerciser.lead_member_id(), day);
    binds = member && lead;
  }
  if (!binds) {
    e.lapsed = true;
    e.exerciser = MemberItself();
  }
  return e;
}

absl::Status ApplyDelegationEvent(DelegationState& s,
                                  const google::protobuf::Message& event,
                                  const log::Record&) {
  if (const auto* e = dynamic_cast<const v1::FunctionDelegated*>(&event)) {
    s.member_id = e->member_id();
    s.function = e->function();
    const CivilDay from = DayOf(e->effective_from());
    s.periods.push_back({from, std::nullopt, e->delegate(), *e});
    Touch(s, from);
  } else if (const auto* e =
                 dynamic_cast<const v1::DelegationRevoked*>(&event)) {
    const CivilDay day = DayOf(e->effective_from());
    Close(s, day);
    Touch(s, day);
  } else if (const auto* e =
                 dynamic_cast<const v1::DelegateSucceeded*>(&event)) {
    const CivilDay day = DayOf(e->effective_from());
    const Period* open = s.Open();
    if (open != nullptr) {
      Period next = *open;
      Close(s, day);
      next.from = day;
      next.until.reset();
      next.delegate.set_lead_member_id(e->successor_lead_id());
      s.periods.push_back(std::move(next));
    }
    Touch(s, day);
  } else if (const auto* e =
                 dynamic_cast<const v1::MemberFunctionSucceeded*>(&event)) {
    const CivilDay day = DayOf(e->effective_from());
    s.member_id = e->member_id();
    s.function = e->function();
    Close(s, day);
    s.ceased_on = day;
    s.successor_id = e->successor_id();
    Touch(s, day);
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> DecideDelegate(const DelegationState& s,
                                      absl::string_view consortium_id,
                                      const Delegate& c,
                                      const DelegateInputs& in) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.member_id, "member_id"));
  if (c.function == v1::FUNCTION_UNSPECIFIED) {
    return InvalidField("function", "required");
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateExerciser(c.delegate, c.member_id));
  CONCORDIA_RETURN_IF_ERROR(
      allocation::ValidateCostSharingRule(c.cost_sharing, "cost_sharing"));
  const bool by_accord = !c.accord_id.empty();
  if (by_accord == acts::IsSet(c.act)) {
    return InvalidField("accord_id",
                        "a delegation is made under an accord or by a "
                        "deliberation: exactly one");
  }
  if (by_accord) {
    CONCORDIA_RETURN_IF_ERROR(ValidateId(c.accord_id, "accord_id"));
  } else {
    CONCORDIA_RETURN_IF_ERROR(acts::ValidateAct(c.act, "act"));
  }
  const CivilDay day = c.effective_from;
  CONCORDIA_RETURN_IF_ERROR(RequireNotCeased(s, c.member_id, day));
  const consortium::ConsortiumState& consortium = *in.consortium;
  const bool to_lead = c.delegate.kind() == v1::EXERCISER_KIND_LEAD_ENTE;
  for (const std::string& m :
       {c.member_id, to_lead ? c.delegate.lead_member_id() : std::string()}) {
    if (!m.empty() && !consortium.IsMemberOn(m, day)) {
      return Rejected(reasons::kNotAMember,
                      absl::StrCat(m, " is not a member of the consortium on ",
                                   DayText(day)));
    }
  }
  if (by_accord) {
    if (in.accord == nullptr || !in.accord->exists) {
      return UnknownEntity("accord", c.accord_id);
    }
    if (!in.accord->InForceOn(day)) {
      return Rejected(reasons::kNotInForce,
                      absl::StrCat("accord ", c.accord_id, " is ",
                                   accord::StageName(in.accord->stage()),
                                   ", not in force on ", DayText(day)));
    }
    for (const std::string& m :
         {c.member_id, to_lead ? c.delegate.lead_member_id() : std::string()}) {
      if (!m.empty() && !in.accord->IsActivePartyOn(m, day)) {
        return Rejected(reasons::kNotAParty,
                        absl::StrCat(m, " is not a party of accord ",
                                     c.accord_id, " on ", DayText(day)));
      }
    }
  } else if (!in.act_executive) {
    return Rejected(
        reasons::kDeliberationNotExecutive,
        absl::StrCat(acts::Describe(c.act), " is not executive on ",
                     DayText(day), "; the delegation cannot take effect"));
  }
  CONCORDIA_RETURN_IF_ERROR(CheckNotRetroactive(s, day));
  if (const Period* p = s.PeriodOn(day) ? s.PeriodOn(day) : s.Open()) {
    return Rejected(
        reasons::kFunctionAlreadyDelegated,
        absl::StrCat(c.member_id, " already delegates ",
                     FunctionSlug(c.function), " to ", Describe(p->delegate),
                     " from ", DayText(p->from), "; revoke it first"));
  }
  Events events;
  v1::FunctionDelegated e;
  e.set_consortium_id(std::string(consortium_id));
  e.set_member_id(c.member_id);
  e.set_function(c.function);
  *e.mutable_delegate() = c.delegate;
  *e.mutable_effective_from() = ToDate(day);
  e.set_accord_id(c.accord_id);
  if (!by_accord) *e.mutable_act() = c.act;
  *e.mutable_cost_sharing() = c.cost_sharing;
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideRevoke(const DelegationState& s,
                                    absl::string_view consortium_id,
                                    const Revoke& c, bool act_executive) {
  CONCORDIA_RETURN_IF_ERROR(acts::ValidateAct(c.act, "act"));
  const CivilDay day = c.effective_from;
  CONCORDIA_RETURN_IF_ERROR(RequireNotCeased(s, s.member_id, day));
  const Period* p = s.PeriodOn(day);
  if (p == nullptr) {
    return Rejected(reasons::kFunctionNotDelegated,
                    absl::StrCat("the function is not delegated on ",
                                 DayText(day), "; nothing to revoke"));
  }
  CONCORDIA_RETURN_IF_ERROR(CheckNotRetroactive(s, day));
  if (day <= p->from) {
    return InvalidField(
        "effective_from",
        absl::StrCat("the delegation starts on ", DayText(p->from),
                     "; a revocation takes effect after it"));
  }
  if (!act_executive) {
    return Rejected(reasons::kDeliberationNotExecutive,
                    absl::StrCat(acts::Describe(c.act), " is not executive on ",
                                 DayText(day)));
  }
  Events events;
  v1::DelegationRevoked e;
  e.set_consortium_id(std::string(consortium_id));
  e.set_member_id(s.member_id);
  e.set_function(s.function);
  *e.mutable_effective_from() = ToDate(day);
  *e.mutable_act() = c.act;
  e.set_reason(c.reason);
  Push(events, e);
  return events;
}

absl::StatusOr<Inheritance> ResolveInheritance(
    v1::Function function,
    const std::map<std::string, DelegationState>& predecessors, CivilDay day,
    const std::optional<v1::Exerciser>& choice) {
  struct Option {
    v1::Exerciser exerciser;
    std::optional<v1::FunctionDelegated> basis;
    std::vector<std::string> from;
  };
  std::vector<Option> options;
  for (const auto& [id, s] : predecessors) {
    const FunctionExercise before = s.ExerciseOn(day - 1);
    const v1::Exerciser e = Normalise(before.exerciser, predecessors);
    auto same = std::find_if(
        options.begin(), options.end(),
        [&](const Option& o) { return SameExerciser(o.exerciser, e); });
    if (same == options.end()) {
      options.push_back({e, std::nullopt, {}});
      same = std::prev(options.end());
    }
    if (e.kind() != v1::EXERCISER_KIND_MEMBER_ITSELF) {
      if (!same->basis.has_value()) same->basis = before.delegation;
      same->from.push_back(id);
    }
  }
  const Option* chosen = options.size() == 1 ? &options[0] : nullptr;
  if (choice.has_value()) {
    chosen = nullptr;
    for (const Option& o : options) {
      if (SameExerciser(o.exerciser, *choice)) chosen = &o;
    }
    if (chosen == nullptr) {
      return InvalidField(
          absl::StrCat("choices[", FunctionSlug(function), "]"),
          "choose one of the predecessors' arrangements; delegate anew after "
          "the merger");
    }
  }
  if (chosen == nullptr) {
    std::vector<std::string> described;
    for (const Option& o : options) described.push_back(Describe(o.exerciser));
    return Rejected(
        reasons::kSuccessionConflict,
        absl::StrCat("the merged members exercised ", FunctionSlug(function),
                     " differently (", absl::StrJoin(described, "; "),
                     "); the successor must choose"));
  }
  Inheritance out;
  out.exerciser = chosen->exerciser;
  out.basis = chosen->basis;
  out.from = chosen->from;
  return out;
}

Events DecideCease(const DelegationState& s, absl::string_view consortium_id,
                   absl::string_view member_id, v1::Function function,
                   absl::string_view successor_id, CivilDay day) {
  Events events;
  if (s.ceased_on.has_value()) return events;
  v1::MemberFunctionSucceeded e;
  e.set_consortium_id(std::string(consortium_id));
  e.set_member_id(std::string(member_id));
  e.set_function(function);
  e.set_successor_id(std::string(successor_id));
  *e.mutable_effective_from() = ToDate(day);
  Push(events, e);
  return events;
}

Events DecideInherit(const DelegationState& s, absl::string_view consortium_id,
                     absl::string_view successor_id, v1::Function function,
                     const Inheritance& inheritance, CivilDay day) {
  Events events;
  if (!s.periods.empty() ||
      inheritance.exerciser.kind() == v1::EXERCISER_KIND_MEMBER_ITSELF ||
      !inheritance.basis.has_value()) {
    return events;
  }
  v1::FunctionDelegated e = *inheritance.basis;
  e.set_consortium_id(std::string(consortium_id));
  e.set_member_id(std::string(successor_id));
  e.set_function(function);
  *e.mutable_delegate() = inheritance.exerciser;
  *e.mutable_effective_from() = ToDate(day);
  e.clear_inherited_from();
  for (const std::string& p : inheritance.from) e.add_inherited_from(p);
  Push(events, e);
  return events;
}

Events DecideLeadSucceeded(const DelegationState& s,
                           absl::string_view consortium_id,
                           const std::vector<std::string>& predecessors,
                           absl::string_view successor_id, CivilDay day) {
  Events events;
  const Period* p = s.PeriodOn(day);
  if (p == nullptr || p->delegate.kind() != v1::EXERCISER_KIND_LEAD_ENTE ||
      std::find(predecessors.begin(), predecessors.end(),
                p->delegate.lead_member_id()) == predecessors.end() ||
      (s.ceased_on.has_value() && day >= *s.ceased_on)) {
    return events;
  }
  v1::DelegateSucceeded e;
  e.set_consortium_id(std::string(consortium_id));
  e.set_member_id(s.member_id);
  e.set_function(s.function);
  e.set_previous_lead_id(p->delegate.lead_member_id());
  e.set_successor_lead_id(std::string(successor_id));
  *e.mutable_effective_from() = ToDate(day);
  Push(events, e);
  return events;
}

}  // namespace concordia::domain::delegation
