// ReadModelProjection: the base of the domain read models — a Projection that
// looks at a fixed set of event types, decodes each record's domain event
// once (decoded_event.h) and stores protobuf entities serialized
// deterministically.
//
// A subclass names the event types it folds and implements ApplyEvent. The
// helpers load and store entities as messages; StoreIfChanged skips writing
// a version equal to the current one, so the history of an entity lists only
// the events that changed it.
//
// Thread-safety: as Projection (Apply on one thread per instance).
//
// Example:
//   class AlboProjection : public ReadModelProjection {
//    public:
//     AlboProjection() : ReadModelProjection(kAlbo, 1,
//         {"concordia.v1.DeliberationPublished"}) {}
//     absl::Status ApplyEvent(const google::protobuf::Message& e,
//                             const log::Record& r,
//                             projection::EntityWriter& w) override;
//   };
#ifndef CONCORDIA_ENGINE_READMODEL_READ_MODEL_PROJECTION_H_
#define CONCORDIA_ENGINE_READMODEL_READ_MODEL_PROJECTION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "engine/projection/projection.h"
#include "google/protobuf/message.h"

namespace concordia::readmodel {

// The message's deterministic serialization (equal messages, equal bytes).
std::string Serialize(const google::protobuf::Message& message);

// Parses `bytes` into `out`; kDataLoss naming `key` when they do not parse.
absl::Status ParseEntity(absl::string_view key, absl::string_view bytes,
                         google::protobuf::Message* out);

// The value of the string field `field` of `event` (e.g. "consortium_id"),
// which must be a valid domain id (engine/domain/core/dates.h): it becomes
// part of entity keys. kDataLoss otherwise: the log holds a malformed event.
absl::StatusOr<std::string> IdField(const google::protobuf::Message& event,
                                    absl::string_view field);

// The full type name of message type T, as the log records it.
template <typename T>
std::string TypeName() {
  return T::descriptor()->full_name();
}

class ReadModelProjection : public projection::Projection {
 public:
  ReadModelProjection(std::string name, int version,
                      std::vector<std::string> event_types);

  std::string name() const override { return name_; }
  int version() const override { return version_; }
  bool Wants(const log::Record& record) const override;
  std::optional<std::vector<std::string>> EventTypes() const override;
  absl::Status Apply(const log::Record& record,
                     projection::EntityWriter& writer) final;

  // The event types this read model folds.
  const absl::flat_hash_set<std::string>& event_types() const {
    return types_;
  }

 protected:
  // Folds one decoded event.
  virtual absl::Status ApplyEvent(const google::protobuf::Message& event,
                                  const log::Record& record,
                                  projection::EntityWriter& writer) = 0;

  // The entity at `key` as a T; nullopt when absent.
  template <typename T>
  static absl::StatusOr<std::optional<T>> Load(projection::EntityWriter& w,
                                               absl::string_view key) {
    // Parsed where the value is, not from a copy.
    T out;
    absl::Status parsed;
    absl::StatusOr<bool> found = w.Read(key, [&](absl::string_view bytes) {
      parsed = ParseEntity(key, bytes, &out);
    });
    if (!found.ok()) return found.status();
    if (!*found) return std::optional<T>();
    if (!parsed.ok()) return parsed;
    return std::optional<T>(std::move(out));
  }

  // The entity at `key` as a T; an empty T when absent.
  template <typename T>
  static absl::StatusOr<T> LoadOrEmpty(projection::EntityWriter& w,
                                       absl::string_view key) {
    absl::StatusOr<std::optional<T>> v = Load<T>(w, key);
    if (!v.ok()) return v.status();
    return v->has_value() ? **std::move(v) : T();
  }

  static void Store(projection::EntityWriter& w, absl::string_view key,
                    const google::protobuf::Message& value);
  // Stores `value` unless the current value has the same bytes; returns
  // whether it wrote.
  static absl::StatusOr<bool> StoreIfChanged(
      projection::EntityWriter& w, absl::string_view key,
      const google::protobuf::Message& value);

 private:
  const std::string name_;
  const int version_;
  const absl::flat_hash_set<std::string> types_;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_READ_MODEL_PROJECTION_H_
