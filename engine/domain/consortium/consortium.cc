#include "engine/domain/consortium/consortium.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/reasons.h"
#include "engine/workflow/definition.h"

namespace concordia::domain::consortium {
namespace {

using absl::CivilDay;

std::string DayText(CivilDay d) { return absl::FormatCivilTime(d); }

absl::Status RequireRegistered(const ConsortiumState& s) {
  if (!s.registered) {
    return Rejected(reasons::kNotRegistered, "the consortium is not registered");
  }
  return absl::OkStatus();
}

absl::Status ValidateFraction(const v1::Fraction& f, const std::string& field) {
  if (f.denominator() < 0 || f.numerator() < 0 ||
      (f.denominator() > 0 && f.numerator() > f.denominator())) {
    return InvalidField(field, "a fraction between 0 and 1 is required");
  }
  return absl::OkStatus();
}

// Shares must sum to 1000 and name exactly `members`.
absl::Status ValidateShares(const std::map<std::string, int32_t>& shares,
                            const std::set<std::string>& members,
                            CivilDay effective) {
  int64_t sum = 0;
  for (const auto& [member, permille] : shares) {
    if (permille < 0 || permille > 1000) {
      return InvalidField(absl::StrCat("shares[", member, "]"),
                          "must be between 0 and 1000");
    }
    sum += permille;
  }
  if (sum != 1000) {
    return Rejected(reasons::kSharesDoNotSumTo1000,
                    absl::StrCat("the shares sum to ", sum,
                                 "‰; they must sum to exactly 1000‰"));
  }
  std::set<std::string> named;
  for (const auto& [member, p] : shares) named.insert(member);
  if (named != members) {
    return Rejected(reasons::kSharesDoNotCoverMembers,
                    absl::StrCat("the shares must name exactly the members on ",
                                 DayText(effective), ": ",
                                 absl::StrJoin(members, ", ")));
  }
  return absl::OkStatus();
}

absl::Status RequireAuthorisation(const v1::DeliberationRef& ref,
                                  bool executive, absl::string_view what) {
  if (ref.proposal_id().empty()) {
    return InvalidField("authorised_by.proposal_id",
                        absl::StrCat(what, " needs the deliberation that "
                                           "decided it"));
  }
  if (!executive) {
    return Rejected(reasons::kDeliberationNotExecutive,
                    absl::StrCat("deliberation ", ref.proposal_id(),
                                 " is not executive on the effective date; ",
                                 what, " cannot take effect"));
  }
  return absl::OkStatus();
}

// Membership and share changes may not precede the latest share table: each
// table must stay complete from its date on.
absl::Status RequireNotRetroactive(const ConsortiumState& s, CivilDay day) {
  if (!s.shares.empty() && day < s.shares.back().first) {
    return Rejected(
        reasons::kRetroactiveChange,
        absl::StrCat("the shares already changed on ",
                     DayText(s.shares.back().first),
                     "; a change effective earlier would leave later shares "
                     "incomplete"));
  }
  return absl::OkStatus();
}

v1::SharesChanged SharesEvent(const ConsortiumState& s, CivilDay day,
                              const std::map<std::string, int32_t>& shares,
                              const v1::DeliberationRef* by) {
  v1::SharesChanged e;
  e.set_consortium_id(s.profile.consortium_id());
  *e.mutable_effective_from() = ToDate(day);
  for (const auto& [m, p] : shares) {
    v1::MemberShare* share = e.add_shares();
    share->set_member_id(m);
    share->set_permille(p);
  }
  if (by != nullptr) *e.mutable_changed_by() = *by;
  return e;
}

template <typename T>
void Push(Events& events, T event) {
  events.push_back(std::make_unique<T>(std::move(event)));
}

}  // namespace

std::string ConsortiumStream(absl::string_view consortium_id) {
  return absl::StrCat(consortium_id, "/consortium");
}

const v1::Statute* ConsortiumState::StatuteAt(CivilDay day) const {
  const v1::Statute* found = nullptr;
  CivilDay best;
  for (const v1::StatuteAdopted& s : statutes) {
    const CivilDay from = DayOf(s.effective_from());
    if (from <= day && (found == nullptr || from >= best)) {
      found = &s.statute();
      best = from;
    }
  }
  return found;
}

std::map<std::string, int32_t> ConsortiumState::SharesAt(CivilDay day) const {
  std::map<std::string, int32_t> out;
  for (const auto& [from, table] : shares) {
    if (from <= day) out = table;
  }
  return out;
}

bool ConsortiumState::IsMemberOn(absl::string_view member_id,
                                 CivilDay day) const {
  auto it = members.find(std::string(member_id));
  if (it == members.end()) return false;
  return it->second.from <= day &&
         (!it->second.until.has_value() || day < *it->second.until);
}

std::vector<std::string> ConsortiumState::MembersOn(CivilDay day) const {
  std::vector<std::string> out;
  for (const auto& [id, m] : members) {
    if (IsMemberOn(id, day)) out.push_back(id);
  }
  return out;
}

const v1::BodyRules* ConsortiumState::RulesFor(absl::string_view body_id,
                                               CivilDay day) const {
  auto body = bodies.find(std::string(body_id));
  const v1::Statute* statute = StatuteAt(day);
  if (body == bodies.end() || statute == nullptr) return nullptr;
  for (const v1::BodyRules& r : statute->bodies()) {
    if (r.body_kind() == body->second.kind()) return &r;
  }
  return nullptr;
}

std::vector<voting::Voter> ConsortiumState::VotersOf(absl::string_view body_id,
                                                     CivilDay day) const {
  const std::map<std::string, int32_t> table = SharesAt(day);
  std::set<std::string> seen;
  std::vector<voting::Voter> out;
  for (const Designation& d : designations) {
    if (d.body_id != body_id || !d.voting || !d.ActiveOn(day) ||
        d.member_id.empty() || !IsMemberOn(d.member_id, day) ||
        !seen.insert(d.member_id).second) {
      continue;
    }
    auto share = table.find(d.member_id);
    out.push_back({d.member_id, share == table.end() ? 0 : share->second});
  }
  return out;
}

bool ConsortiumState::Represents(absl::string_view body_id,
                                 absl::string_view member_id,
                                 absl::string_view person, CivilDay day) const {
  for (const Designation& d : designations) {
    if (d.body_id == body_id && d.member_id == member_id &&
        d.person == person && d.voting && d.ActiveOn(day)) {
      return true;
    }
  }
  return false;
}

absl::Status ApplyConsortiumEvent(ConsortiumState& s,
                                  const google::protobuf::Message& event,
                                  const log::Record&) {
  if (const auto* e = dynamic_cast<const v1::ConsortiumRegistered*>(&event)) {
    s.registered = true;
    s.profile = *e;
  } else if (const auto* e = dynamic_cast<const v1::StatuteAdopted*>(&event)) {
    s.statutes.push_back(*e);
  } else if (const auto* e = dynamic_cast<const v1::MemberAdmitted*>(&event)) {
    s.members[e->member_id()] =
        Member{e->member_id(), e->name(), e->kind(), DayOf(e->effective_from()),
               std::nullopt};
  } else if (const auto* e = dynamic_cast<const v1::MemberWithdrawn*>(&event)) {
    s.members[e->member_id()].until = DayOf(e->effective_from());
  } else if (const auto* e = dynamic_cast<const v1::MemberSucceeded*>(&event)) {
    const CivilDay day = DayOf(e->effective_from());
    for (const std::string& p : e->predecessor_ids()) s.members[p].until = day;
    s.members[e->successor_id()] = Member{e->successor_id(), e->successor_name(),
                                          e->successor_kind(), day, std::nullopt};
  } else if (const auto* e = dynamic_cast<const v1::SharesChanged*>(&event)) {
    std::map<std::string, int32_t> table;
    for (const v1::MemberShare& share : e->shares()) {
      table[share.member_id()] = share.permille();
    }
    const CivilDay day = DayOf(e->effective_from());
    auto it = std::find_if(s.shares.begin(), s.shares.end(),
                           [&](const auto& t) { return t.first > day; });
    // Same date: the later change replaces the earlier one.
    if (it != s.shares.begin() && std::prev(it)->first == day) {
      std::prev(it)->second = std::move(table);
    } else {
      s.shares.insert(it, {day, std::move(table)});
    }
  } else if (const auto* e = dynamic_cast<const v1::BodyCreated*>(&event)) {
    s.bodies[e->body_id()] = *e;
  } else if (const auto* e =
                 dynamic_cast<const v1::BodyMemberDesignated*>(&event)) {
    s.designations.push_back(Designation{e->body_id(), e->member_id(),
                                         e->person(), e->voting(),
                                         DayOf(e->effective_from()),
                                         std::nullopt});
  } else if (const auto* e = dynamic_cast<const v1::BodyMemberRevoked*>(&event)) {
    const CivilDay day = DayOf(e->effective_from());
    for (Designation& d : s.designations) {
      if (d.body_id == e->body_id() && d.member_id == e->member_id() &&
          d.person == e->person() && !d.until.has_value()) {
        d.until = day;
      }
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateStatute(const v1::Statute& st) {
  if (st.bodies().empty()) return InvalidField("statute.bodies", "required");
  std::set<int> kinds;
  for (int i = 0; i < st.bodies_size(); ++i) {
    const v1::BodyRules& b = st.bodies(i);
    const std::string f = absl::StrCat("statute.bodies[", i, "]");
    if (b.body_kind() == v1::BODY_KIND_UNSPECIFIED) {
      return InvalidField(f + ".body_kind", "required");
    }
    if (!kinds.insert(b.body_kind()).second) {
      return InvalidField(f + ".body_kind", "given twice");
    }
    for (auto [q, name] : {std::make_pair(&b.first_call_quorum(), "first_call"),
                           std::make_pair(&b.second_call_quorum(),
                                          "second_call")}) {
      CONCORDIA_RETURN_IF_ERROR(
          ValidateFraction(q->shares(), f + "." + name + "_quorum.shares"));
      CONCORDIA_RETURN_IF_ERROR(
          ValidateFraction(q->heads(), f + "." + name + "_quorum.heads"));
    }
    for (int j = 0; j < b.majorities_size(); ++j) {
      const v1::MajorityRule& m = b.majorities(j);
      const std::string mf = absl::StrCat(f, ".majorities[", j, "]");
      if (m.act_kind() == v1::ACT_KIND_UNSPECIFIED) {
        return InvalidField(mf + ".act_kind", "required");
      }
      if (m.base() == v1::MAJORITY_BASE_UNSPECIFIED) {
        return InvalidField(mf + ".base", "required");
      }
      if (m.shares().denominator() <= 0 && m.heads().denominator() <= 0) {
        return InvalidField(mf, "a shares or heads threshold is required");
      }
      CONCORDIA_RETURN_IF_ERROR(ValidateFraction(m.shares(), mf + ".shares"));
      CONCORDIA_RETURN_IF_ERROR(ValidateFraction(m.heads(), mf + ".heads"));
    }
  }
  for (auto [rule, name] :
       {std::make_pair(&st.ordinary_notice(), "statute.ordinary_notice"),
        std::make_pair(&st.extraordinary_notice(),
                       "statute.extraordinary_notice"),
        std::make_pair(&st.urgent_notice(), "statute.urgent_notice")}) {
    absl::StatusOr<calendar::DeadlineRule> r = calendar::FromProto(*rule);
    if (!r.ok()) {
      return InvalidField(name, r.status().message());
    }
  }
  if (st.publication_days() <= 0 || st.publication_days() > 365) {
    return InvalidField("statute.publication_days", "1..365 days");
  }
  if (st.executivity_days() < 0 || st.executivity_days() > 365) {
    return InvalidField("statute.executivity_days", "0..365 days");
  }
  if (st.immediate_executability().denominator() <= 0) {
    return InvalidField("statute.immediate_executability", "required");
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateFraction(st.immediate_executability(),
                                             "statute.immediate_executability"));
  if (st.annulment_limit_months() <= 0) {
    return InvalidField("statute.annulment_limit_months", "required");
  }
  absl::StatusOr<calendar::CalendarConfig> cal =
      calendar::FromProto(st.calendar());
  if (!cal.ok()) return InvalidField("statute.calendar", cal.status().message());
  return workflow::ValidateWorkflows(st.workflows(), "statute");
}

absl::StatusOr<Events> DecideRegister(const ConsortiumState& s,
                                      const RegisterConsortium& c) {
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.consortium_id, "consortium_id"));
  if (c.legal_form == v1::LEGAL_FORM_UNSPECIFIED) {
    return InvalidField("legal_form", "required");
  }
  if (c.name.empty()) return InvalidField("name", "required");
  if (c.seat_comune.empty()) return InvalidField("seat_comune", "required");
  CONCORDIA_RETURN_IF_ERROR(ValidateStatute(c.statute));
  if (c.founders.empty()) return InvalidField("founders", "at least one");
  if (s.registered) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("consortium ", c.consortium_id,
                                 " is already registered"));
  }
  std::map<std::string, int32_t> shares;
  std::set<std::string> ids;
  for (size_t i = 0; i < c.founders.size(); ++i) {
    const Founder& f = c.founders[i];
    CONCORDIA_RETURN_IF_ERROR(
        ValidateId(f.member_id, absl::StrCat("founders[", i, "].member_id")));
    if (f.kind == v1::MEMBER_KIND_UNSPECIFIED) {
      return InvalidField(absl::StrCat("founders[", i, "].kind"), "required");
    }
    if (!ids.insert(f.member_id).second) {
      return InvalidField(absl::StrCat("founders[", i, "].member_id"),
                          "given twice");
    }
    shares[f.member_id] = f.permille;
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateShares(shares, ids, c.constituted_on));
  Events events;
  v1::ConsortiumRegistered reg;
  reg.set_consortium_id(c.consortium_id);
  reg.set_legal_form(c.legal_form);
  reg.set_name(c.name);
  reg.set_tax_code(c.tax_code);
  reg.set_seat_comune(c.seat_comune);
  *reg.mutable_constituted_on() = ToDate(c.constituted_on);
  Push(events, reg);
  v1::StatuteAdopted st;
  st.set_consortium_id(c.consortium_id);
  st.set_version(1);
  *st.mutable_effective_from() = ToDate(c.constituted_on);
  *st.mutable_statute() = c.statute;
  Push(events, st);
  for (const Founder& f : c.founders) {
    v1::MemberAdmitted m;
    m.set_consortium_id(c.consortium_id);
    m.set_member_id(f.member_id);
    m.set_name(f.name);
    m.set_kind(f.kind);
    *m.mutable_effective_from() = ToDate(c.constituted_on);
    Push(events, m);
  }
  ConsortiumState fresh;
  fresh.profile = reg;
  Push(events, SharesEvent(fresh, c.constituted_on, shares, nullptr));
  return events;
}

absl::StatusOr<Events> DecideAdmit(const ConsortiumState& s,
                                   const AdmitMember& c, bool executive) {
  CONCORDIA_RETURN_IF_ERROR(RequireRegistered(s));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.member_id, "member_id"));
  if (c.kind == v1::MEMBER_KIND_UNSPECIFIED) {
    return InvalidField("kind", "required");
  }
  if (s.members.count(c.member_id) > 0) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat(c.member_id, " is or was already a member"));
  }
  CONCORDIA_RETURN_IF_ERROR(
      RequireAuthorisation(c.authorised_by, executive, "an admission"));
  CONCORDIA_RETURN_IF_ERROR(RequireNotRetroactive(s, c.effective_from));
  std::vector<std::string> now = s.MembersOn(c.effective_from);
  std::set<std::string> after(now.begin(), now.end());
  after.insert(c.member_id);
  CONCORDIA_RETURN_IF_ERROR(ValidateShares(c.shares, after, c.effective_from));
  Events events;
  v1::MemberAdmitted m;
  m.set_consortium_id(s.profile.consortium_id());
  m.set_member_id(c.member_id);
  m.set_name(c.name);
  m.set_kind(c.kind);
  *m.mutable_effective_from() = ToDate(c.effective_from);
  *m.mutable_admitted_by() = c.authorised_by;
  Push(events, m);
  Push(events, SharesEvent(s, c.effective_from, c.shares, &c.authorised_by));
  return events;
}

absl::StatusOr<Events> DecideWithdraw(const ConsortiumState& s,
                                      const WithdrawMember& c, bool executive) {
  CONCORDIA_RETURN_IF_ERROR(RequireRegistered(s));
  if (!s.IsMemberOn(c.member_id, c.effective_from)) {
    return Rejected(reasons::kNotAMember,
                    absl::StrCat(c.member_id, " is not a member on ",
                                 DayText(c.effective_from)));
  }
  CONCORDIA_RETURN_IF_ERROR(
      RequireAuthorisation(c.authorised_by, executive, "a withdrawal"));
  CONCORDIA_RETURN_IF_ERROR(RequireNotRetroactive(s, c.effective_from));
  std::vector<std::string> now = s.MembersOn(c.effective_from);
  std::set<std::string> after(now.begin(), now.end());
  after.erase(c.member_id);
  if (after.empty()) {
    return Rejected(reasons::kInvalidStateTransition,
                    "the last member cannot withdraw; dissolve the consortium");
  }
  CONCORDIA_RETURN_IF_ERROR(ValidateShares(c.shares, after, c.effective_from));
  Events events;
  v1::MemberWithdrawn w;
  w.set_consortium_id(s.profile.consortium_id());
  w.set_member_id(c.member_id);
  *w.mutable_effective_from() = ToDate(c.effective_from);
  *w.mutable_recorded_by() = c.authorised_by;
  Push(events, w);
  Push(events, SharesEvent(s, c.effective_from, c.shares, &c.authorised_by));
  return events;
}

absl::StatusOr<Events> DecideSuccession(const ConsortiumState& s,
                                        const RecordSuccession& c) {
  CONCORDIA_RETURN_IF_ERROR(RequireRegistered(s));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.successor_id, "successor_id"));
  if (c.predecessor_ids.size() < 2) {
    return InvalidField("predecessor_ids", "a merger has two or more members");
  }
  if (s.members.count(c.successor_id) > 0) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat(c.successor_id, " is already a member"));
  }
  CONCORDIA_RETURN_IF_ERROR(RequireNotRetroactive(s, c.effective_from));
  std::map<std::string, int32_t> table = s.SharesAt(c.effective_from);
  int32_t sum = 0;
  for (const std::string& p : c.predecessor_ids) {
    if (!s.IsMemberOn(p, c.effective_from)) {
      return Rejected(reasons::kNotAMember,
                      absl::StrCat(p, " is not a member on ",
                                   DayText(c.effective_from)));
    }
    sum += table[p];
    table.erase(p);
  }
  table[c.successor_id] = sum;
  Events events;
  v1::MemberSucceeded e;
  e.set_consortium_id(s.profile.consortium_id());
  for (const std::string& p : c.predecessor_ids) e.add_predecessor_ids(p);
  e.set_successor_id(c.successor_id);
  e.set_successor_name(c.successor_name);
  e.set_successor_kind(c.successor_kind);
  *e.mutable_effective_from() = ToDate(c.effective_from);
  Push(events, e);
  Push(events, SharesEvent(s, c.effective_from, table, nullptr));
  return events;
}

absl::StatusOr<Events> DecideChangeShares(const ConsortiumState& s,
                                          const ChangeShares& c,
                                          bool executive) {
  CONCORDIA_RETURN_IF_ERROR(RequireRegistered(s));
  CONCORDIA_RETURN_IF_ERROR(
      RequireAuthorisation(c.authorised_by, executive, "a change of shares"));
  CONCORDIA_RETURN_IF_ERROR(RequireNotRetroactive(s, c.effective_from));
  std::vector<std::string> now = s.MembersOn(c.effective_from);
  CONCORDIA_RETURN_IF_ERROR(ValidateShares(
      c.shares, std::set<std::string>(now.begin(), now.end()),
      c.effective_from));
  Events events;
  Push(events, SharesEvent(s, c.effective_from, c.shares, &c.authorised_by));
  return events;
}

absl::StatusOr<Events> DecideAdoptStatute(const ConsortiumState& s,
                                          const AdoptStatute& c,
                                          bool executive) {
  CONCORDIA_RETURN_IF_ERROR(RequireRegistered(s));
  CONCORDIA_RETURN_IF_ERROR(ValidateStatute(c.statute));
  CONCORDIA_RETURN_IF_ERROR(
      RequireAuthorisation(c.authorised_by, executive, "a statute change"));
  if (c.effective_from < DayOf(s.profile.constituted_on())) {
    return InvalidField("effective_from", "before the consortium existed");
  }
  Events events;
  v1::StatuteAdopted e;
  e.set_consortium_id(s.profile.consortium_id());
  e.set_version(static_cast<int32_t>(s.statutes.size()) + 1);
  *e.mutable_effective_from() = ToDate(c.effective_from);
  *e.mutable_statute() = c.statute;
  *e.mutable_adopted_by() = c.authorised_by;
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideCreateBody(const ConsortiumState& s,
                                        const CreateBody& c) {
  CONCORDIA_RETURN_IF_ERROR(RequireRegistered(s));
  CONCORDIA_RETURN_IF_ERROR(ValidateId(c.body_id, "body_id"));
  if (c.kind == v1::BODY_KIND_UNSPECIFIED) {
    return InvalidField("kind", "required");
  }
  if (s.bodies.count(c.body_id) > 0) {
    return Rejected(reasons::kAlreadyExists,
                    absl::StrCat("body ", c.body_id, " exists"));
  }
  Events events;
  v1::BodyCreated e;
  e.set_consortium_id(s.profile.consortium_id());
  e.set_body_id(c.body_id);
  e.set_kind(c.kind);
  e.set_name(c.name.empty() ? c.body_id : c.name);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideDesignate(const ConsortiumState& s,
                                       const Designate& c) {
  CONCORDIA_RETURN_IF_ERROR(RequireRegistered(s));
  if (s.bodies.count(c.body_id) == 0) return UnknownEntity("body", c.body_id);
  if (c.person.empty()) return InvalidField("person", "required");
  if (c.member_id.empty() && c.voting) {
    return InvalidField("member_id", "a voting designation represents a member");
  }
  if (!c.member_id.empty() && !s.IsMemberOn(c.member_id, c.effective_from)) {
    return Rejected(reasons::kNotAMember,
                    absl::StrCat(c.member_id, " is not a member on ",
                                 DayText(c.effective_from)));
  }
  for (const Designation& d : s.designations) {
    if (d.body_id != c.body_id || d.until.has_value()) continue;
    if (d.member_id == c.member_id && d.person == c.person) {
      return Rejected(reasons::kAlreadyExists,
                      absl::StrCat(c.person, " is already designated"));
    }
    if (c.voting && d.voting && d.member_id == c.member_id) {
      return Rejected(reasons::kAlreadyExists,
                      absl::StrCat(c.member_id, " is already represented on ",
                                   c.body_id, " by ", d.person,
                                   "; revoke that designation first"));
    }
  }
  Events events;
  v1::BodyMemberDesignated e;
  e.set_consortium_id(s.profile.consortium_id());
  e.set_body_id(c.body_id);
  e.set_member_id(c.member_id);
  e.set_person(c.person);
  e.set_voting(c.voting);
  *e.mutable_effective_from() = ToDate(c.effective_from);
  Push(events, e);
  return events;
}

absl::StatusOr<Events> DecideRevokeDesignation(const ConsortiumState& s,
                                               const RevokeDesignation& c) {
  CONCORDIA_RETURN_IF_ERROR(RequireRegistered(s));
  for (const Designation& d : s.designations) {
    if (d.body_id == c.body_id && d.member_id == c.member_id &&
        d.person == c.person && !d.until.has_value()) {
      if (c.effective_from < d.from) {
        return InvalidField("effective_from", "before the designation");
      }
      Events events;
      v1::BodyMemberRevoked e;
      e.set_consortium_id(s.profile.consortium_id());
      e.set_body_id(c.body_id);
      e.set_member_id(c.member_id);
      e.set_person(c.person);
      *e.mutable_effective_from() = ToDate(c.effective_from);
      Push(events, e);
      return events;
    }
  }
  return Rejected(reasons::kInvalidStateTransition,
                  absl::StrCat(c.person, " holds no designation on ", c.body_id,
                               " for ", c.member_id));
}

}  // namespace concordia::domain::consortium
