#!/usr/bin/env bash
# Builds every libFuzzer target (fuzz/*.cmake) with clang and runs each for SECONDS (default 30)
# on its seed corpus fuzz/corpus/NAME. Usage: scripts/fuzz.sh [SECONDS] [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  mapfile -t names < <(find build/fuzz/fuzz -maxdepth 1 -type f -executable -name 'fuzz_*' -printf '%f\n' | sort)
fi
for name in "${names[@]}"; do
  corpus=fuzz/corpus/$name
  work=build/fuzz/corpus/$name
  mkdir -p "$work"
  echo "== $name ($seconds s)"
  build/fuzz/fuzz/$name -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=1024 "$work" ${corpus:+$( [[ -d $corpus ]] && echo "$corpus")}
done
