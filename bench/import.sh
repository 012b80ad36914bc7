#!/usr/bin/env bash
# bench/import.sh: generate 100,000 staff rows as an HR system's CSV, import
# them into a fresh SQLite database with `innoland import staff`, and print
# rows/s.  Goal: 100,000 rows in 3 s or less.
#
# usage: bench/import.sh [ROWS]      (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
make --no-print-directory all >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/bench.db
build/innoland migrate --db "$db" >/dev/null
printf '부서코드,부서명,구분\nD001,혁신기획담당관,division\n' > "$work/depts.csv"
sqlite3 "$db" "INSERT INTO organisations (code, name) VALUES ('3180000', '영등포구')"
build/innoland import departments "$work/depts.csv" --db "$db" >/dev/null
awk -v n="$rows" 'BEGIN {
  srand(7); split("김 이 박 최 정 강 조 윤 장 임", s, " "); split("민준 서연 도윤 지우 하준 서윤 지호 수아 예준 지민", g, " ");
  print "사번,성명,직급,부서,직위,전화"
  for (i = 1; i <= n; i++)
    printf "%08d,%s%s,%d급,혁신기획담당관,주무관,02-2670-%04d\n", 20000000 + i, s[int(rand() * 10) + 1], g[int(rand() * 10) + 1], 6 + int(rand() * 4), i % 10000
}' > "$work/staff.csv"
start=$(date +%s.%N)
build/innoland import staff "$work/staff.csv" --db "$db"
end=$(date +%s.%N)
awk -v n="$rows" -v s="$start" -v e="$end" 'BEGIN { t = e - s; printf "imported %d rows in %.2f s: %.0f rows/s (goal: 100,000 rows in 3 s or less) %s\n", n, t, n / t, (t <= 3 * n / 100000 ? "- met" : "- NOT met") }'
