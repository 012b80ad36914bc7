#!/usr/bin/env bash
# Runs every fuzz target (build/fuzz/fuzz_*) for SECONDS each ($1, default
# 20) on its corpus in tests/fuzz/corpus/<name>/; new inputs go to a scratch
# corpus under build/, so the committed seeds stay small.  Fails on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
for bin in build/fuzz/fuzz_*; do
  name=${bin##*/fuzz_}
  work=build/fuzz/corpus-$name
  mkdir -p "$work" "tests/fuzz/corpus/$name"
  echo "fuzz: $name for ${secs}s"
  "$bin" -max_total_time="$secs" -max_len=4096 -timeout=10 -print_final_stats=1 \
    -artifact_prefix=build/fuzz/crash-$name- "$work" "tests/fuzz/corpus/$name" \
    2> "build/fuzz/$name.log" || { tail -40 "build/fuzz/$name.log"; exit 1; }
  grep -E 'stat::number_of_executed_units|stat::peak_rss' "build/fuzz/$name.log" | sed "s/^/  $name /"
done
