// The RFC 6962 Merkle tree over the log: hashing, an incremental tree
// maintained on append, and inclusion and consistency proofs with their
// offline verification (RFC 9162 sections 2.1.3-2.1.4).
//
// Hashes: leaf = SHA-256(0x00 || leaf bytes), node = SHA-256(0x01 || left ||
// right), empty tree = SHA-256(""). The leaf bytes are the log's stored
// records (engine/log/FORMAT.md), in position order: leaf index = position - 1.
//
// Storage (engine/audit/README.md): the hash of every *perfect*
// subtree — 2^level leaves starting at index * 2^level — is stored once, when
// its last leaf is appended. Any root or proof then needs O(log n) stored
// nodes; nothing is ever recomputed over the whole log.
//
// Thread-safety: the free functions are pure; CompactRange is a value; a
// NodeReader's thread-safety is its implementation's.
//
// Example:
//   CompactRange tree;                       // the right edge, size 0
//   std::vector<StoredNode> nodes = tree.Append(LeafHash(record_bytes));
//   // ... write `nodes` in the same batch as the record ...
//   auto proof = InclusionProof(reader, /*index=*/4, /*size=*/tree.size());
//   bool ok = VerifyInclusion(leaf, 4, tree.size(), *proof, tree.Root());
#ifndef CONCORDIA_ENGINE_AUDIT_MERKLE_MERKLE_H_
#define CONCORDIA_ENGINE_AUDIT_MERKLE_MERKLE_H_

#include <cstdint>
#include <map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/crypto/sha256.h"

namespace concordia::audit {

Sha256Digest LeafHash(absl::string_view leaf);
Sha256Digest NodeHash(const Sha256Digest& left, const Sha256Digest& right);
Sha256Digest EmptyRoot();

// The hash of a perfect subtree: 2^level leaves from index * 2^level.
struct StoredNode {
  int level = 0;
  uint64_t index = 0;
  Sha256Digest hash;
};

// Reads stored perfect-subtree hashes. kNotFound when absent.
class NodeReader {
 public:
  virtual ~NodeReader() = default;
  virtual absl::StatusOr<Sha256Digest> GetNode(int level,
                                               uint64_t index) const = 0;
};

// A NodeReader over a map, for tests and small trees.
class MemoryNodes final : public NodeReader {
 public:
  absl::StatusOr<Sha256Digest> GetNode(int level,
                                       uint64_t index) const override;
  void Put(const StoredNode& n) { nodes_[{n.level, n.index}] = n.hash; }
  size_t size() const { return nodes_.size(); }

 private:
  std::map<std::pair<int, uint64_t>, Sha256Digest> nodes_;
};

// The right edge of the tree: the perfect subtrees whose concatenation is
// the whole tree (at most 64). Appending a leaf returns the nodes it
// completes, to be stored.
class CompactRange {
 public:
  uint64_t size() const { return size_; }
  std::vector<StoredNode> Append(const Sha256Digest& leaf_hash);
  Sha256Digest Root() const;
  // Restores the range of a tree of `size` from stored nodes (O(log n)).
  static absl::StatusOr<CompactRange> Restore(const NodeReader& nodes,
                                              uint64_t size);

 private:
  uint64_t size_ = 0;
  std::vector<Sha256Digest> hashes_;  // from the largest subtree to the smallest
};

// MTH of the leaves [begin, end) of a tree whose stored nodes cover at least
// `end` leaves.
absl::StatusOr<Sha256Digest> SubtreeHash(const NodeReader& nodes,
                                         uint64_t begin, uint64_t end);
absl::StatusOr<Sha256Digest> RootAt(const NodeReader& nodes, uint64_t size);

// RFC 6962 2.1.1: the audit path of leaf `index` in the tree of `size`.
absl::StatusOr<std::vector<Sha256Digest>> InclusionProof(
    const NodeReader& nodes, uint64_t index, uint64_t size);
// RFC 6962 2.1.2: the consistency proof from `old_size` to `new_size`.
absl::StatusOr<std::vector<Sha256Digest>> ConsistencyProof(
    const NodeReader& nodes, uint64_t old_size, uint64_t new_size);

// RFC 9162 2.1.3.2: recomputes the root from a leaf and its path.
absl::StatusOr<Sha256Digest> RootFromInclusionProof(
    const Sha256Digest& leaf_hash, uint64_t index, uint64_t size,
    const std::vector<Sha256Digest>& proof);
bool VerifyInclusion(const Sha256Digest& leaf_hash, uint64_t index,
                     uint64_t size, const std::vector<Sha256Digest>& proof,
                     const Sha256Digest& root);
// RFC 9162 2.1.4.2.
bool VerifyConsistency(uint64_t old_size, uint64_t new_size,
                       const std::vector<Sha256Digest>& proof,
                       const Sha256Digest& old_root,
                       const Sha256Digest& new_root);

}  // namespace concordia::audit

#endif  // CONCORDIA_ENGINE_AUDIT_MERKLE_MERKLE_H_
