// ActService under the simulated clock: a kind of act no code names
// (requests for access to documents, "accesso-atti") added only by
// adopting a statute through ConsortiumService.AdoptStatute, then run over
// the API — started by the member's delegate, granted by the Ufficio di
// Piano, refused by 30 days of silence when its deadline passes (the
// server's durable timer); the Tavolo Tecnico's opinion lapsing after its
// 20 days and reaching the proposal as lapsed; retries answered the same
// after a restart.
#include <string>

#include "absl/time/time.h"
#include "concordia/v1/act_service.grpc.pb.h"
#include "concordia/v1/consortium_service.grpc.pb.h"
#include "engine/domain/core/dates.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "tests/testing/access_request_kind.h"
#include "tests/testing/api_expect.h"
#include "tests/testing/district_api.h"
#include "tests/testing/shared_server_test.h"

namespace concordia {
namespace {

using absl::CivilDay;
using google::protobuf::util::MessageDifferencer;
using testing::CallRpc;
using testing::DateOf;
using testing::DistrictApi;
using testing::ExpectError;
using testing::RomeTime;
using Stub = v1::ActService::Stub;

class ActDeadlinesTest
    : public testing::SharedServerTest<testing::DistrictPrincipals> {
 protected:
  std::unique_ptr<Stub> Acts(const std::string& as) {
    return v1::ActService::NewStub(server_->ChannelAs(as));
  }
  v1::GetActResponse GetAct(const DistrictApi& d, const std::string& kind,
                            const std::string& act_id,
                            const v1::Date* on = nullptr) {
    v1::GetActRequest r;
    r.set_consortium_id(d.id());
    r.set_act_kind(kind);
    r.set_act_id(act_id);
    if (on != nullptr) *r.mutable_as_of_date() = *on;
    v1::GetActResponse resp;
    grpc::Status s = CallRpc(*Acts(testing::kAuditor), &Stub::GetAct, r, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }
  std::map<std::string, v1::ActKindInForce> KindsOn(const DistrictApi& d,
                                                    CivilDay day,
                                                    int32_t* version) {
    v1::ListActKindsRequest r;
    r.set_consortium_id(d.id());
    *r.mutable_effective_date() = DateOf(day);
    v1::ListActKindsResponse resp;
    EXPECT_TRUE(
        CallRpc(*Acts(testing::kRegion), &Stub::ListActKinds, r, &resp).ok());
    *version = resp.statute_version();
    std::map<std::string, v1::ActKindInForce> out;
    for (const v1::ActKindInForce& k : resp.kinds()) {
      out[k.definition().act_kind()] = k;
    }
    return out;
  }
  static v1::StartActRequest AccessRequest(const DistrictApi& d,
                                           const std::string& id,
                                           const std::string& member) {
    v1::StartActRequest r;
    r.set_request_id("start-" + id);
    r.set_consortium_id(d.id());
    r.set_act_kind(testing::kAccessRequestKind);
    r.set_act_id(id);
    r.set_title("Accesso ai verbali dell'Assemblea 2025");
    r.set_member_id(member);
    return r;
  }
};

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

TEST_F(ActDeadlinesTest, ANewKindByStatuteAndDeadlinesPassing) {
  DistrictApi d(*server_, "acts-time");
  ASSERT_TRUE(d.Setup().ok());
  auto ufficio = Acts(testing::kUfficio);

  // 16 February: the Tavolo Tecnico is asked for its opinion on p-2.
  ASSERT_TRUE(d.DraftReady("p-2").ok());
  v1::StartActRequest tavolo;
  tavolo.set_request_id("tt-p-2");
  tavolo.set_consortium_id(d.id());
  tavolo.set_act_kind("tavolo-opinion");
  tavolo.set_act_id("p-2-tt");
  tavolo.set_title("Parere del Tavolo Tecnico sul Piano di Zona");
  tavolo.set_body_id("tavolo-tecnico");
  tavolo.mutable_subject()->set_act_kind("deliberation");
  tavolo.mutable_subject()->set_act_id("p-2");
  v1::StartActResponse asked;
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::StartAct, tavolo, &asked).ok());
  // 20 days from 16 February end on Sunday 8 March: rolled to Monday 9.
  EXPECT_EQ(domain::DayOf(asked.deadline().last_day()), CivilDay(2026, 3, 9));

  // The statute change adding requests for access to documents, adopted by
  // an executive deliberation of the Assemblea, in force from 10 March.
  ASSERT_TRUE(d.DraftReady("p-statuto").ok());
  ASSERT_TRUE(d.Adopt("p-statuto", CivilDay(2026, 3, 9), nullptr, true).ok());
  int32_t version = 0;
  EXPECT_EQ(KindsOn(d, CivilDay(2026, 3, 10), &version).count(
                testing::kAccessRequestKind),
            0u);
  v1::AdoptStatuteRequest adopt;
  adopt.set_request_id("statute-v2");
  adopt.set_consortium_id(d.id());
  *adopt.mutable_statute() = testing::DistrictRegistration("x").statute();
  *adopt.mutable_statute()->add_workflows() = testing::AccessRequestDefinition();
  *adopt.mutable_effective_from() = DateOf(CivilDay(2026, 3, 10));
  adopt.mutable_authorised_by()->set_proposal_id("p-statuto");
  ASSERT_TRUE(CallRpc(*d.Consortia(testing::kDistrictAdmin),
                      &v1::ConsortiumService::Stub::AdoptStatute, adopt)
                  .ok());
  std::map<std::string, v1::ActKindInForce> before =
      KindsOn(d, CivilDay(2026, 3, 9), &version);
  EXPECT_EQ(version, 1);
  EXPECT_EQ(before.size(), 5u);
  std::map<std::string, v1::ActKindInForce> after =
      KindsOn(d, CivilDay(2026, 3, 10), &version);
  EXPECT_EQ(version, 2);
  EXPECT_EQ(after.size(), 6u);
  ASSERT_EQ(after.count(testing::kAccessRequestKind), 1u);
  EXPECT_EQ(after[testing::kAccessRequestKind].statute_version(), 2);
  EXPECT_EQ(after["tavolo-opinion"].statute_version(), 0);

  // 10 March, 09:00: the Tavolo's opinion was not given in time; the
  // server's timer lapsed it and delivered it to p-2 as lapsed.
  server_->clock().AdvanceTo(RomeTime(CivilDay(2026, 3, 10), 9));
  ASSERT_TRUE(server_->server().RunDueTimers().ok());
  v1::GetActResponse lapsed = GetAct(d, "tavolo-opinion", "p-2-tt");
  EXPECT_EQ(lapsed.act().state(), "lapsed");
  EXPECT_TRUE(lapsed.act().terminal());
  ASSERT_EQ(lapsed.act().transitions_size(), 1);
  EXPECT_TRUE(lapsed.act().transitions(0).automatic());
  EXPECT_EQ(lapsed.act().transitions(0).action(), "lapse");
  EXPECT_FALSE(lapsed.act().transitions(0).timer_id().empty());
  v1::GetActResponse p2 = GetAct(d, "deliberation", "p-2");
  ASSERT_EQ(p2.act().opinions_size(), 1);
  EXPECT_EQ(p2.act().opinions(0).opinion(), "tavolo-tecnico");
  EXPECT_TRUE(p2.act().opinions(0).lapsed());
  EXPECT_FALSE(p2.act().opinions(0).favourable());
  // Too late for the Tavolo's secretary now.
  v1::PerformActionRequest give;
  give.set_request_id("tt-give-late");
  give.set_consortium_id(d.id());
  give.set_act_kind("tavolo-opinion");
  give.set_act_id("p-2-tt");
  give.set_action("give");
  ExpectError(*server_, *Acts(testing::kTavoloSecretary), &Stub::PerformAction,
              give, grpc::StatusCode::FAILED_PRECONDITION,
              "TRANSITION_NOT_ALLOWED");

  // The new kind, over the API with no code change. A request is filed by
  // the member's own delegate only.
  v1::StartActRequest first = AccessRequest(d, "acc-1", "melegnano");
  ExpectError(*server_, *Acts(testing::SindacoOf("carpiano")), &Stub::StartAct,
              first, grpc::StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED");
  ExpectError(*server_, *ufficio, &Stub::StartAct, first,
              grpc::StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED");
  auto melegnano = Acts(testing::SindacoOf("melegnano"));
  v1::StartActResponse filed;
  ASSERT_TRUE(CallRpc(*melegnano, &Stub::StartAct, first, &filed).ok());
  EXPECT_EQ(filed.state(), "submitted");
  EXPECT_EQ(filed.statute_version(), 2);
  ASSERT_TRUE(filed.has_deadline());
  EXPECT_EQ(filed.deadline().action(), "silent-refusal");
  // 30 days from 10 March: Thursday 9 April.
  const CivilDay last = domain::DayOf(filed.deadline().last_day());
  EXPECT_EQ(last, CivilDay(2026, 4, 9));
  const absl::Time due = TimeOf(filed.deadline().due_time());
  EXPECT_EQ(due, RomeTime(CivilDay(2026, 4, 10)));

  // A second request, granted by the Ufficio di Piano in time.
  v1::StartActRequest second = AccessRequest(d, "acc-2", "melegnano");
  ASSERT_TRUE(CallRpc(*melegnano, &Stub::StartAct, second).ok());
  v1::PerformActionRequest grant;
  grant.set_request_id("grant-acc-2");
  grant.set_consortium_id(d.id());
  grant.set_act_kind(testing::kAccessRequestKind);
  grant.set_act_id("acc-2");
  grant.set_action("grant");
  grant.set_note("Copia dei verbali trasmessa via PEC.");
  ExpectError(*server_, *melegnano, &Stub::PerformAction, grant,
              grpc::StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED");
  v1::PerformActionResponse granted;
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::PerformAction, grant, &granted).ok());
  EXPECT_EQ(granted.transition().to_state(), "granted");
  EXPECT_EQ(granted.transition().role(), v1::ROLE_UFFICIO_DI_PIANO);
  EXPECT_EQ(granted.transition().statute_version(), 2);

  // A refusal needs the legal office's opinion first, which the Ufficio
  // attaches (a sindaco may not).
  v1::StartActRequest third = AccessRequest(d, "acc-3", "melegnano");
  ASSERT_TRUE(CallRpc(*melegnano, &Stub::StartAct, third).ok());
  v1::PerformActionRequest refuse = grant;
  refuse.set_request_id("refuse-acc-3");
  refuse.set_act_id("acc-3");
  refuse.set_action("refuse");
  ExpectError(*server_, *ufficio, &Stub::PerformAction, refuse,
              grpc::StatusCode::FAILED_PRECONDITION, "MISSING_OPINION");
  v1::AttachOpinionRequest legal;
  legal.set_request_id("legal-acc-3");
  legal.set_consortium_id(d.id());
  legal.set_act_kind(testing::kAccessRequestKind);
  legal.set_act_id("acc-3");
  legal.set_opinion("legale");
  legal.set_text("Atti riservati: dati personali di terzi.");
  ExpectError(*server_, *melegnano, &Stub::AttachOpinion, legal,
              grpc::StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED");
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::AttachOpinion, legal).ok());
  v1::PerformActionResponse refused_by_office;
  ASSERT_TRUE(CallRpc(*ufficio, &Stub::PerformAction, refuse,
                      &refused_by_office)
                  .ok());
  EXPECT_EQ(refused_by_office.transition().to_state(), "refused");
  v1::GetActResponse acc3 = GetAct(d, testing::kAccessRequestKind, "acc-3");
  ASSERT_EQ(acc3.act().opinions_size(), 1);
  EXPECT_EQ(acc3.act().opinions(0).given_by(), testing::kUfficio);
  EXPECT_FALSE(acc3.act().opinions(0).favourable());

  // An hour before the deadline passes: still submitted; the date after the
  // last day already shows it past due.
  server_->clock().AdvanceTo(due - absl::Hours(1));
  ASSERT_TRUE(server_->server().RunDueTimers().ok());
  const v1::Date day_after = DateOf(last + 1);
  v1::GetActResponse pending = GetAct(d, testing::kAccessRequestKind, "acc-1");
  EXPECT_EQ(pending.act().state(), "submitted");
  EXPECT_FALSE(pending.act().deadline_passed_on_date());
  v1::GetActResponse ahead =
      GetAct(d, testing::kAccessRequestKind, "acc-1", &day_after);
  EXPECT_TRUE(ahead.act().deadline_passed_on_date());
  EXPECT_FALSE(ahead.act().has_deadline_passed());

  // The deadline passes: silence is a refusal.
  server_->clock().AdvanceTo(due);
  ASSERT_TRUE(server_->server().RunDueTimers().ok());
  v1::GetActResponse refused = GetAct(d, testing::kAccessRequestKind, "acc-1");
  EXPECT_EQ(refused.act().state(), "refused");
  EXPECT_TRUE(refused.act().terminal());
  ASSERT_EQ(refused.act().transitions_size(), 1);
  EXPECT_EQ(refused.act().transitions(0).action(), "silent-refusal");
  EXPECT_TRUE(refused.act().transitions(0).automatic());
  EXPECT_FALSE(refused.act().has_deadline());  // a terminal stay
  EXPECT_FALSE(refused.act().overdue());
  v1::GetActResponse acc2 = GetAct(d, testing::kAccessRequestKind, "acc-2");
  EXPECT_EQ(acc2.act().state(), "granted");
  EXPECT_EQ(acc2.act().transitions_size(), 1);
  v1::PerformActionRequest late = grant;
  late.set_request_id("grant-acc-1");
  late.set_act_id("acc-1");
  ExpectError(*server_, *ufficio, &Stub::PerformAction, late,
              grpc::StatusCode::FAILED_PRECONDITION, "TRANSITION_NOT_ALLOWED");

  // After a restart, retries answer as the first time, appending nothing.
  ASSERT_TRUE(server_->Restart().ok());
  const uint64_t end = server_->LastPosition();
  v1::StartActResponse filed_again;
  ASSERT_TRUE(CallRpc(*melegnano, &Stub::StartAct, first, &filed_again).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(filed_again, filed));
  v1::PerformActionResponse granted_again;
  ASSERT_TRUE(
      CallRpc(*ufficio, &Stub::PerformAction, grant, &granted_again).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(granted_again, granted));
  EXPECT_EQ(server_->LastPosition(), end);
}

}  // namespace
}  // namespace concordia
