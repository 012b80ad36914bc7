#!/usr/bin/env bash
# bench/soak.sh: InnoLand serving the demo organisation for a long while
# under mixed reads and writes: wrk reading a rotation of signed-in pages
# (staff lists, the task dashboard, knowledge, departments) at CONNECTIONS
# connections, beside a writer changing staff records through /api/v1 at
# WRITES per second (bench/writer.mjs with WRITER_KIND=update: the tables
# the pages read keep their size, so memory that grows is the server's and
# not SQLite's page cache filling with a growing table; the audit trail
# still grows by one entry a write).  The server's resident memory (RSS) is printed
# every SAMPLE seconds.
#
# PASS when the RSS at the end is within 10% of the RSS after the first
# minute (after half the run, if the run is shorter than two minutes),
# every read was a 200 of the signed-in page (bench/check.lua: so no 5xx)
# with no socket error, and every write a 200.
#
# usage: bench/soak.sh [SECONDS] [CONNECTIONS] [WRITES] [SAMPLE]   (defaults 600, 16, 50, 30)
#        BENCH_PG=postgres://USER:PW@HOST/ANY bench/soak.sh ...: on PostgreSQL,
#        in a new database beside that one, dropped at the end
set -euo pipefail
secs=${1:-600} conns=${2:-16} write_rate=${3:-50} sample=${4:-30}
source "$(dirname "$0")/common.sh"
work=$(mktemp -d) inno_pid= writer_pid= wrk_pid= pg_admin=
trap 'kill $wrk_pid $writer_pid $inno_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; [ -z "$pg_admin" ] || psql -X -q "$pg_admin" -c "DROP DATABASE IF EXISTS innoland_soak_$$ WITH (FORCE)"' EXIT
db=$work/soak.db
if [ -n "${BENCH_PG:-}" ]; then # created and dropped from the maintenance database
  pg_admin=${BENCH_PG%/*}/postgres db=${BENCH_PG%/*}/innoland_soak_$$
  psql -X -q "$pg_admin" -c "CREATE DATABASE innoland_soak_$$"
fi
serve_demo "$db" "$work"
printf '%s\n' /staff '/staff?page=3&sort=-name' /tasks/dashboard /knowledge-items /departments '/staff?q=%EA%B9%80' > "$work/paths.txt"
while read -r path; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  [ "$code" = 200 ] || { echo "GET $path answered $code" >&2; exit 1; }
done < "$work/paths.txt"

rss_kb() { awk '$1 == "VmRSS:" {print $2}' "/proc/$inno_pid/status"; }
baseline_at=$((secs >= 120 ? 60 : secs / 2))
echo "soak on $([ -n "$pg_admin" ] && echo PostgreSQL || echo SQLite): ${secs} s of reads (wrk -t$client_threads -c$conns over $(wc -l < "$work/paths.txt") signed-in pages) and $write_rate writes/s; RSS of innoland:"
printf '  %6s %10s\n' "0 s" "$(awk -v k="$(rss_kb)" 'BEGIN { printf "%.1f MB", k / 1024 }')"
: > "$work/reads"
measure "$work/reads" "$inno_pid" "$base/" -H "Cookie: $cookie" -- "@$work/paths.txt" '벤치 님' & wrk_pid=$!
WRITER_KIND=update node bench/writer.mjs "$base" "$token" "$write_rate" > "$work/writes" & writer_pid=$!
t0=$(date +%s) baseline= last=
for at in $(seq "$sample" "$sample" "$secs") $( ((secs % sample)) && echo "$secs" ); do
  sleep "$(awk -v a="$at" -v t0="$t0" -v now="$(date +%s.%N)" 'BEGIN { d = t0 + a - now; print (d > 0 ? d : 0) }')"
  last=$(rss_kb)
  [ -n "$baseline" ] || [ "$at" -lt "$baseline_at" ] || baseline=$last
  printf '  %6s %10s\n' "$at s" "$(awk -v k="$last" 'BEGIN { printf "%.1f MB", k / 1024 }')"
done
wait "$wrk_pid"; wrk_pid=
kill -TERM "$writer_pid"; wait "$writer_pid"; writer_pid=
[ -n "$baseline" ] || baseline=$last

read -r rps _ p99 _ _ wrong missing errors < <(figures "$work/reads")
read -r _ w_sent w_created w_wrong w_p99 _ < "$work/writes"
staff=$(curl -s -H "Cookie: $cookie" "$base/api/v1/staff?per_page=1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')
printf 'reads: %.0f requests/s, p99 %.2f ms; %d not 200, %d without the page'"'"'s marker, %d socket errors\n' "$rps" "$p99" "$wrong" "$missing" "$errors"
printf 'writes: %d staff changed (PATCH), %d answered 200, p99 %.2f ms; the list now holds %s staff\n' "$w_sent" "$w_created" "$w_p99" "$staff"
awk -v b="$baseline" -v e="$last" -v at="$baseline_at" -v bad="$((wrong + missing + errors + w_wrong))" -v none="$((write_rate > 0 && w_created == 0))" 'BEGIN {
  growth = (e - b) / b * 100
  ok = growth <= 10 && growth >= -10 && bad == 0 && !none
  printf "soak: %s: RSS %.1f MB at the end, %.1f MB after %d s (%+.1f%%, limit 10%%); %d wrong answers\n", (ok ? "PASS" : "FAIL"), e / 1024, b / 1024, at, growth, bad
  exit !ok }'
