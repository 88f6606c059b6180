// The Programme aggregate ("<consortium>/programme/<programme-id>"): plans
// (Piano di Zona, PIS, PIZ — triennial, adopted by the Assemblea; the annual
// operating plan of a triennial plan) and the three-year purchasing
// programme of goods and services (D.Lgs. 36/2023 art. 37).
//
// A programme is drafted, its items added or removed, adopted by an
// executive deliberation of the competent body of the consortium, then
// updated (e.g. the purchasing programme's annual update) by further
// executive deliberations. Its items as in force on a day are the adopted
// ones with the updates in force by then. A Piano di Zona is implemented by
// an accordo di programma that names it (accord.h).
//
// Invariants enforced here: 17 (adoption and updates by executive
// deliberations); the programme is the reference of invariant 24 (needs.h).
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   ProgrammeState p;  // folded
//   if (p.AdoptedOn(day) && p.ItemsOn(day).count("ict-2027")) { ... }
#ifndef CONCORDIA_ENGINE_DOMAIN_PROGRAMME_PROGRAMME_H_
#define CONCORDIA_ENGINE_DOMAIN_PROGRAMME_PROGRAMME_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/programme_events.pb.h"
#include "engine/domain/core/aggregate.h"

namespace concordia::domain::programme {

// "<consortium>/programme/<programme-id>".
std::string ProgrammeStream(absl::string_view consortium_id,
                            absl::string_view programme_id);

// Whether `kind` is a triennial plan (Piano di Zona, PIS, PIZ).
bool IsTriennialPlan(v1::ProgrammeKind kind);

struct ProgrammeState {
  bool exists = false;
  v1::ProgrammeDrafted draft;
  std::map<std::string, v1::ProgrammeItem> draft_items;  // before adoption
  std::optional<v1::ProgrammeAdopted> adoption;
  std::vector<v1::ProgrammeUpdated> updates;  // in order

  bool Covers(int year) const {
    return draft.first_year() <= year && year <= draft.last_year();
  }
  // Adopted, and applying from a day on or before `day`.
  bool AdoptedOn(absl::CivilDay day) const;
  // The items in force on `day`: none before the adoption applies; then the
  // adopted ones with the updates applying by then.
  std::map<std::string, v1::ProgrammeItem> ItemsOn(absl::CivilDay day) const;
  // The items after every update.
  std::map<std::string, v1::ProgrammeItem> CurrentItems() const;
};

absl::Status ApplyProgrammeEvent(ProgrammeState& s,
                                 const google::protobuf::Message& event,
                                 const log::Record& record);

struct DraftProgramme {
  std::string consortium_id;
  std::string programme_id;
  v1::ProgrammeKind kind = v1::PROGRAMME_KIND_UNSPECIFIED;
  std::string title;
  int first_year = 0;
  int last_year = 0;  // 0: derived (triennial: first + 2; annual: first)
  std::string parent_programme_id;  // annual operating plans
};
// `parent`: the parent plan's state for an annual operating plan.
absl::StatusOr<Events> DecideDraftProgramme(const ProgrammeState& s,
                                            const DraftProgramme& cmd,
                                            const ProgrammeState* parent);

absl::StatusOr<Events> DecideAddItem(const ProgrammeState& s,
                                     const v1::ProgrammeItem& item);
absl::StatusOr<Events> DecideRemoveItem(const ProgrammeState& s,
                                        const std::string& item_id);

// What an adoption or update is checked against (loaded by the handler).
struct AdoptionInputs {
  // The deliberation is executive on the day.
  bool executive = false;
  // The kind of the body that adopted it (nullopt: not a deliberation of
  // the consortium).
  std::optional<v1::BodyKind> body_kind;
};

struct AdoptProgramme {
  v1::ApprovingAct act;
  absl::CivilDay day;
};
absl::StatusOr<Events> DecideAdopt(const ProgrammeState& s,
                                   const AdoptProgramme& cmd,
                                   const AdoptionInputs& in);

struct UpdateProgramme {
  v1::ApprovingAct act;
  absl::CivilDay day;
  std::vector<v1::ProgrammeItem> items;  // added or replaced
  std::vector<std::string> removed_item_ids;
};
absl::StatusOr<Events> DecideUpdate(const ProgrammeState& s,
                                    const UpdateProgramme& cmd,
                                    const AdoptionInputs& in);

}  // namespace concordia::domain::programme

#endif  // CONCORDIA_ENGINE_DOMAIN_PROGRAMME_PROGRAMME_H_
