#include "engine/audit/bundle/bundle.h"

#include "engine/log/record_codec.h"
#include "engine/log/testing/events.h"
#include "gtest/gtest.h"

namespace concordia::audit {
namespace {

using log::ExpectedVersion;
using log::testing::MakeEvent;

class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    signer_ = std::make_unique<NoteSigner>(*NoteSigner::FromPrivateKey(
        "concordia-test", *Ed25519PrivateKey::FromSeed(std::string(32, 'k'))));
    trail_ = *AuditTrail::Attach(t_.log.get(), *signer_, "test/log");
    for (int i = 1; i <= 30; ++i) {
      ASSERT_TRUE(t_.log->Append(i % 3 == 0 ? "c/deliberation/p" : "c/other",
                                 ExpectedVersion::Any(), {MakeEvent(i)})
                      .ok());
    }
  }
  log::testing::TestLog t_;
  std::unique_ptr<NoteSigner> signer_;
  std::unique_ptr<AuditTrail> trail_;
};

TEST_F(BundleTest, ExportsAndVerifiesOffline) {
  auto bundle = ExportBundle(*t_.log, *trail_, "c/deliberation/p");
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_EQ(bundle->records_size(), 10);
  const std::string json = BundleToJson(*bundle);
  auto parsed = ParseBundleJson(json);
  ASSERT_TRUE(parsed.ok());
  auto history = VerifyBundle(*parsed, signer_->Verifier());
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_EQ(history->checkpoint.size, 30u);
  ASSERT_EQ(history->records.size(), 10u);
  EXPECT_EQ(history->records[0].position, 3u);
  EXPECT_EQ(history->records[9].position, 30u);
  // Up to a position.
  auto partial = ExportBundle(*t_.log, *trail_, "c/deliberation/p", 15);
  EXPECT_EQ(partial->records_size(), 5);
  EXPECT_EQ(ExportBundle(*t_.log, *trail_, "c/none").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(BundleTest, ATamperedBundleFailsAndSaysWhere) {
  const v1::AuditBundle good = *ExportBundle(*t_.log, *trail_, "c/deliberation/p");
  // One changed byte in a record's payload.
  v1::AuditBundle bytes = good;
  std::string* record = bytes.mutable_records(4)->mutable_record();
  (*record)[record->size() - 60] ^= 1;
  auto r = VerifyBundle(bytes, signer_->Verifier());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("record 5 (position 15)"),
            std::string::npos)
      << r.status();
  // A re-hashed forgery still fails its inclusion proof.
  v1::AuditBundle forged = good;
  auto decoded = log::DecodeRecord(forged.records(2).record());
  decoded->payload = "forged";
  forged.mutable_records(2)->set_record(log::EncodeRecord(&*decoded));
  r = VerifyBundle(forged, signer_->Verifier());
  EXPECT_NE(r.status().message().find("not included"), std::string::npos)
      << r.status();
  // A record left out: each remaining one verifies, but the gap shows.
  v1::AuditBundle omitted = good;
  omitted.mutable_records()->DeleteSubrange(3, 1);
  r = VerifyBundle(omitted, signer_->Verifier());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find(
                "record 4 (position 15): stream version 5 follows 3"),
            std::string::npos)
      << r.status();
  // A changed checkpoint.
  v1::AuditBundle note = good;
  std::string* cp = note.mutable_checkpoint();
  (*cp)[cp->find('\n') + 1] = '9';
  EXPECT_EQ(VerifyBundle(note, signer_->Verifier()).status().code(),
            absl::StatusCode::kPermissionDenied);
  // Another key.
  auto other = NoteSigner::FromPrivateKey("other",
                                          *Ed25519PrivateKey::Generate());
  EXPECT_EQ(VerifyBundle(good, other->Verifier()).status().code(),
            absl::StatusCode::kPermissionDenied);
  // Not a bundle at all.
  EXPECT_EQ(ParseBundleJson("{\"format\": \"x\"}").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseBundleJson("not json").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace concordia::audit
