#include "engine/readmodel/queries.h"

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/errors.h"
#include "engine/domain/core/dates.h"
#include "engine/projection/record_time.h"
#include "engine/readmodel/deliberation_codec.h"
#include "engine/readmodel/deliberations_projection.h"
#include "engine/readmodel/in_force.h"
#include "engine/readmodel/keys.h"
#include "engine/readmodel/queries_impl.h"
#include "engine/readmodel/register_projection.h"
#include "engine/readmodel/sessions_projection.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::readmodel {

using google::protobuf::util::TimeUtil;

absl::StatusOr<size_t> PageSizeOf(const PageRequest& page) {
  if (page.page_size < 0) {
    return domain::InvalidField("page_size", "must not be negative");
  }
  if (page.page_size == 0) return 100;
  return std::min(page.page_size, 1000);
}

absl::Status RefuseInForce(const v1::AsOf& as_of, absl::string_view what) {
  if (!as_of.has_in_force_on()) return absl::OkStatus();
  return domain::InvalidField(
      "as_of.in_force_on",
      absl::StrCat(what, " are read as recorded only; their own dates are in "
                         "the values"));
}

Queries::Queries(log::EventLog& log, projection::ProjectionRunner& runner,
                 const Clock& clock, QueriesOptions options)
    : log_(log), runner_(runner), clock_(clock), options_(options) {}

absl::StatusOr<std::unique_ptr<projection::ReadView>> Queries::OpenView(
    const std::string& read_model) {
  absl::StatusOr<std::unique_ptr<projection::ReadView>> view =
      runner_.View(read_model);
  if (absl::IsUnavailable(view.status())) {
    return Error(absl::StatusCode::kUnavailable, kReadModelBuilding,
                 view.status().message(), {{"read_model", read_model}});
  }
  if (absl::IsNotFound(view.status())) {
    return absl::InternalError(
        absl::StrCat("the read model '", read_model, "' is not running"));
  }
  return view;
}

absl::StatusOr<Queries::Resolved> Queries::Resolve(
    const std::string& read_model, const v1::AsOf& as_of,
    std::optional<uint64_t> pinned, bool today_by_default,
    const std::vector<std::string>& joined) {
  Resolved r;
  if (as_of.has_in_force_on()) {
    CONCORDIA_ASSIGN_OR_RETURN(
        r.day, domain::FromDate(as_of.in_force_on(), "as_of.in_force_on"));
  } else if (today_by_default) {
    r.day = calendar::RomeDay(clock_.Now());
  }
  std::optional<uint64_t> target = pinned;
  if (!target.has_value()) {
    if (as_of.recorded_case() == v1::AsOf::kPosition) {
      target = as_of.position();
    } else if (as_of.recorded_case() == v1::AsOf::kRecordedAt) {
      const google::protobuf::Timestamp& ts = as_of.recorded_at();
      if (ts.seconds() < TimeUtil::kTimestampMinSeconds ||
          ts.seconds() > TimeUtil::kTimestampMaxSeconds || ts.nanos() < 0 ||
          ts.nanos() > 999999999) {
        return domain::InvalidField("as_of.recorded_at", "not a valid time");
      }
      const absl::Time t = absl::FromUnixMicros(
          TimeUtil::TimestampToMicroseconds(as_of.recorded_at()));
      CONCORDIA_ASSIGN_OR_RETURN(target,
                                 projection::LastPositionRecordedBy(log_, t));
    }
  }
  const uint64_t last = log_.LastPosition();
  if (target.has_value() && *target > last) {
    return Error(absl::StatusCode::kOutOfRange, kPositionBeyondLog,
                 absl::StrCat("position ", *target,
                              " is beyond the log's last position ", last),
                 {{"position", absl::StrCat(*target)},
                  {"last_position", absl::StrCat(last)}});
  }
  if (target.has_value() && options_.wait_for_position > absl::ZeroDuration()) {
    // Reads that name a position wait (bounded) for it, also while a read
    // model is first built.
    runner_.WaitFor(read_model, *target, options_.wait_for_position)
        .IgnoreError();
    for (const std::string& name : joined) {
      runner_.WaitFor(name, *target, options_.wait_for_position).IgnoreError();
    }
  }
  CONCORDIA_ASSIGN_OR_RETURN(r.view, OpenView(read_model));
  for (const std::string& name : joined) {
    CONCORDIA_ASSIGN_OR_RETURN(r.joined[name], OpenView(name));
  }
  // The position every view read must have applied.
  auto behind = [&]() -> std::string {
    if (!target.has_value()) return "";
    if (r.view->position() < *target) return read_model;
    for (const auto& [name, view] : r.joined) {
      if (view->position() < *target) return name;
    }
    return "";
  };
  if (const std::string late = behind(); !late.empty()) {
    const uint64_t at = late == read_model ? r.view->position()
                                           : r.joined.at(late)->position();
    return Error(absl::StatusCode::kUnavailable, kReadModelBehind,
                 absl::StrCat("the read model '", late,
                              "' has applied the log up to position ", at,
                              ", not yet ", *target),
                 {{"read_model", late},
                  {"read_model_position", absl::StrCat(at)},
                  {"position", absl::StrCat(*target)}});
  }
  if (!target.has_value()) {
    // The latest state every view has applied.
    target = r.view->position();
    for (const auto& [name, view] : r.joined) {
      target = std::min(*target, view->position());
    }
  }
  r.position = *target;
  r.header.set_log_position(r.position);
  if (r.day.has_value()) *r.header.mutable_in_force_on() = domain::ToDate(*r.day);
  r.header.set_read_model(read_model);
  r.header.set_read_model_version(r.view->version());
  r.header.set_read_model_position(r.view->position());
  return r;
}

absl::Status Queries::FillEvent(uint64_t position,
                                v1::EntityHistoryEntry* entry) {
  CONCORDIA_ASSIGN_OR_RETURN(
      std::vector<log::Record> records,
      log_.ReadAll(position, 1, log::RecordFilter{}, 1, nullptr));
  if (records.empty() || records.front().position != position) {
    return absl::DataLossError(
        absl::StrCat("the log has no record at position ", position,
                     ", which a read model names"));
  }
  FillEntry(records.front(), entry);
  return absl::OkStatus();
}

void FillEntry(const log::Record& r, v1::EntityHistoryEntry* entry) {
  entry->set_position(r.position);
  entry->set_event_type(r.type);
  entry->set_stream(r.stream);
  entry->set_event_id(r.id.ToHex());
  *entry->mutable_recorded_at() =
      TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(r.recorded_at));
  *entry->mutable_effective_time() = TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(r.metadata.effective_time));
  entry->set_principal(r.metadata.principal);
}

// --- Single entities.

absl::StatusOr<Answer<v1::ConsortiumView>> Queries::GetConsortium(
    const std::string& cid, const v1::AsOf& as_of) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  return GetEntity<v1::ConsortiumView>(
      kRegistry, keys::Consortium(cid), as_of, "consortium", cid,
      [](const Resolved& r, v1::ConsortiumView& v) -> absl::StatusOr<Verdict> {
        if (r.day.has_value()) {
          *v.mutable_in_force() = ConsortiumInForceOn(v, *r.day);
        }
        return Verdict::kInclude;
      });
}

absl::StatusOr<Answer<v1::BodyView>> Queries::GetBody(const std::string& cid,
                                                      const std::string& body,
                                                      const v1::AsOf& as_of) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(body, "body_id"));
  return GetEntity<v1::BodyView>(
      kBodies, keys::Body(cid, body), as_of, "body", body,
      [](const Resolved& r, v1::BodyView& v) -> absl::StatusOr<Verdict> {
        if (r.day.has_value()) *v.mutable_in_force() = CompositionOn(v, *r.day);
        return Verdict::kInclude;
      });
}

absl::StatusOr<Answer<v1::SessionView>> Queries::GetSession(
    const std::string& cid, const std::string& sid, const v1::AsOf& as_of) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(sid, "session_id"));
  CONCORDIA_RETURN_IF_ERROR(RefuseInForce(as_of, "sessions"));
  return GetEntity<v1::SessionView>(
      kSessions, keys::Session(cid, sid), as_of, "session", sid,
      [](const Resolved& r, v1::SessionView& v) -> absl::StatusOr<Verdict> {
        CONCORDIA_RETURN_IF_ERROR(ComposeSession(*r.view, r.position, &v));
        return Verdict::kInclude;
      });
}

absl::StatusOr<Answer<v1::DeliberationView>> Queries::GetDeliberation(
    const std::string& cid, const std::string& pid, const v1::AsOf& as_of) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(pid, "proposal_id"));
  return GetEntity<v1::DeliberationView>(
      kDeliberations, keys::Deliberation(cid, pid), as_of, "deliberation", pid,
      [](const Resolved& r,
         v1::DeliberationView& v) -> absl::StatusOr<Verdict> {
        CONCORDIA_RETURN_IF_ERROR(
            ComposeDeliberation(*r.joined.at(kSessions), r.position, &v));
        if (r.day.has_value()) {
          *v.mutable_in_force() = DeliberationInForceOn(v, *r.day);
        }
        return Verdict::kInclude;
      },
      {kSessions});
}

absl::StatusOr<Answer<v1::RegisterEntryView>> Queries::GetRegisterEntry(
    const std::string& cid, const std::string& body, int year, int number,
    const v1::AsOf& as_of) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(body, "body_id"));
  if (year < 1 || year > 9999) return domain::InvalidField("year", "1..9999");
  if (number < 1 || number > 999999) {
    return domain::InvalidField("number", "1..999999");
  }
  return GetEntity<v1::RegisterEntryView>(
      kRegister, keys::RegisterEntry(cid, body, year, number), as_of,
      "register entry", absl::StrCat(body, " ", number, "/", year),
      [](const Resolved& r,
         v1::RegisterEntryView& v) -> absl::StatusOr<Verdict> {
        CONCORDIA_RETURN_IF_ERROR(
            ComposeRegisterEntry(*r.joined.at(kDeliberations), r.position, &v));
        if (r.day.has_value()) {
          *v.mutable_in_force() =
              DeliberationInForceOn(DeliberationStateOf(v), std::nullopt,
                                    *r.day);
        }
        return Verdict::kInclude;
      },
      {kDeliberations});
}

}  // namespace concordia::readmodel
