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
# A list's count is remembered until the next write (db_memo), so the
# read-only run measures the remembered count only.  The mixed run reads
# the same page beside a writer adding staff through /api/v1 at a steady
# WRITES per second (bench/writer.mjs), so that the count is taken again
# after every write; its readers' figures are printed beside the read-only
# ones.  Every answer is checked (a 200 of the signed-in user's staff list;
# every write a 201): one wrong answer prints FAILED.
#
# usage: bench/list.sh [SECONDS] [CONNECTIONS] [WRITES]   (defaults 5, 64, 50)
#        bench/list.sh tasks [SECONDS] [CONNECTIONS]: the task list at 2,000
#        and 200,000 tasks, its CPU per request at each (bench/list-tasks.sh)
set -euo pipefail
if [ "${1:-}" = tasks ]; then shift; exec "$(dirname "$0")/list-tasks.sh" "$@"; fi
secs=${1:-5} conns=${2:-64} write_rate=${3:-50}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run make setup" >&2; exit 1; }
work=$(mktemp -d)
floor_pid= writer_pid=
trap 'kill $ceiling_pid $inno_pid $floor_pid $writer_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
start_ceiling; port1=$ceiling_port
serve_demo "$work/bench.db" "$work"
rows=$(curl -s -H "Cookie: $cookie" "$base/api/v1/staff" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(j.items.length+" of "+j.total)})')
queries=$(curl -s -o /dev/null -D - -H "Cookie: $cookie" "$base/staff" | awk -F': ' 'tolower($1)=="x-db-queries" {print $2}' | tr -d '\r')

record_floor "$work/bench.db" /staff "$work"
start_floor "$work/bench.db" "$work"
floor="http://127.0.0.1:$floor_port/staff"

wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$port1/" >/dev/null 2>&1
wrk -t2 -c"$conns" -d1s -H "Cookie: $cookie" "$base/staff" >/dev/null 2>&1
page=(-H "Cookie: $cookie" -- '벤치 님' 'id="list-title"') # signed in, the staff list's own heading
: > build/bench/list-c.rounds; : > build/bench/list-i.rounds; : > build/bench/list-f.rounds
: > build/bench/list-m.rounds; : > build/bench/list-w.rounds
for _ in $(seq "$rounds"); do
  measure build/bench/list-c.rounds "$ceiling_pid" "http://127.0.0.1:$port1/" -H "Cookie: $cookie" -- 안녕하세요
  measure build/bench/list-f.rounds "$floor_pid" "$floor" -H "Cookie: $cookie" -- '벤치 님'
  measure build/bench/list-i.rounds "$inno_pid" "$base/staff" "${page[@]}"
done
# the mixed rounds come after every read-only one, which thus all read the
# same rows; each has its own writer, stopped when the readers are done
staff_before=$(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM staff")
for _ in $(seq "$rounds"); do
  node bench/writer.mjs "$base" "$token" "$write_rate" >> build/bench/list-w.rounds & writer_pid=$!
  measure build/bench/list-m.rounds "$inno_pid" "$base/staff" "${page[@]}"
  kill -TERM "$writer_pid"; wait "$writer_pid"; writer_pid=
done
staff_after=$(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM staff")
read -r w_sent w_created w_wrong w_p99 w_secs < <(awk '{ s += $2; c += $3; w += $4; t += $6; if ($5 > p) p = $5 } END { print s, c, w, p, t }' build/bench/list-w.rounds)

header 46
row 46 "ceiling: libmicrohttpd hello" build/bench/list-c.rounds
row 46 "floor: its $floor_statements statements alone" build/bench/list-f.rounds
row 46 "innoland GET /staff ($rows, $queries queries)" build/bench/list-i.rounds
row 46 "  mixed: the same, beside $write_rate writes/s" build/bench/list-m.rounds
awk -v s="$w_sent" -v c="$w_created" -v t="$w_secs" -v p="$w_p99" -v a="$staff_before" -v b="$staff_after" -v r="$write_rate" 'BEGIN {
  printf "writer: %d staff POSTed through /api/v1 (%.1f/s%s), %d answered 201, p99 %.2f ms; staff %d -> %d\n", s, s / t,
    (s / t < 0.9 * r ? ", below the " r "/s asked: it waits while 64 writes are unanswered" : ""), c, p, a, b }'
if [ "$w_wrong" -ne 0 ]; then failed=1; echo "writer: FAILED: $w_wrong answers not 201"; fi
bound build/bench/list-c.rounds
c_rps=$(rps build/bench/list-c.rounds) f_rps=$(rps build/bench/list-f.rounds) i_rps=$(rps build/bench/list-i.rounds)
ratio "floor: %.1f%% of the ceiling (about the most a server doing these reads on SQLite shows here)" "$f_rps" "$c_rps"
ratio "innoland: %.1f%% of the floor" "$i_rps" "$f_rps"
ratio "mixed: %.1f%% of the read-only requests/s" "$(rps build/bench/list-m.rounds)" "$i_rps"
ratio "ratio: %.1f%% of the ceiling (goal: 30%% or more)" "$i_rps" "$c_rps" 30
finish
