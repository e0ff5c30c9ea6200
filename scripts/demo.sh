#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds mtls-doctor (Release), starts
# the embedded lab server reproducing the classic IIS failure (the certificate asked for only by
# renegotiation after the request: 500 0 64, then 403.7) with the IIS log and configuration files
# such a server would have, and runs `mtls-doctor diagnose` on all of it at once: a live probe with
# the lab's client identity, and the bundle of the server's files. Prints the report and writes
# the HTML report beside it (mtls-doctor-report.html in the current folder); stops the lab.
# Usage: scripts/demo.sh [SCENARIO]   (mtls-doctor lab --list shows them)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
scenario=${1:-late-renegotiation}
"$repo/scripts/install-deps.sh"
(cd "$repo" && cmake --preset release >/dev/null && cmake --build --preset release >/dev/null)
bin="$repo/build/release/src/cli/mtls-doctor"

work=$(mktemp -d)
lab_pid=""
cleanup() {
  [[ -n $lab_pid ]] && kill "$lab_pid" 2>/dev/null && wait "$lab_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The lab on a free loopback port: its PKI, its W3C log and its IIS-shaped configuration in $work.
mkdir -p "$work/bundle"
"$bin" lab --scenario "$scenario" --dir "$work/pki" --log-dir "$work/bundle/logs" \
  --write-config "$work/bundle/config" >"$work/lab.out" 2>&1 &
lab_pid=$!
port=""
for _ in $(seq 100); do
  port=$(sed -n 's|^listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/lab.out")
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { cat "$work/lab.out" >&2; echo "the lab did not start" >&2; exit 2; }
cat "$work/lab.out"
url="https://127.0.0.1:$port/"
identity=(--cert "$work/pki/client.pem" --key "$work/pki/client.key" --ca "$work/pki/server-ca.pem")

# A user's visit first, so the server's log holds what users hit (the lab logs every request).
"$bin" probe "$url" "${identity[@]}" -q >/dev/null || true

printf '\n\033[1m$ mtls-doctor diagnose %s --cert client.pem --key client.key --bundle bundle/\033[0m\n' "$url"
"$bin" diagnose "$url" "${identity[@]}" --bundle "$work/bundle" --format html --output mtls-doctor-report.html || true
"$bin" diagnose "$url" "${identity[@]}" --bundle "$work/bundle" || true
printf '\nThe same report as a self-contained page: %s\n' "$PWD/mtls-doctor-report.html"
