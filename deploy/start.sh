#!/usr/bin/env bash
# Installs what is missing, builds Concordia, and starts concordiad on its
# embedded RocksDB store in the foreground (Ctrl-C stops it cleanly).
#
# Environment: CONCORDIA_PORT (default 7411), CONCORDIA_DATA (default
# ./.data/concordia), CONCORDIA_LISTEN (default 127.0.0.1), CONCORDIA_TLS=1 for
# mutual TLS with a local CA and demo certificates (deploy/certs.sh) instead of
# the loopback-only plaintext mode, CONCORDIA_DEMO=0 to skip loading the demo.
#
# Once the server answers health SERVING, the demo consortia (docs/demo.md)
# are loaded into the store in the background with `concordia demo load`;
# it is idempotent, so a restart loads nothing new.
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
client=("$cli" --server="$listen:$port")
if [ "${CONCORDIA_TLS:-0}" = "1" ]; then
  tls="$root/.data/tls"
  # shellcheck disable=SC2046  # one principal a line, no spaces
  bash deploy/certs.sh "$tls" $("$cli" demo principals) >&2
  args+=(--tls_cert="$tls/server.crt" --tls_key="$tls/server.key" --tls_ca="$tls/ca.crt")
  next="$cli --server=localhost:$port --tls_dir=$tls --as=admin@concordia health"
  client=("$cli" --server="localhost:$port" --tls_dir="$tls")
fi

# The demo, loaded in the background once the server serves (bounded wait).
load_demo() {
  local tries=0
  until "${client[@]}" --as=admin@concordia health >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 120 ]; then
      concordia_log "the server did not answer health in 60 s; demo not loaded"
      return 0
    fi
    sleep 0.5
  done
  concordia_log "loading the demo consortia (concordia demo load)"
  local rc=0
  "${client[@]}" --as=admin@concordia demo load >&2 || rc=$?
  if [ "$rc" -ne 0 ]; then
    concordia_log "demo load failed (exit $rc); the server keeps running"
    return 0
  fi
  local reader="${client[*]} --as=auditor@corte-dei-conti"
  cat >&2 <<MSG
Try, in another terminal:
  $reader consortium show --consortium=sudestmilano
  $reader consortium shares --consortium=sds-pistoia --on=2016-12-31
  $reader function who --consortium=cst-chieti --member=casoli --function=procurement --on=2023-01-01
  $reader needs show --consortium=estar --year=$(( $(date +%Y) + 1 ))
(docs/demo.md: the four consortia, their principals and what to query)
MSG
}
if [ "${CONCORDIA_DEMO:-1}" != "0" ]; then
  load_demo &
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
