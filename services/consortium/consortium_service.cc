// ConsortiumService mutations: validate, check the consortium exists, run the
// Governance command. Reads are in consortium_reads.cc.
#include "services/consortium/consortium_service.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "engine/calendar/calendar.h"
#include "engine/common/status_macros.h"
#include "engine/domain/consortium/consortium.h"
#include "services/common/request_fields.h"
#include "services/common/unary_call.h"

namespace concordia {
namespace {

using access::Action;
using domain::InvalidField;
namespace consortium = domain::consortium;

// A share table from the request: valid ids, each once, 0..1000 each (the
// sum and the members it must name are the domain's rules).
absl::StatusOr<std::map<std::string, int32_t>> SharesFrom(
    const google::protobuf::RepeatedPtrField<v1::MemberShare>& shares) {
  if (shares.empty()) return InvalidField("shares", "required");
  std::map<std::string, int32_t> out;
  for (int i = 0; i < shares.size(); ++i) {
    const std::string field = absl::StrCat("shares[", i, "]");
    CONCORDIA_RETURN_IF_ERROR(
        RequireId(shares[i].member_id(), field + ".member_id"));
    if (shares[i].permille() < 0 || shares[i].permille() > 1000) {
      return InvalidField(field + ".permille", "0..1000 per mille");
    }
    if (!out.emplace(shares[i].member_id(), shares[i].permille()).second) {
      return InvalidField(field + ".member_id", "given twice");
    }
  }
  return out;
}

// The deliberation that authorises a change: one of Concordia's.
absl::Status RequireAuthorisation(const v1::DeliberationRef& ref,
                                  bool present) {
  if (!present) return InvalidField("authorised_by", "required");
  return RequireId(ref.proposal_id(), "authorised_by.proposal_id");
}

absl::Time Start(absl::CivilDay day) { return calendar::StartOfRomeDay(day); }

// A succession's choices: one per function, each one of the arrangements a
// predecessor had (the member itself, the consortium or a lead ente).
absl::StatusOr<std::map<v1::Function, v1::Exerciser>> ChoicesFrom(
    const google::protobuf::RepeatedPtrField<v1::SuccessionChoice>& choices) {
  std::map<v1::Function, v1::Exerciser> out;
  for (int i = 0; i < choices.size(); ++i) {
    const std::string field = absl::StrCat("function_choices[", i, "]");
    const v1::SuccessionChoice& c = choices[i];
    CONCORDIA_RETURN_IF_ERROR(
        RequireEnum(c.function(), v1::Function_IsValid, field + ".function"));
    if (!c.has_exerciser()) {
      return InvalidField(field + ".exerciser", "required");
    }
    CONCORDIA_RETURN_IF_ERROR(RequireEnum(c.exerciser().kind(),
                                          v1::ExerciserKind_IsValid,
                                          field + ".exerciser.kind"));
    if (c.exerciser().kind() == v1::EXERCISER_KIND_LEAD_ENTE) {
      CONCORDIA_RETURN_IF_ERROR(RequireId(c.exerciser().lead_member_id(),
                                          field + ".exerciser.lead_member_id"));
    } else if (!c.exerciser().lead_member_id().empty()) {
      return InvalidField(field + ".exerciser.lead_member_id",
                          "only for a lead ente");
    }
    if (!out.emplace(c.function(), c.exerciser()).second) {
      return InvalidField(field + ".function", "given twice");
    }
  }
  return out;
}

}  // namespace

absl::Status ConsortiumService::RequireConsortium(
    const std::string& consortium_id) {
  absl::StatusOr<log::StreamInfo> info =
      env_.log->GetStreamInfo(consortium::ConsortiumStream(consortium_id));
  if (absl::IsNotFound(info.status())) {
    return domain::UnknownEntity("consortium", consortium_id);
  }
  return info.status();
}

grpc::ServerUnaryReactor* ConsortiumService::RegisterConsortium(
    grpc::CallbackServerContext* context,
    const v1::RegisterConsortiumRequest* req,
    v1::RegisterConsortiumResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireEnum(
            req->legal_form(), v1::LegalForm_IsValid, "legal_form"));
        CONCORDIA_RETURN_IF_ERROR(RequireText(req->name(), "name", kMaxNameBytes));
        CONCORDIA_RETURN_IF_ERROR(RequireText(req->tax_code(), "tax_code", 32,
                                              /*required=*/false));
        CONCORDIA_RETURN_IF_ERROR(
            RequireId(req->seat_comune(), "seat_comune"));
        consortium::RegisterConsortium cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.constituted_on,
            RequiredDay(req->constituted_on(), req->has_constituted_on(),
                        "constituted_on"));
        if (!req->has_statute()) return InvalidField("statute", "required");
        CONCORDIA_RETURN_IF_ERROR(consortium::ValidateStatute(req->statute()));
        if (req->founders().empty()) {
          return InvalidField("founders", "at least one founder");
        }
        std::set<std::string> ids;
        for (int i = 0; i < req->founders_size(); ++i) {
          const v1::Founder& f = req->founders(i);
          const std::string field = absl::StrCat("founders[", i, "]");
          CONCORDIA_RETURN_IF_ERROR(RequireId(f.member_id(), field + ".member_id"));
          if (!ids.insert(f.member_id()).second) {
            return InvalidField(field + ".member_id", "given twice");
          }
          CONCORDIA_RETURN_IF_ERROR(
              RequireText(f.name(), field + ".name", kMaxNameBytes));
          CONCORDIA_RETURN_IF_ERROR(
              RequireEnum(f.kind(), v1::MemberKind_IsValid, field + ".kind"));
          if (f.permille() < 0 || f.permille() > 1000) {
            return InvalidField(field + ".permille", "0..1000 per mille");
          }
          cmd.founders.push_back({f.member_id(), f.name(), f.kind(), f.permille()});
        }
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), Start(cmd.constituted_on)));
        cmd.consortium_id = req->consortium_id();
        cmd.legal_form = req->legal_form();
        cmd.name = req->name();
        cmd.tax_code = req->tax_code();
        cmd.seat_comune = req->seat_comune();
        cmd.statute = req->statute();
        return Written(env_, context, governance_.RegisterConsortium(ctx, cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* ConsortiumService::AdmitMember(
    grpc::CallbackServerContext* context, const v1::AdmitMemberRequest* req,
    v1::AdmitMemberResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->member_id(), "member_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireText(req->name(), "name", kMaxNameBytes));
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->kind(), v1::MemberKind_IsValid, "kind"));
        consortium::AdmitMember cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.effective_from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_ASSIGN_OR_RETURN(cmd.shares, SharesFrom(req->shares()));
        CONCORDIA_RETURN_IF_ERROR(RequireAuthorisation(
            req->authorised_by(), req->has_authorised_by()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), Start(cmd.effective_from)));
        CONCORDIA_RETURN_IF_ERROR(RequireConsortium(req->consortium_id()));
        cmd.member_id = req->member_id();
        cmd.name = req->name();
        cmd.kind = req->kind();
        cmd.authorised_by = req->authorised_by();
        return Written(env_, context,
                       governance_.AdmitMember(ctx, req->consortium_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* ConsortiumService::WithdrawMember(
    grpc::CallbackServerContext* context, const v1::WithdrawMemberRequest* req,
    v1::WithdrawMemberResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->member_id(), "member_id"));
        consortium::WithdrawMember cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.effective_from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_ASSIGN_OR_RETURN(cmd.shares, SharesFrom(req->shares()));
        CONCORDIA_RETURN_IF_ERROR(RequireAuthorisation(
            req->authorised_by(), req->has_authorised_by()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), Start(cmd.effective_from)));
        CONCORDIA_RETURN_IF_ERROR(RequireConsortium(req->consortium_id()));
        cmd.member_id = req->member_id();
        cmd.authorised_by = req->authorised_by();
        return Written(env_, context,
                       governance_.WithdrawMember(ctx, req->consortium_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* ConsortiumService::RecordSuccession(
    grpc::CallbackServerContext* context,
    const v1::RecordSuccessionRequest* req,
    v1::RecordSuccessionResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        if (req->predecessor_ids_size() < 2) {
          return InvalidField("predecessor_ids",
                              "a merger has two or more members");
        }
        consortium::RecordSuccession cmd;
        std::set<std::string> seen;
        for (int i = 0; i < req->predecessor_ids_size(); ++i) {
          const std::string field = absl::StrCat("predecessor_ids[", i, "]");
          CONCORDIA_RETURN_IF_ERROR(RequireId(req->predecessor_ids(i), field));
          if (!seen.insert(req->predecessor_ids(i)).second) {
            return InvalidField(field, "given twice");
          }
          cmd.predecessor_ids.push_back(req->predecessor_ids(i));
        }
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->successor_id(), "successor_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireText(req->successor_name(), "successor_name", kMaxNameBytes));
        CONCORDIA_RETURN_IF_ERROR(RequireEnum(req->successor_kind(),
                                              v1::MemberKind_IsValid,
                                              "successor_kind", false));
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.effective_from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_ASSIGN_OR_RETURN(
            auto choices, ChoicesFrom(req->function_choices()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), Start(cmd.effective_from)));
        CONCORDIA_RETURN_IF_ERROR(RequireConsortium(req->consortium_id()));
        cmd.successor_id = req->successor_id();
        cmd.successor_name = req->successor_name();
        if (req->successor_kind() != v1::MEMBER_KIND_UNSPECIFIED) {
          cmd.successor_kind = req->successor_kind();
        }
        return Written(env_, context,
                       cooperation_.RecordSuccession(ctx, req->consortium_id(),
                                                     cmd, choices),
                       resp);
      });
}

grpc::ServerUnaryReactor* ConsortiumService::ChangeShares(
    grpc::CallbackServerContext* context, const v1::ChangeSharesRequest* req,
    v1::ChangeSharesResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        consortium::ChangeShares cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.effective_from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_ASSIGN_OR_RETURN(cmd.shares, SharesFrom(req->shares()));
        CONCORDIA_RETURN_IF_ERROR(RequireAuthorisation(
            req->authorised_by(), req->has_authorised_by()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), Start(cmd.effective_from)));
        CONCORDIA_RETURN_IF_ERROR(RequireConsortium(req->consortium_id()));
        cmd.authorised_by = req->authorised_by();
        return Written(env_, context,
                       governance_.ChangeShares(ctx, req->consortium_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* ConsortiumService::AdoptStatute(
    grpc::CallbackServerContext* context, const v1::AdoptStatuteRequest* req,
    v1::AdoptStatuteResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        if (!req->has_statute()) return InvalidField("statute", "required");
        CONCORDIA_RETURN_IF_ERROR(consortium::ValidateStatute(req->statute()));
        consortium::AdoptStatute cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.effective_from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_RETURN_IF_ERROR(RequireAuthorisation(
            req->authorised_by(), req->has_authorised_by()));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), Start(cmd.effective_from)));
        CONCORDIA_RETURN_IF_ERROR(RequireConsortium(req->consortium_id()));
        cmd.statute = req->statute();
        cmd.authorised_by = req->authorised_by();
        return Written(env_, context,
                       governance_.AdoptStatute(ctx, req->consortium_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* ConsortiumService::CreateBody(
    grpc::CallbackServerContext* context, const v1::CreateBodyRequest* req,
    v1::CreateBodyResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->body_id(), "body_id"));
        CONCORDIA_RETURN_IF_ERROR(
            RequireEnum(req->kind(), v1::BodyKind_IsValid, "kind"));
        CONCORDIA_RETURN_IF_ERROR(RequireText(req->name(), "name", kMaxNameBytes));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), env_.clock->Now()));
        CONCORDIA_RETURN_IF_ERROR(RequireConsortium(req->consortium_id()));
        return Written(env_, context,
                       governance_.CreateBody(ctx, req->consortium_id(),
                                              {req->body_id(), req->kind(),
                                               req->name()}),
                       resp);
      });
}

grpc::ServerUnaryReactor* ConsortiumService::DesignateBodyMember(
    grpc::CallbackServerContext* context,
    const v1::DesignateBodyMemberRequest* req,
    v1::DesignateBodyMemberResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->body_id(), "body_id"));
        if (!req->member_id().empty() || req->voting()) {
          CONCORDIA_RETURN_IF_ERROR(RequireId(req->member_id(), "member_id"));
        }
        CONCORDIA_RETURN_IF_ERROR(RequirePrincipal(req->person(), "person"));
        consortium::Designate cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.effective_from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), Start(cmd.effective_from)));
        CONCORDIA_RETURN_IF_ERROR(RequireConsortium(req->consortium_id()));
        cmd.body_id = req->body_id();
        cmd.member_id = req->member_id();
        cmd.person = req->person();
        cmd.voting = req->voting();
        return Written(env_, context,
                       governance_.Designate(ctx, req->consortium_id(), cmd),
                       resp);
      });
}

grpc::ServerUnaryReactor* ConsortiumService::RevokeBodyMember(
    grpc::CallbackServerContext* context,
    const v1::RevokeBodyMemberRequest* req,
    v1::RevokeBodyMemberResponse* resp) {
  return ServeUnary(
      env_, context, {Action::kAdminister, req->consortium_id(), ""},
      [=](const std::string& principal) -> absl::Status {
        CONCORDIA_RETURN_IF_ERROR(RequireRequestId(req->request_id()));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->consortium_id(), "consortium_id"));
        CONCORDIA_RETURN_IF_ERROR(RequireId(req->body_id(), "body_id"));
        if (!req->member_id().empty()) {
          CONCORDIA_RETURN_IF_ERROR(RequireId(req->member_id(), "member_id"));
        }
        CONCORDIA_RETURN_IF_ERROR(RequirePrincipal(req->person(), "person"));
        consortium::RevokeDesignation cmd;
        CONCORDIA_ASSIGN_OR_RETURN(
            cmd.effective_from,
            RequiredDay(req->effective_from(), req->has_effective_from(),
                        "effective_from"));
        CONCORDIA_ASSIGN_OR_RETURN(
            domain::CommandContext ctx,
            CommandContextFor(env_, principal, req->request_id(),
                              ExpectedVersionOf(*req), Start(cmd.effective_from)));
        CONCORDIA_RETURN_IF_ERROR(RequireConsortium(req->consortium_id()));
        cmd.body_id = req->body_id();
        cmd.member_id = req->member_id();
        cmd.person = req->person();
        return Written(
            env_, context,
            governance_.RevokeDesignation(ctx, req->consortium_id(), cmd), resp);
      });
}

}  // namespace concordia
