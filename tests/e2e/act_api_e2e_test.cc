// ActService over real mutual-TLS gRPC: the Tavolo Tecnico's opinion on a
// proposal (a default kind) started, given and read back as of earlier
// positions; the workflow's performers deciding who may (PERMISSION_DENIED,
// ROLE_NOT_ALLOWED, nothing appended); transitions not allowed from the
// state; retries and expected versions; bad input for every RPC. The kinds
// added by a statute and the deadlines passing under the simulated clock
// are in act_deadlines_e2e_test.cc.
#include <string>

#include "absl/strings/str_cat.h"
#include "concordia/v1/act_service.grpc.pb.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/district_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using google::protobuf::util::MessageDifferencer;
using testing::CallRpc;
using testing::DistrictApi;
using testing::ExpectError;
using testing::ExpectInvalidWith;
using testing::RawDate;
using Stub = v1::ActService::Stub;

class ActApiTest
    : public testing::SharedServerTest<testing::DistrictPrincipals> {
 protected:
  std::unique_ptr<Stub> Acts(const std::string& as) {
    return v1::ActService::NewStub(server_->ChannelAs(as));
  }
  // The Tavolo Tecnico's opinion on proposal `proposal`, as the Ufficio di
  // Piano requests it.
  static v1::StartActRequest TavoloRequest(const DistrictApi& d,
                                           const std::string& proposal,
                                           const std::string& request_id) {
    v1::StartActRequest r;
    r.set_request_id(request_id);
    r.set_consortium_id(d.id());
    r.set_act_kind("tavolo-opinion");
    r.set_act_id(proposal + "-tt");
    r.set_title(absl::StrCat("Parere del Tavolo Tecnico su ", proposal));
    r.set_body_id("tavolo-tecnico");
    r.mutable_subject()->set_act_kind("deliberation");
    r.mutable_subject()->set_act_id(proposal);
    return r;
  }
  static v1::PerformActionRequest Give(const DistrictApi& d,
                                       const std::string& act_id,
                                       const std::string& request_id) {
    v1::PerformActionRequest r;
    r.set_request_id(request_id);
    r.set_consortium_id(d.id());
    r.set_act_kind("tavolo-opinion");
    r.set_act_id(act_id);
    r.set_action("give");
    r.set_favourable(true);
    r.set_note("Parere favorevole, con raccomandazioni sul monitoraggio.");
    return r;
  }
  static v1::GetActRequest Get(const DistrictApi& d, const std::string& kind,
                               const std::string& act_id,
                               uint64_t as_of_position = 0) {
    v1::GetActRequest r;
    r.set_consortium_id(d.id());
    r.set_act_kind(kind);
    r.set_act_id(act_id);
    r.set_as_of_position(as_of_position);
    return r;
  }
};

TEST_F(ActApiTest, TheTavoloTecnicoGivesItsOpinionOnAProposal) {
  DistrictApi d(*server_, "acts-tavolo");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  auto ufficio = Acts(testing::kUfficio);
  auto tavolo = Acts(testing::kTavoloSecretary);

  // Only the Ufficio di Piano starts it (the kind's starters).
  v1::StartActRequest start = TavoloRequest(d, "p-1", "tt-start");
  ExpectError(*server_, *Acts(testing::SindacoOf("melegnano")),
              &Stub::StartAct, start, grpc::StatusCode::PERMISSION_DENIED,
              "ROLE_NOT_ALLOWED");
  ExpectError(*server_, *Acts(testing::kStranger), &Stub::StartAct, start,
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
  v1::StartActResponse started;
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::StartAct, start, &started).ok());
  EXPECT_EQ(started.state(), "requested");
  EXPECT_EQ(started.statute_version(), 0);  // Concordia's default
  ASSERT_TRUE(started.has_deadline());
  EXPECT_EQ(started.deadline().action(), "lapse");
  EXPECT_EQ(started.deadline().outcome(),
            v1::DEADLINE_OUTCOME_AUTOMATIC_TRANSITION);
  EXPECT_EQ(started.version(), 2u);  // ActStarted, ActDeadlineScheduled
  // A retry answers the same and appends nothing.
  {
    const uint64_t before = server_->LastPosition();
    v1::StartActResponse again;
    ASSERT_TRUE(CallRpc(*ufficio, &Stub::StartAct, start, &again).ok());
    EXPECT_TRUE(MessageDifferencer::Equals(again, started));
    EXPECT_EQ(server_->LastPosition(), before);
  }
  // The same act under another request id already exists.
  v1::StartActRequest twice = start;
  twice.set_request_id("tt-start-2");
  ExpectError(*server_, *ufficio, &Stub::StartAct, twice,
              grpc::StatusCode::FAILED_PRECONDITION, "ALREADY_EXISTS");

  // Who may give it: the secretary of the act's body (the Tavolo Tecnico),
  // not the Assemblea's, not a sindaco, not the Ufficio; a regional system
  // reads but never acts.
  v1::PerformActionRequest give = Give(d, "p-1-tt", "tt-give");
  for (const std::string& who :
       {std::string(testing::kSecretary), testing::SindacoOf("melegnano"),
        std::string(testing::kUfficio), std::string(testing::kRegion),
        std::string(testing::kDistrictAdmin)}) {
    SCOPED_TRACE(who);
    ExpectError(*server_, *Acts(who), &Stub::PerformAction, give,
                grpc::StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED");
  }
  {
    grpc::Status denied =
        CallRpc(*Acts(testing::kSecretary), &Stub::PerformAction, give);
    EXPECT_NE(denied.error_message().find("may not perform 'give'"),
              std::string::npos)
        << denied.error_message();
  }
  // The lapse is the deadline's alone.
  v1::PerformActionRequest lapse = give;
  lapse.set_action("lapse");
  ExpectError(*server_, *tavolo, &Stub::PerformAction, lapse,
              grpc::StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED");
  // A stale view of the act.
  v1::PerformActionRequest stale = give;
  stale.set_expected_version(1);
  ExpectError(*server_, *tavolo, &Stub::PerformAction, stale,
              grpc::StatusCode::ABORTED, "WRONG_EXPECTED_VERSION");
  // An action the kind does not have.
  v1::PerformActionRequest unknown = give;
  unknown.set_action("archive");
  ExpectError(*server_, *tavolo, &Stub::PerformAction, unknown,
              grpc::StatusCode::FAILED_PRECONDITION, "TRANSITION_NOT_ALLOWED");

  give.set_expected_version(started.version());
  v1::PerformActionResponse given;
  ASSERT_TRUE(CallRpc(*tavolo, &Stub::PerformAction, give, &given).ok());
  EXPECT_EQ(given.transition().action(), "give");
  EXPECT_EQ(given.transition().from_state(), "requested");
  EXPECT_EQ(given.transition().to_state(), "given");
  EXPECT_EQ(given.transition().performed_by(), testing::kTavoloSecretary);
  EXPECT_EQ(given.transition().role(), v1::ROLE_SECRETARY);
  EXPECT_FALSE(given.transition().late());
  EXPECT_EQ(given.version(), 3u);
  EXPECT_FALSE(given.has_deadline());  // a terminal state has none
  {
    const uint64_t before = server_->LastPosition();
    v1::PerformActionResponse again;
    ASSERT_TRUE(CallRpc(*tavolo, &Stub::PerformAction, give, &again).ok());
    EXPECT_TRUE(MessageDifferencer::Equals(again, given));
    EXPECT_EQ(server_->LastPosition(), before);
  }
  // Given once: not again from "given".
  v1::PerformActionRequest again = Give(d, "p-1-tt", "tt-give-2");
  ExpectError(*server_, *tavolo, &Stub::PerformAction, again,
              grpc::StatusCode::FAILED_PRECONDITION, "TRANSITION_NOT_ALLOWED");

  // The act now, read by the region.
  auto region = Acts(testing::kRegion);
  v1::GetActResponse now;
  ASSERT_TRUE(
      CallRpc(*region, &Stub::GetAct, Get(d, "tavolo-opinion", "p-1-tt"), &now)
          .ok());
  EXPECT_EQ(now.act().state(), "given");
  EXPECT_TRUE(now.act().terminal());
  EXPECT_EQ(now.act().allowed_actions_size(), 0);
  EXPECT_EQ(now.version(), 3u);
  EXPECT_EQ(now.act().started().started_by(), testing::kUfficio);
  EXPECT_EQ(now.act().started().role(), v1::ROLE_UFFICIO_DI_PIANO);
  ASSERT_EQ(now.act().transitions_size(), 1);
  EXPECT_EQ(now.act().transitions(0).performed_by(), testing::kTavoloSecretary);
  EXPECT_EQ(now.act().transitions(0).performed_on().year(), 2026);
  EXPECT_FALSE(now.act().has_deadline());
  EXPECT_FALSE(now.act().overdue());
  // As of the start: requested, its deadline running, "give" allowed.
  v1::GetActResponse then;
  ASSERT_TRUE(CallRpc(*region, &Stub::GetAct,
                      Get(d, "tavolo-opinion", "p-1-tt", started.log_position()),
                      &then)
                  .ok());
  EXPECT_EQ(then.act().state(), "requested");
  EXPECT_FALSE(then.act().terminal());
  EXPECT_EQ(then.version(), 2u);
  EXPECT_EQ(then.log_position(), started.log_position());
  EXPECT_EQ(then.act().transitions_size(), 0);
  ASSERT_TRUE(then.act().has_deadline());
  EXPECT_FALSE(then.act().deadline_passed_on_date());
  bool give_allowed = false;
  for (const v1::AllowedAction& a : then.act().allowed_actions()) {
    if (a.action() == "give") {
      give_allowed = true;
      EXPECT_EQ(a.to_state(), "given");
      EXPECT_NE(a.performers().find("ROLE_SECRETARY"), std::string::npos);
    }
  }
  EXPECT_TRUE(give_allowed);
  // Before the act existed, and past the log's end.
  ExpectError(*server_, *region, &Stub::GetAct,
              Get(d, "tavolo-opinion", "p-1-tt", started.log_position() - 2),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  ExpectError(*server_, *region, &Stub::GetAct,
              Get(d, "tavolo-opinion", "p-1-tt", server_->LastPosition() + 100),
              grpc::StatusCode::OUT_OF_RANGE, "FUTURE_POSITION");
  ExpectError(*server_, *region, &Stub::GetAct,
              Get(d, "tavolo-opinion", "p-9-tt"), grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");

  // Giving it delivered the opinion to the proposal's act.
  v1::GetActResponse proposal;
  ASSERT_TRUE(
      CallRpc(*region, &Stub::GetAct, Get(d, "deliberation", "p-1"), &proposal)
          .ok());
  ASSERT_EQ(proposal.act().opinions_size(), 1);
  const v1::ActOpinionAttached& opinion = proposal.act().opinions(0);
  EXPECT_EQ(opinion.opinion(), "tavolo-tecnico");
  EXPECT_TRUE(opinion.favourable());
  EXPECT_FALSE(opinion.lapsed());
  EXPECT_EQ(opinion.body_id(), "tavolo-tecnico");
  EXPECT_EQ(opinion.source().act_kind(), "tavolo-opinion");
  EXPECT_EQ(opinion.source().act_id(), "p-1-tt");
  EXPECT_EQ(proposal.act().state(), "drafted");
  // A second opinion on the same proposal: the proposal already has it.
  v1::StartActRequest second = TavoloRequest(d, "p-1", "tt-start-3");
  second.set_act_id("p-1-tt-bis");
  v1::StartActResponse second_started;
  ASSERT_TRUE(
      CallRpc(*ufficio, &Stub::StartAct, second, &second_started).ok());
  ExpectError(*server_, *tavolo, &Stub::PerformAction,
              Give(d, "p-1-tt-bis", "tt-give-bis"),
              grpc::StatusCode::FAILED_PRECONDITION, "ALREADY_EXISTS");
}

TEST_F(ActApiTest, KindsKeptByAggregatesAndUnknownKinds) {
  DistrictApi d(*server_, "acts-kinds");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  auto ufficio = Acts(testing::kUfficio);
  // A deliberation's act is started by DraftProposal, and placed on the
  // agenda by convening: not through ActService.
  v1::StartActRequest deliberation = TavoloRequest(d, "p-1", "k-1");
  deliberation.set_act_kind("deliberation");
  deliberation.set_act_id("p-2");
  deliberation.clear_subject();
  deliberation.set_body_id("assemblea");
  ExpectError(*server_, *ufficio, &Stub::StartAct, deliberation,
              grpc::StatusCode::FAILED_PRECONDITION, "TRANSITION_NOT_ALLOWED");
  v1::PerformActionRequest agenda;
  agenda.set_request_id("k-2");
  agenda.set_consortium_id(d.id());
  agenda.set_act_kind("deliberation");
  agenda.set_act_id("p-1");
  agenda.set_action("place-on-agenda");
  ExpectError(*server_, *Acts(testing::kSecretary), &Stub::PerformAction,
              agenda, grpc::StatusCode::FAILED_PRECONDITION,
              "TRANSITION_NOT_ALLOWED");
  // A kind no statute defines.
  v1::StartActRequest unknown = TavoloRequest(d, "p-1", "k-3");
  unknown.set_act_kind("accesso-atti");
  ExpectError(*server_, *ufficio, &Stub::StartAct, unknown,
              grpc::StatusCode::FAILED_PRECONDITION, "UNKNOWN_ACT_KIND");
  v1::GetWorkflowDefinitionRequest def;
  def.set_consortium_id(d.id());
  def.set_act_kind("accesso-atti");
  ExpectError(*server_, *ufficio, &Stub::GetWorkflowDefinition, def,
              grpc::StatusCode::FAILED_PRECONDITION, "UNKNOWN_ACT_KIND");
  // The subject must exist; an act of an unregistered consortium does not.
  v1::StartActRequest orphan = TavoloRequest(d, "p-404", "k-4");
  ExpectError(*server_, *ufficio, &Stub::StartAct, orphan,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  v1::StartActRequest nowhere = TavoloRequest(d, "p-1", "k-5");
  nowhere.set_consortium_id("nowhere");
  ExpectError(*server_, *Acts(testing::kSystemAdmin), &Stub::StartAct, nowhere,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");

  // The kinds in force: Concordia's five defaults, the aggregates' marked.
  v1::ListActKindsRequest list;
  list.set_consortium_id(d.id());
  v1::ListActKindsResponse kinds;
  ASSERT_TRUE(CallRpc(*Acts(testing::kAuditor), &Stub::ListActKinds, list,
                      &kinds)
                  .ok());
  EXPECT_EQ(kinds.statute_version(), 1);
  ASSERT_EQ(kinds.kinds_size(), 5);
  std::map<std::string, v1::ActKindInForce> by_kind;
  for (const v1::ActKindInForce& k : kinds.kinds()) {
    by_kind[k.definition().act_kind()] = k;
    EXPECT_EQ(k.statute_version(), 0);
  }
  EXPECT_EQ(by_kind["tavolo-opinion"].started_by(), "");
  EXPECT_EQ(by_kind["tavolo-opinion"].definition().initial_state(),
            "requested");
  EXPECT_EQ(by_kind["deliberation"].started_by(),
            "Governance::DraftProposal");
  EXPECT_GE(by_kind["deliberation"].aggregate_actions_size(), 3);
  def.set_act_kind("tavolo-opinion");
  v1::GetWorkflowDefinitionResponse tavolo;
  ASSERT_TRUE(
      CallRpc(*ufficio, &Stub::GetWorkflowDefinition, def, &tavolo).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(tavolo.kind(),
                                         by_kind["tavolo-opinion"]));
  // Before the consortium's first statute, nothing is in force.
  *list.mutable_effective_date() = RawDate(2023, 12, 31);
  ExpectError(*server_, *ufficio, &Stub::ListActKinds, list,
              grpc::StatusCode::FAILED_PRECONDITION, "STATUTE_NOT_IN_FORCE");
}

TEST_F(ActApiTest, BadInputIsRejectedNamingTheField) {
  DistrictApi d(*server_, "acts-bad");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  // The system administrator passes permission even for a malformed
  // consortium id, so validation answers.
  auto admin = Acts(testing::kSystemAdmin);
  auto& s = *server_;
  const std::string long_text(64 * 1024 + 1, 'x');
  const std::string sha(64, 'a');

  const v1::StartActRequest start = TavoloRequest(d, "p-1", "bad-start");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) { r.set_consortium_id("Sud Est"); },
                    "consortium_id");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) { r.clear_act_kind(); }, "act_kind");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) { r.set_act_id("P 1"); }, "act_id");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) { r.set_act_id("a/b/c"); }, "act_id");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) { r.clear_title(); }, "title");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) { r.set_body_id("Tavolo"); }, "body_id");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) { r.set_member_id("_"); }, "member_id");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) { r.mutable_subject()->clear_act_kind(); },
                    "subject.act_kind");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) { r.mutable_subject()->set_act_id(""); },
                    "subject.act_id");
  ExpectInvalidWith(s, *admin, &Stub::StartAct, start,
                    [](auto& r) {
                      r.add_flags("urgent");
                      r.add_flags("Not An Id");
                    },
                    "flags[1]");
  // Checked against the definition: the subject's kind, the body, flags.
  auto ufficio = Acts(testing::kUfficio);
  ExpectInvalidWith(s, *ufficio, &Stub::StartAct, start,
                    [](auto& r) {
                      r.mutable_subject()->set_act_kind("report-submission");
                    },
                    "subject.act_kind");
  ExpectInvalidWith(s, *ufficio, &Stub::StartAct, start,
                    [](auto& r) { r.set_member_id("melegnano"); },
                    "member_id");
  ExpectInvalidWith(s, *ufficio, &Stub::StartAct, start,
                    [](auto& r) { r.add_flags("urgent"); }, "flags[0]");

  v1::PerformActionRequest give = Give(d, "p-1-tt", "bad-give");
  ExpectInvalidWith(s, *admin, &Stub::PerformAction, give,
                    [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(s, *admin, &Stub::PerformAction, give,
                    [](auto& r) { r.set_consortium_id(""); }, "consortium_id");
  ExpectInvalidWith(s, *admin, &Stub::PerformAction, give,
                    [](auto& r) { r.set_act_kind("Tavolo"); }, "act_kind");
  ExpectInvalidWith(s, *admin, &Stub::PerformAction, give,
                    [](auto& r) { r.clear_act_id(); }, "act_id");
  ExpectInvalidWith(s, *admin, &Stub::PerformAction, give,
                    [](auto& r) { r.clear_action(); }, "action");
  ExpectInvalidWith(s, *admin, &Stub::PerformAction, give,
                    [](auto& r) { r.set_acting_member_id("Melegnano"); },
                    "acting_member_id");
  ExpectInvalidWith(s, *admin, &Stub::PerformAction, give,
                    [&](auto& r) { r.set_note(long_text); }, "note");
  ExpectInvalidWith(s, *admin, &Stub::PerformAction, give,
                    [](auto& r) { r.set_document_sha256("abc"); },
                    "document_sha256");
  ExpectInvalidWith(s, *admin, &Stub::PerformAction, give,
                    [&](auto& r) {
                      r.set_document_sha256(std::string(64, 'A'));
                    },
                    "document_sha256");
  ExpectError(s, *Acts(testing::kTavoloSecretary), &Stub::PerformAction, give,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");

  v1::AttachOpinionRequest attach;
  attach.set_request_id("bad-attach");
  attach.set_consortium_id(d.id());
  attach.set_act_kind("deliberation");
  attach.set_act_id("p-1");
  attach.set_opinion("tavolo-tecnico");
  attach.set_body_id("tavolo-tecnico");
  attach.set_favourable(true);
  attach.set_document_sha256(sha);
  ExpectInvalidWith(s, *admin, &Stub::AttachOpinion, attach,
                    [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(s, *admin, &Stub::AttachOpinion, attach,
                    [](auto& r) { r.set_act_kind(""); }, "act_kind");
  ExpectInvalidWith(s, *admin, &Stub::AttachOpinion, attach,
                    [](auto& r) { r.set_act_id("p 1"); }, "act_id");
  ExpectInvalidWith(s, *admin, &Stub::AttachOpinion, attach,
                    [](auto& r) { r.clear_opinion(); }, "opinion");
  ExpectInvalidWith(s, *admin, &Stub::AttachOpinion, attach,
                    [](auto& r) { r.set_body_id("Tavolo Tecnico"); },
                    "body_id");
  ExpectInvalidWith(s, *admin, &Stub::AttachOpinion, attach,
                    [&](auto& r) { r.set_text(long_text); }, "text");
  ExpectInvalidWith(s, *admin, &Stub::AttachOpinion, attach,
                    [](auto& r) { r.set_document_sha256("00"); },
                    "document_sha256");
  // Checked against the definition: an opinion it does not declare; the
  // art. 49 opinions are given on the deliberation itself.
  auto tavolo = Acts(testing::kTavoloSecretary);
  ExpectInvalidWith(s, *tavolo, &Stub::AttachOpinion, attach,
                    [](auto& r) { r.set_opinion("aderenti"); }, "opinion");
  ExpectInvalidWith(s, *tavolo, &Stub::AttachOpinion, attach,
                    [](auto& r) {
                      r.set_opinion("technical");
                      r.clear_body_id();
                    },
                    "opinion");
  // Attached directly by its givers only (the Tavolo's secretary), once.
  ExpectError(s, *Acts(testing::kUfficio), &Stub::AttachOpinion, attach,
              grpc::StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED");
  v1::AttachOpinionResponse attached;
  ASSERT_TRUE(CallRpc(*tavolo, &Stub::AttachOpinion, attach, &attached).ok());
  EXPECT_EQ(attached.version(), 2u);  // ActStarted by DraftProposal, this
  {
    const uint64_t before = s.LastPosition();
    v1::AttachOpinionResponse again;
    ASSERT_TRUE(CallRpc(*tavolo, &Stub::AttachOpinion, attach, &again).ok());
    EXPECT_TRUE(MessageDifferencer::Equals(again, attached));
    EXPECT_EQ(s.LastPosition(), before);
  }
  v1::AttachOpinionRequest twice = attach;
  twice.set_request_id("bad-attach-2");
  ExpectError(s, *tavolo, &Stub::AttachOpinion, twice,
              grpc::StatusCode::FAILED_PRECONDITION, "ALREADY_EXISTS");
  twice.set_expected_version(1);
  ExpectError(s, *tavolo, &Stub::AttachOpinion, twice,
              grpc::StatusCode::ABORTED, "WRONG_EXPECTED_VERSION");

  const v1::GetActRequest get = Get(d, "deliberation", "p-1");
  ExpectInvalidWith(s, *admin, &Stub::GetAct, get,
                    [](auto& r) { r.set_consortium_id("-"); },
                    "consortium_id");
  ExpectInvalidWith(s, *admin, &Stub::GetAct, get,
                    [](auto& r) { r.clear_act_kind(); }, "act_kind");
  ExpectInvalidWith(s, *admin, &Stub::GetAct, get,
                    [](auto& r) { r.set_act_id("/p-1"); }, "act_id");
  ExpectInvalidWith(s, *admin, &Stub::GetAct, get,
                    [](auto& r) {
                      *r.mutable_as_of_date() = RawDate(2026, 2, 30);
                    },
                    "as_of_date");

  v1::ListActKindsRequest list;
  list.set_consortium_id(d.id());
  ExpectInvalidWith(s, *admin, &Stub::ListActKinds, list,
                    [](auto& r) { r.clear_consortium_id(); }, "consortium_id");
  ExpectInvalidWith(s, *admin, &Stub::ListActKinds, list,
                    [](auto& r) {
                      *r.mutable_effective_date() = RawDate(2026, 13, 1);
                    },
                    "effective_date");
  v1::GetWorkflowDefinitionRequest def;
  def.set_consortium_id(d.id());
  def.set_act_kind("tavolo-opinion");
  ExpectInvalidWith(s, *admin, &Stub::GetWorkflowDefinition, def,
                    [](auto& r) { r.set_consortium_id("A"); },
                    "consortium_id");
  ExpectInvalidWith(s, *admin, &Stub::GetWorkflowDefinition, def,
                    [](auto& r) { r.set_act_kind("tavolo opinion"); },
                    "act_kind");
  ExpectInvalidWith(s, *admin, &Stub::GetWorkflowDefinition, def,
                    [](auto& r) {
                      *r.mutable_effective_date() = RawDate(2025, 2, 29);
                    },
                    "effective_date");
}

}  // namespace
}  // namespace concordia
