# common.sh: what the benchmarks share (sourced, not run): the build, the
# libmicrohttpd hello-world ceiling, free ports, the one way every server is
# measured (measure: wrk with bench/check.lua, its CPU and the server's) and
# the medians of rounds (figures, row).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
inno=${INNOLAND_BIN:-build/innoland} # the binary measured (another build: a before/after comparison)
threads=$(nproc)
rounds=${ROUNDS:-3}
client_threads=2 # wrk's; the same for ceiling, floor and page
failed=
make --no-print-directory all >/dev/null
mkdir -p build/bench
# what bench/serve.h's servers link: innoland's own listener (the same threading)
serve_src="-D_GNU_SOURCE -Isrc src/http/listener.c src/core/buf.c src/core/log.c src/core/xalloc.c"
cc -O2 -o build/bench/hello bench/hello.c $serve_src $(pkg-config --cflags --libs libmicrohttpd) -lpthread
command -v wrk >/dev/null || { echo "wrk is missing: run make setup" >&2; exit 1; }

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Starts the ceiling on a free port; sets ceiling_port and ceiling_pid.
start_ceiling() { ceiling_port=$(free_port); build/bench/hello "$ceiling_port" "$threads" & ceiling_pid=$!; }

# Waits until a server answers /healthz on port $1 ($2 tenths of a second at
# most, default 100).
wait_ready() { for _ in $(seq "${2:-100}"); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return; sleep 0.1; done; }

# CPU ticks (user + system) process $1 has used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure FILE PID URL [WRK OPTION...] -- [MARKER... | @PATHS]: one round of
# wrk at $conns connections for $secs seconds against URL, served by
# process PID, every answer checked by bench/check.lua (a 200 holding every
# MARKER).  Appends to FILE one line:
#   REQ/S P50_MS P99_MS WRK_BUSY_% SERVER_CORES WRONG_STATUS NO_MARKER SOCKET_ERRORS
# (wrk's own output of the latest round goes to FILE.wrk).
# WRK_BUSY_% is wrk's CPU time over its threads' wall time; SERVER_CORES
# the cores the server used on average.  A wrk that printed no check line
# (it could not connect) counts as one socket error.
measure() {
  local file=$1 pid=$2 url=$3 opts=() t0 t1 times
  shift 3
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  t0=$(cpu_ticks "$pid")
  times=$( { TIMEFORMAT='%U %S %R'; time wrk -t"$client_threads" -c"$conns" -d"${secs}s" "${opts[@]}" -s bench/check.lua "$url" -- "$@" > "$file.wrk" 2>&1 || true; } 2>&1 )
  t1=$(cpu_ticks "$pid")
  awk -v t="$times" -v n="$client_threads" -v s="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" '
    /^check: / { split(t, c, " "); seen = 1
      printf "%.1f %.3f %.3f %.1f %.2f %d %d %d\n", $2 / $3, $4, $5, (c[1] + c[2]) / (c[3] * n) * 100, s / hz / c[3], $6, $7, $8 }
    END { if (!seen) print "0 0 0 0 0 0 0 1" }' "$file.wrk" >> "$file"
}

# figures FILE: the median of each figure over FILE's rounds and the sum of
# each count: "REQ/S P50_MS P99_MS WRK_BUSY_% SERVER_CORES WRONG NO_MARKER ERRORS".
figures() {
  awk '{ for (i = 1; i <= NF; i++) v[i, NR] = $i; nf = NF }
    END { for (i = 1; i <= nf; i++) {
        if (i > 5) { s = 0; for (r = 1; r <= NR; r++) s += v[i, r]; printf "%d%s", s, (i < nf ? " " : "\n"); continue }
        for (r = 1; r <= NR; r++) a[r] = v[i, r] + 0
        for (x = 1; x <= NR; x++) for (y = x + 1; y <= NR; y++) if (a[y] < a[x]) { t = a[x]; a[x] = a[y]; a[y] = t }
        m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
        printf "%s%s", m, " " } }' "$1"
}

# rps FILE: the median requests/s of FILE, or nothing if any of its rounds
# had a wrong answer.
rps() {
  local r p50 p99 busy cores wrong missing errors
  read -r r p50 p99 busy cores wrong missing errors < <(figures "$1")
  if [ $((wrong + missing + errors)) -eq 0 ]; then echo "$r"; fi
}

# header WIDTH: the heading of the table the rows below print.
header() { printf "%-${1}s %12s %9s %9s %9s\n" "server (wrk -t$client_threads -c$conns, median of $rounds×${secs}s)" requests/s p50 p99 "wrk cpu"; }

# row WIDTH LABEL FILE: one server's medians, or FAILED with what was wrong
# (and $failed set): a benchmark with one wrong answer shows no figure.
row() {
  local r p50 p99 busy cores wrong missing errors
  read -r r p50 p99 busy cores wrong missing errors < <(figures "$3")
  if [ $((wrong + missing + errors)) -ne 0 ]; then
    failed=1
    printf "%-${1}s FAILED: %d answers not 200, %d without the page's marker, %d socket errors\n" "$2" "$wrong" "$missing" "$errors"
  else
    printf "%-${1}s %12.1f %7.2fms %7.2fms %7.1f%%\n" "$2" "$r" "$p50" "$p99" "$busy"
  fi
}

# bound FILE: whether the ceiling of FILE was bound by wrk.  wrk and the
# servers share the cores: wrk is the limit when its threads were busy 90%
# of the time, or when it took as much CPU as the server while the two
# used (nearly) every core.
bound() {
  local r p50 p99 busy cores wrong missing errors
  read -r r p50 p99 busy cores wrong missing errors < <(figures "$1")
  awk -v b="$busy" -v s="$cores" -v n="$client_threads" -v all="$threads" 'BEGIN {
    w = b / 100 * n; used = w + s
    v = (b >= 90 || (w >= s && used >= 0.9 * all)) ? "client-bound" : (used >= 0.9 * all ? "server-bound" : "not saturated (other processes took the rest)")
    printf "ceiling: %s: wrk %.2f cores (its %d threads %.0f%% busy), server %.2f cores, of %d\n", v, w, n, b, s, all }'
}

# ratio TEXT A B [GOAL]: TEXT (a printf format with one %.1f%%) of A/B in
# percent, then "- met" or "- NOT met" if A/B is GOAL % or more; FAILED
# when either side had a wrong answer (is empty).
ratio() {
  if [ -z "$2" ] || [ -z "$3" ]; then echo "${1%%:*}: FAILED (wrong answers above)"; return; fi
  awk -v a="$2" -v b="$3" -v f="$1" -v g="${4:-}" 'BEGIN { r = a / b * 100; printf f, r
    print g == "" ? "" : (r >= g ? " - met" : " - NOT met") }'
}

# finish: the benchmark's exit status, 1 if any row FAILED.
finish() { [ -z "$failed" ]; }

# sign_in DB BASE DIR: a member account on the server at BASE, signed in with
# its first password change done; sets cookie ("il_session=...").
sign_in() { # db base workdir [role, default member]
  local db=$1 base=$2 jar=$3/jar role=${4:-member} t
  echo 'Bench#2026pw' | "$inno" user add --db "$db" --org 3180000 --login bench.user --name 벤치 --role "$role" --password-stdin >/dev/null
  csrf() { curl -s -b "$jar" -c "$jar" "$base$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
  t=$(csrf /login)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$t" --data-urlencode login=bench.user --data-urlencode 'password=Bench#2026pw' "$base/login"
  t=$(csrf /password)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$t" --data-urlencode 'current=Bench#2026pw' --data-urlencode 'password=Bench#2027pw' --data-urlencode 'confirm=Bench#2027pw' "$base/password"
  cookie="il_session=$(awk '$6 == "il_session" {print $7}' "$jar")"
}

# demo_db DB: the demo organisation loaded into DB, every module's part (a
# server listens only once its demo is in), and the server stopped again.
# A server that stops by itself lost its port to another process between
# free_port and its bind (the demo is in by then, and loading it again
# changes nothing): it is tried on another.
demo_db() {
  local port pid
  for _ in 1 2 3; do
    port=$(free_port)
    "$inno" serve --quiet --demo --db "$1" --listen "127.0.0.1:$port" >/dev/null 2>&1 & pid=$!
    while kill -0 "$pid" 2>/dev/null && ! curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.1; done
    if kill "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; return 0; fi
    wait "$pid" 2>/dev/null || true
  done
  echo "the demo could not be loaded into $1" >&2
  return 1
}

# serve_db DB DIR [ROLE [SERVE OPTION...]]: InnoLand serving DB at a free
# port, an account of ROLE (default member) signed in ($cookie).  Sets
# inno_pid and base.
serve_db() {
  local db=$1 dir=$2 role=${3:-member} port
  shift $(($# < 3 ? $# : 3))
  port=$(free_port)
  "$inno" serve --quiet "$@" --db "$db" --listen "127.0.0.1:$port" --threads "$threads" >/dev/null 2>&1 & inno_pid=$!
  wait_ready "$port" 600
  base="http://127.0.0.1:$port"
  sign_in "$db" "$base" "$dir" "$role"
}

# serve_demo DB DIR: serve_db with the demo organisation loaded, a member
# signed in, and an administrator's API token for bench/writer.mjs ($token).
serve_demo() {
  serve_db "$1" "$2" member --demo
  token=$(writer_token "$1")
}

# writer_token DB: an API token of a new administrator of the demo
# organisation, for bench/writer.mjs.
writer_token() {
  echo 'Bench#2026pw' | "$inno" user add --db "$1" --org 3180000 --login bench.writer --name 벤치작성 --role admin --password-stdin >/dev/null
  "$inno" token create --db "$1" --login bench.writer
}

# record_floor DB PATH DIR: what the floor (bench/floor.c) replays for PATH:
# a traced innoland on DB (INNOLAND_TRACE_SQL=1) is asked PATH twice with
# $cookie; the reads of the second request (caches warm, as under wrk) go to
# DIR/floor.sql, one statement a line, and the page's frame around <main> to
# DIR/head.html and DIR/tail.html.  Sets floor_statements.
record_floor() {
  local db=$1 path=$2 dir=$3 port pid
  port=$(free_port)
  INNOLAND_TRACE_SQL=1 "$inno" serve --db "$db" --listen "127.0.0.1:$port" --threads 1 >/dev/null 2>"$dir/trace.log" & pid=$!
  wait_ready "$port"
  curl -s -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$port$path"
  curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port$path" > "$dir/page.html"
  kill $pid; wait $pid 2>/dev/null || true
  awk '/^sql: / { if (s != "") b = b s "\n"; s = substr($0, 6); next }
       / info GET / { if (s != "") b = b s "\n"; last = b; b = ""; s = ""; next }
       /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T/ { next } # (mawk has no {4})
       { s = s " " $0 }
       END { printf "%s", last }' "$dir/trace.log" | grep -E '^(SELECT|WITH) ' > "$dir/floor.sql"
  awk '{print} /<main[ >]/ {exit}' "$dir/page.html" > "$dir/head.html"
  awk '/<\/main>/ {f = 1} f {print}' "$dir/page.html" > "$dir/tail.html"
  floor_statements=$(wc -l < "$dir/floor.sql")
}

# start_floor DB DIR: the floor on a free port, replaying DIR's recording;
# sets floor_port and floor_pid.
start_floor() {
  cc -O2 -o build/bench/floor bench/floor.c $serve_src $(pkg-config --cflags --libs libmicrohttpd sqlite3 libsodium) -lpthread
  floor_port=$(free_port)
  build/bench/floor "$floor_port" "$threads" "$1" "$2/head.html" "$2/tail.html" "$2/floor.sql" & floor_pid=$!
  for _ in $(seq 100); do curl -s -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$floor_port/" && return; sleep 0.1; done
}

# org_and_unit NAME LABEL UNIT MARKER ORG_PATH DEPT_PATH: one page for the
# whole organisation and for one department (UNIT says which: "division",
# "bureau"), each beside its own floor (its statements replayed,
# record_floor), with the ceiling, round by round; prints the rows and sets
# c_rps, o_rps, d_rps, of_rps and df_rps (empty after a wrong answer).
# Every answer is checked (a 200 of the signed-in user's page with MARKER,
# its own heading).  Needs $db, $work, $cookie, $base and $inno_pid, and
# start_ceiling before; NAME names the rounds' files, LABEL the rows.  Sets
# floor_pid and floor2_pid.
org_and_unit() {
  local name=$1 label=$2 unit=$3 marker=$4 org_path=$5 dept_path=$6 org_statements dept_statements
  local org_floor dept_floor f page
  mkdir -p "$work/org" "$work/dept"
  record_floor "$db" "$org_path" "$work/org"; org_statements=$floor_statements
  record_floor "$db" "$dept_path" "$work/dept"; dept_statements=$floor_statements
  start_floor "$db" "$work/org"; org_floor="http://127.0.0.1:$floor_port$org_path"; floor2_pid=$floor_pid
  start_floor "$db" "$work/dept"; dept_floor="http://127.0.0.1:$floor_port$dept_path"
  queries() { curl -s -o /dev/null -D - -H "Cookie: $cookie" "$base$1" | awk -F': ' 'tolower($1)=="x-db-queries" {print $2}' | tr -d '\r'; }
  wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$ceiling_port/" >/dev/null 2>&1
  wrk -t2 -c"$conns" -d1s -H "Cookie: $cookie" "$base$org_path" >/dev/null 2>&1
  page=(-H "Cookie: $cookie" -- '벤치 님' "$marker") # signed in, the page's own heading
  for f in c o d of df; do : > "build/bench/$name-$f.rounds"; done
  for _ in $(seq "$rounds"); do
    measure "build/bench/$name-c.rounds" "$ceiling_pid" "http://127.0.0.1:$ceiling_port/" -H "Cookie: $cookie" -- 안녕하세요
    measure "build/bench/$name-o.rounds" "$inno_pid" "$base$org_path" "${page[@]}"
    measure "build/bench/$name-d.rounds" "$inno_pid" "$base$dept_path" "${page[@]}"
    measure "build/bench/$name-of.rounds" "$floor2_pid" "$org_floor" -H "Cookie: $cookie" -- '벤치 님'
    measure "build/bench/$name-df.rounds" "$floor_pid" "$dept_floor" -H "Cookie: $cookie" -- '벤치 님'
  done
  header 46
  row 46 "ceiling: libmicrohttpd hello" "build/bench/$name-c.rounds"
  row 46 "$label, organisation ($(queries "$org_path") queries)" "build/bench/$name-o.rounds"
  row 46 "$label, one $unit ($(queries "$dept_path") queries)" "build/bench/$name-d.rounds"
  row 46 "floor: organisation's $org_statements statements alone" "build/bench/$name-of.rounds"
  row 46 "floor: $unit's $dept_statements statements alone" "build/bench/$name-df.rounds"
  bound "build/bench/$name-c.rounds"
  c_rps=$(rps "build/bench/$name-c.rounds") o_rps=$(rps "build/bench/$name-o.rounds") d_rps=$(rps "build/bench/$name-d.rounds")
  of_rps=$(rps "build/bench/$name-of.rounds") df_rps=$(rps "build/bench/$name-df.rounds")
}

# floor_goal GOAL UNIT: the ratios org_and_unit measured, each page to its
# floor, against GOAL percent.
floor_goal() {
  ratio "ratio: organisation %.1f%% of its floor (goal: $1%% or more)" "$o_rps" "$of_rps" "$1"
  ratio "ratio: $2 %.1f%% of its floor (goal: $1%% or more)" "$d_rps" "$df_rps" "$1"
}
