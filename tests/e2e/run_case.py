#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs one end-to-end case: tests/cases/<scenario>/.

A case folder holds:
  args            the command line after `mtls-doctor`, one argument per line; `@CASE@` is the case
                  folder and `@SHARED@` the shared folder beside the repository (corpus, suites)
  expected_exit   the exit status (0, 1 or 2)
  expect.json     what the case is about, asserted on the JSON report (the runner adds
                  `--format json` unless args name a format); every key is optional:
                    "findings":  the exact ordered list of finding ids
                    "top":       the id of the first finding (the most likely cause)
                    "absent":    finding ids that must not appear
                    "summary":   a subset of `summary` ({"errors": 1})
                    "checklist": step -> status for the steps given ({"C11": "failed"})
                    "evidence":  dotted path into `report.evidence` -> value
                                 ({"probe.attempts.0.cert_request": "renegotiation"})
                    "report":    dotted path into the whole report -> value
                    "contains":  finding id -> texts its title/detail/evidence/remedy must contain
  expected.json   optional, older style: the whole JSON report; `version` is compared as "X.Y.Z"
  expected_stderr optional: text that standard error must contain
The binary runs in the case folder with SOURCE_DATE_EPOCH fixed, so `generated_at` and every
check's clock are reproducible. JSON output is validated against docs/report.schema.json.
UPDATE_GOLDEN=1 rewrites expected_exit, expected.json, and the findings / summary / checklist of
expect.json, for review.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys

FIXED_EPOCH = "1795000000"  # 2026-11-18T10:13:20Z


MISSING = object()


def lookup(tree, dotted):
    """The value at a dotted path ("attempts.0.cert_request"), or MISSING."""
    node = tree
    for key in dotted.split("."):
        if isinstance(node, list):
            if not key.isdigit() or int(key) >= len(node):
                return MISSING
            node = node[int(key)]
        elif isinstance(node, dict):
            if key not in node:
                return MISSING
            node = node[key]
        else:
            return MISSING
    return node


def check_expectations(expect, report):
    """Failures of the report against expect.json (see the module doc)."""
    failures = []
    ids = [f["id"] for f in report.get("findings", [])]
    if "top" in expect and (not ids or ids[0] != expect["top"]):
        failures.append(f"top finding {ids[0] if ids else None}, expected {expect['top']}")
    if "findings" in expect and ids != expect["findings"]:
        failures.append(f"findings {ids}, expected {expect['findings']}")
    for gone in expect.get("absent", []):
        if gone in ids:
            failures.append(f"finding {gone} must not appear")
    for key, want in expect.get("summary", {}).items():
        got = report.get("summary", {}).get(key, MISSING)
        if got != want:
            failures.append(f"summary.{key} is {got!r}, expected {want!r}")
    steps = {e["step"]: e["status"] for e in report.get("checklist", [])}
    for step, want in expect.get("checklist", {}).items():
        if steps.get(step) != want:
            failures.append(f"checklist {step} is {steps.get(step)!r}, expected {want!r}")
    for root, table in (("evidence", expect.get("evidence", {})), ("", expect.get("report", {}))):
        for path, want in table.items():
            got = lookup(report, f"{root}.{path}" if root else path)
            if got is MISSING or got != want:
                shown = "missing" if got is MISSING else repr(got)
                failures.append(f"{root or 'report'}.{path} is {shown}, expected {want!r}")
    for fid, texts in expect.get("contains", {}).items():
        found = [f for f in report.get("findings", []) if f["id"] == fid]
        if not found:
            failures.append(f"finding {fid} expected to contain {texts!r} is absent")
            continue
        # The JSON (for ids and keys) and every string as the user reads it (quotes unescaped).
        strings = []
        def collect(v):
            if isinstance(v, str):
                strings.append(v)
            elif isinstance(v, dict):
                for x in v.values():
                    collect(x)
            elif isinstance(v, list):
                for x in v:
                    collect(x)
        collect(found)
        blob = json.dumps(found, ensure_ascii=False) + "\n" + "\n".join(strings)
        for t in texts:
            if t not in blob:
                failures.append(f"finding {fid} lacks {t!r}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--case", required=True)
    parser.add_argument("--schema", required=True)
    args = parser.parse_args()

    case = pathlib.Path(args.case)
    repo = pathlib.Path(args.schema).resolve().parent.parent
    shared = pathlib.Path(os.environ.get("MTLS_SHARED_DIR", repo.parent / "shared"))
    argv = []
    for line in (case / "args").read_text().splitlines():
        if line.strip() == "" or line.startswith("#"):
            continue
        argv.append(line.replace("@CASE@", str(case)).replace("@SHARED@", str(shared)))
    if "--format" not in argv:
        argv += ["--format", "json"]

    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH, NO_COLOR="1")
    proc = subprocess.run([os.path.abspath(args.binary), *argv], cwd=case, env=env, capture_output=True, timeout=300)
    stdout = proc.stdout.decode("utf-8", "replace")
    stderr = proc.stderr.decode("utf-8", "replace")
    failures = []

    report = None
    if stdout.strip():
        try:
            report = json.loads(stdout)
        except json.JSONDecodeError as e:
            failures.append(f"output is not JSON: {e}\n{stdout[:2000]}")
    if report is not None and "findings" in report:
        import jsonschema  # python3-jsonschema

        schema = json.loads(pathlib.Path(args.schema).read_text())
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(report), key=str)
        for err in errors[:5]:
            failures.append(f"schema: {'/'.join(map(str, err.absolute_path))}: {err.message}")
        report["version"] = "X.Y.Z"

    expect_file = case / "expect.json"
    expected_exit_file = case / "expected_exit"
    expected_json_file = case / "expected.json"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_exit_file.write_text(f"{proc.returncode}\n")
        # A case without expected.json (output that varies, such as timings) stays without one.
        if report is not None and expected_json_file.exists():
            expected_json_file.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        if report is not None and expect_file.exists():
            # Only the keys that restate the report's shape are refreshed; evidence, absent and
            # contains are the case's own claims and stay as written.
            expect = json.loads(expect_file.read_text())
            if "findings" in expect:
                expect["findings"] = [f["id"] for f in report.get("findings", [])]
            if "summary" in expect:
                expect["summary"] = {k: report["summary"][k] for k in expect["summary"] if k in report["summary"]}
            if "checklist" in expect:
                steps = {e["step"]: e["status"] for e in report.get("checklist", [])}
                expect["checklist"] = {k: steps[k] for k in expect["checklist"] if k in steps} | {
                    k: v for k, v in steps.items() if k not in expect["checklist"]}
            expect_file.write_text(json.dumps(expect, indent=2, ensure_ascii=False) + "\n")
        print(f"updated {case.name}")
        return 0 if not failures else 1

    expected_exit = int(expected_exit_file.read_text().strip())
    if proc.returncode != expected_exit:
        failures.append(f"exit status {proc.returncode}, expected {expected_exit}; stderr: {stderr.strip()}")
    if (case / "expected_stderr").exists():
        want = (case / "expected_stderr").read_text().strip()
        if want not in stderr:
            failures.append(f"stderr lacks {want!r}; got {stderr.strip()!r}")
    if expect_file.exists():
        if report is None:
            failures.append("expect.json given but the output is not a JSON report")
        else:
            failures += check_expectations(json.loads(expect_file.read_text()), report)
    if expected_json_file.exists():
        expected = json.loads(expected_json_file.read_text())
        if report != expected:
            import difflib

            diff = difflib.unified_diff(
                json.dumps(expected, indent=2, ensure_ascii=False).splitlines(),
                json.dumps(report, indent=2, ensure_ascii=False).splitlines(),
                "expected.json", "actual", lineterm="", n=2)
            failures.append("report differs (UPDATE_GOLDEN=1 rewrites it):\n" + "\n".join(list(diff)[:120]))

    for f in failures:
        print(f"{case.name}: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
