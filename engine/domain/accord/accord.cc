// The Accord's state: folding its events and the questions it answers.
#include "engine/domain/accord/accord.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/domain/core/dates.h"

namespace concordia::domain::accord {

using absl::CivilDay;

std::string AccordStream(absl::string_view consortium_id,
                         absl::string_view accord_id) {
  return absl::StrCat(consortium_id, "/accord/", accord_id);
}

const char* StageName(Stage stage) {
  switch (stage) {
    case Stage::kNone:
      return "not drafted";
    case Stage::kDraft:
      return "draft";
    case Stage::kBeingSigned:
      return "being signed";
    case Stage::kConcluded:
      return "concluded";
    case Stage::kApproved:
      return "approved";
    case Stage::kInForce:
      return "in force";
    case Stage::kExpired:
      return "expired";
    case Stage::kDissolved:
      return "dissolved";
  }
  return "unknown";
}

bool Party::ActiveOn(CivilDay day) const {
  if (joined_on.has_value() && day < *joined_on) return false;
  return !withdrawn_from.has_value() || day < *withdrawn_from;
}

Stage AccordState::stage() const {
  if (!exists) return Stage::kNone;
  if (dissolution.has_value()) return Stage::kDissolved;
  if (expired_on.has_value()) return Stage::kExpired;
  if (in_force_from.has_value()) return Stage::kInForce;
  const Instrument& accord = instruments.at(0);
  if (accord.approval_act.has_value()) return Stage::kApproved;
  if (accord.concluded_on.has_value()) return Stage::kConcluded;
  if (!accord.signatures.empty()) return Stage::kBeingSigned;
  return Stage::kDraft;
}

bool AccordState::InForceOn(CivilDay day) const {
  if (!in_force_from.has_value() || day < *in_force_from) return false;
  if (ends_on.has_value() && day > *ends_on) return false;
  return !dissolution.has_value() || day < DayOf(dissolution->dissolved_on());
}

bool AccordState::IsActivePartyOn(absl::string_view party_id,
                                  CivilDay day) const {
  auto it = parties.find(std::string(party_id));
  return it != parties.end() && it->second.ActiveOn(day);
}

std::vector<std::string> AccordState::RequiredPartiesOn(CivilDay day) const {
  std::vector<std::string> out;
  for (const auto& [id, p] : parties) {
    if (p.is_public() && p.ActiveOn(day)) out.push_back(id);
  }
  return out;
}

std::vector<std::string> AccordState::MissingSignatures(int instrument,
                                                        CivilDay day) const {
  std::vector<std::string> out;
  auto it = instruments.find(instrument);
  for (const std::string& id : RequiredPartiesOn(day)) {
    if (it == instruments.end() || it->second.signatures.count(id) == 0) {
      out.push_back(id);
    }
  }
  return out;
}

const Instrument* AccordState::Pending() const {
  for (const auto& [n, i] : instruments) {
    if (n > 0 && !i.took_effect) return &i;
  }
  return nullptr;
}

absl::Status ApplyAccordEvent(AccordState& s,
                              const google::protobuf::Message& event,
                              const log::Record&) {
  if (const auto* e = dynamic_cast<const v1::AccordDrafted*>(&event)) {
    s.exists = true;
    s.draft = *e;
    for (const v1::AccordParty& p : e->parties()) {
      s.parties[p.party_id()].info = p;
    }
    Instrument& accord = s.instruments[0];
    accord.number = 0;
    accord.kind = v1::INSTRUMENT_KIND_ACCORD;
  } else if (const auto* e =
                 dynamic_cast<const v1::AccordInstrumentProposed*>(&event)) {
    Instrument& i = s.instruments[e->instrument()];
    i.number = e->instrument();
    i.kind = e->kind();
    i.proposal = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::AccordPartyApproved*>(&event)) {
    s.instruments[e->instrument()].approvals[e->party_id()] = *e;
  } else if (const auto* e = dynamic_cast<const v1::AccordSigned*>(&event)) {
    s.instruments[e->instrument()].signatures[e->party_id()] = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::AccordInstrumentConcluded*>(&event)) {
    s.instruments[e->instrument()].concluded_on = DayOf(e->concluded_on());
  } else if (const auto* e =
                 dynamic_cast<const v1::AccordApprovalActRecorded*>(&event)) {
    s.instruments[e->instrument()].approval_act = *e;
  } else if (const auto* e = dynamic_cast<const v1::AccordPublished*>(&event)) {
    s.instruments[e->instrument()].publication = *e;
  } else if (const auto* e = dynamic_cast<const v1::AccordInForce*>(&event)) {
    s.in_force_from = DayOf(e->in_force_from());
    s.ends_on = DayOf(e->ends_on());
    s.instruments[0].took_effect = true;
  } else if (const auto* e = dynamic_cast<const v1::AccordAmended*>(&event)) {
    s.amendments.push_back(*e);
    s.instruments[e->instrument()].took_effect = true;
  } else if (const auto* e = dynamic_cast<const v1::AccordRenewed*>(&event)) {
    s.renewals.push_back(*e);
    s.ends_on = DayOf(e->new_ends_on());
    if (e->instrument() > 0) s.instruments[e->instrument()].took_effect = true;
  } else if (const auto* e =
                 dynamic_cast<const v1::AccordNonRenewalNotified*>(&event)) {
    Party& p = s.parties[e->party_id()];
    p.non_renewal = *e;
    p.non_renewal_term = static_cast<int>(s.renewals.size());
  } else if (const auto* e =
                 dynamic_cast<const v1::AccordWithdrawalNotified*>(&event)) {
    s.parties[e->party_id()].withdrawal_notice = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::AccordPartyWithdrawn*>(&event)) {
    s.parties[e->party_id()].withdrawn_from = DayOf(e->effective_on());
  } else if (const auto* e =
                 dynamic_cast<const v1::AccordAdherentJoined*>(&event)) {
    Party& p = s.parties[e->adherent().party_id()];
    p.info = e->adherent();
    p.joined_on = DayOf(e->joined_on());
    p.adhesion = *e;
  } else if (const auto* e = dynamic_cast<const v1::AccordExpired*>(&event)) {
    s.expired_on = DayOf(e->ended_on());
  } else if (const auto* e = dynamic_cast<const v1::AccordDissolved*>(&event)) {
    s.dissolution = *e;
    if (e->instrument() > 0) s.instruments[e->instrument()].took_effect = true;
  }
  return absl::OkStatus();
}

}  // namespace concordia::domain::accord
