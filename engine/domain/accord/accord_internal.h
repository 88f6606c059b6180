// Private to engine/domain/accord: the rules the decision files share.
//
// Thread-safety: pure functions.
//
// Example:
//   CONCORDIA_RETURN_IF_ERROR(internal::RequireInForce(s, day, "why"));
#ifndef CONCORDIA_ENGINE_DOMAIN_ACCORD_ACCORD_INTERNAL_H_
#define CONCORDIA_ENGINE_DOMAIN_ACCORD_ACCORD_INTERNAL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "engine/domain/accord/accord.h"

namespace concordia::domain::accord::internal {

template <typename T>
void Push(Events& events, T event) {
  events.push_back(std::make_unique<T>(std::move(event)));
}

inline std::string DayText(absl::CivilDay d) {
  return absl::FormatCivilTime(d);
}

// kFailedPrecondition unless the accord was drafted.
absl::Status RequireDrafted(const AccordState& s);
// kNotFound for an instrument never proposed.
absl::StatusOr<const Instrument*> FindInstrument(const AccordState& s,
                                                 int number);
// NOT_IN_FORCE unless in force on `day`; `what` says what needed it.
absl::Status RequireInForce(const AccordState& s, absl::CivilDay day,
                            absl::string_view what);
// NOT_A_PARTY or MEMBER_WITHDRAWN unless `party_id` is a public party bound
// on `day`.
absl::Status RequirePublicParty(const AccordState& s,
                                const std::string& party_id,
                                absl::CivilDay day);
absl::Status ValidateSignature(const v1::Signature& sig,
                               const std::string& field);
// The day of a signature in Europe/Rome.
absl::CivilDay SignatureDay(const v1::Signature& sig);
// `consortium_id`: the consortium itself may be a party without a kind.
absl::Status ValidateParty(const v1::AccordParty& p, const std::string& field,
                           absl::string_view consortium_id = "");
absl::Status ValidateTerm(const v1::AccordTerm& t);
// The effect of instrument `number` from `day`.
absl::Status TakeEffect(const AccordState& s, int number, absl::CivilDay day,
                        Events& events);
// Instrument `number` is concluded on `day` (and takes effect at once for a
// convenzione).
absl::Status Conclude(const AccordState& s, int number, absl::CivilDay day,
                      const std::vector<std::string>& signed_by,
                      Events& events);

}  // namespace concordia::domain::accord::internal

#endif  // CONCORDIA_ENGINE_DOMAIN_ACCORD_ACCORD_INTERNAL_H_
