// `concordia audit ...`: what auditors do — verify the whole store, get
// checkpoints and proofs, export bundles, verify them offline, and replay an
// entity's history from a verified bundle.
#include <fstream>
#include <ostream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/cli/channel.h"
#include "clients/cli/commands.h"
#include "clients/cli/flags.h"
#include "clients/cli/progress.h"
#include "clients/cli/table.h"
#include "concordia/v1/audit.grpc.pb.h"
#include "engine/audit/bundle/bundle.h"
#include "engine/audit/trail/audit_trail.h"
#include "engine/calendar/calendar.h"
#include "engine/common/errors.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/event_envelope.h"
#include "engine/domain/deliberation/deliberation.h"
#include "engine/domain/session/session.h"
#include "engine/log/rocksdb_event_log.h"
#include "google/protobuf/util/json_util.h"

namespace concordia::cli {
namespace {

int PrintResult(const GlobalOptions& global, bool intact, uint64_t checked,
                uint64_t bad_position, const std::string& message,
                const std::string& head, const std::string& root,
                uint64_t checkpoint_size, Output& output) {
  if (global.json) {
    output.out << "{\"intact\": " << (intact ? "true" : "false")
               << ", \"records_checked\": " << checked
               << ", \"first_bad_position\": " << bad_position
               << ", \"head_hash\": " << JsonString(head)
               << ", \"root_hash\": " << JsonString(root)
               << ", \"checkpoint_size\": " << checkpoint_size
               << ", \"message\": " << JsonString(message) << "}\n";
  } else if (intact) {
    output.out << "INTACT: " << checked << " records verified; head hash "
               << head << "\nMerkle root " << root;
    if (checkpoint_size > 0) {
      output.out << "; the signed checkpoint at size " << checkpoint_size
                 << " matches";
    }
    output.out << "\n";
  } else {
    output.out << "BROKEN at position " << bad_position << ": " << message
               << "\n";
  }
  return intact ? kExitOk : kExitRejected;
}

absl::StatusOr<std::string> ReadFileText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A verifier from --key: a verifier key line, or a file holding one (or a
// signer key file, whose public half is used).
absl::StatusOr<audit::NoteVerifier> LoadVerifier(const std::string& key) {
  if (absl::StrContains(key, "+") && !absl::StrContains(key, "/")) {
    return audit::NoteVerifier::FromKey(key);
  }
  absl::StatusOr<std::string> text = ReadFileText(key);
  if (!text.ok()) return audit::NoteVerifier::FromKey(key);
  std::string line(absl::StripAsciiWhitespace(*text));
  if (absl::StartsWith(line, "PRIVATE+KEY+")) {
    absl::StatusOr<audit::NoteSigner> signer = audit::NoteSigner::FromKey(line);
    if (!signer.ok()) return signer.status();
    return signer->Verifier();
  }
  return audit::NoteVerifier::FromKey(line);
}

int VerifyOffline(const GlobalOptions& global, const std::string& data_dir,
                  const std::string& key, Output& output) {
  log::RocksEventLogOptions options;
  options.path = data_dir + "/log";
  auto opened = log::RocksEventLog::Open(options);
  if (!opened.ok()) {
    output.err << "concordia: cannot open " << options.path << ": "
               << opened.status().message() << "\n";
    return kExitConnection;
  }
  // The latest checkpoint, its signature checked with the given key (or the
  // server's own key file in the data directory).
  std::optional<audit::Checkpoint> checkpoint;
  absl::StatusOr<std::string> note = audit::StoredCheckpoint(**opened);
  if (note.ok()) {
    auto verifier =
        LoadVerifier(key.empty() ? data_dir + "/signing.key" : key);
    if (!verifier.ok()) {
      output.err << "concordia: --key: " << verifier.status().message() << "\n";
      return kExitUsage;
    }
    auto text = verifier->Open(*note);
    if (!text.ok()) {
      return PrintResult(global, false, 0, 0,
                         absl::StrCat("the latest checkpoint: ",
                                      text.status().message()),
                         "", "", 0, output);
    }
    checkpoint = *audit::ParseCheckpoint(*text);
  }
  ProgressBar bar("verifying", output.err);
  auto report = audit::VerifyWholeStore(
      **opened, checkpoint,
      [&](uint64_t done, uint64_t total) { bar.Update(done, total); });
  bar.Done();
  absl::Status status =
      report.ok() ? (*opened)->WriteStatus() : report.status();
  if (status.ok() && !report->checkpoint_matches) {
    return PrintResult(global, false, report->records_checked,
                       checkpoint->size,
                       "the latest checkpoint's root differs from the root "
                       "recomputed from the records",
                       "", "", checkpoint->size, output);
  }
  if (status.ok()) {
    return PrintResult(global, true, report->records_checked, 0, "",
                       report->head_hash.ToHex(), report->root.ToHex(),
                       checkpoint.has_value() ? checkpoint->size : 0, output);
  }
  uint64_t position = 0;
  const auto meta = ErrorMetadata(status);
  if (auto it = meta.find("position"); it != meta.end()) {
    absl::SimpleAtoi(it->second, &position);
  }
  return PrintResult(global, false, 0, position, std::string(status.message()),
                     "", "", 0, output);
}

int RunVerifyStore(const GlobalOptions& global, const CommandArgs& args,
                   Output& output) {
  FlagReader f(args);
  const std::string data_dir = f.Optional("data_dir");
  const std::string key = f.Optional("key");
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "audit verify-store", output);
  }
  if (!data_dir.empty()) return VerifyOffline(global, data_dir, key, output);
  auto channel = OpenChannel(global);
  if (!channel.ok()) {
    return UsageError(channel.status(), "audit verify-store", output);
  }
  auto stub = v1::AuditService::NewStub(*channel);
  grpc::ClientContext ctx;  // no deadline: a large store takes a while
  if (global.tls_dir.empty() && !global.principal.empty()) {
    ctx.AddMetadata("concordia-principal", global.principal);
  }
  auto reader = stub->VerifyStore(&ctx, v1::VerifyStoreRequest());
  v1::VerifyStoreResponse msg, last;
  ProgressBar bar("verifying", output.err);
  while (reader->Read(&msg)) {
    if (msg.done()) {
      last = msg;
    } else {
      bar.Update(msg.records_checked(), msg.records_total());
    }
  }
  bar.Done();
  grpc::Status s = reader->Finish();
  if (!s.ok()) return ReportError(global, s, output);
  return PrintResult(global, last.intact(), last.records_checked(),
                     last.first_bad_position(), last.message(),
                     last.head_hash(), last.root_hash(), last.checkpoint_size(),
                     output);
}

int RunCheckpoint(const GlobalOptions& global, const CommandArgs& args,
                  Output& output, bool key_only) {
  const std::string command = key_only ? "audit key" : "audit checkpoint";
  FlagReader f(args);
  const bool fresh = f.Bool("fresh");
  if (absl::Status s = f.Finish(); !s.ok()) return UsageError(s, command, output);
  auto channel = OpenChannel(global);
  if (!channel.ok()) return UsageError(channel.status(), command, output);
  auto stub = v1::AuditService::NewStub(*channel);
  grpc::ClientContext ctx;
  PrepareContext(global, ctx);
  v1::GetCheckpointRequest req;
  req.set_fresh(fresh);
  v1::GetCheckpointResponse resp;
  grpc::Status s = stub->GetCheckpoint(&ctx, req, &resp);
  if (!s.ok()) return ReportError(global, s, output);
  if (global.json) {
    output.out << ToJson(resp) << "\n";
  } else if (key_only) {
    output.out << resp.verifier_key() << "\n";
  } else {
    output.out << resp.checkpoint();
  }
  return kExitOk;
}

int RunKey(const GlobalOptions& g, const CommandArgs& a, Output& o) {
  return RunCheckpoint(g, a, o, true);
}
int RunCheckpointCmd(const GlobalOptions& g, const CommandArgs& a, Output& o) {
  return RunCheckpoint(g, a, o, false);
}

int RunProof(const GlobalOptions& global, const CommandArgs& args,
             Output& output) {
  FlagReader f(args);
  uint64_t position = 0;
  const std::string pos_text = f.Positional(0, "POSITION");
  const uint64_t size = f.Uint("size", 0);
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "audit proof", output);
  }
  if (!absl::SimpleAtoi(pos_text, &position) || position == 0) {
    return UsageError(absl::InvalidArgumentError("POSITION must be a number >= 1"),
                      "audit proof", output);
  }
  auto channel = OpenChannel(global);
  if (!channel.ok()) return UsageError(channel.status(), "audit proof", output);
  auto stub = v1::AuditService::NewStub(*channel);
  grpc::ClientContext ctx;
  PrepareContext(global, ctx);
  v1::GetInclusionProofRequest req;
  req.set_position(position);
  req.set_tree_size(size);
  v1::GetInclusionProofResponse resp;
  grpc::Status s = stub->GetInclusionProof(&ctx, req, &resp);
  if (!s.ok()) return ReportError(global, s, output);
  std::vector<Sha256Digest> proof;
  for (const std::string& h : resp.hashes()) {
    proof.push_back(*Sha256Digest::FromBytes(h));
  }
  const bool ok = audit::VerifyInclusion(
      audit::LeafHash(resp.record()), position - 1, resp.tree_size(), proof,
      *Sha256Digest::FromBytes(resp.root_hash()));
  if (global.json) {
    output.out << ToJson(resp) << "\n";
  } else {
    output.out << "record " << position << " in the tree of size "
               << resp.tree_size() << " (root "
               << absl::BytesToHexString(resp.root_hash()) << "):\n";
    for (const Sha256Digest& h : proof) output.out << "  " << h.ToHex() << "\n";
    output.out << (ok ? "the path verifies\n" : "THE PATH DOES NOT VERIFY\n");
  }
  return ok ? kExitOk : kExitRejected;
}

int RunExport(const GlobalOptions& global, const CommandArgs& args,
              Output& output) {
  FlagReader f(args);
  const std::string stream = f.Positional(0, "STREAM");
  const std::string out_path = f.Optional("out");
  const uint64_t up_to = f.Uint("up-to", 0);
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "audit export", output);
  }
  auto channel = OpenChannel(global);
  if (!channel.ok()) return UsageError(channel.status(), "audit export", output);
  auto stub = v1::AuditService::NewStub(*channel);
  grpc::ClientContext ctx;
  PrepareContext(global, ctx);
  v1::ExportBundleRequest req;
  req.set_stream(stream);
  req.set_up_to_position(up_to);
  v1::ExportBundleResponse resp;
  ProgressBar bar("exporting", output.err);
  bar.Update(0, 1);
  grpc::Status s = stub->ExportBundle(&ctx, req, &resp);
  bar.Update(1, 1);
  bar.Done();
  if (!s.ok()) return ReportError(global, s, output);
  if (out_path.empty()) {
    output.out << resp.bundle_json() << "\n";
    return kExitOk;
  }
  std::ofstream out(out_path, std::ios::trunc);
  out << resp.bundle_json() << "\n";
  if (!out.good()) {
    output.err << "concordia: cannot write " << out_path << "\n";
    return kExitUsage;
  }
  output.out << "exported " << resp.records() << " record(s) of " << stream
             << " to " << out_path << "\n";
  return kExitOk;
}

std::string Describe(const log::Record& r) {
  std::string json;
  auto event = domain::UnpackEvent(r);
  if (event.ok()) {
    google::protobuf::util::JsonPrintOptions o;
    o.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(**event, &json, o);
  }
  return absl::StrCat(
      "#", r.position, "  ",
      absl::FormatTime("%Y-%m-%d %H:%M:%S", r.recorded_at, calendar::Rome()),
      "  ", r.type, "\n      by ", r.metadata.principal, ", in force from ",
      absl::FormatTime("%Y-%m-%d", r.metadata.effective_time, calendar::Rome()),
      "\n      ", json, "\n");
}

absl::StatusOr<audit::VerifiedHistory> LoadVerified(const std::string& path,
                                                    const std::string& key,
                                                    Output& output) {
  absl::StatusOr<std::string> text = ReadFileText(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<v1::AuditBundle> bundle = audit::ParseBundleJson(*text);
  if (!bundle.ok()) return bundle.status();
  absl::StatusOr<audit::NoteVerifier> verifier = LoadVerifier(key);
  if (!verifier.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--key: ", verifier.status().message()));
  }
  ProgressBar bar("verifying", output.err);
  bar.Update(0, bundle->records_size());
  absl::StatusOr<audit::VerifiedHistory> history =
      audit::VerifyBundle(*bundle, *verifier);
  bar.Update(bundle->records_size(), bundle->records_size());
  bar.Done();
  return history;
}

int RunVerifyBundle(const GlobalOptions& global, const CommandArgs& args,
                    Output& output) {
  FlagReader f(args);
  const std::string path = f.Positional(0, "BUNDLE");
  const std::string key = f.Required("key");
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "audit verify", output);
  }
  absl::StatusOr<audit::VerifiedHistory> history =
      LoadVerified(path, key, output);
  if (!history.ok()) {
    if (absl::IsInvalidArgument(history.status())) {
      return UsageError(history.status(), "audit verify", output);
    }
    output.out << "NOT VERIFIED: " << history.status().message() << "\n";
    return kExitRejected;
  }
  if (global.json) {
    output.out << "{\"verified\": true, \"tree_size\": "
               << history->checkpoint.size << ", \"records\": "
               << history->records.size() << "}\n";
    return kExitOk;
  }
  output.out << "VERIFIED: " << history->records.size()
             << " record(s), each included in the log \""
             << history->checkpoint.origin << "\" of "
             << history->checkpoint.size << " records signed by the given key\n\n";
  for (const log::Record& r : history->records) output.out << Describe(r);
  return kExitOk;
}

// Folds the verified records (up to a position or time, in force on a date)
// into the entity's state and prints it.
int RunReplay(const GlobalOptions& global, const CommandArgs& args,
              Output& output) {
  FlagReader f(args);
  const std::string path = f.Positional(0, "BUNDLE");
  const std::string key = f.Required("key");
  const uint64_t as_of_position = f.Uint("as-of-position", 0);
  const std::string as_of_time = f.Optional("as-of-time");
  const std::string effective = f.Optional("effective");
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "audit replay", output);
  }
  absl::Time recorded_limit = absl::InfiniteFuture();
  if (!as_of_time.empty()) {
    std::string err;
    if (!absl::ParseTime("%Y-%m-%d", as_of_time, calendar::Rome(),
                         &recorded_limit, &err) &&
        !absl::ParseTime(absl::RFC3339_full, as_of_time, &recorded_limit,
                         &err)) {
      return UsageError(absl::InvalidArgumentError(
                            "--as-of-time: a date (2026-03-02) or RFC 3339 time"),
                        "audit replay", output);
    }
  }
  absl::CivilDay in_force(9999, 12, 31);
  if (!effective.empty() && !absl::ParseCivilTime(effective, &in_force)) {
    return UsageError(absl::InvalidArgumentError("--effective: a date"),
                      "audit replay", output);
  }
  absl::StatusOr<audit::VerifiedHistory> history =
      LoadVerified(path, key, output);
  if (!history.ok()) {
    output.out << "NOT VERIFIED: " << history.status().message() << "\n";
    return absl::IsInvalidArgument(history.status()) ? kExitUsage
                                                     : kExitRejected;
  }
  domain::consortium::ConsortiumState consortium;
  domain::deliberation::DeliberationState deliberation;
  domain::session::SessionState session;
  std::vector<const log::Record*> used;
  for (const log::Record& r : history->records) {
    if (as_of_position > 0 && r.position > as_of_position) break;
    if (r.recorded_at > recorded_limit) break;
    if (calendar::RomeDay(r.metadata.effective_time) > in_force) continue;
    auto event = domain::UnpackEvent(r);
    if (!event.ok()) continue;
    domain::consortium::ApplyConsortiumEvent(consortium, **event, r).IgnoreError();
    domain::deliberation::ApplyDeliberationEvent(deliberation, **event, r)
        .IgnoreError();
    domain::session::ApplySessionEvent(session, **event, r).IgnoreError();
    used.push_back(&r);
  }
  if (global.json) {
    output.out << "{\"events_used\": " << used.size() << "}\n";
    return kExitOk;
  }
  output.out << "Replay of " << used.size()
             << " verified event(s) (each with its inclusion proof checked "
                "against the signed checkpoint of size "
             << history->checkpoint.size << ")";
  if (as_of_position > 0) output.out << ", as recorded at position " << as_of_position;
  if (!as_of_time.empty()) output.out << ", as recorded on " << as_of_time;
  if (!effective.empty()) output.out << ", as in force on " << effective;
  output.out << ":\n\n";
  for (const log::Record* r : used) output.out << Describe(*r);
  output.out << "\nState:\n";
  if (deliberation.exists) {
    const auto& p = deliberation.proposal;
    output.out << "  proposal " << p.proposal_id() << " (" << p.title()
               << ") for " << p.body_id() << "\n";
    if (deliberation.adoption.has_value()) {
      output.out << "  adopted as no. " << deliberation.adoption->number()
                 << "/" << deliberation.adoption->year() << "\n";
    } else if (deliberation.rejected) {
      output.out << "  rejected\n";
    } else {
      output.out << "  not yet decided\n";
    }
    if (deliberation.publication.has_value()) {
      output.out << "  on the albo until "
                 << absl::FormatCivilTime(deliberation.AlboLastDay()) << "\n";
    }
    output.out << "  executive: "
               << (deliberation.executive_on.has_value()
                       ? absl::FormatCivilTime(*deliberation.executive_on)
                       : std::string("no"))
               << "\n";
    if (deliberation.withdrawal.has_value()) {
      output.out << "  "
                 << (deliberation.withdrawal->annulment() ? "annulled"
                                                          : "revoked")
                 << " by " << deliberation.withdrawal->by_proposal_id() << "\n";
    }
  } else if (consortium.registered) {
    const absl::CivilDay day =
        effective.empty() ? absl::CivilDay(9999, 12, 31) : in_force;
    output.out << "  " << consortium.profile.name() << ", "
               << consortium.MembersOn(day).size() << " member(s):\n";
    for (const auto& [m, share] : consortium.SharesAt(day)) {
      output.out << "    " << m << "  " << share << "‰\n";
    }
  } else if (session.convened) {
    output.out << "  session " << session.convocation.session_id() << " of "
               << session.body_id() << ", " << session.items.size()
               << " item(s)\n";
    for (const auto& [n, p] : session.proclaimed) {
      output.out << "    item " << n << ": "
                 << (p.adopted() ? "adopted" : "rejected") << " ("
                 << p.tally().in_favour_shares() << "‰ in favour of "
                 << p.tally().base_shares() << "‰)\n";
    }
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> AuditCommands() {
  return {
      {"audit verify-store",
       "Recompute every record hash, the chain and the Merkle root of the store.",
       "concordia audit verify-store [--data_dir=DIR [--key=VKEY]]\n"
       "Through the server (needs a system-wide auditor), or with --data_dir\n"
       "directly on a stopped server's data directory. Exits 0 when intact,\n"
       "1 when a record is damaged (its position is printed).\n"
       "Example:\n  concordia --as=auditor@corte-dei-conti audit verify-store",
       &RunVerifyStore},
      {"audit key", "Print the log's verifier key (for offline verification).",
       "concordia audit key\n"
       "Example:\n  concordia --as=auditor@corte-dei-conti audit key > log.vkey",
       &RunKey},
      {"audit checkpoint", "Print the latest signed checkpoint (or a fresh one).",
       "concordia audit checkpoint [--fresh]\n"
       "Example:\n  concordia --as=auditor@corte-dei-conti audit checkpoint --fresh",
       &RunCheckpointCmd},
      {"audit proof", "Get and check the inclusion proof of one record.",
       "concordia audit proof POSITION [--size=TREE_SIZE]\n"
       "Example:\n  concordia --as=auditor@corte-dei-conti audit proof 42",
       &RunProof},
      {"audit export",
       "Export an entity's stream as an offline-verifiable bundle.",
       "concordia audit export STREAM [--out=FILE] [--up-to=POSITION]\n"
       "Example:\n  concordia --as=auditor@corte-dei-conti audit export "
       "sudestmilano/deliberation/p-2026-1 --out=p-2026-1.bundle.json",
       &RunExport},
      {"audit verify",
       "Verify a bundle offline and print the history it proves.",
       "concordia audit verify BUNDLE --key=VKEY\n"
       "VKEY is the verifier key line or a file holding it. No server needed.\n"
       "Example:\n  concordia audit verify p-2026-1.bundle.json --key=log.vkey",
       &RunVerifyBundle},
      {"audit replay",
       "Rebuild an entity's state from a verified bundle, as recorded or as in "
       "force.",
       "concordia audit replay BUNDLE --key=VKEY [--as-of-position=P]\n"
       "       [--as-of-time=DATE] [--effective=DATE]\n"
       "Example:\n  concordia audit replay p-2026-1.bundle.json --key=log.vkey "
       "--effective=2026-03-10",
       &RunReplay},
  };
}

}  // namespace concordia::cli
