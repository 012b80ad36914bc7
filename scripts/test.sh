#!/usr/bin/env bash
# Every test of InnoLand, in the order a failure is cheapest to read:
# format, unit tests (with the Mustache spec), storage tests and end-to-end
# tests on SQLite and on PostgreSQL, the browser test, brief fuzzing, and
# the unit and end-to-end tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer.  Ends with one "N passed, M failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
export MAKEFLAGS="--no-print-directory -j$(nproc)"
passed=0 failed=0 failures=()

# A step that hangs fails after STEP_SECONDS instead of holding up CI.
STEP_SECONDS=${STEP_SECONDS:-1800}

step() { # step NAME COMMAND...: runs a step (a command or a function), counts it
  local name=$1 rc; shift
  echo; echo "=== $name"
  timeout -k 30 "$STEP_SECONDS" bash -c '"$@"' step "$@"
  rc=$?
  [ $rc -eq 124 ] && echo "step '$name' did not end within $STEP_SECONDS s"
  if [ $rc -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

unit_tests() { # unit_tests BUILD-DIR
  local ok=0
  for t in "$1"/tests/test_*; do
    case $t in
      *test_mustache_spec) "$t" tests/mustache-spec || ok=1 ;;
      *) "$t" || ok=1 ;;
    esac
  done
  return $ok
}

node_tests() { # node_tests FILES...
  node --test --test-concurrency=1 --test-reporter=spec "$@"
}

export -f unit_tests node_tests

step "build" make all unit
[ $failed -eq 0 ] || { echo "build failed"; echo "steps: 0 passed, 1 failed"; exit 1; }
step "clang-format" make format-check
step "layers (includes point one way)" scripts/check-layers.sh
step "packages (every pkg-config module from a package setup.sh installs)" scripts/check-packages.sh
step "unit tests (SQLite storage)" unit_tests build

pg_url=$(timeout -k 30 900 scripts/pg.sh innoland_test) || pg_url=""
export pg_url
if [ -n "$pg_url" ]; then
  pg_storage() { # the unit tests that take a database, on PostgreSQL
    local ok=0
    for t in build/tests/test_db build/tests/test_audit build/tests/test_scope build/tests/test_login; do
      INNOLAND_TEST_DB="$pg_url" "$t" || ok=1
    done
    return $ok
  }
  export -f pg_storage
  step "storage tests on PostgreSQL" pg_storage
else
  failed=$((failed + 1)); failures+=("PostgreSQL could not be started")
fi

step "end-to-end on SQLite" node_tests tests/e2e/*.test.mjs
if [ -n "$pg_url" ]; then
  pg_e2e() { INNOLAND_TEST_PG="$pg_url" node_tests tests/e2e/*.test.mjs; }
  export -f pg_e2e
  step "end-to-end on PostgreSQL" pg_e2e
fi
kill9() { INNOLAND_TEST_PG="$pg_url" scripts/kill9.sh 5; }
export -f kill9
step "kill -9 under writes, 5 trials a driver (scripts/kill9.sh)" kill9
step "browser (chromium, axe-core)" node_tests tests/browser/*.test.mjs
step "fuzz (brief)" make fuzz-brief
step "sanitizer build" make SAN=1 all unit
step "unit tests under ASan+UBSan" unit_tests build/san
san_e2e() { INNOLAND_BIN=build/san/innoland ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 node_tests tests/e2e/*.test.mjs; }
export -f san_e2e
step "end-to-end under ASan+UBSan" san_e2e

echo
echo "=== summary"
for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "steps: $passed passed, $failed failed"
[ $failed -eq 0 ]
