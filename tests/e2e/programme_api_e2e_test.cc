// ProgrammeService end to end over mutual TLS: bad input for every RPC; the
// three-year purchasing programme drafted by the Ufficio di Piano and
// adopted (then updated) by the Assemblea's secretary; the members' needs
// aggregated into a joint tender; purchases under invariant 24 (programme
// and qualification thresholds); the procurement rules as data on a date.
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
using testing::DelegateOf;
using testing::DistrictApi;
using testing::ExpectError;
using testing::ExpectInvalidWith;
using testing::RomeTime;
using testing::TlsTestServer;
using Stub = v1::ProgrammeService::Stub;

// A date as sent, not normalised (so 30 February stays invalid).
constexpr auto D = testing::RawDate;

class ProgrammeApiTest
    : public testing::SharedServerTest<testing::CooperationPrincipals> {};

template <typename Request>
Request Address(const CooperationApi& c, const std::string& request_id) {
  Request r;
  r.set_request_id(request_id);
  r.set_consortium_id(c.id());
  return r;
}

v1::ProgrammeItem Item(const std::string& id, int year, int64_t cents) {
  v1::ProgrammeItem i;
  i.set_item_id(id);
  i.set_title(absl::StrCat("Servizi ", id));
  i.set_year(year);
  i.set_category("72000000");
  i.set_procurement_kind(v1::PROCUREMENT_KIND_SERVICES);
  i.set_amount_cents(cents);
  return i;
}

v1::SubmitNeedRequest Need(const CooperationApi& c, const std::string& id,
                           const std::string& member, int64_t cents,
                           const std::string& category = "72000000") {
  auto r = Address<v1::SubmitNeedRequest>(c, absl::StrCat("need-", id));
  r.set_year(2027);
  r.set_need_id(id);
  r.set_member_id(member);
  r.set_category(category);
  r.set_kind(v1::PROCUREMENT_KIND_SERVICES);
  r.set_description("Servizi informatici");
  r.set_quantity(1);
  r.set_unit("lotto");
  r.set_amount_cents(cents);
  return r;
}

v1::ContractingAuthority Authority(const std::string& id, bool central,
                                   int services_level) {
  v1::ContractingAuthority a;
  a.set_authority_id(id);
  a.set_name(id);
  a.set_central_purchasing_body(central);
  v1::AuthorityQualification* q = a.add_qualifications();
  q->set_kind(v1::PROCUREMENT_KIND_SERVICES);
  q->set_level(services_level);
  return a;
}

TEST_F(ProgrammeApiTest, BadInputNamesTheFieldForEveryRpc) {
  DistrictApi district(*server_, "bad-programme");
  CooperationApi c(*server_, district);
  ASSERT_TRUE(c.Setup().ok());
  TlsTestServer& s = *server_;
  auto ufficio = c.Programmes(testing::kUfficio);
  auto secretary = c.Programmes(testing::kSecretary);
  auto admin = c.Programmes(testing::kDistrictAdmin);
  auto melegnano = c.Programmes(DelegateOf("melegnano"));

  auto draft = Address<v1::DraftProgrammeRequest>(c, "bad-draft");
  draft.set_programme_id("ptas");
  draft.set_kind(v1::PROGRAMME_KIND_PURCHASING_PROGRAMME);
  draft.set_title("Programma triennale degli acquisti");
  draft.set_first_year(2027);
  auto bad_draft = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::DraftProgramme, draft, mutate, field);
  };
  bad_draft([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_draft([](auto& r) { r.clear_programme_id(); }, "programme_id");
  bad_draft([](auto& r) { r.clear_kind(); }, "kind");
  bad_draft([](auto& r) { r.clear_title(); }, "title");
  bad_draft([](auto& r) { r.set_first_year(1999); }, "first_year");
  bad_draft([](auto& r) { r.set_last_year(2200); }, "last_year");
  bad_draft([](auto& r) { r.set_parent_programme_id("PdZ"); },
            "parent_programme_id");

  auto add = Address<v1::AddProgrammeItemRequest>(c, "bad-add");
  add.set_programme_id("ptas");
  *add.mutable_item() = Item("ict", 2027, 100);
  auto bad_add = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::AddProgrammeItem, add, mutate, field);
  };
  bad_add([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_add([](auto& r) { r.clear_item(); }, "item");
  bad_add([](auto& r) { r.mutable_item()->set_item_id("ICT"); },
          "item.item_id");
  bad_add([](auto& r) { r.mutable_item()->clear_title(); }, "item.title");
  bad_add([](auto& r) { r.mutable_item()->set_year(0); }, "item.year");
  bad_add([](auto& r) { r.mutable_item()->set_amount_cents(-1); },
          "item.amount_cents");
  bad_add(
      [](auto& r) {
        r.mutable_item()->set_procurement_kind(
            static_cast<v1::ProcurementKind>(8));
      },
      "item.procurement_kind");
  bad_add([](auto& r) { r.mutable_item()->set_cui(std::string(70, '9')); },
          "item.cui");
  auto remove = Address<v1::RemoveProgrammeItemRequest>(c, "bad-remove");
  remove.set_programme_id("ptas");
  remove.set_item_id("ict");
  ExpectInvalidWith(
      s, *ufficio, &Stub::RemoveProgrammeItem, remove,
      [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(
      s, *ufficio, &Stub::RemoveProgrammeItem, remove,
      [](auto& r) { r.clear_item_id(); }, "item_id");

  auto adopt = Address<v1::AdoptProgrammeRequest>(c, "bad-adopt");
  adopt.set_body_id("assemblea");
  adopt.set_programme_id("ptas");
  adopt.set_proposal_id("p-ptas");
  ExpectInvalidWith(
      s, *secretary, &Stub::AdoptProgramme, adopt,
      [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(
      s, *secretary, &Stub::AdoptProgramme, adopt,
      [](auto& r) { r.clear_proposal_id(); }, "proposal_id");
  ExpectInvalidWith(
      s, *secretary, &Stub::AdoptProgramme, adopt,
      [](auto& r) { *r.mutable_effective_from() = D(2027, 2, 29); },
      "effective_from");
  auto update = Address<v1::UpdateProgrammeRequest>(c, "bad-update");
  update.set_body_id("assemblea");
  update.set_programme_id("ptas");
  update.set_proposal_id("p-ptas");
  *update.add_items() = Item("ict-2028", 2028, 100);
  auto bad_update = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *secretary, &Stub::UpdateProgramme, update, mutate,
                      field);
  };
  bad_update([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_update([](auto& r) { r.clear_items(); }, "items");
  bad_update([](auto& r) { r.mutable_items(0)->clear_title(); },
             "items[0].title");
  bad_update([](auto& r) { *r.add_items() = r.items(0); }, "items[1].item_id");
  bad_update([](auto& r) { r.add_removed_item_ids("Old"); },
             "removed_item_ids[0]");
  v1::GetProgrammeRequest get;
  get.set_consortium_id(c.id());
  get.set_programme_id("ptas");
  auto reader = c.Programmes(testing::kAuditor);
  ExpectInvalidWith(
      s, *reader, &Stub::GetProgramme, get,
      [](auto& r) { r.clear_programme_id(); }, "programme_id");
  ExpectInvalidWith(
      s, *reader, &Stub::GetProgramme, get,
      [](auto& r) { *r.mutable_as_of_date() = D(2026, 4, 31); }, "as_of_date");
  ExpectError(s, *reader, &Stub::GetProgramme, get, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");

  auto rules = Address<v1::SetProcurementRulesRequest>(c, "bad-rules");
  *rules.mutable_effective_from() = D(2026, 7, 1);
  for (auto kind : {v1::PROCUREMENT_KIND_GOODS, v1::PROCUREMENT_KIND_SERVICES,
                    v1::PROCUREMENT_KIND_WORKS}) {
    v1::ProcurementThreshold* t = rules.mutable_rules()->add_thresholds();
    t->set_kind(kind);
    t->set_programme_threshold_cents(14'000'000);
    t->set_qualification_threshold_cents(14'000'000);
  }
  auto bad_rules = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *admin, &Stub::SetProcurementRules, rules, mutate,
                      field);
  };
  bad_rules([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_rules([](auto& r) { r.clear_rules(); }, "rules");
  bad_rules(
      [](auto& r) { r.mutable_rules()->mutable_thresholds()->RemoveLast(); },
      "rules.thresholds");
  bad_rules(
      [](auto& r) {
        r.mutable_rules()->mutable_thresholds(1)->set_kind(
            v1::PROCUREMENT_KIND_GOODS);
      },
      "rules.thresholds[1].kind");
  bad_rules(
      [](auto& r) {
        r.mutable_rules()->mutable_thresholds(2)->set_programme_threshold_cents(
            0);
      },
      "rules.thresholds[2].programme_threshold_cents");
  bad_rules(
      [](auto& r) {
        r.mutable_rules()->add_levels()->set_kind(v1::PROCUREMENT_KIND_WORKS);
      },
      "rules.levels[0].level");
  bad_rules([](auto& r) { r.clear_effective_from(); }, "effective_from");
  auto authority =
      Address<v1::RegisterContractingAuthorityRequest>(c, "bad-sa");
  *authority.mutable_authority() = Authority("estar", true, 1);
  *authority.mutable_effective_from() = D(2026, 1, 1);
  auto bad_authority = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *admin, &Stub::RegisterContractingAuthority, authority,
                      mutate, field);
  };
  bad_authority([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_authority([](auto& r) { r.clear_authority(); }, "authority");
  bad_authority(
      [](auto& r) { r.mutable_authority()->set_authority_id("ESTAR"); },
      "authority.authority_id");
  bad_authority([](auto& r) { r.mutable_authority()->clear_name(); },
                "authority.name");
  bad_authority(
      [](auto& r) {
        r.mutable_authority()->mutable_qualifications(0)->set_level(11);
      },
      "authority.qualifications[0].level");
  bad_authority(
      [](auto& r) {
        *r.mutable_authority()->add_qualifications() =
            r.authority().qualifications(0);
      },
      "authority.qualifications[1].kind");
  bad_authority([](auto& r) { r.clear_effective_from(); }, "effective_from");
  v1::GetProcurementRulesRequest get_rules;
  get_rules.set_consortium_id(c.id());
  ExpectInvalidWith(
      s, *reader, &Stub::GetProcurementRules, get_rules,
      [](auto& r) { *r.mutable_as_of_date() = D(2026, 9, 31); }, "as_of_date");

  auto open = Address<v1::OpenNeedsCollectionRequest>(c, "bad-open");
  open.set_year(2027);
  *open.mutable_deadline() = D(2026, 10, 31);
  ExpectInvalidWith(
      s, *ufficio, &Stub::OpenNeedsCollection, open,
      [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(
      s, *ufficio, &Stub::OpenNeedsCollection, open,
      [](auto& r) { r.set_year(3000); }, "year");
  ExpectInvalidWith(
      s, *ufficio, &Stub::OpenNeedsCollection, open,
      [](auto& r) { r.clear_deadline(); }, "deadline");
  ExpectInvalidWith(
      s, *ufficio, &Stub::OpenNeedsCollection, open,
      [](auto& r) { *r.mutable_deadline() = D(2025, 1, 1); },
      "deadline");  // in the past (the domain's check)
  const v1::SubmitNeedRequest need = Need(c, "n-1", "melegnano", 100);
  auto bad_need = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *melegnano, &Stub::SubmitNeed, need, mutate, field);
  };
  bad_need([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_need([](auto& r) { r.set_year(1900); }, "year");
  bad_need([](auto& r) { r.clear_need_id(); }, "need_id");
  bad_need([](auto& r) { r.clear_category(); }, "category");
  bad_need([](auto& r) { r.clear_kind(); }, "kind");
  bad_need([](auto& r) { r.clear_description(); }, "description");
  bad_need([](auto& r) { r.set_quantity(0); }, "quantity");
  bad_need([](auto& r) { r.set_amount_cents(0); }, "amount_cents");
  bad_need([](auto& r) { r.set_amount_cents(int64_t{1} << 62); },
           "amount_cents");
  auto withdraw = Address<v1::WithdrawNeedRequest>(c, "bad-withdraw");
  withdraw.set_year(2027);
  withdraw.set_need_id("n-1");
  withdraw.set_member_id("melegnano");
  ExpectInvalidWith(
      s, *melegnano, &Stub::WithdrawNeed, withdraw,
      [](auto& r) { r.clear_request_id(); }, "request_id");
  ExpectInvalidWith(
      s, *melegnano, &Stub::WithdrawNeed, withdraw,
      [](auto& r) { r.clear_need_id(); }, "need_id");
  ExpectError(s, *melegnano, &Stub::WithdrawNeed, withdraw,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  auto aggregate = Address<v1::AggregateNeedsRequest>(c, "bad-aggregate");
  aggregate.set_year(2027);
  aggregate.set_tender_id("t-1");
  aggregate.set_title("Gara congiunta");
  aggregate.add_need_ids("n-1");
  auto bad_aggregate = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::AggregateNeeds, aggregate, mutate,
                      field);
  };
  bad_aggregate([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_aggregate([](auto& r) { r.clear_tender_id(); }, "tender_id");
  bad_aggregate([](auto& r) { r.clear_title(); }, "title");
  bad_aggregate([](auto& r) { r.clear_need_ids(); }, "need_ids");
  bad_aggregate([](auto& r) { r.add_need_ids("n-1"); }, "need_ids[1]");
  auto purchase = Address<v1::StartPurchaseRequest>(c, "bad-purchase");
  purchase.set_year(2027);
  purchase.set_purchase_id("acq-1");
  purchase.set_title("Servizi informatici");
  purchase.set_kind(v1::PROCUREMENT_KIND_SERVICES);
  purchase.set_amount_cents(100);
  purchase.set_authority_id("estar");
  auto bad_purchase = [&](auto mutate, const std::string& field) {
    ExpectInvalidWith(s, *ufficio, &Stub::StartPurchase, purchase, mutate,
                      field);
  };
  bad_purchase([](auto& r) { r.clear_request_id(); }, "request_id");
  bad_purchase([](auto& r) { r.clear_purchase_id(); }, "purchase_id");
  bad_purchase([](auto& r) { r.clear_title(); }, "title");
  bad_purchase([](auto& r) { r.clear_kind(); }, "kind");
  bad_purchase([](auto& r) { r.set_amount_cents(-5); }, "amount_cents");
  bad_purchase([](auto& r) { r.set_tender_id("T 1"); }, "tender_id");
  bad_purchase([](auto& r) { r.set_programme_id("ptas"); }, "item_id");
  bad_purchase([](auto& r) { r.set_item_id("ict"); }, "item_id");
  bad_purchase([](auto& r) { r.clear_authority_id(); }, "authority_id");
  v1::GetNeedsRequest get_needs;
  get_needs.set_consortium_id(c.id());
  get_needs.set_year(2027);
  ExpectInvalidWith(
      s, *reader, &Stub::GetNeeds, get_needs, [](auto& r) { r.set_year(0); },
      "year");
  ExpectError(s, *reader, &Stub::GetNeeds, get_needs,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

TEST_F(ProgrammeApiTest, FromTheProgrammeAndTheNeedsToThePurchases) {
  DistrictApi district(*server_, "acquisti");
  CooperationApi c(*server_, district);
  ASSERT_TRUE(c.Setup().ok());
  TlsTestServer& s = *server_;
  auto ufficio = c.Programmes(testing::kUfficio);
  auto reader = c.Programmes(testing::kRegion);
  // The Assemblea adopts the programme on 2 March (immediately executable).
  ASSERT_TRUE(district.DraftReady("p-ptas").ok());
  ASSERT_TRUE(
      district.Adopt("p-ptas", CivilDay(2026, 3, 2), nullptr, true).ok());
  s.clock().AdvanceTo(RomeTime(CivilDay(2026, 3, 2), 12));
  auto draft = Address<v1::DraftProgrammeRequest>(c, "ptas-draft");
  draft.set_programme_id("ptas-2027");
  draft.set_kind(v1::PROGRAMME_KIND_PURCHASING_PROGRAMME);
  draft.set_title("Programma triennale degli acquisti 2027-2029");
  draft.set_first_year(2027);
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::DraftProgramme, draft).ok());
  for (const v1::ProgrammeItem& item :
       {Item("ict-2027", 2027, 30'000'000), Item("spare", 2027, 100)}) {
    auto add = Address<v1::AddProgrammeItemRequest>(
        c, absl::StrCat("ptas-add-", item.item_id()));
    add.set_programme_id("ptas-2027");
    *add.mutable_item() = item;
    ASSERT_TRUE(CallRpc(*ufficio, &Stub::AddProgrammeItem, add).ok());
  }
  auto remove = Address<v1::RemoveProgrammeItemRequest>(c, "ptas-remove");
  remove.set_programme_id("ptas-2027");
  remove.set_item_id("spare");
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::RemoveProgrammeItem, remove).ok());
  // The secretary of another body cannot record it, not even naming its
  // own body: the deliberation is the Assemblea's.
  auto adopt = Address<v1::AdoptProgrammeRequest>(c, "ptas-adopt");
  adopt.set_body_id("tavolo-tecnico");
  adopt.set_programme_id("ptas-2027");
  adopt.set_proposal_id("p-ptas");
  ExpectError(s, *c.Programmes(testing::kTavoloSecretary),
              &Stub::AdoptProgramme, adopt, grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");
  adopt.set_body_id("assemblea");
  v1::AdoptProgrammeResponse adopted;
  ASSERT_TRUE(CallRpc(*c.Programmes(testing::kSecretary), &Stub::AdoptProgramme,
                      adopt, &adopted)
                  .ok());
  EXPECT_EQ(adopted.total_cents(), 30'000'000);
  // An update from 10 March adds the 2028 services.
  auto update = Address<v1::UpdateProgrammeRequest>(c, "ptas-update");
  update.set_body_id("assemblea");
  update.set_programme_id("ptas-2027");
  update.set_proposal_id("p-ptas");
  *update.mutable_effective_from() = D(2026, 3, 10);
  *update.add_items() = Item("ict-2028", 2028, 20'000'000);
  ASSERT_TRUE(CallRpc(*c.Programmes(testing::kSecretary),
                      &Stub::UpdateProgramme, update)
                  .ok());
  auto programme_on = [&](const v1::Date& day) {
    v1::GetProgrammeRequest get;
    get.set_consortium_id(c.id());
    get.set_programme_id("ptas-2027");
    *get.mutable_as_of_date() = day;
    v1::GetProgrammeResponse resp;
    EXPECT_TRUE(CallRpc(*reader, &Stub::GetProgramme, get, &resp).ok());
    return resp.programme();
  };
  EXPECT_FALSE(programme_on(D(2026, 3, 1)).adopted_on_date());
  EXPECT_EQ(programme_on(D(2026, 3, 1)).items_on_date_size(), 0);
  EXPECT_EQ(programme_on(D(2026, 3, 9)).total_on_date_cents(), 30'000'000);
  EXPECT_EQ(programme_on(D(2026, 3, 10)).items_on_date_size(), 2);
  EXPECT_EQ(programme_on(D(2026, 3, 10)).total_on_date_cents(), 50'000'000);

  // The contracting authorities: the consortium's own office, not
  // qualified, and ESTAR, a central purchasing body at level SF1.
  auto admin = c.Programmes(testing::kDistrictAdmin);
  for (const v1::ContractingAuthority& a :
       {Authority("ufficio-gare", false, 0), Authority("estar", true, 1)}) {
    auto r = Address<v1::RegisterContractingAuthorityRequest>(
        c, absl::StrCat("sa-", a.authority_id()));
    *r.mutable_authority() = a;
    *r.mutable_effective_from() = D(2026, 1, 1);
    ASSERT_TRUE(CallRpc(*admin, &Stub::RegisterContractingAuthority, r).ok());
  }
  // The members' needs of 2027, aggregated into a joint tender.
  auto open = Address<v1::OpenNeedsCollectionRequest>(c, "needs-open");
  open.set_year(2027);
  *open.mutable_deadline() = D(2026, 10, 31);
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::OpenNeedsCollection, open).ok());
  for (const auto& [id, member, cents] :
       std::vector<std::tuple<std::string, std::string, int64_t>>{
           {"n-mel", "melegnano", 12'000'000},
           {"n-car", "carpiano", 8'000'000},
           {"n-dre", "dresano", 10'000'000},
           {"n-extra", "melegnano", 500'000}}) {
    ASSERT_TRUE(CallRpc(*c.Programmes(DelegateOf(member)), &Stub::SubmitNeed,
                        Need(c, id, member, cents))
                    .ok())
        << id;
  }
  v1::SubmitNeedRequest works =
      Need(c, "n-works", "carpiano", 900'000, "45000000");
  ASSERT_TRUE(
      CallRpc(*c.Programmes(DelegateOf("carpiano")), &Stub::SubmitNeed, works)
          .ok());
  // A delegate withdraws only its member's needs: Carpiano's is not found.
  auto withdraw = Address<v1::WithdrawNeedRequest>(c, "needs-withdraw");
  withdraw.set_year(2027);
  withdraw.set_need_id("n-car");
  withdraw.set_member_id("melegnano");
  auto melegnano = c.Programmes(DelegateOf("melegnano"));
  ExpectError(s, *melegnano, &Stub::WithdrawNeed, withdraw,
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  withdraw.set_need_id("n-extra");
  ASSERT_TRUE(CallRpc(*melegnano, &Stub::WithdrawNeed, withdraw).ok());
  auto aggregate = Address<v1::AggregateNeedsRequest>(c, "needs-tender");
  aggregate.set_year(2027);
  aggregate.set_tender_id("t-ict");
  aggregate.set_title("Gara congiunta servizi informatici 2027");
  for (const char* n : {"n-mel", "n-car", "n-dre", "n-works"}) {
    aggregate.add_need_ids(n);
  }
  ExpectError(s, *ufficio, &Stub::AggregateNeeds, aggregate,
              grpc::StatusCode::FAILED_PRECONDITION, "CATEGORY_MISMATCH");
  aggregate.mutable_need_ids()->RemoveLast();
  v1::AggregateNeedsResponse tender;
  ASSERT_TRUE(
      CallRpc(*ufficio, &Stub::AggregateNeeds, aggregate, &tender).ok());
  EXPECT_EQ(tender.tender().total_cents(), 30'000'000);
  EXPECT_EQ(tender.tender().member_ids_size(), 3);

  // EUR 300,000 of services: in the programme, and by a qualified body.
  auto purchase = Address<v1::StartPurchaseRequest>(c, "buy-ict");
  purchase.set_year(2027);
  purchase.set_purchase_id("acq-ict-2027");
  purchase.set_title("Servizi informatici 2027");
  purchase.set_kind(v1::PROCUREMENT_KIND_SERVICES);
  purchase.set_amount_cents(30'000'000);
  purchase.set_tender_id("t-ict");
  purchase.set_authority_id("estar");
  ExpectError(s, *ufficio, &Stub::StartPurchase, purchase,
              grpc::StatusCode::FAILED_PRECONDITION, "NOT_IN_PROGRAMME");
  purchase.set_programme_id("ptas-2027");
  purchase.set_item_id("ict-2027");
  purchase.set_authority_id("ufficio-gare");
  ExpectError(s, *ufficio, &Stub::StartPurchase, purchase,
              grpc::StatusCode::FAILED_PRECONDITION,
              "QUALIFICATION_INSUFFICIENT");
  purchase.set_authority_id("estar");
  v1::StartPurchaseResponse started;
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::StartPurchase, purchase, &started).ok());
  EXPECT_EQ(started.purchase().qualification_level(), 1);
  EXPECT_EQ(started.purchase().tender_id(), "t-ict");
  // Below the thresholds the consortium's own office buys without a
  // programme item.
  auto small = Address<v1::StartPurchaseRequest>(c, "buy-small");
  small.set_year(2027);
  small.set_purchase_id("acq-small");
  small.set_title("Manutenzione");
  small.set_kind(v1::PROCUREMENT_KIND_SERVICES);
  small.set_amount_cents(5'000'000);
  small.set_authority_id("ufficio-gare");
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::StartPurchase, small, &started).ok());
  EXPECT_EQ(started.purchase().qualification_level(), 0);
  v1::GetNeedsRequest get_needs;
  get_needs.set_consortium_id(c.id());
  get_needs.set_year(2027);
  v1::GetNeedsResponse needs;
  ASSERT_TRUE(CallRpc(*reader, &Stub::GetNeeds, get_needs, &needs).ok());
  EXPECT_EQ(needs.needs_size(), 5);
  int withdrawn = 0, tendered = 0;
  for (const v1::NeedStatus& n : needs.needs()) {
    withdrawn += n.withdrawn();
    tendered += n.tender_id() == "t-ict";
  }
  EXPECT_EQ(withdrawn, 1);
  EXPECT_EQ(tendered, 3);
  EXPECT_EQ(needs.purchases_size(), 2);

  // Rules are data: from 1 July the consortium's own thresholds apply.
  auto rules = Address<v1::SetProcurementRulesRequest>(c, "rules-2026");
  *rules.mutable_effective_from() = D(2026, 7, 1);
  for (auto kind : {v1::PROCUREMENT_KIND_GOODS, v1::PROCUREMENT_KIND_SERVICES,
                    v1::PROCUREMENT_KIND_WORKS}) {
    v1::ProcurementThreshold* t = rules.mutable_rules()->add_thresholds();
    t->set_kind(kind);
    t->set_programme_threshold_cents(14'000'000);
    t->set_qualification_threshold_cents(
        kind == v1::PROCUREMENT_KIND_WORKS ? 50'000'000 : 14'000'000);
  }
  ASSERT_TRUE(CallRpc(*admin, &Stub::SetProcurementRules, rules).ok());
  auto rules_on = [&](const v1::Date& day) {
    v1::GetProcurementRulesRequest get;
    get.set_consortium_id(c.id());
    *get.mutable_as_of_date() = day;
    v1::GetProcurementRulesResponse resp;
    EXPECT_TRUE(CallRpc(*reader, &Stub::GetProcurementRules, get, &resp).ok());
    return resp;
  };
  v1::GetProcurementRulesResponse june = rules_on(D(2026, 6, 30));
  EXPECT_TRUE(june.defaults());
  EXPECT_EQ(june.authorities_size(), 2);
  v1::GetProcurementRulesResponse july = rules_on(D(2026, 7, 1));
  EXPECT_FALSE(july.defaults());
  EXPECT_EQ(july.rules_effective_from().month(), 7);
  EXPECT_EQ(july.rules().thresholds(2).qualification_threshold_cents(),
            50'000'000);
  EXPECT_EQ(rules_on(D(2025, 12, 31)).authorities_size(), 0);
}

}  // namespace
}  // namespace concordia
