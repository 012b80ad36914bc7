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
# Every answer is checked (a 200 of the signed-in user's dashboard): one
# wrong answer prints FAILED.
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
demo_db "$db"
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

start_ceiling
serve_db "$db" "$work"
org_path="/tasks/dashboard?year=2008&month=2008-12"
dept_path="/tasks/dashboard?year=2008&month=2008-12&department=$bureau"
shown=$(curl -s -H "Cookie: $cookie" "$base$org_path" | grep -o 'il-stat-num">[0-9]*' | head -1 | grep -o '[0-9]*$')
[ "$shown" = "$tasks" ] || { echo "the dashboard shows $shown tasks, not $tasks" >&2; exit 1; }
awk -v t="$tasks" -v r="$reports" -v a="$t0" -v b="$t1" 'BEGIN { printf "loaded %s tasks and %s reports of 2008 (SQL and innoland rebuild) in %.1f s\n", t, r, b - a }'
org_and_unit dash dashboard bureau 'id="dash-title"' "$org_path" "$dept_path"
ratio "floor: organisation %.1f%% of the ceiling" "$of_rps" "$c_rps"
ratio "floor: bureau %.1f%% of the ceiling (each floor: about the most a server doing its reads on SQLite shows here)" "$df_rps" "$c_rps"
ratio "innoland: organisation %.1f%% of its floor" "$o_rps" "$of_rps"
ratio "innoland: bureau %.1f%% of its floor" "$d_rps" "$df_rps"
ratio "ratio: organisation %.1f%% of the ceiling (goal: 30%% or more)" "$o_rps" "$c_rps" 30
ratio "ratio: bureau %.1f%% of the ceiling (goal: 30%% or more)" "$d_rps" "$c_rps" 30
finish
