// Queries: the read models of domain II (queries.h).
#include "absl/strings/str_cat.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/accord_codec.h"
#include "engine/readmodel/keys.h"
#include "engine/readmodel/queries.h"
#include "engine/readmodel/queries_impl.h"

namespace concordia::readmodel {

absl::StatusOr<Answer<v1::AccordView>> Queries::GetAccord(
    const std::string& cid, const std::string& aid, const v1::AsOf& as_of) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(aid, "accord_id"));
  return GetEntity<v1::AccordView>(
      kAccords, keys::Accord(cid, aid), as_of, "accord", aid,
      [](const Resolved& r, v1::AccordView& v) -> absl::StatusOr<Verdict> {
        if (r.day.has_value()) {
          *v.mutable_in_force() = AccordInForceOn(AccordStateOf(v), *r.day);
        }
        return Verdict::kInclude;
      });
}

absl::StatusOr<Page<v1::AccordView>> Queries::ListAccords(
    const std::string& cid, const AccordFilter& filter, const v1::AsOf& as_of,
    const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  if (!filter.party_id.empty()) {
    CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(filter.party_id, "party_id"));
  }
  if (!v1::AccordStage_IsValid(filter.stage)) {
    return domain::InvalidField("stage", "not an accord stage");
  }
  if (filter.in_force_only && !as_of.has_in_force_on()) {
    return domain::InvalidField("in_force_only", "requires in_force_on");
  }
  return ListEntities<v1::AccordView>(
      kAccords,
      absl::StrCat("accords|", filter.stage, "|", filter.party_id, "|",
                   filter.in_force_only),
      keys::AccordPrefix(cid), as_of, page, false, nullptr,
      [&filter](const Resolved& r,
                v1::AccordView& v) -> absl::StatusOr<Verdict> {
        if (filter.stage != v1::ACCORD_STAGE_UNSPECIFIED &&
            v.stage() != filter.stage) {
          return Verdict::kSkip;
        }
        if (!filter.party_id.empty()) {
          bool party = false;
          for (const v1::AccordPartyView& p : v.parties()) {
            party = party || p.info().party_id() == filter.party_id;
          }
          if (!party) return Verdict::kSkip;
        }
        if (r.day.has_value()) {
          *v.mutable_in_force() = AccordInForceOn(AccordStateOf(v), *r.day);
          if (filter.in_force_only && !v.in_force().in_force()) {
            return Verdict::kSkip;
          }
        }
        return Verdict::kInclude;
      });
}

}  // namespace concordia::readmodel
