#include "engine/domain/cooperation/testing/cooperative.h"

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/core/dates.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"

namespace concordia::domain::testing {

std::vector<std::string> ComuneIds() {
  std::vector<std::string> out;
  for (const consortium::Founder& f : DistrictComuni())
    out.push_back(f.member_id);
  return out;
}

std::vector<v1::AccordParty> S3Parties() {
  std::vector<v1::AccordParty> out;
  for (const consortium::Founder& f : DistrictComuni()) {
    v1::AccordParty p;
    p.set_party_id(f.member_id);
    p.set_name(f.name);
    p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
    p.set_kind(v1::MEMBER_KIND_COMUNE);
    out.push_back(p);
  }
  for (auto [id, name] :
       {std::make_pair("ats-milano", "ATS Città Metropolitana di Milano"),
        std::make_pair("asst-melegnano-martesana",
                       "ASST Melegnano e della Martesana")}) {
    v1::AccordParty p;
    p.set_party_id(id);
    p.set_name(name);
    p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
    p.set_kind(v1::MEMBER_KIND_AZIENDA_SANITARIA);
    out.push_back(p);
  }
  return out;
}

v1::AccordParty Adherent(const std::string& id, const std::string& name) {
  v1::AccordParty p;
  p.set_party_id(id);
  p.set_name(name);
  p.set_role(v1::PARTY_ROLE_THIRD_SECTOR_ADHERENT);
  p.set_kind(v1::MEMBER_KIND_TERZO_SETTORE);
  return p;
}

v1::ApprovingAct ExternalAct(const std::string& body, const std::string& number,
                             absl::CivilDay executive) {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_body(body);
  a.mutable_deliberation()->set_number(number);
  *a.mutable_deliberation()->mutable_date() = ToDate(executive - 11);
  *a.mutable_declared_executive_on() = ToDate(executive);
  return a;
}

v1::ApprovingAct InternalAct(const std::string& proposal_id) {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_proposal_id(proposal_id);
  return a;
}

v1::Signature QualifiedSignature(const std::string& signer, absl::Time at) {
  v1::Signature s;
  s.set_signer(signer);
  s.set_type(v1::SIGNATURE_TYPE_QUALIFIED_ELECTRONIC);
  *s.mutable_signed_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(
      absl::ToUnixSeconds(at));
  return s;
}

v1::CostSharingRule SharingRule(v1::CostSharingMethod method) {
  v1::CostSharingRule r;
  r.set_method(method);
  return r;
}

v1::Exerciser ToConsortium() {
  v1::Exerciser e;
  e.set_kind(v1::EXERCISER_KIND_CONSORTIUM);
  return e;
}

v1::Exerciser ToLead(const std::string& member_id) {
  v1::Exerciser e;
  e.set_kind(v1::EXERCISER_KIND_LEAD_ENTE);
  e.set_lead_member_id(member_id);
  return e;
}

Cooperative::Cooperative(std::string consortium_id, v1::Statute statute)
    : district(std::move(consortium_id), std::move(statute)),
      cooperation(*district.log.log, district.governance),
      scheduler(*district.log.log, district.clock, "system:scheduler"),
      id(district.id) {
  district.Register();
  EXPECT_TRUE(district.governance
                  .CreateBody(Ctx("admin@concordia"), id,
                              {"tavolo-aderenti", v1::BODY_KIND_TAVOLO_ADERENTI,
                               "Tavolo degli Aderenti"})
                  .ok());
  district.governance.RegisterTimers(scheduler);
  cooperation.RegisterTimers(scheduler);
  EXPECT_TRUE(scheduler.Start().ok());
}

void Cooperative::AdvanceTo(absl::CivilDay day, int hour) {
  district.clock.AdvanceTo(
      Rome(static_cast<int>(day.year()), day.month(), day.day(), hour));
  absl::StatusOr<int> ran = scheduler.RunDue();
  EXPECT_TRUE(ran.ok()) << ran.status();
}

absl::CivilDay Cooperative::Deliberate(const std::string& proposal,
                                       absl::CivilDay day) {
  static const std::vector<std::string> kFive = {
      "san-giuliano-milanese", "san-donato-milanese", "melegnano",
      "cerro-al-lambro", "dresano"};
  district.DraftReady(proposal);
  const std::string session = absl::StrCat("s-", proposal);
  auto convened = district.ConveneAssemblea(session, day, {proposal});
  EXPECT_TRUE(convened.ok()) << convened.status();
  AdvanceTo(day, 10);
  EXPECT_TRUE(
      district.governance.RecordAttendance(Ctx(), id, session, kFive, {}).ok());
  std::vector<std::pair<std::string, v1::VoteChoice>> yes;
  for (const std::string& m : kFive)
    yes.push_back({m, v1::VOTE_CHOICE_IN_FAVOUR});
  EXPECT_TRUE(district.Vote(session, 1, yes).ok());
  auto proclaimed = district.governance.Proclaim(Ctx(), id, session, 1, "");
  EXPECT_TRUE(proclaimed.ok()) << proclaimed.status();
  auto published = district.governance.Publish(Ctx(), id, proposal, day + 1);
  EXPECT_TRUE(published.ok()) << published.status();
  auto d = district.governance.Deliberation(id, proposal);
  EXPECT_TRUE(d.ok() && d->publication.has_value());
  return DayOf(d->publication->executive_on());
}

}  // namespace concordia::domain::testing
