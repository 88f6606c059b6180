#include "engine/audit/checkpoint/note.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "engine/common/errors.h"

namespace concordia::audit {
namespace {

constexpr char kAlgEd25519 = 0x01;
constexpr absl::string_view kDash = "\xe2\x80\x94 ";  // "— "

absl::Status Malformed(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("malformed ", what));
}

bool ValidName(absl::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c == '+' || absl::ascii_isspace(static_cast<unsigned char>(c)) ||
        static_cast<unsigned char>(c) < 0x20) {
      return false;
    }
  }
  return true;
}

// Parses "<name>+<hex id>+<base64 data>" (after any prefix).
absl::Status SplitKey(absl::string_view key, std::string* name, uint32_t* id,
                      std::string* data) {
  std::vector<absl::string_view> parts = absl::StrSplit(key, absl::MaxSplits('+', 2));
  if (parts.size() != 3 || !ValidName(parts[0]) || parts[1].size() != 8) {
    return Malformed("key");
  }
  uint32_t parsed = 0;
  if (!absl::SimpleHexAtoi(parts[1], &parsed)) return Malformed("key id");
  std::string raw;
  if (!absl::Base64Unescape(parts[2], &raw) || raw.size() != 33 ||
      raw[0] != kAlgEd25519) {
    return Malformed("key data (want base64 of 0x01 and 32 bytes)");
  }
  *name = std::string(parts[0]);
  *id = parsed;
  *data = raw.substr(1);
  return absl::OkStatus();
}

}  // namespace

uint32_t KeyId(absl::string_view name, const Ed25519PublicKey& key) {
  std::string input(name);
  input.push_back('\n');
  input.push_back(kAlgEd25519);
  input += key.bytes();
  const Sha256Digest d = Sha256(input);
  return (uint32_t{d.bytes[0]} << 24) | (uint32_t{d.bytes[1]} << 16) |
         (uint32_t{d.bytes[2]} << 8) | uint32_t{d.bytes[3]};
}

absl::StatusOr<NoteVerifier> NoteVerifier::FromKey(absl::string_view key) {
  std::string name, data;
  uint32_t id = 0;
  if (absl::Status s = SplitKey(key, &name, &id, &data); !s.ok()) return s;
  absl::StatusOr<Ed25519PublicKey> pub = Ed25519PublicKey::FromBytes(data);
  if (!pub.ok()) return pub.status();
  NoteVerifier v(name, *pub);
  if (v.key_id() != id) return Malformed("key (the key id does not match)");
  return v;
}

std::string NoteVerifier::KeyLine() const {
  std::string data(1, kAlgEd25519);
  data += key_.bytes();
  return absl::StrFormat("%s+%08x+%s", name_, key_id_, absl::Base64Escape(data));
}

absl::StatusOr<std::string> NoteVerifier::Open(absl::string_view note) const {
  const size_t split = note.rfind("\n\n");
  if (split == absl::string_view::npos || note.empty() || note.back() != '\n') {
    return Malformed("note (no text and signature block)");
  }
  const absl::string_view text = note.substr(0, split + 1);
  const absl::string_view sigs = note.substr(split + 2);
  bool any = false;
  for (absl::string_view line : absl::StrSplit(sigs, '\n', absl::SkipEmpty())) {
    if (!absl::ConsumePrefix(&line, kDash)) return Malformed("signature line");
    std::vector<absl::string_view> parts = absl::StrSplit(line, ' ');
    if (parts.size() != 2) return Malformed("signature line");
    std::string blob;
    if (!absl::Base64Unescape(parts[1], &blob) || blob.size() < 4) {
      return Malformed("signature");
    }
    any = true;
    const uint32_t id = (uint32_t{static_cast<uint8_t>(blob[0])} << 24) |
                        (uint32_t{static_cast<uint8_t>(blob[1])} << 16) |
                        (uint32_t{static_cast<uint8_t>(blob[2])} << 8) |
                        uint32_t{static_cast<uint8_t>(blob[3])};
    if (parts[0] != name_ || id != key_id_) continue;  // another signer's
    if (key_.Verify(text, blob.substr(4))) return std::string(text);
    return Error(absl::StatusCode::kPermissionDenied, "NOTE_SIGNATURE_INVALID",
                 absl::StrCat("the signature by ", name_,
                              " does not verify: the note was altered"));
  }
  if (!any) return Malformed("note (no signatures)");
  return Error(absl::StatusCode::kPermissionDenied, "NOTE_SIGNATURE_INVALID",
               absl::StrCat("the note carries no signature by ", KeyLine()));
}

absl::StatusOr<NoteSigner> NoteSigner::FromKey(absl::string_view key) {
  if (!absl::ConsumePrefix(&key, "PRIVATE+KEY+")) {
    return Malformed("signer key (want PRIVATE+KEY+...)");
  }
  std::string name, seed;
  uint32_t id = 0;
  if (absl::Status s = SplitKey(absl::StripTrailingAsciiWhitespace(key), &name,
                                &id, &seed);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<Ed25519PrivateKey> priv = Ed25519PrivateKey::FromSeed(seed);
  if (!priv.ok()) return priv.status();
  if (KeyId(name, priv->PublicKey()) != id) {
    return Malformed("signer key (the key id does not match)");
  }
  return NoteSigner(name, *priv);
}

absl::StatusOr<NoteSigner> NoteSigner::FromPrivateKey(absl::string_view name,
                                                      Ed25519PrivateKey key) {
  if (!ValidName(name)) return Malformed("signer name");
  return NoteSigner(std::string(name), std::move(key));
}

std::string NoteSigner::KeyLine() const {
  std::string data(1, kAlgEd25519);
  data += key_.seed();
  return absl::StrFormat("PRIVATE+KEY+%s+%08x+%s", name_,
                         KeyId(name_, key_.PublicKey()),
                         absl::Base64Escape(data));
}

NoteVerifier NoteSigner::Verifier() const {
  return NoteVerifier(name_, key_.PublicKey());
}

absl::StatusOr<std::string> NoteSigner::Sign(absl::string_view text) const {
  if (text.empty() || text.back() != '\n') {
    return absl::InvalidArgumentError("a note's text ends with a newline");
  }
  const uint32_t id = KeyId(name_, key_.PublicKey());
  std::string blob;
  for (int shift : {24, 16, 8, 0}) blob.push_back(static_cast<char>(id >> shift));
  blob += key_.Sign(text);
  return absl::StrCat(text, "\n", kDash, name_, " ", absl::Base64Escape(blob),
                      "\n");
}

std::string FormatCheckpoint(const Checkpoint& c) {
  return absl::StrCat(c.origin, "\n", c.size, "\n",
                      absl::Base64Escape(c.root.AsStringView()), "\n");
}

absl::StatusOr<Checkpoint> ParseCheckpoint(absl::string_view text) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  // origin, size, root, then optional extension lines, then "" after the
  // final newline.
  if (lines.size() < 4 || !lines.back().empty() || lines[0].empty()) {
    return Malformed("checkpoint");
  }
  Checkpoint c;
  c.origin = std::string(lines[0]);
  if (!absl::SimpleAtoi(lines[1], &c.size) ||
      (lines[1].size() > 1 && lines[1][0] == '0')) {
    return Malformed("checkpoint size");
  }
  std::string root;
  if (!absl::Base64Unescape(lines[2], &root) || root.size() != 32) {
    return Malformed("checkpoint root hash");
  }
  c.root = *Sha256Digest::FromBytes(root);
  return c;
}

}  // namespace concordia::audit
