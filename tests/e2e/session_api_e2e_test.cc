// SessionService end to end over mutual TLS: bad input for every RPC, the
// session of another body is NOT_FOUND, rule rejections with their reasons
// (notice, quorum, conflict of interest, closed session), deferral, S2 and
// reads as of a position.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/district_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using testing::CallRpc;
using testing::DistrictApi;
using testing::ExpectError;
using testing::ExpectInvalidField;
using testing::RomeTime;
using testing::SindacoOf;
using testing::TlsTestServer;
using Stub = v1::SessionService::Stub;

class SessionApiTest
    : public testing::SharedServerTest<testing::DistrictPrincipals> {};

template <typename Request>
Request Address(const DistrictApi& d, const std::string& request_id,
                const std::string& session = "s-1") {
  Request r;
  r.set_request_id(request_id);
  r.set_consortium_id(d.id());
  r.set_body_id("assemblea");
  r.set_session_id(session);
  return r;
}

// Runs the address checks every session mutation shares.
template <typename Request, typename Method>
void ExpectAddressChecked(TlsTestServer& s, Stub& stub, Method method,
                          const Request& valid) {
  Request r = valid;
  r.clear_request_id();
  ExpectInvalidField(s, stub, method, r, "request_id");
  // Scopes are checked first: no role is held in a malformed consortium.
  r = valid;
  r.set_consortium_id("Sud Est");
  ExpectError(s, stub, method, r, grpc::StatusCode::PERMISSION_DENIED,
              "PERMISSION_DENIED");
  r = valid;
  r.set_session_id("");
  ExpectInvalidField(s, stub, method, r, "session_id");
  r = valid;
  r.set_session_id("s_1");
  ExpectInvalidField(s, stub, method, r, "session_id");
}

TEST_F(SessionApiTest, BadInputNamesTheFieldForEveryRpc) {
  DistrictApi d(*server_, "bad-session");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  ASSERT_TRUE(d.Convene("s-1", absl::CivilDay(2026, 3, 2), {"p-1"}).ok());
  TlsTestServer& s = *server_;
  auto stub = d.Sessions(testing::kSecretary);

  auto convene = Address<v1::ConveneSessionRequest>(d, "bad-convene", "s-2");
  convene.set_kind(v1::SESSION_KIND_ORDINARY);
  *convene.mutable_session_time() =
      ToTimestamp(RomeTime(absl::CivilDay(2026, 3, 9), 10));
  v1::AgendaItem* item = convene.add_items();
  item->set_number(1);
  item->set_proposal_id("p-1");
  item->set_act_kind(v1::ACT_KIND_ORDINARY);
  item->set_title("Regolamento");
  ExpectAddressChecked(s, *stub, &Stub::ConveneSession, convene);
  auto bad_convene = [&](auto mutate, const std::string& field) {
    v1::ConveneSessionRequest r = convene;
    mutate(r);
    ExpectInvalidField(s, *stub, &Stub::ConveneSession, r, field);
  };
  bad_convene([](auto& r) { r.clear_kind(); }, "kind");
  bad_convene([](auto& r) { r.set_call(3); }, "call");
  bad_convene([](auto& r) { r.clear_session_time(); }, "session_time");
  bad_convene([](auto& r) { r.mutable_session_time()->set_nanos(-1); },
              "session_time");
  bad_convene([](auto& r) { r.mutable_items(0)->set_number(0); },
              "items[0].number");
  bad_convene([](auto& r) { r.mutable_items(0)->clear_act_kind(); },
              "items[0].act_kind");
  bad_convene([](auto& r) { r.mutable_items(0)->clear_title(); },
              "items[0].title");
  bad_convene([](auto& r) { r.mutable_items(0)->set_proposal_id("P-1"); },
              "items[0].proposal_id");
  bad_convene([](auto& r) { *r.add_items() = r.items(0); }, "items[1].number");
  // A time that is not in the future is the domain's check, same field.
  bad_convene(
      [&](auto& r) {
        *r.mutable_session_time() = ToTimestamp(server_->clock().Now());
      },
      "session_time");
  // A convocation delivered outside Concordia: a valid time, not after the
  // clock, before the session.
  bad_convene([](auto& r) { r.mutable_notice_delivered_time()->set_nanos(-1); },
              "notice_delivered_time");
  bad_convene(
      [&](auto& r) {
        *r.mutable_notice_delivered_time() =
            ToTimestamp(server_->clock().Now() + absl::Hours(1));
      },
      "notice_delivered_time");
  bad_convene(
      [&](auto& r) {
        *r.mutable_session_time() =
            ToTimestamp(server_->clock().Now() - absl::Hours(2));
        *r.mutable_notice_delivered_time() =
            ToTimestamp(server_->clock().Now() - absl::Hours(1));
      },
      "session_time");

  auto add = Address<v1::AddAgendaItemRequest>(d, "bad-add");
  add.mutable_item()->set_number(2);
  add.mutable_item()->set_act_kind(v1::ACT_KIND_ORDINARY);
  add.mutable_item()->set_title("Comunicazioni");
  ExpectAddressChecked(s, *stub, &Stub::AddAgendaItem, add);
  v1::AddAgendaItemRequest r_add = add;
  r_add.clear_item();
  ExpectInvalidField(s, *stub, &Stub::AddAgendaItem, r_add, "item");
  r_add = add;
  r_add.mutable_notice_delivered_time()->set_seconds(-1'000'000'000'000);
  ExpectInvalidField(s, *stub, &Stub::AddAgendaItem, r_add,
                     "notice_delivered_time");
  r_add = add;
  *r_add.mutable_notice_delivered_time() =
      ToTimestamp(server_->clock().Now() + absl::Hours(1));
  ExpectInvalidField(s, *stub, &Stub::AddAgendaItem, r_add,
                     "notice_delivered_time");
  r_add = add;
  r_add.mutable_item()->set_number(10000);
  ExpectInvalidField(s, *stub, &Stub::AddAgendaItem, r_add, "item.number");
  r_add = add;
  r_add.mutable_item()->set_title(std::string(2000, 't'));
  ExpectInvalidField(s, *stub, &Stub::AddAgendaItem, r_add, "item.title");

  auto roll = Address<v1::RecordAttendanceRequest>(d, "bad-roll");
  roll.add_present_member_ids("melegnano");
  roll.add_attendees("direttore@sudestmilano");
  ExpectAddressChecked(s, *stub, &Stub::RecordAttendance, roll);
  v1::RecordAttendanceRequest r_roll = roll;
  r_roll.add_present_member_ids("melegnano");
  ExpectInvalidField(s, *stub, &Stub::RecordAttendance, r_roll,
                     "present_member_ids[1]");
  r_roll = roll;
  r_roll.add_present_member_ids("Carpiano");
  ExpectInvalidField(s, *stub, &Stub::RecordAttendance, r_roll,
                     "present_member_ids[1]");
  r_roll = roll;
  r_roll.add_attendees("");
  ExpectInvalidField(s, *stub, &Stub::RecordAttendance, r_roll, "attendees[1]");

  auto delegate = Address<v1::AppointSessionDelegateRequest>(d, "bad-delegate");
  delegate.set_member_id("carpiano");
  delegate.set_person("assessore@carpiano");
  ExpectAddressChecked(s, *stub, &Stub::AppointSessionDelegate, delegate);
  v1::AppointSessionDelegateRequest r_del = delegate;
  r_del.clear_member_id();
  ExpectInvalidField(s, *stub, &Stub::AppointSessionDelegate, r_del, "member_id");
  r_del = delegate;
  r_del.set_person("Assessore Rossi");
  ExpectInvalidField(s, *stub, &Stub::AppointSessionDelegate, r_del, "person");

  auto conflict = Address<v1::DeclareConflictRequest>(d, "bad-conflict");
  conflict.set_item(1);
  conflict.set_member_id("melegnano");
  ExpectAddressChecked(s, *stub, &Stub::DeclareConflict, conflict);
  v1::DeclareConflictRequest r_con = conflict;
  r_con.set_item(-1);
  ExpectInvalidField(s, *stub, &Stub::DeclareConflict, r_con, "item");
  r_con = conflict;
  r_con.clear_member_id();
  ExpectInvalidField(s, *stub, &Stub::DeclareConflict, r_con, "member_id");

  auto voter = d.Sessions(SindacoOf("melegnano"));
  auto vote = Address<v1::CastVoteRequest>(d, "bad-vote");
  vote.set_item(1);
  vote.set_member_id("melegnano");
  vote.set_choice(v1::VOTE_CHOICE_IN_FAVOUR);
  ExpectAddressChecked(s, *voter, &Stub::CastVote, vote);
  v1::CastVoteRequest r_vote = vote;
  r_vote.set_item(0);
  ExpectInvalidField(s, *voter, &Stub::CastVote, r_vote, "item");
  r_vote = vote;
  r_vote.clear_choice();
  ExpectInvalidField(s, *voter, &Stub::CastVote, r_vote, "choice");
  r_vote = vote;
  r_vote.set_choice(static_cast<v1::VoteChoice>(9));
  ExpectInvalidField(s, *voter, &Stub::CastVote, r_vote, "choice");
  r_vote = vote;
  r_vote.set_ballot(static_cast<v1::Ballot>(7));
  ExpectInvalidField(s, *voter, &Stub::CastVote, r_vote, "ballot");
  r_vote = vote;
  r_vote.set_body_id("");
  ExpectInvalidField(s, *voter, &Stub::CastVote, r_vote, "body_id");

  auto proclaim = Address<v1::ProclaimItemRequest>(d, "bad-proclaim");
  proclaim.set_item(1);
  ExpectAddressChecked(s, *stub, &Stub::ProclaimItem, proclaim);
  v1::ProclaimItemRequest r_pro = proclaim;
  r_pro.clear_item();
  ExpectInvalidField(s, *stub, &Stub::ProclaimItem, r_pro, "item");
  r_pro = proclaim;
  r_pro.set_reason_against_opinion(std::string(70000, 'r'));
  ExpectInvalidField(s, *stub, &Stub::ProclaimItem, r_pro,
                     "reason_against_opinion");

  auto defer = Address<v1::DeferItemRequest>(d, "bad-defer");
  defer.set_item(1);
  defer.set_reason("manca il numero legale");
  ExpectAddressChecked(s, *stub, &Stub::DeferItem, defer);
  v1::DeferItemRequest r_def = defer;
  r_def.clear_reason();
  ExpectInvalidField(s, *stub, &Stub::DeferItem, r_def, "reason");
  r_def = defer;
  r_def.set_item(0);
  ExpectInvalidField(s, *stub, &Stub::DeferItem, r_def, "item");

  auto close = Address<v1::CloseSessionRequest>(d, "bad-close");
  ExpectAddressChecked(s, *stub, &Stub::CloseSession, close);

  v1::GetSessionRequest get;
  get.set_consortium_id(d.id());
  ExpectInvalidField(s, *stub, &Stub::GetSession, get, "session_id");
  get.set_session_id("s-1");
  get.set_consortium_id("");  // only a system-wide role reads "anywhere"
  ExpectInvalidField(s, *d.Sessions(testing::kSystemAdmin), &Stub::GetSession,
                     get, "consortium_id");
}

TEST_F(SessionApiTest, RulesAndBodiesOfASession) {
  DistrictApi d(*server_, "rules");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  ASSERT_TRUE(d.DraftReady("p-2").ok());
  auto stub = d.Sessions(testing::kSecretary);
  // Notice: an ordinary session needs five days (the clock is at the start).
  server_->clock().AdvanceTo(RomeTime(absl::CivilDay(2026, 3, 2), 9));
  auto convene = Address<v1::ConveneSessionRequest>(d, "rules-convene-early");
  convene.set_kind(v1::SESSION_KIND_ORDINARY);
  *convene.mutable_session_time() =
      ToTimestamp(RomeTime(absl::CivilDay(2026, 3, 4), 10));
  ExpectError(*server_, *stub, &Stub::ConveneSession, convene,
              grpc::StatusCode::FAILED_PRECONDITION, "NOTICE_PERIOD_NOT_RESPECTED");
  ASSERT_TRUE(d.Convene("s-1", absl::CivilDay(2026, 3, 16), {"p-1"}).ok());
  // The Tavolo's secretary may not touch it; as the Assemblea's secretary
  // naming the wrong body it does not exist.
  auto roll = Address<v1::RecordAttendanceRequest>(d, "rules-roll");
  roll.add_present_member_ids("melegnano");
  ExpectError(*server_, *d.Sessions(testing::kTavoloSecretary),
              &Stub::RecordAttendance, roll, grpc::StatusCode::PERMISSION_DENIED,
              "PERMISSION_DENIED");
  roll.set_body_id("tavolo-tecnico");
  ExpectError(*server_, *d.Sessions(testing::kTavoloSecretary),
              &Stub::RecordAttendance, roll, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");
  roll.set_body_id("assemblea");
  roll.set_session_id("s-404");
  ExpectError(*server_, *stub, &Stub::RecordAttendance, roll,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  // Before the session's time there is no roll call.
  roll.set_session_id("s-1");
  ExpectError(*server_, *stub, &Stub::RecordAttendance, roll,
              grpc::StatusCode::FAILED_PRECONDITION, "SESSION_NOT_STARTED");
  // An item added later needs 24 hours: fine now, for the 16th.
  auto add = Address<v1::AddAgendaItemRequest>(d, "rules-add");
  add.mutable_item()->set_number(2);
  add.mutable_item()->set_proposal_id("p-2");
  add.mutable_item()->set_act_kind(v1::ACT_KIND_ORDINARY);
  add.mutable_item()->set_title("Proposta p-2");
  ASSERT_TRUE(CallRpc(*stub, &Stub::AddAgendaItem, add).ok());

  // On the 16th five are present (628‰, 5 of 9); Melegnano is conflicted
  // on item 2, which leaves 466‰ for its quorum (conflicted members do not
  // count, as in S2).
  server_->clock().AdvanceTo(RomeTime(absl::CivilDay(2026, 3, 16), 10));
  // A non-member of the body cannot be present as a member.
  roll.add_present_member_ids("locate-di-triulzi");
  ExpectError(*server_, *stub, &Stub::RecordAttendance, roll,
              grpc::StatusCode::FAILED_PRECONDITION, "NOT_A_MEMBER_OF_BODY");
  ASSERT_TRUE(d.Attendance("s-1", {"san-giuliano-milanese", "melegnano",
                                   "cerro-al-lambro", "vizzolo-predabissi",
                                   "carpiano"})
                  .ok());
  auto conflict = Address<v1::DeclareConflictRequest>(d, "rules-conflict");
  conflict.set_item(2);
  conflict.set_member_id("melegnano");
  ASSERT_TRUE(CallRpc(*stub, &Stub::DeclareConflict, conflict).ok());
  auto vote = Address<v1::CastVoteRequest>(d, "rules-vote-melegnano");
  vote.set_item(2);
  vote.set_member_id("melegnano");
  vote.set_choice(v1::VOTE_CHOICE_IN_FAVOUR);
  ExpectError(*server_, *d.Sessions(SindacoOf("melegnano")), &Stub::CastVote, vote,
              grpc::StatusCode::FAILED_PRECONDITION, "CONFLICT_OF_INTEREST");
  vote.set_request_id("rules-vote-cerro");
  vote.set_member_id("cerro-al-lambro");
  ExpectError(*server_, *d.Sessions(SindacoOf("cerro-al-lambro")), &Stub::CastVote,
              vote, grpc::StatusCode::FAILED_PRECONDITION, "QUORUM_NOT_REACHED");
  // Not present: Dresano cannot vote.
  vote.set_request_id("rules-vote-dresano");
  vote.set_item(1);
  vote.set_member_id("dresano");
  ExpectError(*server_, *d.Sessions(SindacoOf("dresano")), &Stub::CastVote, vote,
              grpc::StatusCode::FAILED_PRECONDITION, "NOT_PRESENT");
  // Item 1 passes; item 2 is deferred.
  ASSERT_TRUE(d.Votes("s-1", 1, {{"san-giuliano-milanese", v1::VOTE_CHOICE_IN_FAVOUR},
                                 {"melegnano", v1::VOTE_CHOICE_IN_FAVOUR}})
                  .ok());
  v1::ProclaimItemResponse first;
  ASSERT_TRUE(d.Proclaim("s-1", 1, &first).ok());
  EXPECT_EQ(first.number(), 1);
  auto defer = Address<v1::DeferItemRequest>(d, "rules-defer");
  defer.set_item(2);
  defer.set_reason("rinviata alla prossima seduta");
  ASSERT_TRUE(CallRpc(*stub, &Stub::DeferItem, defer).ok());
  auto proclaim = Address<v1::ProclaimItemRequest>(d, "rules-proclaim-2");
  proclaim.set_item(2);
  ExpectError(*server_, *stub, &Stub::ProclaimItem, proclaim,
              grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATE_TRANSITION");
  proclaim.set_item(3);
  ExpectError(*server_, *stub, &Stub::ProclaimItem, proclaim,
              grpc::StatusCode::FAILED_PRECONDITION, "NOT_ON_AGENDA");
  auto close = Address<v1::CloseSessionRequest>(d, "rules-close");
  v1::CloseSessionResponse closed;
  ASSERT_TRUE(CallRpc(*stub, &Stub::CloseSession, close, &closed).ok());
  auto late = Address<v1::RecordAttendanceRequest>(d, "rules-late-roll");
  ExpectError(*server_, *stub, &Stub::RecordAttendance, late,
              grpc::StatusCode::FAILED_PRECONDITION, "SESSION_CLOSED");

  // The session now, and as it was before the proclamation.
  v1::GetSessionRequest get;
  get.set_consortium_id(d.id());
  get.set_session_id("s-1");
  v1::GetSessionResponse now;
  ASSERT_TRUE(CallRpc(*d.Sessions(testing::kRegion), &Stub::GetSession, get, &now).ok());
  EXPECT_TRUE(now.session().closed());
  ASSERT_EQ(now.session().items_size(), 2);
  EXPECT_EQ(now.session().items(0).status(), v1::ITEM_STATUS_PROCLAIMED);
  EXPECT_EQ(now.session().items(1).status(), v1::ITEM_STATUS_DEFERRED);
  ASSERT_EQ(now.session().items(1).conflicted_member_ids_size(), 1);
  EXPECT_EQ(now.version(), closed.version());
  // The proclamation saga wrote ItemProclaimed, the number, the adoption and
  // the workflow's record of it on the deliberation's act.
  get.set_as_of_position(first.log_position() - 4);  // before ItemProclaimed
  v1::GetSessionResponse before;
  ASSERT_TRUE(CallRpc(*d.Sessions(testing::kRegion), &Stub::GetSession, get, &before).ok());
  EXPECT_FALSE(before.session().closed());
  EXPECT_EQ(before.session().items(0).status(), v1::ITEM_STATUS_OPEN);
  EXPECT_EQ(before.session().items(0).votes_size(), 2);
  EXPECT_EQ(before.log_position(), first.log_position() - 4);
  get.set_session_id("s-404");
  get.clear_as_of_position();
  ExpectError(*server_, *stub, &Stub::GetSession, get, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");
}

}  // namespace
}  // namespace concordia
