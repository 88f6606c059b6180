// The registry and bodies read models over histories made by the real
// command handlers: shares, statute versions and composition as in force on
// a date, as recorded at a position, and both.
#include <map>

#include "engine/domain/core/dates.h"
#include "engine/readmodel/testing/harness.h"
#include "engine/readmodel/testing/steps.h"
#include "gtest/gtest.h"

namespace concordia::readmodel {
namespace {

using absl::CivilDay;
using domain::testing::District;
using testing::AdoptAtOnce;
using testing::AtPosition;
using testing::AtPositionInForceOn;
using testing::InForceOn;
using testing::Latest;
using testing::ReadModelHarness;

std::map<std::string, int> SharesOf(const v1::ConsortiumInForce& in_force) {
  std::map<std::string, int> out;
  for (const v1::MemberShare& s : in_force.shares()) {
    out[s.member_id()] = s.permille();
  }
  return out;
}

v1::DeliberationRef By(const std::string& proposal) {
  v1::DeliberationRef ref;
  ref.set_proposal_id(proposal);
  return ref;
}

std::map<std::string, int32_t> DistrictShares() {
  std::map<std::string, int32_t> out;
  for (const auto& f : domain::testing::DistrictComuni()) {
    out[f.member_id] = f.permille;
  }
  return out;
}

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    d_.Register();
    AdoptAtOnce(d_, "p-shares", CivilDay(2026, 3, 2));
  }
  uint64_t Last() { return d_.log.log->LastPosition(); }
  v1::ConsortiumView Get(const v1::AsOf& as_of) {
    h_.Sync();
    auto c = h_.queries().GetConsortium(d_.id, as_of);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? c->value : v1::ConsortiumView();
  }
  void ChangeShares(CivilDay from, int san_giuliano, int colturano) {
    domain::consortium::ChangeShares c;
    c.effective_from = from;
    c.shares = DistrictShares();
    c.shares["san-giuliano-milanese"] = san_giuliano;
    c.shares["colturano"] = colturano;
    c.authorised_by = By("p-shares");
    auto r = d_.governance.ChangeShares(d_.Ctx(), d_.id, c);
    ASSERT_TRUE(r.ok()) << r.status();
  }

  District d_;
  ReadModelHarness h_{*d_.log.log, d_.clock};
};

TEST_F(RegistryTest, ProfileMembersAndFoundingShares) {
  const v1::ConsortiumView c = Get(InForceOn(CivilDay(2025, 6, 30)));
  EXPECT_EQ(c.profile().name(), "Ambito Sud Est Milano");
  EXPECT_EQ(c.members_size(), 9);
  ASSERT_EQ(c.statutes_size(), 1);
  EXPECT_EQ(c.statutes(0).adopted().version(), 1);
  ASSERT_EQ(c.share_tables_size(), 1);
  EXPECT_FALSE(c.share_tables(0).has_changed_by());  // at registration
  EXPECT_EQ(c.in_force().statute().adopted().version(), 1);
  EXPECT_EQ(c.in_force().members_size(), 9);
  EXPECT_EQ(SharesOf(c.in_force())["san-giuliano-milanese"], 347);
  EXPECT_EQ(SharesOf(c.in_force())["colturano"], 18);
  // Before the constitution nothing was in force.
  const v1::ConsortiumView before = Get(InForceOn(CivilDay(2023, 12, 31)));
  EXPECT_FALSE(before.in_force().has_statute());
  EXPECT_EQ(before.in_force().members_size(), 0);
  EXPECT_EQ(before.in_force().shares_size(), 0);
}

TEST_F(RegistryTest, SharesInForceAsRecordedAndCorrected) {
  const uint64_t before_change = Last();
  ChangeShares(CivilDay(2026, 4, 1), 337, 28);
  const uint64_t after_change = Last();
  // A correction on the same effective date replaces the table.
  ChangeShares(CivilDay(2026, 4, 1), 340, 25);

  // In force on 15 March: the founding shares, whatever was recorded later.
  EXPECT_EQ(SharesOf(Get(InForceOn(CivilDay(2026, 3, 15))).in_force())
                ["san-giuliano-milanese"],
            347);
  // In force on 1 April, as known now: the corrected table.
  const v1::ConsortiumView now = Get(InForceOn(CivilDay(2026, 4, 1)));
  EXPECT_EQ(SharesOf(now.in_force())["san-giuliano-milanese"], 340);
  EXPECT_EQ(SharesOf(now.in_force())["colturano"], 25);
  EXPECT_EQ(now.in_force().shares_effective_from().month(), 4);
  ASSERT_EQ(now.share_tables_size(), 2);
  EXPECT_EQ(now.share_tables(1).changed_by().proposal_id(), "p-shares");
  EXPECT_EQ(now.share_tables(1).recorded_position(), Last());
  // In force on 1 April as the system knew it after the first change...
  const v1::ConsortiumView first =
      Get(AtPositionInForceOn(after_change, CivilDay(2026, 4, 1)));
  EXPECT_EQ(SharesOf(first.in_force())["san-giuliano-milanese"], 337);
  EXPECT_EQ(first.share_tables(1).recorded_position(), after_change);
  // ...and before any change was recorded.
  const v1::ConsortiumView none =
      Get(AtPositionInForceOn(before_change, CivilDay(2026, 4, 1)));
  EXPECT_EQ(SharesOf(none.in_force())["san-giuliano-milanese"], 347);
  EXPECT_EQ(none.share_tables_size(), 1);
  // Every table sums to 1000.
  for (const v1::ConsortiumView& v : {now, first, none}) {
    int sum = 0;
    for (const auto& [m, p] : SharesOf(v.in_force())) sum += p;
    EXPECT_EQ(sum, 1000);
  }
}

TEST_F(RegistryTest, StatuteVersionInForceOnADate) {
  const uint64_t before = Last();
  domain::consortium::AdoptStatute a;
  a.statute = domain::testing::DistrictStatute();
  a.statute.set_publication_days(20);
  a.effective_from = CivilDay(2026, 6, 1);
  a.authorised_by = By("p-shares");
  ASSERT_TRUE(d_.governance.AdoptStatute(d_.Ctx(), d_.id, a).ok());
  const v1::ConsortiumView may = Get(InForceOn(CivilDay(2026, 5, 31)));
  EXPECT_EQ(may.in_force().statute().adopted().version(), 1);
  EXPECT_EQ(may.in_force().statute().adopted().statute().publication_days(),
            15);
  const v1::ConsortiumView june = Get(InForceOn(CivilDay(2026, 6, 1)));
  EXPECT_EQ(june.in_force().statute().adopted().version(), 2);
  EXPECT_EQ(june.in_force().statute().adopted().statute().publication_days(),
            20);
  EXPECT_EQ(june.in_force().statute().recorded_position(), Last());
  EXPECT_EQ(june.statutes(1).adopted().adopted_by().proposal_id(), "p-shares");
  // As recorded before the change, version 1 was what the system knew.
  EXPECT_EQ(Get(AtPositionInForceOn(before, CivilDay(2026, 6, 1)))
                .in_force()
                .statute()
                .adopted()
                .version(),
            1);
}

TEST_F(RegistryTest, WithdrawalAndSuccessionOverTime) {
  domain::consortium::WithdrawMember w;
  w.member_id = "colturano";
  w.effective_from = CivilDay(2026, 7, 1);
  w.shares = DistrictShares();
  w.shares.erase("colturano");
  w.shares["san-giuliano-milanese"] += 18;
  w.authorised_by = By("p-shares");
  ASSERT_TRUE(d_.governance.WithdrawMember(d_.Ctx(), d_.id, w).ok());
  domain::consortium::RecordSuccession s;
  s.predecessor_ids = {"dresano", "vizzolo-predabissi"};
  s.successor_id = "dresano-vizzolo";
  s.successor_name = "Dresano Vizzolo";
  s.effective_from = CivilDay(2027, 1, 1);
  ASSERT_TRUE(d_.governance.RecordSuccession(d_.Ctx(), d_.id, s).ok());

  const v1::ConsortiumView june = Get(InForceOn(CivilDay(2026, 6, 30)));
  EXPECT_EQ(june.in_force().members_size(), 9);
  const v1::ConsortiumView july = Get(InForceOn(CivilDay(2026, 7, 1)));
  EXPECT_EQ(july.in_force().members_size(), 8);
  EXPECT_EQ(SharesOf(july.in_force())["san-giuliano-milanese"], 365);
  const v1::ConsortiumView merged = Get(InForceOn(CivilDay(2027, 1, 1)));
  EXPECT_EQ(merged.in_force().members_size(), 7);
  EXPECT_EQ(SharesOf(merged.in_force())["dresano-vizzolo"], 27 + 36);
  EXPECT_EQ(SharesOf(merged.in_force()).count("dresano"), 0u);
  // The registry keeps everyone who was ever a member, with the links.
  EXPECT_EQ(merged.members_size(), 10);
  for (const v1::MemberRecord& m : merged.members()) {
    if (m.member_id() == "colturano") {
      EXPECT_EQ(m.member_until().month(), 7);
      EXPECT_EQ(m.withdrawn_by().proposal_id(), "p-shares");
    } else if (m.member_id() == "dresano") {
      EXPECT_EQ(m.successor_id(), "dresano-vizzolo");
    } else if (m.member_id() == "dresano-vizzolo") {
      EXPECT_EQ(m.predecessor_ids_size(), 2);
      EXPECT_EQ(m.member_from().year(), 2027);
    }
  }
}

TEST_F(RegistryTest, CompositionOfABodyOnADate) {
  ASSERT_TRUE(d_.governance
                  .RevokeDesignation(d_.Ctx(), d_.id,
                                     {"assemblea", "dresano",
                                      domain::testing::Sindaco("dresano"),
                                      CivilDay(2026, 5, 1)})
                  .ok());
  ASSERT_TRUE(d_.governance
                  .Designate(d_.Ctx(), d_.id,
                             {"assemblea", "dresano", "vicesindaco@dresano",
                              true, CivilDay(2026, 5, 1)})
                  .ok());
  ASSERT_TRUE(d_.governance
                  .Designate(d_.Ctx(), d_.id,
                             {"assemblea", "", "direttore@sudestmilano", false,
                              CivilDay(2026, 1, 1)})
                  .ok());
  h_.Sync();
  auto seat_of = [&](CivilDay day, const std::string& member) {
    auto b = h_.queries().GetBody(d_.id, "assemblea", InForceOn(day));
    EXPECT_TRUE(b.ok()) << b.status();
    for (const v1::Seat& s : b->value.in_force().seats()) {
      if (s.member_id() == member && s.voting()) return s.person();
    }
    return std::string("-");
  };
  EXPECT_EQ(seat_of(CivilDay(2026, 4, 30), "dresano"), "sindaco@dresano");
  EXPECT_EQ(seat_of(CivilDay(2026, 5, 1), "dresano"), "vicesindaco@dresano");
  auto body = h_.queries().GetBody(d_.id, "assemblea", InForceOn(CivilDay(2026, 5, 1)));
  ASSERT_TRUE(body.ok());
  const v1::BodyComposition& c = body->value.in_force();
  EXPECT_EQ(c.voting_members(), 9);
  ASSERT_EQ(c.seats_size(), 10);
  EXPECT_FALSE(c.seats(9).voting());  // attendees come last
  EXPECT_EQ(c.seats(9).person(), "direttore@sudestmilano");
  EXPECT_EQ(body->value.body().name(), "Assemblea dei Sindaci");
  // The attendee was designated from 1 January 2026: not on the body before.
  auto dec = h_.queries().GetBody(d_.id, "assemblea",
                                  InForceOn(CivilDay(2025, 12, 31)));
  EXPECT_EQ(dec->value.in_force().seats_size(), 9);
  // Both bodies are listed; the Tavolo Tecnico has nobody.
  auto bodies = h_.queries().ListBodies(d_.id, Latest(), {});
  ASSERT_TRUE(bodies.ok());
  ASSERT_EQ(bodies->items.size(), 2u);
  EXPECT_EQ(bodies->items[1].body().body_id(), "tavolo-tecnico");
  EXPECT_EQ(bodies->items[1].designations_size(), 0);
}

TEST_F(RegistryTest, AWithdrawnMemberLeavesItsBodies) {
  domain::consortium::WithdrawMember w;
  w.member_id = "colturano";
  w.effective_from = CivilDay(2026, 7, 1);
  w.shares = DistrictShares();
  w.shares.erase("colturano");
  w.shares["san-giuliano-milanese"] += 18;
  w.authorised_by = By("p-shares");
  const uint64_t before = Last();
  ASSERT_TRUE(d_.governance.WithdrawMember(d_.Ctx(), d_.id, w).ok());
  h_.Sync();
  auto july = h_.queries().GetBody(d_.id, "assemblea", InForceOn(CivilDay(2026, 7, 1)));
  ASSERT_TRUE(july.ok());
  EXPECT_EQ(july->value.in_force().voting_members(), 8);
  // The designation itself was never revoked: membership ended.
  for (const v1::MembershipSpan& m : july->value.memberships()) {
    if (m.member_id() == "colturano") {
      EXPECT_EQ(m.member_until().month(), 7);
    }
  }
  // As recorded before the withdrawal, colturano still sat there in July.
  auto then = h_.queries().GetBody(
      d_.id, "assemblea", AtPositionInForceOn(before, CivilDay(2026, 7, 1)));
  ASSERT_TRUE(then.ok());
  EXPECT_EQ(then->value.in_force().voting_members(), 9);
  EXPECT_EQ(then->header.log_position(), before);
}

}  // namespace
}  // namespace concordia::readmodel
