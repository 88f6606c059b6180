#include "services/server/server.h"

#include <filesystem>
#include <thread>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "engine/common/mutex.h"
#include "engine/common/clock.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "engine/log/rocksdb_event_log.h"
#include "engine/access/access_control.h"
#include "engine/domain/core/event_envelope.h"
#include "engine/log/follower.h"
#include "services/admin/admin_service.h"
#include "services/audit/audit_service.h"
#include "services/server/checkpointer.h"
#include "engine/audit/trail/audit_trail.h"
#include <fstream>
#include <sys/stat.h>
#include "services/events/event_service.h"
#include "engine/domain/governance/governance.h"
#include "engine/workflow/timer_scheduler.h"
#include "engine/domain/cooperation/cooperation.h"
#include "services/accord/accord_service.h"
#include "services/workflow/act_service.h"
#include "services/consortium/consortium_service.h"
#include "services/delegation/delegation_service.h"
#include "services/deliberation/deliberation_service.h"
#include "services/programme/programme_service.h"
#include "services/project/project_service.h"
#include "services/query/query_service.h"
#include "services/session/session_service.h"
#include "engine/projection/projection_runner.h"
#include "engine/projection/projection_store.h"
#include "engine/readmodel/queries.h"
#include "engine/readmodel/read_model_set.h"

namespace concordia {

class ServerImpl {
 public:
  ~ServerImpl() { StopHealthMonitor(); }

  // Keeps the health service in step with the store: NOT_SERVING while the
  // log refuses writes (e.g. integrity failure), SERVING otherwise.
  void StartHealthMonitor() {
    monitor = std::thread([this] {
      MutexLock lock(&monitor_mu);
      bool last = true;
      while (!monitor_stop) {
        const bool writable = log->WriteStatus().ok();
        if (writable != last || !writable) {
          grpc_server->GetHealthCheckService()->SetServingStatus(writable);
          last = writable;
        }
        monitor_cv.WaitFor(lock, absl::Milliseconds(500),
                           [this] { return monitor_stop; });
      }
    });
  }
  void StopHealthMonitor() {
    {
      MutexLock lock(&monitor_mu);
      monitor_stop = true;
      monitor_cv.SignalAll();
    }
    if (monitor.joinable()) monitor.join();
  }

  std::unique_ptr<log::RocksEventLog> log;
  // The read models: their own RocksDB in <data_dir>/projections, folded
  // from the log by the runner; declared after the log so that they are
  // destroyed before it.
  std::unique_ptr<projection::ProjectionStore> projections;
  std::unique_ptr<readmodel::ReadModelSet> read_models;
  std::unique_ptr<projection::ProjectionRunner> runner;
  std::unique_ptr<readmodel::Queries> queries;
  std::unique_ptr<audit::AuditTrail> trail;
  std::unique_ptr<Checkpointer> checkpointer;
  std::unique_ptr<access::AccessControl> access;
  std::unique_ptr<log::Follower> access_follower;
  std::unique_ptr<EventService> events;
  std::unique_ptr<AuditService> audit;
  bool plaintext = false;
  std::thread monitor;
  Mutex monitor_mu;
  CondVar monitor_cv;
  bool monitor_stop = false;
  std::unique_ptr<AdminService> admin;
  std::unique_ptr<CallExecutor> executor;
  std::unique_ptr<domain::Governance> governance;
  std::unique_ptr<domain::Cooperation> cooperation;
  std::unique_ptr<workflow::TimerScheduler> timers;
  std::unique_ptr<ConsortiumService> consortia;
  std::unique_ptr<SessionService> sessions;
  std::unique_ptr<DeliberationService> deliberations;
  std::unique_ptr<AccordService> accords;
  std::unique_ptr<DelegationService> delegations;
  std::unique_ptr<ProgrammeService> programmes;
  std::unique_ptr<ProjectService> projects;
  std::unique_ptr<ActService> acts;
  std::unique_ptr<QueryService> query;
  std::unique_ptr<grpc::Server> grpc_server;
  std::string data_dir;
  std::string host;
  int port = 0;
  Mutex shutdown_mu;
  bool shut_down ABSL_GUARDED_BY(shutdown_mu) = false;
};

namespace {

std::string HostPort(const std::string& host, int port) {
  if (host.find(':') != std::string::npos && host.front() != '[') {
    return absl::StrCat("[", host, "]:", port);
  }
  return absl::StrCat(host, ":", port);
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" ||
         host.rfind("127.", 0) == 0;
}

absl::StatusOr<std::string> PrepareDataDir(const std::string& dir) {
  if (dir.empty()) {
    return absl::InvalidArgumentError("data_dir: a data directory is required");
  }
  std::error_code ec;
  std::filesystem::path path = std::filesystem::absolute(dir, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        absl::StrCat("data_dir: cannot resolve '", dir, "': ", ec.message()));
  }
  std::filesystem::create_directories(path, ec);
  if (ec) {
    return absl::FailedPreconditionError(absl::StrCat(
        "data_dir: cannot create '", path.string(), "': ", ec.message()));
  }
  if (!std::filesystem::is_directory(path)) {
    return absl::FailedPreconditionError(
        absl::StrCat("data_dir: '", path.string(), "' is not a directory"));
  }
  return path.lexically_normal().string();
}

// Loads the signing key, creating <data_dir>/signing.key on first start.
absl::StatusOr<audit::NoteSigner> LoadSigner(const ServerOptions& options,
                                             const std::string& data_dir) {
  std::string path = options.signing_key_file;
  const bool default_path = path.empty();
  if (default_path) path = data_dir + "/signing.key";
  std::ifstream in(path);
  if (!in) {
    if (!default_path) {
      return absl::InvalidArgumentError(
          absl::StrCat("signing_key_file: cannot read '", path, "'"));
    }
    std::string name = options.log_origin;
    for (char& c : name) {
      if (c == '+' || c == ' ') c = '-';
    }
    absl::StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
    if (!key.ok()) return key.status();
    absl::StatusOr<audit::NoteSigner> signer =
        audit::NoteSigner::FromPrivateKey(name, *key);
    if (!signer.ok()) return signer.status();
    const std::string tmp = path + ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      out << signer->KeyLine() << "\n";
      if (!out.good()) {
        return absl::FailedPreconditionError(
            absl::StrCat("cannot write the signing key to ", tmp));
      }
    }
    chmod(tmp.c_str(), 0600);
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot create ", path));
    }
    return signer;
  }
  std::string line;
  std::getline(in, line);
  absl::StatusOr<audit::NoteSigner> signer = audit::NoteSigner::FromKey(line);
  if (!signer.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "signing_key_file: '", path, "': ", signer.status().message()));
  }
  return signer;
}

std::vector<v1::ReadModelHealth> ReadModelHealthOf(
    const std::vector<projection::ProjectionStatus>& statuses) {
  std::vector<v1::ReadModelHealth> out;
  for (const projection::ProjectionStatus& s : statuses) {
    v1::ReadModelHealth& h = out.emplace_back();
    h.set_name(s.name);
    h.set_code_version(s.code_version);
    h.set_active_version(s.active.value_or(0));
    h.set_checkpoint(s.checkpoint);
    h.set_log_position(s.log_position);
    h.set_building(s.rebuilding || !s.active.has_value());
    if (!s.error.ok()) h.set_error(s.error.ToString());
  }
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const ServerOptions& options) {
  if (options.port < 0 || options.port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("port: ", options.port, " is not in 0..65535"));
  }
  if (options.listen_host.empty()) {
    return absl::InvalidArgumentError("listen_host: an address is required");
  }
  if (options.worker_threads < 1 || options.worker_threads > 4096) {
    return absl::InvalidArgumentError("worker_threads: 1..4096");
  }
  if (options.read_model_wait < absl::ZeroDuration() ||
      options.read_model_wait > absl::Minutes(1)) {
    return absl::InvalidArgumentError("read_model_wait: 0..60s");
  }
  if (options.max_message_bytes < 4096) {
    return absl::InvalidArgumentError("max_message_bytes: at least 4096");
  }
  Clock* clock = options.clock != nullptr ? options.clock : SystemClock::Get();
  // Debian's Abseil checks every absl::Mutex acquisition (gRPC takes many
  // per call) for lock-order cycles, a debugging aid that costs a few per
  // cent of the server's CPU. Project code locks std::mutex (mutex.h).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  auto impl = std::make_unique<ServerImpl>();
  impl->plaintext = options.tls.empty();
  if (impl->plaintext && !IsLoopback(options.listen_host)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "listen_host: plaintext mode is allowed only on loopback; give "
        "--tls_cert, --tls_key and --tls_ca to listen on ",
        options.listen_host));
  }
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      ServerCredentialsFor(options.tls);
  if (!credentials.ok()) return credentials.status();
  absl::StatusOr<std::string> dir = PrepareDataDir(options.data_dir);
  if (!dir.ok()) return dir.status();
  impl->data_dir = *dir;

  log::RocksEventLogOptions log_options;
  log_options.path = impl->data_dir + "/log";
  log_options.clock = clock;
  auto opened = log::RocksEventLog::Open(log_options);
  if (!opened.ok()) {
    return absl::Status(
        opened.status().code(),
        absl::StrCat("cannot open the store in ", impl->data_dir, ": ",
                     opened.status().message()));
  }
  impl->log = *std::move(opened);
  log::RocksEventLog* log = impl->log.get();

  // The read models (engine/readmodel): their store apart from the log; the
  // runner catches up from each read model's checkpoint (or rebuilds a read
  // model whose code version changed) in the background, then follows.
  auto projection_store =
      projection::ProjectionStore::Open(impl->data_dir + "/projections");
  if (!projection_store.ok()) {
    return absl::Status(
        projection_store.status().code(),
        absl::StrCat("cannot open the read models in ", impl->data_dir,
                     "/projections: ", projection_store.status().message()));
  }
  impl->projections = *std::move(projection_store);
  impl->read_models = std::make_unique<readmodel::ReadModelSet>();
  impl->runner = std::make_unique<projection::ProjectionRunner>(
      *log, *impl->projections, impl->read_models->projections());
  if (absl::Status s = impl->runner->Start(); !s.ok()) return s;
  readmodel::QueriesOptions query_options;
  query_options.wait_for_position = options.read_model_wait;
  impl->queries = std::make_unique<readmodel::Queries>(
      *log, *impl->runner, *clock, query_options);

  // The audit trail: the Merkle tree in every commit, signed checkpoints.
  absl::StatusOr<audit::NoteSigner> signer =
      LoadSigner(options, impl->data_dir);
  if (!signer.ok()) return signer.status();
  auto trail =
      audit::AuditTrail::Attach(log, *std::move(signer), options.log_origin);
  if (!trail.ok()) return trail.status();
  impl->trail = *std::move(trail);
  impl->checkpointer = std::make_unique<Checkpointer>(
      *log, *impl->trail, options.checkpoint_interval);
  if (absl::Status s = impl->checkpointer->Start(); !s.ok()) return s;

  // Role grants: folded from the log at start, then followed.
  impl->access =
      std::make_unique<access::AccessControl>(options.bootstrap_admins);
  access::AccessControl* access = impl->access.get();
  impl->access_follower = std::make_unique<log::Follower>(
      *log,
      log::RecordFilter{"", {"concordia.v1.RoleGranted",
                             "concordia.v1.RoleRevoked"}},
      [access](const log::Record& r) {
        auto event = domain::UnpackEvent(r);
        if (event.ok()) access->Apply(**event);
      });
  if (absl::Status s = impl->access_follower->Start(); !s.ok()) return s;

  ServiceEnv env;
  env.log = log;
  env.access = access;
  env.access_follower = impl->access_follower.get();
  env.clock = clock;
  env.plaintext = impl->plaintext;
  impl->executor = std::make_unique<CallExecutor>(CallExecutorOptions{
      options.worker_threads, options.max_calls_in_flight});
  env.executor = impl->executor.get();

  // Domains I and II and their timers, on one scheduler.
  impl->governance = std::make_unique<domain::Governance>(*log);
  impl->cooperation =
      std::make_unique<domain::Cooperation>(*log, *impl->governance);
  impl->timers = std::make_unique<workflow::TimerScheduler>(
      *log, *clock, "system:scheduler");
  impl->governance->RegisterTimers(*impl->timers);
  impl->cooperation->RegisterTimers(*impl->timers);
  if (absl::Status s = impl->timers->Start(); !s.ok()) return s;
  impl->timers->RunInBackground();
  impl->consortia = std::make_unique<ConsortiumService>(
      env, *impl->governance, *impl->cooperation);
  impl->sessions = std::make_unique<SessionService>(env, *impl->governance);
  impl->deliberations =
      std::make_unique<DeliberationService>(env, *impl->governance);
  impl->accords = std::make_unique<AccordService>(env, *impl->cooperation);
  impl->delegations = std::make_unique<DelegationService>(
      env, *impl->cooperation, *impl->governance);
  impl->programmes = std::make_unique<ProgrammeService>(
      env, *impl->cooperation, *impl->governance);
  impl->projects = std::make_unique<ProjectService>(env, *impl->cooperation);
  impl->acts =
      std::make_unique<ActService>(env, impl->governance->workflows());
  impl->query = std::make_unique<QueryService>(env, *impl->queries,
                                               *impl->runner);
  projection::ProjectionRunner* runner = impl->runner.get();
  impl->admin = std::make_unique<AdminService>(
      env, StoreInfo{"rocksdb", [log] { return log->WriteStatus().ok(); },
                     [runner] { return ReadModelHealthOf(runner->Status()); }});
  impl->events = std::make_unique<EventService>(env);
  impl->audit = std::make_unique<AuditService>(env, impl->trail.get());

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(HostPort(options.listen_host, options.port),
                           *credentials, &bound_port);
  builder.RegisterService(impl->admin.get());
  builder.RegisterService(impl->events.get());
  builder.RegisterService(impl->audit.get());
  builder.RegisterService(impl->consortia.get());
  builder.RegisterService(impl->sessions.get());
  builder.RegisterService(impl->deliberations.get());
  builder.RegisterService(impl->accords.get());
  builder.RegisterService(impl->delegations.get());
  builder.RegisterService(impl->programmes.get());
  builder.RegisterService(impl->projects.get());
  builder.RegisterService(impl->acts.get());
  builder.RegisterService(impl->query.get());
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  impl->grpc_server = builder.BuildAndStart();
  if (impl->grpc_server == nullptr || bound_port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ",
                     HostPort(options.listen_host, options.port),
                     " (address in use or not local?)"));
  }
  impl->host = options.listen_host;
  impl->port = bound_port;
  impl->grpc_server->GetHealthCheckService()->SetServingStatus(
      impl->log->WriteStatus().ok());
  impl->StartHealthMonitor();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<ServerImpl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Shutdown(absl::ZeroDuration()); }

int Server::port() const { return impl_->port; }

std::string Server::address() const {
  return HostPort(impl_->host, impl_->port);
}

const std::string& Server::data_dir() const { return impl_->data_dir; }

bool Server::plaintext() const { return impl_->plaintext; }

std::string Server::verifier_key() const {
  return impl_->trail->verifier().KeyLine();
}

absl::StatusOr<int> Server::RunDueTimers() { return impl_->timers->RunDue(); }

CallExecutor& Server::call_executor() { return *impl_->executor; }

readmodel::Queries& Server::queries() { return *impl_->queries; }

std::vector<projection::ProjectionStatus> Server::ReadModelStatus() {
  return impl_->runner->Status();
}

void Server::Shutdown(absl::Duration grace) {
  MutexLock lock(&impl_->shutdown_mu);
  if (impl_->shut_down) return;
  impl_->shut_down = true;
  impl_->StopHealthMonitor();
  impl_->grpc_server->GetHealthCheckService()->SetServingStatus(false);
  // Live subscriptions would otherwise hold the drain until the deadline.
  impl_->events->CancelSubscriptions();
  impl_->query->CancelWatches();
  impl_->grpc_server->Shutdown(
      absl::ToChronoTime(SystemClock::Get()->Now() + grace));
  impl_->grpc_server->Wait();
  // Every call has finished; the workers only hold what gRPC cancelled.
  impl_->executor->Stop();
  impl_->timers->Stop();
  impl_->checkpointer->Stop();
  impl_->access_follower->Stop();
  // The read models stop following before their store and the log close.
  impl_->runner->Stop();
  impl_->queries.reset();
  impl_->runner.reset();
  impl_->projections.reset();
  impl_->trail.reset();
  impl_->log.reset();
}

}  // namespace concordia
