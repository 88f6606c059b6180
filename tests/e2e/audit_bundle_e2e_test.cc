// An auditor's work through the concordia CLI against a real server: the
// verifier key, a checkpoint kept for later, a deliberation exported as a
// bundle, verified offline (and a tampered copy refused, saying where),
// replayed as recorded and as in force, an inclusion proof, and the log's
// consistency with the old checkpoint after it grew.
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/audit/bundle/bundle.h"
#include "engine/domain/governance/testing/district.h"
#include "engine/workflow/timer_scheduler.h"
#include "gtest/gtest.h"
#include "tests/testing/process.h"

namespace concordia {
namespace {

using domain::testing::District;
using domain::testing::Rome;
using testing::CommandResult;
using testing::RunCommand;
using testing::Runfile;
using testing::ServerProcess;
using testing::TempDir;

constexpr char kAuditor[] = "auditor@corte-dei-conti";
constexpr char kStream[] = "sudestmilano/deliberation/p-2026-1";

// Scenarios S1 and S5 recorded by the domain's own handlers into `data_dir`:
// adopted on 2 March 2026, published from 4 March, executive on 15 March.
void RecordTheDistrict(const std::string& data_dir) {
  District d;
  d.Register();
  d.DraftReady("p-2026-1");
  ASSERT_TRUE(d.ConveneAssemblea("2026-03-02", absl::CivilDay(2026, 3, 2),
                                 {"p-2026-1"})
                  .ok());
  d.clock.AdvanceTo(Rome(2026, 3, 2, 10));
  ASSERT_TRUE(d.governance
                  .RecordAttendance(d.Ctx(), d.id, "2026-03-02",
                                    {"san-donato-milanese", "melegnano",
                                     "cerro-al-lambro", "dresano", "colturano"},
                                    {})
                  .ok());
  ASSERT_TRUE(d.Vote("2026-03-02", 1,
                     {{"san-donato-milanese", v1::VOTE_CHOICE_IN_FAVOUR},
                      {"melegnano", v1::VOTE_CHOICE_IN_FAVOUR},
                      {"cerro-al-lambro", v1::VOTE_CHOICE_IN_FAVOUR},
                      {"dresano", v1::VOTE_CHOICE_AGAINST},
                      {"colturano", v1::VOTE_CHOICE_ABSTAIN}})
                  .ok());
  ASSERT_TRUE(d.governance.Proclaim(d.Ctx(), d.id, "2026-03-02", 1, "").ok());
  {
    workflow::TimerScheduler scheduler(*d.log.log, d.clock, "system:scheduler");
    d.governance.RegisterTimers(scheduler);
    ASSERT_TRUE(scheduler.Start().ok());
    d.clock.AdvanceTo(Rome(2026, 3, 4, 9));
    ASSERT_TRUE(d.governance
                    .Publish(d.Ctx(), d.id, "p-2026-1",
                             absl::CivilDay(2026, 3, 4))
                    .ok());
    d.clock.AdvanceTo(Rome(2026, 3, 16, 8));
    ASSERT_TRUE(scheduler.RunDue().ok());
    // The albo window (4 to 18 March) ends by its timer on the 19th.
    d.clock.AdvanceTo(Rome(2026, 3, 19, 8));
    ASSERT_TRUE(scheduler.RunDue().ok());
  }
  const std::string from = d.log.options.path;
  d.log.Close();
  std::filesystem::copy(from, data_dir + "/log",
                        std::filesystem::copy_options::recursive);
}

class AuditBundleE2ETest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = TempDir("data");
    work_ = TempDir("auditor");
    RecordTheDistrict(data_);
    auto server = ServerProcess::Start({data_, {"--admin=admin@concordia"}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    ASSERT_EQ(Cli("admin@concordia", {"admin", "grant", "--principal=" +
                                          std::string(kAuditor),
                                      "--role=auditor"})
                  .exit_code,
              0);
  }

  CommandResult Cli(const std::string& as, std::vector<std::string> args) {
    std::vector<std::string> argv = {Runfile("clients/cli/concordia"),
                                     "--server=" + server_->address(),
                                     "--as=" + as};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }
  // Without a server address: what an auditor runs on their own machine.
  static CommandResult Offline(std::vector<std::string> args) {
    args.insert(args.begin(), Runfile("clients/cli/concordia"));
    return RunCommand(args);
  }
  std::string Save(const std::string& name, const std::string& text) {
    const std::string path = work_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  std::string data_, work_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(AuditBundleE2ETest, ExportVerifyTamperReplayProveAndCheckConsistency) {
  CommandResult key = Cli(kAuditor, {"audit", "key"});
  ASSERT_EQ(key.exit_code, 0) << key.err;
  EXPECT_TRUE(absl::StrContains(key.out, "concordia.local/log+")) << key.out;
  const std::string vkey = Save("log.vkey", key.out);
  CommandResult checkpoint = Cli(kAuditor, {"audit", "checkpoint", "--fresh"});
  ASSERT_EQ(checkpoint.exit_code, 0) << checkpoint.err;
  const std::string old_checkpoint = Save("checkpoint.txt", checkpoint.out);

  const std::string bundle = work_ + "/p-2026-1.bundle.json";
  CommandResult exported =
      Cli(kAuditor, {"audit", "export", kStream, "--out=" + bundle});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_TRUE(absl::StrContains(exported.out, "exported 6 event(s)"))
      << exported.out;
  // Nobody else exports: a member's delegate is not an auditor.
  EXPECT_EQ(Cli("sindaco@melegnano", {"audit", "export", kStream}).exit_code,
            3);

  // Offline verification, with nothing but the key.
  CommandResult verified = Offline({"audit", "verify", bundle, "--key=" + vkey});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_TRUE(absl::StrContains(verified.out, "VERIFIED: 6 event(s) of " +
                                                  std::string(kStream)))
      << verified.out;
  EXPECT_TRUE(absl::StrContains(verified.out, "DeliberationAdopted"));
  EXPECT_TRUE(absl::StrContains(verified.out, "\"number\":1"));
  CommandResult as_json =
      Offline({"--json", "audit", "verify", bundle, "--key=" + vkey});
  EXPECT_EQ(as_json.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(as_json.out, "\"verified\": true"));
  EXPECT_TRUE(absl::StrContains(as_json.out, "\"inclusion_proof\": [\""));

  // One changed byte in the third event: refused, and the place is named.
  std::ifstream in(bundle);
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<v1::AuditBundle> parsed = audit::ParseBundleJson(text.str());
  ASSERT_TRUE(parsed.ok());
  v1::AuditBundle tampered = *parsed;
  std::string* record = tampered.mutable_records(2)->mutable_record();
  (*record)[record->size() - 50] ^= 0x01;
  const std::string bad = Save("tampered.json", audit::BundleToJson(tampered));
  CommandResult refused = Offline({"audit", "verify", bad, "--key=" + vkey});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(
      refused.out,
      absl::StrCat("NOT VERIFIED: record 3 (position ",
                   parsed->records(2).position(),
                   "): the record does not match its hash")))
      << refused.out;
  // Another key: the checkpoint's signature does not verify.
  const std::string other = Save(
      "other.vkey",
      audit::NoteSigner::FromPrivateKey("concordia.local/log",
                                        *Ed25519PrivateKey::Generate())
          ->Verifier()
          .KeyLine());
  CommandResult wrong_key = Offline({"audit", "verify", bundle, "--key=" + other});
  EXPECT_EQ(wrong_key.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(wrong_key.out, "NOT VERIFIED: the checkpoint"))
      << wrong_key.out;
  // A malformed key is a usage error.
  EXPECT_EQ(Offline({"audit", "verify", bundle,
                     "--key=other+00000000+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcY"})
                .exit_code,
            2);
  // A usage error: no key.
  EXPECT_EQ(Offline({"audit", "verify", bundle}).exit_code, 2);

  // Replay as in force on 10 March: published, not yet executive.
  CommandResult on_10 = Offline({"audit", "replay", "--bundle=" + bundle,
                                 "--key=" + vkey, "--in-force-on=2026-03-10"});
  ASSERT_EQ(on_10.exit_code, 0) << on_10.err;
  EXPECT_TRUE(absl::StrContains(
      on_10.out, "not yet executive on 2026-03-10 (executive from 2026-03-15)"))
      << on_10.out;
  EXPECT_TRUE(absl::StrContains(on_10.out, "adopted as no. 1/2026"));
  EXPECT_TRUE(absl::StrContains(on_10.out, "proven: leaf "));
  // Through the server, as recorded at the adoption's position: not yet on
  // the albo.
  const uint64_t adopted_at = parsed->records(2).position();
  CommandResult at_adoption =
      Cli(kAuditor, {"--json", "audit", "replay", kStream,
                     absl::StrCat("--as-of=", adopted_at), "--key=" + vkey});
  ASSERT_EQ(at_adoption.exit_code, 0) << at_adoption.err;
  EXPECT_TRUE(absl::StrContains(
      at_adoption.out, absl::StrCat("\"reflects_position\": ", adopted_at)))
      << at_adoption.out;
  EXPECT_FALSE(absl::StrContains(at_adoption.out, "albo")) << at_adoption.out;

  // An inclusion proof checked by the CLI.
  CommandResult proof =
      Cli(kAuditor, {"audit", "proof", absl::StrCat(adopted_at)});
  EXPECT_EQ(proof.exit_code, 0) << proof.err;
  EXPECT_TRUE(absl::StrContains(proof.out, "the path verifies")) << proof.out;

  // The log grows; it still extends the checkpoint kept before.
  ASSERT_EQ(Cli("admin@concordia",
                {"admin", "grant", "--consortium=sudestmilano",
                 "--principal=regione-lombardia", "--role=regional-system"})
                .exit_code,
            0);
  CommandResult consistent =
      Cli(kAuditor, {"audit", "consistency", old_checkpoint, "--key=" + vkey});
  EXPECT_EQ(consistent.exit_code, 0) << consistent.out << consistent.err;
  EXPECT_TRUE(absl::StrContains(consistent.out, "CONSISTENT: the log of "))
      << consistent.out;
  // A checkpoint signed by another key is not evidence.
  CommandResult forged = Cli(kAuditor, {"audit", "consistency", old_checkpoint,
                                        "--key=" + other});
  EXPECT_EQ(forged.exit_code, 1) << forged.out << forged.err;
}

}  // namespace
}  // namespace concordia
