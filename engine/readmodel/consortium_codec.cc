#include "engine/readmodel/consortium_codec.h"

#include "engine/domain/core/dates.h"
#include "engine/readmodel/keys.h"
#include "engine/readmodel/read_model_projection.h"

namespace concordia::readmodel {

using domain::DayOf;
using domain::ToDate;
using domain::consortium::Designation;
using domain::consortium::Member;

v1::MemberRecord ToMemberRecord(const Member& m) {
  v1::MemberRecord r;
  r.set_member_id(m.id);
  r.set_name(m.name);
  r.set_kind(m.kind);
  *r.mutable_member_from() = ToDate(m.from);
  if (m.until.has_value()) *r.mutable_member_until() = ToDate(*m.until);
  return r;
}

Member FromMemberRecord(const v1::MemberRecord& r) {
  Member m;
  m.id = r.member_id();
  m.name = r.name();
  m.kind = r.kind();
  m.from = DayOf(r.member_from());
  if (r.has_member_until()) m.until = DayOf(r.member_until());
  return m;
}

v1::ShareTable ToShareTable(absl::CivilDay from,
                            const std::map<std::string, int32_t>& shares) {
  v1::ShareTable t;
  *t.mutable_effective_from() = ToDate(from);
  for (const auto& [member, permille] : shares) {
    v1::MemberShare* s = t.add_shares();
    s->set_member_id(member);
    s->set_permille(permille);
  }
  return t;
}

std::map<std::string, int32_t> FromShares(
    const google::protobuf::RepeatedPtrField<v1::MemberShare>& shares) {
  std::map<std::string, int32_t> out;
  for (const v1::MemberShare& s : shares) out[s.member_id()] = s.permille();
  return out;
}

v1::DesignationRecord ToDesignationRecord(const Designation& d) {
  v1::DesignationRecord r;
  r.set_body_id(d.body_id);
  r.set_member_id(d.member_id);
  r.set_person(d.person);
  r.set_voting(d.voting);
  *r.mutable_designated_from() = ToDate(d.from);
  if (d.until.has_value()) *r.mutable_designated_until() = ToDate(*d.until);
  return r;
}

Designation FromDesignationRecord(const v1::DesignationRecord& r) {
  Designation d;
  d.body_id = r.body_id();
  d.member_id = r.member_id();
  d.person = r.person();
  d.voting = r.voting();
  d.from = DayOf(r.designated_from());
  if (r.has_designated_until()) d.until = DayOf(r.designated_until());
  return d;
}

ConsortiumState FromSnapshot(const v1::ConsortiumSnapshot& snapshot) {
  ConsortiumState s;
  s.registered = snapshot.registered();
  s.profile = snapshot.profile();
  s.statutes.assign(snapshot.statutes().begin(), snapshot.statutes().end());
  for (const v1::MemberRecord& m : snapshot.members()) {
    s.members[m.member_id()] = FromMemberRecord(m);
  }
  for (const v1::ShareTable& t : snapshot.share_tables()) {
    s.shares.emplace_back(DayOf(t.effective_from()), FromShares(t.shares()));
  }
  for (const v1::BodyCreated& b : snapshot.bodies()) s.bodies[b.body_id()] = b;
  for (const v1::DesignationRecord& d : snapshot.designations()) {
    s.designations.push_back(FromDesignationRecord(d));
  }
  return s;
}

v1::ConsortiumSnapshot ToSnapshot(const ConsortiumState& s) {
  v1::ConsortiumSnapshot out;
  out.set_registered(s.registered);
  if (s.registered) *out.mutable_profile() = s.profile;
  for (const v1::StatuteAdopted& st : s.statutes) *out.add_statutes() = st;
  for (const auto& [id, m] : s.members) *out.add_members() = ToMemberRecord(m);
  for (const auto& [from, table] : s.shares) {
    *out.add_share_tables() = ToShareTable(from, table);
  }
  for (const auto& [id, b] : s.bodies) *out.add_bodies() = b;
  for (const Designation& d : s.designations) {
    *out.add_designations() = ToDesignationRecord(d);
  }
  return out;
}

ConsortiumState FromRegistryView(const v1::ConsortiumView& view) {
  ConsortiumState s;
  s.registered = view.has_profile();
  s.profile = view.profile();
  for (const v1::StatuteVersion& v : view.statutes()) {
    s.statutes.push_back(v.adopted());
  }
  for (const v1::MemberRecord& m : view.members()) {
    s.members[m.member_id()] = FromMemberRecord(m);
  }
  for (const v1::ShareTable& t : view.share_tables()) {
    s.shares.emplace_back(DayOf(t.effective_from()), FromShares(t.shares()));
  }
  return s;
}

absl::StatusOr<ConsortiumSnapshots::Entry*> ConsortiumSnapshots::Find(
    projection::EntityWriter& writer, absl::string_view cid) {
  const std::string key = keys::PrivateConsortium(cid);
  auto it = cache_.find(cid);
  if (it != cache_.end()) {
    // Still what the store holds? (checked without copying it out)
    absl::StatusOr<bool> holds = writer.Holds(key, it->second.bytes);
    if (!holds.ok()) return holds.status();
    if (*holds) return &it->second;
  }
  absl::StatusOr<std::optional<std::string>> bytes = writer.Get(key);
  if (!bytes.ok()) return bytes.status();
  const std::string stored = bytes->value_or("");
  if (it != cache_.end() && it->second.bytes == stored) return &it->second;
  v1::ConsortiumSnapshot snapshot;
  if (!stored.empty()) {
    if (absl::Status s = ParseEntity(key, stored, &snapshot); !s.ok()) return s;
  }
  if (it == cache_.end()) {
    if (cache_.size() >= kMaxEntries) cache_.clear();
    it = cache_.emplace(std::string(cid), Entry()).first;
  }
  it->second.bytes = stored;
  it->second.state = FromSnapshot(snapshot);
  return &it->second;
}

absl::StatusOr<const ConsortiumState*> ConsortiumSnapshots::Load(
    projection::EntityWriter& writer, absl::string_view cid) {
  absl::StatusOr<Entry*> e = Find(writer, cid);
  if (!e.ok()) return e.status();
  return &(*e)->state;
}

absl::StatusOr<const ConsortiumState*> ConsortiumSnapshots::Fold(
    projection::EntityWriter& writer, absl::string_view cid,
    const google::protobuf::Message& event, const log::Record& record) {
  absl::StatusOr<Entry*> e = Find(writer, cid);
  if (!e.ok()) return e.status();
  Entry& entry = **e;
  if (absl::Status s =
          domain::consortium::ApplyConsortiumEvent(entry.state, event, record);
      !s.ok()) {
    entry.bytes.clear();  // no longer what is stored
    entry.bytes.push_back('\xff');
    return s;
  }
  entry.bytes = Serialize(ToSnapshot(entry.state));
  writer.Put(keys::PrivateConsortium(cid), entry.bytes);
  return &entry.state;
}

}  // namespace concordia::readmodel
