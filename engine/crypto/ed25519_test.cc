#include "engine/crypto/ed25519.h"

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace concordia {
namespace {

// RFC 8032 section 7.1, TEST 1 (empty message).
TEST(Ed25519Test, Rfc8032Vector1) {
  auto key = Ed25519PrivateKey::FromSeed(absl::HexStringToBytes(
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(absl::BytesToHexString(key->PublicKey().bytes()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const std::string sig = key->Sign("");
  EXPECT_EQ(absl::BytesToHexString(sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(key->PublicKey().Verify("", sig));
  std::string bad = sig;
  bad[0] ^= 1;
  EXPECT_FALSE(key->PublicKey().Verify("", bad));
  EXPECT_FALSE(key->PublicKey().Verify("x", sig));
  EXPECT_FALSE(key->PublicKey().Verify("", sig.substr(0, 63)));
}

TEST(Ed25519Test, GeneratedKeysSignAndBadInputIsRejected) {
  auto key = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(key->PublicKey().Verify("m", key->Sign("m")));
  EXPECT_EQ(Ed25519PrivateKey::FromSeed("short").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Ed25519PublicKey::FromBytes("short").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace concordia
