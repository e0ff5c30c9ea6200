#!/usr/bin/env bash
# Installs the Debian packages mtls-doctor needs to build, test and benchmark, and nothing else.
# Idempotent and silent when everything is present. Usage: scripts/install-deps.sh
set -euo pipefail

packages=(
  # build
  g++ cmake ninja-build pkg-config ccache
  # packaging: dpkg-shlibdeps for the .deb dependencies, groff and zsh to check the man page and
  # the completions
  dpkg-dev groff-base zsh
  libssl-dev openssl libfmt-dev libcli11-dev nlohmann-json3-dev libpugixml-dev
  libpcap-dev zlib1g-dev libregf-dev libbfio-dev libevtx-dev libnghttp2-dev libzip-dev
  # tests: GoogleTest, schema validation, real peers, captures, external suites
  libgtest-dev libgmock-dev python3 python3-jsonschema
  nginx apache2 tcpdump tshark curl python3-cryptography-vectors zip
  # more real servers for tests/integration/server_software_test.py (the Go server is built there)
  haproxy lighttpd lighttpd-mod-openssl lighttpd-mod-gnutls caddy stunnel4 golang-go
  # the HTML report in a real browser (tests/render/html_browser_test.py)
  chromium
  # fuzzing and benchmarks
  clang libclang-rt-14-dev libbenchmark-dev hyperfine goaccess mawk xz-utils
)
# npm installs Microsoft's SARIF validator for tests/formats (validate_sarif.py installs the package
# itself). A Node.js that brings its own npm (NodeSource's) conflicts with Debian's npm: keep it.
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# Package daemons (nginx, apache2, haproxy, lighttpd, caddy) must not start on install: tests run their own on free ports.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee $policy >/dev/null
  $sudo chmod +x $policy
  created_policy=1
fi
trap '[[ $created_policy -eq 1 ]] && $sudo rm -f $policy' EXIT
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
