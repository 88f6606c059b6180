#include "services/common/cooperation_fields.h"

#include "engine/common/clock.h"
#include "engine/common/errors.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "services/common/request_fields.h"

namespace concordia {
namespace {

using google::protobuf::util::TimeUtil;

std::string FieldOf(const absl::Status& s) { return ErrorMetadata(s)["field"]; }

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

// 10:00 on 16 February 2026 in Rome.
const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 2, 16, 9, 0, 0),
                                        absl::UTCTimeZone());

v1::ApprovingAct External() {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_body("Consiglio comunale di Melegnano");
  a.mutable_deliberation()->set_number("12");
  *a.mutable_deliberation()->mutable_date() = D(2026, 2, 1);
  *a.mutable_declared_executive_on() = D(2026, 2, 12);
  return a;
}

TEST(CooperationFieldsTest, ActsAreInternalOrExternalAndComplete) {
  EXPECT_TRUE(RequireAct(External(), true, "act").ok());
  v1::ApprovingAct internal;
  internal.mutable_deliberation()->set_proposal_id("p-1");
  EXPECT_TRUE(RequireAct(internal, true, "act").ok());
  EXPECT_EQ(FieldOf(RequireAct({}, false, "act")), "act");
  EXPECT_TRUE(RequireAct({}, false, "taken_note_by", false).ok());
  // Present but empty is not "absent".
  v1::ApprovingAct hash_only;
  hash_only.set_document_sha256(std::string(64, 'a'));
  EXPECT_EQ(FieldOf(RequireAct(hash_only, true, "taken_note_by", false)),
            "taken_note_by");
  v1::ApprovingAct a = External();
  a.mutable_deliberation()->set_body(std::string(300, 'b'));
  EXPECT_EQ(FieldOf(RequireAct(a, true, "act")), "act.deliberation.body");
  a = External();
  a.clear_declared_executive_on();
  EXPECT_EQ(FieldOf(RequireAct(a, true, "funding.grant_act")),
            "funding.grant_act.declared_executive_on");
}

TEST(CooperationFieldsTest, SignaturesDefaultToTheCallerAndNow) {
  SimulatedClock clock(kNow);
  ServiceEnv env;
  env.clock = &clock;
  v1::Signature s;
  s.set_type(v1::SIGNATURE_TYPE_QUALIFIED_ELECTRONIC);
  absl::StatusOr<v1::Signature> filled =
      SignatureOrNow(env, s, true, "signature", "sindaco@melegnano");
  ASSERT_TRUE(filled.ok()) << filled.status();
  EXPECT_EQ(filled->signer(), "sindaco@melegnano");
  EXPECT_EQ(TimeUtil::TimestampToSeconds(filled->signed_at()),
            absl::ToUnixSeconds(kNow));
  // Without a default the signer is required; the type always is.
  EXPECT_EQ(FieldOf(SignatureOrNow(env, s, true, "signature", "").status()),
            "signature.signer");
  v1::Signature untyped = s;
  untyped.clear_type();
  EXPECT_EQ(
      FieldOf(SignatureOrNow(env, untyped, true, "signature", "x").status()),
      "signature.type");
  EXPECT_EQ(FieldOf(SignatureOrNow(env, s, false, "signature", "x").status()),
            "signature");
  // A signature is recorded once applied: never after the server's time.
  v1::Signature future = s;
  *future.mutable_signed_at() = ToTimestamp(kNow + absl::Seconds(1));
  EXPECT_EQ(
      FieldOf(SignatureOrNow(env, future, true, "signature", "x").status()),
      "signature.signed_at");
  v1::Signature past = s;
  *past.mutable_signed_at() = ToTimestamp(kNow - absl::Hours(30));
  EXPECT_EQ(
      SignatureOrNow(env, past, true, "signature", "x")->signed_at().seconds(),
      absl::ToUnixSeconds(kNow - absl::Hours(30)));
  v1::Signature badhash = s;
  badhash.set_document_sha256("ABC");
  EXPECT_EQ(
      FieldOf(SignatureOrNow(env, badhash, true, "signature", "x").status()),
      "signature.document_sha256");
}

TEST(CooperationFieldsTest, RecordedDaysAreNotInTheFuture) {
  SimulatedClock clock(kNow);
  ServiceEnv env;
  env.clock = &clock;
  EXPECT_EQ(*PastDayOrToday(env, {}, false, "notified_on"),
            absl::CivilDay(2026, 2, 16));
  EXPECT_EQ(*PastDayOrToday(env, D(2026, 2, 16), true, "notified_on"),
            absl::CivilDay(2026, 2, 16));
  EXPECT_EQ(*PastDayOrToday(env, D(2025, 5, 15), true, "notified_on"),
            absl::CivilDay(2025, 5, 15));
  EXPECT_EQ(
      FieldOf(
          PastDayOrToday(env, D(2026, 2, 17), true, "notified_on").status()),
      "notified_on");
  EXPECT_EQ(
      FieldOf(PastDayOrToday(env, D(2026, 2, 30), true, "joined_on").status()),
      "joined_on");
}

TEST(CooperationFieldsTest, PartiesDelegatesMoneyAndIds) {
  v1::AccordParty p;
  p.set_party_id("melegnano");
  p.set_name("Comune di Melegnano");
  p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
  p.set_kind(v1::MEMBER_KIND_COMUNE);
  EXPECT_TRUE(RequireParty(p, "parties[0]", "sudestmilano").ok());
  v1::AccordParty consortium = p;
  consortium.set_party_id("sudestmilano");
  consortium.clear_kind();
  EXPECT_TRUE(RequireParty(consortium, "parties[1]", "sudestmilano").ok());
  p.clear_kind();
  EXPECT_EQ(FieldOf(RequireParty(p, "parties[0]", "sudestmilano")),
            "parties[0].kind");
  p.set_kind(v1::MEMBER_KIND_COMUNE);
  p.clear_role();
  EXPECT_EQ(FieldOf(RequireParty(p, "adherent", "sudestmilano")),
            "adherent.role");

  v1::Exerciser lead;
  lead.set_kind(v1::EXERCISER_KIND_LEAD_ENTE);
  EXPECT_EQ(FieldOf(RequireDelegate(lead, true, "delegate")),
            "delegate.lead_member_id");
  lead.set_lead_member_id("melegnano");
  EXPECT_TRUE(RequireDelegate(lead, true, "delegate").ok());
  v1::Exerciser itself;
  itself.set_kind(v1::EXERCISER_KIND_MEMBER_ITSELF);
  EXPECT_EQ(FieldOf(RequireDelegate(itself, true, "delegate")),
            "delegate.kind");
  EXPECT_EQ(FieldOf(RequireDelegate({}, false, "delegate")), "delegate");

  EXPECT_TRUE(RequireCents(0, "funded_cents", false).ok());
  EXPECT_EQ(FieldOf(RequireCents(0, "amount_cents", true)), "amount_cents");
  EXPECT_EQ(FieldOf(RequireCents(-1, "funded_cents", false)), "funded_cents");
  EXPECT_TRUE(RequireCents(kMaxCents, "amount_cents", true).ok());
  EXPECT_EQ(FieldOf(RequireCents(kMaxCents + 1, "amount_cents", true)),
            "amount_cents");
  EXPECT_EQ(FieldOf(RequireYear(1999, "year")), "year");
  EXPECT_TRUE(RequireYear(2027, "year").ok());
  EXPECT_EQ(FieldOf(RequireInstrument(-1)), "instrument");

  google::protobuf::RepeatedPtrField<std::string> ids;
  EXPECT_EQ(FieldOf(DistinctIds(ids, "need_ids", 1).status()), "need_ids");
  ids.Add("n-1");
  ids.Add("n-2");
  EXPECT_EQ(DistinctIds(ids, "need_ids", 1)->size(), 2u);
  ids.Add("n-1");
  EXPECT_EQ(FieldOf(DistinctIds(ids, "need_ids", 1).status()), "need_ids[2]");

  v1::CostSharingRule rule;
  EXPECT_EQ(FieldOf(RequireCostSharing(rule, true, "cost_sharing", true)),
            "cost_sharing.method");
  EXPECT_TRUE(RequireCostSharing(rule, false, "cost_sharing", false).ok());
  EXPECT_EQ(FieldOf(RequireCostSharing(rule, false, "cost_sharing", true)),
            "cost_sharing");
}

}  // namespace
}  // namespace concordia
