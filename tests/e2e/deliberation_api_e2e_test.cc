// DeliberationService end to end over mutual TLS: bad input for every RPC,
// deliberations of another body are NOT_FOUND, the opinion rule, publication
// and its interruptions, revocation and annulment (with the time limit for
// economic benefits), and the status as of a date.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/district_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using testing::CallRpc;
using testing::DateOf;
using testing::DistrictApi;
using testing::ExpectError;
using testing::ExpectInvalidField;
using testing::RomeTime;
using testing::TlsTestServer;
using Stub = v1::DeliberationService::Stub;

class DeliberationApiTest
    : public testing::SharedServerTest<testing::DistrictPrincipals> {};

v1::Date Raw(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

template <typename Request>
Request Target(const DistrictApi& d, const std::string& request_id,
               const std::string& proposal) {
  Request r;
  r.set_request_id(request_id);
  r.set_consortium_id(d.id());
  r.set_body_id("assemblea");
  r.set_proposal_id(proposal);
  return r;
}

TEST_F(DeliberationApiTest, BadInputNamesTheFieldForEveryRpc) {
  DistrictApi d(*server_, "bad-deliberation");
  ASSERT_TRUE(d.Setup().ok());
  TlsTestServer& s = *server_;
  auto ufficio = d.Deliberations(testing::kUfficio);
  auto secretary = d.Deliberations(testing::kSecretary);

  auto draft = Target<v1::DraftProposalRequest>(d, "bad-draft", "p-1");
  draft.set_act_kind(v1::ACT_KIND_ORDINARY);
  draft.set_title("Regolamento del servizio di assistenza domiciliare");
  auto bad_draft = [&](auto mutate, const std::string& field) {
    v1::DraftProposalRequest r = draft;
    mutate(r);
    ExpectInvalidField(s, *ufficio, &Stub::DraftProposal, r, field);
  };
  bad_draft([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_draft([](auto& r) { r.set_request_id(std::string(129, 'q')); }, "request_id");
  bad_draft([](auto& r) { r.clear_body_id(); }, "body_id");
  bad_draft([](auto& r) { r.set_proposal_id("p 1"); }, "proposal_id");
  bad_draft([](auto& r) { r.clear_act_kind(); }, "act_kind");
  bad_draft([](auto& r) { r.set_act_kind(static_cast<v1::ActKind>(99)); },
            "act_kind");
  bad_draft([](auto& r) { r.clear_title(); }, "title");
  // A valid proposal for the other checks.
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::DraftProposal, draft).ok());

  v1::GiveOpinionRequest opinion;
  opinion.set_request_id("bad-opinion");
  opinion.set_consortium_id(d.id());
  opinion.set_proposal_id("p-1");
  opinion.set_kind(v1::OPINION_KIND_TECHNICAL);
  opinion.set_favourable(true);
  auto bad_opinion = [&](auto mutate, const std::string& field) {
    v1::GiveOpinionRequest r = opinion;
    mutate(r);
    ExpectInvalidField(s, *ufficio, &Stub::GiveOpinion, r, field);
  };
  bad_opinion([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_opinion([](auto& r) { r.clear_proposal_id(); }, "proposal_id");
  bad_opinion([](auto& r) { r.clear_kind(); }, "kind");
  bad_opinion([](auto& r) { r.set_given_by(std::string(300, 'g')); }, "given_by");
  bad_opinion([](auto& r) { r.set_text(std::string(70000, 't')); }, "text");

  auto publish = Target<v1::PublishDeliberationRequest>(d, "bad-publish", "p-1");
  *publish.mutable_first_day() = Raw(2026, 3, 4);
  auto bad_publish = [&](auto mutate, const std::string& field) {
    v1::PublishDeliberationRequest r = publish;
    mutate(r);
    ExpectInvalidField(s, *secretary, &Stub::PublishDeliberation, r, field);
  };
  bad_publish([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_publish([](auto& r) { r.clear_proposal_id(); }, "proposal_id");
  bad_publish([](auto& r) { r.clear_first_day(); }, "first_day");
  bad_publish([](auto& r) { *r.mutable_first_day() = Raw(2026, 2, 29); },
              "first_day");

  auto interrupt =
      Target<v1::InterruptPublicationRequest>(d, "bad-interrupt", "p-1");
  interrupt.set_days(2);
  interrupt.set_reason("albo non raggiungibile");
  auto bad_interrupt = [&](auto mutate, const std::string& field) {
    v1::InterruptPublicationRequest r = interrupt;
    mutate(r);
    ExpectInvalidField(s, *secretary, &Stub::InterruptPublication, r, field);
  };
  bad_interrupt([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_interrupt([](auto& r) { r.set_proposal_id("-p"); }, "proposal_id");
  bad_interrupt([](auto& r) { r.set_days(0); }, "days");
  bad_interrupt([](auto& r) { r.set_days(400); }, "days");
  bad_interrupt([](auto& r) { r.clear_reason(); }, "reason");

  auto revoke = Target<v1::RevokeDeliberationRequest>(d, "bad-revoke", "p-1");
  revoke.set_by_proposal_id("p-2");
  *revoke.mutable_effective_from() = Raw(2026, 6, 1);
  auto bad_revoke = [&](auto mutate, const std::string& field) {
    v1::RevokeDeliberationRequest r = revoke;
    mutate(r);
    ExpectInvalidField(s, *secretary, &Stub::RevokeDeliberation, r, field);
  };
  bad_revoke([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_revoke([](auto& r) { r.clear_proposal_id(); }, "proposal_id");
  bad_revoke([](auto& r) { r.clear_by_proposal_id(); }, "by_proposal_id");
  bad_revoke([](auto& r) { r.set_by_proposal_id("p-1"); }, "by_proposal_id");
  bad_revoke([](auto& r) { r.clear_effective_from(); }, "effective_from");

  auto annul = Target<v1::AnnulDeliberationRequest>(d, "bad-annul", "p-1");
  annul.set_by_proposal_id("p-2");
  *annul.mutable_effective_from() = Raw(2026, 6, 1);
  auto bad_annul = [&](auto mutate, const std::string& field) {
    v1::AnnulDeliberationRequest r = annul;
    mutate(r);
    ExpectInvalidField(s, *secretary, &Stub::AnnulDeliberation, r, field);
  };
  bad_annul([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_annul([](auto& r) { r.set_by_proposal_id("P2"); }, "by_proposal_id");
  bad_annul([](auto& r) { *r.mutable_effective_from() = Raw(2026, 6, 31); },
            "effective_from");

  v1::GetDeliberationRequest get;
  get.set_consortium_id(d.id());
  ExpectInvalidField(s, *secretary, &Stub::GetDeliberation, get, "proposal_id");
  get.set_proposal_id("p-1");
  *get.mutable_as_of_date() = Raw(2026, 1, 32);
  ExpectInvalidField(s, *secretary, &Stub::GetDeliberation, get, "as_of_date");
}

TEST_F(DeliberationApiTest, UnknownsAndTheOpinionRule) {
  DistrictApi d(*server_, "opinions");
  ASSERT_TRUE(d.Setup().ok());
  auto ufficio = d.Deliberations(testing::kUfficio);
  auto secretary = d.Deliberations(testing::kSecretary);
  auto draft = Target<v1::DraftProposalRequest>(d, "op-draft", "p-1");
  draft.set_act_kind(v1::ACT_KIND_ORDINARY);
  draft.set_title("Bilancio di previsione");
  draft.set_financial_effects(true);
  // An unknown body, then the real one; drafting twice is a rejection.
  draft.set_body_id("giunta");
  ExpectError(*server_, *ufficio, &Stub::DraftProposal, draft,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  draft.set_body_id("assemblea");
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::DraftProposal, draft).ok());
  draft.set_request_id("op-draft-2");
  ExpectError(*server_, *ufficio, &Stub::DraftProposal, draft,
              grpc::StatusCode::FAILED_PRECONDITION, "ALREADY_EXISTS");
  v1::GiveOpinionRequest opinion;
  opinion.set_request_id("op-technical");
  opinion.set_consortium_id(d.id());
  opinion.set_proposal_id("p-404");
  opinion.set_kind(v1::OPINION_KIND_TECHNICAL);
  opinion.set_favourable(true);
  ExpectError(*server_, *ufficio, &Stub::GiveOpinion, opinion,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  opinion.set_proposal_id("p-1");
  v1::GiveOpinionResponse given;
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::GiveOpinion, opinion, &given).ok());
  EXPECT_EQ(given.version(), 2u);
  // With financial effects the accounting opinion is missing: no agenda.
  grpc::Status convened = d.Convene("s-1", absl::CivilDay(2026, 3, 2), {"p-1"});
  EXPECT_EQ(convened.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(GrpcErrorReason(convened), "MISSING_OPINION");
  opinion.set_request_id("op-accounting");
  opinion.set_kind(v1::OPINION_KIND_ACCOUNTING);
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::GiveOpinion, opinion).ok());
  ASSERT_TRUE(d.Convene("s-1", absl::CivilDay(2026, 3, 2), {"p-1"}).ok());
  // The opinion is signed by the caller when no officer is named.
  v1::GetDeliberationRequest get;
  get.set_consortium_id(d.id());
  get.set_proposal_id("p-1");
  v1::GetDeliberationResponse read;
  ASSERT_TRUE(CallRpc(*secretary, &Stub::GetDeliberation, get, &read).ok());
  EXPECT_EQ(read.deliberation().technical_opinion().given_by(), testing::kUfficio);
  EXPECT_TRUE(read.deliberation().has_accounting_opinion());
  EXPECT_EQ(read.deliberation().status(), v1::DELIBERATION_STATUS_PROPOSED);
  // Not adopted: it cannot be published; of another body it does not exist.
  auto publish = Target<v1::PublishDeliberationRequest>(d, "op-publish", "p-1");
  *publish.mutable_first_day() = DateOf(absl::CivilDay(2026, 3, 4));
  ExpectError(*server_, *secretary, &Stub::PublishDeliberation, publish,
              grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATE_TRANSITION");
  publish.set_body_id("tavolo-tecnico");
  ExpectError(*server_, *d.Deliberations(testing::kTavoloSecretary),
              &Stub::PublishDeliberation, publish, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");
  get.set_proposal_id("p-404");
  ExpectError(*server_, *secretary, &Stub::GetDeliberation, get,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

TEST_F(DeliberationApiTest, PublicationRevocationAndAnnulment) {
  DistrictApi d(*server_, "withdrawals");
  ASSERT_TRUE(d.Setup().ok());
  auto secretary = d.Deliberations(testing::kSecretary);
  ASSERT_TRUE(d.DraftReady("p-old").ok());
  ASSERT_TRUE(d.DraftReady("p-benefit", /*economic_benefit=*/true).ok());
  ASSERT_TRUE(d.DraftReady("p-revoking").ok());
  ASSERT_TRUE(d.DraftReady("p-annulling").ok());
  ASSERT_TRUE(d.DraftReady("p-late").ok());
  int n = 0;
  ASSERT_TRUE(d.Adopt("p-old", absl::CivilDay(2026, 3, 2), &n).ok());
  EXPECT_EQ(n, 1);
  ASSERT_TRUE(d.Adopt("p-benefit", absl::CivilDay(2026, 3, 9), &n).ok());
  EXPECT_EQ(n, 2);

  // Published on the 10th, interrupted two days: the albo runs to the 26th.
  auto publish = Target<v1::PublishDeliberationRequest>(d, "w-publish", "p-old");
  *publish.mutable_first_day() = DateOf(absl::CivilDay(2026, 3, 10));
  v1::PublishDeliberationResponse published;
  ASSERT_TRUE(CallRpc(*secretary, &Stub::PublishDeliberation, publish, &published).ok());
  EXPECT_EQ(published.publication().last_day().day(), 24);
  auto interrupt =
      Target<v1::InterruptPublicationRequest>(d, "w-interrupt", "p-old");
  interrupt.set_days(2);
  interrupt.set_reason("albo non raggiungibile");
  v1::InterruptPublicationResponse interrupted;
  ASSERT_TRUE(CallRpc(*secretary, &Stub::InterruptPublication, interrupt,
                      &interrupted)
                  .ok());
  EXPECT_EQ(interrupted.albo_last_day().day(), 26);
  // The retry gives the same answer even after a second interruption.
  interrupt.set_request_id("w-interrupt-2");
  interrupt.set_days(1);
  ASSERT_TRUE(CallRpc(*secretary, &Stub::InterruptPublication, interrupt).ok());
  interrupt.set_request_id("w-interrupt");
  interrupt.set_days(2);
  v1::InterruptPublicationResponse again;
  ASSERT_TRUE(CallRpc(*secretary, &Stub::InterruptPublication, interrupt, &again).ok());
  EXPECT_EQ(again.albo_last_day().day(), 26);
  EXPECT_EQ(again.log_position(), interrupted.log_position());
  server_->clock().AdvanceTo(RomeTime(absl::CivilDay(2026, 3, 21), 0));
  ASSERT_TRUE(server_->server().RunDueTimers().ok());

  // Revoked from 1 June by a later deliberation of the Assemblea.
  ASSERT_TRUE(d.Adopt("p-revoking", absl::CivilDay(2026, 5, 25)).ok());
  auto revoke = Target<v1::RevokeDeliberationRequest>(d, "w-revoke", "p-old");
  revoke.set_by_proposal_id("p-404");
  *revoke.mutable_effective_from() = DateOf(absl::CivilDay(2026, 6, 1));
  ExpectError(*server_, *secretary, &Stub::RevokeDeliberation, revoke,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  revoke.set_by_proposal_id("p-revoking");
  ASSERT_TRUE(CallRpc(*secretary, &Stub::RevokeDeliberation, revoke).ok());
  revoke.set_request_id("w-revoke-2");
  ExpectError(*server_, *secretary, &Stub::RevokeDeliberation, revoke,
              grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATE_TRANSITION");
  auto status_on = [&](const std::string& proposal, absl::CivilDay day) {
    v1::GetDeliberationRequest get;
    get.set_consortium_id(d.id());
    get.set_proposal_id(proposal);
    *get.mutable_as_of_date() = DateOf(day);
    v1::GetDeliberationResponse resp;
    EXPECT_TRUE(CallRpc(*d.Deliberations(testing::kAuditor), &Stub::GetDeliberation,
                        get, &resp)
                    .ok());
    return resp.deliberation();
  };
  v1::Deliberation old = status_on("p-old", absl::CivilDay(2026, 5, 31));
  EXPECT_EQ(old.status(), v1::DELIBERATION_STATUS_REVOKED);
  EXPECT_TRUE(old.in_force_on_date());
  EXPECT_EQ(old.executive_on().day(), 21);
  EXPECT_EQ(old.interrupted_days(), 3);
  EXPECT_FALSE(status_on("p-old", absl::CivilDay(2026, 6, 1)).in_force_on_date());

  // Annulment of an economic benefit: within 12 months of adoption only.
  server_->clock().AdvanceTo(RomeTime(absl::CivilDay(2027, 3, 1), 9));
  ASSERT_TRUE(d.Adopt("p-annulling", absl::CivilDay(2027, 3, 8)).ok());
  ASSERT_TRUE(d.Adopt("p-late", absl::CivilDay(2027, 3, 15)).ok());
  auto annul = Target<v1::AnnulDeliberationRequest>(d, "w-annul-late", "p-benefit");
  annul.set_by_proposal_id("p-late");
  *annul.mutable_effective_from() = DateOf(absl::CivilDay(2027, 3, 15));
  ExpectError(*server_, *secretary, &Stub::AnnulDeliberation, annul,
              grpc::StatusCode::FAILED_PRECONDITION,
              "ANNULMENT_TIME_LIMIT_EXCEEDED");
  annul.set_request_id("w-annul-in-time");
  annul.set_by_proposal_id("p-annulling");
  *annul.mutable_effective_from() = DateOf(absl::CivilDay(2027, 3, 8));
  ASSERT_TRUE(CallRpc(*secretary, &Stub::AnnulDeliberation, annul).ok());
  EXPECT_EQ(status_on("p-benefit", absl::CivilDay(2027, 3, 8)).status(),
            v1::DELIBERATION_STATUS_ANNULLED);
}

}  // namespace
}  // namespace concordia
