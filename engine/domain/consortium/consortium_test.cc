// The Consortium's pure rules, without storage: events from Decide are
// applied to a state by Apply, as the log would.
#include "engine/domain/consortium/consortium.h"

#include "engine/common/errors.h"
#include "engine/domain/core/reasons.h"
#include "gtest/gtest.h"

namespace concordia::domain::consortium {
namespace {

using absl::CivilDay;

void ApplyAll(ConsortiumState& s, const absl::StatusOr<Events>& events) {
  ASSERT_TRUE(events.ok()) << events.status();
  for (const auto& e : *events) {
    ASSERT_TRUE(ApplyConsortiumEvent(s, *e, log::Record()).ok());
  }
}

v1::Statute MinimalStatute() {
  v1::Statute st;
  v1::BodyRules* a = st.add_bodies();
  a->set_body_kind(v1::BODY_KIND_ASSEMBLEA);
  v1::MajorityRule* m = a->add_majorities();
  m->set_act_kind(v1::ACT_KIND_ORDINARY);
  m->set_base(v1::MAJORITY_BASE_VOTANTI);
  m->mutable_shares()->set_numerator(1);
  m->mutable_shares()->set_denominator(2);
  st.mutable_ordinary_notice()->set_amount(5);
  st.mutable_ordinary_notice()->set_unit(v1::DEADLINE_UNIT_CALENDAR_DAYS);
  st.mutable_extraordinary_notice()->set_amount(3);
  st.mutable_extraordinary_notice()->set_unit(v1::DEADLINE_UNIT_CALENDAR_DAYS);
  st.mutable_urgent_notice()->set_amount(24);
  st.mutable_urgent_notice()->set_unit(v1::DEADLINE_UNIT_HOURS);
  st.set_publication_days(15);
  st.set_executivity_days(10);
  st.mutable_immediate_executability()->set_numerator(1);
  st.mutable_immediate_executability()->set_denominator(2);
  st.set_annulment_limit_months(12);
  return st;
}

// The Società della Salute of the Pistoia zone in 2010 (illustrative shares:
// the AUSL a third, the comuni by population).
RegisterConsortium Pistoia() {
  RegisterConsortium r;
  r.consortium_id = "sds-pistoia";
  r.legal_form = v1::LEGAL_FORM_SOCIETA_DELLA_SALUTE;
  r.name = "Società della Salute Pistoiese";
  r.seat_comune = "pistoia";
  r.constituted_on = CivilDay(2010, 8, 6);
  r.statute = MinimalStatute();
  const v1::MemberKind c = v1::MEMBER_KIND_COMUNE;
  r.founders = {{"ausl-toscana-centro", "Azienda USL Toscana Centro",
                 v1::MEMBER_KIND_AZIENDA_SANITARIA, 334},
                {"pistoia", "Pistoia", c, 310},
                {"quarrata", "Quarrata", c, 91},
                {"agliana", "Agliana", c, 60},
                {"serravalle-pistoiese", "Serravalle Pistoiese", c, 40},
                {"montale", "Montale", c, 36},
                {"san-marcello-pistoiese", "San Marcello Pistoiese", c, 24},
                {"piteglio", "Piteglio", c, 6},
                {"marliana", "Marliana", c, 12},
                {"abetone", "Abetone", c, 3},
                {"cutigliano", "Cutigliano", c, 6},
                {"sambuca-pistoiese", "Sambuca Pistoiese", c, 78}};
  return r;
}

TEST(ConsortiumTest, ScenarioS4MemberSuccession) {
  ConsortiumState s;
  ApplyAll(s, DecideRegister(s, Pistoia()));
  const CivilDay merger(2017, 1, 1);
  ApplyAll(s, DecideSuccession(s, {{"abetone", "cutigliano"},
                                   "abetone-cutigliano",
                                   "Abetone Cutigliano",
                                   v1::MEMBER_KIND_COMUNE,
                                   merger}));
  ApplyAll(s, DecideSuccession(s, {{"san-marcello-pistoiese", "piteglio"},
                                   "san-marcello-piteglio",
                                   "San Marcello Piteglio",
                                   v1::MEMBER_KIND_COMUNE,
                                   merger}));
  auto after = s.SharesAt(merger);
  EXPECT_EQ(after["abetone-cutigliano"], 9);      // 3 + 6
  EXPECT_EQ(after["san-marcello-piteglio"], 30);  // 24 + 6
  EXPECT_EQ(after.count("abetone"), 0u);
  int sum = 0;
  for (const auto& [m, p] : after) sum += p;
  EXPECT_EQ(sum, 1000);
  // Read as of 2010 the founding agreement shows the original signatories.
  EXPECT_TRUE(s.IsMemberOn("abetone", CivilDay(2010, 8, 6)));
  EXPECT_TRUE(s.IsMemberOn("cutigliano", CivilDay(2016, 12, 31)));
  EXPECT_FALSE(s.IsMemberOn("cutigliano", merger));
  EXPECT_FALSE(s.IsMemberOn("abetone-cutigliano", CivilDay(2010, 8, 6)));
  EXPECT_EQ(s.SharesAt(CivilDay(2010, 8, 6))["abetone"], 3);
  EXPECT_EQ(s.MembersOn(CivilDay(2010, 8, 6)).size(), 12u);
  EXPECT_EQ(s.MembersOn(merger).size(), 10u);
  // A merger of members that no longer exist is refused.
  EXPECT_EQ(ErrorReason(DecideSuccession(s, {{"abetone", "cutigliano"},
                                             "x-y", "X", v1::MEMBER_KIND_COMUNE,
                                             CivilDay(2018, 1, 1)})
                            .status()),
            reasons::kNotAMember);
}

TEST(ConsortiumTest, RegistrationValidatesSharesAndStatute) {
  ConsortiumState s;
  RegisterConsortium r = Pistoia();
  r.founders[0].permille += 1;
  EXPECT_EQ(ErrorReason(DecideRegister(s, r).status()),
            reasons::kSharesDoNotSumTo1000);
  r = Pistoia();
  r.statute.set_publication_days(0);
  EXPECT_EQ(ErrorMetadata(DecideRegister(s, r).status())["field"],
            "statute.publication_days");
  r = Pistoia();
  r.consortium_id = "Bad Id";
  EXPECT_EQ(DecideRegister(s, r).status().code(),
            absl::StatusCode::kInvalidArgument);
  ApplyAll(s, DecideRegister(s, Pistoia()));
  EXPECT_EQ(ErrorReason(DecideRegister(s, Pistoia()).status()),
            reasons::kAlreadyExists);
}

TEST(ConsortiumTest, AdmissionNeedsAnExecutiveDeliberationAndFullShares) {
  ConsortiumState s;
  ApplyAll(s, DecideRegister(s, Pistoia()));
  AdmitMember admit;
  admit.member_id = "pescia";
  admit.name = "Pescia";
  admit.kind = v1::MEMBER_KIND_COMUNE;
  admit.effective_from = CivilDay(2012, 1, 1);
  admit.authorised_by.set_proposal_id("ammissione-pescia");
  admit.shares = s.SharesAt(admit.effective_from);
  admit.shares["pistoia"] -= 20;
  admit.shares["pescia"] = 20;
  EXPECT_EQ(ErrorReason(DecideAdmit(s, admit, /*executive=*/false).status()),
            reasons::kDeliberationNotExecutive);
  AdmitMember partial = admit;
  partial.shares.erase("montale");
  partial.shares["pescia"] += 36;
  EXPECT_EQ(ErrorReason(DecideAdmit(s, partial, true).status()),
            reasons::kSharesDoNotCoverMembers);
  ApplyAll(s, DecideAdmit(s, admit, true));
  EXPECT_TRUE(s.IsMemberOn("pescia", CivilDay(2012, 1, 1)));
  EXPECT_FALSE(s.IsMemberOn("pescia", CivilDay(2011, 12, 31)));
  // A change dated before the latest share table would leave it incomplete.
  ChangeShares early{CivilDay(2011, 6, 1), s.SharesAt(CivilDay(2011, 6, 1)),
                     admit.authorised_by};
  EXPECT_EQ(ErrorReason(DecideChangeShares(s, early, true).status()),
            reasons::kRetroactiveChange);
}

TEST(ConsortiumTest, StatuteVersionsApplyFromTheirEffectiveDate) {
  ConsortiumState s;
  ApplyAll(s, DecideRegister(s, Pistoia()));
  v1::Statute v2 = MinimalStatute();
  v2.set_publication_days(30);
  AdoptStatute adopt{v2, CivilDay(2020, 1, 1), {}};
  adopt.authorised_by.set_proposal_id("statuto-2020");
  ApplyAll(s, DecideAdoptStatute(s, adopt, true));
  EXPECT_EQ(s.StatuteAt(CivilDay(2019, 12, 31))->publication_days(), 15);
  EXPECT_EQ(s.StatuteAt(CivilDay(2020, 1, 1))->publication_days(), 30);
  EXPECT_EQ(s.StatuteAt(CivilDay(2010, 1, 1)), nullptr);
}

TEST(ConsortiumTest, DesignationsOverTime) {
  ConsortiumState s;
  ApplyAll(s, DecideRegister(s, Pistoia()));
  ApplyAll(s, DecideCreateBody(s, {"assemblea", v1::BODY_KIND_ASSEMBLEA, ""}));
  ApplyAll(s, DecideDesignate(s, {"assemblea", "pistoia", "sindaco@pistoia",
                                  true, CivilDay(2010, 8, 6)}));
  EXPECT_EQ(ErrorReason(DecideDesignate(s, {"assemblea", "pistoia", "other",
                                            true, CivilDay(2011, 1, 1)})
                            .status()),
            reasons::kAlreadyExists);
  ApplyAll(s, DecideRevokeDesignation(s, {"assemblea", "pistoia",
                                          "sindaco@pistoia",
                                          CivilDay(2014, 6, 1)}));
  EXPECT_EQ(s.VotersOf("assemblea", CivilDay(2014, 5, 31)).size(), 1u);
  EXPECT_TRUE(s.VotersOf("assemblea", CivilDay(2014, 6, 1)).empty());
  EXPECT_EQ(ErrorReason(DecideDesignate(s, {"assemblea", "nowhere", "x", true,
                                            CivilDay(2014, 6, 1)})
                            .status()),
            reasons::kNotAMember);
  EXPECT_EQ(DecideDesignate(s, {"no-body", "pistoia", "x", true,
                                CivilDay(2014, 6, 1)})
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace concordia::domain::consortium
