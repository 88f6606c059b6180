// Integrity: tampered or truncated stores refuse writes naming the first bad
// position; Verify recomputes everything from the stored bytes.
#include "engine/common/errors.h"
#include "engine/log/log_store.h"
#include "engine/log/record_codec.h"
#include "engine/log/rocksdb_event_log.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::log {
namespace {

using testing::MakeEvent;
using testing::TestLog;

void Fill(TestLog& t, int n) {
  for (int i = 1; i <= n; ++i) {
    ASSERT_TRUE(t.log->Append(i % 2 ? "c/a" : "c/b", ExpectedVersion::Any(),
                              {MakeEvent(i)})
                    .ok());
  }
}

// Applies `edit` to the raw store of a closed log.
template <typename F>
void Tamper(const std::string& path, F edit) {
  LogStore store;
  ASSERT_TRUE(store.OpenDb(path).ok());
  edit(store);
}

void FlipByte(LogStore& store, uint64_t position, size_t offset) {
  std::string value;
  ASSERT_TRUE(store.db()
                  ->Get(rocksdb::ReadOptions(), store.records_cf(),
                        PositionKey(position), &value)
                  .ok());
  value[offset] ^= 0x01;
  ASSERT_TRUE(store.db()
                  ->Put(rocksdb::WriteOptions(), store.records_cf(),
                        PositionKey(position), value)
                  .ok());
}

void ExpectRefusedAt(RocksEventLog& log, uint64_t position) {
  absl::Status w = log.WriteStatus();
  EXPECT_EQ(w.code(), absl::StatusCode::kDataLoss) << w;
  EXPECT_EQ(ErrorReason(w), "STORE_CORRUPTED");
  EXPECT_EQ(ErrorMetadata(w)["position"], std::to_string(position)) << w;
  auto r = log.Append("c/a", ExpectedVersion::Any(), {MakeEvent(999)});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
}

TEST(IntegrityTest, AHealthyLogVerifies) {
  TestLog t;
  Fill(t, 50);
  int progress_calls = 0;
  auto report = t.log->Verify([&](uint64_t, uint64_t total) {
    ++progress_calls;
    EXPECT_EQ(total, 50u);
  });
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->records_checked, 50u);
  EXPECT_GT(progress_calls, 0);
  t.Reopen();
  EXPECT_TRUE(t.log->WriteStatus().ok());
}

TEST(IntegrityTest, AFlippedPayloadByteInTheTailIsFoundOnOpen) {
  TestLog t;
  Fill(t, 20);
  t.Close();
  // Offset 60 lies inside the payload of these records.
  Tamper(t.options.path, [](LogStore& s) { FlipByte(s, 17, 60); });
  t.Reopen();
  ExpectRefusedAt(*t.log, 17);
  // Still readable up to the last intact record, for investigation.
  EXPECT_EQ(t.log->LastPosition(), 16u);
  EXPECT_EQ(t.log->ReadAll(1, 100, RecordFilter{}, 0, nullptr)->size(), 16u);
}

TEST(IntegrityTest, VerifyChecksEverythingStoredNotOnlyTheServedPrefix) {
  TestLog t;
  Fill(t, 20);
  t.Close();
  Tamper(t.options.path, [](LogStore& s) { FlipByte(s, 17, 60); });
  t.Reopen();
  ASSERT_EQ(t.log->LastPosition(), 16u);
  auto report = t.log->Verify(nullptr);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(ErrorMetadata(report.status())["position"], "17");
}

TEST(IntegrityTest, VerifyFindsADroppedTail) {
  TestLog t;
  Fill(t, 20);
  t.Close();
  Tamper(t.options.path, [](LogStore& s) {
    ASSERT_TRUE(s.db()->Delete(rocksdb::WriteOptions(), s.records_cf(),
                               PositionKey(20)).ok());
  });
  t.Reopen();
  auto report = t.log->Verify(nullptr);
  EXPECT_EQ(ErrorMetadata(report.status())["position"], "20");
}

TEST(IntegrityTest, AFlippedPrevHashBreaksTheChainThere) {
  TestLog t;
  Fill(t, 20);
  t.Close();
  // A consistent-looking record: alter the previous-hash field and fix up the
  // record's own hash, as a forger would.
  Tamper(t.options.path, [](LogStore& s) {
    std::string value;
    ASSERT_TRUE(s.db()->Get(rocksdb::ReadOptions(), s.records_cf(),
                            PositionKey(12), &value).ok());
    auto r = DecodeRecord(value);
    ASSERT_TRUE(r.ok());
    r->prev_hash.bytes[0] ^= 1;
    std::string forged = EncodeRecord(&*r);
    ASSERT_TRUE(s.db()->Put(rocksdb::WriteOptions(), s.records_cf(),
                            PositionKey(12), forged).ok());
  });
  t.Reopen();
  ExpectRefusedAt(*t.log, 12);
}

TEST(IntegrityTest, ADroppedTailIsFoundOnOpen) {
  TestLog t;
  Fill(t, 20);
  t.Close();
  Tamper(t.options.path, [](LogStore& s) {
    for (uint64_t p = 18; p <= 20; ++p) {
      ASSERT_TRUE(s.db()->Delete(rocksdb::WriteOptions(), s.records_cf(),
                                 PositionKey(p)).ok());
    }
  });
  t.Reopen();
  ExpectRefusedAt(*t.log, 18);
}

TEST(IntegrityTest, AHoleInTheTailIsFoundOnOpen) {
  TestLog t;
  Fill(t, 20);
  t.Close();
  Tamper(t.options.path, [](LogStore& s) {
    ASSERT_TRUE(s.db()->Delete(rocksdb::WriteOptions(), s.records_cf(),
                               PositionKey(15)).ok());
  });
  t.Reopen();
  ExpectRefusedAt(*t.log, 15);
}

TEST(IntegrityTest, VerifyFindsDamageBeyondTheTailWindow) {
  RocksEventLogOptions options;
  options.tail_check_records = 5;
  TestLog t(options);
  Fill(t, 40);
  t.Close();
  Tamper(t.options.path, [](LogStore& s) { FlipByte(s, 7, 60); });
  t.Reopen();
  EXPECT_TRUE(t.log->WriteStatus().ok());  // the tail itself is intact
  auto report = t.log->Verify(nullptr);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(ErrorMetadata(report.status())["position"], "7");
  ExpectRefusedAt(*t.log, 7);
}

TEST(IntegrityTest, VerifyFindsAMissingRecordBeyondTheTailWindow) {
  RocksEventLogOptions options;
  options.tail_check_records = 5;
  TestLog t(options);
  Fill(t, 40);
  t.Close();
  Tamper(t.options.path, [](LogStore& s) {
    ASSERT_TRUE(s.db()->Delete(rocksdb::WriteOptions(), s.records_cf(),
                               PositionKey(9)).ok());
  });
  t.Reopen();
  auto report = t.log->Verify(nullptr);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(ErrorMetadata(report.status())["position"], "9");
}

}  // namespace
}  // namespace concordia::log
