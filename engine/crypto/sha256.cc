#include "engine/crypto/sha256.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace concordia {
namespace {

const EVP_MD* Sha256Md() {
  // Fetched once: implicit fetches on every digest cost more than the hash.
  static const EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
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

Sha256Digest Sha256(absl::string_view data) {
  Sha256Digest d;
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         d.bytes.data());
  return d;
}

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
