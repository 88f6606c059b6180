#include "engine/audit/bundle/bundle.h"

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/log/record_codec.h"
#include "google/protobuf/util/json_util.h"

namespace concordia::audit {

absl::StatusOr<v1::AuditBundle> ExportBundle(log::EventLog& log,
                                             AuditTrail& trail,
                                             const std::string& stream,
                                             uint64_t upto) {
  CONCORDIA_RETURN_IF_ERROR(log::ValidateStreamName(stream));
  CONCORDIA_ASSIGN_OR_RETURN(std::string note, trail.Checkpoint());
  CONCORDIA_ASSIGN_OR_RETURN(std::string text, trail.verifier().Open(note));
  CONCORDIA_ASSIGN_OR_RETURN(Checkpoint checkpoint, ParseCheckpoint(text));
  v1::AuditBundle bundle;
  bundle.set_format(kBundleFormat);
  bundle.set_subject(stream);
  bundle.set_checkpoint(note);
  bundle.set_verifier_key(trail.verifier().KeyLine());
  uint64_t version = 1;
  while (true) {
    CONCORDIA_ASSIGN_OR_RETURN(std::vector<log::Record> records,
                               log.ReadStream(stream, version, 256));
    for (const log::Record& r : records) {
      if (r.position > checkpoint.size || (upto > 0 && r.position > upto)) {
        return bundle;
      }
      CONCORDIA_ASSIGN_OR_RETURN(std::vector<std::string> raw,
                                 log.ReadRaw(r.position, 1));
      CONCORDIA_ASSIGN_OR_RETURN(
          std::vector<Sha256Digest> proof,
          trail.InclusionProof(r.position, checkpoint.size));
      v1::BundleRecord* out = bundle.add_records();
      out->set_position(r.position);
      out->set_record(raw.at(0));
      for (const Sha256Digest& h : proof) {
        out->add_inclusion_proof(std::string(h.AsStringView()));
      }
      version = r.stream_version + 1;
    }
    if (records.size() < 256) break;
  }
  if (bundle.records().empty()) {
    return absl::NotFoundError(absl::StrCat("stream '", stream, "' has no events"));
  }
  return bundle;
}

std::string BundleToJson(const v1::AuditBundle& bundle) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.add_whitespace = true;
  if (!google::protobuf::util::MessageToJsonString(bundle, &json, options)
           .ok()) {
    return "";
  }
  return json;
}

absl::StatusOr<v1::AuditBundle> ParseBundleJson(absl::string_view json) {
  v1::AuditBundle bundle;
  auto s = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &bundle);
  if (!s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not an audit bundle: ", s.message().as_string()));
  }
  if (bundle.format() != kBundleFormat) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown bundle format '", bundle.format(), "'; expected ",
        kBundleFormat));
  }
  return bundle;
}

absl::StatusOr<VerifiedHistory> VerifyBundle(const v1::AuditBundle& bundle,
                                             const NoteVerifier& verifier) {
  VerifiedHistory out;
  absl::StatusOr<std::string> text = verifier.Open(bundle.checkpoint());
  if (!text.ok()) {
    return absl::Status(text.status().code(),
                        absl::StrCat("the checkpoint: ", text.status().message()));
  }
  CONCORDIA_ASSIGN_OR_RETURN(out.checkpoint, ParseCheckpoint(*text));
  uint64_t previous = 0;
  uint64_t version = 0;
  for (int i = 0; i < bundle.records_size(); ++i) {
    const v1::BundleRecord& br = bundle.records(i);
    const std::string where =
        absl::StrCat("record ", i + 1, " (position ", br.position(), ")");
    absl::StatusOr<log::Record> r = log::DecodeRecord(br.record());
    if (!r.ok()) {
      return absl::DataLossError(absl::StrCat(where, ": malformed bytes"));
    }
    absl::StatusOr<Sha256Digest> recomputed =
        log::RecomputeRecordHash(br.record());
    if (!recomputed.ok() || *recomputed != r->hash) {
      return absl::DataLossError(
          absl::StrCat(where, ": the record does not match its hash"));
    }
    if (r->position != br.position() || br.position() <= previous) {
      return absl::DataLossError(
          absl::StrCat(where, ": the position is wrong or out of order"));
    }
    if (r->stream != bundle.subject()) {
      return absl::DataLossError(
          absl::StrCat(where, ": belongs to ", r->stream, ", not the subject"));
    }
    if (r->stream_version != version + 1) {
      return absl::DataLossError(absl::StrCat(
          where, ": stream version ", r->stream_version, " follows ", version,
          " (events of the stream are missing)"));
    }
    std::vector<Sha256Digest> proof;
    for (const std::string& h : br.inclusion_proof()) {
      absl::StatusOr<Sha256Digest> d = Sha256Digest::FromBytes(h);
      if (!d.ok()) {
        return absl::DataLossError(absl::StrCat(where, ": malformed proof"));
      }
      proof.push_back(*d);
    }
    if (br.position() == 0 ||
        !VerifyInclusion(LeafHash(br.record()), br.position() - 1,
                         out.checkpoint.size, proof, out.checkpoint.root)) {
      return absl::DataLossError(absl::StrCat(
          where, ": not included in the checkpointed tree of size ",
          out.checkpoint.size));
    }
    previous = br.position();
    version = r->stream_version;
    out.records.push_back(*std::move(r));
  }
  return out;
}

}  // namespace concordia::audit
