// Record encoding: the canonical, deterministic bytes of a stored event, its
// SHA-256 hash, and the big-endian key helpers of the RocksDB layout.
//
// The byte layout is specified in engine/log/FORMAT.md and pinned by golden
// tests (record_codec_test.cc). Changing it breaks every stored hash.
//
// Thread-safety: pure functions.
//
// Example:
//   std::string stored = EncodeRecord(record);      // body || hash
//   absl::StatusOr<Record> back = DecodeRecord(stored);
//   bool intact = VerifyRecordHash(stored).ok();
#ifndef CONCORDIA_ENGINE_LOG_RECORD_CODEC_H_
#define CONCORDIA_ENGINE_LOG_RECORD_CODEC_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/log/types.h"

namespace concordia::log {

// The first byte of every encoded record body.
inline constexpr uint8_t kRecordFormatV1 = 0x01;

// Encodes every field of `record` except `hash` (the body), computes
// hash = SHA-256(body), stores it in record->hash and returns body || hash.
std::string EncodeRecord(Record* record);

// Decodes stored bytes (body || hash). The returned record's hash is the
// stored one; use VerifyRecordHash to check it. kDataLoss when the bytes are
// not a well-formed record.
absl::StatusOr<Record> DecodeRecord(absl::string_view stored);

// Recomputes SHA-256 over the body of `stored` and returns it. kDataLoss when
// `stored` is too short to hold a hash.
absl::StatusOr<Sha256Digest> RecomputeRecordHash(absl::string_view stored);

// Reads the stream name and event type of stored bytes without decoding the
// rest (for filtering). Returns false when the bytes are malformed.
bool PeekStreamAndType(absl::string_view stored, absl::string_view* stream,
                       absl::string_view* type);

// Appends a big-endian uint64 to `out`.
void PutBigEndian64(std::string* out, uint64_t v);
// Reads a big-endian uint64 from the first 8 bytes of `in` (REQUIRES: size>=8).
uint64_t GetBigEndian64(absl::string_view in);

// Microseconds since the Unix epoch, as stored. Infinite times are clamped.
int64_t ToStoredMicros(absl::Time t);
absl::Time FromStoredMicros(int64_t micros);

}  // namespace concordia::log

#endif  // CONCORDIA_ENGINE_LOG_RECORD_CODEC_H_
