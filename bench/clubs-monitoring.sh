#!/usr/bin/env bash
# bench/clubs-monitoring.sh: the learning clubs' monthly monitoring
# (학습활동 모니터링) of the whole organisation and of one division, signed
# in, with the demo's 41 clubs meeting for 12 months of 2008 (a meeting a
# club a month, one in five silent, three members in four attending) loaded
# on top of the demo organisation, under wrk beside its floor in the same
# run: the same statements InnoLand ran for the page, alone (bench/floor.c,
# see bench/list.sh).  Goal: 70% of the floor or more.
#
# Every answer is checked (a 200 of the signed-in user's page): one wrong
# answer prints FAILED.
#
# usage: bench/clubs-monitoring.sh [SECONDS] [CONNECTIONS]      (defaults 5, 64)
set -euo pipefail
secs=${1:-5} conns=${2:-64}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run make setup" >&2; exit 1; }
work=$(mktemp -d)
floor_pid= floor2_pid= ceiling_pid= inno_pid=
trap 'kill $ceiling_pid $inno_pid $floor_pid $floor2_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/bench.db

# the demo organisation, then 41 clubs × 12 months of 2008
"$inno" serve --quiet --demo --db "$db" --listen 127.0.0.1:0 >/dev/null 2>&1 & inno_pid=$!
for _ in $(seq 300); do [ "$(sqlite3 "$db" 'SELECT COUNT(*) FROM mileage_rules' 2>/dev/null || echo 0)" -gt 0 ] && break; sleep 0.1; done
kill $inno_pid; wait $inno_pid 2>/dev/null || true
sqlite3 "$db" <<'SQL'
BEGIN;
WITH RECURSIVE m(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM m WHERE k < 12)
INSERT INTO club_meetings (org_id, club_id, kind, held_on, topic, place)
SELECT c.org_id, c.id, 'meeting', '2008-' || printf('%02d', m.k) || '-' || printf('%02d', 1 + c.id % 28),
       c.name || ' ' || m.k || '월 모임', '구청 소회의실'
FROM clubs c, m WHERE (c.id + m.k) % 5 <> 0;
INSERT INTO record_links (org_id, entity, field, record_id, ref_id, position)
SELECT g.org_id, 'club-meetings', 'attendees', g.id, cm.staff_id, cm.id
FROM club_meetings g JOIN club_members cm ON cm.club_id = g.club_id AND cm.left_on IS NULL
WHERE g.held_on LIKE '2008-%' AND cm.id % 4 <> 0;
INSERT INTO club_outputs (org_id, club_id, meeting_id, kind, title, produced_on)
SELECT g.org_id, g.club_id, g.id, 'study', g.topic || ' 학습자료', g.held_on
FROM club_meetings g WHERE g.held_on LIKE '2008-%' AND g.id % 3 = 0;
COMMIT;
SQL
clubs=$(sqlite3 "$db" "SELECT COUNT(*) FROM clubs")
meetings=$(sqlite3 "$db" "SELECT COUNT(*) FROM club_meetings WHERE held_on LIKE '2008-%'")
division=$(sqlite3 "$db" "SELECT department_id FROM clubs WHERE kind = 'department' ORDER BY id LIMIT 1")

start_ceiling; port1=$ceiling_port
port2=$(free_port)
"$inno" serve --quiet --db "$db" --listen "127.0.0.1:$port2" --threads "$threads" >/dev/null 2>&1 & inno_pid=$!
wait_ready "$port2"
base="http://127.0.0.1:$port2"
sign_in "$db" "$base" "$work"
org_path="/clubs/monitoring?month=2008-06"
dept_path="/clubs/monitoring?month=2008-06&department=$division"
shown=$(curl -s -H "Cookie: $cookie" "$base$org_path" | grep -o 'il-stat-num">[0-9]*' | head -1 | grep -o '[0-9]*$')
[ "$shown" = "$clubs" ] || { echo "the monitoring page shows $shown clubs, not $clubs" >&2; exit 1; }
mkdir -p "$work/org" "$work/dept"
record_floor "$db" "$org_path" "$work/org"; org_statements=$floor_statements
record_floor "$db" "$dept_path" "$work/dept"; dept_statements=$floor_statements
start_floor "$db" "$work/org"; org_floor="http://127.0.0.1:$floor_port$org_path"; floor2_pid=$floor_pid
start_floor "$db" "$work/dept"; dept_floor="http://127.0.0.1:$floor_port$dept_path"
queries() { curl -s -o /dev/null -D - -H "Cookie: $cookie" "$base$1" | awk -F': ' 'tolower($1)=="x-db-queries" {print $2}' | tr -d '\r'; }

wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$port1/" >/dev/null 2>&1
wrk -t2 -c"$conns" -d1s -H "Cookie: $cookie" "$base$org_path" >/dev/null 2>&1
page=(-H "Cookie: $cookie" -- '벤치 님' 'id="mon-title"') # signed in, the page's own heading
for f in c o d of df; do : > "build/bench/clubmon-$f.rounds"; done
for _ in $(seq "$rounds"); do
  measure build/bench/clubmon-c.rounds "$ceiling_pid" "http://127.0.0.1:$port1/" -H "Cookie: $cookie" -- 안녕하세요
  measure build/bench/clubmon-o.rounds "$inno_pid" "$base$org_path" "${page[@]}"
  measure build/bench/clubmon-d.rounds "$inno_pid" "$base$dept_path" "${page[@]}"
  measure build/bench/clubmon-of.rounds "$floor2_pid" "$org_floor" -H "Cookie: $cookie" -- '벤치 님'
  measure build/bench/clubmon-df.rounds "$floor_pid" "$dept_floor" -H "Cookie: $cookie" -- '벤치 님'
done
echo "loaded $meetings meetings of 2008 for $clubs clubs"
header 46
row 46 "ceiling: libmicrohttpd hello" build/bench/clubmon-c.rounds
row 46 "monitoring, organisation ($(queries "$org_path") queries)" build/bench/clubmon-o.rounds
row 46 "monitoring, one division ($(queries "$dept_path") queries)" build/bench/clubmon-d.rounds
row 46 "floor: organisation's $org_statements statements alone" build/bench/clubmon-of.rounds
row 46 "floor: division's $dept_statements statements alone" build/bench/clubmon-df.rounds
bound build/bench/clubmon-c.rounds
o_rps=$(rps build/bench/clubmon-o.rounds) d_rps=$(rps build/bench/clubmon-d.rounds)
of_rps=$(rps build/bench/clubmon-of.rounds) df_rps=$(rps build/bench/clubmon-df.rounds)
ratio "ratio: organisation %.1f%% of its floor (goal: 70%% or more)" "$o_rps" "$of_rps" 70
ratio "ratio: division %.1f%% of its floor (goal: 70%% or more)" "$d_rps" "$df_rps" 70
finish
