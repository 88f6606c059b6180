#include "engine/crypto/sha256.h"

#include <string>

#include "gtest/gtest.h"

namespace concordia {
namespace {

// FIPS 180-2 appendix B examples.
TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256("").ToHex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256("abc").ToHex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(
      Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").ToHex(),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, IncrementalEqualsOneShotAndResets) {
  Sha256Hasher h;
  h.Update("ab");
  h.Update("c");
  EXPECT_EQ(h.Finish(), Sha256("abc"));
  h.Update("");
  EXPECT_EQ(h.Finish(), Sha256(""));
}

TEST(Sha256Test, ConcatEqualsTheHashOfTheJoinedParts) {
  EXPECT_EQ(Sha256Concat({"a", "", "bc"}), Sha256("abc"));
  EXPECT_EQ(Sha256Concat({}), Sha256(""));
  const std::string big(100000, 'z');
  EXPECT_EQ(Sha256Concat({big, "!"}), Sha256(big + "!"));
}

TEST(Sha256Test, ParsesHexAndBytes) {
  const Sha256Digest d = Sha256("abc");
  auto from_hex = Sha256Digest::FromHex(d.ToHex());
  ASSERT_TRUE(from_hex.ok());
  EXPECT_EQ(*from_hex, d);
  auto from_bytes = Sha256Digest::FromBytes(d.AsStringView());
  ASSERT_TRUE(from_bytes.ok());
  EXPECT_EQ(*from_bytes, d);
  EXPECT_EQ(Sha256Digest::FromHex("zz").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Sha256Digest::FromHex(std::string(64, 'g')).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Sha256Digest::FromBytes("short").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(Sha256Digest().IsZero());
  EXPECT_FALSE(d.IsZero());
}

}  // namespace
}  // namespace concordia
