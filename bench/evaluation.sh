#!/usr/bin/env bash
# bench/evaluation.sh: the department evaluation (행정혁신 우수부서 평가) of
# the demo's 28 divisions with 20 computed indicators (the eight measures in
# turn), over the demo plus 100,000 knowledge items and 1,000,000 mileage
# ledger entries of 2006 written straight into the SQLite file: the time to
# close the round (every indicator computed for every target, the version
# written; goal under 2 s), then the result page (the ranking of every
# target with its area points, signed in as an administrator; each
# target's values are its own page) and one division's drill-down (the
# knowledge items its figure counted) under wrk, each beside its floor in
# the same run: the same statements InnoLand ran for the page, alone
# (bench/floor.c, see bench/list.sh).  Goal: 70% of the floor or more.
#
# Every answer is checked (a 200 of the signed-in user's page with the
# page's heading): one wrong answer prints FAILED.
#
# usage: bench/evaluation.sh [SECONDS] [CONNECTIONS]      (defaults 5, 64)
set -euo pipefail
secs=${1:-5} conns=${2:-64}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run make setup" >&2; exit 1; }
work=$(mktemp -d)
floor_pid= floor2_pid= ceiling_pid= inno_pid=
trap 'kill $ceiling_pid $inno_pid $floor_pid $floor2_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/bench.db

# the demo organisation (its own evaluations loaded last), then the records
# and a round of 28 divisions × 20 indicators
demo_db "$db"
sqlite3 "$db" <<'SQL'
BEGIN;
CREATE TEMP TABLE people AS SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, org_id, department_id, name FROM staff WHERE active = 1;
WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 99999)
INSERT INTO knowledge_items (org_id, title, kind, department_id, author_name, body, status, registered_on)
SELECT p.org_id, '벤치 지식 ' || n.k, 'work', p.department_id, p.name, '벤치 본문',
       CASE WHEN n.k % 50 = 0 THEN 'excellent' ELSE 'registered' END,
       '2006-' || printf('%02d', 1 + n.k % 12) || '-' || printf('%02d', 1 + n.k % 28)
FROM n JOIN people p ON p.k = (n.k * 7) % (SELECT COUNT(*) FROM people);
WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 999999)
INSERT INTO mileage_entries (org_id, staff_id, department_id, points, earned_on, kind, reason)
SELECT p.org_id, p.id, p.department_id, 1 + n.k % 6,
       '2006-' || printf('%02d', 1 + n.k % 12) || '-' || printf('%02d', 1 + n.k % 28), 'manual', '벤치 부여'
FROM n JOIN people p ON p.k = (n.k * 13) % (SELECT COUNT(*) FROM people);
INSERT INTO evaluations (org_id, year, title, subject, period_from, period_to)
SELECT id, 2006, '벤치 평가', 'departments', '2006-01-01', '2006-12-31' FROM organisations ORDER BY id LIMIT 1;
INSERT INTO evaluation_areas (org_id, evaluation_id, name, weight, sort_order)
SELECT org_id, id, '혁신역량', 50, 1 FROM evaluations WHERE title = '벤치 평가';
INSERT INTO evaluation_areas (org_id, evaluation_id, name, weight, sort_order)
SELECT org_id, id, '혁신과제', 50, 2 FROM evaluations WHERE title = '벤치 평가';
WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 19),
     m(i, measure, norm) AS (VALUES (0, 'knowledge_per_head', 'ratio_best'), (1, 'knowledge_excellent', 'rank_bands'),
       (2, 'mileage_per_head', 'ratio_best'), (3, 'course_completion', 'target'), (4, 'club_meetings', 'ratio_best'),
       (5, 'progress_reports', 'ratio_best'), (6, 'task_progress', 'target'), (7, 'process_redesigns', 'rank_bands'))
INSERT INTO evaluation_indicators (org_id, evaluation_id, area_id, name, weight, method, measure, norm, target_value, sort_order)
SELECT a.org_id, a.evaluation_id, a.id, '벤치 지표 ' || (n.k + 1), 5, 'computed', m.measure, m.norm,
       CASE m.norm WHEN 'target' THEN 160 END, n.k
FROM n JOIN m ON m.i = n.k % 8 JOIN evaluation_areas a ON a.name = CASE WHEN n.k < 10 THEN '혁신역량' ELSE '혁신과제' END
JOIN evaluations v ON v.id = a.evaluation_id AND v.title = '벤치 평가';
INSERT INTO evaluation_targets (org_id, evaluation_id, department_id, sort_order)
SELECT d.org_id, v.id, d.id, ROW_NUMBER() OVER (ORDER BY d.path, d.sort_order, d.id)
FROM departments d JOIN evaluations v ON v.title = '벤치 평가' WHERE d.kind = 'division';
COMMIT;
ANALYZE;
SQL
round=$(sqlite3 "$db" "SELECT id FROM evaluations WHERE title = '벤치 평가'")
targets=$(sqlite3 "$db" "SELECT COUNT(*) FROM evaluation_targets WHERE evaluation_id = $round")
indicators=$(sqlite3 "$db" "SELECT COUNT(*) FROM evaluation_indicators WHERE evaluation_id = $round")
items=$(sqlite3 "$db" "SELECT COUNT(*) FROM knowledge_items")
entries=$(sqlite3 "$db" "SELECT COUNT(*) FROM mileage_entries")
echo "loaded $items knowledge items and $entries ledger entries; a round of $targets divisions × $indicators indicators"

start_ceiling
serve_db "$db" "$work" admin
token=$(writer_token "$db")
# closing: one request, in one transaction (the audit entry with it)
close=$(curl -s -o "$work/close.json" -w '%{http_code} %{time_total}' -X POST -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{}' "$base/api/v1/evaluations/$round/close")
read -r code took <<<"$close"
[ "$code" = 200 ] || { echo "closing answered $code: $(cat "$work/close.json")" >&2; exit 1; }
values=$(sqlite3 "$db" "SELECT COUNT(*) FROM evaluation_result_values WHERE evaluation_id = $round")
[ "$values" = $((targets * indicators)) ] || { echo "closing wrote $values values, not $((targets * indicators))" >&2; exit 1; }
awk -v t="$took" -v v="$values" 'BEGIN { printf "close: %.3f s for %d values (goal: under 2 s)%s\n", t, v, t < 2 ? " - met" : " - NOT met" }'

first=$(sqlite3 "$db" "SELECT target_id FROM evaluation_results WHERE evaluation_id = $round AND version = 1 ORDER BY rank LIMIT 1")
knowledge=$(sqlite3 "$db" "SELECT id FROM evaluation_indicators WHERE evaluation_id = $round AND measure = 'knowledge_per_head' ORDER BY sort_order LIMIT 1")
org_path="/evaluations/results?round=$round"
dept_path="/evaluations/records?round=$round&target=$first&indicator=$knowledge"
rows=$(curl -s -H "Cookie: $cookie" "$base$org_path" | grep -o '<tr><td>[0-9]*</td><td><a href="/evaluations/results' | wc -l)
[ "$rows" = "$targets" ] || { echo "the result page ranks $rows targets, not $targets" >&2; exit 1; }
details=$(curl -s -H "Cookie: $cookie" "$base/evaluations/print?round=$round" | grep -c '<h2 class="il-section-title" id="t[0-9]*">' || true)
[ "$details" = "$targets" ] || { echo "the printable table details $details targets, not $targets" >&2; exit 1; }
counted=$(sqlite3 "$db" "SELECT num FROM evaluation_result_values WHERE evaluation_id = $round AND version = 1 AND target_id = $first AND indicator_id = $knowledge")
listed=$(curl -s -H "Cookie: $cookie" "$base$dept_path" | grep -o '<a href="/knowledge-items/[0-9]*">' | wc -l)
shown=$(curl -s -H "Cookie: $cookie" "$base$dept_path" | grep -o '결과에 기록된 실적</dt><dd>[0-9]*' | grep -o '[0-9]*$')
[ "$listed" = 100 ] && [ "$shown" = "$counted" ] || { echo "the drill-down lists $listed items of $shown, the figure is $counted" >&2; exit 1; }
echo "the result page ranks $rows targets, the printable table details them; the first target's drill-down counts its $counted items, 100 a page"
org_and_unit evaluation "evaluation results" "division's drill-down" '벤치 평가 결과' "$org_path" "$dept_path"
floor_goal 70 division
finish
