// A kind of act no Concordia code names, written as the data a statute
// carries, for the end-to-end tests of workflows over the API: requests for
// access to documents (L. 241/1990 art. 25, "accesso-atti") — filed by a
// member's delegate for its member, granted or refused by the Ufficio di
// Piano, refused by 30 days of silence (the last day rolled to a working
// day), with the legal office's opinion ("legale") the Ufficio may attach.
//
// Thread-safety: pure functions.
//
// Example:
//   *statute.add_workflows() = testing::AccessRequestDefinition();
#ifndef CONCORDIA_TESTS_TESTING_ACCESS_REQUEST_KIND_H_
#define CONCORDIA_TESTS_TESTING_ACCESS_REQUEST_KIND_H_

#include <cstdio>
#include <cstdlib>

#include "concordia/v1/governance.pb.h"
#include "google/protobuf/text_format.h"

namespace concordia::testing {

inline constexpr char kAccessRequestKind[] = "accesso-atti";

inline v1::WorkflowDefinition AccessRequestDefinition() {
  static constexpr char kText[] = R"pb(
    act_kind: "accesso-atti"
    title: "Richiesta di accesso agli atti (art. 25 L. 241/1990)"
    concerns_member: true
    starters { role: ROLE_MEMBER_DELEGATE scope: PERFORMER_SCOPE_ACT_MEMBER }
    initial_state: "submitted"
    states {
      name: "submitted"
      title: "Presentata"
      deadline {
        period {
          amount: 30
          unit: DEADLINE_UNIT_CALENDAR_DAYS
          roll_to_working_day: true
        }
        outcome: DEADLINE_OUTCOME_AUTOMATIC_TRANSITION
        action: "silent-refusal"
      }
    }
    states { name: "granted" title: "Accolta" terminal: true }
    states { name: "refused" title: "Respinta" terminal: true }
    transitions {
      action: "grant"
      title: "Accoglimento"
      from_states: "submitted"
      to_state: "granted"
      performers { role: ROLE_UFFICIO_DI_PIANO scope: PERFORMER_SCOPE_ANY }
    }
    transitions {
      action: "refuse"
      title: "Diniego motivato"
      from_states: "submitted"
      to_state: "refused"
      performers { role: ROLE_UFFICIO_DI_PIANO scope: PERFORMER_SCOPE_ANY }
      required_opinions { opinion: "legale" }
    }
    transitions {
      action: "silent-refusal"
      title: "Silenzio-rigetto"
      from_states: "submitted"
      to_state: "refused"
    }
    opinions {
      name: "legale"
      title: "Parere dell'ufficio legale"
      given_by { role: ROLE_UFFICIO_DI_PIANO scope: PERFORMER_SCOPE_ANY }
    }
  )pb";
  v1::WorkflowDefinition d;
  if (!google::protobuf::TextFormat::ParseFromString(kText, &d)) {
    std::fprintf(stderr, "AccessRequestDefinition: malformed text\n");
    std::abort();
  }
  return d;
}

}  // namespace concordia::testing

#endif  // CONCORDIA_TESTS_TESTING_ACCESS_REQUEST_KIND_H_
