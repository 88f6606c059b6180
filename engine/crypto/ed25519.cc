#include "engine/crypto/ed25519.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace concordia {
namespace {

struct PkeyDeleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct CtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using Ctx = std::unique_ptr<EVP_MD_CTX, CtxDeleter>;

const unsigned char* U(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

absl::StatusOr<Ed25519PublicKey> Ed25519PublicKey::FromBytes(
    absl::string_view raw) {
  if (raw.size() != 32) {
    return absl::InvalidArgumentError("an Ed25519 public key has 32 bytes");
  }
  return Ed25519PublicKey(std::string(raw));
}

bool Ed25519PublicKey::Verify(absl::string_view message,
                              absl::string_view signature) const {
  if (signature.size() != 64) return false;
  Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, U(raw_),
                                       raw_.size()));
  Ctx ctx(EVP_MD_CTX_new());
  if (key == nullptr || ctx == nullptr ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) !=
          1) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), U(signature), signature.size(),
                          U(message), message.size()) == 1;
}

absl::StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::FromSeed(
    absl::string_view seed) {
  if (seed.size() != 32) {
    return absl::InvalidArgumentError("an Ed25519 seed has 32 bytes");
  }
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, U(seed),
                                        seed.size()));
  if (key == nullptr) return absl::InternalError("OpenSSL rejected the seed");
  unsigned char pub[32];
  size_t len = sizeof(pub);
  if (EVP_PKEY_get_raw_public_key(key.get(), pub, &len) != 1 || len != 32) {
    return absl::InternalError("cannot derive the public key");
  }
  return Ed25519PrivateKey(
      std::string(seed),
      Ed25519PublicKey(std::string(reinterpret_cast<char*>(pub), 32)));
}

absl::StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::Generate() {
  unsigned char seed[32];
  if (RAND_bytes(seed, sizeof(seed)) != 1) {
    return absl::UnavailableError("no secure random source");
  }
  return FromSeed(absl::string_view(reinterpret_cast<char*>(seed), 32));
}

std::string Ed25519PrivateKey::Sign(absl::string_view message) const {
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, U(seed_),
                                        seed_.size()));
  Ctx ctx(EVP_MD_CTX_new());
  std::string sig(64, '\0');
  size_t len = sig.size();
  if (key == nullptr || ctx == nullptr ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()),
                     &len, U(message), message.size()) != 1) {
    return std::string();
  }
  return sig;
}

}  // namespace concordia
