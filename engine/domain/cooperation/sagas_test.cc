// The caller's expected_version over sagas: it is the version of the
// command's own stream, so the steps a command takes on other streams (the
// term timer of a signature, an adherent's Tavolo seat, the delegations of
// a succession) run whatever their streams' versions, and a stale version
// of the command's stream appends nothing.
#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using absl::CivilDay;
using testing::Cooperative;
using testing::Rome;

// A convenzione between Carpiano and Dresano, approved by external acts
// executive on 1 March 2026.
void Convenzione(Cooperative& c) {
  accord::DraftAccord d;
  d.consortium_id = c.id;
  d.accord_id = "conv";
  d.kind = v1::ACCORD_KIND_CONVENZIONE;
  d.title = "Convenzione per la gestione associata";
  d.object = "servizi sociali";
  for (const char* id : {"carpiano", "dresano"}) {
    v1::AccordParty p;
    p.set_party_id(id);
    p.set_name(id);
    p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
    p.set_kind(v1::MEMBER_KIND_COMUNE);
    d.parties.push_back(p);
  }
  *d.term.mutable_ends_on() = ToDate(CivilDay(2030, 12, 31));
  ASSERT_TRUE(c.cooperation.DraftAccord(c.Ctx(), d).ok());
  for (const char* id : {"carpiano", "dresano"}) {
    ASSERT_TRUE(c.cooperation
                    .RecordApproval(c.Ctx(), c.id, "conv",
                                    {0, id,
                                     testing::ExternalAct("Consiglio comunale",
                                                          "3",
                                                          CivilDay(2026, 3, 1)),
                                     CivilDay(2026, 2, 16)})
                    .ok());
  }
}

accord::Sign SignOn(const std::string& party, CivilDay day) {
  return {0, party,
          testing::QualifiedSignature(
              absl::StrCat("sindaco@", party),
              Rome(static_cast<int>(day.year()), day.month(), day.day(), 11))};
}

TEST(SagaVersionTest, TheLastSignatureSchedulesTheTermWithTheAccordsVersion) {
  Cooperative c;
  Convenzione(c);  // drafted + two approvals: version 3
  c.AdvanceTo(CivilDay(2026, 3, 2), 9);
  CommandContext first = c.Ctx("sindaco@carpiano");
  first.expected_version = 3;
  ASSERT_TRUE(c.cooperation
                  .Sign(first, c.id, "conv",
                        SignOn("carpiano", CivilDay(2026, 3, 2)))
                  .ok());
  // A stale version appends nothing.
  CommandContext stale = c.Ctx("sindaco@dresano");
  stale.expected_version = 3;
  const uint64_t before = c.Last();
  auto refused = c.cooperation.Sign(stale, c.id, "conv",
                                    SignOn("dresano", CivilDay(2026, 3, 2)));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReason(refused.status()), "WRONG_EXPECTED_VERSION");
  EXPECT_EQ(c.Last(), before);
  // The current one concludes the convenzione and schedules its term's end
  // on the timer's own stream.
  CommandContext last = c.Ctx("sindaco@dresano");
  last.expected_version = 4;
  auto signed_ = c.cooperation.Sign(last, c.id, "conv",
                                    SignOn("dresano", CivilDay(2026, 3, 2)));
  ASSERT_TRUE(signed_.ok()) << signed_.status();
  EXPECT_TRUE(c.cooperation.Accord(c.id, "conv")
                  ->InForceOn(CivilDay(2026, 3, 2)));
  EXPECT_TRUE(c.district.log.log
                  ->GetStreamInfo(workflow::TimerStream(
                      c.id, "accord-conv-term-20310101"))
                  .ok());
}

TEST(SagaVersionTest, AnAdherentIsSeatedWhateverTheConsortiumsVersion) {
  Cooperative c;
  Convenzione(c);
  c.AdvanceTo(CivilDay(2026, 3, 2), 9);
  for (const char* id : {"carpiano", "dresano"}) {
    ASSERT_TRUE(c.cooperation
                    .Sign(c.Ctx(), c.id, "conv",
                          SignOn(id, CivilDay(2026, 3, 2)))
                    .ok());
  }
  const uint64_t version =
      c.district.log.log->GetStreamInfo(accord::AccordStream(c.id, "conv"))
          ->version;
  CommandContext ctx = c.Ctx("ufficio-di-piano@sudestmilano");
  ctx.expected_version = version;
  auto joined = c.cooperation.JoinAdherent(
      ctx, c.id, "conv",
      {testing::Adherent("auser", "Auser"), CivilDay(2026, 3, 10),
       testing::QualifiedSignature("presidente@auser", Rome(2026, 3, 10, 9)),
       "tavolo-aderenti", "presidente@auser"});
  ASSERT_TRUE(joined.ok()) << joined.status();
  auto consortium = c.district.governance.Consortium(c.id);
  ASSERT_TRUE(consortium.ok());
  bool seated = false;
  for (const consortium::Designation& d : consortium->designations) {
    seated |= d.body_id == "tavolo-aderenti" && d.person == "presidente@auser";
  }
  EXPECT_TRUE(seated);
}

TEST(SagaVersionTest, ASuccessionChecksTheConsortiumsVersionOnly) {
  Cooperative c;
  c.AdvanceTo(CivilDay(2026, 2, 20), 9);
  delegation::Delegate d;
  d.member_id = "dresano";
  d.function = v1::FUNCTION_HOME_CARE;
  d.delegate = testing::ToConsortium();
  d.effective_from = CivilDay(2026, 3, 1);
  d.act = testing::ExternalAct("Consiglio comunale di Dresano", "4",
                               CivilDay(2026, 2, 1));
  d.cost_sharing = testing::SharingRule(v1::COST_SHARING_METHOD_PER_USE);
  ASSERT_TRUE(c.cooperation.Delegate(c.Ctx(), c.id, d).ok());
  consortium::RecordSuccession merge;
  merge.predecessor_ids = {"dresano", "colturano"};
  merge.successor_id = "dresano-colturano";
  merge.successor_name = "Dresano Colturano";
  merge.effective_from = CivilDay(2026, 6, 1);
  const uint64_t version =
      c.district.log.log
          ->GetStreamInfo(consortium::ConsortiumStream(c.id))
          ->version;
  // The two predecessors differ on home care: the successor keeps the
  // delegation to the consortium.
  const std::map<v1::Function, v1::Exerciser> choices = {
      {v1::FUNCTION_HOME_CARE, testing::ToConsortium()}};
  CommandContext stale = c.Ctx("admin@concordia");
  stale.expected_version = version - 1;
  const uint64_t before = c.Last();
  auto refused = c.cooperation.RecordSuccession(stale, c.id, merge, choices);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(c.Last(), before);
  CommandContext ctx = c.Ctx("admin@concordia");
  ctx.expected_version = version;
  auto merged = c.cooperation.RecordSuccession(ctx, c.id, merge, choices);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_GT(merged->stream_version, version);
  auto who = c.cooperation.ExerciserOn(c.id, "dresano-colturano",
                                       v1::FUNCTION_HOME_CARE,
                                       CivilDay(2026, 6, 1));
  ASSERT_TRUE(who.ok()) << who.status();
  EXPECT_EQ(who->exerciser.kind(), v1::EXERCISER_KIND_CONSORTIUM);
}

}  // namespace
}  // namespace concordia::domain
