// concordiad: the Concordia server.
//
// Usage: concordiad --data_dir=DIR [--listen=127.0.0.1] [--port=7411]
//                   [--port_file=FILE] [--tls_cert --tls_key --tls_ca]
//                   [--worker_threads=64] [--max_calls_in_flight=1024]
//                   [--max_message_bytes=8388608]
// Stops cleanly on SIGINT or SIGTERM, draining in-flight calls.
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/marshalling.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "engine/common/version.h"
#include "services/server/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1",
          "Address to listen on. Loopback by default; anything else exposes "
          "the server to the network.");
ABSL_FLAG(int, port, 7411, "TCP port to listen on; 0 picks a free port.");
ABSL_FLAG(std::string, data_dir, "",
          "Directory holding the store; created when missing.");
ABSL_FLAG(std::string, port_file, "",
          "If set, the bound port is written to this file once serving.");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate chain of the server (mutual TLS).");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of the server.");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM certificate of the CA that signs client certificates.");
ABSL_FLAG(std::vector<std::string>, admin, {},
          "Comma-separated principals that are system administrators from "
          "the start (to make the first role grants).");
ABSL_FLAG(std::string, signing_key, "",
          "File with the checkpoint signing key (one PRIVATE+KEY+... line); "
          "default <data_dir>/signing.key, created on first start.");
ABSL_FLAG(std::string, log_origin, "concordia.local/log",
          "The origin line of the log's checkpoints.");
ABSL_FLAG(int, checkpoint_interval_seconds, 3600,
          "Sign a checkpoint this often when the log grew.");
ABSL_FLAG(int, shutdown_grace_seconds, 10,
          "On SIGINT/SIGTERM, how long in-flight calls may take to finish.");
ABSL_FLAG(int, worker_threads, 64,
          "Threads running the bodies of unary calls; most of their time is "
          "spent waiting for the store's group commit.");
ABSL_FLAG(int, max_calls_in_flight, 1024,
          "Calls queued or running at most; beyond it calls are refused with "
          "RESOURCE_EXHAUSTED (reason OVERLOADED).");
ABSL_FLAG(int, max_message_bytes, 8 << 20,
          "The largest message received or sent, in bytes.");

namespace {

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" ||
         host == "[::1]" || absl::StartsWith(host, "127.");
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "The Concordia server.\n"
      "Example: concordiad --data_dir=$HOME/.local/share/concordia --port=7411");
  absl::ParseCommandLine(argc, argv);

  // Block the stop signals in every thread; main waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  concordia::ServerOptions options;
  options.listen_host = absl::GetFlag(FLAGS_listen);
  options.port = absl::GetFlag(FLAGS_port);
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.tls = {absl::GetFlag(FLAGS_tls_cert), absl::GetFlag(FLAGS_tls_key),
                 absl::GetFlag(FLAGS_tls_ca)};
  options.bootstrap_admins = absl::GetFlag(FLAGS_admin);
  options.signing_key_file = absl::GetFlag(FLAGS_signing_key);
  options.log_origin = absl::GetFlag(FLAGS_log_origin);
  options.checkpoint_interval =
      absl::Seconds(std::max(1, absl::GetFlag(FLAGS_checkpoint_interval_seconds)));
  options.worker_threads = absl::GetFlag(FLAGS_worker_threads);
  options.max_calls_in_flight = static_cast<size_t>(
      std::max(0, absl::GetFlag(FLAGS_max_calls_in_flight)));
  options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  if (options.data_dir.empty()) {
    std::cerr << "concordiad: --data_dir is required\n";
    return 2;
  }
  if (!IsLoopback(options.listen_host)) {
    std::cerr << "concordiad: WARNING: listening on " << options.listen_host
              << ", reachable beyond this machine\n";
  }
  auto server = concordia::Server::Start(options);
  if (!server.ok()) {
    std::cerr << "concordiad: " << server.status().message() << "\n";
    return 1;
  }
  std::cout << "concordiad " << concordia::kVersion << " listening on "
            << (*server)->address()
            << ((*server)->plaintext() ? " (plaintext)" : " (mutual TLS)")
            << "\n"
            << "data directory: " << (*server)->data_dir() << "\n"
            << "audit verifier key: " << (*server)->verifier_key() << std::endl;
  if ((*server)->plaintext()) {
    std::cerr
        << "concordiad: ******************************************************\n"
        << "concordiad: PLAINTEXT MODE: no TLS and NO AUTHENTICATION. Callers\n"
        << "concordiad: name themselves in the 'concordia-principal' header.\n"
        << "concordiad: For local development only; loopback only. Use\n"
        << "concordiad: --tls_cert/--tls_key/--tls_ca (deploy/certs.sh).\n"
        << "concordiad: ******************************************************"
        << std::endl;
  }
  const std::string port_file = absl::GetFlag(FLAGS_port_file);
  if (!port_file.empty()) {
    // Written to a temporary name and renamed, so readers never see half.
    const std::string tmp = port_file + ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      out << (*server)->port() << "\n";
      if (!out.good()) {
        std::cerr << "concordiad: cannot write --port_file " << port_file
                  << "\n";
        return 1;
      }
    }
    if (std::rename(tmp.c_str(), port_file.c_str()) != 0) {
      std::cerr << "concordiad: cannot write --port_file " << port_file
                << "\n";
      return 1;
    }
  }

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cout << "concordiad: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
            << " received, shutting down" << std::endl;
  (*server)->Shutdown(absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  server->reset();
  std::cout << "concordiad: stopped" << std::endl;
  return 0;
}
