// `concordia audit verify` and `concordia audit replay`: what an auditor does
// with a bundle — check it offline against a key they trust, print the
// history it proves, and rebuild the entity's state as recorded at a
// position or time and as in force on a date.
#include <optional>
#include <ostream>
#include <variant>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "clients/cli/audit_support.h"
#include "clients/cli/channel.h"
#include "clients/cli/commands.h"
#include "clients/cli/flags.h"
#include "clients/cli/progress.h"
#include "engine/audit/bundle/bundle.h"
#include "engine/audit/replay/replay.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/core/event_envelope.h"
#include "google/protobuf/util/json_util.h"

namespace concordia::cli {
namespace {

std::string EventJson(const log::Record& r) {
  std::string json;
  auto event = domain::UnpackEvent(r);
  if (!event.ok()) return "{}";
  google::protobuf::util::JsonPrintOptions o;
  o.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(**event, &json, o).ok()) {
    return "{}";
  }
  return json;
}

std::string Time(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", t, calendar::Rome());
}

// One proven event, for a person.
std::string Describe(const log::Record& r) {
  return absl::StrCat("#", r.position, "  ", Time(r.recorded_at), "  ", r.type,
                      "\n      by ", r.metadata.principal, ", in force from ",
                      absl::FormatCivilTime(
                          calendar::RomeDay(r.metadata.effective_time)),
                      "\n      ", EventJson(r), "\n");
}

// One proven event with its proof, as JSON.
std::string EventLine(const log::Record& r, const v1::BundleRecord* proof) {
  std::vector<std::string> hashes;
  if (proof != nullptr) {
    for (const std::string& h : proof->inclusion_proof()) {
      hashes.push_back(JsonString(absl::BytesToHexString(h)));
    }
  }
  return absl::StrCat(
      "{\"position\": ", r.position, ", \"stream_version\": ",
      r.stream_version, ", \"type\": ", JsonString(r.type),
      ", \"recorded_at\": ", JsonString(absl::FormatTime(r.recorded_at)),
      ", \"effective_time\": ",
      JsonString(absl::FormatTime(r.metadata.effective_time)),
      ", \"principal\": ", JsonString(r.metadata.principal),
      ", \"hash\": ", JsonString(r.hash.ToHex()), ", \"event\": ", EventJson(r),
      ", \"inclusion_proof\": [", absl::StrJoin(hashes, ", "), "]}");
}

// The bundle to work on: a file (--bundle) or the server's export of STREAM
// (up to `up_to`), with the verifier from --key (or, from the server, the
// server's own key, said so). Returns an exit code when it cannot go on.
struct Loaded {
  v1::AuditBundle bundle;
  audit::NoteVerifier verifier;
  bool servers_key = false;
};

std::variant<Loaded, int> Load(const GlobalOptions& global,
                               const std::string& command,
                               const std::string& path,
                               const std::string& stream,
                               const std::string& key, uint64_t up_to,
                               Output& output) {
  if (path.empty() == stream.empty()) {
    return UsageError(absl::InvalidArgumentError(
                          "give either --bundle=FILE or a STREAM to export"),
                      command, output);
  }
  std::string key_line = key;
  bool servers_key = false;
  std::optional<v1::AuditBundle> bundle;
  if (!path.empty()) {
    if (key.empty()) {
      return UsageError(absl::InvalidArgumentError(
                            "--key=VKEY is required to verify a bundle file"),
                        command, output);
    }
    absl::StatusOr<std::string> text = ReadFileText(path);
    if (!text.ok()) return UsageError(text.status(), command, output);
    absl::StatusOr<v1::AuditBundle> parsed = audit::ParseBundleJson(*text);
    if (!parsed.ok()) return UsageError(parsed.status(), command, output);
    bundle = *std::move(parsed);
  } else {
    grpc::Status call;
    absl::StatusOr<v1::AuditBundle> fetched =
        FetchBundle(global, stream, up_to, &call);
    if (!call.ok()) return ReportError(global, call, output);
    if (!fetched.ok()) return UsageError(fetched.status(), command, output);
    bundle = *std::move(fetched);
    if (key_line.empty()) {
      absl::StatusOr<std::string> server_key = FetchVerifierKey(global, &call);
      if (!call.ok()) return ReportError(global, call, output);
      if (!server_key.ok()) {
        return UsageError(server_key.status(), command, output);
      }
      key_line = *server_key;
      servers_key = true;
    }
  }
  absl::StatusOr<audit::NoteVerifier> verifier = LoadVerifier(key_line);
  if (!verifier.ok()) {
    return UsageError(absl::InvalidArgumentError(absl::StrCat(
                          "--key: ", verifier.status().message())),
                      command, output);
  }
  return Loaded{*std::move(bundle), *std::move(verifier), servers_key};
}

absl::StatusOr<audit::VerifiedHistory> VerifyWithProgress(const Loaded& l,
                                                          Output& output) {
  ProgressBar bar("verifying", output.err);
  bar.Update(0, l.bundle.records_size());
  absl::StatusOr<audit::VerifiedHistory> history =
      audit::VerifyBundle(l.bundle, l.verifier);
  bar.Update(l.bundle.records_size(), l.bundle.records_size());
  bar.Done();
  return history;
}

int NotVerified(const GlobalOptions& global, const absl::Status& status,
                Output& output) {
  if (global.json) {
    output.out << "{\"verified\": false, \"error\": "
               << JsonString(std::string(status.message())) << "}\n";
  } else {
    output.out << "NOT VERIFIED: " << status.message() << "\n";
  }
  return kExitRejected;
}

int RunVerify(const GlobalOptions& global, const CommandArgs& args,
              Output& output) {
  FlagReader f(args);
  const std::string path = f.Positional(0, "BUNDLE");
  const std::string key = f.Required("key");
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "audit verify", output);
  }
  auto loaded = Load(global, "audit verify", path, "", key, 0, output);
  if (const int* code = std::get_if<int>(&loaded)) return *code;
  const Loaded& l = std::get<Loaded>(loaded);
  absl::StatusOr<audit::VerifiedHistory> history = VerifyWithProgress(l, output);
  if (!history.ok()) return NotVerified(global, history.status(), output);
  if (global.json) {
    std::vector<std::string> events;
    for (int i = 0; i < static_cast<int>(history->records.size()); ++i) {
      events.push_back(
          EventLine(history->records[i], &l.bundle.records(i)));
    }
    output.out << "{\"verified\": true, \"subject\": "
               << JsonString(l.bundle.subject()) << ", \"origin\": "
               << JsonString(history->checkpoint.origin)
               << ", \"tree_size\": " << history->checkpoint.size
               << ", \"root_hash\": "
               << JsonString(history->checkpoint.root.ToHex())
               << ", \"events\": [" << absl::StrJoin(events, ", ") << "]}\n";
    return kExitOk;
  }
  output.out << "VERIFIED: " << history->records.size() << " event(s) of "
             << l.bundle.subject() << ", each included in the log \""
             << history->checkpoint.origin << "\" of "
             << history->checkpoint.size
             << " records whose checkpoint is signed by key "
             << l.verifier.name() << "\n\n";
  for (const log::Record& r : history->records) output.out << Describe(r);
  return kExitOk;
}

int RunReplay(const GlobalOptions& global, const CommandArgs& args,
              Output& output) {
  const std::string command = "audit replay";
  FlagReader f(args);
  const std::string path = f.Optional("bundle");
  const std::string stream = args.positional.empty() ? "" : f.Positional(0, "STREAM");
  const std::string key = f.Optional("key");
  audit::ReplayPoint point;
  point.recorded_position = f.Uint("as-of", 0);
  const std::string as_of_time = f.Optional("as-of-time");
  const std::string in_force_on = f.Optional("in-force-on");
  if (absl::Status s = f.Finish(); !s.ok()) return UsageError(s, command, output);
  if (!as_of_time.empty()) {
    std::string err;
    absl::CivilDay day;
    if (absl::ParseCivilTime(as_of_time, &day)) {
      // A date means the end of that day in Rome.
      point.recorded_until =
          calendar::StartOfRomeDay(day + 1) - absl::Microseconds(1);
    } else if (!absl::ParseTime(absl::RFC3339_full, as_of_time,
                                &point.recorded_until, &err)) {
      return UsageError(absl::InvalidArgumentError(
                            "--as-of-time: a date (2026-03-02) or an RFC 3339 "
                            "time (2026-03-02T10:00:00+01:00)"),
                        command, output);
    }
  }
  if (!in_force_on.empty()) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(in_force_on, &day)) {
      return UsageError(
          absl::InvalidArgumentError("--in-force-on: a date (2026-03-10)"),
          command, output);
    }
    point.in_force_on = day;
  }
  auto loaded = Load(global, command, path, stream, key,
                     point.recorded_position, output);
  if (const int* code = std::get_if<int>(&loaded)) return *code;
  const Loaded& l = std::get<Loaded>(loaded);
  absl::StatusOr<audit::VerifiedHistory> history = VerifyWithProgress(l, output);
  if (!history.ok()) return NotVerified(global, history.status(), output);
  absl::StatusOr<audit::ReplayResult> replay =
      audit::ReplayHistory(*history, point);
  if (!replay.ok()) return NotVerified(global, replay.status(), output);

  // The bundle record of each used event, for its proof.
  auto proof_of = [&](const log::Record* r) -> const v1::BundleRecord* {
    const size_t i = r - history->records.data();
    return i < static_cast<size_t>(l.bundle.records_size())
               ? &l.bundle.records(i)
               : nullptr;
  };
  if (global.json) {
    std::vector<std::string> events, state;
    for (const log::Record* r : replay->used) {
      events.push_back(EventLine(*r, proof_of(r)));
    }
    for (const std::string& s : replay->state) state.push_back(JsonString(s));
    output.out << "{\"subject\": " << JsonString(replay->subject)
               << ", \"kind\": " << JsonString(replay->kind)
               << ", \"reflects_position\": " << replay->reflects_position
               << ", \"in_force_on\": "
               << JsonString(absl::FormatCivilTime(replay->read_on))
               << ", \"tree_size\": " << history->checkpoint.size
               << ", \"root_hash\": "
               << JsonString(history->checkpoint.root.ToHex())
               << ", \"events\": [" << absl::StrJoin(events, ", ")
               << "], \"state\": [" << absl::StrJoin(state, ", ") << "]}\n";
    return kExitOk;
  }
  output.out << "Replay of " << replay->subject << ": " << replay->used.size()
             << " of " << history->records.size() << " proven event(s)";
  if (point.recorded_position > 0) {
    output.out << ", as recorded at position " << point.recorded_position;
  }
  if (!as_of_time.empty()) output.out << ", as recorded at " << as_of_time;
  output.out << ", read as in force on "
             << absl::FormatCivilTime(replay->read_on) << ".\n"
             << "Each event's inclusion proof leads to the root "
             << history->checkpoint.root.ToHex() << " of the checkpoint of "
             << history->checkpoint.size << " records signed by "
             << l.verifier.name()
             << (l.servers_key ? " (the server's own key: pass --key to use "
                                 "one you trust)"
                               : "")
             << ".\n\n";
  for (const log::Record* r : replay->used) {
    output.out << Describe(*r);
    if (const v1::BundleRecord* p = proof_of(r)) {
      output.out << "      proven: leaf " << r->position - 1 << " of "
                 << history->checkpoint.size << ", audit path of "
                 << p->inclusion_proof_size() << " hash(es)\n";
    }
  }
  output.out << "\nState (reflects position " << replay->reflects_position
             << "):\n";
  for (const std::string& s : replay->state) output.out << "  " << s << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> AuditBundleCommands() {
  return {
      {"audit verify",
       "Verify a bundle offline and print the history it proves.",
       "concordia audit verify BUNDLE --key=VKEY\n"
       "VKEY is the log's verifier key line, or a file holding it (from\n"
       "`concordia audit key`). No server is needed. Exits 0 when every\n"
       "signature, record hash and inclusion proof checks, 1 otherwise (the\n"
       "first failure is named).\n"
       "Example:\n  concordia audit verify p-2026-1.bundle.json --key=log.vkey",
       &RunVerify},
      {"audit replay",
       "Rebuild an entity's state from proven events, as recorded and as in "
       "force.",
       "concordia audit replay (STREAM | --bundle=FILE --key=VKEY)\n"
       "       [--as-of=POSITION] [--as-of-time=DATE|TIME] "
       "[--in-force-on=DATE]\n"
       "With STREAM the server exports the stream (needs an auditor) and the\n"
       "bundle is verified with --key, or with the server's own key. Only\n"
       "events recorded up to --as-of / --as-of-time count; the state is read\n"
       "as in force on --in-force-on (default: the last event's date).\n"
       "Example:\n  concordia audit replay --bundle=p-2026-1.bundle.json "
       "--key=log.vkey --in-force-on=2026-03-10",
       &RunReplay},
  };
}

}  // namespace concordia::cli
