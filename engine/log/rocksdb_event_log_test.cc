// Append semantics, idempotency, reads and bad input of RocksEventLog.
#include "engine/log/rocksdb_event_log.h"

#include <algorithm>

#include "engine/common/errors.h"
#include "engine/log/log_store.h"
#include "engine/log/record_codec.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::log {
namespace {

using testing::MakeEvent;
using testing::TestLog;

TEST(AppendTest, PositionsAreDenseFromOneAndVersionsPerStream) {
  TestLog t;
  EXPECT_EQ(t.log->LastPosition(), 0u);
  auto a = t.log->Append("c/a", ExpectedVersion::Any(),
                         {MakeEvent(1), MakeEvent(2)});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->first_position, 1u);
  EXPECT_EQ(a->last_position, 2u);
  EXPECT_EQ(a->stream_version, 2u);
  EXPECT_FALSE(a->deduplicated);
  auto b = t.log->Append("c/b", ExpectedVersion::Any(), {MakeEvent(3)});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->first_position, 3u);
  EXPECT_EQ(b->stream_version, 1u);
  auto c = t.log->Append("c/a", ExpectedVersion::Any(), {MakeEvent(4)});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->first_position, 4u);
  EXPECT_EQ(c->stream_version, 3u);
  EXPECT_EQ(t.log->LastPosition(), 4u);

  auto all = t.log->ReadAll(1, 100, RecordFilter{}, 0, nullptr);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  for (size_t i = 0; i < all->size(); ++i) {
    EXPECT_EQ((*all)[i].position, i + 1);
  }
  EXPECT_EQ((*all)[3].stream, "c/a");
  EXPECT_EQ((*all)[3].stream_version, 3u);
}

TEST(AppendTest, ExpectedVersionKinds) {
  TestLog t;
  const std::string s = "c/x";
  EXPECT_EQ(t.log->Append(s, ExpectedVersion::StreamExists(), {MakeEvent(1)})
                .status()
                .code(),
            absl::StatusCode::kAborted);
  ASSERT_TRUE(
      t.log->Append(s, ExpectedVersion::NoStream(), {MakeEvent(1)}).ok());
  EXPECT_EQ(
      t.log->Append(s, ExpectedVersion::NoStream(), {MakeEvent(2)}).status().code(),
      absl::StatusCode::kAborted);
  ASSERT_TRUE(
      t.log->Append(s, ExpectedVersion::StreamExists(), {MakeEvent(2)}).ok());
  ASSERT_TRUE(t.log->Append(s, ExpectedVersion::Exact(2), {MakeEvent(3)}).ok());
  ASSERT_TRUE(t.log->Append(s, ExpectedVersion::Any(), {MakeEvent(4)}).ok());
  ASSERT_TRUE(
      t.log->Append("c/y", ExpectedVersion::Exact(0), {MakeEvent(5)}).ok());
  EXPECT_EQ(t.log->LastPosition(), 5u);
}

TEST(AppendTest, ConflictStatesExpectedAndActualAndAppendsNothing) {
  TestLog t;
  ASSERT_TRUE(t.log->Append("c/x", ExpectedVersion::Any(),
                            {MakeEvent(1), MakeEvent(2), MakeEvent(3)})
                  .ok());
  absl::StatusOr<AppendResult> r =
      t.log->Append("c/x", ExpectedVersion::Exact(1), {MakeEvent(9)});
  ASSERT_EQ(r.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReason(r.status()), "WRONG_EXPECTED_VERSION");
  EXPECT_EQ(ErrorMetadata(r.status())["expected"], "1");
  EXPECT_EQ(ErrorMetadata(r.status())["actual"], "3");
  EXPECT_NE(r.status().message().find("expected version 1, actual 3"),
            std::string::npos);
  EXPECT_EQ(t.log->LastPosition(), 3u);
  // The rejected event's id was not recorded: it can be appended later.
  auto later = t.log->Append("c/x", ExpectedVersion::Exact(3), {MakeEvent(9)});
  ASSERT_TRUE(later.ok());
  EXPECT_FALSE(later->deduplicated);
}

TEST(AppendTest, ABatchIsAllOrNothing) {
  TestLog t;
  NewEvent bad = MakeEvent(2);
  bad.type = "";
  auto r = t.log->Append("c/x", ExpectedVersion::Any(), {MakeEvent(1), bad});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("events[1].type"), std::string::npos);
  EXPECT_EQ(t.log->LastPosition(), 0u);
  EXPECT_EQ(t.log->GetStreamInfo("c/x").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(IdempotencyTest, SameIdsSameContentReturnOriginalPositions) {
  TestLog t;
  ASSERT_TRUE(t.log->Append("c/x", ExpectedVersion::Any(), {MakeEvent(1)}).ok());
  auto first = t.log->Append("c/y", ExpectedVersion::NoStream(),
                             {MakeEvent(2), MakeEvent(3)});
  ASSERT_TRUE(first.ok());
  // A retry, even with an expected version that no longer holds.
  auto retry = t.log->Append("c/y", ExpectedVersion::NoStream(),
                             {MakeEvent(2), MakeEvent(3)});
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_TRUE(retry->deduplicated);
  EXPECT_EQ(retry->first_position, 2u);
  EXPECT_EQ(retry->last_position, 3u);
  EXPECT_EQ(retry->stream_version, 2u);
  EXPECT_EQ(t.log->LastPosition(), 3u);
}

TEST(IdempotencyTest, HoldsAcrossRestarts) {
  TestLog t;
  auto first = t.log->Append("c/y", ExpectedVersion::Any(), {MakeEvent(7)});
  ASSERT_TRUE(first.ok());
  t.Reopen();
  auto retry = t.log->Append("c/y", ExpectedVersion::Any(), {MakeEvent(7)});
  ASSERT_TRUE(retry.ok());
  EXPECT_TRUE(retry->deduplicated);
  EXPECT_EQ(retry->first_position, first->first_position);
  EXPECT_EQ(t.log->LastPosition(), 1u);
}

TEST(ReadTest, EventById) {
  TestLog t;
  ASSERT_TRUE(t.log->Append("c/x", ExpectedVersion::Any(),
                            {MakeEvent(1), MakeEvent(2)})
                  .ok());
  auto r = t.log->ReadEventById(MakeEvent(2).id);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->position, 2u);
  EXPECT_EQ(r->stream, "c/x");
  EXPECT_EQ(t.log->ReadEventById(MakeEvent(3).id).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(IdempotencyTest, SameIdDifferentContentIsRejected) {
  TestLog t;
  ASSERT_TRUE(t.log->Append("c/y", ExpectedVersion::Any(), {MakeEvent(7)}).ok());
  NewEvent changed = MakeEvent(7);
  changed.payload += "!";
  auto r = t.log->Append("c/y", ExpectedVersion::Any(), {changed});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ErrorReason(r.status()), "EVENT_ID_REUSED");
  EXPECT_EQ(ErrorMetadata(r.status())["position"], "1");
  // The same id in another stream is also a different event.
  EXPECT_EQ(t.log->Append("c/z", ExpectedVersion::Any(), {MakeEvent(7)})
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  // A batch that mixes a recorded id with new ones is not a retry.
  EXPECT_EQ(t.log->Append("c/y", ExpectedVersion::Any(),
                          {MakeEvent(7), MakeEvent(8)})
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(t.log->LastPosition(), 1u);
}

TEST(BadInputTest, EachIsAClearErrorAndWritesNothing) {
  TestLog t;
  auto expect_invalid = [&](absl::string_view stream,
                            std::vector<NewEvent> events,
                            absl::string_view needle) {
    auto r = t.log->Append(stream, ExpectedVersion::Any(), std::move(events));
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument)
        << stream << ": " << r.status();
    EXPECT_NE(r.status().message().find(needle), std::string::npos)
        << r.status().message();
  };
  expect_invalid("", {MakeEvent(1)}, "stream: the name is empty");
  expect_invalid("c//x", {MakeEvent(1)}, "empty segment");
  expect_invalid("/c", {MakeEvent(1)}, "empty segment");
  expect_invalid("c/x y", {MakeEvent(1)}, "outside");
  expect_invalid(std::string("c/\0x", 4), {MakeEvent(1)}, "outside");
  expect_invalid(std::string(300, 'a'), {MakeEvent(1)}, "limit is 256");
  expect_invalid("c/x", {}, "at least one");
  expect_invalid("c/x", {MakeEvent(1, "t", kMaxPayloadBytes + 1)},
                 "events[0].payload");
  NewEvent no_principal = MakeEvent(1);
  no_principal.metadata.principal.clear();
  expect_invalid("c/x", {no_principal}, "metadata.principal: required");
  NewEvent no_time = MakeEvent(1);
  no_time.metadata.effective_time = absl::InfinitePast();
  expect_invalid("c/x", {no_time}, "effective_time");
  NewEvent schema0 = MakeEvent(1);
  schema0.schema_version = 0;
  expect_invalid("c/x", {schema0}, "schema_version");
  expect_invalid("c/x", {MakeEvent(1), MakeEvent(1)}, "appears twice");
  std::vector<NewEvent> too_many;
  for (int i = 0; i < 1001; ++i) too_many.push_back(MakeEvent(100 + i));
  expect_invalid("c/x", too_many, "limit is 1000");
  std::vector<NewEvent> too_big;
  for (int i = 0; i < 5; ++i) too_big.push_back(MakeEvent(i, "t", 1 << 20));
  expect_invalid("c/x", too_big, "bytes in one append");

  EXPECT_EQ(ExpectedVersion::FromWire(-4).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ExpectedVersion::FromWire(-2)->kind(),
            ExpectedVersion::Kind::kNoStream);
  EXPECT_EQ(ExpectedVersion::FromWire(5)->version(), 5u);
  EXPECT_EQ(t.log->LastPosition(), 0u);
}

TEST(ReadTest, StreamForwardBackwardAndMetadata) {
  TestLog t;
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(i)}).ok());
    ASSERT_TRUE(
        t.log->Append("c/other", ExpectedVersion::Any(), {MakeEvent(100 + i)})
            .ok());
    t.clock.Advance(absl::Minutes(1));
  }
  auto fwd = t.log->ReadStream("c/s", 2, 3);
  ASSERT_TRUE(fwd.ok());
  ASSERT_EQ(fwd->size(), 3u);
  EXPECT_EQ((*fwd)[0].stream_version, 2u);
  EXPECT_EQ((*fwd)[2].stream_version, 4u);
  EXPECT_EQ((*fwd)[0].position, 3u);

  auto back = t.log->ReadStreamBackward("c/s", 0, 2);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].stream_version, 5u);
  EXPECT_EQ((*back)[1].stream_version, 4u);
  auto back3 = t.log->ReadStreamBackward("c/s", 3, 10);
  ASSERT_TRUE(back3.ok());
  ASSERT_EQ(back3->size(), 3u);
  EXPECT_EQ((*back3)[0].stream_version, 3u);
  EXPECT_EQ((*back3)[2].stream_version, 1u);

  // A prefix of another stream's name is not that stream.
  auto none = t.log->ReadStream("c/s/sub", 1, 10);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  auto info = t.log->GetStreamInfo("c/s");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->version, 5u);
  EXPECT_EQ(info->first_position, 1u);
  EXPECT_EQ(info->last_position, 9u);
  EXPECT_EQ(info->created_at, absl::FromUnixSeconds(1772409600));
  EXPECT_EQ(info->last_recorded_at,
            absl::FromUnixSeconds(1772409600) + absl::Minutes(4));
  EXPECT_EQ(t.log->GetStreamInfo("c/missing").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(t.log->GetStreamInfo("bad name").status().code(),
            absl::StatusCode::kInvalidArgument);
}

// A forward read looks up the first versions one by one and goes on with an
// iterator (log_store.h): every start and length gives the same records,
// across that seam and after a restart.
// The same reads whether the stream's last published version is known (the
// log has published it since it opened), forgotten (a cache of one entry,
// cleared as the two streams alternate) or unknown (after a reopen).
class StreamForwardTest : public ::testing::TestWithParam<size_t> {};

INSTANTIATE_TEST_SUITE_P(VersionCache, StreamForwardTest,
                         ::testing::Values(size_t{1} << 20, size_t{1}));

TEST_P(StreamForwardTest, IsTheSameOnEitherSideOfThePointLookups) {
  RocksEventLogOptions options;
  options.stream_cache_entries = GetParam();
  TestLog t(options);
  const uint64_t n = 2 * LogStore::kStreamPointLookups + 3;
  for (uint64_t i = 1; i <= n; ++i) {
    ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(i)}).ok());
    ASSERT_TRUE(
        t.log->Append("c/t", ExpectedVersion::Any(), {MakeEvent(1000 + i)})
            .ok());
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (uint64_t from = 0; from <= n + 1; ++from) {
      for (size_t max : {size_t{1}, size_t{3}, LogStore::kStreamPointLookups,
                         LogStore::kStreamPointLookups + 1, size_t{100}}) {
        auto records = t.log->ReadStream("c/s", from, max);
        ASSERT_TRUE(records.ok()) << records.status();
        const uint64_t first = std::max<uint64_t>(from, 1);
        const uint64_t want =
            first > n ? 0 : std::min<uint64_t>(max, n - first + 1);
        ASSERT_EQ(records->size(), want) << "from " << from << " max " << max;
        for (size_t k = 0; k < records->size(); ++k) {
          EXPECT_EQ((*records)[k].stream, "c/s");
          EXPECT_EQ((*records)[k].stream_version, first + k);
          EXPECT_EQ((*records)[k].position, 2 * (first + k) - 1);
        }
      }
    }
    t.Reopen();
  }
}

TEST(ReadTest, AllWithPrefixAndTypeFilters) {
  TestLog t;
  ASSERT_TRUE(t.log->Append("a/1", ExpectedVersion::Any(), {MakeEvent(1, "T1")}).ok());
  ASSERT_TRUE(t.log->Append("b/1", ExpectedVersion::Any(), {MakeEvent(2, "T2")}).ok());
  ASSERT_TRUE(t.log->Append("a/2", ExpectedVersion::Any(), {MakeEvent(3, "T2")}).ok());
  ASSERT_TRUE(t.log->Append("a/1", ExpectedVersion::Any(), {MakeEvent(4, "T3")}).ok());

  RecordFilter prefix{"a/", {}};
  auto a = t.log->ReadAll(1, 10, prefix, 0, nullptr);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->size(), 3u);
  EXPECT_EQ((*a)[0].position, 1u);
  EXPECT_EQ((*a)[1].position, 3u);
  EXPECT_EQ((*a)[2].position, 4u);

  RecordFilter types{"", {"T2"}};
  auto t2 = t.log->ReadAll(1, 10, types, 0, nullptr);
  ASSERT_TRUE(t2.ok());
  ASSERT_EQ(t2->size(), 2u);
  EXPECT_EQ((*t2)[0].stream, "b/1");

  RecordFilter both{"a/", {"T2", "T3"}};
  auto ab = t.log->ReadAll(2, 10, both, 0, nullptr);
  ASSERT_TRUE(ab.ok());
  ASSERT_EQ(ab->size(), 2u);
  EXPECT_EQ((*ab)[0].position, 3u);

  // A bounded scan reports how far it got.
  uint64_t scanned = 0;
  auto bounded = t.log->ReadAll(1, 10, RecordFilter{"zzz", {}}, 2, &scanned);
  ASSERT_TRUE(bounded.ok());
  EXPECT_TRUE(bounded->empty());
  EXPECT_EQ(scanned, 2u);

  auto from3 = t.log->ReadAll(3, 1, RecordFilter{}, 0, nullptr);
  ASSERT_TRUE(from3.ok());
  ASSERT_EQ(from3->size(), 1u);
  EXPECT_EQ((*from3)[0].position, 3u);
  auto past = t.log->ReadAll(5, 10, RecordFilter{}, 0, nullptr);
  ASSERT_TRUE(past.ok());
  EXPECT_TRUE(past->empty());
}

TEST(RecordTest, MetadataAndChainAreStored) {
  TestLog t;
  NewEvent e = MakeEvent(1);
  e.metadata.causation_id = "cause-1";
  e.metadata.effective_time = absl::FromUnixSeconds(1700000000);
  ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {e}).ok());
  t.clock.Advance(absl::Hours(1));
  ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(2)}).ok());
  auto records = t.log->ReadStream("c/s", 1, 10);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 2u);
  const Record& r1 = (*records)[0];
  EXPECT_EQ(r1.metadata.principal, "comune:test/officer");
  EXPECT_EQ(r1.metadata.command_id, "cmd-1");
  EXPECT_EQ(r1.metadata.correlation_id, "corr");
  EXPECT_EQ(r1.metadata.causation_id, "cause-1");
  EXPECT_EQ(r1.metadata.effective_time, absl::FromUnixSeconds(1700000000));
  EXPECT_EQ(r1.recorded_at, absl::FromUnixSeconds(1772409600));
  EXPECT_TRUE(r1.prev_hash.IsZero());
  const Record& r2 = (*records)[1];
  EXPECT_EQ(r2.recorded_at, absl::FromUnixSeconds(1772409600) + absl::Hours(1));
  EXPECT_EQ(r2.prev_hash, r1.hash);
  auto raw = t.log->ReadRaw(1, 2);
  ASSERT_TRUE(raw.ok());
  ASSERT_EQ(raw->size(), 2u);
  EXPECT_EQ(*RecomputeRecordHash((*raw)[1]), r2.hash);
}

TEST(RecordTest, RecordedAtNeverGoesBackwards) {
  SimulatedClock* clock = nullptr;
  TestLog t;
  clock = &t.clock;
  ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(1)}).ok());
  t.Close();
  // A clock behind the last record (e.g. a restored machine): later records
  // keep the last recorded time rather than going back.
  RocksEventLogOptions options = t.options;
  SimulatedClock behind(clock->Now() - absl::Hours(5));
  options.clock = &behind;
  auto log = RocksEventLog::Open(options);
  ASSERT_TRUE(log.ok());
  ASSERT_TRUE((*log)->Append("c/s", ExpectedVersion::Any(), {MakeEvent(2)}).ok());
  auto records = (*log)->ReadStream("c/s", 1, 10);
  ASSERT_TRUE(records.ok());
  EXPECT_EQ((*records)[1].recorded_at, (*records)[0].recorded_at);
}

TEST(StorageFaultTest, AFailedWriteAppendsNothingAndStopsWrites) {
  RocksEventLogOptions options;
  bool fail = false;
  options.before_write = [&fail]() {
    return fail ? absl::UnavailableError("disk full (injected)")
                : absl::OkStatus();
  };
  TestLog t(options);
  ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(1)}).ok());
  fail = true;
  auto r = t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(2)});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(t.log->LastPosition(), 1u);
  EXPECT_EQ(t.log->WriteStatus().code(), absl::StatusCode::kUnavailable);
  fail = false;
  EXPECT_EQ(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(3)})
                .status()
                .code(),
            absl::StatusCode::kUnavailable);
  // After reopening, the store is consistent and the failed event absent.
  t.Reopen();
  EXPECT_TRUE(t.log->WriteStatus().ok());
  EXPECT_EQ(t.log->LastPosition(), 1u);
  auto again = t.log->Append("c/s", ExpectedVersion::Exact(1), {MakeEvent(2)});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->deduplicated);
}

TEST(StorageFaultTest, AFailedSyncIsNeverAcknowledged) {
  RocksEventLogOptions options;
  bool fail = false;
  options.before_sync = [&fail]() {
    return fail ? absl::UnavailableError("fsync failed (injected)")
                : absl::OkStatus();
  };
  TestLog t(options);
  ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(1)}).ok());
  fail = true;
  auto r = t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(2)});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  // Not acknowledged, so not visible to readers either.
  EXPECT_EQ(t.log->LastPosition(), 1u);
  EXPECT_EQ(t.log->ReadAll(1, 10, RecordFilter{}, 0, nullptr)->size(), 1u);
  EXPECT_EQ(t.log->WriteStatus().code(), absl::StatusCode::kUnavailable);
  fail = false;
  t.Reopen();
  // The written-but-unsynced event may or may not have survived; either way
  // the log is consistent and a retry settles it exactly once.
  auto retry = t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(2)});
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(retry->first_position, 2u);
  EXPECT_EQ(t.log->LastPosition(), 2u);
  EXPECT_TRUE(t.log->Verify(nullptr).ok());
}

TEST(LayoutTest, KeysFollowTheFormatDocument) {
  TestLog t;
  ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(1)}).ok());
  ASSERT_TRUE(t.log->Append("c/s", ExpectedVersion::Any(), {MakeEvent(2)}).ok());
  t.Close();
  LogStore store;
  ASSERT_TRUE(store.OpenDb(t.options.path).ok());
  std::string value;
  rocksdb::ReadOptions ro;
  ASSERT_TRUE(store.db()->Get(ro, store.meta_cf(), "format", &value).ok());
  EXPECT_EQ(value, "concordia-log/1");
  ASSERT_TRUE(store.db()->Get(ro, store.meta_cf(), "head", &value).ok());
  ASSERT_EQ(value.size(), 40u);
  EXPECT_EQ(GetBigEndian64(value), 2u);
  ASSERT_TRUE(store.db()
                  ->Get(ro, store.records_cf(),
                        std::string("\0\0\0\0\0\0\0\x02", 8), &value)
                  .ok());
  auto r = DecodeRecord(value);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->position, 2u);
  EXPECT_EQ(value.substr(value.size() - 32), r->hash.AsStringView());
  ASSERT_TRUE(store.db()
                  ->Get(ro, store.stream_index_cf(),
                        std::string("c/s\0\0\0\0\0\0\0\0\x02", 12), &value)
                  .ok());
  EXPECT_EQ(value, std::string("\0\0\0\0\0\0\0\x02", 8));
  NewEvent e = MakeEvent(2);
  ASSERT_TRUE(store.db()
                  ->Get(ro, store.event_ids_cf(),
                        rocksdb::Slice(e.id.AsStringView().data(), 16), &value)
                  .ok());
  EXPECT_EQ(value, std::string("\0\0\0\0\0\0\0\x02", 8));
  EXPECT_EQ(*store.StreamVersion("c/s"), 2u);
  EXPECT_EQ(*store.StreamVersion("c/s/x"), 0u);
  EXPECT_EQ(*store.StreamVersion("c"), 0u);
}

}  // namespace
}  // namespace concordia::log
