// Private to engine/readmodel: the fold step the domain II projections share.
// An entity's stored view is turned back into its aggregate's state, the
// aggregate's own Apply folds the event, and the state's view is stored when
// its bytes changed. A small cache keeps the last state per key, used only
// while the store holds exactly the bytes it was made from (so a failed
// write batch, a rebuild or a crash can never make it answer for another
// state).
//
// Thread-safety: as Projection (one applying thread per projection).
//
// Example:
//   CachedFold<ProgrammeState> programmes_;
//   programmes_.Apply<v1::ProgrammeView>(
//       writer, key, ProgrammeStateOf,
//       [](const ProgrammeState& s) { return Serialize(ProgrammeViewOf(s)); },
//       [&](ProgrammeState& s) { return ApplyProgrammeEvent(s, event, record); },
//       /*creates=*/is_draft, "programme");
#ifndef CONCORDIA_ENGINE_READMODEL_CACHED_FOLD_H_
#define CONCORDIA_ENGINE_READMODEL_CACHED_FOLD_H_

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/projection/projection.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

template <typename State>
class CachedFold {
 public:
  // Folds one event into the entity at `key`. `creates`: the event may be
  // the entity's first (otherwise an absent entity is kDataLoss, naming
  // `what`).
  template <typename View>
  absl::Status Apply(projection::EntityWriter& writer, const std::string& key,
                     State (*state_of)(const View&),
                     const std::function<std::string(const State&)>& serialize,
                     const std::function<absl::Status(State&)>& fold,
                     bool creates, absl::string_view what) {
    // The cached state, while the store still holds the bytes it was made
    // from (checked without copying them out).
    if (auto hit = cache_.find(key); hit != cache_.end()) {
      absl::StatusOr<bool> holds = writer.Holds(key, hit->second.bytes);
      if (!holds.ok()) return holds.status();
      if (*holds) return FoldCached(writer, key, hit->second, serialize, fold);
    }
    absl::StatusOr<std::optional<std::string>> bytes = writer.Get(key);
    if (!bytes.ok()) return bytes.status();
    if (!bytes->has_value() && !creates) {
      return absl::DataLossError(
          absl::StrCat(what, " '", key, "' has events before its first"));
    }
    const std::string stored = bytes->value_or("");
    auto it = cache_.find(key);
    if (it == cache_.end() || it->second.bytes != stored) {
      if (cache_.size() >= 4096) cache_.clear();
      Cached fresh;
      fresh.bytes = stored;
      if (!stored.empty()) {
        View view;
        if (absl::Status s = ParseEntity(key, stored, &view); !s.ok()) return s;
        fresh.state = state_of(view);
      }
      it = cache_.insert_or_assign(key, std::move(fresh)).first;
    }
    return FoldCached(writer, key, it->second, serialize, fold);
  }

 private:
  struct Cached {
    std::string bytes;  // what the store holds for the key ("" if absent)
    State state;
  };

  // Folds into `cached`, which matches the store, and stores the result.
  static absl::Status FoldCached(
      projection::EntityWriter& writer, const std::string& key, Cached& cached,
      const std::function<std::string(const State&)>& serialize,
      const std::function<absl::Status(State&)>& fold) {
    std::string stored = std::move(cached.bytes);
    // Until stored below, the cache no longer matches the store.
    cached.bytes.assign(1, '\xff');
    if (absl::Status s = fold(cached.state); !s.ok()) return s;
    std::string next = serialize(cached.state);
    if (next != stored) writer.Put(key, next);
    cached.bytes = std::move(next);
    return absl::OkStatus();
  }
  std::map<std::string, Cached, std::less<>> cache_;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_CACHED_FOLD_H_
