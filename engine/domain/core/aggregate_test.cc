// The generic aggregate machinery, on a counter whose events are
// google.protobuf.Int64Value increments.
#include "engine/domain/core/aggregate.h"

#include <atomic>
#include <thread>

#include "engine/domain/core/reasons.h"
#include "engine/domain/core/snapshot_cache.h"
#include "engine/domain/core/testing_counter.h"
#include "engine/log/testing/events.h"
#include "google/protobuf/wrappers.pb.h"
#include "gtest/gtest.h"

namespace concordia::domain {
namespace {

using google::protobuf::Int64Value;
using testing::Add;
using testing::ApplyCounter;
using testing::Context;
using testing::Counter;

TEST(AggregateTest, ExecuteFoldsDecidesAndAppends) {
  log::testing::TestLog t;
  auto r1 = Execute<Counter>(*t.log, "c/counter", Context("r1"), ApplyCounter,
                             Add(5));
  ASSERT_TRUE(r1.ok()) << r1.status();
  EXPECT_EQ(r1->first_position, 1u);
  EXPECT_FALSE(r1->replayed);
  auto r2 = Execute<Counter>(*t.log, "c/counter", Context("r2"), ApplyCounter,
                             Add(7));
  ASSERT_TRUE(r2.ok());
  auto folded = FoldStream<Counter>(*t.log, "c/counter", ApplyCounter);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(folded->state.total, 12);
  EXPECT_EQ(folded->version, 2u);
  // As of position 1 only the first event counts.
  auto as_of = FoldStream<Counter>(*t.log, "c/counter", ApplyCounter, 1);
  EXPECT_EQ(as_of->state.total, 5);
  auto records = t.log->ReadStream("c/counter", 1, 10);
  EXPECT_EQ((*records)[0].type, "google.protobuf.Int64Value");
  EXPECT_EQ((*records)[0].metadata.principal, "tester");
  EXPECT_EQ((*records)[0].metadata.command_id, "r1");
}

TEST(AggregateTest, ARetriedRequestAppendsNothingAndAnswersTheSame) {
  log::testing::TestLog t;
  auto first = Execute<Counter>(*t.log, "c/counter", Context("same"),
                                ApplyCounter, Add(5));
  ASSERT_TRUE(first.ok());
  // The retry would now decide differently; it must not run again.
  auto retry = Execute<Counter>(*t.log, "c/counter", Context("same"),
                                ApplyCounter, Add(5));
  ASSERT_TRUE(retry.ok());
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->first_position, first->first_position);
  EXPECT_EQ(t.log->LastPosition(), 1u);
  // The same request_id on another stream is a different command.
  auto elsewhere = Execute<Counter>(*t.log, "c/other", Context("same"),
                                    ApplyCounter, Add(5));
  EXPECT_EQ(elsewhere.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ErrorReason(elsewhere.status()), "REQUEST_ID_REUSED");
}

TEST(AggregateTest, AnExpectedVersionGuardsTheDecision) {
  log::testing::TestLog t;
  CommandContext first = Context("v1");
  first.expected_version = 0;  // the stream must not exist yet
  ASSERT_TRUE(Execute<Counter>(*t.log, "c/counter", first, ApplyCounter,
                               Add(5))
                  .ok());
  // A caller that saw version 0 is now stale: aborted, nothing appended.
  CommandContext stale = Context("v2");
  stale.expected_version = 0;
  auto aborted = Execute<Counter>(*t.log, "c/counter", stale, ApplyCounter,
                                  Add(5));
  EXPECT_EQ(aborted.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReason(aborted.status()), "WRONG_EXPECTED_VERSION");
  EXPECT_EQ(ErrorMetadata(aborted.status())["actual"], "1");
  EXPECT_EQ(t.log->LastPosition(), 1u);
  // The right version goes through.
  CommandContext fresh = Context("v3");
  fresh.expected_version = 1;
  auto ok = Execute<Counter>(*t.log, "c/counter", fresh, ApplyCounter, Add(5));
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->stream_version, 2u);
  // A retry of an executed request is answered as before, although the
  // stream has moved past its expected version since.
  auto retry = Execute<Counter>(*t.log, "c/counter", first, ApplyCounter,
                                Add(5));
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->first_position, 1u);
}

TEST(AggregateTest, ARejectionAppendsNothing) {
  log::testing::TestLog t;
  auto r = Execute<Counter>(*t.log, "c/counter", Context("big"), ApplyCounter,
                            Add(5000));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(r.status()), "LIMIT_EXCEEDED");
  EXPECT_EQ(t.log->LastPosition(), 0u);
}

TEST(AggregateTest, ConcurrentCommandsAreSerialisedByRetry) {
  log::testing::TestLog t;
  constexpr int kThreads = 8;
  std::atomic<int> rejected{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 10; ++k) {
        auto r = Execute<Counter>(*t.log, "c/counter",
                                  Context(absl::StrCat("t", i, "-", k)),
                                  ApplyCounter, Add(10, 500), 100);
        if (!r.ok()) {
          ASSERT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition)
              << r.status();
          ++rejected;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  auto folded = FoldStream<Counter>(*t.log, "c/counter", ApplyCounter);
  // Every decision saw the state it was appended on: the limit held exactly.
  EXPECT_EQ(folded->state.total, 500);
  EXPECT_EQ(rejected.load(), kThreads * 10 - 50);
}

TEST(AggregateTest, ContextIsValidated) {
  log::testing::TestLog t;
  CommandContext c = Context("");
  auto r = Execute<Counter>(*t.log, "c/counter", c, ApplyCounter, Add(1));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorMetadata(r.status())["field"], "request_id");
  c = Context("x");
  c.principal.clear();
  EXPECT_EQ(Execute<Counter>(*t.log, "c/counter", c, ApplyCounter, Add(1))
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SnapshotCacheTest, SnapshotPlusTailEqualsAFullFold) {
  log::testing::TestLog t;
  SnapshotCache<Counter> cache(2);
  for (int i = 1; i <= 600; ++i) {
    ASSERT_TRUE(Execute<Counter>(*t.log, "c/long", Context(absl::StrCat("r", i)),
                                 ApplyCounter, Add(1, 100000))
                    .ok());
    if (i % 100 == 0) {
      auto snap = cache.Fold(*t.log, "c/long", ApplyCounter);
      auto full = FoldStream<Counter>(*t.log, "c/long", ApplyCounter);
      ASSERT_TRUE(snap.ok() && full.ok());
      EXPECT_EQ((*snap)->state.total, full->state.total);
      EXPECT_EQ((*snap)->version, full->version);
      EXPECT_EQ((*snap)->last_position, full->last_position);
    }
  }
  EXPECT_EQ(cache.hits(), 5u);  // every fold after the first started warm
  // Bounded: other streams push the oldest out, and a miss refolds.
  ASSERT_TRUE(Execute<Counter>(*t.log, "c/a", Context("a"), ApplyCounter,
                               Add(1)).ok());
  ASSERT_TRUE(Execute<Counter>(*t.log, "c/b", Context("b"), ApplyCounter,
                               Add(1)).ok());
  ASSERT_TRUE(cache.Fold(*t.log, "c/a", ApplyCounter).ok());
  ASSERT_TRUE(cache.Fold(*t.log, "c/b", ApplyCounter).ok());
  EXPECT_EQ((*cache.Fold(*t.log, "c/long", ApplyCounter))->state.total, 600);
}

TEST(SnapshotCacheTest, AHeldSnapshotNeverChangesAndAFreeOneIsNotCopied) {
  log::testing::TestLog t;
  SnapshotCache<Counter> cache(4);
  auto add = [&](const std::string& id) {
    ASSERT_TRUE(Execute<Counter>(*t.log, "c/cow", Context(id), ApplyCounter,
                                 Add(1))
                    .ok());
  };
  add("r1");
  absl::StatusOr<FoldedRef<Counter>> held = cache.Fold(*t.log, "c/cow",
                                                       ApplyCounter);
  ASSERT_TRUE(held.ok()) << held.status();
  const Folded<Counter>* first = held->get();
  // Unchanged stream: the same snapshot, shared, not copied.
  auto again = cache.Fold(*t.log, "c/cow", ApplyCounter);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), first);
  again->reset();
  // New events while `held` is held: they go to a copy; `held` keeps version 1.
  add("r2");
  auto newer = cache.Fold(*t.log, "c/cow", ApplyCounter);
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ((*newer)->state.total, 2);
  EXPECT_EQ((*held)->state.total, 1);
  EXPECT_EQ((*held)->version, 1u);
  EXPECT_NE(newer->get(), first);
  EXPECT_EQ(cache.copies(), 1u);
  // Nobody holds the snapshot: the next events are applied in place.
  const Folded<Counter>* second = newer->get();
  held->reset();
  newer->reset();
  add("r3");
  auto latest = cache.Fold(*t.log, "c/cow", ApplyCounter);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ((*latest)->state.total, 3);
  EXPECT_EQ(latest->get(), second);
  EXPECT_EQ(cache.copies(), 1u);
}

TEST(SnapshotCacheTest, ConcurrentCommandsFoldTheSameSnapshot) {
  // Commands on one stream from several threads, each folding through the
  // cache (as Governance does): every decision sees a complete state.
  log::testing::TestLog t;
  SnapshotCache<Counter> cache(4);
  constexpr int kThreads = 4, kEach = 40;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < kEach; ++k) {
        auto r = Execute<Counter>(
            *t.log, "c/shared", Context(absl::StrCat("s", i, "-", k)),
            ApplyCounter,
            [](const Folded<Counter>& f) -> absl::StatusOr<Events> {
              // The folded total always equals the events folded.
              if (f.state.total != static_cast<int64_t>(f.version)) {
                return absl::InternalError("torn snapshot");
              }
              return Add(1, 100000)(f);
            },
            // Each lost attempt is another thread's success, so a thread
            // loses at most (kThreads - 1) * kEach times: never gives up.
            kThreads * kEach,
            [&] { return cache.Fold(*t.log, "c/shared", ApplyCounter); });
        ASSERT_TRUE(r.ok()) << r.status();
      }
    });
  }
  for (auto& th : threads) th.join();
  auto folded = cache.Fold(*t.log, "c/shared", ApplyCounter);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ((*folded)->state.total, kThreads * kEach);
  EXPECT_EQ((*folded)->version, static_cast<uint64_t>(kThreads * kEach));
}

TEST(EventEnvelopeTest, IdsAreDeterministicAndDistinct) {
  EXPECT_EQ(EventIdFor("req", 0), EventIdFor("req", 0));
  EXPECT_NE(EventIdFor("req", 0), EventIdFor("req", 1));
  EXPECT_NE(EventIdFor("req", 0), EventIdFor("req2", 0));
  // "a" + index 10 must not collide with "a1" + index 0.
  EXPECT_NE(EventIdFor("a", 10), EventIdFor("a1", 0));
}

TEST(EventEnvelopeTest, OldSchemasAreUpcastWhenRead) {
  // Version 1 of this (test) event stored an amount in euros; version 2
  // stores cents.
  RegisterUpcaster("google.protobuf.UInt32Value", 1,
                   [](absl::string_view payload) -> absl::StatusOr<std::string> {
                     google::protobuf::UInt32Value v;
                     if (!v.ParseFromString(std::string(payload))) {
                       return absl::DataLossError("bad payload");
                     }
                     v.set_value(v.value() * 100);
                     return v.SerializeAsString();
                   });
  EXPECT_EQ(CurrentSchemaVersion("google.protobuf.UInt32Value"), 2u);
  google::protobuf::UInt32Value euros;
  euros.set_value(7);
  log::Record old;
  old.type = "google.protobuf.UInt32Value";
  old.schema_version = 1;
  old.payload = euros.SerializeAsString();
  auto m = UnpackEvent(old);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(dynamic_cast<google::protobuf::UInt32Value&>(**m).value(), 700u);
  log::Record current = old;
  current.schema_version = 2;
  EXPECT_EQ(dynamic_cast<google::protobuf::UInt32Value&>(**UnpackEvent(current))
                .value(),
            7u);
  // New events are written with the current version.
  EXPECT_EQ(PackEvents(Context("v"), {&euros})[0].schema_version, 2u);
  // A gap in the chain of upcasters is data loss, not a silent misread.
  RegisterUpcaster("google.protobuf.UInt64Value", 2,
                   [](absl::string_view p) { return std::string(p); });
  log::Record gap;
  gap.type = "google.protobuf.UInt64Value";
  gap.schema_version = 1;
  EXPECT_EQ(UnpackEvent(gap).status().code(), absl::StatusCode::kDataLoss);
}

TEST(EventEnvelopeTest, UnknownTypesAndBadPayloads) {
  log::Record r;
  r.type = "concordia.v1.NoSuchEvent";
  EXPECT_EQ(UnpackEvent(r).status().code(), absl::StatusCode::kUnimplemented);
  r.type = "google.protobuf.Int64Value";
  r.payload = "\xff\xff\xff";
  EXPECT_EQ(UnpackEvent(r).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace concordia::domain
