// The projection runner: exactly once, crash-safe, rebuild without downtime,
// live equals rebuilt, as-of equals prefix replay.
#include "engine/projection/projection_runner.h"

#include <map>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::projection {
namespace {

using log::ExpectedVersion;
using log::testing::MakeEvent;

// Counts events per stream ("count/<stream>"), times `factor`; an event of
// type "Reset" deletes the stream's entity.
class CountingProjection : public Projection {
 public:
  explicit CountingProjection(int version = 1, int factor = 1)
      : version_(version), factor_(factor) {}
  std::string name() const override { return "counts"; }
  int version() const override { return version_; }
  bool Wants(const log::Record& r) const override {
    return r.stream.rfind("c/", 0) == 0;
  }
  absl::Status Apply(const log::Record& r, EntityWriter& w) override {
    if (gate_ != nullptr) gate_(r);
    const std::string key = "count/" + r.stream;
    if (r.type == "Reset") {
      w.Delete(key);
      return absl::OkStatus();
    }
    auto current = w.Get(key);
    if (!current.ok()) return current.status();
    int64_t n = 0;
    if (current->has_value()) absl::SimpleAtoi(**current, &n);
    w.Put(key, absl::StrCat(n + factor_));
    return absl::OkStatus();
  }
  // Called before each Apply (lets a test hold a rebuild).
  std::function<void(const log::Record&)> gate_;

 private:
  const int version_;
  const int factor_;
};

// The expected count of `stream` after applying every record up to `p`.
std::optional<int64_t> ReplayPrefix(log::EventLog& log,
                                    const std::string& stream, uint64_t p,
                                    int factor = 1) {
  std::optional<int64_t> n;
  auto records = log.ReadAll(1, p, log::RecordFilter{stream, {}}, 0, nullptr);
  for (const log::Record& r : *records) {
    if (r.position > p || r.stream != stream) continue;
    if (r.type == "Reset") {
      n.reset();
    } else {
      n = n.value_or(0) + factor;
    }
  }
  return n;
}

std::map<std::string, std::string> Dump(ProjectionStore& store,
                                        const std::string& name, int version) {
  std::map<std::string, std::string> out;
  auto cf = store.Slot(name, version);
  std::unique_ptr<rocksdb::Iterator> it(
      store.db()->NewIterator(rocksdb::ReadOptions(), *cf));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    out[it->key().ToString()] = it->value().ToString();
  }
  return out;
}

class ProjectionRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = log::testing::FreshDir("projections");
    OpenStore();
  }
  void OpenStore() {
    store_.reset();
    auto s = ProjectionStore::Open(dir_);
    ASSERT_TRUE(s.ok()) << s.status();
    store_ = *std::move(s);
  }
  void Append(int seed, const std::string& stream,
              const std::string& type = "Add") {
    ASSERT_TRUE(t_.log->Append(stream, ExpectedVersion::Any(),
                               {MakeEvent(seed, type)})
                    .ok());
  }
  int64_t Current(ProjectionRunner& runner, const std::string& stream) {
    auto view = runner.View("counts");
    EXPECT_TRUE(view.ok()) << view.status();
    auto v = (*view)->Get("count/" + stream, UINT64_MAX);
    EXPECT_TRUE(v.ok());
    if (!v->has_value()) return -1;
    int64_t n = 0;
    EXPECT_TRUE(absl::SimpleAtoi((*v)->value, &n));
    return n;
  }

  log::testing::TestLog t_;
  std::string dir_;
  std::unique_ptr<ProjectionStore> store_;
};

TEST_F(ProjectionRunnerTest, FollowsTheLogAndStatesItsPosition) {
  for (int i = 1; i <= 10; ++i) Append(i, i % 2 ? "c/a" : "c/b");
  Append(11, "other/x");
  CountingProjection p;
  ProjectionRunner runner(*t_.log, *store_, {&p});
  ASSERT_TRUE(runner.Start().ok());
  ASSERT_TRUE(runner.WaitFor("counts", 11, absl::Seconds(30)).ok());
  EXPECT_EQ(Current(runner, "c/a"), 5);
  EXPECT_EQ(Current(runner, "c/b"), 5);
  Append(12, "c/a");
  ASSERT_TRUE(runner.WaitFor("counts", 12, absl::Seconds(30)).ok());
  EXPECT_EQ(Current(runner, "c/a"), 6);
  auto view = runner.View("counts");
  EXPECT_EQ((*view)->position(), 12u);
  EXPECT_EQ(runner.View("nope").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(ProjectionRunnerTest, ResumesFromItsCheckpointExactlyOnce) {
  CountingProjection p;
  {
    for (int i = 1; i <= 5; ++i) Append(i, "c/a");
    ProjectionRunner runner(*t_.log, *store_, {&p});
    ASSERT_TRUE(runner.Start().ok());
    ASSERT_TRUE(runner.WaitFor("counts", 5, absl::Seconds(30)).ok());
  }
  for (int i = 6; i <= 8; ++i) Append(i, "c/a");
  OpenStore();
  ProjectionRunner runner(*t_.log, *store_, {&p});
  ASSERT_TRUE(runner.Start().ok());
  ASSERT_TRUE(runner.WaitFor("counts", 8, absl::Seconds(30)).ok());
  EXPECT_EQ(Current(runner, "c/a"), 8);
}

TEST_F(ProjectionRunnerTest, AFailedWriteBetweenUpdateAndCheckpointIsSurvived) {
  for (int i = 1; i <= 3; ++i) Append(i, "c/a");
  CountingProjection p;
  {
    ProjectionRunnerOptions options;
    options.batch_records = 1;
    int writes = 0;
    // The second batch's write fails: its update and its checkpoint are lost
    // together, as in a crash before the write reached the disk.
    options.before_write = [&writes](const std::string&) {
      return ++writes == 2 ? absl::UnavailableError("disk gone (injected)")
                           : absl::OkStatus();
    };
    ProjectionRunner runner(*t_.log, *store_, {&p}, options);
    ASSERT_TRUE(runner.Start().ok());
    EXPECT_EQ(runner.WaitFor("counts", 3, absl::Seconds(30)).code(),
              absl::StatusCode::kUnavailable);
    auto status = runner.Status();
    EXPECT_EQ(status[0].checkpoint, 1u);
    EXPECT_FALSE(status[0].error.ok());
  }
  OpenStore();
  ProjectionRunner runner(*t_.log, *store_, {&p});
  ASSERT_TRUE(runner.Start().ok());
  ASSERT_TRUE(runner.WaitFor("counts", 3, absl::Seconds(30)).ok());
  EXPECT_EQ(Current(runner, "c/a"), 3);  // neither 2 (skipped) nor 4 (twice)
}

TEST_F(ProjectionRunnerTest, AVersionBumpRebuildsWithoutDowntime) {
  for (int i = 1; i <= 20; ++i) Append(i, "c/a");
  {
    CountingProjection v1(1, 1);
    ProjectionRunner runner(*t_.log, *store_, {&v1});
    ASSERT_TRUE(runner.Start().ok());
    ASSERT_TRUE(runner.WaitFor("counts", 20, absl::Seconds(30)).ok());
  }
  // Version 2 counts tens. Hold its rebuild half-way to look at the store.
  CountingProjection v2(2, 10);
  Mutex mu;
  CondVar cv;
  bool held = false, release = false;
  v2.gate_ = [&](const log::Record& r) {
    if (r.position != 10) return;
    MutexLock lock(&mu);
    held = true;
    cv.SignalAll();
    cv.Wait(lock, [&] { return release; });
  };
  ProjectionRunnerOptions options;
  options.batch_records = 5;
  ProjectionRunner runner(*t_.log, *store_, {&v2}, options);
  ASSERT_TRUE(runner.Start().ok());
  {
    MutexLock lock(&mu);
    cv.Wait(lock, [&] { return held; });
  }
  // Still answering, from version 1, and saying which position it reflects.
  EXPECT_EQ(Current(runner, "c/a"), 20);
  EXPECT_EQ((*runner.View("counts"))->position(), 20u);
  EXPECT_TRUE(runner.Status()[0].rebuilding);
  // A view opened on version 1 before the switch.
  auto old_view = runner.View("counts");
  ASSERT_TRUE(old_view.ok());
  {
    MutexLock lock(&mu);
    release = true;
    cv.SignalAll();
  }
  ASSERT_TRUE(runner.WaitFor("counts", 20, absl::Seconds(30)).ok());
  EXPECT_EQ(Current(runner, "c/a"), 200);
  // ...stays readable after version 1 was dropped.
  auto old_value = (*old_view)->Get("count/c/a", UINT64_MAX);
  ASSERT_TRUE(old_value.ok()) << old_value.status();
  ASSERT_TRUE(old_value->has_value());
  EXPECT_EQ((*old_value)->value, "20");
  old_view->reset();
  EXPECT_FALSE(runner.Status()[0].rebuilding);
  EXPECT_EQ(*store_->ActiveVersion("counts"), std::optional<int>(2));
  EXPECT_EQ(store_->Versions("counts"), std::vector<int>{2});
}

TEST_F(ProjectionRunnerTest, LiveEqualsRebuiltAndAsOfEqualsPrefixReplay) {
  std::mt19937_64 rng(424242);
  CountingProjection live(1);
  ProjectionRunner runner(*t_.log, *store_, {&live});
  ASSERT_TRUE(runner.Start().ok());
  const std::vector<std::string> streams = {"c/a", "c/b", "c/c", "x/z"};
  for (int i = 1; i <= 400; ++i) {
    const std::string& s = streams[rng() % streams.size()];
    Append(i, s, rng() % 10 == 0 ? "Reset" : "Add");
  }
  const uint64_t last = t_.log->LastPosition();
  ASSERT_TRUE(runner.WaitFor("counts", last, absl::Seconds(30)).ok());

  // Rebuild the same version from scratch in a second store.
  auto other = ProjectionStore::Open(log::testing::FreshDir("rebuilt"));
  ASSERT_TRUE(other.ok());
  CountingProjection rebuilt(1);
  ProjectionRunner runner2(*t_.log, **other, {&rebuilt});
  ASSERT_TRUE(runner2.Start().ok());
  ASSERT_TRUE(runner2.WaitFor("counts", last, absl::Seconds(30)).ok());
  EXPECT_EQ(Dump(*store_, "counts", 1), Dump(**other, "counts", 1));

  // As of random positions: equal to replaying only the prefix.
  auto view = runner.View("counts");
  ASSERT_TRUE(view.ok());
  for (int k = 0; k < 200; ++k) {
    const uint64_t p = rng() % (last + 1);
    for (const std::string s : {"c/a", "c/b", "c/c"}) {
      auto got = (*view)->Get("count/" + s, p);
      ASSERT_TRUE(got.ok());
      std::optional<int64_t> want = ReplayPrefix(*t_.log, s, p);
      ASSERT_EQ(got->has_value(), want.has_value()) << s << " at " << p;
      if (want.has_value()) {
        EXPECT_EQ((*got)->value, absl::StrCat(*want)) << s << " at " << p;
        EXPECT_LE((*got)->position, p);
      }
    }
    // Scans as of p list exactly the entities that existed then.
    auto scan = (*view)->Scan("count/", p, "", 100);
    ASSERT_TRUE(scan.ok());
    size_t existing = 0;
    for (const std::string s : {"c/a", "c/b", "c/c"}) {
      if (ReplayPrefix(*t_.log, s, p).has_value()) ++existing;
    }
    EXPECT_EQ(scan->size(), existing) << "at " << p;
  }
}

TEST_F(ProjectionRunnerTest, HistoryAndPagedScans) {
  Append(1, "c/a");
  Append(2, "c/b");
  Append(3, "c/a");
  Append(4, "c/a", "Reset");
  Append(5, "c/c");
  CountingProjection p;
  ProjectionRunner runner(*t_.log, *store_, {&p});
  ASSERT_TRUE(runner.Start().ok());
  ASSERT_TRUE(runner.WaitFor("counts", 5, absl::Seconds(30)).ok());
  auto view = *runner.View("counts");
  std::vector<std::tuple<uint64_t, bool, std::string>> history;
  ASSERT_TRUE(view->History("count/c/a", [&](uint64_t pos, bool del,
                                              absl::string_view v) {
                     history.emplace_back(pos, del, std::string(v));
                   }).ok());
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0], std::make_tuple(uint64_t{1}, false, std::string("1")));
  EXPECT_EQ(history[1], std::make_tuple(uint64_t{3}, false, std::string("2")));
  EXPECT_EQ(std::get<1>(history[2]), true);
  auto page1 = view->Scan("count/", UINT64_MAX, "", 1);
  ASSERT_EQ(page1->size(), 1u);
  EXPECT_EQ((*page1)[0].key, "count/c/b");
  auto page2 = view->Scan("count/", UINT64_MAX, (*page1)[0].key, 10);
  ASSERT_EQ(page2->size(), 1u);
  EXPECT_EQ((*page2)[0].key, "count/c/c");
  // In the past, c/a existed.
  auto past = view->Scan("count/", 3, "", 10);
  ASSERT_EQ(past->size(), 2u);
  EXPECT_EQ((*past)[0].key, "count/c/a");
  EXPECT_EQ((*past)[0].value, "2");
  auto past2 = view->Scan("count/", 3, "count/c/a", 10);
  ASSERT_EQ(past2->size(), 1u);
  EXPECT_EQ((*past2)[0].key, "count/c/b");
}

// Fails on one position; otherwise counts like CountingProjection.
class FailingProjection : public CountingProjection {
 public:
  explicit FailingProjection(uint64_t fail_at) : fail_at_(fail_at) {}
  std::string name() const override { return "failing"; }
  absl::Status Apply(const log::Record& r, EntityWriter& w) override {
    if (r.position == fail_at_) return absl::InternalError("broken (test)");
    return CountingProjection::Apply(r, w);
  }

 private:
  const uint64_t fail_at_;
};

TEST_F(ProjectionRunnerTest, AFailingProjectionStopsAloneAndKeepsItsPrefix) {
  for (int i = 1; i <= 30; ++i) Append(i, "c/a");
  CountingProjection counts;
  FailingProjection failing(17);
  ProjectionRunnerOptions options;
  options.batch_records = 4;
  options.bulk_records = 0;  // batch by batch (bulk chunks: below)
  ProjectionRunner runner(*t_.log, *store_, {&counts, &failing}, options);
  ASSERT_TRUE(runner.Start().ok());
  ASSERT_TRUE(runner.WaitFor("counts", 30, absl::Seconds(30)).ok());
  EXPECT_EQ(Current(runner, "c/a"), 30);
  const absl::Status failed = runner.WaitFor("failing", 30, absl::Seconds(30));
  EXPECT_EQ(failed.code(), absl::StatusCode::kInternal);
  EXPECT_NE(failed.message().find("position 17"), absl::string_view::npos)
      << failed;
  // The batch holding position 17 (13..16 went before) was not written.
  EXPECT_EQ(*store_->Checkpoint("failing", 1), 16u);
  auto status = runner.Status();
  ASSERT_EQ(status.size(), 2u);
  EXPECT_TRUE(status[0].error.ok());
  EXPECT_FALSE(status[1].error.ok());
}

TEST_F(ProjectionRunnerTest, TwoProjectionsMayNotShareAName) {
  CountingProjection a, b;
  ProjectionRunner runner(*t_.log, *store_, {&a, &b});
  EXPECT_EQ(runner.Start().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ProjectionRunnerTest, ARebuildReportsItsProgressUntilTheSwitch) {
  for (int i = 1; i <= 40; ++i) Append(i, "c/a");
  {
    CountingProjection v1(1, 1);
    ProjectionRunner runner(*t_.log, *store_, {&v1});
    ASSERT_TRUE(runner.Start().ok());
    ASSERT_TRUE(runner.WaitFor("counts", 40, absl::Seconds(30)).ok());
  }
  CountingProjection v2(2, 10);
  Mutex mu;
  std::vector<ProjectionStatus> reports;
  ProjectionRunnerOptions options;
  options.batch_records = 8;
  options.on_progress = [&](const ProjectionStatus& s) {
    MutexLock lock(&mu);
    reports.push_back(s);
  };
  ProjectionRunner runner(*t_.log, *store_, {&v2}, options);
  ASSERT_TRUE(runner.Start().ok());
  ASSERT_TRUE(runner.WaitFor("counts", 40, absl::Seconds(30)).ok());
  MutexLock lock(&mu);
  // 8, 16, 24, 32 while version 1 still answers; then the switch at 40.
  ASSERT_EQ(reports.size(), 5u);
  for (size_t i = 0; i + 1 < reports.size(); ++i) {
    EXPECT_EQ(reports[i].checkpoint, 8 * (i + 1));
    EXPECT_EQ(reports[i].log_position, 40u);
    EXPECT_TRUE(reports[i].rebuilding);
    EXPECT_EQ(reports[i].active, std::optional<int>(1));
    EXPECT_DOUBLE_EQ(reports[i].progress(), 0.2 * (i + 1));
  }
  EXPECT_FALSE(reports.back().rebuilding);
  EXPECT_EQ(reports.back().active, std::optional<int>(2));
  EXPECT_DOUBLE_EQ(reports.back().progress(), 1.0);
}

TEST_F(ProjectionRunnerTest, HistoryPagesAreBoundedByPositionAndLimit) {
  for (int i = 1; i <= 9; ++i) Append(i, "c/a");
  CountingProjection p;
  ProjectionRunner runner(*t_.log, *store_, {&p});
  ASSERT_TRUE(runner.Start().ok());
  ASSERT_TRUE(runner.WaitFor("counts", 9, absl::Seconds(30)).ok());
  auto view = *runner.View("counts");
  auto first = view->HistoryPage("count/c/a", 0, UINT64_MAX, 4);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 4u);
  EXPECT_EQ((*first)[0].position, 1u);
  EXPECT_EQ((*first)[3].value, "4");
  auto next = view->HistoryPage("count/c/a", (*first)[3].position, 6, 10);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 2u);  // positions 5 and 6 only: as of 6
  EXPECT_EQ((*next)[1].position, 6u);
  EXPECT_TRUE(view->HistoryPage("count/c/a", 9, UINT64_MAX, 10)->empty());
  EXPECT_TRUE(view->HistoryPage("count/c/b", 0, UINT64_MAX, 10)->empty());
}

TEST_F(ProjectionRunnerTest, ABulkBuildEqualsABatchBuildAndSurvivesAFailedChunk) {
  std::mt19937_64 rng(77);
  const std::vector<std::string> streams = {"c/a", "c/b", "c/c", "x/z"};
  for (int i = 1; i <= 300; ++i) {
    Append(i, streams[rng() % streams.size()], rng() % 10 == 0 ? "Reset" : "Add");
  }
  // Batch by batch.
  CountingProjection batched;
  {
    ProjectionRunnerOptions options;
    options.bulk_records = 0;
    options.batch_records = 16;
    ProjectionRunner runner(*t_.log, *store_, {&batched}, options);
    ASSERT_TRUE(runner.Start().ok());
    ASSERT_TRUE(runner.WaitFor("counts", 300, absl::Seconds(30)).ok());
  }
  // In bulk chunks of 50 records; the third chunk's ingestion fails once.
  auto other = ProjectionStore::Open(log::testing::FreshDir("bulk"));
  ASSERT_TRUE(other.ok());
  CountingProjection bulk;
  {
    ProjectionRunnerOptions options;
    options.bulk_records = 50;
    options.batch_records = 16;
    int writes = 0;
    options.before_write = [&writes](const std::string&) {
      return ++writes == 3 ? absl::UnavailableError("disk gone (injected)")
                           : absl::OkStatus();
    };
    ProjectionRunner runner(*t_.log, **other, {&bulk}, options);
    ASSERT_TRUE(runner.Start().ok());
    EXPECT_EQ(runner.WaitFor("counts", 300, absl::Seconds(30)).code(),
              absl::StatusCode::kUnavailable);
  }
  // Two chunks made it: the checkpoint is where the second one ended.
  const uint64_t durable = *(*other)->Checkpoint("counts", 1);
  EXPECT_GE(durable, 100u);
  EXPECT_LT(durable, 200u);
  EXPECT_EQ(durable % 16, 0u);
  {
    ProjectionRunnerOptions options;
    options.bulk_records = 50;
    options.batch_records = 16;
    ProjectionRunner runner(*t_.log, **other, {&bulk}, options);
    ASSERT_TRUE(runner.Start().ok());
    ASSERT_TRUE(runner.WaitFor("counts", 300, absl::Seconds(30)).ok());
  }
  EXPECT_EQ(Dump(*store_, "counts", 1), Dump(**other, "counts", 1));
}

// Counts only events of type "Add", and says so.
class TypedProjection : public CountingProjection {
 public:
  std::string name() const override { return "typed"; }
  bool Wants(const log::Record& r) const override {
    return r.type == "Add" && CountingProjection::Wants(r);
  }
  std::optional<std::vector<std::string>> EventTypes() const override {
    return std::vector<std::string>{"Add"};
  }
};

TEST_F(ProjectionRunnerTest, ACohortReadsOnlyTheTypesItsProjectionsName) {
  for (int i = 1; i <= 30; ++i) Append(i, "c/a", i % 3 == 0 ? "Add" : "Other");
  TypedProjection typed;
  ProjectionRunnerOptions options;
  options.batch_records = 4;
  int records = 0;
  typed.gate_ = [&records](const log::Record& r) {
    EXPECT_EQ(r.type, "Add");
    ++records;
  };
  ProjectionRunner runner(*t_.log, *store_, {&typed}, options);
  ASSERT_TRUE(runner.Start().ok());
  // The checkpoint passes the records nobody asked for.
  ASSERT_TRUE(runner.WaitFor("typed", 30, absl::Seconds(30)).ok());
  EXPECT_EQ(records, 10);
  auto view = runner.View("typed");
  auto v = (*view)->Get("count/c/a", UINT64_MAX);
  ASSERT_TRUE(v.ok() && v->has_value());
  EXPECT_EQ((*v)->value, "10");
  EXPECT_EQ((*view)->position(), 30u);
}

// The cohort's projections share one store write per batch; a projection
// whose write is refused is left out of it and stops alone, and the others'
// updates and checkpoints in the same write are kept.
TEST_F(ProjectionRunnerTest, ARefusedWriteLeavesTheSharedBatchToTheOthers) {
  for (int i = 1; i <= 30; ++i) Append(i, "c/a", i % 3 == 0 ? "Add" : "Other");
  CountingProjection counts;
  TypedProjection typed;
  ProjectionRunnerOptions options;
  options.batch_records = 4;
  options.bulk_records = 0;  // batch by batch
  int typed_writes = 0;
  options.before_write = [&typed_writes](const std::string& name) {
    if (name != "typed") return absl::OkStatus();
    return ++typed_writes == 2 ? absl::UnavailableError("disk gone (injected)")
                               : absl::OkStatus();
  };
  {
    ProjectionRunner runner(*t_.log, *store_, {&counts, &typed}, options);
    ASSERT_TRUE(runner.Start().ok());
    ASSERT_TRUE(runner.WaitFor("counts", 30, absl::Seconds(30)).ok());
    EXPECT_EQ(runner.WaitFor("typed", 30, absl::Seconds(30)).code(),
              absl::StatusCode::kUnavailable);
  }
  // Only the first batch (positions 1..4) reached typed's column family.
  EXPECT_EQ(*store_->Checkpoint("typed", 1), 4u);
  EXPECT_EQ(*store_->Checkpoint("counts", 1), 30u);
  OpenStore();
  ProjectionRunner runner(*t_.log, *store_, {&counts, &typed});
  ASSERT_TRUE(runner.Start().ok());
  ASSERT_TRUE(runner.WaitFor("typed", 30, absl::Seconds(30)).ok());
  EXPECT_EQ(Current(runner, "c/a"), 30);
  auto view = runner.View("typed");
  ASSERT_TRUE(view.ok());
  auto v = (*view)->Get("count/c/a", UINT64_MAX);
  ASSERT_TRUE(v.ok() && v->has_value());
  EXPECT_EQ((*v)->value, "10");  // resumed after 4: nothing twice, nothing lost
  auto at4 = (*view)->Get("count/c/a", 4);
  ASSERT_TRUE(at4.ok() && at4->has_value());
  EXPECT_EQ((*at4)->value, "1");
}

}  // namespace
}  // namespace concordia::projection
