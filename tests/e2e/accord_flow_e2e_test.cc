// Scenario S3 end to end over real gRPC channels with mutual TLS: the
// Assemblea adopts the Piano di Zona; the Ufficio di Piano drafts the
// accordo di programma implementing it among 11 public parties; each
// party's delegate records its approval and signs (Melegnano's approval is
// not executive yet on 15 April: refused, nothing appended); with 10 of 11
// signatures the accord is being signed, the 11th concludes it; the approval
// act and the BUR publication put it in force; 12 third-sector
// organisations adhere and take their seats on the Tavolo degli Aderenti.
// Reads as of a position and a date see the past; every event records who
// caused it.
#include "absl/strings/str_cat.h"
#include "concordia/v1/events.grpc.pb.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/cooperation_api.h"

namespace concordia {
namespace {

using absl::CivilDay;
using testing::CallRpc;
using testing::CooperationApi;
using testing::DateOf;
using testing::DelegateOf;
using testing::DistrictApi;
using testing::ExpectError;
using testing::RomeTime;
using testing::TlsTestServer;
using AS = v1::AccordService::Stub;

constexpr char kAccord[] = "adp-pdz-2026";

// Each party's approving act: its council's deliberation or its director's
// decree, executive on 10 April 2026 (Melegnano's only on 20 April).
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

v1::GetAccordResponse GetAccord(CooperationApi& c, uint64_t as_of = 0,
                                const v1::Date* on = nullptr) {
  v1::GetAccordRequest req;
  req.set_consortium_id(c.id());
  req.set_accord_id(kAccord);
  req.set_as_of_position(as_of);
  if (on != nullptr) *req.mutable_as_of_date() = *on;
  v1::GetAccordResponse resp;
  auto region = c.Accords(testing::kRegion);
  grpc::Status s = CallRpc(*region, &AS::GetAccord, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp;
}

TEST(AccordFlowTest, S3PianoDiZonaByAccordoDiProgramma) {
  TlsTestServer::Options options;
  options.principals = testing::CooperationPrincipals();
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& server = **started;
  DistrictApi district(server, "s3");
  CooperationApi c(server, district);
  ASSERT_TRUE(c.Setup().ok());

  // The Assemblea adopts the Piano di Zona 2026-2028 (immediately
  // executable) and its secretary records the programme's adoption.
  ASSERT_TRUE(district.DraftReady("p-pdz").ok());
  ASSERT_TRUE(
      district.Adopt("p-pdz", CivilDay(2026, 3, 2), nullptr, true).ok());
  server.clock().AdvanceTo(RomeTime(CivilDay(2026, 3, 2), 12));
  v1::DraftProgrammeRequest plan;
  plan.set_request_id("s3-plan");
  plan.set_consortium_id(c.id());
  plan.set_programme_id("pdz-2026-2028");
  plan.set_kind(v1::PROGRAMME_KIND_PIANO_DI_ZONA);
  plan.set_title("Piano di Zona 2026-2028");
  plan.set_first_year(2026);
  ASSERT_TRUE(CallRpc(*c.Programmes(testing::kUfficio),
                      &v1::ProgrammeService::Stub::DraftProgramme, plan)
                  .ok());
  v1::AdoptProgrammeRequest adopt;
  adopt.set_request_id("s3-plan-adopt");
  adopt.set_consortium_id(c.id());
  adopt.set_body_id("assemblea");
  adopt.set_programme_id("pdz-2026-2028");
  adopt.set_proposal_id("p-pdz");
  ASSERT_TRUE(CallRpc(*c.Programmes(testing::kSecretary),
                      &v1::ProgrammeService::Stub::AdoptProgramme, adopt)
                  .ok());

  // The accordo di programma among the 11 public parties.
  v1::DraftAccordRequest draft;
  draft.set_request_id("s3-draft");
  draft.set_consortium_id(c.id());
  draft.set_accord_id(kAccord);
  draft.set_kind(v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA);
  draft.set_title("Accordo di programma per il Piano di Zona 2026-2028");
  draft.set_object("Attuazione del Piano di Zona dell'Ambito Sud Est Milano");
  const std::vector<v1::AccordParty> parties = testing::S3Parties();
  ASSERT_EQ(parties.size(), 11u);
  for (const v1::AccordParty& p : parties) *draft.add_parties() = p;
  *draft.mutable_term()->mutable_ends_on() = DateOf(CivilDay(2028, 12, 31));
  draft.set_programme_id("pdz-2026-2028");
  auto ufficio = c.Accords(testing::kUfficio);
  ASSERT_TRUE(CallRpc(*ufficio, &AS::DraftAccord, draft).ok());
  for (const v1::AccordParty& p : parties) {
    ASSERT_TRUE(c.Approve(kAccord, 0, p.party_id(), ApprovalOf(p)).ok())
        << p.party_id();
  }

  // On 15 April Melegnano's council deliberation is not executive: its
  // signature is refused and nothing is appended.
  server.clock().AdvanceTo(RomeTime(CivilDay(2026, 4, 15), 12));
  v1::SignAccordRequest early;
  early.set_request_id("s3-melegnano-early");
  early.set_consortium_id(c.id());
  early.set_accord_id(kAccord);
  early.set_party_id("melegnano");
  early.mutable_signature()->set_type(v1::SIGNATURE_TYPE_QUALIFIED_ELECTRONIC);
  ExpectError(server, *c.Accords(DelegateOf("melegnano")), &AS::SignAccord,
              early, grpc::StatusCode::FAILED_PRECONDITION,
              "DELIBERATION_NOT_EXECUTIVE");
  // Ten of eleven sign: being signed, no effect.
  v1::SignAccordResponse tenth;
  for (const v1::AccordParty& p : parties) {
    if (p.party_id() == "melegnano") continue;
    ASSERT_TRUE(c.Sign(kAccord, 0, p.party_id(),
                       RomeTime(CivilDay(2026, 4, 15), 11), &tenth)
                    .ok())
        << p.party_id();
    EXPECT_FALSE(tenth.concluded());
  }
  ASSERT_EQ(tenth.missing_party_ids_size(), 1);
  EXPECT_EQ(tenth.missing_party_ids(0), "melegnano");
  v1::GetAccordResponse ten = GetAccord(c);
  EXPECT_EQ(ten.accord().stage(), v1::ACCORD_STAGE_BEING_SIGNED);
  ASSERT_EQ(ten.accord().instruments_size(), 1);
  EXPECT_EQ(ten.accord().instruments(0).signatures_size(), 10);
  EXPECT_FALSE(ten.accord().in_force_on_date());
  // Neither the approval act nor an adherent before the conclusion.
  v1::RecordApprovalActRequest act;
  act.set_request_id("s3-approval-act");
  act.set_consortium_id(c.id());
  act.set_accord_id(kAccord);
  *act.mutable_act() = testing::ExternalAct(
      "Decreto del Sindaco di San Giuliano Milanese, comune capofila", "7",
      CivilDay(2026, 4, 15));
  ExpectError(server, *ufficio, &AS::RecordApprovalAct, act,
              grpc::StatusCode::FAILED_PRECONDITION, "MISSING_SIGNATURE");

  // The eleventh signature concludes it.
  server.clock().AdvanceTo(RomeTime(CivilDay(2026, 4, 21), 12));
  v1::SignAccordResponse eleventh;
  ASSERT_TRUE(c.Sign(kAccord, 0, "melegnano",
                     RomeTime(CivilDay(2026, 4, 21), 11), &eleventh)
                  .ok());
  EXPECT_TRUE(eleventh.concluded());
  EXPECT_FALSE(eleventh.in_force());  // an accordo di programma: not yet
  EXPECT_EQ(eleventh.missing_party_ids_size(), 0);
  // The position of the accord's own last event; the saga's next step (the
  // workflow act recording the conclusion) follows it.
  EXPECT_EQ(eleventh.log_position() + 1, server.LastPosition());
  EXPECT_EQ(GetAccord(c).accord().stage(), v1::ACCORD_STAGE_CONCLUDED);

  // The approval act, then the publication in the regional bulletin: in
  // force from the day of publication.
  ASSERT_TRUE(CallRpc(*ufficio, &AS::RecordApprovalAct, act).ok());
  EXPECT_EQ(GetAccord(c).accord().stage(), v1::ACCORD_STAGE_APPROVED);
  server.clock().AdvanceTo(RomeTime(CivilDay(2026, 5, 6), 12));
  v1::RecordBulletinPublicationRequest bur;
  bur.set_request_id("s3-bur");
  bur.set_consortium_id(c.id());
  bur.set_accord_id(kAccord);
  bur.set_bulletin("BURL");
  bur.set_issue("Serie Avvisi e Concorsi n. 19");
  *bur.mutable_published_on() = DateOf(CivilDay(2026, 5, 6));
  v1::RecordBulletinPublicationResponse published;
  ASSERT_TRUE(
      CallRpc(*ufficio, &AS::RecordBulletinPublication, bur, &published).ok());
  EXPECT_EQ(published.in_force_from().day(), 6);
  EXPECT_EQ(published.ends_on().year(), 2028);
  const v1::Date may5 = DateOf(CivilDay(2026, 5, 5));
  const v1::Date may6 = DateOf(CivilDay(2026, 5, 6));
  EXPECT_FALSE(GetAccord(c, 0, &may5).accord().in_force_on_date());
  v1::GetAccordResponse in_force = GetAccord(c, 0, &may6);
  EXPECT_TRUE(in_force.accord().in_force_on_date());
  EXPECT_EQ(in_force.accord().stage(), v1::ACCORD_STAGE_IN_FORCE);
  EXPECT_TRUE(in_force.accord().instruments(0).took_effect());
  EXPECT_EQ(in_force.accord().instruments(0).publication().bulletin(), "BURL");
  // As of the eleventh signature it was concluded, without approval act.
  v1::GetAccordResponse then = GetAccord(c, eleventh.log_position(), &may6);
  EXPECT_EQ(then.log_position(), eleventh.log_position());
  EXPECT_EQ(then.accord().stage(), v1::ACCORD_STAGE_CONCLUDED);
  EXPECT_FALSE(then.accord().instruments(0).has_approval_act());
  EXPECT_FALSE(then.accord().in_force_on_date());
  EXPECT_LT(then.version(), in_force.version());

  // Twelve third-sector organisations adhere; each takes a non-voting seat
  // on the Tavolo degli Aderenti; none affects unanimity.
  server.clock().AdvanceTo(RomeTime(CivilDay(2026, 5, 20), 12));
  for (int i = 1; i <= 12; ++i) {
    const std::string org = absl::StrCat("ets-", i);
    v1::JoinAdherentRequest join;
    join.set_request_id(absl::StrCat("s3-join-", i));
    join.set_consortium_id(c.id());
    join.set_accord_id(kAccord);
    *join.mutable_adherent() =
        testing::Adherent(org, absl::StrCat("Cooperativa sociale n. ", i));
    join.mutable_signature()->set_type(v1::SIGNATURE_TYPE_ADVANCED_ELECTRONIC);
    join.mutable_signature()->set_signer(absl::StrCat("presidente@", org));
    join.set_tavolo_body_id(testing::kTavoloAderenti);
    join.set_representative(absl::StrCat("presidente@", org));
    ASSERT_TRUE(CallRpc(*ufficio, &AS::JoinAdherent, join).ok()) << org;
  }
  v1::GetAccordResponse joined = GetAccord(c);
  EXPECT_EQ(joined.accord().parties_size(), 23);
  EXPECT_EQ(joined.accord().required_party_ids_size(), 11);
  EXPECT_EQ(joined.accord().stage(), v1::ACCORD_STAGE_IN_FORCE);
  v1::GetBodyRequest tavolo;
  tavolo.set_consortium_id(c.id());
  tavolo.set_body_id(testing::kTavoloAderenti);
  v1::GetBodyResponse seats;
  ASSERT_TRUE(CallRpc(*district.Consortia(testing::kAuditor),
                      &v1::ConsortiumService::Stub::GetBody, tavolo, &seats)
                  .ok());
  EXPECT_EQ(seats.designations_size(), 12);
  for (const v1::Designation& d : seats.designations()) {
    EXPECT_FALSE(d.voting());
  }
  EXPECT_EQ(seats.voters_size(), 0);

  // Every signature records its delegate, as principal and as signer.
  auto events = v1::EventService::NewStub(server.ChannelAs(testing::kAuditor));
  v1::ListStreamEventsRequest list;
  list.set_stream(absl::StrCat(c.id(), "/accord/", kAccord));
  list.set_include_json(false);
  v1::ListStreamEventsResponse history;
  ASSERT_TRUE(CallRpc(*events, &v1::EventService::Stub::ListStreamEvents, list,
                      &history)
                  .ok());
  int signatures = 0;
  for (const v1::Event& e : history.events()) {
    if (e.type() == "concordia.v1.AccordSigned") {
      v1::AccordSigned s;
      ASSERT_TRUE(s.ParseFromString(e.payload()));
      EXPECT_EQ(e.principal(), DelegateOf(s.party_id()));
      EXPECT_EQ(s.signature().signer(), DelegateOf(s.party_id()));
      ++signatures;
    } else if (e.type() == "concordia.v1.AccordInstrumentConcluded") {
      EXPECT_EQ(e.principal(), DelegateOf("melegnano"));  // the last one
    } else if (e.type() == "concordia.v1.AccordPartyApproved") {
      v1::AccordPartyApproved a;
      ASSERT_TRUE(a.ParseFromString(e.payload()));
      EXPECT_EQ(e.principal(), DelegateOf(a.party_id()));
    } else {
      EXPECT_EQ(e.principal(), testing::kUfficio) << e.type();
    }
  }
  EXPECT_EQ(signatures, 11);
}

}  // namespace
}  // namespace concordia
