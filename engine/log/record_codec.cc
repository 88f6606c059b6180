#include "engine/log/record_codec.h"

#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"

namespace concordia::log {
namespace {

void PutBigEndian32(std::string* out, uint32_t v) {
  char buf[4];
  for (int i = 3; i >= 0; --i) {
    buf[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out->append(buf, 4);
}

void PutBytes(std::string* out, absl::string_view bytes) {
  PutBigEndian32(out, static_cast<uint32_t>(bytes.size()));
  out->append(bytes.data(), bytes.size());
}

// A cursor over the body being decoded; every read checks bounds.
class Reader {
 public:
  explicit Reader(absl::string_view in) : in_(in) {}

  bool U8(uint8_t* v) {
    if (in_.size() < 1) return false;
    *v = static_cast<uint8_t>(in_[0]);
    in_.remove_prefix(1);
    return true;
  }
  bool U32(uint32_t* v) {
    if (in_.size() < 4) return false;
    uint32_t r = 0;
    for (int i = 0; i < 4; ++i) r = (r << 8) | static_cast<uint8_t>(in_[i]);
    *v = r;
    in_.remove_prefix(4);
    return true;
  }
  bool U64(uint64_t* v) {
    if (in_.size() < 8) return false;
    *v = GetBigEndian64(in_);
    in_.remove_prefix(8);
    return true;
  }
  bool Bytes(std::string* out) {
    uint32_t n;
    if (!U32(&n) || in_.size() < n) return false;
    out->assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool Fixed(uint8_t* out, size_t n) {
    if (in_.size() < n) return false;
    std::memcpy(out, in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool AtEnd() const { return in_.empty(); }

 private:
  absl::string_view in_;
};

}  // namespace

void PutBigEndian64(std::string* out, uint64_t v) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out->append(buf, 8);
}

uint64_t GetBigEndian64(absl::string_view in) {
  uint64_t r = 0;
  for (int i = 0; i < 8; ++i) r = (r << 8) | static_cast<uint8_t>(in[i]);
  return r;
}

int64_t ToStoredMicros(absl::Time t) {
  if (t == absl::InfinitePast()) return std::numeric_limits<int64_t>::min();
  if (t == absl::InfiniteFuture()) return std::numeric_limits<int64_t>::max();
  return absl::ToUnixMicros(t);
}

absl::Time FromStoredMicros(int64_t micros) {
  if (micros == std::numeric_limits<int64_t>::min()) return absl::InfinitePast();
  if (micros == std::numeric_limits<int64_t>::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromUnixMicros(micros);
}

std::string EncodeRecord(Record* r) {
  std::string out;
  out.reserve(128 + r->stream.size() + r->type.size() + r->payload.size() +
              r->metadata.principal.size() + r->metadata.command_id.size() +
              r->metadata.correlation_id.size() +
              r->metadata.causation_id.size());
  out.push_back(static_cast<char>(kRecordFormatV1));
  PutBigEndian64(&out, r->position);
  PutBytes(&out, r->stream);
  PutBigEndian64(&out, r->stream_version);
  out.append(r->id.AsStringView().data(), 16);
  PutBytes(&out, r->type);
  PutBigEndian32(&out, r->schema_version);
  PutBytes(&out, r->payload);
  PutBytes(&out, r->metadata.principal);
  PutBytes(&out, r->metadata.command_id);
  PutBytes(&out, r->metadata.correlation_id);
  PutBytes(&out, r->metadata.causation_id);
  PutBigEndian64(&out, static_cast<uint64_t>(ToStoredMicros(r->recorded_at)));
  PutBigEndian64(&out, static_cast<uint64_t>(
                           ToStoredMicros(r->metadata.effective_time)));
  out.append(r->prev_hash.AsStringView().data(), Sha256Digest::kSize);
  r->hash = Sha256(out);
  out.append(r->hash.AsStringView().data(), Sha256Digest::kSize);
  return out;
}

absl::StatusOr<Record> DecodeRecord(absl::string_view stored) {
  if (stored.size() < 1 + Sha256Digest::kSize) {
    return absl::DataLossError(
        absl::StrCat("record: ", stored.size(), " bytes is too short"));
  }
  Reader in(stored.substr(0, stored.size() - Sha256Digest::kSize));
  Record r;
  uint8_t format = 0;
  uint64_t recorded = 0, effective = 0;
  if (!in.U8(&format) || format != kRecordFormatV1) {
    return absl::DataLossError(
        absl::StrCat("record: unknown format byte ", format));
  }
  const bool ok = in.U64(&r.position) && in.Bytes(&r.stream) &&
                  in.U64(&r.stream_version) && in.Fixed(r.id.bytes.data(), 16) &&
                  in.Bytes(&r.type) && in.U32(&r.schema_version) &&
                  in.Bytes(&r.payload) && in.Bytes(&r.metadata.principal) &&
                  in.Bytes(&r.metadata.command_id) &&
                  in.Bytes(&r.metadata.correlation_id) &&
                  in.Bytes(&r.metadata.causation_id) && in.U64(&recorded) &&
                  in.U64(&effective) &&
                  in.Fixed(r.prev_hash.bytes.data(), Sha256Digest::kSize) &&
                  in.AtEnd();
  if (!ok) {
    return absl::DataLossError("record: malformed body (field lengths do not "
                               "match the stored size)");
  }
  r.recorded_at = FromStoredMicros(static_cast<int64_t>(recorded));
  r.metadata.effective_time = FromStoredMicros(static_cast<int64_t>(effective));
  std::memcpy(r.hash.bytes.data(),
              stored.data() + stored.size() - Sha256Digest::kSize,
              Sha256Digest::kSize);
  return r;
}

bool PeekStreamAndType(absl::string_view stored, absl::string_view* stream,
                       absl::string_view* type) {
  auto length_at = [&](size_t offset, uint32_t* n) {
    if (stored.size() < offset + 4) return false;
    uint32_t r = 0;
    for (int i = 0; i < 4; ++i) {
      r = (r << 8) | static_cast<uint8_t>(stored[offset + i]);
    }
    *n = r;
    return true;
  };
  uint32_t stream_len = 0, type_len = 0;
  const size_t stream_at = 1 + 8;
  if (!length_at(stream_at, &stream_len)) return false;
  const size_t type_at = stream_at + 4 + stream_len + 8 + 16;
  if (!length_at(type_at, &type_len)) return false;
  if (stored.size() < type_at + 4 + type_len) return false;
  *stream = stored.substr(stream_at + 4, stream_len);
  *type = stored.substr(type_at + 4, type_len);
  return true;
}

absl::StatusOr<Sha256Digest> RecomputeRecordHash(absl::string_view stored) {
  if (stored.size() < Sha256Digest::kSize + 1) {
    return absl::DataLossError(
        absl::StrCat("record: ", stored.size(), " bytes is too short"));
  }
  return Sha256(stored.substr(0, stored.size() - Sha256Digest::kSize));
}

}  // namespace concordia::log
