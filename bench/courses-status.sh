#!/usr/bin/env bash
# bench/courses-status.sh: the innovation education's completion status
# (이수현황) of 2008 for the whole organisation and for one division, signed
# in, on 2,000 staff (the demo's 1,317 and 683 more), 30 courses of 2008 and
# 20,000 enrolments (three in four completed), under wrk beside its floor in
# the same run: the same statements InnoLand ran for the page, alone
# (bench/floor.c, see bench/list.sh).  Goal: 70% of the floor or more.
#
# Every answer is checked (a 200 of the signed-in user's page): one wrong
# answer prints FAILED.
#
# usage: bench/courses-status.sh [SECONDS] [CONNECTIONS]      (defaults 5, 64)
set -euo pipefail
secs=${1:-5} conns=${2:-64}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run make setup" >&2; exit 1; }
work=$(mktemp -d)
floor_pid= floor2_pid= ceiling_pid= inno_pid=
trap 'kill $ceiling_pid $inno_pid $floor_pid $floor2_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/bench.db

# the demo organisation, then the staff to 2,000, 30 courses and 20,000
# enrolments of 2008
demo_db "$db"
sqlite3 "$db" <<'SQL'
BEGIN;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 2000 - (SELECT COUNT(*) FROM staff))
INSERT INTO staff (org_id, employee_no, name, grade, department_id)
SELECT s.org_id, 'B' || printf('%07d', n.k), '벤치직원' || n.k,
       CASE n.k % 4 WHEN 0 THEN 'g6' WHEN 1 THEN 'g7' WHEN 2 THEN 'g8' ELSE 'g9' END, s.department_id
FROM n JOIN staff s ON s.id = 1 + (n.k * 7) % 1317;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 30)
INSERT INTO courses (org_id, title, kind, year, target_grades, hours)
SELECT (SELECT id FROM organisations ORDER BY id LIMIT 1), '벤치 과정 ' || k,
       CASE k % 8 WHEN 0 THEN 'special' WHEN 1 THEN 'exec5' WHEN 2 THEN 'newcomer' WHEN 3 THEN 'cyber_mini'
                  WHEN 4 THEN 'cyber_expert' WHEN 5 THEN 'external' WHEN 6 THEN 'poster' ELSE 'lecture' END,
       2008, CASE k % 3 WHEN 0 THEN NULL WHEN 1 THEN 'g6,g7,g8' ELSE 'g7,g8,g9' END, 2 + k % 6
FROM n;
INSERT INTO enrolments (org_id, course_id, staff_id, department_id, status, applied_on, completed_on, hours)
SELECT s.org_id, c.id, s.id, s.department_id, CASE WHEN (s.id + c.id) % 4 = 0 THEN 'confirmed' ELSE 'completed' END,
       '2008-03-02', CASE WHEN (s.id + c.id) % 4 = 0 THEN NULL ELSE '2008-06-30' END,
       CASE WHEN (s.id + c.id) % 4 = 0 THEN 0 ELSE c.hours END
FROM staff s JOIN courses c ON c.year = 2008 AND (s.id * 7 + c.id) % 3 = 0;
COMMIT;
SQL
staff=$(sqlite3 "$db" "SELECT COUNT(*) FROM staff WHERE active = 1 AND archived_at IS NULL")
courses=$(sqlite3 "$db" "SELECT COUNT(*) FROM courses WHERE year = 2008")
enrolments=$(sqlite3 "$db" "SELECT COUNT(*) FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE c.year = 2008")
division=$(sqlite3 "$db" "SELECT d.id FROM departments d WHERE d.path = '/' ORDER BY (SELECT COUNT(*) FROM staff s JOIN departments x ON x.id = s.department_id WHERE x.path LIKE '/' || d.id || '/%') DESC, d.id LIMIT 1")

start_ceiling
serve_db "$db" "$work" manager # the status is the desks' page
org_path="/courses/status?year=2008"
dept_path="/courses/status?year=2008&department=$division"
shown=$(curl -s -H "Cookie: $cookie" "$base$org_path" | grep -o 'id="st-staff">[0-9]*' | grep -o '[0-9]*$')
[ "$shown" = "$staff" ] || { echo "the completion status shows $shown staff, not $staff" >&2; exit 1; }
echo "loaded $staff staff, $courses courses and $enrolments enrolments of 2008"
org_and_unit coursest status division 'id="st-title"' "$org_path" "$dept_path"
floor_goal 70 division
finish
