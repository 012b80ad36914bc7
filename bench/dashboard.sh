#!/usr/bin/env bash
# bench/dashboard.sh: the innovation-task dashboard of the whole
# organisation and of one bureau's subtree, signed in, with 2,000 tasks and
# 50,000 monthly reports loaded on top of the demo organisation, under wrk
# beside the libmicrohttpd hello-world ceiling in the same run.
# Goal: 30% of the ceiling or more.
#
# Beside them, the floor of each page (bench/floor.c, see bench/list.sh):
# the same statements InnoLand ran for it, alone.
#
# The rows are generated in SQL (sqlite3) and the derived numbers made
# with `innoland rebuild`, as after any bulk load.
#
# usage: bench/dashboard.sh [SECONDS] [CONNECTIONS]      (defaults 5, 64)
set -euo pipefail
secs=${1:-5} conns=${2:-64}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run make setup" >&2; exit 1; }
work=$(mktemp -d)
floor_pid= floor2_pid=
trap 'kill $ceiling_pid $inno_pid $floor_pid $floor2_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/bench.db

# the demo organisation, then 2,000 tasks of 2008 and 25 reports on each
build/innoland serve --quiet --demo --db "$db" --listen 127.0.0.1:0 >/dev/null 2>&1 & inno_pid=$!
for _ in $(seq 100); do [ "$(sqlite3 "$db" 'SELECT COUNT(*) FROM tasks' 2>/dev/null || echo 0)" -gt 0 ] && break; sleep 0.1; done
kill $inno_pid; wait $inno_pid 2>/dev/null || true
t0=$(date +%s.%N)
sqlite3 "$db" <<'SQL'
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000),
  divisions AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM departments WHERE kind = 'division'),
  d(c) AS (SELECT COUNT(*) FROM divisions)
INSERT INTO tasks (org_id, seq, title, kind, year, lead_department_id, status)
SELECT (SELECT MIN(id) FROM organisations), i, '벤치마크 과제 ' || i,
       CASE i % 5 WHEN 0 THEN 'common' WHEN 1 THEN 'key' WHEN 2 THEN 'department' WHEN 3 THEN 'team' ELSE 'civil' END,
       2008, (SELECT id FROM divisions WHERE k = i % (SELECT c FROM d)),
       CASE i % 4 WHEN 0 THEN 'discovered' WHEN 3 THEN 'done' ELSE 'in_progress' END
FROM n;
WITH RECURSIVE r(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM r WHERE k < 24)
INSERT INTO progress_reports (org_id, task_id, month, progress, content)
SELECT t.org_id, t.id, '2008-' || printf('%02d', 1 + r.k % 12), (r.k * 4 + t.id) % 101, '벤치마크 보고 ' || r.k
FROM tasks t, r WHERE t.year = 2008;
COMMIT;
SQL
build/innoland rebuild --db "$db" >/dev/null
t1=$(date +%s.%N)
tasks=$(sqlite3 "$db" "SELECT COUNT(*) FROM tasks WHERE year = 2008")
reports=$(sqlite3 "$db" "SELECT COUNT(*) FROM progress_reports r JOIN tasks t ON t.id = r.task_id WHERE t.year = 2008")
bureau=$(sqlite3 "$db" "SELECT id FROM departments WHERE kind = 'bureau' ORDER BY id LIMIT 1")

start_ceiling; port1=$ceiling_port
port2=$(free_port)
build/innoland serve --quiet --db "$db" --listen "127.0.0.1:$port2" --threads "$threads" >/dev/null 2>&1 & inno_pid=$!
wait_ready "$port2"
base="http://127.0.0.1:$port2"
sign_in "$db" "$base" "$work"
org_path="/tasks/dashboard?year=2008&month=2008-12"
dept_path="/tasks/dashboard?year=2008&month=2008-12&department=$bureau"
shown=$(curl -s -H "Cookie: $cookie" "$base$org_path" | grep -o 'il-stat-num">[0-9]*' | head -1 | grep -o '[0-9]*$')
[ "$shown" = "$tasks" ] || { echo "the dashboard shows $shown tasks, not $tasks" >&2; exit 1; }
mkdir -p "$work/org" "$work/dept"
record_floor "$db" "$org_path" "$work/org"; org_statements=$floor_statements
record_floor "$db" "$dept_path" "$work/dept"; dept_statements=$floor_statements
start_floor "$db" "$work/org"; org_floor="http://127.0.0.1:$floor_port$org_path"; floor2_pid=$floor_pid
start_floor "$db" "$work/dept"; dept_floor="http://127.0.0.1:$floor_port$dept_path"
queries() { curl -s -o /dev/null -D - -H "Cookie: $cookie" "$base$1" | awk -F': ' 'tolower($1)=="x-db-queries" {print $2}' | tr -d '\r'; }

measure() { wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" > build/bench/dashboard.wrk; awk '/^Requests\/sec/ {r=$2} $1=="99%" {p=$2} END {print r, p}' build/bench/dashboard.wrk; }
wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$port1/" >/dev/null 2>&1
wrk -t2 -c"$conns" -d1s -H "Cookie: $cookie" "$base$org_path" >/dev/null 2>&1
: > build/bench/dash-c.rounds; : > build/bench/dash-o.rounds; : > build/bench/dash-d.rounds
: > build/bench/dash-of.rounds; : > build/bench/dash-df.rounds
for round in 1 2 3; do
  measure "http://127.0.0.1:$port1/" >> build/bench/dash-c.rounds
  measure -H "Cookie: $cookie" "$base$org_path" >> build/bench/dash-o.rounds
  measure -H "Cookie: $cookie" "$base$dept_path" >> build/bench/dash-d.rounds
  measure -H "Cookie: $cookie" "$org_floor" >> build/bench/dash-of.rounds
  measure -H "Cookie: $cookie" "$dept_floor" >> build/bench/dash-df.rounds
done
read -r c_rps c_p99 < <(median < build/bench/dash-c.rounds)
read -r o_rps o_p99 < <(median < build/bench/dash-o.rounds)
read -r d_rps d_p99 < <(median < build/bench/dash-d.rounds)
read -r of_rps of_p99 < <(median < build/bench/dash-of.rounds)
read -r df_rps df_p99 < <(median < build/bench/dash-df.rounds)
awk -v t="$tasks" -v r="$reports" -v a="$t0" -v b="$t1" 'BEGIN { printf "loaded %s tasks and %s reports of 2008 (SQL and innoland rebuild) in %.1f s\n", t, r, b - a }'
printf '%-46s %12s %10s\n' "server (wrk -c$conns, median of 3×${secs}s)" "requests/s" "p99"
printf '%-46s %12s %10s\n' "ceiling: libmicrohttpd hello" "$c_rps" "$c_p99"
printf '%-46s %12s %10s\n' "dashboard, organisation ($(queries "$org_path") queries)" "$o_rps" "$o_p99"
printf '%-46s %12s %10s\n' "dashboard, one bureau ($(queries "$dept_path") queries)" "$d_rps" "$d_p99"
printf '%-46s %12s %10s\n' "floor: organisation's $org_statements statements alone" "$of_rps" "$of_p99"
printf '%-46s %12s %10s\n' "floor: bureau's $dept_statements statements alone" "$df_rps" "$df_p99"
awk -v o="$of_rps" -v d="$df_rps" -v c="$c_rps" 'BEGIN { printf "floor: organisation %.1f%%, bureau %.1f%% of the ceiling (about the most a server doing these reads on SQLite shows here)\n", o / c * 100, d / c * 100 }'
awk -v o="$o_rps" -v d="$d_rps" -v of="$of_rps" -v df="$df_rps" 'BEGIN { printf "innoland: organisation %.1f%%, bureau %.1f%% of its floor\n", o / of * 100, d / df * 100 }'
awk -v o="$o_rps" -v d="$d_rps" -v c="$c_rps" 'BEGIN {
  r1 = o / c * 100; r2 = d / c * 100
  printf "ratio: organisation %.1f%%, bureau %.1f%% of the ceiling (goal: 30%% or more) %s\n", r1, r2, (r1 >= 30 && r2 >= 30 ? "- met" : "- NOT met") }'
