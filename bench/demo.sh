#!/usr/bin/env bash
# bench/demo.sh: how long `innoland serve --demo` takes to load the whole
# demo (영등포구's departments and staff, then tasks, knowledge and
# mileage) into a fresh database before it serves, on SQLite, and on
# PostgreSQL when a URL is given.  Goal: under 5 s on SQLite with the
# normal build (test_demo no longer times it: under ASan it proves nothing).
#
# usage: bench/demo.sh [postgres://…]   (INNOLAND_BIN: another build)
set -euo pipefail
cd "$(dirname "$0")/.."
make --no-print-directory all >/dev/null
bin=${INNOLAND_BIN:-build/innoland}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# load NAME URL: serves URL with --demo, prints the seconds until it serves.
load() {
  local t0 pid
  t0=$(date +%s.%N)
  "$bin" serve --db "$2" --listen 127.0.0.1:0 --demo --quiet > "$work/out" 2>&1 & pid=$!
  until grep -q 'serving http' "$work/out"; do
    kill -0 $pid 2>/dev/null || { cat "$work/out" >&2; exit 1; }
    sleep 0.05
  done
  awk -v n="$1" -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "demo load on %s: %.2f s\n", n, e - s }'
  kill $pid; wait $pid 2>/dev/null || true
}

load sqlite "$work/demo.db"
if [ -n "${1:-}" ]; then
  db="innoland_bench_demo_$$" admin="${1%/*}/postgres" # created and dropped from the maintenance database
  psql "$admin" -qc "CREATE DATABASE $db"
  load postgres "${1%/*}/$db"
  psql "$admin" -qc "DROP DATABASE $db WITH (FORCE)"
fi
