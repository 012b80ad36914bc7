#!/usr/bin/env bash
# bench/http.sh: InnoLand's home page (layout rendered from a template, no
# database) against a minimal libmicrohttpd hello-world (the ceiling), both
# under wrk in the same run on this machine.  Prints requests/s, p50 and
# p99 latency and the ratio.  Goal: InnoLand at 50% or more of the ceiling.
#
# Rounds alternate the two servers so that both see the same machine; each
# figure is its median over the rounds.  Every answer is checked (a 200
# with the page's own heading): one wrong answer prints FAILED.
#
# usage: bench/http.sh [SECONDS] [CONNECTIONS]      (defaults 5, 64)
set -euo pipefail
secs=${1:-5} conns=${2:-64}
source "$(dirname "$0")/common.sh"

db=$(mktemp -d)/bench.db
trap 'kill $ceiling_pid $inno_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$(dirname "$db")"' EXIT
start_ceiling; port1=$ceiling_port
port2=$(free_port); build/innoland serve --quiet --db "$db" --listen "127.0.0.1:$port2" --threads "$threads" >/dev/null 2>&1 & inno_pid=$!
wait_ready "$port2"
size=$(curl -s "http://127.0.0.1:$port2/" | wc -c)

wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$port1/" >/dev/null 2>&1   # warm-up
wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$port2/" >/dev/null 2>&1
: > build/bench/http-c.rounds; : > build/bench/http-i.rounds
for _ in $(seq "$rounds"); do
  measure build/bench/http-c.rounds "$ceiling_pid" "http://127.0.0.1:$port1/" -- 안녕하세요
  measure build/bench/http-i.rounds "$inno_pid" "http://127.0.0.1:$port2/" -- 'id="hero-title"'
done
header 34
row 34 "ceiling: libmicrohttpd hello" build/bench/http-c.rounds
row 34 "innoland GET / (${size} B page)" build/bench/http-i.rounds
bound build/bench/http-c.rounds
ratio "ratio: %.1f%% of the ceiling (goal: 50%% or more)" "$(rps build/bench/http-i.rounds)" "$(rps build/bench/http-c.rounds)" 50
finish
