#include "clients/cli/audit_support.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "clients/cli/channel.h"
#include "concordia/v1/audit.grpc.pb.h"
#include "engine/audit/bundle/bundle.h"

namespace concordia::cli {

absl::StatusOr<std::string> ReadFileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::Status WriteFileText(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out.good()) {
      std::remove(tmp.c_str());
      return absl::InvalidArgumentError(absl::StrCat("cannot write ", path));
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return absl::InvalidArgumentError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

absl::StatusOr<audit::NoteVerifier> LoadVerifier(const std::string& key) {
  if (key.empty()) return absl::InvalidArgumentError("--key is empty");
  std::string line = key;
  if (absl::StatusOr<std::string> text = ReadFileText(key); text.ok()) {
    line = std::string(absl::StripAsciiWhitespace(*text));
  } else if (absl::StrContains(key, "/") && !absl::StrContains(key, "+")) {
    return text.status();  // a path that cannot be read
  }
  if (absl::StartsWith(line, "PRIVATE+KEY+")) {
    absl::StatusOr<audit::NoteSigner> signer = audit::NoteSigner::FromKey(line);
    if (!signer.ok()) return signer.status();
    return signer->Verifier();
  }
  return audit::NoteVerifier::FromKey(line);
}

absl::StatusOr<v1::AuditBundle> FetchBundle(const GlobalOptions& global,
                                            const std::string& stream,
                                            uint64_t up_to,
                                            grpc::Status* status) {
  auto channel = OpenChannel(global);
  if (!channel.ok()) return channel.status();
  auto stub = v1::AuditService::NewStub(*channel);
  grpc::ClientContext ctx;
  PrepareContext(global, ctx);
  v1::ExportBundleRequest req;
  req.set_stream(stream);
  req.set_up_to_position(up_to);
  v1::ExportBundleResponse resp;
  *status = stub->ExportBundle(&ctx, req, &resp);
  if (!status->ok()) return absl::UnavailableError(status->error_message());
  absl::StatusOr<v1::AuditBundle> bundle =
      audit::ParseBundleJson(resp.bundle_json());
  if (!bundle.ok()) {
    return absl::DataLossError(absl::StrCat(
        "the server sent a malformed bundle: ", bundle.status().message()));
  }
  return bundle;
}

absl::StatusOr<std::string> FetchVerifierKey(const GlobalOptions& global,
                                             grpc::Status* status) {
  auto channel = OpenChannel(global);
  if (!channel.ok()) return channel.status();
  auto stub = v1::AuditService::NewStub(*channel);
  grpc::ClientContext ctx;
  PrepareContext(global, ctx);
  v1::GetCheckpointResponse resp;
  *status = stub->GetCheckpoint(&ctx, v1::GetCheckpointRequest(), &resp);
  if (!status->ok()) return absl::UnavailableError(status->error_message());
  return resp.verifier_key();
}

}  // namespace concordia::cli
