#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The same refusing server gets the same verdict every time.

A server that refuses the client certificate under TLS 1.3 does so after the client has finished
its side of the handshake: the alert and the TCP reset race the HTTP request. Whatever wins the
race, `mtls-doctor probe` must name the same top finding, with exit 1, on every run. Each scenario
runs on its own `mtls-doctor lab` server (started once, stopped by PID), probed RUNS times; the
scenarios run concurrently. Loopback only; the PKI is made at test time by the lab and by openssl.
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from lab import running_lab  # noqa: E402

RUNS = 20


def other_ca_identity(directory):
    """A client certificate from a CA no lab server trusts or lists."""
    key = os.path.join(directory, "stranger.key")
    cert = os.path.join(directory, "stranger.pem")
    ca_key = os.path.join(directory, "stranger-ca.key")
    ca = os.path.join(directory, "stranger-ca.pem")
    ext = os.path.join(directory, "client.ext")
    with open(ext, "w") as f:
        f.write("extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2", "-subj", "/CN=Stranger CA"], **quiet)
    subprocess.run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key, "-out", cert + ".csr", "-subj", "/CN=stranger"], **quiet)
    subprocess.run(["openssl", "x509", "-req", "-in", cert + ".csr", "-CA", ca, "-CAkey", ca_key,
                    "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", cert], **quiet)
    return ["--cert", cert, "--key", key]


def probe(binary, port, args):
    # A generous --timeout: the verdict under test is the refusal, not a slow machine's timeout.
    out = subprocess.run([binary, "probe", f"https://127.0.0.1:{port}/", "--timeout", "15",
                          "--format", "json"] + args,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    try:
        report = json.loads(out.stdout)
    except json.JSONDecodeError:
        return out.returncode, f"unparsable output: {out.stdout[:200]!r} {out.stderr[:200]!r}", ""
    findings = report.get("findings", [])
    top = findings[0]["id"] if findings else "no finding"
    detail = findings[0].get("detail", "") if findings else ""
    return out.returncode, top, detail


def run_scenario(binary, name, scenario, identity, workdir, results):
    directory = os.path.join(workdir, name)
    os.makedirs(directory)
    with running_lab(binary, scenario, "--dir", directory) as port:
        args = identity(directory)
        seen = [probe(binary, port, args) for _ in range(RUNS)]
    results[name] = seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    options = parser.parse_args()
    if not shutil.which("openssl"):
        print("openssl is not installed (scripts/install-deps.sh)")
        return 77

    def lab_identity(d):
        return ["--cert", os.path.join(d, "client.pem"), "--key", os.path.join(d, "client.key"),
                "--ca", os.path.join(d, "server-ca.pem")]

    def none(d):
        return ["--ca", os.path.join(d, "server-ca.pem")]

    def stranger(d):
        return other_ca_identity(d) + ["--ca", os.path.join(d, "server-ca.pem")]

    # (name, lab scenario, identity, the finding that must lead every run)
    cases = [
        ("untrusted-client", "untrusted-client", lab_identity, "tls.client-cert-rejected"),
        ("healthy-other-ca", "healthy", stranger, "tls.client-cert-rejected"),
        # Without an identity the IIS-like lab answers its 403.7 page: the status is the finding.
        ("healthy-no-identity", "healthy", none, "http.client-cert-required"),
        ("ca-list-excludes-no-identity", "ca-list-excludes", none, "http.client-cert-required"),
    ]
    workdir = tempfile.mkdtemp(prefix="mtls-determinism-")
    results = {}
    try:
        threads = [threading.Thread(target=run_scenario, args=(options.binary, name, scenario, identity, workdir,
                                                                 results)) for name, scenario, identity, _ in cases]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    failed = False
    for name, _, _, expected in cases:
        seen = results.get(name)
        if seen is None:
            print(f"FAIL {name}: did not run")
            failed = True
            continue
        tops = {top for _, top, _ in seen}
        codes = {code for code, _, _ in seen}
        ok = tops == {expected} and codes == {1}
        failed = failed or not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {len(seen)} runs, top findings {sorted(tops)}, exit codes {sorted(codes)}")
        if not ok:
            for code, top, detail in seen:
                print(f"     exit {code}: {top}: {detail[:300]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
