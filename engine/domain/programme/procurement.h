// The procurement configuration of a consortium ("<consortium>/procurement"):
// the thresholds of the three-year purchasing programme and of
// qualification, the qualification levels, and the contracting authorities
// with their qualification — all data, versioned by effective date, with the
// defaults of D.Lgs. 36/2023 in one place (DefaultProcurementRules).
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   ProcurementState p;  // folded
//   v1::ProcurementRules rules = p.RulesAt(absl::CivilDay(2026, 6, 1));
//   const v1::ProcurementThreshold* t =
//       ThresholdFor(rules, v1::PROCUREMENT_KIND_SERVICES);
#ifndef CONCORDIA_ENGINE_DOMAIN_PROGRAMME_PROCUREMENT_H_
#define CONCORDIA_ENGINE_DOMAIN_PROGRAMME_PROCUREMENT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/programme_events.pb.h"
#include "engine/domain/core/aggregate.h"

namespace concordia::domain::programme {

// "<consortium>/procurement".
std::string ProcurementStream(absl::string_view consortium_id);

// The rules that apply until a consortium sets its own:
//  - programme: goods and services from EUR 140,000, works from EUR 150,000
//    (D.Lgs. 36/2023 art. 37 c.1);
//  - qualification: the same amounts (invariant 24; art. 62 c.1 lets
//    non-qualified authorities buy goods and services below EUR 140,000 and
//    works below EUR 500,000 — a consortium applying that sets the works
//    qualification threshold to 50,000,000 cents);
//  - levels (Annex II.4): goods and services SF1 no limit, SF2 up to
//    EUR 5,000,000, SF3 up to EUR 750,000; works L1 no limit, L2 up to
//    EUR 5,382,000, L3 up to EUR 1,000,000.
// Verify the figures against the law in force; they are data.
v1::ProcurementRules DefaultProcurementRules();

// kInvalidArgument naming the field: one threshold per kind, positive
// amounts, levels from 1 with limits that do not shrink towards level 1.
absl::Status ValidateProcurementRules(const v1::ProcurementRules& rules);

// The threshold of `kind`; nullptr when the rules have none.
const v1::ProcurementThreshold* ThresholdFor(const v1::ProcurementRules& rules,
                                             v1::ProcurementKind kind);
// The level `level` of `kind`; nullptr when the rules have none.
const v1::QualificationLevel* LevelFor(const v1::ProcurementRules& rules,
                                       v1::ProcurementKind kind, int level);
// The authority's level for `kind` (0: not qualified).
int AuthorityLevel(const v1::ContractingAuthority& authority,
                   v1::ProcurementKind kind);

struct ProcurementState {
  std::vector<v1::ProcurementRulesSet> rules;  // in order of effect
  std::map<std::string, std::vector<v1::ContractingAuthorityRegistered>>
      authorities;

  // The rules in force on `day` (the defaults before any are set).
  v1::ProcurementRules RulesAt(absl::CivilDay day) const;
  // The authority as registered on `day`; nullptr if not registered then.
  const v1::ContractingAuthority* AuthorityAt(absl::string_view id,
                                              absl::CivilDay day) const;
};

absl::Status ApplyProcurementEvent(ProcurementState& s,
                                   const google::protobuf::Message& event,
                                   const log::Record& record);

absl::StatusOr<Events> DecideSetRules(const ProcurementState& s,
                                      absl::string_view consortium_id,
                                      const v1::ProcurementRules& rules,
                                      absl::CivilDay effective_from);

absl::StatusOr<Events> DecideRegisterAuthority(
    const ProcurementState& s, absl::string_view consortium_id,
    const v1::ContractingAuthority& authority, absl::CivilDay effective_from);

}  // namespace concordia::domain::programme

#endif  // CONCORDIA_ENGINE_DOMAIN_PROGRAMME_PROCUREMENT_H_
