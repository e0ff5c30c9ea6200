#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Same-run figures for the probe (docs/PERFORMANCE.md "Probe"):
#  1. one full diagnosis of a loopback nginx requiring a client certificate vs one `curl --cert`
#     request to the same server (hyperfine);
#  2. 200 targets with -j 32 vs 200 sequential `curl --cert` requests (hyperfine);
#  3. handshakes per second of (2) next to `openssl s_time -new` on the same server.
# Usage: bench/probe_bench.sh [path/to/mtls-doctor]   (default build/bench/src/cli/mtls-doctor)
set -euo pipefail
doctor=$(realpath "${1:-build/bench/src/cli/mtls-doctor}")
for tool in nginx curl hyperfine openssl python3; do
  command -v "$tool" >/dev/null || { echo "probe_bench: $tool is not installed" >&2; exit 2; }
done
work=$(mktemp -d)
nginx_pid=
cleanup() {
  if [[ -n $nginx_pid ]]; then kill -TERM "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

# Throw-away PKI (P-256): root -> intermediate -> server, client.
cat > ext.cnf <<'CNF'
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
[server]
subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth
[client]
extendedKeyUsage=clientAuth
keyUsage=critical,digitalSignature
CNF
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }
key root
openssl req -x509 -new -key root.key -out root.pem -subj "/CN=Bench Root" -days 2 -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
sign() { # name cn issuer section
  key "$1"
  openssl req -new -key "$1.key" -out "$1.csr" -subj "/CN=$2" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -out "$1.pem" -days 2 -extfile ext.cnf -extensions "$4" 2>/dev/null
}
sign inter "Bench Intermediate" root ca
sign server localhost inter server
sign client "Bench Client" inter client
cat server.pem inter.pem > server-chain.pem
cat inter.pem root.pem > client-ca.pem

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p tmp
cat > nginx.conf <<CONF
worker_processes 2;
error_log $work/error.log warn;
pid $work/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp/body; proxy_temp_path $work/tmp/proxy; fastcgi_temp_path $work/tmp/fcgi;
  uwsgi_temp_path $work/tmp/uwsgi; scgi_temp_path $work/tmp/scgi;
  server {
    listen 127.0.0.1:$port ssl;
    server_name localhost;
    ssl_certificate $work/server-chain.pem;
    ssl_certificate_key $work/server.key;
    ssl_client_certificate $work/client-ca.pem;
    ssl_verify_client on;
    location / { return 200 "ok\n"; }
  }
}
CONF
nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done

url="https://localhost:$port/"
identity=(--cert client.pem --key client.key --chain inter.pem --ca root.pem)
curl_cmd="curl -sS -o /dev/null --cacert root.pem --cert client.pem --key client.key --cert-type PEM $url"
"$doctor" probe "$url" "${identity[@]}" --format json > one.json || test $? -eq 1
echo "== one diagnosis vs one curl --cert"
hyperfine -N --warmup 3 --runs 40 --export-json one.bench.json \
  "$doctor probe $url ${identity[*]} --format json" "$curl_cmd"

for i in $(seq 200); do echo "https://localhost:$port/t$i"; done > targets.txt
printf '#!/usr/bin/env bash\nfor i in $(seq 200); do %s >/dev/null; done\n' "curl -sS -o /dev/null --cacert root.pem --cert client.pem --key client.key https://localhost:$port/t\$i" > curl200.sh
chmod +x curl200.sh
echo "== 200 targets -j 32 vs 200 sequential curl --cert"
hyperfine --warmup 1 --runs 5 --export-json many.bench.json \
  "$doctor probe --targets targets.txt -j 32 ${identity[*]} --format json" "./curl200.sh"

attempts=$("$doctor" probe --targets targets.txt -j 32 "${identity[@]}" --format json | python3 -c '
import json,sys; d=json.load(sys.stdin)
print(sum(1 for t in d["targets"] for a in t["evidence"]["probe"]["attempts"] if a["handshake_completed"] or (a["connected"] and not a["skipped"])))')
mean=$(python3 -c 'import json; print(json.load(open("many.bench.json"))["results"][0]["mean"])')
python3 -c "print(f'== mtls-doctor --targets -j 32: {$attempts} handshakes in {$mean:.3f} s = {$attempts/$mean:.0f} handshakes/s')"
echo "== openssl s_time -new (same server, 5 s, one connection at a time)"
openssl s_time -connect "127.0.0.1:$port" -new -time 5 -cert client.pem -key client.key -CAfile root.pem 2>/dev/null | grep -E 'connections in|connections/user' || true
