#!/usr/bin/env bash
# The Python integration example against a real server: it follows events
# into SQLite, stores its position durably, and after a stop or a SIGKILL
# resumes without missing or repeating any event.
set -euo pipefail
root="$TEST_SRCDIR/$TEST_WORKSPACE"
tmp="$TEST_TMPDIR"
concordiad="$root/services/concordiad"
cli="$root/clients/cli/concordia"
follow="$root/clients/python/concordia_follow.py"
db="$tmp/decisions.sqlite"

"$concordiad" --data_dir="$tmp/data" --port=0 --port_file="$tmp/port" \
  --admin=admin@concordia >"$tmp/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do [ -s "$tmp/port" ] && break; sleep 0.05; done
[ -s "$tmp/port" ] || { cat "$tmp/server.log"; exit 1; }
address="127.0.0.1:$(cat "$tmp/port")"

admin() { "$cli" --server="$address" --as=admin@concordia "$@" >/dev/null; }
grant() {  # one RoleGranted event in consortium "sudest"
  admin admin grant --consortium=sudest --principal="$1" --role=ufficio-di-piano
}
run_follow() {  # exec: in a background subshell, $! is then python itself
  exec /usr/bin/python3 "$follow" --server="$address" --consortium=sudest \
    --db="$db" --type=concordia.v1.RoleGranted --as=regione \
    --proto-dir="$root/proto" --cache-dir="$tmp/cache" --idle-exit=60 "$@"
}
count() { /usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$db" "$1"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

admin admin grant --consortium=sudest --principal=regione --role=regional-system
grant a@sudest
grant b@sudest
grant c@sudest
# Noise the filter must skip: another consortium and another event type.
admin admin grant --consortium=pistoia --principal=x@pistoia --role=auditor

# 1. Two events, then stop.
(run_follow --max-events=2) >"$tmp/run1.out"
[ "$(count 'SELECT COUNT(*) FROM decisions')" = 2 ] || fail "run 1 wrote $(count 'SELECT COUNT(*) FROM decisions')"

# 2. Resume: exactly the next two.
(run_follow --max-events=2) >"$tmp/run2.out"
[ "$(count 'SELECT COUNT(*) FROM decisions')" = 4 ] || fail "run 2"

# 3. Killed with SIGKILL after it received a new event.
(run_follow --max-events=100) >"$tmp/run3.out" 2>&1 &
follower=$!
grant d@sudest
for _ in $(seq 1 600); do [ -s "$tmp/run3.out" ] && break; sleep 0.05; done
[ -s "$tmp/run3.out" ] || fail "run 3 saw nothing"
kill -9 "$follower"
wait "$follower" 2>/dev/null || true

# 4. After the kill: one more event arrives, and nothing is repeated.
grant e@sudest
(run_follow --max-events=1) >"$tmp/run4.out"
[ "$(count 'SELECT COUNT(*) FROM decisions')" = 6 ] || fail "run 4: $(count 'SELECT COUNT(*) FROM decisions') rows"
[ "$(count 'SELECT COUNT(DISTINCT position) FROM decisions')" = 6 ] || fail "duplicates"
[ "$(count "SELECT COUNT(*) FROM decisions WHERE stream != 'sudest/access'")" = 0 ] || fail "filter"
[ "$(count "SELECT COUNT(*) FROM decisions WHERE payload_json LIKE '%e@sudest%'")" = 1 ] || fail "payload"
echo "PASS"
