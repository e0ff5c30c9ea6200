#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The install test (ctest label "install"): builds the Debian package of a configured and built
# tree with `cpack -G DEB`, checks its declared dependencies, unpacks it into an empty directory
# tree with `dpkg -x`, and from there runs `mtls-doctor --version` and one probe of a real
# `openssl s_server` on a free loopback port (PKI generated here, never committed). Then the same
# for `cmake --install --prefix`. Usage: packaging/test-install.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mtls-install.XXXXXX")
server_pid=""
cleanup() {
  local rc=$?  # the test's own status: the server's SIGTERM status must not replace it
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && { wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
fail() { echo "test-install: $*" >&2; exit 1; }
# A sanitized build tree (the ci preset) packages a sanitized binary: its leak report at exit is
# not what this test checks.
export ASAN_OPTIONS=detect_leaks=0

# --- the package ---
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(ls "$work"/pkg/*.deb 2>/dev/null | head -1)
[[ -n $deb ]] || fail "cpack wrote no .deb"
depends=$(dpkg-deb -f "$deb" Depends)
echo "package: $(basename "$deb"); Depends: $depends"
for lib in libc6 libssl3; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
dpkg -x "$deb" "$work/root"
for f in usr/bin/mtls-doctor usr/share/man/man1/mtls-doctor.1 \
         usr/share/bash-completion/completions/mtls-doctor usr/share/zsh/vendor-completions/_mtls-doctor; do
  [[ -e "$work/root/$f" ]] || fail "the package lacks /$f"
done
# The man page formats without a warning.
warnings=$(groff -man -ww -z "$work/root/usr/share/man/man1/mtls-doctor.1" 2>&1 || true)
[[ -z $warnings ]] || fail "groff warns about the man page: $warnings"

binary="$work/root/usr/bin/mtls-doctor"
version=$("$binary" --version)
[[ $version =~ ^mtls-doctor\ [0-9]+\.[0-9]+\.[0-9]+ ]] || fail "--version printed '$version'"
echo "unpacked binary: $version"

# --- a probe of a real server from the unpacked binary ---
pki="$work/pki"
mkdir -p "$pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=Install Test CA" \
  -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null
openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
  -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n') -out "$pki/server.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=install-test-client" \
  -keyout "$pki/client.key" -out "$pki/client.csr" 2>/dev/null
openssl x509 -req -in "$pki/client.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
  -extfile <(printf 'extendedKeyUsage=clientAuth\n') -out "$pki/client.pem" 2>/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$port" -cert "$pki/server.pem" -key "$pki/server.key" \
  -CAfile "$pki/ca.pem" -Verify 1 -www -quiet </dev/null >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || fail "openssl s_server did not start: $(cat "$work/server.log")"
  sleep 0.1
done

status=0
"$binary" probe "https://127.0.0.1:$port/" --cert "$pki/client.pem" --key "$pki/client.key" --ca "$pki/ca.pem" \
  --format json --output "$work/probe.json" || status=$?
[[ $status -le 1 ]] || fail "probe exited $status"
python3 - "$work/probe.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
assert report["tool"] == "mtls-doctor" and report["command"] == "probe", report
attempts = report["evidence"]["probe"]["attempts"]
assert attempts, "no probe attempt"
# The server asked for a certificate in the handshake, got the client's, and answered HTTP 200.
sent = [a for a in attempts if a.get("client_cert_sent")]
assert sent, "no attempt sent the client certificate: %s" % attempts
assert sent[0]["cert_request"] == "handshake", sent[0]
assert sent[0]["http_status"] == 200, sent[0]
print("probe from the unpacked binary: %d attempt(s), findings %s" % (
    len(attempts), [f["id"] for f in report["findings"]]))
PY

# --- cmake --install into a prefix ---
cmake --install "$build" --prefix "$work/prefix" >/dev/null
for f in bin/mtls-doctor share/man/man1/mtls-doctor.1 share/bash-completion/completions/mtls-doctor \
         share/zsh/vendor-completions/_mtls-doctor; do
  [[ -e "$work/prefix/$f" ]] || fail "cmake --install did not install $f"
done
[[ $("$work/prefix/bin/mtls-doctor" --version) == "$version" ]] || fail "installed --version differs"
echo "install test: the package and cmake --install both work"
