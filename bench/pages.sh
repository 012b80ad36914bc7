#!/usr/bin/env bash
# bench/pages.sh: every benchmarked page of the demo organisation beside its
# own floor, in one run: the signed-in home page, the staff and task lists,
# a task's page, the task dashboard, the knowledge home, a knowledge item's
# page, a knowledge search and the mileage leaderboard.
#
# A page's floor (bench/floor.c, see bench/list.sh) is a bare server that
# runs the statements InnoLand ran for that page (recorded with
# INNOLAND_TRACE_SQL=1) and writes their values escaped in the page's own
# frame: what the machine, the kernel and SQLite cost for the page's reads.
# Each line says the page's requests/s, its floor's and the ratio; goal: 80%
# of the floor or more for lists and detail pages.  Rounds alternate the
# page and its floor, each figure the median over rounds.  Every answer is
# checked (a 200 of the signed-in user's page with its own heading; the
# floor's with the user's name): one wrong answer prints FAILED.
#
# usage: bench/pages.sh [SECONDS] [CONNECTIONS] [PAGE...]   (defaults 3, 64, all)
#   PAGE: home staff tasks task dashboard knowledge item search leaderboard
set -euo pipefail
secs=${1:-3} conns=${2:-64}
shift $(($# > 2 ? 2 : $#))
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run make setup" >&2; exit 1; }
work=$(mktemp -d)
floor_pid= writer_pid=
trap 'kill $inno_pid $floor_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/bench.db
serve_demo "$db" "$work"
task=$(sqlite3 "$db" "SELECT id FROM tasks WHERE archived_at IS NULL ORDER BY id LIMIT 1")
item=$(sqlite3 "$db" "SELECT id FROM knowledge_items WHERE status = 'adopted' AND archived_at IS NULL ORDER BY id LIMIT 1")

# name, path, heading marker, kind (list or detail pages have the 80% goal)
pages=(
  "home|/|id=\"todo-title\"|detail"
  "staff|/staff|id=\"list-title\"|list"
  "tasks|/tasks|id=\"list-title\"|list"
  "task|/tasks/$task|id=\"show-title\"|detail"
  "dashboard|/tasks/dashboard|id=\"dash-title\"|-"
  "knowledge|/knowledge|id=\"k-title\"|-"
  "item|/knowledge-items/$item|id=\"show-title\"|detail"
  "search|/knowledge-items/search?q=%ED%96%89%EC%A0%95%ED%98%81%EC%8B%A0|id=\"search-title\"|-"
  "leaderboard|/mileage-entries/leaderboard|id=\"lb-title\"|-"
)
wanted=" ${*:-home staff tasks task dashboard knowledge item search leaderboard} "
queries() { curl -s -o /dev/null -D - -H "Cookie: $cookie" "$base$1" | awk -F': ' 'tolower($1)=="x-db-queries" {print $2}' | tr -d '\r'; }

results=$work/results
: > "$results"
for p in "${pages[@]}"; do
  IFS='|' read -r name path marker kind <<< "$p"
  [[ $wanted == *" $name "* ]] || continue
  dir=$work/$name
  mkdir -p "$dir"
  record_floor "$db" "$path" "$dir"
  start_floor "$db" "$dir"
  q=$(queries "$path")
  wrk -t2 -c"$conns" -d1s -H "Cookie: $cookie" "http://127.0.0.1:$floor_port$path" >/dev/null 2>&1
  wrk -t2 -c"$conns" -d1s -H "Cookie: $cookie" "$base$path" >/dev/null 2>&1
  : > "build/bench/pages-$name-f.rounds"; : > "build/bench/pages-$name-i.rounds"
  for _ in $(seq "$rounds"); do
    measure "build/bench/pages-$name-f.rounds" "$floor_pid" "http://127.0.0.1:$floor_port$path" -H "Cookie: $cookie" -- '벤치 님'
    measure "build/bench/pages-$name-i.rounds" "$inno_pid" "$base$path" -H "Cookie: $cookie" -- '벤치 님' "$marker"
  done
  kill "$floor_pid"; wait "$floor_pid" 2>/dev/null || true; floor_pid=
  echo "$name|$path|$kind|$q|$floor_statements" >> "$results"
done

printf "%-12s %-44s %10s %8s %10s %8s %7s\n" "page (wrk -t$client_threads -c$conns, median of $rounds×${secs}s)" "" "page r/s" "p99" "floor r/s" "p99" "ratio"
while IFS='|' read -r name path kind q statements; do
  read -r i_rps _ i_p99 _ _ i_w i_m i_e < <(figures "build/bench/pages-$name-i.rounds")
  read -r f_rps _ f_p99 _ _ f_w f_m f_e < <(figures "build/bench/pages-$name-f.rounds")
  label="$path ($q queries, floor $statements)"
  if [ $((i_w + i_m + i_e + f_w + f_m + f_e)) -ne 0 ]; then
    failed=1
    printf "%-12s %-44s FAILED: page %d not 200, %d without marker, %d socket errors; floor %d, %d, %d\n" "$name" "$label" "$i_w" "$i_m" "$i_e" "$f_w" "$f_m" "$f_e"
    continue
  fi
  awk -v n="$name" -v l="$label" -v i="$i_rps" -v ip="$i_p99" -v f="$f_rps" -v fp="$f_p99" -v k="$kind" 'BEGIN {
    r = i / f * 100
    printf "%-12s %-44s %10.1f %6.2fms %10.1f %6.2fms %6.1f%%%s\n", n, l, i, ip, f, fp, r,
      (k == "-" ? "" : (r >= 80 ? "  goal 80% met" : "  goal 80% NOT met")) }'
done < "$results"
finish
