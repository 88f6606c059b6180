// The authorization matrix of governance domain II over real mutual-TLS
// channels: every RPC of AccordService, DelegationService,
// ProgrammeService and ProjectService × every role, allowed or
// PERMISSION_DENIED as docs/api.md specifies, and nothing appended
// (tests/testing/rpc_matrix.h). A party's acts, a member's delegations and
// needs are its delegate's; adoptions of programmes the adopting body's
// secretary's; procurement configuration an administrator's; the rest the
// Ufficio di Piano's; every read any role's in the consortium.
#include <set>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/cooperation_api.h"
#include "tests/testing/rpc_matrix.h"

namespace concordia {
namespace {

using absl::CivilDay;
using testing::CallRpc;
using testing::CooperationApi;
using testing::DateOf;
using testing::DistrictApi;
using testing::MatrixEntry;
using testing::MatrixRpc;
using testing::RomeTime;
using testing::TlsTestServer;
using AS = v1::AccordService;
using DS = v1::DelegationService;
using PS = v1::ProgrammeService;
using JS = v1::ProjectService;

constexpr char kDelegate[] = "sindaco@melegnano";
constexpr char kOtherDelegate[] = "sindaco@carpiano";

const std::vector<std::string>& Callers() {
  static const std::vector<std::string> callers = {
      testing::kSystemAdmin, testing::kDistrictAdmin,
      testing::kSecretary,   testing::kTavoloSecretary,
      testing::kUfficio,     kDelegate,
      kOtherDelegate,        testing::kRegion,
      testing::kAuditor,     testing::kStranger};
  return callers;
}

std::set<std::string> Readers() {
  std::set<std::string> all(Callers().begin(), Callers().end());
  all.erase(testing::kStranger);
  return all;
}

const std::set<std::string> kAdministrators = {testing::kSystemAdmin,
                                               testing::kDistrictAdmin};
const std::set<std::string> kAssembleaSecretary = {testing::kSecretary};
const std::set<std::string> kUfficio = {testing::kUfficio};
const std::set<std::string> kMelegnano = {kDelegate};

// The address of a request: its request_id and the consortium.
template <typename Request>
Request At(const std::string& c, const std::string& request_id) {
  Request r;
  r.set_request_id(request_id);
  r.set_consortium_id(c);
  return r;
}

const v1::ApprovingAct kAct =
    testing::ExternalAct("Consiglio comunale", "9", CivilDay(2026, 3, 1));

void AccordRpcs(const std::string& c, std::vector<MatrixRpc>& m) {
  auto draft = At<v1::DraftAccordRequest>(c, "m-draft");
  draft.set_accord_id("conv-2");
  draft.set_kind(v1::ACCORD_KIND_CONVENZIONE);
  draft.set_title("Convenzione");
  draft.set_object("Servizi");
  *draft.add_parties() = testing::Comune("melegnano");
  *draft.add_parties() = testing::Comune("carpiano");
  *draft.mutable_term()->mutable_ends_on() = DateOf(CivilDay(2030, 12, 31));
  m.push_back(
      MatrixEntry<AS>("DraftAccord", kUfficio, draft, &AS::Stub::DraftAccord));
  auto approve = At<v1::RecordPartyApprovalRequest>(c, "m-approve");
  approve.set_accord_id("conv");
  approve.set_party_id("melegnano");
  *approve.mutable_act() = kAct;
  m.push_back(MatrixEntry<AS>("RecordPartyApproval", kMelegnano, approve,
                              &AS::Stub::RecordPartyApproval));
  auto sign = At<v1::SignAccordRequest>(c, "m-sign");
  sign.set_accord_id("conv");
  sign.set_party_id("melegnano");
  sign.mutable_signature()->set_type(v1::SIGNATURE_TYPE_QUALIFIED_ELECTRONIC);
  m.push_back(
      MatrixEntry<AS>("SignAccord", kMelegnano, sign, &AS::Stub::SignAccord));
  auto act = At<v1::RecordApprovalActRequest>(c, "m-act");
  act.set_accord_id("conv");
  *act.mutable_act() = kAct;
  m.push_back(MatrixEntry<AS>("RecordApprovalAct", kUfficio, act,
                              &AS::Stub::RecordApprovalAct));
  auto bur = At<v1::RecordBulletinPublicationRequest>(c, "m-bur");
  bur.set_accord_id("conv");
  bur.set_bulletin("BURL");
  bur.set_issue("n. 1");
  *bur.mutable_published_on() = DateOf(CivilDay(2026, 3, 2));
  m.push_back(MatrixEntry<AS>("RecordBulletinPublication", kUfficio, bur,
                              &AS::Stub::RecordBulletinPublication));
  auto amend = At<v1::ProposeAmendmentRequest>(c, "m-amend");
  amend.set_accord_id("conv");
  amend.set_summary("Modifica");
  m.push_back(MatrixEntry<AS>("ProposeAmendment", kUfficio, amend,
                              &AS::Stub::ProposeAmendment));
  auto renew = At<v1::ProposeRenewalRequest>(c, "m-renew");
  renew.set_accord_id("conv");
  renew.set_summary("Rinnovo");
  *renew.mutable_new_ends_on() = DateOf(CivilDay(2035, 12, 31));
  m.push_back(MatrixEntry<AS>("ProposeRenewal", kUfficio, renew,
                              &AS::Stub::ProposeRenewal));
  auto dissolve = At<v1::ProposeDissolutionRequest>(c, "m-dissolve");
  dissolve.set_accord_id("conv");
  dissolve.set_summary("Scioglimento");
  *dissolve.mutable_dissolves_on() = DateOf(CivilDay(2027, 1, 1));
  m.push_back(MatrixEntry<AS>("ProposeDissolution", kUfficio, dissolve,
                              &AS::Stub::ProposeDissolution));
  auto withdraw = At<v1::NotifyWithdrawalRequest>(c, "m-withdraw");
  withdraw.set_accord_id("conv");
  withdraw.set_party_id("melegnano");
  *withdraw.mutable_act() = kAct;
  m.push_back(MatrixEntry<AS>("NotifyWithdrawal", kMelegnano, withdraw,
                              &AS::Stub::NotifyWithdrawal));
  auto disdetta = At<v1::NotifyNonRenewalRequest>(c, "m-disdetta");
  disdetta.set_accord_id("conv");
  disdetta.set_party_id("melegnano");
  *disdetta.mutable_act() = kAct;
  m.push_back(MatrixEntry<AS>("NotifyNonRenewal", kMelegnano, disdetta,
                              &AS::Stub::NotifyNonRenewal));
  auto join = At<v1::JoinAdherentRequest>(c, "m-join");
  join.set_accord_id("conv");
  *join.mutable_adherent() = testing::Adherent("auser", "Auser");
  join.mutable_signature()->set_type(v1::SIGNATURE_TYPE_ADVANCED_ELECTRONIC);
  join.mutable_signature()->set_signer("presidente@auser");
  join.set_tavolo_body_id(testing::kTavoloAderenti);
  join.set_representative("presidente@auser");
  m.push_back(
      MatrixEntry<AS>("JoinAdherent", kUfficio, join, &AS::Stub::JoinAdherent));
  v1::GetAccordRequest get;
  get.set_consortium_id(c);
  get.set_accord_id("conv");
  m.push_back(
      MatrixEntry<AS>("GetAccord", Readers(), get, &AS::Stub::GetAccord));
}

void DelegationRpcs(const std::string& c, std::vector<MatrixRpc>& m) {
  auto delegate = At<v1::DelegateFunctionRequest>(c, "m-delegate");
  delegate.set_member_id("melegnano");
  delegate.set_function(v1::FUNCTION_HOME_CARE);
  *delegate.mutable_delegate() = testing::ToConsortium();
  *delegate.mutable_effective_from() = DateOf(CivilDay(2026, 4, 1));
  *delegate.mutable_act() = kAct;
  *delegate.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL);
  m.push_back(MatrixEntry<DS>("DelegateFunction", kMelegnano, delegate,
                              &DS::Stub::DelegateFunction));
  auto revoke = At<v1::RevokeDelegationRequest>(c, "m-revoke");
  revoke.set_member_id("melegnano");
  revoke.set_function(v1::FUNCTION_HOME_CARE);
  *revoke.mutable_effective_from() = DateOf(CivilDay(2026, 9, 1));
  *revoke.mutable_act() = kAct;
  m.push_back(MatrixEntry<DS>("RevokeDelegation", kMelegnano, revoke,
                              &DS::Stub::RevokeDelegation));
  v1::GetDelegationRequest get;
  get.set_consortium_id(c);
  get.set_member_id("melegnano");
  get.set_function(v1::FUNCTION_HOME_CARE);
  m.push_back(MatrixEntry<DS>("GetDelegation", Readers(), get,
                              &DS::Stub::GetDelegation));
  v1::GetExerciserRequest who;
  who.set_consortium_id(c);
  who.set_member_id("melegnano");
  who.set_function(v1::FUNCTION_HOME_CARE);
  m.push_back(
      MatrixEntry<DS>("GetExerciser", Readers(), who, &DS::Stub::GetExerciser));
}

void ProgrammeRpcs(const std::string& c, std::vector<MatrixRpc>& m) {
  auto draft = At<v1::DraftProgrammeRequest>(c, "m-programme");
  draft.set_programme_id("poa-2026");
  draft.set_kind(v1::PROGRAMME_KIND_PURCHASING_PROGRAMME);
  draft.set_title("Programma");
  draft.set_first_year(2027);
  m.push_back(MatrixEntry<PS>("DraftProgramme", kUfficio, draft,
                              &PS::Stub::DraftProgramme));
  v1::ProgrammeItem item;
  item.set_item_id("ict");
  item.set_title("Servizi informatici");
  item.set_year(2027);
  item.set_category("72000000");
  item.set_procurement_kind(v1::PROCUREMENT_KIND_SERVICES);
  item.set_amount_cents(100);
  auto add = At<v1::AddProgrammeItemRequest>(c, "m-add");
  add.set_programme_id("ptas");
  *add.mutable_item() = item;
  m.push_back(MatrixEntry<PS>("AddProgrammeItem", kUfficio, add,
                              &PS::Stub::AddProgrammeItem));
  auto remove = At<v1::RemoveProgrammeItemRequest>(c, "m-remove");
  remove.set_programme_id("ptas");
  remove.set_item_id("ict");
  m.push_back(MatrixEntry<PS>("RemoveProgrammeItem", kUfficio, remove,
                              &PS::Stub::RemoveProgrammeItem));
  auto adopt = At<v1::AdoptProgrammeRequest>(c, "m-adopt");
  adopt.set_body_id("assemblea");
  adopt.set_programme_id("ptas");
  adopt.set_proposal_id("p-1");
  m.push_back(MatrixEntry<PS>("AdoptProgramme", kAssembleaSecretary, adopt,
                              &PS::Stub::AdoptProgramme));
  auto update = At<v1::UpdateProgrammeRequest>(c, "m-update");
  update.set_body_id("assemblea");
  update.set_programme_id("ptas");
  update.set_proposal_id("p-1");
  *update.add_items() = item;
  m.push_back(MatrixEntry<PS>("UpdateProgramme", kAssembleaSecretary, update,
                              &PS::Stub::UpdateProgramme));
  v1::GetProgrammeRequest get;
  get.set_consortium_id(c);
  get.set_programme_id("ptas");
  m.push_back(
      MatrixEntry<PS>("GetProgramme", Readers(), get, &PS::Stub::GetProgramme));
  auto rules = At<v1::SetProcurementRulesRequest>(c, "m-rules");
  *rules.mutable_rules()->add_thresholds() = v1::ProcurementThreshold();
  *rules.mutable_effective_from() = DateOf(CivilDay(2026, 7, 1));
  m.push_back(MatrixEntry<PS>("SetProcurementRules", kAdministrators, rules,
                              &PS::Stub::SetProcurementRules));
  auto authority = At<v1::RegisterContractingAuthorityRequest>(c, "m-sa");
  authority.mutable_authority()->set_authority_id("estar");
  authority.mutable_authority()->set_name("ESTAR");
  *authority.mutable_effective_from() = DateOf(CivilDay(2026, 7, 1));
  m.push_back(MatrixEntry<PS>("RegisterContractingAuthority", kAdministrators,
                              authority,
                              &PS::Stub::RegisterContractingAuthority));
  v1::GetProcurementRulesRequest get_rules;
  get_rules.set_consortium_id(c);
  m.push_back(MatrixEntry<PS>("GetProcurementRules", Readers(), get_rules,
                              &PS::Stub::GetProcurementRules));
  auto open = At<v1::OpenNeedsCollectionRequest>(c, "m-open");
  open.set_year(2028);
  *open.mutable_deadline() = DateOf(CivilDay(2027, 10, 31));
  m.push_back(MatrixEntry<PS>("OpenNeedsCollection", kUfficio, open,
                              &PS::Stub::OpenNeedsCollection));
  auto need = At<v1::SubmitNeedRequest>(c, "m-need");
  need.set_year(2027);
  need.set_need_id("n-1");
  need.set_member_id("melegnano");
  need.set_category("72000000");
  need.set_kind(v1::PROCUREMENT_KIND_SERVICES);
  need.set_description("Servizi");
  need.set_quantity(1);
  need.set_amount_cents(100);
  m.push_back(
      MatrixEntry<PS>("SubmitNeed", kMelegnano, need, &PS::Stub::SubmitNeed));
  auto withdraw = At<v1::WithdrawNeedRequest>(c, "m-withdraw-need");
  withdraw.set_year(2027);
  withdraw.set_need_id("n-1");
  withdraw.set_member_id("melegnano");
  m.push_back(MatrixEntry<PS>("WithdrawNeed", kMelegnano, withdraw,
                              &PS::Stub::WithdrawNeed));
  auto aggregate = At<v1::AggregateNeedsRequest>(c, "m-aggregate");
  aggregate.set_year(2027);
  aggregate.set_tender_id("t-1");
  aggregate.set_title("Gara");
  aggregate.add_need_ids("n-1");
  m.push_back(MatrixEntry<PS>("AggregateNeeds", kUfficio, aggregate,
                              &PS::Stub::AggregateNeeds));
  auto purchase = At<v1::StartPurchaseRequest>(c, "m-purchase");
  purchase.set_year(2027);
  purchase.set_purchase_id("acq-1");
  purchase.set_title("Acquisto");
  purchase.set_kind(v1::PROCUREMENT_KIND_SERVICES);
  purchase.set_amount_cents(100);
  purchase.set_authority_id("estar");
  m.push_back(MatrixEntry<PS>("StartPurchase", kUfficio, purchase,
                              &PS::Stub::StartPurchase));
  v1::GetNeedsRequest get_needs;
  get_needs.set_consortium_id(c);
  get_needs.set_year(2027);
  m.push_back(
      MatrixEntry<PS>("GetNeeds", Readers(), get_needs, &PS::Stub::GetNeeds));
}

void ProjectRpcs(const std::string& c, std::vector<MatrixRpc>& m) {
  auto reg = At<v1::RegisterProjectRequest>(c, "m-project");
  reg.set_project_id("prj-2");
  reg.set_title("Progetto");
  reg.mutable_funding()->set_kind(v1::FUNDING_SOURCE_KIND_REGIONAL);
  reg.mutable_funding()->set_name("Fondo regionale");
  reg.set_budget_cents(100);
  *reg.mutable_starts_on() = DateOf(CivilDay(2026, 3, 1));
  *reg.mutable_ends_on() = DateOf(CivilDay(2026, 12, 31));
  reg.add_participant_ids("melegnano");
  *reg.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL);
  reg.mutable_reporting()->set_deadline_days(30);
  m.push_back(MatrixEntry<JS>("RegisterProject", kUfficio, reg,
                              &JS::Stub::RegisterProject));
  auto expense = At<v1::RecordExpenseRequest>(c, "m-expense");
  expense.set_project_id("prj");
  expense.set_expense_id("e-1");
  *expense.mutable_incurred_on() = DateOf(CivilDay(2026, 4, 1));
  expense.set_amount_cents(10);
  expense.set_category("servizi");
  m.push_back(MatrixEntry<JS>("RecordExpense", kUfficio, expense,
                              &JS::Stub::RecordExpense));
  auto report = At<v1::SubmitReportRequest>(c, "m-report");
  report.set_project_id("prj");
  report.set_report_id("final");
  m.push_back(MatrixEntry<JS>("SubmitReport", kUfficio, report,
                              &JS::Stub::SubmitReport));
  auto allocate = At<v1::AllocateCostsRequest>(c, "m-allocate");
  allocate.set_project_id("prj");
  allocate.set_allocation_id("a-1");
  *allocate.mutable_period_from() = DateOf(CivilDay(2026, 3, 1));
  *allocate.mutable_period_to() = DateOf(CivilDay(2026, 12, 31));
  m.push_back(MatrixEntry<JS>("AllocateCosts", kUfficio, allocate,
                              &JS::Stub::AllocateCosts));
  v1::GetProjectRequest get;
  get.set_consortium_id(c);
  get.set_project_id("prj");
  m.push_back(
      MatrixEntry<JS>("GetProject", Readers(), get, &JS::Stub::GetProject));
}

TEST(AuthorizationMatrixCooperationTest, EveryRpcForEveryRole) {
  TlsTestServer::Options options;
  options.principals = testing::CooperationPrincipals();
  options.principals.push_back(kOtherDelegate);
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& server = **started;
  DistrictApi district(server, "matrix2");
  CooperationApi c(server, district);
  ASSERT_TRUE(c.Setup().ok());
  // What the reads read: an accord, a programme, a collection of needs and a
  // project.
  server.clock().AdvanceTo(RomeTime(CivilDay(2026, 3, 2), 12));
  ASSERT_TRUE(
      c.Convenzione("conv", {"melegnano", "carpiano"}, CivilDay(2026, 3, 2))
          .ok());
  auto draft = At<v1::DraftProgrammeRequest>(c.id(), "setup-programme");
  draft.set_programme_id("ptas");
  draft.set_kind(v1::PROGRAMME_KIND_PURCHASING_PROGRAMME);
  draft.set_title("Programma triennale degli acquisti");
  draft.set_first_year(2027);
  auto ufficio = c.Programmes(testing::kUfficio);
  ASSERT_TRUE(CallRpc(*ufficio, &PS::Stub::DraftProgramme, draft).ok());
  auto open = At<v1::OpenNeedsCollectionRequest>(c.id(), "setup-needs");
  open.set_year(2027);
  *open.mutable_deadline() = DateOf(CivilDay(2026, 10, 31));
  ASSERT_TRUE(CallRpc(*ufficio, &PS::Stub::OpenNeedsCollection, open).ok());
  auto reg = At<v1::RegisterProjectRequest>(c.id(), "setup-project");
  reg.set_project_id("prj");
  reg.set_title("Progetto");
  reg.mutable_funding()->set_kind(v1::FUNDING_SOURCE_KIND_REGIONAL);
  reg.mutable_funding()->set_name("Fondo regionale");
  reg.set_budget_cents(100);
  *reg.mutable_starts_on() = DateOf(CivilDay(2026, 3, 1));
  *reg.mutable_ends_on() = DateOf(CivilDay(2026, 12, 31));
  reg.add_participant_ids("melegnano");
  *reg.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL);
  reg.mutable_reporting()->set_deadline_days(30);
  ASSERT_TRUE(
      CallRpc(*c.Projects(testing::kUfficio), &JS::Stub::RegisterProject, reg)
          .ok());

  std::vector<MatrixRpc> matrix;
  AccordRpcs(c.id(), matrix);
  DelegationRpcs(c.id(), matrix);
  ProgrammeRpcs(c.id(), matrix);
  ProjectRpcs(c.id(), matrix);
  // Every RPC of the four services, each once.
  std::set<std::string> names;
  for (const MatrixRpc& rpc : matrix) names.insert(rpc.name);
  ASSERT_EQ(names.size(), matrix.size());
  size_t methods = 0;
  for (const char* service :
       {"concordia.v1.AccordService", "concordia.v1.DelegationService",
        "concordia.v1.ProgrammeService", "concordia.v1.ProjectService"}) {
    const google::protobuf::ServiceDescriptor* d =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    ASSERT_NE(d, nullptr) << service;
    for (int i = 0; i < d->method_count(); ++i) {
      EXPECT_EQ(names.count(d->method(i)->name()), 1u) << d->method(i)->name();
      ++methods;
    }
  }
  ASSERT_EQ(matrix.size(), methods);
  ASSERT_EQ(methods, 12u + 4u + 15u + 5u);
  EXPECT_EQ(testing::RunMatrix(server, matrix, Callers()), 36 * 10);
}

}  // namespace
}  // namespace concordia
