#!/usr/bin/env bash
# bench/threads.sh: do 8 keep-alive connections spread over the server's
# worker threads?  Each round is a new wrk (-t2 -c8, new connections)
# against the home page, every answer checked (bench/check.lua); around it
# the CPU time of each worker thread (the threads named MHD-*, from
# /proc/PID/task/*/stat) is read.  Per round: requests/s and each thread's
# share of the work; a round is "spread" when every thread did at least half
# its fair share (25% with 2 threads).  Goal: every round spread.
#
# Connections that all land on one thread halve the throughput and leave
# the other cores idle (issue 14), which is what this counts.
#
# usage: bench/threads.sh [ROUNDS] [SECONDS]      (defaults 30, 2)
set -euo pipefail
n=${1:-30} secs=${2:-2} conns=8
source "$(dirname "$0")/common.sh"

db=$(mktemp -d)/bench.db
trap 'kill $inno_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$(dirname "$db")"' EXIT
port=$(free_port)
build/innoland serve --quiet --db "$db" --listen "127.0.0.1:$port" --threads "$threads" >/dev/null 2>&1 & inno_pid=$!
wait_ready "$port"
url="http://127.0.0.1:$port/"

# worker_ticks PID: "TID TICKS" for each of PID's threads named MHD-*
# (libmicrohttpd's), TICKS its user + system CPU time.
worker_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    case $(cat "$t/comm") in MHD-*) ;; *) continue ;; esac
    # the fields after "(comm)": state is the first, utime the 12th, stime the 13th
    sed 's/^.*) //' "$t/stat" | awk -v tid="${t##*/}" '{print tid, $12 + $13}'
  done
}

wrk -t"$client_threads" -c"$conns" -d1s "$url" >/dev/null 2>&1 # warm-up
rows=build/bench/threads.rounds shares=build/bench/threads.shares
: > "$rows"; : > "$shares"
echo "InnoLand GET / with $threads worker threads, wrk -t$client_threads -c$conns, $n rounds of ${secs}s"
for r in $(seq "$n"); do
  before=$(worker_ticks "$inno_pid")
  measure "$rows" "$inno_pid" "$url" -- 'id="hero-title"'
  after=$(worker_ticks "$inno_pid")
  read -r rps _ _ _ _ wrong missing errors < <(tail -1 "$rows")
  before=$before awk -v threads="$threads" -v r="$r" -v rps="$rps" -v bad="$((wrong + missing + errors))" -v out="$shares" '
    BEGIN { split(ENVIRON["before"], b, "\n"); for (i in b) { split(b[i], f, " "); t0[f[1]] = f[2] } }
    { d = $2 - t0[$1]; use[++k] = d; sum += d; if (d > max) max = d }
    END {
      line = ""; low = 100
      for (i = 1; i <= k; i++) { s = sum ? use[i] / sum * 100 : 0; line = line sprintf(" %3.0f%%", s); if (s < low) low = s }
      spread = k == threads && sum > 0 && low >= 100 / threads / 2
      printf "round %2d: %8.1f requests/s, threads:%s, busiest %3.0f%%%s%s\n", r, rps, line,
        sum ? max / sum * 100 : 0, spread ? "" : "  <- lopsided", bad ? sprintf("  (%d wrong answers)", bad) : ""
      print spread >> out }' <<< "$after"
done
spread=$(grep -c '^1$' "$shares" || true)
read -r median _ _ _ _ wrong missing errors < <(figures "$rows")
echo "median: $median requests/s; wrong answers: $((wrong + missing + errors))"
echo "all $threads threads busy in $spread of $n rounds (busy: at least half a fair share of the CPU)"
[ "$spread" -eq "$n" ] && echo "goal: every round - met" || echo "goal: every round - NOT met"
[ $((wrong + missing + errors)) -eq 0 ]
