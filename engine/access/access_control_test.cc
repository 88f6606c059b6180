#include "engine/access/access_control.h"

#include "engine/common/errors.h"
#include "gtest/gtest.h"

namespace concordia::access {
namespace {

v1::RoleGranted Granted(std::string consortium, std::string principal,
                        v1::Role role, std::string scope = "") {
  v1::RoleGranted g;
  g.set_consortium_id(consortium);
  g.set_principal(principal);
  g.set_role(role);
  g.set_scope(scope);
  return g;
}

TEST(AccessControlTest, MemberDelegateActsOnlyForItsMember) {
  AccessControl access;
  access.Apply(Granted("sudest", "sindaco@melegnano", v1::ROLE_MEMBER_DELEGATE,
                       "melegnano"));
  EXPECT_TRUE(access
                  .Check("sindaco@melegnano", Action::kActForMember, "sudest",
                         "melegnano")
                  .ok());
  absl::Status other = access.Check("sindaco@melegnano", Action::kActForMember,
                                    "sudest", "carpiano");
  EXPECT_EQ(other.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ErrorReason(other), "PERMISSION_DENIED");
  // Not in another consortium, and not as a secretary.
  EXPECT_EQ(access
                .Check("sindaco@melegnano", Action::kActForMember, "pistoia",
                       "melegnano")
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(access
                .Check("sindaco@melegnano", Action::kManageBody, "sudest",
                       "assemblea")
                .code(),
            absl::StatusCode::kPermissionDenied);
  // Any role lets it read its own consortium, not others.
  EXPECT_TRUE(access.Check("sindaco@melegnano", Action::kRead, "sudest").ok());
  EXPECT_EQ(access.Check("sindaco@melegnano", Action::kRead, "pistoia").code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(AccessControlTest, RolesMatchTheMatrix) {
  AccessControl access;
  access.Apply(Granted("c", "sec", v1::ROLE_SECRETARY, "assemblea"));
  access.Apply(Granted("c", "udp", v1::ROLE_UFFICIO_DI_PIANO));
  access.Apply(Granted("", "region", v1::ROLE_REGIONAL_SYSTEM));
  access.Apply(Granted("", "auditor", v1::ROLE_AUDITOR));
  access.Apply(Granted("c", "admin", v1::ROLE_ADMINISTRATOR));
  struct Row {
    const char* principal;
    Action action;
    const char* scope;
    bool allowed;
  } rows[] = {
      {"sec", Action::kManageBody, "assemblea", true},
      {"sec", Action::kManageBody, "tavolo-tecnico", false},
      {"sec", Action::kDraft, "", false},
      {"udp", Action::kDraft, "", true},
      {"udp", Action::kAudit, "", false},
      {"region", Action::kRead, "", true},
      {"region", Action::kSubscribe, "", true},
      {"region", Action::kDraft, "", false},
      {"region", Action::kAudit, "", false},
      {"auditor", Action::kAudit, "", true},
      {"auditor", Action::kRead, "", true},
      {"auditor", Action::kAdminister, "", false},
      {"admin", Action::kAdminister, "", true},
      {"admin", Action::kAudit, "", true},
      {"admin", Action::kActForMember, "melegnano", false},
      {"stranger", Action::kRead, "", false},
  };
  for (const Row& r : rows) {
    absl::Status s = access.Check(r.principal, r.action, "c", r.scope);
    EXPECT_EQ(s.ok(), r.allowed)
        << r.principal << " " << ActionName(r.action) << ": " << s;
    if (!r.allowed) {
      EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
    }
  }
}

TEST(AccessControlTest, RevocationAndBootstrapAdmins) {
  AccessControl access({"root@region"});
  EXPECT_TRUE(access.Check("root@region", Action::kAdminister, "").ok());
  EXPECT_TRUE(access.Check("root@region", Action::kAdminister, "any").ok());
  EXPECT_TRUE(access.IsBootstrapAdmin("root@region"));
  access.Apply(Granted("c", "udp", v1::ROLE_UFFICIO_DI_PIANO));
  EXPECT_TRUE(access.Check("udp", Action::kDraft, "c").ok());
  v1::RoleRevoked revoked;
  revoked.set_consortium_id("c");
  revoked.set_principal("udp");
  revoked.set_role(v1::ROLE_UFFICIO_DI_PIANO);
  access.Apply(revoked);
  EXPECT_EQ(access.Check("udp", Action::kDraft, "c").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(access.Check("", Action::kRead, "c").code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(AccessControlTest, GrantValidation) {
  EXPECT_TRUE(ValidateGrant({"c", "p", v1::ROLE_SECRETARY, "assemblea"}).ok());
  EXPECT_EQ(ErrorMetadata(ValidateGrant({"c", "p", v1::ROLE_SECRETARY, ""}))
                ["field"],
            "scope");
  EXPECT_EQ(ErrorMetadata(ValidateGrant({"c", "p", v1::ROLE_AUDITOR, "x"}))
                ["field"],
            "scope");
  EXPECT_EQ(ErrorMetadata(ValidateGrant({"c", "bad principal",
                                         v1::ROLE_AUDITOR, ""}))["field"],
            "principal");
  EXPECT_EQ(
      ErrorMetadata(ValidateGrant({"c", "p", v1::ROLE_UNSPECIFIED, ""}))["field"],
      "role");
  EXPECT_EQ(ErrorMetadata(ValidateGrant({"", "p", v1::ROLE_MEMBER_DELEGATE,
                                         "m"}))["field"],
            "consortium_id");
  EXPECT_TRUE(IsValidPrincipal("sindaco@san-donato-milanese"));
  EXPECT_TRUE(IsValidPrincipal("system:scheduler"));
  EXPECT_FALSE(IsValidPrincipal(""));
  EXPECT_FALSE(IsValidPrincipal("two words"));
  EXPECT_FALSE(IsValidPrincipal(std::string(129, 'a')));
  EXPECT_EQ(AccessStream("sudest"), "sudest/access");
  EXPECT_EQ(AccessStream(""), "system/access");
}

}  // namespace
}  // namespace concordia::access
