#!/usr/bin/env bash
# The layers point one way (DESIGN.md, decision 11):
#
#   core ← db, tpl, sheet ← http ← auth ← crud ← mod ← app ← main
#
# Reads every #include "…" of DIR/**/*.c and *.h (DIR defaults to src) and
# fails (exit 1) naming each one that points upward or sideways:
#   - a file may include its own layer and the layers to its left;
#   - db, tpl and sheet stand side by side on core: none includes another;
#   - a module (mod/<name>) may include another module's public headers
#     (any of its headers but *_int.h): modules call each other through them;
#   - a header named *_int.h is private to its own folder;
#   - a file or header outside every layer is an error too (a new folder
#     must be given its place here first).
# Prints one summary line when every include is allowed.
#
#   scripts/check-layers.sh [DIR]
set -euo pipefail

if [ $# -eq 0 ]; then
	cd "$(dirname "$0")/.."
	dir=src
else
	dir=${1%/}
fi
[ -d "$dir" ] || { echo "check-layers: no folder '$dir'" >&2; exit 2; }

# Includes that still point upward, each until the named change removes it.
# One that no longer occurs is an error, so that its line goes too.
known=(
)

mapfile -t files < <(cd "$dir" && find . \( -name '*.c' -o -name '*.h' \) -type f | sed 's|^\./||' | sort)
[ ${#files[@]} -gt 0 ] || { echo "check-layers: no C files under '$dir'" >&2; exit 2; }

(cd "$dir" && awk -v dir="$dir" -v known="$(printf '%s\n' "${known[@]}")" '
	# The layer of a path relative to src ("mod/org/pages.c" → "mod/org"),
	# or "" when it lies in none.
	function layer(path,    p) {
		if (path == "main.c")
			return "main"
		split(path, p, "/")
		if (p[1] == "mod")
			return (p[2] != "" && p[3] != "") ? "mod/" p[2] : ""
		return (p[1] in rank && p[2] != "") ? p[1] : ""
	}
	function rank_of(l) {
		return l ~ /^mod\// ? rank["mod"] : rank[l]
	}
	# "" when file (in layer from) may include header (in layer to), else why not.
	function refusal(from, to, header,    base) {
		base = header
		sub(/.*\//, "", base)
		if (base ~ /_int\.h$/ && from != to)
			return "layer " from " may not include layer " to "'"'"'s internal header"
		if (from == to || rank_of(to) < rank_of(from))
			return ""
		if (from ~ /^mod\// && to ~ /^mod\//)
			return ""
		return "layer " from " may not include layer " to
	}
	BEGIN {
		rank["core"] = 0
		rank["db"] = 1; rank["tpl"] = 1; rank["sheet"] = 1
		rank["http"] = 2; rank["auth"] = 3; rank["crud"] = 4
		rank["mod"] = 5; rank["app"] = 6; rank["main"] = 7
		n = split(known, k, "\n")
		for (i = 1; i <= n; i++)
			if (k[i] != "")
				allowed[k[i]] = 0
		bad = 0
	}
	FNR == 1 {
		files++
		from = layer(FILENAME)
		if (from == "") {
			printf "%s/%s: lies in no layer (give its folder a place in scripts/check-layers.sh)\n", dir, FILENAME
			bad++
		}
	}
	/^[ \t]*#[ \t]*include[ \t]*"/ {
		header = $0
		sub(/^[^"]*"/, "", header)
		sub(/".*/, "", header)
		includes++
		if (from == "")
			next
		to = layer(header)
		if (to == "") {
			printf "%s/%s:%d: includes %s (a header of no layer)\n", dir, FILENAME, FNR, header
			bad++
			next
		}
		why = refusal(from, to, header)
		if (why == "")
			next
		if ((FILENAME " " header) in allowed) {
			allowed[FILENAME " " header]++
			next
		}
		printf "%s/%s:%d: includes %s (%s)\n", dir, FILENAME, FNR, header, why
		bad++
	}
	END {
		for (e in allowed)
			if (!allowed[e]) {
				split(e, part, " ")
				printf "%s/%s: no longer includes %s: remove it from the known list of scripts/check-layers.sh\n", dir, part[1], part[2]
				bad++
			}
		if (bad) {
			printf "check-layers: %d include(s) against the layers\n", bad > "/dev/stderr"
			exit 1
		}
		left = length(allowed)
		printf "check-layers: %d files, %d includes, all pointing one way (core ← db, tpl, sheet ← http ← auth ← crud ← mod ← app ← main)%s\n", files, includes, left ? sprintf("; %d known upward include(s) left", left) : ""
	}
' "${files[@]}")
