# common.sh: what the benchmarks share (sourced, not run): the build, the
# libmicrohttpd hello-world ceiling, free ports and the median of rounds.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
threads=$(nproc)
make --no-print-directory all >/dev/null
mkdir -p build/bench
cc -O2 -o build/bench/hello bench/hello.c $(pkg-config --cflags --libs libmicrohttpd) -lpthread
command -v wrk >/dev/null || { echo "wrk is missing: run make setup" >&2; exit 1; }

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Starts the ceiling on a free port; sets ceiling_port and ceiling_pid.
start_ceiling() { ceiling_port=$(free_port); build/bench/hello "$ceiling_port" "$threads" & ceiling_pid=$!; }

# Waits until a server answers /healthz on port $1.
wait_ready() { for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return; sleep 0.1; done; }

median() { sort -n | sed -n 2p; } # of three lines "req/s p99"

# sign_in DB BASE DIR: a member account on the server at BASE, signed in with
# its first password change done; sets cookie ("il_session=...").
sign_in() {
  local db=$1 base=$2 jar=$3/jar t
  echo 'Bench#2026pw' | build/innoland user add --db "$db" --org 3180000 --login bench.user --name 벤치 --role member --password-stdin >/dev/null
  csrf() { curl -s -b "$jar" -c "$jar" "$base$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
  t=$(csrf /login)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$t" --data-urlencode login=bench.user --data-urlencode 'password=Bench#2026pw' "$base/login"
  t=$(csrf /password)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$t" --data-urlencode 'current=Bench#2026pw' --data-urlencode 'password=Bench#2027pw' --data-urlencode 'confirm=Bench#2027pw' "$base/password"
  cookie="il_session=$(awk '$6 == "il_session" {print $7}' "$jar")"
}
