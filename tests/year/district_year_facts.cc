// The facts the simulated year observes every day, and its summary of the
// district's state (district_year.h).
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/domain/core/dates.h"
#include "engine/workflow/kinds.h"
#include "engine/workflow/workflows.h"
#include "tests/workflow/statutes.h"
#include "tests/year/district_year.h"

namespace concordia::testing {
namespace {

using absl::CivilDay;
namespace wf = workflow;

std::string Day(CivilDay d) { return absl::FormatCivilTime(d); }

}  // namespace

void Year::DefineFacts() {
  domain::Governance* g = &c.district.governance;
  domain::Cooperation* coop = &c.cooperation;
  const std::string id = c.id;
  auto delib = [g, id](const std::string& p) {
    auto d = g->Deliberation(id, p);
    return d.ok() ? *d : domain::deliberation::DeliberationState{};
  };
  auto numbered = [delib](const std::string& p, int number, int year) {
    return [delib, p, number, year](CivilDay) {
      const auto d = delib(p);
      return d.adoption.has_value() && d.adoption->number() == number &&
             d.adoption->year() == year;
    };
  };
  auto on_albo = [delib](const std::string& p) {
    return [delib, p](CivilDay day) { return delib(p).OnAlboOn(day); };
  };
  auto executive = [delib](const std::string& p) {
    return [delib, p](CivilDay day) { return delib(p).ExecutiveOn(day); };
  };
  auto off_albo = [delib](const std::string& p) {
    return [delib, p](CivilDay) { return delib(p).publication_ended; };
  };
  auto act_state = [g, id](const std::string& kind, const std::string& act,
                           const std::string& state) {
    return [g, id, kind, act, state](CivilDay) {
      auto a = g->workflows().Act(id, kind, act);
      return a.ok() && a->exists && a->state == state;
    };
  };
  auto act_overdue = [g, id](const std::string& kind, const std::string& act) {
    return [g, id, kind, act](CivilDay) {
      auto a = g->workflows().Act(id, kind, act);
      return a.ok() && a->overdue();
    };
  };
  auto stage = [coop, id](const std::string& accord, domain::accord::Stage s) {
    return [coop, id, accord, s](CivilDay) {
      auto a = coop->Accord(id, accord);
      return a.ok() && a->stage() == s;
    };
  };
  auto report = [coop, id](const std::string& r, bool overdue) {
    return [coop, id, r, overdue](CivilDay) {
      auto p = coop->Project(id, kProject);
      if (!p.ok() || p->reports.count(r) == 0) return false;
      const auto& rep = p->reports.at(r);
      return overdue ? rep.overdue : rep.submission.has_value();
    };
  };
  const CivilDay never = kLastDay + 1;
  auto add = [this](std::string name, CivilDay from,
                    std::optional<CivilDay> until,
                    std::function<bool(CivilDay)> holds) {
    facts_.push_back({std::move(name), from, until, std::move(holds)});
  };
  using Stage = domain::accord::Stage;

  // The statute change and the budget (S5 exactly).
  add("the session of 2 March is convened", CivilDay(2026, 2, 16), {},
      [g, id](CivilDay) {
        auto s = g->Session(id, "2026-03-02");
        return s.ok() && s->convened;
      });
  add("no session convened with four days' notice", never, {},
      [g, id](CivilDay) {
        auto s = g->Session(id, "2026-03-02-bis");
        return s.ok() && s->convened;
      });
  for (const char* p : {"p-statuto", "p-bilancio"}) {
    add(absl::StrCat(p, " on the albo"), CivilDay(2026, 3, 4),
        CivilDay(2026, 3, 19), on_albo(p));
    add(absl::StrCat(p, " executive"), CivilDay(2026, 3, 15), {}, executive(p));
    add(absl::StrCat(p, " off the albo by its timer"), CivilDay(2026, 3, 19),
        {}, off_albo(p));
  }
  add("p-statuto adopted as n. 1/2026", CivilDay(2026, 3, 2), {},
      numbered("p-statuto", 1, 2026));
  add("p-bilancio adopted as n. 2/2026", CivilDay(2026, 3, 2), {},
      numbered("p-bilancio", 2, 2026));
  add("statute version 2 adopted", CivilDay(2026, 3, 16), {},
      [g, id](CivilDay) {
        auto cs = g->Consortium(id);
        return cs.ok() && cs->statutes.size() == 2;
      });
  add("statute version 2 in force", CivilDay(2026, 4, 1), {},
      [g, id](CivilDay day) {
        auto cs = g->Consortium(id);
        if (!cs.ok()) return false;
        const v1::Statute* st = cs->StatuteAt(day);
        return st != nullptr && st->workflows_size() > 0;
      });
  // The constitutive convenzione.
  add("the constitutive convenzione in force", CivilDay(2026, 2, 20), {},
      [coop, id](CivilDay day) {
        auto a = coop->Accord(id, kConvenzione);
        return a.ok() && a->InForceOn(day);
      });
  // Access requests: a kind of act no code knows.
  add("Carpiano's access request awaits", CivilDay(2026, 4, 1),
      CivilDay(2026, 5, 5),
      act_state(kAccessRequest, "carpiano-2026-1", "submitted"));
  add("Carpiano's access request refused by silence", CivilDay(2026, 5, 5), {},
      act_state(kAccessRequest, "carpiano-2026-1", "refused"));
  add("Dresano's access request awaits", CivilDay(2026, 9, 1),
      CivilDay(2026, 9, 10),
      act_state(kAccessRequest, "dresano-2026-1", "submitted"));
  add("Dresano's access request granted", CivilDay(2026, 9, 10), {},
      act_state(kAccessRequest, "dresano-2026-1", "granted"));
  // The Piano di Zona.
  add("the Tavolo Tecnico's opinion on p-pdz awaited", CivilDay(2026, 4, 1),
      CivilDay(2026, 4, 8),
      act_state(wf::kTavoloOpinion, "pdz-tt", "requested"));
  add("the Tavolo Tecnico's opinion on p-pdz given", CivilDay(2026, 4, 8), {},
      act_state(wf::kTavoloOpinion, "pdz-tt", "given"));
  add("the Tavolo degli Aderenti's opinion on p-pdz given",
      CivilDay(2026, 4, 10), {},
      act_state(kAderentiOpinion, "pdz-ta", "given"));
  add("the Tavolo degli Aderenti's opinion on p-pdz never overdue", never, {},
      act_overdue(kAderentiOpinion, "pdz-ta"));
  add("p-pdz drafted", CivilDay(2026, 4, 1), CivilDay(2026, 4, 13),
      act_state(wf::kDeliberation, "p-pdz", "drafted"));
  add("p-pdz on the agenda", CivilDay(2026, 4, 13), CivilDay(2026, 4, 20),
      act_state(wf::kDeliberation, "p-pdz", "on-agenda"));
  add("p-pdz adopted as n. 3/2026", CivilDay(2026, 4, 20), {},
      numbered("p-pdz", 3, 2026));
  add("p-pdz's act adopted", CivilDay(2026, 4, 20), {},
      act_state(wf::kDeliberation, "p-pdz", "adopted"));
  add("p-pdz on the albo", CivilDay(2026, 4, 21), CivilDay(2026, 5, 6),
      on_albo("p-pdz"));
  add("p-pdz executive", CivilDay(2026, 5, 2), {}, executive("p-pdz"));
  add("p-pdz off the albo by its timer", CivilDay(2026, 5, 6), {},
      off_albo("p-pdz"));
  add("the Tavolo Tecnico's opinion on the programme lapsed",
      CivilDay(2026, 4, 22), {},
      act_state(wf::kTavoloOpinion, "pdz-programma-tt", "lapsed"));
  add("the programme awaits its adoption", CivilDay(2026, 4, 1),
      CivilDay(2026, 5, 4),
      act_state(wf::kProgrammeApproval, kProgramme, "drafted"));
  add("the Piano di Zona adopted", CivilDay(2026, 5, 4), {},
      [coop, id](CivilDay day) {
        auto p = coop->Programme(id, kProgramme);
        return p.ok() && p->AdoptedOn(day);
      });
  // Its accordo di programma, S3.
  add("the accord drafted", CivilDay(2026, 5, 4), CivilDay(2026, 5, 15),
      stage(kAccord, Stage::kDraft));
  add("the accord being signed", CivilDay(2026, 5, 15), CivilDay(2026, 5, 21),
      stage(kAccord, Stage::kBeingSigned));
  add("the accord concluded", CivilDay(2026, 5, 21), CivilDay(2026, 5, 25),
      stage(kAccord, Stage::kConcluded));
  add("the accord's approval act recorded", CivilDay(2026, 5, 25),
      CivilDay(2026, 6, 3), stage(kAccord, Stage::kApproved));
  add("the accord in force", CivilDay(2026, 6, 3), {},
      [coop, id](CivilDay day) {
        auto a = coop->Accord(id, kAccord);
        return a.ok() && a->InForceOn(day);
      });
  add("the accord's approval act concluded", CivilDay(2026, 5, 21), {},
      act_state(wf::kAccordApproval, kAccord, "concluded"));
  // The withdrawal.
  add("p-presa-atto adopted as n. 4/2026", CivilDay(2026, 6, 15), {},
      numbered("p-presa-atto", 4, 2026));
  add("p-presa-atto executive at once", CivilDay(2026, 6, 15), {},
      executive("p-presa-atto"));
  add("Colturano's notice recorded", CivilDay(2026, 6, 22), {},
      [coop, id](CivilDay) {
        auto a = coop->Accord(id, kConvenzione);
        return a.ok() &&
               a->parties.at("colturano").withdrawal_notice.has_value();
      });
  add("Colturano is a member", kFirstDay, CivilDay(2027, 1, 1),
      [g, id](CivilDay day) {
        auto cs = g->Consortium(id);
        return cs.ok() && cs->IsMemberOn("colturano", day);
      });
  add("the eight remaining share 1000 per mille", CivilDay(2027, 1, 1), {},
      [g, id](CivilDay day) {
        auto cs = g->Consortium(id);
        if (!cs.ok()) return false;
        const auto shares = cs->SharesAt(day);
        int sum = 0;
        for (const auto& [m, s] : shares) sum += s;
        return sum == 1000 && shares.count("colturano") == 0 &&
               shares.at("san-giuliano-milanese") == 353;
      });
  add("p-dic adopted as n. 5/2026 with Colturano's vote",
      CivilDay(2026, 12, 14), {}, numbered("p-dic", 5, 2026));
  add("the Tavolo degli Aderenti's opinion on p-dic overdue",
      CivilDay(2026, 12, 2), {}, act_overdue(kAderentiOpinion, "dic-ta"));
  add("p-gen adopted as n. 1/2027", CivilDay(2027, 1, 18), {},
      numbered("p-gen", 1, 2027));
  // The funded project's reports.
  add("periodic-1 submitted", CivilDay(2026, 4, 20), {},
      report("periodic-1", false));
  add("periodic-1 never overdue", never, {}, report("periodic-1", true));
  add("periodic-2 overdue", CivilDay(2026, 7, 31), {},
      report("periodic-2", true));
  add("periodic-3 submitted", CivilDay(2026, 10, 9), {},
      report("periodic-3", false));
  add("periodic-4 submitted", CivilDay(2027, 1, 20), {},
      report("periodic-4", false));
  add("the final report overdue", CivilDay(2027, 1, 31), {},
      report("final", true));
  add("periodic-1's act submitted", CivilDay(2026, 4, 20), {},
      act_state(wf::kReportSubmission, absl::StrCat(kProject, "/periodic-1"),
                "submitted"));
}

std::string Year::Summary(domain::Governance& g, domain::Cooperation& coop) {
  std::vector<std::string> out;
  const std::string& id = c.id;
  for (const char* p :
       {"p-statuto", "p-bilancio", "p-pdz", "p-presa-atto", "p-dic", "p-gen"}) {
    auto d = g.Deliberation(id, p);
    if (!d.ok()) return d.status().ToString();
    out.push_back(absl::StrCat(
        "deliberation ", p, ": ",
        d->adoption.has_value() ? d->adoption->ShortDebugString() : "-", " | ",
        d->publication.has_value() ? d->publication->ShortDebugString() : "-",
        " | executive ",
        d->executive_on.has_value() ? Day(*d->executive_on) : "-", " | ended ",
        d->publication_ended));
  }
  auto cs = g.Consortium(id);
  if (!cs.ok()) return cs.status().ToString();
  out.push_back(absl::StrCat("statutes ", cs->statutes.size()));
  for (CivilDay day : {CivilDay(2026, 12, 31), CivilDay(2027, 1, 1)}) {
    std::vector<std::string> shares;
    for (const auto& [m, s] : cs->SharesAt(day)) {
      shares.push_back(absl::StrCat(m, "=", s));
    }
    out.push_back(absl::StrCat(Day(day), " members ",
                               absl::StrJoin(cs->MembersOn(day), ","),
                               " shares ", absl::StrJoin(shares, ",")));
  }
  for (const char* a : {kConvenzione, kAccord}) {
    auto accord = coop.Accord(id, a);
    if (!accord.ok()) return accord.status().ToString();
    out.push_back(absl::StrCat(
        "accord ", a, ": ", domain::accord::StageName(accord->stage()),
        " from ",
        accord->in_force_from.has_value() ? Day(*accord->in_force_from) : "-"));
  }
  auto p = coop.Project(id, kProject);
  if (!p.ok()) return p.status().ToString();
  for (const auto& [r, rep] : p->reports) {
    out.push_back(absl::StrCat(
        "report ", r, ": ",
        rep.submission.has_value() ? rep.submission->ShortDebugString() : "-",
        rep.overdue ? " overdue" : ""));
  }
  const std::vector<std::pair<std::string, std::string>> acts = {
      {wf::kDeliberation, "p-statuto"},
      {wf::kDeliberation, "p-pdz"},
      {wf::kDeliberation, "p-gen"},
      {wf::kTavoloOpinion, "pdz-tt"},
      {wf::kTavoloOpinion, "pdz-programma-tt"},
      {kAderentiOpinion, "pdz-ta"},
      {kAderentiOpinion, "dic-ta"},
      {wf::kProgrammeApproval, kProgramme},
      {wf::kAccordApproval, kAccord},
      {wf::kAccordApproval, kConvenzione},
      {kAccessRequest, "carpiano-2026-1"},
      {kAccessRequest, "dresano-2026-1"},
      {wf::kReportSubmission, absl::StrCat(kProject, "/periodic-1")},
      {wf::kReportSubmission, absl::StrCat(kProject, "/final")}};
  for (const auto& [kind, act] : acts) {
    auto a = g.workflows().Act(id, kind, act);
    if (!a.ok()) return a.status().ToString();
    std::vector<std::string> opinions;
    for (const auto& [name, o] : a->opinions) {
      opinions.push_back(absl::StrCat(name, o.lapsed() ? "(lapsed)" : ""));
    }
    std::vector<std::string> steps;
    for (const v1::ActTransitioned& t : a->transitions) {
      steps.push_back(
          absl::StrCat(t.action(), "@", Day(domain::DayOf(t.performed_on()))));
    }
    out.push_back(absl::StrCat("act ", kind, " ", act, ": ", a->state,
                               a->overdue() ? " overdue" : "", " [",
                               absl::StrJoin(steps, " "), "] opinions ",
                               absl::StrJoin(opinions, ",")));
  }
  return absl::StrJoin(out, "\n");
}

}  // namespace concordia::testing
