// ConsortiumService reads: fold the consortium stream up to the requested
// position and answer for the requested date.
#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/dates.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"
#include "services/consortium/consortium_service.h"

namespace concordia {
namespace {

using access::Action;
using domain::ToDate;
namespace consortium = domain::consortium;
using Folded = domain::Folded<consortium::ConsortiumState>;

// The consortium as of `position`; NOT_FOUND when not registered by then.
absl::StatusOr<Folded> FoldConsortium(const ServiceEnv& env,
                                      const std::string& consortium_id,
                                      uint64_t position) {
  CONCORDIA_ASSIGN_OR_RETURN(
      Folded f, domain::FoldStream<consortium::ConsortiumState>(
                    *env.log, consortium::ConsortiumStream(consortium_id),
                    consortium::ApplyConsortiumEvent, position));
  if (!f.state.registered) {
    return domain::UnknownEntity("consortium", consortium_id);
  }
  return f;
}

void ToApi(const consortium::Member& m, v1::Member* out) {
  out->set_member_id(m.id);
  out->set_name(m.name);
  out->set_kind(m.kind);
  *out->mutable_effective_from() = ToDate(m.from);
  if (m.until.has_value()) *out->mutable_member_until() = ToDate(*m.until);
}

void ToApi(const v1::BodyCreated& b, v1::Body* out) {
  out->set_body_id(b.body_id());
  out->set_kind(b.kind());
  out->set_name(b.name());
}

}  // namespace

grpc::ServerUnaryReactor* ConsortiumService::GetConsortium(
    grpc::CallbackServerContext* context, const v1::GetConsortiumRequest* req,
    v1::GetConsortiumResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        std::optional<absl::CivilDay> on;
        if (req->has_as_of_date()) {
          CONCORDIA_ASSIGN_OR_RETURN(
              on, RequiredDay(req->as_of_date(), true, "as_of_date"));
        }
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            Folded f, FoldConsortium(env_, req->consortium_id(), position));
        const consortium::ConsortiumState& s = f.state;
        v1::Consortium* c = resp->mutable_consortium();
        c->set_consortium_id(s.profile.consortium_id());
        c->set_legal_form(s.profile.legal_form());
        c->set_name(s.profile.name());
        c->set_tax_code(s.profile.tax_code());
        c->set_seat_comune(s.profile.seat_comune());
        *c->mutable_constituted_on() = s.profile.constituted_on();
        for (const auto& [id, m] : s.members) {
          if (on.has_value() && !s.IsMemberOn(id, *on)) continue;
          ToApi(m, c->add_members());
        }
        for (const auto& [id, b] : s.bodies) ToApi(b, c->add_bodies());
        c->set_statute_versions(static_cast<int32_t>(s.statutes.size()));
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ConsortiumService::GetStatute(
    grpc::CallbackServerContext* context, const v1::GetStatuteRequest* req,
    v1::GetStatuteResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay day,
            DayOrToday(env_, req->effective_date(), req->has_effective_date(),
                       "effective_date"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            Folded f, FoldConsortium(env_, req->consortium_id(), position));
        // The version in force: the last adopted among those already
        // effective (as ConsortiumState::StatuteAt chooses).
        const v1::StatuteAdopted* found = nullptr;
        for (const v1::StatuteAdopted& s : f.state.statutes) {
          const absl::CivilDay from = domain::DayOf(s.effective_from());
          if (from <= day &&
              (found == nullptr || from >= domain::DayOf(found->effective_from()))) {
            found = &s;
          }
        }
        if (found == nullptr) {
          return absl::NotFoundError(
              absl::StrCat("no statute of ", req->consortium_id(),
                           " is in force on ", absl::FormatCivilTime(day)));
        }
        *resp->mutable_statute() = found->statute();
        resp->set_statute_version(found->version());
        *resp->mutable_effective_from() = found->effective_from();
        if (found->has_adopted_by()) {
          *resp->mutable_adopted_by() = found->adopted_by();
        }
        *resp->mutable_effective_date() = ToDate(day);
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ConsortiumService::GetShares(
    grpc::CallbackServerContext* context, const v1::GetSharesRequest* req,
    v1::GetSharesResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay day,
            DayOrToday(env_, req->effective_date(), req->has_effective_date(),
                       "effective_date"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            Folded f, FoldConsortium(env_, req->consortium_id(), position));
        const std::pair<absl::CivilDay, std::map<std::string, int32_t>>* table =
            nullptr;
        for (const auto& t : f.state.shares) {
          if (t.first <= day) table = &t;  // tables are kept in date order
        }
        if (table == nullptr) {
          return absl::NotFoundError(
              absl::StrCat(req->consortium_id(), " has no shares on ",
                           absl::FormatCivilTime(day),
                           " (before its constitution)"));
        }
        for (const auto& [member, permille] : table->second) {
          v1::MemberShare* share = resp->add_shares();
          share->set_member_id(member);
          share->set_permille(permille);
        }
        *resp->mutable_effective_from() = ToDate(table->first);
        *resp->mutable_effective_date() = ToDate(day);
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ConsortiumService::GetBody(
    grpc::CallbackServerContext* context, const v1::GetBodyRequest* req,
    v1::GetBodyResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kRead, req->consortium_id(), ""},
      [=](const std::string&) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->body_id(), "body_id"));
        CONCORDIA_ASSIGN_OR_RETURN(
            absl::CivilDay day,
            DayOrToday(env_, req->effective_date(), req->has_effective_date(),
                       "effective_date"));
        CONCORDIA_ASSIGN_OR_RETURN(uint64_t position,
                                   ReadPosition(env_, req->as_of_position()));
        CONCORDIA_ASSIGN_OR_RETURN(
            Folded f, FoldConsortium(env_, req->consortium_id(), position));
        auto body = f.state.bodies.find(req->body_id());
        if (body == f.state.bodies.end()) {
          return domain::UnknownEntity("body", req->body_id());
        }
        ToApi(body->second, resp->mutable_body());
        for (const consortium::Designation& d : f.state.designations) {
          if (d.body_id != req->body_id() || !d.ActiveOn(day)) continue;
          v1::Designation* out = resp->add_designations();
          out->set_member_id(d.member_id);
          out->set_person(d.person);
          out->set_voting(d.voting);
          *out->mutable_effective_from() = ToDate(d.from);
          if (d.until.has_value()) *out->mutable_effective_until() = ToDate(*d.until);
        }
        for (const auto& voter : f.state.VotersOf(req->body_id(), day)) {
          v1::MemberShare* share = resp->add_voters();
          share->set_member_id(voter.member_id);
          share->set_permille(voter.shares);
        }
        *resp->mutable_effective_date() = ToDate(day);
        resp->set_log_position(position);
        resp->set_version(f.version);
        return absl::OkStatus();
      });
}

}  // namespace concordia
