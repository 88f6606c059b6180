// Invariants 17, 21 and 22 (acts that depend on executive deliberations;
// accords in force; withdrawals) as given / when / then over a real log.
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

v1::AccordParty Party(const std::string& id, v1::MemberKind kind) {
  v1::AccordParty p;
  p.set_party_id(id);
  p.set_name(id);
  p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
  p.set_kind(kind);
  return p;
}

accord::Sign SignOn(const std::string& party, CivilDay day,
                    int instrument = 0) {
  return {instrument, party,
          testing::QualifiedSignature(
              absl::StrCat("legale@", party),
              Rome(static_cast<int>(day.year()), day.month(), day.day(), 11))};
}

// A convenzione among `parties` (comuni of the district unless the id is the
// consortium's), each approving with an external act executive on
// `executive` unless given in `acts`.
void DraftConvenzione(Cooperative& c, const std::string& id,
                      const std::vector<std::string>& parties,
                      std::map<std::string, v1::ApprovingAct> acts = {},
                      bool constitutive = false,
                      CivilDay executive = CivilDay(2026, 3, 1)) {
  accord::DraftAccord d;
  d.consortium_id = c.id;
  d.accord_id = id;
  d.kind = v1::ACCORD_KIND_CONVENZIONE;
  d.title = absl::StrCat("Convenzione ", id);
  d.object = "gestione associata dei servizi sociali";
  for (const std::string& p : parties) {
    v1::AccordParty party = Party(p, v1::MEMBER_KIND_COMUNE);
    if (p == c.id) party.clear_kind();
    d.parties.push_back(party);
  }
  *d.term.mutable_ends_on() = ToDate(CivilDay(2033, 12, 31));
  d.constitutive = constitutive;
  auto drafted = c.cooperation.DraftAccord(c.Ctx(), d);
  ASSERT_TRUE(drafted.ok()) << drafted.status();
  for (const std::string& p : parties) {
    const v1::ApprovingAct act =
        acts.count(p) > 0
            ? acts.at(p)
            : testing::ExternalAct("Consiglio comunale", "9", executive);
    ASSERT_TRUE(c.cooperation
                    .RecordApproval(c.Ctx(), c.id, id,
                                    {0, p, act, CivilDay(2026, 2, 16)})
                    .ok());
  }
}

TEST(Invariant17Test, AccordsAreSignedOnlyWithExecutiveApprovals) {
  Cooperative c;
  // Given the consortium approves its convenzione with Melegnano by a
  // deliberation of its Assemblea, adopted on 9 March and executive on 21.
  const CivilDay executive = c.Deliberate("p-conv", CivilDay(2026, 3, 9));
  DraftConvenzione(c, "conv", {c.id, "melegnano"},
                   {{c.id, testing::InternalAct("p-conv")}});
  // When it signs on 20 March, then the signature is refused and nothing is
  // appended.
  c.AdvanceTo(CivilDay(2026, 3, 20), 9);
  const uint64_t before = c.Last();
  auto early = c.cooperation.Sign(c.Ctx(), c.id, "conv",
                                  SignOn(c.id, CivilDay(2026, 3, 20)));
  EXPECT_EQ(early.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(early.status()), reasons::kDeliberationNotExecutive);
  EXPECT_EQ(c.Last(), before);
  // When the executivity timer has made it executive, the signature holds.
  c.AdvanceTo(executive, 9);
  ASSERT_TRUE(
      c.cooperation.Sign(c.Ctx(), c.id, "conv", SignOn(c.id, executive)).ok());
  ASSERT_TRUE(
      c.cooperation.Sign(c.Ctx(), c.id, "conv", SignOn("melegnano", executive))
          .ok());
  EXPECT_TRUE(c.cooperation.Accord(c.id, "conv")->InForceOn(executive));
}

TEST(Invariant17Test, DelegationsAndProgrammesNeedExecutiveDeliberations) {
  Cooperative c;
  const CivilDay executive = c.Deliberate("p-piano", CivilDay(2026, 3, 9));
  ASSERT_TRUE(c.cooperation
                  .DraftProgramme(
                      c.Ctx(), {c.id, "pdz", v1::PROGRAMME_KIND_PIANO_DI_ZONA,
                                "PdZ", 2026, 0, ""})
                  .ok());
  uint64_t before = c.Last();
  EXPECT_EQ(ErrorReason(c.cooperation
                            .AdoptProgramme(c.Ctx(), c.id, "pdz",
                                            {testing::InternalAct("p-piano"),
                                             executive - 1})
                            .status()),
            reasons::kDeliberationNotExecutive);
  // A comune delegates by its own council's deliberation, executive on 1 April.
  delegation::Delegate d{"carpiano",
                         v1::FUNCTION_HOME_CARE,
                         testing::ToConsortium(),
                         CivilDay(2026, 3, 31),
                         "",
                         testing::ExternalAct("Consiglio comunale di Carpiano",
                                              "4", CivilDay(2026, 4, 1)),
                         testing::SharingRule(v1::COST_SHARING_METHOD_PER_USE)};
  EXPECT_EQ(ErrorReason(c.cooperation.Delegate(c.Ctx(), c.id, d).status()),
            reasons::kDeliberationNotExecutive);
  EXPECT_EQ(c.Last(), before);
  c.AdvanceTo(executive);
  EXPECT_TRUE(c.cooperation
                  .AdoptProgramme(c.Ctx(), c.id, "pdz",
                                  {testing::InternalAct("p-piano"), executive})
                  .ok());
  d.effective_from = CivilDay(2026, 4, 1);
  EXPECT_TRUE(c.cooperation.Delegate(c.Ctx(), c.id, d).ok());
}

TEST(Invariant21Test, InForceOnlyWithEveryApprovalAndSignature) {
  Cooperative c;
  DraftConvenzione(c, "conv", {"carpiano", "dresano", "colturano"});
  c.AdvanceTo(CivilDay(2026, 3, 2), 9);
  ASSERT_TRUE(
      c.cooperation
          .Sign(c.Ctx(), c.id, "conv", SignOn("carpiano", CivilDay(2026, 3, 2)))
          .ok());
  ASSERT_TRUE(
      c.cooperation
          .Sign(c.Ctx(), c.id, "conv", SignOn("dresano", CivilDay(2026, 3, 2)))
          .ok());
  // Not in force with two of three: nothing can be done under it.
  auto two = c.cooperation.Accord(c.id, "conv");
  EXPECT_EQ(two->stage(), accord::Stage::kBeingSigned);
  const uint64_t before = c.Last();
  delegation::Delegate under{
      "carpiano",
      v1::FUNCTION_SOCIAL_SERVICES,
      testing::ToLead("dresano"),
      CivilDay(2026, 3, 3),
      "conv",
      {},
      testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL)};
  EXPECT_EQ(ErrorReason(c.cooperation.Delegate(c.Ctx(), c.id, under).status()),
            reasons::kNotInForce);
  EXPECT_EQ(ErrorReason(c.cooperation
                            .ProposeInstrument(c.Ctx(), c.id, "conv",
                                               {v1::INSTRUMENT_KIND_AMENDMENT,
                                                "art. 2",
                                                "",
                                                {},
                                                {},
                                                CivilDay(2026, 3, 3)})
                            .status()),
            reasons::kNotInForce);
  // A party not named in the accord does not sign.
  EXPECT_EQ(ErrorReason(c.cooperation
                            .Sign(c.Ctx(), c.id, "conv",
                                  SignOn("melegnano", CivilDay(2026, 3, 3)))
                            .status()),
            reasons::kNotAParty);
  EXPECT_EQ(c.Last(), before);
  ASSERT_TRUE(c.cooperation
                  .Sign(c.Ctx(), c.id, "conv",
                        SignOn("colturano", CivilDay(2026, 3, 3)))
                  .ok());
  EXPECT_TRUE(
      c.cooperation.Accord(c.id, "conv")->InForceOn(CivilDay(2026, 3, 3)));
  EXPECT_TRUE(c.cooperation.Delegate(c.Ctx(), c.id, under).ok());
  EXPECT_EQ(c.cooperation
                .ExerciserOn(c.id, "carpiano", v1::FUNCTION_SOCIAL_SERVICES,
                             CivilDay(2026, 3, 3))
                ->exerciser.lead_member_id(),
            "dresano");
}

TEST(Invariant21Test, AccordoDiProgrammaNeedsItsApprovalActAndBur) {
  Cooperative c;
  accord::DraftAccord d;
  d.consortium_id = c.id;
  d.accord_id = "adp";
  d.kind = v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA;
  d.title = "AdP";
  d.object = "integrazione socio-sanitaria";
  d.parties = {Party("melegnano", v1::MEMBER_KIND_COMUNE),
               Party("ats-milano", v1::MEMBER_KIND_AZIENDA_SANITARIA)};
  d.term.set_duration_months(36);
  ASSERT_TRUE(c.cooperation.DraftAccord(c.Ctx(), d).ok());
  for (const auto& p : d.parties) {
    ASSERT_TRUE(c.cooperation
                    .RecordApproval(c.Ctx(), c.id, "adp",
                                    {0, p.party_id(),
                                     testing::ExternalAct("Giunta", "1",
                                                          CivilDay(2026, 3, 1)),
                                     CivilDay(2026, 3, 1)})
                    .ok());
  }
  c.AdvanceTo(CivilDay(2026, 3, 2), 9);
  for (const auto& p : d.parties) {
    ASSERT_TRUE(c.cooperation
                    .Sign(c.Ctx(), c.id, "adp",
                          SignOn(p.party_id(), CivilDay(2026, 3, 2)))
                    .ok());
  }
  const uint64_t before = c.Last();
  EXPECT_EQ(ErrorReason(c.cooperation
                            .RecordPublication(
                                c.Ctx(), c.id, "adp",
                                {0, "BURL", "SO 11", CivilDay(2026, 3, 12)})
                            .status()),
            reasons::kApprovalActRequired);
  EXPECT_EQ(c.Last(), before);
  EXPECT_FALSE(
      c.cooperation.Accord(c.id, "adp")->InForceOn(CivilDay(2026, 3, 12)));
  ASSERT_TRUE(c.cooperation
                  .RecordApprovalAct(
                      c.Ctx(), c.id, "adp",
                      {0,
                       testing::ExternalAct("Decreto del Sindaco di Melegnano",
                                            "3", CivilDay(2026, 3, 5)),
                       CivilDay(2026, 3, 5)})
                  .ok());
  EXPECT_FALSE(
      c.cooperation.Accord(c.id, "adp")->InForceOn(CivilDay(2026, 3, 12)));
  ASSERT_TRUE(
      c.cooperation
          .RecordPublication(c.Ctx(), c.id, "adp",
                             {0, "BURL", "SO 11", CivilDay(2026, 3, 12)})
          .ok());
  auto a = c.cooperation.Accord(c.id, "adp");
  EXPECT_TRUE(a->InForceOn(CivilDay(2026, 3, 12)));
  EXPECT_EQ(*a->ends_on, CivilDay(2029, 3, 11));
}

TEST(Invariant21Test, TheTermTimerRenewsTacitlyUntilNoticeIsGiven) {
  Cooperative c;
  accord::DraftAccord d;
  d.consortium_id = c.id;
  d.accord_id = "conv";
  d.kind = v1::ACCORD_KIND_CONVENZIONE;
  d.title = "Convenzione";
  d.object = "trasporto sociale";
  d.parties = {Party("carpiano", v1::MEMBER_KIND_COMUNE),
               Party("dresano", v1::MEMBER_KIND_COMUNE)};
  *d.term.mutable_ends_on() = ToDate(CivilDay(2026, 12, 31));
  d.renewal.set_kind(v1::RENEWAL_KIND_TACIT);
  d.renewal.set_renewal_months(12);
  ASSERT_TRUE(c.cooperation.DraftAccord(c.Ctx(), d).ok());
  for (const auto& p : d.parties) {
    ASSERT_TRUE(c.cooperation
                    .RecordApproval(c.Ctx(), c.id, "conv",
                                    {0, p.party_id(),
                                     testing::ExternalAct("Giunta", "1",
                                                          CivilDay(2026, 2, 1)),
                                     CivilDay(2026, 2, 16)})
                    .ok());
    ASSERT_TRUE(c.cooperation
                    .Sign(c.Ctx(), c.id, "conv",
                          SignOn(p.party_id(), CivilDay(2026, 2, 17)))
                    .ok());
  }
  c.AdvanceTo(CivilDay(2026, 12, 31));
  EXPECT_EQ(*c.cooperation.Accord(c.id, "conv")->ends_on,
            CivilDay(2026, 12, 31));
  // No notice: the timer renews it for a year and schedules the next end.
  c.AdvanceTo(CivilDay(2027, 1, 1));
  auto renewed = c.cooperation.Accord(c.id, "conv");
  EXPECT_EQ(*renewed->ends_on, CivilDay(2027, 12, 31));
  EXPECT_TRUE(renewed->renewals.at(0).tacit());
  EXPECT_TRUE(renewed->InForceOn(CivilDay(2027, 1, 1)));
  // Dresano gives notice of non-renewal in time (by 30 June 2027).
  c.AdvanceTo(CivilDay(2027, 7, 1), 9);
  const uint64_t before = c.Last();
  EXPECT_EQ(ErrorReason(c.cooperation
                            .NotifyNonRenewal(
                                c.Ctx(), c.id, "conv",
                                {"dresano", CivilDay(2027, 7, 1),
                                 testing::ExternalAct("Giunta", "40",
                                                      CivilDay(2027, 6, 20))})
                            .status()),
            reasons::kDeadlinePassed);
  EXPECT_EQ(c.Last(), before);
  ASSERT_TRUE(
      c.cooperation
          .NotifyNonRenewal(
              c.Ctx(), c.id, "conv",
              {"dresano", CivilDay(2027, 6, 30),
               testing::ExternalAct("Giunta", "40", CivilDay(2027, 6, 20))})
          .ok());
  c.AdvanceTo(CivilDay(2028, 1, 1));
  auto expired = c.cooperation.Accord(c.id, "conv");
  EXPECT_EQ(expired->stage(), accord::Stage::kExpired);
  EXPECT_FALSE(expired->InForceOn(CivilDay(2028, 1, 1)));
  EXPECT_TRUE(expired->InForceOn(CivilDay(2027, 12, 31)));
}

TEST(Invariant22Test, AnAdherentThatWithdrawsLeavesTheTavolo) {
  Cooperative c;
  DraftConvenzione(c, "conv", {"carpiano", "dresano"});
  c.AdvanceTo(CivilDay(2026, 3, 2), 9);
  for (const char* m : {"carpiano", "dresano"}) {
    ASSERT_TRUE(
        c.cooperation
            .Sign(c.Ctx(), c.id, "conv", SignOn(m, CivilDay(2026, 3, 2)))
            .ok());
  }
  const v1::AccordParty auser = testing::Adherent("auser", "Auser");
  ASSERT_TRUE(c.cooperation
                  .JoinAdherent(c.Ctx(), c.id, "conv",
                                {auser, CivilDay(2026, 3, 10),
                                 testing::QualifiedSignature(
                                     "presidente@auser", Rome(2026, 3, 10, 9)),
                                 "tavolo-aderenti", "presidente@auser"})
                  .ok());
  ASSERT_TRUE(c.cooperation
                  .NotifyWithdrawal(
                      c.Ctx(), c.id, "conv",
                      {"auser",
                       CivilDay(2026, 3, 20),
                       testing::ExternalAct("Consiglio direttivo di Auser", "2",
                                            CivilDay(2026, 3, 15)),
                       {}})
                  .ok());
  auto seated = [&](CivilDay day) {
    auto consortium = c.district.governance.Consortium(c.id);
    for (const consortium::Designation& d : consortium->designations) {
      if (d.body_id == "tavolo-aderenti" && d.person == "presidente@auser" &&
          d.ActiveOn(day)) {
        return true;
      }
    }
    return false;
  };
  c.AdvanceTo(CivilDay(2026, 12, 31));
  EXPECT_TRUE(seated(CivilDay(2026, 12, 31)));
  c.AdvanceTo(CivilDay(2027, 1, 1));
  EXPECT_FALSE(seated(CivilDay(2027, 1, 1)));
  EXPECT_TRUE(seated(CivilDay(2026, 12, 31)));  // history is kept
  auto a = c.cooperation.Accord(c.id, "conv");
  EXPECT_FALSE(a->IsActivePartyOn("auser", CivilDay(2027, 1, 1)));
  EXPECT_EQ(a->stage(), accord::Stage::kInForce);  // two public parties remain
  EXPECT_EQ(a->RequiredPartiesOn(CivilDay(2027, 1, 1)).size(), 2u);
}

// Invariant 22 on the consortium's constitutive convenzione: Colturano
// gives notice on 15 May 2026; from 1 January 2027 it no longer votes and
// gets no new cost allocations; its part of the 2026 costs remains due.
TEST(Invariant22Test, AfterAWithdrawalNoVoteNoNewCostsAccruedCostsStayDue) {
  Cooperative c;
  // The Assemblea takes note of the withdrawal (executive 21 March).
  const CivilDay noted = c.Deliberate("p-presa-d-atto", CivilDay(2026, 3, 9));
  DraftConvenzione(c, "convenzione-costitutiva", testing::ComuneIds(), {},
                   /*constitutive=*/true);
  c.AdvanceTo(noted, 9);
  for (const std::string& m : testing::ComuneIds()) {
    ASSERT_TRUE(
        c.cooperation
            .Sign(c.Ctx(), c.id, "convenzione-costitutiva", SignOn(m, noted))
            .ok());
  }
  // A project whose costs the nine share by their shares.
  project::RegisterProject p;
  p.consortium_id = c.id;
  p.project_id = "sad";
  p.title = "Servizio di assistenza domiciliare";
  p.funding.set_kind(v1::FUNDING_SOURCE_KIND_REGIONAL);
  p.funding.set_name("Fondo sociale regionale");
  p.budget_cents = 10'000'000;
  p.starts_on = CivilDay(2026, 6, 1);
  p.ends_on = CivilDay(2027, 12, 31);
  p.participant_ids = testing::ComuneIds();
  p.cost_sharing = testing::SharingRule(v1::COST_SHARING_METHOD_BY_SHARE);
  p.reporting.set_deadline_days(60);
  ASSERT_TRUE(c.cooperation.RegisterProject(c.Ctx(), p).ok());
  // The notice: its council's deliberation and the Assemblea's taking note.
  c.AdvanceTo(CivilDay(2026, 5, 15), 9);
  accord::NotifyWithdrawal notice{
      "colturano",
      CivilDay(2026, 5, 15),
      testing::ExternalAct("Consiglio comunale di Colturano", "11",
                           CivilDay(2026, 5, 10)),
      {}};
  uint64_t before = c.Last();
  EXPECT_EQ(
      ErrorMetadata(c.cooperation
                        .NotifyWithdrawal(c.Ctx(), c.id,
                                          "convenzione-costitutiva", notice)
                        .status())["field"],
      "taken_note_by");
  EXPECT_EQ(c.Last(), before);
  notice.taken_note_by = testing::InternalAct("p-presa-d-atto");
  ASSERT_TRUE(
      c.cooperation
          .NotifyWithdrawal(c.Ctx(), c.id, "convenzione-costitutiva", notice)
          .ok());
  auto notified = c.cooperation.Accord(c.id, "convenzione-costitutiva");
  EXPECT_EQ(
      DayOf(
          notified->parties.at("colturano").withdrawal_notice->effective_on()),
      CivilDay(2027, 1, 1));
  // Costs of December 2026 and of January 2027.
  ASSERT_TRUE(c.cooperation
                  .RecordExpense(c.Ctx(), c.id, "sad",
                                 {"dic", CivilDay(2026, 12, 15), 1'000'000, 0,
                                  "servizi", "", ""})
                  .ok());
  ASSERT_TRUE(c.cooperation
                  .RecordExpense(c.Ctx(), c.id, "sad",
                                 {"gen", CivilDay(2027, 1, 15), 1'000'000, 0,
                                  "servizi", "", ""})
                  .ok());
  // In December Colturano still sits and votes.
  c.district.DraftReady("p-dic");
  ASSERT_TRUE(
      c.district.ConveneAssemblea("s-dic", CivilDay(2026, 12, 14), {"p-dic"})
          .ok());
  c.AdvanceTo(CivilDay(2026, 12, 14), 10);
  ASSERT_TRUE(
      c.district.governance
          .RecordAttendance(c.Ctx(), c.id, "s-dic",
                            {"san-giuliano-milanese", "san-donato-milanese",
                             "melegnano", "cerro-al-lambro", "colturano"},
                            {})
          .ok());
  ASSERT_TRUE(
      c.district.Vote("s-dic", 1, {{"colturano", v1::VOTE_CHOICE_IN_FAVOUR}})
          .ok());
  // The withdrawal takes effect on 1 January 2027 by its timer.
  c.AdvanceTo(CivilDay(2026, 12, 31));
  EXPECT_TRUE(c.district.governance.Consortium(c.id)->IsMemberOn(
      "colturano", CivilDay(2026, 12, 31)));
  c.AdvanceTo(CivilDay(2027, 1, 1));
  auto consortium = c.district.governance.Consortium(c.id);
  EXPECT_FALSE(consortium->IsMemberOn("colturano", CivilDay(2027, 1, 1)));
  const auto shares = consortium->SharesAt(CivilDay(2027, 1, 1));
  int sum = 0;
  for (const auto& [m, s] : shares) sum += s;
  EXPECT_EQ(sum, 1000);
  EXPECT_EQ(shares.count("colturano"), 0u);
  EXPECT_EQ(shares.at("san-giuliano-milanese"), 353);
  EXPECT_FALSE(c.cooperation.Accord(c.id, "convenzione-costitutiva")
                   ->IsActivePartyOn("colturano", CivilDay(2027, 1, 1)));
  // In January it no longer votes.
  c.district.DraftReady("p-gen");
  ASSERT_TRUE(
      c.district.ConveneAssemblea("s-gen", CivilDay(2027, 1, 18), {"p-gen"})
          .ok());
  c.AdvanceTo(CivilDay(2027, 1, 18), 10);
  before = c.Last();
  EXPECT_EQ(ErrorReason(c.district.governance
                            .RecordAttendance(
                                c.Ctx(), c.id, "s-gen",
                                {"san-giuliano-milanese", "colturano"}, {})
                            .status()),
            reasons::kNotAMemberOfBody);
  EXPECT_EQ(c.Last(), before);
  // Allocated in February: December's costs include it, January's do not.
  c.AdvanceTo(CivilDay(2027, 2, 1), 9);
  ASSERT_TRUE(
      c.cooperation
          .AllocateCosts(
              c.Ctx(), c.id, "sad",
              {"2026-2027", CivilDay(2026, 6, 1), CivilDay(2027, 1, 31), {}})
          .ok());
  auto project = c.cooperation.Project(c.id, "sad");
  const auto to = project->AllocatedTo();
  EXPECT_EQ(to.at("colturano"), 18'000);  // 18‰ of December's 10,000.00
  EXPECT_EQ(to.at("san-giuliano-milanese"), 347'000 + 353'000);
  int64_t total = 0;
  for (const auto& [m, cents] : to) total += cents;
  EXPECT_EQ(total, 2'000'000);
  // And it takes no further part in the convenzione.
  ASSERT_TRUE(c.cooperation
                  .ProposeInstrument(c.Ctx(), c.id, "convenzione-costitutiva",
                                     {v1::INSTRUMENT_KIND_AMENDMENT,
                                      "art. 4",
                                      "",
                                      {},
                                      {},
                                      CivilDay(2027, 2, 1)})
                  .ok());
  EXPECT_EQ(
      ErrorReason(c.cooperation
                      .RecordApproval(c.Ctx(), c.id, "convenzione-costitutiva",
                                      {1, "colturano",
                                       testing::ExternalAct(
                                           "Giunta", "2", CivilDay(2027, 2, 1)),
                                       CivilDay(2027, 2, 2)})
                      .status()),
      reasons::kMemberWithdrawn);
}

}  // namespace
}  // namespace concordia::domain
