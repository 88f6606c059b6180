// AccordService end to end over mutual TLS: bad input for every RPC
// (INVALID_ARGUMENT naming the field, nothing appended), unknown accords,
// an accord's life after entry into force — an amendment as instrument 1, a
// withdrawal taking effect by the server's timer, notices refused by the
// rules, a dissolution by mutual consent — read as of dates, and the
// consortium itself as a party approving by its own deliberation in
// Concordia, then renewing the accord explicitly.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/cooperation_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using absl::CivilDay;
using testing::CallRpc;
using testing::CooperationApi;
using testing::DateOf;
using testing::DelegateOf;
using testing::DistrictApi;
using testing::ExpectError;
using testing::ExpectInvalidWith;
using testing::RomeTime;
using testing::TlsTestServer;
using Stub = v1::AccordService::Stub;

// A date as sent, not normalised (so 30 February stays invalid).
constexpr auto D = testing::RawDate;

class AccordApiTest
    : public testing::SharedServerTest<testing::CooperationPrincipals> {};

template <typename Request>
Request Address(const CooperationApi& c, const std::string& request_id) {
  Request r;
  r.set_request_id(request_id);
  r.set_consortium_id(c.id());
  r.set_accord_id("conv");
  return r;
}

const v1::ApprovingAct kAct = testing::ExternalAct(
    "Consiglio comunale di Melegnano", "3", CivilDay(2026, 2, 1));

TEST_F(AccordApiTest, BadInputNamesTheFieldForEveryRpc) {
  DistrictApi district(*server_, "bad-accord");
  CooperationApi c(*server_, district);
  ASSERT_TRUE(c.Setup().ok());
  TlsTestServer& s = *server_;
  auto ufficio = c.Accords(testing::kUfficio);
  auto melegnano = c.Accords(DelegateOf("melegnano"));

  auto draft = Address<v1::DraftAccordRequest>(c, "bad-draft");
  draft.set_kind(v1::ACCORD_KIND_CONVENZIONE);
  draft.set_title("Convenzione");
  draft.set_object("Servizi sociali");
  *draft.add_parties() = testing::Comune("melegnano");
  *draft.add_parties() = testing::Comune("carpiano");
  *draft.mutable_term()->mutable_ends_on() = D(2030, 12, 31);
  auto bad_draft = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::DraftAccord, draft, mutate, field);
  };
  bad_draft([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_draft([](auto& r) { r.set_request_id(std::string(129, 'x')); },
            "request_id");
  bad_draft([](auto& r) { r.set_accord_id("Conv 1"); }, "accord_id");
  bad_draft([](auto& r) { r.clear_kind(); }, "kind");
  bad_draft([](auto& r) { r.set_kind(static_cast<v1::AccordKind>(9)); },
            "kind");
  bad_draft([](auto& r) { r.clear_title(); }, "title");
  bad_draft([](auto& r) { r.set_title(std::string(2000, 't')); }, "title");
  bad_draft([](auto& r) { r.clear_object(); }, "object");
  bad_draft([](auto& r) { r.mutable_parties()->RemoveLast(); }, "parties");
  bad_draft([](auto& r) { r.mutable_parties(1)->set_party_id("Carpiano"); },
            "parties[1].party_id");
  bad_draft([](auto& r) { r.mutable_parties(0)->clear_name(); },
            "parties[0].name");
  bad_draft([](auto& r) { r.mutable_parties(1)->clear_role(); },
            "parties[1].role");
  bad_draft([](auto& r) { r.mutable_parties(0)->clear_kind(); },
            "parties[0].kind");
  bad_draft([](auto& r) { r.mutable_parties(1)->set_party_id("melegnano"); },
            "parties[1].party_id");  // given twice (the domain's check)
  bad_draft([](auto& r) { r.clear_term(); }, "term");
  bad_draft([](auto& r) { r.mutable_term()->set_duration_months(12); },
            "term");  // both a duration and a last day
  bad_draft(
      [](auto& r) { *r.mutable_term()->mutable_ends_on() = D(2030, 2, 30); },
      "term.ends_on");
  bad_draft(
      [](auto& r) {
        r.mutable_renewal()->set_kind(static_cast<v1::RenewalKind>(7));
      },
      "renewal.kind");
  bad_draft([](auto& r) { r.set_programme_id("PdZ"); }, "programme_id");
  bad_draft(
      [](auto& r) {
        r.set_constitutive(true);
        r.set_kind(v1::ACCORD_KIND_ACCORDO_DI_PROGRAMMA);
      },
      "constitutive");

  auto approval = Address<v1::RecordPartyApprovalRequest>(c, "bad-approval");
  approval.set_party_id("melegnano");
  *approval.mutable_act() = kAct;
  auto bad_approval = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *melegnano, &Stub::RecordPartyApproval, approval,
                      mutate, field);
  };
  bad_approval([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_approval([](auto& r) { r.clear_accord_id(); }, "accord_id");
  bad_approval([](auto& r) { r.set_instrument(-1); }, "instrument");
  bad_approval([](auto& r) { r.clear_act(); }, "act");
  bad_approval(
      [](auto& r) { r.mutable_act()->mutable_deliberation()->clear_body(); },
      "act.deliberation.body");
  bad_approval(
      [](auto& r) { r.mutable_act()->mutable_deliberation()->clear_number(); },
      "act.deliberation.number");
  bad_approval(
      [](auto& r) {
        *r.mutable_act()->mutable_deliberation()->mutable_date() =
            D(2026, 13, 1);
      },
      "act.deliberation.date");
  bad_approval(
      [](auto& r) {
        *r.mutable_act()->mutable_declared_executive_on() = D(2026, 1, 1);
      },
      "act.declared_executive_on");  // before the act's date
  bad_approval([](auto& r) { r.mutable_act()->set_document_sha256("abc"); },
               "act.document_sha256");
  bad_approval(
      [](auto& r) {
        r.mutable_act()->mutable_deliberation()->set_proposal_id("p-1");
      },
      "act.declared_executive_on");  // Concordia knows its own executivity

  auto sign = Address<v1::SignAccordRequest>(c, "bad-sign");
  sign.set_party_id("melegnano");
  sign.mutable_signature()->set_type(v1::SIGNATURE_TYPE_QUALIFIED_ELECTRONIC);
  auto bad_sign = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *melegnano, &Stub::SignAccord, sign, mutate, field);
  };
  bad_sign([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_sign([](auto& r) { r.set_accord_id("-conv"); }, "accord_id");
  bad_sign([](auto& r) { r.set_instrument(10000); }, "instrument");
  bad_sign([](auto& r) { r.clear_signature(); }, "signature");
  bad_sign([](auto& r) { r.mutable_signature()->clear_type(); },
           "signature.type");
  bad_sign(
      [](auto& r) { r.mutable_signature()->set_signer(std::string(300, 's')); },
      "signature.signer");
  bad_sign(
      [](auto& r) {
        *r.mutable_signature()->mutable_signed_at() =
            ToTimestamp(RomeTime(CivilDay(2099, 1, 1)));
      },
      "signature.signed_at");  // after the server's time
  bad_sign([](auto& r) { r.mutable_signature()->set_document_sha256("ABCD"); },
           "signature.document_sha256");

  auto approval_act = Address<v1::RecordApprovalActRequest>(c, "bad-act");
  *approval_act.mutable_act() = kAct;
  auto bad_approval_act = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::RecordApprovalAct, approval_act,
                      mutate, field);
  };
  bad_approval_act([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_approval_act([](auto& r) { r.set_instrument(-3); }, "instrument");
  bad_approval_act([](auto& r) { r.clear_act(); }, "act");

  auto bur = Address<v1::RecordBulletinPublicationRequest>(c, "bad-bur");
  bur.set_bulletin("BURL");
  bur.set_issue("n. 19");
  *bur.mutable_published_on() = D(2026, 2, 16);
  auto bad_bur = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::RecordBulletinPublication, bur,
                      mutate, field);
  };
  bad_bur([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_bur([](auto& r) { r.clear_bulletin(); }, "bulletin");
  bad_bur([](auto& r) { r.clear_issue(); }, "issue");
  bad_bur([](auto& r) { r.clear_published_on(); }, "published_on");
  bad_bur([](auto& r) { *r.mutable_published_on() = D(2026, 2, 30); },
          "published_on");
  bad_bur([](auto& r) { *r.mutable_published_on() = D(2099, 1, 1); },
          "published_on");  // after today

  auto amend = Address<v1::ProposeAmendmentRequest>(c, "bad-amend");
  amend.set_summary("Nuove schede");
  ExpectInvalidWith(
      s, *ufficio, &Stub::ProposeAmendment, amend,
      [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(
      s, *ufficio, &Stub::ProposeAmendment, amend,
      [](auto& r) { r.clear_summary(); }, "summary");
  ExpectInvalidWith(
      s, *ufficio, &Stub::ProposeAmendment, amend,
      [](auto& r) { r.set_document_sha256(std::string(64, 'g')); },
      "document_sha256");
  auto renew = Address<v1::ProposeRenewalRequest>(c, "bad-renew");
  renew.set_summary("Rinnovo");
  *renew.mutable_new_ends_on() = D(2034, 12, 31);
  ExpectInvalidWith(
      s, *ufficio, &Stub::ProposeRenewal, renew,
      [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(
      s, *ufficio, &Stub::ProposeRenewal, renew,
      [](auto& r) { r.clear_new_ends_on(); }, "new_ends_on");
  ExpectInvalidWith(
      s, *ufficio, &Stub::ProposeRenewal, renew,
      [](auto& r) { *r.mutable_new_ends_on() = D(2034, 0, 1); }, "new_ends_on");
  auto dissolve = Address<v1::ProposeDissolutionRequest>(c, "bad-dissolve");
  dissolve.set_summary("Scioglimento");
  *dissolve.mutable_dissolves_on() = D(2027, 1, 1);
  ExpectInvalidWith(
      s, *ufficio, &Stub::ProposeDissolution, dissolve,
      [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(
      s, *ufficio, &Stub::ProposeDissolution, dissolve,
      [](auto& r) { r.clear_summary(); }, "summary");
  ExpectInvalidWith(
      s, *ufficio, &Stub::ProposeDissolution, dissolve,
      [](auto& r) { r.clear_dissolves_on(); }, "dissolves_on");

  auto withdraw = Address<v1::NotifyWithdrawalRequest>(c, "bad-withdraw");
  withdraw.set_party_id("melegnano");
  *withdraw.mutable_act() = kAct;
  auto bad_withdraw = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *melegnano, &Stub::NotifyWithdrawal, withdraw, mutate,
                      field);
  };
  bad_withdraw([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_withdraw([](auto& r) { r.clear_act(); }, "act");
  bad_withdraw(
      [](auto& r) { r.mutable_taken_note_by()->set_document_sha256("x"); },
      "taken_note_by");
  bad_withdraw(
      [](auto& r) {
        r.mutable_taken_note_by()->mutable_deliberation()->set_proposal_id(
            "P 1");
      },
      "taken_note_by.deliberation.proposal_id");
  bad_withdraw([](auto& r) { *r.mutable_notified_on() = D(2099, 5, 15); },
               "notified_on");
  auto non_renewal = Address<v1::NotifyNonRenewalRequest>(c, "bad-disdetta");
  non_renewal.set_party_id("melegnano");
  *non_renewal.mutable_act() = kAct;
  ExpectInvalidWith(
      s, *melegnano, &Stub::NotifyNonRenewal, non_renewal,
      [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(
      s, *melegnano, &Stub::NotifyNonRenewal, non_renewal,
      [](auto& r) { r.clear_act(); }, "act");
  ExpectInvalidWith(
      s, *melegnano, &Stub::NotifyNonRenewal, non_renewal,
      [](auto& r) { *r.mutable_notified_on() = D(2026, 2, 29); },
      "notified_on");

  auto join = Address<v1::JoinAdherentRequest>(c, "bad-join");
  *join.mutable_adherent() = testing::Adherent("auser", "Auser");
  join.mutable_signature()->set_type(v1::SIGNATURE_TYPE_ADVANCED_ELECTRONIC);
  join.mutable_signature()->set_signer("presidente@auser");
  join.set_tavolo_body_id(testing::kTavoloAderenti);
  join.set_representative("presidente@auser");
  auto bad_join = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::JoinAdherent, join, mutate, field);
  };
  bad_join([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_join([](auto& r) { r.clear_adherent(); }, "adherent");
  bad_join([](auto& r) { r.mutable_adherent()->set_party_id("Auser"); },
           "adherent.party_id");
  bad_join(
      [](auto& r) {
        r.mutable_adherent()->set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
      },
      "adherent.role");
  bad_join([](auto& r) { r.mutable_adherent()->clear_kind(); },
           "adherent.kind");
  bad_join([](auto& r) { r.clear_signature(); }, "signature");
  bad_join([](auto& r) { r.mutable_signature()->clear_signer(); },
           "signature.signer");  // no default: the adherent signs
  bad_join([](auto& r) { r.clear_tavolo_body_id(); }, "tavolo_body_id");
  bad_join([](auto& r) { r.set_representative("il presidente"); },
           "representative");
  bad_join([](auto& r) { *r.mutable_joined_on() = D(2099, 1, 1); },
           "joined_on");

  v1::GetAccordRequest get;
  get.set_consortium_id(c.id());
  get.set_accord_id("conv");
  auto reader = c.Accords(testing::kAuditor);
  ExpectInvalidWith(
      s, *reader, &Stub::GetAccord, get, [](auto& r) { r.clear_accord_id(); },
      "accord_id");
  ExpectInvalidWith(
      s, *reader, &Stub::GetAccord, get,
      [](auto& r) { *r.mutable_as_of_date() = D(2026, 6, 31); }, "as_of_date");
  get.set_as_of_position(1u << 30);
  ExpectError(s, *reader, &Stub::GetAccord, get, grpc::StatusCode::OUT_OF_RANGE,
              "FUTURE_POSITION");
  // The accord does not exist: every command on it and the read are
  // NOT_FOUND.
  get.clear_as_of_position();
  ExpectError(s, *reader, &Stub::GetAccord, get, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");
  ExpectError(s, *melegnano, &Stub::SignAccord, sign,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  ExpectError(s, *ufficio, &Stub::ProposeAmendment, amend,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

TEST_F(AccordApiTest, AnAccordsLifeAfterItsEntryIntoForce) {
  DistrictApi district(*server_, "life");
  CooperationApi c(*server_, district);
  ASSERT_TRUE(c.Setup().ok());
  TlsTestServer& s = *server_;
  const CivilDay start(2026, 3, 2);
  s.clock().AdvanceTo(RomeTime(start, 12));
  ASSERT_TRUE(
      c.Convenzione("conv", {"melegnano", "carpiano", "dresano"}, start).ok());
  auto ufficio = c.Accords(testing::kUfficio);
  // An amendment is instrument 1; approved and signed by the three, it
  // takes effect.
  auto amend = Address<v1::ProposeAmendmentRequest>(c, "life-amend");
  amend.set_summary("Aggiornamento del riparto dei costi");
  v1::ProposeAmendmentResponse proposed;
  ASSERT_TRUE(
      CallRpc(*ufficio, &Stub::ProposeAmendment, amend, &proposed).ok());
  EXPECT_EQ(proposed.instrument(), 1);
  // One change at a time.
  auto renew = Address<v1::ProposeRenewalRequest>(c, "life-renew");
  renew.set_summary("Rinnovo");
  *renew.mutable_new_ends_on() = D(2034, 12, 31);
  ExpectError(s, *ufficio, &Stub::ProposeRenewal, renew,
              grpc::StatusCode::FAILED_PRECONDITION,
              "INVALID_STATE_TRANSITION");
  for (const char* p : {"melegnano", "carpiano", "dresano"}) {
    ASSERT_TRUE(c.Approve("conv", 1, p,
                          testing::ExternalAct("Giunta comunale", "40", start))
                    .ok());
  }
  for (const char* p : {"melegnano", "carpiano", "dresano"}) {
    ASSERT_TRUE(c.Sign("conv", 1, p, RomeTime(start, 11)).ok());
  }
  v1::GetAccordRequest get;
  get.set_consortium_id(c.id());
  get.set_accord_id("conv");
  v1::GetAccordResponse amended;
  auto reader = c.Accords(testing::kRegion);
  ASSERT_TRUE(CallRpc(*reader, &Stub::GetAccord, get, &amended).ok());
  ASSERT_EQ(amended.accord().instruments_size(), 2);
  EXPECT_EQ(amended.accord().instruments(1).kind(),
            v1::INSTRUMENT_KIND_AMENDMENT);
  EXPECT_TRUE(amended.accord().instruments(1).took_effect());
  ASSERT_EQ(amended.accord().amendments_size(), 1);
  // Without a renewal clause, no explicit renewal; without a tacit one, no
  // notice of non-renewal.
  renew.set_request_id("life-renew-2");
  ExpectError(s, *ufficio, &Stub::ProposeRenewal, renew,
              grpc::StatusCode::FAILED_PRECONDITION, "NOT_RENEWABLE");
  auto disdetta = Address<v1::NotifyNonRenewalRequest>(c, "life-disdetta");
  disdetta.set_party_id("carpiano");
  *disdetta.mutable_act() =
      testing::ExternalAct("Consiglio comunale", "2", start);
  ExpectError(s, *c.Accords(DelegateOf("carpiano")), &Stub::NotifyNonRenewal,
              disdetta, grpc::StatusCode::FAILED_PRECONDITION,
              "INVALID_STATE_TRANSITION");

  // Dresano gives notice on 15 May: six months, effective 1 January 2027.
  s.clock().AdvanceTo(RomeTime(CivilDay(2026, 5, 15), 12));
  auto withdraw = Address<v1::NotifyWithdrawalRequest>(c, "life-recesso");
  withdraw.set_party_id("dresano");
  *withdraw.mutable_act() = testing::ExternalAct(
      "Consiglio comunale di Dresano", "21", CivilDay(2026, 5, 10));
  v1::NotifyWithdrawalResponse notice;
  ASSERT_TRUE(CallRpc(*c.Accords(DelegateOf("dresano")),
                      &Stub::NotifyWithdrawal, withdraw, &notice)
                  .ok());
  EXPECT_EQ(notice.effective_on().year(), 2027);
  EXPECT_EQ(notice.effective_on().month(), 1);
  EXPECT_EQ(notice.effective_on().day(), 1);
  // The server's timer makes it take effect on 1 January 2027.
  s.clock().AdvanceTo(RomeTime(CivilDay(2026, 12, 31), 12));
  ASSERT_TRUE(s.server().RunDueTimers().ok());
  auto dresano_on = [&](const v1::Date& day) {
    v1::GetAccordRequest r = get;
    *r.mutable_as_of_date() = day;
    v1::GetAccordResponse resp;
    EXPECT_TRUE(CallRpc(*reader, &Stub::GetAccord, r, &resp).ok());
    for (const v1::AccordPartyStatus& p : resp.accord().parties()) {
      if (p.party().party_id() == "dresano") return p;
    }
    return v1::AccordPartyStatus();
  };
  EXPECT_FALSE(dresano_on(D(2027, 1, 1)).has_withdrawn_from());
  s.clock().AdvanceTo(RomeTime(CivilDay(2027, 1, 1), 0));
  ASSERT_TRUE(s.server().RunDueTimers().ok());
  v1::AccordPartyStatus after = dresano_on(D(2027, 1, 1));
  EXPECT_EQ(after.withdrawn_from().year(), 2027);
  EXPECT_FALSE(after.active_on_date());
  EXPECT_TRUE(dresano_on(D(2026, 12, 31)).active_on_date());
  // Its delegate can no longer sign instruments of the accord.
  s.clock().AdvanceTo(RomeTime(CivilDay(2027, 1, 11), 12));
  auto dissolve = Address<v1::ProposeDissolutionRequest>(c, "life-dissolve");
  dissolve.set_summary("Scioglimento consensuale");
  *dissolve.mutable_dissolves_on() = D(2027, 7, 1);
  v1::ProposeDissolutionResponse dissolution;
  ASSERT_TRUE(
      CallRpc(*ufficio, &Stub::ProposeDissolution, dissolve, &dissolution)
          .ok());
  EXPECT_EQ(dissolution.instrument(), 2);
  auto late = Address<v1::RecordPartyApprovalRequest>(c, "life-late");
  late.set_party_id("dresano");
  late.set_instrument(2);
  *late.mutable_act() =
      testing::ExternalAct("Giunta", "1", CivilDay(2027, 1, 5));
  ExpectError(s, *c.Accords(DelegateOf("dresano")), &Stub::RecordPartyApproval,
              late, grpc::StatusCode::FAILED_PRECONDITION, "MEMBER_WITHDRAWN");
  for (const char* p : {"melegnano", "carpiano"}) {
    ASSERT_TRUE(
        c.Approve("conv", 2, p,
                  testing::ExternalAct("Consiglio", "5", CivilDay(2027, 1, 8)))
            .ok());
    ASSERT_TRUE(c.Sign("conv", 2, p, RomeTime(CivilDay(2027, 1, 11), 10)).ok());
  }
  v1::GetAccordRequest on_july = get;
  *on_july.mutable_as_of_date() = D(2027, 7, 1);
  v1::GetAccordResponse dissolved;
  ASSERT_TRUE(CallRpc(*reader, &Stub::GetAccord, on_july, &dissolved).ok());
  EXPECT_EQ(dissolved.accord().stage(), v1::ACCORD_STAGE_DISSOLVED);
  EXPECT_EQ(dissolved.accord().dissolution().dissolved_on().month(), 7);
  EXPECT_FALSE(dissolved.accord().in_force_on_date());
  *on_july.mutable_as_of_date() = D(2027, 6, 30);
  ASSERT_TRUE(CallRpc(*reader, &Stub::GetAccord, on_july, &dissolved).ok());
  EXPECT_TRUE(dissolved.accord().in_force_on_date());
}

TEST(AccordPartyTest, TheConsortiumApprovesByItsDeliberationAndRenews) {
  TlsTestServer::Options options;
  options.principals = testing::CooperationPrincipals();
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& s = **started;
  DistrictApi district(s, "renewal");
  CooperationApi c(s, district);
  ASSERT_TRUE(c.Setup().ok());
  // The Assemblea approves the convenzione with Melegnano on 2 March
  // (immediately executable): the consortium's approving act is a
  // deliberation in Concordia, whose executivity Concordia knows.
  ASSERT_TRUE(district.DraftReady("p-conv").ok());
  ASSERT_TRUE(
      district.Adopt("p-conv", CivilDay(2026, 3, 2), nullptr, true).ok());
  const CivilDay day(2026, 3, 2);
  s.clock().AdvanceTo(RomeTime(day, 12));
  auto draft = Address<v1::DraftAccordRequest>(c, "renewal-draft");
  draft.set_kind(v1::ACCORD_KIND_CONVENZIONE);
  draft.set_title("Convenzione per il servizio sociale professionale");
  draft.set_object("Servizio sociale professionale");
  v1::AccordParty consortium;
  consortium.set_party_id(c.id());
  consortium.set_name("Azienda consortile");
  consortium.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
  *draft.add_parties() = consortium;
  *draft.add_parties() = testing::Comune("melegnano");
  draft.mutable_term()->set_duration_months(24);
  draft.mutable_renewal()->set_kind(v1::RENEWAL_KIND_EXPLICIT);
  auto ufficio = c.Accords(testing::kUfficio);
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::DraftAccord, draft).ok());
  // A delegate of Melegnano does not act for the consortium.
  auto approve = Address<v1::RecordPartyApprovalRequest>(c, "renewal-approve");
  approve.set_party_id(c.id());
  *approve.mutable_act() = testing::InternalAct("p-conv");
  ExpectError(s, *c.Accords(DelegateOf("melegnano")),
              &Stub::RecordPartyApproval, approve,
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  for (int instrument : {0, 1}) {
    if (instrument == 1) {
      auto renew = Address<v1::ProposeRenewalRequest>(c, "renewal-propose");
      renew.set_summary("Rinnovo per altri due anni");
      *renew.mutable_new_ends_on() = D(2030, 3, 1);
      v1::ProposeRenewalResponse proposed;
      ASSERT_TRUE(
          CallRpc(*ufficio, &Stub::ProposeRenewal, renew, &proposed).ok());
      ASSERT_EQ(proposed.instrument(), 1);
    }
    ASSERT_TRUE(
        c.Approve("conv", instrument, c.id(), testing::InternalAct("p-conv"))
            .ok());
    ASSERT_TRUE(c.Approve("conv", instrument, "melegnano",
                          testing::ExternalAct("Giunta", "8", day))
                    .ok());
    for (const std::string& p : {c.id(), std::string("melegnano")}) {
      ASSERT_TRUE(c.Sign("conv", instrument, p, RomeTime(day, 11)).ok()) << p;
    }
  }
  v1::GetAccordRequest get;
  get.set_consortium_id(c.id());
  get.set_accord_id("conv");
  *get.mutable_as_of_date() = D(2029, 6, 1);
  v1::GetAccordResponse renewed;
  ASSERT_TRUE(
      CallRpc(*c.Accords(testing::kRegion), &Stub::GetAccord, get, &renewed)
          .ok());
  EXPECT_EQ(renewed.accord().in_force_from().day(), 2);
  EXPECT_EQ(renewed.accord().ends_on().year(), 2030);
  ASSERT_EQ(renewed.accord().renewals_size(), 1);
  EXPECT_FALSE(renewed.accord().renewals(0).tacit());
  EXPECT_TRUE(renewed.accord().in_force_on_date());
  int internal = 0;
  for (const v1::AccordPartyApproved& a :
       renewed.accord().instruments(0).approvals()) {
    if (a.party_id() == c.id()) {
      EXPECT_EQ(a.act().deliberation().proposal_id(), "p-conv");
      ++internal;
    }
  }
  EXPECT_EQ(internal, 1);
  *get.mutable_as_of_date() = D(2030, 3, 2);
  ASSERT_TRUE(
      CallRpc(*c.Accords(testing::kRegion), &Stub::GetAccord, get, &renewed)
          .ok());
  EXPECT_FALSE(renewed.accord().in_force_on_date());
}

}  // namespace
}  // namespace concordia
