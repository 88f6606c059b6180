#include "tests/testing/cooperation_api.h"

#include "absl/strings/str_cat.h"
#include "engine/domain/core/dates.h"
#include "services/common/request_fields.h"
#include "tests/testing/api_expect.h"

namespace concordia::testing {

std::string DelegateOf(const std::string& party_id,
                       const std::string& consortium_id) {
  if (!consortium_id.empty() && party_id == consortium_id) return kPresident;
  if (party_id == kAts || party_id == kAsst) {
    return absl::StrCat("direttore@", party_id);
  }
  return SindacoOf(party_id);
}

std::vector<std::string> CooperationPrincipals() {
  std::vector<std::string> out = DistrictPrincipals();
  out.push_back(DelegateOf(kAts));
  out.push_back(DelegateOf(kAsst));
  out.push_back(kPresident);
  return out;
}

v1::AccordParty Comune(const std::string& member_id) {
  v1::AccordParty p;
  p.set_party_id(member_id);
  p.set_name(absl::StrCat("Comune di ", member_id));
  p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
  p.set_kind(v1::MEMBER_KIND_COMUNE);
  return p;
}

std::vector<v1::AccordParty> S3Parties() {
  std::vector<v1::AccordParty> out;
  for (const auto& [member, share] : DistrictComuni()) {
    out.push_back(Comune(member));
  }
  for (auto [id, name] :
       {std::make_pair(kAts, "ATS Città Metropolitana di Milano"),
        std::make_pair(kAsst, "ASST Melegnano e della Martesana")}) {
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
  *a.mutable_deliberation()->mutable_date() = DateOf(executive - 11);
  *a.mutable_declared_executive_on() = DateOf(executive);
  return a;
}

v1::ApprovingAct InternalAct(const std::string& proposal_id) {
  v1::ApprovingAct a;
  a.mutable_deliberation()->set_proposal_id(proposal_id);
  return a;
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

v1::CostSharingRule SharingRule(v1::CostSharingMethod method) {
  v1::CostSharingRule r;
  r.set_method(method);
  return r;
}

std::unique_ptr<v1::AccordService::Stub> CooperationApi::Accords(
    const std::string& as) {
  return v1::AccordService::NewStub(server_.ChannelAs(as));
}
std::unique_ptr<v1::DelegationService::Stub> CooperationApi::Delegations(
    const std::string& as) {
  return v1::DelegationService::NewStub(server_.ChannelAs(as));
}
std::unique_ptr<v1::ProgrammeService::Stub> CooperationApi::Programmes(
    const std::string& as) {
  return v1::ProgrammeService::NewStub(server_.ChannelAs(as));
}
std::unique_ptr<v1::ProjectService::Stub> CooperationApi::Projects(
    const std::string& as) {
  return v1::ProjectService::NewStub(server_.ChannelAs(as));
}

grpc::Status CooperationApi::Setup() {
  grpc::Status s = district_.Setup();
  if (!s.ok()) return s;
  v1::CreateBodyRequest tavolo;
  tavolo.set_request_id(NextRequestId());
  tavolo.set_consortium_id(id());
  tavolo.set_body_id(kTavoloAderenti);
  tavolo.set_kind(v1::BODY_KIND_TAVOLO_ADERENTI);
  tavolo.set_name("Tavolo degli Aderenti");
  auto consortia = district_.Consortia(kSystemAdmin);
  s = CallRpc(*consortia, &v1::ConsortiumService::Stub::CreateBody, tavolo);
  if (!s.ok()) return s;
  for (const char* agency : {kAts, kAsst}) {
    s = district_.Grant(DelegateOf(agency), v1::ROLE_MEMBER_DELEGATE, agency);
    if (!s.ok()) return s;
  }
  return district_.Grant(kPresident, v1::ROLE_MEMBER_DELEGATE, id());
}

grpc::Status CooperationApi::Approve(const std::string& accord_id,
                                     int instrument, const std::string& party,
                                     const v1::ApprovingAct& act) {
  v1::RecordPartyApprovalRequest req;
  req.set_request_id(NextRequestId());
  req.set_consortium_id(id());
  req.set_accord_id(accord_id);
  req.set_instrument(instrument);
  req.set_party_id(party);
  *req.mutable_act() = act;
  auto stub = Accords(DelegateOf(party, id()));
  return CallRpc(*stub, &v1::AccordService::Stub::RecordPartyApproval, req);
}

grpc::Status CooperationApi::Sign(const std::string& accord_id, int instrument,
                                  const std::string& party, absl::Time at,
                                  v1::SignAccordResponse* response) {
  v1::SignAccordRequest req;
  req.set_request_id(NextRequestId());
  req.set_consortium_id(id());
  req.set_accord_id(accord_id);
  req.set_instrument(instrument);
  req.set_party_id(party);
  req.mutable_signature()->set_type(v1::SIGNATURE_TYPE_QUALIFIED_ELECTRONIC);
  *req.mutable_signature()->mutable_signed_at() = ToTimestamp(at);
  auto stub = Accords(DelegateOf(party, id()));
  return CallRpc(*stub, &v1::AccordService::Stub::SignAccord, req, response);
}

grpc::Status CooperationApi::Convenzione(
    const std::string& accord_id, const std::vector<std::string>& parties,
    absl::CivilDay executive) {
  v1::DraftAccordRequest draft;
  draft.set_request_id(NextRequestId());
  draft.set_consortium_id(id());
  draft.set_accord_id(accord_id);
  draft.set_kind(v1::ACCORD_KIND_CONVENZIONE);
  draft.set_title(absl::StrCat("Convenzione ", accord_id));
  draft.set_object("Gestione associata dei servizi sociali");
  for (const std::string& p : parties) *draft.add_parties() = Comune(p);
  *draft.mutable_term()->mutable_ends_on() =
      DateOf(absl::CivilDay(2030, 12, 31));
  auto ufficio = Accords(kUfficio);
  grpc::Status s =
      CallRpc(*ufficio, &v1::AccordService::Stub::DraftAccord, draft);
  if (!s.ok()) return s;
  for (const std::string& p : parties) {
    s = Approve(
        accord_id, 0, p,
        ExternalAct(absl::StrCat("Consiglio comunale di ", p), "7", executive));
    if (!s.ok()) return s;
  }
  for (const std::string& p : parties) {
    s = Sign(accord_id, 0, p, RomeTime(executive, 11));
    if (!s.ok()) return s;
  }
  return grpc::Status::OK;
}

}  // namespace concordia::testing
