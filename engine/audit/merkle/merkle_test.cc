// RFC 6962 vectors, and every proof up to 64 leaves checked against a direct
// recursive implementation of the RFC's definitions.
#include "engine/audit/merkle/merkle.h"

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace concordia::audit {
namespace {

// Leaf inputs and roots for sizes 1..8 from transparency-dev/merkle
// testonly/constants.go.
const char* kLeaves[] = {"",         "00",
                         "10",       "2021",
                         "3031",     "40414243",
                         "5051525354555657",
                         "606162636465666768696a6b6c6d6e6f"};
const char* kRoots[] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

// --- The RFC's definitions, written directly (section 2.1).
using Leaves = std::vector<Sha256Digest>;  // leaf hashes

uint64_t K(uint64_t n) {
  uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

Sha256Digest Mth(const Leaves& d, uint64_t lo, uint64_t hi) {
  if (hi - lo == 0) return EmptyRoot();
  if (hi - lo == 1) return d[lo];
  const uint64_t k = K(hi - lo);
  return NodeHash(Mth(d, lo, lo + k), Mth(d, lo + k, hi));
}

std::vector<Sha256Digest> Path(const Leaves& d, uint64_t m, uint64_t lo,
                               uint64_t hi) {
  if (hi - lo == 1) return {};
  const uint64_t k = K(hi - lo);
  std::vector<Sha256Digest> p;
  if (m < k) {
    p = Path(d, m, lo, lo + k);
    p.push_back(Mth(d, lo + k, hi));
  } else {
    p = Path(d, m - k, lo + k, hi);
    p.push_back(Mth(d, lo, lo + k));
  }
  return p;
}

std::vector<Sha256Digest> Subproof(const Leaves& d, uint64_t m, uint64_t lo,
                                   uint64_t hi, bool b) {
  if (m == hi - lo) {
    if (b) return {};
    return {Mth(d, lo, hi)};
  }
  const uint64_t k = K(hi - lo);
  std::vector<Sha256Digest> p;
  if (m <= k) {
    p = Subproof(d, m, lo, lo + k, b);
    p.push_back(Mth(d, lo + k, hi));
  } else {
    p = Subproof(d, m - k, lo + k, hi, false);
    p.push_back(Mth(d, lo, lo + k));
  }
  return p;
}

Leaves Build(uint64_t n, MemoryNodes& nodes, CompactRange& range) {
  Leaves d;
  for (uint64_t i = 0; i < n; ++i) {
    const Sha256Digest leaf = LeafHash("leaf " + std::to_string(i));
    d.push_back(leaf);
    for (const StoredNode& node : range.Append(leaf)) nodes.Put(node);
  }
  return d;
}

TEST(MerkleTest, Rfc6962Vectors) {
  EXPECT_EQ(EmptyRoot().ToHex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CompactRange range;
  MemoryNodes nodes;
  for (int i = 0; i < 8; ++i) {
    for (const StoredNode& n :
         range.Append(LeafHash(absl::HexStringToBytes(kLeaves[i])))) {
      nodes.Put(n);
    }
    EXPECT_EQ(range.Root().ToHex(), kRoots[i]) << "size " << i + 1;
    EXPECT_EQ(RootAt(nodes, i + 1)->ToHex(), kRoots[i]);
  }
  // Every perfect subtree is stored exactly once: 8 + 4 + 2 + 1.
  EXPECT_EQ(nodes.size(), 15u);
}

TEST(MerkleTest, EveryInclusionProofUpTo64) {
  MemoryNodes nodes;
  CompactRange range;
  const Leaves d = Build(64, nodes, range);
  for (uint64_t n = 1; n <= 64; ++n) {
    const Sha256Digest root = Mth(d, 0, n);
    ASSERT_EQ(*RootAt(nodes, n), root) << n;
    for (uint64_t m = 0; m < n; ++m) {
      auto proof = InclusionProof(nodes, m, n);
      ASSERT_TRUE(proof.ok());
      ASSERT_EQ(*proof, Path(d, m, 0, n)) << m << "/" << n;
      ASSERT_TRUE(VerifyInclusion(d[m], m, n, *proof, root)) << m << "/" << n;
      // Tampering anywhere fails.
      if (!proof->empty()) {
        auto bad = *proof;
        bad[0].bytes[0] ^= 1;
        ASSERT_FALSE(VerifyInclusion(d[m], m, n, bad, root));
      }
      ASSERT_FALSE(VerifyInclusion(LeafHash("other"), m, n, *proof, root));
      if (m + 1 < n) {
        ASSERT_FALSE(VerifyInclusion(d[m], m + 1, n, *proof, root));
      }
    }
  }
  EXPECT_EQ(InclusionProof(nodes, 5, 5).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(MerkleTest, EveryConsistencyProofUpTo64) {
  MemoryNodes nodes;
  CompactRange range;
  const Leaves d = Build(64, nodes, range);
  for (uint64_t n = 1; n <= 64; ++n) {
    const Sha256Digest new_root = Mth(d, 0, n);
    for (uint64_t m = 1; m <= n; ++m) {
      const Sha256Digest old_root = Mth(d, 0, m);
      auto proof = ConsistencyProof(nodes, m, n);
      ASSERT_TRUE(proof.ok());
      const std::vector<Sha256Digest> want =
          m == n ? std::vector<Sha256Digest>{} : Subproof(d, m, 0, n, true);
      ASSERT_EQ(*proof, want) << m << "->" << n;
      ASSERT_TRUE(VerifyConsistency(m, n, *proof, old_root, new_root))
          << m << "->" << n;
      if (m < n) {
        Sha256Digest wrong = old_root;
        wrong.bytes[31] ^= 1;
        ASSERT_FALSE(VerifyConsistency(m, n, *proof, wrong, new_root));
        auto bad = *proof;
        bad.back().bytes[0] ^= 1;
        ASSERT_FALSE(VerifyConsistency(m, n, bad, old_root, new_root));
      }
    }
  }
  EXPECT_EQ(ConsistencyProof(nodes, 5, 4).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(MerkleTest, TheRightEdgeIsRestoredFromStoredNodes) {
  MemoryNodes nodes;
  CompactRange range;
  Build(45, nodes, range);
  auto restored = CompactRange::Restore(nodes, 45);
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(restored->Root(), range.Root());
  // It continues exactly as the original.
  const Sha256Digest leaf = LeafHash("next");
  restored->Append(leaf);
  range.Append(leaf);
  EXPECT_EQ(restored->Root(), range.Root());
  MemoryNodes empty;
  EXPECT_EQ(CompactRange::Restore(empty, 3).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace concordia::audit
