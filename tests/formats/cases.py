# SPDX-License-Identifier: Apache-2.0
"""Runs the end-to-end cases (tests/cases/<name>/args, as tests/e2e/run_case.py does) in a given
format, for the format tests of this folder."""
import os
import pathlib
import subprocess

FIXED_EPOCH = "1795000000"  # run_case.py's: reports and check clocks are reproducible


def case_argv(case: pathlib.Path, shared: pathlib.Path) -> list:
    out = []
    for line in (case / "args").read_text().splitlines():
        if line.strip() == "" or line.startswith("#"):
            continue
        out.append(line.replace("@CASE@", str(case)).replace("@SHARED@", str(shared)))
    return out


def report_cases(cases_dir: pathlib.Path, shared: pathlib.Path):
    """(name, folder, argv) of every case whose command writes a report (`explain` does not)."""
    for case in sorted(p for p in cases_dir.iterdir() if (p / "args").is_file()):
        argv = case_argv(case, shared)
        if not argv or argv[0] == "explain" or "--format" in argv:
            continue
        yield case.name, case, argv


def run(binary: str, case: pathlib.Path, argv: list, fmt: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH, NO_COLOR="1")
    return subprocess.run([os.path.abspath(binary), *argv, "--format", fmt], cwd=case, env=env,
                          capture_output=True, timeout=300)
