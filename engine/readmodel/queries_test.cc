// The query interface itself: errors, as recorded at a record time, a read
// model behind the log or still being built, and paging pinned to the first
// page's position.
#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/keys.h"
#include "engine/readmodel/page_token.h"
#include "engine/readmodel/testing/harness.h"
#include "engine/readmodel/testing/steps.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"

namespace concordia::readmodel {
namespace {

using absl::CivilDay;
using domain::testing::District;
using google::protobuf::util::TimeUtil;
using testing::AtPosition;
using testing::Latest;
using testing::ReadModelHarness;

void RegisterAnother(District& d, const std::string& id) {
  domain::consortium::RegisterConsortium r;
  r.consortium_id = id;
  r.legal_form = v1::LEGAL_FORM_CONSORZIO;
  r.name = "Consorzio " + id;
  r.seat_comune = "pistoia";
  r.constituted_on = CivilDay(2010, 8, 6);
  r.statute = domain::testing::DistrictStatute();
  r.founders = {{"pistoia", "Pistoia", v1::MEMBER_KIND_COMUNE, 600},
                {"quarrata", "Quarrata", v1::MEMBER_KIND_COMUNE, 400}};
  ASSERT_TRUE(d.governance.RegisterConsortium(d.Ctx("admin@concordia"), r).ok());
}

v1::AsOf RecordedAt(absl::Time t) {
  v1::AsOf a;
  *a.mutable_recorded_at() = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
  return a;
}

class QueriesTest : public ::testing::Test {
 protected:
  void SetUp() override { d_.Register(); }
  uint64_t Last() { return d_.log.log->LastPosition(); }
  District d_;
  ReadModelHarness h_{*d_.log.log, d_.clock};
};

TEST_F(QueriesTest, ErrorsNameTheirCause) {
  h_.Sync();
  Queries& q = h_.queries();
  auto unknown = q.GetDeliberation(d_.id, "nope", Latest());
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(unknown.status()), "NOT_FOUND");
  auto bad_id = q.GetConsortium("Not An Id", Latest());
  EXPECT_EQ(bad_id.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorMetadata(bad_id.status())["field"], "consortium_id");
  auto beyond = q.GetConsortium(d_.id, AtPosition(Last() + 1));
  EXPECT_EQ(beyond.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ErrorReason(beyond.status()), kPositionBeyondLog);
  v1::AsOf bad_day;
  bad_day.mutable_in_force_on()->set_year(2026);
  bad_day.mutable_in_force_on()->set_month(2);
  bad_day.mutable_in_force_on()->set_day(30);
  auto impossible = q.GetConsortium(d_.id, bad_day);
  EXPECT_EQ(impossible.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorMetadata(impossible.status())["field"], "as_of.in_force_on");
  PageRequest negative;
  negative.page_size = -1;
  EXPECT_EQ(q.ListConsortia(Latest(), negative).status().code(),
            absl::StatusCode::kInvalidArgument);
  PageRequest garbage;
  garbage.page_token = "%%%";
  EXPECT_EQ(ErrorMetadata(q.ListConsortia(Latest(), garbage).status())["field"],
            "page_token");
  v1::EntityRef no_kind;
  no_kind.set_consortium_id(d_.id);
  EXPECT_EQ(q.History(no_kind, Latest(), {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  DeliberationFilter executive;
  executive.executive_only = true;
  EXPECT_EQ(q.ListDeliberations(d_.id, executive, Latest(), {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  // As of position 0 nothing existed yet.
  EXPECT_EQ(q.GetConsortium(d_.id, AtPosition(0)).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(QueriesTest, AsRecordedAtARecordTime) {
  const absl::Time registered = d_.clock.Now();
  const uint64_t registered_at = Last();
  d_.clock.Advance(absl::Hours(24));
  RegisterAnother(d_, "sds-pistoia");
  h_.Sync();
  auto then = h_.queries().ListConsortia(RecordedAt(registered), {});
  ASSERT_TRUE(then.ok()) << then.status();
  EXPECT_EQ(then->header.log_position(), registered_at);
  ASSERT_EQ(then->items.size(), 1u);
  EXPECT_EQ(then->items[0].profile().consortium_id(), d_.id);
  auto now = h_.queries().ListConsortia(RecordedAt(d_.clock.Now()), {});
  EXPECT_EQ(now->header.log_position(), Last());
  EXPECT_EQ(now->items.size(), 2u);
  // Before the first record: nothing.
  auto before = h_.queries().GetConsortium(
      d_.id, RecordedAt(registered - absl::Seconds(1)));
  EXPECT_EQ(before.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(QueriesTest, ARunnerBehindTheLogSaysSo) {
  h_.Sync();
  const uint64_t applied = Last();
  h_.runner().Stop();
  RegisterAnother(d_, "sds-pistoia");
  auto latest = h_.queries().ListConsortia(Latest(), {});
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->header.log_position(), applied);
  EXPECT_EQ(latest->header.read_model_position(), applied);
  EXPECT_EQ(latest->header.read_model(), kRegistry);
  EXPECT_EQ(latest->header.read_model_version(), 1);
  auto behind = h_.queries().ListConsortia(AtPosition(Last()), {});
  EXPECT_EQ(behind.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ErrorReason(behind.status()), kReadModelBehind);
  EXPECT_EQ(ErrorMetadata(behind.status())["read_model_position"],
            absl::StrCat(applied));
}

TEST_F(QueriesTest, AReadWaitsForItsPositionWhenAsked) {
  QueriesOptions options;
  options.wait_for_position = absl::Seconds(60);
  Queries q(*d_.log.log, h_.runner(), d_.clock, options);
  RegisterAnother(d_, "sds-pistoia");
  auto c = q.GetConsortium("sds-pistoia", AtPosition(Last()));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->header.log_position(), Last());
}

TEST_F(QueriesTest, NothingAnswersWhileTheFirstVersionIsBuilt) {
  Mutex mu;
  CondVar cv;
  bool release = false;
  projection::ProjectionRunnerOptions options;
  options.before_write = [&](const std::string&) {
    MutexLock lock(&mu);
    cv.Wait(lock, [&] { return release; });
    return absl::OkStatus();
  };
  ReadModelHarness fresh(*d_.log.log, d_.clock, options);
  auto building = fresh.queries().GetConsortium(d_.id, Latest());
  EXPECT_EQ(building.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ErrorReason(building.status()), kReadModelBuilding);
  {
    MutexLock lock(&mu);
    release = true;
    cv.SignalAll();
  }
  fresh.Sync();
  EXPECT_TRUE(fresh.queries().GetConsortium(d_.id, Latest()).ok());
}

TEST_F(QueriesTest, PagesReadTheStateOfTheFirstPage) {
  RegisterAnother(d_, "aaa-first");
  RegisterAnother(d_, "zzz-last");
  h_.Sync();
  const uint64_t first_position = Last();
  PageRequest page;
  page.page_size = 1;
  auto p1 = h_.queries().ListConsortia(Latest(), page);
  ASSERT_TRUE(p1.ok());
  ASSERT_EQ(p1->items.size(), 1u);
  EXPECT_EQ(p1->items[0].profile().consortium_id(), "aaa-first");
  ASSERT_FALSE(p1->next_page_token.empty());
  // The log grows between pages.
  RegisterAnother(d_, "mmm-middle");
  h_.Sync();
  std::vector<std::string> seen = {"aaa-first"};
  page.page_token = p1->next_page_token;
  while (!page.page_token.empty()) {
    auto p = h_.queries().ListConsortia(Latest(), page);
    ASSERT_TRUE(p.ok()) << p.status();
    EXPECT_EQ(p->header.log_position(), first_position);
    for (const auto& c : p->items) seen.push_back(c.profile().consortium_id());
    page.page_token = p->next_page_token;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"aaa-first", d_.id, "zzz-last"}));
  // A token belongs to its query.
  PageRequest other;
  other.page_token = p1->next_page_token;
  auto mismatch = h_.queries().ListConsortia(testing::InForceOn(CivilDay(2026, 1, 1)), other);
  EXPECT_EQ(mismatch.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorMetadata(mismatch.status())["field"], "page_token");
  auto fresh = h_.queries().ListConsortia(Latest(), {});
  EXPECT_EQ(fresh->items.size(), 4u);
  EXPECT_TRUE(fresh->next_page_token.empty());
}

TEST(PageTokenTest, RoundTripsAndRefusesOtherQueries) {
  const std::string t = EncodePageToken("q1", 42, "deliberation/x/p-1");
  auto back = DecodePageToken(t, "q1");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->position, 42u);
  EXPECT_EQ(back->resume, "deliberation/x/p-1");
  EXPECT_EQ(DecodePageToken(t, "q2").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodePageToken("bm9wZQ", "q1").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace concordia::readmodel
