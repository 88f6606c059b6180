#include "engine/domain/acts/acts.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/domain/core/command.h"
#include "engine/domain/core/dates.h"

namespace concordia::domain::acts {

bool IsInternal(const v1::ApprovingAct& act) {
  return !act.deliberation().proposal_id().empty();
}

bool IsSet(const v1::ApprovingAct& act) {
  return IsInternal(act) || !act.deliberation().body().empty() ||
         !act.deliberation().number().empty();
}

absl::Status ValidateSha256Hex(const std::string& hex,
                               const std::string& field) {
  if (hex.empty()) return absl::OkStatus();
  if (hex.size() != 64) return InvalidField(field, "64 hex digits");
  for (char c : hex) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) &&
        !(c >= 'a' && c <= 'f')) {
      return InvalidField(field, "64 lowercase hex digits");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateAct(const v1::ApprovingAct& act,
                         const std::string& field) {
  CONCORDIA_RETURN_IF_ERROR(
      ValidateSha256Hex(act.document_sha256(), field + ".document_sha256"));
  const v1::DeliberationRef& ref = act.deliberation();
  if (IsInternal(act)) {
    CONCORDIA_RETURN_IF_ERROR(
        ValidateId(ref.proposal_id(), field + ".deliberation.proposal_id"));
    if (act.has_declared_executive_on()) {
      return InvalidField(field + ".declared_executive_on",
                          "Concordia knows when its own deliberations become "
                          "executive; do not declare it");
    }
    return absl::OkStatus();
  }
  if (ref.body().empty()) {
    return InvalidField(field + ".deliberation.body",
                        "required (or a proposal_id for a deliberation in "
                        "Concordia)");
  }
  if (ref.number().empty()) {
    return InvalidField(field + ".deliberation.number", "required");
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      absl::CivilDay date, FromDate(ref.date(), field + ".deliberation.date"));
  CONCORDIA_ASSIGN_OR_RETURN(
      absl::CivilDay executive,
      FromDate(act.declared_executive_on(), field + ".declared_executive_on"));
  if (executive < date) {
    return InvalidField(field + ".declared_executive_on",
                        "before the act's own date");
  }
  return absl::OkStatus();
}

bool ExternalExecutiveOn(const v1::ApprovingAct& act, absl::CivilDay day) {
  if (IsInternal(act) || !act.has_declared_executive_on()) return false;
  return DayOf(act.declared_executive_on()) <= day;
}

std::string Describe(const v1::ApprovingAct& act) {
  const v1::DeliberationRef& ref = act.deliberation();
  if (IsInternal(act)) return absl::StrCat("deliberation ", ref.proposal_id());
  return absl::StrCat(ref.body(), " n. ", ref.number(), " of ",
                      absl::FormatCivilTime(DayOf(ref.date())));
}

}  // namespace concordia::domain::acts
