// The authorization matrix over real mutual-TLS channels: every RPC of the
// domain services × every role, allowed or PERMISSION_DENIED as docs/api.md
// specifies, and nothing appended when denied.
//
// The calls and their expectations are tests/testing/rpc_matrix.h's; domain
// II's services have their matrix in
// authorization_matrix_cooperation_e2e_test.cc.
#include <set>

#include "absl/strings/str_cat.h"
#include "concordia/v1/query_service.grpc.pb.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/cooperation_api.h"
#include "tests/testing/district_api.h"
#include "tests/testing/rpc_matrix.h"

namespace concordia {
namespace {

using testing::DateOf;
using testing::DistrictApi;
using testing::MatrixEntry;
using testing::MatrixRpc;
using testing::RomeTime;
using testing::TlsTestServer;

constexpr char kDelegate[] = "sindaco@melegnano";
constexpr char kOtherDelegate[] = "sindaco@carpiano";

// The callers of the matrix, one per role (and per scope).
const std::vector<std::string>& Callers() {
  static const std::vector<std::string> callers = {
      testing::kSystemAdmin, testing::kDistrictAdmin, testing::kSecretary,
      testing::kTavoloSecretary, testing::kUfficio, kDelegate, kOtherDelegate,
      testing::kRegion, testing::kAuditor, testing::kStranger};
  return callers;
}

// Who may read the district: every role in it.
std::set<std::string> Readers() {
  std::set<std::string> all(Callers().begin(), Callers().end());
  all.erase(testing::kStranger);
  return all;
}

const std::set<std::string> kAdministrators = {testing::kSystemAdmin,
                                               testing::kDistrictAdmin};
const std::set<std::string> kAssembleaSecretary = {testing::kSecretary};
const std::set<std::string> kUfficioDiPiano = {testing::kUfficio};
const std::set<std::string> kMelegnanoDelegate = {kDelegate};

v1::DeliberationRef Ref(const std::string& proposal) {
  v1::DeliberationRef ref;
  ref.set_proposal_id(proposal);
  return ref;
}

std::vector<MatrixRpc> Matrix(const std::string& c) {
  using CS = v1::ConsortiumService;
  using SS = v1::SessionService;
  using DS = v1::DeliberationService;
  const v1::Date june = DateOf(absl::CivilDay(2026, 6, 1));
  std::vector<MatrixRpc> m;

  v1::RegisterConsortiumRequest reg = testing::DistrictRegistration("m-reg");
  reg.set_consortium_id(c);  // exists: harmless whoever is allowed
  m.push_back(MatrixEntry<CS>("RegisterConsortium", kAdministrators, reg,
                       &CS::Stub::RegisterConsortium));
  v1::AdmitMemberRequest admit;
  admit.set_request_id("m-admit");
  admit.set_consortium_id(c);
  admit.set_member_id("locate-di-triulzi");
  admit.set_name("Locate di Triulzi");
  admit.set_kind(v1::MEMBER_KIND_COMUNE);
  *admit.mutable_effective_from() = june;
  for (const auto& [member, share] : testing::DistrictComuni()) {
    v1::MemberShare* s = admit.add_shares();
    s->set_member_id(member);
    s->set_permille(share);
  }
  *admit.mutable_authorised_by() = Ref("p-1");
  m.push_back(MatrixEntry<CS>("AdmitMember", kAdministrators, admit,
                       &CS::Stub::AdmitMember));
  v1::WithdrawMemberRequest withdraw;
  withdraw.set_request_id("m-withdraw");
  withdraw.set_consortium_id(c);
  withdraw.set_member_id("colturano");
  *withdraw.mutable_effective_from() = june;
  *withdraw.mutable_shares() = admit.shares();
  *withdraw.mutable_authorised_by() = Ref("p-1");
  m.push_back(MatrixEntry<CS>("WithdrawMember", kAdministrators, withdraw,
                       &CS::Stub::WithdrawMember));
  v1::RecordSuccessionRequest succession;
  succession.set_request_id("m-succession");
  succession.set_consortium_id(c);
  succession.add_predecessor_ids("dresano");
  succession.add_predecessor_ids("colturano");
  succession.set_successor_id("dresano-colturano");
  succession.set_successor_name("Dresano Colturano");
  *succession.mutable_effective_from() = june;
  m.push_back(MatrixEntry<CS>("RecordSuccession", kAdministrators, succession,
                       &CS::Stub::RecordSuccession));
  v1::ChangeSharesRequest shares;
  shares.set_request_id("m-shares");
  shares.set_consortium_id(c);
  *shares.mutable_effective_from() = june;
  *shares.mutable_shares() = admit.shares();
  *shares.mutable_authorised_by() = Ref("p-1");
  m.push_back(MatrixEntry<CS>("ChangeShares", kAdministrators, shares,
                       &CS::Stub::ChangeShares));
  v1::AdoptStatuteRequest statute;
  statute.set_request_id("m-statute");
  statute.set_consortium_id(c);
  *statute.mutable_statute() = reg.statute();
  *statute.mutable_effective_from() = june;
  *statute.mutable_authorised_by() = Ref("p-1");
  m.push_back(MatrixEntry<CS>("AdoptStatute", kAdministrators, statute,
                       &CS::Stub::AdoptStatute));
  v1::CreateBodyRequest body;
  body.set_request_id("m-body");
  body.set_consortium_id(c);
  body.set_body_id("giunta");
  body.set_kind(v1::BODY_KIND_GIUNTA);
  body.set_name("Giunta");
  m.push_back(MatrixEntry<CS>("CreateBody", kAdministrators, body, &CS::Stub::CreateBody));
  v1::DesignateBodyMemberRequest designate;
  designate.set_request_id("m-designate");
  designate.set_consortium_id(c);
  designate.set_body_id("tavolo-tecnico");
  designate.set_member_id("melegnano");
  designate.set_person("tecnico@melegnano");
  designate.set_voting(true);
  *designate.mutable_effective_from() = june;
  m.push_back(MatrixEntry<CS>("DesignateBodyMember", kAdministrators, designate,
                       &CS::Stub::DesignateBodyMember));
  v1::RevokeBodyMemberRequest revoke;
  revoke.set_request_id("m-revoke");
  revoke.set_consortium_id(c);
  revoke.set_body_id("assemblea");
  revoke.set_member_id("melegnano");
  revoke.set_person(kDelegate);
  *revoke.mutable_effective_from() = june;
  m.push_back(MatrixEntry<CS>("RevokeBodyMember", kAdministrators, revoke,
                       &CS::Stub::RevokeBodyMember));
  v1::GetConsortiumRequest get_c;
  get_c.set_consortium_id(c);
  m.push_back(MatrixEntry<CS>("GetConsortium", Readers(), get_c,
                       &CS::Stub::GetConsortium));
  v1::GetStatuteRequest get_st;
  get_st.set_consortium_id(c);
  m.push_back(MatrixEntry<CS>("GetStatute", Readers(), get_st, &CS::Stub::GetStatute));
  v1::GetSharesRequest get_sh;
  get_sh.set_consortium_id(c);
  m.push_back(MatrixEntry<CS>("GetShares", Readers(), get_sh, &CS::Stub::GetShares));
  v1::GetBodyRequest get_b;
  get_b.set_consortium_id(c);
  get_b.set_body_id("assemblea");
  m.push_back(MatrixEntry<CS>("GetBody", Readers(), get_b, &CS::Stub::GetBody));

  // Sessions: s-1 of the Assemblea is convened with p-2 as item 1.
  auto session_request = [&](auto& r, const std::string& id) {
    r.set_request_id(id);
    r.set_consortium_id(c);
    r.set_body_id("assemblea");
    r.set_session_id("s-1");
  };
  v1::ConveneSessionRequest convene;
  session_request(convene, "m-convene");
  convene.set_session_id("s-2");
  convene.set_kind(v1::SESSION_KIND_ORDINARY);
  *convene.mutable_session_time() =
      ToTimestamp(RomeTime(absl::CivilDay(2026, 7, 6), 10));
  m.push_back(MatrixEntry<SS>("ConveneSession", kAssembleaSecretary, convene,
                       &SS::Stub::ConveneSession));
  v1::AddAgendaItemRequest add;
  session_request(add, "m-add");
  add.mutable_item()->set_number(2);
  add.mutable_item()->set_act_kind(v1::ACT_KIND_ORDINARY);
  add.mutable_item()->set_title("Comunicazioni");
  m.push_back(MatrixEntry<SS>("AddAgendaItem", kAssembleaSecretary, add,
                       &SS::Stub::AddAgendaItem));
  v1::RecordAttendanceRequest roll;
  session_request(roll, "m-roll");
  roll.add_present_member_ids("melegnano");
  m.push_back(MatrixEntry<SS>("RecordAttendance", kAssembleaSecretary, roll,
                       &SS::Stub::RecordAttendance));
  v1::AppointSessionDelegateRequest delegate;
  session_request(delegate, "m-delegate");
  delegate.set_member_id("carpiano");
  delegate.set_person("assessore@carpiano");
  m.push_back(MatrixEntry<SS>("AppointSessionDelegate", kAssembleaSecretary, delegate,
                       &SS::Stub::AppointSessionDelegate));
  v1::DeclareConflictRequest conflict;
  session_request(conflict, "m-conflict");
  conflict.set_item(1);
  conflict.set_member_id("melegnano");
  m.push_back(MatrixEntry<SS>("DeclareConflict", kAssembleaSecretary, conflict,
                       &SS::Stub::DeclareConflict));
  v1::CastVoteRequest vote;
  session_request(vote, "m-vote");
  vote.set_item(1);
  vote.set_member_id("melegnano");
  vote.set_choice(v1::VOTE_CHOICE_IN_FAVOUR);
  m.push_back(MatrixEntry<SS>("CastVote", kMelegnanoDelegate, vote, &SS::Stub::CastVote));
  v1::ProclaimItemRequest proclaim;
  session_request(proclaim, "m-proclaim");
  proclaim.set_item(1);
  m.push_back(MatrixEntry<SS>("ProclaimItem", kAssembleaSecretary, proclaim,
                       &SS::Stub::ProclaimItem));
  v1::DeferItemRequest defer;
  session_request(defer, "m-defer");
  defer.set_item(1);
  defer.set_reason("manca il numero legale");
  m.push_back(MatrixEntry<SS>("DeferItem", kAssembleaSecretary, defer,
                       &SS::Stub::DeferItem));
  v1::CloseSessionRequest close;
  session_request(close, "m-close");
  m.push_back(MatrixEntry<SS>("CloseSession", kAssembleaSecretary, close,
                       &SS::Stub::CloseSession));
  v1::GetSessionRequest get_s;
  get_s.set_consortium_id(c);
  get_s.set_session_id("s-1");
  m.push_back(MatrixEntry<SS>("GetSession", Readers(), get_s, &SS::Stub::GetSession));

  // Deliberations: p-1 is adopted (executive at once), p-2 is on s-1.
  v1::DraftProposalRequest draft;
  draft.set_request_id("m-draft");
  draft.set_consortium_id(c);
  draft.set_body_id("assemblea");
  draft.set_proposal_id("p-9");
  draft.set_act_kind(v1::ACT_KIND_ORDINARY);
  draft.set_title("Regolamento ISEE");
  m.push_back(MatrixEntry<DS>("DraftProposal", kUfficioDiPiano, draft,
                       &DS::Stub::DraftProposal));
  v1::GiveOpinionRequest opinion;
  opinion.set_request_id("m-opinion");
  opinion.set_consortium_id(c);
  opinion.set_proposal_id("p-2");
  opinion.set_kind(v1::OPINION_KIND_ACCOUNTING);
  opinion.set_favourable(true);
  m.push_back(MatrixEntry<DS>("GiveOpinion", kUfficioDiPiano, opinion,
                       &DS::Stub::GiveOpinion));
  v1::PublishDeliberationRequest publish;
  publish.set_request_id("m-publish");
  publish.set_consortium_id(c);
  publish.set_body_id("assemblea");
  publish.set_proposal_id("p-1");
  *publish.mutable_first_day() = june;
  m.push_back(MatrixEntry<DS>("PublishDeliberation", kAssembleaSecretary, publish,
                       &DS::Stub::PublishDeliberation));
  v1::InterruptPublicationRequest interrupt;
  interrupt.set_request_id("m-interrupt");
  interrupt.set_consortium_id(c);
  interrupt.set_body_id("assemblea");
  interrupt.set_proposal_id("p-1");
  interrupt.set_days(2);
  interrupt.set_reason("albo non raggiungibile");
  m.push_back(MatrixEntry<DS>("InterruptPublication", kAssembleaSecretary, interrupt,
                       &DS::Stub::InterruptPublication));
  v1::RevokeDeliberationRequest revoke_d;
  revoke_d.set_request_id("m-revoke-d");
  revoke_d.set_consortium_id(c);
  revoke_d.set_body_id("assemblea");
  revoke_d.set_proposal_id("p-1");
  revoke_d.set_by_proposal_id("p-2");
  *revoke_d.mutable_effective_from() = june;
  m.push_back(MatrixEntry<DS>("RevokeDeliberation", kAssembleaSecretary, revoke_d,
                       &DS::Stub::RevokeDeliberation));
  v1::AnnulDeliberationRequest annul;
  annul.set_request_id("m-annul");
  annul.set_consortium_id(c);
  annul.set_body_id("assemblea");
  annul.set_proposal_id("p-1");
  annul.set_by_proposal_id("p-2");
  *annul.mutable_effective_from() = june;
  m.push_back(MatrixEntry<DS>("AnnulDeliberation", kAssembleaSecretary, annul,
                       &DS::Stub::AnnulDeliberation));
  v1::GetDeliberationRequest get_d;
  get_d.set_consortium_id(c);
  get_d.set_proposal_id("p-1");
  m.push_back(MatrixEntry<DS>("GetDeliberation", Readers(), get_d,
                       &DS::Stub::GetDeliberation));
  return m;
}

TEST(AuthorizationMatrixTest, EveryRpcForEveryRole) {
  TlsTestServer::Options options;
  options.principals = testing::DistrictPrincipals();
  options.principals.push_back(kOtherDelegate);
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& server = **started;
  DistrictApi d(server, "matrix");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  ASSERT_TRUE(d.Adopt("p-1", absl::CivilDay(2026, 3, 2)).ok());
  ASSERT_TRUE(d.DraftReady("p-2").ok());
  ASSERT_TRUE(d.Convene("s-1", absl::CivilDay(2026, 3, 16), {"p-2"}).ok());

  const std::vector<MatrixRpc> matrix = Matrix(d.id());
  ASSERT_EQ(matrix.size(), 13u + 10u + 7u);  // every RPC of the three services
  EXPECT_EQ(testing::RunMatrix(server, matrix, Callers()), 30 * 10);
}

// The domain II reads beyond the accords, of what the test's setup
// recorded: Melegnano's home care delegated, the programme "ptas", the needs
// of 2027 and the project "pnrr".
void CooperationReads(const std::string& c, const v1::AsOf& as_of,
                      std::vector<MatrixRpc>& m) {
  using QS = v1::QueryService;
  v1::GetDelegationViewRequest gdv;
  gdv.set_consortium_id(c);
  gdv.set_member_id("melegnano");
  gdv.set_function(v1::FUNCTION_HOME_CARE);
  *gdv.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("GetDelegationView", Readers(), gdv,
                              &QS::Stub::GetDelegationView));
  v1::ListDelegationsRequest ldv;
  ldv.set_consortium_id(c);
  *ldv.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("ListDelegations", Readers(), ldv,
                              &QS::Stub::ListDelegations));
  v1::GetProgrammeViewRequest gp;
  gp.set_consortium_id(c);
  gp.set_programme_id("ptas");
  *gp.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("GetProgrammeView", Readers(), gp,
                              &QS::Stub::GetProgrammeView));
  v1::ListProgrammesRequest lp;
  lp.set_consortium_id(c);
  *lp.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("ListProgrammes", Readers(), lp,
                              &QS::Stub::ListProgrammes));
  v1::GetNeedsViewRequest gn;
  gn.set_consortium_id(c);
  gn.set_year(2027);
  *gn.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("GetNeedsView", Readers(), gn,
                              &QS::Stub::GetNeedsView));
  v1::GetProjectViewRequest gj;
  gj.set_consortium_id(c);
  gj.set_project_id("pnrr");
  *gj.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("GetProjectView", Readers(), gj,
                              &QS::Stub::GetProjectView));
  v1::ListProjectsRequest lj;
  lj.set_consortium_id(c);
  *lj.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("ListProjects", Readers(), lj,
                              &QS::Stub::ListProjects));
}

// QueryService: every read needs a role in the consortium; ListConsortia
// only an identity (it lists what the caller may read, nothing for a
// stranger). Reads are as of `position`, so every allowed one finds its
// entity.
std::vector<MatrixRpc> QueryMatrix(const std::string& c, uint64_t position) {
  using QS = v1::QueryService;
  std::set<std::string> everyone(Callers().begin(), Callers().end());
  v1::AsOf as_of;
  as_of.set_position(position);
  std::vector<MatrixRpc> m;
  v1::ListConsortiaRequest lc;
  *lc.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("ListConsortia", everyone, lc,
                              &QS::Stub::ListConsortia));
  v1::GetConsortiumViewRequest gc;
  gc.set_consortium_id(c);
  *gc.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("GetConsortiumView", Readers(), gc,
                              &QS::Stub::GetConsortiumView));
  v1::GetBodyViewRequest gb;
  gb.set_consortium_id(c);
  gb.set_body_id("assemblea");
  *gb.mutable_as_of() = as_of;
  m.push_back(
      MatrixEntry<QS>("GetBodyView", Readers(), gb, &QS::Stub::GetBodyView));
  v1::ListBodiesRequest lb;
  lb.set_consortium_id(c);
  *lb.mutable_as_of() = as_of;
  m.push_back(
      MatrixEntry<QS>("ListBodies", Readers(), lb, &QS::Stub::ListBodies));
  v1::GetSessionViewRequest gs;
  gs.set_consortium_id(c);
  gs.set_session_id("s-1");
  *gs.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("GetSessionView", Readers(), gs,
                              &QS::Stub::GetSessionView));
  v1::ListSessionsRequest ls;
  ls.set_consortium_id(c);
  *ls.mutable_as_of() = as_of;
  m.push_back(
      MatrixEntry<QS>("ListSessions", Readers(), ls, &QS::Stub::ListSessions));
  v1::ListVotesRequest lv;
  lv.set_consortium_id(c);
  lv.set_session_id("s-p-1");
  *lv.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("ListVotes", Readers(), lv, &QS::Stub::ListVotes));
  v1::GetDeliberationViewRequest gd;
  gd.set_consortium_id(c);
  gd.set_proposal_id("p-1");
  *gd.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("GetDeliberationView", Readers(), gd,
                              &QS::Stub::GetDeliberationView));
  v1::ListDeliberationsRequest ld;
  ld.set_consortium_id(c);
  *ld.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("ListDeliberations", Readers(), ld,
                              &QS::Stub::ListDeliberations));
  v1::GetRegisterEntryRequest gr;
  gr.set_consortium_id(c);
  gr.set_body_id("assemblea");
  gr.set_year(2026);
  gr.set_number(1);
  *gr.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("GetRegisterEntry", Readers(), gr,
                              &QS::Stub::GetRegisterEntry));
  v1::ListRegisterEntriesRequest lr;
  lr.set_consortium_id(c);
  lr.set_body_id("assemblea");
  lr.set_year(2026);
  *lr.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("ListRegisterEntries", Readers(), lr,
                              &QS::Stub::ListRegisterEntries));
  v1::ListAlboEntriesRequest la;
  la.set_consortium_id(c);
  *la.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("ListAlboEntries", Readers(), la,
                              &QS::Stub::ListAlboEntries));
  v1::ListAgendaEntriesRequest lg;
  lg.set_consortium_id(c);
  lg.set_member_id("melegnano");
  *lg.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("ListAgendaEntries", Readers(), lg,
                              &QS::Stub::ListAgendaEntries));
  v1::GetAccordViewRequest ga;
  ga.set_consortium_id(c);
  ga.set_accord_id("conv");
  *ga.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("GetAccordView", Readers(), ga,
                              &QS::Stub::GetAccordView));
  v1::ListAccordsRequest lac;
  lac.set_consortium_id(c);
  *lac.mutable_as_of() = as_of;
  m.push_back(
      MatrixEntry<QS>("ListAccords", Readers(), lac, &QS::Stub::ListAccords));
  CooperationReads(c, as_of, m);
  v1::ListEntityHistoryRequest lh;
  lh.mutable_entity()->set_kind(v1::ENTITY_KIND_SESSION);
  lh.mutable_entity()->set_consortium_id(c);
  lh.mutable_entity()->set_id("s-1");
  *lh.mutable_as_of() = as_of;
  m.push_back(MatrixEntry<QS>("ListEntityHistory", Readers(), lh,
                              &QS::Stub::ListEntityHistory));
  return m;
}

// What CooperationReads reads, by real commands: Melegnano delegates home
// care to the consortium, the Ufficio di Piano drafts the programme "ptas",
// opens the needs collection of 2027 and registers the project "pnrr".
grpc::Status RecordCooperation(testing::CooperationApi& c) {
  v1::DelegateFunctionRequest dl;
  dl.set_request_id(c.NextRequestId());
  dl.set_consortium_id(c.id());
  dl.set_member_id("melegnano");
  dl.set_function(v1::FUNCTION_HOME_CARE);
  *dl.mutable_delegate() = testing::ToConsortium();
  *dl.mutable_effective_from() = DateOf(absl::CivilDay(2026, 4, 1));
  *dl.mutable_act() = testing::ExternalAct("Consiglio comunale di Melegnano",
                                           "12", absl::CivilDay(2026, 3, 20));
  *dl.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_PER_INHABITANT);
  grpc::Status s =
      testing::CallRpc(*c.Delegations(testing::DelegateOf("melegnano")),
                       &v1::DelegationService::Stub::DelegateFunction, dl);
  if (!s.ok()) return s;
  auto ufficio = c.Programmes(testing::kUfficio);
  v1::DraftProgrammeRequest dp;
  dp.set_request_id(c.NextRequestId());
  dp.set_consortium_id(c.id());
  dp.set_programme_id("ptas");
  dp.set_kind(v1::PROGRAMME_KIND_PURCHASING_PROGRAMME);
  dp.set_title("Programma triennale degli acquisti");
  dp.set_first_year(2027);
  s = testing::CallRpc(*ufficio, &v1::ProgrammeService::Stub::DraftProgramme,
                       dp);
  if (!s.ok()) return s;
  v1::OpenNeedsCollectionRequest on;
  on.set_request_id(c.NextRequestId());
  on.set_consortium_id(c.id());
  on.set_year(2027);
  *on.mutable_deadline() = DateOf(absl::CivilDay(2026, 10, 31));
  s = testing::CallRpc(*ufficio,
                       &v1::ProgrammeService::Stub::OpenNeedsCollection, on);
  if (!s.ok()) return s;
  v1::RegisterProjectRequest rp;
  rp.set_request_id(c.NextRequestId());
  rp.set_consortium_id(c.id());
  rp.set_project_id("pnrr");
  rp.set_title("Sostegno alle persone vulnerabili");
  v1::FundingSource* f = rp.mutable_funding();
  f->set_kind(v1::FUNDING_SOURCE_KIND_EUROPEAN_UNION);
  f->set_name("PNRR M5C2 1.1");
  f->set_grantor("Ministero del Lavoro e delle Politiche Sociali");
  f->set_cup("J51B21005000006");
  f->set_granted_cents(20'000'000);
  rp.set_budget_cents(25'000'000);
  *rp.mutable_starts_on() = DateOf(absl::CivilDay(2026, 3, 1));
  *rp.mutable_ends_on() = DateOf(absl::CivilDay(2027, 2, 28));
  rp.add_participant_ids("melegnano");
  rp.add_participant_ids("carpiano");
  *rp.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_PER_INHABITANT);
  rp.mutable_reporting()->set_period_months(6);
  rp.mutable_reporting()->set_deadline_days(30);
  return testing::CallRpc(*c.Projects(testing::kUfficio),
                          &v1::ProjectService::Stub::RegisterProject, rp);
}

TEST(AuthorizationMatrixTest, EveryQueryRpcForEveryRole) {
  TlsTestServer::Options options;
  options.principals = testing::CooperationPrincipals();
  options.principals.push_back(kOtherDelegate);
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& server = **started;
  DistrictApi d(server, "matrix-q");
  testing::CooperationApi coop(server, d);
  ASSERT_TRUE(coop.Setup().ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  ASSERT_TRUE(d.Adopt("p-1", absl::CivilDay(2026, 3, 2)).ok());
  ASSERT_TRUE(d.Convene("s-1", absl::CivilDay(2026, 3, 16), {}).ok());
  ASSERT_TRUE(
      coop.Convenzione("conv", {"carpiano", "dresano"}, absl::CivilDay(2026, 2, 1))
          .ok());
  ASSERT_TRUE(RecordCooperation(coop).ok());

  const std::vector<MatrixRpc> matrix =
      QueryMatrix(d.id(), server.LastPosition());
  // Every unary RPC of QueryService once; WatchAgenda (a stream) below.
  std::set<std::string> names;
  for (const MatrixRpc& rpc : matrix) names.insert(rpc.name);
  ASSERT_EQ(names.size(), matrix.size());
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          "concordia.v1.QueryService");
  ASSERT_NE(service, nullptr);
  for (int i = 0; i < service->method_count(); ++i) {
    const google::protobuf::MethodDescriptor* m = service->method(i);
    if (m->server_streaming()) {
      EXPECT_EQ(m->name(), "WatchAgenda");
      continue;
    }
    EXPECT_EQ(names.count(m->name()), 1u) << m->name();
  }
  ASSERT_EQ(matrix.size() + 1, static_cast<size_t>(service->method_count()));
  EXPECT_EQ(testing::RunMatrix(server, matrix, Callers()), 23 * 10);

  // WatchAgenda: the first update for readers, PERMISSION_DENIED for the
  // others; nothing appended either way.
  const std::set<std::string> readers = Readers();
  for (const std::string& caller : Callers()) {
    const uint64_t before = server.LastPosition();
    auto stub = v1::QueryService::NewStub(server.ChannelAs(caller));
    v1::WatchAgendaRequest w;
    w.set_consortium_id(d.id());
    w.set_member_id("melegnano");
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    ctx.set_wait_for_ready(true);
    auto reader = stub->WatchAgenda(&ctx, w);
    v1::WatchAgendaResponse update;
    const bool got = reader->Read(&update);
    if (readers.count(caller) > 0) {
      EXPECT_TRUE(got) << "WatchAgenda as " << caller;
      // Its sessions s-p-1 and s-1, beside the needs and report tasks.
      std::set<std::string> sessions;
      for (const auto& e : update.entries()) {
        if (!e.session_id().empty()) sessions.insert(e.session_id());
      }
      EXPECT_EQ(sessions, (std::set<std::string>{"s-1", "s-p-1"})) << caller;
      ctx.TryCancel();
      while (reader->Read(&update)) {
      }
      EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
    } else {
      EXPECT_FALSE(got) << "WatchAgenda as " << caller;
      grpc::Status s = reader->Finish();
      EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << caller;
      EXPECT_EQ(GrpcErrorReason(s), "PERMISSION_DENIED") << caller;
    }
    EXPECT_EQ(server.LastPosition(), before) << caller;
  }
}

TEST(AuthorizationMatrixTest, TheCallerVotesOnlyAsTheMembersRepresentative) {
  // A delegate grant is not enough: the caller must also represent the
  // member on the body (or be its session delegate) — the domain's rule.
  TlsTestServer::Options options;
  options.principals = testing::DistrictPrincipals();
  options.principals.push_back("assessore@melegnano");
  auto started = TlsTestServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  TlsTestServer& server = **started;
  DistrictApi d(server, "scope");
  ASSERT_TRUE(d.Setup().ok());
  ASSERT_TRUE(d.Grant("assessore@melegnano", v1::ROLE_MEMBER_DELEGATE, "melegnano").ok());
  ASSERT_TRUE(d.DraftReady("p-1").ok());
  ASSERT_TRUE(d.Convene("s-1", absl::CivilDay(2026, 3, 2), {"p-1"}).ok());
  server.clock().AdvanceTo(RomeTime(absl::CivilDay(2026, 3, 2), 10));
  ASSERT_TRUE(d.Attendance("s-1", {"melegnano", "san-giuliano-milanese",
                                   "san-donato-milanese", "dresano", "carpiano"})
                  .ok());
  v1::CastVoteRequest vote;
  vote.set_request_id("scope-vote");
  vote.set_consortium_id(d.id());
  vote.set_body_id("assemblea");
  vote.set_session_id("s-1");
  vote.set_item(1);
  vote.set_member_id("melegnano");
  vote.set_choice(v1::VOTE_CHOICE_IN_FAVOUR);
  auto assessore = d.Sessions("assessore@melegnano");
  v1::CastVoteResponse resp;
  const uint64_t before = server.LastPosition();
  {
    grpc::ClientContext ctx;
    grpc::Status s = assessore->CastVote(&ctx, vote, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_EQ(GrpcErrorReason(s), "DELEGATION_OUT_OF_SCOPE");
    EXPECT_EQ(server.LastPosition(), before);
  }
  // Appointed the session's delegate by the secretary, the assessore votes.
  v1::AppointSessionDelegateRequest appoint;
  appoint.set_request_id("scope-appoint");
  appoint.set_consortium_id(d.id());
  appoint.set_body_id("assemblea");
  appoint.set_session_id("s-1");
  appoint.set_member_id("melegnano");
  appoint.set_person("assessore@melegnano");
  v1::AppointSessionDelegateResponse appointed;
  grpc::ClientContext ctx1;
  ASSERT_TRUE(d.Sessions(testing::kSecretary)
                  ->AppointSessionDelegate(&ctx1, appoint, &appointed)
                  .ok());
  grpc::ClientContext ctx2;
  grpc::Status s = assessore->CastVote(&ctx2, vote, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  // And a delegate of Melegnano never votes for Carpiano, whatever it sends.
  vote.set_request_id("scope-vote-carpiano");
  vote.set_member_id("carpiano");
  grpc::ClientContext ctx3;
  EXPECT_EQ(assessore->CastVote(&ctx3, vote, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace concordia
