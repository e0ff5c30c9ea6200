#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""SARIF 2.1.0 output checked by Microsoft's validator, `sarif-multitool validate` (npm package
@microsoft/sarif-multitool, which ships the .NET tool as a native binary per platform).

Writes the SARIF of every end-to-end case that makes a report (tests/cases/*, run as
tests/e2e/run_case.py runs them, with --format sarif) and the golden tests/golden/report.sarif into
one folder, runs the validator once over all of them with its SARIF rules at levels error and
warning, and fails on any result but the ones docs/outputs.md lists as left on purpose. It also
checks what the validator cannot know: every result's ruleIndex names its rule, every file URI is
an absolute, percent-encoded file:// URI (RFC 8089, RFC 3986 §2.1).

Set-up: the validator is looked for in --tools (an npm prefix in the build tree) and installed
there with `npm install` when missing (scripts/install-deps.sh installs npm).
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import cases  # noqa: E402

PACKAGE = "@microsoft/sarif-multitool@5.7.0"
# Left on purpose (docs/outputs.md, "SARIF"): no public home page exists for informationUri.
ALLOWED = {"SARIF2005"}
# UrisShouldBeReachable fetches every URI of the log over HTTP: the tests have no network.
POLICY = """<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
"""
URI = re.compile(r"^file:///(?:[A-Za-z0-9\-._~/]|%[0-9A-F]{2})*$")


def validator(tools: pathlib.Path) -> pathlib.Path:
    native = tools / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
    if not native.exists():
        npm = shutil.which("npm")
        if not npm:
            sys.exit("npm is missing: scripts/install-deps.sh installs it")
        tools.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(tools), "--no-audit", "--no-fund", "--loglevel=error", PACKAGE],
                       check=True, timeout=600)
    # npm does not run the package's postinstall (chmod u+x) under every policy.
    native.chmod(native.stat().st_mode | 0o100)
    return native


def own_checks(name: str, doc: dict) -> list:
    failures = []
    for run in doc.get("runs", []):
        rules = run["tool"]["driver"].get("rules", [])
        artifacts = run.get("artifacts", [])
        for i, a in enumerate(artifacts):
            uri = a["location"]["uri"]
            if "parentIndex" not in a and not URI.match(uri):
                failures.append(f"{name}: artifacts[{i}] URI is not an absolute percent-encoded file URI: {uri}")
        for r, result in enumerate(run.get("results", [])):
            idx = result.get("ruleIndex")
            if idx is None or idx >= len(rules) or rules[idx]["id"] != result["ruleId"]:
                failures.append(f"{name}: results[{r}].ruleIndex {idx} does not name rule {result['ruleId']}")
            for loc in result.get("locations", []):
                phys = loc.get("physicalLocation")
                if phys is None:
                    if not loc.get("logicalLocations"):
                        failures.append(f"{name}: results[{r}] has a location with neither physical nor logical part")
                    continue
                art = phys["artifactLocation"]
                if "index" not in art:
                    if not URI.match(art["uri"]):
                        failures.append(f"{name}: results[{r}] URI is not an absolute percent-encoded file URI: {art['uri']}")
                elif artifacts[art["index"]]["location"]["uri"] != art["uri"]:
                    failures.append(f"{name}: results[{r}] artifactLocation differs from artifacts[{art['index']}]")
                if "startLine" not in phys.get("region", {}):
                    failures.append(f"{name}: results[{r}] physical location without a line")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--cases", required=True)
    parser.add_argument("--golden", required=True)
    parser.add_argument("--tools", required=True, help="npm prefix the validator is installed in")
    args = parser.parse_args()

    repo = pathlib.Path(args.cases).resolve().parent.parent
    shared = pathlib.Path(os.environ.get("MTLS_SHARED_DIR", repo.parent / "shared"))
    tool = validator(pathlib.Path(args.tools))
    failures = []
    with tempfile.TemporaryDirectory(prefix="mtls-sarif-") as tmp:
        out = pathlib.Path(tmp) / "logs"
        out.mkdir()
        shutil.copy(args.golden, out / "golden.sarif")
        count = 1
        for name, case, argv in cases.report_cases(pathlib.Path(args.cases), shared):
            proc = cases.run(args.binary, case, argv, "sarif")
            if not proc.stdout.strip():
                continue  # a case that ends in an error (exit 2) writes no report
            text = proc.stdout.decode("utf-8")
            (out / f"{name}.sarif").write_text(text)
            count += 1
        for path in sorted(out.iterdir()):
            try:
                failures += own_checks(path.name, json.loads(path.read_text()))
            except (json.JSONDecodeError, KeyError, IndexError, TypeError) as e:
                failures.append(f"{path.name}: not the SARIF expected: {e!r}")
        policy = pathlib.Path(tmp) / "policy.xml"
        policy.write_text(POLICY)
        result_file = pathlib.Path(tmp) / "validation.sarif"
        env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")
        proc = subprocess.run([str(tool), "validate", "--config", str(policy), "--level", "Error;Warning",
                               "--output", str(result_file), str(out / "*.sarif")],
                              capture_output=True, env=env, timeout=600)
        if proc.returncode != 0 or not result_file.exists():
            failures.append(f"validator exit {proc.returncode}: {proc.stdout.decode()[-3000:]} {proc.stderr.decode()[-2000:]}")
        else:
            validation = json.loads(result_file.read_text())
            for run in validation["runs"]:
                for r in run.get("results", []):
                    if r["ruleId"] in ALLOWED:
                        continue
                    where = r.get("locations", [{}])[0].get("physicalLocation", {})
                    file = where.get("artifactLocation", {}).get("uri", "?")
                    line = where.get("region", {}).get("startLine", "?")
                    msg = r.get("message", {})
                    failures.append(f"{pathlib.Path(file).name}:{line}: {r.get('level')} {r['ruleId']} "
                                    f"{msg.get('text') or msg.get('arguments')}")
                for inv in run.get("invocations", []):
                    for n in inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", []):
                        if n.get("level") == "error":
                            failures.append(f"validator: {n.get('message', {}).get('text')}")
            done = re.search(r"Done\. (\d+) files? scanned", proc.stdout.decode())
            if not done or int(done.group(1)) != count:
                failures.append(f"the validator did not scan the {count} files: {proc.stdout.decode()[-500:]}")
        for f in failures:
            print(f, file=sys.stderr)
        print(f"{count} SARIF logs validated by {tool.name}, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
