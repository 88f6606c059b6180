#include "engine/readmodel/registry_projection.h"

#include <map>

#include "concordia/v1/consortium_events.pb.h"
#include "concordia/v1/views.pb.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/consortium_codec.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {
namespace {

using domain::DayOf;

// Rebuilds the view from the folded state, keeping the annotations the
// domain state does not hold (authorisations, recorded positions).
v1::ConsortiumView ViewFrom(const ConsortiumState& state,
                            const v1::ConsortiumView& old) {
  v1::ConsortiumView view;
  *view.mutable_profile() = state.profile;
  // Statute versions are only ever appended: old ones keep their positions.
  for (size_t i = 0; i < state.statutes.size(); ++i) {
    v1::StatuteVersion* v = view.add_statutes();
    *v->mutable_adopted() = state.statutes[i];
    if (i < static_cast<size_t>(old.statutes_size())) {
      v->set_recorded_position(old.statutes(static_cast<int>(i))
                                   .recorded_position());
    }
  }
  std::map<std::string, const v1::MemberRecord*> old_members;
  for (const v1::MemberRecord& m : old.members()) {
    old_members[m.member_id()] = &m;
  }
  for (const auto& [id, member] : state.members) {
    v1::MemberRecord* r = view.add_members();
    if (auto it = old_members.find(id); it != old_members.end()) {
      *r = *it->second;
    }
    const v1::MemberRecord fresh = ToMemberRecord(member);
    r->set_member_id(fresh.member_id());
    r->set_name(fresh.name());
    r->set_kind(fresh.kind());
    *r->mutable_member_from() = fresh.member_from();
    if (fresh.has_member_until()) {
      *r->mutable_member_until() = fresh.member_until();
    } else {
      r->clear_member_until();
    }
  }
  std::map<absl::CivilDay, const v1::ShareTable*> old_tables;
  for (const v1::ShareTable& t : old.share_tables()) {
    old_tables[DayOf(t.effective_from())] = &t;
  }
  for (const auto& [from, table] : state.shares) {
    v1::ShareTable* t = view.add_share_tables();
    *t = ToShareTable(from, table);
    if (auto it = old_tables.find(from); it != old_tables.end()) {
      if (it->second->has_changed_by()) {
        *t->mutable_changed_by() = it->second->changed_by();
      }
      t->set_recorded_position(it->second->recorded_position());
    }
  }
  return view;
}

v1::MemberRecord* FindMember(v1::ConsortiumView& view, absl::string_view id) {
  for (v1::MemberRecord& m : *view.mutable_members()) {
    if (m.member_id() == id) return &m;
  }
  return nullptr;
}

}  // namespace

RegistryProjection::RegistryProjection()
    : ReadModelProjection(kRegistry, kVersion,
                          {TypeName<v1::ConsortiumRegistered>(),
                           TypeName<v1::StatuteAdopted>(),
                           TypeName<v1::MemberAdmitted>(),
                           TypeName<v1::MemberWithdrawn>(),
                           TypeName<v1::MemberSucceeded>(),
                           TypeName<v1::SharesChanged>()}) {}

absl::Status RegistryProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record& record,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  const std::string key = keys::Consortium(*cid);
  auto it = cache_.find(*cid);
  bool cached_current = false;
  if (it != cache_.end()) {
    // Still what the store holds? (checked without copying it out)
    absl::StatusOr<bool> holds = writer.Holds(key, it->second.bytes);
    if (!holds.ok()) return holds.status();
    cached_current = *holds;
  }
  if (!cached_current) {
    absl::StatusOr<std::optional<std::string>> bytes = writer.Get(key);
    if (!bytes.ok()) return bytes.status();
    const std::string stored = bytes->value_or("");
    if (it == cache_.end() || it->second.bytes != stored) {
      if (cache_.size() >= 4096) cache_.clear();
      Cached fresh;
      fresh.bytes = stored;
      if (!stored.empty()) {
        if (absl::Status s = ParseEntity(key, stored, &fresh.view); !s.ok()) {
          return s;
        }
      }
      fresh.state = FromRegistryView(fresh.view);
      it = cache_.insert_or_assign(*cid, std::move(fresh)).first;
    }
  }
  Cached& cached = it->second;
  // Until stored below, the cache no longer matches the store.
  cached.bytes.assign(1, '\xff');
  if (absl::Status s =
          domain::consortium::ApplyConsortiumEvent(cached.state, event, record);
      !s.ok()) {
    return s;
  }
  v1::ConsortiumView view = ViewFrom(cached.state, cached.view);
  // What this event adds beside the domain state.
  if (dynamic_cast<const v1::StatuteAdopted*>(&event) != nullptr) {
    view.mutable_statutes(view.statutes_size() - 1)
        ->set_recorded_position(record.position);
  } else if (const auto* e = dynamic_cast<const v1::SharesChanged*>(&event)) {
    for (v1::ShareTable& t : *view.mutable_share_tables()) {
      if (DayOf(t.effective_from()) == DayOf(e->effective_from())) {
        if (e->has_changed_by()) {
          *t.mutable_changed_by() = e->changed_by();
        } else {
          t.clear_changed_by();
        }
        t.set_recorded_position(record.position);
      }
    }
  } else if (const auto* e = dynamic_cast<const v1::MemberAdmitted*>(&event)) {
    v1::MemberRecord* m = FindMember(view, e->member_id());
    if (m != nullptr && e->has_admitted_by()) {
      *m->mutable_admitted_by() = e->admitted_by();
    }
  } else if (const auto* e = dynamic_cast<const v1::MemberWithdrawn*>(&event)) {
    v1::MemberRecord* m = FindMember(view, e->member_id());
    if (m != nullptr && e->has_recorded_by()) {
      *m->mutable_withdrawn_by() = e->recorded_by();
    }
  } else if (const auto* e = dynamic_cast<const v1::MemberSucceeded*>(&event)) {
    if (v1::MemberRecord* m = FindMember(view, e->successor_id())) {
      *m->mutable_predecessor_ids() = e->predecessor_ids();
    }
    for (const std::string& p : e->predecessor_ids()) {
      if (v1::MemberRecord* m = FindMember(view, p)) {
        m->set_successor_id(e->successor_id());
      }
    }
  }
  cached.bytes = Serialize(view);
  writer.Put(key, cached.bytes);
  cached.view = std::move(view);
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
