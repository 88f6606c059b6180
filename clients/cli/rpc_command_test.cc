// BuildRequest and RpcUsage: command lines become requests field by field.
#include "clients/cli/rpc_command.h"

#include <sstream>

#include "absl/strings/match.h"
#include "concordia/v1/consortium_service.pb.h"
#include "concordia/v1/session_service.pb.h"
#include "gtest/gtest.h"

namespace concordia::cli {
namespace {

CommandArgs Args(std::map<std::string, std::string> flags) {
  CommandArgs args;
  args.flags = std::move(flags);
  return args;
}

TEST(BuildRequestTest, FlagsSetIdsEnumsNumbersAndOptionalVersions) {
  v1::CastVoteRequest req;
  ASSERT_TRUE(BuildRequest(Args({{"consortium", "sudestmilano"},
                                 {"body", "assemblea"},
                                 {"session", "s1"},
                                 {"item", "2"},
                                 {"member", "melegnano"},
                                 {"choice", "in-favour"},
                                 {"request-id", "r-1"},
                                 {"expected-version", "7"}}),
                           {"consortium_id", "choice"}, req)
                  .ok());
  EXPECT_EQ(req.consortium_id(), "sudestmilano");
  EXPECT_EQ(req.body_id(), "assemblea");
  EXPECT_EQ(req.item(), 2);
  EXPECT_EQ(req.choice(), v1::VOTE_CHOICE_IN_FAVOUR);
  EXPECT_EQ(req.request_id(), "r-1");
  ASSERT_TRUE(req.has_expected_version());
  EXPECT_EQ(req.expected_version(), 7u);
}

TEST(BuildRequestTest, RequiredMissingNamesTheFlag) {
  v1::CastVoteRequest req;
  absl::Status s = BuildRequest(Args({{"consortium", "c"}}),
                                {"consortium_id", "member_id"}, req);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "--member is required");
}

TEST(BuildRequestTest, BadValuesAreUsageErrors) {
  v1::CastVoteRequest req;
  absl::Status s = BuildRequest(Args({{"choice", "maybe"}}), {}, req);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(s.message(), "--choice: 'maybe' is not one of"))
      << s.message();
  // The choices as the usage line spells them (dashes, not underscores).
  EXPECT_TRUE(absl::StrContains(s.message(), "in-favour")) << s.message();
  EXPECT_FALSE(absl::StrContains(s.message(), "in_favour")) << s.message();
  EXPECT_EQ(BuildRequest(Args({{"item", "two"}}), {}, req).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(BuildRequest(Args({{"colour", "red"}}), {}, req).message(),
            "unknown option --colour");
}

TEST(BuildRequestTest, DatesTimesListsAndJsonRecords) {
  v1::RecordSuccessionRequest succ;
  ASSERT_TRUE(BuildRequest(Args({{"predecessors", "abetone,cutigliano"},
                                 {"effective-from", "2017-01-01"}}),
                           {}, succ)
                  .ok());
  ASSERT_EQ(succ.predecessor_ids_size(), 2);
  EXPECT_EQ(succ.predecessor_ids(1), "cutigliano");
  EXPECT_EQ(succ.effective_from().year(), 2017);
  EXPECT_EQ(succ.effective_from().day(), 1);
  EXPECT_EQ(BuildRequest(Args({{"effective-from", "2017-13-01"}}), {}, succ)
                .code(),
            absl::StatusCode::kInvalidArgument);

  v1::ConveneSessionRequest convene;
  ASSERT_TRUE(
      BuildRequest(Args({{"session-time", "2026-03-02T18:00:00+01:00"},
                         {"items", "[{\"title\": \"Bilancio\"}, "
                                   "{\"title\": \"Varie\"}]"}}),
                   {}, convene)
          .ok());
  EXPECT_EQ(convene.session_time().seconds(), 1772470800);
  ASSERT_EQ(convene.items_size(), 2);
  EXPECT_EQ(convene.items(1).title(), "Varie");
}

TEST(BuildRequestTest, AsOfAndOnMapToTheReadFields) {
  v1::GetSharesRequest shares;
  ASSERT_TRUE(BuildRequest(Args({{"consortium", "sds"},
                                 {"as-of", "42"},
                                 {"on", "2016-12-31"}}),
                           {"consortium_id"}, shares)
                  .ok());
  EXPECT_EQ(shares.as_of_position(), 42u);
  EXPECT_EQ(shares.effective_date().year(), 2016);
  v1::GetConsortiumRequest c;
  ASSERT_TRUE(BuildRequest(Args({{"on", "2024-06-30"}}), {}, c).ok());
  EXPECT_EQ(c.as_of_date().month(), 6);
}

TEST(RpcUsageTest, ListsRequiredAndOptionalFlagsAndTheExample) {
  const std::string usage =
      RpcUsage("session vote", *v1::CastVoteRequest::descriptor(),
               {"consortium_id", "member_id", "choice"},
               "concordia session vote ...");
  EXPECT_TRUE(absl::StrContains(
      usage, "concordia session vote --consortium=ID --member=ID "
             "--choice=in-favour|against|abstain|blank"))
      << usage;
  EXPECT_TRUE(absl::StrContains(usage, "[--request-id=ID]")) << usage;
  EXPECT_TRUE(absl::StrContains(usage, "Example:\n  concordia session vote"));
}

TEST(PrintReadableTest, RecordsBecomeTablesAndCentsEuros) {
  v1::GetSharesResponse resp;
  std::ostringstream out;
  PrintReadable(resp, out);
  EXPECT_EQ(out.str(), "");
  v1::ConveneSessionRequest convene;
  convene.set_consortium_id("c");
  convene.add_items()->set_title("Bilancio");
  PrintReadable(convene, out);
  EXPECT_TRUE(absl::StrContains(out.str(), "consortium_id: c\n")) << out.str();
  EXPECT_TRUE(absl::StrContains(out.str(), "items (1):")) << out.str();
  v1::ProclaimItemResponse rejected;
  std::ostringstream no;
  PrintReadable(rejected, no);
  EXPECT_EQ(no.str(), "adopted: no\n");
}

}  // namespace
}  // namespace concordia::cli
