#include "tests/testing/district_api.h"

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/governance/testing/district.h"

namespace concordia::testing {
namespace {

template <typename Request, typename Response, typename Stub, typename Method>
grpc::Status Call(Stub& stub, Method method, const Request& req,
                  Response* resp = nullptr) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  ctx.set_wait_for_ready(true);
  Response local;
  return (stub.*method)(&ctx, req, resp != nullptr ? resp : &local);
}

}  // namespace

std::vector<std::pair<std::string, int>> DistrictComuni() {
  std::vector<std::pair<std::string, int>> out;
  for (const auto& f : domain::testing::DistrictComuni()) {
    out.push_back({f.member_id, f.permille});
  }
  return out;
}

std::string SindacoOf(const std::string& member_id) {
  return absl::StrCat("sindaco@", member_id);
}

std::vector<std::string> DistrictPrincipals() {
  std::vector<std::string> out = {kSystemAdmin, kDistrictAdmin, kSecretary,
                                  kTavoloSecretary, kUfficio, kRegion,
                                  kAuditor, kStranger};
  for (const auto& [member, share] : DistrictComuni()) {
    out.push_back(SindacoOf(member));
  }
  return out;
}

absl::Time RomeTime(absl::CivilDay day, int hour, int minute) {
  return absl::FromCivil(
      absl::CivilSecond(day.year(), day.month(), day.day(), hour, minute, 0),
      calendar::Rome());
}

std::string Rfc3339(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, calendar::Rome());
}

v1::Date DateOf(absl::CivilDay day) {
  v1::Date d;
  d.set_year(static_cast<int32_t>(day.year()));
  d.set_month(day.month());
  d.set_day(day.day());
  return d;
}

v1::RegisterConsortiumRequest DistrictRegistration(
    const std::string& request_id) {
  v1::RegisterConsortiumRequest r;
  r.set_request_id(request_id);
  r.set_consortium_id(kDistrictId);
  r.set_legal_form(v1::LEGAL_FORM_AZIENDA_SPECIALE_CONSORTILE);
  r.set_name("Ambito Sud Est Milano");
  r.set_tax_code("97000000000");
  r.set_seat_comune("san-giuliano-milanese");
  *r.mutable_constituted_on() = DateOf(absl::CivilDay(2024, 1, 1));
  *r.mutable_statute() = domain::testing::DistrictStatute();
  for (const auto& f : domain::testing::DistrictComuni()) {
    v1::Founder* founder = r.add_founders();
    founder->set_member_id(f.member_id);
    founder->set_name(f.name);
    founder->set_kind(f.kind);
    founder->set_permille(f.permille);
  }
  return r;
}

std::string DistrictApi::NextRequestId() {
  return absl::StrCat(id_, "-req-", ++next_);
}

std::unique_ptr<v1::ConsortiumService::Stub> DistrictApi::Consortia(
    const std::string& as) {
  return v1::ConsortiumService::NewStub(server_.ChannelAs(as));
}
std::unique_ptr<v1::SessionService::Stub> DistrictApi::Sessions(
    const std::string& as) {
  return v1::SessionService::NewStub(server_.ChannelAs(as));
}
std::unique_ptr<v1::DeliberationService::Stub> DistrictApi::Deliberations(
    const std::string& as) {
  return v1::DeliberationService::NewStub(server_.ChannelAs(as));
}
std::unique_ptr<v1::AdminService::Stub> DistrictApi::Admin(
    const std::string& as) {
  return v1::AdminService::NewStub(server_.ChannelAs(as));
}

grpc::Status DistrictApi::Grant(const std::string& principal, v1::Role role,
                                const std::string& scope) {
  v1::GrantRoleRequest req;
  req.set_request_id(NextRequestId());
  req.mutable_grant()->set_consortium_id(id_);
  req.mutable_grant()->set_principal(principal);
  req.mutable_grant()->set_role(role);
  req.mutable_grant()->set_scope(scope);
  auto admin = Admin(kSystemAdmin);
  return Call(*admin, &v1::AdminService::Stub::GrantRole, req,
              static_cast<v1::GrantRoleResponse*>(nullptr));
}

grpc::Status DistrictApi::Setup() {
  auto consortia = Consortia(kSystemAdmin);
  v1::RegisterConsortiumRequest reg = DistrictRegistration(NextRequestId());
  reg.set_consortium_id(id_);
  grpc::Status s = Call(*consortia, &v1::ConsortiumService::Stub::RegisterConsortium,
                        reg, static_cast<v1::RegisterConsortiumResponse*>(nullptr));
  if (!s.ok()) return s;
  for (const auto& [body, kind, name] :
       std::vector<std::tuple<std::string, v1::BodyKind, std::string>>{
           {"assemblea", v1::BODY_KIND_ASSEMBLEA, "Assemblea dei Sindaci"},
           {"tavolo-tecnico", v1::BODY_KIND_TAVOLO_TECNICO, "Tavolo Tecnico"}}) {
    v1::CreateBodyRequest req;
    req.set_request_id(NextRequestId());
    req.set_consortium_id(id_);
    req.set_body_id(body);
    req.set_kind(kind);
    req.set_name(name);
    s = Call(*consortia, &v1::ConsortiumService::Stub::CreateBody, req,
             static_cast<v1::CreateBodyResponse*>(nullptr));
    if (!s.ok()) return s;
  }
  for (const auto& [member, share] : DistrictComuni()) {
    v1::DesignateBodyMemberRequest req;
    req.set_request_id(NextRequestId());
    req.set_consortium_id(id_);
    req.set_body_id("assemblea");
    req.set_member_id(member);
    req.set_person(SindacoOf(member));
    req.set_voting(true);
    *req.mutable_effective_from() = DateOf(absl::CivilDay(2024, 1, 1));
    s = Call(*consortia, &v1::ConsortiumService::Stub::DesignateBodyMember, req,
             static_cast<v1::DesignateBodyMemberResponse*>(nullptr));
    if (!s.ok()) return s;
    s = Grant(SindacoOf(member), v1::ROLE_MEMBER_DELEGATE, member);
    if (!s.ok()) return s;
  }
  for (const auto& [who, role, scope] :
       std::vector<std::tuple<std::string, v1::Role, std::string>>{
           {kDistrictAdmin, v1::ROLE_ADMINISTRATOR, ""},
           {kSecretary, v1::ROLE_SECRETARY, "assemblea"},
           {kTavoloSecretary, v1::ROLE_SECRETARY, "tavolo-tecnico"},
           {kUfficio, v1::ROLE_UFFICIO_DI_PIANO, ""},
           {kRegion, v1::ROLE_REGIONAL_SYSTEM, ""},
           {kAuditor, v1::ROLE_AUDITOR, ""}}) {
    s = Grant(who, role, scope);
    if (!s.ok()) return s;
  }
  return grpc::Status::OK;
}

grpc::Status DistrictApi::DraftReady(const std::string& proposal_id,
                                     bool economic_benefit) {
  auto d = Deliberations(kUfficio);
  v1::DraftProposalRequest draft;
  draft.set_request_id(NextRequestId());
  draft.set_consortium_id(id_);
  draft.set_body_id("assemblea");
  draft.set_proposal_id(proposal_id);
  draft.set_act_kind(v1::ACT_KIND_ORDINARY);
  draft.set_title(absl::StrCat("Proposta ", proposal_id));
  draft.set_grants_economic_benefit(economic_benefit);
  grpc::Status s = Call(*d, &v1::DeliberationService::Stub::DraftProposal, draft,
                        static_cast<v1::DraftProposalResponse*>(nullptr));
  if (!s.ok()) return s;
  v1::GiveOpinionRequest opinion;
  opinion.set_request_id(NextRequestId());
  opinion.set_consortium_id(id_);
  opinion.set_proposal_id(proposal_id);
  opinion.set_kind(v1::OPINION_KIND_TECHNICAL);
  opinion.set_favourable(true);
  opinion.set_given_by("responsabile@sudestmilano");
  opinion.set_text("Parere favorevole di regolarità tecnica.");
  return Call(*d, &v1::DeliberationService::Stub::GiveOpinion, opinion,
              static_cast<v1::GiveOpinionResponse*>(nullptr));
}

grpc::Status DistrictApi::Convene(const std::string& session_id,
                                  absl::CivilDay day,
                                  const std::vector<std::string>& proposals,
                                  std::optional<absl::Time> notice_delivered) {
  v1::ConveneSessionRequest req;
  req.set_request_id(NextRequestId());
  req.set_consortium_id(id_);
  req.set_body_id("assemblea");
  req.set_session_id(session_id);
  req.set_kind(v1::SESSION_KIND_ORDINARY);
  *req.mutable_session_time() = ToTimestamp(RomeTime(day, 10));
  if (notice_delivered.has_value()) {
    *req.mutable_notice_delivered_time() = ToTimestamp(*notice_delivered);
  }
  int n = 0;
  for (const std::string& p : proposals) {
    v1::AgendaItem* item = req.add_items();
    item->set_number(++n);
    item->set_proposal_id(p);
    item->set_act_kind(v1::ACT_KIND_ORDINARY);
    item->set_title(absl::StrCat("Proposta ", p));
  }
  auto sessions = Sessions(kSecretary);
  return Call(*sessions, &v1::SessionService::Stub::ConveneSession, req,
              static_cast<v1::ConveneSessionResponse*>(nullptr));
}

grpc::Status DistrictApi::Attendance(const std::string& session_id,
                                     const std::vector<std::string>& present) {
  v1::RecordAttendanceRequest req;
  req.set_request_id(NextRequestId());
  req.set_consortium_id(id_);
  req.set_body_id("assemblea");
  req.set_session_id(session_id);
  for (const std::string& m : present) req.add_present_member_ids(m);
  req.add_attendees("direttore@sudestmilano");
  auto sessions = Sessions(kSecretary);
  return Call(*sessions, &v1::SessionService::Stub::RecordAttendance, req,
              static_cast<v1::RecordAttendanceResponse*>(nullptr));
}

grpc::Status DistrictApi::Votes(
    const std::string& session_id, int item,
    const std::vector<std::pair<std::string, v1::VoteChoice>>& votes,
    v1::Ballot ballot) {
  for (const auto& [member, choice] : votes) {
    v1::CastVoteRequest req;
    req.set_request_id(NextRequestId());
    req.set_consortium_id(id_);
    req.set_body_id("assemblea");
    req.set_session_id(session_id);
    req.set_item(item);
    req.set_ballot(ballot);
    req.set_member_id(member);
    req.set_choice(choice);
    auto sessions = Sessions(SindacoOf(member));
    grpc::Status s = Call(*sessions, &v1::SessionService::Stub::CastVote, req,
                          static_cast<v1::CastVoteResponse*>(nullptr));
    if (!s.ok()) return s;
  }
  return grpc::Status::OK;
}

grpc::Status DistrictApi::Proclaim(const std::string& session_id, int item,
                                   v1::ProclaimItemResponse* response,
                                   const std::string& request_id) {
  v1::ProclaimItemRequest req;
  req.set_request_id(request_id.empty() ? NextRequestId() : request_id);
  req.set_consortium_id(id_);
  req.set_body_id("assemblea");
  req.set_session_id(session_id);
  req.set_item(item);
  auto sessions = Sessions(kSecretary);
  return Call(*sessions, &v1::SessionService::Stub::ProclaimItem, req, response);
}

grpc::Status DistrictApi::Adopt(const std::string& proposal_id,
                                absl::CivilDay day, int* number,
                                bool immediately_executable) {
  const std::string session = absl::StrCat("s-", proposal_id);
  const absl::Time at = RomeTime(day, 10);
  std::optional<absl::Time> delivered;
  if (at <= server_.clock().Now()) delivered = at - absl::Hours(24 * 10);
  grpc::Status s = Convene(session, day, {proposal_id}, delivered);
  if (!s.ok()) return s;
  if (server_.clock().Now() < at) server_.clock().AdvanceTo(at);
  const std::vector<std::string> five = {"san-giuliano-milanese",
                                         "san-donato-milanese", "melegnano",
                                         "cerro-al-lambro", "dresano"};
  s = Attendance(session, five);
  if (!s.ok()) return s;
  std::vector<std::pair<std::string, v1::VoteChoice>> yes;
  for (const std::string& m : five) yes.push_back({m, v1::VOTE_CHOICE_IN_FAVOUR});
  s = Votes(session, 1, yes);
  if (!s.ok()) return s;
  if (immediately_executable) {
    s = Votes(session, 1, yes, v1::BALLOT_IMMEDIATE_EXECUTABILITY);
    if (!s.ok()) return s;
  }
  v1::ProclaimItemResponse r;
  s = Proclaim(session, 1, &r);
  if (number != nullptr) *number = r.number();
  return s;
}

}  // namespace concordia::testing
