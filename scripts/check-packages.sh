#!/usr/bin/env bash
# Every pkg-config module the Makefile names, with the whole closure of what
# it requires (public and private), must come from a Debian package that
# scripts/setup.sh installs: listed there, or a hard dependency of one that
# is.  A module found on this machine only because someone installed its
# package by hand fails here, before a fresh machine fails to build.
set -euo pipefail
cd "$(dirname "$0")/.."
# what setup.sh installs: its list and, transitively, their hard dependencies
# (as dpkg has them for every installed package; an alternative "a | b"
# counts as both)
mapfile -t installed < <(
  { scripts/setup.sh --list | sed 's/^/ROOT /'
    dpkg-query -W -f='${Package} ${Depends},${Pre-Depends}\n'; } |
  awk '$1 == "ROOT" { want[$2] = 1; next }
       { pkg = $1; $1 = ""; gsub(/\([^)]*\)/, ""); gsub(/:any/, ""); gsub(/[|,]/, " ");
         deps[pkg] = $0 }
       END { n = 0; for (p in want) queue[n++] = p
             for (i = 0; i < n; i++) { p = queue[i]; print p
               split(deps[p], d, " ")
               for (k in d) if (d[k] != "" && !(d[k] in want)) { want[d[k]] = 1; queue[n++] = d[k] } } }')
declare -A installs=()
for p in "${installed[@]}"; do installs[$p]=1; done

declare -A seen=()
queue=($(make -s print-pkgs))
bad=0 n=0
while [ ${#queue[@]} -gt 0 ]; do
  m=${queue[0]}; queue=("${queue[@]:1}")
  [ -n "${seen[$m]:-}" ] && continue
  seen[$m]=1; n=$((n + 1))
  dir=$(pkg-config --variable=pcfiledir "$m" 2>/dev/null) || {
    echo "check-packages: pkg-config module '$m' is not on this machine" >&2; bad=1; continue; }
  pc=$(readlink -f "$dir/$m.pc")
  pkg=$(dpkg -S "$pc" 2>/dev/null | head -1 | cut -d: -f1) || pkg=""
  if [ -z "$pkg" ]; then
    echo "check-packages: $pc ($m) belongs to no Debian package" >&2; bad=1
  elif [ -z "${installs[$pkg]:-}" ]; then
    echo "check-packages: $m comes from $pkg, which scripts/setup.sh does not install" >&2; bad=1
  fi
  for r in $(pkg-config --print-requires --print-requires-private "$m" | awk '{print $1}'); do
    queue+=("$r")
  done
done
[ $bad -eq 0 ] && echo "check-packages: $n pkg-config modules, each from a package scripts/setup.sh installs"
exit $bad
