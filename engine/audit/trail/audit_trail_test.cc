#include "engine/audit/trail/audit_trail.h"

#include <thread>

#include "engine/common/errors.h"
#include "engine/log/log_store.h"
#include "engine/log/record_codec.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::audit {
namespace {

using log::ExpectedVersion;
using log::testing::MakeEvent;

NoteSigner TestSigner() {
  return *NoteSigner::FromPrivateKey(
      "concordia-test",
      *Ed25519PrivateKey::FromSeed(std::string(32, '\x07')));
}

// The root recomputed independently from the stored records.
Sha256Digest IndependentRoot(log::EventLog& log, uint64_t size) {
  CompactRange range;
  const absl::StatusOr<std::vector<std::string>> raws = log.ReadRaw(1, size);
  for (const std::string& raw : *raws) range.Append(LeafHash(raw));
  return range.Root();
}

void Append(log::EventLog& log, int from, int to) {
  for (int i = from; i <= to; ++i) {
    ASSERT_TRUE(log.Append("c/s" + std::to_string(i % 3),
                           ExpectedVersion::Any(), {MakeEvent(i)})
                    .ok());
  }
}

TEST(AuditTrailTest, TheTreeFollowsEveryAppendAndProvesInclusion) {
  log::testing::TestLog t;
  auto trail = AuditTrail::Attach(t.log.get(), TestSigner(), "test/log");
  ASSERT_TRUE(trail.ok()) << trail.status();
  Append(*t.log, 1, 37);
  // Concurrent appenders too (group commits stage several records).
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] { Append(*t.log, 100 * (k + 1), 100 * (k + 1) + 24); });
  }
  for (auto& th : threads) th.join();
  const uint64_t size = t.log->LastPosition();
  ASSERT_EQ(size, 37u + 100u);
  for (uint64_t n : {uint64_t{1}, uint64_t{37}, size}) {
    EXPECT_EQ(*(*trail)->Root(n), IndependentRoot(*t.log, n)) << n;
  }
  auto raws = t.log->ReadRaw(1, size);
  for (uint64_t p = 1; p <= size; p += 7) {
    auto proof = (*trail)->InclusionProof(p, size);
    ASSERT_TRUE(proof.ok());
    EXPECT_TRUE(VerifyInclusion(LeafHash((*raws)[p - 1]), p - 1, size, *proof,
                                *(*trail)->Root(size)));
  }
  auto consistency = (*trail)->ConsistencyProof(37, size);
  ASSERT_TRUE(consistency.ok());
  EXPECT_TRUE(VerifyConsistency(37, size, *consistency, *(*trail)->Root(37),
                                *(*trail)->Root(size)));
  EXPECT_EQ((*trail)->InclusionProof(1, size + 1).status().code(),
            absl::StatusCode::kOutOfRange);
  EXPECT_EQ((*trail)->InclusionProof(0, size).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(AuditTrailTest, CatchesUpWithRecordsWrittenBeforeAndSurvivesRestarts) {
  log::testing::TestLog t;
  Append(*t.log, 1, 20);  // no trail yet
  {
    auto trail = AuditTrail::Attach(t.log.get(), TestSigner(), "test/log");
    ASSERT_TRUE(trail.ok());
    EXPECT_EQ(*(*trail)->Root(20), IndependentRoot(*t.log, 20));
    Append(*t.log, 21, 30);
  }
  t.Reopen();
  auto trail = AuditTrail::Attach(t.log.get(), TestSigner(), "test/log");
  ASSERT_TRUE(trail.ok());
  Append(*t.log, 31, 45);
  EXPECT_EQ(*(*trail)->Root(45), IndependentRoot(*t.log, 45));
}

TEST(AuditTrailTest, AFailedWriteLeavesTheTreeInStepWithTheLog) {
  log::RocksEventLogOptions options;
  bool fail = false;
  options.before_write = [&fail] {
    return fail ? absl::UnavailableError("injected") : absl::OkStatus();
  };
  log::testing::TestLog t(options);
  {
    auto trail = AuditTrail::Attach(t.log.get(), TestSigner(), "test/log");
    Append(*t.log, 1, 5);
    fail = true;
    EXPECT_FALSE(
        t.log->Append("c/x", ExpectedVersion::Any(), {MakeEvent(99)}).ok());
    fail = false;
  }
  t.Reopen();
  auto trail = AuditTrail::Attach(t.log.get(), TestSigner(), "test/log");
  ASSERT_TRUE(trail.ok());
  Append(*t.log, 6, 8);
  EXPECT_EQ(*(*trail)->Root(8), IndependentRoot(*t.log, 8));
}

TEST(AuditTrailTest, SignedCheckpointsAndWholeStoreVerification) {
  log::testing::TestLog t;
  auto trail = AuditTrail::Attach(t.log.get(), TestSigner(), "test/log");
  EXPECT_EQ((*trail)->LatestCheckpoint().status().code(),
            absl::StatusCode::kNotFound);
  Append(*t.log, 1, 12);
  auto note = (*trail)->Checkpoint();
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*(*trail)->Checkpoint(), *note);  // same size, same checkpoint
  auto text = (*trail)->verifier().Open(*note);
  ASSERT_TRUE(text.ok());
  auto cp = ParseCheckpoint(*text);
  EXPECT_EQ(cp->origin, "test/log");
  EXPECT_EQ(cp->size, 12u);
  EXPECT_EQ(cp->root, IndependentRoot(*t.log, 12));
  Append(*t.log, 13, 20);
  EXPECT_EQ(*(*trail)->LatestCheckpoint(), *note);
  auto v = (*trail)->VerifyAll(nullptr);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->records_checked, 20u);
  EXPECT_TRUE(v->checkpoint_matches);
  EXPECT_EQ(v->root, IndependentRoot(*t.log, 20));
  // One changed byte in a stored record is found and located.
  trail->reset();
  t.Close();
  {
    log::LogStore store;
    ASSERT_TRUE(store.OpenDb(t.options.path).ok());
    std::string value;
    ASSERT_TRUE(store.db()->Get(rocksdb::ReadOptions(), store.records_cf(),
                                log::PositionKey(6), &value).ok());
    value[40] ^= 1;
    ASSERT_TRUE(store.db()->Put(rocksdb::WriteOptions(), store.records_cf(),
                                log::PositionKey(6), value).ok());
  }
  t.Reopen();
  auto reopened = AuditTrail::Attach(t.log.get(), TestSigner(), "test/log");
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  auto broken = (*reopened)->VerifyAll(nullptr);
  EXPECT_EQ(broken.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(ErrorMetadata(broken.status())["position"], "6");
}

// An operator who rewrites history consistently — a changed record and
// every hash and chain link after it recomputed, the head moved — passes
// the chain checks, but not the signed checkpoint: the Merkle root
// recomputed from the records differs from the one signed.
TEST(AuditTrailTest, AConsistentlyRewrittenHistoryFailsTheSignedCheckpoint) {
  log::testing::TestLog t;
  auto trail = AuditTrail::Attach(t.log.get(), TestSigner(), "test/log");
  Append(*t.log, 1, 20);
  ASSERT_TRUE((*trail)->Checkpoint().ok());
  trail->reset();
  t.Close();
  {
    log::LogStore store;
    ASSERT_TRUE(store.OpenDb(t.options.path).ok());
    Sha256Digest prev;
    for (uint64_t p = 1; p <= 20; ++p) {
      std::string value;
      ASSERT_TRUE(store.db()->Get(rocksdb::ReadOptions(), store.records_cf(),
                                  log::PositionKey(p), &value).ok());
      auto r = log::DecodeRecord(value);
      ASSERT_TRUE(r.ok());
      if (p == 6) r->payload = "a different decision";
      if (p > 6) r->prev_hash = prev;
      const std::string rewritten = log::EncodeRecord(&*r);
      prev = r->hash;
      ASSERT_TRUE(store.db()->Put(rocksdb::WriteOptions(), store.records_cf(),
                                  log::PositionKey(p), rewritten).ok());
    }
    std::string head;
    log::PutBigEndian64(&head, 20);
    head.append(prev.AsStringView().data(), Sha256Digest::kSize);
    ASSERT_TRUE(store.db()->Put(rocksdb::WriteOptions(), store.meta_cf(),
                                rocksdb::Slice(log::kHeadKey.data(),
                                               log::kHeadKey.size()),
                                head).ok());
  }
  t.Reopen();
  ASSERT_TRUE(t.log->WriteStatus().ok());  // the chain itself is consistent
  auto reopened = AuditTrail::Attach(t.log.get(), TestSigner(), "test/log");
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  auto v = (*reopened)->VerifyAll(nullptr);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->records_checked, 20u);
  EXPECT_FALSE(v->checkpoint_matches);
}

}  // namespace
}  // namespace concordia::audit
