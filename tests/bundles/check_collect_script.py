#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Static checks of scripts/collect.ps1 (no PowerShell on Debian): the binary prints exactly the
shipped file; the script is ASCII (Windows PowerShell 5.1 reads a file without a byte-order mark
as ANSI); every Windows command it runs has a Microsoft documentation link in the comment above
it; its output names are exactly the layout of docs/collect.md; the iis-corpus fixture (built by
tests/bundles/iis-corpus/make.sh) holds only files with those names, as a folder and as a zip."""
import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import zipfile

# The layout, in the words of docs/collect.md. <app path> may hold several folders.
EXPECTED = [
    r"collect-log.txt",
    r"config\applicationHost.config",
    r"config\sites\<id>\<app path>\web.config",
    r"config\sites\<id>\web.config",
    r"events\CAPI2-Operational.evtx",
    r"events\System.evtx",
    r"logs\FailedReqLogFiles\W3SVC<id>\fr*.xml",
    r"logs\HTTPERR\httperr*.log",
    r"logs\W3SVC<id>\*.log",
    r"netsh\sslcert.txt",
    r"registry\SCHANNEL.reg",
    r"registry\SslBindingInfo.reg",
    r"registry\SslCcsBindingInfo.reg",
    r"registry\SslSniBindingInfo.reg",
    r"stores\<store>\<thumbprint>.cer",
]
PLACEHOLDERS = {"$($cert.Thumbprint)": "<thumbprint>", "$id": "<id>", "$sub": "<app path>",
                "$store": "<store>"}
# Each Windows command the script runs, and the documentation its comment must link.
COMMANDS = {
    "& netsh http show sslcert": "learn.microsoft.com/windows/win32/http/show-sslcert",
    "& reg export": "learn.microsoft.com/windows-server/administration/windows-commands/reg-export",
    "Export-Certificate": "learn.microsoft.com/powershell/module/pki/export-certificate",
    "& wevtutil epl": "learn.microsoft.com/windows-server/administration/windows-commands/wevtutil",
    "Compress-Archive": "learn.microsoft.com/powershell/module/microsoft.powershell.archive/compress-archive",
    "IsInRole": "learn.microsoft.com/dotnet/api/system.security.principal.windowsprincipal.isinrole",
}
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def output_names(script):
    names = set()
    names.update(re.findall(r"Target '([^']+)'", script))
    names.update(re.findall(r'Target "([^"$][^"]*)"', script))
    names.update(re.findall(r'\$name = "([^"]+)"', script))
    names.update(re.findall(r"^\s*'((?:registry|events)\\[^']+)'\s*=", script, re.M))
    for pattern, folder in re.findall(r"Copy-Newest\s+(?:\$\w+|\(.*?\))\s+'([^']+)'\s+['\"]([^'\"]+)['\"]",
                                      script):
        names.add(folder + "\\" + pattern)
    result = set()
    for name in names:
        for variable, placeholder in PLACEHOLDERS.items():
            name = name.replace(variable, placeholder)
        check("$" not in name, f"output name with an undocumented variable: {name}")
        result.add(name)
    return sorted(result)


def as_regex(name):
    parts = re.split(r"(<[^>]+>|\*)", name)
    out = ""
    for part in parts:
        if part == "<app path>":
            out += r".+"
        elif part.startswith("<") or part == "*":
            out += r"[^\\]+" if part.startswith("<") else r"[^\\]*"
        else:
            out += re.escape(part)
    return re.compile(out + r"\Z")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    source = pathlib.Path(args.source)
    shipped = (source / "scripts/collect.ps1").read_bytes()

    printed = subprocess.run([args.binary, "collect", "--print-script"], capture_output=True)
    check(printed.returncode == 0, f"collect --print-script exited {printed.returncode}")
    check(printed.stdout == shipped, "collect --print-script differs from scripts/collect.ps1")
    bare = subprocess.run([args.binary, "collect"], capture_output=True, text=True)
    check(bare.returncode == 2 and "--print-script" in bare.stderr,
          f"collect without --print-script: exit {bare.returncode}, {bare.stderr!r}")

    script = shipped.decode("ascii", errors="replace")
    check(all(b < 128 for b in shipped), "scripts/collect.ps1 is not ASCII")
    check(script.startswith("# SPDX-License-Identifier: Apache-2.0\n"), "no SPDX first line")
    lines = script.splitlines()
    for command, link in COMMANDS.items():
        uses = [i for i, line in enumerate(lines) if command in line and not line.lstrip().startswith("#")]
        check(uses, f"the script no longer runs {command}")
        for i in uses:
            above = lines[max(0, i - 20):i]  # the comment heads the block that runs it
            check(any(link in line for line in above if line.lstrip().startswith("#")),
                  f"line {i + 1}: {command} without a comment linking {link} above it")

    names = output_names(script)
    check(names == EXPECTED, "output names differ from the documented layout:\n  script: "
          + "\n          ".join(names) + "\n  test:   " + "\n          ".join(EXPECTED))
    doc = (source / "docs/collect.md").read_text()
    for name in EXPECTED:
        check(f"`{name}`" in doc, f"docs/collect.md does not list `{name}`")

    work = pathlib.Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    bundle, archive = work / "iis-corpus", work / "iis-corpus.zip"
    made = subprocess.run([str(source / "tests/bundles/iis-corpus/make.sh"), str(bundle), str(archive)],
                          capture_output=True, text=True)
    if made.returncode == 77:
        print(made.stderr.strip())
        return 77 if not failures else report()
    check(made.returncode == 0, f"make.sh failed: {made.stderr}")
    patterns = [as_regex(name) for name in EXPECTED]
    files = sorted(str(p.relative_to(bundle)).replace("/", "\\") for p in bundle.rglob("*") if p.is_file())
    entries = sorted(e.replace("/", "\\") for e in zipfile.ZipFile(archive).namelist() if not e.endswith("/"))
    check(files == entries, "the zip does not hold the folder's files")
    for name in files:
        check(any(p.match(name) for p in patterns), f"fixture file {name} is not a name the script writes")
    print(f"{len(names)} output names; fixture: {len(files)} files")
    return report()


def report():
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
