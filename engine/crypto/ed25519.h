// Ed25519 signatures (RFC 8032) over OpenSSL 3.
//
// Thread-safety: Ed25519PrivateKey and Ed25519PublicKey are immutable and
// safe to share.
//
// Example:
//   auto key = Ed25519PrivateKey::FromSeed(seed32);
//   std::string sig = key->Sign("message");
//   bool ok = key->PublicKey().Verify("message", sig);
#ifndef CONCORDIA_ENGINE_CRYPTO_ED25519_H_
#define CONCORDIA_ENGINE_CRYPTO_ED25519_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace concordia {

class Ed25519PublicKey {
 public:
  // 32 raw bytes; kInvalidArgument otherwise.
  static absl::StatusOr<Ed25519PublicKey> FromBytes(absl::string_view raw);
  const std::string& bytes() const { return raw_; }
  // Whether `signature` (64 bytes) signs `message`.
  bool Verify(absl::string_view message, absl::string_view signature) const;

 private:
  friend class Ed25519PrivateKey;
  explicit Ed25519PublicKey(std::string raw) : raw_(std::move(raw)) {}
  std::string raw_;
};

class Ed25519PrivateKey {
 public:
  // From the 32-byte seed of RFC 8032.
  static absl::StatusOr<Ed25519PrivateKey> FromSeed(absl::string_view seed);
  // A new key from the system's secure random source.
  static absl::StatusOr<Ed25519PrivateKey> Generate();

  const std::string& seed() const { return seed_; }
  const Ed25519PublicKey& PublicKey() const { return public_key_; }
  // The 64-byte signature of `message`.
  std::string Sign(absl::string_view message) const;

 private:
  Ed25519PrivateKey(std::string seed, Ed25519PublicKey pub)
      : seed_(std::move(seed)), public_key_(std::move(pub)) {}
  std::string seed_;
  Ed25519PublicKey public_key_;
};

}  // namespace concordia

#endif  // CONCORDIA_ENGINE_CRYPTO_ED25519_H_
