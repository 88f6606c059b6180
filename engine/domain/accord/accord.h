// The Accord aggregate ("<consortium>/accord/<accord-id>"): accordi di
// programma (TUEL art. 34) and convenzioni (art. 30) between public parties,
// with third-sector adherents.
//
// An accord's life: drafted with its parties and clauses → each public
// party's competent body approves it (the approving act must be executive
// when the party signs) → every public party signs (qualified or advanced
// electronic signature) → concluded with the last required signature → a
// convenzione is then in force; an accordo di programma needs its approval
// act and its publication in the regional bulletin (BUR) → amended, renewed
// (explicitly, or tacitly at the end of the term when its clause says so),
// partly withdrawn (notice per the clause, e.g. six months effective the next
// 1 January) → expired or dissolved. Amendments, explicit renewals and
// dissolutions by mutual consent are further "instruments" that need the
// same parties: every public party active on the day of the last signature.
// Third-sector adherents join a plan's accord after it is in force and never
// count for unanimity.
//
// Invariants enforced here: 17 (a party signs only with an executive
// approving act), 21 (in force only with every required approval and
// signature; an accordo di programma also with its approval act and BUR
// publication; adherents do not count), 22 (after a withdrawal takes effect
// the party takes no part; see project.h for costs).
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   AccordState s;  // folded from the stream
//   auto events = DecideSign(s, sign, /*approval_executive=*/true);
#ifndef CONCORDIA_ENGINE_DOMAIN_ACCORD_ACCORD_H_
#define CONCORDIA_ENGINE_DOMAIN_ACCORD_ACCORD_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/accord_events.pb.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/aggregate.h"

namespace concordia::domain::accord {

// "<consortium>/accord/<accord-id>".
std::string AccordStream(absl::string_view consortium_id,
                         absl::string_view accord_id);

// Where instrument 0 (the accord itself) stands.
enum class Stage {
  kNone,         // never drafted
  kDraft,        // no signature yet
  kBeingSigned,  // some signatures, not all: no effect
  kConcluded,    // every required signature (AdP: awaiting approval act)
  kApproved,     // AdP: approval act recorded, awaiting BUR publication
  kInForce,      // entered into force (possibly from a later day)
  kExpired,      // its term ended
  kDissolved,    // dissolved
};
const char* StageName(Stage stage);

struct Party {
  v1::AccordParty info;
  // Adherents who joined after the draft: from when, and their adhesion
  // (the Tavolo degli Aderenti they sit on, their representative).
  std::optional<absl::CivilDay> joined_on;
  std::optional<v1::AccordAdherentJoined> adhesion;
  std::optional<v1::AccordWithdrawalNotified> withdrawal_notice;
  // The first day the party is no longer bound.
  std::optional<absl::CivilDay> withdrawn_from;
  std::optional<v1::AccordNonRenewalNotified> non_renewal;
  // The term the notice of non-renewal refers to (the number of renewals
  // before it).
  int non_renewal_term = -1;

  bool is_public() const { return info.role() == v1::PARTY_ROLE_PUBLIC_PARTY; }
  // Bound by the accord on `day` (joined, not yet withdrawn).
  bool ActiveOn(absl::CivilDay day) const;
};

struct Instrument {
  int number = 0;
  v1::InstrumentKind kind = v1::INSTRUMENT_KIND_UNSPECIFIED;
  v1::AccordInstrumentProposed proposal;  // instruments after the accord
  std::map<std::string, v1::AccordPartyApproved> approvals;
  std::map<std::string, v1::AccordSigned> signatures;
  std::optional<absl::CivilDay> concluded_on;
  std::optional<v1::AccordApprovalActRecorded> approval_act;
  std::optional<v1::AccordPublished> publication;
  bool took_effect = false;
};

struct AccordState {
  bool exists = false;
  v1::AccordDrafted draft;
  std::map<std::string, Party> parties;
  std::map<int, Instrument> instruments;  // 0 = the accord itself
  std::optional<absl::CivilDay> in_force_from;
  std::optional<absl::CivilDay> ends_on;  // the current term's last day
  std::vector<v1::AccordRenewed> renewals;
  std::vector<v1::AccordAmended> amendments;
  std::optional<absl::CivilDay> expired_on;  // the last day of the term
  std::optional<v1::AccordDissolved> dissolution;

  bool is_programme_accord() const {
    return draft.kind() == v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA;
  }
  Stage stage() const;
  // In force on `day`: entered into force, within its term, not dissolved.
  bool InForceOn(absl::CivilDay day) const;
  // Expired or dissolved (recorded).
  bool ended() const {
    return expired_on.has_value() || dissolution.has_value();
  }
  // `party_id` is a party bound on `day` (adherents included).
  bool IsActivePartyOn(absl::string_view party_id, absl::CivilDay day) const;
  // The public parties bound on `day`: whose signatures are required.
  std::vector<std::string> RequiredPartiesOn(absl::CivilDay day) const;
  // Required parties on `day` that have not signed `instrument`.
  std::vector<std::string> MissingSignatures(int instrument,
                                             absl::CivilDay day) const;
  // An instrument proposed and not yet in effect, if any (never 0).
  const Instrument* Pending() const;
};

absl::Status ApplyAccordEvent(AccordState& s,
                              const google::protobuf::Message& event,
                              const log::Record& record);

// --- Commands.

struct DraftAccord {
  std::string consortium_id;
  std::string accord_id;
  v1::AccordKind kind = v1::ACCORD_KIND_UNSPECIFIED;
  std::string title;
  std::string object;
  std::vector<v1::AccordParty> parties;
  v1::AccordTerm term;
  v1::RenewalClause renewal;
  v1::WithdrawalClause withdrawal;  // unset: 6 months, next 1 January
  bool constitutive = false;
  std::string programme_id;
};

// What a draft is checked against (loaded by the handler).
struct DraftInputs {
  // The consortium (constitutive accords: every public party is a member).
  const consortium::ConsortiumState* consortium = nullptr;
  // The day of the draft.
  absl::CivilDay day;
  // `programme_id` given: whether it exists and its kind.
  bool programme_exists = false;
  v1::ProgrammeKind programme_kind = v1::PROGRAMME_KIND_UNSPECIFIED;
};

absl::StatusOr<Events> DecideDraft(const AccordState& s, const DraftAccord& cmd,
                                   const DraftInputs& in);

struct RecordApproval {
  int instrument = 0;
  std::string party_id;
  v1::ApprovingAct act;
  absl::CivilDay day;  // when it is recorded
};
absl::StatusOr<Events> DecideApproval(const AccordState& s,
                                      const RecordApproval& cmd);

struct Sign {
  int instrument = 0;
  std::string party_id;
  v1::Signature signature;
};
// `approval_executive`: the party's recorded approving act is executive on
// the day of the signature (looked up by the handler).
absl::StatusOr<Events> DecideSign(const AccordState& s, const Sign& cmd,
                                  bool approval_executive);

struct RecordApprovalAct {
  int instrument = 0;
  v1::ApprovingAct act;
  absl::CivilDay day;
};
// `act_executive`: the approval act is executive on `day`.
absl::StatusOr<Events> DecideApprovalAct(const AccordState& s,
                                         const RecordApprovalAct& cmd,
                                         bool act_executive);

struct RecordPublication {
  int instrument = 0;
  std::string bulletin;
  std::string issue;
  absl::CivilDay published_on;
};
absl::StatusOr<Events> DecidePublication(const AccordState& s,
                                         const RecordPublication& cmd);

struct ProposeInstrument {
  v1::InstrumentKind kind = v1::INSTRUMENT_KIND_UNSPECIFIED;
  std::string summary;
  std::string document_sha256;
  std::optional<absl::CivilDay> new_ends_on;   // renewal
  std::optional<absl::CivilDay> dissolves_on;  // dissolution
  absl::CivilDay day;
};
absl::StatusOr<Events> DecidePropose(const AccordState& s,
                                     const ProposeInstrument& cmd);

struct JoinAdherent {
  v1::AccordParty adherent;
  absl::CivilDay joined_on;
  v1::Signature signature;
  std::string tavolo_body_id;
  std::string representative;
};
absl::StatusOr<Events> DecideJoin(const AccordState& s, const JoinAdherent& cmd,
                                  const consortium::ConsortiumState& c);

struct NotifyWithdrawal {
  std::string party_id;
  absl::CivilDay notified_on;
  v1::ApprovingAct act;
  // Constitutive accords: the consortium's deliberation taking note.
  v1::ApprovingAct taken_note_by;
};
// `calendar`: the consortium's working calendar (for the notice).
// `taken_note_executive`: constitutive accords — the consortium's
// deliberation taking note is executive on the day of the notice.
absl::StatusOr<Events> DecideNotifyWithdrawal(
    const AccordState& s, const NotifyWithdrawal& cmd, bool act_executive,
    const calendar::Calendar& calendar, bool taken_note_executive = false);

// The withdrawal timer of `party_id` fell due on `day`. Idempotent: nothing
// when already withdrawn, or when the accord is no longer in force.
absl::StatusOr<Events> DecideWithdrawalEffect(const AccordState& s,
                                              const std::string& party_id,
                                              absl::CivilDay day);

struct NotifyNonRenewal {
  std::string party_id;
  absl::CivilDay notified_on;
  v1::ApprovingAct act;
};
absl::StatusOr<Events> DecideNonRenewal(const AccordState& s,
                                        const NotifyNonRenewal& cmd,
                                        bool act_executive,
                                        const calendar::Calendar& calendar);

// The term timer fell due on `day` (the day after the last day of the
// term): a tacit renewal, or the expiry. Idempotent: nothing when the term
// has changed since or the accord already ended.
absl::StatusOr<Events> DecideTermEnd(const AccordState& s, absl::CivilDay day);

}  // namespace concordia::domain::accord

#endif  // CONCORDIA_ENGINE_DOMAIN_ACCORD_ACCORD_H_
