// The workflow events in the envelope: every event type of
// workflow_events.proto is known to the envelope at schema version 1, names
// its consortium and its act, and round-trips.
#include "concordia/v1/workflow_events.pb.h"
#include "engine/domain/core/event_envelope.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"

namespace concordia::workflow {
namespace {

TEST(EventsTest, EveryWorkflowEventIsInTheEnvelopeAtVersionOne) {
  const google::protobuf::FileDescriptor* file =
      v1::ActStarted::descriptor()->file();
  int events = 0;
  for (int i = 0; i < file->message_type_count(); ++i) {
    const google::protobuf::Descriptor* d = file->message_type(i);
    if (d->full_name() == "concordia.v1.ActRef") continue;  // a part, no event
    ++events;
    EXPECT_EQ(domain::CurrentSchemaVersion(d->full_name()), 1u)
        << d->full_name();
    const google::protobuf::FieldDescriptor* cid =
        d->FindFieldByName("consortium_id");
    const google::protobuf::FieldDescriptor* act = d->FindFieldByName("act");
    ASSERT_NE(cid, nullptr) << d->full_name();
    ASSERT_NE(act, nullptr) << d->full_name();
    std::unique_ptr<google::protobuf::Message> m(
        google::protobuf::MessageFactory::generated_factory()
            ->GetPrototype(d)
            ->New());
    m->GetReflection()->SetString(m.get(), cid, "sudestmilano");
    v1::ActRef ref;
    ref.set_act_kind("accesso-atti");
    ref.set_act_id("carpiano-2026-1");
    m->GetReflection()->MutableMessage(m.get(), act)->CopyFrom(ref);
    domain::CommandContext ctx;
    ctx.principal = "test";
    ctx.request_id = d->full_name();
    ctx.effective_time = ctx.now = absl::FromUnixSeconds(1);
    std::vector<log::NewEvent> packed = domain::PackEvents(ctx, {m.get()});
    ASSERT_EQ(packed.size(), 1u);
    EXPECT_EQ(packed[0].type, d->full_name());
    EXPECT_EQ(packed[0].schema_version, 1u);
    log::Record r;
    r.type = packed[0].type;
    r.schema_version = packed[0].schema_version;
    r.payload = packed[0].payload;
    auto back = domain::UnpackEvent(r);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ((*back)->SerializeAsString(), m->SerializeAsString());
  }
  EXPECT_EQ(events, 5);
}

}  // namespace
}  // namespace concordia::workflow
