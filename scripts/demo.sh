#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds mtls-doctor (Release), starts
# the embedded lab server reproducing the classic IIS failure (the certificate asked for only by
# renegotiation after the request: 500 0 64, then 403.7) and diagnoses it with a live probe, then
# decodes the log codes from the two field write-ups the product grew from.
# Usage: scripts/demo.sh [SCENARIO]   (mtls-doctor lab --list shows them)
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-late-renegotiation}
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
bin=build/release/src/cli/mtls-doctor

work=$(mktemp -d)
lab_pid=""
cleanup() {
  [[ -n $lab_pid ]] && kill "$lab_pid" 2>/dev/null && wait "$lab_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

show() {
  printf '\n\033[1m$ mtls-doctor %s\033[0m\n' "$*"
  "$bin" "$@" || true
}

# The lab on a free loopback port, its PKI in $work.
"$bin" lab --scenario "$scenario" --dir "$work/pki" >"$work/lab.out" 2>&1 &
lab_pid=$!
port=""
for _ in $(seq 50); do
  port=$(sed -n 's|^listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/lab.out")
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { cat "$work/lab.out" >&2; echo "the lab did not start" >&2; exit 2; }
cat "$work/lab.out"

show probe "https://127.0.0.1:$port/" --cert "$work/pki/client.pem" --key "$work/pki/client.key" --ca "$work/pki/server-ca.pem"
# What the IIS log says in the same situation, decoded; and the seed 001 case (403.7 with win32 5).
show explain "500 0 64"
show explain "403 7 5"
show explain 2148204809
