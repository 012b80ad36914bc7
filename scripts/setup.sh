#!/usr/bin/env bash
# Installs what InnoLand needs on a fresh Debian 12 machine: Debian packages
# (only those missing) and the pinned npm packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(build-essential pkg-config clang clang-format libclang-rt-14-dev
      libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev zlib1g-dev
      libcmocka-dev libsodium-dev libzip-dev libexpat1-dev libxlsxwriter-dev libmd4c-dev libmd4c-html0-dev
      postgresql postgresql-client sqlite3 wrk chromium curl debootstrap
      dpkg-dev systemd) # these two: make deb (dpkg-shlibdeps) and its test (systemd-analyze)
# --list: the packages above, one a line (scripts/check-packages.sh reads them).
if [ "${1:-}" = --list ]; then printf '%s\n' "${pkgs[@]}"; exit 0; fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js may come from elsewhere than Debian (it does on our machines): only
# install Debian's when there is none at all.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  # Package scripts may start daemons (postgresql's does): they must not
  # inherit our output, or whoever reads it to its end (a CI log, $(...))
  # waits for them forever.  apt-get's output goes to a log, shown on failure.
  log=$(mktemp)
  if ! { $SUDO apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    </dev/null >"$log" 2>&1 3>&- 4>&-; then
    cat "$log" >&2; rm -f "$log"; echo "setup: apt-get failed" >&2; exit 1
  fi
  rm -f "$log"
fi

if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.stamp ]; then
  echo "setup: npm ci"
  (cd web && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.stamp)
fi
