// The sessions and agenda read models: a session's roll call, conflicts,
// votes and proclamations; each member's tasks, to do, done, overdue or
// missed on a day, kept in line with designations recorded while sessions
// are open.
#include <vector>

#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/testing/harness.h"
#include "engine/readmodel/testing/steps.h"
#include "gtest/gtest.h"

namespace concordia::readmodel {
namespace {

using absl::CivilDay;
using domain::testing::District;
using domain::testing::Sindaco;
using testing::AdvanceTo;
using testing::AtPositionInForceOn;
using testing::InForceOn;
using testing::Latest;
using testing::ReadModelHarness;

const v1::VoteChoice kYes = v1::VOTE_CHOICE_IN_FAVOUR;
constexpr char kSession[] = "2026-03-02";
const std::vector<std::string> kPresent = {"san-donato-milanese", "melegnano",
                                           "cerro-al-lambro", "dresano",
                                           "colturano"};

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    d_.Register();
    d_.DraftReady("p-1");
    d_.DraftReady("p-2");
    ASSERT_TRUE(
        d_.ConveneAssemblea(kSession, CivilDay(2026, 3, 2), {"p-1", "p-2"}).ok());
  }
  void Attend() {
    AdvanceTo(d_, CivilDay(2026, 3, 2), 10);
    ASSERT_TRUE(d_.governance
                    .RecordAttendance(d_.Ctx(), d_.id, kSession, kPresent,
                                      {"direttore@sudestmilano"})
                    .ok());
  }
  void VoteItem(int item) {
    std::vector<std::pair<std::string, v1::VoteChoice>> yes;
    for (const std::string& m : kPresent) yes.push_back({m, kYes});
    ASSERT_TRUE(d_.Vote(kSession, item, yes).ok());
  }
  uint64_t Last() { return d_.log.log->LastPosition(); }
  std::vector<v1::AgendaEntryView> Agenda(const std::string& member,
                                          const v1::AsOf& as_of,
                                          bool open_only = false) {
    h_.Sync();
    AgendaFilter f;
    f.open_only = open_only;
    auto page = h_.queries().ListAgenda(d_.id, member, f, as_of, {});
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->items : std::vector<v1::AgendaEntryView>{};
  }
  v1::AgendaTaskStatus TaskOn(const std::string& member, const v1::AsOf& as_of) {
    auto entries = Agenda(member, as_of);
    EXPECT_EQ(entries.size(), 1u) << member;
    return entries.empty() ? v1::AGENDA_TASK_STATUS_UNSPECIFIED
                           : entries[0].in_force().status();
  }

  District d_;
  ReadModelHarness h_{*d_.log.log, d_.clock};
};

TEST_F(SessionTest, RollCallVotesAndProclamations) {
  Attend();
  ASSERT_TRUE(d_.governance.DeclareConflict(d_.Ctx(), d_.id, kSession, 2, "melegnano").ok());
  VoteItem(1);
  ASSERT_TRUE(d_.governance.Proclaim(d_.Ctx(), d_.id, kSession, 1, "").ok());
  ASSERT_TRUE(d_.governance.DeferItem(d_.Ctx(), d_.id, kSession, 2, "rinvio").ok());
  ASSERT_TRUE(d_.governance.CloseSession(d_.Ctx(), d_.id, kSession).ok());
  h_.Sync();
  auto s = h_.queries().GetSession(d_.id, kSession, Latest());
  ASSERT_TRUE(s.ok()) << s.status();
  const v1::SessionView& v = s->value;
  EXPECT_EQ(v.convocation().body_id(), "assemblea");
  EXPECT_EQ(std::vector<std::string>(v.present_member_ids().begin(),
                                     v.present_member_ids().end()),
            (std::vector<std::string>{"cerro-al-lambro", "colturano",
                                      "dresano", "melegnano",
                                      "san-donato-milanese"}));
  EXPECT_EQ(v.attendees(0), "direttore@sudestmilano");
  ASSERT_EQ(v.items_size(), 2);
  EXPECT_EQ(v.items(0).status(), v1::ITEM_STATUS_PROCLAIMED);
  EXPECT_TRUE(v.items(0).proclamation().adopted());
  EXPECT_EQ(v.items(0).proclamation().tally().in_favour_heads(), 5);
  EXPECT_EQ(v.items(1).status(), v1::ITEM_STATUS_DEFERRED);
  EXPECT_EQ(v.items(1).deferral_reason(), "rinvio");
  EXPECT_EQ(v.items(1).conflicted_member_ids(0), "melegnano");
  EXPECT_TRUE(v.closed());
  EXPECT_EQ(s->header.entity_position(), Last());
  // Votes, paged, as of a position before the last ones were cast.
  PageRequest page;
  page.page_size = 2;
  std::vector<std::string> voters;
  do {
    auto votes = h_.queries().ListVotes(d_.id, kSession, 1, Latest(), page);
    ASSERT_TRUE(votes.ok()) << votes.status();
    for (const auto& vote : votes->items) {
      voters.push_back(vote.vote().member_id());
      EXPECT_EQ(vote.vote().cast_by(), Sindaco(vote.vote().member_id()));
      EXPECT_GT(vote.position(), 0u);
    }
    page.page_token = votes->next_page_token;
  } while (!page.page_token.empty());
  EXPECT_EQ(voters, kPresent);  // in the order they were cast
  EXPECT_TRUE(h_.queries().ListVotes(d_.id, kSession, 2, Latest(), {})->items.empty());
  // Sessions are read as recorded.
  auto dated = h_.queries().GetSession(d_.id, kSession, InForceOn(CivilDay(2026, 3, 2)));
  EXPECT_EQ(dated.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(dated.status()), "INVALID_FIELD");
  // The session's history: every event of its stream, votes included.
  v1::EntityRef ref;
  ref.set_kind(v1::ENTITY_KIND_SESSION);
  ref.set_consortium_id(d_.id);
  ref.set_id(kSession);
  auto history = h_.queries().History(ref, Latest(), {});
  ASSERT_TRUE(history.ok()) << history.status();
  auto stream = d_.log.log->ReadStream(absl::StrCat(d_.id, "/session/", kSession), 1, 1000);
  ASSERT_EQ(history->items.size(), stream->size());
  for (size_t i = 0; i < stream->size(); ++i) {
    EXPECT_EQ(history->items[i].position(), (*stream)[i].position);
    EXPECT_EQ(history->items[i].event_type(), (*stream)[i].type);
  }
}

TEST_F(SessionTest, EachVoterOfTheBodyHasATaskWithADeadline) {
  auto entries = Agenda("carpiano", InForceOn(CivilDay(2026, 2, 20)));
  ASSERT_EQ(entries.size(), 1u);
  const v1::AgendaEntryView& e = entries[0];
  EXPECT_EQ(e.session_id(), kSession);
  EXPECT_EQ(e.representative(), Sindaco("carpiano"));
  ASSERT_EQ(e.items_size(), 2);
  EXPECT_EQ(e.items(1).proposal_id(), "p-2");
  EXPECT_EQ(e.in_force().status(), v1::AGENDA_TASK_STATUS_TO_DO);
  EXPECT_EQ(e.in_force().pending_items_size(), 2);
  // What, about which session, by when (composed when read).
  EXPECT_EQ(e.task(), v1::AGENDA_TASK_KIND_SESSION);
  EXPECT_EQ(e.subject().id(), kSession);
  EXPECT_EQ(domain::DayOf(e.due_on()), CivilDay(2026, 3, 2));
  EXPECT_EQ(e.due_time().seconds(), e.session_time().seconds());
  EXPECT_NE(e.description().find("assemblea"), std::string::npos)
      << e.description();
  // Today (16 February, the clock) by default.
  EXPECT_EQ(Agenda("carpiano", Latest())[0].in_force().day().day(), 16);
  // Every comune has one; the Tavolo Tecnico's members none (nobody sits).
  for (const std::string& m : testing::AllComuni()) {
    EXPECT_EQ(Agenda(m, Latest()).size(), 1u) << m;
  }
}

TEST_F(SessionTest, DoneOverdueAndMissed) {
  const uint64_t convened = Last();
  Attend();
  VoteItem(1);
  EXPECT_EQ(TaskOn("san-donato-milanese", InForceOn(CivilDay(2026, 3, 2))),
            v1::AGENDA_TASK_STATUS_DONE);
  auto done = Agenda("san-donato-milanese", InForceOn(CivilDay(2026, 3, 2)));
  EXPECT_TRUE(done[0].present());
  EXPECT_TRUE(done[0].items(0).voted());
  EXPECT_EQ(std::vector<int>(done[0].in_force().pending_items().begin(),
                             done[0].in_force().pending_items().end()),
            std::vector<int>{2});
  // Before the session's day the task still lay ahead.
  EXPECT_EQ(TaskOn("san-donato-milanese", InForceOn(CivilDay(2026, 3, 1))),
            v1::AGENDA_TASK_STATUS_TO_DO);
  // Carpiano did not come: to do on the day, overdue after it.
  EXPECT_EQ(TaskOn("carpiano", InForceOn(CivilDay(2026, 3, 2))),
            v1::AGENDA_TASK_STATUS_TO_DO);
  EXPECT_EQ(TaskOn("carpiano", InForceOn(CivilDay(2026, 3, 3))),
            v1::AGENDA_TASK_STATUS_OVERDUE);
  EXPECT_EQ(Agenda("carpiano", InForceOn(CivilDay(2026, 3, 3)), true).size(), 1u);
  // As the system knew it before the roll call, San Donato was overdue too.
  EXPECT_EQ(TaskOn("san-donato-milanese",
                   AtPositionInForceOn(convened, CivilDay(2026, 3, 3))),
            v1::AGENDA_TASK_STATUS_OVERDUE);
  ASSERT_TRUE(d_.governance.Proclaim(d_.Ctx(), d_.id, kSession, 1, "").ok());
  ASSERT_TRUE(d_.governance.CloseSession(d_.Ctx(), d_.id, kSession).ok());
  EXPECT_EQ(TaskOn("carpiano", InForceOn(CivilDay(2026, 3, 3))),
            v1::AGENDA_TASK_STATUS_MISSED);
  EXPECT_TRUE(Agenda("carpiano", InForceOn(CivilDay(2026, 3, 3)), true).empty());
  auto closed = Agenda("san-donato-milanese", InForceOn(CivilDay(2026, 3, 3)));
  EXPECT_EQ(closed[0].in_force().status(), v1::AGENDA_TASK_STATUS_DONE);
  EXPECT_TRUE(closed[0].session_closed());
  EXPECT_EQ(closed[0].items(0).status(), v1::ITEM_STATUS_PROCLAIMED);
  EXPECT_EQ(closed[0].items(1).status(), v1::ITEM_STATUS_NOT_DECIDED);
  EXPECT_EQ(closed[0].in_force().pending_items_size(), 0);
}

TEST_F(SessionTest, DesignationsRecordedWhileTheSessionIsOpen) {
  // Dresano changes representative from 1 March; Colturano's ends then
  // without a successor.
  ASSERT_TRUE(d_.governance
                  .RevokeDesignation(d_.Ctx(), d_.id,
                                     {"assemblea", "dresano", Sindaco("dresano"),
                                      CivilDay(2026, 3, 1)})
                  .ok());
  ASSERT_TRUE(d_.governance
                  .Designate(d_.Ctx(), d_.id,
                             {"assemblea", "dresano", "vicesindaco@dresano",
                              true, CivilDay(2026, 3, 1)})
                  .ok());
  ASSERT_TRUE(d_.governance
                  .RevokeDesignation(d_.Ctx(), d_.id,
                                     {"assemblea", "colturano",
                                      Sindaco("colturano"), CivilDay(2026, 3, 1)})
                  .ok());
  auto dresano = Agenda("dresano", Latest());
  ASSERT_EQ(dresano.size(), 1u);
  EXPECT_EQ(dresano[0].representative(), "vicesindaco@dresano");
  EXPECT_TRUE(Agenda("colturano", Latest()).empty());
  // Designated again before the session: the task comes back.
  ASSERT_TRUE(d_.governance
                  .Designate(d_.Ctx(), d_.id,
                             {"assemblea", "colturano", "assessore@colturano",
                              true, CivilDay(2026, 3, 2)})
                  .ok());
  auto colturano = Agenda("colturano", Latest());
  ASSERT_EQ(colturano.size(), 1u);
  EXPECT_EQ(colturano[0].representative(), "assessore@colturano");
  // Once closed, the session no longer follows designations.
  AdvanceTo(d_, CivilDay(2026, 3, 2), 10);
  ASSERT_TRUE(d_.governance.CloseSession(d_.Ctx(), d_.id, kSession).ok());
  ASSERT_TRUE(d_.governance
                  .RevokeDesignation(d_.Ctx(), d_.id,
                                     {"assemblea", "colturano",
                                      "assessore@colturano", CivilDay(2026, 3, 2)})
                  .ok());
  EXPECT_EQ(Agenda("colturano", Latest()).size(), 1u);
}

}  // namespace
}  // namespace concordia::readmodel
