// `concordia audit ...` against a server or a data directory: verify the
// whole store, get the verifier key, checkpoints and proofs, check that the
// log extends an old checkpoint, export bundles. (Bundles are verified and
// replayed by audit_bundle_command.cc.)
#include <ostream>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/audit_support.h"
#include "clients/cli/channel.h"
#include "clients/cli/commands.h"
#include "clients/cli/flags.h"
#include "clients/cli/progress.h"
#include "clients/cli/table.h"
#include "concordia/v1/audit.grpc.pb.h"
#include "engine/audit/bundle/bundle.h"
#include "engine/audit/trail/audit_trail.h"
#include "engine/common/errors.h"
#include "engine/log/rocksdb_event_log.h"

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
  bool ok = true;
  for (const std::string& h : resp.hashes()) {
    absl::StatusOr<Sha256Digest> d = Sha256Digest::FromBytes(h);
    ok = ok && d.ok();
    if (d.ok()) proof.push_back(*d);
  }
  absl::StatusOr<Sha256Digest> root = Sha256Digest::FromBytes(resp.root_hash());
  ok = ok && root.ok() &&
       audit::VerifyInclusion(audit::LeafHash(resp.record()), position - 1,
                              resp.tree_size(), proof, *root);
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
  ProgressBar bar("exporting", output.err);
  bar.Update(0, 1);
  grpc::Status call;
  absl::StatusOr<v1::AuditBundle> bundle =
      FetchBundle(global, stream, up_to, &call);
  bar.Update(1, 1);
  bar.Done();
  if (!call.ok()) return ReportError(global, call, output);
  if (!bundle.ok()) return UsageError(bundle.status(), "audit export", output);
  const std::string json = audit::BundleToJson(*bundle) + "\n";
  if (out_path.empty()) {
    output.out << json;
    return kExitOk;
  }
  if (absl::Status s = WriteFileText(out_path, json); !s.ok()) {
    return UsageError(s, "audit export", output);
  }
  output.out << "exported " << bundle->records_size() << " event(s) of "
             << stream << " with their inclusion proofs to " << out_path
             << "\n";
  return kExitOk;
}

// Checks that the log still extends a checkpoint the auditor kept: both
// signed by the trusted key, and the consistency proof between them.
int RunConsistency(const GlobalOptions& global, const CommandArgs& args,
                   Output& output) {
  const std::string command = "audit consistency";
  FlagReader f(args);
  const std::string old_path = f.Positional(0, "OLD_CHECKPOINT");
  const std::string key = f.Required("key");
  if (absl::Status s = f.Finish(); !s.ok()) return UsageError(s, command, output);
  absl::StatusOr<audit::NoteVerifier> verifier = LoadVerifier(key);
  if (!verifier.ok()) {
    return UsageError(absl::InvalidArgumentError(absl::StrCat(
                          "--key: ", verifier.status().message())),
                      command, output);
  }
  absl::StatusOr<std::string> old_note = ReadFileText(old_path);
  if (!old_note.ok()) return UsageError(old_note.status(), command, output);
  auto fail = [&](const std::string& why) {
    if (global.json) {
      output.out << "{\"consistent\": false, \"error\": " << JsonString(why)
                 << "}\n";
    } else {
      output.out << "NOT CONSISTENT: " << why << "\n";
    }
    return kExitRejected;
  };
  absl::StatusOr<std::string> old_text = verifier->Open(*old_note);
  if (!old_text.ok()) {
    return fail(absl::StrCat("the old checkpoint: ", old_text.status().message()));
  }
  absl::StatusOr<audit::Checkpoint> old_cp = audit::ParseCheckpoint(*old_text);
  if (!old_cp.ok()) return UsageError(old_cp.status(), command, output);

  auto channel = OpenChannel(global);
  if (!channel.ok()) return UsageError(channel.status(), command, output);
  auto stub = v1::AuditService::NewStub(*channel);
  v1::GetCheckpointResponse latest;
  {
    grpc::ClientContext ctx;
    PrepareContext(global, ctx);
    v1::GetCheckpointRequest req;
    req.set_fresh(true);
    grpc::Status s = stub->GetCheckpoint(&ctx, req, &latest);
    if (!s.ok()) return ReportError(global, s, output);
  }
  absl::StatusOr<std::string> new_text = verifier->Open(latest.checkpoint());
  if (!new_text.ok()) {
    return fail(absl::StrCat("the server's checkpoint: ",
                             new_text.status().message()));
  }
  absl::StatusOr<audit::Checkpoint> new_cp = audit::ParseCheckpoint(*new_text);
  if (!new_cp.ok()) return fail("the server's checkpoint is malformed");
  if (new_cp->origin != old_cp->origin) {
    return fail(absl::StrCat("the checkpoints are of different logs (",
                             old_cp->origin, ", ", new_cp->origin, ")"));
  }
  if (new_cp->size < old_cp->size) {
    return fail(absl::StrCat("the log shrank from ", old_cp->size, " to ",
                             new_cp->size, " records"));
  }
  v1::GetConsistencyProofResponse proof_resp;
  {
    grpc::ClientContext ctx;
    PrepareContext(global, ctx);
    v1::GetConsistencyProofRequest req;
    req.set_old_size(old_cp->size);
    req.set_new_size(new_cp->size);
    grpc::Status s = stub->GetConsistencyProof(&ctx, req, &proof_resp);
    if (!s.ok()) return ReportError(global, s, output);
  }
  std::vector<Sha256Digest> proof;
  for (const std::string& h : proof_resp.hashes()) {
    absl::StatusOr<Sha256Digest> d = Sha256Digest::FromBytes(h);
    if (!d.ok()) return fail("the server sent a malformed proof");
    proof.push_back(*d);
  }
  if (!audit::VerifyConsistency(old_cp->size, new_cp->size, proof,
                                old_cp->root, new_cp->root)) {
    return fail(absl::StrCat("the log of ", new_cp->size,
                             " records does not extend the checkpoint of ",
                             old_cp->size, ": history was changed"));
  }
  if (global.json) {
    output.out << "{\"consistent\": true, \"old_size\": " << old_cp->size
               << ", \"new_size\": " << new_cp->size << "}\n";
  } else {
    output.out << "CONSISTENT: the log of " << new_cp->size
               << " records extends the checkpoint of " << old_cp->size
               << " records; nothing recorded before was changed\n";
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
      {"audit consistency",
       "Check that the log still extends a checkpoint you kept.",
       "concordia audit consistency OLD_CHECKPOINT --key=VKEY\n"
       "OLD_CHECKPOINT is a file with a signed checkpoint (from `concordia\n"
       "audit checkpoint`). Exits 0 when a fresh checkpoint and the\n"
       "consistency proof show the log only grew, 1 when not.\n"
       "Example:\n  concordia --as=auditor@corte-dei-conti audit consistency "
       "checkpoint-2026-03.txt --key=log.vkey",
       &RunConsistency},
  };
}

}  // namespace concordia::cli
