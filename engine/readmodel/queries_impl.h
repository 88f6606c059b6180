// Private to engine/readmodel: the parts of Queries shared by queries.cc and
// queries_lists.cc (the resolved as-of and the generic get and list).
//
// Thread-safety: as Queries.
#ifndef CONCORDIA_ENGINE_READMODEL_QUERIES_IMPL_H_
#define CONCORDIA_ENGINE_READMODEL_QUERIES_IMPL_H_

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "engine/common/status_macros.h"
#include "engine/domain/core/command.h"
#include "engine/projection/projection_store.h"
#include "engine/readmodel/page_token.h"
#include "engine/readmodel/queries.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

struct Queries::Resolved {
  std::unique_ptr<projection::ReadView> view;
  // The views of the joined read models, by name, read as of `position`.
  std::map<std::string, std::unique_ptr<projection::ReadView>> joined;
  uint64_t position = 0;               // the as-of position
  std::optional<absl::CivilDay> day;   // the in-force day, if any
  v1::ReadHeader header;
};

// Fills a history entry from the record that caused the change.
void FillEntry(const log::Record& record, v1::EntityHistoryEntry* entry);

// The page size a request asks for (kInvalidArgument when negative).
absl::StatusOr<size_t> PageSizeOf(const PageRequest& page);

// kInvalidArgument when `as_of` asks for a day on a read that is as
// recorded only.
absl::Status RefuseInForce(const v1::AsOf& as_of, absl::string_view what);

template <typename T>
absl::StatusOr<Answer<T>> Queries::GetEntity(const std::string& read_model,
                                             const std::string& key,
                                             const v1::AsOf& as_of,
                                             absl::string_view what,
                                             absl::string_view id,
                                             const Accept<T>& interpret,
                                             const std::vector<std::string>& joined) {
  CONCORDIA_ASSIGN_OR_RETURN(
      Resolved r, Resolve(read_model, as_of, std::nullopt, false, joined));
  CONCORDIA_ASSIGN_OR_RETURN(std::optional<projection::EntityVersion> found,
                             r.view->Get(key, r.position));
  if (!found.has_value()) return domain::UnknownEntity(what, id);
  Answer<T> out;
  CONCORDIA_RETURN_IF_ERROR(ParseEntity(key, found->value, &out.value));
  if (interpret) {
    CONCORDIA_ASSIGN_OR_RETURN(Verdict v, interpret(r, out.value));
    if (v != Verdict::kInclude) return domain::UnknownEntity(what, id);
  }
  out.header = r.header;
  out.header.set_entity_position(found->position);
  return out;
}

template <typename T>
absl::StatusOr<Page<T>> Queries::ListEntities(
    const std::string& read_model, const std::string& query,
    const std::string& prefix, const v1::AsOf& as_of, const PageRequest& page,
    bool today_by_default,
    const std::function<std::string(const Resolved&)>& first_after,
    const Accept<T>& accept, const std::vector<std::string>& joined) {
  CONCORDIA_ASSIGN_OR_RETURN(const size_t size, PageSizeOf(page));
  const std::string bound_query =
      absl::StrCat(read_model, "|", query, "|", Serialize(as_of));
  std::optional<PageToken> token;
  if (!page.page_token.empty()) {
    CONCORDIA_ASSIGN_OR_RETURN(token,
                               DecodePageToken(page.page_token, bound_query));
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Resolved r,
      Resolve(read_model, as_of,
              token.has_value() ? std::optional<uint64_t>(token->position)
                                : std::nullopt,
              today_by_default, joined));
  std::string after =
      token.has_value() ? token->resume : (first_after ? first_after(r) : "");
  Page<T> out;
  out.header = r.header;
  const size_t chunk = std::max<size_t>(size + 1, 64);
  bool more = false;
  bool done = false;
  std::string last_included;
  while (!done) {
    CONCORDIA_ASSIGN_OR_RETURN(std::vector<projection::EntityVersion> batch,
                               r.view->Scan(prefix, r.position, after, chunk));
    for (const projection::EntityVersion& e : batch) {
      after = e.key;
      T value;
      CONCORDIA_RETURN_IF_ERROR(ParseEntity(e.key, e.value, &value));
      Verdict v = Verdict::kInclude;
      if (accept) {
        CONCORDIA_ASSIGN_OR_RETURN(v, accept(r, value));
      }
      if (v == Verdict::kStop) {
        done = true;
        break;
      }
      if (v == Verdict::kSkip) continue;
      if (out.items.size() == size) {
        more = true;
        done = true;
        break;
      }
      out.items.push_back(std::move(value));
      last_included = e.key;
    }
    if (batch.size() < chunk) break;
  }
  if (more) {
    out.next_page_token = EncodePageToken(bound_query, r.position, last_included);
  }
  return out;
}

}  // namespace concordia::readmodel

#endif  // CONCORDIA_ENGINE_READMODEL_QUERIES_IMPL_H_
