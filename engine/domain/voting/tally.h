// The vote count: quorum and majorities as pure functions of the votes and
// the rules in force (invariants 7, 8, 10, 11, 12).
//
// Definitions (docs/domain.md, ../shared/domain/README.md):
//  - assigned: the voting members of the body at the session date, with
//    their shares at that date; totals are computed on them;
//  - present: assigned members at the roll call; a member conflicted on the
//    item is left out of the quorum when the body's rule says so, and never
//    votes;
//  - votanti: those voting in favour or against, plus blank ballots when the
//    rule counts them; abstainers are present but not votanti;
//  - a threshold is met when in favour (or present, for the quorum) is more
//    than (strict) or at least the fraction of its base; with both a shares
//    and a heads threshold (a double majority) both must be met; a tie never
//    passes a strict half.
//
// Thread-safety: pure functions.
//
// Example:
//   VoteInput in{assigned, present, conflicted, votes};
//   QuorumCheck q = CheckQuorum(rules.first_call_quorum(), in, false);
//   v1::Tally t = Count(majority_rule, in);
#ifndef CONCORDIA_ENGINE_DOMAIN_VOTING_TALLY_H_
#define CONCORDIA_ENGINE_DOMAIN_VOTING_TALLY_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "concordia/v1/governance.pb.h"
#include "concordia/v1/session_events.pb.h"

namespace concordia::domain::voting {

struct Voter {
  std::string member_id;
  int32_t shares = 0;  // per mille
};

struct VoteInput {
  std::vector<Voter> assigned;
  std::set<std::string> present;
  std::set<std::string> conflicted;
  std::map<std::string, v1::VoteChoice> votes;
};

// Whether `value` meets `fraction` of `base` (an unset fraction, i.e. a zero
// denominator, is always met).
bool Meets(int64_t value, int64_t base, const v1::Fraction& fraction);

struct QuorumCheck {
  bool met = false;
  int32_t present_heads = 0;
  int32_t present_shares = 0;
  int32_t total_heads = 0;
  int32_t total_shares = 0;
  std::string explanation;  // a sentence for a person
};

// Whether the quorum holds now, for an item on which `in.conflicted` are
// conflicted.
QuorumCheck CheckQuorum(const v1::QuorumRule& rule, const VoteInput& in,
                        bool conflicted_count_for_quorum);

// The full tally of a vote under `rule`.
v1::Tally Count(const v1::MajorityRule& rule, const VoteInput& in);

// The tally of the separate vote on immediate executability: in favour must
// meet `threshold` of all assigned shares (or heads when `weighted` is false).
v1::Tally CountImmediateExecutability(const v1::Fraction& threshold,
                                      const VoteInput& in, bool weighted);

}  // namespace concordia::domain::voting

#endif  // CONCORDIA_ENGINE_DOMAIN_VOTING_TALLY_H_
