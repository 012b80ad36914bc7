#!/usr/bin/env bash
# bench/list-tasks.sh (run as `bench/list.sh tasks`): the signed-in task
# list, as HTML (/tasks) and as JSON (/api/v1/tasks, and with ?fields= the
# HTML list's columns), its first page of 25 in the default order (연번) and
# sorted by title descending, on the demo
# organisation with 2,000 tasks and again with 200,000.  A list's cost must
# not grow with its table: the CPU the server spends per request (its
# /proc CPU time over the requests answered) at 200,000 tasks must be
# within 1.5× of that at 2,000.  Prints both, and the ratio, for each page.
#
# The tasks are generated in SQL (sqlite3) on top of the demo, as
# bench/dashboard.sh does.  Every answer is checked (a 200 of the signed-in
# user's page): one wrong answer prints FAILED.  INNOLAND_BIN=other/innoland
# measures another build (before/after).
#
# usage: bench/list.sh tasks [SECONDS] [CONNECTIONS]      (defaults 5, 64)
set -euo pipefail
secs=${1:-5} conns=${2:-64}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run make setup" >&2; exit 1; }
work=$(mktemp -d)
inno_pid=
trap 'kill $inno_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

# the demo organisation once, then a copy for each size
demo_db "$work/demo.db"
make_tasks() { # DB N: N tasks in all, the demo's among them
  cp "$work/demo.db" "$1"
  sqlite3 "$1" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2 - (SELECT COUNT(*) FROM tasks)),
  divisions AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM departments WHERE kind = 'division'),
  d(c) AS (SELECT COUNT(*) FROM divisions)
INSERT INTO tasks (org_id, seq, title, kind, year, lead_department_id, status)
SELECT (SELECT MIN(id) FROM organisations), 1 + i % 1000, '벤치마크 과제 ' || ((i * 7919) % 100003),
       CASE i % 5 WHEN 0 THEN 'common' WHEN 1 THEN 'key' WHEN 2 THEN 'department' WHEN 3 THEN 'team' ELSE 'civil' END,
       2008 + i % 10, (SELECT id FROM divisions WHERE k = i % (SELECT c FROM d)),
       CASE i % 4 WHEN 0 THEN 'discovered' WHEN 3 THEN 'done' ELSE 'in_progress' END
FROM n;
COMMIT;
SQL
}

# measure_size N: serves N tasks and measures each page; FILE names
# build/bench/tasks-N-PAGE.rounds
pages=("/tasks" "/tasks?sort=-title" "/api/v1/tasks" "/api/v1/tasks?sort=-title"
  "/api/v1/tasks?fields=seq,title,kind,year,lead_department_id,cooperating_departments,status,progress")
marks=('id="list-title"' 'id="list-title"' '"per_page"' '"per_page"' '"per_page"')
measure_size() {
  local n=$1 db=$work/tasks-$1.db port k
  make_tasks "$db" "$n"
  port=$(free_port)
  "$inno" serve --quiet --db "$db" --listen "127.0.0.1:$port" --threads "$threads" >/dev/null 2>&1 & inno_pid=$!
  wait_ready "$port"
  base="http://127.0.0.1:$port"
  sign_in "$db" "$base" "$work"
  total=$(curl -s -H "Cookie: $cookie" "$base/api/v1/tasks" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')
  [ "$total" = "$n" ] || { echo "the list counts $total tasks, not $n" >&2; exit 1; }
  for k in "${!pages[@]}"; do
    wrk -t2 -c"$conns" -d1s -H "Cookie: $cookie" "$base${pages[$k]}" >/dev/null 2>&1
    : > "build/bench/tasks-$n-$k.rounds"
  done
  for _ in $(seq "$rounds"); do
    for k in "${!pages[@]}"; do
      local who='벤치 님'
      [ "$k" -ge 2 ] && who='"total"'
      measure "build/bench/tasks-$n-$k.rounds" "$inno_pid" "$base${pages[$k]}" -H "Cookie: $cookie" -- "$who" "${marks[$k]}"
    done
  done
  kill $inno_pid; wait $inno_pid 2>/dev/null || true; inno_pid=
}
measure_size 2000
measure_size 200000

# cpu FILE: the server's CPU milliseconds per request (median cores over
# median requests/s), or nothing if a round had a wrong answer
cpu() {
  local r p50 p99 busy cores wrong missing errors
  read -r r p50 p99 busy cores wrong missing errors < <(figures "$1")
  if [ $((wrong + missing + errors)) -eq 0 ]; then awk -v c="$cores" -v r="$r" 'BEGIN { printf "%.3f", c / r * 1000 }'; fi
}
printf "%-40s %16s %16s %8s\n" "page (median of $rounds×${secs}s)" "2,000: ms CPU" "200,000: ms CPU" "ratio"
for k in "${!pages[@]}"; do
  a=$(cpu "build/bench/tasks-2000-$k.rounds") b=$(cpu "build/bench/tasks-200000-$k.rounds")
  if [ -z "$a" ] || [ -z "$b" ]; then failed=1; printf "%-40s FAILED (wrong answers)\n" "${pages[$k]}"; continue; fi
  awk -v p="${pages[$k]}" -v a="$a" -v b="$b" 'BEGIN { r = b / a
    printf "%-40s %13.3f ms %13.3f ms %7.2fx %s\n", p, a, b, r, (r <= 1.5 ? "- met (1.5x)" : "- NOT met (1.5x)") }'
done
for n in 2000 200000; do
  row 46 "GET /tasks at $n tasks (requests/s)" "build/bench/tasks-$n-0.rounds"
done
finish
