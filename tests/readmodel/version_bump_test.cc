// A read model's version bump rebuilds it from position 1 in the background
// while the previous version keeps answering, reports its progress, catches
// up with events appended meanwhile, and then switches atomically.
#include "engine/common/mutex.h"
#include "engine/readmodel/deliberations_projection.h"
#include "engine/readmodel/keys.h"
#include "engine/readmodel/read_model_projection.h"
#include "engine/readmodel/testing/harness.h"
#include "engine/readmodel/testing/random_history.h"
#include "gtest/gtest.h"

namespace concordia::readmodel {
namespace {

using domain::testing::District;
using testing::DumpStore;
using testing::Latest;
using testing::RandomHistory;
using testing::ReadModelHarness;

// The deliberations read model at version 2 (its code "changed"), which can
// be held at a position to look at the store mid-rebuild.
class DeliberationsV2 : public projection::Projection {
 public:
  explicit DeliberationsV2(std::function<void(const log::Record&)> gate)
      : gate_(std::move(gate)) {}
  std::string name() const override { return inner_.name(); }
  int version() const override { return DeliberationsProjection::kVersion + 1; }
  bool Wants(const log::Record& r) const override { return inner_.Wants(r); }
  absl::Status Apply(const log::Record& r,
                     projection::EntityWriter& w) override {
    gate_(r);
    return inner_.Apply(r, w);
  }

 private:
  DeliberationsProjection inner_;
  std::function<void(const log::Record&)> gate_;
};

std::string Deliberations(Queries& q, const std::string& cid, int* version,
                          uint64_t* position) {
  auto page = q.ListDeliberations(cid, {}, Latest(), {});
  EXPECT_TRUE(page.ok()) << page.status();
  if (!page.ok()) return "";
  *version = page->header.read_model_version();
  *position = page->header.log_position();
  std::string bytes;
  for (const auto& v : page->items) bytes += Serialize(v);
  return bytes;
}

TEST(VersionBumpTest, RebuildsInTheBackgroundAndSwitchesWithoutDowntime) {
  District d;
  RandomHistory history(d, 8);
  ASSERT_TRUE(history.Run(300).ok());
  ReadModelHarness h(*d.log.log, d.clock);
  h.Sync();
  const uint64_t before = d.log.log->LastPosition();
  int version = 0;
  uint64_t position = 0;
  const std::string v1_answer =
      Deliberations(h.queries(), d.id, &version, &position);
  EXPECT_EQ(version, DeliberationsProjection::kVersion);
  EXPECT_EQ(position, before);
  h.Shutdown();

  // Restart with version 2 of the deliberations; hold its rebuild half-way.
  Mutex mu;
  CondVar cv;
  bool held = false, release = false;
  const uint64_t hold_at = before / 2;
  // The first record the deliberations fold at or after hold_at: the one
  // held (records they do not fold never reach the hook).
  uint64_t held_position = 0;
  h.models().Replace(std::make_unique<DeliberationsV2>([&](const log::Record& r) {
    if (r.position < hold_at) return;
    MutexLock lock(&mu);
    if (!held) {
      held = true;
      held_position = r.position;
      cv.SignalAll();
    }
    cv.Wait(lock, [&] { return release; });
  }));
  std::vector<projection::ProjectionStatus> reports;
  projection::ProjectionRunnerOptions options;
  options.batch_records = 16;
  options.on_progress = [&](const projection::ProjectionStatus& s) {
    MutexLock lock(&mu);
    reports.push_back(s);
  };
  h.Restart(options);
  {
    MutexLock lock(&mu);
    cv.Wait(lock, [&] { return held; });
  }
  // Still answering, from version 1, at the position it reflects.
  EXPECT_EQ(Deliberations(h.queries(), d.id, &version, &position), v1_answer);
  EXPECT_EQ(version, DeliberationsProjection::kVersion);
  EXPECT_EQ(position, before);
  for (const auto& s : h.runner().Status()) {
    EXPECT_EQ(s.rebuilding, s.name == kDeliberations) << s.name;
  }
  // The other read models follow the log meanwhile.
  ASSERT_TRUE(history.Run(40).ok());
  const uint64_t after = d.log.log->LastPosition();
  ASSERT_TRUE(h.runner().WaitFor(kRegistry, after, absl::Seconds(60)).ok());
  {
    MutexLock lock(&mu);
    ASSERT_FALSE(reports.empty());
    for (const auto& r : reports) {
      EXPECT_EQ(r.name, kDeliberations);
      EXPECT_EQ(r.active, std::optional<int>(DeliberationsProjection::kVersion));
      EXPECT_LT(r.checkpoint, held_position);
      EXPECT_LT(r.progress(), 1.0);
    }
    release = true;
    cv.SignalAll();
  }
  h.Sync();
  {
    MutexLock lock(&mu);
    EXPECT_EQ(reports.back().active, std::optional<int>(DeliberationsProjection::kVersion + 1));
    EXPECT_FALSE(reports.back().rebuilding);
    EXPECT_EQ(reports.back().checkpoint, after);
  }
  const std::string v2_answer = Deliberations(h.queries(), d.id, &version, &position);
  EXPECT_EQ(version, DeliberationsProjection::kVersion + 1);
  EXPECT_EQ(position, after);
  EXPECT_EQ(h.store().Versions(kDeliberations), std::vector<int>{DeliberationsProjection::kVersion + 1});
  EXPECT_EQ(*h.store().ActiveVersion(kDeliberations), std::optional<int>(DeliberationsProjection::kVersion + 1));
  // Version 2 equals a rebuild from scratch of the same code.
  ReadModelHarness fresh(*d.log.log, d.clock);
  fresh.Shutdown();  // the set changes only while nothing runs it
  fresh.models().Replace(
      std::make_unique<DeliberationsV2>([](const log::Record&) {}));
  fresh.Restart();
  fresh.Sync();
  EXPECT_EQ(Deliberations(fresh.queries(), d.id, &version, &position),
            v2_answer);
  EXPECT_TRUE(DumpStore(h.store(), h.models().projections()) ==
              DumpStore(fresh.store(), fresh.models().projections()));
}

}  // namespace
}  // namespace concordia::readmodel
