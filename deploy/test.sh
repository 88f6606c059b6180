#!/usr/bin/env bash
# Installs what is missing, lints the protos, builds everything and runs every
# test; ends with the line "N passed, N failed" counted from individual test
# cases. Exits non-zero when anything failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=deploy/lib/setup.sh
source deploy/lib/setup.sh

concordia_install_packages || exit 1
buf="$(concordia_install_buf "$root")" || exit 1

results="$root/.cache/test-results"
rm -rf "$results" && mkdir -p "$results"

concordia_log "buf lint (STANDARD) on proto/"
if (cd proto && "$buf" lint); then
  echo "buf_lint PASSED" >"$results/checks"
else
  echo "buf_lint FAILED" >"$results/checks"
fi

concordia_log "bazel test //..."
bazel test //... "$@"
bazel_rc=$?

bazel query 'tests(//...)' 2>/dev/null >"$results/targets"
/usr/bin/python3 deploy/lib/count_tests.py "$root/bazel-testlogs" \
  "$results/targets" "$results/checks"
count_rc=$?
bazel shutdown >/dev/null 2>&1 || true
if [ "$bazel_rc" -ne 0 ] || [ "$count_rc" -ne 0 ]; then exit 1; fi
exit 0
