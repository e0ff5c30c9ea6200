#!/usr/bin/env bash
# Sets up what is missing, builds mtls-doctor with -Werror under ASan+UBSan, and runs every test
# (unit, integration against real nginx / Apache / openssl s_server, end-to-end cases), ending
# with ctest's summary line. Usage: scripts/test.sh [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# ccache (when present) may reuse objects across clones: paths are taken relative to the repo, and
# precompiled headers are safe to cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci "$@"
