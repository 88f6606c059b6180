// QueryService end to end over mutual TLS: every RPC answers with checked
// content after real commands (convocation, votes, adoption, publication, a
// convenzione), as of an earlier position or record time, as in force on a
// day, paged with a pinned token; a position beyond the log is OUT_OF_RANGE;
// bad input names the field for every RPC; ListConsortia lists only what
// the caller may read; WatchAgenda sends an update after a vote and ends on
// cancel, deadline and shutdown.
#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "concordia/v1/query_service.grpc.pb.h"
#include "engine/calendar/calendar.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/cooperation_api.h"
#include "tests/testing/district_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using testing::CallRpc;
using testing::CooperationApi;
using testing::DateOf;
using testing::DistrictApi;
using testing::ExpectError;
using testing::ExpectInvalidWith;
using testing::RawDate;
using testing::TlsTestServer;
using Stub = v1::QueryService::Stub;

constexpr char kReaderOfA[] = "lettore@solo-a";

std::vector<std::string> QueryPrincipals() {
  std::vector<std::string> p = testing::CooperationPrincipals();
  p.push_back(kReaderOfA);
  return p;
}

class QueryApiTest : public testing::SharedServerTest<QueryPrincipals> {
 protected:
  std::unique_ptr<Stub> Queries(const std::string& as) {
    return v1::QueryService::NewStub(server_->ChannelAs(as));
  }
  // As of the log's end now: the read waits until its read model applied it.
  v1::AsOf Now() {
    v1::AsOf a;
    a.set_position(server_->LastPosition());
    return a;
  }
  v1::AsOf NowOn(absl::CivilDay day) {
    v1::AsOf a = Now();
    *a.mutable_in_force_on() = DateOf(day);
    return a;
  }
};

grpc::Status Publish(DistrictApi& d, const std::string& proposal,
                     absl::CivilDay first) {
  v1::PublishDeliberationRequest r;
  r.set_request_id(d.NextRequestId());
  r.set_consortium_id(d.id());
  r.set_body_id("assemblea");
  r.set_proposal_id(proposal);
  *r.mutable_first_day() = DateOf(first);
  return CallRpc(*d.Deliberations(testing::kSecretary),
                 &v1::DeliberationService::Stub::PublishDeliberation, r);
}

TEST_F(QueryApiTest, EveryReadAnswersAfterRealCommands) {
  DistrictApi d(*server_, "q-reads");
  CooperationApi c(*server_, d);
  ASSERT_TRUE(c.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  int number = 0;
  ASSERT_TRUE(d.Adopt("p-1", absl::CivilDay(2026, 3, 2), &number).ok());
  ASSERT_GT(number, 0);
  ASSERT_TRUE(Publish(d, "p-1", absl::CivilDay(2026, 3, 4)).ok());
  ASSERT_TRUE(d.DraftReady("p-2").ok());
  ASSERT_TRUE(d.Convene("s-1", absl::CivilDay(2026, 3, 16), {"p-2"}).ok());
  ASSERT_TRUE(c.Convenzione("conv", {"carpiano", "dresano"},
                            absl::CivilDay(2026, 2, 1))
                  .ok());
  auto q = Queries(testing::kSecretary);
  const uint64_t end = server_->LastPosition();

  v1::GetConsortiumViewRequest gc;
  gc.set_consortium_id(d.id());
  *gc.mutable_as_of() = NowOn(absl::CivilDay(2026, 3, 1));
  v1::GetConsortiumViewResponse consortium;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetConsortiumView, gc, &consortium).ok());
  EXPECT_EQ(consortium.consortium().profile().consortium_id(), d.id());
  EXPECT_EQ(consortium.consortium().in_force().members_size(), 9);
  EXPECT_EQ(consortium.header().log_position(), end);
  EXPECT_EQ(consortium.header().read_model(), "registry");

  v1::ListBodiesRequest lb;
  lb.set_consortium_id(d.id());
  *lb.mutable_as_of() = Now();
  v1::ListBodiesResponse bodies;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListBodies, lb, &bodies).ok());
  std::set<std::string> body_ids;
  for (const auto& b : bodies.bodies()) body_ids.insert(b.body().body_id());
  EXPECT_EQ(body_ids, (std::set<std::string>{"assemblea", "tavolo-tecnico",
                                             "tavolo-aderenti"}));
  EXPECT_TRUE(bodies.next_page_token().empty());

  v1::GetBodyViewRequest gb;
  gb.set_consortium_id(d.id());
  gb.set_body_id("assemblea");
  *gb.mutable_as_of() = NowOn(absl::CivilDay(2026, 3, 1));
  v1::GetBodyViewResponse body;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetBodyView, gb, &body).ok());
  EXPECT_EQ(body.body().designations_size(), 9);
  EXPECT_EQ(body.body().in_force().voting_members(), 9);
  EXPECT_EQ(body.header().in_force_on().day(), 1);

  v1::ListSessionsRequest ls;
  ls.set_consortium_id(d.id());
  ls.set_body_id("assemblea");
  *ls.mutable_as_of() = Now();
  v1::ListSessionsResponse sessions;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListSessions, ls, &sessions).ok());
  std::set<std::string> session_ids;
  for (const auto& s : sessions.sessions()) {
    session_ids.insert(s.convocation().session_id());
  }
  EXPECT_EQ(session_ids, (std::set<std::string>{"s-p-1", "s-1"}));

  v1::GetSessionViewRequest gs;
  gs.set_consortium_id(d.id());
  gs.set_session_id("s-p-1");
  *gs.mutable_as_of() = Now();
  v1::GetSessionViewResponse session;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetSessionView, gs, &session).ok());
  ASSERT_EQ(session.session().items_size(), 1);
  EXPECT_EQ(session.session().items(0).item().proposal_id(), "p-1");
  EXPECT_EQ(session.session().present_member_ids_size(), 5);

  v1::ListVotesRequest lv;
  lv.set_consortium_id(d.id());
  lv.set_session_id("s-p-1");
  lv.set_item(1);
  *lv.mutable_as_of() = Now();
  v1::ListVotesResponse votes;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListVotes, lv, &votes).ok());
  ASSERT_EQ(votes.votes_size(), 5);
  for (const auto& v : votes.votes()) {
    EXPECT_EQ(v.vote().choice(), v1::VOTE_CHOICE_IN_FAVOUR);
    EXPECT_GT(v.position(), 0u);
  }

  v1::GetDeliberationViewRequest gd;
  gd.set_consortium_id(d.id());
  gd.set_proposal_id("p-1");
  *gd.mutable_as_of() = NowOn(absl::CivilDay(2026, 3, 5));
  v1::GetDeliberationViewResponse deliberation;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetDeliberationView, gd, &deliberation).ok());
  EXPECT_EQ(deliberation.deliberation().stage(),
            v1::DELIBERATION_STAGE_PUBLISHED);
  EXPECT_EQ(deliberation.deliberation().adoption().number(), number);
  EXPECT_TRUE(deliberation.deliberation().in_force().on_albo());

  v1::ListDeliberationsRequest ld;
  ld.set_consortium_id(d.id());
  ld.set_stage(v1::DELIBERATION_STAGE_ON_AGENDA);
  *ld.mutable_as_of() = Now();
  v1::ListDeliberationsResponse on_agenda;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListDeliberations, ld, &on_agenda).ok());
  ASSERT_EQ(on_agenda.deliberations_size(), 1);
  EXPECT_EQ(on_agenda.deliberations(0).proposal().proposal_id(), "p-2");

  v1::ListRegisterEntriesRequest lr;
  lr.set_consortium_id(d.id());
  lr.set_body_id("assemblea");
  lr.set_year(2026);
  *lr.mutable_as_of() = Now();
  v1::ListRegisterEntriesResponse register_entries;
  ASSERT_TRUE(
      CallRpc(*q, &Stub::ListRegisterEntries, lr, &register_entries).ok());
  ASSERT_EQ(register_entries.entries_size(), 1);
  EXPECT_EQ(register_entries.entries(0).proposal_id(), "p-1");
  EXPECT_EQ(register_entries.entries(0).number(), number);

  v1::GetRegisterEntryRequest gr;
  gr.set_consortium_id(d.id());
  gr.set_body_id("assemblea");
  gr.set_year(2026);
  gr.set_number(number);
  *gr.mutable_as_of() = Now();
  v1::GetRegisterEntryResponse entry;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetRegisterEntry, gr, &entry).ok());
  EXPECT_EQ(entry.entry().proposal_id(), "p-1");
  EXPECT_TRUE(entry.entry().has_publication());

  // On the albo from 4 March, not on 1 March.
  v1::ListAlboEntriesRequest la;
  la.set_consortium_id(d.id());
  *la.mutable_as_of() = NowOn(absl::CivilDay(2026, 3, 5));
  v1::ListAlboEntriesResponse albo;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListAlboEntries, la, &albo).ok());
  ASSERT_EQ(albo.entries_size(), 1);
  EXPECT_EQ(albo.entries(0).proposal_id(), "p-1");
  EXPECT_EQ(albo.entries(0).number(), number);
  EXPECT_EQ(albo.entries(0).first_day().day(), 4);
  *la.mutable_as_of() = NowOn(absl::CivilDay(2026, 3, 1));
  ASSERT_TRUE(CallRpc(*q, &Stub::ListAlboEntries, la, &albo).ok());
  EXPECT_EQ(albo.entries_size(), 0);

  v1::ListAgendaEntriesRequest lg;
  lg.set_consortium_id(d.id());
  lg.set_member_id("melegnano");
  *lg.mutable_as_of() = NowOn(absl::CivilDay(2026, 3, 10));
  v1::ListAgendaEntriesResponse agenda;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListAgendaEntries, lg, &agenda).ok());
  ASSERT_EQ(agenda.entries_size(), 2);
  EXPECT_EQ(agenda.entries(0).session_id(), "s-p-1");  // by session time
  EXPECT_EQ(agenda.entries(0).in_force().status(), v1::AGENDA_TASK_STATUS_DONE);
  EXPECT_EQ(agenda.entries(1).session_id(), "s-1");
  EXPECT_EQ(agenda.entries(1).in_force().status(), v1::AGENDA_TASK_STATUS_TO_DO);
  lg.set_open_only(true);
  ASSERT_TRUE(CallRpc(*q, &Stub::ListAgendaEntries, lg, &agenda).ok());
  ASSERT_EQ(agenda.entries_size(), 1);
  EXPECT_EQ(agenda.entries(0).session_id(), "s-1");

  v1::ListAccordsRequest lc;
  lc.set_consortium_id(d.id());
  lc.set_in_force_only(true);
  *lc.mutable_as_of() = NowOn(absl::CivilDay(2026, 3, 1));
  v1::ListAccordsResponse accords;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListAccords, lc, &accords).ok());
  ASSERT_EQ(accords.accords_size(), 1);
  lc.set_party_id("melegnano");  // not a party of the convenzione
  ASSERT_TRUE(CallRpc(*q, &Stub::ListAccords, lc, &accords).ok());
  EXPECT_EQ(accords.accords_size(), 0);

  v1::GetAccordViewRequest ga;
  ga.set_consortium_id(d.id());
  ga.set_accord_id("conv");
  *ga.mutable_as_of() = NowOn(absl::CivilDay(2026, 3, 1));
  v1::GetAccordViewResponse accord;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetAccordView, ga, &accord).ok());
  EXPECT_TRUE(accord.accord().in_force().in_force());
  ga.set_accord_id("nessuno");
  ExpectError(*server_, *q, &Stub::GetAccordView, ga,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");

  v1::ListEntityHistoryRequest lh;
  lh.mutable_entity()->set_kind(v1::ENTITY_KIND_DELIBERATION);
  lh.mutable_entity()->set_consortium_id(d.id());
  lh.mutable_entity()->set_id("p-1");
  *lh.mutable_as_of() = Now();
  v1::ListEntityHistoryResponse history;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListEntityHistory, lh, &history).ok());
  std::vector<std::string> types;
  for (const auto& e : history.entries()) types.push_back(e.event_type());
  ASSERT_GE(types.size(), 4u);
  EXPECT_EQ(types.front(), "concordia.v1.ProposalDrafted");
  EXPECT_NE(std::find(types.begin(), types.end(),
                      "concordia.v1.DeliberationAdopted"),
            types.end());
  EXPECT_NE(std::find(types.begin(), types.end(),
                      "concordia.v1.DeliberationPublished"),
            types.end());
}

TEST_F(QueryApiTest, AsOfAnEarlierPositionOrRecordTimeGivesTheEarlierState) {
  DistrictApi d(*server_, "q-asof");
  ASSERT_TRUE(d.Setup().ok());
  const absl::Time before_draft = server_->clock().Now();
  server_->clock().Advance(absl::Minutes(1));
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  const uint64_t drafted = server_->LastPosition();
  server_->clock().Advance(absl::Minutes(1));
  ASSERT_TRUE(d.Adopt("p-1", absl::CivilDay(2026, 3, 2)).ok());
  auto q = Queries(testing::kAuditor);

  v1::GetDeliberationViewRequest gd;
  gd.set_consortium_id(d.id());
  gd.set_proposal_id("p-1");
  gd.mutable_as_of()->set_position(drafted);
  v1::GetDeliberationViewResponse read;
  ASSERT_TRUE(CallRpc(*q, &Stub::GetDeliberationView, gd, &read).ok());
  EXPECT_EQ(read.deliberation().stage(), v1::DELIBERATION_STAGE_READY);
  EXPECT_EQ(read.header().log_position(), drafted);
  EXPECT_LE(read.header().entity_position(), drafted);
  *gd.mutable_as_of() = Now();
  ASSERT_TRUE(CallRpc(*q, &Stub::GetDeliberationView, gd, &read).ok());
  EXPECT_EQ(read.deliberation().stage(), v1::DELIBERATION_STAGE_ADOPTED);
  EXPECT_GT(read.header().log_position(), drafted);
  // In force on a day: adopted on 2 March, not yet on 1 March.
  *gd.mutable_as_of() = NowOn(absl::CivilDay(2026, 3, 1));
  ASSERT_TRUE(CallRpc(*q, &Stub::GetDeliberationView, gd, &read).ok());
  EXPECT_EQ(read.deliberation().in_force().status(),
            v1::LEGAL_STATUS_NOT_ADOPTED);
  *gd.mutable_as_of() = NowOn(absl::CivilDay(2026, 3, 3));
  ASSERT_TRUE(CallRpc(*q, &Stub::GetDeliberationView, gd, &read).ok());
  EXPECT_EQ(read.deliberation().in_force().status(), v1::LEGAL_STATUS_ADOPTED);
  // As recorded before the draft: it did not exist.
  *gd.mutable_as_of()->mutable_recorded_at() = ToTimestamp(before_draft);
  ExpectError(*server_, *q, &Stub::GetDeliberationView, gd,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  // Beyond the log's end.
  gd.mutable_as_of()->set_position(server_->LastPosition() + 1000);
  ExpectError(*server_, *q, &Stub::GetDeliberationView, gd,
              grpc::StatusCode::OUT_OF_RANGE, "POSITION_BEYOND_LOG");
  v1::ListSessionsRequest ls;
  ls.set_consortium_id(d.id());
  ls.mutable_as_of()->set_position(server_->LastPosition() + 1);
  ExpectError(*server_, *q, &Stub::ListSessions, ls,
              grpc::StatusCode::OUT_OF_RANGE, "POSITION_BEYOND_LOG");
}

TEST_F(QueryApiTest, PagesFollowAPinnedToken) {
  DistrictApi d(*server_, "q-pages");
  ASSERT_TRUE(d.Setup().ok());
  for (int i = 1; i <= 3; ++i) {
    // The suite's clock has moved with earlier tests' sessions: ahead of it.
    ASSERT_TRUE(d.Convene(absl::StrCat("s-", i),
                          calendar::RomeDay(server_->clock().Now()) + 10 + i,
                          {})
                    .ok());
  }
  auto q = Queries(testing::kSecretary);
  v1::ListSessionsRequest ls;
  ls.set_consortium_id(d.id());
  // Once the read model has applied the three convocations...
  {
    v1::ListSessionsRequest caught_up = ls;
    *caught_up.mutable_as_of() = Now();
    ASSERT_TRUE(CallRpc(*q, &Stub::ListSessions, caught_up).ok());
  }
  // ...the latest state, two a page.
  ls.set_page_size(2);
  v1::ListSessionsResponse first;
  ASSERT_TRUE(CallRpc(*q, &Stub::ListSessions, ls, &first).ok());
  ASSERT_EQ(first.sessions_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  // A session convened meanwhile is not on the next page: the token pins
  // the first page's position.
  ASSERT_TRUE(d.Convene("s-0", absl::CivilDay(2026, 3, 20), {}).ok());
  {
    v1::ListSessionsRequest caught_up = ls;
    *caught_up.mutable_as_of() = Now();
    v1::ListSessionsResponse four;
    ASSERT_TRUE(CallRpc(*q, &Stub::ListSessions, caught_up, &four).ok());
    EXPECT_EQ(four.header().log_position(), server_->LastPosition());
  }
  ls.set_page_token(first.next_page_token());
  v1::ListSessionsResponse second;
  grpc::Status st = CallRpc(*q, &Stub::ListSessions, ls, &second);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(second.sessions_size(), 1);
  EXPECT_TRUE(second.next_page_token().empty());
  EXPECT_EQ(second.header().log_position(), first.header().log_position());
  // The token belongs to its query: with another as-of it is refused.
  ls.mutable_as_of()->set_position(1);
  testing::ExpectInvalidField(*server_, *q, &Stub::ListSessions, ls,
                              "page_token");
  std::set<std::string> all;
  for (const auto& s : first.sessions()) all.insert(s.convocation().session_id());
  for (const auto& s : second.sessions()) all.insert(s.convocation().session_id());
  EXPECT_EQ(all, (std::set<std::string>{"s-1", "s-2", "s-3"}));
}

TEST_F(QueryApiTest, ListConsortiaListsOnlyWhatTheCallerMayRead) {
  DistrictApi a(*server_, "q-list-a");
  ASSERT_TRUE(a.Setup().ok());
  DistrictApi b(*server_, "q-list-b");
  ASSERT_TRUE(b.Setup().ok());
  ASSERT_TRUE(a.Grant(kReaderOfA, v1::ROLE_AUDITOR).ok());
  auto ids = [&](const std::string& as, int page_size) {
    std::vector<std::string> out;
    v1::ListConsortiaRequest r;
    *r.mutable_as_of() = Now();
    r.set_page_size(page_size);
    auto q = Queries(as);
    for (int pages = 0; pages < 100; ++pages) {
      v1::ListConsortiaResponse resp;
      grpc::Status s = CallRpc(*q, &Stub::ListConsortia, r, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      for (const auto& c : resp.consortia()) {
        out.push_back(c.profile().consortium_id());
      }
      if (resp.next_page_token().empty()) break;
      r.set_page_token(resp.next_page_token());  // the same request otherwise
    }
    return out;
  };
  EXPECT_EQ(ids(kReaderOfA, 0), std::vector<std::string>{"q-list-a"});
  EXPECT_EQ(ids(kReaderOfA, 1), std::vector<std::string>{"q-list-a"});
  EXPECT_TRUE(ids(testing::kStranger, 0).empty());
  const std::vector<std::string> all = ids(testing::kSystemAdmin, 0);
  EXPECT_NE(std::find(all.begin(), all.end(), "q-list-a"), all.end());
  EXPECT_NE(std::find(all.begin(), all.end(), "q-list-b"), all.end());
  EXPECT_EQ(ids(testing::kSystemAdmin, 1), all);  // one a page, same list
}

TEST_F(QueryApiTest, BadInputNamesTheFieldForEveryRpc) {
  DistrictApi d(*server_, "q-bad");
  ASSERT_TRUE(d.Setup().ok());
  TlsTestServer& s = *server_;
  // A system administrator reads every consortium, so a malformed one
  // reaches validation.
  auto q = Queries(testing::kSystemAdmin);
  auto bad_date = [](auto& r) {
    *r.mutable_as_of()->mutable_in_force_on() = RawDate(2026, 2, 30);
  };
  auto bad_time = [](auto& r) {
    r.mutable_as_of()->mutable_recorded_at()->set_nanos(-1);
  };
  auto common_list = [&](auto method, auto valid) {
    ExpectInvalidWith(s, *q, method, valid,
                      [](auto& r) { r.set_consortium_id("Sud Est"); },
                      "consortium_id");
    ExpectInvalidWith(s, *q, method, valid,
                      [](auto& r) { r.set_page_size(-1); }, "page_size");
    ExpectInvalidWith(s, *q, method, valid,
                      [](auto& r) { r.set_page_token("not-a-token"); },
                      "page_token");
    ExpectInvalidWith(s, *q, method, valid, bad_time, "as_of.recorded_at");
  };

  v1::ListConsortiaRequest lc0;
  ExpectInvalidWith(s, *q, &Stub::ListConsortia, lc0,
                    [](auto& r) { r.set_page_size(-5); }, "page_size");
  ExpectInvalidWith(s, *q, &Stub::ListConsortia, lc0,
                    [](auto& r) { r.set_page_token("%%%"); }, "page_token");
  ExpectInvalidWith(s, *q, &Stub::ListConsortia, lc0, bad_date,
                    "as_of.in_force_on");
  // Also for a caller that reads only some consortia.
  ExpectInvalidWith(s, *Queries(testing::kSecretary), &Stub::ListConsortia, lc0,
                    [](auto& r) { r.set_page_size(-5); }, "page_size");

  v1::GetConsortiumViewRequest gc;
  gc.set_consortium_id(d.id());
  ExpectInvalidWith(s, *q, &Stub::GetConsortiumView, gc,
                    [](auto& r) { r.set_consortium_id("-x"); }, "consortium_id");
  ExpectInvalidWith(s, *q, &Stub::GetConsortiumView, gc, bad_date,
                    "as_of.in_force_on");

  v1::GetBodyViewRequest gb;
  gb.set_consortium_id(d.id());
  gb.set_body_id("assemblea");
  ExpectInvalidWith(s, *q, &Stub::GetBodyView, gb,
                    [](auto& r) { r.set_consortium_id(""); }, "consortium_id");
  ExpectInvalidWith(s, *q, &Stub::GetBodyView, gb,
                    [](auto& r) { r.set_body_id("Assemblea"); }, "body_id");
  ExpectInvalidWith(s, *q, &Stub::GetBodyView, gb, bad_date,
                    "as_of.in_force_on");

  v1::ListBodiesRequest lb;
  lb.set_consortium_id(d.id());
  common_list(&Stub::ListBodies, lb);
  ExpectInvalidWith(s, *q, &Stub::ListBodies, lb, bad_date, "as_of.in_force_on");

  v1::GetSessionViewRequest gs;
  gs.set_consortium_id(d.id());
  gs.set_session_id("s-1");
  ExpectInvalidWith(s, *q, &Stub::GetSessionView, gs,
                    [](auto& r) { r.set_session_id("s_1"); }, "session_id");
  ExpectInvalidWith(s, *q, &Stub::GetSessionView, gs,
                    [](auto& r) {
                      *r.mutable_as_of()->mutable_in_force_on() =
                          DateOf(absl::CivilDay(2026, 3, 1));
                    },
                    "as_of.in_force_on");

  v1::ListSessionsRequest ls;
  ls.set_consortium_id(d.id());
  common_list(&Stub::ListSessions, ls);
  ExpectInvalidWith(s, *q, &Stub::ListSessions, ls,
                    [](auto& r) { r.set_body_id("B!"); }, "body_id");

  v1::ListVotesRequest lv;
  lv.set_consortium_id(d.id());
  lv.set_session_id("s-1");
  common_list(&Stub::ListVotes, lv);
  ExpectInvalidWith(s, *q, &Stub::ListVotes, lv,
                    [](auto& r) { r.set_session_id(""); }, "session_id");
  ExpectInvalidWith(s, *q, &Stub::ListVotes, lv,
                    [](auto& r) { r.set_item(-1); }, "item");

  v1::GetDeliberationViewRequest gd;
  gd.set_consortium_id(d.id());
  gd.set_proposal_id("p-1");
  ExpectInvalidWith(s, *q, &Stub::GetDeliberationView, gd,
                    [](auto& r) { r.set_proposal_id("p 1"); }, "proposal_id");
  ExpectInvalidWith(s, *q, &Stub::GetDeliberationView, gd, bad_date,
                    "as_of.in_force_on");

  v1::ListDeliberationsRequest ld;
  ld.set_consortium_id(d.id());
  common_list(&Stub::ListDeliberations, ld);
  ExpectInvalidWith(s, *q, &Stub::ListDeliberations, ld,
                    [](auto& r) { r.set_stage(static_cast<v1::DeliberationStage>(99)); },
                    "stage");
  ExpectInvalidWith(s, *q, &Stub::ListDeliberations, ld,
                    [](auto& r) { r.set_executive_only(true); },
                    "executive_only");
  ExpectInvalidWith(s, *q, &Stub::ListDeliberations, ld,
                    [](auto& r) { r.set_body_id("-"); }, "body_id");

  v1::GetRegisterEntryRequest gr;
  gr.set_consortium_id(d.id());
  gr.set_body_id("assemblea");
  gr.set_year(2026);
  gr.set_number(1);
  ExpectInvalidWith(s, *q, &Stub::GetRegisterEntry, gr,
                    [](auto& r) { r.set_year(0); }, "year");
  ExpectInvalidWith(s, *q, &Stub::GetRegisterEntry, gr,
                    [](auto& r) { r.set_number(0); }, "number");
  ExpectInvalidWith(s, *q, &Stub::GetRegisterEntry, gr,
                    [](auto& r) { r.set_body_id(""); }, "body_id");
  ExpectInvalidWith(s, *q, &Stub::GetRegisterEntry, gr, bad_date,
                    "as_of.in_force_on");

  v1::ListRegisterEntriesRequest lr;
  lr.set_consortium_id(d.id());
  lr.set_body_id("assemblea");
  lr.set_year(2026);
  common_list(&Stub::ListRegisterEntries, lr);
  ExpectInvalidWith(s, *q, &Stub::ListRegisterEntries, lr,
                    [](auto& r) { r.set_year(10000); }, "year");

  v1::ListAlboEntriesRequest la;
  la.set_consortium_id(d.id());
  common_list(&Stub::ListAlboEntries, la);
  ExpectInvalidWith(s, *q, &Stub::ListAlboEntries, la, bad_date,
                    "as_of.in_force_on");

  v1::ListAgendaEntriesRequest lg;
  lg.set_consortium_id(d.id());
  lg.set_member_id("melegnano");
  common_list(&Stub::ListAgendaEntries, lg);
  ExpectInvalidWith(s, *q, &Stub::ListAgendaEntries, lg,
                    [](auto& r) { r.set_member_id("Melegnano"); }, "member_id");
  ExpectInvalidWith(s, *q, &Stub::ListAgendaEntries, lg, bad_date,
                    "as_of.in_force_on");

  v1::GetAccordViewRequest ga;
  ga.set_consortium_id(d.id());
  ga.set_accord_id("conv");
  ExpectInvalidWith(s, *q, &Stub::GetAccordView, ga,
                    [](auto& r) { r.set_accord_id(""); }, "accord_id");
  ExpectInvalidWith(s, *q, &Stub::GetAccordView, ga, bad_date,
                    "as_of.in_force_on");

  v1::ListAccordsRequest lac;
  lac.set_consortium_id(d.id());
  common_list(&Stub::ListAccords, lac);
  ExpectInvalidWith(s, *q, &Stub::ListAccords, lac,
                    [](auto& r) { r.set_stage(static_cast<v1::AccordStage>(42)); },
                    "stage");
  ExpectInvalidWith(s, *q, &Stub::ListAccords, lac,
                    [](auto& r) { r.set_in_force_only(true); }, "in_force_only");
  ExpectInvalidWith(s, *q, &Stub::ListAccords, lac,
                    [](auto& r) { r.set_party_id("Party"); }, "party_id");

  v1::ListEntityHistoryRequest lh;
  lh.mutable_entity()->set_kind(v1::ENTITY_KIND_DELIBERATION);
  lh.mutable_entity()->set_consortium_id(d.id());
  lh.mutable_entity()->set_id("p-1");
  ExpectInvalidWith(s, *q, &Stub::ListEntityHistory, lh,
                    [](auto& r) { r.clear_entity(); }, "entity");
  ExpectInvalidWith(s, *q, &Stub::ListEntityHistory, lh,
                    [](auto& r) {
                      r.mutable_entity()->set_kind(v1::ENTITY_KIND_UNSPECIFIED);
                    },
                    "entity.kind");
  ExpectInvalidWith(s, *q, &Stub::ListEntityHistory, lh,
                    [](auto& r) { r.mutable_entity()->set_consortium_id("X"); },
                    "entity.consortium_id");
  ExpectInvalidWith(s, *q, &Stub::ListEntityHistory, lh,
                    [](auto& r) { r.set_page_size(-1); }, "page_size");
  ExpectInvalidWith(s, *q, &Stub::ListEntityHistory, lh,
                    [](auto& r) { r.set_page_token("zz"); }, "page_token");

  // WatchAgenda: the stream ends at once naming the field.
  for (const auto& [mutate, field] :
       std::vector<std::pair<std::function<void(v1::WatchAgendaRequest&)>,
                             std::string>>{
           {[](auto& r) { r.set_member_id("M"); }, "member_id"},
           {[](auto& r) { r.set_page_size(-1); }, "page_size"},
           {[](auto& r) { *r.mutable_in_force_on() = RawDate(2026, 13, 1); },
            "as_of.in_force_on"},
       }) {
    v1::WatchAgendaRequest w;
    w.set_consortium_id(d.id());
    w.set_member_id("melegnano");
    mutate(w);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    auto reader = q->WatchAgenda(&ctx, w);
    v1::WatchAgendaResponse update;
    EXPECT_FALSE(reader->Read(&update)) << field;
    grpc::Status st = reader->Finish();
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_EQ(testing::BadRequestField(st), field);
  }
}

TEST_F(QueryApiTest, WatchAgendaSendsAnUpdateAfterAVote) {
  DistrictApi d(*server_, "q-watch");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  const absl::CivilDay day = calendar::RomeDay(server_->clock().Now()) + 10;
  ASSERT_TRUE(d.Convene("s-1", day, {"p-1"}).ok());
  server_->clock().AdvanceTo(testing::RomeTime(day, 10));
  ASSERT_TRUE(d.Attendance("s-1", {"melegnano", "san-giuliano-milanese",
                                   "san-donato-milanese", "dresano",
                                   "carpiano"})
                  .ok());
  const uint64_t before_vote = server_->LastPosition();
  auto q = Queries(testing::SindacoOf("melegnano"));
  v1::WatchAgendaRequest w;
  w.set_consortium_id(d.id());
  w.set_member_id("melegnano");
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  auto reader = q->WatchAgenda(&ctx, w);
  // The first update: the agenda as it stands once the watch starts (the
  // read model may not have applied the attendance yet: read until it has).
  v1::WatchAgendaResponse update;
  do {
    ASSERT_TRUE(reader->Read(&update));
  } while (update.header().log_position() < before_vote);
  ASSERT_EQ(update.entries_size(), 1);
  ASSERT_EQ(update.entries(0).items_size(), 1);
  EXPECT_TRUE(update.entries(0).present());
  EXPECT_FALSE(update.entries(0).items(0).voted());
  EXPECT_EQ(update.entries(0).in_force().pending_items_size(), 1);

  ASSERT_TRUE(
      d.Votes("s-1", 1, {{"melegnano", v1::VOTE_CHOICE_IN_FAVOUR}}).ok());
  const uint64_t voted = server_->LastPosition();
  // The next update (blocking on the stream) shows the vote.
  ASSERT_TRUE(reader->Read(&update));
  EXPECT_GE(update.header().log_position(), voted);
  EXPECT_TRUE(update.entries(0).items(0).voted());
  EXPECT_EQ(update.entries(0).in_force().pending_items_size(), 0);
  EXPECT_EQ(update.header().read_model(), "agenda");

  ctx.TryCancel();
  while (reader->Read(&update)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(QueryApiTest, WatchAgendaEndsAtItsDeadline) {
  DistrictApi d(*server_, "q-deadline");
  ASSERT_TRUE(d.Setup().ok());
  auto q = Queries(testing::SindacoOf("melegnano"));
  v1::WatchAgendaRequest w;
  w.set_consortium_id(d.id());
  w.set_member_id("melegnano");
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() +
                   std::chrono::seconds(5));
  auto reader = q->WatchAgenda(&ctx, w);
  v1::WatchAgendaResponse update;
  ASSERT_TRUE(reader->Read(&update));
  EXPECT_EQ(update.entries_size(), 0);
  while (reader->Read(&update)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

// Its own server: shutting it down must not wait for an open watch.
TEST(QueryShutdownTest, ShutdownEndsOpenWatchesPromptly) {
  TlsTestServer::Options options;
  options.principals = testing::DistrictPrincipals();
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& server = **started;
  DistrictApi d(server, "q-shutdown");
  ASSERT_TRUE(d.Setup().ok());
  auto q = v1::QueryService::NewStub(
      server.ChannelAs(testing::SindacoOf("melegnano")));
  v1::WatchAgendaRequest w;
  w.set_consortium_id(d.id());
  w.set_member_id("melegnano");
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  auto reader = q->WatchAgenda(&ctx, w);
  v1::WatchAgendaResponse update;
  ASSERT_TRUE(reader->Read(&update));
  const absl::Time start = absl::Now();
  server.server().Shutdown(absl::Seconds(30));
  const absl::Duration took = absl::Now() - start;
  EXPECT_LT(took, absl::Seconds(10)) << took;
  while (reader->Read(&update)) {
  }
  grpc::Status s = reader->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  std::cerr << "shutdown with an open watch took " << took << "\n";
}

}  // namespace
}  // namespace concordia
