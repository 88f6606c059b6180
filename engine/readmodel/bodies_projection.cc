#include "engine/readmodel/bodies_projection.h"

#include <set>

#include "concordia/v1/consortium_events.pb.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/consortium_codec.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {

using domain::consortium::Designation;

v1::BodyView BodyViewOf(const ConsortiumState& state,
                        const std::string& body_id) {
  v1::BodyView view;
  if (auto b = state.bodies.find(body_id); b != state.bodies.end()) {
    *view.mutable_body() = b->second;
  }
  std::set<std::string> represented;
  for (const Designation& d : state.designations) {
    if (d.body_id != body_id) continue;
    *view.add_designations() = ToDesignationRecord(d);
    if (!d.member_id.empty()) represented.insert(d.member_id);
  }
  for (const std::string& id : represented) {
    auto m = state.members.find(id);
    if (m == state.members.end()) continue;
    v1::MembershipSpan* span = view.add_memberships();
    span->set_member_id(id);
    *span->mutable_member_from() = domain::ToDate(m->second.from);
    if (m->second.until.has_value()) {
      *span->mutable_member_until() = domain::ToDate(*m->second.until);
    }
  }
  return view;
}

BodiesProjection::BodiesProjection()
    : ReadModelProjection(kBodies, kVersion,
                          {TypeName<v1::ConsortiumRegistered>(),
                           TypeName<v1::MemberAdmitted>(),
                           TypeName<v1::MemberWithdrawn>(),
                           TypeName<v1::MemberSucceeded>(),
                           TypeName<v1::BodyCreated>(),
                           TypeName<v1::BodyMemberDesignated>(),
                           TypeName<v1::BodyMemberRevoked>()}) {}

absl::Status BodiesProjection::ApplyEvent(const google::protobuf::Message& event,
                                          const log::Record& record,
                                          projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<const ConsortiumState*> state =
      snapshots_.Fold(writer, *cid, event, record);
  if (!state.ok()) return state.status();
  // The bodies whose view may have changed.
  std::set<std::string> bodies;
  std::set<std::string> members;
  if (dynamic_cast<const v1::BodyCreated*>(&event) != nullptr ||
      dynamic_cast<const v1::BodyMemberDesignated*>(&event) != nullptr ||
      dynamic_cast<const v1::BodyMemberRevoked*>(&event) != nullptr) {
    absl::StatusOr<std::string> body = IdField(event, "body_id");
    if (!body.ok()) return body.status();
    bodies.insert(*body);
  } else if (const auto* e = dynamic_cast<const v1::MemberWithdrawn*>(&event)) {
    members.insert(e->member_id());
  } else if (const auto* e = dynamic_cast<const v1::MemberSucceeded*>(&event)) {
    members.insert(e->predecessor_ids().begin(), e->predecessor_ids().end());
    members.insert(e->successor_id());
  }
  for (const Designation& d : (*state)->designations) {
    if (members.count(d.member_id) > 0) bodies.insert(d.body_id);
  }
  for (const std::string& body : bodies) {
    absl::StatusOr<bool> wrote = StoreIfChanged(writer, keys::Body(*cid, body),
                                                BodyViewOf(**state, body));
    if (!wrote.ok()) return wrote.status();
  }
  return absl::OkStatus();
}

}  // namespace concordia::readmodel
