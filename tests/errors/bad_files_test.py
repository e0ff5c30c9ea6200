#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Every command that reads a file, and --output, on every kind of bad file (docs/outputs.md, "Errors").

Each run must:
- exit 2, within a timeout (a FIFO with no writer must not hang a reader);
- print exactly one line on standard error, `mtls-doctor: FILE[:LINE]: what is wrong (why)`, naming
  the file as given (and the line where the kind has one), with no sanitizer report;
- with --format json, print one JSON object on standard output that error.schema.json accepts, whose
  `file` is that file (and `line` that line);
- leave no --output file, and no temporary file beside it.

The kinds: missing, under a regular file (ENOTDIR), permission denied (as root the run drops to
uid/gid 65534, since mode bits do not bind root), a folder, a FIFO with no writer, empty, binary,
truncated, one huge line, the right content in the wrong encoding. `lab --dir` and `--output` have
the kinds that apply to a folder to write into. Test inputs are made here, at test time (the PEM
certificate by `openssl req`).
"""
import argparse
import base64
import concurrent.futures
import gzip
import io
import json
import os
import pathlib
import random
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile

TIMEOUT = 30  # seconds per run; a hang is a failure, not a slow test
NOBODY = 65534

# A W3C log as IIS writes it (one request), for the wrong-encoding and truncated kinds.
W3C = ("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
       "#Date: 2024-03-01 10:00:00\r\n"
       "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
       "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n"
       "2024-03-01 10:00:01 10.0.0.1 GET /app - 443 - 10.0.0.9 curl/8 - 403 7 0 15\r\n")

APPLICATION_HOST = """<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <sites>
      <site name="Default Web Site" id="1">
        <bindings>
          <binding protocol="https" bindingInformation="*:443:" />
        </bindings>
      </site>
    </sites>
  </system.applicationHost>
  <location path="Default Web Site">
    <system.webServer>
      <security>
        <access sslFlags="Ssl, SslNegotiateCert, SslRequireCert" />
      </security>
    </system.webServer>
  </location>
</configuration>
"""

NETSH = """
SSL Certificate bindings:
-------------------------

    IP:port                      : 0.0.0.0:443
    Certificate Hash             : 0123456789abcdef0123456789abcdef01234567
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : MY
    Verify Client Certificate Revocation : Enabled
    Negotiate Client Certificate : Enabled

"""

REG = ("Windows Registry Editor Version 5.00\r\n\r\n"
       "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\r\n"
       "\"SendTrustedIssuerList\"=dword:00000000\r\n")

KEYLOG = "CLIENT_RANDOM " + "ab" * 32 + " " + "cd" * 48 + "\n"


def pcap_header():
    """A pcap global header (libpcap format, microseconds, Ethernet): a capture of no packet."""
    return bytes.fromhex("d4c3b2a1" "0200" "0400" "00000000" "00000000" "ffff0000" "01000000")


def make_pem(folder):
    key, cert = folder / "gen.key", folder / "gen.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "30", "-subj", "/CN=bad-files test"],
                   check=True, capture_output=True)
    return cert.read_text()


def utf32le(text):
    return b"\xff\xfe\x00\x00" + text.encode("utf-32-le")


def utf16le(text):
    return b"\xff\xfe" + text.encode("utf-16-le")


class Input:
    """What each command reads, valid: its bytes in the wrong encoding and truncated are the
    corresponding bad kinds. `line`: the kinds whose error names a line, and which line."""

    def __init__(self, good, encoded, truncated, line=None):
        self.good, self.encoded, self.truncated, self.line = good, encoded, truncated, line or {}


# Each command: its argv with {F} for the bad path, what it reads, and the kinds that do not apply
# (a folder is what `logs`, `store` and `diagnose` read: for them the "directory" kind is an empty
# folder, which has nothing usable in it).
def commands(pem):
    pem_b = pem.encode()
    zip_bytes = io.BytesIO()
    with zipfile.ZipFile(zip_bytes, "w") as z:
        z.writestr("iis/applicationHost.config", APPLICATION_HOST)
    zip_bytes = zip_bytes.getvalue()
    gz = gzip.compress(W3C.encode())
    cert_input = Input(pem_b, utf16le(pem), pem_b[: len(pem_b) // 2])
    return {
        "probe --targets": (["probe", "--targets", "{F}"],
                            Input(b"https://a.example/\n", utf16le("https://a.example/\n"), b"https:/",
                                  line={"binary": 1, "truncated": 1, "hugeline": 1, "encoding": 1})),
        "cert": (["cert", "{F}"], cert_input),
        "cert --key": (["cert", "good.pem", "--key", "{F}"], cert_input),
        "store": (["store", "{F}"], cert_input),
        "iis --config": (["iis", "--config", "{F}"],
                         Input(APPLICATION_HOST.encode(), utf32le(APPLICATION_HOST),
                               APPLICATION_HOST.encode()[:300], line={"truncated": 12})),
        "iis --sslcert": (["iis", "--sslcert", "{F}"],
                          # cut inside its title: a binding cut short cannot be told from a listing
                          # of fewer settings, nor a cut after the title from a server with none
                          Input(NETSH.encode(), utf32le(NETSH), NETSH.encode()[:10])),
        "iis --registry": (["iis", "--registry", "{F}"],
                           Input(REG.encode(), utf32le(REG), REG.encode()[:30])),
        "logs": (["logs", "{F}"], Input(W3C.encode(), utf16le(W3C), gz[:20])),
        "pcap": (["pcap", "{F}"], Input(pcap_header(), base64.b64encode(pcap_header()), pcap_header()[:12])),
        "pcap --keylog": (["pcap", "good.pcap", "--keylog", "{F}"],
                          Input(KEYLOG.encode(), utf16le(KEYLOG), KEYLOG.encode()[:40], line={"truncated": 1})),
        "diagnose": (["diagnose", "{F}"],
                     Input(APPLICATION_HOST.encode(), utf32le(APPLICATION_HOST),
                           APPLICATION_HOST.encode()[:300], line={"truncated": 12})),
        "diagnose --bundle": (["diagnose", "--bundle", "{F}"],
                              Input(zip_bytes, base64.b64encode(zip_bytes), zip_bytes[: len(zip_bytes) // 2])),
    }


FILE_KINDS = ["missing", "notdir", "denied", "directory", "fifo", "empty", "binary", "truncated", "hugeline",
              "encoding"]
# `store`, `logs` and `diagnose` read folders too: for them the "directory" kind is an empty
# folder, which has nothing usable in it (still exit 2, naming it).


def make_bad(kind, case, inp):
    """Makes the bad input of `kind` in `case`; returns the path as given on the command line."""
    if kind == "missing":
        return "missing.txt"
    if kind == "notdir":
        (case / "plain.txt").write_text("a file, not a folder\n")
        return "plain.txt/input.txt"
    if kind == "directory":
        (case / "folder").mkdir()
        return "folder"
    if kind == "fifo":
        os.mkfifo(case / "fifo")
        return "fifo"
    target = case / "bad.input"
    if kind == "denied":
        target.write_bytes(inp.good)
        target.chmod(0)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "binary":
        target.write_bytes(bytes(random.Random(12).randrange(256) for _ in range(4096)) + b"\0\x1b[2J\n")
    elif kind == "truncated":
        target.write_bytes(inp.truncated)
    elif kind == "hugeline":
        target.write_bytes(b"A" * (3 << 20) + b"\n")
    elif kind == "encoding":
        target.write_bytes(inp.encoded)
    return "bad.input"


def drop_privileges():
    """As root, a run that must meet "permission denied" runs as nobody (mode bits do not bind root)."""
    if os.geteuid() != 0:
        return {}
    return {"user": NOBODY, "group": NOBODY, "extra_groups": []}


def run(binary, argv, cwd, as_nobody=False):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795000000", NO_COLOR="1")
    extra = drop_privileges() if as_nobody else {}
    try:
        p = subprocess.run([binary, *argv], cwd=cwd, env=env, capture_output=True, timeout=TIMEOUT,
                           stdin=subprocess.DEVNULL, **extra)
    except subprocess.TimeoutExpired:
        return None
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


LINE = re.compile(r"^mtls-doctor: (?P<rest>.*)\n$", re.S)


def check_json(name, out, place_file, line, validator):
    """The JSON error object on standard output: valid, naming the file and line."""
    try:
        doc = json.loads(out)
    except json.JSONDecodeError:
        return [f"{name}: standard output is not one JSON object: {out[:300]!r}"]
    fails = []
    errors = sorted(validator.iter_errors(doc), key=str)
    if errors:
        fails.append(f"{name}: JSON error object against error.schema.json: {errors[0].message}")
    e = doc.get("error", {}) if isinstance(doc, dict) else {}
    if e.get("file") != place_file or e.get("line") != line:
        fails.append(f"{name}: JSON file/line {e.get('file')!r}/{e.get('line')!r}, expected {place_file!r}/{line!r}")
    return fails


def check_error(name, result, place_file, line, validator, case, output_name, json_object=True):
    """Failures of one run (empty when it did what docs/outputs.md says). `line`: the line the
    error must name; None lets a reader name one or not (a .reg export's first line), and the JSON
    object must then say the line the text said."""
    if result is None:
        return [f"{name}: no answer within {TIMEOUT} s (hangs)"]
    rc, out, err = result
    fails = []
    if rc != 2:
        fails.append(f"{name}: exit {rc}, expected 2; stderr {err[-400:]!r}")
    if "Sanitizer" in err or "runtime error" in err or "internal error" in err:
        fails.append(f"{name}: crash or sanitizer report: {err[-800:]!r}")
    m = LINE.match(err)
    if not m or "\n" in m.group("rest"):
        fails.append(f"{name}: stderr is not one 'mtls-doctor: ' line: {err[:600]!r}")
    else:
        rest = m.group("rest")
        named = re.match(re.escape(place_file) + r"(?::(\d+))?: (.*)$", rest, re.S)
        if not named:
            fails.append(f"{name}: the line does not start with '{place_file}[:LINE]: ': {rest[:300]!r}")
        else:
            said = int(named.group(1)) if named.group(1) else None
            if line is not None and said != line:
                fails.append(f"{name}: names line {said}, expected {line}: {rest[:300]!r}")
            line = said
            if not re.search(r"\S \(.+\)$", named.group(2)):
                fails.append(f"{name}: not 'what is wrong (why)': {named.group(2)[:300]!r}")
    if not json_object:
        if out.strip():
            fails.append(f"{name}: standard output not empty: {out[:300]!r}")
    else:
        fails += check_json(name, out, place_file, line, validator)
    if output_name is not None:
        left = [p.name for p in case.iterdir() if p.name == output_name or p.name.startswith(f".{output_name}.")]
        if left:
            fails.append(f"{name}: output left behind: {left}")
    return fails


def input_cell(binary, root, validator, command, argv, inp, kind, pem):
    case = pathlib.Path(tempfile.mkdtemp(dir=root))
    case.chmod(0o755)  # nobody must reach the 0000 file (and fail on it, not on the folder)
    (case / "good.pem").write_text(pem)
    (case / "good.pcap").write_bytes(pcap_header())
    bad = make_bad(kind, case, inp)
    args = [a.replace("{F}", bad) for a in argv] + ["--format", "json", "--output", "out.json"]
    result = run(binary, args, case, as_nobody=kind == "denied")
    return check_error(f"{command} × {kind}", result, bad, inp.line.get(kind), validator, case, "out.json")


def output_cells(binary, root, validator, pem):
    """--output to a place that cannot be written, for a command that reads nothing (explain) and
    one that does (cert): the error names the output file, and nothing is left."""
    cells = []
    for kind in ["missing-folder", "notdir", "directory", "denied"]:
        for argv in (["explain", "403.7"], ["cert", "good.pem"]):
            cells.append((kind, argv))

    def one(kind, argv):
        case = pathlib.Path(tempfile.mkdtemp(dir=root))
        case.chmod(0o755)
        (case / "good.pem").write_text(pem)
        (case / "good.pem").chmod(0o644)
        if kind == "missing-folder":
            out = "no-such-folder/out.json"
        elif kind == "notdir":
            (case / "plain.txt").write_text("x\n")
            out = "plain.txt/out.json"
        elif kind == "directory":
            (case / "out.json").mkdir()
            out = "out.json"
        else:
            (case / "locked").mkdir()
            if os.geteuid() != 0:
                (case / "locked").chmod(0o555)
            out = "locked/out.json"
        result = run(binary, [*argv, "--format", "json", "--output", out], case, as_nobody=kind == "denied")
        fails = check_error(f"{argv[0]} --output × {kind}", result, out, None, validator, case, None)
        folder = case / pathlib.Path(out).parent
        if folder.is_dir():
            left = [p.name for p in folder.iterdir() if p.name.startswith(".out.json.")]
            if left or (kind != "directory" and (folder / "out.json").exists()):
                fails.append(f"{argv[0]} --output × {kind}: output left behind: {left}")
        return fails

    return [(one, cell) for cell in cells]


def lab_cells(binary, root, validator):
    """lab --dir: a folder to write the PKI into, or files in it that cannot be read back."""
    kinds = ["file", "notdir", "denied", "fifo-inside", "directory-inside"]

    def one(kind):
        case = pathlib.Path(tempfile.mkdtemp(dir=root))
        case.chmod(0o755)
        place = None
        if kind == "file":
            (case / "pki").write_text("not a folder\n")
            d = place = "pki"
        elif kind == "notdir":
            (case / "plain.txt").write_text("x\n")
            d = place = "plain.txt/pki"
        elif kind == "denied":
            (case / "locked").mkdir()
            if os.geteuid() != 0:
                (case / "locked").chmod(0o555)
            d = place = "locked/pki"
        elif kind == "fifo-inside":
            (case / "pki").mkdir()
            os.mkfifo(case / "pki" / "client-ca.pem")
            d, place = "pki", "pki/client-ca.pem"
        else:
            (case / "pki" / "client-ca.key").mkdir(parents=True)
            d, place = "pki", "pki/client-ca.key"
        # lab prints text only (--format json is refused before anything is read): no JSON object.
        result = run(binary, ["lab", "--dir", d], case, as_nobody=kind == "denied")
        return check_error(f"lab --dir × {kind}", result, place, None, validator, case, None, json_object=False)

    return [(one, (k,)) for k in kinds]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--schema", required=True, help="docs/error.schema.json")
    ap.add_argument("-j", "--jobs", type=int, default=min(4, os.cpu_count() or 1))
    a = ap.parse_args()
    import jsonschema  # python3-jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(pathlib.Path(a.schema).read_text()))
    binary = os.path.abspath(a.binary)
    notes = []
    root = pathlib.Path(tempfile.mkdtemp(prefix="mtls-bad-files-"))
    root.chmod(0o755)
    try:
        pem = make_pem(root)
        jobs = []
        for command, (argv, inp) in commands(pem).items():
            for kind in FILE_KINDS:
                jobs.append((input_cell, (binary, root, validator, command, argv, inp, kind, pem)))
        jobs += [(f, cell) for f, cell in output_cells(binary, root, validator, pem)]
        jobs += lab_cells(binary, root, validator)
        # A denied run as nobody needs a uid to drop to; without CAP_SETUID it cannot be made.
        if os.geteuid() == 0:
            probe = subprocess.run(["true"], user=NOBODY, group=NOBODY, extra_groups=[], capture_output=True)
            if probe.returncode != 0:
                notes.append("skipped 'denied': cannot run as uid 65534")
                jobs = [j for j in jobs if "denied" not in j[1]]
        failures = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
            futures = [pool.submit(f, *cell) for f, cell in jobs]
            for fut in futures:
                failures += fut.result()
    finally:
        for p in root.rglob("*"):
            try:
                if p.is_dir() and not p.is_symlink():
                    p.chmod(0o755)
            except OSError:
                pass
        shutil.rmtree(root, ignore_errors=True)
    for n in notes:
        print(n)
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    print(f"{len(jobs)} runs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
