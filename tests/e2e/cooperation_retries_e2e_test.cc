// Domain II's mutations over mutual TLS: a retry with the same request_id
// answers the same response and appends nothing, also after a restart (the
// responses that report what a command did — a signature concluding the
// accord, the instrument proposed, the tender, the purchase, the reports
// scheduled — are rebuilt from the events the first call appended); a
// request_id reused on another stream is ALREADY_EXISTS; a stale
// expected_version is ABORTED and appends nothing, while saga steps on
// other streams (a term timer, a Tavolo seat, a succession's delegations)
// are not affected by it.
#include <functional>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/common/unary_call.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/cooperation_api.h"

namespace concordia {
namespace {

using absl::CivilDay;
using google::protobuf::util::MessageDifferencer;
using testing::CallRpc;
using testing::CooperationApi;
using testing::DateOf;
using testing::DelegateOf;
using testing::DistrictApi;
using testing::ExpectError;
using testing::RomeTime;
using testing::TlsTestServer;
using AS = v1::AccordService::Stub;
using DS = v1::DelegationService::Stub;
using PS = v1::ProgrammeService::Stub;
using JS = v1::ProjectService::Stub;
using CS = v1::ConsortiumService::Stub;

// A call kept to be retried: it answers its response and whether the
// server marked it a replay.
struct Retriable {
  std::string name;
  std::function<grpc::Status(google::protobuf::Message*, bool* replayed)> call;
  std::function<std::unique_ptr<google::protobuf::Message>()> make;
  std::unique_ptr<google::protobuf::Message> first;
};

template <typename Stub, typename Request, typename Response>
Retriable Keep(std::string name, std::shared_ptr<Stub> stub,
               grpc::Status (Stub::*method)(grpc::ClientContext*,
                                            const Request&, Response*),
               Request request) {
  Retriable r;
  r.name = std::move(name);
  r.call = [stub, method, request](google::protobuf::Message* out,
                                   bool* replayed) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(60));
    ctx.set_wait_for_ready(true);
    grpc::Status s =
        (stub.get()->*method)(&ctx, request, static_cast<Response*>(out));
    *replayed = ctx.GetServerInitialMetadata().count(kReplayedHeader) > 0;
    return s;
  };
  r.make = [] { return std::make_unique<Response>(); };
  return r;
}

class CooperationRetriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TlsTestServer::Options options;
    options.principals = testing::CooperationPrincipals();
    auto started = TlsTestServer::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = *std::move(started);
    district_ = std::make_unique<DistrictApi>(*server_, "retries");
    c_ = std::make_unique<CooperationApi>(*server_, *district_);
    ASSERT_TRUE(c_->Setup().ok());
    server_->clock().AdvanceTo(RomeTime(CivilDay(2026, 3, 2), 12));
  }

  template <typename Request>
  Request At(const std::string& request_id) {
    Request r;
    r.set_request_id(request_id);
    r.set_consortium_id(c_->id());
    return r;
  }

  // A convenzione drafted and approved by Melegnano and Carpiano.
  void DraftAndApprove() {
    auto draft = At<v1::DraftAccordRequest>("r-draft");
    draft.set_accord_id("conv");
    draft.set_kind(v1::ACCORD_KIND_CONVENZIONE);
    draft.set_title("Convenzione");
    draft.set_object("Servizi sociali");
    *draft.add_parties() = testing::Comune("melegnano");
    *draft.add_parties() = testing::Comune("carpiano");
    *draft.mutable_term()->mutable_ends_on() = DateOf(CivilDay(2030, 12, 31));
    ASSERT_TRUE(
        CallRpc(*c_->Accords(testing::kUfficio), &AS::DraftAccord, draft).ok());
    for (const char* p : {"melegnano", "carpiano"}) {
      ASSERT_TRUE(c_->Approve("conv", 0, p,
                              testing::ExternalAct("Consiglio comunale", "2",
                                                   CivilDay(2026, 3, 1)))
                      .ok());
    }
  }

  v1::SignAccordRequest Signature(const std::string& request_id,
                                  const std::string& party) {
    auto sign = At<v1::SignAccordRequest>(request_id);
    sign.set_accord_id("conv");
    sign.set_party_id(party);
    sign.mutable_signature()->set_type(v1::SIGNATURE_TYPE_QUALIFIED_ELECTRONIC);
    *sign.mutable_signature()->mutable_signed_at() =
        ToTimestamp(RomeTime(CivilDay(2026, 3, 2), 11));
    return sign;
  }

  std::unique_ptr<TlsTestServer> server_;
  std::unique_ptr<DistrictApi> district_;
  std::unique_ptr<CooperationApi> c_;
};

TEST_F(CooperationRetriesTest, RetriesAnswerTheSameAlsoAfterARestart) {
  DraftAndApprove();
  auto stub = [](auto made) { return std::shared_ptr(std::move(made)); };
  std::vector<Retriable> calls;
  calls.push_back(Keep("SignAccord melegnano",
                       stub(c_->Accords(DelegateOf("melegnano"))),
                       &AS::SignAccord, Signature("r-sign-1", "melegnano")));
  calls.push_back(Keep("SignAccord carpiano",
                       stub(c_->Accords(DelegateOf("carpiano"))),
                       &AS::SignAccord, Signature("r-sign-2", "carpiano")));
  auto amend = At<v1::ProposeAmendmentRequest>("r-amend");
  amend.set_accord_id("conv");
  amend.set_summary("Aggiornamento");
  calls.push_back(Keep("ProposeAmendment", stub(c_->Accords(testing::kUfficio)),
                       &AS::ProposeAmendment, amend));
  auto delegate = At<v1::DelegateFunctionRequest>("r-delegate");
  delegate.set_member_id("melegnano");
  delegate.set_function(v1::FUNCTION_SOCIAL_SERVICES);
  *delegate.mutable_delegate() = testing::ToConsortium();
  *delegate.mutable_effective_from() = DateOf(CivilDay(2026, 4, 1));
  delegate.set_accord_id("conv");
  *delegate.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_BY_SHARE);
  calls.push_back(Keep("DelegateFunction",
                       stub(c_->Delegations(DelegateOf("melegnano"))),
                       &DS::DelegateFunction, delegate));
  auto open = At<v1::OpenNeedsCollectionRequest>("r-open");
  open.set_year(2027);
  *open.mutable_deadline() = DateOf(CivilDay(2026, 10, 31));
  calls.push_back(Keep("OpenNeedsCollection",
                       stub(c_->Programmes(testing::kUfficio)),
                       &PS::OpenNeedsCollection, open));
  auto need = At<v1::SubmitNeedRequest>("r-need");
  need.set_year(2027);
  need.set_need_id("n-1");
  need.set_member_id("carpiano");
  need.set_category("72000000");
  need.set_kind(v1::PROCUREMENT_KIND_SERVICES);
  need.set_description("Servizi informatici");
  need.set_quantity(1);
  need.set_amount_cents(2'000'000);
  calls.push_back(Keep("SubmitNeed",
                       stub(c_->Programmes(DelegateOf("carpiano"))),
                       &PS::SubmitNeed, need));
  auto tender = At<v1::AggregateNeedsRequest>("r-tender");
  tender.set_year(2027);
  tender.set_tender_id("t-1");
  tender.set_title("Gara");
  tender.add_need_ids("n-1");
  calls.push_back(Keep("AggregateNeeds",
                       stub(c_->Programmes(testing::kUfficio)),
                       &PS::AggregateNeeds, tender));
  auto authority = At<v1::RegisterContractingAuthorityRequest>("r-sa");
  authority.mutable_authority()->set_authority_id("ufficio-gare");
  authority.mutable_authority()->set_name("Ufficio gare");
  *authority.mutable_effective_from() = DateOf(CivilDay(2026, 1, 1));
  calls.push_back(Keep("RegisterContractingAuthority",
                       stub(c_->Programmes(testing::kDistrictAdmin)),
                       &PS::RegisterContractingAuthority, authority));
  auto purchase = At<v1::StartPurchaseRequest>("r-purchase");
  purchase.set_year(2027);
  purchase.set_purchase_id("acq-1");
  purchase.set_title("Servizi informatici");
  purchase.set_kind(v1::PROCUREMENT_KIND_SERVICES);
  purchase.set_amount_cents(2'000'000);
  purchase.set_tender_id("t-1");
  purchase.set_authority_id("ufficio-gare");
  calls.push_back(Keep("StartPurchase", stub(c_->Programmes(testing::kUfficio)),
                       &PS::StartPurchase, purchase));
  auto project = At<v1::RegisterProjectRequest>("r-project");
  project.set_project_id("prj");
  project.set_title("Progetto");
  project.mutable_funding()->set_kind(v1::FUNDING_SOURCE_KIND_REGIONAL);
  project.mutable_funding()->set_name("Fondo regionale");
  project.set_budget_cents(1'000'000);
  *project.mutable_starts_on() = DateOf(CivilDay(2026, 3, 1));
  *project.mutable_ends_on() = DateOf(CivilDay(2026, 12, 31));
  project.add_participant_ids("melegnano");
  *project.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL);
  project.mutable_reporting()->set_period_months(3);
  project.mutable_reporting()->set_deadline_days(30);
  calls.push_back(Keep("RegisterProject", stub(c_->Projects(testing::kUfficio)),
                       &JS::RegisterProject, project));
  auto merge = At<v1::RecordSuccessionRequest>("r-merge");
  merge.add_predecessor_ids("dresano");
  merge.add_predecessor_ids("colturano");
  merge.set_successor_id("dresano-colturano");
  merge.set_successor_name("Dresano Colturano");
  *merge.mutable_effective_from() = DateOf(CivilDay(2027, 1, 1));
  calls.push_back(Keep("RecordSuccession",
                       stub(district_->Consortia(testing::kDistrictAdmin)),
                       &CS::RecordSuccession, merge));

  for (Retriable& r : calls) {
    r.first = r.make();
    bool replayed = true;
    grpc::Status s = r.call(r.first.get(), &replayed);
    ASSERT_TRUE(s.ok()) << r.name << ": " << s.error_message();
    EXPECT_FALSE(replayed) << r.name;
  }
  // What the first calls answered.
  const auto& concluding =
      static_cast<const v1::SignAccordResponse&>(*calls[1].first);
  EXPECT_TRUE(concluding.concluded());
  EXPECT_TRUE(concluding.in_force());
  EXPECT_EQ(static_cast<const v1::ProposeAmendmentResponse&>(*calls[2].first)
                .instrument(),
            1);
  EXPECT_EQ(static_cast<const v1::AggregateNeedsResponse&>(*calls[6].first)
                .tender()
                .total_cents(),
            2'000'000);
  EXPECT_EQ(static_cast<const v1::StartPurchaseResponse&>(*calls[8].first)
                .purchase()
                .purchase_id(),
            "acq-1");
  EXPECT_EQ(static_cast<const v1::RegisterProjectResponse&>(*calls[9].first)
                .reports_size(),
            4 + 1);  // four quarterly reports and the final one
  const uint64_t end = server_->LastPosition();
  auto retry_all = [&](const char* when) {
    for (Retriable& r : calls) {
      auto again = r.make();
      bool replayed = false;
      grpc::Status s = r.call(again.get(), &replayed);
      ASSERT_TRUE(s.ok()) << when << " " << r.name << ": " << s.error_message();
      EXPECT_TRUE(replayed) << when << " " << r.name;
      EXPECT_TRUE(MessageDifferencer::Equals(*r.first, *again))
          << when << " " << r.name << "\n"
          << r.first->DebugString() << "vs\n"
          << again->DebugString();
    }
    EXPECT_EQ(server_->LastPosition(), end) << when;
  };
  retry_all("before the restart");
  ASSERT_TRUE(server_->Restart().ok());
  retry_all("after the restart");
  // A request_id already used on another stream is ALREADY_EXISTS.
  delegate.set_request_id("r-sign-1");
  delegate.set_function(v1::FUNCTION_HOME_CARE);
  ExpectError(*server_, *c_->Delegations(DelegateOf("melegnano")),
              &DS::DelegateFunction, delegate, grpc::StatusCode::ALREADY_EXISTS,
              "REQUEST_ID_REUSED");
}

TEST_F(CooperationRetriesTest, AStaleExpectedVersionIsAborted) {
  DraftAndApprove();  // drafted, two approvals: version 3
  TlsTestServer& s = *server_;
  // The accord: a signature with a stale version appends nothing; with the
  // current one the last signature concludes the convenzione and its term
  // timer is scheduled whatever the timer stream's version.
  v1::SignAccordRequest melegnano = Signature("v-sign-1", "melegnano");
  melegnano.set_expected_version(2);
  auto as_melegnano = c_->Accords(DelegateOf("melegnano"));
  ExpectError(s, *as_melegnano, &AS::SignAccord, melegnano,
              grpc::StatusCode::ABORTED, "WRONG_EXPECTED_VERSION");
  melegnano.set_expected_version(3);
  v1::SignAccordResponse signed_;
  ASSERT_TRUE(
      CallRpc(*as_melegnano, &AS::SignAccord, melegnano, &signed_).ok());
  EXPECT_EQ(signed_.version(), 4u);
  v1::SignAccordRequest carpiano = Signature("v-sign-2", "carpiano");
  carpiano.set_expected_version(4);
  ASSERT_TRUE(CallRpc(*c_->Accords(DelegateOf("carpiano")), &AS::SignAccord,
                      carpiano, &signed_)
                  .ok());
  EXPECT_TRUE(signed_.in_force());
  // Drafting an accord that exists, expecting a new stream.
  auto draft = At<v1::DraftAccordRequest>("v-draft");
  draft.set_expected_version(0);
  draft.set_accord_id("conv");
  draft.set_kind(v1::ACCORD_KIND_CONVENZIONE);
  draft.set_title("Convenzione");
  draft.set_object("Servizi");
  *draft.add_parties() = testing::Comune("melegnano");
  *draft.add_parties() = testing::Comune("dresano");
  draft.mutable_term()->set_duration_months(24);
  ExpectError(s, *c_->Accords(testing::kUfficio), &AS::DraftAccord, draft,
              grpc::StatusCode::ABORTED, "WRONG_EXPECTED_VERSION");
  // An adherent with the accord's version is seated on the Tavolo (another
  // stream).
  auto join = At<v1::JoinAdherentRequest>("v-join");
  join.set_expected_version(signed_.version());
  join.set_accord_id("conv");
  *join.mutable_adherent() = testing::Adherent("auser", "Auser");
  join.mutable_signature()->set_type(v1::SIGNATURE_TYPE_ADVANCED_ELECTRONIC);
  join.mutable_signature()->set_signer("presidente@auser");
  join.set_tavolo_body_id(testing::kTavoloAderenti);
  join.set_representative("presidente@auser");
  ASSERT_TRUE(
      CallRpc(*c_->Accords(testing::kUfficio), &AS::JoinAdherent, join).ok());
  v1::GetBodyRequest tavolo;
  tavolo.set_consortium_id(c_->id());
  tavolo.set_body_id(testing::kTavoloAderenti);
  v1::GetBodyResponse seats;
  ASSERT_TRUE(CallRpc(*district_->Consortia(testing::kAuditor), &CS::GetBody,
                      tavolo, &seats)
                  .ok());
  EXPECT_EQ(seats.designations_size(), 1);
  // A delegation: the (member, function) stream's version.
  auto delegate = At<v1::DelegateFunctionRequest>("v-delegate");
  delegate.set_expected_version(1);
  delegate.set_member_id("melegnano");
  delegate.set_function(v1::FUNCTION_HOME_CARE);
  *delegate.mutable_delegate() = testing::ToConsortium();
  *delegate.mutable_effective_from() = DateOf(CivilDay(2026, 4, 1));
  delegate.set_accord_id("conv");
  *delegate.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL);
  auto delegations = c_->Delegations(DelegateOf("melegnano"));
  ExpectError(s, *delegations, &DS::DelegateFunction, delegate,
              grpc::StatusCode::ABORTED, "WRONG_EXPECTED_VERSION");
  delegate.set_expected_version(0);
  ASSERT_TRUE(CallRpc(*delegations, &DS::DelegateFunction, delegate).ok());
  // The needs of a year and a project.
  auto open = At<v1::OpenNeedsCollectionRequest>("v-open");
  open.set_year(2027);
  *open.mutable_deadline() = DateOf(CivilDay(2026, 10, 31));
  ASSERT_TRUE(CallRpc(*c_->Programmes(testing::kUfficio),
                      &PS::OpenNeedsCollection, open)
                  .ok());
  auto need = At<v1::SubmitNeedRequest>("v-need");
  need.set_expected_version(0);
  need.set_year(2027);
  need.set_need_id("n-1");
  need.set_member_id("melegnano");
  need.set_category("72000000");
  need.set_kind(v1::PROCUREMENT_KIND_SERVICES);
  need.set_description("Servizi");
  need.set_quantity(1);
  need.set_amount_cents(100);
  ExpectError(s, *c_->Programmes(DelegateOf("melegnano")), &PS::SubmitNeed,
              need, grpc::StatusCode::ABORTED, "WRONG_EXPECTED_VERSION");
  auto project = At<v1::RegisterProjectRequest>("v-project");
  project.set_project_id("prj");
  project.set_title("Progetto");
  project.mutable_funding()->set_kind(v1::FUNDING_SOURCE_KIND_REGIONAL);
  project.mutable_funding()->set_name("Fondo regionale");
  project.set_budget_cents(1'000'000);
  *project.mutable_starts_on() = DateOf(CivilDay(2026, 3, 1));
  *project.mutable_ends_on() = DateOf(CivilDay(2026, 12, 31));
  project.add_participant_ids("melegnano");
  *project.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL);
  project.mutable_reporting()->set_deadline_days(30);
  v1::RegisterProjectResponse registered;
  ASSERT_TRUE(CallRpc(*c_->Projects(testing::kUfficio), &JS::RegisterProject,
                      project, &registered)
                  .ok());
  auto expense = At<v1::RecordExpenseRequest>("v-expense");
  expense.set_expected_version(registered.version() - 1);
  expense.set_project_id("prj");
  expense.set_expense_id("e-1");
  *expense.mutable_incurred_on() = DateOf(CivilDay(2026, 4, 1));
  expense.set_amount_cents(100);
  expense.set_category("servizi");
  ExpectError(s, *c_->Projects(testing::kUfficio), &JS::RecordExpense, expense,
              grpc::StatusCode::ABORTED, "WRONG_EXPECTED_VERSION");
  // A succession: the consortium stream's version.
  v1::GetConsortiumRequest get;
  get.set_consortium_id(c_->id());
  v1::GetConsortiumResponse consortium;
  auto admin = district_->Consortia(testing::kDistrictAdmin);
  ASSERT_TRUE(CallRpc(*admin, &CS::GetConsortium, get, &consortium).ok());
  auto merge = At<v1::RecordSuccessionRequest>("v-merge");
  merge.set_expected_version(consortium.version() - 1);
  merge.add_predecessor_ids("dresano");
  merge.add_predecessor_ids("colturano");
  merge.set_successor_id("dresano-colturano");
  merge.set_successor_name("Dresano Colturano");
  *merge.mutable_effective_from() = DateOf(CivilDay(2027, 1, 1));
  ExpectError(s, *admin, &CS::RecordSuccession, merge,
              grpc::StatusCode::ABORTED, "WRONG_EXPECTED_VERSION");
  merge.set_expected_version(consortium.version());
  v1::RecordSuccessionResponse merged;
  ASSERT_TRUE(CallRpc(*admin, &CS::RecordSuccession, merge, &merged).ok());
  EXPECT_GT(merged.version(), consortium.version());
}

}  // namespace
}  // namespace concordia
