// DraftProposal records the proposal and the act workflow it starts in one
// joint append; a proposal recorded by the older two-step saga, whose act a
// crash left unstarted, is completed by the retry.
#include <optional>
#include <string>
#include <vector>

#include "engine/calendar/calendar.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/common/errors.h"
#include "engine/domain/core/event_envelope.h"
#include "engine/domain/governance/testing/district.h"
#include "engine/workflow/act.h"
#include "engine/workflow/default_workflows.h"
#include "engine/workflow/kinds.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using testing::District;

deliberation::DraftProposal Draft(const District& d, const std::string& id) {
  deliberation::DraftProposal p;
  p.consortium_id = d.id;
  p.proposal_id = id;
  p.body_id = "assemblea";
  p.act_kind = v1::ACT_KIND_ORDINARY;
  p.title = "Piano di Zona 2027";
  return p;
}

std::string ActOf(const District& d, const std::string& proposal) {
  return workflow::ActStream(d.id, workflow::kDeliberation, proposal);
}

TEST(DraftProposalTest, TheProposalAndItsActAreOneAppend) {
  District d;
  d.Register();
  const uint64_t before = d.log.log->LastPosition();
  auto drafted = d.governance.DraftProposal(d.Ctx("ufficio@sudestmilano"),
                                            Draft(d, "p-1"));
  ASSERT_TRUE(drafted.ok()) << drafted.status();
  EXPECT_EQ(drafted->first_position, before + 1);
  auto records = d.log.log->ReadAll(before + 1, 10, log::RecordFilter{}, 0,
                                    nullptr);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].stream,
            deliberation::DeliberationStream(d.id, "p-1"));
  EXPECT_EQ((*records)[0].type, "concordia.v1.ProposalDrafted");
  EXPECT_EQ((*records)[1].stream, ActOf(d, "p-1"));
  EXPECT_EQ((*records)[1].type, "concordia.v1.ActStarted");
  // Written by one commit: the same recorded-at instant.
  EXPECT_EQ((*records)[0].recorded_at, (*records)[1].recorded_at);
}

// A statute whose deliberation workflow gives a drafted proposal a deadline:
// the start enters a state with a deadline, so its timer is scheduled after
// the joint append (without one, as above, nothing follows the append).
TEST(DraftProposalTest, AStartWithADeadlineSchedulesItsTimer) {
  v1::Statute statute = testing::DistrictStatute();
  std::optional<v1::WorkflowDefinition> deliberation =
      workflow::DefaultWorkflow(workflow::kDeliberation);
  ASSERT_TRUE(deliberation.has_value());
  for (v1::WorkflowState& state : *deliberation->mutable_states()) {
    if (state.name() != deliberation->initial_state()) continue;
    state.mutable_deadline()->set_outcome(v1::DEADLINE_OUTCOME_FLAG_OVERDUE);
    *state.mutable_deadline()->mutable_period() =
        calendar::ToProto(calendar::Period(30));
  }
  *statute.add_workflows() = *deliberation;
  District d(testing::kDistrict, statute);
  d.Register();
  const uint64_t before = d.log.log->LastPosition();
  auto drafted = d.governance.DraftProposal(d.Ctx("ufficio@sudestmilano"),
                                            Draft(d, "p-1"));
  ASSERT_TRUE(drafted.ok()) << drafted.status();
  auto records = d.log.log->ReadAll(before + 1, 10, log::RecordFilter{}, 0,
                                    nullptr);
  ASSERT_TRUE(records.ok());
  std::vector<std::string> types;
  for (const log::Record& r : *records) types.push_back(r.type);
  EXPECT_EQ(types, (std::vector<std::string>{
                       "concordia.v1.ProposalDrafted", "concordia.v1.ActStarted",
                       "concordia.v1.ActDeadlineScheduled",
                       "concordia.v1.TimerScheduled"}));
}

TEST(DraftProposalTest, ARejectedActStartRecordsNoProposalEither) {
  District d;
  d.Register();
  // An act of the proposal's id is already there (say, left by an earlier
  // proposal of the same id whose own stream was lost), so its start is
  // refused, and with it the proposal.
  v1::ActStarted started;
  started.set_consortium_id(d.id);
  started.mutable_act()->set_act_kind(workflow::kDeliberation);
  started.mutable_act()->set_act_id("p-1");
  ASSERT_TRUE(d.log.log
                  ->Append(ActOf(d, "p-1"), log::ExpectedVersion::NoStream(),
                           PackEvents(d.Ctx("ufficio@sudestmilano"), {&started}))
                  .ok());
  const uint64_t last = d.log.log->LastPosition();
  auto drafted = d.governance.DraftProposal(d.Ctx("ufficio@sudestmilano"),
                                            Draft(d, "p-1"));
  EXPECT_EQ(drafted.status().code(), absl::StatusCode::kFailedPrecondition)
      << drafted.status();
  EXPECT_EQ(d.log.log->LastPosition(), last);
  auto proposal = d.log.log->ReadStream(
      deliberation::DeliberationStream(d.id, "p-1"), 1, 10);
  ASSERT_TRUE(proposal.ok());
  EXPECT_TRUE(proposal->empty());
}

TEST(DraftProposalTest, ARetryAppendsNothingAndAnswersTheSame) {
  District d;
  d.Register();
  const CommandContext ctx = d.Ctx("ufficio@sudestmilano");
  auto first = d.governance.DraftProposal(ctx, Draft(d, "p-1"));
  ASSERT_TRUE(first.ok());
  const uint64_t last = d.log.log->LastPosition();
  auto retry = d.governance.DraftProposal(ctx, Draft(d, "p-1"));
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->first_position, first->first_position);
  EXPECT_EQ(d.log.log->LastPosition(), last);
}

TEST(DraftProposalTest, AHalfRecordedOlderSagaIsCompletedByTheRetry) {
  District d;
  d.Register();
  const CommandContext ctx = d.Ctx("ufficio@sudestmilano");
  // What the two-step saga left when it crashed between its appends: the
  // proposal's event (with the ids the command derives), and no act.
  v1::ProposalDrafted event;
  event.set_consortium_id(d.id);
  event.set_proposal_id("p-1");
  event.set_body_id("assemblea");
  event.set_act_kind(v1::ACT_KIND_ORDINARY);
  event.set_title("Piano di Zona 2027");
  ASSERT_TRUE(d.log.log
                  ->Append(deliberation::DeliberationStream(d.id, "p-1"),
                           log::ExpectedVersion::NoStream(),
                           PackEvents(ctx, {&event}))
                  .ok());
  auto act = d.log.log->ReadStream(ActOf(d, "p-1"), 1, 10);
  ASSERT_TRUE(act.ok());
  ASSERT_TRUE(act->empty());
  auto retry = d.governance.DraftProposal(ctx, Draft(d, "p-1"));
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_TRUE(retry->replayed);
  act = d.log.log->ReadStream(ActOf(d, "p-1"), 1, 10);
  ASSERT_TRUE(act.ok());
  ASSERT_EQ(act->size(), 1u);
  EXPECT_EQ((*act)[0].type, "concordia.v1.ActStarted");
  // A second retry finds both and appends nothing.
  const uint64_t last = d.log.log->LastPosition();
  ASSERT_TRUE(d.governance.DraftProposal(ctx, Draft(d, "p-1")).ok());
  EXPECT_EQ(d.log.log->LastPosition(), last);
}

}  // namespace
}  // namespace concordia::domain
