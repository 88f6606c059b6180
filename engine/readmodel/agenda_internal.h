// Helpers shared by the agenda's folds of domain II (agenda_tasks.cc,
// agenda_acts.cc). Not part of the read model's interface.
//
// Thread-safety: pure functions.
//
// Example:
//   Store(writer, agenda::TaskKey(cid, m, due, "needs@2027"),
//         agenda::NewTask(cid, m, v1::AGENDA_TASK_KIND_NEEDS, due, "..."));
#ifndef CONCORDIA_ENGINE_READMODEL_AGENDA_INTERNAL_H_
#define CONCORDIA_ENGINE_READMODEL_AGENDA_INTERNAL_H_

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "concordia/v1/views.pb.h"
#include "engine/log/types.h"

namespace concordia::readmodel::agenda {

// The day (Europe/Rome) a record takes effect.
absl::CivilDay EffectiveDay(const log::Record& record);
// A deadline on a day runs to its end: 00:00 Europe/Rome of the next day.
absl::Time EndOfDay(absl::CivilDay day);
// The entry key of a task due at `due` (none: sorted after the dated ones).
std::string TaskKey(const std::string& cid, const std::string& member,
                    std::optional<absl::Time> due, const std::string& task);
// The key of a task due by the end of `due`.
std::string TaskKeyByDay(const std::string& cid, const std::string& member,
                         std::optional<absl::CivilDay> due,
                         const std::string& task);
// A new task, due by the end of `due` when set.
v1::AgendaEntryView NewTask(const std::string& cid, const std::string& member,
                            v1::AgendaTaskKind kind,
                            std::optional<absl::CivilDay> due,
                            std::string description);

}  // namespace concordia::readmodel::agenda

#endif  // CONCORDIA_ENGINE_READMODEL_AGENDA_INTERNAL_H_
