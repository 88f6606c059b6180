#include "engine/domain/voting/tally.h"

#include "absl/strings/str_cat.h"

namespace concordia::domain::voting {

bool Meets(int64_t value, int64_t base, const v1::Fraction& f) {
  if (f.denominator() <= 0) return true;
  // value / base compared with numerator / denominator, in integers.
  const __int128 lhs = static_cast<__int128>(value) * f.denominator();
  const __int128 rhs = static_cast<__int128>(f.numerator()) * base;
  return f.strict() ? lhs > rhs : lhs >= rhs;
}

namespace {

bool IsSet(const v1::Fraction& f) { return f.denominator() > 0; }

std::string FractionText(const v1::Fraction& f) {
  return absl::StrCat(f.strict() ? "more than " : "at least ", f.numerator(),
                      "/", f.denominator());
}

}  // namespace

QuorumCheck CheckQuorum(const v1::QuorumRule& rule, const VoteInput& in,
                        bool conflicted_count_for_quorum) {
  QuorumCheck q;
  for (const Voter& v : in.assigned) {
    q.total_heads += 1;
    q.total_shares += v.shares;
    if (in.present.count(v.member_id) == 0) continue;
    if (!conflicted_count_for_quorum && in.conflicted.count(v.member_id) > 0) {
      continue;
    }
    q.present_heads += 1;
    q.present_shares += v.shares;
  }
  const bool shares_ok = Meets(q.present_shares, q.total_shares, rule.shares());
  const bool heads_ok = Meets(q.present_heads, q.total_heads, rule.heads());
  q.met = shares_ok && heads_ok && q.present_heads > 0;
  q.explanation = absl::StrCat(q.present_shares, "‰ of ", q.total_shares,
                               "‰ and ", q.present_heads, " of ", q.total_heads,
                               " members present");
  if (IsSet(rule.shares())) {
    absl::StrAppend(&q.explanation, "; shares needed: ",
                    FractionText(rule.shares()));
  }
  if (IsSet(rule.heads())) {
    absl::StrAppend(&q.explanation, "; members needed: ",
                    FractionText(rule.heads()));
  }
  return q;
}

v1::Tally Count(const v1::MajorityRule& rule, const VoteInput& in) {
  v1::Tally t;
  for (const Voter& v : in.assigned) {
    t.set_total_heads(t.total_heads() + 1);
    t.set_total_shares(t.total_shares() + v.shares);
    const bool present = in.present.count(v.member_id) > 0;
    const bool conflicted = in.conflicted.count(v.member_id) > 0;
    if (present && !conflicted) {
      t.set_present_heads(t.present_heads() + 1);
      t.set_present_shares(t.present_shares() + v.shares);
    }
    auto vote = in.votes.find(v.member_id);
    if (vote == in.votes.end() || conflicted) continue;
    switch (vote->second) {
      case v1::VOTE_CHOICE_IN_FAVOUR:
        t.set_in_favour_heads(t.in_favour_heads() + 1);
        t.set_in_favour_shares(t.in_favour_shares() + v.shares);
        break;
      case v1::VOTE_CHOICE_AGAINST:
        t.set_against_heads(t.against_heads() + 1);
        t.set_against_shares(t.against_shares() + v.shares);
        t.add_against_member_ids(v.member_id);
        break;
      case v1::VOTE_CHOICE_ABSTAIN:
        t.set_abstained_heads(t.abstained_heads() + 1);
        t.set_abstained_shares(t.abstained_shares() + v.shares);
        t.add_abstained_member_ids(v.member_id);
        break;
      case v1::VOTE_CHOICE_BLANK:
        t.set_blank_heads(t.blank_heads() + 1);
        t.set_blank_shares(t.blank_shares() + v.shares);
        break;
      default:
        break;
    }
  }
  switch (rule.base()) {
    case v1::MAJORITY_BASE_PRESENT:
      t.set_base_heads(t.present_heads());
      t.set_base_shares(t.present_shares());
      break;
    case v1::MAJORITY_BASE_ALL_MEMBERS:
      t.set_base_heads(t.total_heads());
      t.set_base_shares(t.total_shares());
      break;
    case v1::MAJORITY_BASE_VOTANTI:
    default: {
      const bool blank = rule.blank_ballots_count();
      t.set_base_heads(t.in_favour_heads() + t.against_heads() +
                       (blank ? t.blank_heads() : 0));
      t.set_base_shares(t.in_favour_shares() + t.against_shares() +
                        (blank ? t.blank_shares() : 0));
    }
  }
  const bool shares_ok =
      !IsSet(rule.shares()) ||
      (t.base_shares() > 0 &&
       Meets(t.in_favour_shares(), t.base_shares(), rule.shares()));
  const bool heads_ok =
      !IsSet(rule.heads()) ||
      (t.base_heads() > 0 &&
       Meets(t.in_favour_heads(), t.base_heads(), rule.heads()));
  t.set_approved(shares_ok && heads_ok && t.in_favour_heads() > 0 &&
                 (IsSet(rule.shares()) || IsSet(rule.heads())));
  return t;
}

v1::Tally CountImmediateExecutability(const v1::Fraction& threshold,
                                      const VoteInput& in, bool weighted) {
  v1::MajorityRule rule;
  rule.set_base(v1::MAJORITY_BASE_ALL_MEMBERS);
  if (weighted) {
    *rule.mutable_shares() = threshold;
  } else {
    *rule.mutable_heads() = threshold;
  }
  return Count(rule, in);
}

}  // namespace concordia::domain::voting
