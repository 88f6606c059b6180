// The Delegation aggregate ("<consortium>/delegation/<member>/<function>"):
// who exercises one function for one member over time (gestione associata).
//
// A member delegates a function (social services, child protection, home
// care, ICT, procurement, ...) to the consortium or to a lead ente (capofila)
// from a day, under an accord (a convenzione it is a party of) or by its own
// executive deliberation, with a cost-sharing rule; it may revoke the
// delegation; when members merge, the successor inherits their
// arrangements, and delegations to a merged lead ente pass to its successor.
// The stream holds contiguous periods; outside them the member exercises the
// function itself. Changes never precede the stream's latest change, so
// "who exercises F for M on D" is a function of the stream (invariant 23):
// exactly one body — the member, the consortium or one lead ente.
//
// Invariants enforced here: 17 (the deliberation must be executive on the
// day), 23 (one exerciser at any date: no overlapping delegations).
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   DelegationState s;  // folded
//   FunctionExercise who = s.ExerciseOn(absl::CivilDay(2026, 6, 1));
#ifndef CONCORDIA_ENGINE_DOMAIN_DELEGATION_DELEGATION_H_
#define CONCORDIA_ENGINE_DOMAIN_DELEGATION_DELEGATION_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/delegation_events.pb.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/aggregate.h"

namespace concordia::domain::delegation {

// "social-services" for FUNCTION_SOCIAL_SERVICES: the stream segment.
std::string FunctionSlug(v1::Function function);
// Every function, in enum order (what a succession walks through).
const std::vector<v1::Function>& AllFunctions();

// "<consortium>/delegation/<member>/<function-slug>".
std::string DelegationStream(absl::string_view consortium_id,
                             absl::string_view member_id,
                             v1::Function function);

// The exerciser that is the member itself.
v1::Exerciser MemberItself();
bool SameExerciser(const v1::Exerciser& a, const v1::Exerciser& b);
// "the member itself", "the consortium", "lead ente melegnano".
std::string Describe(const v1::Exerciser& e);

// One stretch of time in which a delegate exercises the function.
struct Period {
  absl::CivilDay from;
  std::optional<absl::CivilDay> until;  // first day it no longer holds
  v1::Exerciser delegate;
  v1::FunctionDelegated basis;  // the delegation (accord, act, cost rule)
  bool Covers(absl::CivilDay day) const {
    return from <= day && (!until.has_value() || day < *until);
  }
};

// The answer to "who exercises F for M on D".
struct FunctionExercise {
  // The member had merged into `successor_id` by then: the question is for
  // the successor.
  bool ceased = false;
  std::string successor_id;
  v1::Exerciser exerciser;  // the member itself when no delegation holds
  // The delegation in force, if any.
  std::optional<v1::FunctionDelegated> delegation;
  // The delegation was made under an accord that no longer binds the member
  // (or its lead ente) on the day: it lapsed, and the member exercises the
  // function itself.
  bool lapsed = false;
};

struct DelegationState {
  std::string member_id;
  v1::Function function = v1::FUNCTION_UNSPECIFIED;
  std::vector<Period> periods;  // in order, never overlapping
  std::optional<absl::CivilDay> ceased_on;
  std::string successor_id;
  // The latest effective day recorded: no change may precede it.
  std::optional<absl::CivilDay> last_change;

  const Period* PeriodOn(absl::CivilDay day) const;
  // The period without an end, if any.
  const Period* Open() const;
  FunctionExercise ExerciseOn(absl::CivilDay day) const;
};

// A delegation made under an accord holds only while the accord is in
// force and binds the member (or, for an inherited delegation, one of the
// predecessors it succeeded) and the lead ente; otherwise it lapses.
// `accord`: the accord the delegation names (nullptr when not found).
FunctionExercise UnderAccord(FunctionExercise exercise,
                             const accord::AccordState* accord,
                             absl::CivilDay day);

absl::Status ApplyDelegationEvent(DelegationState& s,
                                  const google::protobuf::Message& event,
                                  const log::Record& record);

// RETROACTIVE_CHANGE when the stream already changed after `day`.
absl::Status CheckNotRetroactive(const DelegationState& s, absl::CivilDay day);

// --- Commands.

struct Delegate {
  std::string member_id;
  v1::Function function = v1::FUNCTION_UNSPECIFIED;
  v1::Exerciser delegate;
  absl::CivilDay effective_from;
  std::string accord_id;  // under a convenzione, or
  v1::ApprovingAct act;   // by the member's deliberation
  v1::CostSharingRule cost_sharing;
};

// What a delegation is checked against (loaded by the handler).
struct DelegateInputs {
  const consortium::ConsortiumState* consortium = nullptr;
  // The accord named by `accord_id` (nullptr when none is named).
  const accord::AccordState* accord = nullptr;
  // The act is executive on the effective day.
  bool act_executive = false;
};

absl::StatusOr<Events> DecideDelegate(const DelegationState& s,
                                      absl::string_view consortium_id,
                                      const Delegate& cmd,
                                      const DelegateInputs& in);

struct Revoke {
  absl::CivilDay effective_from;
  v1::ApprovingAct act;
  std::string reason;
};
absl::StatusOr<Events> DecideRevoke(const DelegationState& s,
                                    absl::string_view consortium_id,
                                    const Revoke& cmd, bool act_executive);

// --- Succession (comuni merging into a successor on `day`).

// What the successor exercises for one function from the merger.
struct Inheritance {
  v1::Exerciser exerciser;
  // The inherited delegation (cost rule, accord, act) when not itself.
  std::optional<v1::FunctionDelegated> basis;
  std::vector<std::string> from;  // the predecessors delegating
};

// The successor's arrangement for `function`, from the predecessors'
// arrangements on the day before the merger. A delegation to a lead ente
// that is itself a predecessor becomes the successor's own exercise. When
// the predecessors differ, `choice` (one of their arrangements) decides;
// without it SUCCESSION_CONFLICT.
absl::StatusOr<Inheritance> ResolveInheritance(
    v1::Function function,
    const std::map<std::string, DelegationState>& predecessors,
    absl::CivilDay day, const std::optional<v1::Exerciser>& choice);

// The predecessor's stream on the merger: it ceases (nothing if it already
// did).
Events DecideCease(const DelegationState& s, absl::string_view consortium_id,
                   absl::string_view member_id, v1::Function function,
                   absl::string_view successor_id, absl::CivilDay day);

// The successor's stream: it inherits (nothing when it exercises the
// function itself or already inherited).
Events DecideInherit(const DelegationState& s, absl::string_view consortium_id,
                     absl::string_view successor_id, v1::Function function,
                     const Inheritance& inheritance, absl::CivilDay day);

// Another member's stream: its delegation to a merged lead ente passes to
// the successor (nothing when it does not delegate to one of them).
Events DecideLeadSucceeded(const DelegationState& s,
                           absl::string_view consortium_id,
                           const std::vector<std::string>& predecessors,
                           absl::string_view successor_id, absl::CivilDay day);

}  // namespace concordia::domain::delegation

#endif  // CONCORDIA_ENGINE_DOMAIN_DELEGATION_DELEGATION_H_
