#include "engine/audit/checkpoint/note.h"

#include "engine/common/errors.h"
#include "gtest/gtest.h"

namespace concordia::audit {
namespace {

// The C2SP signed-note example (golang.org/x/mod/sumdb/note).
const char kVkey[] =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const char kSkey[] =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const char kText[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
const char kNote[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
    "\n"
    "\xe2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZ"
    "b6KE6RyyBwJnAM=\n";

TEST(NoteTest, TheC2spExampleVerifiesAndSignsByteForByte) {
  auto verifier = NoteVerifier::FromKey(kVkey);
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  EXPECT_EQ(verifier->KeyLine(), kVkey);
  auto text = verifier->Open(kNote);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, kText);
  auto signer = NoteSigner::FromKey(kSkey);
  ASSERT_TRUE(signer.ok()) << signer.status();
  EXPECT_EQ(signer->KeyLine(), kSkey);
  EXPECT_EQ(signer->Verifier().KeyLine(), kVkey);
  EXPECT_EQ(*signer->Sign(kText), kNote);  // Ed25519 is deterministic
}

TEST(NoteTest, AlteredNotesAndBadKeysFail) {
  auto verifier = NoteVerifier::FromKey(kVkey);
  std::string altered = kNote;
  altered.replace(altered.find("cryptography"), 12, "cryptographY");
  auto r = verifier->Open(altered);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ErrorReason(r.status()), "NOTE_SIGNATURE_INVALID");
  std::string bad_sig = kNote;
  bad_sig[bad_sig.size() - 10] = bad_sig[bad_sig.size() - 10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verifier->Open(bad_sig).ok());
  EXPECT_EQ(verifier->Open("no signature block\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  // Another key's signature is not this key's.
  auto other = NoteSigner::FromPrivateKey("Other", *Ed25519PrivateKey::Generate());
  EXPECT_EQ(verifier->Open(*other->Sign(kText)).status().code(),
            absl::StatusCode::kPermissionDenied);
  for (const char* bad : {"", "PeterNeumann", "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                          "PeterNeumann+c74f20a3+AZpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                          "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"}) {
    EXPECT_FALSE(NoteVerifier::FromKey(bad).ok()) << bad;
  }
  EXPECT_FALSE(NoteSigner::FromKey(kVkey).ok());
}

TEST(CheckpointTest, FormatAndParse) {
  Checkpoint c{"concordia.example/log", 42, Sha256("root")};
  const std::string text = FormatCheckpoint(c);
  EXPECT_EQ(text.substr(0, 25), "concordia.example/log\n42\n");
  auto back = ParseCheckpoint(text);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->origin, c.origin);
  EXPECT_EQ(back->size, 42u);
  EXPECT_EQ(back->root, c.root);
  EXPECT_FALSE(ParseCheckpoint("o\nx\nroot\n").ok());
  EXPECT_FALSE(ParseCheckpoint("o\n01\n" + text.substr(25)).ok());
  EXPECT_FALSE(ParseCheckpoint("o\n1\nAAAA\n").ok());
  EXPECT_FALSE(ParseCheckpoint("o\n1\n").ok());
}

}  // namespace
}  // namespace concordia::audit
