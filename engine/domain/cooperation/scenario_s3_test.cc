// Scenario S3 of ../shared/domain/scenarios.md over a real log: the Piano di
// Zona of the Sud Est Milano district implemented by an accordo di
// programma among 11 public parties — the nine comuni, ATS Città
// Metropolitana di Milano and ASST Melegnano e della Martesana — with 12
// third-sector adherents joining the Tavolo degli Aderenti.
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

const char kAccord[] = "adp-pdz-2026";

// The twelve organisations of the Tavolo degli Aderenti.
std::vector<v1::AccordParty> TwelveAdherents() {
  const std::pair<const char*, const char*> names[] = {
      {"coop-sociale-il-melograno", "Cooperativa sociale Il Melograno"},
      {"coop-sociale-arcobaleno", "Cooperativa sociale Arcobaleno"},
      {"caritas-decanato-melegnano", "Caritas decanale di Melegnano"},
      {"auser-sud-est", "Auser Sud Est Milano"},
      {"anffas-melegnano", "Anffas Melegnano"},
      {"acli-san-giuliano", "ACLI San Giuliano Milanese"},
      {"fondazione-casa-amica", "Fondazione Casa Amica"},
      {"odv-pane-condiviso", "OdV Pane Condiviso"},
      {"aps-genitori-insieme", "APS Genitori Insieme"},
      {"coop-sociale-lavoro-e-futuro", "Cooperativa sociale Lavoro e Futuro"},
      {"croce-bianca-san-donato", "Croce Bianca San Donato"},
      {"associazione-anziani-attivi", "Associazione Anziani Attivi"}};
  std::vector<v1::AccordParty> out;
  for (const auto& [id, name] : names)
    out.push_back(testing::Adherent(id, name));
  return out;
}

// The signer of each party.
std::string SignerOf(const v1::AccordParty& p) {
  return p.kind() == v1::MEMBER_KIND_COMUNE
             ? testing::Sindaco(p.party_id())
             : absl::StrCat("direttore-generale@", p.party_id());
}

// The approving act of each party: the comune's council deliberation or the
// health agency's decree, executive on 10 April 2026 (Melegnano's only on
// 20 April).
v1::ApprovingAct ApprovalOf(const v1::AccordParty& p) {
  const CivilDay executive = p.party_id() == "melegnano"
                                 ? CivilDay(2026, 4, 20)
                                 : CivilDay(2026, 4, 10);
  return p.kind() == v1::MEMBER_KIND_COMUNE
             ? testing::ExternalAct(
                   absl::StrCat("Consiglio comunale di ", p.name()), "14",
                   executive)
             : testing::ExternalAct(
                   absl::StrCat("Decreto del Direttore Generale di ", p.name()),
                   "231", executive);
}

// The types of the events the outcome appended.
std::vector<std::string> Appended(Cooperative& c, const Outcome& o) {
  std::vector<std::string> out;
  auto records = c.district.log.log->ReadAll(
      o.first_position, o.last_position - o.first_position + 1,
      log::RecordFilter{}, 0, nullptr);
  EXPECT_TRUE(records.ok());
  for (const log::Record& r : *records) out.push_back(r.type);
  return out;
}

accord::Sign SignatureOf(const v1::AccordParty& p, CivilDay day,
                         int instrument = 0) {
  return {instrument, p.party_id(),
          testing::QualifiedSignature(
              SignerOf(p),
              Rome(static_cast<int>(day.year()), day.month(), day.day(), 11))};
}

TEST(ScenarioTest, S3PianoDiZonaByAccordoDiProgramma) {
  Cooperative c;
  Cooperation& coop = c.cooperation;
  // The Assemblea adopts the Piano di Zona 2026-2028.
  const CivilDay executive = c.Deliberate("p-pdz", CivilDay(2026, 3, 9));
  EXPECT_EQ(executive, CivilDay(2026, 3, 21));
  ASSERT_TRUE(
      coop.DraftProgramme(
              c.Ctx(), {c.id, "pdz-2026-2028", v1::PROGRAMME_KIND_PIANO_DI_ZONA,
                        "Piano di Zona 2026-2028", 2026, 0, ""})
          .ok());
  c.AdvanceTo(executive);
  ASSERT_TRUE(coop.AdoptProgramme(c.Ctx(), c.id, "pdz-2026-2028",
                                  {testing::InternalAct("p-pdz"), executive})
                  .ok());
  // The accordo di programma implementing it, among the 11 public parties.
  accord::DraftAccord d;
  d.consortium_id = c.id;
  d.accord_id = kAccord;
  d.kind = v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA;
  d.title = "Accordo di programma per l'attuazione del Piano di Zona 2026-2028";
  d.object = "Attuazione del Piano di Zona dell'Ambito Sud Est Milano";
  d.parties = testing::S3Parties();
  *d.term.mutable_ends_on() = ToDate(CivilDay(2028, 12, 31));
  d.programme_id = "pdz-2026-2028";
  ASSERT_TRUE(coop.DraftAccord(c.Ctx(), d).ok());
  ASSERT_EQ(d.parties.size(), 11u);
  for (const v1::AccordParty& p : d.parties) {
    ASSERT_TRUE(coop.RecordApproval(
                        c.Ctx(), c.id, kAccord,
                        {0, p.party_id(), ApprovalOf(p), CivilDay(2026, 4, 1)})
                    .ok())
        << p.party_id();
  }
  // Each comune's approving deliberation must be executive before it signs:
  // Melegnano's is not on 15 April, and nothing is appended.
  c.AdvanceTo(CivilDay(2026, 4, 15), 9);
  const v1::AccordParty& melegnano = d.parties[2];
  ASSERT_EQ(melegnano.party_id(), "melegnano");
  uint64_t before = c.Last();
  auto early = coop.Sign(c.Ctx(SignerOf(melegnano)), c.id, kAccord,
                         SignatureOf(melegnano, CivilDay(2026, 4, 15)));
  EXPECT_EQ(early.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(early.status()), reasons::kDeliberationNotExecutive);
  EXPECT_EQ(c.Last(), before);
  // Ten of eleven sign: "being signed", no effect.
  for (const v1::AccordParty& p : d.parties) {
    if (p.party_id() == "melegnano") continue;
    ASSERT_TRUE(coop.Sign(c.Ctx(SignerOf(p)), c.id, kAccord,
                          SignatureOf(p, CivilDay(2026, 4, 15)))
                    .ok())
        << p.party_id();
  }
  auto ten = coop.Accord(c.id, kAccord);
  ASSERT_TRUE(ten.ok());
  EXPECT_EQ(ten->stage(), accord::Stage::kBeingSigned);
  EXPECT_EQ(ten->instruments.at(0).signatures.size(), 10u);
  EXPECT_EQ(ten->MissingSignatures(0, CivilDay(2026, 4, 15)),
            std::vector<std::string>{"melegnano"});
  EXPECT_FALSE(ten->InForceOn(CivilDay(2026, 4, 15)));
  before = c.Last();
  EXPECT_EQ(ErrorReason(coop.RecordApprovalAct(
                                c.Ctx(), c.id, kAccord,
                                {0,
                                 testing::ExternalAct(
                                     "Decreto del Sindaco di San Giuliano "
                                     "Milanese, comune capofila",
                                     "5", CivilDay(2026, 4, 15)),
                                 CivilDay(2026, 4, 16)})
                            .status()),
            reasons::kMissingSignature);
  EXPECT_EQ(ErrorReason(
                coop.JoinAdherent(c.Ctx(), c.id, kAccord,
                                  {TwelveAdherents()[0], CivilDay(2026, 4, 16),
                                   testing::QualifiedSignature(
                                       "presidente@coop-sociale-il-melograno",
                                       Rome(2026, 4, 16, 12)),
                                   "tavolo-aderenti",
                                   "presidente@coop-sociale-il-melograno"})
                    .status()),
            reasons::kNotInForce);
  EXPECT_EQ(c.Last(), before);
  // The eleventh signature concludes it.
  c.AdvanceTo(CivilDay(2026, 4, 21), 9);
  auto eleventh = coop.Sign(c.Ctx(SignerOf(melegnano)), c.id, kAccord,
                            SignatureOf(melegnano, CivilDay(2026, 4, 21)));
  ASSERT_TRUE(eleventh.ok()) << eleventh.status();
  EXPECT_EQ(
      Appended(c, *eleventh),
      (std::vector<std::string>{"concordia.v1.AccordSigned",
                                "concordia.v1.AccordInstrumentConcluded"}));
  auto concluded = coop.Accord(c.id, kAccord);
  EXPECT_EQ(concluded->stage(), accord::Stage::kConcluded);
  EXPECT_EQ(*concluded->instruments.at(0).concluded_on, CivilDay(2026, 4, 21));
  EXPECT_FALSE(concluded->InForceOn(CivilDay(2026, 4, 21)));
  // The approval act, then the publication in the regional bulletin: in
  // force from the day of publication.
  ASSERT_TRUE(coop.RecordApprovalAct(
                      c.Ctx(), c.id, kAccord,
                      {0,
                       testing::ExternalAct(
                           "Decreto del Sindaco di San Giuliano Milanese, "
                           "comune capofila",
                           "7", CivilDay(2026, 4, 24)),
                       CivilDay(2026, 4, 24)})
                  .ok());
  EXPECT_EQ(coop.Accord(c.id, kAccord)->stage(), accord::Stage::kApproved);
  c.AdvanceTo(CivilDay(2026, 5, 6), 9);
  auto published = coop.RecordPublication(
      c.Ctx(), c.id, kAccord,
      {0, "BURL", "Serie Avvisi e Concorsi n. 19", CivilDay(2026, 5, 6)});
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(Appended(c, *published),
            (std::vector<std::string>{"concordia.v1.AccordPublished",
                                      "concordia.v1.AccordInForce"}));
  auto in_force = coop.Accord(c.id, kAccord);
  EXPECT_EQ(in_force->stage(), accord::Stage::kInForce);
  EXPECT_FALSE(in_force->InForceOn(CivilDay(2026, 5, 5)));
  EXPECT_TRUE(in_force->InForceOn(CivilDay(2026, 5, 6)));
  EXPECT_TRUE(in_force->InForceOn(CivilDay(2028, 12, 31)));
  EXPECT_FALSE(in_force->InForceOn(CivilDay(2029, 1, 1)));
  // Its expiry is a durable timer.
  auto term_timer = c.district.log.log->GetStreamInfo(
      workflow::TimerStream(c.id, "accord-adp-pdz-2026-term-20290101"));
  EXPECT_TRUE(term_timer.ok()) << term_timer.status();
  // Twelve third-sector organisations adhere; each joins the Tavolo degli
  // Aderenti; none affects unanimity.
  c.AdvanceTo(CivilDay(2026, 5, 20), 9);
  for (const v1::AccordParty& a : TwelveAdherents()) {
    const std::string rep = absl::StrCat("presidente@", a.party_id());
    ASSERT_TRUE(coop.JoinAdherent(c.Ctx(rep), c.id, kAccord,
                                  {a, CivilDay(2026, 5, 20),
                                   testing::QualifiedSignature(
                                       rep, Rome(2026, 5, 20, 12)),
                                   "tavolo-aderenti", rep})
                    .ok())
        << a.party_id();
  }
  auto with_adherents = coop.Accord(c.id, kAccord);
  EXPECT_EQ(with_adherents->parties.size(), 23u);
  EXPECT_EQ(with_adherents->RequiredPartiesOn(CivilDay(2026, 5, 20)).size(),
            11u);
  EXPECT_EQ(with_adherents->stage(), accord::Stage::kInForce);
  auto consortium = c.district.governance.Consortium(c.id);
  int seats = 0;
  for (const consortium::Designation& des : consortium->designations) {
    if (des.body_id == "tavolo-aderenti" &&
        des.ActiveOn(CivilDay(2026, 5, 20))) {
      ++seats;
      EXPECT_FALSE(des.voting);
    }
  }
  EXPECT_EQ(seats, 12);
  // Unanimity is still of the 11 public parties: an amendment is concluded
  // by their signatures alone, and adherents do not sign it.
  ASSERT_TRUE(coop.ProposeInstrument(c.Ctx(), c.id, kAccord,
                                     {v1::INSTRUMENT_KIND_AMENDMENT,
                                      "Aggiornamento delle schede intervento",
                                      "",
                                      {},
                                      {},
                                      CivilDay(2026, 5, 21)})
                  .ok());
  const v1::AccordParty adherent = TwelveAdherents()[3];
  EXPECT_EQ(
      ErrorReason(coop.Sign(c.Ctx(), c.id, kAccord,
                            SignatureOf(adherent, CivilDay(2026, 6, 1), 1))
                      .status()),
      reasons::kNotAParty);
  for (const v1::AccordParty& p : d.parties) {
    ASSERT_TRUE(coop.RecordApproval(c.Ctx(), c.id, kAccord,
                                    {1, p.party_id(),
                                     testing::ExternalAct(
                                         "Giunta", "30", CivilDay(2026, 5, 28)),
                                     CivilDay(2026, 5, 29)})
                    .ok());
  }
  c.AdvanceTo(CivilDay(2026, 6, 1), 9);
  for (const v1::AccordParty& p : d.parties) {
    ASSERT_TRUE(coop.Sign(c.Ctx(SignerOf(p)), c.id, kAccord,
                          SignatureOf(p, CivilDay(2026, 6, 1), 1))
                    .ok());
  }
  auto amended = coop.Accord(c.id, kAccord);
  EXPECT_TRUE(amended->instruments.at(1).concluded_on.has_value());
  EXPECT_EQ(amended->instruments.at(1).signatures.size(), 11u);
}

}  // namespace
}  // namespace concordia::domain
