#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`diagnose` end to end on the lab: a live probe plus the lab's own IIS log and configuration
files, correlated into one root cause.

- late-renegotiation: the binding's Negotiate Client Certificate: Disabled (netsh output) is the one
  error; the probe's late CertificateRequest and the log's 500 0 64 / 403.7 are its evidence.
- expired-client with the expired identity: the client certificate's expiry is the root cause; the
  server's 403.17 (probe) and the log's 403.17 entries are folded into it.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from lab import running_lab  # noqa: E402

failures = []


def run(binary, args):
    env = dict(os.environ, NO_COLOR="1")
    p = subprocess.run([binary, *args], capture_output=True, timeout=120, env=env)
    out = p.stdout.decode("utf-8", "replace")
    return p.returncode, (json.loads(out) if out.strip().startswith("{") else None), p.stderr.decode()


def case(binary, scenario, cert, key, expect_top, folded):
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        with running_lab(binary, scenario, "--dir", work / "pki", "--log-dir", work / "bundle" / "logs",
                         "--write-config", work / "bundle" / "config") as port:
            url = f"https://127.0.0.1:{port}/"
            identity = ["--cert", str(work / "pki" / cert), "--key", str(work / "pki" / key),
                        "--ca", str(work / "pki" / "server-ca.pem"), "--timeout", "10"]
            run(binary, ["probe", url, *identity, "-q"])  # a user's visit: the lab logs it
            rc, report, err = run(binary, ["diagnose", url, *identity, "--bundle", str(work / "bundle"),
                                           "--format", "json"])
        if report is None:
            failures.append(f"{scenario}: no report (exit {rc}): {err.strip()}")
            return
        ids = [f["id"] for f in report["findings"]]
        if rc != 1:
            failures.append(f"{scenario}: exit {rc}, expected 1")
        if not ids or ids[0] != expect_top:
            failures.append(f"{scenario}: top finding {ids[:1]}, expected {expect_top}; all: {ids}")
            return
        top = report["findings"][0]
        sources = {e["source"] for e in top["evidence"]}
        for gone in folded:
            if gone in ids:
                failures.append(f"{scenario}: {gone} repeated as a finding of its own: {ids}")
        if not set(folded) & set(top.get("related", [])):
            failures.append(f"{scenario}: the top finding absorbed none of {folded}: {top.get('related')}")
        if len(sources) < 2:
            failures.append(f"{scenario}: the top finding rests on one source only: {sources}")
        read = [i for i in report["evidence"].get("inputs", []) if i["read"]]
        if not any(i["kind"] == "W3C log" for i in read):
            failures.append(f"{scenario}: the lab's W3C log was not read: {report['evidence'].get('inputs')}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    binary = os.path.abspath(ap.parse_args().binary)
    case(binary, "late-renegotiation", "client.pem", "client.key", "httpsys.negotiate-client-cert-disabled",
         ["tls.certificate-request-late", "log.late-negotiation-aborted", "log.client-cert-required"])
    case(binary, "expired-client", "client-expired.pem", "client-expired.key", "cert.expired",
         ["tls.client-cert-rejected", "http.client-cert-rejected", "log.client-cert-expired"])
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    print(f"{2 - len(set(f.split(':')[0] for f in failures))} passed, {len(set(f.split(':')[0] for f in failures))} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
