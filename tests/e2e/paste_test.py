#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The paste test: every remedy command is exactly what a user types.

Runs end-to-end cases (tests/cases/<name>/args) and `explain` queries with --format json, and for
every command checks that it is one line, carries no product label ("IIS:", "nginx:") and no
trailing remark ("   (note ...)"), quotes netsh's appid for PowerShell, and matches its step in
`remedy.steps`. Then runs the same case as text and checks that each command is printed whole on
one line (the text report wraps prose, never commands).
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys

FIXED_EPOCH = "1795000000"
CASES = [
    "iis-binding-missing",
    "iis-kb2802568-non-self-signed-root",
    "iis-mapping-at-application-level",
    "iis-mapping-auth-disabled",
    "iis-negotiate-client-cert-disabled",
    "iis-renewed-certificate-lost-ctl-store",
    "iis-section-locked",
    "iis-ssl-cert-not-required",
    "iis-wcf-needs-anonymous",
    "logs-client-cert-rejected",
    "logs-mapping-and-ctl-denied",
    "logs-schannel-events",
    "logs-tls13-late-request",
    "pcap-empty-client-cert",
    "probe-unreachable",
]
EXPLAIN = ["SendTrustedIssuerList", "ClientAuthTrustMode", "clientcertnegotiation", "disabletls13", "sslFlags"]
LABEL = re.compile(r"^(IIS|nginx|Apache|Windows|Schannel|OpenSSL)(/\w+)*\s*:")


def run(binary: str, argv: list, cwd: pathlib.Path) -> str:
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH, NO_COLOR="1", COLUMNS="80")
    proc = subprocess.run([binary, *argv], cwd=cwd, env=env, capture_output=True, timeout=300)
    return proc.stdout.decode("utf-8", "replace")


def case_argv(case: pathlib.Path, shared: pathlib.Path) -> list:
    out = []
    for line in (case / "args").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.replace("@CASE@", str(case)).replace("@SHARED@", str(shared)))
    return out


def check_command(where: str, command: str, step: dict, failures: list) -> None:
    if "\n" in command or "\r" in command:
        failures.append(f"{where}: command spans lines: {command!r}")
    if LABEL.match(command):
        failures.append(f"{where}: command starts with a label: {command!r}")
    if re.search(r"\s{2,}\(", command) or command != command.strip():
        failures.append(f"{where}: command carries a remark or stray spaces: {command!r}")
    if step.get("command") != command:
        failures.append(f"{where}: remedy.steps differs from remedy.commands: {step!r} / {command!r}")
    if step.get("shell") not in ("cmd", "powershell", "bash", "config"):
        failures.append(f"{where}: unknown shell {step.get('shell')!r}")
    if step.get("shell") == "powershell" and re.search(r"appid=\{", command):
        failures.append(f"{where}: appid unquoted for PowerShell: {command!r}")


def check_text(where: str, text: str, commands: list, failures: list) -> None:
    lines = {line.strip() for line in text.splitlines()}
    for c in commands:
        if c not in lines:
            failures.append(f"{where}: text output does not print the command whole on one line: {c!r}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--cases", required=True)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    cases = pathlib.Path(args.cases)
    shared = pathlib.Path(os.environ.get("MTLS_SHARED_DIR", cases.resolve().parent.parent.parent / "shared"))
    failures = []
    seen = 0
    for name in CASES:
        case = cases / name
        if not (case / "args").exists():
            failures.append(f"{name}: no such case")
            continue
        argv = case_argv(case, shared)
        report = json.loads(run(binary, argv + ["--format", "json"], case))
        commands = []
        for i, f in enumerate(report.get("findings", [])):
            remedy = f["remedy"]
            if len(remedy["commands"]) != len(remedy.get("steps", [])):
                failures.append(f"{name} finding {i}: {len(remedy['commands'])} commands, steps differ")
                continue
            for c, step in zip(remedy["commands"], remedy["steps"]):
                check_command(f"{name} {f['id']}", c, step, failures)
                commands.append(c)
        seen += len(commands)
        check_text(name, run(binary, argv + ["--format", "text"], case), commands, failures)
    for query in EXPLAIN:
        doc = json.loads(run(binary, ["explain", query, "--format", "json"], cases))
        commands = []
        for part in doc["explanations"]:
            for c, step in zip(part.get("commands", []), part.get("steps", [])):
                check_command(f"explain {query}", c, step, failures)
                commands.append(c)
        if not commands:
            failures.append(f"explain {query}: no command")
        seen += len(commands)
        check_text(f"explain {query}", run(binary, ["explain", query], cases), commands, failures)
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{seen} commands checked, {len(failures)} problems")
    return 1 if failures or seen == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
