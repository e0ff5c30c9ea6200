#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`diagnose --bundle` on zip archives and folders built at test time.

- a zip of a real case folder, with scrambled names, diagnoses like the folder itself;
- a zip bomb (an entry far more compressed than any log) is refused with a clear message;
- entries whose names climb out of the archive ("../", absolute paths) are refused, and nothing
  is written outside the private temporary folder;
- a folder of files of no known kind exits 2 with one line naming the first;
- an unreadable bundle path exits 2.
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(binary, *args, cwd):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795000000", NO_COLOR="1")
    p = subprocess.run([binary, *args], cwd=cwd, env=env, capture_output=True, timeout=120)
    out = p.stdout.decode("utf-8", "replace")
    report = json.loads(out) if out.strip().startswith("{") else None
    return p.returncode, report, p.stderr.decode("utf-8", "replace")


def ids(report):
    return [f["id"] for f in report["findings"]] if report else []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--cases", required=True)
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    case = pathlib.Path(a.cases) / "diagnose-late-request" / "bundle"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        # The folder, then the same files zipped under other names.
        rc_dir, folder_report, err = run(binary, "diagnose", "--bundle", str(case), "--format", "json", cwd=tmp)
        check(rc_dir == 1, f"folder bundle: exit {rc_dir}, expected 1 ({err.strip()})")
        archive = tmp / "server.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            for i, f in enumerate(sorted(p for p in case.rglob("*") if p.is_file())):
                z.write(f, f"dump\\{i:03d}.bin" if i % 2 else f"dump/sub/{i:03d}")
        rc_zip, zip_report, err = run(binary, "diagnose", "--bundle", str(archive), "--format", "json", cwd=tmp)
        check(rc_zip == rc_dir, f"zip bundle: exit {rc_zip}, folder gave {rc_dir} ({err.strip()})")
        check(ids(zip_report) == ids(folder_report), f"zip findings {ids(zip_report)} != folder {ids(folder_report)}")
        if zip_report:
            shown = [r["path"] for r in zip_report["evidence"].get("inputs", [])]
            check(all(p.startswith(str(archive) + "/") for p in shown), f"zip entries named by the archive: {shown}")
            check(not any("mtls-doctor." in json.dumps(f) for f in zip_report["findings"]),
                  "a finding names the temporary folder instead of the archive")

        # Hostile archive: a bomb, a climbing entry, an absolute entry, and one good log.
        evil = tmp / "evil.zip"
        outside = tmp / "escaped.txt"
        with zipfile.ZipFile(evil, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("bomb.log", b"\0" * (64 << 20))
            z.writestr("../escaped.txt", b"x")
            z.writestr("/tmp/mtls-doctor-absolute-escape.txt", b"x")
            z.write(next(case.rglob("0001.txt")), "logs/u_ex240301.log")
        rc, report, err = run(binary, "diagnose", "--bundle", str(evil), "--format", "json", cwd=tmp / ".")
        check(rc in (0, 1), f"hostile zip: exit {rc} ({err.strip()})")
        check(not outside.exists() and not (tmp.parent / "escaped.txt").exists(), "an entry was written outside")
        check(not pathlib.Path("/tmp/mtls-doctor-absolute-escape.txt").exists(), "an absolute entry was written")
        notes = {r["path"]: r["note"] for r in (report or {}).get("evidence", {}).get("inputs", [])}
        check(any("zip bomb" in n for p, n in notes.items() if p.endswith("bomb.log")), f"bomb not refused: {notes}")
        check(any("climbs out" in n for n in notes.values()), f"climbing entry not refused: {notes}")
        check(any("absolute" in n for n in notes.values()), f"absolute entry not refused: {notes}")
        check("log.late-negotiation-aborted" in ids(report) or "log.client-cert-required" in ids(report),
              f"the good log in the hostile zip was not read: {ids(report)}")

        # Nothing usable: exit 2, one line naming a file.
        junk = tmp / "junk"
        junk.mkdir()
        (junk / "a.txt").write_text("hello\n")
        (junk / "b.bin").write_bytes(b"\x00\x01\x02")
        rc, report, err = run(binary, "diagnose", "--bundle", str(junk), cwd=tmp)
        check(rc == 2, f"junk bundle: exit {rc}, expected 2")
        check(err.count("\n") == 1 and "mtls-doctor:" in err and "a.txt" in err, f"junk bundle stderr: {err!r}")

        rc, report, err = run(binary, "diagnose", "--bundle", str(tmp / "missing"), cwd=tmp)
        check(rc == 2 and "missing" in err, f"missing bundle: exit {rc}, stderr {err!r}")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    print(f"{0 if failures else 1} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
