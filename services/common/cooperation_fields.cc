#include "services/common/cooperation_fields.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/acts/acts.h"
#include "engine/domain/allocation/cost_sharing.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/command.h"
#include "engine/domain/core/dates.h"
#include "services/common/request_fields.h"

namespace concordia {

using domain::InvalidField;

absl::Status RequireAct(const v1::ApprovingAct& act, bool present,
                        const std::string& field, bool required) {
  if (!present || !domain::acts::IsSet(act)) {
    if (!required && !present) return absl::OkStatus();
    return InvalidField(field,
                        "required: a deliberation in Concordia "
                        "(deliberation.proposal_id) or an external "
                        "act (deliberation.body, number, date)");
  }
  const v1::DeliberationRef& ref = act.deliberation();
  CONCORDIA_RETURN_IF_ERROR(RequireText(
      ref.body(), field + ".deliberation.body", kMaxNameBytes, false));
  CONCORDIA_RETURN_IF_ERROR(RequireText(
      ref.number(), field + ".deliberation.number", kMaxNameBytes, false));
  return domain::acts::ValidateAct(act, field);
}

absl::StatusOr<v1::Signature> SignatureOrNow(
    const ServiceEnv& env, const v1::Signature& signature, bool present,
    const std::string& field, const std::string& default_signer) {
  if (!present) return InvalidField(field, "required");
  v1::Signature out = signature;
  CONCORDIA_RETURN_IF_ERROR(
      RequireEnum(out.type(), v1::SignatureType_IsValid, field + ".type"));
  if (out.signer().empty()) out.set_signer(default_signer);
  CONCORDIA_RETURN_IF_ERROR(
      RequireText(out.signer(), field + ".signer", kMaxNameBytes));
  const absl::Time now = env.clock->Now();
  if (!out.has_signed_at()) {
    *out.mutable_signed_at() = ToTimestamp(now);
  } else {
    CONCORDIA_ASSIGN_OR_RETURN(
        absl::Time at,
        RequiredTime(out.signed_at(), true, field + ".signed_at"));
    if (at > now) {
      return InvalidField(field + ".signed_at",
                          "after the server's time: a signature is recorded "
                          "once applied");
    }
  }
  CONCORDIA_RETURN_IF_ERROR(
      RequireSha256(out.document_sha256(), field + ".document_sha256"));
  return out;
}

absl::Status RequireParty(const v1::AccordParty& party,
                          const std::string& field,
                          absl::string_view consortium_id) {
  CONCORDIA_RETURN_IF_ERROR(RequireId(party.party_id(), field + ".party_id"));
  CONCORDIA_RETURN_IF_ERROR(
      RequireText(party.name(), field + ".name", kMaxNameBytes));
  CONCORDIA_RETURN_IF_ERROR(
      RequireEnum(party.role(), v1::PartyRole_IsValid, field + ".role"));
  CONCORDIA_RETURN_IF_ERROR(
      RequireEnum(party.kind(), v1::MemberKind_IsValid, field + ".kind",
                  /*required=*/party.party_id() != consortium_id));
  return RequireText(party.tax_code(), field + ".tax_code", 32, false);
}

absl::StatusOr<absl::CivilDay> PastDayOrToday(const ServiceEnv& env,
                                              const v1::Date& date,
                                              bool present,
                                              absl::string_view field) {
  const absl::CivilDay today = calendar::RomeDay(env.clock->Now());
  if (!present) return today;
  CONCORDIA_ASSIGN_OR_RETURN(absl::CivilDay day,
                             domain::FromDate(date, std::string(field)));
  if (day > today) {
    return InvalidField(
        field, absl::StrCat("after today (", absl::FormatCivilTime(today),
                            "): record what has happened"));
  }
  return day;
}

absl::Status RequireYear(int32_t year, absl::string_view field) {
  if (year < 2000 || year > 2100) return InvalidField(field, "2000..2100");
  return absl::OkStatus();
}

absl::Status RequireCents(int64_t cents, absl::string_view field,
                          bool positive) {
  if (positive && cents <= 0) return InvalidField(field, "must be positive");
  if (cents < 0) return InvalidField(field, "must not be negative");
  if (cents > kMaxCents) {
    return InvalidField(field, absl::StrCat("at most ", kMaxCents, " cents"));
  }
  return absl::OkStatus();
}

absl::Status RequireSha256(const std::string& hex, const std::string& field) {
  return domain::acts::ValidateSha256Hex(hex, field);
}

absl::Status RequireInstrument(int32_t instrument) {
  if (instrument < 0 || instrument > 9999) {
    return InvalidField("instrument", "0 (the accord itself)..9999");
  }
  return absl::OkStatus();
}

absl::Status RequireDelegate(const v1::Exerciser& delegate, bool present,
                             const std::string& field) {
  if (!present) return InvalidField(field, "required");
  CONCORDIA_RETURN_IF_ERROR(
      RequireEnum(delegate.kind(), v1::ExerciserKind_IsValid, field + ".kind"));
  switch (delegate.kind()) {
    case v1::EXERCISER_KIND_CONSORTIUM:
      if (!delegate.lead_member_id().empty()) {
        return InvalidField(field + ".lead_member_id", "only for a lead ente");
      }
      return absl::OkStatus();
    case v1::EXERCISER_KIND_LEAD_ENTE:
      return RequireId(delegate.lead_member_id(), field + ".lead_member_id");
    default:
      return InvalidField(field + ".kind",
                          "the consortium or a lead ente (a member exercises "
                          "a function itself by revoking its delegation)");
  }
}

absl::Status RequireCostSharing(const v1::CostSharingRule& rule, bool present,
                                const std::string& field, bool required) {
  if (!present) {
    return required ? InvalidField(field, "required") : absl::OkStatus();
  }
  CONCORDIA_RETURN_IF_ERROR(RequireEnum(
      rule.method(), v1::CostSharingMethod_IsValid, field + ".method"));
  CONCORDIA_RETURN_IF_ERROR(RequireEnum(rule.variable_method(),
                                        v1::CostSharingMethod_IsValid,
                                        field + ".variable_method", false));
  return domain::allocation::ValidateCostSharingRule(rule, field);
}

absl::Status RequireProgrammeItem(const v1::ProgrammeItem& item, bool present,
                                  const std::string& field) {
  if (!present) return InvalidField(field, "required");
  CONCORDIA_RETURN_IF_ERROR(RequireId(item.item_id(), field + ".item_id"));
  CONCORDIA_RETURN_IF_ERROR(
      RequireText(item.title(), field + ".title", kMaxTitleBytes));
  CONCORDIA_RETURN_IF_ERROR(RequireYear(item.year(), field + ".year"));
  CONCORDIA_RETURN_IF_ERROR(
      RequireText(item.category(), field + ".category", kMaxNameBytes, false));
  CONCORDIA_RETURN_IF_ERROR(RequireEnum(item.procurement_kind(),
                                        v1::ProcurementKind_IsValid,
                                        field + ".procurement_kind", false));
  CONCORDIA_RETURN_IF_ERROR(
      RequireCents(item.amount_cents(), field + ".amount_cents", false));
  return RequireText(item.cui(), field + ".cui", 64, false);
}

absl::Status RequireConsortium(const ServiceEnv& env,
                               const std::string& consortium_id) {
  absl::StatusOr<log::StreamInfo> info = env.log->GetStreamInfo(
      domain::consortium::ConsortiumStream(consortium_id));
  if (absl::IsNotFound(info.status())) {
    return domain::UnknownEntity("consortium", consortium_id);
  }
  return info.status();
}

absl::StatusOr<std::vector<std::string>> DistinctIds(
    const google::protobuf::RepeatedPtrField<std::string>& ids,
    const std::string& field, size_t min) {
  if (static_cast<size_t>(ids.size()) < min) {
    return InvalidField(
        field, min == 1 ? "at least one" : absl::StrCat("at least ", min));
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (int i = 0; i < ids.size(); ++i) {
    const std::string f = absl::StrCat(field, "[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(RequireId(ids[i], f));
    if (!seen.insert(ids[i]).second) return InvalidField(f, "given twice");
    out.push_back(ids[i]);
  }
  return out;
}

}  // namespace concordia
