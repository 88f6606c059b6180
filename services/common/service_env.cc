#include "services/common/service_env.h"

#include "services/auth/identity.h"

namespace concordia {

absl::StatusOr<std::string> Authorize(const ServiceEnv& env,
                                      const grpc::ServerContextBase& context,
                                      access::Action action,
                                      absl::string_view consortium_id,
                                      absl::string_view scope) {
  absl::StatusOr<std::string> principal = PrincipalOf(context, env.plaintext);
  if (!principal.ok()) return principal.status();
  absl::Status allowed =
      env.access->Check(*principal, action, consortium_id, scope);
  if (!allowed.ok()) return allowed;
  return principal;
}

absl::StatusOr<std::string> Authenticate(
    const ServiceEnv& env, const grpc::ServerContextBase& context) {
  return PrincipalOf(context, env.plaintext);
}

std::string ConsortiumOfStream(absl::string_view stream) {
  const size_t slash = stream.find('/');
  const absl::string_view first =
      slash == absl::string_view::npos ? stream : stream.substr(0, slash);
  return first == "system" ? std::string() : std::string(first);
}

}  // namespace concordia
