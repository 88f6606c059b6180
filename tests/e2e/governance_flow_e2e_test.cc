// End to end over real gRPC channels with mutual TLS: the district registers,
// drafts, convenes, calls the roll, votes, proclaims (number 1), publishes,
// and the deliberation becomes executive by the timer; retries answer the
// same, also after a restart; a stale expected_version is ABORTED; reads as
// of a position or a date see the past.
#include "absl/strings/str_cat.h"
#include "concordia/v1/events.grpc.pb.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/common/unary_call.h"
#include "tests/testing/district_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using google::protobuf::util::MessageDifferencer;
using testing::DateOf;
using testing::DistrictApi;
using testing::RomeTime;
using testing::SindacoOf;
using testing::TlsTestServer;

const v1::VoteChoice kYes = v1::VOTE_CHOICE_IN_FAVOUR;
const v1::VoteChoice kNo = v1::VOTE_CHOICE_AGAINST;
const v1::VoteChoice kAbstain = v1::VOTE_CHOICE_ABSTAIN;

// The S1 roll call and votes (scenarios.md).
const std::vector<std::string> kS1Present = {
    "san-donato-milanese", "melegnano", "cerro-al-lambro", "dresano",
    "colturano"};
const std::vector<std::pair<std::string, v1::VoteChoice>> kS1Votes = {
    {"san-donato-milanese", kYes}, {"melegnano", kYes},
    {"cerro-al-lambro", kYes},     {"dresano", kNo},
    {"colturano", kAbstain}};

class GovernanceFlowTest
    : public testing::SharedServerTest<testing::DistrictPrincipals> {
 protected:
  static grpc::ClientContext* Context(grpc::ClientContext& ctx) {
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    ctx.set_wait_for_ready(true);
    return &ctx;
  }

  v1::GetDeliberationResponse GetDeliberation(DistrictApi& d,
                                              const std::string& proposal,
                                              uint64_t as_of = 0,
                                              const v1::Date* on = nullptr) {
    v1::GetDeliberationRequest req;
    req.set_consortium_id(d.id());
    req.set_proposal_id(proposal);
    req.set_as_of_position(as_of);
    if (on != nullptr) *req.mutable_as_of_date() = *on;
    v1::GetDeliberationResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s =
        d.Deliberations(testing::kRegion)->GetDeliberation(Context(ctx), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }
};

TEST_F(GovernanceFlowTest, FromProposalToExecutiveDeliberation) {
  DistrictApi d(*server_, "flow");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-2026-1").ok());
  const absl::CivilDay day(2026, 3, 2);
  ASSERT_TRUE(d.Convene("2026-03-02", day, {"p-2026-1"}).ok());
  server_->clock().AdvanceTo(RomeTime(day, 10));
  ASSERT_TRUE(d.Attendance("2026-03-02", kS1Present).ok());
  ASSERT_TRUE(d.Votes("2026-03-02", 1, kS1Votes).ok());
  ASSERT_TRUE(
      d.Votes("2026-03-02", 1, kS1Votes, v1::BALLOT_IMMEDIATE_EXECUTABILITY).ok());

  // The proclamation: adopted (496 of 523 votanti), number 1, not
  // immediately executable (496‰ of all shares is not more than 500).
  v1::ProclaimItemResponse proclaimed;
  ASSERT_TRUE(d.Proclaim("2026-03-02", 1, &proclaimed, "proclaim-flow-1").ok());
  EXPECT_TRUE(proclaimed.adopted());
  EXPECT_EQ(proclaimed.number(), 1);
  EXPECT_EQ(proclaimed.year(), 2026);
  EXPECT_EQ(proclaimed.proposal_id(), "p-2026-1");
  EXPECT_EQ(proclaimed.proclamation().tally().present_shares(), 541);
  EXPECT_EQ(proclaimed.proclamation().tally().in_favour_shares(), 496);
  EXPECT_EQ(proclaimed.proclamation().tally().base_shares(), 523);
  EXPECT_FALSE(proclaimed.proclamation().immediately_executable());
  EXPECT_EQ(proclaimed.log_position(), server_->LastPosition());

  // The session shows the roll call, the votes by name and the outcome.
  {
    v1::GetSessionRequest req;
    req.set_consortium_id(d.id());
    req.set_session_id("2026-03-02");
    v1::GetSessionResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(d.Sessions(testing::kAuditor)->GetSession(Context(ctx), req, &resp).ok());
    const v1::Session& s = resp.session();
    EXPECT_EQ(s.body_id(), "assemblea");
    EXPECT_EQ(s.present_member_ids_size(), 5);
    ASSERT_EQ(s.items_size(), 1);
    EXPECT_EQ(s.items(0).status(), v1::ITEM_STATUS_PROCLAIMED);
    EXPECT_EQ(s.items(0).votes_size(), 10);  // five members, two ballots
    EXPECT_EQ(s.items(0).proclamation().tally().against_member_ids(0), "dresano");
    EXPECT_EQ(resp.version(), 1u + 1u + 10u + 1u);
  }

  // Publication from 4 March: on the albo 4..18 March, executive on the 15th.
  server_->clock().AdvanceTo(RomeTime(absl::CivilDay(2026, 3, 4), 9));
  v1::PublishDeliberationRequest publish;
  publish.set_request_id("publish-flow-1");
  publish.set_consortium_id(d.id());
  publish.set_body_id("assemblea");
  publish.set_proposal_id("p-2026-1");
  *publish.mutable_first_day() = DateOf(absl::CivilDay(2026, 3, 4));
  v1::PublishDeliberationResponse published;
  {
    grpc::ClientContext ctx;
    grpc::Status s = d.Deliberations(testing::kSecretary)
                         ->PublishDeliberation(Context(ctx), publish, &published);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(published.publication().last_day().day(), 18);
  EXPECT_EQ(published.publication().executive_on().day(), 15);
  EXPECT_EQ(GetDeliberation(d, "p-2026-1").deliberation().status(),
            v1::DELIBERATION_STATUS_ADOPTED);

  // Nothing on the 14th; the timer fires on the 15th.
  server_->clock().AdvanceTo(RomeTime(absl::CivilDay(2026, 3, 14), 12));
  ASSERT_TRUE(server_->server().RunDueTimers().ok());
  EXPECT_EQ(GetDeliberation(d, "p-2026-1").deliberation().status(),
            v1::DELIBERATION_STATUS_ADOPTED);
  server_->clock().AdvanceTo(RomeTime(absl::CivilDay(2026, 3, 15), 0));
  ASSERT_TRUE(server_->server().RunDueTimers().ok());
  const v1::Date the_14th = DateOf(absl::CivilDay(2026, 3, 14));
  const v1::Date the_15th = DateOf(absl::CivilDay(2026, 3, 15));
  v1::GetDeliberationResponse now = GetDeliberation(d, "p-2026-1", 0, &the_15th);
  EXPECT_EQ(now.deliberation().status(), v1::DELIBERATION_STATUS_EXECUTIVE);
  EXPECT_EQ(now.deliberation().executive_on().day(), 15);
  EXPECT_TRUE(now.deliberation().in_force_on_date());
  EXPECT_TRUE(now.deliberation().on_albo_on_date());
  EXPECT_FALSE(GetDeliberation(d, "p-2026-1", 0, &the_14th)
                   .deliberation()
                   .in_force_on_date());
  // As of the proclamation it was adopted and not yet published.
  v1::GetDeliberationResponse then =
      GetDeliberation(d, "p-2026-1", proclaimed.log_position());
  EXPECT_EQ(then.log_position(), proclaimed.log_position());
  EXPECT_EQ(then.deliberation().status(), v1::DELIBERATION_STATUS_ADOPTED);
  EXPECT_FALSE(then.deliberation().has_publication());
  EXPECT_LT(then.version(), now.version());

  // Every event records who caused it.
  auto events = v1::EventService::NewStub(server_->ChannelAs(testing::kAuditor));
  v1::ListStreamEventsRequest list;
  list.set_stream(absl::StrCat(d.id(), "/deliberation/p-2026-1"));
  v1::ListStreamEventsResponse history;
  grpc::ClientContext ctx;
  ASSERT_TRUE(events->ListStreamEvents(Context(ctx), list, &history).ok());
  std::vector<std::pair<std::string, std::string>> who;
  for (const v1::Event& e : history.events()) who.push_back({e.type(), e.principal()});
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"concordia.v1.ProposalDrafted", testing::kUfficio},
      {"concordia.v1.OpinionGiven", testing::kUfficio},
      {"concordia.v1.DeliberationAdopted", testing::kSecretary},
      {"concordia.v1.DeliberationPublished", testing::kSecretary},
      {"concordia.v1.DeliberationExecutive", "system:scheduler"}};
  EXPECT_EQ(who, expected);
  v1::ListStreamEventsRequest votes;
  votes.set_stream(absl::StrCat(d.id(), "/session/2026-03-02"));
  v1::ListStreamEventsResponse session_events;
  grpc::ClientContext ctx2;
  ASSERT_TRUE(events->ListStreamEvents(Context(ctx2), votes, &session_events).ok());
  for (const v1::Event& e : session_events.events()) {
    if (e.type() == "concordia.v1.VoteCast") {
      EXPECT_EQ(e.principal().rfind("sindaco@", 0), 0u) << e.principal();
    } else {
      EXPECT_EQ(e.principal(), testing::kSecretary) << e.type();
    }
  }
}

TEST_F(GovernanceFlowTest, RetriesAnswerTheSameAlsoAfterARestart) {
  DistrictApi d(*server_, "retry");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  const absl::CivilDay day(2026, 4, 13);
  server_->clock().AdvanceTo(RomeTime(absl::CivilDay(2026, 4, 1), 9));
  ASSERT_TRUE(d.Convene("s-1", day, {"p-1"}).ok());
  server_->clock().AdvanceTo(RomeTime(day, 10));
  ASSERT_TRUE(d.Attendance("s-1", kS1Present).ok());
  // A vote and its retry.
  v1::CastVoteRequest vote;
  vote.set_request_id("retry-vote-melegnano");
  vote.set_consortium_id(d.id());
  vote.set_body_id("assemblea");
  vote.set_session_id("s-1");
  vote.set_item(1);
  vote.set_member_id("melegnano");
  vote.set_choice(kYes);
  auto melegnano = d.Sessions(SindacoOf("melegnano"));
  v1::CastVoteResponse first, again;
  {
    grpc::ClientContext ctx;
    ASSERT_TRUE(melegnano->CastVote(Context(ctx), vote, &first).ok());
    EXPECT_EQ(ctx.GetServerInitialMetadata().count(kReplayedHeader), 0u);
  }
  const uint64_t after_vote = server_->LastPosition();
  {
    grpc::ClientContext ctx;
    ASSERT_TRUE(melegnano->CastVote(Context(ctx), vote, &again).ok());
    EXPECT_EQ(ctx.GetServerInitialMetadata().count(kReplayedHeader), 1u);
  }
  EXPECT_TRUE(MessageDifferencer::Equals(first, again));
  EXPECT_EQ(server_->LastPosition(), after_vote);
  ASSERT_TRUE(d.Votes("s-1", 1, {{"san-donato-milanese", kYes},
                                 {"cerro-al-lambro", kYes}})
                  .ok());
  v1::ProclaimItemResponse proclaimed;
  ASSERT_TRUE(d.Proclaim("s-1", 1, &proclaimed, "retry-proclaim").ok());
  ASSERT_EQ(proclaimed.number(), 1);
  // Timers already due (the albo window of the first test's deliberation
  // ended on 18 March) fire now rather than when the server restarts.
  ASSERT_TRUE(server_->server().RunDueTimers().ok());
  const uint64_t before_restart = server_->LastPosition();

  ASSERT_TRUE(server_->Restart().ok());
  v1::ProclaimItemResponse retried;
  ASSERT_TRUE(d.Proclaim("s-1", 1, &retried, "retry-proclaim").ok());
  EXPECT_TRUE(MessageDifferencer::Equals(proclaimed, retried))
      << proclaimed.DebugString() << "\nvs\n" << retried.DebugString();
  v1::CastVoteResponse after_restart;
  grpc::ClientContext ctx;
  ASSERT_TRUE(melegnano->CastVote(Context(ctx), vote, &after_restart).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(first, after_restart));
  EXPECT_EQ(server_->LastPosition(), before_restart);
  // A new request for the same vote is a rule rejection, not a replay.
  vote.set_request_id("retry-vote-melegnano-2");
  grpc::ClientContext ctx2;
  grpc::Status twice = melegnano->CastVote(Context(ctx2), vote, &again);
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(GrpcErrorReason(twice), "INVALID_STATE_TRANSITION");  // proclaimed
}

TEST_F(GovernanceFlowTest, AStaleExpectedVersionIsAborted) {
  DistrictApi d(*server_, "etag");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  server_->clock().AdvanceTo(RomeTime(absl::CivilDay(2026, 5, 4), 9));
  ASSERT_TRUE(d.Convene("s-1", absl::CivilDay(2026, 5, 18), {"p-1"}).ok());
  server_->clock().AdvanceTo(RomeTime(absl::CivilDay(2026, 5, 18), 10));
  v1::GetSessionRequest get;
  get.set_consortium_id(d.id());
  get.set_session_id("s-1");
  v1::GetSessionResponse seen;
  {
    grpc::ClientContext ctx;
    ASSERT_TRUE(d.Sessions(testing::kSecretary)->GetSession(Context(ctx), get, &seen).ok());
  }
  ASSERT_EQ(seen.version(), 1u);
  v1::RecordAttendanceRequest roll;
  roll.set_request_id("etag-roll-1");
  roll.set_consortium_id(d.id());
  roll.set_body_id("assemblea");
  roll.set_session_id("s-1");
  for (const std::string& m : kS1Present) roll.add_present_member_ids(m);
  roll.set_expected_version(seen.version());
  v1::RecordAttendanceResponse recorded;
  {
    grpc::ClientContext ctx;
    ASSERT_TRUE(d.Sessions(testing::kSecretary)
                    ->RecordAttendance(Context(ctx), roll, &recorded)
                    .ok());
  }
  EXPECT_EQ(recorded.version(), 2u);
  // Another secretary's view from before is stale now.
  const uint64_t before = server_->LastPosition();
  roll.set_request_id("etag-roll-2");
  roll.clear_present_member_ids();
  roll.add_present_member_ids("melegnano");
  v1::RecordAttendanceResponse stale;
  grpc::ClientContext ctx;
  grpc::Status s =
      d.Sessions(testing::kSecretary)->RecordAttendance(Context(ctx), roll, &stale);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(GrpcErrorReason(s), "WRONG_EXPECTED_VERSION");
  EXPECT_EQ(server_->LastPosition(), before);
  // Registering an existing consortium with expected_version 0 is aborted
  // too (its stream exists).
  v1::RegisterConsortiumRequest again = testing::DistrictRegistration("etag-reg");
  again.set_consortium_id(d.id());
  again.set_expected_version(0);
  v1::RegisterConsortiumResponse r;
  grpc::ClientContext ctx3;
  EXPECT_EQ(d.Consortia(testing::kSystemAdmin)
                ->RegisterConsortium(Context(ctx3), again, &r)
                .error_code(),
            grpc::StatusCode::ABORTED);
}

}  // namespace
}  // namespace concordia
