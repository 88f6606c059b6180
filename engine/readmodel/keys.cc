#include "engine/readmodel/keys.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace concordia::readmodel::keys {
namespace {

std::string Day(absl::CivilDay d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

}  // namespace

std::string Consortium(absl::string_view cid) {
  return absl::StrCat("consortium/", cid);
}
std::string ConsortiumPrefix() { return "consortium/"; }

std::string Body(absl::string_view cid, absl::string_view body) {
  return absl::StrCat("body/", cid, "/", body);
}
std::string BodyPrefix(absl::string_view cid) {
  return absl::StrCat("body/", cid, "/");
}

std::string Session(absl::string_view cid, absl::string_view session) {
  return absl::StrCat("session/", cid, "/", session);
}
std::string SessionPrefix(absl::string_view cid) {
  return absl::StrCat("session/", cid, "/");
}

std::string SessionItem(absl::string_view cid, absl::string_view session,
                        int item) {
  return absl::StrFormat("%s%04d", SessionItemPrefix(cid, session), item);
}
std::string SessionItemPrefix(absl::string_view cid,
                              absl::string_view session) {
  return absl::StrCat("sessionitem/", cid, "/", session, "/");
}

std::string Deliberation(absl::string_view cid, absl::string_view proposal) {
  return absl::StrCat("deliberation/", cid, "/", proposal);
}
std::string DeliberationPrefix(absl::string_view cid) {
  return absl::StrCat("deliberation/", cid, "/");
}

std::string Accord(absl::string_view cid, absl::string_view accord) {
  return absl::StrCat("accord/", cid, "/", accord);
}
std::string AccordPrefix(absl::string_view cid) {
  return absl::StrCat("accord/", cid, "/");
}

std::string Delegation(absl::string_view cid, absl::string_view member,
                       absl::string_view function_slug) {
  return absl::StrCat("delegation/", cid, "/", member, "/", function_slug);
}
std::string DelegationPrefix(absl::string_view cid) {
  return absl::StrCat("delegation/", cid, "/");
}
std::string DelegationMemberPrefix(absl::string_view cid,
                                   absl::string_view member) {
  return absl::StrCat("delegation/", cid, "/", member, "/");
}

std::string Programme(absl::string_view cid, absl::string_view programme) {
  return absl::StrCat("programme/", cid, "/", programme);
}
std::string ProgrammePrefix(absl::string_view cid) {
  return absl::StrCat("programme/", cid, "/");
}

std::string Needs(absl::string_view cid, int year) {
  return absl::StrFormat("needs/%s/%04d", cid, year);
}

std::string Project(absl::string_view cid, absl::string_view project) {
  return absl::StrCat("project/", cid, "/", project);
}
std::string ProjectPrefix(absl::string_view cid) {
  return absl::StrCat("project/", cid, "/");
}
std::string ProjectExpense(absl::string_view cid, absl::string_view project,
                           absl::string_view expense) {
  return absl::StrCat("projectexpense/", cid, "/", project, "/", expense);
}
std::string ProjectExpensePrefix(absl::string_view cid,
                                 absl::string_view project) {
  return absl::StrCat("projectexpense/", cid, "/", project, "/");
}
std::string ProjectAllocation(absl::string_view cid, absl::string_view project,
                              absl::string_view allocation) {
  return absl::StrCat("projectallocation/", cid, "/", project, "/",
                      allocation);
}
std::string ProjectAllocationPrefix(absl::string_view cid,
                                    absl::string_view project) {
  return absl::StrCat("projectallocation/", cid, "/", project, "/");
}

std::string RegisterEntry(absl::string_view cid, absl::string_view body,
                          int year, int number) {
  return absl::StrFormat("%s%06d", RegisterPrefix(cid, body, year), number);
}
std::string RegisterPrefix(absl::string_view cid, absl::string_view body,
                           int year) {
  return absl::StrCat("register/", cid, "/", body, "/", year, "/");
}

std::string Albo(absl::string_view cid, absl::CivilDay last_day,
                 absl::string_view proposal) {
  return absl::StrCat(AlboPrefix(cid), Day(last_day), "/", proposal);
}
std::string AlboPrefix(absl::string_view cid) {
  return absl::StrCat("albo/", cid, "/");
}
std::string AlboBefore(absl::string_view cid, absl::CivilDay day) {
  // '~' sorts after every id character, so this key follows every key of the
  // previous day and precedes every key of `day`.
  return absl::StrCat(AlboPrefix(cid), Day(day - 1), "/~");
}

std::string Agenda(absl::string_view cid, absl::string_view member,
                   absl::Time session_time, absl::string_view session) {
  return Agenda(cid, member, SessionTimeKey(session_time), session);
}
std::string Agenda(absl::string_view cid, absl::string_view member,
                   absl::string_view session_time_key,
                   absl::string_view session) {
  return absl::StrCat("agenda/", cid, "/", member, "/", session_time_key, "/",
                      session);
}
std::string SessionTimeKey(absl::Time session_time) {
  return absl::FormatTime("%Y%m%dT%H%M%SZ", session_time, absl::UTCTimeZone());
}
std::string AgendaPrefix(absl::string_view cid, absl::string_view member) {
  return absl::StrCat("agenda/", cid, "/", member, "/");
}

std::string AgendaTask(absl::string_view cid, absl::string_view member,
                       std::optional<absl::Time> due, absl::string_view task) {
  return Agenda(cid, member,
                due.has_value() ? SessionTimeKey(*due) : std::string(kNoDueKey),
                task);
}

std::string PrivateConsortium(absl::string_view cid) {
  return absl::StrCat("_consortium/", cid);
}
std::string PrivateSession(absl::string_view cid, absl::string_view session) {
  return absl::StrCat("_session/", cid, "/", session);
}
std::string OpenSessions(absl::string_view cid, absl::string_view body) {
  return absl::StrCat("_open/", cid, "/", body);
}
std::string AlboBounds(absl::string_view cid) {
  return absl::StrCat("_albo/", cid);
}

std::string PrivateAgendaAccord(absl::string_view cid,
                                absl::string_view accord) {
  return absl::StrCat("_agenda-accord/", cid, "/", accord);
}
std::string PrivateAgendaNeeds(absl::string_view cid, int year) {
  return absl::StrCat("_agenda-needs/", cid, "/", year);
}
std::string PrivateAgendaProject(absl::string_view cid,
                                 absl::string_view project) {
  return absl::StrCat("_agenda-project/", cid, "/", project);
}
std::string PrivateAgendaAct(absl::string_view cid, absl::string_view kind,
                             absl::string_view act) {
  return absl::StrCat("_agenda-act/", cid, "/", kind, "/", act);
}
std::string PrivateAgendaWorkflows(absl::string_view cid, int statute_version) {
  return absl::StrCat("_agenda-workflows/", cid, "/", statute_version);
}

}  // namespace concordia::readmodel::keys
