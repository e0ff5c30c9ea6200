#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds mtls-doctor (Release), and
# shows what it says about the codes from the two field write-ups the product grew from.
# Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
bin=build/release/src/cli/mtls-doctor

run() {
  printf '\n\033[1m$ mtls-doctor %s\033[0m\n' "$*"
  "$bin" "$@" || true
}

run --version
run --help
# 403.7 with win32 status 5 after a server certificate renewal (seed 001), and 500 0 64 before a
# 403.7 (seed 000): what the IIS log says, decoded.
run explain "403 7 5"
run explain "500 0 64"
run explain 2148204809
run explain alert 116
run explain httpsys.ctl-store-missing
