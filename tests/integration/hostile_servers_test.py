#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`mtls-doctor probe` against hostile servers on loopback.

Every server below misbehaves in one way. For each, the probe (run with a short --timeout, all of
them at once) must end, stay under a memory ceiling, exit 1 and lead with a finding whose words
say what happened; then one `probe --targets` run mixes all of them with healthy servers and
every healthy one must still be reported healthy.

Servers that need no TLS state of their own are raw sockets writing hand-made TLS 1.2 records
(RFC 5246 §6.2, §7.4): a ServerHello for an RSA key-exchange suite, the server Certificate, a
CertificateRequest and ServerHelloDone are all plaintext, so no key is needed to reach them. The
servers that must finish a handshake use Python's ssl module (OpenSSL). The PKI is made at test
time with the openssl command. Everything listens on 127.0.0.1 and stops at the end; every
connection thread is bounded in time.

Time: the probe must end within --timeout; the CI assertion allows --slack seconds on top (a loaded
CI machine is not a stopwatch), and the time a run takes less the binary's own start-up time is
printed; `--slack 1` checks the published bound (docs/ROBUSTNESS.md).
"""
import argparse
import json
import os
import select
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 3          # the probe's --timeout, seconds
MAX_RSS_MB = 100     # peak resident memory of one probe process (release build)
# A sanitizer build starts near 100 MB on its own (shadow memory, allocator): there the ceiling is
# what the probe adds over the same binary's start-up footprint (`--version`), i.e. 100 MB less
# the ~10 MB a release build starts with.
MAX_GROWTH_MB = 90
CONNECTION_LIFE = 20  # no server connection lives longer than this, seconds
# OpenSSL's client spends real CPU on a CertificateRequest at the protocol's limits (thousands of
# CA names against 32 767 signature algorithms); on a loaded sanitizer build that can exceed 3 s
# and turn the expected verdict into a timeout, so that server gets a longer budget.
TIMEOUT_FOR = {"largest-request": 10}

STOP = threading.Event()


# --- hand-made TLS 1.2 ------------------------------------------------------------------------

def record(content_type, payload):
    out = b""
    for i in range(0, max(len(payload), 1), 16384):
        chunk = payload[i:i + 16384]
        out += struct.pack("!BHH", content_type, 0x0303, len(chunk)) + chunk
    return out


def handshake(msg_type, body):
    return struct.pack("!B", msg_type) + len(body).to_bytes(3, "big") + body


def read_client_hello(conn):
    """Read the ClientHello record(s); returns (session_id, cipher_suites) or None."""
    conn.settimeout(5)
    data = b""
    try:
        while True:
            while len(data) < 5:
                chunk = conn.recv(4096)
                if not chunk:
                    return None
                data += chunk
            length = struct.unpack("!H", data[3:5])[0]
            while len(data) < 5 + length:
                chunk = conn.recv(4096)
                if not chunk:
                    return None
                data += chunk
            body = data[5:5 + length]
            if data[0] != 22 or body[0] != 1:
                return None
            hello = body[4:]
            sid_len = hello[34]
            session_id = hello[35:35 + sid_len]
            at = 35 + sid_len
            suites_len = struct.unpack("!H", hello[at:at + 2])[0]
            suites = [struct.unpack("!H", hello[at + 2 + i:at + 4 + i])[0] for i in range(0, suites_len, 2)]
            return session_id, suites
    except (OSError, IndexError, struct.error):
        return None


def server_hello(session_id, suites):
    # An RSA key-exchange suite needs no ServerKeyExchange; renegotiation_info (RFC 5746) because
    # OpenSSL refuses servers without it.
    suite = next((s for s in (0x009C, 0x002F, 0x003C, 0x009D, 0x0035) if s in suites), 0x009C)
    extensions = struct.pack("!HH", 0xFF01, 1) + b"\x00"
    body = (b"\x03\x03" + os.urandom(32) + bytes([len(session_id)]) + session_id +
            struct.pack("!HB", suite, 0) + struct.pack("!H", len(extensions)) + extensions)
    return handshake(2, body)


def certificate(ders):
    certs = b"".join(len(d).to_bytes(3, "big") + d for d in ders)
    return handshake(11, len(certs).to_bytes(3, "big") + certs)


def der_name(common_name):
    """DER of Name ::= SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String } } }."""
    def tlv(tag, value):
        n = len(value)
        if n < 128:
            length = bytes([n])
        elif n < 256:
            length = b"\x81" + bytes([n])
        else:
            length = b"\x82" + struct.pack("!H", n)
        return bytes([tag]) + length + value
    atv = tlv(0x30, tlv(0x06, b"\x55\x04\x03") + tlv(0x0C, common_name.encode()))
    return tlv(0x30, tlv(0x31, atv))


def largest_certificate_request():
    """TLS 1.2 CertificateRequest at the protocol's limits (RFC 5246 §7.4.4):
    supported_signature_algorithms<2..2^16-2> and certificate_authorities<0..2^16-1>, both full."""
    sigalgs = b"".join(struct.pack("!H", 0x0100 + i) for i in range(32767 - 2)) + b"\x04\x01\x08\x04"
    names = b""
    n = 0
    while True:
        entry = der_name(f"Hostile CA {n:05d}")
        if len(names) + 2 + len(entry) > 65535 - 64:
            break
        names += struct.pack("!H", len(entry)) + entry
        n += 1
    pad = 65535 - len(names) - 2 - len(der_name(""))
    last = der_name("L" * pad)
    while len(names) + 2 + len(last) > 65535:
        pad -= 1
        last = der_name("L" * pad)
    names += struct.pack("!H", len(last)) + last
    body = b"\x01\x01" + struct.pack("!H", len(sigalgs)) + sigalgs + struct.pack("!H", len(names)) + names
    return handshake(13, body), n + 1, len(names)


# --- the hostile behaviours -------------------------------------------------------------------

def sleep_until_stop(seconds):
    STOP.wait(seconds)


def silent(conn, ctx):
    """Accepts and never speaks."""
    sleep_until_stop(CONNECTION_LIFE)


def garbage(conn, ctx):
    """Answers the ClientHello with bytes that are not TLS."""
    if read_client_hello(conn) is None:
        return
    conn.sendall(b"\x00\xffGARBAGE\x7f" * 400)
    sleep_until_stop(CONNECTION_LIFE)


def drip(conn, ctx):
    """A ServerHello record, one byte a second."""
    hello = read_client_hello(conn)
    if hello is None:
        return
    data = record(22, server_hello(*hello))
    for byte in data:
        if STOP.is_set():
            return
        conn.sendall(bytes([byte]))
        sleep_until_stop(1)


def huge_record(conn, ctx):
    """A handshake header claiming a 16 MiB message, then filler for as long as it is read."""
    if read_client_hello(conn) is None:
        return
    conn.sendall(record(22, b"\x02\xff\xff\xff" + b"\x00" * 16000))
    filler = record(22, b"\x00" * 16384)
    end = time.monotonic() + CONNECTION_LIFE
    while not STOP.is_set() and time.monotonic() < end:
        conn.sendall(filler)


def large_chain(conn, ctx):
    """A 1 MiB server certificate chain (the same certificate, many times)."""
    hello = read_client_hello(conn)
    if hello is None:
        return
    der = ctx["server_der"]
    copies = (1024 * 1024) // len(der) + 1
    conn.sendall(record(22, server_hello(*hello) + certificate([der] * copies)))
    sleep_until_stop(CONNECTION_LIFE)


def largest_request(conn, ctx):
    """CertificateRequest at the protocol's size limit, then the connection is closed."""
    hello = read_client_hello(conn)
    if hello is None:
        return
    request, _, _ = largest_certificate_request()
    flight = server_hello(*hello) + certificate([ctx["server_der"]]) + request + handshake(14, b"")
    conn.sendall(record(22, flight))
    # The client answers (Certificate, ClientKeyExchange, Finished); a hand-made server has no
    # key to go on with.
    conn.settimeout(5)
    try:
        conn.recv(65536)
    except OSError:
        pass


def hello_request_loop(conn, ctx):
    """HelloRequest after HelloRequest, instead of a ServerHello (RFC 5246 §7.4.1.1)."""
    if read_client_hello(conn) is None:
        return
    message = record(22, handshake(0, b""))
    end = time.monotonic() + CONNECTION_LIFE
    while not STOP.is_set() and time.monotonic() < end:
        conn.sendall(message * 64)
        time.sleep(0.01)


def reset_after_hello(conn, ctx):
    """Reset right after the ClientHello."""
    read_client_hello(conn)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def close_mid_record(conn, ctx):
    """Half a ServerHello record, then FIN."""
    hello = read_client_hello(conn)
    if hello is None:
        return
    data = record(22, server_hello(*hello))
    conn.sendall(data[:len(data) // 2])


def read_http_head(tls):
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 16384:
        chunk = tls.recv(4096)
        if not chunk:
            return None
        data += chunk
    return data


def endless_body(tls):
    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
    chunk = b"x" * 16384
    end = time.monotonic() + CONNECTION_LIFE
    while not STOP.is_set() and time.monotonic() < end:
        tls.sendall(chunk)


def endless_http1(tls, ctx):
    """200 OK without a length, and a body that never ends."""
    if read_http_head(tls) is not None:
        endless_body(tls)


def frame(frame_type, flags, stream, payload):
    return len(payload).to_bytes(3, "big") + struct.pack("!BBI", frame_type, flags, stream) + payload


def endless_h2(tls, ctx):
    """HTTP/2: HEADERS :status 200 for stream 1, then DATA frames forever within the client's
    flow-control windows (RFC 9113 §5.2, §6.9), never END_STREAM."""
    if tls.selected_alpn_protocol() != "h2":
        endless_http1(tls, ctx)
        return
    tls.sendall(frame(4, 0, 0, b""))  # SETTINGS
    connection_window = stream_window = 65535
    pending = b""
    sent_headers = False
    end = time.monotonic() + CONNECTION_LIFE
    tls.setblocking(False)
    while not STOP.is_set() and time.monotonic() < end:
        readable, _, _ = select.select([tls], [], [], 0 if (sent_headers and min(connection_window, stream_window) > 0) else 0.2)
        if readable or tls.pending():
            try:
                chunk = tls.recv(65536)
            except ssl.SSLWantReadError:
                chunk = None
            if chunk == b"":
                return
            if chunk:
                pending += chunk
        if pending.startswith(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"):
            pending = pending[24:]
        while len(pending) >= 9:
            length = int.from_bytes(pending[:3], "big")
            if len(pending) < 9 + length:
                break
            frame_type, flags, stream = pending[3], pending[4], struct.unpack("!I", pending[5:9])[0] & 0x7FFFFFFF
            payload = pending[9:9 + length]
            pending = pending[9 + length:]
            if frame_type == 4 and not flags & 1:
                tls.setblocking(True)
                tls.sendall(frame(4, 1, 0, b""))  # SETTINGS ACK
                tls.setblocking(False)
            elif frame_type == 8 and len(payload) == 4:
                increment = struct.unpack("!I", payload)[0] & 0x7FFFFFFF
                if stream == 0:
                    connection_window += increment
                else:
                    stream_window += increment
            elif frame_type == 1 and stream == 1 and not sent_headers:
                tls.setblocking(True)
                tls.sendall(frame(1, 4, 1, b"\x88"))  # HEADERS, END_HEADERS, :status 200 (HPACK index 8)
                tls.setblocking(False)
                sent_headers = True
        size = min(16384, connection_window, stream_window)
        if sent_headers and size > 0:
            tls.setblocking(True)
            tls.sendall(frame(0, 0, 1, b"y" * size))
            tls.setblocking(False)
            connection_window -= size
            stream_window -= size


def pha_loop(tls, ctx):
    """TLS 1.3: a post-handshake CertificateRequest, again and again, never an answer."""
    if read_http_head(tls) is None:
        return
    end = time.monotonic() + CONNECTION_LIFE
    try:
        while not STOP.is_set() and time.monotonic() < end:
            tls.verify_client_post_handshake()
            tls.settimeout(0.2)
            try:
                tls.recv(1024)  # processes the client's Certificate and Finished
            except (TimeoutError, socket.timeout):
                pass
    except ssl.SSLError:
        # The client did not offer post_handshake_auth (the browser-like attempt).
        tls.settimeout(5)
        tls.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def healthy(tls, ctx):
    """Requires the client certificate in the handshake and answers 200."""
    if read_http_head(tls) is None:
        return
    body = b"hello, certificate accepted\n"
    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                % len(body) + body)


# name -> (handler, kind, (finding ids any one of which must lead), words its detail must hold)
RAW = "raw"
HOSTILE = {
    "silent": (silent, RAW, ("tls.handshake-failed",), "--timeout"),
    "garbage": (garbage, RAW, ("tls.handshake-failed",), "not TLS"),
    "drip": (drip, RAW, ("tls.handshake-failed",), "--timeout"),
    "huge-record": (huge_record, RAW, ("tls.handshake-failed",), "larger than"),
    "large-chain": (large_chain, RAW, ("tls.handshake-failed",), "larger than"),
    # The server closes after the client's certificate: a refusal (tls.client-cert-rejected) for
    # the attempt that sent one; which attempt the shared --timeout reaches depends on the load.
    "largest-request": (largest_request, RAW, ("tls.client-cert-rejected", "tls.handshake-failed"), "closed the connection"),
    "hello-request-loop": (hello_request_loop, RAW, ("tls.handshake-failed",), "HelloRequest"),
    "reset-after-hello": (reset_after_hello, RAW, ("tls.handshake-failed",), "reset"),
    "close-mid-record": (close_mid_record, RAW, ("tls.handshake-failed",), "closed the connection"),
    "endless-body": (endless_http1, "tls12+13", ("tls.no-certificate-request",), "did not end"),
    "endless-h2": (endless_h2, "h2", ("tls.no-certificate-request",), "did not end"),
    "pha-loop": (pha_loop, "pha", ("tls.certificate-request-post-handshake",), "CertificateRequests"),
}


def tls_context(kind, pki):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(pki["server_cert"], pki["server_key"])
    if kind == "h2":
        ctx.set_alpn_protocols(["h2", "http/1.1"])
    else:
        ctx.set_alpn_protocols(["http/1.1"])
    if kind == "pha":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
        ctx.load_verify_locations(pki["ca"])
        ctx.verify_mode = ssl.CERT_OPTIONAL
        ctx.post_handshake_auth = True
    if kind == "healthy":
        ctx.load_verify_locations(pki["ca"])
        ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


class Server:
    """One listener on 127.0.0.1, a thread per connection."""

    def __init__(self, handler, kind, pki):
        self.handler = handler
        self.kind = kind
        self.pki = pki
        self.ssl = None if kind == RAW else tls_context(kind, pki)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self.accept_loop, daemon=True)
        self.thread.start()

    def accept_loop(self):
        while not STOP.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn):
        try:
            conn.settimeout(CONNECTION_LIFE)
            if self.ssl is None:
                self.handler(conn, self.pki)
            else:
                with self.ssl.wrap_socket(conn, server_side=True) as tls:
                    self.handler(tls, self.pki)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def url(self):
        return f"https://127.0.0.1:{self.port}/"

    def close(self):
        self.sock.close()


def make_pki(directory):
    def run(*args):
        subprocess.run(["openssl", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    p = {name: os.path.join(directory, name) for name in
         ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem", "server.der", "client.key", "client.csr",
          "client.pem", "server.ext", "client.ext")}
    with open(p["server.ext"], "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    with open(p["client.ext"], "w") as f:
        f.write("extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n")
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p["ca.key"], "-out", p["ca.pem"], "-days", "2",
        "-subj", "/CN=Hostile Test CA")
    for who in ("server", "client"):
        run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", p[f"{who}.key"], "-out", p[f"{who}.csr"],
            "-subj", f"/CN={who}")
        run("x509", "-req", "-in", p[f"{who}.csr"], "-CA", p["ca.pem"], "-CAkey", p["ca.key"], "-CAcreateserial",
            "-days", "2", "-extfile", p[f"{who}.ext"], "-out", p[f"{who}.pem"])
    run("x509", "-in", p["server.pem"], "-outform", "DER", "-out", p["server.der"])
    with open(p["server.der"], "rb") as f:
        server_der = f.read()
    return {"ca": p["ca.pem"], "server_cert": p["server.pem"], "server_key": p["server.key"],
            "client_cert": p["client.pem"], "client_key": p["client.key"], "server_der": server_der}


def start_up(binary):
    """Peak RSS (MB) and wall time (s) of the binary doing nothing (`--version`)."""
    best = None
    for _ in range(3):
        handle, path = tempfile.mkstemp(prefix="mtls-hostile-version-")
        os.close(handle)
        run = Run([binary, "--version"], path, 60)
        run.join()
        os.unlink(path)
        best = (run.rss_mb, run.seconds) if best is None else (max(best[0], run.rss_mb), min(best[1], run.seconds))
    return best


class Run:
    """One mtls-doctor process: output, exit status, wall time and peak RSS (wait4)."""

    def __init__(self, args, out_path, hang_limit):
        self.out_path = out_path
        self.started = time.monotonic()
        with open(out_path, "wb") as out:
            self.proc = subprocess.Popen(args, stdout=out, stderr=subprocess.DEVNULL)
        self.hang_limit = hang_limit
        self.status = None
        self.seconds = None
        self.rss_mb = None
        self.killed = False
        self.thread = threading.Thread(target=self.wait, daemon=True)
        self.thread.start()

    def wait(self):
        killer = threading.Timer(self.hang_limit, self.kill)
        killer.start()
        _, status, usage = os.wait4(self.proc.pid, 0)
        killer.cancel()
        self.seconds = time.monotonic() - self.started
        self.status = os.waitstatus_to_exitcode(status)
        self.rss_mb = usage.ru_maxrss / 1024.0  # KiB on Linux
        self.proc.returncode = self.status

    def kill(self):
        self.killed = True
        self.proc.kill()

    def join(self):
        self.thread.join()
        with open(self.out_path, "rb") as f:
            return f.read().decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--slack", type=float, default=10.0,
                        help="seconds past --timeout the probe may take before the test fails")
    parser.add_argument("--only", help="comma list of hostile servers to run")
    options = parser.parse_args()
    if not shutil.which("openssl"):
        print("openssl is not installed (scripts/install-deps.sh)")
        return 77

    workdir = tempfile.mkdtemp(prefix="mtls-hostile-")
    servers = {}
    failures = []
    try:
        pki = make_pki(workdir)
        names = options.only.split(",") if options.only else list(HOSTILE)
        for name in names:
            handler, kind, _, _ = HOSTILE[name]
            servers[name] = Server(handler, kind, pki)
        healthy_servers = [Server(healthy, "healthy", pki) for _ in range(3)]
        identity = ["--cert", pki["client_cert"], "--key", pki["client_key"], "--ca", pki["ca"]]
        hang_limit = TIMEOUT + options.slack + 30
        base_rss, base_seconds = start_up(options.binary)
        rss_limit = max(MAX_RSS_MB, base_rss + MAX_GROWTH_MB)
        print(f"start-up of the binary alone: {base_rss:.1f} MB, {base_seconds:.2f} s; RSS limit {rss_limit:.0f} MB")
        _, request_names, request_bytes = largest_certificate_request()

        # 1. Every hostile server alone, all at once.
        base = [options.binary, "probe", "--format", "json"]
        runs = {name: Run(base + ["--timeout", str(TIMEOUT_FOR.get(name, TIMEOUT)), server.url()] + identity,
                          os.path.join(workdir, name + ".json"), hang_limit + TIMEOUT_FOR.get(name, TIMEOUT))
                for name, server in servers.items()}
        # seconds: the whole process; -start: less the binary's start-up; attempts: the time the
        # probe's own attempts took (timings_ms.total summed), which CPU starvation inflates least.
        print(f"{'server':20} {'exit':>4} {'seconds':>7} {'-start':>6} {'attempts':>8} {'RSS MB':>6}  top finding")
        for name, run in runs.items():
            out = run.join()
            _, _, expected_ids, words = HOSTILE[name]
            problems = []
            top, detail = None, ""
            attempts_s = float("nan")
            try:
                report = json.loads(out)
                attempts_s = sum(a.get("timings_ms", {}).get("total", 0) for a in report["evidence"]["probe"]["attempts"]) / 1000
                if report.get("findings"):
                    top = report["findings"][0]["id"]
                    detail = report["findings"][0].get("detail", "")
            except (json.JSONDecodeError, KeyError, TypeError):
                problems.append("output is not a probe report")
            if run.killed:
                problems.append(f"did not end within {hang_limit:.0f} s (killed)")
            if run.status != 1:
                problems.append(f"exit {run.status}, not 1")
            budget = TIMEOUT_FOR.get(name, TIMEOUT)
            if run.seconds - base_seconds > budget + options.slack:
                problems.append(f"took {run.seconds - base_seconds:.1f} s past start-up, more than --timeout {budget} s + "
                                f"{options.slack} s")
            if run.rss_mb > rss_limit:
                problems.append(f"peak RSS {run.rss_mb:.0f} MB > {rss_limit:.0f} MB")
            if name == "largest-request" and top is not None:
                # The whole CertificateRequest was read: every CA name, every byte.
                seen = [a for a in report["evidence"]["probe"]["attempts"] if a.get("ca_names")]
                if not seen or len(seen[0]["ca_names"]) != request_names or seen[0].get("ca_names_bytes") != request_bytes:
                    problems.append(f"the CA list was not read in full ({request_names} names, {request_bytes} bytes)")
            if top not in expected_ids:
                problems.append(f"top finding {top}, expected one of {expected_ids}")
            if words not in detail:
                problems.append(f"the finding does not say '{words}': {detail[:400]!r}")
            print(f"{name:20} {run.status!s:>4} {run.seconds:7.2f} {run.seconds - base_seconds:6.2f} {attempts_s:8.2f} "
                  f"{run.rss_mb:6.1f}  {top}"
                  + ("" if not problems else "  FAIL: " + "; ".join(problems)))
            if problems:
                failures.append(name)

        # 2. One --targets run: the hostile servers mixed among the healthy ones.
        targets = os.path.join(workdir, "targets.txt")
        urls = []
        hostile_urls = [s.url() for s in servers.values()]
        healthy_urls = [s.url() for s in healthy_servers]
        for i, url in enumerate(hostile_urls):
            urls.append(url)
            if i % 4 == 1 and healthy_urls:
                urls.append(healthy_urls.pop(0))
        urls += healthy_urls
        with open(targets, "w") as f:
            f.write("# hostile servers among healthy ones\n" + "\n".join(urls) + "\n")
        healthy_set = {s.url() for s in healthy_servers}
        fleet = Run([options.binary, "probe", "--targets", targets, "-j", str(len(urls)), "--timeout", str(TIMEOUT),
                     "--format", "json"] + identity, os.path.join(workdir, "fleet.json"), hang_limit)
        out = fleet.join()
        problems = []
        try:
            doc = json.loads(out)
            reports = doc["targets"]
            if len(reports) != len(urls):
                problems.append(f"{len(reports)} reports for {len(urls)} targets")
            for url, report in zip(urls, reports):
                errors = report.get("summary", {}).get("errors")
                if url in healthy_set and errors != 0:
                    ids = [f["id"] for f in report.get("findings", [])]
                    problems.append(f"healthy {url} reported with {errors} errors: {ids}")
                if url not in healthy_set and not errors:
                    problems.append(f"hostile {url} reported without an error")
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            problems.append(f"unreadable --targets output ({e})")
        if fleet.status != 1:
            problems.append(f"exit {fleet.status}, not 1")
        if fleet.rss_mb > rss_limit:
            problems.append(f"peak RSS {fleet.rss_mb:.0f} MB > {rss_limit:.0f} MB")
        print(f"{'--targets (' + str(len(urls)) + ')':20} {fleet.status!s:>4} {fleet.seconds:7.2f} "
              f"{fleet.seconds - base_seconds:6.2f} {'':8} {fleet.rss_mb:6.1f}"
              + ("" if not problems else "  FAIL: " + "; ".join(problems)))
        if problems:
            failures.append("--targets")
    finally:
        STOP.set()
        for server in servers.values():
            server.close()
        shutil.rmtree(workdir, ignore_errors=True)
    if failures:
        print("FAILED: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
