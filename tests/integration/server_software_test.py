#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`mtls-doctor probe` against real server software: each recognised, each fix in its own terms.

Every server below is a Debian package (scripts/install-deps.sh installs them; one that is missing
is skipped with a message) started on a free loopback port with its configuration in a temporary
folder, all at once, and stopped by its PID at the end. Each runs twice:

  failing  -- it does not require the client certificate (HAProxy, lighttpd with mod_openssl and
              mod_gnutls, Caddy, stunnel, Go: no CertificateRequest at all; Node: TLS accepts any
              certificate and the application refuses an untrusted one with 403 and Node's
              authorizationError);
  healthy  -- it requires a certificate from the test CA in the handshake.

The probe of the failing one must recognise the software from what it answered and name that
software's directive in the fix (the software that cannot be told, stunnel in front of Python's
http.server, must be said to be unknown, with the generic rule and no IIS command); the probe of
the healthy one with the test CA's client certificate must exit 0; with another CA's it must
report the refusal and give no IIS advice.

The PKI is made at test time with the openssl command. The Go server is built once into
BUILD/server-software/ (its Go cache there too) and rebuilt only when its source changes.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
FAILURES = []


def fail(message):
    FAILURES.append(message)
    print("FAIL:", message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_pki(d):
    def run(*args):
        subprocess.run(["openssl", *args], check=True, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    with open(os.path.join(d, "ca.ext"), "w") as f:
        f.write("basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n")
    with open(os.path.join(d, "server.ext"), "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    with open(os.path.join(d, "client.ext"), "w") as f:
        f.write("extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n")
    for ca, cn in (("ca", "Servers Test CA"), ("other-ca", "Other Test CA")):
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", f"{ca}.key",
            "-out", f"{ca}.pem", "-days", "2", "-subj", f"/CN={cn}", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    for name, ca, cn, ext in (("server", "ca", "localhost", "server.ext"), ("client", "ca", "client", "client.ext"),
                              ("other-client", "other-ca", "other client", "client.ext")):
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", f"{name}.key",
            "-out", f"{name}.csr", "-subj", f"/CN={cn}")
        run("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key", "-CAcreateserial",
            "-out", f"{name}.pem", "-days", "1", "-extfile", ext)
    with open(os.path.join(d, "server-combined.pem"), "w") as out:
        for part in ("server.pem", "server.key"):
            with open(os.path.join(d, part)) as f:
                out.write(f.read())


class Server:
    """A server process in its own session, stopped by its PID (the process group it leads)."""

    def __init__(self, name, argv, d, port, env=None):
        self.name, self.port, self.d = name, port, d
        self.log_path = os.path.join(d, f"{name}.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(argv, cwd=d, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True, env={**os.environ, **(env or {})})

    def wait_ready(self, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.1)
        with open(self.log_path) as f:
            fail(f"{self.name} did not come up on port {self.port}: {f.read()[-2000:]}")
        return False

    def stop(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait()
        self.log.close()


# --- configurations ---------------------------------------------------------------------------

def haproxy(d, port, healthy):
    verify = f" ca-file {d}/ca.pem verify required" if healthy else ""
    conf = os.path.join(d, f"haproxy-{port}.cfg")
    with open(conf, "w") as f:
        # No server in the backend: HAProxy answers with its own 503 page, which names it.
        f.write(f"""global
  maxconn 64
defaults
  mode http
  timeout connect 5s
  timeout client 10s
  timeout server 10s
frontend site
  bind 127.0.0.1:{port} ssl crt {d}/server-combined.pem{verify} alpn http/1.1
  default_backend app
backend app
""")
    return ["haproxy", "-db", "-f", conf]


def lighttpd(module):
    def make(d, port, healthy):
        www = os.path.join(d, "www")
        os.makedirs(www, exist_ok=True)
        with open(os.path.join(www, "index.html"), "w") as f:
            f.write("hello\n")
        verify = (f'ssl.ca-file = "{d}/ca.pem"\nssl.verifyclient.activate = "enable"\n'
                  'ssl.verifyclient.enforce = "enable"\n') if healthy else ""
        conf = os.path.join(d, f"lighttpd-{port}.conf")
        with open(conf, "w") as f:
            f.write(f"""server.modules = ("{module}")
server.document-root = "{www}"
server.bind = "127.0.0.1"
server.port = {port}
server.errorlog = "{d}/lighttpd-{port}-error.log"
index-file.names = ("index.html")
ssl.engine = "enable"
ssl.pemfile = "{d}/server.pem"
ssl.privkey = "{d}/server.key"
{verify}""")
        return ["lighttpd", "-D", "-f", conf]
    return make


def caddy(d, port, healthy):
    auth = (f" {{\n    client_auth {{\n      mode require_and_verify\n      trusted_ca_cert_file {d}/ca.pem\n    }}\n  }}"
            if healthy else "")
    conf = os.path.join(d, f"Caddyfile-{port}")
    with open(conf, "w") as f:
        f.write(f"""{{
  admin off
  auto_https disable_redirects
  storage file_system {d}/caddy-{port}
}}
https://localhost:{port} {{
  bind 127.0.0.1
  tls {d}/server.pem {d}/server.key{auth}
  respond "hello" 200
}}
""")
    return ["caddy", "run", "--adapter", "caddyfile", "--config", conf]


def stunnel(backend_port):
    def make(d, port, healthy):
        verify = f"verifyChain = yes\nrequireCert = yes\nCAfile = {d}/ca.pem\n" if healthy else ""
        conf = os.path.join(d, f"stunnel-{port}.conf")
        with open(conf, "w") as f:
            f.write(f"""foreground = yes
pid =
[https]
accept = 127.0.0.1:{port}
connect = 127.0.0.1:{backend_port}
cert = {d}/server.pem
key = {d}/server.key
{verify}""")
        return ["stunnel4", conf]
    return make


def go(binary):
    def make(d, port, healthy):
        return [binary, str(port), f"{d}/server.pem", f"{d}/server.key"] + ([f"{d}/ca.pem"] if healthy else [])
    return make


def node(d, port, healthy):
    return ["node", os.path.join(HERE, "servers", "node_server.js"), str(port), f"{d}/server.pem", f"{d}/server.key",
            f"{d}/ca.pem", "require" if healthy else "app-checks"]


def build_go(build_dir):
    """The Go server, built once per source change into build_dir (its caches there too)."""
    source = os.path.join(HERE, "servers", "go_server.go")
    out = os.path.join(build_dir, "go_server")
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(source):
        return out
    env = {**os.environ, "GOCACHE": os.path.join(build_dir, "go-cache"), "GOPATH": os.path.join(build_dir, "gopath"),
           "GO111MODULE": "off", "GOFLAGS": "", "CGO_ENABLED": "0"}
    subprocess.run(["go", "build", "-o", out, source], check=True, env=env)
    return out


# --- what each must show ----------------------------------------------------------------------
# name -> (programs needed, config maker, recognised software on the failing server, finding
# whose fix must name the directive, the directive, identity to probe the failing one with)

def cases(build_dir, backend_port):
    out = {
        "haproxy": (["haproxy"], haproxy, "haproxy", "tls.no-certificate-request", "verify required", "client"),
        "lighttpd-openssl": (["lighttpd"], lighttpd("mod_openssl"), "lighttpd", "tls.no-certificate-request",
                             "ssl.verifyclient.enforce", "client"),
        "lighttpd-gnutls": (["lighttpd"], lighttpd("mod_gnutls"), "lighttpd", "tls.no-certificate-request",
                            "ssl.verifyclient.enforce", "client"),
        "caddy": (["caddy"], caddy, "caddy", "tls.no-certificate-request", "mode require_and_verify", "client"),
        "stunnel": (["stunnel4"], stunnel(backend_port), "unknown", "tls.no-certificate-request", None, "client"),
        "node": (["node"], node, "node", "http.client-cert-rejected", "ca: fs.readFileSync", "other-client"),
    }
    if shutil.which("go"):
        try:
            out["go"] = (["go"], go(build_go(build_dir)), "go", "tls.no-certificate-request",
                         "tls.RequireAndVerifyClientCert", "client")
        except subprocess.CalledProcessError as e:
            fail(f"go build failed: {e}")
    else:
        print("skipped go: golang-go is not installed (scripts/install-deps.sh)")
    return out


def lighttpd_module_present(module):
    return os.path.exists(f"/usr/lib/lighttpd/{module}.so")


def probe(binary, port, d, identity):
    args = [binary, "probe", f"https://localhost:{port}/", "--ca", f"{d}/ca.pem", "--timeout", "8", "--format", "json"]
    if identity:
        args += ["--cert", f"{d}/{identity}.pem", "--key", f"{d}/{identity}.key"]
    r = subprocess.run(args, capture_output=True, text=True, timeout=60)
    try:
        return r.returncode, json.loads(r.stdout)
    except json.JSONDecodeError:
        return r.returncode, {"error": r.stdout + r.stderr}


def commands_of(finding):
    return [c.get("command", "") if isinstance(c, dict) else c for c in finding.get("remedy", {}).get("commands", [])]


def labels_of(finding):
    return [c.get("label", "") for c in finding.get("remedy", {}).get("commands", []) if isinstance(c, dict)]


def check_failing(name, report, software, finding_id, directive):
    seen = report.get("evidence", {}).get("probe", {}).get("server_software", {})
    if seen.get("name") != software:
        fail(f"{name} (failing): recognised {seen} instead of {software}")
    found = [f for f in report.get("findings", []) if f.get("id") == finding_id]
    if not found:
        fail(f"{name} (failing): no {finding_id} among {[f.get('id') for f in report.get('findings', [])]}")
        return
    f = found[0]
    text = f.get("remedy", {}).get("text", "")
    if directive is None:
        if "not recognised" not in text or commands_of(f):
            fail(f"{name} (failing): unknown software must give the generic rule and no command: {text!r} {commands_of(f)}")
    elif not any(directive in c for c in commands_of(f)):
        fail(f"{name} (failing): {finding_id}'s fix does not name {directive!r}: {commands_of(f)}")
    if software != "iis" and any(l == "IIS" for l in labels_of(f)):
        fail(f"{name} (failing): IIS advice for {software}: {commands_of(f)}")
    print(f"ok {name} (failing): {software}, {finding_id}: {commands_of(f)[:2]}")


def check_healthy(name, code, report, other_code, other):
    if code != 0:
        fail(f"{name} (healthy): exit {code}, findings {[x.get('id') for x in report.get('findings', [])]} "
             f"{report.get('error', '')[:500]}")
    refused = [f for f in other.get("findings", []) if f.get("id") in ("tls.client-cert-rejected", "http.client-cert-rejected")]
    if other_code != 1 or not refused:
        fail(f"{name} (healthy, other CA): exit {other_code}, findings {[x.get('id') for x in other.get('findings', [])]}")
    for f in other.get("findings", []):
        if any(l == "IIS" for l in labels_of(f)):
            fail(f"{name} (healthy, other CA): IIS advice in {f.get('id')}: {commands_of(f)}")
    print(f"ok {name} (healthy): exit {code}; other CA: exit {other_code}, "
          f"{other.get('evidence', {}).get('probe', {}).get('server_software', {}).get('name')}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    if not shutil.which("openssl"):
        print("openssl is not installed (scripts/install-deps.sh)")
        return 77
    a.build_dir = os.path.abspath(a.build_dir)
    os.makedirs(a.build_dir, exist_ok=True)
    d = tempfile.mkdtemp(prefix="mtls-servers-")
    servers = []
    try:
        make_pki(d)
        # stunnel's backend: Python's http.server (its Server header names no software we fix).
        backend_port = free_port()
        empty = os.path.join(d, "backend-www")
        os.makedirs(empty)
        backend = Server("backend", [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", empty,
                                     str(backend_port)], d, backend_port)
        servers.append(backend)
        plan = {}
        for name, (programs, make, software, finding, directive, identity) in cases(a.build_dir, backend_port).items():
            if a.only and not name.startswith(a.only):
                continue
            missing = [p for p in programs if not shutil.which(p)]
            if name.startswith("lighttpd") and not missing:
                module = "mod_" + name.split("-")[1]
                if not lighttpd_module_present(module):
                    missing = [f"lighttpd-{module.replace('_', '-')}"]
            if missing:
                print(f"skipped {name}: {', '.join(missing)} not installed (scripts/install-deps.sh)")
                continue
            ports = (free_port(), free_port())
            started = [Server(f"{name}-{kind}", make(d, port, kind == "healthy"), d, port)
                       for kind, port in zip(("failing", "healthy"), ports)]
            servers += started
            plan[name] = (started, software, finding, directive, identity)
        ready = all(s.wait_ready() for s in servers)
        if not ready:
            return 1
        jobs = {}
        with ThreadPoolExecutor(max_workers=8) as pool:
            for name, (started, software, finding, directive, identity) in plan.items():
                failing, healthy = started
                jobs[name] = (pool.submit(probe, a.binary, failing.port, d, identity),
                              pool.submit(probe, a.binary, healthy.port, d, "client"),
                              pool.submit(probe, a.binary, healthy.port, d, "other-client"))
            for name, (f_job, h_job, o_job) in jobs.items():
                _, software, finding, directive, _ = plan[name]
                _, report = f_job.result()
                check_failing(name, report, software, finding, directive)
                code, healthy_report = h_job.result()
                other_code, other_report = o_job.result()
                check_healthy(name, code, healthy_report, other_code, other_report)
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(d, ignore_errors=True)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)")
        return 1
    print("all server software recognised")
    return 0


if __name__ == "__main__":
    sys.exit(main())
