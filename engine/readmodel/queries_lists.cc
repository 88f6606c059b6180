// Queries: the lists and entity histories (queries.h).
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "engine/domain/delegation/delegation.h"
#include "concordia/v1/read_model_state.pb.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/agenda_projection.h"
#include "engine/readmodel/albo_projection.h"
#include "engine/readmodel/register_projection.h"
#include "engine/readmodel/sessions_projection.h"
#include "engine/readmodel/deliberation_codec.h"
#include "engine/readmodel/deliberations_projection.h"
#include "engine/readmodel/in_force.h"
#include "engine/readmodel/keys.h"
#include "engine/readmodel/queries.h"
#include "engine/readmodel/queries_impl.h"
#include "engine/readmodel/session_votes.h"
#include "engine/domain/core/event_envelope.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::readmodel {

using domain::DayOf;
using google::protobuf::util::TimeUtil;

absl::StatusOr<Page<v1::ConsortiumView>> Queries::ListConsortia(
    const v1::AsOf& as_of, const PageRequest& page) {
  return ListEntities<v1::ConsortiumView>(
      kRegistry, "consortia", keys::ConsortiumPrefix(), as_of, page, false,
      nullptr,
      [](const Resolved& r, v1::ConsortiumView& v) -> absl::StatusOr<Verdict> {
        if (r.day.has_value()) {
          *v.mutable_in_force() = ConsortiumInForceOn(v, *r.day);
        }
        return Verdict::kInclude;
      });
}

absl::StatusOr<Page<v1::BodyView>> Queries::ListBodies(const std::string& cid,
                                                       const v1::AsOf& as_of,
                                                       const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  return ListEntities<v1::BodyView>(
      kBodies, "bodies", keys::BodyPrefix(cid), as_of, page, false, nullptr,
      [](const Resolved& r, v1::BodyView& v) -> absl::StatusOr<Verdict> {
        if (r.day.has_value()) *v.mutable_in_force() = CompositionOn(v, *r.day);
        return Verdict::kInclude;
      });
}

absl::StatusOr<Page<v1::SessionView>> Queries::ListSessions(
    const std::string& cid, const SessionFilter& filter, const v1::AsOf& as_of,
    const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  if (!filter.body_id.empty()) {
    CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(filter.body_id, "body_id"));
  }
  CONCORDIA_RETURN_IF_ERROR(RefuseInForce(as_of, "sessions"));
  return ListEntities<v1::SessionView>(
      kSessions, absl::StrCat("sessions|", filter.body_id),
      keys::SessionPrefix(cid), as_of, page, false, nullptr,
      [&](const Resolved& r, v1::SessionView& v) -> absl::StatusOr<Verdict> {
        if (!filter.body_id.empty() &&
            v.convocation().body_id() != filter.body_id) {
          return Verdict::kSkip;
        }
        CONCORDIA_RETURN_IF_ERROR(ComposeSession(*r.view, r.position, &v));
        return Verdict::kInclude;
      });
}

absl::StatusOr<Page<v1::VoteView>> Queries::ListVotes(const std::string& cid,
                                                      const std::string& sid,
                                                      int item,
                                                      const v1::AsOf& as_of,
                                                      const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(sid, "session_id"));
  if (item < 0 || item > 9999) return domain::InvalidField("item", "0..9999");
  CONCORDIA_RETURN_IF_ERROR(RefuseInForce(as_of, "votes"));
  CONCORDIA_ASSIGN_OR_RETURN(const size_t size, PageSizeOf(page));
  const std::string query = absl::StrCat("votes|", cid, "|", sid, "|", item,
                                         "|", Serialize(as_of));
  std::optional<PageToken> token;
  uint64_t after_version = 0;
  if (!page.page_token.empty()) {
    CONCORDIA_ASSIGN_OR_RETURN(token, DecodePageToken(page.page_token, query));
    if (!absl::SimpleAtoi(token->resume, &after_version)) {
      return domain::InvalidField("page_token", "not a page token");
    }
  }
  CONCORDIA_ASSIGN_OR_RETURN(
      Resolved r,
      Resolve(kSessions, as_of,
              token.has_value() ? std::optional<uint64_t>(token->position)
                                : std::nullopt,
              false));
  // The session must exist as of the position.
  CONCORDIA_ASSIGN_OR_RETURN(std::optional<projection::EntityVersion> session,
                             r.view->Get(keys::Session(cid, sid), r.position));
  if (!session.has_value()) return domain::UnknownEntity("session", sid);
  static const std::string kVote = v1::VoteCast::descriptor()->full_name();
  Page<v1::VoteView> out;
  out.header = r.header;
  uint64_t last_version = 0;
  bool more = false;
  absl::Status failed;
  CONCORDIA_RETURN_IF_ERROR(VisitSessionStream(
      log_, cid, sid, r.position, after_version + 1, [&](const log::Record& rec) {
        if (rec.type != kVote) return true;
        absl::StatusOr<std::unique_ptr<google::protobuf::Message>> e =
            domain::UnpackEvent(rec);
        if (!e.ok()) {
          failed = e.status();
          return false;
        }
        const auto* vote = dynamic_cast<const v1::VoteCast*>(e->get());
        if (vote == nullptr || (item > 0 && vote->item() != item)) return true;
        if (out.items.size() == size) {
          more = true;
          return false;
        }
        v1::VoteView v;
        *v.mutable_vote() = *vote;
        v.set_position(rec.position);
        *v.mutable_recorded_at() = TimeUtil::MicrosecondsToTimestamp(
            absl::ToUnixMicros(rec.recorded_at));
        out.items.push_back(std::move(v));
        last_version = rec.stream_version;
        return true;
      }));
  if (!failed.ok()) return failed;
  if (more) {
    out.next_page_token =
        EncodePageToken(query, r.position, absl::StrCat(last_version));
  }
  return out;
}

absl::StatusOr<Page<v1::DeliberationView>> Queries::ListDeliberations(
    const std::string& cid, const DeliberationFilter& filter,
    const v1::AsOf& as_of, const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  if (!filter.body_id.empty()) {
    CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(filter.body_id, "body_id"));
  }
  if (filter.executive_only && !as_of.has_in_force_on()) {
    return domain::InvalidField("executive_only",
                                "executive on which day: set as_of.in_force_on");
  }
  return ListEntities<v1::DeliberationView>(
      kDeliberations,
      absl::StrCat("deliberations|", filter.body_id, "|", filter.stage, "|",
                   filter.executive_only),
      keys::DeliberationPrefix(cid), as_of, page, false, nullptr,
      [&](const Resolved& r,
          v1::DeliberationView& v) -> absl::StatusOr<Verdict> {
        if (!filter.body_id.empty() && v.proposal().body_id() != filter.body_id) {
          return Verdict::kSkip;
        }
        CONCORDIA_RETURN_IF_ERROR(
            ComposeDeliberation(*r.joined.at(kSessions), r.position, &v));
        if (filter.stage != v1::DELIBERATION_STAGE_UNSPECIFIED &&
            v.stage() != filter.stage) {
          return Verdict::kSkip;
        }
        if (r.day.has_value()) {
          *v.mutable_in_force() = DeliberationInForceOn(v, *r.day);
          if (filter.executive_only && !v.in_force().executive()) {
            return Verdict::kSkip;
          }
        }
        return Verdict::kInclude;
      },
      {kSessions});
}

absl::StatusOr<Page<v1::RegisterEntryView>> Queries::ListRegister(
    const std::string& cid, const std::string& body, int year,
    const v1::AsOf& as_of, const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(body, "body_id"));
  if (year < 1 || year > 9999) return domain::InvalidField("year", "1..9999");
  return ListEntities<v1::RegisterEntryView>(
      kRegister, "register", keys::RegisterPrefix(cid, body, year), as_of, page,
      false, nullptr,
      [](const Resolved& r,
         v1::RegisterEntryView& v) -> absl::StatusOr<Verdict> {
        CONCORDIA_RETURN_IF_ERROR(
            ComposeRegisterEntry(*r.joined.at(kDeliberations), r.position, &v));
        if (!r.day.has_value()) return Verdict::kInclude;
        // A number exists from the adoption it records.
        if (!v.has_adoption() || DayOf(v.adoption().adopted_on()) > *r.day) {
          return Verdict::kSkip;
        }
        *v.mutable_in_force() =
            DeliberationInForceOn(DeliberationStateOf(v), std::nullopt, *r.day);
        return Verdict::kInclude;
      },
      {kDeliberations});
}

absl::StatusOr<Page<v1::AlboEntryView>> Queries::ListAlbo(
    const std::string& cid, const v1::AsOf& as_of, const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  // The entries are ordered by last day; an entry whose last day is more
  // than the longest window after the day started after it.
  absl::Status bounds_status;
  absl::CivilDay stop_after;
  auto first_after = [&](const Resolved& r) {
    int longest = 0;
    absl::StatusOr<std::optional<projection::EntityVersion>> b =
        r.view->Get(keys::AlboBounds(cid), r.position);
    if (!b.ok()) {
      bounds_status = b.status();
    } else if (b->has_value()) {
      v1::AlboBounds bounds;
      bounds_status = ParseEntity(keys::AlboBounds(cid), (*b)->value, &bounds);
      longest = bounds.longest_window_days();
    }
    stop_after = *r.day + longest;
    return keys::AlboBefore(cid, *r.day);
  };
  absl::StatusOr<Page<v1::AlboEntryView>> out = ListEntities<v1::AlboEntryView>(
      kAlbo, "albo", keys::AlboPrefix(cid), as_of, page, true, first_after,
      [&](const Resolved& r, v1::AlboEntryView& v) -> absl::StatusOr<Verdict> {
        if (!bounds_status.ok()) return bounds_status;
        if (DayOf(v.last_day()) > stop_after) return Verdict::kStop;
        if (!OnAlboOn(v, *r.day)) return Verdict::kSkip;
        CONCORDIA_RETURN_IF_ERROR(
            ComposeAlboEntry(*r.joined.at(kDeliberations), r.position, &v));
        return Verdict::kInclude;
      },
      {kDeliberations});
  if (!bounds_status.ok()) return bounds_status;
  return out;
}

absl::StatusOr<Page<v1::AgendaEntryView>> Queries::ListAgenda(
    const std::string& cid, const std::string& member,
    const AgendaFilter& filter, const v1::AsOf& as_of,
    const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(cid, "consortium_id"));
  CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(member, "member_id"));
  return ListEntities<v1::AgendaEntryView>(
      kAgenda, absl::StrCat("agenda|", filter.open_only),
      keys::AgendaPrefix(cid, member), as_of, page, true, nullptr,
      [&](const Resolved& r,
          v1::AgendaEntryView& v) -> absl::StatusOr<Verdict> {
        CONCORDIA_RETURN_IF_ERROR(
            ComposeAgendaEntry(*r.joined.at(kSessions), log_, r.position, &v));
        *v.mutable_in_force() = AgendaTaskOn(v, *r.day);
        const v1::AgendaTaskStatus s = v.in_force().status();
        if (filter.open_only && s != v1::AGENDA_TASK_STATUS_TO_DO &&
            s != v1::AGENDA_TASK_STATUS_OVERDUE) {
          return Verdict::kSkip;
        }
        return Verdict::kInclude;
      },
      {kSessions});
}

absl::StatusOr<Page<v1::EntityHistoryEntry>> Queries::History(
    const v1::EntityRef& entity, const v1::AsOf& as_of,
    const PageRequest& page) {
  CONCORDIA_RETURN_IF_ERROR(
      domain::ValidateId(entity.consortium_id(), "entity.consortium_id"));
  const std::string& cid = entity.consortium_id();
  std::string read_model, key, what;
  switch (entity.kind()) {
    case v1::ENTITY_KIND_CONSORTIUM:
      read_model = kRegistry;
      key = keys::Consortium(cid);
      what = "consortium";
      break;
    case v1::ENTITY_KIND_BODY:
      read_model = kBodies;
      key = keys::Body(cid, entity.id());
      what = "body";
      break;
    case v1::ENTITY_KIND_SESSION:
      read_model = kSessions;
      key = keys::Session(cid, entity.id());
      what = "session";
      break;
    case v1::ENTITY_KIND_DELIBERATION:
      read_model = kDeliberations;
      key = keys::Deliberation(cid, entity.id());
      what = "deliberation";
      break;
    case v1::ENTITY_KIND_ACCORD:
      read_model = kAccords;
      key = keys::Accord(cid, entity.id());
      what = "accord";
      break;
    case v1::ENTITY_KIND_DELEGATION: {
      // "<member>/<function slug>".
      const std::vector<std::string> parts = absl::StrSplit(entity.id(), '/');
      bool known = false;
      if (parts.size() == 2) {
        for (v1::Function f : domain::delegation::AllFunctions()) {
          known = known || domain::delegation::FunctionSlug(f) == parts[1];
        }
      }
      if (!known || !domain::IsValidId(parts[0])) {
        return domain::InvalidField("entity.id",
                                    "a delegation is <member>/<function>");
      }
      read_model = kDelegations;
      key = keys::Delegation(cid, parts[0], parts[1]);
      what = "delegation";
      break;
    }
    case v1::ENTITY_KIND_PROGRAMME:
      read_model = kProgrammes;
      key = keys::Programme(cid, entity.id());
      what = "programme";
      break;
    case v1::ENTITY_KIND_NEEDS: {
      int year = 0;
      if (!absl::SimpleAtoi(entity.id(), &year) || year < 2000 || year > 2100 ||
          entity.id().size() != 4) {
        return domain::InvalidField("entity.id", "a year, 2000..2100");
      }
      read_model = kProgrammes;
      key = keys::Needs(cid, year);
      what = "needs collection";
      break;
    }
    case v1::ENTITY_KIND_PROJECT:
      read_model = kProjects;
      key = keys::Project(cid, entity.id());
      what = "project";
      break;
    default:
      return domain::InvalidField("entity.kind", "required");
  }
  if (entity.kind() != v1::ENTITY_KIND_CONSORTIUM &&
      entity.kind() != v1::ENTITY_KIND_DELEGATION) {
    CONCORDIA_RETURN_IF_ERROR(domain::ValidateId(entity.id(), "entity.id"));
  }
  CONCORDIA_RETURN_IF_ERROR(RefuseInForce(as_of, "histories"));
  CONCORDIA_ASSIGN_OR_RETURN(const size_t size, PageSizeOf(page));
  const std::string query = absl::StrCat("history|", read_model, "|", key, "|",
                                         Serialize(as_of));
  std::optional<PageToken> token;
  uint64_t after = 0;
  if (!page.page_token.empty()) {
    CONCORDIA_ASSIGN_OR_RETURN(token, DecodePageToken(page.page_token, query));
    if (!absl::SimpleAtoi(token->resume, &after)) {
      return domain::InvalidField("page_token", "not a page token");
    }
  }
  const bool deliberation = entity.kind() == v1::ENTITY_KIND_DELIBERATION;
  CONCORDIA_ASSIGN_OR_RETURN(
      Resolved r,
      Resolve(read_model, as_of,
              token.has_value() ? std::optional<uint64_t>(token->position)
                                : std::nullopt,
              false,
              deliberation ? std::vector<std::string>{kSessions}
                           : std::vector<std::string>{}));
  if (entity.kind() == v1::ENTITY_KIND_SESSION) {
    return SessionHistory(cid, entity.id(), r, query, after, size);
  }
  // Every change after `after`, up to one more than a page from each source
  // (so the first page of the merge misses none).
  std::vector<std::pair<uint64_t, bool>> changes;  // position, deleted
  CONCORDIA_ASSIGN_OR_RETURN(std::vector<projection::EntityChange> own,
                             r.view->HistoryPage(key, after, r.position, size + 1));
  for (const projection::EntityChange& c : own) {
    changes.emplace_back(c.position, c.deleted);
  }
  const bool existed = !own.empty() || after > 0;
  if (!existed) return domain::UnknownEntity(what, entity.id().empty() ? cid : entity.id());
  if (deliberation) {
    // A deliberation also changes with its agenda items (a conflict, the
    // proclamation, a deferral) and with the closing of a session that left
    // its item undecided: the sessions read model's changes, merged.
    CONCORDIA_ASSIGN_OR_RETURN(std::optional<projection::EntityVersion> now,
                               r.view->Get(key, r.position));
    v1::DeliberationView d;
    if (now.has_value()) CONCORDIA_RETURN_IF_ERROR(ParseEntity(key, now->value, &d));
    const projection::ReadView& sessions = *r.joined.at(kSessions);
    for (const v1::AgendaPlacement& p : d.placements()) {
      const std::string item = keys::SessionItem(cid, p.session_id(), p.item());
      // Its first version came with the placement (same position, merged
      // below).
      CONCORDIA_ASSIGN_OR_RETURN(
          std::vector<projection::EntityChange> versions,
          sessions.HistoryPage(item, after, r.position, size + 1));
      for (const projection::EntityChange& v : versions) {
        changes.emplace_back(v.position, false);
      }
      const std::string session = keys::Session(cid, p.session_id());
      CONCORDIA_ASSIGN_OR_RETURN(std::optional<projection::EntityVersion> item_now,
                                 sessions.Get(item, r.position));
      v1::SessionItemView state;
      if (item_now.has_value()) {
        CONCORDIA_RETURN_IF_ERROR(ParseEntity(item, item_now->value, &state));
      }
      if (state.status() != v1::ITEM_STATUS_OPEN) continue;
      CONCORDIA_ASSIGN_OR_RETURN(
          std::vector<projection::EntityChange> closing,
          sessions.HistoryPage(session, 0, r.position, 1 << 16));
      for (const projection::EntityChange& c : closing) {
        v1::SessionView s;
        CONCORDIA_RETURN_IF_ERROR(ParseEntity(session, c.value, &s));
        if (s.closed()) {
          if (c.position > after) changes.emplace_back(c.position, false);
          break;
        }
      }
    }
    std::sort(changes.begin(), changes.end());
    changes.erase(std::unique(changes.begin(), changes.end(),
                              [](const auto& a, const auto& b) {
                                return a.first == b.first;
                              }),
                  changes.end());
  }
  Page<v1::EntityHistoryEntry> out;
  out.header = r.header;
  for (size_t i = 0; i < changes.size() && i < size; ++i) {
    v1::EntityHistoryEntry e;
    CONCORDIA_RETURN_IF_ERROR(FillEvent(changes[i].first, &e));
    e.set_deleted(changes[i].second);
    out.items.push_back(std::move(e));
  }
  if (changes.size() > size) {
    out.next_page_token = EncodePageToken(query, r.position,
                                          absl::StrCat(changes[size - 1].first));
  }
  return out;
}

absl::StatusOr<Page<v1::EntityHistoryEntry>> Queries::SessionHistory(
    const std::string& cid, const std::string& sid, const Resolved& r,
    const std::string& query, uint64_t after, size_t size) {
  // A session's history is its stream: every event of it changed the
  // session (its votes included, which the store does not copy).
  CONCORDIA_ASSIGN_OR_RETURN(std::optional<projection::EntityVersion> exists,
                             r.view->Get(keys::Session(cid, sid), r.position));
  if (!exists.has_value()) return domain::UnknownEntity("session", sid);
  Page<v1::EntityHistoryEntry> out;
  out.header = r.header;
  bool more = false;
  uint64_t last = 0;
  CONCORDIA_RETURN_IF_ERROR(VisitSessionStream(
      log_, cid, sid, r.position, 1, [&](const log::Record& rec) {
        if (rec.position <= after) return true;
        if (out.items.size() == size) {
          more = true;
          return false;
        }
        v1::EntityHistoryEntry e;
        FillEntry(rec, &e);
        out.items.push_back(std::move(e));
        last = rec.position;
        return true;
      }));
  if (more) out.next_page_token = EncodePageToken(query, r.position, absl::StrCat(last));
  return out;
}

}  // namespace concordia::readmodel
