#!/usr/bin/env bash
# Makes a PostgreSQL server available for tests on a Debian 12 machine, as
# root (or through sudo): installs postgresql if missing, starts (or creates)
# a cluster, creates the role innoland and a fresh, empty database, and
# prints its URL on stdout; everything else goes to stderr.  Safe to run
# again: the role is kept (its password reset), the database recreated.
#
#   scripts/pg.sh [DBNAME]        DBNAME defaults to innoland_test
#   INNOLAND_TEST_DB=$(scripts/pg.sh) build/tests/test_db
#
# INNOLAND_PG_PASSWORD sets the role's password (default: innoland).  The
# server only listens on localhost; this is for tests, not production.
set -euo pipefail

db=${1:-innoland_test}
password=${INNOLAND_PG_PASSWORD:-innoland}
role=innoland

exec 3>&1 1>&2 # stdout is for the URL alone
say() { echo "pg.sh: $*"; }
die() { say "$*"; exit 1; }

[[ $db =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "database name '$db' must match [a-z_][a-z0-9_]*"
[[ $password =~ ^[A-Za-z0-9_.-]+$ ]] || die "INNOLAND_PG_PASSWORD: letters, digits, _.- only"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- "$@"; }

install_server() {
	local status
	status=$(dpkg-query -W -f='${Status}' postgresql 2>/dev/null || true)
	[ "$status" = "install ok installed" ] && return
	say "installing postgresql"
	# Its package scripts start the server: see the note at pg_ctlcluster.
	local log
	log=$(mktemp)
	if ! { as_root apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
			postgresql; } </dev/null >"$log" 2>&1 3>&-; then
		cat "$log"
		rm -f "$log"
		die "apt-get could not install postgresql"
	fi
	rm -f "$log"
}

# Prints "VERSION CLUSTER PORT STATUS" of the first cluster, creating one if none.
find_cluster() {
	local line
	line=$(pg_lsclusters --no-header 2>/dev/null | head -n 1)
	if [ -z "$line" ]; then
		local version
		version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' |
			sort -V | tail -n 1)
		say "creating cluster $version/main"
		as_root pg_createcluster "$version" main >/dev/null
		line=$(pg_lsclusters --no-header | head -n 1)
	fi
	awk '{print $1, $2, $3, $4}' <<<"$line"
}

wait_ready() {
	local port=$1
	for _ in $(seq 1 60); do
		pg_isready -q -h 127.0.0.1 -p "$port" && return
		sleep 0.5
	done
	die "the server on port $port did not start; see /var/log/postgresql/"
}

# Runs the SQL script on stdin as the superuser, stopping at the first error.
psql_admin() {
	as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null
}

install_server
info=$(find_cluster)
read -r version cluster port status <<<"$info"
if [[ $status != online* ]]; then
	say "starting cluster $version/$cluster on port $port"
	# The server outlives this script: it must not inherit our output, or
	# whoever reads it ($(scripts/pg.sh), a CI log) waits for it forever.
	as_root pg_ctlcluster "$version" "$cluster" start </dev/null >/dev/null 2>&1 3>&- ||
		die "pg_ctlcluster could not start $version/$cluster; see /var/log/postgresql/"
fi
wait_ready "$port"

# psql runs each statement on its own, as DROP/CREATE DATABASE require.
psql_admin <<SQL
SET client_min_messages = warning;
SELECT 'CREATE ROLE $role LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role')
\\gexec
ALTER ROLE $role LOGIN CREATEDB PASSWORD '$password';
-- The tests drop their databases WITH (FORCE).  An autovacuum worker busy in
-- one has no role of its own, and PostgreSQL 15 lets only a member of
-- pg_signal_backend end it: without this, a drop failed now and then.
GRANT pg_signal_backend TO $role;
DROP DATABASE IF EXISTS $db WITH (FORCE);
CREATE DATABASE $db OWNER $role ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
SQL
say "database $db ready on port $port"

echo "postgres://$role:$password@127.0.0.1:$port/$db" >&3
