#include "clients/demo/builders.h"

#include "absl/strings/str_cat.h"
#include "concordia/v1/consortium_service.pb.h"
#include "engine/calendar/calendar.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::demo {
namespace {

// docs/examples/sudestmilano.json, embedded at build time (genrule in BUILD).
constexpr char kSudEstMilanoJson[] =
#include "clients/demo/sudestmilano_json.inc"
    ;

}  // namespace

v1::Date Day(int year, int month, int day) {
  v1::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

v1::Date DateOf(absl::CivilDay day) {
  return Day(static_cast<int>(day.year()), day.month(), day.day());
}

google::protobuf::Timestamp At(absl::CivilDay day, int hour, int minute) {
  const absl::Time t = absl::FromCivil(
      absl::CivilSecond(day.year(), day.month(), day.day(), hour, minute, 0),
      calendar::Rome());
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(t));
}

std::string Member::delegate() const {
  switch (kind) {
    case v1::MEMBER_KIND_COMUNE:
      return absl::StrCat("sindaco@", id);
    case v1::MEMBER_KIND_PROVINCIA:
      return absl::StrCat("presidente@", id);
    default:
      return absl::StrCat("direttore@", id);
  }
}

v1::Statute DemoStatute() {
  v1::RegisterConsortiumRequest example;
  // The file is part of the build and tested by the tutorial's e2e test; a
  // parse failure is a build defect, so an empty statute (refused by the
  // server, naming the field) is the honest outcome.
  if (!google::protobuf::util::JsonStringToMessage(kSudEstMilanoJson, &example)
           .ok()) {
    return v1::Statute();
  }
  return example.statute();
}

v1::RegisterConsortiumRequest Registration(
    const std::string& id, v1::LegalForm form, const std::string& name,
    const std::string& tax_code, const std::string& seat,
    const v1::Date& constituted_on, const std::vector<Member>& founders) {
  v1::RegisterConsortiumRequest r;
  r.set_consortium_id(id);
  r.set_legal_form(form);
  r.set_name(name);
  r.set_tax_code(tax_code);
  r.set_seat_comune(seat);
  *r.mutable_constituted_on() = constituted_on;
  *r.mutable_statute() = DemoStatute();
  for (const Member& m : founders) {
    v1::Founder* f = r.add_founders();
    f->set_member_id(m.id);
    f->set_name(m.name);
    f->set_kind(m.kind);
    f->set_permille(m.permille);
  }
  return r;
}

v1::CreateBodyRequest Body(const std::string& consortium, const std::string& id,
                           v1::BodyKind kind, const std::string& name) {
  v1::CreateBodyRequest r;
  r.set_consortium_id(consortium);
  r.set_body_id(id);
  r.set_kind(kind);
  r.set_name(name);
  return r;
}

v1::DesignateBodyMemberRequest Designation(const std::string& consortium,
                                           const std::string& body,
                                           const std::string& member,
                                           const std::string& person,
                                           bool voting, const v1::Date& from) {
  v1::DesignateBodyMemberRequest r;
  r.set_consortium_id(consortium);
  r.set_body_id(body);
  r.set_member_id(member);
  r.set_person(person);
  r.set_voting(voting);
  *r.mutable_effective_from() = from;
  return r;
}

v1::GrantRoleRequest Grant(const std::string& consortium,
                           const std::string& principal, v1::Role role,
                           const std::string& scope) {
  v1::GrantRoleRequest r;
  r.mutable_grant()->set_consortium_id(consortium);
  r.mutable_grant()->set_principal(principal);
  r.mutable_grant()->set_role(role);
  r.mutable_grant()->set_scope(scope);
  return r;
}

v1::AccordParty Party(const Member& m) {
  v1::AccordParty p;
  p.set_party_id(m.id);
  p.set_name(m.kind == v1::MEMBER_KIND_COMUNE
                 ? absl::StrCat("Comune di ", m.name)
                 : m.name);
  p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
  p.set_kind(m.kind);
  return p;
}

v1::ApprovingAct ExternalAct(const std::string& body, const std::string& number,
                             absl::CivilDay dated, absl::CivilDay executive) {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_body(body);
  a.mutable_deliberation()->set_number(number);
  *a.mutable_deliberation()->mutable_date() = DateOf(dated);
  *a.mutable_declared_executive_on() = DateOf(executive);
  return a;
}

v1::Signature Qualified(absl::CivilDay day, int hour) {
  v1::Signature s;
  s.set_type(v1::SIGNATURE_TYPE_QUALIFIED_ELECTRONIC);
  *s.mutable_signed_at() = At(day, hour);
  return s;
}

void GrantDelegates(Plan& plan, const std::string& consortium,
                    const std::vector<Member>& members) {
  for (const Member& m : members) {
    plan.Add(absl::StrCat(consortium, "/grant-", m.id), kSystemAdmin,
             &AdminStub::GrantRole,
             Grant(consortium, m.delegate(), v1::ROLE_MEMBER_DELEGATE, m.id));
  }
}

}  // namespace concordia::demo
