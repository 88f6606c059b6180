#include "engine/log/record_codec.h"

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace concordia::log {
namespace {

// The record of the golden test, field by field as in FORMAT.md.
Record GoldenRecord() {
  Record r;
  r.position = 7;
  r.stream = "c/d/1";
  r.stream_version = 2;
  for (int i = 0; i < 16; ++i) r.id.bytes[i] = static_cast<uint8_t>(i);
  r.type = "t.E";
  r.schema_version = 1;
  r.payload = "hi";
  r.metadata.principal = "p";
  r.metadata.command_id = "c";
  r.recorded_at = absl::FromUnixMicros(1000000);
  r.metadata.effective_time = absl::FromUnixMicros(2000000);
  r.prev_hash.bytes.fill(0x11);
  return r;
}

// The body written out by hand from FORMAT.md.
const char kGoldenBodyHex[] =
    "01"                                // format
    "0000000000000007"                  // position
    "00000005" "632f642f31"             // stream "c/d/1"
    "0000000000000002"                  // stream version
    "000102030405060708090a0b0c0d0e0f"  // event id
    "00000003" "742e45"                 // type "t.E"
    "00000001"                          // schema version
    "00000002" "6869"                   // payload "hi"
    "00000001" "70"                     // principal "p"
    "00000001" "63"                     // command id "c"
    "00000000"                          // correlation id ""
    "00000000"                          // causation id ""
    "00000000000f4240"                  // recorded at, 1 s in micros
    "00000000001e8480"                  // effective time, 2 s in micros
    "1111111111111111111111111111111111111111111111111111111111111111";

// SHA-256 of the golden body, computed independently (Python's hashlib).
const char kGoldenHashHex[] =
    "b6537c4adce6cdefa1e8aff2ef5fef989ed556a7b8779c2639b5854b5da55f63";

TEST(RecordCodecTest, GoldenBytesAndHash) {
  Record r = GoldenRecord();
  const std::string stored = EncodeRecord(&r);
  EXPECT_EQ(absl::BytesToHexString(stored),
            std::string(kGoldenBodyHex) + kGoldenHashHex);
  EXPECT_EQ(r.hash.ToHex(), kGoldenHashHex);
}

TEST(RecordCodecTest, RoundTrip) {
  Record r = GoldenRecord();
  const std::string stored = EncodeRecord(&r);
  absl::StatusOr<Record> back = DecodeRecord(stored);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->position, 7u);
  EXPECT_EQ(back->stream, "c/d/1");
  EXPECT_EQ(back->stream_version, 2u);
  EXPECT_EQ(back->id, r.id);
  EXPECT_EQ(back->type, "t.E");
  EXPECT_EQ(back->schema_version, 1u);
  EXPECT_EQ(back->payload, "hi");
  EXPECT_EQ(back->metadata.principal, "p");
  EXPECT_EQ(back->metadata.command_id, "c");
  EXPECT_EQ(back->metadata.correlation_id, "");
  EXPECT_EQ(back->recorded_at, absl::FromUnixMicros(1000000));
  EXPECT_EQ(back->metadata.effective_time, absl::FromUnixMicros(2000000));
  EXPECT_EQ(back->prev_hash, r.prev_hash);
  EXPECT_EQ(back->hash, r.hash);
  EXPECT_EQ(*RecomputeRecordHash(stored), r.hash);
}

TEST(RecordCodecTest, EveryFieldChangesTheHash) {
  const Record base = GoldenRecord();
  Record copy = base;
  EncodeRecord(&copy);
  const Sha256Digest base_hash = copy.hash;
  std::vector<void (*)(Record&)> edits = {
      [](Record& r) { r.position++; },
      [](Record& r) { r.stream += "x"; },
      [](Record& r) { r.stream_version++; },
      [](Record& r) { r.id.bytes[15] ^= 1; },
      [](Record& r) { r.type += "x"; },
      [](Record& r) { r.schema_version++; },
      [](Record& r) { r.payload += "x"; },
      [](Record& r) { r.metadata.principal += "x"; },
      [](Record& r) { r.metadata.command_id += "x"; },
      [](Record& r) { r.metadata.correlation_id += "x"; },
      [](Record& r) { r.metadata.causation_id += "x"; },
      [](Record& r) { r.recorded_at += absl::Microseconds(1); },
      [](Record& r) { r.metadata.effective_time += absl::Microseconds(1); },
      [](Record& r) { r.prev_hash.bytes[0] ^= 1; },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    Record r = base;
    edits[i](r);
    EncodeRecord(&r);
    EXPECT_NE(r.hash, base_hash) << "edit " << i;
  }
}

TEST(RecordCodecTest, MalformedBytesAreDataLoss) {
  Record r = GoldenRecord();
  const std::string stored = EncodeRecord(&r);
  EXPECT_EQ(DecodeRecord("").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeRecord(stored.substr(0, 40)).status().code(),
            absl::StatusCode::kDataLoss);
  std::string bad_format = stored;
  bad_format[0] = 0x02;
  EXPECT_EQ(DecodeRecord(bad_format).status().code(),
            absl::StatusCode::kDataLoss);
  std::string longer = stored;
  longer.insert(10, "x");
  EXPECT_EQ(DecodeRecord(longer).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(RecomputeRecordHash("short").status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(RecordCodecTest, PeekReadsStreamAndType) {
  Record r = GoldenRecord();
  const std::string stored = EncodeRecord(&r);
  absl::string_view stream, type;
  ASSERT_TRUE(PeekStreamAndType(stored, &stream, &type));
  EXPECT_EQ(stream, "c/d/1");
  EXPECT_EQ(type, "t.E");
  EXPECT_FALSE(PeekStreamAndType(stored.substr(0, 12), &stream, &type));
}

}  // namespace
}  // namespace concordia::log
