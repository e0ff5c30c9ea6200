#!/usr/bin/env bash
# Builds every libFuzzer target (fuzz/*.cmake) with clang and runs each for SECONDS (default 30)
# on its seed corpus fuzz/corpus/NAME, with its dictionary (fuzz/dict/, see options_for).
# Usage: scripts/fuzz.sh [SECONDS] [NAME...]
# Smoke run (each target over its seeds once, what `ctest --test-dir build/fuzz -L fuzz-smoke`
# does): scripts/fuzz.sh 0
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

# The dictionary and input size of each target.
options_for() {
  case $1 in
    fuzz_tls_handshake | fuzz_capture_reader | fuzz_capture_streams | fuzz_keylog_capture | fuzz_record_decrypt)
      echo "-dict=fuzz/dict/tls.dict -max_len=65536" ;;
    fuzz_logs_w3c | fuzz_logs_httperr) echo "-dict=fuzz/dict/w3c.dict -max_len=65536" ;;
    fuzz_iis_config | fuzz_logs_freb | fuzz_logs_event_xml) echo "-dict=fuzz/dict/xml.dict -max_len=65536" ;;
    fuzz_reg_export) echo "-dict=fuzz/dict/reg.dict -max_len=65536" ;;
    fuzz_logs_web) echo "-dict=fuzz/dict/web.dict -max_len=65536" ;;
    fuzz_bundle_zip) echo "-dict=fuzz/dict/zip.dict -max_len=65536" ;;
    fuzz_sniff) echo "-dict=fuzz/dict/sniff.dict -max_len=65536" ;;
    # an .evtx file header (4 KiB) and its first chunk (64 KiB)
    fuzz_logs_evtx) echo "-max_len=69632" ;;
    *) echo "-max_len=65536" ;;
  esac
}

for name in "${names[@]}"; do
  corpus=fuzz/corpus/$name
  work=build/fuzz/corpus/$name
  mkdir -p "$work"
  # The corpus .evtx files are not committed (../shared/corpus/SOURCES.md): their first chunk
  # seeds the work corpus when ../shared is there.
  if [[ $name == fuzz_logs_evtx && -d ../shared/corpus/binary/evtx ]]; then
    for xz in ../shared/corpus/binary/evtx/*.evtx.xz; do
      seed=$work/seed-$(basename "$xz" .evtx.xz)
      [[ -e $seed ]] || { xz -dc "$xz" | head -c 69632 > "$seed" || true; }
    done
  fi
  echo "== $name ($seconds s)"
  # shellcheck disable=SC2046
  if [[ $seconds -eq 0 ]]; then
    build/fuzz/fuzz/$name -runs=0 $(options_for "$name") "$corpus"
  else
    # niced: the machine is shared with builds (docs/ROBUSTNESS.md records rates under that load)
    nice -n 19 build/fuzz/fuzz/$name -max_total_time="$seconds" $(options_for "$name") -rss_limit_mb=1024 "$work" \
      $( [[ -d $corpus ]] && echo "$corpus")
  fi
done
