#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Logs benchmark (docs/PERFORMANCE.md "Logs"): on one generated W3C log, in the same run, time
# and peak RSS of
#   LC_ALL=C grep -c ' 403 7 '      what an admin would type
#   mawk counting 403.7              field-aware one-liner
#   goaccess --log-format=W3C        a log analyser (counts status codes, not substatus)
#   mtls-doctor logs -j1 / -j2       full structured triage
# and check that grep, mawk and mtls-doctor count the same number of 403.7 entries.
# GoAccess runs once, stopped after GOACCESS_LIMIT seconds (default 600): on a 1 GiB log it is far
# slower than the others and would otherwise dominate the run.
# Usage: bench/logs_compare.sh [MTLS_DOCTOR] [SIZE_BYTES]   (the log is written to /tmp, not kept)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/release/src/cli/mtls-doctor}
size=${2:-1073741824}
dir=$(mktemp -d /tmp/mtls-logs-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
log=$dir/u_ex240301.log
python3 "$here/gen_w3c_log.py" "$log" "$size"
cat "$log" > /dev/null  # warm the page cache so every tool reads from memory
echo "input: $(stat -c %s "$log") bytes, $(nproc) CPUs"

measure() {  # name, then the command; prints "name wall_s peak_rss_kib output"
  local name=$1; shift
  : > "$dir/out"
  /usr/bin/time -f '%e %M' -o "$dir/time" "$@" > "$dir/out" 2> "$dir/err" || true
  local wall rss
  read -r wall rss < <(tail -n 1 "$dir/time")
  printf '%-28s %8s s %10s KiB  %s\n' "$name" "$wall" "$rss" "$(head -c 200 "$dir/out" | tr '\n' ' ')"
}

for round in 1 2; do
  echo "-- round $round"
  measure "grep -c ' 403 7 '" env LC_ALL=C grep -c ' 403 7 ' "$log"
  grep_count=$(cat "$dir/out")
  measure "mawk 403.7" mawk '$12 == "403" && $13 == "7" { n++ } END { print n + 0 }' "$log"
  mawk_count=$(cat "$dir/out")
  if [[ $round == 1 ]]; then
    measure "goaccess W3C (limit ${GOACCESS_LIMIT:-600} s)" timeout "${GOACCESS_LIMIT:-600}" \
      goaccess "$log" --log-format=W3C --no-global-config -o "$dir/goaccess.json"
    if [[ -s "$dir/goaccess.json" ]]; then
      echo "    goaccess 403 (all substatuses): $(jq '[.status_codes.data[]?.items[]? | select(.data | startswith("403")) | .hits.count] | add' "$dir/goaccess.json")"
    else
      echo "    goaccess did not finish within the limit (no report)"
    fi
  fi
  for j in 1 2; do
    measure "mtls-doctor logs -j$j" "$bin" logs "$log" -j "$j" --format json --output "$dir/report-j$j.json"
    count=$(jq '.evidence.logs.by_status["403.7"] // 0' "$dir/report-j$j.json")
    pairs=$(jq '.evidence.logs.late_negotiation.pairs' "$dir/report-j$j.json")
    echo "    403.7 count $count, late-negotiation pairs $pairs"
    if [[ "$count" != "$grep_count" || "$count" != "$mawk_count" ]]; then
      echo "COUNT MISMATCH: grep $grep_count mawk $mawk_count mtls-doctor -j$j $count" >&2
      exit 1
    fi
  done
  # Top client lists over ~10 000 distinct clients are approximate (Space-Saving) and depend on
  # the merge order; everything else must be identical.
  if cmp -s <(jq -S '.evidence.logs | del(.failures[].top_clients)' "$dir/report-j1.json") \
            <(jq -S '.evidence.logs | del(.failures[].top_clients)' "$dir/report-j2.json"); then
    echo "    -j1 and -j2 evidence identical (top_clients aside)"
  else
    echo "EVIDENCE DIFFERS between -j1 and -j2" >&2
    exit 1
  fi
done
echo "counts identical: grep $grep_count = mawk $mawk_count = mtls-doctor"
