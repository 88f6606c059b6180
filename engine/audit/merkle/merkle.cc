#include "engine/audit/merkle/merkle.h"

#include "absl/strings/str_cat.h"

namespace concordia::audit {
namespace {

bool IsPowerOfTwo(uint64_t n) { return n != 0 && (n & (n - 1)) == 0; }

// The largest power of two strictly less than n (n >= 2).
uint64_t SplitPoint(uint64_t n) {
  uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

int Log2(uint64_t n) {
  int l = 0;
  while ((uint64_t{1} << l) < n) ++l;
  return l;
}

absl::Status AppendPath(const NodeReader& nodes, uint64_t m, uint64_t lo,
                        uint64_t hi, std::vector<Sha256Digest>& out) {
  const uint64_t n = hi - lo;
  if (n == 1) return absl::OkStatus();
  const uint64_t k = SplitPoint(n);
  if (m < k) {
    if (absl::Status s = AppendPath(nodes, m, lo, lo + k, out); !s.ok()) return s;
    absl::StatusOr<Sha256Digest> h = SubtreeHash(nodes, lo + k, hi);
    if (!h.ok()) return h.status();
    out.push_back(*h);
  } else {
    if (absl::Status s = AppendPath(nodes, m - k, lo + k, hi, out); !s.ok()) {
      return s;
    }
    absl::StatusOr<Sha256Digest> h = SubtreeHash(nodes, lo, lo + k);
    if (!h.ok()) return h.status();
    out.push_back(*h);
  }
  return absl::OkStatus();
}

absl::Status AppendSubproof(const NodeReader& nodes, uint64_t m, uint64_t lo,
                            uint64_t hi, bool b,
                            std::vector<Sha256Digest>& out) {
  const uint64_t n = hi - lo;
  if (m == n) {
    if (!b) {
      absl::StatusOr<Sha256Digest> h = SubtreeHash(nodes, lo, hi);
      if (!h.ok()) return h.status();
      out.push_back(*h);
    }
    return absl::OkStatus();
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    if (absl::Status s = AppendSubproof(nodes, m, lo, lo + k, b, out); !s.ok()) {
      return s;
    }
    absl::StatusOr<Sha256Digest> h = SubtreeHash(nodes, lo + k, hi);
    if (!h.ok()) return h.status();
    out.push_back(*h);
  } else {
    if (absl::Status s = AppendSubproof(nodes, m - k, lo + k, hi, false, out);
        !s.ok()) {
      return s;
    }
    absl::StatusOr<Sha256Digest> h = SubtreeHash(nodes, lo, lo + k);
    if (!h.ok()) return h.status();
    out.push_back(*h);
  }
  return absl::OkStatus();
}

}  // namespace

Sha256Digest LeafHash(absl::string_view leaf) {
  return Sha256Concat({absl::string_view("\x00", 1), leaf});
}

Sha256Digest NodeHash(const Sha256Digest& left, const Sha256Digest& right) {
  return Sha256Concat({absl::string_view("\x01", 1), left.AsStringView(),
                       right.AsStringView()});
}

Sha256Digest EmptyRoot() { return Sha256(""); }

absl::StatusOr<Sha256Digest> MemoryNodes::GetNode(int level,
                                                  uint64_t index) const {
  auto it = nodes_.find({level, index});
  if (it == nodes_.end()) {
    return absl::NotFoundError(
        absl::StrCat("no Merkle node at level ", level, " index ", index));
  }
  return it->second;
}

std::vector<StoredNode> CompactRange::Append(const Sha256Digest& leaf_hash) {
  std::vector<StoredNode> completed;
  uint64_t index = size_;
  int level = 0;
  Sha256Digest current = leaf_hash;
  completed.push_back({0, index, current});
  while (index & 1) {
    current = NodeHash(hashes_.back(), current);
    hashes_.pop_back();
    index >>= 1;
    ++level;
    completed.push_back({level, index, current});
  }
  hashes_.push_back(current);
  ++size_;
  return completed;
}

Sha256Digest CompactRange::Root() const {
  if (hashes_.empty()) return EmptyRoot();
  Sha256Digest r = hashes_.back();
  for (size_t i = hashes_.size() - 1; i-- > 0;) r = NodeHash(hashes_[i], r);
  return r;
}

absl::StatusOr<CompactRange> CompactRange::Restore(const NodeReader& nodes,
                                                   uint64_t size) {
  CompactRange range;
  uint64_t start = 0;
  for (int level = 63; level >= 0; --level) {
    if ((size >> level) & 1) {
      absl::StatusOr<Sha256Digest> h = nodes.GetNode(level, start >> level);
      if (!h.ok()) return h.status();
      range.hashes_.push_back(*h);
      start += uint64_t{1} << level;
    }
  }
  range.size_ = size;
  return range;
}

absl::StatusOr<Sha256Digest> SubtreeHash(const NodeReader& nodes,
                                         uint64_t begin, uint64_t end) {
  const uint64_t n = end - begin;
  if (n == 0) return EmptyRoot();
  if (IsPowerOfTwo(n)) {
    if (begin % n != 0) {
      return absl::InternalError("unaligned perfect subtree");
    }
    return nodes.GetNode(Log2(n), begin / n);
  }
  const uint64_t k = SplitPoint(n);
  absl::StatusOr<Sha256Digest> left = SubtreeHash(nodes, begin, begin + k);
  if (!left.ok()) return left.status();
  absl::StatusOr<Sha256Digest> right = SubtreeHash(nodes, begin + k, end);
  if (!right.ok()) return right.status();
  return NodeHash(*left, *right);
}

absl::StatusOr<Sha256Digest> RootAt(const NodeReader& nodes, uint64_t size) {
  return SubtreeHash(nodes, 0, size);
}

absl::StatusOr<std::vector<Sha256Digest>> InclusionProof(
    const NodeReader& nodes, uint64_t index, uint64_t size) {
  if (index >= size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "leaf index ", index, " is not in a tree of size ", size));
  }
  std::vector<Sha256Digest> out;
  if (absl::Status s = AppendPath(nodes, index, 0, size, out); !s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<Sha256Digest>> ConsistencyProof(
    const NodeReader& nodes, uint64_t old_size, uint64_t new_size) {
  if (old_size > new_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "old size ", old_size, " is larger than new size ", new_size));
  }
  std::vector<Sha256Digest> out;
  if (old_size == 0 || old_size == new_size) return out;
  if (absl::Status s =
          AppendSubproof(nodes, old_size, 0, new_size, true, out);
      !s.ok()) {
    return s;
  }
  return out;
}

absl::StatusOr<Sha256Digest> RootFromInclusionProof(
    const Sha256Digest& leaf_hash, uint64_t index, uint64_t size,
    const std::vector<Sha256Digest>& proof) {
  if (index >= size) {
    return absl::InvalidArgumentError("leaf index beyond the tree");
  }
  uint64_t fn = index, sn = size - 1;
  Sha256Digest r = leaf_hash;
  for (const Sha256Digest& p : proof) {
    if (sn == 0) return absl::InvalidArgumentError("proof too long");
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return absl::InvalidArgumentError("proof too short");
  return r;
}

bool VerifyInclusion(const Sha256Digest& leaf_hash, uint64_t index,
                     uint64_t size, const std::vector<Sha256Digest>& proof,
                     const Sha256Digest& root) {
  absl::StatusOr<Sha256Digest> r =
      RootFromInclusionProof(leaf_hash, index, size, proof);
  return r.ok() && *r == root;
}

bool VerifyConsistency(uint64_t old_size, uint64_t new_size,
                       const std::vector<Sha256Digest>& proof,
                       const Sha256Digest& old_root,
                       const Sha256Digest& new_root) {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty();
  if (proof.empty()) return false;
  std::vector<Sha256Digest> path = proof;
  if (IsPowerOfTwo(old_size)) path.insert(path.begin(), old_root);
  uint64_t fn = old_size - 1, sn = new_size - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Sha256Digest fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Sha256Digest& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == old_root && sr == new_root && sn == 0;
}

}  // namespace concordia::audit
