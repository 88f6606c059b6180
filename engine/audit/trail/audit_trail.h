// AuditTrail: the log's RFC 6962 Merkle tree, kept in the log's own database
// in the same write batch as each group of records, and the signed
// checkpoints of it.
//
// Attach() installs it as the log's commit extension: for every record the
// leaf hash of its exact stored bytes is appended to the tree and the
// perfect-subtree nodes it completes are written with the record. A store
// that had records before the trail existed (or lost its tree) is brought
// up to date at Attach by reading the records once.
//
// Layout (engine/audit/README.md), in the log's RocksDB:
//   CF "merkle":      u64 BE last leaf, u8 level → 32-byte hash
//   CF "checkpoints": u64 BE tree size → the signed checkpoint note
//
// Thread-safety: thread-safe. The commit hooks run on the log's leader.
//
// Example:
//   auto trail = AuditTrail::Attach(log, signer, "concordia.example/log");
//   absl::StatusOr<std::string> note = (*trail)->Checkpoint();
//   auto proof = (*trail)->InclusionProof(position, size);
#ifndef CONCORDIA_ENGINE_AUDIT_TRAIL_AUDIT_TRAIL_H_
#define CONCORDIA_ENGINE_AUDIT_TRAIL_AUDIT_TRAIL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/audit/checkpoint/note.h"
#include "engine/audit/merkle/merkle.h"
#include "engine/common/mutex.h"
#include "engine/log/rocksdb_event_log.h"

namespace concordia::audit {

// The result of re-verifying the whole store with the tree.
struct TrailVerification {
  uint64_t records_checked = 0;
  Sha256Digest head_hash;
  Sha256Digest root;                   // recomputed over all records
  std::optional<Checkpoint> checkpoint;  // the latest signed one
  bool checkpoint_matches = true;      // its root recomputed from the records
};

// Re-verifies a whole store: every record hash and chain link (the log's
// Verify) and the Merkle root recomputed from the records, compared with
// `checkpoint` at its size. Usable offline, without a signer.
absl::StatusOr<TrailVerification> VerifyWholeStore(
    log::EventLog& log, std::optional<Checkpoint> checkpoint,
    log::ProgressFn progress);

// The latest checkpoint note stored in `log`'s database; kNotFound if none.
absl::StatusOr<std::string> StoredCheckpoint(log::RocksEventLog& log);

class AuditTrail final : public log::CommitExtension {
 public:
  // Attaches to `log` (before its first append in this process), catching
  // the tree up with the records already stored.
  static absl::StatusOr<std::unique_ptr<AuditTrail>> Attach(
      log::RocksEventLog* log, NoteSigner signer, std::string origin);
  ~AuditTrail() override;

  // The tree size and root that cover every committed record.
  uint64_t Size() const;
  absl::StatusOr<Sha256Digest> Root(uint64_t size) const;

  // Signs and stores a checkpoint of the tree at the log's committed size;
  // returns the signed note. Idempotent per size.
  absl::StatusOr<std::string> Checkpoint();
  // The latest stored checkpoint note; kNotFound when none.
  absl::StatusOr<std::string> LatestCheckpoint() const;
  const NoteVerifier& verifier() const { return verifier_; }
  const std::string& origin() const { return origin_; }

  // The audit path of the record at `position` in the tree of `size`
  // (<= the committed size). kOutOfRange beyond the log.
  absl::StatusOr<std::vector<Sha256Digest>> InclusionProof(uint64_t position,
                                                           uint64_t size) const;
  absl::StatusOr<std::vector<Sha256Digest>> ConsistencyProof(
      uint64_t old_size, uint64_t new_size) const;

  // Recomputes every record hash, the chain, and the Merkle root from the
  // stored bytes (never trusting stored hashes) and compares the root with
  // the latest checkpoint. kDataLoss names the first bad record.
  absl::StatusOr<TrailVerification> VerifyAll(log::ProgressFn progress);

  // log::CommitExtension.
  absl::Status Stage(uint64_t position, absl::string_view stored,
                     rocksdb::WriteBatch* batch) override;
  void Commit() override;
  void Abort() override;

 private:
  class Reader;
  AuditTrail(log::RocksEventLog* log, NoteSigner signer, std::string origin);
  absl::Status CatchUp();

  log::RocksEventLog* const log_;
  const NoteSigner signer_;
  const NoteVerifier verifier_;
  const std::string origin_;
  rocksdb::ColumnFamilyHandle* merkle_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* checkpoints_cf_ = nullptr;
  std::unique_ptr<Reader> reader_;

  mutable Mutex mu_;
  CompactRange range_ ABSL_GUARDED_BY(mu_);   // as written
  // The group being staged (leader only, between Stage and Commit/Abort).
  std::optional<CompactRange> staged_;
  Mutex checkpoint_mu_;  // one signer at a time
};

}  // namespace concordia::audit

#endif  // CONCORDIA_ENGINE_AUDIT_TRAIL_AUDIT_TRAIL_H_
