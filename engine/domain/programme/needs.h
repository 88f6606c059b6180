// The members' procurement needs of one year ("<consortium>/needs/<year>")
// and the purchases started from them, as a central purchasing body works:
// the consortium opens the collection with a deadline; members submit needs
// per category; the consortium aggregates needs of one category into joint
// tenders; a purchase starts only after the checks of invariant 24.
//
// Invariant 24: a purchase at or above the programme threshold of its kind
// (EUR 140,000 for goods and services, EUR 150,000 for works, configurable:
// procurement.h) starts only if it is an item of the approved three-year
// purchasing programme in force on the day (same kind, same year, within the
// programmed amount, not started before); at or above the qualification
// threshold only an authority whose qualification level for the kind covers
// the amount may run it (otherwise: a qualified central purchasing body).
//
// Thread-safety: plain values and pure functions.
//
// Example:
//   NeedsState n;  // folded
//   auto events = DecideStartPurchase(n, purchase, {&programme, &procurement});
#ifndef CONCORDIA_ENGINE_DOMAIN_PROGRAMME_NEEDS_H_
#define CONCORDIA_ENGINE_DOMAIN_PROGRAMME_NEEDS_H_

#include <map>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "concordia/v1/programme_events.pb.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/aggregate.h"
#include "engine/domain/programme/procurement.h"
#include "engine/domain/programme/programme.h"

namespace concordia::domain::programme {

// "<consortium>/needs/<year>".
std::string NeedsStream(absl::string_view consortium_id, int year);

struct NeedsState {
  std::optional<v1::NeedsCollectionOpened> collection;
  std::map<std::string, v1::NeedSubmitted> needs;
  std::set<std::string> withdrawn;
  std::map<std::string, std::string> tender_of_need;
  std::map<std::string, v1::NeedsAggregated> tenders;
  std::map<std::string, v1::PurchaseStarted> purchases;
  // "<programme>/<item>" → the purchase that used it.
  std::map<std::string, std::string> purchase_of_item;
  std::map<std::string, std::string> purchase_of_tender;
};

absl::Status ApplyNeedsEvent(NeedsState& s,
                             const google::protobuf::Message& event,
                             const log::Record& record);

// Opens the collection of `year` with `deadline` (not before `today`).
absl::StatusOr<Events> DecideOpenCollection(const NeedsState& s,
                                            absl::string_view consortium_id,
                                            int year, absl::CivilDay deadline,
                                            absl::CivilDay today);

struct SubmitNeed {
  std::string need_id;
  std::string member_id;
  std::string category;
  v1::ProcurementKind kind = v1::PROCUREMENT_KIND_UNSPECIFIED;
  std::string description;
  int64_t quantity = 0;
  std::string unit;
  int64_t amount_cents = 0;
  absl::CivilDay day;
};
absl::StatusOr<Events> DecideSubmitNeed(const NeedsState& s,
                                        const SubmitNeed& cmd,
                                        const consortium::ConsortiumState& c);

// Only the member that submitted a need withdraws it, before aggregation.
absl::StatusOr<Events> DecideWithdrawNeed(const NeedsState& s,
                                          const std::string& need_id,
                                          const std::string& member_id);

struct AggregateNeeds {
  std::string tender_id;
  std::string title;
  std::vector<std::string> need_ids;
};
absl::StatusOr<Events> DecideAggregate(const NeedsState& s,
                                       const AggregateNeeds& cmd);

struct StartPurchase {
  int year = 0;
  std::string purchase_id;
  std::string title;
  v1::ProcurementKind kind = v1::PROCUREMENT_KIND_UNSPECIFIED;
  int64_t amount_cents = 0;
  std::string tender_id;     // a joint tender of this year, if any
  std::string programme_id;  // the purchasing programme (above threshold)
  std::string item_id;
  std::string authority_id;  // who runs it
  absl::CivilDay day;
};

// What a purchase is checked against (loaded by the handler).
struct PurchaseInputs {
  // The programme named by `programme_id` (nullptr when none is named).
  const ProgrammeState* programme = nullptr;
  const ProcurementState* procurement = nullptr;
};

absl::StatusOr<Events> DecideStartPurchase(const NeedsState& s,
                                           absl::string_view consortium_id,
                                           const StartPurchase& cmd,
                                           const PurchaseInputs& in);

}  // namespace concordia::domain::programme

#endif  // CONCORDIA_ENGINE_DOMAIN_PROGRAMME_NEEDS_H_
