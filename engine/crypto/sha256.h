// SHA-256 (FIPS 180-4) over OpenSSL 3, as a 32-byte value type.
//
// Thread-safety: functions are reentrant; Sha256Hasher is not shared across
// threads.
//
// Example:
//   Sha256Digest d = Sha256("abc");
//   std::string hex = d.ToHex();  // "ba7816bf..."
//   Sha256Hasher h;
//   h.Update("a"); h.Update("bc");
//   assert(h.Finish() == d);
#ifndef CONCORDIA_ENGINE_CRYPTO_SHA256_H_
#define CONCORDIA_ENGINE_CRYPTO_SHA256_H_

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace concordia {

// A SHA-256 digest. Value-initialised digests are all zero bytes.
struct Sha256Digest {
  static constexpr size_t kSize = 32;
  std::array<uint8_t, kSize> bytes{};

  // The digest as 64 lowercase hex characters.
  std::string ToHex() const;
  // The 32 raw bytes.
  absl::string_view AsStringView() const {
    return absl::string_view(reinterpret_cast<const char*>(bytes.data()),
                            kSize);
  }
  // Parses 32 raw bytes; InvalidArgument for another length.
  static absl::StatusOr<Sha256Digest> FromBytes(absl::string_view raw);
  // Parses 64 hex characters; InvalidArgument otherwise.
  static absl::StatusOr<Sha256Digest> FromHex(absl::string_view hex);

  bool IsZero() const;
  friend bool operator==(const Sha256Digest& a, const Sha256Digest& b) {
    return a.bytes == b.bytes;
  }
  friend bool operator!=(const Sha256Digest& a, const Sha256Digest& b) {
    return !(a == b);
  }
};

// SHA-256 of `data`.
Sha256Digest Sha256(absl::string_view data);

// SHA-256 of the concatenation of `parts` (without copying them together),
// e.g. Sha256Concat({"\x01", left, right}) for a Merkle node.
Sha256Digest Sha256Concat(std::initializer_list<absl::string_view> parts);

// Incremental SHA-256.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Update(absl::string_view data);
  // Returns the digest; the hasher is then reset for reuse.
  Sha256Digest Finish();

 private:
  void* ctx_;  // EVP_MD_CTX*
};

}  // namespace concordia

#endif  // CONCORDIA_ENGINE_CRYPTO_SHA256_H_
