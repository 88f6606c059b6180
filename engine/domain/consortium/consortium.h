// The Consortium aggregate ("<consortium>/consortium"): profile, statute
// versions, members, shares over time, bodies and their composition.
//
// State is folded by ApplyConsortiumEvent; every change is decided by a pure
// Decide function given the state, the command and what other aggregates say
// (e.g. whether the authorising deliberation is executive). Everything is
// kept with its effective dates, so the state answers "as in force on D":
// the statute in force, the shares, who sits on a body.
//
// Invariants enforced here: 5 (membership of bodies over time), 17 (changes
// need an executive deliberation), 19 (statute versions by effective date),
// 20 (shares sum to 1000 at every effective date; they change only by an
// executive deliberation or a succession).
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   ConsortiumState s;  // folded from the stream
//   auto events = DecideChangeShares(s, cmd, /*deliberation_executive=*/true);
#ifndef CONCORDIA_ENGINE_DOMAIN_CONSORTIUM_CONSORTIUM_H_
#define CONCORDIA_ENGINE_DOMAIN_CONSORTIUM_CONSORTIUM_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/consortium_events.pb.h"
#include "engine/domain/core/aggregate.h"
#include "engine/domain/voting/tally.h"
#include "engine/log/types.h"

namespace concordia::domain::consortium {

// "<consortium>/consortium".
std::string ConsortiumStream(absl::string_view consortium_id);

struct Member {
  std::string id;
  std::string name;
  v1::MemberKind kind = v1::MEMBER_KIND_UNSPECIFIED;
  absl::CivilDay from;
  std::optional<absl::CivilDay> until;  // first day no longer a member
};

struct Designation {
  std::string body_id;
  std::string member_id;
  std::string person;
  bool voting = false;
  absl::CivilDay from;
  std::optional<absl::CivilDay> until;
  bool ActiveOn(absl::CivilDay d) const {
    return from <= d && (!until.has_value() || d < *until);
  }
};

struct ConsortiumState {
  bool registered = false;
  v1::ConsortiumRegistered profile;
  // Statute versions in adoption order; the one in force on D is the last
  // adopted with effective_from <= D.
  std::vector<v1::StatuteAdopted> statutes;
  std::map<std::string, Member> members;
  // Share tables by effective date (a later change on the same date wins).
  std::vector<std::pair<absl::CivilDay, std::map<std::string, int32_t>>> shares;
  std::map<std::string, v1::BodyCreated> bodies;
  std::vector<Designation> designations;

  const v1::Statute* StatuteAt(absl::CivilDay day) const;
  std::map<std::string, int32_t> SharesAt(absl::CivilDay day) const;
  bool IsMemberOn(absl::string_view member_id, absl::CivilDay day) const;
  std::vector<std::string> MembersOn(absl::CivilDay day) const;
  // The body's rules in the statute in force on `day`; nullptr if none.
  const v1::BodyRules* RulesFor(absl::string_view body_id,
                                absl::CivilDay day) const;
  // The voting members of a body on `day`, with their shares on `day`.
  std::vector<voting::Voter> VotersOf(absl::string_view body_id,
                                      absl::CivilDay day) const;
  // Whether `person` represents `member` on `body` on `day` with a vote.
  bool Represents(absl::string_view body_id, absl::string_view member_id,
                  absl::string_view person, absl::CivilDay day) const;
};

absl::Status ApplyConsortiumEvent(ConsortiumState& s,
                                  const google::protobuf::Message& event,
                                  const log::Record& record);

// --- Commands.

struct Founder {
  std::string member_id;
  std::string name;
  v1::MemberKind kind = v1::MEMBER_KIND_UNSPECIFIED;
  int32_t permille = 0;
};

struct RegisterConsortium {
  std::string consortium_id;
  v1::LegalForm legal_form = v1::LEGAL_FORM_UNSPECIFIED;
  std::string name;
  std::string tax_code;
  std::string seat_comune;
  absl::CivilDay constituted_on;
  v1::Statute statute;
  std::vector<Founder> founders;
};

struct AdmitMember {
  std::string member_id;
  std::string name;
  v1::MemberKind kind = v1::MEMBER_KIND_UNSPECIFIED;
  absl::CivilDay effective_from;
  std::map<std::string, int32_t> shares;  // every member's new share
  v1::DeliberationRef authorised_by;
};

struct WithdrawMember {
  std::string member_id;
  absl::CivilDay effective_from;
  std::map<std::string, int32_t> shares;  // the remaining members' shares
  v1::DeliberationRef authorised_by;
};

struct RecordSuccession {
  std::vector<std::string> predecessor_ids;
  std::string successor_id;
  std::string successor_name;
  v1::MemberKind successor_kind = v1::MEMBER_KIND_COMUNE;
  absl::CivilDay effective_from;
};

struct ChangeShares {
  absl::CivilDay effective_from;
  std::map<std::string, int32_t> shares;
  v1::DeliberationRef authorised_by;
};

struct AdoptStatute {
  v1::Statute statute;
  absl::CivilDay effective_from;
  v1::DeliberationRef authorised_by;
};

struct CreateBody {
  std::string body_id;
  v1::BodyKind kind = v1::BODY_KIND_UNSPECIFIED;
  std::string name;
};

struct Designate {
  std::string body_id;
  std::string member_id;  // "" for a non-voting attendee
  std::string person;
  bool voting = true;
  absl::CivilDay effective_from;
};

struct RevokeDesignation {
  std::string body_id;
  std::string member_id;
  std::string person;
  absl::CivilDay effective_from;
};

// Validates a statute (kInvalidArgument naming the field).
absl::Status ValidateStatute(const v1::Statute& statute);

absl::StatusOr<Events> DecideRegister(const ConsortiumState& s,
                                      const RegisterConsortium& cmd);
// `authorisation_executive`: the referenced deliberation is executive on the
// effective date (looked up by the handler).
absl::StatusOr<Events> DecideAdmit(const ConsortiumState& s,
                                   const AdmitMember& cmd,
                                   bool authorisation_executive);
absl::StatusOr<Events> DecideWithdraw(const ConsortiumState& s,
                                      const WithdrawMember& cmd,
                                      bool authorisation_executive);
absl::StatusOr<Events> DecideSuccession(const ConsortiumState& s,
                                        const RecordSuccession& cmd);
absl::StatusOr<Events> DecideChangeShares(const ConsortiumState& s,
                                          const ChangeShares& cmd,
                                          bool authorisation_executive);
absl::StatusOr<Events> DecideAdoptStatute(const ConsortiumState& s,
                                          const AdoptStatute& cmd,
                                          bool authorisation_executive);
absl::StatusOr<Events> DecideCreateBody(const ConsortiumState& s,
                                        const CreateBody& cmd);
absl::StatusOr<Events> DecideDesignate(const ConsortiumState& s,
                                       const Designate& cmd);
absl::StatusOr<Events> DecideRevokeDesignation(const ConsortiumState& s,
                                               const RevokeDesignation& cmd);

}  // namespace concordia::domain::consortium

#endif  // CONCORDIA_ENGINE_DOMAIN_CONSORTIUM_CONSORTIUM_H_
