// Projection: a versioned, deterministic function from log records to a read
// model — and the bitemporal entity store it writes to.
//
// A projection keeps entities (a deliberation, an accord, a member's share
// history...) under string keys. Every change to an entity is written as a new
// version tagged with the position of the record that caused it, so the read
// model answers both "now" and "as the system knew it at position P" without
// replaying the log. Legal (effective) time is data inside the entity's value
// (e.g. executive_at, valid_from/valid_to), interpreted by the query: "as in
// force on date D" is the version known at P read at D. See FORMAT.md.
//
// Projections must be deterministic: the same records give the same bytes
// (no clock, no randomness, deterministic serialization), which is what makes
// rebuilt read models equal to live ones byte for byte.
//
// Thread-safety: Apply is called from one thread per projection instance.
//
// Example:
//   class DeliberationsProjection : public Projection {
//     std::string name() const override { return "deliberations"; }
//     int version() const override { return 3; }
//     bool Wants(const log::Record& r) const override {
//       return absl::StrContains(r.stream, "/deliberation/");
//     }
//     absl::Status Apply(const log::Record& r, EntityWriter& w) override {
//       ... w.Put("deliberation/" + id, state.SerializeAsString()); ...
//     }
//   };
#ifndef CONCORDIA_ENGINE_PROJECTION_PROJECTION_H_
#define CONCORDIA_ENGINE_PROJECTION_PROJECTION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/log/types.h"

namespace concordia::projection {

// Reads and writes entities while one record is applied. Reads see the
// writes already made for earlier records and for this one.
class EntityWriter {
 public:
  virtual ~EntityWriter() = default;
  // The entity's current value; nullopt when it does not exist.
  virtual absl::StatusOr<std::optional<std::string>> Get(
      absl::string_view key) = 0;
  // Calls `fn` with the entity's current value (valid during the call) and
  // returns true; false, without calling it, when the entity does not
  // exist. Unlike Get, a writer may answer without copying the value out
  // (the default asks Get).
  virtual absl::StatusOr<bool> Read(
      absl::string_view key, absl::FunctionRef<void(absl::string_view)> fn) {
    absl::StatusOr<std::optional<std::string>> v = Get(key);
    if (!v.ok()) return v.status();
    if (!v->has_value()) return false;
    fn(**v);
    return true;
  }
  // Whether the entity exists and its current value is exactly `bytes`: a
  // cache's check that it still matches the store.
  absl::StatusOr<bool> Holds(absl::string_view key, absl::string_view bytes) {
    bool same = false;
    absl::StatusOr<bool> found =
        Read(key, [&](absl::string_view v) { same = v == bytes; });
    if (!found.ok()) return found.status();
    return *found && same;
  }
  // Sets the entity's value from the current record's position on.
  virtual void Put(absl::string_view key, absl::string_view value) = 0;
  // Removes the entity from the current record's position on (its history
  // stays readable as of earlier positions).
  virtual void Delete(absl::string_view key) = 0;
};

class Projection {
 public:
  virtual ~Projection() = default;
  // A stable name: [a-z0-9_]+.
  virtual std::string name() const = 0;
  // Bumped whenever Apply's output changes; a new version is rebuilt from
  // position 1 in the background while the old one keeps answering.
  virtual int version() const = 0;
  // Whether the projection looks at this record at all (cheap filter).
  virtual bool Wants(const log::Record& record) const = 0;
  // The only event types Wants may accept, if the projection knows them
  // (nullopt: any). The runner then asks the log for these types alone, so
  // records no projection of a cohort wants are not even decoded.
  virtual std::optional<std::vector<std::string>> EventTypes() const {
    return std::nullopt;
  }
  // Applies one record. An error stops the projection (it will not skip a
  // record); the error is reported by the runner.
  virtual absl::Status Apply(const log::Record& record,
                             EntityWriter& writer) = 0;
};

}  // namespace concordia::projection

#endif  // CONCORDIA_ENGINE_PROJECTION_PROJECTION_H_
