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
