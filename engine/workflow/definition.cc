#include "engine/workflow/definition.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/common/errors.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/command.h"
#include "engine/domain/core/dates.h"
#include "engine/workflow/default_workflows.h"
#include "engine/workflow/kinds.h"

namespace concordia::workflow {
namespace {

using domain::InvalidField;

const std::vector<v1::WorkflowDefinition>& Defaults() {
  static const std::vector<v1::WorkflowDefinition>* const d =
      new std::vector<v1::WorkflowDefinition>(DefaultWorkflows());
  return *d;
}

absl::Status Id(absl::string_view id, const std::string& field) {
  return domain::ValidateId(id, field);
}

bool Contains(const std::vector<std::string>& v, absl::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// What the validation of one definition knows about it.
struct Names {
  std::set<std::string> states;
  std::set<std::string> terminal;
  std::set<std::string> flags;
  std::set<std::string> opinions;
};

absl::Status ValidatePerformer(const v1::Performer& p,
                               const v1::WorkflowDefinition& d,
                               const std::string& f) {
  switch (p.role()) {
    case v1::ROLE_UNSPECIFIED:
      return InvalidField(f + ".role", "required");
    case v1::ROLE_REGIONAL_SYSTEM:
    case v1::ROLE_AUDITOR:
      return InvalidField(f + ".role",
                          absl::StrCat(v1::Role_Name(p.role()),
                                       " reads only and performs nothing"));
    default:
      break;
  }
  const bool secretary = p.role() == v1::ROLE_SECRETARY;
  const bool delegate = p.role() == v1::ROLE_MEMBER_DELEGATE;
  switch (p.scope()) {
    case v1::PERFORMER_SCOPE_UNSPECIFIED:
      return InvalidField(f + ".scope", "required");
    case v1::PERFORMER_SCOPE_ANY:
      break;
    case v1::PERFORMER_SCOPE_ACT_BODY:
      if (!secretary) {
        return InvalidField(f + ".scope",
                            "the act's body needs ROLE_SECRETARY");
      }
      if (!d.concerns_body()) {
        return InvalidField(f + ".scope", "acts of this kind concern no body");
      }
      break;
    case v1::PERFORMER_SCOPE_ACT_MEMBER:
      if (!delegate) {
        return InvalidField(f + ".scope",
                            "the act's member needs ROLE_MEMBER_DELEGATE");
      }
      if (!d.concerns_member()) {
        return InvalidField(f + ".scope",
                            "acts of this kind concern no member");
      }
      break;
    case v1::PERFORMER_SCOPE_ACTING_MEMBER:
      if (!delegate) {
        return InvalidField(f + ".scope",
                            "the acting member needs ROLE_MEMBER_DELEGATE");
      }
      break;
    case v1::PERFORMER_SCOPE_BODY_OF_KIND:
      if (!secretary) {
        return InvalidField(f + ".scope", "a body needs ROLE_SECRETARY");
      }
      if (p.body_kind() == v1::BODY_KIND_UNSPECIFIED) {
        return InvalidField(f + ".body_kind", "required for BODY_OF_KIND");
      }
      return absl::OkStatus();
    default:
      return InvalidField(f + ".scope", "unknown scope");
  }
  if (p.body_kind() != v1::BODY_KIND_UNSPECIFIED) {
    return InvalidField(f + ".body_kind", "only with BODY_OF_KIND");
  }
  return absl::OkStatus();
}

absl::Status ValidatePerformers(
    const google::protobuf::RepeatedPtrField<v1::Performer>& performers,
    const v1::WorkflowDefinition& d, const std::string& f) {
  for (int i = 0; i < performers.size(); ++i) {
    CONCORDIA_RETURN_IF_ERROR(
        ValidatePerformer(performers[i], d, absl::StrCat(f, "[", i, "]")));
  }
  return absl::OkStatus();
}

absl::Status ValidateStates(const v1::WorkflowDefinition& d,
                            const std::string& f, Names& n) {
  if (d.states().empty()) return InvalidField(f + ".states", "required");
  for (int i = 0; i < d.states_size(); ++i) {
    const v1::WorkflowState& s = d.states(i);
    const std::string sf = absl::StrCat(f, ".states[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(Id(s.name(), sf + ".name"));
    if (!n.states.insert(s.name()).second) {
      return InvalidField(sf + ".name", absl::StrCat("'", s.name(), "' twice"));
    }
    if (s.terminal()) n.terminal.insert(s.name());
  }
  if (n.states.count(d.initial_state()) == 0) {
    return InvalidField(f + ".initial_state", "not one of the states");
  }
  if (n.terminal.count(d.initial_state()) > 0) {
    return InvalidField(f + ".initial_state", "a terminal state");
  }
  return absl::OkStatus();
}

absl::Status ValidateDeadlines(const v1::WorkflowDefinition& d,
                               const std::string& f, const Names& n) {
  for (int i = 0; i < d.states_size(); ++i) {
    const v1::WorkflowState& s = d.states(i);
    if (!s.has_deadline()) continue;
    const std::string df = absl::StrCat(f, ".states[", i, "].deadline");
    if (s.terminal()) {
      return InvalidField(df, "a terminal state has no deadline");
    }
    absl::StatusOr<calendar::DeadlineRule> rule =
        calendar::FromProto(s.deadline().period());
    if (!rule.ok()) {
      return InvalidField(
          absl::StrCat(df, ".period.", ErrorMetadata(rule.status())["field"]),
          rule.status().message());
    }
    if (rule->amount <= 0) {
      return InvalidField(df + ".period.amount", "at least 1");
    }
    switch (s.deadline().outcome()) {
      case v1::DEADLINE_OUTCOME_FLAG_OVERDUE:
        if (!s.deadline().action().empty()) {
          return InvalidField(df + ".action", "only for automatic transitions");
        }
        break;
      case v1::DEADLINE_OUTCOME_AUTOMATIC_TRANSITION: {
        const v1::WorkflowTransition* t =
            FindTransition(d, s.deadline().action());
        if (t == nullptr) {
          return InvalidField(df + ".action", "not one of the actions");
        }
        if (!AllowedIn(*t, s.name())) {
          return InvalidField(
              df + ".action",
              absl::StrCat("'", t->action(), "' may not be performed in '",
                           s.name(), "'"));
        }
        if (t->to_state() == s.name()) {
          return InvalidField(df + ".action",
                              "an automatic action must leave the state");
        }
        break;
      }
      default:
        return InvalidField(df + ".outcome", "required");
    }
  }
  (void)n;
  return absl::OkStatus();
}

absl::Status ValidateTransitions(const v1::WorkflowDefinition& d,
                                 const std::string& f, const Names& n,
                                 const BoundKind* bound) {
  std::set<std::string> actions;
  for (int i = 0; i < d.transitions_size(); ++i) {
    const v1::WorkflowTransition& t = d.transitions(i);
    const std::string tf = absl::StrCat(f, ".transitions[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(Id(t.action(), tf + ".action"));
    if (!actions.insert(t.action()).second) {
      return InvalidField(tf + ".action",
                          absl::StrCat("'", t.action(), "' twice"));
    }
    if (t.from_states().empty()) {
      return InvalidField(tf + ".from_states", "required");
    }
    std::set<std::string> from;
    for (int j = 0; j < t.from_states_size(); ++j) {
      const std::string& s = t.from_states(j);
      const std::string ff = absl::StrCat(tf, ".from_states[", j, "]");
      if (n.states.count(s) == 0) {
        return InvalidField(ff, absl::StrCat("'", s, "' is not a state"));
      }
      if (n.terminal.count(s) > 0) {
        return InvalidField(ff, absl::StrCat("'", s, "' is terminal"));
      }
      if (!from.insert(s).second) {
        return InvalidField(ff, absl::StrCat("'", s, "' twice"));
      }
    }
    if (n.states.count(t.to_state()) == 0) {
      return InvalidField(tf + ".to_state", "not one of the states");
    }
    CONCORDIA_RETURN_IF_ERROR(
        ValidatePerformers(t.performers(), d, tf + ".performers"));
    if (t.performers().empty()) {
      bool automatic = false;
      for (const v1::WorkflowState& s : d.states()) {
        automatic |= s.has_deadline() && s.deadline().action() == t.action();
      }
      if (!automatic) {
        return InvalidField(tf + ".performers",
                            "nobody may perform it and no deadline does");
      }
    }
    for (int j = 0; j < t.required_opinions_size(); ++j) {
      const v1::RequiredOpinion& r = t.required_opinions(j);
      const std::string rf = absl::StrCat(tf, ".required_opinions[", j, "]");
      if (n.opinions.count(r.opinion()) == 0) {
        return InvalidField(rf + ".opinion", "not one of the opinions");
      }
      for (auto [flag, name] :
           {std::make_pair(&r.only_if_flag(), "only_if_flag"),
            std::make_pair(&r.unless_flag(), "unless_flag")}) {
        if (!flag->empty() && n.flags.count(*flag) == 0) {
          return InvalidField(absl::StrCat(rf, ".", name),
                              absl::StrCat("'", *flag, "' is not a flag"));
        }
      }
    }
    if (!t.delivers_opinion().empty()) {
      CONCORDIA_RETURN_IF_ERROR(
          Id(t.delivers_opinion(), tf + ".delivers_opinion"));
      if (d.subject_kinds().empty()) {
        return InvalidField(tf + ".delivers_opinion",
                            "acts of this kind are about no other act");
      }
    }
    if (bound != nullptr && bound->Binds(t.action())) {
      for (const v1::WorkflowState& s : d.states()) {
        if (s.has_deadline() && s.deadline().action() == t.action()) {
          return InvalidField(
              tf + ".action",
              absl::StrCat("'", t.action(), "' is performed by ",
                           bound->CommandFor(t.action()), ", not a deadline"));
        }
      }
    }
  }
  return absl::OkStatus();
}

// The subject fields the aggregates set on the acts they start.
absl::Status ValidateBound(const v1::WorkflowDefinition& d,
                           const std::string& f, const BoundKind& bound) {
  const bool body = d.act_kind() == kDeliberation;
  if (d.concerns_body() != body) {
    return InvalidField(f + ".concerns_body",
                        absl::StrCat("fixed to ", body ? "true" : "false",
                                     " by ", bound.started_by));
  }
  if (d.body_kind() != v1::BODY_KIND_UNSPECIFIED) {
    return InvalidField(f + ".body_kind", absl::StrCat("fixed to any body by ",
                                                       bound.started_by));
  }
  if (d.concerns_member()) {
    return InvalidField(f + ".concerns_member",
                        absl::StrCat("fixed to false by ", bound.started_by));
  }
  if (!d.subject_kinds().empty()) {
    return InvalidField(f + ".subject_kinds",
                        absl::StrCat("acts started by ", bound.started_by,
                                     " are about no other act"));
  }
  std::vector<std::string> bound_actions = bound.guarded_actions;
  bound_actions.insert(bound_actions.end(), bound.recorded_actions.begin(),
                       bound.recorded_actions.end());
  for (const std::string& action : bound_actions) {
    const v1::WorkflowTransition* t = FindTransition(d, action);
    if (t == nullptr) {
      return InvalidField(f + ".transitions",
                          absl::StrCat("must define '", action, "', which ",
                                       bound.CommandFor(action), " performs"));
    }
    if (Contains(bound.guarded_actions, action) && t->performers().empty()) {
      return InvalidField(f + ".transitions",
                          absl::StrCat("'", action, "' needs its performers"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateDefinition(const v1::WorkflowDefinition& d,
                                const std::string& f) {
  CONCORDIA_RETURN_IF_ERROR(Id(d.act_kind(), f + ".act_kind"));
  const BoundKind* bound = FindBoundKind(d.act_kind());
  Names n;
  for (int i = 0; i < d.flags_size(); ++i) {
    const std::string ff = absl::StrCat(f, ".flags[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(Id(d.flags(i), ff));
    if (!n.flags.insert(d.flags(i)).second) {
      return InvalidField(ff, absl::StrCat("'", d.flags(i), "' twice"));
    }
  }
  if (bound != nullptr)
    n.flags.insert(bound->flags.begin(), bound->flags.end());
  if (d.body_kind() != v1::BODY_KIND_UNSPECIFIED && !d.concerns_body()) {
    return InvalidField(f + ".body_kind", "only when acts concern a body");
  }
  for (int i = 0; i < d.subject_kinds_size(); ++i) {
    CONCORDIA_RETURN_IF_ERROR(
        Id(d.subject_kinds(i), absl::StrCat(f, ".subject_kinds[", i, "]")));
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateStates(d, f, n));
  for (int i = 0; i < d.opinions_size(); ++i) {
    const v1::WorkflowOpinion& o = d.opinions(i);
    const std::string of = absl::StrCat(f, ".opinions[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(Id(o.name(), of + ".name"));
    if (!n.opinions.insert(o.name()).second) {
      return InvalidField(of + ".name", absl::StrCat("'", o.name(), "' twice"));
    }
    CONCORDIA_RETURN_IF_ERROR(
        ValidatePerformers(o.given_by(), d, of + ".given_by"));
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateDeadlines(d, f, n));
  CONCORDIA_RETURN_IF_ERROR(ValidateTransitions(d, f, n, bound));
  if (bound != nullptr) return ValidateBound(d, f, *bound);
  if (d.starters().empty()) {
    return InvalidField(f + ".starters",
                        "nobody may start an act of this kind");
  }
  return ValidatePerformers(d.starters(), d, f + ".starters");
}

}  // namespace

const v1::WorkflowDefinition* DefinitionIn(const v1::Statute& statute,
                                           absl::string_view kind,
                                           bool* is_default) {
  for (const v1::WorkflowDefinition& d : statute.workflows()) {
    if (d.act_kind() == kind) {
      if (is_default != nullptr) *is_default = false;
      return &d;
    }
  }
  for (const v1::WorkflowDefinition& d : Defaults()) {
    if (d.act_kind() == kind) {
      if (is_default != nullptr) *is_default = true;
      return &d;
    }
  }
  return nullptr;
}

const v1::WorkflowState* FindState(const v1::WorkflowDefinition& d,
                                   absl::string_view name) {
  for (const v1::WorkflowState& s : d.states()) {
    if (s.name() == name) return &s;
  }
  return nullptr;
}

const v1::WorkflowTransition* FindTransition(const v1::WorkflowDefinition& d,
                                             absl::string_view action) {
  for (const v1::WorkflowTransition& t : d.transitions()) {
    if (t.action() == action) return &t;
  }
  return nullptr;
}

const v1::WorkflowOpinion* FindOpinion(const v1::WorkflowDefinition& d,
                                       absl::string_view name) {
  for (const v1::WorkflowOpinion& o : d.opinions()) {
    if (o.name() == name) return &o;
  }
  return nullptr;
}

bool AllowedIn(const v1::WorkflowTransition& t, absl::string_view state) {
  return std::find(t.from_states().begin(), t.from_states().end(), state) !=
         t.from_states().end();
}

bool IsRequired(const v1::RequiredOpinion& r,
                const google::protobuf::RepeatedPtrField<std::string>& flags) {
  auto has = [&](const std::string& flag) {
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
  };
  if (!r.only_if_flag().empty() && !has(r.only_if_flag())) return false;
  if (!r.unless_flag().empty() && has(r.unless_flag())) return false;
  return true;
}

absl::Status ValidateWorkflows(const Definitions& definitions,
                               const std::string& field) {
  const std::string f = field + ".workflows";
  std::set<std::string> kinds;
  for (int i = 0; i < definitions.size(); ++i) {
    const std::string df = absl::StrCat(f, "[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(ValidateDefinition(definitions[i], df));
    if (!kinds.insert(definitions[i].act_kind()).second) {
      return InvalidField(
          df + ".act_kind",
          absl::StrCat("'", definitions[i].act_kind(), "' defined twice"));
    }
  }
  // Subjects: each is a kind in force and declares the opinions delivered to
  // it — also by a default definition the statute keeps.
  v1::Statute statute;
  *statute.mutable_workflows() = definitions;
  std::map<std::string, std::string> index;  // kind -> its field
  for (int i = 0; i < definitions.size(); ++i) {
    index[definitions[i].act_kind()] = absl::StrCat(f, "[", i, "]");
  }
  std::vector<std::pair<const v1::WorkflowDefinition*, std::string>> in_force;
  for (int i = 0; i < definitions.size(); ++i) {
    in_force.push_back({&definitions[i], absl::StrCat(f, "[", i, "]")});
  }
  for (const v1::WorkflowDefinition& d : Defaults()) {
    if (index.count(d.act_kind()) == 0) in_force.push_back({&d, ""});
  }
  for (const auto& [d, df] : in_force) {
    for (int j = 0; j < d->subject_kinds_size(); ++j) {
      const std::string& kind = d->subject_kinds(j);
      const v1::WorkflowDefinition* subject = DefinitionIn(statute, kind);
      if (subject == nullptr) {
        return InvalidField(absl::StrCat(df, ".subject_kinds[", j, "]"),
                            absl::StrCat("'", kind, "' is not a kind of act"));
      }
      for (const v1::WorkflowTransition& t : d->transitions()) {
        if (t.delivers_opinion().empty() ||
            FindOpinion(*subject, t.delivers_opinion()) != nullptr) {
          continue;
        }
        // Name the statute's field: the deliverer's, or the subject's when
        // the deliverer is a default.
        const std::string where =
            df.empty() ? index.at(kind) + ".opinions"
                       : absl::StrCat(df, ".subject_kinds[", j, "]");
        return InvalidField(
            where,
            absl::StrCat("'", kind, "' declares no opinion '",
                         t.delivers_opinion(), "', which '", d->act_kind(),
                         "' delivers by '", t.action(), "'"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace concordia::workflow
