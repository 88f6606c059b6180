// Audit bundles: export the records of a stream with inclusion proofs
// against a signed checkpoint, and verify such a bundle offline with nothing
// but the log's verifier key. Format: engine/audit/BUNDLE.md.
//
// Verification checks, and names the first failure: the checkpoint's
// signature (by the trusted key), every record's hash recomputed from its
// bytes, its position, the stream versions running 1, 2, 3... (nothing left
// out in between), and its inclusion proof against the checkpoint's root.
//
// Thread-safety: pure functions (Export reads a thread-safe log).
//
// Example:
//   auto bundle = ExportBundle(log, trail, "sudest/deliberation/p-7");
//   std::string json = BundleToJson(*bundle);
//   auto history = VerifyBundle(*ParseBundleJson(json), verifier);
#ifndef CONCORDIA_ENGINE_AUDIT_BUNDLE_BUNDLE_H_
#define CONCORDIA_ENGINE_AUDIT_BUNDLE_BUNDLE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "concordia/v1/audit.pb.h"
#include "engine/audit/checkpoint/note.h"
#include "engine/audit/trail/audit_trail.h"
#include "engine/log/types.h"

namespace concordia::audit {

inline constexpr char kBundleFormat[] = "concordia-bundle/1";

// Exports `stream`'s records up to `upto` (0: all) with proofs against a
// fresh checkpoint at the log's committed size.
absl::StatusOr<v1::AuditBundle> ExportBundle(log::EventLog& log,
                                             AuditTrail& trail,
                                             const std::string& stream,
                                             uint64_t upto = 0);

std::string BundleToJson(const v1::AuditBundle& bundle);
// kInvalidArgument when the text is not a bundle.
absl::StatusOr<v1::AuditBundle> ParseBundleJson(absl::string_view json);

// What a verified bundle proves.
struct VerifiedHistory {
  Checkpoint checkpoint;
  std::vector<log::Record> records;  // decoded, in log order
};

// kInvalidArgument for a malformed bundle, kPermissionDenied when the
// checkpoint is not signed by `verifier`, kDataLoss naming the record whose
// bytes, hash or proof fail.
absl::StatusOr<VerifiedHistory> VerifyBundle(const v1::AuditBundle& bundle,
                                             const NoteVerifier& verifier);

}  // namespace concordia::audit

#endif  // CONCORDIA_ENGINE_AUDIT_BUNDLE_BUNDLE_H_
