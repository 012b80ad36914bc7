#!/usr/bin/env bash
# bench/http.sh: InnoLand's home page (layout rendered from a template, no
# database) against a minimal libmicrohttpd hello-world (the ceiling), both
# under wrk in the same run on this machine.  Prints requests/s, p99 latency
# and the ratio.  Goal: InnoLand at 50% or more of the ceiling.
#
# Three rounds, alternating the two servers so that both see the same
# machine; the median round of each is reported.
#
# usage: bench/http.sh [SECONDS] [CONNECTIONS]      (defaults 5, 64)
set -euo pipefail
secs=${1:-5} conns=${2:-64}
source "$(dirname "$0")/common.sh"

measure() { # measure NAME URL: prints "req/s p99"
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$2" > "build/bench/$1.wrk"
  local rps p99
  rps=$(awk '/^Requests\/sec/ {print $2}' "build/bench/$1.wrk")
  p99=$(awk '$1 == "99%" {print $2}' "build/bench/$1.wrk")
  echo "$rps $p99"
}

db=$(mktemp -d)/bench.db
trap 'kill $ceiling_pid $inno_pid 2>/dev/null || true; wait 2>/dev/null || true' EXIT
start_ceiling; port1=$ceiling_port
port2=$(free_port); build/innoland serve --quiet --db "$db" --listen "127.0.0.1:$port2" --threads "$threads" >/dev/null 2>&1 & inno_pid=$!
wait_ready "$port2"
size=$(curl -s "http://127.0.0.1:$port2/" | wc -c)

wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$port1/" >/dev/null 2>&1   # warm-up
wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$port2/" >/dev/null 2>&1
: > build/bench/ceiling.rounds; : > build/bench/innoland.rounds
for round in 1 2 3; do
  measure ceiling "http://127.0.0.1:$port1/" >> build/bench/ceiling.rounds
  measure innoland "http://127.0.0.1:$port2/" >> build/bench/innoland.rounds
done
read -r c_rps c_p99 < <(median < build/bench/ceiling.rounds)
read -r i_rps i_p99 < <(median < build/bench/innoland.rounds)
printf '%-34s %12s %10s\n' "server (wrk -c$conns, median of 3×${secs}s)" "requests/s" "p99"
printf '%-34s %12s %10s\n' "ceiling: libmicrohttpd hello" "$c_rps" "$c_p99"
printf '%-34s %12s %10s\n' "innoland GET / (${size} B page)" "$i_rps" "$i_p99"
awk -v i="$i_rps" -v c="$c_rps" 'BEGIN { r = i / c * 100; printf "ratio: %.1f%% of the ceiling (goal: 50%% or more) %s\n", r, (r >= 50 ? "- met" : "- NOT met") }'
