// Entity keys of the domain I read models, shared by the projections that
// write them and the queries that read them. The layout is in README.md.
//
// Keys are '/'-separated paths of domain ids ([a-z0-9-], engine/domain/core/
// dates.h), so they sort by consortium, then by the entity's own order (the
// register by number, the albo by last day, the agenda by session time).
// Private keys, which only their projection reads, start with '_'.
//
// Thread-safety: pure functions.
//
// Example:
//   std::string k = keys::Deliberation("sudestmilano", "p-7");
//   // "deliberation/sudestmilano/p-7"
#ifndef CONCORDIA_ENGINE_READMODEL_KEYS_H_
#define CONCORDIA_ENGINE_READMODEL_KEYS_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace concordia::readmodel {

// The names of the read models (their projections).
inline constexpr char kRegistry[] = "registry";
inline constexpr char kBodies[] = "bodies";
inline constexpr char kSessions[] = "sessions";
inline constexpr char kDeliberations[] = "deliberations";
inline constexpr char kRegister[] = "register";
inline constexpr char kAlbo[] = "albo";
inline constexpr char kAgenda[] = "agenda";
inline constexpr char kAccords[] = "accords";
inline constexpr char kDelegations[] = "delegations";
inline constexpr char kProgrammes[] = "programmes";
inline constexpr char kProjects[] = "projects";

namespace keys {

// "consortium/<cid>"; all of them under ConsortiumPrefix().
std::string Consortium(absl::string_view cid);
std::string ConsortiumPrefix();
// "body/<cid>/<body>".
std::string Body(absl::string_view cid, absl::string_view body);
std::string BodyPrefix(absl::string_view cid);
// "session/<cid>/<session>".
std::string Session(absl::string_view cid, absl::string_view session);
std::string SessionPrefix(absl::string_view cid);
// "sessionitem/<cid>/<session>/<item, 4 digits>".
std::string SessionItem(absl::string_view cid, absl::string_view session,
                        int item);
std::string SessionItemPrefix(absl::string_view cid, absl::string_view session);
// "deliberation/<cid>/<proposal>".
std::string Deliberation(absl::string_view cid, absl::string_view proposal);
std::string DeliberationPrefix(absl::string_view cid);
// "register/<cid>/<body>/<year>/<number, 6 digits>".
std::string RegisterEntry(absl::string_view cid, absl::string_view body,
                          int year, int number);
std::string RegisterPrefix(absl::string_view cid, absl::string_view body,
                           int year);
// "albo/<cid>/<last day YYYY-MM-DD>/<proposal>".
std::string Albo(absl::string_view cid, absl::CivilDay last_day,
                 absl::string_view proposal);
std::string AlboPrefix(absl::string_view cid);
// The entity key just before every albo key whose last day is `day` or later.
std::string AlboBefore(absl::string_view cid, absl::CivilDay day);
// "agenda/<cid>/<member>/<session time, UTC YYYYMMDDTHHMMSSZ>/<session>".
std::string Agenda(absl::string_view cid, absl::string_view member,
                   absl::Time session_time, absl::string_view session);
// The same with the session time already formatted by SessionTimeKey.
std::string Agenda(absl::string_view cid, absl::string_view member,
                   absl::string_view session_time_key,
                   absl::string_view session);
std::string SessionTimeKey(absl::Time session_time);
std::string AgendaPrefix(absl::string_view cid, absl::string_view member);
// A task of domain II: "agenda/<cid>/<member>/<due time>/<task>", the due
// time formatted by SessionTimeKey, or kNoDueKey when the task has no
// deadline (those sort after every dated task). `task` names the task with
// '@' between its parts ("accord@<accord>@<instrument>@approve",
// "needs@<year>", "report@<project>@<report>"): '@' is no id character, so
// it never equals a session id.
inline constexpr char kNoDueKey[] = "~";
std::string AgendaTask(absl::string_view cid, absl::string_view member,
                       std::optional<absl::Time> due, absl::string_view task);
std::string Accord(absl::string_view cid, absl::string_view accord);
std::string AccordPrefix(absl::string_view cid);
// "delegation/<cid>/<member>/<function slug>" (FunctionSlug, e.g.
// "social-services"): the member x function matrix, by member then function.
std::string Delegation(absl::string_view cid, absl::string_view member,
                       absl::string_view function_slug);
std::string DelegationPrefix(absl::string_view cid);
std::string DelegationMemberPrefix(absl::string_view cid,
                                   absl::string_view member);
// "programme/<cid>/<programme>".
std::string Programme(absl::string_view cid, absl::string_view programme);
std::string ProgrammePrefix(absl::string_view cid);
// "needs/<cid>/<year, 4 digits>".
std::string Needs(absl::string_view cid, int year);
// "project/<cid>/<project>".
std::string Project(absl::string_view cid, absl::string_view project);
std::string ProjectPrefix(absl::string_view cid);
// "projectexpense/<cid>/<project>/<expense>": a project's expenses, apart
// from the project (an expense writes only itself and the totals).
std::string ProjectExpense(absl::string_view cid, absl::string_view project,
                           absl::string_view expense);
std::string ProjectExpensePrefix(absl::string_view cid,
                                 absl::string_view project);
// "projectallocation/<cid>/<project>/<allocation>": its cost allocations.
std::string ProjectAllocation(absl::string_view cid, absl::string_view project,
                              absl::string_view allocation);
std::string ProjectAllocationPrefix(absl::string_view cid,
                                    absl::string_view project);

// Private keys.
std::string PrivateConsortium(absl::string_view cid);
std::string PrivateSession(absl::string_view cid, absl::string_view session);
std::string OpenSessions(absl::string_view cid, absl::string_view body);
std::string AlboBounds(absl::string_view cid);
std::string PrivateAgendaAccord(absl::string_view cid,
                                absl::string_view accord);
std::string PrivateAgendaNeeds(absl::string_view cid, int year);
std::string PrivateAgendaProject(absl::string_view cid,
                                 absl::string_view project);
std::string PrivateAgendaAct(absl::string_view cid, absl::string_view kind,
                             absl::string_view act);
std::string PrivateAgendaWorkflows(absl::string_view cid, int statute_version);

}  // namespace keys
}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_KEYS_H_
