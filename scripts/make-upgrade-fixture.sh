#!/usr/bin/env bash
# make-upgrade-fixture.sh: the "previous release" database that
# tests/e2e/upgrade.test.mjs migrates.  The previous release is the commit
# before migration 0012 was added (5fedf2d: schema version 11, the
# balances keyed by words); its tree is taken with `git archive` (no
# worktree), built in a temporary folder, and its own `serve --demo` writes
# the demo organisation into a new SQLite database.  The old binary then
# reads back the figures the test compares after the new one migrated it:
# rows per table, a few balances and records field by field
# (tests/fixtures/v11-demo.json).  The database is kept gzip'd
# (tests/fixtures/v11-demo.db.gz); then the same on PostgreSQL
# (v11-demo.pg.sql.gz, a plain pg_dump, and v11-demo.pg.json).
# usage: scripts/make-upgrade-fixture.sh
set -euo pipefail
cd "$(dirname "$0")/.."
old=5fedf2d
work=$(mktemp -d) pid=
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
git archive "$old" | tar -x -C "$work"
ln -s "$PWD/web/node_modules" "$work/web/node_modules" # the assets it embeds (setup.sh)
make -C "$work" -j"$(nproc)" all >/dev/null
db=$work/v11.db
"$work/build/innoland" serve --demo --quiet --db "$db" --listen 127.0.0.1:0 >"$work/out" 2>&1 &
pid=$!
until grep -q serving "$work/out"; do sleep 0.2; kill -0 $pid; done
kill -TERM $pid; wait $pid || true
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE); VACUUM;' >/dev/null
node tests/fixtures/figures.mjs "$db" >tests/fixtures/v11-demo.json
gzip -9 -c "$db" >tests/fixtures/v11-demo.db.gz
ls -l tests/fixtures/v11-demo.db.gz

# The same on PostgreSQL: the old build's demo in a new database beside
# scripts/pg.sh's, dumped as plain SQL (psql loads it) without owners.
pg=$(scripts/pg.sh innoland_test)
name=innoland_v11_$$ url=${pg%/*}/innoland_v11_$$
psql -X -q "$pg" -c "CREATE DATABASE $name"
trap 'kill $pid 2>/dev/null || true; psql -X -q "$pg" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"; rm -rf "$work"' EXIT
"$work/build/innoland" serve --demo --quiet --db "$url" --listen 127.0.0.1:0 >"$work/out.pg" 2>&1 &
pid=$!
until grep -q serving "$work/out.pg"; do sleep 0.2; kill -0 $pid; done
kill -TERM $pid; wait $pid || true
node tests/fixtures/figures.mjs "$url" >tests/fixtures/v11-demo.pg.json
pg_dump --no-owner --no-privileges "$url" | gzip -9 >tests/fixtures/v11-demo.pg.sql.gz
ls -l tests/fixtures/v11-demo.pg.sql.gz
