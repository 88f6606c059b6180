// Domain II's events in the envelope: every event type of the cooperation
// protos is known to the envelope at schema version 1 and round-trips; and
// replaying the log gives the same state and the same bytes every time.
#include "absl/strings/str_cat.h"
#include "concordia/v1/accord_events.pb.h"
#include "concordia/v1/delegation_events.pb.h"
#include "concordia/v1/programme_events.pb.h"
#include "concordia/v1/project_events.pb.h"
#include "engine/domain/cooperation/testing/cooperative.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/event_envelope.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using absl::CivilDay;
using testing::Cooperative;
using testing::Rome;

TEST(EventsTest, EveryEventTypeIsInTheEnvelopeAtVersionOne) {
  const google::protobuf::FileDescriptor* files[] = {
      v1::AccordDrafted::descriptor()->file(),
      v1::FunctionDelegated::descriptor()->file(),
      v1::ProgrammeDrafted::descriptor()->file(),
      v1::ProjectRegistered::descriptor()->file()};
  int types = 0;
  for (const google::protobuf::FileDescriptor* file : files) {
    for (int i = 0; i < file->message_type_count(); ++i) {
      const google::protobuf::Descriptor* d = file->message_type(i);
      ++types;
      EXPECT_EQ(CurrentSchemaVersion(d->full_name()), 1u) << d->full_name();
      // Every event carries its consortium's id, so it can be read alone.
      const google::protobuf::FieldDescriptor* cid =
          d->FindFieldByName("consortium_id");
      ASSERT_NE(cid, nullptr) << d->full_name();
      std::unique_ptr<google::protobuf::Message> m(
          google::protobuf::MessageFactory::generated_factory()
              ->GetPrototype(d)
              ->New());
      m->GetReflection()->SetString(m.get(), cid, "sudestmilano");
      CommandContext ctx;
      ctx.principal = "test";
      ctx.request_id = d->full_name();
      ctx.effective_time = ctx.now = absl::FromUnixSeconds(1);
      std::vector<log::NewEvent> packed = PackEvents(ctx, {m.get()});
      ASSERT_EQ(packed.size(), 1u);
      EXPECT_EQ(packed[0].type, d->full_name());
      EXPECT_EQ(packed[0].schema_version, 1u);
      log::Record r;
      r.type = packed[0].type;
      r.schema_version = packed[0].schema_version;
      r.payload = packed[0].payload;
      auto back = UnpackEvent(r);
      ASSERT_TRUE(back.ok()) << back.status();
      EXPECT_EQ((*back)->SerializeAsString(), m->SerializeAsString());
    }
  }
  EXPECT_EQ(types, 16 + 4 + 12 + 6);
}

// A short history touching every aggregate of domain II.
void History(Cooperative& c) {
  Cooperation& coop = c.cooperation;
  accord::DraftAccord d;
  d.consortium_id = c.id;
  d.accord_id = "conv";
  d.kind = v1::ACCORD_KIND_CONVENZIONE;
  d.title = "Convenzione";
  d.object = "servizio sociale professionale";
  for (const char* m : {"carpiano", "dresano"}) {
    v1::AccordParty p;
    p.set_party_id(m);
    p.set_name(m);
    p.set_role(v1::PARTY_ROLE_PUBLIC_PARTY);
    p.set_kind(v1::MEMBER_KIND_COMUNE);
    d.parties.push_back(p);
  }
  d.term.set_duration_months(12);
  ASSERT_TRUE(coop.DraftAccord(c.Ctx(), d).ok());
  for (const char* m : {"carpiano", "dresano"}) {
    ASSERT_TRUE(coop.RecordApproval(c.Ctx(), c.id, "conv",
                                    {0, m,
                                     testing::ExternalAct("Giunta", "1",
                                                          CivilDay(2026, 2, 1)),
                                     CivilDay(2026, 2, 16)})
                    .ok());
    ASSERT_TRUE(coop.Sign(c.Ctx(), c.id, "conv",
                          {0, m,
                           testing::QualifiedSignature("sindaco",
                                                       Rome(2026, 2, 17, 11))})
                    .ok());
  }
  ASSERT_TRUE(
      coop.Delegate(c.Ctx(), c.id,
                    {"carpiano",
                     v1::FUNCTION_SOCIAL_SERVICES,
                     testing::ToLead("dresano"),
                     CivilDay(2026, 3, 1),
                     "conv",
                     {},
                     testing::SharingRule(v1::COST_SHARING_METHOD_EQUAL)})
          .ok());
  project::RegisterProject p;
  p.consortium_id = c.id;
  p.project_id = "p";
  p.title = "Progetto";
  p.funding.set_kind(v1::FUNDING_SOURCE_KIND_REGIONAL);
  p.funding.set_name("Fondo regionale");
  p.budget_cents = 1'000'000;
  p.starts_on = CivilDay(2026, 3, 1);
  p.ends_on = CivilDay(2026, 12, 31);
  p.participant_ids = {"carpiano", "dresano"};
  p.cost_sharing = testing::SharingRule(v1::COST_SHARING_METHOD_BY_SHARE);
  p.reporting.set_deadline_days(30);
  ASSERT_TRUE(coop.RegisterProject(c.Ctx(), p).ok());
  ASSERT_TRUE(
      coop.RecordExpense(c.Ctx(), c.id, "p",
                         {"e", CivilDay(2026, 3, 2), 1001, 0, "x", "", ""})
          .ok());
  ASSERT_TRUE(
      coop.AllocateCosts(c.Ctx(), c.id, "p",
                         {"a", CivilDay(2026, 3, 1), CivilDay(2026, 3, 31), {}})
          .ok());
  c.AdvanceTo(CivilDay(2027, 3, 1));  // term end and report timers fire
}

TEST(EventsTest, ReplayGivesTheSameStateAndTheSameBytes) {
  std::vector<std::string> histories[2];
  for (int run = 0; run < 2; ++run) {
    Cooperative c;
    History(c);
    auto all =
        c.district.log.log->ReadAll(1, 100000, log::RecordFilter{}, 0, nullptr);
    ASSERT_TRUE(all.ok());
    for (const log::Record& r : *all) {
      histories[run].push_back(absl::StrCat(r.stream, ":", r.type, ":",
                                            r.payload, ":",
                                            absl::ToUnixMicros(r.recorded_at)));
    }
    // Folding twice gives the same state.
    auto once = c.cooperation.Accord(c.id, "conv");
    auto twice = c.cooperation.Accord(c.id, "conv");
    EXPECT_EQ(once->stage(), accord::Stage::kExpired);
    EXPECT_EQ(once->stage(), twice->stage());
    EXPECT_EQ(*once->ends_on, *twice->ends_on);
    auto p1 = c.cooperation.Project(c.id, "p");
    auto p2 = c.cooperation.Project(c.id, "p");
    EXPECT_EQ(p1->allocations.back().SerializeAsString(),
              p2->allocations.back().SerializeAsString());
    EXPECT_TRUE(p1->reports.at("final").overdue);
    // Read as of an earlier position, the accord was in force.
    auto info =
        c.district.log.log->GetStreamInfo(accord::AccordStream(c.id, "conv"));
    ASSERT_TRUE(info.ok());
    auto earlier = c.cooperation.Accord(c.id, "conv", info->last_position - 1);
    EXPECT_EQ(earlier->stage(), accord::Stage::kInForce);
  }
  EXPECT_EQ(histories[0], histories[1]);
  EXPECT_GT(histories[0].size(), 40u);
}

}  // namespace
}  // namespace concordia::domain
