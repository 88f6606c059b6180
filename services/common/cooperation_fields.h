// Request fields of the domain II services (accords, delegations,
// programmes and procurement, projects): validation of the data messages of
// concordia.v1 cooperation.proto as they arrive in requests, naming the
// field as a path ("act.deliberation.body", "parties[3].role",
// "signature.signed_at") exactly as the domain's own checks name it.
//
// These checks run in the service before anything is read, so malformed
// input is INVALID_ARGUMENT whether or not the entities exist. The domain's
// Decide functions check the rules that depend on state (an act executive
// on a day, a party bound by the accord).
//
// Thread-safety: pure functions (PastDayOrToday and SignatureOrNow read the
// env's clock).
//
// Example:
//   CONCORDIA_RETURN_IF_ERROR(RequireAct(req.act(), req.has_act(), "act"));
//   CONCORDIA_ASSIGN_OR_RETURN(
//       v1::Signature sig,
//       SignatureOrNow(env, req.signature(), req.has_signature(), "signature",
//                      principal));
#ifndef CONCORDIA_SERVICES_COMMON_COOPERATION_FIELDS_H_
#define CONCORDIA_SERVICES_COMMON_COOPERATION_FIELDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/cooperation.pb.h"
#include "google/protobuf/repeated_field.h"
#include "services/common/service_env.h"

namespace concordia {

// The largest amount of money a request may carry: EUR 10 billion, in cents
// (sums of many amounts stay far from int64's limit).
inline constexpr int64_t kMaxCents = 1'000'000'000'000;

// An approving act (ApprovingAct): required unless `required` is false, then
// only validated when set. A deliberation in Concordia by proposal id, or an
// external act with body, number, date and declared executive day.
absl::Status RequireAct(const v1::ApprovingAct& act, bool present,
                        const std::string& field, bool required = true);

// An electronic signature: its type is required; an empty signer becomes
// `default_signer` (or is required when that is empty); an unset signed_at
// becomes the server clock's now; signed_at after now is refused.
absl::StatusOr<v1::Signature> SignatureOrNow(const ServiceEnv& env,
                                             const v1::Signature& signature,
                                             bool present,
                                             const std::string& field,
                                             const std::string& default_signer);

// A party of an accord; `consortium_id` may itself be a party (without a
// member kind).
absl::Status RequireParty(const v1::AccordParty& party,
                          const std::string& field,
                          absl::string_view consortium_id);

// An optional date not after today (Europe/Rome, server clock); today when
// unset.
absl::StatusOr<absl::CivilDay> PastDayOrToday(const ServiceEnv& env,
                                              const v1::Date& date,
                                              bool present,
                                              absl::string_view field);

// A year of a programme, a collection of needs or a purchase: 2000..2100.
absl::Status RequireYear(int32_t year, absl::string_view field);

// An amount in cents: 0..kMaxCents, or 1..kMaxCents when `positive`.
absl::Status RequireCents(int64_t cents, absl::string_view field,
                          bool positive);

// A SHA-256 in 64 lowercase hex digits, or empty.
absl::Status RequireSha256(const std::string& hex, const std::string& field);

// An instrument number of an accord: 0..9999.
absl::Status RequireInstrument(int32_t instrument);

// The consortium or a lead ente (not "the member itself", which is a
// revocation).
absl::Status RequireDelegate(const v1::Exerciser& delegate, bool present,
                             const std::string& field);

// A cost-sharing rule: required unless `required` is false.
absl::Status RequireCostSharing(const v1::CostSharingRule& rule, bool present,
                                const std::string& field, bool required);

// A programme item's shape (id, title, year, bounded texts, amount); what
// its programme's kind requires (a purchase's kind and category) is the
// domain's check.
absl::Status RequireProgrammeItem(const v1::ProgrammeItem& item, bool present,
                                  const std::string& field);

// NOT_FOUND unless the consortium has been registered (for commands whose
// handlers do not load the consortium themselves).
absl::Status RequireConsortium(const ServiceEnv& env,
                               const std::string& consortium_id);

// Distinct ids, at least `min` of them, each named "<field>[i]".
absl::StatusOr<std::vector<std::string>> DistinctIds(
    const google::protobuf::RepeatedPtrField<std::string>& ids,
    const std::string& field, size_t min);

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_COMMON_COOPERATION_FIELDS_H_
