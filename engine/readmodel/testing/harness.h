// Test helper: the domain I read models running over a log, in a fresh
// projection store, with their Queries.
//
// Thread-safety: one harness per test.
//
// Example:
//   District d;
//   ReadModelHarness h(*d.log.log, d.clock);
//   d.Register();
//   h.Sync();
//   auto c = h.queries().GetConsortium(d.id, v1::AsOf());
#ifndef CONCORDIA_ENGINE_READMODEL_TESTING_HARNESS_H_
#define CONCORDIA_ENGINE_READMODEL_TESTING_HARNESS_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "concordia/v1/views.pb.h"
#include "engine/common/clock.h"
#include "engine/log/event_log.h"
#include "engine/projection/projection_runner.h"
#include "engine/projection/projection_store.h"
#include "engine/readmodel/queries.h"
#include "engine/readmodel/read_model_set.h"

namespace concordia::readmodel::testing {

class ReadModelHarness {
 public:
  // Opens a store in a fresh directory (or `dir`) and starts the runner.
  ReadModelHarness(log::EventLog& log, const Clock& clock,
                   projection::ProjectionRunnerOptions options = {},
                   std::string dir = "");
  ~ReadModelHarness();

  // Waits until every read model has applied the log's last position.
  void Sync();
  // Stops the runner and closes the store (Restart opens them again).
  void Shutdown();
  void Restart(projection::ProjectionRunnerOptions options = {});

  Queries& queries() { return *queries_; }
  projection::ProjectionRunner& runner() { return *runner_; }
  projection::ProjectionStore& store() { return *store_; }
  // REQUIRES: shut down while the set is changed (the runner uses its
  // projections).
  ReadModelSet& models() { return models_; }
  const std::string& dir() const { return dir_; }

 private:
  log::EventLog& log_;
  const Clock& clock_;
  std::string dir_;
  ReadModelSet models_;
  std::unique_ptr<projection::ProjectionStore> store_;
  std::unique_ptr<projection::ProjectionRunner> runner_;
  std::unique_ptr<Queries> queries_;
};

// Every key and value of the store's column family of each projection's
// code version, by "<name>@v<version>", and the active versions ("active").
// Empty after an error (reported to gtest).
std::map<std::string, std::map<std::string, std::string>> DumpStore(
    projection::ProjectionStore& store,
    const std::vector<projection::Projection*>& projections);

// As-of specs.
v1::AsOf Latest();
v1::AsOf AtPosition(uint64_t position);
v1::AsOf InForceOn(absl::CivilDay day);
v1::AsOf AtPositionInForceOn(uint64_t position, absl::CivilDay day);

}  // namespace concordia::readmodel::testing

#endif  // CONCORDIA_ENGINE_READMODEL_TESTING_HARNESS_H_
