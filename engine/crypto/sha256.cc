#include "engine/crypto/sha256.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace concordia {
namespace {

const EVP_MD* Sha256Md() {
  // Fetched once: implicit fetches on every digest cost more than the hash.
  static const EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

// One digest context per thread, reused: allocating a context (or the
// one-shot SHA256(), which also fetches the algorithm) costs as much as
// hashing a few hundred bytes, and the log hashes every record.
EVP_MD_CTX* ThreadContext() {
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(
      EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (ctx == nullptr) std::abort();  // out of memory: cannot go on
  return ctx.get();
}

}  // namespace

std::string Sha256Digest::ToHex() const {
  return absl::BytesToHexString(AsStringView());
}

absl::StatusOr<Sha256Digest> Sha256Digest::FromBytes(absl::string_view raw) {
  if (raw.size() != kSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("a SHA-256 digest has 32 bytes, not ", raw.size()));
  }
  Sha256Digest d;
  std::copy(raw.begin(), raw.end(), d.bytes.begin());
  return d;
}

absl::StatusOr<Sha256Digest> Sha256Digest::FromHex(absl::string_view hex) {
  if (hex.size() != 2 * kSize) {
    return absl::InvalidArgumentError("a SHA-256 digest has 64 hex characters");
  }
  for (char c : hex) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
      return absl::InvalidArgumentError(
          absl::StrCat("not a hex digit: '", std::string(1, c), "'"));
    }
  }
  return FromBytes(absl::HexStringToBytes(hex));
}

bool Sha256Digest::IsZero() const {
  for (uint8_t b : bytes) {
    if (b != 0) return false;
  }
  return true;
}

Sha256Digest Sha256Concat(std::initializer_list<absl::string_view> parts) {
  EVP_MD_CTX* ctx = ThreadContext();
  Sha256Digest d;
  unsigned int len = 0;
  if (EVP_DigestInit_ex2(ctx, Sha256Md(), nullptr) != 1) std::abort();
  for (absl::string_view part : parts) {
    EVP_DigestUpdate(ctx, part.data(), part.size());
  }
  EVP_DigestFinal_ex(ctx, d.bytes.data(), &len);
  return d;
}

Sha256Digest Sha256(absl::string_view data) { return Sha256Concat({data}); }

Sha256Hasher::Sha256Hasher() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr ||
      EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), Sha256Md(), nullptr) !=
          1) {
    std::abort();  // out of memory or no SHA-256 provider: cannot go on
  }
}

Sha256Hasher::~Sha256Hasher() {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
}

void Sha256Hasher::Update(absl::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
}

Sha256Digest Sha256Hasher::Finish() {
  Sha256Digest d;
  unsigned int len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), d.bytes.data(), &len);
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), Sha256Md(), nullptr);
  return d;
}

}  // namespace concordia
