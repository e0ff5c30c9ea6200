#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""No password and no key material in any output of `cert` and `probe`.

A password-protected identity is generated at test time with the openssl command line: the
client key as encrypted PEM (PKCS#8, AES-256) and as PKCS#12. `cert` and `probe` run with it in
every output format (text json markdown html sarif), on standard output and with --output FILE,
the password given by --password-file and by --password-env, on the healthy path and on the error
paths (wrong password, password source missing, key not matching the certificate, a password on
the command line, an unreachable server, a real openssl s_server that asks for the certificate).
Standard output, standard error and every --output file are searched for the password, for PEM
private-key blocks, for the key's DER bytes in hex and base64, and for every base64 line of the
plain and encrypted key files. Exit 77 (skipped) when the openssl command line is missing.
"""
import argparse
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

PASSWORD = "Tr0ub4dor&3-secret-Pa55"
FORMATS = ["text", "json", "markdown", "html", "sarif"]


def sh(*args, **kw):
    subprocess.run(list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60, **kw)


def make_pki(d):
    """CA, a client certificate and its key: plain, encrypted PEM, PKCS#12; a second key that
    does not match; all with the openssl command line."""
    sh("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{d}/ca.key", "-out", f"{d}/ca.pem",
       "-days", "30", "-subj", "/CN=Secrets Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
       "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    sh("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{d}/client.key", "-out", f"{d}/client.csr",
       "-subj", "/CN=secrets-client")
    with open(f"{d}/ext.cnf", "w") as f:
        f.write("extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n")
    sh("openssl", "x509", "-req", "-in", f"{d}/client.csr", "-CA", f"{d}/ca.pem", "-CAkey", f"{d}/ca.key",
       "-CAcreateserial", "-out", f"{d}/client.pem", "-days", "30", "-extfile", f"{d}/ext.cnf")
    sh("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", f"{d}/client.key", "-out", f"{d}/client-enc.key",
       "-passout", f"pass:{PASSWORD}")
    sh("openssl", "pkcs12", "-export", "-in", f"{d}/client.pem", "-inkey", f"{d}/client.key", "-certfile",
       f"{d}/ca.pem", "-out", f"{d}/client.p12", "-passout", f"pass:{PASSWORD}")
    sh("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", f"{d}/other.key")
    sh("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", f"{d}/other.key", "-out", f"{d}/other-enc.key",
       "-passout", f"pass:{PASSWORD}")
    # The server side of the probe: its own certificate under the same CA.
    sh("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{d}/server.key", "-out", f"{d}/server.csr",
       "-subj", "/CN=localhost")
    with open(f"{d}/server-ext.cnf", "w") as f:
        f.write("extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n")
    sh("openssl", "x509", "-req", "-in", f"{d}/server.csr", "-CA", f"{d}/ca.pem", "-CAkey", f"{d}/ca.key",
       "-CAcreateserial", "-out", f"{d}/server.pem", "-days", "30", "-extfile", f"{d}/server-ext.cnf")
    with open(f"{d}/password", "w") as f:
        f.write(PASSWORD + "\n")
    with open(f"{d}/wrong-password", "w") as f:
        f.write("not-the-password\n")


def pem_body_lines(path):
    lines = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("-----") and ":" not in line and len(line) >= 32:
                lines.append(line)
    return lines


def secrets(d):
    """The strings no output may contain, with a name for each."""
    out = [("the password", PASSWORD)]
    for name in ["client.key", "other.key"]:
        der = subprocess.run(["openssl", "pkey", "-in", f"{d}/{name}", "-outform", "DER"], check=True,
                             stdout=subprocess.PIPE, timeout=30).stdout
        out.append((f"{name} DER as hex", der.hex()))
        out.append((f"{name} DER as HEX", der.hex().upper()))
        out.append((f"{name} DER as base64", base64.b64encode(der).decode()))
        # A piece from the middle of the key (past the algorithm header), in case output is cut.
        middle = der[len(der) // 2:len(der) // 2 + 24]
        out.append((f"{name} DER bytes (hex piece)", middle.hex()))
        out.append((f"{name} DER bytes (HEX piece)", middle.hex().upper()))
        out.append((f"{name} DER bytes (hex with colons)", ":".join(f"{b:02x}" for b in middle[:16])))
    for name in ["client.key", "client-enc.key", "other.key", "other-enc.key"]:
        for i, line in enumerate(pem_body_lines(f"{d}/{name}")):
            out.append((f"{name} base64 line {i + 1}", line))
    with open(f"{d}/client.p12", "rb") as f:
        p12 = f.read()
    out.append(("client.p12 bytes (base64 piece)", base64.b64encode(p12[64:112]).decode()))
    out.append(("client.p12 bytes (hex piece)", p12[64:96].hex()))
    return out


MARKERS = ["PRIVATE KEY-----", "BEGIN ENCRYPTED PRIVATE KEY", "BEGIN RSA PRIVATE KEY", "BEGIN EC PRIVATE KEY"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SServer:
    """openssl s_server on a free loopback port that asks for (and verifies) a client certificate;
    stopped by PID."""

    def __init__(self, d):
        self.port = free_port()
        self.proc = subprocess.Popen(
            ["openssl", "s_server", "-accept", f"127.0.0.1:{self.port}", "-cert", f"{d}/server.pem", "-key",
             f"{d}/server.key", "-CAfile", f"{d}/ca.pem", "-Verify", "1", "-www", "-quiet"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(100):  # bounded: 10 s
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("openssl s_server did not start")

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--only", default="", help="run only the commands whose name starts with this (cert, probe)")
    args = ap.parse_args()
    if shutil.which("openssl") is None:
        print("skipped: the openssl command line is not installed")
        return 77
    binary = os.path.abspath(args.binary)
    failures = []
    shown = 0
    runs = 0
    with tempfile.TemporaryDirectory(prefix="mtls-secrets-") as d:
        make_pki(d)
        forbidden = secrets(d)
        server = SServer(d)
        try:
            identities = {
                "encrypted PEM, --password-file": ["--cert", f"{d}/client.pem", "--key", f"{d}/client-enc.key",
                                                   "--password-file", f"{d}/password"],
                "encrypted PEM, --password-env": ["--cert", f"{d}/client.pem", "--key", f"{d}/client-enc.key",
                                                  "--password-env", "MTLS_TEST_PASSWORD"],
                "PKCS#12, --password-file": ["--pfx", f"{d}/client.p12", "--password-file", f"{d}/password"],
                "PKCS#12, --password-env": ["--pfx", f"{d}/client.p12", "--password-env", "MTLS_TEST_PASSWORD"],
                # Error paths.
                "encrypted PEM, wrong password": ["--cert", f"{d}/client.pem", "--key", f"{d}/client-enc.key",
                                                  "--password-file", f"{d}/wrong-password"],
                "PKCS#12, wrong password": ["--pfx", f"{d}/client.p12", "--password-file", f"{d}/wrong-password"],
                "encrypted PEM, variable unset": ["--cert", f"{d}/client.pem", "--key", f"{d}/client-enc.key",
                                                  "--password-env", "MTLS_TEST_UNSET_VARIABLE"],
                "PKCS#12, password file missing": ["--pfx", f"{d}/client.p12", "--password-file", f"{d}/nonexistent"],
                "key of another certificate": ["--cert", f"{d}/client.pem", "--key", f"{d}/other-enc.key",
                                               "--password-file", f"{d}/password"],
                "password on the command line": ["--cert", f"{d}/client.pem", "--key", f"{d}/client-enc.key",
                                                 "--password", PASSWORD],
                "PKCS#12, password on the command line": ["--pfx", f"{d}/client.p12", "--pass", PASSWORD],
            }
            commands = {
                "cert": lambda ident: ["cert"] + ident + ["--trust", f"{d}/ca.pem"],
                "probe (server asks for the certificate)": lambda ident: [
                    "probe", f"https://localhost:{server.port}/", "--connect", f"127.0.0.1:{server.port}",
                    "--ca", f"{d}/ca.pem", "--timeout", "5"] + ident,
                "probe (unreachable)": lambda ident: ["probe", f"https://127.0.0.1:{free_port()}/", "--timeout", "2"]
                + ident,
            }
            env = dict(os.environ, MTLS_TEST_PASSWORD=PASSWORD, NO_COLOR="1")
            env.pop("MTLS_TEST_UNSET_VARIABLE", None)
            statuses = {}
            # The unreachable server ends before the identity matters past loading it: the loading
            # paths (each password source, a wrong password, a refused --password) are enough there.
            unreachable = {"encrypted PEM, --password-file", "PKCS#12, --password-env", "encrypted PEM, wrong password",
                           "password on the command line"}
            for cname, command in commands.items():
                if not cname.startswith(args.only):
                    continue
                for iname, ident in identities.items():
                    if cname == "probe (unreachable)" and iname not in unreachable:
                        continue
                    for fmt in FORMATS:
                        for to_file in (False, True):
                            out_file = os.path.join(d, f"report-{runs}.{fmt}")
                            argv = command(ident) + ["--format", fmt]
                            if to_file:
                                argv += ["--output", out_file]
                            p = subprocess.run([binary, *argv], env=env, stdin=subprocess.DEVNULL,
                                               capture_output=True, timeout=120)
                            runs += 1
                            statuses.setdefault((cname, iname), set()).add(p.returncode)
                            texts = {"stdout": p.stdout, "stderr": p.stderr}
                            if to_file and os.path.exists(out_file):
                                with open(out_file, "rb") as f:
                                    texts["--output file"] = f.read()
                            where = f"{cname} / {iname} / --format {fmt}{' --output' if to_file else ''}"
                            if p.returncode not in (0, 1, 2):
                                failures.append(f"{where}: exit status {p.returncode}: {p.stderr.decode()[-500:]}")
                            for stream, data in texts.items():
                                text = data.decode("utf-8", "replace")
                                for marker in MARKERS:
                                    if marker in text:
                                        failures.append(f"{where}: {stream} holds a PEM key block ({marker})")
                                for what, value in forbidden:
                                    if value and value in text:
                                        failures.append(f"{where}: {stream} holds {what}")
            # The error paths must really be errors, or the test proves nothing about them.
            for f in failures:
                print(f"FAIL {f}", flush=True)
            shown = len(failures)
            for (cname, iname), codes in sorted(statuses.items()):
                if iname in ("encrypted PEM, wrong password", "PKCS#12, wrong password", "password on the command line",
                             "PKCS#12, password on the command line", "encrypted PEM, variable unset",
                             "PKCS#12, password file missing") and 0 in codes:
                    failures.append(f"{cname} / {iname}: exit status 0, expected an error")
                if cname == "cert" and iname.endswith(("--password-file", "--password-env")) and 2 in codes:
                    failures.append(f"cert / {iname}: exit status 2 on the healthy identity")
        finally:
            server.stop()
    for f in failures[shown:]:
        print(f"FAIL {f}")
    print(f"{runs} runs, {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
