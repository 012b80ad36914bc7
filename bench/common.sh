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

# record_floor DB PATH DIR: what the floor (bench/floor.c) replays for PATH:
# a traced innoland on DB (INNOLAND_TRACE_SQL=1) is asked PATH twice with
# $cookie; the reads of the second request (caches warm, as under wrk) go to
# DIR/floor.sql, one statement a line, and the page's frame around <main> to
# DIR/head.html and DIR/tail.html.  Sets floor_statements.
record_floor() {
  local db=$1 path=$2 dir=$3 port pid
  port=$(free_port)
  INNOLAND_TRACE_SQL=1 build/innoland serve --db "$db" --listen "127.0.0.1:$port" --threads 1 >/dev/null 2>"$dir/trace.log" & pid=$!
  wait_ready "$port"
  curl -s -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$port$path"
  curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port$path" > "$dir/page.html"
  kill $pid; wait $pid 2>/dev/null || true
  awk '/^sql: / { if (s != "") b = b s "\n"; s = substr($0, 6); next }
       / info GET / { if (s != "") b = b s "\n"; last = b; b = ""; s = ""; next }
       /^[0-9]{4}-[0-9]{2}-[0-9]{2}T/ { next }
       { s = s " " $0 }
       END { printf "%s", last }' "$dir/trace.log" | grep -E '^(SELECT|WITH) ' > "$dir/floor.sql"
  awk '{print} /<main[ >]/ {exit}' "$dir/page.html" > "$dir/head.html"
  awk '/<\/main>/ {f = 1} f {print}' "$dir/page.html" > "$dir/tail.html"
  floor_statements=$(wc -l < "$dir/floor.sql")
}

# start_floor DB DIR: the floor on a free port, replaying DIR's recording;
# sets floor_port and floor_pid.
start_floor() {
  cc -O2 -o build/bench/floor bench/floor.c $(pkg-config --cflags --libs libmicrohttpd sqlite3 libsodium) -lpthread
  floor_port=$(free_port)
  build/bench/floor "$floor_port" "$threads" "$1" "$2/head.html" "$2/tail.html" "$2/floor.sql" & floor_pid=$!
  for _ in $(seq 100); do curl -s -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$floor_port/" && return; sleep 0.1; done
}
