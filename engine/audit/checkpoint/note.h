// C2SP signed notes (c2sp.org/signed-note) with Ed25519, and C2SP
// checkpoints (c2sp.org/tlog-checkpoint) of the log's Merkle tree.
//
// Keys:
//   verifier key  "<name>+<8 hex key id>+<base64(0x01 || public key)>"
//   signer key    "PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 || seed)>"
//   key id        the first 4 bytes of SHA-256(<name> "\n" 0x01 <public key>)
// A signed note is its text (ending in "\n"), an empty line, and signature
// lines "— <name> <base64(key id || signature)>\n"; the signature covers the
// text.
// A checkpoint's text is "<origin>\n<tree size>\n<base64 root hash>\n".
//
// Thread-safety: immutable values and pure functions.
//
// Example:
//   auto signer = NoteSigner::FromKey(private_key_line);
//   std::string note = signer->Sign(FormatCheckpoint({origin, size, root}));
//   auto verifier = NoteVerifier::FromKey(verifier_key_line);
//   absl::StatusOr<std::string> text = verifier->Open(note);
#ifndef CONCORDIA_ENGINE_AUDIT_CHECKPOINT_NOTE_H_
#define CONCORDIA_ENGINE_AUDIT_CHECKPOINT_NOTE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "engine/crypto/ed25519.h"
#include "engine/crypto/sha256.h"

namespace concordia::audit {

// The 4-byte key id of an Ed25519 key named `name`.
uint32_t KeyId(absl::string_view name, const Ed25519PublicKey& key);

class NoteVerifier {
 public:
  // Parses a verifier key line; kInvalidArgument when malformed.
  static absl::StatusOr<NoteVerifier> FromKey(absl::string_view key);
  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  std::string KeyLine() const;
  // The verified text of a signed note: kInvalidArgument when malformed,
  // kPermissionDenied (reason NOTE_SIGNATURE_INVALID) when no signature by
  // this key verifies.
  absl::StatusOr<std::string> Open(absl::string_view note) const;

 private:
  friend class NoteSigner;
  NoteVerifier(std::string name, Ed25519PublicKey key)
      : name_(std::move(name)), key_(std::move(key)) {
    key_id_ = KeyId(name_, key_);
  }
  std::string name_;
  Ed25519PublicKey key_;
  uint32_t key_id_ = 0;
};

class NoteSigner {
 public:
  // Parses a signer key line ("PRIVATE+KEY+...").
  static absl::StatusOr<NoteSigner> FromKey(absl::string_view key);
  // A signer named `name` for `key`.
  static absl::StatusOr<NoteSigner> FromPrivateKey(absl::string_view name,
                                                   Ed25519PrivateKey key);
  std::string KeyLine() const;  // the PRIVATE+KEY+... line
  NoteVerifier Verifier() const;
  // The signed note of `text` (which must end in "\n").
  absl::StatusOr<std::string> Sign(absl::string_view text) const;

 private:
  NoteSigner(std::string name, Ed25519PrivateKey key)
      : name_(std::move(name)), key_(std::move(key)) {}
  std::string name_;
  Ed25519PrivateKey key_;
};

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Sha256Digest root;
};

std::string FormatCheckpoint(const Checkpoint& c);
// kInvalidArgument when the text is not a checkpoint.
absl::StatusOr<Checkpoint> ParseCheckpoint(absl::string_view text);

}  // namespace concordia::audit

#endif  // CONCORDIA_ENGINE_AUDIT_CHECKPOINT_NOTE_H_
