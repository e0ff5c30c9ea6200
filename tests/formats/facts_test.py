#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The cross-format facts test: every format says what the JSON report says.

For every end-to-end case that makes a report (tests/cases/*, run as tests/e2e/run_case.py runs
them), runs the binary once per format and checks that the facts of the JSON report appear in
text, Markdown and SARIF: the finding ids in order with their severities and checklist steps, the
summary counts, each checklist step's status, and every remedy command. HTML is read tolerantly
(its layout is free to change): after unescaping, every finding id and command must be in it.
"""
import argparse
import html
import json
import os
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import cases  # noqa: E402

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
# Text: " 1. ERROR [C11] title" (the title wrapped to the width, render/text.cpp), then the id on
# its own line: the first line after the heading that is one dotted id.
TEXT_FINDING = re.compile(
    r"^\s*(\d+)\. (ERROR|WARNING|INFO) (?:\[(C\d+)\] )?[^\n]*(?:\n[^\n]*)*?\n\s+([a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+)$", re.M)
TEXT_COUNTS = re.compile(r"^(\d+) errors?, (\d+) warnings?, (\d+) info ", re.M)
TEXT_STEP = re.compile(r"^  (C\d+)\s+(passed|failed|warned|not-checked)\s", re.M)
# Markdown: "#### 1. ERROR — title", then "`id` · checklist step C11" (render/markdown.cpp).
MD_FINDING = re.compile(r"^#### (\d+)\. (ERROR|WARNING|INFO) — .*\n\n`([^`]+)`(?: · checklist step (C\d+))?$", re.M)
MD_COUNTS = re.compile(r"^\*\*(\d+) errors?, (\d+) warnings?, (\d+) info\*\*", re.M)
MD_STEP = re.compile(r"^\| (C\d+) \| (passed|failed|warned|not-checked) \|", re.M)


def facts(report: dict) -> dict:
    return {
        "findings": [(f["id"], f["severity"], f.get("step")) for f in report["findings"]],
        "counts": (report["summary"]["errors"], report["summary"]["warnings"], report["summary"]["infos"]),
        "checklist": [(e["step"], e["status"]) for e in report["checklist"]],
        "commands": [c for f in report["findings"] for c in f.get("remedy", {}).get("commands", [])],
    }


def check_text(want: dict, out: str) -> list:
    failures = []
    got = [(m[4], m[2].lower(), m[3]) for m in TEXT_FINDING.finditer(out)]
    if got != want["findings"]:
        failures.append(f"findings {got}, JSON has {want['findings']}")
    counts = TEXT_COUNTS.search(out)
    if not counts or tuple(map(int, counts.groups())) != want["counts"]:
        failures.append(f"counts {counts and counts.groups()}, JSON has {want['counts']}")
    steps = TEXT_STEP.findall(out)
    if steps != want["checklist"]:
        failures.append(f"checklist {steps}, JSON has {want['checklist']}")
    lines = {line.strip() for line in out.splitlines()}
    failures += [f"command not on a line of its own: {c!r}" for c in want["commands"] if c not in lines]
    return failures


def check_markdown(want: dict, out: str) -> list:
    failures = []
    got = [(m[3], m[2].lower(), m[4]) for m in MD_FINDING.finditer(out)]
    if got != want["findings"]:
        failures.append(f"findings {got}, JSON has {want['findings']}")
    counts = MD_COUNTS.search(out)
    if not counts or tuple(map(int, counts.groups())) != want["counts"]:
        failures.append(f"counts {counts and counts.groups()}, JSON has {want['counts']}")
    steps = MD_STEP.findall(out)
    if steps != want["checklist"]:
        failures.append(f"checklist {steps}, JSON has {want['checklist']}")
    # Each command is the whole line of a fenced block (render/markdown.cpp), exactly as typed.
    lines = set(out.splitlines())
    failures += [f"command not in a code block: {c!r}" for c in want["commands"] if c not in lines]
    return failures


def check_sarif(want: dict, out: str) -> list:
    failures = []
    run = json.loads(out)["runs"][0]
    results = run.get("results", [])
    rules = run["tool"]["driver"].get("rules", [])
    got = [(r["ruleId"], r["level"], r.get("properties", {}).get("checklist_step")) for r in results]
    expected = [(i, SARIF_LEVEL[s], step) for i, s, step in want["findings"]]
    if got != expected:
        failures.append(f"results {got}, JSON has {expected}")
    for r in results:
        rule = rules[r["ruleIndex"]]
        if rule["id"] != r["ruleId"]:
            failures.append(f"{r['ruleId']}: ruleIndex names {rule['id']}")
    summary = run.get("properties", {}).get("summary", {})
    counts = (summary.get("errors"), summary.get("warnings"), summary.get("infos"))
    if counts != want["counts"]:
        failures.append(f"counts {counts}, JSON has {want['counts']}")
    by_level = tuple(sum(1 for r in results if r["level"] == lv) for lv in ("error", "warning", "note"))
    if by_level != want["counts"]:
        failures.append(f"results by level {by_level}, JSON counts {want['counts']}")
    steps = [(e["step"], e["status"]) for e in run.get("properties", {}).get("checklist", [])]
    if steps != want["checklist"]:
        failures.append(f"checklist {steps}, JSON has {want['checklist']}")
    commands = [c for r in results for c in r.get("properties", {}).get("remedy_commands", [])]
    if commands != want["commands"]:
        failures.append(f"remedy commands {commands}, JSON has {want['commands']}")
    exit_code = run["invocations"][0]["exitCode"]
    if exit_code != want["exit"]:
        failures.append(f"invocation exitCode {exit_code}, the run exited {want['exit']}")
    return failures


def check_html(want: dict, out: str) -> list:
    # Tolerant of any markup and escaping: the page's text, unescaped, holds every id and command.
    page = html.unescape(re.sub(r"<[^>]*>", " ", out)) + html.unescape(out)
    failures = [f"finding id {i} absent" for i, _, _ in want["findings"] if i not in page]
    failures += [f"command absent: {c!r}" for c in want["commands"] if c not in page]
    return failures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--cases", required=True)
    args = parser.parse_args()
    repo = pathlib.Path(args.cases).resolve().parent.parent
    shared = pathlib.Path(os.environ.get("MTLS_SHARED_DIR", repo.parent / "shared"))
    checks = {"text": check_text, "markdown": check_markdown, "sarif": check_sarif, "html": check_html}
    failures = []
    compared = 0
    for name, case, argv in cases.report_cases(pathlib.Path(args.cases), shared):
        proc = cases.run(args.binary, case, argv, "json")
        if not proc.stdout.strip():
            continue  # a case that ends in an error (exit 2) writes no report
        report = json.loads(proc.stdout)
        if "findings" not in report:
            continue  # the JSON error object of a case that exits 2 (docs/error.schema.json)
        want = facts(report) | {"exit": proc.returncode}
        for fmt, check in checks.items():
            other = cases.run(args.binary, case, argv, fmt)
            if other.returncode != proc.returncode:
                failures.append(f"{name} {fmt}: exit {other.returncode}, JSON run exited {proc.returncode}")
            try:
                problems = check(want, other.stdout.decode("utf-8"))
            except (KeyError, IndexError, TypeError, ValueError) as e:
                problems = [f"unreadable: {e!r}"]
            failures += [f"{name} {fmt}: {p}" for p in problems]
        compared += 1
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{compared} cases compared across json, text, markdown, sarif and html: {len(failures)} differences")
    if compared == 0:
        print("no case was compared", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
