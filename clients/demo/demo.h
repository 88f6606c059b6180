// The demo data set of `concordia demo load`: four consortia modelled on the
// cases of /work/shared/domain/scenarios.md (docs/demo.md describes them),
// built as a Plan of real API calls.
//
//   sudestmilano   Ambito Sud Est Milano: 9 comuni (S1 shares), Assemblea,
//                  Tavolo Tecnico, Tavolo degli Aderenti, Ufficio di Piano;
//                  the Piano di Zona accordo di programma (S3) in force from
//                  7 May 2025; the Assemblea's sittings of 2024-2026 (the
//                  Piano di Zona, S1's roll call and weighted votes, a
//                  deferral) and its next session, convened at load.
//   sds-pistoia    Società della Salute della zona pistoiese: the AUSL and
//                  the 2010 comuni; S4's two mergers on 1 January 2017; the
//                  Ufficio di Piano's coordination project 2022-2024 with
//                  its expenses and reports; the Assemblea dei soci's
//                  sittings of 2021 and 2024.
//   estar          a regional central purchasing body of seven health
//                  agencies: procurement rules, its qualification, the
//                  agencies' annual needs aggregated into joint tenders.
//   cst-chieti     Centro Servizi Territoriali of small comuni of the
//                  Chieti province: the convenzione, e-government and
//                  procurement delegations, a withdrawal notice, joint
//                  purchases of next year's ICT needs; two sittings.
//
// Dates: past acts (constitution, designations, accords, approving acts,
// signatures, delegations, successions, project expenses, and sessions
// transcribed with their past convocations) are dated 2010-2026. What only
// happens ahead of time is dated from `now`: the district's next session is
// convened with the statute's notice for a week later, and a needs
// collection's deadline is not in the past.
//
// Thread-safety: pure functions.
//
// Example:
//   Plan plan = DemoPlan(absl::Now());
//   absl::StatusOr<size_t> appended = plan.Run(client_for, progress, end);
#ifndef CONCORDIA_CLIENTS_DEMO_DEMO_H_
#define CONCORDIA_CLIENTS_DEMO_DEMO_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "clients/demo/plan.h"

namespace concordia::demo {

// The four consortia, in load order.
std::vector<std::string> DemoConsortia();

// The whole demo, with session and deadline dates derived from `now`.
Plan DemoPlan(absl::Time now);

// The day (Europe/Rome) of the district's next Assemblea session
// ("assemblea-prossima") when loaded at `now`: seven days later, at 10:00.
absl::CivilDay DemoSessionDay(absl::Time now);

// The year of the demo's needs collections when loaded at `now`: next year.
int DemoNeedsYear(absl::Time now);

// Every principal the demo acts as (for certificates in TLS mode).
std::vector<std::string> DemoPrincipals();

// One consortium's steps (demo_<consortium>.cc).
void AddSudEstMilano(Plan& plan, absl::Time now);
void AddSdsPistoia(Plan& plan, absl::Time now);
void AddEstar(Plan& plan, absl::Time now);
void AddCstChieti(Plan& plan, absl::Time now);

}  // namespace concordia::demo

#endif  // CONCORDIA_CLIENTS_DEMO_DEMO_H_
