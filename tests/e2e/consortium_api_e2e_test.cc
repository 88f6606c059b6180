// ConsortiumService end to end over mutual TLS: bad input for every RPC
// (INVALID_ARGUMENT naming the field, nothing appended), unknown entities,
// rule rejections with their reason, and reads as of a position and a date
// across admissions, successions, statute versions and designations.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/district_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using testing::CallRpc;
using testing::DateOf;
using testing::DistrictApi;
using testing::ExpectError;
using testing::ExpectInvalidField;
using testing::TlsTestServer;
using Stub = v1::ConsortiumService::Stub;

// A date as sent, not normalised (so 30 February stays invalid).
constexpr auto D = testing::RawDate;

class ConsortiumApiTest
    : public testing::SharedServerTest<testing::DistrictPrincipals> {};

void AddShares(google::protobuf::RepeatedPtrField<v1::MemberShare>* out,
               const std::vector<std::pair<std::string, int>>& shares) {
  for (const auto& [member, permille] : shares) {
    v1::MemberShare* s = out->Add();
    s->set_member_id(member);
    s->set_permille(permille);
  }
}

// The district's shares with `changes` applied.
std::vector<std::pair<std::string, int>> SharesWith(
    std::map<std::string, int> changes) {
  std::vector<std::pair<std::string, int>> out;
  for (auto [member, share] : testing::DistrictComuni()) {
    auto c = changes.find(member);
    if (c != changes.end()) {
      const int changed = c->second;
      changes.erase(c);
      if (changed < 0) continue;  // removed
      share = changed;
    }
    out.push_back({member, share});
  }
  for (const auto& [member, share] : changes) out.push_back({member, share});
  return out;
}

TEST_F(ConsortiumApiTest, BadInputNamesTheFieldForEveryRpc) {
  DistrictApi d(*server_, "bad-consortium");
  ASSERT_TRUE(d.Setup().ok());
  auto stub = d.Consortia(testing::kSystemAdmin);
  TlsTestServer& s = *server_;

  v1::RegisterConsortiumRequest reg = testing::DistrictRegistration("bad-reg");
  reg.set_consortium_id("fresh");
  auto bad_reg = [&](auto mutate, const std::string& field) {
    v1::RegisterConsortiumRequest r = reg;
    mutate(r);
    ExpectInvalidField(s, *stub, &Stub::RegisterConsortium, r, field);
  };
  bad_reg([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_reg([](auto& r) { r.set_request_id("has space"); }, "request_id");
  bad_reg([](auto& r) { r.set_consortium_id("Sud Est"); }, "consortium_id");
  bad_reg([](auto& r) { r.clear_legal_form(); }, "legal_form");
  bad_reg([](auto& r) { r.set_legal_form(static_cast<v1::LegalForm>(42)); },
          "legal_form");
  bad_reg([](auto& r) { r.clear_name(); }, "name");
  bad_reg([](auto& r) { r.clear_seat_comune(); }, "seat_comune");
  bad_reg([](auto& r) { r.clear_constituted_on(); }, "constituted_on");
  bad_reg([](auto& r) { *r.mutable_constituted_on() = D(2026, 2, 30); },
          "constituted_on");
  bad_reg([](auto& r) { r.clear_statute(); }, "statute");
  bad_reg([](auto& r) { r.mutable_statute()->set_publication_days(0); },
          "statute.publication_days");
  bad_reg([](auto& r) { r.clear_founders(); }, "founders");
  bad_reg([](auto& r) { r.mutable_founders(1)->set_member_id("melegnano!"); },
          "founders[1].member_id");
  bad_reg([](auto& r) { r.mutable_founders(2)->set_member_id("san-donato-milanese"); },
          "founders[2].member_id");
  bad_reg([](auto& r) { r.mutable_founders(0)->clear_kind(); }, "founders[0].kind");
  bad_reg([](auto& r) { r.mutable_founders(3)->clear_name(); }, "founders[3].name");
  bad_reg([](auto& r) { r.mutable_founders(0)->set_permille(1001); },
          "founders[0].permille");

  v1::AdmitMemberRequest admit;
  admit.set_request_id("bad-admit");
  admit.set_consortium_id(d.id());
  admit.set_member_id("locate-di-triulzi");
  admit.set_name("Locate di Triulzi");
  admit.set_kind(v1::MEMBER_KIND_COMUNE);
  *admit.mutable_effective_from() = D(2026, 4, 1);
  AddShares(admit.mutable_shares(), SharesWith({{"locate-di-triulzi", 0}}));
  admit.mutable_authorised_by()->set_proposal_id("p-1");
  auto bad_admit = [&](auto mutate, const std::string& field) {
    v1::AdmitMemberRequest r = admit;
    mutate(r);
    ExpectInvalidField(s, *stub, &Stub::AdmitMember, r, field);
  };
  bad_admit([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_admit([](auto& r) { r.clear_consortium_id(); }, "consortium_id");
  bad_admit([](auto& r) { r.set_member_id("-x"); }, "member_id");
  bad_admit([](auto& r) { r.clear_name(); }, "name");
  bad_admit([](auto& r) { r.clear_kind(); }, "kind");
  bad_admit([](auto& r) { r.clear_effective_from(); }, "effective_from");
  bad_admit([](auto& r) { r.clear_shares(); }, "shares");
  bad_admit([](auto& r) { r.mutable_shares(4)->set_permille(-1); },
            "shares[4].permille");
  bad_admit([](auto& r) { r.mutable_shares(1)->set_member_id("melegnano"); },
            "shares[2].member_id");  // melegnano is shares[2] already
  bad_admit([](auto& r) { r.clear_authorised_by(); }, "authorised_by");
  bad_admit([](auto& r) { r.mutable_authorised_by()->clear_proposal_id(); },
            "authorised_by.proposal_id");

  v1::WithdrawMemberRequest withdraw;
  withdraw.set_request_id("bad-withdraw");
  withdraw.set_consortium_id(d.id());
  withdraw.set_member_id("colturano");
  *withdraw.mutable_effective_from() = D(2026, 4, 1);
  AddShares(withdraw.mutable_shares(), SharesWith({{"colturano", -1}}));
  withdraw.mutable_authorised_by()->set_proposal_id("p-1");
  auto bad_withdraw = [&](auto mutate, const std::string& field) {
    v1::WithdrawMemberRequest r = withdraw;
    mutate(r);
    ExpectInvalidField(s, *stub, &Stub::WithdrawMember, r, field);
  };
  bad_withdraw([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_withdraw([](auto& r) { r.clear_member_id(); }, "member_id");
  bad_withdraw([](auto& r) { *r.mutable_effective_from() = D(2026, 13, 1); },
               "effective_from");
  bad_withdraw([](auto& r) { r.clear_shares(); }, "shares");
  bad_withdraw([](auto& r) { r.clear_authorised_by(); }, "authorised_by");

  v1::RecordSuccessionRequest succession;
  succession.set_request_id("bad-succession");
  succession.set_consortium_id(d.id());
  succession.add_predecessor_ids("dresano");
  succession.add_predecessor_ids("colturano");
  succession.set_successor_id("dresano-colturano");
  succession.set_successor_name("Dresano Colturano");
  *succession.mutable_effective_from() = D(2026, 5, 1);
  auto bad_succession = [&](auto mutate, const std::string& field) {
    v1::RecordSuccessionRequest r = succession;
    mutate(r);
    ExpectInvalidField(s, *stub, &Stub::RecordSuccession, r, field);
  };
  bad_succession([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_succession([](auto& r) { r.mutable_predecessor_ids()->RemoveLast(); },
                 "predecessor_ids");
  bad_succession([](auto& r) { r.set_predecessor_ids(1, "dresano"); },
                 "predecessor_ids[1]");
  bad_succession([](auto& r) { r.set_predecessor_ids(0, "Dresano"); },
                 "predecessor_ids[0]");
  bad_succession([](auto& r) { r.clear_successor_id(); }, "successor_id");
  bad_succession([](auto& r) { r.clear_successor_name(); }, "successor_name");
  bad_succession(
      [](auto& r) { r.set_successor_kind(static_cast<v1::MemberKind>(77)); },
      "successor_kind");
  bad_succession([](auto& r) { r.clear_effective_from(); }, "effective_from");

  v1::ChangeSharesRequest shares;
  shares.set_request_id("bad-shares");
  shares.set_consortium_id(d.id());
  *shares.mutable_effective_from() = D(2026, 4, 1);
  AddShares(shares.mutable_shares(), SharesWith({}));
  shares.mutable_authorised_by()->set_proposal_id("p-1");
  auto bad_shares = [&](auto mutate, const std::string& field) {
    v1::ChangeSharesRequest r = shares;
    mutate(r);
    ExpectInvalidField(s, *stub, &Stub::ChangeShares, r, field);
  };
  bad_shares([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_shares([](auto& r) { r.set_consortium_id("x/y"); }, "consortium_id");
  bad_shares([](auto& r) { r.clear_effective_from(); }, "effective_from");
  bad_shares([](auto& r) { r.mutable_shares(0)->clear_member_id(); },
             "shares[0].member_id");
  bad_shares([](auto& r) { r.mutable_authorised_by()->set_proposal_id("P 1"); },
             "authorised_by.proposal_id");

  v1::AdoptStatuteRequest statute;
  statute.set_request_id("bad-statute");
  statute.set_consortium_id(d.id());
  *statute.mutable_statute() = reg.statute();
  *statute.mutable_effective_from() = D(2026, 6, 1);
  statute.mutable_authorised_by()->set_proposal_id("p-1");
  auto bad_statute = [&](auto mutate, const std::string& field) {
    v1::AdoptStatuteRequest r = statute;
    mutate(r);
    ExpectInvalidField(s, *stub, &Stub::AdoptStatute, r, field);
  };
  bad_statute([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_statute([](auto& r) { r.clear_statute(); }, "statute");
  bad_statute([](auto& r) { r.mutable_statute()->clear_bodies(); },
              "statute.bodies");
  bad_statute(
      [](auto& r) { r.mutable_statute()->mutable_bodies(0)->clear_body_kind(); },
      "statute.bodies[0].body_kind");
  bad_statute([](auto& r) { r.clear_effective_from(); }, "effective_from");
  bad_statute([](auto& r) { r.clear_authorised_by(); }, "authorised_by");

  v1::CreateBodyRequest body;
  body.set_request_id("bad-body");
  body.set_consortium_id(d.id());
  body.set_body_id("giunta");
  body.set_kind(v1::BODY_KIND_GIUNTA);
  body.set_name("Giunta esecutiva");
  auto bad_body = [&](auto mutate, const std::string& field) {
    v1::CreateBodyRequest r = body;
    mutate(r);
    ExpectInvalidField(s, *stub, &Stub::CreateBody, r, field);
  };
  bad_body([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_body([](auto& r) { r.set_body_id(std::string(65, 'g')); }, "body_id");
  bad_body([](auto& r) { r.clear_kind(); }, "kind");
  bad_body([](auto& r) { r.clear_name(); }, "name");
  bad_body([](auto& r) { r.set_name(std::string(300, 'n')); }, "name");

  v1::DesignateBodyMemberRequest designate;
  designate.set_request_id("bad-designate");
  designate.set_consortium_id(d.id());
  designate.set_body_id("tavolo-tecnico");
  designate.set_member_id("melegnano");
  designate.set_person("tecnico@melegnano");
  designate.set_voting(true);
  *designate.mutable_effective_from() = D(2026, 3, 1);
  auto bad_designate = [&](auto mutate, const std::string& field) {
    v1::DesignateBodyMemberRequest r = designate;
    mutate(r);
    ExpectInvalidField(s, *stub, &Stub::DesignateBodyMember, r, field);
  };
  bad_designate([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_designate([](auto& r) { r.clear_body_id(); }, "body_id");
  bad_designate([](auto& r) { r.clear_member_id(); }, "member_id");  // voting
  bad_designate([](auto& r) { r.clear_person(); }, "person");
  bad_designate([](auto& r) { r.set_person("Mario Rossi"); }, "person");
  bad_designate([](auto& r) { r.clear_effective_from(); }, "effective_from");

  v1::RevokeBodyMemberRequest revoke;
  revoke.set_request_id("bad-revoke");
  revoke.set_consortium_id(d.id());
  revoke.set_body_id("assemblea");
  revoke.set_member_id("melegnano");
  revoke.set_person("sindaco@melegnano");
  *revoke.mutable_effective_from() = D(2026, 3, 1);
  auto bad_revoke = [&](auto mutate, const std::string& field) {
    v1::RevokeBodyMemberRequest r = revoke;
    mutate(r);
    ExpectInvalidField(s, *stub, &Stub::RevokeBodyMember, r, field);
  };
  bad_revoke([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_revoke([](auto& r) { r.set_body_id("Assemblea"); }, "body_id");
  bad_revoke([](auto& r) { r.set_member_id("a b"); }, "member_id");
  bad_revoke([](auto& r) { r.clear_person(); }, "person");
  bad_revoke([](auto& r) { r.clear_effective_from(); }, "effective_from");

  v1::GetConsortiumRequest get;
  get.set_consortium_id("Not An Id");
  ExpectInvalidField(s, *stub, &Stub::GetConsortium, get, "consortium_id");
  get.set_consortium_id(d.id());
  *get.mutable_as_of_date() = D(2026, 0, 1);
  ExpectInvalidField(s, *stub, &Stub::GetConsortium, get, "as_of_date");
  v1::GetStatuteRequest get_statute;
  get_statute.set_consortium_id(d.id());
  *get_statute.mutable_effective_date() = D(1800, 1, 1);
  ExpectInvalidField(s, *stub, &Stub::GetStatute, get_statute, "effective_date");
  get_statute.clear_effective_date();
  get_statute.clear_consortium_id();
  ExpectInvalidField(s, *stub, &Stub::GetStatute, get_statute, "consortium_id");
  v1::GetSharesRequest get_shares;
  get_shares.set_consortium_id(d.id());
  *get_shares.mutable_effective_date() = D(2026, 2, 29);
  ExpectInvalidField(s, *stub, &Stub::GetShares, get_shares, "effective_date");
  v1::GetBodyRequest get_body;
  get_body.set_consortium_id(d.id());
  ExpectInvalidField(s, *stub, &Stub::GetBody, get_body, "body_id");
  get_body.set_body_id("assemblea");
  *get_body.mutable_effective_date() = D(2026, 4, 31);
  ExpectInvalidField(s, *stub, &Stub::GetBody, get_body, "effective_date");
}

TEST_F(ConsortiumApiTest, UnknownEntitiesAndFuturePositions) {
  DistrictApi d(*server_, "unknowns");
  ASSERT_TRUE(d.Setup().ok());
  auto stub = d.Consortia(testing::kSystemAdmin);
  v1::CreateBodyRequest body;
  body.set_request_id("unknown-body");
  body.set_consortium_id("never-registered");
  body.set_body_id("giunta");
  body.set_kind(v1::BODY_KIND_GIUNTA);
  body.set_name("Giunta");
  ExpectError(*server_, *stub, &Stub::CreateBody, body,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  v1::GetConsortiumRequest get;
  get.set_consortium_id("never-registered");
  ExpectError(*server_, *stub, &Stub::GetConsortium, get,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  get.set_consortium_id(d.id());
  get.set_as_of_position(server_->LastPosition() + 1000);
  ExpectError(*server_, *stub, &Stub::GetConsortium, get,
              grpc::StatusCode::OUT_OF_RANGE, "FUTURE_POSITION");
  v1::GetBodyRequest get_body;
  get_body.set_consortium_id(d.id());
  get_body.set_body_id("giunta");
  ExpectError(*server_, *stub, &Stub::GetBody, get_body,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  v1::GetStatuteRequest before;
  before.set_consortium_id(d.id());
  *before.mutable_effective_date() = D(2023, 12, 31);
  ExpectError(*server_, *stub, &Stub::GetStatute, before,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  // The same registration again is a rule rejection.
  v1::RegisterConsortiumRequest again = testing::DistrictRegistration("again");
  again.set_consortium_id(d.id());
  ExpectError(*server_, *stub, &Stub::RegisterConsortium, again,
              grpc::StatusCode::FAILED_PRECONDITION, "ALREADY_EXISTS");
}

TEST_F(ConsortiumApiTest, MembersSharesAndStatuteOverTime) {
  DistrictApi d(*server_, "members");
  ASSERT_TRUE(d.Setup().ok());
  auto stub = d.Consortia(testing::kDistrictAdmin);
  // p-draft is adopted but not executive; p-admit is immediately executable.
  ASSERT_TRUE(d.DraftReady("p-draft").ok());
  ASSERT_TRUE(d.DraftReady("p-admit").ok());
  ASSERT_TRUE(d.Adopt("p-draft", absl::CivilDay(2026, 3, 2)).ok());
  ASSERT_TRUE(d.Adopt("p-admit", absl::CivilDay(2026, 3, 9), nullptr, true).ok());

  v1::AdmitMemberRequest admit;
  admit.set_request_id("admit-locate");
  admit.set_consortium_id(d.id());
  admit.set_member_id("locate-di-triulzi");
  admit.set_name("Locate di Triulzi");
  admit.set_kind(v1::MEMBER_KIND_COMUNE);
  *admit.mutable_effective_from() = D(2026, 4, 1);
  AddShares(admit.mutable_shares(),
            SharesWith({{"san-giuliano-milanese", 317}, {"locate-di-triulzi", 30}}));
  admit.mutable_authorised_by()->set_proposal_id("p-admit");
  // Shares that do not sum to 1000, and a deliberation not executive.
  v1::AdmitMemberRequest wrong = admit;
  wrong.mutable_shares(0)->set_permille(300);
  ExpectError(*server_, *stub, &Stub::AdmitMember, wrong,
              grpc::StatusCode::FAILED_PRECONDITION, "SHARES_DO_NOT_SUM_TO_1000");
  wrong = admit;
  wrong.mutable_authorised_by()->set_proposal_id("p-draft");
  ExpectError(*server_, *stub, &Stub::AdmitMember, wrong,
              grpc::StatusCode::FAILED_PRECONDITION, "DELIBERATION_NOT_EXECUTIVE");
  v1::AdmitMemberResponse admitted;
  grpc::Status s = CallRpc(*stub, &Stub::AdmitMember, admit, &admitted);
  ASSERT_TRUE(s.ok()) << s.error_message();

  // Shares on the day before and on the day of the admission.
  auto shares_on = [&](const v1::Date& day, uint64_t as_of = 0) {
    v1::GetSharesRequest req;
    req.set_consortium_id(d.id());
    req.set_as_of_position(as_of);
    *req.mutable_effective_date() = day;
    v1::GetSharesResponse resp;
    EXPECT_TRUE(CallRpc(*d.Consortia(testing::kRegion), &Stub::GetShares, req, &resp).ok());
    std::map<std::string, int> out;
    int sum = 0;
    for (const v1::MemberShare& m : resp.shares()) {
      out[m.member_id()] = m.permille();
      sum += m.permille();
    }
    EXPECT_EQ(sum, 1000);
    return out;
  };
  EXPECT_EQ(shares_on(D(2026, 3, 31)).size(), 9u);
  EXPECT_EQ(shares_on(D(2026, 3, 31))["san-giuliano-milanese"], 347);
  EXPECT_EQ(shares_on(D(2026, 4, 1)).size(), 10u);
  EXPECT_EQ(shares_on(D(2026, 4, 1))["locate-di-triulzi"], 30);
  // As of the log before the admission, 1 April still had nine members.
  EXPECT_EQ(shares_on(D(2026, 4, 1), admitted.log_position() - 2).size(), 9u);

  // S4: two comuni merge; the successor takes the sum of their shares.
  v1::RecordSuccessionRequest merge;
  merge.set_request_id("merge-dresano-colturano");
  merge.set_consortium_id(d.id());
  merge.add_predecessor_ids("dresano");
  merge.add_predecessor_ids("colturano");
  merge.set_successor_id("dresano-colturano");
  merge.set_successor_name("Dresano Colturano");
  *merge.mutable_effective_from() = D(2026, 5, 1);
  ASSERT_TRUE(CallRpc(*stub, &Stub::RecordSuccession, merge).ok());
  std::map<std::string, int> after = shares_on(D(2026, 5, 1));
  EXPECT_EQ(after["dresano-colturano"], 27 + 18);
  EXPECT_EQ(after.count("dresano"), 0u);
  v1::GetConsortiumRequest get;
  get.set_consortium_id(d.id());
  *get.mutable_as_of_date() = D(2026, 3, 31);
  v1::GetConsortiumResponse then;
  ASSERT_TRUE(CallRpc(*stub, &Stub::GetConsortium, get, &then).ok());
  EXPECT_EQ(then.consortium().members_size(), 9);
  get.clear_as_of_date();
  v1::GetConsortiumResponse all;
  ASSERT_TRUE(CallRpc(*stub, &Stub::GetConsortium, get, &all).ok());
  EXPECT_EQ(all.consortium().members_size(), 11);  // everyone ever
  for (const v1::Member& m : all.consortium().members()) {
    if (m.member_id() == "dresano") {
      EXPECT_EQ(m.member_until().month(), 5);
    }
  }
  EXPECT_EQ(all.consortium().bodies_size(), 2);

  // A statute version from 1 June, adopted by an executive deliberation.
  v1::AdoptStatuteRequest statute;
  statute.set_request_id("statute-v2");
  statute.set_consortium_id(d.id());
  *statute.mutable_statute() = testing::DistrictRegistration("x").statute();
  statute.mutable_statute()->set_publication_days(20);
  *statute.mutable_effective_from() = D(2026, 6, 1);
  statute.mutable_authorised_by()->set_proposal_id("p-admit");
  ASSERT_TRUE(CallRpc(*stub, &Stub::AdoptStatute, statute).ok());
  auto statute_on = [&](const v1::Date& day) {
    v1::GetStatuteRequest req;
    req.set_consortium_id(d.id());
    *req.mutable_effective_date() = day;
    v1::GetStatuteResponse resp;
    EXPECT_TRUE(CallRpc(*stub, &Stub::GetStatute, req, &resp).ok());
    return resp;
  };
  EXPECT_EQ(statute_on(D(2026, 5, 31)).statute_version(), 1);
  EXPECT_EQ(statute_on(D(2026, 5, 31)).statute().publication_days(), 15);
  v1::GetStatuteResponse v2 = statute_on(D(2026, 6, 1));
  EXPECT_EQ(v2.statute_version(), 2);
  EXPECT_EQ(v2.statute().publication_days(), 20);
  EXPECT_EQ(v2.adopted_by().proposal_id(), "p-admit");
}

TEST_F(ConsortiumApiTest, BodyCompositionOnADate) {
  DistrictApi d(*server_, "bodies");
  ASSERT_TRUE(d.Setup().ok());
  auto stub = d.Consortia(testing::kDistrictAdmin);
  v1::DesignateBodyMemberRequest designate;
  designate.set_request_id("designate-tecnico");
  designate.set_consortium_id(d.id());
  designate.set_body_id("tavolo-tecnico");
  designate.set_member_id("melegnano");
  designate.set_person("tecnico@melegnano");
  designate.set_voting(true);
  *designate.mutable_effective_from() = D(2026, 3, 1);
  v1::DesignateBodyMemberResponse designated;
  ASSERT_TRUE(CallRpc(*stub, &Stub::DesignateBodyMember, designate, &designated).ok());
  // The same person twice is a rule rejection; the retry is a replay.
  v1::DesignateBodyMemberRequest twice = designate;
  twice.set_request_id("designate-tecnico-2");
  ExpectError(*server_, *stub, &Stub::DesignateBodyMember, twice,
              grpc::StatusCode::FAILED_PRECONDITION, "ALREADY_EXISTS");
  v1::DesignateBodyMemberResponse replayed;
  ASSERT_TRUE(CallRpc(*stub, &Stub::DesignateBodyMember, designate, &replayed).ok());
  EXPECT_EQ(replayed.log_position(), designated.log_position());
  v1::RevokeBodyMemberRequest revoke;
  revoke.set_request_id("revoke-tecnico");
  revoke.set_consortium_id(d.id());
  revoke.set_body_id("tavolo-tecnico");
  revoke.set_member_id("melegnano");
  revoke.set_person("tecnico@melegnano");
  *revoke.mutable_effective_from() = D(2026, 4, 1);
  ASSERT_TRUE(CallRpc(*stub, &Stub::RevokeBodyMember, revoke).ok());
  auto body_on = [&](const v1::Date& day) {
    v1::GetBodyRequest req;
    req.set_consortium_id(d.id());
    req.set_body_id("tavolo-tecnico");
    *req.mutable_effective_date() = day;
    v1::GetBodyResponse resp;
    EXPECT_TRUE(CallRpc(*d.Consortia(testing::kAuditor), &Stub::GetBody, req, &resp).ok());
    return resp;
  };
  EXPECT_EQ(body_on(D(2026, 2, 28)).designations_size(), 0);
  v1::GetBodyResponse march = body_on(D(2026, 3, 15));
  ASSERT_EQ(march.designations_size(), 1);
  EXPECT_EQ(march.designations(0).person(), "tecnico@melegnano");
  EXPECT_EQ(march.designations(0).effective_until().month(), 4);
  ASSERT_EQ(march.voters_size(), 1);
  EXPECT_EQ(march.voters(0).permille(), 162);
  EXPECT_EQ(body_on(D(2026, 4, 1)).designations_size(), 0);
  EXPECT_EQ(march.body().kind(), v1::BODY_KIND_TAVOLO_TECNICO);
  // The Assemblea: nine voters whose shares sum to 1000.
  v1::GetBodyRequest assemblea;
  assemblea.set_consortium_id(d.id());
  assemblea.set_body_id("assemblea");
  v1::GetBodyResponse a;
  ASSERT_TRUE(CallRpc(*stub, &Stub::GetBody, assemblea, &a).ok());
  int sum = 0;
  for (const v1::MemberShare& v : a.voters()) sum += v.permille();
  EXPECT_EQ(a.voters_size(), 9);
  EXPECT_EQ(sum, 1000);
}

}  // namespace
}  // namespace concordia
