#!/usr/bin/env bash
# bench/mileage.sh: the mileage ledger at national scale on SQLite: one
# organisation of 400,000 staff in 2,220 departments (20 bureaus, 200
# divisions, 2,000 teams) with 10,000,000 ledger entries over 2020-2026,
# balances derived by `innoland rebuild`.  Then:
#  - the leaderboard page (a month, a year, all time, the teams, a deep
#    page; signed in) under wrk with 8 connections (latency, not a queue
#    behind 2 cores; each figure its median over rounds), beside the
#    libmicrohttpd hello-world ceiling in the same run.  Goal: p99 at most 20 ms for the first page of each.  A deep
#    page (places 9,951-10,000) is printed too: it skips every place above
#    it, so it costs more the deeper it is.
#  - a bulk award to 100,000 people (`innoland mileage award`), beside the
#    same 100,000 ledger rows appended by one bare INSERT … SELECT in the
#    same database with the same page cache (the floor of appending them,
#    without looking anyone up or keeping balances), and beside that append
#    with the people's 300,000 balance rows upserted in plain SQL (the floor
#    of what the award must write).  Goal: 50,000 entries/s or more.
#
# Every answer is checked (a 200 of the signed-in user's leaderboard): one
# wrong answer prints FAILED.  The ledger refuses deletes, so each run
# works on a copy of the generated database (kept in BENCH_DIR if given,
# generated once there): a run's award and sign-in never reach the next.
#
# usage: bench/mileage.sh [ENTRIES] [STAFF] [SECONDS]   (defaults 10000000 400000 5)
set -euo pipefail
entries=${1:-10000000} people=${2:-400000} secs=${3:-5} conns=8
source "$(dirname "$0")/common.sh"
work=${BENCH_DIR:-$(mktemp -d)}
db=$work/mileage.db run=$work/run.db
trap 'kill $ceiling_pid $inno_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -f "$run" "$run-wal" "$run-shm"; [ -n "${BENCH_DIR:-}" ] || rm -rf "$work"' EXIT
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

if [ ! -s "$db" ]; then
  t0=$(date +%s.%N)
  build/innoland migrate --db "$db" >/dev/null
  # the ledger's indexes are built once at the end, as a restore would
  indexes=$(sqlite3 "$db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mileage_entries' AND sql IS NOT NULL")
  drops=$(sqlite3 "$db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mileage_entries' AND sql IS NOT NULL")
  sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
INSERT INTO organisations (code, name) VALUES ('3180000', '벤치시');
WITH RECURSIVE b(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM b WHERE i < 20)
INSERT INTO departments (id, org_id, name, kind, path) SELECT i, 1, '국 ' || i, 'bureau', '/' FROM b;
WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < 200)
INSERT INTO departments (id, org_id, parent_id, name, kind, path)
  SELECT 20 + i, 1, 1 + (i - 1) / 10, '과 ' || i, 'division', '/' || (1 + (i - 1) / 10) || '/' FROM d;
WITH RECURSIVE t(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM t WHERE i < 2000)
INSERT INTO departments (id, org_id, parent_id, name, kind, path)
  SELECT 220 + i, 1, 20 + 1 + (i - 1) / 10, '팀 ' || i, 'team',
         '/' || (1 + (i - 1) / 100) || '/' || (20 + 1 + (i - 1) / 10) || '/' FROM t;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $people)
INSERT INTO staff (id, org_id, employee_no, name, grade, department_id)
  SELECT i, 1, printf('%08d', 10000000 + i), '직원' || i, 'g7', 221 + (i % 2000) FROM s;
$drops
WITH RECURSIVE e(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM e WHERE i < $entries)
INSERT INTO mileage_entries (org_id, staff_id, department_id, points, earned_on, kind, reason)
  SELECT 1, 1 + (i * 7919) % $people, 221 + ((1 + (i * 7919) % $people) % 2000), 1 + i % 4,
         printf('%04d-%02d-%02d', 2020 + (i * 13) % 7, 1 + (i * 7) % 12, 1 + i % 28), 'manual', '벤치 적립'
  FROM e;
$indexes
SQL
  echo "generated $people staff and $entries entries in $(elapsed "$t0") s"
  t0=$(date +%s.%N)
  build/innoland rebuild --db "$db" >/dev/null
  echo "balances derived from the ledger (innoland rebuild) in $(elapsed "$t0") s"
fi
rm -f "$run" "$run-wal" "$run-shm"
cp "$db" "$run"
[ ! -e "$db-wal" ] || cp "$db-wal" "$run-wal"
db=$run

start_ceiling; port1=$ceiling_port
serve_db "$db" "$work"

wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$port1/" >/dev/null 2>&1
queries=("period=2026-06" "period=2026" "period=all" "period=2026&by=dept&level=team" "period=2026&page=200")
for i in "${!queries[@]}"; do
  url="$base/mileage-entries/leaderboard?${queries[$i]}"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url")
  [ "$code" = 200 ] || { echo "GET $url answered $code" >&2; exit 1; }
  wrk -t2 -c"$conns" -d1s -H "Cookie: $cookie" "$url" >/dev/null 2>&1
  : > "build/bench/mileage-$i.rounds"
done
: > build/bench/mileage-c.rounds
for _ in $(seq "$rounds"); do
  measure build/bench/mileage-c.rounds "$ceiling_pid" "http://127.0.0.1:$port1/" -H "Cookie: $cookie" -- 안녕하세요
  for i in "${!queries[@]}"; do
    measure "build/bench/mileage-$i.rounds" "$inno_pid" "$base/mileage-entries/leaderboard?${queries[$i]}" -H "Cookie: $cookie" -- '벤치 님' 'id="lb-title"'
  done
done
header 58
row 58 "ceiling: libmicrohttpd hello" build/bench/mileage-c.rounds
worst=0
for i in "${!queries[@]}"; do
  row 58 "leaderboard ?${queries[$i]}" "build/bench/mileage-$i.rounds"
  # a deep page skips every place above it: informational, not the goal
  case ${queries[$i]} in *page=*) continue ;; esac
  read -r _ _ p99 _ < <(figures "build/bench/mileage-$i.rounds")
  worst=$(awk -v w="$worst" -v p="$p99" 'BEGIN { print (p > w ? p : w) }')
done
bound build/bench/mileage-c.rounds
kill $inno_pid 2>/dev/null || true; wait $inno_pid 2>/dev/null || true; inno_pid=
if [ -n "$failed" ]; then echo "leaderboard p99: FAILED (wrong answers above)"; else
  awk -v w="$worst" 'BEGIN { printf "leaderboard p99, worst of the first pages: %.2f ms (goal: 20 ms or less) %s\n", w, (w <= 20 ? "- met" : "- NOT met") }'
fi

# bulk award to 100,000 people, then the bare append of the same rows
award=100000
sqlite3 "$db" "SELECT employee_no FROM staff WHERE id % 4 = 0 LIMIT $award" > "$work/award.txt"
t0=$(date +%s.%N)
build/innoland mileage award "$work/award.txt" --db "$db" --points 1.5 --on 2026-11-27 --reason '벤치 일괄 부여' >/dev/null
award_s=$(elapsed "$t0")
t0=$(date +%s.%N)
sqlite3 "$db" "PRAGMA cache_size = -262144; BEGIN; INSERT INTO mileage_entries (org_id, staff_id, department_id, points, earned_on, kind, reason) SELECT 1, id, department_id, 3, '2026-11-27', 'manual', '벤치 기준선' FROM staff WHERE id % 4 = 1 LIMIT $award; COMMIT;"
bare_s=$(elapsed "$t0")
# the same append with each person's three balance rows (month, year, all
# time) upserted in SQL: what the award writes, without reading anything
t0=$(date +%s.%N)
sqlite3 "$db" "PRAGMA cache_size = -262144; BEGIN;
INSERT INTO mileage_entries (org_id, staff_id, department_id, points, earned_on, kind, reason) SELECT 1, id, department_id, 3, '2026-11-27', 'manual', '벤치 기준선' FROM staff WHERE id % 4 = 2 LIMIT $award;
INSERT INTO mileage_balances (org_id, subject, subject_id, period, points, entries, people)
  SELECT 1, 0, s.id, p.period, 3, 1, 0 FROM (SELECT id FROM staff WHERE id % 4 = 2 LIMIT $award) s, (SELECT 202611 AS period UNION ALL SELECT 2026 UNION ALL SELECT 0) p
  WHERE true ORDER BY p.period, s.id
  ON CONFLICT (org_id, subject, period, subject_id) DO UPDATE SET points = mileage_balances.points + excluded.points, entries = mileage_balances.entries + excluded.entries;
COMMIT;"
booked_s=$(elapsed "$t0")
awk -v n="$award" -v a="$award_s" -v b="$bare_s" -v k="$booked_s" 'BEGIN {
  ra = n / a; rb = n / b; rk = n / k
  printf "%-58s %12s\n", "bulk award of " n " entries", "entries/s"
  printf "%-58s %12.0f\n", "floor: bare INSERT ... SELECT of the same rows (" b " s)", rb
  printf "%-58s %12.0f\n", "floor with balances: + their 300,000 upserts in SQL (" k " s)", rk
  printf "%-58s %12.0f\n", "innoland mileage award (" a " s, lookups + balances)", ra
  printf "ratio: %.1f%% of the bare append, %.1f%% of the append with balances; %.0f entries/s (goal: 50,000/s or more) %s\n", ra / rb * 100, ra / rk * 100, ra, (ra >= 50000 ? "- met" : "- NOT met") }'
finish
