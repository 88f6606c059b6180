// Private to tests/bench: the simulation behind WriteSyntheticHistory
// (synthetic_history.h), shared by its two source files.
//
// Thread-safety: one simulation per thread.
#ifndef CONCORDIA_TESTS_BENCH_SYNTHETIC_SIMULATION_H_
#define CONCORDIA_TESTS_BENCH_SYNTHETIC_SIMULATION_H_

#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "concordia/v1/governance.pb.h"
#include "concordia/v1/project_events.pb.h"
#include "concordia/v1/session_events.pb.h"
#include "engine/calendar/calendar.h"
#include "google/protobuf/util/time_util.h"
#include "tests/bench/synthetic_history.h"

namespace concordia::bench::synthetic {

using google::protobuf::Message;

inline google::protobuf::Timestamp Ts(absl::Time t) {
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(t));
}

inline v1::Fraction F(int64_t n, int64_t d, bool strict) {
  v1::Fraction f;
  f.set_numerator(n);
  f.set_denominator(d);
  f.set_strict(strict);
  return f;
}

// A statute like most social districts': quorum over half the shares and of
// the members, absolute majority of the votanti's shares, executive ten days
// from the start of fifteen days on the albo.
v1::Statute MakeStatute(int publication_days);

// Largest-remainder rounding of populations to shares summing to 1000.
std::map<std::string, int32_t> SharesByPopulation(
    const std::vector<std::string>& members, const std::vector<int64_t>& pop);

struct Proposal {
  std::string id;
  std::string title;
  bool adopted = false;
  int year = 0;
  int number = 0;
  absl::CivilDay executive_on;
};

// A funded project of the simulation (domain II).
struct SimProject {
  std::string id;
  absl::CivilDay starts_on;
  absl::CivilDay ends_on;
  std::vector<std::string> participants;
  std::vector<v1::ReportScheduled> reports;  // not submitted yet
  std::vector<std::pair<std::string, int64_t>> unallocated;  // id, members' part
  int expenses = 0;
  int allocations = 0;
};

struct Consortium {
  std::string id;
  std::vector<std::string> members;
  std::map<std::string, int32_t> shares;
  std::map<std::string, std::string> representative;  // member → person
  int statute_versions = 1;
  int sessions = 0;
  int proposals = 0;
  std::map<int, int> register_last;  // year → last number
  std::vector<Proposal> executive;   // adopted and executive, oldest first
  // Domain II (synthetic_cooperation.cc).
  std::map<std::pair<std::string, int>, bool> delegated;  // member, function
  int programme_year = 0;  // the last year a purchasing programme covers
  int programmes = 0;
  int needs_year = 0;      // the last year whose needs were collected
  std::vector<SimProject> projects;
  int project_count = 0;
};

class Simulation {
 public:
  Simulation(log::EventLog& log, SimulatedClock& clock,
             const SyntheticOptions& options)
      : log_(log), clock_(clock), options_(options), rng_(options.seed) {}

  absl::StatusOr<SyntheticSummary> Run();

 private:
  struct Action {
    absl::Time at;
    uint64_t seq;
    std::function<absl::Status()> run;
    bool operator>(const Action& o) const {
      return at != o.at ? at > o.at : seq > o.seq;
    }
  };

  void Schedule(absl::Time at, std::function<absl::Status()> run) {
    queue_.push(Action{at, ++seq_, std::move(run)});
  }
  int Uniform(int lo, int hi) {
    return lo + static_cast<int>(rng_() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(int percent) { return static_cast<int>(rng_() % 100) < percent; }
  absl::CivilDay Today() const { return calendar::RomeDay(clock_.Now()); }

  // Appends `events` to `stream` as one batch (split at the log's limit).
  absl::Status Append(const std::string& stream,
                      const std::vector<const Message*>& events,
                      const std::string& principal, absl::Time effective,
                      uint64_t* first_position = nullptr);

  absl::Status Register(Consortium& c, int index);
  absl::Status Cycle(Consortium& c);
  absl::Status Hold(Consortium& c, const std::string& session,
                    absl::Time when, std::vector<v1::AgendaItem> items,
                    std::string revokes);
  absl::Status Publish(Consortium& c, std::vector<Proposal> adopted);
  absl::Status Executive(Consortium& c, const Proposal& p);
  absl::Status Occasional(Consortium& c);
  // Domain II (synthetic_cooperation.cc): delegations, programmes, needs,
  // projects, one cycle's worth.
  absl::Status Cooperation(Consortium& c);
  absl::Status Delegations(Consortium& c);
  absl::Status DraftProgramme(Consortium& c, int first_year);
  absl::Status CollectNeeds(Consortium& c, int year);
  absl::Status RegisterProject(Consortium& c);
  absl::Status ProjectActivity(Consortium& c, SimProject& p);

  log::EventLog& log_;
  SimulatedClock& clock_;
  const SyntheticOptions options_;
  std::mt19937_64 rng_;
  std::priority_queue<Action, std::vector<Action>, std::greater<Action>>
      queue_;
  uint64_t seq_ = 0;
  uint64_t next_id_ = 0;
  std::vector<std::unique_ptr<Consortium>> consortia_;
  SyntheticSummary summary_;
};

}  // namespace concordia::bench::synthetic

#endif  // CONCORDIA_TESTS_BENCH_SYNTHETIC_SIMULATION_H_
