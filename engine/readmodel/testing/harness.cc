#include "engine/readmodel/testing/harness.h"

#include "engine/domain/core/dates.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::readmodel::testing {

ReadModelHarness::ReadModelHarness(log::EventLog& log, const Clock& clock,
                                   projection::ProjectionRunnerOptions options,
                                   std::string dir)
    : log_(log),
      clock_(clock),
      dir_(dir.empty() ? log::testing::FreshDir("projections") : dir) {
  Restart(std::move(options));
}

ReadModelHarness::~ReadModelHarness() { Shutdown(); }

void ReadModelHarness::Shutdown() {
  queries_.reset();
  runner_.reset();
  store_.reset();
}

void ReadModelHarness::Restart(projection::ProjectionRunnerOptions options) {
  Shutdown();
  auto store = projection::ProjectionStore::Open(dir_);
  ASSERT_TRUE(store.ok()) << store.status();
  store_ = *std::move(store);
  runner_ = std::make_unique<projection::ProjectionRunner>(
      log_, *store_, models_.projections(), std::move(options));
  ASSERT_TRUE(runner_->Start().ok());
  queries_ = std::make_unique<Queries>(log_, *runner_, clock_);
}

void ReadModelHarness::Sync() {
  const absl::Status s =
      runner_->WaitForAll(log_.LastPosition(), absl::Seconds(60));
  ASSERT_TRUE(s.ok()) << s;
}

std::map<std::string, std::map<std::string, std::string>> DumpStore(
    projection::ProjectionStore& store,
    const std::vector<projection::Projection*>& projections) {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (projection::Projection* p : projections) {
    auto cf = store.Slot(p->name(), p->version());
    if (!cf.ok()) {
      ADD_FAILURE() << cf.status();
      return {};
    }
    auto& dump = out[projection::SlotName(p->name(), p->version())];
    std::unique_ptr<rocksdb::Iterator> it(
        store.db()->NewIterator(rocksdb::ReadOptions(), *cf));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      dump[it->key().ToString()] = it->value().ToString();
    }
    auto active = store.ActiveVersion(p->name());
    if (active.ok() && active->has_value()) {
      out["active"][p->name()] = std::to_string(**active);
    }
  }
  return out;
}

v1::AsOf Latest() { return v1::AsOf(); }

v1::AsOf AtPosition(uint64_t position) {
  v1::AsOf a;
  a.set_position(position);
  return a;
}

v1::AsOf InForceOn(absl::CivilDay day) {
  v1::AsOf a;
  *a.mutable_in_force_on() = domain::ToDate(day);
  return a;
}

v1::AsOf AtPositionInForceOn(uint64_t position, absl::CivilDay day) {
  v1::AsOf a = InForceOn(day);
  a.set_position(position);
  return a;
}

}  // namespace concordia::readmodel::testing
