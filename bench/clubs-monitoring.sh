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
demo_db "$db"
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

start_ceiling
serve_db "$db" "$work"
org_path="/clubs/monitoring?month=2008-06"
dept_path="/clubs/monitoring?month=2008-06&department=$division"
shown=$(curl -s -H "Cookie: $cookie" "$base$org_path" | grep -o 'il-stat-num">[0-9]*' | head -1 | grep -o '[0-9]*$')
[ "$shown" = "$clubs" ] || { echo "the monitoring page shows $shown clubs, not $clubs" >&2; exit 1; }
echo "loaded $meetings meetings of 2008 for $clubs clubs"
org_and_unit clubmon monitoring division 'id="mon-title"' "$org_path" "$dept_path"
floor_goal 70 division
finish
