// Invariant 23 (each member and function exercised by exactly one body at
// any date) over a real log: delegations, revocations, accords lapsing,
// successions; and random histories checked against an independent model.
#include <iostream>
#include <random>

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using absl::CivilDay;
using testing::Cooperative;
using testing::Rome;

delegation::Delegate Delegation(const std::string& member, v1::Function f,
                                const v1::Exerciser& to, CivilDay day) {
  return {member,
          f,
          to,
          day,
          "",
          testing::ExternalAct(absl::StrCat("Consiglio comunale di ", member),
                               "5", day),
          testing::SharingRule(v1::COST_SHARING_METHOD_PER_USE)};
}

delegation::Revoke Revocation(CivilDay day) {
  return {day, testing::ExternalAct("Consiglio comunale", "6", day), "revoca"};
}

v1::ExerciserKind KindOn(Cooperative& c, const std::string& m, v1::Function f,
                         CivilDay day) {
  auto e = c.cooperation.ExerciserOn(c.id, m, f, day);
  EXPECT_TRUE(e.ok()) << e.status();
  return e.ok() ? e->exerciser.kind() : v1::EXERCISER_KIND_UNSPECIFIED;
}

TEST(Invariant23Test, OneBodyExercisesEachFunctionAtAnyDate) {
  Cooperative c;
  const v1::Function f = v1::FUNCTION_CHILD_PROTECTION;
  ASSERT_TRUE(c.cooperation
                  .Delegate(c.Ctx(), c.id,
                            Delegation("dresano", f, testing::ToConsortium(),
                                       CivilDay(2026, 4, 1)))
                  .ok());
  // A second delegation while the first holds is refused, appending nothing.
  const uint64_t before = c.Last();
  EXPECT_EQ(ErrorReason(c.cooperation
                            .Delegate(c.Ctx(), c.id,
                                      Delegation("dresano", f,
                                                 testing::ToLead("melegnano"),
                                                 CivilDay(2026, 9, 1)))
                            .status()),
            reasons::kFunctionAlreadyDelegated);
  EXPECT_EQ(ErrorReason(c.cooperation
                            .RevokeDelegation(c.Ctx(), c.id, "dresano",
                                              v1::FUNCTION_HOME_CARE,
                                              Revocation(CivilDay(2026, 9, 1)))
                            .status()),
            reasons::kFunctionNotDelegated);
  EXPECT_EQ(c.Last(), before);
  ASSERT_TRUE(c.cooperation
                  .RevokeDelegation(c.Ctx(), c.id, "dresano", f,
                                    Revocation(CivilDay(2027, 1, 1)))
                  .ok());
  ASSERT_TRUE(
      c.cooperation
          .Delegate(c.Ctx(), c.id,
                    Delegation("dresano", f, testing::ToLead("melegnano"),
                               CivilDay(2027, 3, 1)))
          .ok());
  EXPECT_EQ(KindOn(c, "dresano", f, CivilDay(2026, 3, 31)),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  EXPECT_EQ(KindOn(c, "dresano", f, CivilDay(2026, 4, 1)),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(KindOn(c, "dresano", f, CivilDay(2026, 12, 31)),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(KindOn(c, "dresano", f, CivilDay(2027, 1, 1)),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  EXPECT_EQ(KindOn(c, "dresano", f, CivilDay(2027, 3, 1)),
            v1::EXERCISER_KIND_LEAD_ENTE);
  // Other functions and members are untouched.
  EXPECT_EQ(KindOn(c, "dresano", v1::FUNCTION_HOME_CARE, CivilDay(2026, 5, 1)),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  EXPECT_EQ(KindOn(c, "carpiano", f, CivilDay(2026, 5, 1)),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
}

TEST(Invariant23Test, ADelegationUnderAConvenzioneEndsWithIt) {
  Cooperative c;
  accord::DraftAccord d;
  d.consortium_id = c.id;
  d.accord_id = "conv-ict";
  d.kind = v1::ACCORD_KIND_CONVENZIONE;
  d.title = "Convenzione ICT";
  d.object = "servizi ICT ed e-government";
  for (const char* m : {"carpiano", "melegnano"}) {
    v1::AccordParty p;
    p.set_party_id(m);
    p.set_name(m);
    p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
    p.set_kind(v1::MEMBER_KIND_COMUNE);
    d.parties.push_back(p);
  }
  *d.term.mutable_ends_on() = ToDate(CivilDay(2026, 12, 31));
  ASSERT_TRUE(c.cooperation.DraftAccord(c.Ctx(), d).ok());
  for (const auto& p : d.parties) {
    ASSERT_TRUE(c.cooperation
                    .RecordApproval(c.Ctx(), c.id, "conv-ict",
                                    {0, p.party_id(),
                                     testing::ExternalAct("Giunta", "2",
                                                          CivilDay(2026, 3, 1)),
                                     CivilDay(2026, 3, 1)})
                    .ok());
  }
  c.AdvanceTo(CivilDay(2026, 3, 2), 9);
  for (const auto& p : d.parties) {
    ASSERT_TRUE(c.cooperation
                    .Sign(c.Ctx(), c.id, "conv-ict",
                          {0, p.party_id(),
                           testing::QualifiedSignature("sindaco",
                                                       Rome(2026, 3, 2, 11))})
                    .ok());
  }
  delegation::Delegate under{
      "carpiano",
      v1::FUNCTION_ICT_SERVICES,
      testing::ToLead("melegnano"),
      CivilDay(2026, 4, 1),
      "conv-ict",
      {},
      testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL)};
  ASSERT_TRUE(c.cooperation.Delegate(c.Ctx(), c.id, under).ok());
  EXPECT_EQ(
      KindOn(c, "carpiano", v1::FUNCTION_ICT_SERVICES, CivilDay(2026, 12, 31)),
      v1::EXERCISER_KIND_LEAD_ENTE);
  // The term ends: the timer expires the accord, and the function returns
  // to Carpiano.
  c.AdvanceTo(CivilDay(2027, 1, 1));
  auto a = c.cooperation.Accord(c.id, "conv-ict");
  EXPECT_EQ(a->stage(), accord::Stage::kExpired);
  auto after = c.cooperation.ExerciserOn(
      c.id, "carpiano", v1::FUNCTION_ICT_SERVICES, CivilDay(2027, 1, 1));
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->lapsed);
  EXPECT_EQ(after->exerciser.kind(), v1::EXERCISER_KIND_MEMBER_ITSELF);
}

TEST(Invariant23Test, SuccessorsInheritAndLeadEntiPassOn) {
  Cooperative c;
  const v1::Function home = v1::FUNCTION_HOME_CARE;
  const v1::Function social = v1::FUNCTION_SOCIAL_SERVICES;
  // Carpiano and Dresano both delegate home care to the consortium; only
  // Carpiano delegates social services; Colturano delegates home care... to
  // Dresano as lead ente for social services.
  for (const char* m : {"carpiano", "dresano"}) {
    ASSERT_TRUE(c.cooperation
                    .Delegate(c.Ctx(), c.id,
                              Delegation(m, home, testing::ToConsortium(),
                                         CivilDay(2026, 3, 1)))
                    .ok());
  }
  ASSERT_TRUE(
      c.cooperation
          .Delegate(c.Ctx(), c.id,
                    Delegation("carpiano", social, testing::ToConsortium(),
                               CivilDay(2026, 3, 1)))
          .ok());
  ASSERT_TRUE(
      c.cooperation
          .Delegate(c.Ctx(), c.id,
                    Delegation("colturano", social, testing::ToLead("dresano"),
                               CivilDay(2026, 3, 1)))
          .ok());
  consortium::RecordSuccession merger{{"carpiano", "dresano"},
                                      "carpiano-dresano",
                                      "Carpiano Dresano",
                                      v1::MEMBER_KIND_COMUNE,
                                      CivilDay(2027, 1, 1)};
  // Social services were exercised differently: the successor must choose;
  // nothing is appended until it does.
  const uint64_t before = c.Last();
  auto conflict = c.cooperation.RecordSuccession(c.Ctx(), c.id, merger);
  EXPECT_EQ(ErrorReason(conflict.status()), reasons::kSuccessionConflict);
  EXPECT_EQ(c.Last(), before);
  const CommandContext merge = c.Ctx();
  ASSERT_TRUE(c.cooperation
                  .RecordSuccession(merge, c.id, merger,
                                    {{social, testing::ToConsortium()}})
                  .ok());
  const uint64_t merged = c.Last();
  const CivilDay day = merger.effective_from;
  EXPECT_EQ(c.district.governance.Consortium(c.id)->SharesAt(day).at(
                "carpiano-dresano"),
            37 + 27);
  auto old = c.cooperation.ExerciserOn(c.id, "carpiano", home, day);
  EXPECT_TRUE(old->ceased);
  EXPECT_EQ(old->successor_id, "carpiano-dresano");
  EXPECT_EQ(KindOn(c, "carpiano", home, day - 1),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(KindOn(c, "carpiano-dresano", home, day),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(KindOn(c, "carpiano-dresano", social, day),
            v1::EXERCISER_KIND_CONSORTIUM);
  auto inherited =
      c.cooperation.ExerciserOn(c.id, "carpiano-dresano", home, day);
  EXPECT_EQ(inherited->delegation->inherited_from_size(), 2);
  // Colturano's lead ente merged: the successor leads from the merger.
  auto lead = c.cooperation.ExerciserOn(c.id, "colturano", social, day);
  EXPECT_EQ(lead->exerciser.lead_member_id(), "carpiano-dresano");
  EXPECT_EQ(c.cooperation.ExerciserOn(c.id, "colturano", social, day - 1)
                ->exerciser.lead_member_id(),
            "dresano");
  // Retrying the saga (e.g. after a crash) changes nothing.
  auto retried = c.cooperation.RecordSuccession(
      merge, c.id, merger, {{social, testing::ToConsortium()}});
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_TRUE(retried->replayed);
  EXPECT_EQ(c.Last(), merged);
}

// --- Random histories against an independent model.

// The model: plain intervals per (member, function), written from the
// rules' statement, not from the aggregate.
class Model {
 public:
  struct Interval {
    CivilDay from;
    std::optional<CivilDay> until;
    v1::Exerciser to;
  };
  using Key = std::pair<std::string, v1::Function>;

  explicit Model(std::vector<std::string> members) {
    for (const std::string& m : members) joined_[m] = CivilDay(2024, 1, 1);
  }

  bool IsMember(const std::string& m, CivilDay day) const {
    auto j = joined_.find(m);
    if (j == joined_.end() || day < j->second) return false;
    auto c = ceased_.find(m);
    return c == ceased_.end() || day < c->second;
  }
  std::vector<std::string> Members(CivilDay day) const {
    std::vector<std::string> out;
    for (const auto& [m, d] : joined_) {
      if (IsMember(m, day)) out.push_back(m);
    }
    return out;
  }
  std::vector<std::string> Everyone() const {
    std::vector<std::string> out;
    for (const auto& [m, d] : joined_) out.push_back(m);
    return out;
  }

  // The expected reason ("" when accepted), applied when accepted.
  std::string Delegate(const std::string& m, v1::Function f,
                       const v1::Exerciser& to, CivilDay day) {
    if (ceased_.count(m) > 0 && day >= ceased_.at(m))
      return reasons::kNotAMember;
    if (!IsMember(m, day)) return reasons::kNotAMember;
    if (to.kind() == v1::EXERCISER_KIND_LEAD_ENTE &&
        !IsMember(to.lead_member_id(), day)) {
      return reasons::kNotAMember;
    }
    if (Last(m, f) > day) return reasons::kRetroactiveChange;
    for (const Interval& i : history_[{m, f}]) {
      if (!i.until.has_value() || (i.from <= day && day < *i.until)) {
        return reasons::kFunctionAlreadyDelegated;
      }
    }
    history_[{m, f}].push_back({day, std::nullopt, to});
    Touch(m, f, day);
    return "";
  }

  std::string Revoke(const std::string& m, v1::Function f, CivilDay day) {
    if (ceased_.count(m) > 0 && day >= ceased_.at(m))
      return reasons::kNotAMember;
    Interval* covering = nullptr;
    for (Interval& i : history_[{m, f}]) {
      if (i.from <= day && (!i.until.has_value() || day < *i.until))
        covering = &i;
    }
    if (covering == nullptr) return reasons::kFunctionNotDelegated;
    if (Last(m, f) > day) return reasons::kRetroactiveChange;
    if (day <= covering->from) return "INVALID_FIELD";
    covering->until = day;
    Touch(m, f, day);
    return "";
  }

  // Merges `preds` into `successor` on `day`; `choose` says whether the
  // successor settles conflicts (taking the first predecessor's).
  std::string Merge(const std::vector<std::string>& preds,
                    const std::string& successor, CivilDay day,
                    const std::vector<v1::Function>& functions,
                    std::map<v1::Function, v1::Exerciser>* choices,
                    bool choose) {
    for (const std::string& p : preds) {
      if (!IsMember(p, day)) return reasons::kNotAMember;
    }
    std::map<v1::Function, v1::Exerciser> inherit;
    for (v1::Function f : functions) {
      std::vector<v1::Exerciser> options;
      for (const std::string& p : preds) {
        v1::Exerciser e = At(p, f, day - 1);
        if (e.kind() == v1::EXERCISER_KIND_LEAD_ENTE &&
            std::find(preds.begin(), preds.end(), e.lead_member_id()) !=
                preds.end()) {
          e = delegation::MemberItself();
        }
        options.push_back(e);
      }
      bool agree = true;
      for (const v1::Exerciser& e : options) {
        agree = agree && delegation::SameExerciser(e, options[0]);
      }
      if (!agree && !choose) return reasons::kSuccessionConflict;
      if (!agree) (*choices)[f] = options[0];
      inherit[f] = options[0];
    }
    for (v1::Function f : functions) {
      for (const std::string& p : preds) Close(p, f, day);
      if (inherit[f].kind() != v1::EXERCISER_KIND_MEMBER_ITSELF) {
        history_[{successor, f}].push_back({day, std::nullopt, inherit[f]});
        Touch(successor, f, day);
      }
      for (const auto& [m, joined] : joined_) {
        if (std::find(preds.begin(), preds.end(), m) != preds.end()) continue;
        for (Interval& i : history_[{m, f}]) {
          if (!i.until.has_value() && i.from <= day &&
              i.to.kind() == v1::EXERCISER_KIND_LEAD_ENTE &&
              std::find(preds.begin(), preds.end(), i.to.lead_member_id()) !=
                  preds.end()) {
            i.until = day;
            v1::Exerciser next = i.to;
            next.set_lead_member_id(successor);
            history_[{m, f}].push_back({day, std::nullopt, next});
            Touch(m, f, day);
            break;
          }
        }
      }
    }
    for (const std::string& p : preds) ceased_[p] = day;
    joined_[successor] = day;
    successor_of_[preds[0]] = successor;
    successor_of_[preds[1]] = successor;
    return "";
  }

  // Who exercises f for m on day; nullopt when m had ceased.
  std::optional<v1::Exerciser> Answer(const std::string& m, v1::Function f,
                                      CivilDay day) const {
    auto c = ceased_.find(m);
    if (c != ceased_.end() && day >= c->second) return std::nullopt;
    return At(m, f, day);
  }
  std::string SuccessorOf(const std::string& m) const {
    auto it = successor_of_.find(m);
    return it == successor_of_.end() ? "" : it->second;
  }

 private:
  v1::Exerciser At(const std::string& m, v1::Function f, CivilDay day) const {
    auto h = history_.find({m, f});
    if (h != history_.end()) {
      for (const Interval& i : h->second) {
        if (i.from <= day && (!i.until.has_value() || day < *i.until))
          return i.to;
      }
    }
    return delegation::MemberItself();
  }
  void Close(const std::string& m, v1::Function f, CivilDay day) {
    for (Interval& i : history_[{m, f}]) {
      if (!i.until.has_value()) i.until = day;
    }
    Touch(m, f, day);
  }
  CivilDay Last(const std::string& m, v1::Function f) const {
    auto it = last_.find({m, f});
    return it == last_.end() ? CivilDay(1970, 1, 1) : it->second;
  }
  void Touch(const std::string& m, v1::Function f, CivilDay day) {
    CivilDay& l = last_[{m, f}];
    if (l < day) l = day;
  }

  std::map<std::string, CivilDay> joined_;
  std::map<std::string, CivilDay> ceased_;
  std::map<std::string, std::string> successor_of_;
  std::map<Key, std::vector<Interval>> history_;
  std::map<Key, CivilDay> last_;
};

std::string ReasonOf(const absl::StatusOr<Outcome>& r) {
  return r.ok() ? "" : ErrorReason(r.status());
}

// Counts of each outcome over all seeds ("" for accepted commands).
std::map<std::string, int>& Outcomes() {
  static std::map<std::string, int> outcomes;
  return outcomes;
}

void RunRandomHistory(uint64_t seed) {
  Cooperative c(absl::StrCat("random-", seed));
  std::mt19937_64 rng(seed);
  const std::vector<v1::Function> functions = {v1::FUNCTION_SOCIAL_SERVICES,
                                               v1::FUNCTION_HOME_CARE,
                                               v1::FUNCTION_ICT_SERVICES};
  Model model(testing::ComuneIds());
  CivilDay day(2026, 3, 1);
  const CivilDay first = day;
  int successions = 0;
  int accepted = 0;
  // Pairs delegated so far: revocations mostly pick one of them.
  std::vector<std::pair<std::string, v1::Function>> delegated;
  for (int op = 0; op < 240; ++op) {
    day += static_cast<int>(rng() % 9);
    const std::vector<std::string> now = model.Members(day);
    const std::vector<std::string> everyone = model.Everyone();
    const v1::Function f = functions[rng() % functions.size()];
    // Now and then a command dated before the latest change.
    const CivilDay when =
        rng() % 8 == 0 ? day - static_cast<int>(1 + rng() % 30) : day;
    const uint64_t kind = rng() % 100;
    const uint64_t before = c.Last();
    std::string expected;
    std::string actual;
    // Mostly current members; now and then one that merged away.
    const std::string pick = rng() % 10 == 0 ? everyone[rng() % everyone.size()]
                                             : now[rng() % now.size()];
    if (kind < 48) {
      const std::string m = pick;
      v1::Exerciser to = testing::ToConsortium();
      if (rng() % 3 == 0) {
        std::string lead = now[rng() % now.size()];
        if (lead == m) lead = now[(rng() % now.size())];
        if (lead == m) continue;  // a member never names itself
        to = testing::ToLead(lead);
      }
      expected = model.Delegate(m, f, to, when);
      actual = ReasonOf(
          c.cooperation.Delegate(c.Ctx(), c.id, Delegation(m, f, to, when)));
      if (actual.empty()) delegated.push_back({m, f});
    } else if (kind < 90) {
      std::string m = pick;
      v1::Function g = f;
      if (!delegated.empty() && rng() % 4 != 0) {
        // Often the latest delegation, possibly on its very first day.
        std::tie(m, g) = rng() % 3 == 0 ? delegated.back()
                                        : delegated[rng() % delegated.size()];
      }
      expected = model.Revoke(m, g, when);
      actual = ReasonOf(c.cooperation.RevokeDelegation(c.Ctx(), c.id, m, g,
                                                       Revocation(when)));
    } else if (successions < 3 && now.size() >= 3) {
      std::vector<std::string> pool = now;
      std::shuffle(pool.begin(), pool.end(), rng);
      const std::vector<std::string> preds = {pool[0], pool[1]};
      const std::string successor = absl::StrCat("fusione-", successions + 1);
      const bool choose = rng() % 2 == 0;
      std::map<v1::Function, v1::Exerciser> choices;
      expected =
          model.Merge(preds, successor, day, functions, &choices, choose);
      consortium::RecordSuccession merger{preds, successor,
                                          absl::StrCat("Comune ", successor),
                                          v1::MEMBER_KIND_COMUNE, day};
      if (!expected.empty() && choose) {
        ADD_FAILURE() << "the model rejects a merger with choices";
      }
      actual = ReasonOf(c.cooperation.RecordSuccession(
          c.Ctx(), c.id, merger,
          expected.empty() ? choices
                           : std::map<v1::Function, v1::Exerciser>{}));
      if (actual.empty()) ++successions;
    } else {
      continue;
    }
    ASSERT_EQ(actual, expected) << "seed " << seed << " op " << op << " on "
                                << absl::FormatCivilTime(when);
    ++Outcomes()[kind >= 90 ? absl::StrCat("merger:", expected) : expected];
    if (!expected.empty()) {
      ASSERT_EQ(c.Last(), before) << "a rejection appended events";
    } else {
      ++accepted;
    }
  }
  EXPECT_GT(accepted, 90) << "seed " << seed;
  EXPECT_GE(successions, 1) << "seed " << seed;
  // Every (member, function) on every fifth day: the aggregate's answer is
  // the model's.
  int checked = 0;
  for (const std::string& m : model.Everyone()) {
    for (v1::Function f : functions) {
      for (CivilDay d = first - 3; d <= day + 3; d += 5) {
        auto got = c.cooperation.ExerciserOn(c.id, m, f, d);
        ASSERT_TRUE(got.ok()) << got.status();
        const std::optional<v1::Exerciser> want = model.Answer(m, f, d);
        const std::string where = absl::StrCat(
            "seed ", seed, ": ", m, " ", delegation::FunctionSlug(f), " on ",
            absl::FormatCivilTime(d));
        ASSERT_EQ(got->ceased, !want.has_value()) << where;
        if (want.has_value()) {
          ASSERT_TRUE(delegation::SameExerciser(got->exerciser, *want))
              << where << ": " << delegation::Describe(got->exerciser) << " vs "
              << delegation::Describe(*want);
        } else {
          ASSERT_EQ(got->successor_id, model.SuccessorOf(m)) << where;
        }
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST(Invariant23Test, RandomHistoriesMatchAnIndependentModel) {
  for (uint64_t seed : {1u, 23u, 2026u}) RunRandomHistory(seed);
  // The histories exercised every rule.
  for (const char* outcome :
       {"", reasons::kFunctionAlreadyDelegated, reasons::kFunctionNotDelegated,
        reasons::kRetroactiveChange, reasons::kNotAMember, "INVALID_FIELD",
        "merger:", "merger:SUCCESSION_CONFLICT"}) {
    EXPECT_GT(Outcomes()[outcome], 0) << "never: " << outcome;
  }
  for (const auto& [outcome, n] : Outcomes()) {
    std::cout << (outcome.empty() ? "accepted" : outcome) << ": " << n << "\n";
  }
}

}  // namespace
}  // namespace concordia::domain
