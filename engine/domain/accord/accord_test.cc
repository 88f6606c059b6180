// The Accord's pure rules, without storage: each rule given a state folded
// from events, a command, and the expected events or reason.
#include "engine/domain/accord/accord.h"

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"

namespace concordia::domain::accord {
namespace {

using absl::CivilDay;

void Fold(AccordState& s, const Events& events) {
  for (const auto& e : events) {
    ASSERT_TRUE(ApplyAccordEvent(s, *e, log::Record{}).ok());
  }
}

std::vector<std::string> Types(const Events& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e->GetDescriptor()->name());
  return out;
}

v1::AccordParty Party(const std::string& id,
                      v1::PartyRole role = v1::PARTY_ROLE_PUBLIC_PARTY) {
  v1::AccordParty p;
  p.set_party_id(id);
  p.set_name(id);
  p.set_role(role);
  p.set_kind(role == v1::PARTY_ROLE_PUBLIC_PARTY
                 ? v1::MEMBER_KIND_COMUNE
                 : v1::MEMBER_KIND_TERZO_SETTORE);
  return p;
}

v1::ApprovingAct Act(CivilDay executive) {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_body("Giunta comunale");
  a.mutable_deliberation()->set_number("7");
  *a.mutable_deliberation()->mutable_date() = ToDate(executive - 11);
  *a.mutable_declared_executive_on() = ToDate(executive);
  return a;
}

v1::Signature Sig(const std::string& who, CivilDay day) {
  v1::Signature s;
  s.set_signer(absl::StrCat("sindaco@", who));
  s.set_type(v1::SIGNATURE_TYPE_QUALIFIED_ELECTRONIC);
  *s.mutable_signed_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(
      absl::ToUnixSeconds(calendar::StartOfRomeDay(day) + absl::Hours(11)));
  return s;
}

DraftAccord Convenzione(std::vector<std::string> parties) {
  DraftAccord d;
  d.consortium_id = "consorzio";
  d.accord_id = "conv";
  d.kind = v1::ACCORD_KIND_CONVENZIONE;
  d.title = "Convenzione per il servizio sociale";
  d.object = "gestione associata";
  for (const std::string& p : parties) d.parties.push_back(Party(p));
  d.term.set_duration_months(36);
  return d;
}

class AccordTest : public ::testing::Test {
 protected:
  // Drafts `d` and records each public party's approval (executive from
  // `executive`).
  void Draft(const DraftAccord& d, CivilDay executive = CivilDay(2026, 3, 1)) {
    auto e = DecideDraft(s_, d, {&consortium_, CivilDay(2026, 2, 1)});
    ASSERT_TRUE(e.ok()) << e.status();
    Fold(s_, *e);
    for (const v1::AccordParty& p : d.parties) {
      if (p.role() != v1::PARTY_ROLE_PUBLIC_PARTY) continue;
      auto a = DecideApproval(s_, {0, p.party_id(), Act(executive), executive});
      ASSERT_TRUE(a.ok()) << a.status();
      Fold(s_, *a);
    }
  }
  absl::StatusOr<Events> SignAndFold(const std::string& party, CivilDay day,
                                     int instrument = 0) {
    auto e = DecideSign(s_, {instrument, party, Sig(party, day)}, true);
    if (e.ok()) Fold(s_, *e);
    return e;
  }

  consortium::ConsortiumState consortium_;
  AccordState s_;
  calendar::Calendar cal_;
};

TEST_F(AccordTest, DraftNeedsTwoPublicPartiesAndOneTerm) {
  DraftAccord d = Convenzione({"a"});
  d.parties.push_back(Party("t", v1::PARTY_ROLE_THIRD_SECTOR_ADHERENT));
  EXPECT_EQ(ErrorMetadata(DecideDraft(s_, d, {}).status())["field"], "parties");
  d = Convenzione({"a", "b"});
  *d.term.mutable_ends_on() = ToDate(CivilDay(2028, 12, 31));
  EXPECT_EQ(ErrorMetadata(DecideDraft(s_, d, {}).status())["field"], "term");
  d = Convenzione({"a", "a"});
  EXPECT_EQ(ErrorMetadata(DecideDraft(s_, d, {}).status())["field"],
            "parties[1].party_id");
  d = Convenzione({"a", "b"});
  d.kind = v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA;
  d.constitutive = true;
  EXPECT_EQ(ErrorMetadata(DecideDraft(s_, d, {}).status())["field"],
            "constitutive");
  d = Convenzione({"a", "b"});
  d.programme_id = "pdz";
  EXPECT_EQ(DecideDraft(s_, d, {}).status().code(),
            absl::StatusCode::kNotFound);
  DraftInputs plan{nullptr, CivilDay(2026, 2, 1), true,
                   v1::PROGRAMME_KIND_PIANO_DI_ZONA};
  EXPECT_EQ(ErrorMetadata(DecideDraft(s_, d, plan).status())["field"], "kind");
  // A constitutive convenzione is among the consortium's members.
  d = Convenzione({"a", "b"});
  d.constitutive = true;
  EXPECT_EQ(
      ErrorReason(
          DecideDraft(s_, d, {&consortium_, CivilDay(2026, 2, 1)}).status()),
      reasons::kNotAMember);
  // The consortium itself is a party without a member kind.
  d = Convenzione({"a", "consorzio"});
  d.parties[1].clear_kind();
  EXPECT_TRUE(DecideDraft(s_, d, {}).ok());
  d.parties[1].set_role(v1::PARTY_ROLE_THIRD_SECTOR_ADHERENT);
  EXPECT_EQ(ErrorMetadata(DecideDraft(s_, d, {}).status())["field"],
            "parties[1].kind");
  Draft(Convenzione({"a", "b"}));
  EXPECT_EQ(ErrorReason(DecideDraft(s_, Convenzione({"a", "b"}), {}).status()),
            reasons::kAlreadyExists);
  // Defaults: no renewal, six months' withdrawal notice to the next 1 January.
  EXPECT_EQ(s_.draft.renewal().kind(), v1::RENEWAL_KIND_NONE);
  EXPECT_EQ(s_.draft.withdrawal().notice().amount(), 6);
  EXPECT_TRUE(s_.draft.withdrawal().notice().next_january_first());
}

TEST_F(AccordTest, ConvenzioneIsInForceWithTheLastSignature) {
  Draft(Convenzione({"a", "b", "c"}));
  EXPECT_EQ(s_.stage(), Stage::kDraft);
  ASSERT_TRUE(SignAndFold("a", CivilDay(2026, 3, 2)).ok());
  ASSERT_TRUE(SignAndFold("b", CivilDay(2026, 3, 3)).ok());
  EXPECT_EQ(s_.stage(), Stage::kBeingSigned);
  EXPECT_FALSE(s_.InForceOn(CivilDay(2026, 3, 4)));
  EXPECT_EQ(s_.MissingSignatures(0, CivilDay(2026, 3, 4)),
            std::vector<std::string>{"c"});
  auto last = SignAndFold("c", CivilDay(2026, 3, 10));
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(Types(*last),
            (std::vector<std::string>{
                "AccordSigned", "AccordInstrumentConcluded", "AccordInForce"}));
  EXPECT_EQ(s_.stage(), Stage::kInForce);
  EXPECT_TRUE(s_.InForceOn(CivilDay(2026, 3, 10)));
  EXPECT_FALSE(s_.InForceOn(CivilDay(2026, 3, 9)));
  // 36 months from 10 March 2026: the last day is 9 March 2029.
  EXPECT_EQ(*s_.ends_on, CivilDay(2029, 3, 9));
  EXPECT_FALSE(s_.InForceOn(CivilDay(2029, 3, 10)));
}

TEST_F(AccordTest, SigningNeedsAnExecutiveApprovalOfAPublicParty) {
  DraftAccord d = Convenzione({"a", "b"});
  d.parties.push_back(Party("t", v1::PARTY_ROLE_THIRD_SECTOR_ADHERENT));
  auto drafted = DecideDraft(s_, d, {});
  ASSERT_TRUE(drafted.ok());
  Fold(s_, *drafted);
  const CivilDay day(2026, 3, 2);
  // No approval recorded.
  EXPECT_EQ(ErrorReason(DecideSign(s_, {0, "a", Sig("a", day)}, true).status()),
            reasons::kDeliberationNotExecutive);
  Fold(s_, *DecideApproval(s_, {0, "a", Act(day + 5), day}));
  // Recorded but not executive on the day of the signature.
  EXPECT_EQ(
      ErrorReason(DecideSign(s_, {0, "a", Sig("a", day)}, false).status()),
      reasons::kDeliberationNotExecutive);
  EXPECT_EQ(ErrorReason(DecideSign(s_, {0, "x", Sig("x", day)}, true).status()),
            reasons::kNotAParty);
  EXPECT_EQ(ErrorReason(DecideSign(s_, {0, "t", Sig("t", day)}, true).status()),
            reasons::kNotAParty);
  EXPECT_EQ(ErrorReason(DecideApproval(s_, {0, "t", Act(day), day}).status()),
            reasons::kNotAParty);
  ASSERT_TRUE(SignAndFold("a", day + 5).ok());
  EXPECT_EQ(
      ErrorReason(DecideSign(s_, {0, "a", Sig("a", day + 6)}, true).status()),
      reasons::kAlreadyExists);
  EXPECT_EQ(ErrorReason(DecideApproval(s_, {0, "a", Act(day), day}).status()),
            reasons::kInvalidStateTransition);
  v1::Signature unsigned_type = Sig("b", day);
  unsigned_type.set_type(v1::SIGNATURE_TYPE_UNSPECIFIED);
  EXPECT_EQ(
      ErrorMetadata(
          DecideSign(s_, {0, "b", unsigned_type}, true).status())["field"],
      "signature.type");
  EXPECT_EQ(DecideSign(s_, {3, "b", Sig("b", day)}, true).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(AccordTest, AccordoDiProgrammaNeedsApprovalActAndPublication) {
  DraftAccord d = Convenzione({"a", "b"});
  d.kind = v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA;
  *d.term.mutable_starts_on() = ToDate(CivilDay(2026, 5, 1));
  Draft(d);
  const v1::ApprovingAct decree = Act(CivilDay(2026, 4, 1));
  ASSERT_TRUE(SignAndFold("a", CivilDay(2026, 3, 2)).ok());
  EXPECT_EQ(
      ErrorReason(DecideApprovalAct(s_, {0, decree, CivilDay(2026, 4, 2)}, true)
                      .status()),
      reasons::kMissingSignature);
  EXPECT_EQ(ErrorReason(DecidePublication(
                            s_, {0, "BURL", "SO 15", CivilDay(2026, 4, 9)})
                            .status()),
            reasons::kMissingSignature);
  auto last = SignAndFold("b", CivilDay(2026, 3, 3));
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(Types(*last), (std::vector<std::string>{
                              "AccordSigned", "AccordInstrumentConcluded"}));
  EXPECT_EQ(s_.stage(), Stage::kConcluded);
  EXPECT_FALSE(s_.InForceOn(CivilDay(2026, 6, 1)));
  EXPECT_EQ(ErrorReason(DecidePublication(
                            s_, {0, "BURL", "SO 15", CivilDay(2026, 4, 9)})
                            .status()),
            reasons::kApprovalActRequired);
  EXPECT_EQ(ErrorReason(
                DecideApprovalAct(s_, {0, decree, CivilDay(2026, 4, 2)}, false)
                    .status()),
            reasons::kDeliberationNotExecutive);
  Fold(s_, *DecideApprovalAct(s_, {0, decree, CivilDay(2026, 4, 2)}, true));
  EXPECT_EQ(s_.stage(), Stage::kApproved);
  auto published =
      DecidePublication(s_, {0, "BURL", "SO 15", CivilDay(2026, 4, 9)});
  ASSERT_TRUE(published.ok()) << published.status();
  Fold(s_, *published);
  // In force from its starting day, after the publication.
  EXPECT_EQ(*s_.in_force_from, CivilDay(2026, 5, 1));
  EXPECT_FALSE(s_.InForceOn(CivilDay(2026, 4, 30)));
  EXPECT_TRUE(s_.InForceOn(CivilDay(2026, 5, 1)));
  EXPECT_EQ(ErrorReason(DecidePublication(
                            s_, {0, "BURL", "SO 16", CivilDay(2026, 4, 16)})
                            .status()),
            reasons::kAlreadyExists);
}

TEST_F(AccordTest, ConvenzioneHasNoApprovalActNorBulletin) {
  Draft(Convenzione({"a", "b"}));
  ASSERT_TRUE(SignAndFold("a", CivilDay(2026, 3, 2)).ok());
  ASSERT_TRUE(SignAndFold("b", CivilDay(2026, 3, 2)).ok());
  EXPECT_EQ(
      ErrorReason(
          DecideApprovalAct(
              s_, {0, Act(CivilDay(2026, 3, 1)), CivilDay(2026, 3, 3)}, true)
              .status()),
      reasons::kInvalidStateTransition);
}

TEST_F(AccordTest, WithdrawalTakesEffectTheNextFirstOfJanuary) {
  Draft(Convenzione({"a", "b", "c"}));
  for (const char* p : {"a", "b", "c"}) {
    ASSERT_TRUE(SignAndFold(p, CivilDay(2026, 3, 2)).ok());
  }
  NotifyWithdrawal n{
      "c", CivilDay(2026, 5, 15), Act(CivilDay(2026, 5, 10)), {}};
  EXPECT_EQ(ErrorReason(DecideNotifyWithdrawal(s_, n, false, cal_).status()),
            reasons::kDeliberationNotExecutive);
  auto notified = DecideNotifyWithdrawal(s_, n, true, cal_);
  ASSERT_TRUE(notified.ok()) << notified.status();
  Fold(s_, *notified);
  EXPECT_EQ(DayOf(s_.parties.at("c").withdrawal_notice->effective_on()),
            CivilDay(2027, 1, 1));
  EXPECT_EQ(ErrorReason(DecideNotifyWithdrawal(s_, n, true, cal_).status()),
            reasons::kInvalidStateTransition);
  EXPECT_EQ(
      ErrorReason(
          DecideWithdrawalEffect(s_, "c", CivilDay(2026, 12, 31)).status()),
      reasons::kInvalidStateTransition);
  auto effect = DecideWithdrawalEffect(s_, "c", CivilDay(2027, 1, 1));
  ASSERT_TRUE(effect.ok());
  EXPECT_EQ(Types(*effect), std::vector<std::string>{"AccordPartyWithdrawn"});
  Fold(s_, *effect);
  // Idempotent.
  EXPECT_TRUE(DecideWithdrawalEffect(s_, "c", CivilDay(2027, 1, 1))->empty());
  EXPECT_TRUE(s_.IsActivePartyOn("c", CivilDay(2026, 12, 31)));
  EXPECT_FALSE(s_.IsActivePartyOn("c", CivilDay(2027, 1, 1)));
  EXPECT_EQ(s_.RequiredPartiesOn(CivilDay(2027, 1, 1)),
            (std::vector<std::string>{"a", "b"}));
  // An amendment now needs only a and b; c can no longer sign.
  auto proposed = DecidePropose(s_, {v1::INSTRUMENT_KIND_AMENDMENT,
                                     "art. 5",
                                     "",
                                     {},
                                     {},
                                     CivilDay(2027, 2, 1)});
  ASSERT_TRUE(proposed.ok()) << proposed.status();
  Fold(s_, *proposed);
  EXPECT_EQ(ErrorReason(DecideApproval(s_, {1, "c", Act(CivilDay(2027, 2, 1)),
                                            CivilDay(2027, 2, 2)})
                            .status()),
            reasons::kMemberWithdrawn);
  for (const char* p : {"a", "b"}) {
    Fold(s_, *DecideApproval(
                 s_, {1, p, Act(CivilDay(2027, 2, 1)), CivilDay(2027, 2, 2)}));
  }
  ASSERT_TRUE(SignAndFold("a", CivilDay(2027, 2, 3), 1).ok());
  auto last = SignAndFold("b", CivilDay(2027, 2, 4), 1);
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(Types(*last),
            (std::vector<std::string>{
                "AccordSigned", "AccordInstrumentConcluded", "AccordAmended"}));
}

TEST_F(AccordTest, TheLastButOnePublicPartyLeavingDissolvesTheAccord) {
  Draft(Convenzione({"a", "b"}));
  ASSERT_TRUE(SignAndFold("a", CivilDay(2026, 3, 2)).ok());
  ASSERT_TRUE(SignAndFold("b", CivilDay(2026, 3, 2)).ok());
  Fold(s_, *DecideNotifyWithdrawal(
               s_, {"b", CivilDay(2026, 9, 1), Act(CivilDay(2026, 8, 1)), {}},
               true, cal_));
  // 1 September + 6 months = 1 March 2027 → 1 January 2028.
  auto effect = DecideWithdrawalEffect(s_, "b", CivilDay(2028, 1, 1));
  ASSERT_TRUE(effect.ok());
  EXPECT_EQ(Types(*effect), (std::vector<std::string>{"AccordPartyWithdrawn",
                                                      "AccordDissolved"}));
  Fold(s_, *effect);
  EXPECT_EQ(s_.stage(), Stage::kDissolved);
  EXPECT_TRUE(s_.InForceOn(CivilDay(2027, 12, 31)));
  EXPECT_FALSE(s_.InForceOn(CivilDay(2028, 1, 1)));
}

TEST_F(AccordTest, TacitRenewalUnlessNoticeIsGivenInTime) {
  DraftAccord d = Convenzione({"a", "b"});
  d.term.clear_duration_months();
  *d.term.mutable_ends_on() = ToDate(CivilDay(2027, 12, 31));
  d.renewal.set_kind(v1::RENEWAL_KIND_TACIT);
  d.renewal.set_renewal_months(12);
  Draft(d);
  ASSERT_TRUE(SignAndFold("a", CivilDay(2026, 3, 2)).ok());
  ASSERT_TRUE(SignAndFold("b", CivilDay(2026, 3, 2)).ok());
  // Not at the end of the term: nothing.
  EXPECT_TRUE(DecideTermEnd(s_, CivilDay(2027, 6, 1))->empty());
  AccordState renewing = s_;
  auto renewed = DecideTermEnd(renewing, CivilDay(2028, 1, 1));
  ASSERT_TRUE(renewed.ok());
  EXPECT_EQ(Types(*renewed), std::vector<std::string>{"AccordRenewed"});
  Fold(renewing, *renewed);
  EXPECT_EQ(*renewing.ends_on, CivilDay(2028, 12, 31));
  EXPECT_TRUE(renewing.InForceOn(CivilDay(2028, 6, 1)));
  // Six months' notice before 31 December 2027: by 30 June.
  const NotifyNonRenewal late{"b", CivilDay(2027, 7, 1),
                              Act(CivilDay(2027, 6, 1))};
  EXPECT_EQ(ErrorReason(DecideNonRenewal(s_, late, true, cal_).status()),
            reasons::kDeadlinePassed);
  const NotifyNonRenewal timely{"b", CivilDay(2027, 6, 30),
                                Act(CivilDay(2027, 6, 1))};
  Fold(s_, *DecideNonRenewal(s_, timely, true, cal_));
  EXPECT_EQ(ErrorReason(DecideNonRenewal(s_, timely, true, cal_).status()),
            reasons::kAlreadyExists);
  auto expired = DecideTermEnd(s_, CivilDay(2028, 1, 1));
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(Types(*expired), std::vector<std::string>{"AccordExpired"});
  Fold(s_, *expired);
  EXPECT_EQ(s_.stage(), Stage::kExpired);
  EXPECT_FALSE(s_.InForceOn(CivilDay(2028, 1, 1)));
  EXPECT_TRUE(DecideTermEnd(s_, CivilDay(2028, 1, 1))->empty());
}

TEST_F(AccordTest, ExplicitRenewalNeedsAClauseAndALaterDay) {
  Draft(Convenzione({"a", "b"}));
  ASSERT_TRUE(SignAndFold("a", CivilDay(2026, 3, 2)).ok());
  ASSERT_TRUE(SignAndFold("b", CivilDay(2026, 3, 2)).ok());
  ProposeInstrument renew{
      v1::INSTRUMENT_KIND_RENEWAL, "rinnovo", "",
      CivilDay(2032, 3, 1),        {},        CivilDay(2028, 1, 10)};
  EXPECT_EQ(ErrorReason(DecidePropose(s_, renew).status()),
            reasons::kNotRenewable);
  AccordState explicit_clause = s_;
  explicit_clause.draft.mutable_renewal()->set_kind(v1::RENEWAL_KIND_EXPLICIT);
  ProposeInstrument earlier = renew;
  earlier.new_ends_on = CivilDay(2028, 1, 1);
  EXPECT_EQ(
      ErrorMetadata(DecidePropose(explicit_clause, earlier).status())["field"],
      "new_ends_on");
  auto proposed = DecidePropose(explicit_clause, renew);
  ASSERT_TRUE(proposed.ok()) << proposed.status();
  Fold(explicit_clause, *proposed);
  EXPECT_EQ(ErrorReason(DecidePropose(explicit_clause, renew).status()),
            reasons::kInvalidStateTransition);  // one change at a time
  // Signed by both: the term is extended.
  for (const char* p : {"a", "b"}) {
    Fold(explicit_clause,
         *DecideApproval(explicit_clause, {1, p, Act(CivilDay(2028, 1, 12)),
                                           CivilDay(2028, 1, 12)}));
  }
  for (const char* p : {"a", "b"}) {
    auto e = DecideSign(explicit_clause, {1, p, Sig(p, CivilDay(2028, 1, 13))},
                        true);
    ASSERT_TRUE(e.ok()) << e.status();
    Fold(explicit_clause, *e);
  }
  EXPECT_EQ(*explicit_clause.ends_on, CivilDay(2032, 3, 1));
  ASSERT_EQ(explicit_clause.renewals.size(), 1u);
  EXPECT_FALSE(explicit_clause.renewals[0].tacit());
  EXPECT_TRUE(explicit_clause.InForceOn(CivilDay(2031, 1, 1)));
  // The old term's timer no longer does anything.
  EXPECT_TRUE(DecideTermEnd(explicit_clause, CivilDay(2029, 3, 10))->empty());
  EXPECT_EQ(ErrorReason(DecidePropose(s_, {v1::INSTRUMENT_KIND_AMENDMENT,
                                           "x",
                                           "",
                                           {},
                                           {},
                                           CivilDay(2030, 1, 1)})
                            .status()),
            reasons::kNotInForce);
}

TEST_F(AccordTest, DissolutionByMutualConsent) {
  Draft(Convenzione({"a", "b"}));
  ASSERT_TRUE(SignAndFold("a", CivilDay(2026, 3, 2)).ok());
  ASSERT_TRUE(SignAndFold("b", CivilDay(2026, 3, 2)).ok());
  Fold(s_, *DecidePropose(s_, {v1::INSTRUMENT_KIND_DISSOLUTION,
                               "scioglimento",
                               "",
                               {},
                               CivilDay(2027, 1, 1),
                               CivilDay(2026, 10, 1)}));
  for (const char* p : {"a", "b"}) {
    Fold(s_, *DecideApproval(s_, {1, p, Act(CivilDay(2026, 10, 5)),
                                  CivilDay(2026, 10, 5)}));
  }
  ASSERT_TRUE(SignAndFold("a", CivilDay(2026, 10, 6), 1).ok());
  ASSERT_TRUE(SignAndFold("b", CivilDay(2026, 10, 7), 1).ok());
  EXPECT_EQ(s_.stage(), Stage::kDissolved);
  EXPECT_TRUE(s_.InForceOn(CivilDay(2026, 12, 31)));
  EXPECT_FALSE(s_.InForceOn(CivilDay(2027, 1, 1)));
}

TEST_F(AccordTest, AdherentsJoinAnAccordInForceOnTheTavolo) {
  consortium_.registered = true;
  v1::BodyCreated tavolo;
  tavolo.set_body_id("tavolo-aderenti");
  tavolo.set_kind(v1::BODY_KIND_TAVOLO_ADERENTI);
  consortium_.bodies["tavolo-aderenti"] = tavolo;
  v1::BodyCreated assemblea;
  assemblea.set_body_id("assemblea");
  assemblea.set_kind(v1::BODY_KIND_ASSEMBLEA);
  consortium_.bodies["assemblea"] = assemblea;
  Draft(Convenzione({"a", "b"}));
  JoinAdherent j{Party("caritas", v1::PARTY_ROLE_THIRD_SECTOR_ADHERENT),
                 CivilDay(2026, 4, 1), Sig("caritas", CivilDay(2026, 4, 1)),
                 "tavolo-aderenti", "presidente@caritas"};
  EXPECT_EQ(ErrorReason(DecideJoin(s_, j, consortium_).status()),
            reasons::kNotInForce);
  ASSERT_TRUE(SignAndFold("a", CivilDay(2026, 3, 2)).ok());
  ASSERT_TRUE(SignAndFold("b", CivilDay(2026, 3, 2)).ok());
  JoinAdherent wrong = j;
  wrong.tavolo_body_id = "assemblea";
  EXPECT_EQ(ErrorReason(DecideJoin(s_, wrong, consortium_).status()),
            reasons::kWrongBody);
  JoinAdherent public_party = j;
  public_party.adherent = Party("d");
  EXPECT_EQ(ErrorMetadata(
                DecideJoin(s_, public_party, consortium_).status())["field"],
            "adherent.role");
  auto joined = DecideJoin(s_, j, consortium_);
  ASSERT_TRUE(joined.ok()) << joined.status();
  Fold(s_, *joined);
  EXPECT_EQ(ErrorReason(DecideJoin(s_, j, consortium_).status()),
            reasons::kAlreadyExists);
  EXPECT_TRUE(s_.IsActivePartyOn("caritas", CivilDay(2026, 4, 1)));
  EXPECT_FALSE(s_.IsActivePartyOn("caritas", CivilDay(2026, 3, 31)));
  EXPECT_EQ(s_.RequiredPartiesOn(CivilDay(2026, 4, 1)),
            (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace concordia::domain::accord
