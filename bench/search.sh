#!/usr/bin/env bash
# bench/search.sh: Korean knowledge search over 100,000 generated items (on
# top of the demo organisation), signed in, under wrk at 8 connections with
# a rotating set of queries (common and rare words, two-syllable words
# inside compounds, phrases, Korean with English), beside the
# libmicrohttpd hello-world ceiling in the same run.  Prints p50, p99 and
# requests/s.  Goal: p99 at most 10 ms at 8 connections.
#
# Every answer is checked (a 200 of the signed-in user's search page): one
# wrong answer prints FAILED.
#
# The items are generated in SQL (sqlite3, or psql) and indexed by
# `innoland rebuild`.  Each answer holds the real count ("N건", exact up to
# 10,000) and its results ranked across every match, each labelled with how
# it matched (the marker class="il-match").
#
# usage: bench/search.sh [SECONDS] [CONNECTIONS] [ITEMS]    (defaults 5, 8, 100000)
#        BENCH_PG=postgres://USER:PW@HOST/ANY bench/search.sh ...: on PostgreSQL,
#        in a new database beside that one, dropped at the end
set -euo pipefail
secs=${1:-5} conns=${2:-8} items=${3:-100000}
source "$(dirname "$0")/common.sh"
work=$(mktemp -d) ceiling_pid="" inno_pid="" pg_admin=""
trap 'kill $ceiling_pid $inno_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; [ -z "$pg_admin" ] || psql -X -q "$pg_admin" -c "DROP DATABASE IF EXISTS innoland_search_$$ WITH (FORCE)"' EXIT
if [ -n "${BENCH_PG:-}" ]; then # created and dropped from the maintenance database
  pg_admin=${BENCH_PG%/*}/postgres db=${BENCH_PG%/*}/innoland_search_$$
  psql -X -q "$pg_admin" -c "CREATE DATABASE innoland_search_$$"
  sq() { psql -X -qAt -v ON_ERROR_STOP=1 "$db"; }
else
  command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run make setup" >&2; exit 1; }
  db=$work/bench.db
  sq() { sqlite3 "$db"; }
fi

build/innoland serve --quiet --demo --db "$db" --listen 127.0.0.1:0 >/dev/null 2>&1 & inno_pid=$!
for _ in $(seq 300); do [ "$(echo 'SELECT COUNT(*) FROM knowledge_items;' | sq 2>/dev/null || echo 0)" -gt 0 ] && break; sleep 0.1; done
kill $inno_pid; wait $inno_pid 2>/dev/null || true
# the words titles, tags and bodies are made of (a[i % 20] || b[i / 20 % 20] ...)
a=(민원서류 지방세 재활용품 주민자치 관급공사 평생학습 기초생활 전자문서 주정차 예산편성 복지사각지대 정책품질 건축인허가 하천정화 노인돌봄 문화행사 기록물 세무조사 여권접수 성과관리)
b=(발급 체납관리 분리수거 프로그램 품질관리 강좌운영 보장조사 보존 단속 절차개선 발굴 평가 처리기간단축 점검 연계 운영요령 이관 안내 매뉴얼 지표)
c=("업무 매뉴얼" "개선 아이디어" "우수 사례" "학습 자료" "처리 요령" "실무 노하우" "KMS 활용" "Excel 서식")
list() { local sep="" w; for w in "$@"; do printf "%s'%s'" "$sep" "$w"; sep=,; done; }
if [ -n "$pg_admin" ]; then # arrays count from 1
  w="(SELECT ARRAY[$(list "${a[@]}")] a, ARRAY[$(list "${b[@]}")] b, ARRAY[$(list "${c[@]}")] c) w"
  at() { echo "$1[($2) + 1]"; }
  nl="chr(10)"
  two() { echo "lpad(($1)::text, 2, '0')"; }
  n="generate_series(1, $items) AS n(i)"
else
  w="(SELECT json_array($(list "${a[@]}")) a, json_array($(list "${b[@]}")) b, json_array($(list "${c[@]}")) c) w"
  at() { echo "json_extract($1, '\$[' || ($2) || ']')"; }
  nl="char(10)"
  two() { echo "printf('%02d', $1)"; }
  n="(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $items) SELECT i FROM n) n"
fi
t0=$(date +%s.%N)
sq <<SQL
BEGIN;
INSERT INTO knowledge_items (org_id, title, field_id, kind, department_id, author_name, tags, body, status, registered_on)
SELECT (SELECT MIN(id) FROM organisations),
       $(at a "i % 20") || $(at b "i / 20 % 20") || ' ' || $(at c "i % 8") || ' ' || i,
       f.id,
       CASE i % 5 WHEN 0 THEN 'work' WHEN 1 THEN 'idea' WHEN 2 THEN 'learning' WHEN 3 THEN 'case' ELSE 'manual' END,
       d.id,
       '벤치' || (i % 997), $(at a "i % 20") || ', 행정혁신',
       '## 개요' || $nl || $(at a "i / 7 % 20") || ' 업무의 ' || $(at b "i / 3 % 20") ||
       '에 관한 지식입니다. 처리 단계를 줄이고 민원인 만족도를 높인 방법을 정리했습니다. ' ||
       $(at c "i / 11 % 8") || '와 함께 쓰면 좋습니다. 번호 ' || i || '.',
       CASE WHEN i % 10 = 0 THEN 'registered' ELSE 'adopted' END,
       '2006-' || $(two "1 + i % 12") || '-' || $(two "1 + i % 28")
FROM $n, $w,
  (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM knowledge_fields) f,
  (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM departments WHERE kind = 'division') d
WHERE f.k = i % 9 AND d.k = i % 28;
COMMIT;
SQL
[ -z "$pg_admin" ] || echo 'ANALYZE knowledge_items;' | sq
build/innoland rebuild --db "$db" >/dev/null
t1=$(date +%s.%N)
count=$(echo 'SELECT COUNT(*) FROM knowledge_items;' | sq)

start_ceiling; port1=$ceiling_port
port2=$(free_port)
build/innoland serve --quiet --db "$db" --listen "127.0.0.1:$port2" --threads "$threads" >/dev/null 2>&1 & inno_pid=$!
wait_ready "$port2"
base="http://127.0.0.1:$port2"
sign_in "$db" "$base" "$work"

# the queries, URL-encoded: common, rare, inside compounds, phrases, mixed
queries=(체납 "민원 처리" 행정혁신 kms "분리수거 사례" 예산편성 사각지대 "Excel 서식" 운영요령 "번호 77777" 품질 "기초생활 보장조사")
paths=$work/paths.txt
for q in "${queries[@]}"; do
  printf '/knowledge-items/search?q=%s\n' "$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$q")"
done > "$paths"
for q in "${queries[@]}"; do
  page=$(curl -s -G -H "Cookie: $cookie" --data-urlencode "q=$q" "$base/knowledge-items/search")
  n=$(grep -o '검색 결과 [0-9,]*건\( 이상\)\?' <<<"$page" | sed 's/검색 결과 //' || echo '?')
  apart=$(grep -o '부분 일치 [0-9,]*건\( 이상\)\?은' <<<"$page" | sed 's/은$//' || true)
  first=$(grep -o 'class="il-match[^"]*">[^<]*' <<<"$page" | head -1 | sed 's/.*>//')
  printf '  %-22s %-14s first: %-8s %s\n' "$q" "$n" "$first" "${apart:+(set apart: $apart)}"
done > build/bench/search-hits.txt

wrk -t2 -c"$conns" -d1s "http://127.0.0.1:$port1/" >/dev/null 2>&1
wrk -t2 -c"$conns" -d1s -H "Cookie: $cookie" -s bench/check.lua "$base/" -- "@$paths" >/dev/null 2>&1
: > build/bench/search-c.rounds; : > build/bench/search-i.rounds
# the ceiling is asked the same rotating paths (it answers any path alike)
for _ in $(seq "$rounds"); do
  measure build/bench/search-c.rounds "$ceiling_pid" "http://127.0.0.1:$port1/" -H "Cookie: $cookie" -- "@$paths" 안녕하세요
  measure build/bench/search-i.rounds "$inno_pid" "$base/" -H "Cookie: $cookie" -- "@$paths" '벤치 님' 'id="search-title"' 'class="il-match'
done
awk -v n="$count" -v a="$t0" -v b="$t1" -v d="$([ -n "$pg_admin" ] && echo PostgreSQL || echo SQLite)" 'BEGIN { printf "%s: %d knowledge items, generated and indexed in %.1f s; hits per query:\n", d, n, b - a }'
cat build/bench/search-hits.txt
header 46
row 46 "ceiling: libmicrohttpd hello" build/bench/search-c.rounds
row 46 "innoland /knowledge-items/search (${#queries[@]} queries)" build/bench/search-i.rounds
bound build/bench/search-c.rounds
read -r _ _ i_p99 _ < <(figures build/bench/search-i.rounds)
i_rps=$(rps build/bench/search-i.rounds)
if [ -n "$i_rps" ]; then
  awk -v p="$i_p99" -v i="$i_rps" -v c="$(rps build/bench/search-c.rounds)" 'BEGIN {
    printf "p99 %.2f ms (goal: 10 ms or less) %s; %.1f%% of the ceiling'"'"'s requests/s\n", p, (p <= 10 ? "- met" : "- NOT met"), (c ? i / c * 100 : 0) }'
else
  echo "p99: FAILED (wrong answers above)"
fi
finish
