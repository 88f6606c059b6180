#include "engine/audit/trail/audit_trail.h"

#include "absl/strings/str_cat.h"
#include "engine/common/errors.h"
#include "engine/common/status_macros.h"
#include "engine/log/record_codec.h"
#include "rocksdb/write_batch.h"

namespace concordia::audit {
namespace {

// A perfect subtree is keyed by its last leaf, then its level: the nodes one
// append completes are adjacent, and keys grow with the log, so the tree's
// writes are sequential; the last key names the last leaf, which gives the
// tree's size without storing it (README.md).
std::string NodeKey(int level, uint64_t index) {
  std::string key;
  log::PutBigEndian64(&key, ((index + 1) << level) - 1);
  key.push_back(static_cast<char>(level));
  return key;
}

rocksdb::Slice HashSlice(const Sha256Digest& h) {
  return rocksdb::Slice(reinterpret_cast<const char*>(h.bytes.data()),
                        Sha256Digest::kSize);
}

}  // namespace

class AuditTrail::Reader final : public NodeReader {
 public:
  Reader(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) : db_(db), cf_(cf) {}
  absl::StatusOr<Sha256Digest> GetNode(int level,
                                       uint64_t index) const override {
    std::string value;
    rocksdb::Status s =
        db_->Get(rocksdb::ReadOptions(), cf_, NodeKey(level, index), &value);
    if (s.IsNotFound()) {
      return absl::NotFoundError(absl::StrCat("no Merkle node ", level, "/",
                                              index));
    }
    if (!s.ok()) return absl::UnavailableError(s.ToString());
    return Sha256Digest::FromBytes(value);
  }

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
};

AuditTrail::AuditTrail(log::RocksEventLog* log, NoteSigner signer,
                       std::string origin)
    : log_(log),
      signer_(std::move(signer)),
      verifier_(signer_.Verifier()),
      origin_(std::move(origin)) {}

AuditTrail::~AuditTrail() {
  if (log_ != nullptr) log_->SetCommitExtension(nullptr);
}

absl::StatusOr<std::unique_ptr<AuditTrail>> AuditTrail::Attach(
    log::RocksEventLog* log, NoteSigner signer, std::string origin) {
  if (origin.empty() || origin.find('\n') != std::string::npos) {
    return absl::InvalidArgumentError("origin: one non-empty line");
  }
  std::unique_ptr<AuditTrail> trail(
      new AuditTrail(log, std::move(signer), std::move(origin)));
  CONCORDIA_ASSIGN_OR_RETURN(trail->merkle_cf_,
                             log->store()->ColumnFamily("merkle"));
  CONCORDIA_ASSIGN_OR_RETURN(trail->checkpoints_cf_,
                             log->store()->ColumnFamily("checkpoints"));
  trail->reader_ =
      std::make_unique<Reader>(log->store()->db(), trail->merkle_cf_);
  CONCORDIA_RETURN_IF_ERROR(trail->CatchUp());
  log->SetCommitExtension(trail.get());
  return trail;
}

absl::Status AuditTrail::CatchUp() {
  rocksdb::DB* db = log_->store()->db();
  // The stored nodes cover the leaves up to the last key's leaf.
  uint64_t size = 0;
  {
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), merkle_cf_));
    it->SeekToLast();
    if (it->Valid()) {
      if (it->key().size() != 9) {
        return absl::DataLossError("audit trail: a malformed Merkle node key");
      }
      size = log::GetBigEndian64(absl::string_view(it->key().data(), 8)) + 1;
    }
    if (!it->status().ok()) {
      return absl::UnavailableError(it->status().ToString());
    }
  }
  CONCORDIA_ASSIGN_OR_RETURN(CompactRange range,
                             CompactRange::Restore(*reader_, size));
  // Records appended while the trail was not attached: add them now.
  const uint64_t last = log_->LastPosition();
  while (range.size() < last) {
    CONCORDIA_ASSIGN_OR_RETURN(
        std::vector<std::string> raws,
        log_->ReadRaw(range.size() + 1,
                      static_cast<size_t>(std::min<uint64_t>(
                          4096, last - range.size()))));
    if (raws.empty()) break;
    rocksdb::WriteBatch batch;
    for (const std::string& raw : raws) {
      for (const StoredNode& n : range.Append(LeafHash(raw))) {
        batch.Put(merkle_cf_, NodeKey(n.level, n.index), HashSlice(n.hash));
      }
    }
    rocksdb::WriteOptions wo;
    wo.sync = true;
    rocksdb::Status s = db->Write(wo, &batch);
    if (!s.ok()) return absl::UnavailableError(s.ToString());
  }
  MutexLock lock(&mu_);
  range_ = std::move(range);
  return absl::OkStatus();
}

absl::Status AuditTrail::Stage(uint64_t position, absl::string_view stored,
                               rocksdb::WriteBatch* batch) {
  if (!staged_.has_value()) {
    MutexLock lock(&mu_);
    staged_ = range_;
  }
  if (position != staged_->size() + 1) {
    return absl::InternalError(absl::StrCat(
        "audit trail: record ", position, " staged after tree size ",
        staged_->size()));
  }
  for (const StoredNode& n : staged_->Append(LeafHash(stored))) {
    batch->Put(merkle_cf_, NodeKey(n.level, n.index), HashSlice(n.hash));
  }
  return absl::OkStatus();
}

void AuditTrail::Commit() {
  if (!staged_.has_value()) return;
  MutexLock lock(&mu_);
  range_ = std::move(*staged_);
  staged_.reset();
}

void AuditTrail::Abort() { staged_.reset(); }

uint64_t AuditTrail::Size() const { return log_->LastPosition(); }

absl::StatusOr<Sha256Digest> AuditTrail::Root(uint64_t size) const {
  if (size > Size()) {
    return absl::OutOfRangeError(
        absl::StrCat("tree size ", size, " is beyond the log (", Size(), ")"));
  }
  return RootAt(*reader_, size);
}

absl::StatusOr<std::string> AuditTrail::Checkpoint() {
  MutexLock lock(&checkpoint_mu_);
  const uint64_t size = Size();
  std::string existing;
  rocksdb::DB* db = log_->store()->db();
  std::string key;
  log::PutBigEndian64(&key, size);
  if (db->Get(rocksdb::ReadOptions(), checkpoints_cf_, key, &existing).ok()) {
    return existing;
  }
  CONCORDIA_ASSIGN_OR_RETURN(Sha256Digest root, RootAt(*reader_, size));
  CONCORDIA_ASSIGN_OR_RETURN(
      std::string note,
      signer_.Sign(FormatCheckpoint({origin_, size, root})));
  rocksdb::WriteOptions wo;
  wo.sync = true;
  rocksdb::Status s = db->Put(wo, checkpoints_cf_, key, note);
  if (!s.ok()) return absl::UnavailableError(s.ToString());
  return note;
}


absl::StatusOr<std::vector<Sha256Digest>> AuditTrail::InclusionProof(
    uint64_t position, uint64_t size) const {
  if (size > Size()) {
    return absl::OutOfRangeError(
        absl::StrCat("tree size ", size, " is beyond the log (", Size(), ")"));
  }
  if (position == 0 || position > size) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
                 absl::StrCat("position: ", position, " is not in a tree of ",
                              size),
                 {{"field", "position"}});
  }
  return audit::InclusionProof(*reader_, position - 1, size);
}

absl::StatusOr<std::vector<Sha256Digest>> AuditTrail::ConsistencyProof(
    uint64_t old_size, uint64_t new_size) const {
  if (new_size > Size()) {
    return absl::OutOfRangeError(absl::StrCat(
        "tree size ", new_size, " is beyond the log (", Size(), ")"));
  }
  if (old_size > new_size) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD",
                 "old_size: larger than new_size", {{"field", "old_size"}});
  }
  return audit::ConsistencyProof(*reader_, old_size, new_size);
}

absl::StatusOr<TrailVerification> AuditTrail::VerifyAll(
    log::ProgressFn progress) {
  std::optional<audit::Checkpoint> checkpoint;
  absl::StatusOr<std::string> latest = LatestCheckpoint();
  if (latest.ok()) {
    CONCORDIA_ASSIGN_OR_RETURN(std::string text, verifier_.Open(*latest));
    CONCORDIA_ASSIGN_OR_RETURN(checkpoint, ParseCheckpoint(text));
  }
  return VerifyWholeStore(*log_, checkpoint, std::move(progress));
}

absl::StatusOr<TrailVerification> VerifyWholeStore(
    log::EventLog& log, std::optional<Checkpoint> checkpoint,
    log::ProgressFn progress) {
  TrailVerification v;
  CompactRange recomputed;
  std::optional<Sha256Digest> root_at_checkpoint;
  if (checkpoint.has_value() && checkpoint->size == 0) {
    root_at_checkpoint = EmptyRoot();
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      log::VerifyReport report,
      log.Verify(progress, [&](uint64_t, absl::string_view stored) {
        recomputed.Append(LeafHash(stored));
        if (checkpoint.has_value() && recomputed.size() == checkpoint->size) {
          root_at_checkpoint = recomputed.Root();
        }
      }));
  v.records_checked = report.records_checked;
  v.head_hash = report.head_hash;
  v.root = recomputed.Root();
  v.checkpoint = checkpoint;
  if (checkpoint.has_value()) {
    v.checkpoint_matches = root_at_checkpoint.has_value() &&
                           *root_at_checkpoint == checkpoint->root;
  }
  return v;
}

absl::StatusOr<std::string> StoredCheckpoint(log::RocksEventLog& log) {
  CONCORDIA_ASSIGN_OR_RETURN(rocksdb::ColumnFamilyHandle * cf,
                             log.store()->ColumnFamily("checkpoints"));
  std::unique_ptr<rocksdb::Iterator> it(
      log.store()->db()->NewIterator(rocksdb::ReadOptions(), cf));
  it->SeekToLast();
  if (!it->Valid()) return absl::NotFoundError("no checkpoint yet");
  return it->value().ToString();
}

absl::StatusOr<std::string> AuditTrail::LatestCheckpoint() const {
  return StoredCheckpoint(*log_);
}

}  // namespace concordia::audit
