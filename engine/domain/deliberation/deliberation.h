// The Deliberation aggregate ("<consortium>/deliberation/<proposal-id>") and
// the Register of numbers ("<consortium>/register/<body>/<year>").
//
// A deliberation's life: drafted → opinions (TUEL art. 49) → on an agenda →
// voted → adopted (numbered) or rejected → published on the albo →
// executive (after the statute's days, or at once when declared immediately
// executable) → possibly revoked or annulled by a later deliberation of the
// same body.
//
// Invariants enforced here: 13 (opinions before the agenda; reason required
// against a negative opinion — with the session), 14 (numbers per body per
// year, gapless, never reused: the register's stream version is the number),
// 15 (executivity never before publication unless immediately executable),
// 16 (albo window with interruptions, ended by its timer), 18 (revocation and
// annulment by the same body; annulment of economic benefits within the limit).
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   DeliberationState d;  // folded
//   std::string why;
//   if (!d.ReadyForAgenda(&why)) return Rejected(reasons::kMissingOpinion, why);
#ifndef CONCORDIA_ENGINE_DOMAIN_DELIBERATION_DELIBERATION_H_
#define CONCORDIA_ENGINE_DOMAIN_DELIBERATION_DELIBERATION_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/deliberation_events.pb.h"
#include "concordia/v1/governance.pb.h"
#include "engine/domain/core/aggregate.h"

namespace concordia::domain::deliberation {

std::string DeliberationStream(absl::string_view consortium_id,
                               absl::string_view proposal_id);
std::string RegisterStream(absl::string_view consortium_id,
                           absl::string_view body_id, int year);

struct DeliberationState {
  bool exists = false;
  v1::ProposalDrafted proposal;
  std::optional<v1::OpinionGiven> technical;
  std::optional<v1::OpinionGiven> accounting;
  std::optional<v1::DeliberationAdopted> adoption;
  bool rejected = false;
  std::optional<v1::DeliberationPublished> publication;
  int interrupted_days = 0;
  // Its window on the albo ended (PublicationEnded).
  bool publication_ended = false;
  std::optional<absl::CivilDay> executive_on;
  std::optional<v1::DeliberationWithdrawn> withdrawal;

  // Whether the proposal may enter an agenda; `why` says what is missing.
  bool ReadyForAgenda(std::string* why) const;
  bool HasNegativeOpinion() const;
  // In force (executive and not withdrawn) on `day`.
  bool ExecutiveOn(absl::CivilDay day) const;
  // On the albo on `day`.
  bool OnAlboOn(absl::CivilDay day) const;
  absl::CivilDay AlboLastDay() const;
};

absl::Status ApplyDeliberationEvent(DeliberationState& s,
                                    const google::protobuf::Message& event,
                                    const log::Record& record);

struct DraftProposal {
  std::string consortium_id;
  std::string proposal_id;
  std::string body_id;
  v1::ActKind act_kind = v1::ACT_KIND_ORDINARY;
  std::string title;
  bool financial_effects = false;
  bool mere_policy_act = false;
  bool grants_economic_benefit = false;
  // Flags of the deliberation's act that the statute's workflow declares
  // (e.g. "social-planning"); its required opinions may depend on them.
  // Recorded on the act ("<consortium>/act/deliberation/<proposal-id>").
  std::vector<std::string> workflow_flags = {};
};

struct GiveOpinion {
  v1::OpinionKind kind = v1::OPINION_KIND_UNSPECIFIED;
  bool favourable = true;
  std::string given_by;
  std::string text;
};

// `body_exists`: the body is one of the consortium's.
absl::StatusOr<Events> DecideDraft(const DeliberationState& s,
                                   const DraftProposal& cmd, bool body_exists);
absl::StatusOr<Events> DecideOpinion(const DeliberationState& s,
                                     const GiveOpinion& cmd);

// The outcome of a proclaimed vote, for the deliberation.
struct Outcome {
  bool adopted = false;
  std::string session_id;
  absl::CivilDay decided_on;
  bool immediately_executable = false;
  int number = 0;  // assigned by the register when adopted
  std::string reason_against_opinion;
};
// Idempotent: nothing when the outcome is already recorded.
absl::StatusOr<Events> DecideOutcome(const DeliberationState& s,
                                     const Outcome& outcome);

// Publication on the albo from `first_day`, with the statute's days.
absl::StatusOr<Events> DecidePublish(const DeliberationState& s,
                                     absl::CivilDay first_day,
                                     const v1::Statute& statute);
absl::StatusOr<Events> DecideInterrupt(const DeliberationState& s, int days,
                                       const std::string& reason);
// The albo timer fell due on `day`: the window ends when `day` is after its
// last day. Nothing when it already ended or an interruption extended the
// window past `day` (the caller schedules the new end).
absl::StatusOr<Events> DecideEndPublication(const DeliberationState& s,
                                            absl::CivilDay day);
// The executivity timer fell due on `day`. Idempotent.
absl::StatusOr<Events> DecideExecutive(const DeliberationState& s,
                                       absl::CivilDay day);
// Revocation or annulment of `s` by the deliberation `by`, on `day`.
absl::StatusOr<Events> DecideWithdraw(const DeliberationState& s,
                                      const DeliberationState& by,
                                      bool annulment, absl::CivilDay day,
                                      const v1::Statute& statute);

// The register of one body and year: proposal → number.
struct RegisterState {
  std::map<std::string, int> numbers;
  int last = 0;
};
absl::Status ApplyRegisterEvent(RegisterState& s,
                                const google::protobuf::Message& event,
                                const log::Record& record);
// The next number for `proposal_id` (nothing if it has one already).
Events DecideNumber(const RegisterState& s, absl::string_view consortium_id,
                    absl::string_view body_id, int year,
                    absl::string_view proposal_id);

}  // namespace concordia::domain::deliberation

#endif  // CONCORDIA_ENGINE_DOMAIN_DELIBERATION_DELIBERATION_H_
