#!/usr/bin/env bash
# Runs every fuzz target (build/fuzz/fuzz_*) for SECONDS each ($1, default
# 20) on its corpus in tests/fuzz/corpus/<name>/; new inputs go to a scratch
# corpus under build/, so the committed seeds stay small.  Inputs grow to
# 4 KiB, or to the largest seed of the target, so no seed arrives cut.
# Fails on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
for bin in build/fuzz/fuzz_*; do
  name=${bin##*/fuzz_}
  work=build/fuzz/corpus-$name
  mkdir -p "$work" "tests/fuzz/corpus/$name"
  max_len=$(find "tests/fuzz/corpus/$name" -type f -printf '%s\n' | sort -n | tail -1)
  max_len=$(( ${max_len:-0} > 4096 ? max_len : 4096 ))
  echo "fuzz: $name for ${secs}s, inputs up to $max_len bytes"
  "$bin" -max_total_time="$secs" -max_len="$max_len" -timeout=10 -print_final_stats=1 \
    -artifact_prefix=build/fuzz/crash-$name- "$work" "tests/fuzz/corpus/$name" \
    2> "build/fuzz/$name.log" || { tail -40 "build/fuzz/$name.log"; exit 1; }
  grep -E 'stat::number_of_executed_units|stat::peak_rss' "build/fuzz/$name.log" | sed "s/^/  $name /"
done
