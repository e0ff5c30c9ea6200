#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs one end-to-end case: tests/cases/<scenario>/.

A case folder holds:
  args            the command line after `mtls-doctor`, one argument per line; `@CASE@` is the case
                  folder and `@SHARED@` the shared folder beside the repository (corpus, suites)
  expected_exit   the exit status (0, 1 or 2)
  expected.json   the JSON report (the runner adds `--format json` unless args name a format);
                  `version` is compared as "X.Y.Z" so releases do not touch every case
  expected_stderr optional: text that standard error must contain
The binary runs in the case folder with SOURCE_DATE_EPOCH fixed, so `generated_at` and every
check's clock are reproducible. JSON output is validated against docs/report.schema.json.
UPDATE_GOLDEN=1 rewrites expected.json and expected_exit for review.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys

FIXED_EPOCH = "1795000000"  # 2026-11-18T10:13:20Z


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

    expected_exit_file = case / "expected_exit"
    expected_json_file = case / "expected.json"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_exit_file.write_text(f"{proc.returncode}\n")
        # A case without expected.json (output that varies, such as timings) stays without one.
        if report is not None and expected_json_file.exists():
            expected_json_file.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print(f"updated {case.name}")
        return 0 if not failures else 1

    expected_exit = int(expected_exit_file.read_text().strip())
    if proc.returncode != expected_exit:
        failures.append(f"exit status {proc.returncode}, expected {expected_exit}; stderr: {stderr.strip()}")
    if (case / "expected_stderr").exists():
        want = (case / "expected_stderr").read_text().strip()
        if want not in stderr:
            failures.append(f"stderr lacks {want!r}; got {stderr.strip()!r}")
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
