#!/usr/bin/env bash
# Proves that a fresh Debian 12 machine builds and runs InnoLand with only
# `scripts/setup.sh` and `make`: debootstraps a minbase bookworm root under
# /var/tmp (from the mirror this machine's apt uses), gives it this machine's
# CA certificates, apt settings and resolv.conf, clones the repository into
# it (HEAD, plus any uncommitted changes to tracked files), and in a chroot
# runs scripts/setup.sh, `make -j2`, and `build/innoland serve`, which must
# answer GET /healthz with 200 within 30 s.  Prints the time of each phase
# and one "fresh: N passed, M failed" line; logs stay in build/fresh/.
# Needs root (debootstrap, mount, chroot).  Takes 2-3 minutes with 2 cores and
# a near mirror, most of it apt-get installing setup.sh's packages.
# FRESH_MIRROR overrides the mirror; FRESH_PHASE_SECONDS (1800) bounds a phase.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
logs=$repo/build/fresh
phase_seconds=${FRESH_PHASE_SECONDS:-1800}
inner_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
root="" phase_pid="" passed=0 times=()

say() { echo "fresh: $*"; }

# --- cleanup: stop what runs in the root, unmount, and only then remove it
mounts_under() { # the mount points at or below $root, deepest first
  findmnt -rn -o TARGET | awk -v r="$root" '$0 == r || index($0, r "/") == 1' | sort -r
}
procs_in_root() { # the pids whose root directory is $root (ours: we chrooted them)
  local p l
  for p in /proc/[0-9]*; do
    l=$(readlink "$p/root" 2>/dev/null) || continue
    case $l in "$root" | "$root"/*) echo "${p#/proc/}" ;; esac
  done
}
cleanup() {
  local rc=$? t pids
  trap - EXIT INT TERM
  if [ -n "$phase_pid" ]; then # interrupted: the phase and its children (timeout passes it on)
    kill $(ps -o pid= --ppid "$phase_pid" 2>/dev/null) "$phase_pid" 2>/dev/null || true
    wait "$phase_pid" 2>/dev/null || true
  fi
  if [ -n "$root" ] && [ -d "$root" ]; then
    pids=$(procs_in_root)
    if [ -n "$pids" ]; then
      kill $pids 2>/dev/null || true; sleep 2
      pids=$(procs_in_root); [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true; sleep 1
    fi
    for _ in 1 2 3; do
      for t in $(mounts_under); do umount "$t" 2>/dev/null || umount -l "$t" || true; done
      [ -z "$(mounts_under)" ] && break
      sleep 1
    done
    if [ -n "$(mounts_under)" ] || mountpoint -q "$root/proc" || mountpoint -q "$root/sys" ||
      mountpoint -q "$root/dev"; then
      say "still mounted under $root (not removing it):"; mounts_under >&2
      passed=0; [ $rc -ne 0 ] || rc=1
    else
      # --one-file-system: never descends into anything mounted after the check
      rm -rf --one-file-system "$root"
    fi
  fi
  [ ${#times[@]} -eq 0 ] || say "times: ${times[*]}"
  if [ "$passed" = 1 ] && [ $rc -eq 0 ]; then
    say "1 passed, 0 failed"
  else
    say "0 passed, 1 failed"; [ $rc -ne 0 ] || rc=1
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# phase NAME LOG COMMAND...: runs a phase, its output to LOG; on failure
# shows the log's tail and stops.  In the background, so that a signal ends
# the wait at once (and the cleanup's output is not the phase's).
phase() {
  local name=$1 log=$2 start rc=0; shift 2
  say "$name ..."
  start=$(date +%s)
  "$@" </dev/null >"$log" 2>&1 &
  phase_pid=$!
  wait "$phase_pid" || rc=$?
  phase_pid=""
  times+=("$name=$(($(date +%s) - start))s")
  say "$name: $(($(date +%s) - start)) s"
  if [ $rc -ne 0 ]; then
    [ $rc -eq 124 ] && say "$name did not end within $phase_seconds s"
    say "$name failed (exit $rc); the end of $log:"
    tail -n 40 "$log" | sed 's/^/  | /'
    exit 1
  fi
}

# --- what is needed here
if [ "$(id -u)" -ne 0 ]; then
  say "needs root (debootstrap, mount, chroot): run it as root, e.g. sudo make test-fresh" >&2; exit 1
fi
if ! command -v debootstrap >/dev/null; then
  say "debootstrap is missing; running scripts/setup.sh (it installs it)"
  scripts/setup.sh
  command -v debootstrap >/dev/null || { say "debootstrap is still missing after scripts/setup.sh" >&2; exit 1; }
fi

# The mirror of this machine's apt for bookworm: deb822 (.sources) or
# one-line (.list) entries.
host_mirror() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -E 's/#.*//; s/\[[^]]*\]//' "$f" | awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN { RS = ""; FS = "\n" }
         { types = uris = suites = ""; enabled = "yes"
           for (i = 1; i <= NF; i++) {
             l = $i; if (l ~ /^#/) continue
             k = tolower(l); sub(/:.*/, "", k); v = l; sub(/^[^:]*:[ \t]*/, "", v)
             if (k == "types") types = v; else if (k == "uris") uris = v
             else if (k == "suites") suites = v; else if (k == "enabled") enabled = tolower(v) }
           if (enabled != "no" && (" " types " ") ~ / deb / && (" " suites " ") ~ / bookworm /) {
             split(uris, u, " "); print u[1]; exit } }' "$f"
  done
}
mirror=${FRESH_MIRROR:-$(host_mirror | sed -n 1p)}
if [ -z "$mirror" ]; then
  say "no bookworm entry in this machine's apt sources; set FRESH_MIRROR" >&2; exit 1
fi
# debootstrap fetches with wget, which reads http_proxy, not apt's settings
if [ -z "${http_proxy:-}" ]; then
  eval "$(apt-config shell apt_proxy Acquire::http::Proxy)"
  [ -z "${apt_proxy:-}" ] || export http_proxy=$apt_proxy
fi

head=$(git rev-parse HEAD)
mkdir -p "$logs"
rm -f "$logs"/*.log
root=$(mktemp -d /var/tmp/innoland-fresh.XXXXXX)
chmod 755 "$root"
say "root $root, mirror $mirror, commit $(git rev-parse --short HEAD)"

# --- 1. debootstrap
phase debootstrap "$logs/debootstrap.log" timeout -k 30 "$phase_seconds" debootstrap --variant=minbase bookworm "$root" "$mirror"

# --- the root as a new machine of this kind has it
# apt: this machine's sources (with the keyrings they name) and its Acquire
# settings (proxies, Check-Valid-Until...); not its hooks.
if [ -f /etc/apt/sources.list ]; then cp /etc/apt/sources.list "$root/etc/apt/sources.list"
else rm -f "$root/etc/apt/sources.list"; fi
for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && cp "$f" "$root/etc/apt/sources.list.d/"
done
for k in $(cat "$root"/etc/apt/sources.list "$root"/etc/apt/sources.list.d/* 2>/dev/null |
  grep -oiE '(signed-by:[[:space:]]*|signed-by=)/[^] ,]+' | sed -E 's/^[^/]*//' | sort -u); do
  [ -f "$k" ] && [ ! -e "$root$k" ] && install -D -m 644 "$k" "$root$k"
done
[ -f /etc/apt/apt.conf ] && cp /etc/apt/apt.conf "$root/etc/apt/"
for f in /etc/apt/apt.conf.d/*; do
  [ -f "$f" ] && grep -qE '^[[:space:]]*Acquire' "$f" && ! grep -qi 'invoke' "$f" &&
    cp "$f" "$root/etc/apt/apt.conf.d/"
done
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
grep -q localhost "$root/etc/hosts" 2>/dev/null || cp /etc/hosts "$root/etc/hosts"

# trust: the system's CA files, the CA files the environment names, npm's
# cafile and global npmrc, and the same variables inside.  TLS verification
# stays on: these are what lets it succeed behind this network's proxy.
inner_env=(PATH="$inner_path" HOME=/root LANG=C.UTF-8 TERM=dumb)
copy_file() { [ -f "$1" ] && install -D -m 644 "$1" "$root$1"; }
[ -d /etc/ssl/certs ] && mkdir -p "$root/etc/ssl" && cp -a /etc/ssl/certs "$root/etc/ssl/"
[ -d /usr/local/share/ca-certificates ] && mkdir -p "$root/usr/local/share" &&
  cp -a /usr/local/share/ca-certificates "$root/usr/local/share/"
for v in SSL_CERT_FILE NODE_EXTRA_CA_CERTS; do
  if [ -n "${!v:-}" ]; then copy_file "${!v}" || true; inner_env+=("$v=${!v}"); fi
done
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -z "${!v:-}" ] || inner_env+=("$v=${!v}")
done
if command -v npm >/dev/null; then
  copy_file "$(cd / && npm config get cafile)" || true
  # the root's npm (Debian's) has its own prefix, so it is told where the
  # global npmrc is rather than looking for it where its prefix says
  npmrc=$(cd / && npm config get globalconfig)
  if copy_file "$npmrc"; then inner_env+=("npm_config_globalconfig=$npmrc"); fi
fi

# the repository: a fresh clone of HEAD, with the uncommitted changes to
# tracked files (never the build tree or untracked files)
git clone -q --no-hardlinks "$repo" "$root/src/innoland"
git -C "$root/src/innoland" checkout -q --detach "$head"
changed=$(git diff --name-only HEAD)
if [ -n "$changed" ]; then
  git diff --binary HEAD | git -C "$root/src/innoland" apply
  say "with the uncommitted changes to: ${changed//$'\n'/ }"
fi

# no daemon starts from a package's scripts (postgresql's would)
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"; mount --make-rslave "$root/sys"
mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"

# in_root COMMAND: runs a bash command in the root's clone, as root, with a
# clean environment, for at most $phase_seconds
root_cmd=(chroot "$root" /usr/bin/env -i "${inner_env[@]}" /bin/bash -c 'cd /src/innoland && eval "$1"' in_root)
in_root() { timeout -k 30 "$phase_seconds" "${root_cmd[@]}" "$1"; }

# --- 2. setup.sh, 3. make
phase setup.sh "$logs/setup.log" in_root scripts/setup.sh
phase make "$logs/make.log" in_root 'make -j2'

# --- 4. the server answers /healthz
free_port() {
  local used p
  used=" $(for f in /proc/net/tcp /proc/net/tcp6; do
    [ -f "$f" ] && tail -n +2 "$f"; done | awk '{ print $2 }' | sed 's/.*://' |
    while read -r h; do echo $((16#$h)); done | sort -u | tr '\n' ' ') "
  while :; do
    p=$((20000 + RANDOM % 40000))
    case $used in *" $p "*) ;; *) echo $p; return ;; esac
  done
}
port=$(free_port)
healthz() {
  local code server_pid
  # a simple command, so that $! is timeout's pid (it passes the signal on)
  timeout -k 5 "$phase_seconds" "${root_cmd[@]}" \
    "exec build/innoland serve --db /tmp/fresh.db --listen 127.0.0.1:$port --quiet" \
    </dev/null >"$logs/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 60); do
    code=$(in_root "curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://127.0.0.1:$port/healthz" || true)
    echo "GET /healthz: ${code:-no answer}"
    [ "$code" = 200 ] && break
    kill -0 "$server_pid" 2>/dev/null || { echo "the server exited"; break; }
    sleep 0.5
  done
  kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true
  echo "--- serve.log"; cat "$logs/serve.log"
  [ "$code" = 200 ]
}
phase healthz "$logs/healthz.log" healthz

passed=1
