#include "engine/readmodel/delegations_projection.h"

#include "concordia/v1/delegation_events.pb.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {

DelegationsProjection::DelegationsProjection()
    : ReadModelProjection(kDelegations, kVersion,
                          {TypeName<v1::FunctionDelegated>(),
                           TypeName<v1::DelegationRevoked>(),
                           TypeName<v1::DelegateSucceeded>(),
                           TypeName<v1::MemberFunctionSucceeded>()}) {}

absl::Status DelegationsProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record& record,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<std::string> member = IdField(event, "member_id");
  if (!member.ok()) return member.status();
  const google::protobuf::FieldDescriptor* f =
      event.GetDescriptor()->FindFieldByName("function");
  const auto function = static_cast<v1::Function>(
      f == nullptr ? 0 : event.GetReflection()->GetEnumValue(event, f));
  if (function == v1::FUNCTION_UNSPECIFIED) {
    return absl::DataLossError(absl::StrCat(
        event.GetTypeName(), " of ", *member, " names no function"));
  }
  const std::string key = keys::Delegation(
      *cid, *member, domain::delegation::FunctionSlug(function));
  const std::string consortium = *cid;
  return fold_.Apply<v1::DelegationView>(
      writer, key, DelegationStateOf,
      [&consortium](const DelegationState& s) {
        return Serialize(DelegationViewOf(s, consortium));
      },
      [&](DelegationState& s) {
        return domain::delegation::ApplyDelegationEvent(s, event, record);
      },
      /*creates=*/true, "delegation");
}

}  // namespace concordia::readmodel
