// Queries: the read interface over the domain I read models — one entity or
// a page of them, as recorded at a log position or a record time, as in
// force on an effective date, or both; and any entity's history event by
// event. Every answer carries a v1::ReadHeader stating the log position it
// reflects. Semantics: engine/readmodel/README.md.
//
// As of:
//  - `position`: the state after the record at that position. kOutOfRange
//    (POSITION_BEYOND_LOG) past the log's end; kUnavailable
//    (READ_MODEL_BEHIND) when the read model has not applied it yet (after
//    waiting up to `wait_for_position`).
//  - `recorded_at`: the state after the last record recorded at or before it.
//  - neither: the latest state the read model has applied.
//  - `in_force_on`: the value read as recorded is interpreted at that day
//    (in_force.h) and the `in_force` part of each value is filled; the albo
//    and the agenda use today (from the Clock, in Europe/Rome) when unset.
// While a read model's first version is being built, reads of it are
// kUnavailable (READ_MODEL_BUILDING); during a rebuild the previous version
// answers.
//
// Errors: malformed ids, dates, page sizes or tokens are kInvalidArgument
// (InvalidField); an entity that does not exist as of the position is
// kNotFound.
//
// Lists are paged by `page_size` (default 100, at most 1000) and an opaque
// `page_token` that pins the position of the first page (page_token.h).
//
// Thread-safety: thread-safe (each call reads one consistent view).
//
// Example:
//   Queries q(log, runner, clock);
//   v1::AsOf as_of;
//   *as_of.mutable_in_force_on() = domain::ToDate(absl::CivilDay(2024, 3, 1));
//   auto c = q.GetConsortium("sudestmilano", as_of);
//   // c->value.in_force().shares(): the shares in force on 1 March 2024;
//   // c->header.log_position(): the position the answer reflects.
#ifndef CONCORDIA_ENGINE_READMODEL_QUERIES_H_
#define CONCORDIA_ENGINE_READMODEL_QUERIES_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "concordia/v1/cooperation_views.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/common/clock.h"
#include "engine/log/event_log.h"
#include "engine/projection/projection_runner.h"

namespace concordia::readmodel {

// One entity and what the answer reflects.
template <typename T>
struct Answer {
  v1::ReadHeader header;
  T value;
};

// One page of entities and what the answer reflects.
template <typename T>
struct Page {
  v1::ReadHeader header;
  std::vector<T> items;
  // Empty on the last page.
  std::string next_page_token;
};

struct PageRequest {
  int page_size = 0;  // 0: 100; more than 1000: 1000; negative: rejected
  std::string page_token;
};

struct SessionFilter {
  std::string body_id;  // "" for every body
};

struct DeliberationFilter {
  std::string body_id;  // "" for every body
  v1::DeliberationStage stage = v1::DELIBERATION_STAGE_UNSPECIFIED;  // any
  // Only those executive on the as-of day (requires `in_force_on`).
  bool executive_only = false;
};

struct AgendaFilter {
  // Only tasks to do or overdue on the day.
  bool open_only = false;
};

struct AccordFilter {
  v1::AccordStage stage = v1::ACCORD_STAGE_UNSPECIFIED;  // any
  std::string party_id;  // "": any; else accords it is (or was) a party of
  // Only those in force on the as-of day (requires `in_force_on`).
  bool in_force_only = false;
};

struct DelegationFilter {
  std::string member_id;  // "": every member
  v1::Function function = v1::FUNCTION_UNSPECIFIED;  // any
  // Only the cells a delegate (the consortium or a lead ente, not the
  // member itself) exercises on the as-of day (requires `in_force_on`).
  bool delegated_only = false;
};

struct ProgrammeFilter {
  v1::ProgrammeKind kind = v1::PROGRAMME_KIND_UNSPECIFIED;     // any
  v1::ProgrammeStage stage = v1::PROGRAMME_STAGE_UNSPECIFIED;  // any
  // Only those whose adoption applies on the as-of day (requires
  // `in_force_on`).
  bool adopted_only = false;
};

struct ProjectFilter {
  // Only those running on the as-of day (requires `in_force_on`).
  bool running_only = false;
  // Only those with a report overdue on the as-of day (requires
  // `in_force_on`).
  bool overdue_only = false;
};

struct QueriesOptions {
  // How long a read asking for a position the read model has not applied
  // yet waits for it before answering kUnavailable.
  absl::Duration wait_for_position = absl::ZeroDuration();
};

// Reason codes of query errors (ErrorReason in engine/common/errors.h).
inline constexpr char kPositionBeyondLog[] = "POSITION_BEYOND_LOG";
inline constexpr char kReadModelBehind[] = "READ_MODEL_BEHIND";
inline constexpr char kReadModelBuilding[] = "READ_MODEL_BUILDING";

class Queries {
 public:
  // The runner runs the read models of ReadModelSet (read_model_set.h) over
  // `log`; `clock` gives "today" for the albo and the agenda.
  Queries(log::EventLog& log, projection::ProjectionRunner& runner,
          const Clock& clock, QueriesOptions options = {});

  // --- Registry.
  absl::StatusOr<Answer<v1::ConsortiumView>> GetConsortium(
      const std::string& consortium_id, const v1::AsOf& as_of);
  absl::StatusOr<Page<v1::ConsortiumView>> ListConsortia(
      const v1::AsOf& as_of, const PageRequest& page);

  // --- Bodies (in_force: the composition on the day).
  absl::StatusOr<Answer<v1::BodyView>> GetBody(const std::string& consortium_id,
                                               const std::string& body_id,
                                               const v1::AsOf& as_of);
  absl::StatusOr<Page<v1::BodyView>> ListBodies(
      const std::string& consortium_id, const v1::AsOf& as_of,
      const PageRequest& page);

  // --- Sessions and votes (as recorded only: `in_force_on` is refused).
  absl::StatusOr<Answer<v1::SessionView>> GetSession(
      const std::string& consortium_id, const std::string& session_id,
      const v1::AsOf& as_of);
  absl::StatusOr<Page<v1::SessionView>> ListSessions(
      const std::string& consortium_id, const SessionFilter& filter,
      const v1::AsOf& as_of, const PageRequest& page);
  // The votes of a session, or of one item when item > 0, in the order they
  // were cast (read from the session's stream, session_votes.h).
  absl::StatusOr<Page<v1::VoteView>> ListVotes(const std::string& consortium_id,
                                               const std::string& session_id,
                                               int item, const v1::AsOf& as_of,
                                               const PageRequest& page);

  // --- Deliberations (in_force: the legal status on the day).
  absl::StatusOr<Answer<v1::DeliberationView>> GetDeliberation(
      const std::string& consortium_id, const std::string& proposal_id,
      const v1::AsOf& as_of);
  absl::StatusOr<Page<v1::DeliberationView>> ListDeliberations(
      const std::string& consortium_id, const DeliberationFilter& filter,
      const v1::AsOf& as_of, const PageRequest& page);

  // --- The register of a body and year, by number. With `in_force_on`:
  // only the numbers given on or before the day, with their status then.
  absl::StatusOr<Answer<v1::RegisterEntryView>> GetRegisterEntry(
      const std::string& consortium_id, const std::string& body_id, int year,
      int number, const v1::AsOf& as_of);
  absl::StatusOr<Page<v1::RegisterEntryView>> ListRegister(
      const std::string& consortium_id, const std::string& body_id, int year,
      const v1::AsOf& as_of, const PageRequest& page);

  // --- The albo: what is published on the day (today when unset), by last
  // day of publication.
  absl::StatusOr<Page<v1::AlboEntryView>> ListAlbo(
      const std::string& consortium_id, const v1::AsOf& as_of,
      const PageRequest& page);

  // --- A member's agenda, by session time; in_force: where each task stands
  // on the day (today when unset).
  absl::StatusOr<Page<v1::AgendaEntryView>> ListAgenda(
      const std::string& consortium_id, const std::string& member_id,
      const AgendaFilter& filter, const v1::AsOf& as_of,
      const PageRequest& page);

  // --- Accords (domain II; in_force: invariant 21 on the day — in force,
  // parties bound, required parties, missing approvals and signatures,
  // withdrawals taken effect), by accord id.
  absl::StatusOr<Answer<v1::AccordView>> GetAccord(
      const std::string& consortium_id, const std::string& accord_id,
      const v1::AsOf& as_of);
  absl::StatusOr<Page<v1::AccordView>> ListAccords(
      const std::string& consortium_id, const AccordFilter& filter,
      const v1::AsOf& as_of, const PageRequest& page);

  // --- Delegated functions (domain II; in_force: who exercises the function
  // on the day, invariant 23, a delegation under an accord no longer binding
  // having lapsed — the accord read as of the same position). The member x
  // function matrix of a consortium is ListDelegations with `in_force_on`:
  // by member, then function (by its slug, keys.h).
  absl::StatusOr<Answer<v1::DelegationView>> GetDelegation(
      const std::string& consortium_id, const std::string& member_id,
      v1::Function function, const v1::AsOf& as_of);
  absl::StatusOr<Page<v1::DelegationView>> ListDelegations(
      const std::string& consortium_id, const DelegationFilter& filter,
      const v1::AsOf& as_of, const PageRequest& page);

  // --- Programmes (in_force: whether adopted on the day and the items in
  // force then), by programme id.
  absl::StatusOr<Answer<v1::ProgrammeView>> GetProgramme(
      const std::string& consortium_id, const std::string& programme_id,
      const v1::AsOf& as_of);
  absl::StatusOr<Page<v1::ProgrammeView>> ListProgrammes(
      const std::string& consortium_id, const ProgrammeFilter& filter,
      const v1::AsOf& as_of, const PageRequest& page);
  // The members' needs of `year` (2000..2100): each need, the demand
  // aggregated per category and per member, the joint tenders, the
  // purchases. `member_id` (optional) keeps only that member's needs and
  // total; the aggregated demand stays whole. in_force: whether the
  // collection is open on the day.
  absl::StatusOr<Answer<v1::NeedsView>> GetNeeds(
      const std::string& consortium_id, int year, const std::string& member_id,
      const v1::AsOf& as_of);

  // --- Funded projects (in_force: each report's status on the day —
  // upcoming, due, overdue, submitted, submitted late — and the expenses
  // incurred by then), by project id.
  absl::StatusOr<Answer<v1::ProjectView>> GetProject(
      const std::string& consortium_id, const std::string& project_id,
      const v1::AsOf& as_of);
  absl::StatusOr<Page<v1::ProjectView>> ListProjects(
      const std::string& consortium_id, const ProjectFilter& filter,
      const v1::AsOf& as_of, const PageRequest& page);

  // --- One entity's history, oldest first: every event that changed it up
  // to the as-of position (for a session, its votes too).
  absl::StatusOr<Page<v1::EntityHistoryEntry>> History(
      const v1::EntityRef& entity, const v1::AsOf& as_of,
      const PageRequest& page);

 private:
  struct Resolved;
  enum class Verdict { kSkip, kInclude, kStop };
  template <typename T>
  using Accept = std::function<absl::StatusOr<Verdict>(const Resolved&, T&)>;

  // Resolves `as_of` against the read model: its view, the position and the
  // day. `pinned`: the position of a page token. `today_by_default`: use
  // today when `in_force_on` is unset. `joined`: other read models the
  // answer also reads, as of the same position (the latest position is then
  // the least any of them has applied).
  absl::StatusOr<Resolved> Resolve(const std::string& read_model,
                                   const v1::AsOf& as_of,
                                   std::optional<uint64_t> pinned,
                                   bool today_by_default,
                                   const std::vector<std::string>& joined = {});
  absl::StatusOr<std::unique_ptr<projection::ReadView>> OpenView(
      const std::string& read_model);
  template <typename T>
  absl::StatusOr<Answer<T>> GetEntity(const std::string& read_model,
                                      const std::string& key,
                                      const v1::AsOf& as_of,
                                      absl::string_view what,
                                      absl::string_view id,
                                      const Accept<T>& interpret,
                                      const std::vector<std::string>& joined = {});
  template <typename T>
  absl::StatusOr<Page<T>> ListEntities(
      const std::string& read_model, const std::string& query,
      const std::string& prefix, const v1::AsOf& as_of,
      const PageRequest& page, bool today_by_default,
      const std::function<std::string(const Resolved&)>& first_after,
      const Accept<T>& accept, const std::vector<std::string>& joined = {});
  absl::Status FillEvent(uint64_t position, v1::EntityHistoryEntry* entry);
  // Fills a delegation's `in_force` on the resolved day, joining its accord.
  absl::Status DelegationOnDay(const Resolved& r, v1::DelegationView& v);
  // Joins a project's expenses (their own entities) as of the resolved
  // position, and fills its `in_force` on the resolved day.
  absl::Status ComposeProject(const Resolved& r, v1::ProjectView& v);
  absl::StatusOr<Page<v1::EntityHistoryEntry>> SessionHistory(
      const std::string& cid, const std::string& sid, const Resolved& r,
      const std::string& query, uint64_t after, size_t size);

  log::EventLog& log_;
  projection::ProjectionRunner& runner_;
  const Clock& clock_;
  const QueriesOptions options_;
};

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_QUERIES_H_
