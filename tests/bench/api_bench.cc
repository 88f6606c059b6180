// api_bench: durable commands through the real API beside a no-op RPC on the
// same server, in the same run.
//
//   bazel run -c opt //tests/bench:api_bench -- [--quick] [--dir=DIR]
//       [--streams=64] [--seconds=S] [--rounds=N] [--workers=W]
//
// Starts an in-process Server (services/server) on a durable RocksDB store
// (every acknowledged command is synced), plaintext on loopback, and sets up
// a district through the API: nine comuni on an Assemblea, one session per
// client stream with its agenda of ready proposals and everyone present.
// Then, in rounds, it drives the server with `streams` concurrent client
// streams (one thread and one connection each, blocking unary calls):
//   noop      AdminService.Ping;
//   commands  SessionService.CastVote by each comune's sindaco on the
//             stream's own sessions (ten items each, both ballots of every
//             item: 180 votes a session, then the next session), and every
//             fourth call DeliberationService.DraftProposal by the Ufficio
//             di Piano; each a durable append through authorization, the
//             call executor, the domain's Decide and the group commit.
// Prints the rates, the command latency percentiles and the error count;
// the last line is exactly
//   api_bench: commands/noop=R p99_ms=T
// with R the ratio of the two rates and T the commands' 99th percentile.
#include <sys/resource.h>

#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "concordia/v1/admin.grpc.pb.h"
#include "concordia/v1/consortium_service.grpc.pb.h"
#include "concordia/v1/deliberation_service.grpc.pb.h"
#include "concordia/v1/session_service.grpc.pb.h"
#include "engine/calendar/calendar.h"
#include "engine/calendar/calendar_proto.h"
#include "engine/calendar/statutory_defaults.h"
#include "engine/common/clock.h"
#include "grpcpp/grpcpp.h"
#include "services/auth/identity.h"
#include "services/common/request_fields.h"
#include "services/server/server.h"
#include "tests/bench/bench_util.h"

namespace concordia::bench {
namespace {

constexpr char kConsortium[] = "bench";
constexpr char kAdmin[] = "admin@bench";
constexpr char kSecretary[] = "segretario@bench";
constexpr char kUfficio[] = "ufficio@bench";
const std::vector<std::pair<std::string, int>> kComuni = {
    {"san-giuliano-milanese", 347}, {"san-donato-milanese", 288},
    {"melegnano", 162},             {"cerro-al-lambro", 46},
    {"san-zenone-al-lambro", 39},   {"carpiano", 37},
    {"vizzolo-predabissi", 36},     {"dresano", 27},
    {"colturano", 18}};

std::string Sindaco(const std::string& member) {
  return absl::StrCat("sindaco@", member);
}

[[noreturn]] void Die(const std::string& what, const grpc::Status& s) {
  std::fprintf(stderr, "api_bench: %s: %s (%d)\n", what.c_str(),
               s.error_message().c_str(), static_cast<int>(s.error_code()));
  std::exit(1);
}

v1::Fraction F(int64_t n, int64_t d, bool strict) {
  v1::Fraction f;
  f.set_numerator(n);
  f.set_denominator(d);
  f.set_strict(strict);
  return f;
}

// The statute of scenario S1 (quorum > 500‰ and a majority of members,
// absolute majority of the votanti's shares).
v1::Statute Statute() {
  v1::Statute st;
  v1::BodyRules* a = st.add_bodies();
  a->set_body_kind(v1::BODY_KIND_ASSEMBLEA);
  a->set_weighted_votes(true);
  *a->mutable_first_call_quorum()->mutable_shares() = F(500, 1000, true);
  *a->mutable_first_call_quorum()->mutable_heads() = F(1, 2, true);
  *a->mutable_second_call_quorum()->mutable_shares() = F(1, 3, false);
  v1::MajorityRule* m = a->add_majorities();
  m->set_act_kind(v1::ACT_KIND_ORDINARY);
  m->set_base(v1::MAJORITY_BASE_VOTANTI);
  *m->mutable_shares() = F(1, 2, true);
  *st.mutable_ordinary_notice() =
      calendar::ToProto(calendar::defaults::OrdinaryNotice());
  *st.mutable_extraordinary_notice() =
      calendar::ToProto(calendar::defaults::ExtraordinaryNotice());
  *st.mutable_urgent_notice() =
      calendar::ToProto(calendar::defaults::UrgentNotice());
  st.set_publication_days(calendar::defaults::kAlboDays);
  st.set_executivity_days(calendar::defaults::kExecutivityDays);
  *st.mutable_immediate_executability() = F(500, 1000, true);
  st.set_annulment_limit_months(calendar::defaults::kAnnulmentMonths);
  return st;
}

v1::Date DateOf(absl::CivilDay day) {
  v1::Date d;
  d.set_year(static_cast<int32_t>(day.year()));
  d.set_month(day.month());
  d.set_day(day.day());
  return d;
}

// One client stream: its own connection; each call names its principal
// (plaintext mode).
class Client {
 public:
  explicit Client(const std::string& address) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // own connection
    channel_ = grpc::CreateCustomChannel(
        address, grpc::InsecureChannelCredentials(), args);
    admin_ = v1::AdminService::NewStub(channel_);
    consortia_ = v1::ConsortiumService::NewStub(channel_);
    sessions_ = v1::SessionService::NewStub(channel_);
    deliberations_ = v1::DeliberationService::NewStub(channel_);
  }

  template <typename Stub, typename Request, typename Response>
  grpc::Status Call(Stub& stub,
                    grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                 const Request&, Response*),
                    const std::string& as, const Request& request,
                    Response* response) {
    grpc::ClientContext ctx;
    ctx.AddMetadata(kPrincipalHeader, as);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    ctx.set_wait_for_ready(true);
    return (stub.*method)(&ctx, request, response);
  }

  v1::AdminService::Stub& admin() { return *admin_; }
  v1::ConsortiumService::Stub& consortia() { return *consortia_; }
  v1::SessionService::Stub& sessions() { return *sessions_; }
  v1::DeliberationService::Stub& deliberations() { return *deliberations_; }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::ConsortiumService::Stub> consortia_;
  std::unique_ptr<v1::SessionService::Stub> sessions_;
  std::unique_ptr<v1::DeliberationService::Stub> deliberations_;
};

void Grant(Client& c, const std::string& principal, v1::Role role,
           const std::string& scope) {
  v1::GrantRoleRequest req;
  req.set_request_id(absl::StrCat("grant-", principal, "-", role));
  req.mutable_grant()->set_consortium_id(kConsortium);
  req.mutable_grant()->set_principal(principal);
  req.mutable_grant()->set_role(role);
  req.mutable_grant()->set_scope(scope);
  v1::GrantRoleResponse resp;
  grpc::Status s = c.Call(c.admin(), &v1::AdminService::Stub::GrantRole, kAdmin,
                          req, &resp);
  if (!s.ok()) Die("grant", s);
}

// Registers the consortium, its Assemblea, the designations and the grants.
void SetUpConsortium(Client& c, absl::CivilDay today) {
  v1::RegisterConsortiumRequest reg;
  reg.set_request_id("register");
  reg.set_consortium_id(kConsortium);
  reg.set_legal_form(v1::LEGAL_FORM_AZIENDA_SPECIALE_CONSORTILE);
  reg.set_name("Ambito di prova");
  reg.set_seat_comune("san-giuliano-milanese");
  *reg.mutable_constituted_on() = DateOf(today - 365);
  *reg.mutable_statute() = Statute();
  for (const auto& [member, share] : kComuni) {
    v1::Founder* f = reg.add_founders();
    f->set_member_id(member);
    f->set_name(member);
    f->set_kind(v1::MEMBER_KIND_COMUNE);
    f->set_permille(share);
  }
  v1::RegisterConsortiumResponse r1;
  grpc::Status s = c.Call(c.consortia(),
                          &v1::ConsortiumService::Stub::RegisterConsortium,
                          kAdmin, reg, &r1);
  if (!s.ok()) Die("register", s);
  v1::CreateBodyRequest body;
  body.set_request_id("body");
  body.set_consortium_id(kConsortium);
  body.set_body_id("assemblea");
  body.set_kind(v1::BODY_KIND_ASSEMBLEA);
  body.set_name("Assemblea dei Sindaci");
  v1::CreateBodyResponse r2;
  s = c.Call(c.consortia(), &v1::ConsortiumService::Stub::CreateBody, kAdmin,
             body, &r2);
  if (!s.ok()) Die("body", s);
  for (const auto& [member, share] : kComuni) {
    v1::DesignateBodyMemberRequest d;
    d.set_request_id(absl::StrCat("designate-", member));
    d.set_consortium_id(kConsortium);
    d.set_body_id("assemblea");
    d.set_member_id(member);
    d.set_person(Sindaco(member));
    d.set_voting(true);
    *d.mutable_effective_from() = DateOf(today - 365);
    v1::DesignateBodyMemberResponse r;
    s = c.Call(c.consortia(), &v1::ConsortiumService::Stub::DesignateBodyMember,
               kAdmin, d, &r);
    if (!s.ok()) Die("designate", s);
    Grant(c, Sindaco(member), v1::ROLE_MEMBER_DELEGATE, member);
  }
  Grant(c, kSecretary, v1::ROLE_SECRETARY, "assemblea");
  Grant(c, kUfficio, v1::ROLE_UFFICIO_DI_PIANO, "");
}

std::string SessionId(int stream, int session) {
  return absl::StrCat("s-", stream, "-", session);
}

// Session `n` of stream `s`: `items` ready proposals, held ten days ago on a
// convocation delivered twenty days ago (transcribed now, so its votes are
// recorded after its time), everyone present.
void SetUpSession(Client& c, int s, int n, int items, absl::Time session_time) {
  v1::ConveneSessionRequest convene;
  convene.set_request_id(absl::StrCat("convene-", s, "-", n));
  convene.set_consortium_id(kConsortium);
  convene.set_body_id("assemblea");
  convene.set_session_id(SessionId(s, n));
  convene.set_kind(v1::SESSION_KIND_ORDINARY);
  *convene.mutable_session_time() = ToTimestamp(session_time);
  *convene.mutable_notice_delivered_time() =
      ToTimestamp(session_time - absl::Hours(24 * 10));
  for (int k = 1; k <= items; ++k) {
    const std::string proposal = absl::StrCat("p-", s, "-", n, "-", k);
    v1::DraftProposalRequest draft;
    draft.set_request_id(absl::StrCat("draft-", proposal));
    draft.set_consortium_id(kConsortium);
    draft.set_body_id("assemblea");
    draft.set_proposal_id(proposal);
    draft.set_act_kind(v1::ACT_KIND_ORDINARY);
    draft.set_title(absl::StrCat("Proposta ", proposal));
    v1::DraftProposalResponse r1;
    grpc::Status st = c.Call(c.deliberations(),
                             &v1::DeliberationService::Stub::DraftProposal,
                             kUfficio, draft, &r1);
    if (!st.ok()) Die("draft", st);
    v1::GiveOpinionRequest opinion;
    opinion.set_request_id(absl::StrCat("opinion-", proposal));
    opinion.set_consortium_id(kConsortium);
    opinion.set_proposal_id(proposal);
    opinion.set_kind(v1::OPINION_KIND_TECHNICAL);
    opinion.set_favourable(true);
    v1::GiveOpinionResponse r2;
    st = c.Call(c.deliberations(), &v1::DeliberationService::Stub::GiveOpinion,
                kUfficio, opinion, &r2);
    if (!st.ok()) Die("opinion", st);
    v1::AgendaItem* item = convene.add_items();
    item->set_number(k);
    item->set_proposal_id(proposal);
    item->set_act_kind(v1::ACT_KIND_ORDINARY);
    item->set_title(draft.title());
  }
  v1::ConveneSessionResponse r3;
  grpc::Status st = c.Call(c.sessions(),
                           &v1::SessionService::Stub::ConveneSession,
                           kSecretary, convene, &r3);
  if (!st.ok()) Die("convene", st);
  v1::RecordAttendanceRequest roll;
  roll.set_request_id(absl::StrCat("roll-", s, "-", n));
  roll.set_consortium_id(kConsortium);
  roll.set_body_id("assemblea");
  roll.set_session_id(convene.session_id());
  for (const auto& [member, share] : kComuni) roll.add_present_member_ids(member);
  v1::RecordAttendanceResponse r4;
  st = c.Call(c.sessions(), &v1::SessionService::Stub::RecordAttendance,
              kSecretary, roll, &r4);
  if (!st.ok()) Die("attendance", st);
}

// What one stream does next in the commands phase.
class CommandStream {
 public:
  CommandStream(int stream, int sessions, int items)
      : stream_(stream), items_(items), votes_(sessions * items * 18) {}

  // Runs the next command; false on an error (printed once).
  bool Next(Client& c) {
    const int i = calls_++;
    if (i % 4 == 3 || next_vote_ >= votes_) return Draft(c, i);
    return Vote(c);
  }
  int drafts() const { return drafts_; }
  int votes() const { return next_vote_; }

 private:
  bool Vote(Client& c) {
    const int v = next_vote_++;
    const int session = v / (items_ * 18);
    const int item = v % (items_ * 18) / 18 + 1;
    const bool executability = (v / 9) % 2 == 1;
    const std::string& member = kComuni[v % 9].first;
    v1::CastVoteRequest req;
    req.set_request_id(absl::StrCat("vote-", stream_, "-", v));
    req.set_consortium_id(kConsortium);
    req.set_body_id("assemblea");
    req.set_session_id(SessionId(stream_, session));
    req.set_item(item);
    req.set_ballot(executability ? v1::BALLOT_IMMEDIATE_EXECUTABILITY
                                 : v1::BALLOT_MAIN);
    req.set_member_id(member);
    req.set_choice(v % 5 == 0 ? v1::VOTE_CHOICE_AGAINST
                              : v1::VOTE_CHOICE_IN_FAVOUR);
    v1::CastVoteResponse resp;
    return Check(c.Call(c.sessions(), &v1::SessionService::Stub::CastVote,
                        Sindaco(member), req, &resp));
  }

  bool Draft(Client& c, int i) {
    ++drafts_;
    v1::DraftProposalRequest req;
    req.set_request_id(absl::StrCat("x-", stream_, "-", i));
    req.set_consortium_id(kConsortium);
    req.set_body_id("assemblea");
    req.set_proposal_id(absl::StrCat("x-", stream_, "-", i));
    req.set_act_kind(v1::ACT_KIND_ORDINARY);
    req.set_title("Affidamento del servizio di trasporto sociale");
    v1::DraftProposalResponse resp;
    return Check(c.Call(c.deliberations(),
                        &v1::DeliberationService::Stub::DraftProposal, kUfficio,
                        req, &resp));
  }

  bool Check(const grpc::Status& s) {
    if (s.ok()) return true;
    if (!reported_) {
      std::fprintf(stderr, "api_bench: stream %d: %s (%d)\n", stream_,
                   s.error_message().c_str(), static_cast<int>(s.error_code()));
      reported_ = true;
    }
    return false;
  }

  const int stream_;
  const int items_;
  const int votes_;
  int calls_ = 0;
  int next_vote_ = 0;
  int drafts_ = 0;
  bool reported_ = false;
};

struct PhaseResult {
  uint64_t calls = 0;
  uint64_t errors = 0;
  double seconds = 0;
  double cpu_seconds = 0;  // the whole process: clients and server
  std::vector<double> latencies_ms;
};

double CpuSeconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec +
         (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Runs `call(stream)` on every stream for `seconds`.
PhaseResult RunPhase(int streams, double seconds,
                     const std::function<bool(int)>& call) {
  std::atomic<bool> stop{false};
  std::vector<PhaseResult> per(streams);
  std::vector<std::thread> threads;
  Stopwatch sw;
  const double cpu = CpuSeconds();
  for (int s = 0; s < streams; ++s) {
    threads.emplace_back([&, s] {
      PhaseResult& r = per[s];
      while (!stop.load(std::memory_order_relaxed)) {
        Stopwatch one;
        const bool ok = call(s);
        r.latencies_ms.push_back(one.Seconds() * 1000);
        ++r.calls;
        if (!ok) ++r.errors;
      }
    });
  }
  SleepSeconds(seconds);
  stop = true;
  for (std::thread& t : threads) t.join();
  PhaseResult total;
  total.seconds = sw.Seconds();
  total.cpu_seconds = CpuSeconds() - cpu;
  for (PhaseResult& r : per) {
    total.calls += r.calls;
    total.errors += r.errors;
    total.latencies_ms.insert(total.latencies_ms.end(), r.latencies_ms.begin(),
                              r.latencies_ms.end());
  }
  return total;
}

int Main(int argc, char** argv) {
  const bool quick = HasFlag(argc, argv, "--quick");
  const int streams = std::stoi(FlagValue(argc, argv, "streams", "64"));
  const double seconds =
      std::stod(FlagValue(argc, argv, "seconds", quick ? "2" : "6"));
  const int rounds = std::stoi(FlagValue(argc, argv, "rounds", quick ? "1" : "2"));
  const int workers = std::stoi(FlagValue(argc, argv, "workers", "64"));
  // A realistic agenda: ten items, so 180 votes a session (nine members, two
  // ballots); each stream moves on to its next session when one is voted.
  const int items = 10;
  const int sessions = quick ? 2 : 5;
  const std::string dir = ScratchDir(FlagValue(argc, argv, "dir", ""), "api");

  ServerOptions options;
  options.port = 0;
  options.data_dir = dir;
  options.bootstrap_admins = {kAdmin};
  options.worker_threads = workers;
  options.checkpoint_interval = absl::Hours(24);
  auto server = Server::Start(options);
  if (!server.ok()) {
    std::fprintf(stderr, "api_bench: %s\n", server.status().ToString().c_str());
    return 1;
  }
  const std::string address = (*server)->address();
  std::vector<std::unique_ptr<Client>> clients;
  for (int s = 0; s < streams; ++s) {
    clients.push_back(std::make_unique<Client>(address));
  }
  std::printf("api_bench: %d streams, %d rounds of %.1f s per phase, %d "
              "workers, durable store in %s%s\n",
              streams, rounds, seconds, workers, dir.c_str(),
              quick ? " (--quick)" : "");

  // Set-up through the API.
  Stopwatch setup;
  const absl::Time now = SystemClock::Get()->Now();
  SetUpConsortium(*clients[0], calendar::RomeDay(now));
  {
    std::vector<std::thread> threads;
    for (int s = 0; s < streams; ++s) {
      threads.emplace_back([&, s] {
        for (int n = 0; n < sessions; ++n) {
          SetUpSession(*clients[s], s, n, items, now - absl::Hours(24 * 10));
        }
      });
    }
    for (std::thread& t : threads) t.join();
  }
  std::printf("set-up: %d sessions with %d items each in %.1f s\n",
              streams * sessions, items, setup.Seconds());

  std::vector<CommandStream> commands;
  for (int s = 0; s < streams; ++s) commands.emplace_back(s, sessions, items);
  PhaseResult noop, cmd;
  // --profile: only the commands, for a profiler; --profile_noop: only the
  // no-op.
  const bool profile = HasFlag(argc, argv, "--profile");
  const bool profile_noop = HasFlag(argc, argv, "--profile_noop");
  for (int round = 0; round < rounds; ++round) {
    PhaseResult n = RunPhase(streams, profile ? 0.01 : seconds, [&](int s) {
      v1::PingRequest req;
      req.set_nonce(s);
      v1::PingResponse resp;
      return clients[s]
          ->Call(clients[s]->admin(), &v1::AdminService::Stub::Ping, "bench",
                 req, &resp)
          .ok();
    });
    PhaseResult c = RunPhase(streams, profile_noop ? 0.01 : seconds,
                             [&](int s) { return commands[s].Next(*clients[s]); });
    std::printf("round %d: noop %.0f calls/s (CPU %.0f%%), commands %.0f "
                "calls/s (CPU %.0f%%)\n",
                round + 1, n.calls / n.seconds, 100 * n.cpu_seconds / n.seconds,
                c.calls / c.seconds, 100 * c.cpu_seconds / c.seconds);
    noop.calls += n.calls;
    noop.errors += n.errors;
    noop.seconds += n.seconds;
    noop.cpu_seconds += n.cpu_seconds;
    noop.latencies_ms.insert(noop.latencies_ms.end(), n.latencies_ms.begin(),
                             n.latencies_ms.end());
    cmd.calls += c.calls;
    cmd.errors += c.errors;
    cmd.seconds += c.seconds;
    cmd.cpu_seconds += c.cpu_seconds;
    cmd.latencies_ms.insert(cmd.latencies_ms.end(), c.latencies_ms.begin(),
                            c.latencies_ms.end());
  }
  uint64_t votes = 0, drafts = 0;
  for (const CommandStream& c : commands) {
    votes += c.votes();
    drafts += c.drafts();
  }
  const double noop_rate = noop.calls / noop.seconds;
  const double cmd_rate = cmd.calls / cmd.seconds;
  const double p50_noop = Percentile(noop.latencies_ms, 50);
  const double p99_noop = Percentile(noop.latencies_ms, 99);
  const double p50 = Percentile(cmd.latencies_ms, 50);
  const double p99 = Percentile(cmd.latencies_ms, 99);
  std::printf("noop:     %.0f calls/s, p50 %.2f ms, p99 %.2f ms, %.0f us CPU "
              "per call, %llu errors\n",
              noop_rate, p50_noop, p99_noop, noop.cpu_seconds / noop.calls * 1e6,
              static_cast<unsigned long long>(noop.errors));
  std::printf("commands: %.0f calls/s (%llu votes, %llu drafts), p50 %.2f ms, "
              "p99 %.2f ms, %.0f us CPU per call, %llu errors\n",
              cmd_rate, static_cast<unsigned long long>(votes),
              static_cast<unsigned long long>(drafts), p50, p99,
              cmd.cpu_seconds / cmd.calls * 1e6,
              static_cast<unsigned long long>(cmd.errors));
  {
    v1::GetServerInfoResponse info;
    if (clients[0]
            ->Call(clients[0]->admin(), &v1::AdminService::Stub::GetServerInfo,
                   kAdmin, v1::GetServerInfoRequest(), &info)
            .ok()) {
      std::printf("log: %llu events\n",
                  static_cast<unsigned long long>(info.last_position()));
    }
  }
  clients.clear();
  (*server)->Shutdown(absl::Seconds(10));
  server->reset();
  RemoveDir(dir);
  if (noop.errors + cmd.errors > 0) {
    std::fprintf(stderr, "api_bench: calls failed\n");
    return 1;
  }
  std::printf("api_bench: commands/noop=%.2f p99_ms=%.1f\n",
              cmd_rate / noop_rate, p99);
  return 0;
}

}  // namespace
}  // namespace concordia::bench

int main(int argc, char** argv) { return concordia::bench::Main(argc, argv); }
