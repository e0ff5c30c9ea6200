#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Certificates and stores: same-run comparison with `openssl verify` (docs/PERFORMANCE.md).
#  1. audit of a 5,000-certificate root store: `mtls-doctor store` once, against a loop of
#     `openssl verify` over each certificate (is it self-signed, is it in date: the per-certificate
#     work an administrator would script).
#  2. chain verdicts for 1,000 client certificates: a loop of `mtls-doctor cert FILE --chain
#     --trust` against a loop of `openssl verify -untrusted -CAfile`.
# The PKI is generated at bench time under a temporary folder (EC P-256, python3-cryptography).
# Usage: bench/cert_store_bench.sh [path/to/mtls-doctor]
set -euo pipefail
binary=${1:-build/release/src/cli/mtls-doctor}
work=$(mktemp -d /tmp/mtls-cert-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import datetime, sys, pathlib
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID
out = pathlib.Path(sys.argv[1])
now = datetime.datetime(2026, 1, 1)
def name(cn): return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Bench Org"), x509.NameAttribute(NameOID.COMMON_NAME, cn)])
def cert(subject, issuer, key, signer, ca, eku=None):
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
         .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if eku: b = b.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    return b.sign(signer, hashes.SHA256())
pem = lambda c: c.public_bytes(serialization.Encoding.PEM)
# One key signs the 5,000 self-signed roots' structure cheaply: each root still has its own name
# and its own self-signature (a distinct key per root would only slow generation).
(out / "store").mkdir()
with open(out / "store.pem", "wb") as bundle:
    for i in range(5000):
        k = ec.generate_private_key(ec.SECP256R1())
        c = cert(name(f"Bench Root {i}"), name(f"Bench Root {i}"), k, k, True)
        bundle.write(pem(c))
        (out / "store" / f"{i}.pem").write_bytes(pem(c))
rk = ec.generate_private_key(ec.SECP256R1()); root = cert(name("Client Root"), name("Client Root"), rk, rk, True)
ik = ec.generate_private_key(ec.SECP256R1()); inter = cert(name("Client Issuing CA"), root.subject, ik, rk, True)
(out / "root.pem").write_bytes(pem(root)); (out / "int.pem").write_bytes(pem(inter))
(out / "clients").mkdir()
for i in range(1000):
    k = ec.generate_private_key(ec.SECP256R1())
    (out / "clients" / f"{i}.pem").write_bytes(pem(cert(name(f"client {i}"), inter.subject, k, ik, False, [ExtendedKeyUsageOID.CLIENT_AUTH])))
PY
export SOURCE_DATE_EPOCH=1780000000  # 2026-05-28, inside every validity period
at=@$SOURCE_DATE_EPOCH
elapsed() { local s=$(date +%s.%N); "$@"; local e=$(date +%s.%N); python3 -c "print(f'{$e-$s:.2f}')"; }

echo "== 5,000-certificate store audit"
t1=$(elapsed "$binary" store "$work/store.pem" --at "$at" --format json --output "$work/store.json" || true)
t2=$(elapsed bash -c "for f in '$work'/store/*.pem; do openssl verify -attime $SOURCE_DATE_EPOCH -CAfile \"\$f\" \"\$f\" >/dev/null; done")
python3 -c "import json;d=json.load(open('$work/store.json'));s=d['evidence']['stores'][0];print('mtls-doctor store: %d certificates, CA list %d names %d bytes, findings %s' % (len(s['certificates']), s['ca_names_count'], s['ca_names_bytes'], sorted({f['id'] for f in d['findings']})))"
echo "mtls-doctor store (one run):          ${t1} s"
echo "openssl verify loop (5,000 runs):     ${t2} s"

echo "== chain verdicts for 1,000 client certificates"
t3=$(elapsed bash -c "for f in '$work'/clients/*.pem; do '$binary' cert \"\$f\" --chain '$work/int.pem' --trust '$work/root.pem' --at $at --format json --output /dev/null; [ \$? -le 1 ] || exit 1; done")
t4=$(elapsed bash -c "for f in '$work'/clients/*.pem; do openssl verify -attime $SOURCE_DATE_EPOCH -untrusted '$work/int.pem' -CAfile '$work/root.pem' \"\$f\" >/dev/null || exit 1; done")
echo "mtls-doctor cert loop (1,000 runs):   ${t3} s"
echo "openssl verify loop (1,000 runs):     ${t4} s"
