#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the iis-corpus bundle: the layout scripts/collect.ps1 writes (docs/collect.md), filled
# with real IIS artefacts from ../shared/corpus (read in place, never committed: PROVENANCE.md)
# and machine-store certificates generated here with OpenSSL (no key is kept).
# Usage: make.sh OUT_DIR [ZIP_FILE]   (OUT_DIR must not exist; ZIP_FILE: also zip it, as the
# script's Compress-Archive does: the bundle's files at the root of the archive)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=${MTLS_CORPUS:-$here/../../../../shared/corpus}
out=${1:?usage: make.sh OUT_DIR [ZIP_FILE]}
zip=${2:-}
[[ -d $corpus/text ]] || { echo "make.sh: no corpus at $corpus" >&2; exit 77; }
[[ ! -e $out ]] || { echo "make.sh: $out exists" >&2; exit 2; }
mkdir -p "$out"/{config,netsh,registry,events,logs/W3SVC2,logs/HTTPERR,logs/FailedReqLogFiles/W3SVC2}
text=$corpus/text

# config\applicationHost.config: site 2 "mysite.tbd" has the https binding *:443:mysite.tbd.
cp "$text/applicationhost-config/dorik84-apphost-sites-https-hostheader-sslflags0-excerpt.config" \
   "$out/config/applicationHost.config"
# netsh\sslcert.txt: Out-File -Encoding unicode writes UTF-16LE with a byte-order mark.
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE \
    "$text/netsh-sslcert/dotnet-web-authnz-iis-ipport-dsmapper-enabled.txt"; } > "$out/netsh/sslcert.txt"
# registry\SCHANNEL.reg: reg export writes UTF-16LE with a byte-order mark; the corpus file is
# the same regedit 5.00 text in ASCII.
{ printf '\xff\xfe'; iconv -f ASCII -t UTF-16LE "$text/registry-exports/racetracks-windows_crypto-tls12.reg"; } \
  > "$out/registry/SCHANNEL.reg"
# Logs of site 2, HTTPERR, FREB.
cp "$text/iis-w3c-logs/webknowit-u_ex160110-iis85-repeated-headers-win32-64.log" \
   "$out/logs/W3SVC2/u_ex160110.log"
cp "$text/httperr-logs/logjoint-msft-ipv6-zone-multiheader.log" "$out/logs/HTTPERR/httperr1.log"
cp "$text/freb-xml/alulab-https-plesk-404-iiswebcore-excerpt.xml" \
   "$out/logs/FailedReqLogFiles/W3SVC2/fr000001.xml"
# events\*.evtx: wevtutil epl output; the corpus logs are whole System / CAPI2 logs.
xz -dc "$corpus/binary/evtx/dfirartifactmuseum_Win2012R2_StolenSzechuan_System.evtx.xz" > "$out/events/System.evtx"
xz -dc "$corpus/binary/evtx/omerbenamram-evtx_Microsoft-Windows-CAPI2_Operational.evtx.xz" \
   > "$out/events/CAPI2-Operational.evtx"

# stores\STORE\THUMBPRINT.cer, DER, as Export-Certificate -Type CERT writes them. A root, an
# issuing CA under it (in CA, ClientAuthIssuer and also, wrongly, in Root: KB2802568) and the
# server certificate in My. The keys live in a temporary folder and are deleted.
keys=$(mktemp -d)
trap 'rm -rf "$keys"' EXIT
export_cer() {  # export_cer STORE PEM
  local der thumb
  mkdir -p "$out/stores/$1"
  der=$(mktemp -p "$keys")
  openssl x509 -in "$2" -outform DER -out "$der"
  thumb=$(openssl x509 -in "$2" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
  mv "$der" "$out/stores/$1/$thumb.cer"
}
subj() { printf '/O=mtls-doctor iis-corpus fixture/CN=%s' "$1"; }
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "$(subj 'Fixture Root CA')" \
  -keyout "$keys/root.key" -out "$keys/root.pem" -addext basicConstraints=critical,CA:TRUE \
  -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "$(subj 'Fixture Issuing CA')" \
  -keyout "$keys/ca.key" -out "$keys/ca.csr" 2>/dev/null
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > "$keys/ca.ext"
openssl x509 -req -in "$keys/ca.csr" -CA "$keys/root.pem" -CAkey "$keys/root.key" -CAcreateserial \
  -days 1825 -extfile "$keys/ca.ext" -out "$keys/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "$(subj 'mysite.tbd')" \
  -keyout "$keys/server.key" -out "$keys/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:mysite.tbd\nextendedKeyUsage=serverAuth\n' > "$keys/server.ext"
openssl x509 -req -in "$keys/server.csr" -CA "$keys/ca.pem" -CAkey "$keys/ca.key" -CAcreateserial \
  -days 365 -extfile "$keys/server.ext" -out "$keys/server.pem" 2>/dev/null
export_cer Root "$keys/root.pem"
export_cer Root "$keys/ca.pem"
export_cer CA "$keys/ca.pem"
export_cer ClientAuthIssuer "$keys/ca.pem"
export_cer My "$keys/server.pem"

# collect-log.txt: what the script would report for this machine, as Out-File -Encoding utf8
# writes it (byte-order mark, CRLF).
{ printf '\xef\xbb\xbf'; sed 's/$/\r/'; } > "$out/collect-log.txt" <<'LOG'
mtls-doctor collect on IIS-CORPUS (tests/bundles/iis-corpus fixture), -LogMegabytes 50 -Days 7
collected  config\applicationHost.config  (IIS sites, bindings, sslFlags, mappings)
collected  netsh\sslcert.txt  (netsh http show sslcert)
collected  registry\SCHANNEL.reg  (HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL)
missing    registry\SslBindingInfo.reg  (fixture: the corpus holds no export of this key)
missing    registry\SslSniBindingInfo.reg  (fixture: the corpus holds no export of this key)
missing    registry\SslCcsBindingInfo.reg  (fixture: the corpus holds no export of this key)
collected  stores\Root  (2 certificates, DER, no private key)
collected  stores\CA  (1 certificates, DER, no private key)
collected  stores\ClientAuthIssuer  (1 certificates, DER, no private key)
collected  stores\My  (1 certificates, DER, no private key)
collected  logs\W3SVC2  (1 of 1 files, newest first, 50 MB at most)
collected  logs\FailedReqLogFiles\W3SVC2  (1 of 1 files, newest first, 50 MB at most)
collected  logs\HTTPERR  (1 of 1 files, newest first, 50 MB at most)
collected  events\System.evtx  (System, last 7 days)
collected  events\CAPI2-Operational.evtx  (Microsoft-Windows-CAPI2/Operational, last 7 days)
LOG

if [[ -n $zip ]]; then
  (cd "$out" && python3 -m zipfile -c "$(realpath -m "$zip")" ./*)
fi
