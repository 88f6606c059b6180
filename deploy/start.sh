#!/usr/bin/env bash
# Installs what is missing, builds Concordia, and starts concordiad on its
# embedded RocksDB store in the foreground (Ctrl-C stops it cleanly).
#
# Environment: CONCORDIA_PORT (default 7411), CONCORDIA_DATA (default
# ./.data/concordia), CONCORDIA_LISTEN (default 127.0.0.1), CONCORDIA_TLS=1 for
# mutual TLS with a local CA and demo certificates (deploy/certs.sh) instead of
# the loopback-only plaintext mode.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=deploy/lib/setup.sh
source deploy/lib/setup.sh

concordia_install_packages
concordia_log "building concordiad and concordia"
bazel build //services:concordiad //clients/cli:concordia

port="${CONCORDIA_PORT:-7411}"
data="${CONCORDIA_DATA:-$root/.data/concordia}"
listen="${CONCORDIA_LISTEN:-127.0.0.1}"
cli="$root/bazel-bin/clients/cli/concordia"
args=(--listen="$listen" --port="$port" --data_dir="$data" --admin=admin@concordia)
next="$cli --server=$listen:$port health"
if [ "${CONCORDIA_TLS:-0}" = "1" ]; then
  tls="$root/.data/tls"
  bash deploy/certs.sh "$tls" >&2
  args+=(--tls_cert="$tls/server.crt" --tls_key="$tls/server.key" --tls_ca="$tls/ca.crt")
  next="$cli --server=localhost:$port --tls_dir=$tls --as=admin@concordia health"
fi

cat >&2 <<MSG

Concordia server starting.
  listens on:    $listen:$port
  data lives in: $data
Next, in another terminal:
  $next
Stop the server with Ctrl-C.

MSG
exec "$root/bazel-bin/services/concordiad" "${args[@]}"
