#!/usr/bin/env bash
# kill9.sh: TRIALS (default 5) kills of the server with SIGKILL under
# concurrent API writes, then restarts: every write answered 201 must be
# there and `innoland check` must pass (scripts/kill9.mjs).  SQLite, and
# PostgreSQL too when INNOLAND_TEST_PG is set.  make test runs 5 trials,
# bench/kill9.sh 100.   usage: scripts/kill9.sh [TRIALS]
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-5}
INNOLAND_TEST_PG= node scripts/kill9.mjs "$trials"
if [ -n "${INNOLAND_TEST_PG:-}" ]; then node scripts/kill9.mjs "$trials"; fi
