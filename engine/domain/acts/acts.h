// Acts that rules depend on (invariant 17): a party's approving
// deliberation, a decree approving an accordo di programma, the act granting
// a fund. An act is either a deliberation in Concordia (by proposal id:
// Concordia knows when it became executive) or an act outside it (a comune's
// own council, a regional decree), recorded by reference — body, number,
// date, optionally the SHA-256 of its document — with the day the party
// declares it became executive.
//
// These helpers validate the reference and answer "executive on D" for
// external acts; for deliberations in Concordia the command handler asks
// Governance::ExecutiveOn and passes the answer to the pure Decide.
//
// Thread-safety: pure functions.
//
// Example:
//   CONCORDIA_RETURN_IF_ERROR(ValidateAct(cmd.act, "act"));
//   bool executive = IsInternal(cmd.act) ? governance_says
//                                        : ExternalExecutiveOn(cmd.act, day);
#ifndef CONCORDIA_ENGINE_DOMAIN_ACTS_ACTS_H_
#define CONCORDIA_ENGINE_DOMAIN_ACTS_ACTS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/cooperation.pb.h"

namespace concordia::domain::acts {

// Whether the act is a deliberation in Concordia (it names a proposal id).
bool IsInternal(const v1::ApprovingAct& act);

// Whether `act` is set at all.
bool IsSet(const v1::ApprovingAct& act);

// kInvalidArgument naming `field`: an internal act needs a valid proposal id
// and no declared executivity; an external one needs body, number, a valid
// date and the declared executive day (not before the act's date); a
// document hash, when given, is 64 lowercase hex digits.
absl::Status ValidateAct(const v1::ApprovingAct& act, const std::string& field);

// External acts: executive on `day` (declared executive on or before it).
// False for internal acts (ask Governance).
bool ExternalExecutiveOn(const v1::ApprovingAct& act, absl::CivilDay day);

// A short human reference: "deliberation p-2026-4" or "Consiglio comunale
// di Melegnano n. 12 of 2026-02-10".
std::string Describe(const v1::ApprovingAct& act);

// kInvalidArgument naming `field` unless `hex` is empty or 64 lowercase hex
// digits.
absl::Status ValidateSha256Hex(const std::string& hex,
                               const std::string& field);

}  // namespace concordia::domain::acts

#endif  // CONCORDIA_ENGINE_DOMAIN_ACTS_ACTS_H_
