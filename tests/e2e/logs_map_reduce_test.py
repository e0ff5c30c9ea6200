#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`logs --partial` (map) and `logs --merge` (reduce) as separate processes, as a farm runs them.

- a W3C log rotated in two files (each with its directives, as IIS writes a new file): the merge of
  the two partials is the report `logs a b` gives, whole (every finding, count and example), and
  the merge of the lines in either order of the map runs is the same when the lines come sorted,
  as Hadoop Streaming sorts map output;
- the same log cut in two at a line boundary (what a block split gives; the second half has no
  #Fields): counts and finding ids are those of `logs` on the whole file;
- a line that is not a partial is refused with file:line, exit 2.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(binary, *args, stdin=None):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795000000", NO_COLOR="1")
    p = subprocess.run([binary, *args], env=env, capture_output=True, timeout=120, input=stdin)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def report(binary, *args, stdin=None):
    code, out, err = run(binary, *args, "--format", "json", stdin=stdin)
    check(code in (0, 1), f"{' '.join(args)}: exit {code}: {err}")
    r = json.loads(out)
    r.pop("inputs", None)  # the paths given: log files in one run, partial files in the other
    return code, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--log", required=True)
    a = ap.parse_args()
    lines = pathlib.Path(a.log).read_text().splitlines(keepends=True)
    header = [l for l in lines if l.startswith("#")]
    body = [l for l in lines if not l.startswith("#")]
    half = len(body) // 2
    with tempfile.TemporaryDirectory() as tmp:
        t = pathlib.Path(tmp)
        (t / "u_ex240301a.log").write_text("".join(header + body[:half]))
        (t / "u_ex240301b.log").write_text("".join(header + body[half:]))
        a_log, b_log = str(t / "u_ex240301a.log"), str(t / "u_ex240301b.log")

        # Map: one process per file; reduce: one more.
        for name, log in (("a.jsonl", a_log), ("b.jsonl", b_log)):
            code, out, err = run(a.binary, "logs", "--partial", log, "-o", str(t / name))
            check(code == 0, f"--partial {log}: exit {code}: {err}")
        whole_code, whole = report(a.binary, "logs", a_log, b_log)
        merged_code, merged = report(a.binary, "logs", "--merge", str(t / "a.jsonl"), str(t / "b.jsonl"))
        check(merged_code == whole_code, f"exit {merged_code} after --merge, {whole_code} for logs a b")
        check(merged == whole, "merge(partial(a), partial(b)) differs from logs a b:\n"
              + json.dumps(merged, indent=1)[:3000] + "\n---\n" + json.dumps(whole, indent=1)[:3000])
        check(any(f["id"] == "log.late-negotiation-aborted" for f in whole["findings"]),
              "the case's late negotiation is not found at all (the test would prove nothing)")

        # Map output concatenated in the other order, then sorted as Hadoop's shuffle sorts it.
        both = (t / "b.jsonl").read_text() + (t / "a.jsonl").read_text()
        shuffled = "".join(sorted(both.splitlines(keepends=True)))
        code, resorted = report(a.binary, "logs", "--merge", "-", stdin=shuffled.encode())
        check(resorted == whole, "sorted map output (the reduce input of Hadoop Streaming) merges differently")

        # A block split: the second piece has no directives; its lines have IIS's default shape.
        (t / "block0").write_text("".join(header + body[:half]))
        (t / "block1").write_text("".join(body[half:]))
        parts = []
        for block in ("block0", "block1"):
            code, out, err = run(a.binary, "logs", "--partial", str(t / block))
            check(code == 0, f"--partial {block}: exit {code}: {err}")
            parts.append(out)
        code, split = report(a.binary, "logs", "--merge", "-", stdin="".join(parts).encode())
        code, one = report(a.binary, "logs", a.log)
        for key in ("entries", "lines", "by_status", "by_win32"):
            check(split["evidence"]["logs"][key] == one["evidence"]["logs"][key],
                  f"block split: {key} {split['evidence']['logs'][key]} != {one['evidence']['logs'][key]}")
        check([f["id"] for f in split["findings"]] == [f["id"] for f in one["findings"]],
              f"block split: findings {[f['id'] for f in split['findings']]} != {[f['id'] for f in one['findings']]}")

        # Not a partial: file:line, exit 2.
        (t / "bad.jsonl").write_text((t / "a.jsonl").read_text() + '{"file": "x"}\n')
        code, out, err = run(a.binary, "logs", "--merge", str(t / "bad.jsonl"))
        check(code == 2 and "bad.jsonl:2: not a partial aggregate" in err, f"bad partial: exit {code}: {err}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
