#!/usr/bin/env bash
# bench/kill9.sh: the long kill -9 run: 100 trials (or TRIALS) of SIGKILL
# under 4 concurrent API writers, on SQLite and on PostgreSQL (a database
# from scripts/pg.sh), each trial checking that every write answered 201 is
# there and that `innoland check` passes (scripts/kill9.mjs).  Goal: 0 lost.
# usage: bench/kill9.sh [TRIALS]
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-100}
[ -x build/innoland ] || make all
INNOLAND_TEST_PG=${INNOLAND_TEST_PG:-$(scripts/pg.sh innoland_test)} scripts/kill9.sh "$trials"
