#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Validates the JSON outputs that are not reports against their schemas in docs/ (docs/outputs.md):
explain, lab --list, probe --targets (a real lab server on a free loopback port, and a closed
port), and the error object of a command that exits 2. Usage:
validate_outputs.py --binary mtls-doctor --docs docs/"""
import argparse
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import tempfile

import jsonschema  # python3-jsonschema
from referencing import Registry, Resource


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--docs", required=True)
    args = parser.parse_args()
    docs = pathlib.Path(args.docs)
    schemas = {p.name: json.loads(p.read_text()) for p in docs.glob("*.schema.json")}
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values())
    env = dict(os.environ, NO_COLOR="1", ASAN_OPTIONS="detect_leaks=0")
    failures = []
    checked = 0

    def run(argv, expected_exit):
        proc = subprocess.run([args.binary, *argv], capture_output=True, env=env, timeout=120)
        expected = expected_exit if isinstance(expected_exit, tuple) else (expected_exit,)
        if proc.returncode not in expected:
            failures.append(f"{argv}: exit {proc.returncode}, expected {expected_exit}: "
                            f"{proc.stderr.decode(errors='replace').strip()}")
            return None
        try:
            return json.loads(proc.stdout)
        except json.JSONDecodeError as e:
            failures.append(f"{argv}: not JSON ({e}): {proc.stdout[:300]!r}")
            return None

    def validate(argv, schema, expected_exit=0):
        nonlocal checked
        doc = run(argv, expected_exit)
        if doc is None:
            return None
        validator = jsonschema.Draft202012Validator(schemas[schema], registry=registry)
        for err in sorted(validator.iter_errors(doc), key=str)[:5]:
            failures.append(f"{argv} against {schema}: "
                            f"{'/'.join(map(str, err.absolute_path))}: {err.message}")
        checked += 1
        return doc

    validate(["explain", "403.7", "--format", "json"], "explain.schema.json")
    triple = validate(["explain", "403", "7", "64", "--format", "json"], "explain.schema.json")
    if triple is not None and len(triple["explanations"]) != 2:
        failures.append(f"explain 403 7 64: {len(triple['explanations'])} explanations, expected 2")
    scenarios = validate(["lab", "--list", "--format", "json"], "lab-list.schema.json")

    with tempfile.TemporaryDirectory(prefix="mtls-schema-") as tmp:
        tmp = pathlib.Path(tmp)
        # Errors: usage, an unknown code, a malformed file (names file and line).
        validate(["explain", "403.7", "--bogus", "--format", "json"], "error.schema.json", 2)
        validate(["explain", "403.77", "--format", "json"], "error.schema.json", 2)
        config = tmp / "applicationHost.config"
        config.write_text("<configuration>\n  <system.webServer>\n    <security>\n")
        bad = validate(["iis", "--config", str(config), "--format", "json"], "error.schema.json", 2)
        if bad is not None and (bad["error"]["file"] != str(config) or not bad["error"]["line"]):
            failures.append(f"iis malformed config: error names no file and line: {bad}")
        validate(["probe", "--targets", str(tmp / "missing.txt"), "--format", "json"],
                 "error.schema.json", 2)

        # probe --targets: a real lab server (a report) and a closed port (a report of an
        # unreachable server, or an error entry: both are in the schema).
        if scenarios is not None:
            lab = subprocess.Popen(
                [args.binary, "lab", "--scenario", "late-renegotiation", "--dir", str(tmp / "lab")],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
            try:
                port = None
                for _ in range(50):  # the banner is a few lines; the port is on the last
                    line = lab.stdout.readline()
                    if not line:
                        break
                    m = re.search(r"listening on https://127\.0\.0\.1:(\d+)/", line)
                    if m:
                        port = int(m.group(1))
                        break
                if port is None:
                    failures.append(f"lab did not start: {lab.stderr.read() if lab.poll() is not None else ''}")
                else:
                    targets = tmp / "targets.txt"
                    targets.write_text(f"# two targets\nhttps://127.0.0.1:{port}/\nhttps://127.0.0.1:1/\n")
                    identity = ["--cert", str(tmp / "lab" / "client.pem"), "--key", str(tmp / "lab" / "client.key"),
                                "--ca", str(tmp / "lab" / "server-ca.pem")]
                    doc = validate(["probe", "--targets", str(targets), "--timeout", "5", *identity,
                                    "--format", "json"], "probe-targets.schema.json",
                                   expected_exit=(1, 2))
                    if doc is not None and len(doc["targets"]) != 2:
                        failures.append(f"probe --targets: {len(doc['targets'])} targets, expected 2")
            finally:
                lab.send_signal(signal.SIGTERM)
                try:
                    lab.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    lab.kill()
                    lab.wait()

    for f in failures:
        print(f, file=sys.stderr)
    print(f"{checked} outputs validated, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
