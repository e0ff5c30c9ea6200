#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Regenerates capture.pcap and keys.log (run as root: tcpdump on loopback). A TLS 1.3 server
# (openssl s_server) asks for a client certificate in the handshake naming "CN=Case Client CA";
# the client (openssl s_client) has none and writes its session secrets to keys.log. The PKI is
# made in a temporary folder and thrown away: nothing here is a private key.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'kill $dump 2>/dev/null || true; rm -rf "$tmp"' EXIT
port=${PORT:-48443}
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/ca.key" -out "$tmp/ca.pem" \
  -days 3650 -subj "/O=mtls-doctor test/CN=Case Client CA" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/server.key" -out "$tmp/server.pem" \
  -days 3650 -subj "/O=mtls-doctor test/CN=localhost" 2>/dev/null
tcpdump -i lo -U -n -s 0 -w "$tmp/capture.pcap" "tcp port $port" 2>/dev/null &
dump=$!
sleep 1
openssl s_server -accept "127.0.0.1:$port" -cert "$tmp/server.pem" -key "$tmp/server.key" -tls1_3 \
  -verify 1 -CAfile "$tmp/ca.pem" -naccept 1 -www -no_ticket >/dev/null 2>&1 &
srv=$!
sleep 1
printf 'GET / HTTP/1.0\r\n\r\n' | openssl s_client -connect "127.0.0.1:$port" -servername localhost -ign_eof \
  -keylogfile "$tmp/keys.log" >/dev/null 2>&1 || true
wait $srv || true
sleep 1
kill -INT $dump
wait $dump || true
cp "$tmp/capture.pcap" "$tmp/keys.log" "$here/"
