#!/usr/bin/env bash
# bench/list.sh: an authenticated staff list page (25 rows of the demo
# organisation's ~1,300 staff, a session cookie, the permission check) under
# wrk, beside the libmicrohttpd hello-world ceiling in the same run.
# Goal: 30% of the ceiling or more.
#
# Beside them, a floor (bench/floor.c): a bare server that runs the same
# statements InnoLand ran for the page (the session and its user, the
# page's 25 rows with their departments) and writes every value escaped in
# the same frame, with no engine around it.  The floor's own share of the
# ceiling is about the most any server doing this page's reads on SQLite
# could show on this machine.
#
# usage: bench/list.sh [SECONDS] [CONNECTIONS]      (defaults 5, 64)
set -euo pipefail
secs=${1:-5} conns=${2:-64}
source "$(dirname "$0")/common.sh"
work=$(mktemp -d)
floor_pid=
trap 'kill $ceiling_pid $inno_pid $floor_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
start_ceiling; port1=$ceiling_port
port2=$(free_port)
build/innoland serve --quiet --demo --db "$work/bench.db" --listen "127.0.0.1:$port2" --threads "$threads" >/dev/null 2>&1 & inno_pid=$!
wait_ready "$port2"
base="http://127.0.0.1:$port2"
sign_in "$work/bench.db" "$base" "$work"
rows=$(curl -s -H "Cookie: $cookie" "$base/api/v1/staff" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(j.items.length+" of "+j.total)})')
queries=$(curl -s -o /dev/null -D - -H "Cookie: $cookie" "$base/staff" | awk -F': ' 'tolower($1)=="x-db-queries" {print $2}' | tr -d '\r')

record_floor "$work/bench.db" /staff "$work"
start_floor "$work/bench.db" "$work"
floor="http://127.0.0.1:$floor_port/staff"

measure() { wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" > build/bench/list.wrk; awk '/^Requests\/sec/ {r=$2} $1=="99%" {p=$2} END {print r, p}' build/bench/list.wrk; }
wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$port1/" >/dev/null 2>&1
wrk -t2 -c"$conns" -d1s -H "Cookie: $cookie" "$base/staff" >/dev/null 2>&1
: > build/bench/list-c.rounds; : > build/bench/list-i.rounds; : > build/bench/list-f.rounds
for round in 1 2 3; do
  measure "http://127.0.0.1:$port1/" >> build/bench/list-c.rounds
  measure -H "Cookie: $cookie" "$base/staff" >> build/bench/list-i.rounds
  measure -H "Cookie: $cookie" "$floor" >> build/bench/list-f.rounds
done
read -r c_rps c_p99 < <(median < build/bench/list-c.rounds)
read -r i_rps i_p99 < <(median < build/bench/list-i.rounds)
read -r f_rps f_p99 < <(median < build/bench/list-f.rounds)
printf '%-40s %12s %10s\n' "server (wrk -c$conns, median of 3×${secs}s)" "requests/s" "p99"
printf '%-40s %12s %10s\n' "ceiling: libmicrohttpd hello" "$c_rps" "$c_p99"
printf '%-40s %12s %10s\n' "floor: its $floor_statements statements alone" "$f_rps" "$f_p99"
printf '%-40s %12s %10s\n' "innoland GET /staff ($rows, $queries queries)" "$i_rps" "$i_p99"
awk -v f="$f_rps" -v c="$c_rps" 'BEGIN { printf "floor: %.1f%% of the ceiling (about the most a server doing these reads on SQLite shows here)\n", f / c * 100 }'
awk -v i="$i_rps" -v f="$f_rps" 'BEGIN { printf "innoland: %.1f%% of the floor\n", i / f * 100 }'
awk -v i="$i_rps" -v c="$c_rps" 'BEGIN { r = i / c * 100; printf "ratio: %.1f%% of the ceiling (goal: 30%% or more) %s\n", r, (r >= 30 ? "- met" : "- NOT met") }'
