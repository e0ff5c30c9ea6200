#!/usr/bin/env bash
# Sets up what is missing, builds mtls-doctor with -Werror under ASan+UBSan, and runs every test
# (unit, integration against real nginx / Apache / openssl s_server, end-to-end cases), ending
# with ctest's summary line. Usage: scripts/test.sh [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci "$@"
