// DelegationService end to end over mutual TLS: bad input for every RPC;
// delegations under a convenzione and by a member's own deliberation; "who
// exercises function F for member M on day D" before, during and after a
// delegation and as of an earlier log position; rule rejections (one
// exerciser at a time, no retroactive change); and a merger recorded by
// ConsortiumService.RecordSuccession passing the predecessors' functions to
// the successor, with the choice a conflict needs.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/cooperation_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using absl::CivilDay;
using testing::CallRpc;
using testing::CooperationApi;
using testing::DateOf;
using testing::DelegateOf;
using testing::DistrictApi;
using testing::ExpectError;
using testing::ExpectInvalidWith;
using testing::RomeTime;
using testing::TlsTestServer;
using Stub = v1::DelegationService::Stub;

// A date as sent, not normalised (so 30 February stays invalid).
constexpr auto D = testing::RawDate;

class DelegationApiTest
    : public testing::SharedServerTest<testing::CooperationPrincipals> {};

v1::DelegateFunctionRequest Delegation(const CooperationApi& c,
                                       const std::string& request_id,
                                       const std::string& member,
                                       v1::Function function) {
  v1::DelegateFunctionRequest r;
  r.set_request_id(request_id);
  r.set_consortium_id(c.id());
  r.set_member_id(member);
  r.set_function(function);
  *r.mutable_delegate() = testing::ToConsortium();
  *r.mutable_effective_from() = D(2026, 4, 1);
  *r.mutable_act() =
      testing::ExternalAct(absl::StrCat("Consiglio comunale di ", member), "12",
                           CivilDay(2026, 3, 20));
  *r.mutable_cost_sharing() =
      testing::SharingRule(v1::COST_SHARING_METHOD_PER_INHABITANT);
  return r;
}

// Who exercises `function` for `member` on `day` (as of `position`).
v1::GetExerciserResponse Who(CooperationApi& c, const std::string& member,
                             v1::Function function, const v1::Date& day,
                             uint64_t position = 0) {
  v1::GetExerciserRequest req;
  req.set_consortium_id(c.id());
  req.set_member_id(member);
  req.set_function(function);
  *req.mutable_as_of_date() = day;
  req.set_as_of_position(position);
  v1::GetExerciserResponse resp;
  auto region = c.Delegations(testing::kRegion);
  grpc::Status s = CallRpc(*region, &Stub::GetExerciser, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp;
}

TEST_F(DelegationApiTest, BadInputNamesTheFieldForEveryRpc) {
  DistrictApi district(*server_, "bad-delegation");
  CooperationApi c(*server_, district);
  ASSERT_TRUE(c.Setup().ok());
  TlsTestServer& s = *server_;
  auto melegnano = c.Delegations(DelegateOf("melegnano"));
  const v1::DelegateFunctionRequest valid =
      Delegation(c, "bad-delegate", "melegnano", v1::FUNCTION_HOME_CARE);
  auto bad = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *melegnano, &Stub::DelegateFunction, valid, mutate,
                      field);
  };
  bad([](auto& r) { r.clear_request_id(); }, "request_id");
  bad([](auto& r) { r.clear_function(); }, "function");
  bad([](auto& r) { r.set_function(static_cast<v1::Function>(99)); },
      "function");
  bad([](auto& r) { r.clear_delegate(); }, "delegate");
  bad([](auto& r) { r.mutable_delegate()->clear_kind(); }, "delegate.kind");
  bad(
      [](auto& r) {
        r.mutable_delegate()->set_kind(v1::EXERCISER_KIND_MEMBER_ITSELF);
      },
      "delegate.kind");
  bad([](auto& r) { r.mutable_delegate()->set_lead_member_id("carpiano"); },
      "delegate.lead_member_id");  // only for a lead ente
  bad([](auto& r) { *r.mutable_delegate() = testing::ToLead("Carpiano"); },
      "delegate.lead_member_id");
  bad([](auto& r) { *r.mutable_delegate() = testing::ToLead("melegnano"); },
      "delegate.lead_member_id");  // not to itself
  bad([](auto& r) { r.clear_effective_from(); }, "effective_from");
  bad([](auto& r) { *r.mutable_effective_from() = D(2026, 4, 31); },
      "effective_from");
  bad([](auto& r) { r.set_accord_id("conv"); }, "accord_id");  // and an act
  bad([](auto& r) { r.clear_act(); }, "accord_id");            // neither
  bad(
      [](auto& r) {
        r.clear_act();
        r.set_accord_id("Conv");
      },
      "accord_id");
  bad([](auto& r) { r.mutable_act()->mutable_deliberation()->clear_number(); },
      "act.deliberation.number");
  bad([](auto& r) { r.clear_cost_sharing(); }, "cost_sharing");
  bad([](auto& r) { r.mutable_cost_sharing()->clear_method(); },
      "cost_sharing.method");
  bad(
      [](auto& r) {
        r.mutable_cost_sharing()->set_method(
            v1::COST_SHARING_METHOD_FIXED_PLUS_VARIABLE);
        r.mutable_cost_sharing()->set_fixed_permille(1200);
      },
      "cost_sharing.fixed_permille");

  v1::RevokeDelegationRequest revoke;
  revoke.set_request_id("bad-revoke");
  revoke.set_consortium_id(c.id());
  revoke.set_member_id("melegnano");
  revoke.set_function(v1::FUNCTION_HOME_CARE);
  *revoke.mutable_effective_from() = D(2026, 9, 1);
  *revoke.mutable_act() = valid.act();
  auto bad_revoke = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *melegnano, &Stub::RevokeDelegation, revoke, mutate,
                      field);
  };
  bad_revoke([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_revoke([](auto& r) { r.clear_function(); }, "function");
  bad_revoke([](auto& r) { r.clear_effective_from(); }, "effective_from");
  bad_revoke([](auto& r) { r.clear_act(); }, "act");
  bad_revoke([](auto& r) { r.set_reason(std::string(70000, 'r')); }, "reason");
  // Nothing delegated: the revocation is a rule rejection.
  ExpectError(s, *melegnano, &Stub::RevokeDelegation, revoke,
              grpc::StatusCode::FAILED_PRECONDITION, "FUNCTION_NOT_DELEGATED");

  auto reader = c.Delegations(testing::kAuditor);
  v1::GetDelegationRequest get;
  get.set_consortium_id(c.id());
  get.set_member_id("melegnano");
  get.set_function(v1::FUNCTION_HOME_CARE);
  ExpectInvalidWith(
      s, *reader, &Stub::GetDelegation, get,
      [](auto& r) { r.clear_member_id(); }, "member_id");
  ExpectInvalidWith(
      s, *reader, &Stub::GetDelegation, get,
      [](auto& r) { r.clear_function(); }, "function");
  v1::GetDelegationRequest stranger = get;
  stranger.set_member_id("milano");
  ExpectError(s, *reader, &Stub::GetDelegation, stranger,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  v1::GetExerciserRequest who;
  who.set_consortium_id(c.id());
  who.set_member_id("melegnano");
  who.set_function(v1::FUNCTION_HOME_CARE);
  ExpectInvalidWith(
      s, *reader, &Stub::GetExerciser, who,
      [](auto& r) { r.set_member_id("Melegnano"); }, "member_id");
  ExpectInvalidWith(
      s, *reader, &Stub::GetExerciser, who,
      [](auto& r) { r.set_function(static_cast<v1::Function>(77)); },
      "function");
  ExpectInvalidWith(
      s, *reader, &Stub::GetExerciser, who,
      [](auto& r) { *r.mutable_as_of_date() = D(2026, 0, 1); }, "as_of_date");
  who.set_as_of_position(1u << 30);
  ExpectError(s, *reader, &Stub::GetExerciser, who,
              grpc::StatusCode::OUT_OF_RANGE, "FUTURE_POSITION");
}

TEST_F(DelegationApiTest, WhoExercisesAFunctionOnADate) {
  DistrictApi district(*server_, "functions");
  CooperationApi c(*server_, district);
  ASSERT_TRUE(c.Setup().ok());
  TlsTestServer& s = *server_;
  s.clock().AdvanceTo(RomeTime(CivilDay(2026, 3, 2), 12));
  ASSERT_TRUE(c.Convenzione("conv", {"melegnano", "carpiano", "dresano"},
                            CivilDay(2026, 3, 2))
                  .ok());
  const v1::Function social = v1::FUNCTION_SOCIAL_SERVICES;
  const uint64_t before_delegation = s.LastPosition();
  // Melegnano delegates social services to the consortium under the
  // convenzione from 1 April.
  v1::DelegateFunctionRequest under =
      Delegation(c, "fn-melegnano-social", "melegnano", social);
  under.clear_act();
  under.set_accord_id("conv");
  auto melegnano = c.Delegations(DelegateOf("melegnano"));
  v1::DelegateFunctionResponse delegated;
  ASSERT_TRUE(
      CallRpc(*melegnano, &Stub::DelegateFunction, under, &delegated).ok());
  EXPECT_EQ(delegated.version(), 1u);
  EXPECT_EQ(Who(c, "melegnano", social, D(2026, 3, 31)).exerciser().kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  v1::GetExerciserResponse april = Who(c, "melegnano", social, D(2026, 4, 1));
  EXPECT_EQ(april.exerciser().kind(), v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(april.delegation().accord_id(), "conv");
  EXPECT_EQ(april.version(), 1u);
  // As of the log before the delegation, nobody held it.
  EXPECT_EQ(Who(c, "melegnano", social, D(2026, 4, 1), before_delegation)
                .exerciser()
                .kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  // One exerciser at a time; changes never precede the latest one.
  v1::DelegateFunctionRequest again = under;
  again.set_request_id("fn-melegnano-social-again");
  *again.mutable_delegate() = testing::ToLead("carpiano");
  *again.mutable_effective_from() = D(2026, 6, 1);
  ExpectError(s, *melegnano, &Stub::DelegateFunction, again,
              grpc::StatusCode::FAILED_PRECONDITION,
              "FUNCTION_ALREADY_DELEGATED");
  // Carpiano delegates child protection to Melegnano as lead ente, by its
  // own council's deliberation.
  v1::DelegateFunctionRequest lead = Delegation(
      c, "fn-carpiano-minori", "carpiano", v1::FUNCTION_CHILD_PROTECTION);
  *lead.mutable_delegate() = testing::ToLead("melegnano");
  ASSERT_TRUE(CallRpc(*c.Delegations(DelegateOf("carpiano")),
                      &Stub::DelegateFunction, lead)
                  .ok());
  v1::GetExerciserResponse minori =
      Who(c, "carpiano", v1::FUNCTION_CHILD_PROTECTION, D(2026, 5, 1));
  EXPECT_EQ(minori.exerciser().kind(), v1::EXERCISER_KIND_LEAD_ENTE);
  EXPECT_EQ(minori.exerciser().lead_member_id(), "melegnano");
  // Melegnano revokes from 1 September.
  s.clock().AdvanceTo(RomeTime(CivilDay(2026, 7, 1), 12));
  v1::RevokeDelegationRequest revoke;
  revoke.set_request_id("fn-melegnano-revoke");
  revoke.set_consortium_id(c.id());
  revoke.set_member_id("melegnano");
  revoke.set_function(social);
  *revoke.mutable_effective_from() = D(2026, 9, 1);
  *revoke.mutable_act() = testing::ExternalAct(
      "Consiglio comunale di Melegnano", "31", CivilDay(2026, 6, 30));
  revoke.set_reason("Gestione diretta del servizio");
  ASSERT_TRUE(CallRpc(*melegnano, &Stub::RevokeDelegation, revoke).ok());
  EXPECT_EQ(Who(c, "melegnano", social, D(2026, 8, 31)).exerciser().kind(),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(Who(c, "melegnano", social, D(2026, 9, 1)).exerciser().kind(),
            v1::EXERCISER_KIND_MEMBER_ITSELF);
  v1::RevokeDelegationRequest earlier = revoke;
  earlier.set_request_id("fn-melegnano-revoke-earlier");
  *earlier.mutable_effective_from() = D(2026, 8, 1);
  ExpectError(s, *melegnano, &Stub::RevokeDelegation, earlier,
              grpc::StatusCode::FAILED_PRECONDITION, "RETROACTIVE_CHANGE");
  v1::GetDelegationRequest history;
  history.set_consortium_id(c.id());
  history.set_member_id("melegnano");
  history.set_function(social);
  v1::GetDelegationResponse periods;
  ASSERT_TRUE(CallRpc(*c.Delegations(testing::kAuditor), &Stub::GetDelegation,
                      history, &periods)
                  .ok());
  ASSERT_EQ(periods.delegation().periods_size(), 1);
  EXPECT_EQ(periods.delegation().periods(0).effective_from().month(), 4);
  EXPECT_EQ(periods.delegation().periods(0).until().month(), 9);
  EXPECT_EQ(periods.version(), 2u);
}

TEST_F(DelegationApiTest, ASuccessionPassesTheFunctionsToTheSuccessor) {
  DistrictApi district(*server_, "merger");
  CooperationApi c(*server_, district);
  ASSERT_TRUE(c.Setup().ok());
  TlsTestServer& s = *server_;
  // Dresano delegates home care to the consortium; Colturano does not;
  // Carpiano delegates child protection to Dresano as lead ente.
  v1::DelegateFunctionRequest home =
      Delegation(c, "m-dresano-home", "dresano", v1::FUNCTION_HOME_CARE);
  ASSERT_TRUE(CallRpc(*c.Delegations(DelegateOf("dresano")),
                      &Stub::DelegateFunction, home)
                  .ok());
  v1::DelegateFunctionRequest lead = Delegation(
      c, "m-carpiano-minori", "carpiano", v1::FUNCTION_CHILD_PROTECTION);
  *lead.mutable_delegate() = testing::ToLead("dresano");
  ASSERT_TRUE(CallRpc(*c.Delegations(DelegateOf("carpiano")),
                      &Stub::DelegateFunction, lead)
                  .ok());
  v1::RecordSuccessionRequest merge;
  merge.set_request_id("m-merge");
  merge.set_consortium_id(c.id());
  merge.add_predecessor_ids("dresano");
  merge.add_predecessor_ids("colturano");
  merge.set_successor_id("dresano-colturano");
  merge.set_successor_name("Dresano Colturano");
  *merge.mutable_effective_from() = D(2027, 1, 1);
  auto consortia = district.Consortia(testing::kDistrictAdmin);
  using CS = v1::ConsortiumService::Stub;
  // The predecessors exercise home care differently: a choice is needed,
  // and without it nothing is appended.
  ExpectError(s, *consortia, &CS::RecordSuccession, merge,
              grpc::StatusCode::FAILED_PRECONDITION, "SUCCESSION_CONFLICT");
  v1::RecordSuccessionRequest bad = merge;
  bad.add_function_choices()->set_function(v1::FUNCTION_HOME_CARE);
  testing::ExpectInvalidField(s, *consortia, &CS::RecordSuccession, bad,
                              "function_choices[0].exerciser");
  bad.mutable_function_choices(0)->clear_function();
  testing::ExpectInvalidField(s, *consortia, &CS::RecordSuccession, bad,
                              "function_choices[0].function");
  v1::SuccessionChoice* choice = merge.add_function_choices();
  choice->set_function(v1::FUNCTION_HOME_CARE);
  *choice->mutable_exerciser() = testing::ToConsortium();
  ASSERT_TRUE(CallRpc(*consortia, &CS::RecordSuccession, merge).ok());
  v1::GetExerciserResponse ceased =
      Who(c, "dresano", v1::FUNCTION_HOME_CARE, D(2027, 1, 1));
  EXPECT_TRUE(ceased.ceased());
  EXPECT_EQ(ceased.successor_id(), "dresano-colturano");
  EXPECT_EQ(Who(c, "dresano", v1::FUNCTION_HOME_CARE, D(2026, 12, 31))
                .exerciser()
                .kind(),
            v1::EXERCISER_KIND_CONSORTIUM);
  EXPECT_EQ(Who(c, "dresano-colturano", v1::FUNCTION_HOME_CARE, D(2027, 1, 1))
                .exerciser()
                .kind(),
            v1::EXERCISER_KIND_CONSORTIUM);
  v1::GetExerciserResponse passed =
      Who(c, "carpiano", v1::FUNCTION_CHILD_PROTECTION, D(2027, 1, 1));
  EXPECT_EQ(passed.exerciser().kind(), v1::EXERCISER_KIND_LEAD_ENTE);
  EXPECT_EQ(passed.exerciser().lead_member_id(), "dresano-colturano");
  EXPECT_EQ(Who(c, "carpiano", v1::FUNCTION_CHILD_PROTECTION, D(2026, 12, 31))
                .exerciser()
                .lead_member_id(),
            "dresano");
}

}  // namespace
}  // namespace concordia
